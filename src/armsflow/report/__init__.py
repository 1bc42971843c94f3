"""Briefings: a content model (``briefing``), charts (``charts``) and three renderers (Markdown, HTML, PDF).

The content model is plain data built by the analysis side; the renderers only lay it out. ``write_briefing``
picks the renderer from the output suffix (``.md``, ``.html``, ``.pdf``).
"""
from __future__ import annotations

from pathlib import Path

from armsflow.report.briefing import (
    CHART_KINDS,
    Briefing,
    Chart,
    Finding,
    Footnote,
    Section,
    Table,
)

FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".pdf": "pdf"}

__all__ = [
    "CHART_KINDS", "FORMATS", "Briefing", "Chart", "Finding", "Footnote", "Section", "Table",
    "format_for", "write_briefing",
]


def format_for(path: str | Path) -> str:
    """``markdown``, ``html`` or ``pdf`` from the file's suffix; ValueError for any other suffix."""
    suffix = Path(path).suffix.lower()
    try:
        return FORMATS[suffix]
    except KeyError:
        raise ValueError(f"{path}: unknown briefing format {suffix or '(no suffix)'!r}; "
                         f"use .md, .html or .pdf") from None


def write_briefing(briefing: Briefing, path: str | Path, fmt: str | None = None) -> Path:
    """Write ``briefing`` to ``path`` in ``fmt`` (default: from the suffix). Returns the path written.

    The file is written to a temporary name beside the target and renamed into place, so a failure leaves any
    earlier file whole. Markdown also writes its charts as PNG files into ``<stem>_files/`` beside the file.
    """
    fmt = fmt or format_for(path)
    if fmt == "markdown":
        from armsflow.report.markdown import write_markdown
        return write_markdown(briefing, path)
    if fmt == "html":
        from armsflow.report.html import write_html
        return write_html(briefing, path)
    if fmt == "pdf":
        from armsflow.report.pdf import write_pdf
        return write_pdf(briefing, path)
    raise ValueError(f"unknown briefing format {fmt!r}; use markdown, html or pdf")
