"""A briefing as one self-contained HTML page: inline CSS, charts as inline SVG, nothing loaded from the network.

Jinja2 renders ``templates/briefing.html.j2`` with autoescaping on, so every piece of document text (evidence,
titles, publishers, notes, table cells) is escaped. Only two things go in as markup, both built here from escaped
parts: the footnote markers and the charts' SVG (matplotlib's own writer escapes the text it holds, and the SVG is
checked for script and event-handler attributes before it is used). A document's URL is linked only when it is an
absolute http(s) URL, with ``rel="noopener noreferrer"``; anything else (``javascript:``, ``data:``, relative) is
shown as plain text. A Content-Security-Policy meta tag forbids scripts and any fetch as a second line of defence.
"""
from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from armsflow.report import charts as charts_mod
from armsflow.report.briefing import (
    Briefing,
    Chart,
    Finding,
    format_date,
    safe_url,
    source_words,
)
from armsflow.report.files import atomic_write

_UNSAFE_SVG = re.compile(r"<\s*(script|foreignObject|iframe|object|embed)\b|\son\w+\s*=|javascript:", re.IGNORECASE)


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("armsflow.report", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=False, lstrip_blocks=False, keep_trailing_newline=True)
    return env


def format_generated(d: datetime) -> str:
    text = f"{format_date(d)}, {d:%H:%M}"
    if d.tzinfo is not None:
        text += f" {d.tzname() or ''}".rstrip()
    return text


def format_cell(value) -> tuple[str, bool]:
    """A table value as text, and whether it is a number (right-aligned)."""
    if value is None:
        return "", False
    if isinstance(value, bool):
        return ("yes" if value else "no"), False
    if isinstance(value, int):
        return f"{value:,}", True
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return f"{int(value):,}", True
        return f"{value:,.2f}", True
    if hasattr(value, "year") and hasattr(value, "month"):
        return format_date(value), False
    return str(value), False


def conf_class(confidence: str | None) -> str:
    word = (confidence or "").strip().lower()
    return word if word in ("high", "moderate", "low") else "other"


class _Refs:
    """Footnote markers for the findings, with an id per citation so that a footnote can link back to its first."""

    def __init__(self):
        self.count: dict[int, int] = {}
        self.first: dict[int, str] = {}

    def markers(self, numbers: list[int]) -> Markup:
        if not numbers:
            return Markup("")
        links = []
        for n in numbers:
            k = self.count.get(n, 0) + 1
            self.count[n] = k
            ref_id = f"ref-{int(n)}-{k}"
            self.first.setdefault(n, ref_id)
            links.append(Markup('<a href="#fn-{0}" id="{1}" aria-label="source {0}">{0}</a>').format(int(n), ref_id))
        return Markup('<sup class="fnref">') + Markup(",").join(links) + Markup("</sup>")


def _finding_view(f: Finding, refs: _Refs) -> dict:
    return {"text": f.text, "refs": refs.markers(list(f.footnotes)),
            "confidence": f.confidence, "conf_class": conf_class(f.confidence)}


def safe_svg(svg: str) -> Markup:
    if _UNSAFE_SVG.search(svg):
        raise ValueError("chart SVG holds script or an event handler; refusing to inline it")
    return Markup(svg)


def render_html(briefing: Briefing) -> str:
    """The briefing as an HTML document (a str)."""
    from armsflow import __version__

    briefing.check()
    refs = _Refs()
    summary = [_finding_view(f, refs) for f in briefing.summary]
    sections = []
    fig_n = table_n = 0
    for i, s in enumerate(briefing.sections, 1):
        findings = [_finding_view(f, refs) for f in s.findings]
        blocks = []
        for block in s.blocks():
            if isinstance(block, Chart):
                fig_n += 1
                svg = charts_mod.inline_svg(charts_mod.to_svg(block), prefix=f"f{fig_n}-", label=block.title)
                blocks.append({"type": "chart", "n": fig_n, "title": block.title, "caption": block.caption,
                               "svg": safe_svg(svg)})
                continue
            table_n += 1
            rows = []
            for row in block.rows:
                cells = []
                for v in row:
                    text, num = format_cell(v)
                    cells.append({"text": text, "num": num})
                rows.append(cells)
            numeric = [bool(rows) and all(r[j]["num"] or r[j]["text"] == "" for r in rows)
                       and any(r[j]["num"] for r in rows) for j in range(len(block.columns))]
            blocks.append({"type": "table", "n": table_n, "title": block.title,
                           "columns": [str(c) for c in block.columns], "rows": rows, "note": block.note,
                           "numeric": numeric})
        sections.append({"id": f"s{i}", "title": s.title, "findings": findings, "blocks": blocks})
    footnotes = []
    for fn in sorted(briefing.footnotes, key=lambda fn: fn.n):
        url = safe_url(fn.url)
        footnotes.append({
            "n": fn.n, "evidence": fn.evidence, "doc": fn.doc, "title": fn.title, "publisher": fn.publisher,
            "date": format_date(fn.published), "url": url,
            "url_text": fn.url.strip() if fn.url and not url else None,
            "kind": source_words(fn), "note": fn.note, "rows": list(fn.rows), "back": refs.first.get(fn.n)})
    method = [p.strip() for p in re.split(r"\n\s*\n", briefing.method_note or "") if p.strip()]
    n_findings = sum(1 for _ in briefing.findings())
    n_sources, n_hedged = briefing.cited_sources()
    template = _environment().get_template("briefing.html.j2")
    return template.render(
        title=briefing.title, subtitle=briefing.subtitle, region=briefing.region, period=briefing.period,
        generated=format_generated(briefing.generated), summary=summary, sections=sections, footnotes=footnotes,
        method=method, n_findings=n_findings, n_sources=n_sources, n_hedged=n_hedged, version=__version__)


def write_html(briefing: Briefing, path: str | Path) -> Path:
    """Write the HTML page to ``path`` (atomically). Returns the path."""
    text = render_html(briefing)
    return atomic_write(Path(path), text.encode("utf-8"))

