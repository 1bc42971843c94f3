"""Supplier shares, HHI and bloc alignment on hand-built datasets; every expected value is worked out by hand."""
from __future__ import annotations

import pytest

from armsflow.analyze.dataset import make_dataset, make_item
from armsflow.analyze.shares import (AlignmentError, alignment_from, alignment_trend, bloc_alignment, concentration,
                                     hhi, load_alignment, supplier_shares)


def serbia_kosovo():
    return [
        # Serbia: three Russian register deals, one Chinese register deal, one French news record
        make_item("RUS", "SRB", start=2016, delivered=[2016], source="sipri", tiv_delivered=30.0),
        make_item("RUS", "SRB", start=2013, delivered=[2014, 2016], source="sipri", tiv_delivered=20.0),
        make_item("RUS", "SRB", start=2024, source="sipri"),                     # no TIV delivered
        make_item("CHN", "SRB", start=2019, delivered=[2020], source="sipri", tiv_delivered=40.0),
        make_item("FRA", "SRB", "combat_aircraft", 2024),
        make_item(None, "SRB", start=2018, delivered=[2018], source="sipri", tiv_delivered=5.0),   # unknown supplier
        # Kosovo: one Turkish news record
        make_item("TUR", "XKX", "uav", 2023),
    ]


def test_hhi_is_squared_shares_times_10000():
    assert hhi([1.0]) == 10_000
    assert hhi([0.5, 0.5]) == 5_000
    assert hhi([0.6, 0.2, 0.2]) == pytest.approx(3600 + 400 + 400)


def test_shares_by_count_per_recipient():
    ds = make_dataset(serbia_kosovo(), since=2015, until=2024)
    rows = supplier_shares(ds, "count", "recipient")
    srb = [(r.supplier, r.records, r.share, r.source) for r in rows if r.scope == "SRB"]
    # 5 Serbian records with a known supplier: RUS 3/5, CHN 1/5, FRA 1/5; the unknown supplier is left out
    assert srb == [("RUS", 3, pytest.approx(0.6), "register"), ("CHN", 1, pytest.approx(0.2), "register"),
                   ("FRA", 1, pytest.approx(0.2), "news")]
    assert [r.hhi for r in rows if r.scope == "SRB"] == [pytest.approx(4400)] * 3    # 60² + 20² + 20²
    xkx = [r for r in rows if r.scope == "XKX"]
    assert [(r.supplier, r.share, r.hhi) for r in xkx] == [("TUR", 1.0, 10_000)]
    [c] = [c for c in concentration(ds, "count") if c.scope == "SRB"]
    assert (c.top, c.top_share, c.suppliers, c.records, c.unknown, c.total) == ("RUS", 0.6, 3, 5, 1, 5.0)
    assert c.source == "news+register"


def test_shares_by_tiv_delivered_within_the_period():
    ds = make_dataset(serbia_kosovo(), since=2015, until=2024)
    rows = supplier_shares(ds, "tiv", "recipient")
    # RUS: 30 (2016) + 20/2 (2016 of 2014, 2016) = 40; the 2024 order has no TIV; CHN: 40; news records have none
    assert [(r.scope, r.supplier, r.records, r.tiv, r.share, r.source) for r in rows] == [
        ("SRB", "CHN", 1, 40.0, 0.5, "register"), ("SRB", "RUS", 2, 40.0, 0.5, "register")]
    assert rows[0].hhi == pytest.approx(5000)
    # Kosovo has only a news record: no TIV, no rows


def test_shares_per_region():
    ds = make_dataset(serbia_kosovo(), region={"SRB", "XKX"}, since=2015, until=2024)
    rows = supplier_shares(ds, "count", "region")
    # 6 records with a known supplier: RUS 3/6, then CHN, FRA, TUR 1/6 each
    assert [(r.scope, r.supplier, r.records) for r in rows] == [
        ("SRB,XKX", "RUS", 3), ("SRB,XKX", "CHN", 1), ("SRB,XKX", "FRA", 1), ("SRB,XKX", "TUR", 1)]
    assert rows[0].share == pytest.approx(0.5)
    assert rows[0].hhi == pytest.approx(2500 + 3 * (100 / 6) ** 2)          # 3333.3


