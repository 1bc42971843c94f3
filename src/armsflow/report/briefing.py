"""The content of a briefing, as plain data: what the analysis side builds and every renderer lays out.

A ``Briefing`` holds a summary (key findings), sections (findings, tables, charts), the footnotes that the findings
cite, and a note on method. Text is plain text everywhere: the renderers escape it and add footnote markers,
links and styling themselves, so a document's sentence can go into a footnote as it was written.

Footnotes are numbered by their ``n``; a ``Finding`` cites them by number. ``Briefing.problems()`` lists broken
references (a finding citing a number no footnote has, two footnotes with one number, a chart whose data does not
have its kind's shape); the renderers refuse a briefing that has any.

Chart kinds and the shape of ``Chart.data`` (tuples may be lists, so JSON round-trips; ``names`` is always
optional and maps an actor code to the name shown, falling back to the catalogue's name, then to the code):

``network``   supplier → recipient graph
    ``{"edges": [(supplier, recipient, weight, label), ...], "names": {code: name}, "focus": [code, ...]}``
    ``weight`` > 0 sets the arrow's width (records, deals, units: the caption says which); ``label`` is a short
    text on the arrow ("FK-3, CH-92A") or ``None``. ``focus`` (optional) marks the region's own actors.
``timeline``  deals over time, one row per deal, a marker per status event
    ``{"events": [(year, label, status), ...]}``: events with the same ``label`` share a row (label it as the
    deal: "Serbia ← France: Rafale"); ``status`` is one of ``STATUSES``. Rows keep the order of first appearance.
``shares``    supplier shares per recipient, one stacked bar per recipient
    ``{"recipients": {recipient: [(supplier, share, count), ...]}, "names": {code: name}}``: ``share`` is a
    fraction (0–1) of that recipient's total, ``count`` the number behind it (records, deals). Every supplier
    above ``SHOWN_SHARE`` (5 %) of a recipient is drawn; the rest of that recipient are drawn together as "other"
    (``fold_shares``), and the caption names them.
``dyad``      two dyads (or any two sides) side by side, by category over time
    ``{"sides": [{"label": "Russia → Serbia", "counts": {bucket: {category: count}}}, {...}],
    "buckets": [bucket, ...], "categories": [category, ...]}``: exactly two sides; a bucket is a year or any
    label ("2021–22"); ``buckets`` and ``categories`` (optional) fix the order, else they are sorted.
``flowmap``   flows drawn between capitals over Natural Earth's land and borders (no tiles)
    ``{"flows": [(supplier, recipient, weight), ...], "coords": {code: (lat, lon)}, "names": {code: name},
    "focus": [code, ...]}``: ``coords`` (optional) adds to or overrides the catalogue's map anchors
    (``armsflow.catalog.places``); a flow with an end that has no anchor is left out and the caption says so.
    ``focus`` (optional, default: the recipients) is the area shown enlarged in an inset when the map is wide.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

STATUSES = ("interest", "negotiating", "ordered", "delivered", "cancelled")
SOURCES = ("news", "register")
CHART_KINDS = ("network", "timeline", "shares", "dyad", "flowmap")


@dataclass
class Footnote:
    """The evidence behind a finding: one claim sentence and the document it comes from."""
    n: int                              # the number the findings cite and the reader sees
    evidence: str                       # the claim sentence as the document has it (or the register row, in words)
    doc: str                            # the document's key (the claims' ``doc``) or the register file
    title: str | None = None
    publisher: str | None = None
    published: date | None = None
    url: str | None = None              # linked only when it is an http(s) URL
    hedged: bool = False                # the text presents the claim as unconfirmed
    source: str = "news"                # "news" | "register"
    note: str | None = None             # an analyst's remark ("echo of fn 3", "figure disputed")
    rows: list[str] = field(default_factory=list)   # the register rows it rests on, one line each
    cluster: str | None = None          # the source cluster of the document (echoes of one story), when known


def source_key(fn: Footnote) -> str:
    """What one cited source is: its source cluster when known, else its document (a register file is one)."""
    return fn.cluster or f"{fn.source}:{fn.doc}"


@dataclass
class Finding:
    """One key finding as a plain sentence or two; ``footnotes`` are the numbers of the evidence it rests on."""
    text: str
    footnotes: list[int] = field(default_factory=list)
    confidence: str | None = None       # "high" | "moderate" | "low" or any short word; shown beside the text
    fact: object | None = None          # the ``analyze.facts.Fact`` the text was rendered from


@dataclass
class Table:
    """A table of plain values; ``None`` shows as an empty cell, numbers are right-aligned."""
    title: str
    columns: list[str]
    rows: list[list]
    note: str | None = None


@dataclass
class Chart:
    """A chart of one of ``CHART_KINDS``; ``data`` has the kind's shape (see the module docstring)."""
    kind: str
    title: str
    data: dict
    caption: str = ""


