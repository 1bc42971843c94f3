"""Drone proliferation figures on a hand-built dataset."""
from __future__ import annotations

from armsflow.analyze.dataset import make_dataset, make_item
from armsflow.analyze.drones import drone_flows, drone_operators, drones_by_region


def items():
    return [
        make_item("TUR", "AZE", "uav", 2020, delivered=[2020], source="sipri", quantity=6, tiv_delivered=30.0),
        make_item("TUR", "AZE", "uav", 2022, status="ordered"),
        make_item("ISR", "AZE", "loitering_munition", 2016, delivered=[2016, 2017], source="sipri", quantity=50,
                  tiv_delivered=10.0),
        make_item("TUR", "ALB", "uav", 2023, quantity=3),
        make_item("IRN", "ARM", "uav", 2023, status="interest", hedged=True),
        make_item("USA", "TWN", "loitering_munition", 2024, status="negotiating"),
        make_item("RUS", "SRB", "tank", 2021),
    ]


def test_flows_by_supplier():
    rows = drone_flows(make_dataset(items(), since=2015, until=2024), 5)
    assert [(r.bucket, r.supplier, r.records, r.uav, r.loitering, r.units, r.tiv, r.recipients, r.source)
            for r in rows] == [
        ("2015-2019", "ISR", 1, 0, 1, 50, 10.0, ["AZE"], "register"),
        ("2020-2024", "TUR", 3, 3, 0, 9, 30.0, ["ALB", "AZE"], "news+register"),
        ("2020-2024", "IRN", 1, 1, 0, None, None, ["ARM"], "news"),
        ("2020-2024", "USA", 1, 0, 1, None, None, ["TWN"], "news")]


def test_by_region():
    regions = {"south-caucasus": frozenset({"ARM", "AZE", "GEO"}), "western-balkans": frozenset({"ALB", "SRB"})}
    rows = drones_by_region(make_dataset(items(), since=2015, until=2024), regions, 5)
    assert [(r.bucket, r.region, r.records, r.suppliers) for r in rows] == [
        ("2015-2019", "south-caucasus", 1, ["ISR"]),
        ("2020-2024", "south-caucasus", 3, ["IRN", "TUR"]),
        ("2020-2024", "western-balkans", 1, ["TUR"])]


def test_largest_operators_hold_delivered_or_ordered_records():
    rows = drone_operators(make_dataset(items()))
    # Armenia's record is interest only and Taiwan's a negotiation: not holdings
    assert [(o.recipient, o.records, o.uav, o.loitering, o.units, o.suppliers) for o in rows] == [
        ("AZE", 3, 2, 1, 56, ["ISR", "TUR"]), ("ALB", 1, 1, 0, 3, ["TUR"])]
    assert [o.recipient for o in drone_operators(make_dataset(items()), limit=1)] == ["AZE"]
