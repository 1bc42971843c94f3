"""New entrants on hand-built records, and on the small store."""
from __future__ import annotations

import datetime as dt

from armsflow.analyze.dataset import make_dataset, make_item
from armsflow.analyze.entrants import find_entrants, new_entrants
from armsflow.store.queries import ClaimView

WB = "western-balkans"


def history():
    return [
        make_item("IRN", "SRB", "uav", 2023, hedged=True, status="interest", id=1),
        make_item("RUS", "SRB", start=2010, delivered=[2011], source="sipri", id=2),
        make_item("RUS", "SRB", "tank", 2021, id=3),                        # Russia was there already (2010)
        make_item("CHN", "SRB", "uav", 2019, hedged=True, id=4),            # a weak first report
        make_item("CHN", "SRB", "uav", 2022, sources=3, id=5),              # a strong later one
        make_item("TUR", "XKX", start=2023, delivered=[2023], source="sipri", category="uav", id=6),
        make_item("TUR", "XKX", "armoured_vehicle", 2023, sources=2, id=7),
        make_item("IRN", "BIH", start=1993, delivered=[1994], source="sipri", id=8),    # Iran in the region long ago
    ]


def entrants(catalog, **kw):
    h = make_dataset(history(), region=WB, catalog=catalog)
    ds = make_dataset(history(), region=WB, catalog=catalog, **kw)
    return new_entrants(ds, h)


def brief(rows):
    return [(e.year, e.scope, e.where, e.supplier, e.records, e.source) for e in rows]


def test_first_record_of_a_supplier_in_the_window(catalog):
    rows = entrants(catalog, since=2020, until=2024)
    # Iran is new in Serbia (2023) but not in the region (Bosnia 1993); Turkey is new in Kosovo and in the region,
    # from a register deal and a news record of the same year; China entered Serbia in 2019, before the window;
    # Russia in 2010
    assert brief(rows) == [
        (2023, "region", WB, "TUR", [6, 7], "news+register"),
        (2023, "recipient", "SRB", "IRN", [1], "news"),
        (2023, "recipient", "XKX", "TUR", [6, 7], "news+register")]
    iran = rows[1]
    assert (iran.hedged, iran.sources, iran.status, iran.categories) == (True, 1, "interest", ["uav"])
    turkey = rows[2]
    assert (turkey.hedged, turkey.sources, turkey.status) == (False, 2, "delivered")


def test_a_weak_earlier_report_counts_as_earlier(catalog):
    # the window 2015-2024 holds China's 2019 entry, flagged from the weak report itself
    rows = entrants(catalog, since=2015, until=2024)
    [china] = [e for e in rows if e.supplier == "CHN" and e.scope == "recipient"]
    assert (china.year, china.records, china.hedged) == (2019, [4], True)
    # with a threshold the 2019 report is not a candidate, and the 2022 one has an earlier record: nothing flagged
    rows = entrants(catalog, since=2015, until=2024, min_sources=2)
    assert not [e for e in rows if e.supplier == "CHN"]


def test_the_threshold_applies_to_the_entry_record(catalog):
    rows = entrants(catalog, since=2020, until=2024, exclude_hedged=True)
    assert ("IRN", "SRB") not in {(e.supplier, e.where) for e in rows}
    only_news = entrants(catalog, since=2020, until=2024, source="news")
    assert [(e.where, e.records, e.source) for e in only_news if e.scope == "recipient"] == \
        [("SRB", [1], "news"), ("XKX", [7], "news")]


def test_a_register_deal_makes_later_news_not_new(catalog):
    items = [make_item("RUS", "ARM", start=2012, delivered=[2013], source="sipri", id=10),
             make_item("RUS", "ARM", "uav", 2023, id=11)]
    ds = make_dataset(items, region="south-caucasus", since=2020, catalog=catalog)
    assert new_entrants(ds, make_dataset(items, catalog=catalog)) == []


def test_evidence_of_an_entry(catalog):
    claim = ClaimView(id=99, doc="seed", document_id=5, publisher="Wire", published=dt.date(2023, 12, 20),
                      original_id=None, echo_kind=None, supplier="IRN", recipient="SRB", system=None, category="uav",
                      quantity=None, status="interest", year=2023, hedged=True,
                      evidence="Serbia has allegedly expressed interest in Iranian drones.", citation=None,
                      review="extracted")
    ds = make_dataset(history(), region="SRB", since=2020, catalog=catalog, evidence={1: [claim]})
    [iran] = [e for e in new_entrants(ds, scope="recipient") if e.supplier == "IRN"]
    [ev] = iran.evidence
    assert (ev.record_id, ev.claim_id, ev.doc, ev.publisher, ev.published, ev.hedged, ev.status) == \
        (1, 99, "seed", "Wire", dt.date(2023, 12, 20), True, "interest")
    assert iran.first_evidence == "Serbia has allegedly expressed interest in Iranian drones."


def test_entrants_from_a_store(small):
    ds, rows = find_entrants(small, WB, 2020, 2024)
    assert [(e.year, e.scope, e.where, e.supplier, e.source) for e in rows] == [
        (2020, "region", WB, "CHN", "register"),
        (2020, "recipient", "SRB", "CHN", "register"),
        (2023, "region", WB, "IRN", "news"),
        (2023, "region", WB, "TUR", "news+register"),
        (2023, "recipient", "SRB", "IRN", "news"),
        (2023, "recipient", "XKX", "TUR", "news+register")]
    iran = rows[4]
    assert iran.hedged and iran.sources == 1
    assert [(e.doc, e.publisher, e.hedged) for e in iran.evidence] == [("iran-serbia", "Wire A", True)]
