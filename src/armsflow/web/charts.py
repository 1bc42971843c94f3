"""Small charts drawn by the server as inline SVG, styled by classes from armsflow.css.

The site's Content-Security-Policy allows no inline style (no ``style=`` attribute, no ``<style>`` element), so the
charts here carry geometry and class names only, and every piece of text is escaped (``Markup.format`` escapes its
arguments). ``csp_safe_svg`` makes a briefing chart drawn by matplotlib (report/charts.py) obey the same rule:
its ``style`` attributes become SVG presentation attributes, which no CSP governs.

The flow map is schematic: an equirectangular projection of the capitals of places.yaml, fitted to the states
shown, with a graticule and no coastlines or tiles (nothing is fetched from anywhere).
"""
from __future__ import annotations

import math
import re

from markupsafe import Markup, escape


def bar(fraction: float | None, width: int = 120, height: int = 10, label: str = "") -> Markup:
    """A horizontal bar for a table cell: ``fraction`` (0..1) of ``width`` filled. Pages draw hundreds of them, so the
    SVG is one f-string of numbers; only a given ``label`` is text, and it is escaped."""
    f = 0.0 if fraction is None or fraction != fraction else max(0.0, min(1.0, float(fraction)))
    w, h = int(width), int(height)
    lab = escape(label) if label else f"{100 * f:.0f}%"
    return Markup(f'<svg class="bar" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-label="{lab}">'
                  f'<rect class="bar-bg" x="0" y="0" width="{w}" height="{h}" rx="2"></rect>'
                  f'<rect class="bar-fill" x="0" y="0" width="{f * w:.1f}" height="{h}" rx="2"></rect></svg>')


def _extent(points: list[tuple[float, float]], pad: float = 6.0) -> tuple[float, float, float, float]:
    """(lon0, lat0, lon1, lat1) around ``points`` (lat, lon), padded, and at least 30° x 18° so a small region
    is not drawn at a silly scale."""
    if not points:
        return -180.0, -60.0, 180.0, 80.0
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    lon0, lon1 = min(lons) - pad, max(lons) + pad
    lat0, lat1 = min(lats) - pad, max(lats) + pad
    if lon1 - lon0 < 30:
        mid = (lon0 + lon1) / 2
        lon0, lon1 = mid - 15, mid + 15
    if lat1 - lat0 < 18:
        mid = (lat0 + lat1) / 2
        lat0, lat1 = mid - 9, mid + 9
    return max(lon0, -180.0), max(lat0, -90.0), min(lon1, 180.0), min(lat1, 90.0)


