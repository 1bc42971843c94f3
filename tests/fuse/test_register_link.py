"""Linking news records to the register deals they report, on records built by hand (fuse/register_link.py)."""
from __future__ import annotations

from armsflow.fuse.register_link import link_records
from armsflow.model import TransferRecord

FAMILIES = {"HQ-22": "FK-3", "FK-3": "FK-3", "Mi-35M": "Mi-35", "Mi-35": "Mi-35"}


def family(system, category):
    return FAMILIES.get(system, system) if system else category


def rec(id, supplier="CHN", recipient="SRB", system=None, category="air_defence", start=2022, end=None,
        source="news"):
    return TransferRecord(id=id, supplier=supplier, recipient=recipient, system=system, category=category,
                          period_start=start, period_end=end if end is not None else start, status="delivered",
                          source=source, key=f"{source}-{id}")


def reg(id, **kw):
    return rec(id, source="sipri", **kw)


def pairs(links):
    return sorted((k.news_id, k.register_id) for k in links)


def test_dyad_family_and_years_link_and_say_why():
    links = link_records([rec(1, system="FK-3", start=2022)],
                         [reg(10, system="HQ-22", start=2020, end=2023), reg(11, system="HQ-22", start=2009)], family)
    assert pairs(links) == [(1, 10)]                   # the 2009 deal is too far from a 2022 report
    why = links[0].reason
    assert "dyad CHN->SRB" in why and "FK-3" in why and "2022" in why and "2020-2023" in why


def test_recipient_must_be_named_and_equal_supplier_may_be_open():
    news = [rec(1, recipient=None, system="FK-3"), rec(2, recipient="HUN", system="FK-3"),
            rec(3, supplier=None, system="FK-3"), rec(4, supplier="RUS", system="FK-3")]
    links = link_records(news, [reg(10, system="HQ-22", start=2021)], family)
    assert pairs(links) == [(3, 10)]
    assert "the news names no supplier" in links[0].reason
    links = link_records([rec(5, system="FK-3")], [reg(11, supplier=None, system="HQ-22", start=2021)], family)
    assert pairs(links) == [(5, 11)] and "supplier is unknown" in links[0].reason


def test_undated_news_links_only_to_the_single_deal_of_its_dyad_and_family():
    one = [reg(10, supplier="RUS", system="Mi-35M", category="helicopter", start=2016)]
    two = one + [reg(11, supplier="RUS", system="Mi-35M", category="helicopter", start=2021)]
    undated = rec(1, supplier="RUS", system="Mi-35", category="helicopter", start=None, end=None)
    links = link_records([undated], one, family)
    assert pairs(links) == [(1, 10)] and "states no year" in links[0].reason
    assert link_records([undated], two, family) == []          # which of the two deals: not known
    dated = rec(2, supplier="RUS", system="Mi-35", category="helicopter", start=2021)
    assert pairs(link_records([dated], two, family)) == [(2, 11)]


def test_a_news_record_without_a_system_links_by_category():
    links = link_records([rec(1, category="air_defence", start=2021)],
                         [reg(10, system="HQ-22", start=2020), reg(11, system="T-72", category="tank", start=2020)],
                         family)
    assert pairs(links) == [(1, 10)] and "names no system" in links[0].reason


def test_one_news_record_may_link_to_several_rows_of_one_deal():
    links = link_records([rec(1, system="FK-3", start=2022)],
                         [reg(10, system="HQ-22", start=2020, end=2022), reg(11, system="HQ-22", start=2021)], family)
    assert pairs(links) == [(1, 10), (1, 11)]
