"""Briefing charts drawn with matplotlib (Agg, no pyplot, no network): SVG text for HTML, PNG bytes for PDF/Markdown.

``render(chart)`` draws a ``Chart`` once and returns both; ``to_svg`` and ``to_png`` give one of them. The data
shapes of the five kinds are documented in ``armsflow.report.briefing``.

Every chart has its title in the image; the caption is set by the renderers as text under it. Colours are the
Okabe–Ito palette (safe for the common colour-vision deficiencies) and statuses also differ by marker shape.
Labels are placed greedily around their anchor: the first of a few candidate positions that overlaps no label
or point already placed and stays inside the plot. Text is never read as mathtext, so "$" and "_" are literal.
The flow map draws anchors (capitals) over Natural Earth's land and borders (catalog/world.py), no tiles.
"""
from __future__ import annotations

import io
import math
import re
from collections import defaultdict
from dataclasses import dataclass

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator, MultipleLocator
from matplotlib.transforms import Bbox

from armsflow.report.briefing import STATUSES, Chart, chart_problems, fold_shares

# Okabe & Ito (2008): blue, orange, bluish green, reddish purple, sky blue, vermillion, yellow; grey for "other"
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#7F7F7F")
OTHER = "#C8C8C8"
LINE_PALETTE = PALETTE[:6]        # lines and outlines: no yellow (too faint), grey for the minor ones
MINOR = "#9A9A9A"
INK = "#222222"
MUTED = "#666666"
STATUS_STYLE = {                 # colour, marker
    "interest": ("#56B4E9", "o"),
    "negotiating": ("#E69F00", "D"),
    "ordered": ("#0072B2", "s"),
    "delivered": ("#009E73", "^"),
    "cancelled": ("#D55E00", "X"),
}
CATEGORY_NAMES = {
    "uav": "UAVs", "loitering_munition": "loitering munitions", "combat_aircraft": "combat aircraft",
    "aircraft": "other aircraft", "helicopter": "helicopters", "tank": "tanks",
    "armoured_vehicle": "armoured vehicles", "artillery": "artillery", "air_defence": "air defence",
    "anti_tank": "anti-tank weapons", "missile": "missiles", "ship": "ships", "small_arms": "small arms",
    "sensor": "sensors", "other": "other",
}
WIDTH = 8.0                      # inches: the HTML column and the PDF frame scale it to their width

RC = {
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "axes.labelcolor": INK,
    "axes.edgecolor": "#888888",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.labelsize": 9.5,
    "ytick.labelsize": 9.5,
    "xtick.color": "#444444",
    "ytick.color": "#444444",
    "legend.fontsize": 9,
    "legend.frameon": False,
    "text.color": INK,
    "text.parse_math": False,
    "text.usetex": False,
    "svg.fonttype": "path",
    "svg.hashsalt": "armsflow",
    "svg.image_inline": True,
    "figure.dpi": 100,
}


@dataclass
class RenderedChart:
    svg: str
    png: bytes
    width: float                 # inches, of the saved image
    height: float


def render(chart: Chart, dpi: int = 200) -> RenderedChart:
    """Draw ``chart`` and return it as SVG text and PNG bytes (``dpi`` for the PNG)."""
    with matplotlib.rc_context(RC):
        fig = draw(chart)
        svg = _save(fig, "svg")
        png = _save(fig, "png", dpi=dpi)
    w, h = _png_size(png)
    return RenderedChart(svg=svg.decode("utf-8"), png=png, width=w / dpi, height=h / dpi)


def to_svg(chart: Chart) -> str:
    with matplotlib.rc_context(RC):
        return _save(draw(chart), "svg").decode("utf-8")


def to_png(chart: Chart, dpi: int = 200) -> bytes:
    with matplotlib.rc_context(RC):
        return _save(draw(chart), "png", dpi=dpi)


def draw(chart: Chart) -> Figure:
    """The chart as a matplotlib Figure (Agg canvas). Call inside ``matplotlib.rc_context(RC)``."""
    problems = chart_problems(chart)
    if problems:
        raise ValueError(f"chart {chart.title!r}: " + "; ".join(problems))
    drawer = {"network": _network, "timeline": _timeline, "shares": _shares, "dyad": _dyad,
              "flowmap": _flowmap}[chart.kind]
    return drawer(chart)


def _save(fig: Figure, fmt: str, dpi: int = 100) -> bytes:
    buf = io.BytesIO()
    metadata = {"Date": None, "Creator": None} if fmt == "svg" else {"Software": None}
    fig.savefig(buf, format=fmt, dpi=dpi, bbox_inches="tight", pad_inches=0.12, facecolor="white",
                metadata=metadata)
    return buf.getvalue()


def _png_size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


# --- helpers --------------------------------------------------------------------------------------------------------

def _figure(height: float, width: float = WIDTH) -> tuple[Figure, FigureCanvasAgg]:
    fig = Figure(figsize=(width, height))
    canvas = FigureCanvasAgg(fig)
    return fig, canvas


def _title(fig: Figure, title: str, top_in: float = 0.18) -> float:
    """The chart's title, left-aligned at the top; returns the figure fraction below it."""
    h = fig.get_figheight()
    y = 1 - top_in / h
    fig.text(0.012, y, _clip(title, 95), ha="left", va="top", fontsize=12.5, fontweight="bold", color=INK)
    return y - 0.34 / h


def _empty(chart: Chart, message: str = "No records to show for this chart.") -> Figure:
    fig, _ = _figure(2.0)
    _title(fig, chart.title)
    fig.text(0.5, 0.42, message, ha="center", va="center", fontsize=11, color=MUTED)
    return fig