@dataclass
class Section:
    title: str
    findings: list[Finding] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)

    def blocks(self) -> list[Chart | Table]:
        """Charts and tables in reading order, the same in every format: the first chart (the section's picture),
        then the tables, then the other charts. A table after the first chart fills the page it leaves in a PDF."""
        return [*self.charts[:1], *self.tables, *self.charts[1:]]


@dataclass
class Briefing:
    title: str
    subtitle: str | None
    region: str | None                  # the region's name as shown ("Western Balkans")
    period: str | None                  # as shown ("2021–2025")
    generated: datetime
    summary: list[Finding] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    method_note: str | None = None      # plain text; blank lines separate paragraphs

    def footnote_map(self) -> dict[int, Footnote]:
        return {fn.n: fn for fn in self.footnotes}

    def findings(self):
        """Every finding, the summary's first, in reading order."""
        yield from self.summary
        for section in self.sections:
            yield from section.findings

    def cited_sources(self) -> tuple[int, int]:
        """(distinct sources the findings cite, those every cited claim of which is hedged): a source is a document
        (or its cluster, ``source_key``), however many of its sentences are cited."""
        fmap = self.footnote_map()
        cited = [fmap[n] for f in self.findings() for n in f.footnotes if n in fmap]
        keys: dict[str, bool] = {}
        for fn in cited:
            keys[source_key(fn)] = keys.get(source_key(fn), True) and fn.hedged
        return len(keys), sum(keys.values())

    def charts(self):
        for section in self.sections:
            yield from section.charts

    def problems(self) -> list[str]:
        """What would make the briefing render wrongly: broken footnote references, malformed charts and tables."""
        out: list[str] = []
        seen: set[int] = set()
        for fn in self.footnotes:
            if not isinstance(fn.n, int) or isinstance(fn.n, bool):
                out.append(f"footnote {fn.n!r}: n must be an integer")
            elif fn.n in seen:
                out.append(f"footnote {fn.n}: the number is used twice")
            seen.add(fn.n)
            if fn.source not in SOURCES:
                out.append(f"footnote {fn.n}: source must be one of {', '.join(SOURCES)}, not {fn.source!r}")
        for finding in self.findings():
            for n in finding.footnotes:
                if n not in seen:
                    out.append(f"finding {finding.text[:60]!r}: cites footnote {n}, which does not exist")
        for section in self.sections:
            for table in section.tables:
                width = len(table.columns)
                for i, row in enumerate(table.rows, 1):
                    if len(row) != width:
                        out.append(f"table {table.title!r}: row {i} has {len(row)} cells for {width} columns")
            for chart in section.charts:
                out.extend(f"chart {chart.title!r}: {p}" for p in chart_problems(chart))
        return out

    def check(self) -> None:
        """Raise ValueError listing every problem, if there is any."""
        problems = self.problems()
        if problems:
            raise ValueError("briefing cannot be rendered:\n  " + "\n  ".join(problems))


SHOWN_SHARE = 0.05