BLOCS = {"nato": ["FRA", "TUR", "USA"], "eu": ["FRA", "CYP"]}
TABLE = {"default": "other", "groups": [
    {"slug": "nato-eu", "blocs": ["nato", "eu"], "members": ["ISR"]},
    {"slug": "russia", "members": ["RUS", "BLR"]},
    {"slug": "china", "members": ["CHN"]},
    {"slug": "turkey", "members": ["TUR"]},
]}


def test_alignment_explicit_entries_win_over_blocs():
    a = alignment_from(TABLE, BLOCS)
    assert a.group_of("TUR") == "turkey"              # a NATO member, but listed explicitly
    assert (a.group_of("FRA"), a.group_of("CYP"), a.group_of("ISR")) == ("nato-eu", "nato-eu", "nato-eu")
    assert (a.group_of("BLR"), a.group_of("CHN"), a.group_of("IND")) == ("russia", "china", "other")
    assert a.group_of(None) == "unknown"
    twice = {"groups": [{"slug": "x", "members": ["TUR"]}, {"slug": "y", "members": ["TUR"]}]}
    with pytest.raises(AlignmentError, match="TUR"):
        alignment_from(twice, BLOCS)
    with pytest.raises(AlignmentError, match="warsaw"):
        alignment_from({"groups": [{"slug": "x", "blocs": ["warsaw"]}]}, BLOCS)


def test_shipped_alignment_file(catalog):
    a = load_alignment(catalog=catalog)
    assert [g.slug for g in a.groups] == ["nato-eu", "russia", "china", "iran", "turkey"]
    assert {c: a.group_of(c) for c in ("TUR", "HRV", "USA", "KOR", "JPN", "AUS", "ISR", "RUS", "BLR", "SUN", "CHN",
                                       "IRN", "IND", "UKR")} == {
        "TUR": "turkey", "HRV": "nato-eu", "USA": "nato-eu", "KOR": "nato-eu", "JPN": "nato-eu", "AUS": "nato-eu",
        "ISR": "nato-eu", "RUS": "russia", "BLR": "russia", "SUN": "russia", "CHN": "china", "IRN": "iran",
        "IND": "other", "UKR": "other"}


def alignment_items():
    return [
        make_item("RUS", "SRB", start=2015, delivered=[2016], source="sipri", tiv_delivered=10.0),  # 2015-2016
        make_item("RUS", "SRB", start=2018, delivered=[2019, 2020], source="sipri", tiv_delivered=40.0),  # 2018-20
        make_item("CHN", "SRB", start=2020, delivered=[2020], source="sipri", tiv_delivered=30.0),
        make_item("FRA", "SRB", "combat_aircraft", 2022),
    ]


def test_bloc_alignment_per_bucket_and_trend_by_count():
    ds = make_dataset(alignment_items(), since=2015, until=2024)
    rows = bloc_alignment(ds, alignment_from(TABLE, BLOCS), "count", "recipient", 5)
    # 2015-2019: both Russian deals (the second reaches 2018-2019). 2020-2024: the second Russian deal, China, France
    assert [(r.bucket, r.group, r.records, r.share) for r in rows] == [
        ("2015-2019", "russia", 2, 1.0),
        ("2020-2024", "nato-eu", 1, pytest.approx(1 / 3)), ("2020-2024", "russia", 1, pytest.approx(1 / 3)),
        ("2020-2024", "china", 1, pytest.approx(1 / 3))]
    trend = {t.group: (t.first_share, t.last_share, t.change) for t in alignment_trend(rows)}
    assert trend == {"russia": (1.0, pytest.approx(1 / 3), pytest.approx(-2 / 3)),
                     "nato-eu": (0.0, pytest.approx(1 / 3), pytest.approx(1 / 3)),
                     "china": (0.0, pytest.approx(1 / 3), pytest.approx(1 / 3))}


def test_bloc_alignment_by_tiv():
    ds = make_dataset(alignment_items(), since=2015, until=2024)
    rows = bloc_alignment(ds, alignment_from(TABLE, BLOCS), "tiv", "recipient", 5)
    # 2015-2019: RUS 10 + 40/2 (2019) = 30 -> 1.0. 2020-2024: RUS 20 (2020), CHN 30 -> 0.4 / 0.6; news has no TIV
    assert [(r.bucket, r.group, r.tiv, r.share) for r in rows] == [
        ("2015-2019", "russia", 30.0, 1.0), ("2020-2024", "russia", 20.0, pytest.approx(0.4)),
        ("2020-2024", "china", 30.0, pytest.approx(0.6))]
