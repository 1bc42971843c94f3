"""Rival dyads and the escalation indicator, worked out by hand."""
from __future__ import annotations

import pytest

from armsflow.analyze.dataset import make_dataset, make_item
from armsflow.analyze.dyads import (Rival, dyad_acquisitions, escalation, find_pair, load_rivals, pairs_in)

PAIR = Rival("SRB", "XKX", "Serbia–Kosovo")


def items():
    return [
        # 2015-2019
        make_item("CHN", "SRB", "uav", 2016, confidence=0.6),
        make_item("RUS", "SRB", "armoured_vehicle", 2017, delivered=[2018], source="sipri"),       # 0.95
        make_item("TUR", "XKX", "uav", 2018, hedged=True, confidence=0.3),
        make_item("USA", "XKX", "tank", 2019, confidence=0.6),
        # 2020-2024
        make_item("CHN", "SRB", "uav", 2021, delivered=[2021], source="sipri"),                    # 0.95
        make_item("RUS", "SRB", "tank", 2022, sources=2, confidence=0.84),
        make_item("TUR", "XKX", "uav", 2020, delivered=[2020, 2022], source="sipri"),             # 0.95
        make_item("USA", "XKX", "tank", 2023, hedged=True, confidence=0.3),
        make_item("TUR", "XKX", "armoured_vehicle", 2023, confidence=0.6),
        make_item("TUR", "HRV", "uav", 2021, confidence=0.6),                                     # not in the pair
    ]


def test_acquisitions_side_by_side():
    ds = make_dataset(items(), since=2015, until=2024)
    rows = dyad_acquisitions(ds, PAIR, 5, "confidence")
    assert [(r.bucket, r.category, r.a_records, r.a_weight, r.b_records, r.b_weight, r.mutual) for r in rows] == [
        ("2015-2019", "armoured_vehicle", 1, 0.95, 0, 0.0, 0.0),
        ("2015-2019", "tank", 0, 0.0, 1, 0.6, 0.0),
        ("2015-2019", "uav", 1, 0.6, 1, 0.3, 0.3),
        ("2020-2024", "armoured_vehicle", 0, 0.0, 1, 0.6, 0.0),
        ("2020-2024", "tank", 1, 0.84, 1, 0.3, 0.3),
        ("2020-2024", "uav", 1, 0.95, 1, 0.95, 0.95)]
    assert rows[2].source == "news" and rows[5].source == "register"


def test_escalation_indicator():
    ds = make_dataset(items(), since=2015, until=2024)
    rows = escalation(ds, PAIR, 5, "confidence")
    # M(2015-2019) = min(.6, .3) uav = 0.3; M(2020-2024) = min(.84, .3) tank + min(.95, .95) uav = 1.25; E = 0.95
    assert [(r.bucket, r.mutual, r.change, r.escalating, r.shared) for r in rows] == [
        ("2015-2019", pytest.approx(0.3), None, False, ["uav"]),
        ("2020-2024", pytest.approx(1.25), pytest.approx(0.95), True, ["tank", "uav"])]
    assert (rows[0].a_weight, rows[0].b_weight) == (pytest.approx(1.55), pytest.approx(0.9))
    by_count = escalation(ds, PAIR, 5, "count")
    # counts: 2015-2019 uav min(1, 1) = 1; 2020-2024 tank 1 + uav 1 = 2; E = 1
    assert [(r.mutual, r.change) for r in by_count] == [(1.0, None), (2.0, 1.0)]


def test_de_escalation_and_an_empty_bucket():
    ds = make_dataset([make_item("RUS", "ARM", "artillery", 2011), make_item("ISR", "AZE", "artillery", 2012),
                       make_item("RUS", "ARM", "artillery", 2021)], since=2010, until=2024)
    rows = escalation(ds, Rival("ARM", "AZE"), 5, "count")
    # M: 2010-2014 = 1, 2015-2019 = 0 (no records), 2020-2024 = 0 (only Armenia buys)
    assert [(r.bucket, r.mutual, r.change, r.escalating) for r in rows] == [
        ("2010-2014", 1.0, None, False), ("2015-2019", 0.0, -1.0, False), ("2020-2024", 0.0, 0.0, False)]


def test_tiv_weights():
    ds = make_dataset([make_item("RUS", "ARM", "artillery", 2016, delivered=[2016, 2021], source="sipri",
                                 tiv_delivered=40.0),
                       make_item("ISR", "AZE", "artillery", 2020, delivered=[2021], source="sipri",
                                 tiv_delivered=25.0),
                       make_item("TUR", "AZE", "artillery", 2016)], since=2015, until=2024)
    rows = escalation(ds, Rival("ARM", "AZE"), 5, "tiv")
    # ARM artillery: 20 in each bucket; AZE: 25 in 2020-2024 (the news record weighs nothing)
    assert [(r.mutual, r.change) for r in rows] == [(0.0, None), (20.0, 20.0)]


def test_rivals_file_and_pairs():
    rivals = load_rivals()
    pairs = {frozenset((r.a, r.b)) for r in rivals}
    for a, b in [("SRB", "XKX"), ("SRB", "HRV"), ("ARM", "AZE"), ("GRC", "TUR"), ("IND", "PAK"), ("ISR", "IRN"),
                 ("SAU", "IRN"), ("MAR", "DZA"), ("CHN", "TWN"), ("ETH", "ERI")]:
        assert frozenset((a, b)) in pairs
    assert find_pair(rivals, "xkx-srb").label == "SRB-XKX"
    assert find_pair(rivals, "BRA-ARG").label == "BRA-ARG"             # not listed: made up on the spot
    assert {r.label for r in pairs_in(rivals, frozenset({"ARM", "GEO"}))} == {"ARM-AZE"}
