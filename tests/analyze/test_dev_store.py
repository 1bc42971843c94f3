"""The analyses on real data: the 32 dev documents ingested, and the SIPRI register of March 2025 imported, into one
SQLite store (skipped when ../shared is absent)."""
from __future__ import annotations

import pytest

from armsflow.analyze.dataset import load_dataset
from armsflow.analyze.entrants import find_entrants
from armsflow.analyze.shares import concentration, supplier_shares




@pytest.mark.parametrize("recipient, region", [("SRB", "western-balkans"), ("ARM", "south-caucasus")])
def test_irans_hedged_undated_report_is_no_dated_entry(dev_store, recipient, region):
    # the hedged report of Iranian drones for the recipient states no year: its record stays undated (it was 2023,
    # its article's publication year), so it is no new entrant of any period, and the period says it left it out
    ds = load_dataset(dev_store, recipient, source="news")
    iran = [it.record for it in ds.items if it.record.supplier == "IRN"]
    assert iran and all((r.period_start, r.period_end) == (None, None) for r in iran)
    assert all(r.unhedged == 0 for r in iran)
    dated, rows = find_entrants(dev_store, region, 2020, 2024)
    assert not [e for e in rows if e.where == recipient and e.supplier == "IRN"]
    assert dated.undated_left_out(True) >= len(iran)
    everything, rows = find_entrants(dev_store, region)
    assert not [e for e in rows if e.where == recipient and e.supplier == "IRN"]
    assert everything.undated_left_out(True) >= len(iran)
    assert all(e.year is not None for e in rows)


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
