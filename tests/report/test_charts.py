"""Charts: every kind draws to SVG and PNG, offline, whatever the labels hold."""
from __future__ import annotations

import re

import pytest

from armsflow.report import charts
from armsflow.report.briefing import Chart

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def rendered(briefing):
    return {c.kind: charts.render(c, dpi=80) for c in briefing.charts()}


@pytest.mark.parametrize("kind", ["network", "timeline", "shares", "dyad", "flowmap"])
def test_each_kind_renders_svg_and_png(rendered, kind):
    r = rendered[kind]
    assert r.png.startswith(PNG) and len(r.png) > 5000
    assert "<svg" in r.svg and r.svg.rstrip().endswith("</svg>") and len(r.svg) > 5000
    assert 4 < r.width < 12 and 1.5 < r.height < 12


def test_label_text_cannot_become_markup(rendered):
    for r in rendered.values():
        assert not re.search(r"<\s*script", r.svg, re.IGNORECASE)
        assert not re.search(r"\son\w+\s*=", r.svg, re.IGNORECASE)


def test_inline_svg_has_no_external_namespace_urls_and_prefixed_ids(rendered):
    svg = charts.inline_svg(rendered["network"].svg, prefix="f1-", label='Net "work" <b>')
    assert not re.search(r"https?://", svg)
    assert svg.startswith('<svg role="img" aria-label="Net &quot;work&quot; &lt;b&gt;"')
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert ids and all(i.startswith("f1-") for i in ids)
    refs = re.findall(r'href="#([^"]+)"', svg) + re.findall(r"url\(#([^)]+)\)", svg)
    assert refs and all(r.startswith("f1-") for r in refs)
    assert set(refs) <= set(ids)


@pytest.mark.parametrize("chart", [
    Chart("network", "empty", {"edges": []}),
    Chart("timeline", "empty", {"events": []}),
    Chart("shares", "empty", {"recipients": {}}),
    Chart("dyad", "empty", {"sides": [{"label": "a", "counts": {}}, {"label": "b", "counts": {}}]}),
    Chart("flowmap", "no anchors", {"flows": [("atlantis", "lemuria", 1)]}),
])
def test_empty_charts_draw_a_placeholder(chart):
    png = charts.to_png(chart, dpi=60)
    assert png.startswith(PNG)


def test_malformed_data_is_refused():
    with pytest.raises(ValueError, match="expected"):
        charts.to_svg(Chart("shares", "bad", {"recipients": {"SRB": [("RUS", 1.5, 3)]}}))


def test_a_cyclic_network_and_a_close_flowmap_render():
    """A graph where a state both supplies and receives takes the force layout; a map with no far supplier takes
    one panel."""
    net = Chart("network", "cycle", {"edges": [("SRB", "MNE", 1, "M-84"), ("MNE", "SRB", 1, None),
                                               ("RUS", "SRB", 2, "MiG-29")]})
    flows = Chart("flowmap", "close", {"flows": [("SRB", "MNE", 1), ("HRV", "BIH", 2)]})
    assert charts.to_png(net, dpi=60).startswith(PNG)
    assert "<svg" in charts.to_svg(flows)


def test_the_flowmap_draws_land_and_borders_under_the_flows():
    """Both panels of a wide map (the overview strip and the detail) carry Natural Earth's land, the coast near
    the anchors among it, and the borders; the flows are drawn above them."""
    from matplotlib.collections import LineCollection, PolyCollection

    chart = Chart("flowmap", "wide", {"flows": [("USA", "ALB", 3), ("TUR", "ALB", 2), ("RUS", "SRB", 4)],
                                      "focus": ["ALB", "SRB"]})
    fig = charts.draw(chart)
    panels = [ax for ax in fig.axes if any(isinstance(c, PolyCollection) for c in ax.collections)]
    assert len(panels) == 2
    for ax in panels:
        land = next(c for c in ax.collections if isinstance(c, PolyCollection))
        borders = next(c for c in ax.collections if isinstance(c, LineCollection))
        assert land.get_paths() and len(borders.get_segments()) >= 10
        # Tirana (41.3 N, 19.8 E) is on land, the sea west of it is not
        assert any(p.contains_point((19.8, 41.3)) for p in land.get_paths())
        assert not any(p.contains_point((17.5, 41.3)) for p in land.get_paths())
        arrows = [p for p in ax.patches if type(p).__name__ == "FancyArrowPatch"]
        assert arrows and all(a.get_zorder() > land.get_zorder() for a in arrows)


def test_a_flowmap_across_the_antimeridian_spans_it_the_short_way():
    """Australia to Tonga and Samoa is drawn across 180°E (Tonga at 184.8), not across the whole world westwards."""
    from matplotlib.collections import PathCollection

    chart = Chart("flowmap", "pacific", {"flows": [("AUS", "TON", 3), ("AUS", "FJI", 2), ("NZL", "WSM", 1)]})
    fig = charts.draw(chart)
    xs = [x for ax in fig.axes for c in ax.collections if isinstance(c, PathCollection) for x, _ in c.get_offsets()]
    assert max(xs) > 180 and max(xs) - min(xs) < 60