def _clip(text, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _names(data: dict) -> dict[str, str]:
    from armsflow.catalog.loader import CatalogError, load_catalog
    from armsflow.export.lookups import actor_names
    try:
        names = actor_names(load_catalog())
    except CatalogError:                     # a broken user catalogue must not stop a briefing
        names = actor_names(load_catalog(include_user=False))
    names.update({str(k): str(v) for k, v in (data.get("names") or {}).items()})
    return names


def _supplier_colours(order) -> dict[str, str]:
    """The six biggest suppliers (``order`` is biggest first) get a colour each; the rest are grey."""
    return {n: LINE_PALETTE[i] if i < len(LINE_PALETTE) else MINOR for i, n in enumerate(order)}


def _name(names: dict[str, str], code) -> str:
    return names.get(str(code), str(code))


def _text_colour(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return INK if 0.299 * r + 0.587 * g + 0.114 * b > 0.55 else "white"


def _category(cat) -> str:
    return CATEGORY_NAMES.get(str(cat), str(cat).replace("_", " "))


class _Placer:
    """Greedy label placement: the first candidate offset whose text box overlaps nothing placed so far."""

    def __init__(self, fig: Figure, ax, margin_px: float = 2.0):
        self.renderer = fig.canvas.get_renderer()
        self.ax = ax
        self.taken: list[Bbox] = []
        self.bounds = ax.get_window_extent(self.renderer)
        self.margin = margin_px

    def block(self, x: float, y: float, radius_px: float, ax=None) -> None:
        px, py = (ax or self.ax).transData.transform((x, y))
        self.taken.append(Bbox.from_extents(px - radius_px, py - radius_px, px + radius_px, py + radius_px))

    def block_bbox(self, bbox: Bbox) -> None:
        self.taken.append(bbox)

    def _cost(self, bb: Bbox) -> float:
        cost = 0.0
        for o in self.taken:
            w = min(bb.x1, o.x1) - max(bb.x0, o.x0)
            h = min(bb.y1, o.y1) - max(bb.y0, o.y0)
            if w > 0 and h > 0:
                cost += w * h
        b = self.bounds
        outside = (max(0, b.x0 - bb.x0) + max(0, bb.x1 - b.x1)) * bb.height + \
                  (max(0, b.y0 - bb.y0) + max(0, bb.y1 - b.y1)) * bb.width
        return cost + 4 * outside

    def place_at(self, points, text: str, ax=None, **kw):
        """Text centred on the first of ``points`` (data coordinates) where it overlaps nothing placed."""
        ax = ax or self.ax
        best = None
        for x, y in points:
            t = ax.text(x, y, text, ha="center", va="center", **kw)
            bb = t.get_window_extent(self.renderer).padded(self.margin + 1)
            cost = self._cost(bb)
            if cost == 0:
                if best is not None:
                    best[1].remove()
                self.taken.append(bb)
                return t
            if best is None or cost < best[0]:
                if best is not None:
                    best[1].remove()
                best = (cost, t, bb)
            else:
                t.remove()
        self.taken.append(best[2])
        return best[1]

    def place(self, x: float, y: float, text: str, candidates, ax=None, optional: bool = False, **kw):
        """Annotate (x, y) with ``text`` at the best of ``candidates``: (dx, dy, ha, va) offsets in points. An
        ``optional`` label that would overlap something wherever it goes is left out (None)."""
        ax = ax or self.ax
        best = None
        for i, (dx, dy, ha, va) in enumerate(candidates):
            t = ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                            annotation_clip=False, **kw)
            bb = t.get_window_extent(self.renderer).padded(self.margin)
            cost = self._cost(bb)
            if cost == 0:
                self.taken.append(bb)
                return t
            t.remove()
            if best is None or cost < best[0]:
                best = (cost, i, bb)
        if optional:
            return None
        _, i, bb = best
        dx, dy, ha, va = candidates[i]
        self.taken.append(bb)
        return ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                           annotation_clip=False, **kw)


def _around(r: float) -> list[tuple[float, float, str, str]]:
    """Eight positions around a point, r points away: right, left, above, below, then the diagonals."""
    d = r * 0.75
    return [(r, 0, "left", "center"), (-r, 0, "right", "center"), (0, r, "center", "bottom"),
            (0, -r, "center", "top"), (d, d, "left", "bottom"), (-d, d, "right", "bottom"),
            (d, -d, "left", "top"), (-d, -d, "right", "top"),
            (2 * r, 0, "left", "center"), (-2 * r, 0, "right", "center"), (0, 2 * r, "center", "bottom"),
            (0, -2 * r, "center", "top")]


def _legend_cols(n: int) -> int:
    """One row up to five entries, then two rows, then four columns."""
    return n if n <= 5 else math.ceil(n / 2) if n <= 8 else 4


def _legend_below(fig: Figure, ax, handles, labels, ncol: int, y_in: float = 0.12) -> None:
    ncol = _legend_cols(len(labels))
    fig.legend(handles, labels, loc="lower left", bbox_to_anchor=(0.012, y_in / fig.get_figheight()),
               ncol=ncol, frameon=False, handlelength=1.3, columnspacing=1.4, borderaxespad=0)


# --- network ---------------------------------------------------------------------------------------------------------

