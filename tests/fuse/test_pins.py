"""Pins in fusion: an analyst's merge or split overrules grouping by family and period (pure, no store)."""
from __future__ import annotations

import datetime as dt

from armsflow.fuse.records import FuseClaim, fuse


def fc(cid, source, published, year, family="MiG-29", category="combat_aircraft", supplier="RUS", recipient="SRB",
       pin=None, review="extracted"):
    return FuseClaim(claim_id=cid, source_id=source, published=dt.date.fromisoformat(published), supplier=supplier,
                     recipient=recipient, family=family, system=family, category=category, quantity=None,
                     status="ordered", year=year, hedged=False, review=review, pin=pin)


def test_a_pin_joins_claims_across_families_and_periods():
    claims = [fc(1, 1, "2017-10-01", 2017, pin="aaaa"), fc(2, 2, "2023-01-01", 2023, pin="aaaa"),
              fc(3, 3, "2023-02-01", 2023, family="Mi-35", category="helicopter", pin="aaaa")]
    [(rec, ids)] = fuse(claims)
    assert ids == [1, 2, 3]
    assert (rec.sources, rec.period_start, rec.period_end, rec.category) == (3, 2017, 2023, "combat_aircraft")
    assert rec.key == "news|RUS|SRB|MiG-29#aaaa|2017"


def test_unpinned_claims_fuse_as_before_beside_a_pinned_group():
    claims = [fc(1, 1, "2021-01-01", 2021), fc(2, 2, "2021-03-01", 2021), fc(3, 3, "2021-04-01", 2021, pin="bbbb")]
    out = {tuple(ids): rec.key for rec, ids in fuse(claims)}
    assert out == {(1, 2): "news|RUS|SRB|MiG-29|2021", (3,): "news|RUS|SRB|MiG-29#bbbb|2021"}


def test_two_pins_of_one_dyad_and_family_never_share_a_key():
    # same family, same year, even pins with a common prefix: the keys carry the whole pin
    claims = [fc(1, 1, "2021-01-01", 2021, pin="0123456789abcdef"),
              fc(2, 2, "2021-01-01", 2021, pin="0123456789abcdee")]
    keys = [rec.key for rec, _ in fuse(claims)]
    assert len(keys) == 2 and len(set(keys)) == 2


def test_one_pin_in_two_dyads_makes_two_records_and_rejected_claims_stay_out():
    claims = [fc(1, 1, "2021-01-01", 2021, pin="cccc"), fc(2, 2, "2021-01-01", 2021, pin="cccc", recipient="HUN"),
              fc(3, 3, "2021-01-01", 2021, pin="cccc", review="rejected")]
    out = sorted((rec.recipient, ids) for rec, ids in fuse(claims))
    assert out == [("HUN", [2]), ("SRB", [1])]


def test_the_family_of_a_pinned_key_is_the_most_common_one_ties_broken_by_name():
    claims = [fc(1, 1, "2021-01-01", 2021, family="Mi-35", pin="dddd"), fc(2, 2, "2021-01-01", 2021, pin="dddd")]
    [(rec, _)] = fuse(claims)
    assert rec.key == "news|RUS|SRB|Mi-35#dddd|2021"           # one each: "Mi-35" < "MiG-29"
    [(again, _)] = fuse(list(reversed(claims)))
    assert again.key == rec.key