def fold_shares(parts, threshold: float = SHOWN_SHARE):
    """(shown, folded) of a recipient's [(supplier, share, count)]: the suppliers above ``threshold`` and those drawn
    together as "other"."""
    shown = [p for p in parts if p[1] > threshold]
    return shown, [p for p in parts if p[1] <= threshold]


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def chart_problems(chart: Chart) -> list[str]:
    """How ``chart.data`` departs from its kind's shape; an empty list when it is well formed."""
    data = chart.data
    if chart.kind not in CHART_KINDS:
        return [f"unknown kind {chart.kind!r} (one of {', '.join(CHART_KINDS)})"]
    if not isinstance(data, dict):
        return ["data must be a mapping"]
    out: list[str] = []
    if "names" in data and not isinstance(data["names"], dict):
        out.append("names must map a code to a name")
    if chart.kind == "network":
        for i, e in enumerate(data.get("edges", [])):
            if not (isinstance(e, (list, tuple)) and len(e) == 4 and _is_number(e[2]) and e[2] >= 0):
                out.append(f"edge {i}: expected (supplier, recipient, weight >= 0, label), got {e!r}")
    elif chart.kind == "timeline":
        for i, e in enumerate(data.get("events", [])):
            if not (isinstance(e, (list, tuple)) and len(e) == 3 and _is_number(e[0])):
                out.append(f"event {i}: expected (year, label, status), got {e!r}")
            elif e[2] not in STATUSES:
                out.append(f"event {i}: status {e[2]!r} is not one of {', '.join(STATUSES)}")
    elif chart.kind == "shares":
        recipients = data.get("recipients", {})
        if not isinstance(recipients, dict):
            out.append("recipients must map a recipient to [(supplier, share, count), ...]")
        else:
            for r, parts in recipients.items():
                for p in parts:
                    if not (isinstance(p, (list, tuple)) and len(p) == 3 and _is_number(p[1]) and 0 <= p[1] <= 1
                            and (p[2] is None or _is_number(p[2]))):
                        out.append(f"recipient {r}: expected (supplier, share 0..1, count), got {p!r}")
    elif chart.kind == "dyad":
        sides = data.get("sides")
        if not (isinstance(sides, (list, tuple)) and len(sides) == 2):
            out.append("sides must be a list of exactly two {label, counts}")
        else:
            for i, side in enumerate(sides):
                if not (isinstance(side, dict) and isinstance(side.get("counts", {}), dict)):
                    out.append(f"side {i}: expected {{'label': ..., 'counts': {{bucket: {{category: n}}}}}}")
                    continue
                for bucket, cats in side.get("counts", {}).items():
                    if not (isinstance(cats, dict) and all(_is_number(v) and v >= 0 for v in cats.values())):
                        out.append(f"side {i}, bucket {bucket!r}: expected {{category: count >= 0}}")
    elif chart.kind == "flowmap":
        for i, f in enumerate(data.get("flows", [])):
            if not (isinstance(f, (list, tuple)) and len(f) == 3 and _is_number(f[2]) and f[2] >= 0):
                out.append(f"flow {i}: expected (supplier, recipient, weight >= 0), got {f!r}")
        for code, ll in (data.get("coords") or {}).items():
            if not (isinstance(ll, (list, tuple)) and len(ll) == 2 and all(_is_number(v) for v in ll)
                    and -90 <= ll[0] <= 90 and -180 <= ll[1] <= 180):
                out.append(f"coords {code}: expected (lat, lon), got {ll!r}")
    return out


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def format_date(d: date | datetime | None) -> str:
    """"8 April 2024" (the same in every locale); empty for None."""
    if d is None:
        return ""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def safe_url(url: str | None) -> str | None:
    """The URL when it is an absolute http(s) URL with a host and no whitespace or control characters, else None.

    A ``javascript:``, ``data:`` or relative URL is never linked: the renderers then show the text unlinked.
    """
    if not url or not isinstance(url, str):
        return None
    url = url.strip()
    if any(ord(c) < 33 or ord(c) == 127 for c in url):
        return None
    lower = url.lower()
    for scheme in ("https://", "http://"):
        if lower.startswith(scheme) and len(url) > len(scheme) and url[len(scheme)] not in "/\\":
            return url
    return None


def source_words(fn: Footnote) -> str:
    """How the source presents the claim, in a word or two: "register", "hedged" or "stated"."""
    if fn.source == "register":
        return "register"
    return "hedged" if fn.hedged else "stated"