def _network(chart: Chart) -> Figure:
    import networkx as nx

    data = chart.data
    names = _names(data)
    weights: dict[tuple[str, str], float] = defaultdict(float)
    labels: dict[tuple[str, str], list[str]] = defaultdict(list)
    for s, r, w, label in data.get("edges", []):
        key = (str(s), str(r))
        weights[key] += float(w)
        if label and str(label) not in labels[key]:
            labels[key].append(str(label))
    if not weights:
        return _empty(chart)
    g = nx.DiGraph()
    for (s, r), w in weights.items():
        g.add_edge(s, r, weight=w)
    suppliers = {s for s, _ in weights}
    recipients = {r for _, r in weights}
    focus = {str(c) for c in data.get("focus") or ()} or (recipients - suppliers)
    strength = {n: sum(w for (s, r), w in weights.items() if n in (s, r)) for n in g.nodes}
    bipartite = not (suppliers & recipients)

    if bipartite:
        rows = max(len(suppliers), len(recipients))
        height = max(3.2, 0.46 * rows + 1.3)
    else:
        height = max(4.5, min(9.0, 0.5 * len(g) + 1.5))
    fig, _ = _figure(height)
    top = _title(fig, chart.title)
    ax = fig.add_axes((0.02, 0.03, 0.96, top - 0.06))
    ax.set_axis_off()

    if bipartite:
        pos = _two_columns(suppliers, recipients, weights)
        ax.set_xlim(-0.62, 1.62)
        ax.set_ylim(-0.06, 1.06)
        ax.text(0, 1.06, "Suppliers", ha="center", va="bottom", fontsize=10, color=MUTED, fontweight="bold")
        ax.text(1, 1.06, "Recipients", ha="center", va="bottom", fontsize=10, color=MUTED, fontweight="bold")
    else:
        try:
            pos = nx.kamada_kawai_layout(g.to_undirected())
        except (ImportError, ValueError, nx.NetworkXException):      # no scipy, or a degenerate graph
            pos = nx.spring_layout(g, seed=7)
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        padx = (max(xs) - min(xs)) * 0.25 + 0.1
        pady = (max(ys) - min(ys)) * 0.1 + 0.1
        ax.set_xlim(min(xs) - padx, max(xs) + padx)
        ax.set_ylim(min(ys) - pady, max(ys) + pady)

    smax = max(strength.values())
    wmax = max(weights.values())
    size = {n: 90 + 460 * math.sqrt(strength[n] / smax) for n in g.nodes}      # marker area, points²
    supplier_order = sorted(suppliers, key=lambda n: (-strength[n], n))
    colour = _supplier_colours(supplier_order)
    ends = _ports(pos, weights, size, fig, ax) if bipartite else {e: (pos[e[0]], pos[e[1]]) for e in weights}

    placer = _Placer(fig, ax)
    # edges, heaviest last so they sit on top
    for (s, r), w in sorted(weights.items(), key=lambda kv: kv[1]):
        lw = 1.0 + 6.0 * w / wmax
        a, b = ends[(s, r)]
        arrow = FancyArrowPatch(
            a, b, arrowstyle="-|>", mutation_scale=8 + 1.6 * lw, linewidth=lw,
            color=colour.get(s, PALETTE[0]), alpha=0.8,
            connectionstyle="arc3,rad=0.0" if bipartite else "arc3,rad=0.12",
            shrinkA=0 if bipartite else math.sqrt(size[s]) / 2 + 2,
            shrinkB=0 if bipartite else math.sqrt(size[r]) / 2 + 3, zorder=2)
        ax.add_patch(arrow)
    for n, (x, y) in pos.items():
        is_focus = n in focus
        ax.scatter([x], [y], s=size[n], color="#0072B2" if is_focus else "white",
                   edgecolor="#0072B2" if is_focus else colour.get(n, INK), linewidth=2.0, zorder=3)
        placer.block(x, y, math.sqrt(size[n]) / 2 * 100 / 72)
    for n, (x, y) in pos.items():
        label = _clip(_name(names, n), 30)
        if bipartite:
            r = math.sqrt(size[n]) / 2 + 5
            cands = [(-r, 0, "right", "center")] if n in suppliers else [(r, 0, "left", "center")]
        else:
            cands = _around(math.sqrt(size[n]) / 2 + 4)
        placer.place(x, y, label, cands, fontsize=10.5, fontweight="bold" if n in focus else "normal",
                     color=INK, zorder=5)
    # edge labels, heaviest edge first, at the first free spot along the edge
    ts = (0.5, 0.4, 0.6, 0.32, 0.68, 0.45, 0.55, 0.25, 0.75, 0.36, 0.64, 0.2, 0.8)
    for (s, r), _ in sorted(weights.items(), key=lambda kv: -kv[1]):
        if not labels[(s, r)]:
            continue
        text = _clip(", ".join(labels[(s, r)]), 34)
        (x1, y1), (x2, y2) = ends[(s, r)]
        points = []
        for t in ts:
            x, y = x1 + t * (x2 - x1), y1 + t * (y2 - y1)
            if not bipartite:                # a point on the arc3 curve (control point off the chord)
                cx, cy = (x1 + x2) / 2 + 0.12 * (y2 - y1), (y1 + y2) / 2 - 0.12 * (x2 - x1)
                x = (1 - t) ** 2 * x1 + 2 * t * (1 - t) * cx + t ** 2 * x2
                y = (1 - t) ** 2 * y1 + 2 * t * (1 - t) * cy + t ** 2 * y2
            points.append((x, y))
        placer.place_at(points, text, fontsize=8.2, color="#333333", zorder=4,
                        bbox=dict(boxstyle="round,pad=0.18", facecolor="white", edgecolor="none", alpha=0.9))
    return fig


def _ports(pos, weights, size, fig, ax) -> dict[tuple[str, str], tuple[tuple[float, float], tuple[float, float]]]:
    """Two-column layout: where each arrow leaves its supplier and meets its recipient. The arrows of one node
    are spread over its height, in the order of the nodes at their other ends, so that they do not pile up."""
    to_px = ax.transData.transform
    px_per_y = abs(to_px((0, 1))[1] - to_px((0, 0))[1])
    px_per_x = abs(to_px((1, 0))[0] - to_px((0, 0))[0])
    out: dict = {}
    starts: dict[str, list] = defaultdict(list)
    finishes: dict[str, list] = defaultdict(list)
    for s, r in weights:
        starts[s].append((s, r))
        finishes[r].append((s, r))

    def spread(node, edges, other_index, side):
        edges = sorted(edges, key=lambda e: -pos[e[other_index]][1])
        radius_pt = math.sqrt(size[node]) / 2
        radius_px = radius_pt * fig.dpi / 72
        k = len(edges)
        spacing = min(radius_px * 1.5 / max(k - 1, 1), 9 * fig.dpi / 72) if k > 1 else 0
        x, y = pos[node]
        result = {}
        for i, e in enumerate(edges):
            dy_px = ((k - 1) / 2 - i) * spacing
            gap_px = radius_px + (3 if side < 0 else 8) * fig.dpi / 72
            dx_px = math.sqrt(max(gap_px ** 2 - dy_px ** 2, (gap_px * 0.6) ** 2))
            result[e] = (x + side * dx_px / px_per_x, y + dy_px / px_per_y)
        return result

    a_end: dict = {}
    b_end: dict = {}
    for s, edges in starts.items():
        a_end.update(spread(s, edges, 1, +1))
    for r, edges in finishes.items():
        b_end.update(spread(r, edges, 0, -1))
    for e in weights:
        out[e] = (a_end[e], b_end[e])
    return out

