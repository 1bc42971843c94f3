"""The briefing of a store whose records are incomplete or odd: what it says of them, and that its charts stay
bounded. Stores are written through the store API (tests/random_stores.py builds them from a spec)."""
from __future__ import annotations

from random_stores import ClaimSpec, DocSpec, RegisterSpec, StoreSpec, build_store


def _claim(supplier, recipient, category, status, year, system=None):
    return ClaimSpec(supplier, recipient, system, category, None, status, year, False, "extracted")


def _briefing(spec, tmp_path, region="balkans"):
    from armsflow.catalog import load_catalog
    from armsflow.report.build import build_briefing

    cat = load_catalog(include_user=False)
    store = build_store(spec, tmp_path, cat)
    try:
        return build_briefing(store, region, catalog=cat)
    finally:
        store.engine.dispose()


def test_blank_category_and_unknown_status_are_said_in_words_and_left_off_the_timeline(tmp_path):
    from armsflow.report import write_briefing
    from armsflow.report.briefing import STATUSES

    spec = StoreSpec(docs=[DocSpec("odd", "Wire A", None, None, [
        _claim("RUS", "SRB", "", "rumoured", 2020), _claim("TUR", "XKX", "uav", "delivered", 2022)], None)])
    b = _briefing(spec, tmp_path)
    assert b.problems() == []
    texts = [f.text for f in b.findings()]
    assert any("Russia" in t and "equipment" in t for t in texts), texts
    assert not any("()" in t for t in texts), texts
    [timeline] = [c for c in b.charts() if c.kind == "timeline"]
    assert [(y, status) for y, _, status in timeline.data["events"]] == [(2022, "delivered")]
    assert all(status in STATUSES for _, _, status in timeline.data["events"])
    assert write_briefing(b, tmp_path / "odd.html").stat().st_size > 0


def test_a_deal_dated_0_to_9999_leaves_the_dyad_chart_ten_periods_in_time_order(tmp_path):
    from armsflow.report import charts

    spec = StoreSpec(register=[
        RegisterSpec("Serbia", "Russia", 0, 1, "MiG-29", "fighter aircraft", 1, [9999], "New", "", None, None, None),
        RegisterSpec("Kosovo", "Turkiye", 2003, 1, "Bayraktar TB2", "armed UAV", 1, [2023], "New", "", None, None,
                     None)])
    b = _briefing(spec, tmp_path)
    [dyad] = [c for c in b.charts() if c.kind == "dyad"]
    labels = dyad.data["buckets"]
    assert len(labels) == 10 and labels[0] == "9950-9954" and labels[-1] == "9995-9999"
    assert "The last 10 of 2000 periods with records." in dyad.caption
    assert all(set(side["counts"]) <= set(labels) for side in dyad.data["sides"])
    assert charts.to_png(dyad, dpi=50).startswith(b"\x89PNG")


def test_a_timeline_from_year_0_has_a_dozen_ticks(tmp_path):
    import matplotlib

    from armsflow.report import charts
    from armsflow.report.briefing import Chart

    chart = Chart("timeline", "Deals", {"events": [(0, "Serbia ← Russia: MiG-29", "ordered"),
                                                   (2023, "Serbia ← Russia: MiG-29", "delivered")]})
    with matplotlib.rc_context(charts.RC):
        fig = charts.draw(chart)
        ticks = fig.axes[0].get_xticks()
    assert 3 <= len(ticks) <= 16