def flow_map(flows, coords: dict[str, tuple[float, float]], name, href, label_top: int = 6,
             width: int = 900, height: int = 460) -> Markup:
    """Arcs supplier → recipient, stroke width by records; each arc and each state links to its records.

    ``flows``: (supplier, recipient, records), largest first; ``coords``: code → (lat, lon); ``name(code)``: a
    state's name; ``href(supplier, recipient)``: the link of an arc (``recipient`` None: a state's records)."""
    shown = [(a, b, n) for a, b, n in flows if a in coords and b in coords and a != b]
    codes = sorted({c for a, b, _ in shown for c in (a, b)})
    lon0, lat0, lon1, lat1 = _extent([coords[c] for c in codes])
    sx, sy = width / (lon1 - lon0), height / (lat1 - lat0)
    scale = min(sx, sy)
    ox = (width - (lon1 - lon0) * scale) / 2
    oy = (height - (lat1 - lat0) * scale) / 2

    def xy(code):
        lat, lon = coords[code]
        return ox + (lon - lon0) * scale, oy + (lat1 - lat) * scale

    out = [Markup('<svg class="flowmap" viewBox="0 0 {w} {h}" role="img" aria-label="{lab}">').format(
        w=width, h=height, lab=f"Flow map: {len(shown)} supplier-recipient flows between {len(codes)} states")]
    out.append(Markup('<rect class="map-sea" x="0" y="0" width="{}" height="{}"></rect>').format(width, height))
    step = 10 if (lon1 - lon0) <= 90 else 30
    for lon in range(int(math.ceil(lon0 / step)) * step, int(lon1) + 1, step):
        x = ox + (lon - lon0) * scale
        out.append(Markup('<line class="map-grid" x1="{0:.1f}" y1="0" x2="{0:.1f}" y2="{1}"></line>').format(x, height))
    for lat in range(int(math.ceil(lat0 / step)) * step, int(lat1) + 1, step):
        y = oy + (lat1 - lat) * scale
        out.append(Markup('<line class="map-grid" x1="0" y1="{0:.1f}" x2="{1}" y2="{0:.1f}"></line>').format(y, width))
    if not shown:
        out.append(Markup('<text class="map-empty" x="{}" y="{}" text-anchor="middle">No flows with both ends on the '
                          'map for these filters.</text>').format(width / 2, height / 2))
        out.append(Markup("</svg>"))
        return Markup("").join(out)
    top = max(n for *_, n in shown)
    out.append(Markup('<defs><marker id="map-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" '
                      'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
                      '<path class="map-head" d="M0,0 L10,5 L0,10 z"></path></marker></defs>'))
    labels = []
    for rank, (a, b, n) in enumerate(reversed(shown)):              # the largest drawn last, on top
        (x1, y1), (x2, y2) = xy(a), xy(b)
        dx, dy = x2 - x1, y2 - y1
        dist = math.hypot(dx, dy) or 1.0
        bend = 0.22 * dist
        cx, cy = (x1 + x2) / 2 - dy / dist * bend, (y1 + y2) / 2 + dx / dist * bend
        w = 1.2 + 6.0 * math.sqrt(n / top)
        title = f"{name(a)} → {name(b)}: {n:,} record{'s' if n != 1 else ''}"
        out.append(Markup('<a href="{href}" class="map-flow"><title>{t}</title><path d="M{:.1f},{:.1f} Q{:.1f},{:.1f} '
                          '{:.1f},{:.1f}" stroke-width="{:.1f}" marker-end="url(#map-head)"></path></a>').format(
            x1, y1, cx, cy, x2, y2, w, href=href(a, b), t=title))
        if len(shown) - rank <= label_top:
            labels.append((0.25 * x1 + 0.5 * cx + 0.25 * x2, 0.25 * y1 + 0.5 * cy + 0.25 * y2, n, a, b))
    for code in codes:
        x, y = xy(code)
        out.append(Markup('<a href="{href}" class="map-node"><title>{t}</title><circle cx="{:.1f}" cy="{:.1f}" r="4">'
                          '</circle><text x="{:.1f}" y="{:.1f}">{c}</text></a>').format(
            x, y, x + 6, y - 5, href=href(code, None), t=name(code), c=code))
    for x, y, n, a, b in labels:
        out.append(Markup('<a href="{href}" class="map-label"><title>{t}</title><text x="{:.1f}" y="{:.1f}" '
                          'text-anchor="middle">{n}</text></a>').format(
            x, y + 4, href=href(a, b), t=f"{name(a)} → {name(b)}", n=f"{n:,}"))
    out.append(Markup("</svg>"))
    return Markup("").join(out)


# --- briefing charts under a strict CSP ------------------------------------------------------------------------------

_STYLE_ATTR = re.compile(r'\sstyle="([^"]*)"')
_STYLE_EL = re.compile(r"<style[^>]*>(.*?)</style>", re.DOTALL | re.IGNORECASE)
# properties that SVG also accepts as attributes (a presentation attribute is not "inline style" to a CSP)
_PRESENTATION = {"fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
                 "stroke-linejoin", "stroke-dasharray", "stroke-dashoffset", "stroke-miterlimit", "opacity",
                 "clip-path", "clip-rule", "mask", "font-family", "font-size", "font-weight", "font-style",
                 "text-anchor", "dominant-baseline", "visibility", "display", "color", "marker-start", "marker-mid",
                 "marker-end", "paint-order", "vector-effect", "shape-rendering", "letter-spacing"}


def _attrs(declarations: str) -> str:
    out = []
    for decl in declarations.split(";"):
        if ":" not in decl:
            continue
        prop, value = (p.strip() for p in decl.split(":", 1))
        if prop.lower() in _PRESENTATION and value and '"' not in value:
            out.append(f' {prop.lower()}="{value}"')
    return "".join(out)


def csp_safe_svg(svg: str) -> str:
    """``svg`` with every ``style`` attribute turned into presentation attributes and ``<style>`` elements removed
    (matplotlib's only rule, ``*{stroke-linecap:butt;stroke-linejoin:round}``, moves to the root element, whence
    it is inherited)."""
    root_rules = "".join(_attrs(body.split("{", 1)[1].rsplit("}", 1)[0]) for body in _STYLE_EL.findall(svg)
                         if "{" in body and body.strip().startswith("*"))
    svg = _STYLE_EL.sub("", svg)
    svg = _STYLE_ATTR.sub(lambda m: _attrs(m.group(1)), svg)
    if root_rules:
        svg = svg.replace("<svg", "<svg" + root_rules, 1)
    return svg