def _two_columns(suppliers, recipients, weights) -> dict[str, tuple[float, float]]:
    """Suppliers at x=0, recipients at x=1, ordered by barycentre so that arrows cross as little as possible."""
    rec_order = sorted(recipients, key=lambda r: (-sum(w for (_, rr), w in weights.items() if rr == r), r))
    sup_order = sorted(suppliers)
    for _ in range(4):
        rank = {r: i for i, r in enumerate(rec_order)}
        sup_order = sorted(sup_order, key=lambda s: (_bary(s, rank, weights, 0), s))
        rank = {s: i for i, s in enumerate(sup_order)}
        rec_order = sorted(rec_order, key=lambda r: (_bary(r, rank, weights, 1), r))

    def spread(order, x):
        n = len(order)
        total = max(len(suppliers), len(recipients))
        step = 1 / max(total - 1, 1)
        span = step * (n - 1)
        start = 0.5 + span / 2
        return {node: (x, start - i * step) for i, node in enumerate(order)}

    return {**spread(sup_order, 0.0), **spread(rec_order, 1.0)}


def _bary(node, rank, weights, side: int) -> float:
    num = den = 0.0
    for (s, r), w in weights.items():
        me, other = (s, r) if side == 0 else (r, s)
        if me == node and other in rank:
            num += w * rank[other]
            den += w
    return num / den if den else 0.0


# --- timeline --------------------------------------------------------------------------------------------------------

