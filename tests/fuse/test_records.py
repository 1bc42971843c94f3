"""Fusion of claims into records, with values worked out by hand."""
from __future__ import annotations

import datetime as dt

from armsflow.fuse.records import FuseClaim, fuse, record_status
from armsflow.model import StatusEvent


def fc(cid, source, published, status="ordered", year=None, hedged=False, family="T-72MS", system="T-72MS",
       supplier="RUS", recipient="SRB", quantity=None, review="extracted", category="tank"):
    return FuseClaim(claim_id=cid, source_id=source, published=dt.date.fromisoformat(published), supplier=supplier,
                     recipient=recipient, family=family, system=system, category=category, quantity=quantity,
                     status=status, year=year, hedged=hedged, review=review)


def test_an_echo_is_one_source():
    # claim 2 comes from a document whose original is document 1: one independent source, not two
    [(rec, ids)] = fuse([fc(1, 1, "2023-01-20", year=2021), fc(2, 1, "2023-01-26", year=2021)])
    assert ids == [1, 2]
    assert (rec.claims, rec.sources, rec.unhedged, rec.hedged) == (2, 1, 1, 0)
    assert rec.confidence == 0.6                     # one plain source
    assert rec.key == "news|RUS|SRB|T-72MS|2021"


def test_independent_sources_and_confidence():
    [(rec, _)] = fuse([fc(1, 1, "2023-01-20", year=2021), fc(2, 2, "2023-02-01", year=2021, hedged=True),
                       fc(3, 3, "2023-03-01", year=2022)])
    # 1 - (1-0.6)(1-0.3)(1-0.6) = 1 - 0.4*0.7*0.4 = 0.888
    assert (rec.sources, rec.unhedged, rec.hedged, rec.confidence) == (3, 2, 1, 0.888)
    assert (rec.period_start, rec.period_end) == (2021, 2022)


def test_periods_split_distant_deals():
    out = fuse([fc(1, 1, "2017-10-01", year=2017, status="delivered"), fc(2, 2, "2023-01-01", year=2023)])
    assert sorted((r.period_start, r.status) for r, _ in out) == [(2017, "delivered"), (2023, "ordered")]


def test_an_undated_claim_joins_the_latest_period_without_its_publication_year():
    [(rec, ids)] = fuse([fc(1, 1, "2022-05-01", year=2021), fc(2, 2, "2022-06-01", year=None)])
    assert ids == [1, 2] and (rec.period_start, rec.period_end) == (2021, 2021)
    out = fuse([fc(1, 1, "2012-05-01", year=2011), fc(2, 2, "2023-06-01", year=2022), fc(3, 3, "2024-01-09")])
    assert sorted((r.period_start, ids) for r, ids in out) == [(2011, [1]), (2022, [2, 3])]


def test_claims_that_state_no_year_make_a_record_with_no_year():
    # published 2023, the sentences date nothing: the record is undated, not a 2023 record
    [(rec, ids)] = fuse([fc(1, 1, "2023-03-01", hedged=True), fc(2, 2, "2023-04-11", hedged=True)])
    assert ids == [1, 2]
    assert (rec.period_start, rec.period_end) == (None, None)
    assert [e.year for e in rec.timeline] == [None]
    assert rec.key == "news|RUS|SRB|T-72MS|-"
    assert (rec.first_seen, rec.last_seen) == (dt.date(2023, 3, 1), dt.date(2023, 4, 11))


def test_timeline_and_status_stages():
    [(rec, _)] = fuse([fc(1, 1, "2021-01-01", status="interest", year=2020),
                       fc(2, 2, "2021-06-01", status="ordered", year=2021),
                       fc(3, 3, "2022-06-01", status="delivered", year=2022, quantity=6),
                       fc(4, 4, "2022-07-01", status="ordered", year=2021, quantity=4)])
    assert [(e.status, e.year) for e in rec.timeline] == [("interest", 2020), ("ordered", 2021), ("delivered", 2022)]
    assert rec.status == "delivered"
    assert (rec.quantity_min, rec.quantity_max) == (4, 6)
    assert (rec.first_seen, rec.last_seen) == (dt.date(2021, 1, 1), dt.date(2022, 7, 1))


def test_a_later_cancellation_ends_the_story():
    events = [StatusEvent("ordered", 2021, dt.date(2021, 3, 1)), StatusEvent("cancelled", 2022, dt.date(2022, 5, 1))]
    assert record_status(events) == "cancelled"
    events = [StatusEvent("cancelled", 2019, dt.date(2019, 3, 1)), StatusEvent("ordered", 2022, dt.date(2022, 5, 1))]
    assert record_status(events) == "ordered"


def test_analyst_decisions_win():
    out = fuse([fc(1, 1, "2023-01-01", year=2022, review="rejected"), fc(2, 2, "2023-02-01", year=2022)])
    [(rec, ids)] = out
    assert ids == [2] and rec.sources == 1
    [(rec, _)] = fuse([fc(3, 1, "2023-01-01", year=2022, review="accepted", hedged=True)])
    # an accepted claim weighs 0.9 whatever its wording
    assert rec.confidence == 0.9 and rec.hedged == 1


def test_generic_and_named_claims_are_separate_records():
    out = fuse([fc(1, 1, "2023-01-01", year=2022), fc(2, 1, "2023-01-01", year=2022, family="uav", system=None,
                                                      category="uav")])
    assert sorted(r.key for r, _ in out) == ["news|RUS|SRB|T-72MS|2022", "news|RUS|SRB|uav|2022"]
