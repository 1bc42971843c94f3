"""The overview's flow map: an SVG of Natural Earth's land and borders (catalog/world.py) with arcs from supplier to
recipient, drawn by the server so that it obeys the site's CSP (geometry and class names only; armsflow.css styles
it, and every piece of text is escaped).

The projection is equidistant cylindrical with its standard parallel at the middle of the view, which keeps a region's
shapes close to true and needs no GIS library. The default view is the world; given the members of a region, the map
fits their capitals instead (arcs to partners outside run off its edge). Each arc is a link to the records of its
dyad and carries its count in a ``<title>`` (shown on hover); a legend gives the scale of the widths. State names are
placed greedily: the first of several positions around the capital that overlaps no other label, capital or the
legend, farther out with a leader line when the near ones are taken, or not at all (the capital's own title still
names it).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

from markupsafe import Markup

from armsflow.catalog.world import shortest_span, world

WORLD = (-180.0, -58.0, 180.0, 84.0)        # lon0, lat0, lon1, lat1: the inhabited world, without Antarctica
FONT = 11.0                                  # px, the labels' font size (armsflow.css: svg.flowmap .map-label)
CHAR_W = 0.7                                 # a bold label's width per character, in font sizes (a wide estimate)


@dataclass(frozen=True)
class Projection:
    """(lon, lat) → SVG pixels for the extent (lon0, lat0, lon1, lat1), widened to fill ``width`` × ``height``."""
    lon0: float
    lat0: float
    lon1: float
    lat1: float
    width: int
    height: int
    k: float = field(init=False)             # the cosine of the standard parallel
    scale: float = field(init=False)         # pixels per degree of latitude

    def __post_init__(self):
        k = math.cos(math.radians(max(-70.0, min(70.0, (self.lat0 + self.lat1) / 2))))
        object.__setattr__(self, "k", k)
        object.__setattr__(self, "scale", self.width / ((self.lon1 - self.lon0) * k))

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.lon0) * self.k * self.scale, (self.lat1 - lat) * self.scale

    def place(self, lat: float, lon: float) -> tuple[float, float]:
        """Where a place (a capital) is drawn: at its longitude or 360° away, whichever is nearer the middle of the
        view (a view of the Pacific runs past 180°E)."""
        mid = (self.lon0 + self.lon1) / 2
        return self(mid + (lon - mid + 180) % 360 - 180, lat)

    def inside(self, x: float, y: float, margin: float = 0.0) -> bool:
        return margin <= x <= self.width - margin and margin <= y <= self.height - margin


def fit(extent: tuple[float, float, float, float], width: int, min_h: int = 300, max_h: int = 560) -> Projection:
    """A projection of ``extent`` ``width`` pixels wide, whose height follows the extent's shape within
    [min_h, max_h]; past those bounds the extent grows in the short direction so the box is all map."""
    lon0, lat0, lon1, lat1 = extent
    k = math.cos(math.radians(max(-70.0, min(70.0, (lat0 + lat1) / 2))))
    natural = width * (lat1 - lat0) / ((lon1 - lon0) * k)
    height = int(round(max(min_h, min(max_h, natural))))
    if natural < height:                                     # too flat: more latitude
        extra = ((lon1 - lon0) * k * height / width - (lat1 - lat0)) / 2
        lat0, lat1 = lat0 - extra, lat1 + extra
        if lat1 > 90:
            lat0, lat1 = lat0 - (lat1 - 90), 90.0
    elif natural > height:                                   # too tall: more longitude
        extra = ((lat1 - lat0) * width / (height * k) - (lon1 - lon0)) / 2
        lon0, lon1 = lon0 - extra, lon1 + extra
    return Projection(lon0, lat0, lon1, lat1, width, height)


def region_extent(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """(lon0, lat0, lon1, lat1) around a region's capitals ((lat, lon) pairs), padded by a quarter of its size plus
    a few degrees and at least 16° × 10°, so that the states themselves and their neighbours show. It runs past
    180°E for a region across the antimeridian."""
    if not points:
        return WORLD
    lats, lons = [p[0] for p in points], list(shortest_span([p[1] for p in points]).values())
    lon0, lon1, lat0, lat1 = min(lons), max(lons), min(lats), max(lats)
    pad_lon, pad_lat = 0.25 * (lon1 - lon0) + 3.0, 0.25 * (lat1 - lat0) + 2.5
    lon0, lon1, lat0, lat1 = lon0 - pad_lon, lon1 + pad_lon, lat0 - pad_lat, lat1 + pad_lat
    if lon1 - lon0 < 16:
        mid = (lon0 + lon1) / 2
        lon0, lon1 = mid - 8, mid + 8
    if lat1 - lat0 < 10:
        mid = (lat0 + lat1) / 2
        lat0, lat1 = mid - 5, mid + 5
    if lon1 - lon0 >= 360:
        lon0, lon1 = -180.0, 180.0
    return lon0, max(lat0, -85.0), lon1, min(lat1, 88.0)


# --- label placement -------------------------------------------------------------------------------------------------

Box = tuple[float, float, float, float]      # x0, y0, x1, y1


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def text_box(x: float, y: float, text: str, anchor: str, size: float = FONT) -> Box:
    """The box of ``text`` drawn at (x, y) (its baseline) with ``text-anchor`` ``anchor``, estimated wide."""
    w = CHAR_W * size * len(text) + 2
    x0 = x if anchor == "start" else x - w if anchor == "end" else x - w / 2
    return x0, y - 0.9 * size, x0 + w, y + 0.3 * size


@dataclass(frozen=True)
class Label:
    key: str
    text: str
    x: float                  # where the text is drawn (baseline), with text-anchor ``anchor``
    y: float
    anchor: str
    box: Box
    leader: tuple[float, float, float, float] | None      # a line from the anchor point to the text, or None


def _candidates(px: float, py: float, r: float):
    """(x, y, anchor, leader?) around a point, nearest first: right, left, above, below, the diagonals, then the
    same farther out with a leader line."""
    for d, leader in ((r + 3, False), (r + 16, True), (r + 30, True)):
        dd = d * 0.72
        yield px + d, py + FONT * 0.35, "start", leader
        yield px - d, py + FONT * 0.35, "end", leader
        yield px, py - d, "middle", leader
        yield px, py + d + FONT * 0.7, "middle", leader
        yield px + dd, py - dd, "start", leader
        yield px - dd, py - dd, "end", leader
        yield px + dd, py + dd + FONT * 0.5, "start", leader
        yield px - dd, py + dd + FONT * 0.5, "end", leader


def place_labels(points, width: float, height: float, blocked: list[Box] = ()) -> list[Label]:
    """Greedy labels for ``points``, (key, text, x, y, radius) in order of priority: each takes the first candidate
    position whose box stays inside width × height and overlaps no label, point or ``blocked`` box; a point
    whose candidates are all taken gets no label. No two returned boxes overlap."""
    taken: list[Box] = list(blocked) + [(x - r, y - r, x + r, y + r) for _k, _t, x, y, r in points]
    out: list[Label] = []
    for key, text, px, py, r in points:
        for x, y, anchor, leader in _candidates(px, py, r):
            box = text_box(x, y, text, anchor)
            if box[0] < 1 or box[1] < 1 or box[2] > width - 1 or box[3] > height - 1:
                continue
            if any(overlaps(box, t) for t in taken):
                continue
            line = None
            if leader:
                cx, cy = min(max(px, box[0]), box[2]), min(max(py, box[1]), box[3])
                line = (px, py, cx, cy)
            taken.append(box)
            out.append(Label(key, text, x, y, anchor, box, line))
            break
    return out


# --- drawing ---------------------------------------------------------------------------------------------------------

@lru_cache(maxsize=64)
def _geography(proj: Projection) -> tuple[str, str]:
    """SVG path data of the land and of the borders in ``proj``: the same for every view of a region (or of the
    world), so computed once."""
    geo = world()
    ext = (proj.lon0, proj.lat0, proj.lon1, proj.lat1)
    return _path(geo.land_in(ext), proj, True), _path(geo.borders_in(ext), proj, False)


def _path(lines, proj: Projection, closed: bool) -> str:
    """SVG path data of ``lines`` projected, with the points closer than a pixel to the last kept one dropped."""
    parts = []
    sx, sy, lon0, lat1 = proj.k * proj.scale, proj.scale, proj.lon0, proj.lat1
    for line in lines:
        pts = []
        lx = ly = -1e9
        for lon, lat in line:
            x, y = (lon - lon0) * sx, (lat1 - lat) * sy
            if abs(x - lx) + abs(y - ly) >= 1.0:
                pts.append(f"{x:.1f},{y:.1f}")
                lx, ly = x, y
        if len(pts) >= (3 if closed else 2):
            parts.append("M" + "L".join(pts) + ("Z" if closed else ""))
    return "".join(parts)


def _clip(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _records(n: int) -> str:
    return f"{n:,} record{'s' if n != 1 else ''}"


def _legend_values(counts: list[int]) -> list[int]:
    """Up to three counts that span the arcs drawn: the largest, the smallest and one between (geometric mean)."""
    lo, hi = min(counts), max(counts)
    mid = round(math.sqrt(lo * hi))
    return sorted({hi, mid, lo}, reverse=True)


def arc_width(n: int, top: int) -> float:
    return 1.2 + 5.5 * math.sqrt(n / top)


def _bezier(curve, t: float) -> tuple[float, float]:
    x1, y1, cx, cy, x2, y2 = curve
    u = 1 - t
    return u * u * x1 + 2 * u * t * cx + t * t * x2, u * u * y1 + 2 * u * t * cy + t * t * y2


def _edge_points(shown, curves, on_map: set[str], proj: Projection, name):
    """For a partner off a zoomed map, a label where its largest arc enters the map ("from Turkey", "to Italy"),
    anchored a few pixels inside the edge, as label points (key, text, x, y, radius)."""
    done: set[str] = set()
    out = []
    for a, b, _n in shown:                                   # largest first
        outside = a if a not in on_map and b in on_map else b if b not in on_map and a in on_map else None
        if outside is None or outside in done:
            continue
        done.add(outside)
        ts = [i / 200 for i in range(201)]
        if outside == b:
            ts.reverse()                                     # walk from the off-map end inwards
        entry = next((p for p in (_bezier(curves[(a, b)], t) for t in ts) if proj.inside(*p, margin=4)), None)
        if entry is not None:
            word = "from" if outside == a else "to"
            out.append((outside, f"{word} {_clip(name(outside))}", entry[0], entry[1], 2.0))
    return out


def flow_map(flows, coords: dict[str, tuple[float, float]], name, href, focus=None, width: int = 900) -> Markup:
    """Arcs supplier → recipient over land and borders, stroke width by records; each arc and each state links to
    its records.

    ``flows``: (supplier, recipient, records), largest first; ``coords``: code → (lat, lon); ``name(code)``: a
    state's name; ``href(supplier, recipient)``: the link of an arc (``recipient`` None: a state's page);
    ``focus``: the members of a region to fit the map to (None: the world)."""
    shown = [(a, b, n) for a, b, n in flows if a in coords and b in coords and a != b]
    inside = [coords[c] for c in sorted(focus or ()) if c in coords]
    proj = fit(region_extent(inside) if inside else WORLD, width)
    w, h = proj.width, proj.height
    where = "" if not inside else " (zoomed to the region)"
    out = [Markup('<svg class="flowmap" viewBox="0 0 {w} {h}" role="img" aria-label="{lab}">').format(
        w=w, h=h, lab=f"Flow map{where}: {len(shown)} supplier-recipient flows")]
    land, borders = _geography(proj)
    out.append(Markup(f'<rect class="map-sea" x="0" y="0" width="{w}" height="{h}"></rect>'
                      f'<path class="map-land" d="{land}"></path><path class="map-border" d="{borders}"></path>'))
    if not shown:
        out.append(Markup('<text class="map-empty" x="{}" y="{}" text-anchor="middle">No flows with both ends on the '
                          'map for these filters.</text></svg>').format(w / 2, h / 2))
        return Markup("").join(out)

    top = max(n for *_, n in shown)
    volume: dict[str, int] = {}
    for a, b, n in shown:
        volume[a] = volume.get(a, 0) + n
        volume[b] = volume.get(b, 0) + n
    vtop = max(volume.values())
    xy = {c: proj.place(*coords[c]) for c in volume}
    radius = {c: 2.5 + 3.5 * math.sqrt(volume[c] / vtop) for c in volume}

    curves: dict[tuple[str, str], tuple[float, ...]] = {}
    out.append(Markup('<defs><marker id="map-head" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="10" '
                      'markerHeight="10" markerUnits="userSpaceOnUse" orient="auto">'
                      '<path class="map-head" d="M0,0 L10,5 L0,10 z"></path></marker></defs><g class="map-flows">'))
    for a, b, n in reversed(shown):              # the largest drawn last, on top
        (x1, y1), (x2, y2) = xy[a], xy[b]
        dx, dy = x2 - x1, y2 - y1
        dist = math.hypot(dx, dy) or 1.0
        bend = 0.2 * dist
        cx, cy = (x1 + x2) / 2 + dy / dist * bend, (y1 + y2) / 2 - dx / dist * bend
        # stop short of the recipient's dot, along the curve's last tangent, so the arrowhead shows
        tx, ty = x2 - cx, y2 - cy
        tl = math.hypot(tx, ty) or 1.0
        stop = min(radius[b] + 1.5, 0.3 * dist)
        ex, ey = x2 - tx / tl * stop, y2 - ty / tl * stop
        curves[(a, b)] = (x1, y1, cx, cy, x2, y2)
        title = f"{name(a)} → {name(b)}: {_records(n)}"
        out.append(Markup('<a href="{href}" class="map-flow" data-supplier="{a}" data-recipient="{b}"><title>{t}'
                          '</title><path d="M{:.1f},{:.1f} Q{:.1f},{:.1f} {:.1f},{:.1f}" stroke-width="{:.1f}" '
                          'marker-end="url(#map-head)"></path></a>').format(
            x1, y1, cx, cy, ex, ey, arc_width(n, top), href=href(a, b), t=title, a=a, b=b))
    out.append(Markup("</g>"))

    # the legend, bottom left: the widths of three counts
    values = _legend_values([n for *_, n in shown])
    note = "Hover an arc for its count"
    lw = max(60 + max(len(_records(v)) for v in values) * 6.2, 16 + len(note) * 5.6)
    lh = 40 + 16 * len(values)
    lx, ly = 8, h - lh - 8
    legend = (lx, ly, lx + lw, ly + lh)
    out.append(Markup(f'<g class="map-legend"><rect x="{lx}" y="{ly:.0f}" width="{lw:.0f}" height="{lh}" rx="3">'
                      f'</rect><text class="map-legend-title" x="{lx + 8}" y="{ly + 15:.0f}">Records per flow</text>'))
    for i, v in enumerate(values):
        yy = ly + 30 + 16 * i
        out.append(Markup(f'<line x1="{lx + 8}" y1="{yy:.0f}" x2="{lx + 44}" y2="{yy:.0f}" '
                          f'stroke-width="{arc_width(v, top):.1f}"></line>'
                          f'<text x="{lx + 52}" y="{yy + 4:.0f}">{_records(v)}</text>'))
    out.append(Markup(f'<text class="map-legend-note" x="{lx + 8}" y="{ly + lh - 7:.0f}">{note}</text></g>'))

    on_map = [c for c in volume if proj.inside(*xy[c], margin=2)]
    order = sorted(on_map, key=lambda c: (c not in (focus or ()), -volume[c], c))     # the region named first
    for c in order:
        x, y = xy[c]
        out.append(Markup('<a href="{href}" class="map-node" data-code="{c}"><title>{t}</title>'
                          '<circle cx="{:.1f}" cy="{:.1f}" r="{:.1f}"></circle></a>').format(
            x, y, radius[c], href=href(c, None), c=c, t=f"{name(c)}: {_records(volume[c])} in the flows shown"))
    points = [(c, _clip(name(c)), *xy[c], radius[c]) for c in order]
    points += _edge_points(shown, curves, set(on_map), proj, name)
    labels = place_labels(points, w, h, [legend])
    for lab in labels:
        if lab.leader:
            out.append(Markup('<line class="map-leader" x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}"></line>')
                       .format(*lab.leader))
    for lab in labels:
        out.append(Markup('<a href="{href}" class="map-label"><text x="{:.1f}" y="{:.1f}" text-anchor="{anchor}">'
                          '{text}</text></a>').format(lab.x, lab.y, href=href(lab.key, None), anchor=lab.anchor,
                                                      text=lab.text))
    out.append(Markup("</svg>"))
    return Markup("").join(out)