def _timeline(chart: Chart) -> Figure:
    events = [(int(y), _clip(label, 48), status) for y, label, status in chart.data.get("events", [])]
    if not events:
        return _empty(chart)
    rows: list[str] = []
    for _, label, _ in events:
        if label not in rows:
            rows.append(label)
    height = max(2.6, 0.36 * len(rows) + 1.75)
    fig, canvas = _figure(height)
    top = _title(fig, chart.title)
    # left margin from the longest row label
    renderer = canvas.get_renderer()
    probe = fig.text(0, 0, max(rows, key=len), fontsize=9.5)
    label_w = probe.get_window_extent(renderer).width / (fig.dpi * WIDTH)
    probe.remove()
    left = min(0.5, label_w + 0.03)
    bottom_in = 0.95
    ax = fig.add_axes((left, bottom_in / height, 0.975 - left, top - 0.1 / height - bottom_in / height))
    years = [y for y, _, _ in events]
    lo, hi = min(years), max(years)
    ax.set_xlim(lo - 0.6, hi + 0.6)
    ax.set_ylim(len(rows) - 0.4, -0.6)
    span = hi - lo
    # a tick a year, two or five; over a longer span (a year 0 among the events) a dozen ticks at round years
    ax.xaxis.set_major_locator(MultipleLocator(1 if span <= 12 else 2 if span <= 24 else 5) if span <= 60 else
                               MaxNLocator(nbins=12, integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{int(v)}"))
    ax.set_yticks(range(len(rows)), rows)
    ax.tick_params(axis="y", length=0, pad=6)
    ax.grid(axis="x", color="#E4E4E4", linewidth=0.8, zorder=0)
    ax.spines["left"].set_visible(False)
    for i in range(len(rows)):
        if i % 2 == 0:
            ax.axhspan(i - 0.5, i + 0.5, color="#F5F7FA", zorder=0, linewidth=0)
    by_row: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for y, label, status in events:
        if (y, status) not in by_row[label]:
            by_row[label].append((y, status))
    for i, label in enumerate(rows):
        evs = sorted(by_row[label], key=lambda e: (e[0], STATUSES.index(e[1])))
        ax.plot([evs[0][0], evs[-1][0]], [i, i], color="#9AA4AE", linewidth=1.6, zorder=1,
                solid_capstyle="round")
        per_year: dict[int, list[str]] = defaultdict(list)
        for y, status in evs:
            per_year[y].append(status)
        for y, statuses in per_year.items():
            k = len(statuses)
            for j, status in enumerate(statuses):
                colour, marker = STATUS_STYLE[status]
                x = y + (j - (k - 1) / 2) * 0.22
                ax.scatter([x], [i], s=78, marker=marker, color=colour, edgecolor="white", linewidth=0.9,
                           zorder=3)
    present = [s for s in STATUSES if any(st == s for _, _, st in events)]
    handles = [ax.scatter([], [], s=60, marker=STATUS_STYLE[s][1], color=STATUS_STYLE[s][0]) for s in present]
    _legend_below(fig, ax, handles, present, ncol=len(present), y_in=0.1)
    return fig


# --- shares ----------------------------------------------------------------------------------------------------------

def _shares(chart: Chart) -> Figure:
    data = chart.data
    names = _names(data)
    recipients = {str(r): [(str(s), float(sh), c) for s, sh, c in parts]
                  for r, parts in (data.get("recipients") or {}).items() if parts}
    if not recipients:
        return _empty(chart)
    total: dict[str, float] = defaultdict(float)
    for parts in recipients.values():
        for s, sh, _ in fold_shares(parts)[0]:      # every supplier above 5 % of some recipient is drawn
            total[s] += sh
    keep = sorted(total, key=lambda s: (-total[s], s))
    colour = {s: PALETTE[i % 7] for i, s in enumerate(keep)}
    hatch = {s: ("////" if i >= 7 else None) for i, s in enumerate(keep)}
    if any(fold_shares(parts)[1] for parts in recipients.values()):
        colour["_other"] = OTHER
    height = max(2.4, 0.5 * len(recipients) + 1.9)
    fig, canvas = _figure(height)
    top = _title(fig, chart.title)
    renderer = canvas.get_renderer()
    rnames = [_clip(_name(names, r), 28) for r in recipients]
    probe = fig.text(0, 0, max(rnames, key=len), fontsize=10)
    left = min(0.4, probe.get_window_extent(renderer).width / (fig.dpi * WIDTH) + 0.03)
    probe.remove()
    legend_rows = math.ceil(len(colour) / _legend_cols(len(colour)))
    bottom_in = 0.55 + 0.24 * legend_rows
    ax = fig.add_axes((left, bottom_in / height, 0.9 - left, top - 0.08 / height - bottom_in / height))
    for i, (_r, parts) in enumerate(recipients.items()):
        merged: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
        counted = True
        shown = {p[0] for p in fold_shares(parts)[0]}
        for s, sh, c in parts:
            key = s if s in shown else "_other"
            merged[key][0] += sh
            if c is None:
                counted = False
            else:
                merged[key][1] += c
        x = 0.0
        for key in [*keep, "_other"]:
            if key not in merged:
                continue
            sh, _ = merged[key]
            if sh <= 0:
                continue
            ax.barh(i, sh, left=x, height=0.62, color=colour[key], edgecolor="white", linewidth=1.2,
                    hatch=hatch.get(key))
            if sh >= 0.075:
                ax.text(x + sh / 2, i, f"{sh * 100:.0f}%", ha="center", va="center", fontsize=8.8,
                        color=_text_colour(colour[key]), fontweight="bold")
            x += sh
        if counted:
            n = sum(v[1] for v in merged.values())
            ax.text(1.012, i, f"n = {n:g}", ha="left", va="center", fontsize=8.8, color=MUTED,
                    transform=ax.get_yaxis_transform())
    ax.set_yticks(range(len(recipients)), rnames)
    ax.set_ylim(len(recipients) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_locator(MultipleLocator(0.25))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v * 100:.0f}%"))
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.grid(axis="x", color="#E4E4E4", linewidth=0.8)
    ax.set_axisbelow(True)
    handles = [Rectangle((0, 0), 1, 1, facecolor=colour[k], edgecolor="white", hatch=hatch.get(k)) for k in colour]
    texts = [_clip(_name(names, k), 24) if k != "_other" else "other (5% or less each)" for k in colour]
    _legend_below(fig, ax, handles, texts, ncol=min(4, len(colour)), y_in=0.08)
    return fig


# --- dyad ------------------------------------------------------------------------------------------------------------

def _dyad(chart: Chart) -> Figure:
    data = chart.data
    sides = data["sides"]
    buckets = [b for b in data.get("buckets") or ()] or sorted(
        {b for side in sides for b in side.get("counts", {})}, key=lambda b: (str(type(b)), b))
    cat_total: dict[str, float] = defaultdict(float)
    for side in sides:
        for cats in side.get("counts", {}).values():
            for c, v in cats.items():
                cat_total[str(c)] += v
    if not buckets or not any(cat_total.values()):
        return _empty(chart)
    given = [str(c) for c in data.get("categories") or ()]
    cats = given or sorted((c for c in cat_total if cat_total[c] > 0), key=lambda c: (-cat_total[c], c))
    keep = cats if len(cats) <= 7 else cats[:6]
    colour = {c: PALETTE[i] for i, c in enumerate(keep)}
    if len(cats) > len(keep):
        colour["_other"] = OTHER
    legend_rows = math.ceil(len(colour) / _legend_cols(len(colour)))
    height = 3.45 + 0.24 * legend_rows
    fig, _ = _figure(height)
    top = _title(fig, chart.title)
    bottom_in = 0.75 + 0.24 * legend_rows
    b = bottom_in / height
    h = top - 0.42 / height - b
    axes = [fig.add_axes((0.075, b, 0.41, h)), fig.add_axes((0.565, b, 0.41, h))]
    ymax = 0.0
    for ax, side in zip(axes, sides, strict=True):
        counts = {b: c for b, c in (side.get("counts") or {}).items()}
        bottoms = [0.0] * len(buckets)
        for key in colour:
            vals = []
            for bk in buckets:
                cats_here = counts.get(bk) or counts.get(str(bk)) or {}
                if key == "_other":
                    vals.append(sum(v for c, v in cats_here.items() if str(c) not in keep))
                else:
                    vals.append(sum(v for c, v in cats_here.items() if str(c) == key))
            ax.bar(range(len(buckets)), vals, bottom=bottoms, width=0.68, color=colour[key], edgecolor="white",
                   linewidth=0.8)
            bottoms = [x + v for x, v in zip(bottoms, vals, strict=True)]
        for i, tot in enumerate(bottoms):
            if tot > 0:
                ax.text(i, tot, f"{tot:g}", ha="center", va="bottom", fontsize=8.8, color=MUTED)
        ymax = max(ymax, max(bottoms))
        ax.set_title(_clip(side.get("label", ""), 40), loc="left", fontsize=11, fontweight="bold", pad=8)
        ax.set_xticks(range(len(buckets)), [str(bk) for bk in buckets])
        if len(buckets) > 7:
            ax.tick_params(axis="x", labelrotation=45)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=6))
        ax.grid(axis="y", color="#E4E4E4", linewidth=0.8)
        ax.set_axisbelow(True)
        ax.set_xlim(-0.6, len(buckets) - 0.4)
    for ax in axes:
        ax.set_ylim(0, max(1.0, ymax) * 1.14)
    axes[0].set_ylabel(str(data.get("unit") or "records"))
    handles = [Rectangle((0, 0), 1, 1, color=colour[k]) for k in colour]
    texts = [_category(k) if k != "_other" else "other categories" for k in colour]
    _legend_below(fig, axes[0], handles, texts, ncol=min(4, len(colour)), y_in=0.08)
    return fig


# --- flow map --------------------------------------------------------------------------------------------------------

