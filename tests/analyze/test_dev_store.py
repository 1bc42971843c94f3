"""The analyses on real data: the 32 dev documents ingested, and the SIPRI register of March 2025 imported, into one
SQLite store (skipped when ../shared is absent)."""
from __future__ import annotations

import pytest

from armsflow.analyze.dataset import load_dataset
from armsflow.analyze.entrants import find_entrants
from armsflow.analyze.shares import concentration, supplier_shares




@pytest.mark.parametrize("recipient, region", [("SRB", "western-balkans"), ("ARM", "south-caucasus")])
def test_iran_is_a_new_entrant_in_serbia_and_armenia(dev_store, recipient, region):
    _, rows = find_entrants(dev_store, region, 2020, 2024)
    [iran] = [e for e in rows if e.scope == "recipient" and e.where == recipient and e.supplier == "IRN"]
    assert (iran.year, iran.hedged, iran.sources, iran.source) == (2023, True, 1, "news")
    assert iran.categories == ["uav"] and iran.status == "interest"
    assert iran.evidence and all(ev.hedged for ev in iran.evidence)
    assert {ev.doc for ev in iran.evidence} <= {"seed-000", "seed-001"}
    assert all(ev.evidence and ev.published for ev in iran.evidence)
    print(f"\n{recipient}: {[(e.scope, e.where, e.supplier, e.year, e.source, e.hedged, e.sources) for e in rows]}")


def test_serbia_imports_2015_2024_from_the_register_mainly_russia_and_china(dev_store):
    ds = load_dataset(dev_store, "SRB", 2015, 2024, source="sipri")
    assert ds.label == "register"
    for by in ("count", "tiv"):
        rows = supplier_shares(ds, by)
        [c] = concentration(ds, by)
        print(f"\nSerbia 2015-2024, register, by {by}: HHI {c.hhi:.0f}; " +
              ", ".join(f"{r.supplier} {r.share:.3f}" for r in rows))
        assert {r.supplier for r in rows[:2]} == {"RUS", "CHN"}
        assert all(r.source == "register" for r in rows)


def test_turkey_supplies_albania_and_kosovo_in_news_records(dev_store):
    ds = load_dataset(dev_store, "western-balkans", source="news")
    rows = supplier_shares(ds, "count", "recipient")
    turkish = {r.scope: r for r in rows if r.supplier == "TUR"}
    assert {"ALB", "XKX"} <= set(turkish)
    assert all(turkish[s].source == "news" for s in ("ALB", "XKX"))
