"""News records against register records, on records built by hand (fuse/register_diff.py)."""
from __future__ import annotations

from armsflow.fuse.register_diff import families_agree, periods_overlap, register_diff
from armsflow.model import TransferRecord

# a stand-in for Families.family: SIPRI's designations and the news' names mapped to one family by hand
FAMILIES = {"HQ-22": "FK-3", "HQ-22 MI": "FK-3", "FK-3": "FK-3", "CH-92": "CH-92", "CH-92A": "CH-92"}


def family(system, category):
    if not system:
        return category
    return FAMILIES.get(system, system)


def rec(key, supplier="CHN", recipient="SRB", system=None, category="uav", start=2020, end=None, source="news"):
    return TransferRecord(id=None, supplier=supplier, recipient=recipient, system=system, category=category,
                          period_start=start, period_end=end if end is not None else start, status="delivered",
                          source=source, key=key)


def reg(key, **kw):
    return rec(key, source="sipri", **kw)


def keys(records):
    return [r.key for r in records]


def test_system_families_match_across_spellings():
    news = [rec("n-fk3", system="FK-3", category="air_defence", start=2022),
            rec("n-ch92a", system="CH-92A", start=2020)]
    register = [reg("r-hq22", system="HQ-22", category="air_defence", start=2020, end=2023),
                reg("r-hq22mi", system="HQ-22 MI", category="air_defence", start=2020, end=2023),
                reg("r-ch92", system="CH-92", start=2019, end=2020)]
    news_only, register_only = register_diff(news, register, family)
    assert news_only == [] and register_only == []          # one news record covers both SIPRI rows of the deal


def test_each_side_lists_what_the_other_lacks():
    news = [rec("n-wingloong", system="Wing Loong", start=2023), rec("n-ch92a", system="CH-92A", start=2020)]
    register = [reg("r-ch92", system="CH-92", start=2019, end=2020), reg("r-ch95", system="CH-95", start=2022)]
    news_only, register_only = register_diff(news, register, family)
    assert keys(news_only) == ["n-wingloong"]
    assert keys(register_only) == ["r-ch95"]


def test_supplier_and_recipient_must_agree():
    news = [rec("n", supplier="RUS", system="CH-92A", start=2020), rec("n2", recipient="HUN", system="CH-92A")]
    register = [reg("r", system="CH-92", start=2020)]
    news_only, register_only = register_diff(news, register, family)
    assert keys(news_only) == ["n", "n2"] and keys(register_only) == ["r"]


def test_an_unknown_party_agrees_with_any():
    news = [rec("n-nosupplier", supplier=None, system="CH-92A", start=2020)]
    register = [reg("r-unknown", supplier=None, recipient="SRB", system="CH-92", start=2020),
                reg("r-known", system="CH-92", start=2020)]
    news_only, register_only = register_diff(news, register, family)
    assert news_only == [] and register_only == []
    # an unknown supplier in the register covers a named supplier in the news, too
    news_only, register_only = register_diff([rec("n", system="CH-92A")], [register[0]], family)
    assert news_only == [] and register_only == []


def test_category_when_the_news_names_no_system():
    news = [rec("n-drones", system=None, category="uav", start=2021), rec("n-tanks", category="tank", start=2021)]
    register = [reg("r-ch92", system="CH-92", category="uav", start=2019, end=2020)]
    news_only, register_only = register_diff(news, register, family)
    assert keys(news_only) == ["n-tanks"] and register_only == []


def test_a_named_system_does_not_match_on_category_alone():
    news = [rec("n", system="Wing Loong", category="uav", start=2020)]
    register = [reg("r", system="CH-92", category="uav", start=2020)]
    news_only, register_only = register_diff(news, register, family)
    assert keys(news_only) == ["n"] and keys(register_only) == ["r"]


def test_periods_within_two_years():
    r = reg("r", system="CH-92", start=2019, end=2020)
    assert periods_overlap(rec("a", start=2022), r)              # reported two years after the last delivery
    assert not periods_overlap(rec("b", start=2023), r)
    assert periods_overlap(rec("c", start=2017), r)               # two years before the order
    assert not periods_overlap(rec("d", start=2016), r)
    assert periods_overlap(rec("e", start=None, end=None), r)     # an undated record overlaps everything
    news_only, register_only = register_diff([rec("late", system="CH-92A", start=2023)], [r], family)
    assert keys(news_only) == ["late"] and keys(register_only) == ["r"]
    news_only, _ = register_diff([rec("late", system="CH-92A", start=2023)], [r], family, slack=3)
    assert news_only == []


def test_variants_agree_with_their_base_model():
    assert families_agree("T-72", "T-72MS") and families_agree("MiG-29K", "MiG-29")
    assert not families_agree("Su-3", "Su-35")            # a digit continuing a number is another model
    assert not families_agree("M1", "M1A1")                # too short to tell
    assert not families_agree("", "") and families_agree("FK-3", "fk 3")
    news_only, register_only = register_diff([rec("n", supplier="RUS", system="T-72MS", category="tank", start=2021)],
                                             [reg("r", supplier="RUS", system="T-72", category="tank", start=2016,
                                                  end=2021)], family)
    assert news_only == [] and register_only == []


def test_empty_sides():
    assert register_diff([], [], family) == ([], [])
    r = [reg("r", system="CH-92")]
    assert register_diff([], r, family) == ([], r)
    n = [rec("n", system="CH-92A")]
    assert register_diff(n, [], family) == (n, [])