def _flowmap(chart: Chart) -> Figure:
    from armsflow.catalog.loader import CatalogError
    from armsflow.catalog.places import load_places
    from armsflow.catalog.world import shortest_span

    data = chart.data
    names = _names(data)
    try:
        places = dict(load_places())
    except CatalogError:                     # a broken user places file must not stop a briefing
        places = dict(load_places(include_user=False))
    places.update({str(k): (float(v[0]), float(v[1])) for k, v in (data.get("coords") or {}).items()})
    weights: dict[tuple[str, str], float] = defaultdict(float)
    missing: set[str] = set()
    for s, r, w in data.get("flows", []):
        s, r = str(s), str(r)
        if s not in places or r not in places:
            missing.update(c for c in (s, r) if c not in places)
            continue
        if s != r:
            weights[(s, r)] += float(w)
    if not weights:
        return _empty(chart, "No flows with map anchors for both ends." if missing else
                      "No records to show for this chart.")
    nodes = {n for pair in weights for n in pair}
    suppliers = {s for s, _ in weights}
    recipients = {r for _, r in weights}
    focus = ({str(c) for c in data.get("focus") or ()} & nodes) or recipients
    strength = {n: sum(w for pair, w in weights.items() if n in pair) for n in nodes}
    wmax, smax = max(weights.values()), max(strength.values())
    lat_of = {n: places[n][0] for n in nodes}
    span = shortest_span([places[n][1] for n in nodes])                # Australia to Tonga: past 180°E
    lon_of = {n: span[places[n][1]] for n in nodes}
    supplier_order = sorted(suppliers, key=lambda n: (-strength[n], n))
    colour = _supplier_colours(supplier_order)

    all_ext = _extent([lon_of[n] for n in nodes], [lat_of[n] for n in nodes], None, None, pad=0.08)
    f_ext = _extent([lon_of[n] for n in focus], [lat_of[n] for n in focus], None, None, pad=0.0)
    detail = len(focus) >= 2 and (all_ext[1] - all_ext[0]) > 6 * max(f_ext[1] - f_ext[0], 2.0)

    width = WIDTH
    foot_in = 0.32
    if detail:
        # overview strip (every anchor) above a detail panel of the focus area, joined by a zoom box
        k = 1 / math.cos(math.radians(max(min((all_ext[2] + all_ext[3]) / 2, 75), -75)))
        natural = width * (all_ext[3] - all_ext[2]) * k / (all_ext[1] - all_ext[0])
        over_h = min(max(natural, 1.9), 3.3)
        detail_h = 4.4
        gap = 0.32
        height = 0.62 + over_h + gap + detail_h + foot_in
        fig, _ = _figure(height, width)
        top = _title(fig, chart.title)
        over_box = (0.005, top - 0.04 / height - over_h / height, 0.99, over_h / height)
        det_box = (0.005, foot_in / height, 0.99, detail_h / height)
        over_ax = fig.add_axes(over_box)
        det_ax = fig.add_axes(det_box)
        over_ext = _extent([lon_of[n] for n in nodes], [lat_of[n] for n in nodes], width * 0.99, over_h, pad=0.06)
        pad = max(f_ext[1] - f_ext[0], f_ext[3] - f_ext[2]) * 0.22 + 0.6
        det_ext = _extent([f_ext[0] - pad, f_ext[1] + pad], [f_ext[2] - pad, f_ext[3] + pad],
                          width * 0.99, detail_h, pad=0.0)
        _frame(over_ax, over_ext)
        _frame(det_ax, det_ext)
        for a in (over_ax, det_ax):
            for spine in a.spines.values():
                spine.set_visible(True)
                spine.set_edgecolor("#B8C4CE")
                spine.set_linewidth(0.8)
        det_ax.spines["top"].set_edgecolor("#555555")
        over_placer = _Placer(fig, over_ax)
        _draw_flows(over_ax, over_ext, weights, lon_of, lat_of, colour, wmax, scale=0.8)
        _draw_anchors(over_ax, nodes, focus, strength, smax, colour, lon_of, lat_of, scale=0.75)
        zx0, zx1, zy0, zy1 = det_ext
        over_ax.add_patch(Rectangle((zx0, zy0), zx1 - zx0, zy1 - zy0, fill=False, edgecolor="#555555",
                                    linewidth=1.0, zorder=5))
        region = data.get("focus_label") or "detail below"
        tag = over_ax.annotate(str(region), (zx0, zy1), xytext=(0, 3), textcoords="offset points", ha="left",
                               va="bottom", fontsize=8.5, color="#444444", fontstyle="italic", zorder=6,
                               bbox=dict(boxstyle="round,pad=0.1", facecolor="white", edgecolor="none", alpha=0.7))
        zx, zy = over_ax.transData.transform((zx0, zy0))
        zx1p, zy1p = over_ax.transData.transform((zx1, zy1))
        over_placer.block_bbox(Bbox.from_extents(zx, zy, zx1p, zy1p))
        over_placer.block_bbox(tag.get_window_extent(over_placer.renderer).padded(2))
        # the zoom box's lower corners joined to the detail panel's upper corners
        for xz, xd in ((zx0, det_ext[0]), (zx1, det_ext[1])):
            fig.add_artist(_connector(fig, over_ax, (xz, zy0), det_ax, (xd, det_ext[3])))
        labelled = {n for n in nodes if not _inside(lon_of[n], lat_of[n], det_ext)}
        _label_anchors(over_ax, over_placer, labelled, focus, strength, smax, names, lon_of, lat_of, 0.75, 9)
        det_placer = _Placer(fig, det_ax)
        _draw_flows(det_ax, det_ext, weights, lon_of, lat_of, colour, wmax, scale=1.1)
        _draw_anchors(det_ax, nodes, focus, strength, smax, colour, lon_of, lat_of, scale=1.35, placer=det_placer)
        inner = {n for n in nodes if _inside(lon_of[n], lat_of[n], det_ext)}
        _label_anchors(det_ax, det_placer, inner, focus, strength, smax, names, lon_of, lat_of, 1.35, 10.5)
        _label_entries(det_ax, det_placer, det_ext, weights, lon_of, lat_of, colour, names, inner)
    else:
        height = 5.6
        fig, _ = _figure(height, width)
        top = _title(fig, chart.title)
        box = (0.005, foot_in / height, 0.99, top - 0.02 - foot_in / height)
        ax = fig.add_axes(box)
        ext = _extent([lon_of[n] for n in nodes], [lat_of[n] for n in nodes], box[2] * width, box[3] * height,
                      pad=0.12)
        _frame(ax, ext)
        placer = _Placer(fig, ax)
        _draw_flows(ax, ext, weights, lon_of, lat_of, colour, wmax, scale=1.0)
        _draw_anchors(ax, nodes, focus, strength, smax, colour, lon_of, lat_of, scale=1.2, placer=placer)
        _label_anchors(ax, placer, nodes, focus, strength, smax, names, lon_of, lat_of, 1.2, 10)
    note = "Capitals on Natural Earth's land and borders (1:110m). Arrow width: weight of the flow."
    if missing:
        shown = ", ".join(sorted(missing)[:5]) + (" …" if len(missing) > 5 else "")
        note = _clip(f"Not drawn (no map anchor): {shown}.", 60) + " " + note
    fig.text(0.008, 0.05 / height, note, ha="left", va="bottom", fontsize=8, color="#777777")
    return fig


