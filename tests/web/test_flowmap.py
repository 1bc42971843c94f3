"""The overview's flow map (web/flowmap.py) without a server: the Natural Earth data, the projection, the zoom to a
region, greedy label placement (no two labels overlap, also in crowded Europe) and the SVG itself (land, borders,
every arc a link with its count on hover, no bare number on the map)."""
from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET

import pytest

from armsflow.catalog import load_catalog
from armsflow.catalog.loader import DATA_DIR
from armsflow.catalog.places import load_places
from armsflow.catalog.world import world
from armsflow.web.flowmap import WORLD, fit, flow_map, overlaps, place_labels, region_extent, text_box

NS = "{http://www.w3.org/2000/svg}"
EUROPE = ["PRT", "ESP", "FRA", "BEL", "NLD", "LUX", "DEU", "CHE", "AUT", "ITA", "SVN", "HRV", "BIH", "SRB", "MNE",
          "ALB", "MKD", "XKX", "GRC", "BGR", "ROU", "MDA", "HUN", "SVK", "CZE", "POL", "UKR", "BLR", "LTU", "LVA",
          "EST", "DNK", "GBR", "IRL", "NOR", "SWE", "FIN", "RUS", "TUR", "CYP"]


@pytest.fixture(scope="module")
def places():
    return load_places(include_user=False)


@pytest.fixture(scope="module")
def names():
    states = load_catalog().states
    return lambda code: states[code].name if code in states else code


def _href(a, b):
    return f"/records?supplier={a}&recipient={b}" if b else f"/states/{a}"


def _svg(markup) -> ET.Element:
    return ET.fromstring(str(markup).replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))


def test_the_shipped_world_is_natural_earth_land_and_borders_and_small():
    path = DATA_DIR / "world110m.json"
    assert path.stat().st_size < 300_000
    geo = world()
    assert len(geo.land) > 100 and len(geo.borders) > 300
    assert all(line[0] == line[-1] for line in geo.land)                   # rings are closed
    lons = [p[0] for ring in geo.land for p in ring]
    lats = [p[1] for ring in geo.land for p in ring]
    assert min(lats) < -80 and max(lats) > 80 and min(lons) <= -180 and max(lons) >= 180


def test_projection_puts_north_up_and_fits_the_world_and_a_region(places):
    proj = fit(WORLD, 900)
    assert proj(-180, 0)[0] == pytest.approx(0, abs=2) and proj(180, 0)[0] == pytest.approx(900, abs=2)
    assert proj(0, 60)[1] < proj(0, 0)[1] < proj(0, -40)[1]
    assert 300 <= proj.height <= 560
    members = load_catalog().groups["western-balkans"].members
    zoom = fit(region_extent([places[c] for c in members]), 900)
    for c in members:
        lat, lon = places[c]
        assert zoom.inside(*zoom(lon, lat), margin=40), c
    assert (zoom.lon1 - zoom.lon0) < 40 and zoom.scale > 5 * proj.scale
    assert region_extent([]) == WORLD


def test_no_label_overlaps_another_even_in_crowded_europe(places, names):
    proj = fit(WORLD, 900)
    points = [(c, names(c), *proj(places[c][1], places[c][0]), 3.0) for c in EUROPE]
    legend = (8, proj.height - 90, 170, proj.height - 8)
    labels = place_labels(points, proj.width, proj.height, [legend])
    assert len(labels) >= 8                                                # some fit, with leaders if need be
    assert len(labels) < len(EUROPE)                                       # and the rest are dropped, not piled up
    for a, b in itertools.combinations(labels, 2):
        assert not overlaps(a.box, b.box), (a.text, b.text)
    dots = [(x - r, y - r, x + r, y + r) for _k, _t, x, y, r in points]
    for lab in labels:
        assert not overlaps(lab.box, legend)
        assert not any(overlaps(lab.box, d) for d in dots), lab.text
        assert 0 <= lab.box[0] and lab.box[2] <= proj.width and 0 <= lab.box[1] and lab.box[3] <= proj.height
        assert lab.box == text_box(lab.x, lab.y, lab.text, lab.anchor)
    # zoomed to the region, every member of the Western Balkans has room for its name
    zoom = fit(region_extent([places[c] for c in ("ALB", "BIH", "XKX", "MNE", "MKD", "SRB")]), 900)
    points = [(c, names(c), *zoom(places[c][1], places[c][0]), 3.0) for c in EUROPE]
    placed = {lab.key for lab in place_labels([p for p in points if zoom.inside(p[2], p[3])], 900, zoom.height)}
    assert {"ALB", "BIH", "XKX", "MNE", "MKD", "SRB"} <= placed


def test_a_label_with_no_room_is_dropped():
    points = [("A", "Aaaa", 50, 50, 3.0), ("B", "Bbbb", 52, 50, 3.0)]
    everything_else = [(0, 0, 100, 40), (0, 60, 100, 100), (0, 0, 20, 100), (80, 0, 100, 100)]
    labels = place_labels(points, 100, 100, everything_else)
    assert len(labels) <= 1


FLOWS = [("USA", "POL", 300), ("RUS", "IND", 250), ("FRA", "IND", 90), ("DEU", "UKR", 80), ("TUR", "ALB", 7),
         ("RUS", "SRB", 20), ("CHN", "SRB", 12), ("FRA", "SRB", 9), ("USA", "MKD", 4), ("ITA", "ALB", 3),
         ("ATL", "SRB", 5)]                      # ATL: no map anchor, left out


