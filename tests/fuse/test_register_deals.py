"""Register deals: layout-2 rows summed, the same deal found across exports, merged records (hand-built deals)."""
from __future__ import annotations

import datetime as dt

from armsflow.fuse.register_deals import (Deal, FileView, deals_from_rows, designation_similarity, group_deals,
                                          merge_group, register_records, register_status)
from armsflow.ingest.sipri import RegisterRow

CLASSIC = FileView(1, 1, dt.date(2025, 3, 13))                       # every year up to 2025
BY_DELIVERY = FileView(2, 2, dt.date(2026, 2, 12), (1995, 2025))


def deal(designation, years, delivered, ordered=None, year=2020, deal_id=None, supplier="CHN", recipient="SRB",
         category="air_defence", layout=None):
    return Deal(deal_id=deal_id, supplier_name=supplier, recipient_name=recipient, supplier=supplier,
                recipient=recipient, designation=designation, description="", armament_category=None,
                category=category, order_year=year, number_ordered=ordered, number_delivered=delivered,
                delivery_years=tuple(years), status="New", comments=None, tiv_unit=None, tiv_total=None,
                tiv_delivered=None, layout=layout or (2 if deal_id else 1), line=0)


def row(deal_id, year, n, layout=2):
    return RegisterRow(deal_id=deal_id, supplier_name="China", recipient_name="Serbia", supplier="CHN",
                       recipient="SRB", designation="HQ-22", description="SAM system",
                       armament_category="Air-defence systems", order_year=2020, order_year_estimated=False,
                       number_ordered=None, number_ordered_estimated=None, number_delivered=n,
                       number_delivered_estimated=False, delivery_years=(year,), delivery_years_estimated=False,
                       status="New", comments=None, tiv_unit=55.0, tiv_total=None, tiv_delivered=55.0 * n,
                       tiv_estimate=55.0, local_production=False, layout=layout, line=12 + n)


def test_layout2_rows_of_a_deal_are_summed():
    [d] = deals_from_rows([row("63743", 2022, 1), row("63743", 2023, 2)])
    assert (d.deal_id, d.number_delivered, d.delivery_years, d.rows) == ("63743", 3, (2022, 2023), 2)
    assert d.tiv_delivered == 165.0 and d.category == "air_defence"
    assert len(deals_from_rows([row("1", 2022, 1), row("2", 2022, 1), row("1", 2023, 1)])) == 2


def test_status_mapping():
    assert register_status("New", 10, 10) == "delivered"
    assert register_status("New", 10, 12) == "delivered"          # SIPRI revised the count upwards
    assert register_status("New", None, 5) == "delivered"          # no number ordered known: what came is the deal
    assert register_status("New", 10, 4) == "ordered"              # partial delivery: the order is still open
    assert register_status("Second hand", 10, 0) == "ordered"
    assert register_status("New", None, 0) == "ordered"
    assert register_status("Cancelled", 10, 0) == "cancelled"


def test_designation_similarity():
    assert designation_similarity("HQ-22", "HQ-22") == 1.0
    assert designation_similarity("Sjöormen", "Sjoormen") == 1.0
    assert designation_similarity("C-130J", "C-130J Hercules") == 0.8
    assert designation_similarity("RBS-70-3", "RBS-70 Mk-3 Bolide") == 0.7
    assert designation_similarity("HQ-22 MI", "HQ-22", lambda s, c: "FK-3" if "HQ-22" in s else s) == 0.9
    assert designation_similarity("Mistral", "Crotale") == 0.0


def test_the_same_deal_in_two_layouts_is_one_group():
    new = [deal("HQ-22", [2022, 2023], 3, deal_id="63743"), deal("HQ-22 MI", [2022, 2023], 300, deal_id="65403")]
    old = [deal("HQ-22", [2022, 2023], 300, ordered=300), deal("HQ-22", [2022, 2023], 3, ordered=3),
           deal("Berlin", [], 0, ordered=1, recipient="NOR", category="ship")]
    groups = group_deals([(CLASSIC, old), (BY_DELIVERY, new)])
    assert len(groups) == 3
    pairs = {g.newest[0].designation: [d.number_ordered for d, _ in g.members] for g in groups}
    # same designation and years on both classic rows: the numbers tell which is which
    assert pairs == {"HQ-22": [None, 3], "HQ-22 MI": [None, 300], "Berlin": [1]}
    # the order of the exports does not matter: the newest is taken first
    assert len(group_deals([(BY_DELIVERY, new), (CLASSIC, old)])) == 3


def test_different_deal_ids_never_merge():
    a = FileView(1, 2, dt.date(2025, 2, 1), (1995, 2024))
    groups = group_deals([(a, [deal("HQ-22", [2022], 3, deal_id="1")]),
                          (BY_DELIVERY, [deal("HQ-22", [2022], 3, deal_id="2")])])
    assert len(groups) == 2
    groups = group_deals([(a, [deal("HQ-22", [2022], 3, deal_id="1")]),
                          (BY_DELIVERY, [deal("HQ-22 X", [2023], 5, deal_id="1")])])
    assert len(groups) == 1 and groups[0].newest[0].designation == "HQ-22 X"


def test_classic_duplicates_match_one_to_one_by_content():
    older = FileView(1, 1, dt.date(2024, 3, 1))
    twins = [deal("C-130J Hercules", [2019], 2, ordered=2, year=2018), deal("C-130J Hercules", [2021], 2, ordered=2,
                                                                           year=2018)]
    groups = group_deals([(older, twins), (CLASSIC, [deal("C-130J Hercules", [2019], 2, ordered=2, year=2018),
                                                     deal("C-130J Hercules", [2021], 2, ordered=2, year=2018)])])
    assert len(groups) == 2 and all(len(g.members) == 2 for g in groups)
    keys = [rec.key for rec, _ in register_records(groups)]
    assert keys == ["sipri|CHN|SRB|C-130J Hercules|2018|n2", "sipri|CHN|SRB|C-130J Hercules|2018|n2#2"]


def test_merge_fills_what_the_newest_export_lacks():
    new = deal("SM-1MR", [1995, 1996, 1997, 1998], 166, deal_id="25690", year=1994)
    old = deal("RIM-66B Standard-1MR", [1994, 1995, 1996, 1997, 1998], 207, ordered=207, year=1994)
    [g] = group_deals([(CLASSIC, [old]), (BY_DELIVERY, [new])])
    m = merge_group(g)
    assert m.primary is new and m.number_ordered == 207
    assert m.delivery_years == [1994, 1995, 1996, 1997, 1998]
    assert m.number_delivered == 207                               # 166 from 1995 on, 41 in 1994
    [(rec, _)] = register_records([g])
    assert (rec.system, rec.period_start, rec.period_end, rec.status) == ("SM-1MR", 1994, 1998, "delivered")
    assert rec.key == "sipri|CHN|SRB|SM-1MR|1994|25690"


def test_partial_delivery_record():
    new = deal("LAV-6 APC -", [2024], 10, deal_id="57811", year=2023, category="armoured_vehicle")
    old = deal("Piranha LAV-6", [2024], 10, ordered=50, year=2023, category="armoured_vehicle")
    [g] = group_deals([(CLASSIC, [old]), (BY_DELIVERY, [new])])
    [(rec, _)] = register_records([g])
    assert (rec.system, rec.status, rec.quantity_min, rec.quantity_max) == ("LAV-6 APC", "ordered", 10, 50)
    assert [(e.status, e.year) for e in rec.timeline] == [("ordered", 2023), ("delivered", 2024)]
    assert (rec.sources, rec.confidence, rec.source, rec.claims) == (1, 0.95, "sipri", 0)