def _arc(p1, p2, rad: float, k: float, n: int = 24) -> list[tuple[float, float]]:
    """Points on matplotlib's arc3 curve from p1 to p2 (lon, lat), computed in a frame where a degree of latitude
    is k times a degree of longitude, as it is drawn."""
    (x1, y1), (x2, y2) = (p1[0], p1[1] * k), (p2[0], p2[1] * k)
    cx, cy = (x1 + x2) / 2 + rad * (y2 - y1), (y1 + y2) / 2 - rad * (x2 - x1)
    out = []
    for i in range(n + 1):
        t = i / n
        x = (1 - t) ** 2 * x1 + 2 * t * (1 - t) * cx + t ** 2 * x2
        y = (1 - t) ** 2 * y1 + 2 * t * (1 - t) * cy + t ** 2 * y2
        out.append((x, y / k))
    return out


ARC = 0.16


def _draw_flows(ax, ext, weights, lon_of, lat_of, colour, wmax, scale: float) -> None:
    _graticule(ax, ext)
    _land(ax, ext)
    for (s, r), w in sorted(weights.items(), key=lambda kv: kv[1]):
        lw = (0.9 + 4.4 * w / wmax) * scale
        ax.add_patch(FancyArrowPatch(
            (lon_of[s], lat_of[s]), (lon_of[r], lat_of[r]), arrowstyle="-|>", mutation_scale=7 + 2.0 * lw,
            linewidth=lw, color=colour.get(s, PALETTE[0]), alpha=0.82, connectionstyle=f"arc3,rad={ARC}",
            shrinkA=4, shrinkB=5.5 * scale, zorder=3, capstyle="round"))


def _anchor_size(n, strength, smax, scale) -> float:
    return (24 + 140 * math.sqrt(strength[n] / smax)) * scale


def _draw_anchors(ax, nodes, focus, strength, smax, colour, lon_of, lat_of, scale, placer=None) -> None:
    for n in nodes:
        sz = _anchor_size(n, strength, smax, scale)
        is_focus = n in focus
        ax.scatter([lon_of[n]], [lat_of[n]], s=sz, zorder=4, linewidth=1.6,
                   color="#0072B2" if is_focus else "white",
                   edgecolor="white" if is_focus else colour.get(n, INK))
        if placer is not None:
            placer.block(lon_of[n], lat_of[n], math.sqrt(sz) / 2 * 100 / 72 + 1)


def _label_anchors(ax, placer, label_nodes, focus, strength, smax, names, lon_of, lat_of, scale, size) -> None:
    for n in sorted(label_nodes, key=lambda n: (-strength[n], n)):
        placer.block(lon_of[n], lat_of[n], math.sqrt(_anchor_size(n, strength, smax, scale)) / 2 * 100 / 72 + 1)
    for n in sorted(label_nodes, key=lambda n: (-strength[n], n)):
        r = math.sqrt(_anchor_size(n, strength, smax, scale)) / 2 + 3
        placer.place(lon_of[n], lat_of[n], _clip(_name(names, n), 26), _around(r), fontsize=size,
                     fontweight="bold" if n in focus else "normal", color=INK, zorder=6,
                     bbox=dict(boxstyle="round,pad=0.12", facecolor="white", edgecolor="none", alpha=0.78))


def _label_entries(ax, placer, ext, weights, lon_of, lat_of, colour, names, inner) -> None:
    """Where a flow from a supplier outside the panel comes in, the supplier's name in its colour ("from China"),
    left out where it would overlap another label (the overview strip above names every supplier)."""
    k = 1 / math.cos(math.radians(max(min((ext[2] + ext[3]) / 2, 75), -75)))
    done: set[str] = set()
    x0, x1, y0, y1 = ext
    inset_x, inset_y = (x1 - x0) * 0.015, (y1 - y0) * 0.02
    for (s, r), _w in sorted(weights.items(), key=lambda kv: -kv[1]):
        if s in inner or s in done or r not in inner:
            continue
        pts = _arc((lon_of[s], lat_of[s]), (lon_of[r], lat_of[r]), ARC, k, n=400)
        entry = next((p for p in pts if _inside(p[0], p[1], ext)), None)
        if entry is None:
            continue
        done.add(s)
        ex = min(max(entry[0], x0 + inset_x), x1 - inset_x)
        ey = min(max(entry[1], y0 + inset_y), y1 - inset_y)
        ha = "left" if ex < (x0 + x1) / 2 else "right"
        va = "bottom" if ey < (y0 + y1) / 2 else "top"
        cands = [(0, 0, ha, va), (0, 12 if va == "bottom" else -12, ha, va), (0, 24 if va == "bottom" else -24, ha, va),
                 (0, -12 if va == "bottom" else 12, ha, va), (30 if ha == "left" else -30, 0, ha, va)]
        placer.place(ex, ey, f"from {_clip(_name(names, s), 22)}", cands, optional=True, fontsize=9,
                     fontweight="bold", color=colour.get(s, INK), zorder=7,
                     bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.85))


def _connector(fig, ax1, xy1, ax2, xy2):
    from matplotlib.patches import ConnectionPatch
    return ConnectionPatch(xyA=xy1, coordsA=ax1.transData, xyB=xy2, coordsB=ax2.transData, color="#777777",
                           linewidth=0.8, linestyle=(0, (3, 2)), zorder=0)