def test_the_svg_has_land_borders_and_arcs_that_link_with_their_counts(places, names):
    svg = flow_map(FLOWS, places, names, _href)
    root = _svg(svg)
    land = root.find(f"{NS}path[@class='map-land']")
    borders = root.find(f"{NS}path[@class='map-border']")
    assert land is not None and land.get("d").count("Z") > 50
    assert borders is not None and borders.get("d").count("M") > 200
    arcs = root.findall(f".//{NS}a[@class='map-flow']")
    assert len(arcs) == len(FLOWS) - 1
    counts = {(a, b): n for a, b, n in FLOWS}
    for arc in arcs:
        a, b = arc.get("data-supplier"), arc.get("data-recipient")
        assert arc.get("href") == f"/records?supplier={a}&recipient={b}"
        title = arc.find(f"{NS}title").text
        n = counts[(a, b)]
        assert title == f"{names(a)} → {names(b)}: {n:,} record{'s' if n != 1 else ''}"
        assert arc.find(f"{NS}path").get("d").startswith("M")
    # numbers appear only in titles and the legend: no bare count floats on an arc
    legend = root.find(f".//{NS}g[@class='map-legend']")
    legend_texts = {t.text for t in legend.iter(f"{NS}text")}
    assert "300 records" in legend_texts and "3 records" in legend_texts
    for text in root.iter(f"{NS}text"):
        if text.text not in legend_texts:
            assert not re.search(r"\d", text.text or ""), text.text
    # the world view shows every state of the flows and names the largest
    nodes = {n.get("data-code") for n in root.findall(f".//{NS}a[@class='map-node']")}
    assert nodes == {c for a, b, _ in FLOWS for c in (a, b)} - {"ATL"}
    labels = [t.text for t in root.findall(f".//{NS}a[@class='map-label']/{NS}text")]
    assert "United States" in labels and "India" in labels


def test_no_land_outline_streaks_across_the_map(places, names):
    """Rings that cross the antimeridian (Russia, Fiji) are drawn on both sides, not as a line across the world."""
    root = _svg(flow_map(FLOWS, places, names, _href))
    width = float(root.get("viewBox").split()[2])
    for d in (root.find(f"{NS}path[@class='map-land']").get("d"), root.find(f"{NS}path[@class='map-border']").get("d")):
        for sub in d.split("M")[1:]:
            pts = [tuple(map(float, p.split(","))) for p in sub.rstrip("Z").split("L")]
            assert max(abs(x2 - x1) for (x1, _), (x2, _) in zip(pts, pts[1:])) < width / 3


def test_zoomed_to_a_region_the_map_fits_its_members_and_names_partners_off_the_edge(places, names):
    members = frozenset(load_catalog().groups["western-balkans"].members)
    wb = [f for f in FLOWS if f[0] in members or f[1] in members]
    root = _svg(flow_map(wb, places, names, _href, focus=members))
    _, _, w, h = map(float, root.get("viewBox").split())
    circles = {a.get("data-code"): a.find(f"{NS}circle") for a in root.findall(f".//{NS}a[@class='map-node']")}
    for code in ("ALB", "SRB", "MKD"):
        c = circles[code]
        assert 0 < float(c.get("cx")) < w and 0 < float(c.get("cy")) < h
    assert "USA" not in circles and "CHN" not in circles                 # off the map
    labels = {t.text for t in root.findall(f".//{NS}a[@class='map-label']/{NS}text")}
    assert {"Albania", "Serbia", "from United States", "from China"} <= labels
    world_view = _svg(flow_map(wb, places, names, _href))
    land_zoomed = root.find(f"{NS}path[@class='map-land']").get("d")
    assert len(land_zoomed) < len(world_view.find(f"{NS}path[@class='map-land']").get("d"))


def test_no_flows_still_draws_the_map(places, names):
    root = _svg(flow_map([], places, names, _href))
    assert root.find(f"{NS}path[@class='map-land']").get("d")
    assert "No flows" in "".join(root.itertext())


def test_a_region_across_the_antimeridian_is_drawn_as_one_piece(places, names):
    """Oceania runs from Australia past 180° to Tonga: the map spans it the short way, with the land out there."""
    members = frozenset(load_catalog().groups["oceania"].members)
    assert "TON" in members and "AUS" in members
    lon0, _, lon1, _ = region_extent([places[c] for c in members if c in places])
    assert lon1 > 180 and lon1 - lon0 < 120
    flows = [("AUS", "TON", 3), ("AUS", "FJI", 2), ("NZL", "AUS", 5)]
    root = _svg(flow_map(flows, places, names, _href, focus=members))
    x = {a.get("data-code"): float(a.find(f"{NS}circle").get("cx"))
         for a in root.findall(f".//{NS}a[@class='map-node']")}
    assert x["AUS"] < x["FJI"] < x["TON"]                               # west to east, Tonga past 180°
    # the land past 180° (Fiji's eastern islands) comes from the rings 360° away
    geo_east = world().land_in((180.5, -25.0, 190.0, -15.0))
    assert geo_east and all(max(p[0] for p in ring) > 180 for ring in geo_east)
    width = float(root.get("viewBox").split()[2])
    for sub in root.find(f"{NS}path[@class='map-land']").get("d").split("M")[1:]:
        pts = [tuple(map(float, p.split(","))) for p in sub.rstrip("Z").split("L")]
        assert max(abs(x2 - x1) for (x1, _), (x2, _) in zip(pts, pts[1:])) < width / 3