def _extent(lons, lats, box_w: float | None, box_h: float | None, pad: float) -> tuple[float, float, float, float]:
    """(lon0, lon1, lat0, lat1) around the points, padded, then (given a box) widened so that it fills a
    box_w × box_h box at the equirectangular aspect (1 / cos of the middle latitude)."""
    lon0, lon1, lat0, lat1 = min(lons), max(lons), min(lats), max(lats)
    dlon, dlat = max(lon1 - lon0, 2.0), max(lat1 - lat0, 1.5)
    lon0, lon1 = (lon0 + lon1) / 2 - dlon * (0.5 + pad), (lon0 + lon1) / 2 + dlon * (0.5 + pad)
    lat0, lat1 = (lat0 + lat1) / 2 - dlat * (0.5 + pad), (lat0 + lat1) / 2 + dlat * (0.5 + pad)
    if box_w is None or box_h is None:
        return lon0, lon1, lat0, lat1
    mid = max(min((lat0 + lat1) / 2, 75), -75)
    k = 1 / math.cos(math.radians(mid))                      # drawn height of a degree of latitude per degree of lon
    want = box_h / box_w
    have = (lat1 - lat0) * k / (lon1 - lon0)
    if have < want:                                          # too flat: add latitude
        extra = ((lon1 - lon0) * want / k - (lat1 - lat0)) / 2
        lat0, lat1 = lat0 - extra, lat1 + extra
    else:                                                    # too tall: add longitude
        extra = ((lat1 - lat0) * k / want - (lon1 - lon0)) / 2
        lon0, lon1 = lon0 - extra, lon1 + extra
    return lon0, lon1, lat0, lat1


def _frame(ax, ext) -> None:
    lon0, lon1, lat0, lat1 = ext
    ax.set_xlim(lon0, lon1)
    ax.set_ylim(lat0, lat1)
    mid = max(min((lat0 + lat1) / 2, 75), -75)
    ax.set_aspect(1 / math.cos(math.radians(mid)), adjustable="box")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_facecolor("#E6EFF7")


def _graticule(ax, ext) -> None:
    """Meridians and parallels every 30, 10, 5 or 2 degrees, labelled inside the top and left edges."""
    lon0, lon1, lat0, lat1 = ext
    span = max(lon1 - lon0, lat1 - lat0)
    step = 30 if span > 120 else 10 if span > 40 else 5 if span > 14 else 2
    inset_x, inset_y = (lon1 - lon0) * 0.03, (lat1 - lat0) * 0.06
    for lon in range(math.ceil(lon0 / step) * step, math.floor(lon1) + 1, step):
        ax.axvline(lon, color="#DCE3EA", linewidth=0.7, zorder=1)
        if lon0 + inset_x < lon < lon1 - inset_x:
            east = lon if -180 <= lon <= 180 else (lon + 180) % 360 - 180     # past 180°E: 190 is 170°W
            ax.text(lon, lat1, f" {abs(east)}°{'E' if east > 0 else 'W' if east < 0 else ''}", fontsize=7.5,
                    color="#8797A6", ha="left", va="top", zorder=2)
    for lat in range(math.ceil(lat0 / step) * step, math.floor(lat1) + 1, step):
        if not -89 < lat < 89:
            continue
        ax.axhline(lat, color="#DCE3EA", linewidth=0.7, zorder=1)
        if lat0 + inset_y < lat < lat1 - inset_y:
            ax.text(lon0, lat, f" {abs(lat)}°{'N' if lat > 0 else 'S' if lat < 0 else ''}", fontsize=7.5,
                    color="#8797A6", ha="left", va="bottom", zorder=2)


def _land(ax, ext) -> None:
    """Natural Earth's land (catalog/world.py) over the sea-coloured axes, and the borders between states, under
    the graticule's labels and the flows."""
    from matplotlib.collections import LineCollection, PolyCollection

    from armsflow.catalog.world import world

    lon0, lon1, lat0, lat1 = ext
    box = (lon0, lat0, lon1, lat1)
    geo = world()
    ax.add_collection(PolyCollection(geo.land_in(box), facecolor="#FCFBF7", edgecolor="#A9B6C3",
                                     linewidth=0.6, zorder=1.5, joinstyle="round"), autolim=False)
    ax.add_collection(LineCollection(geo.borders_in(box), colors="#C3CCD5", linewidths=0.5,
                                     zorder=1.6), autolim=False)


def _inside(lon, lat, ext) -> bool:
    return ext[0] <= lon <= ext[1] and ext[2] <= lat <= ext[3]


# --- SVG for inline HTML ---------------------------------------------------------------------------------------------

_XML_DECL = re.compile(r"<\?xml[^>]*\?>\s*", re.DOTALL)
_DOCTYPE = re.compile(r"<!DOCTYPE[^>]*>\s*", re.DOTALL)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
_XMLNS = re.compile(r'\s+xmlns(?::\w+)?="[^"]*"')
_ID = re.compile(r'\bid="([^"]+)"')
_HREF = re.compile(r'(xlink:href|href)="#([^"]+)"')
_URL = re.compile(r"url\(#([^)]+)\)")
_SIZE = re.compile(r'<svg([^>]*?)\s(width|height)="[^"]*"')


def inline_svg(svg: str, prefix: str, label: str = "") -> str:
    """Matplotlib's SVG made fit to sit inside an HTML page: no XML declaration, DOCTYPE or metadata (which name
    external namespaces), ids prefixed so that several charts on one page do not share them, the size left to
    CSS (the viewBox keeps the proportions), and ``role="img"`` with an escaped ``aria-label``."""
    from html import escape

    svg = _XML_DECL.sub("", svg)
    svg = _DOCTYPE.sub("", svg)
    svg = _METADATA.sub("", svg)
    svg = _XMLNS.sub("", svg)
    svg = _ID.sub(lambda m: f'id="{prefix}{m.group(1)}"', svg)
    svg = _HREF.sub(lambda m: f'{m.group(1)}="#{prefix}{m.group(2)}"', svg)
    svg = _URL.sub(lambda m: f"url(#{prefix}{m.group(1)})", svg)
    for _ in range(2):
        svg = _SIZE.sub(r"<svg\1", svg, count=1)
    svg = svg.replace("<svg", f'<svg role="img" aria-label="{escape(label, quote=True)}"', 1)
    return svg.strip()
