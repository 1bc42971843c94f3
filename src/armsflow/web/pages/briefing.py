"""GET /briefing — the briefing of ``armsflow brief`` for a region or state and a period, in the site's layout;
GET /briefing.html and /briefing.pdf — the same briefing as a file to download; GET /briefing/chart/N.svg — one
of its figures as an image, for the charts too large to draw into the page at once.

The briefing is built by report/build.py and laid out here from the same view data report/html.py uses (footnote
markers, table cells, charts). Its charts are matplotlib SVG, whose ``style`` attributes the site's strict CSP would
block: ``web.charts.csp_safe_svg`` turns them into presentation attributes, so the page needs no inline style and
the site CSP stays as it is. The downloadable HTML file is report/html.py's self-contained page, which carries an
inline <style>; it is served as an attachment with its own CSP (styles inline, nothing else: no script, no fetch),
the one place the site allows inline style, and only for that file.
"""
from __future__ import annotations

import re
import tempfile
from pathlib import Path
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response

from armsflow.web.deps import reader
from armsflow.web.pages.overview import region_choices, year_param
from armsflow.web.render import page

router = APIRouter(include_in_schema=False)
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; " \
             "frame-ancestors 'none'"


def _params(request: Request, region, since, until, min_sources, exclude_hedged) -> tuple:
    from armsflow.analyze.dataset import RegionError, resolve_region

    lo, hi = year_param(since, "since"), year_param(until, "until")
    if lo is not None and hi is not None and lo > hi:
        raise HTTPException(422, f"since {lo} is after until {hi}")
    try:
        ms = int(min_sources or 0)
    except ValueError:
        raise HTTPException(422, f"min_sources {min_sources!r}: give a whole number") from None
    if ms < 0 or ms > 1000:
        raise HTTPException(422, "min_sources: give a number from 0 to 1000")
    region = (region or "").strip()
    if region:
        try:
            label, _ = resolve_region(region, request.app.state.catalog)
        except RegionError as exc:
            raise HTTPException(422, f"region {exc}") from None
        region = label
    return region or None, lo, hi, ms, bool(exclude_hedged)


def _briefing(request: Request, key: tuple):
    from armsflow.report.build import build_briefing

    region, lo, hi, ms, eh = key
    return request.app.state.cache.get(("briefing", key), lambda: build_briefing(
        request.app.state.store, region, lo, hi, ms, eh, catalog=request.app.state.catalog))


INLINE_CHART_DATA = 20_000     # characters of a chart's data (as JSON) up to which it is drawn into the page itself


def _chart_size(chart) -> int:
    import json

    return len(json.dumps(chart.data, default=str))


def _view(briefing, qs: str = "") -> dict:
    """What report/html.py hands its template, with each chart made CSP-safe. A chart of a large briefing (over a
    big store matplotlib takes minutes to draw thousands of arcs) is not drawn here but referenced as an image of
    /briefing/chart/N.svg, drawn when the browser asks for it, so the text of the briefing comes at once."""
    from armsflow.report import charts as charts_mod
    from armsflow.report.briefing import Chart, format_date, safe_url, source_words
    from armsflow.report.html import _finding_view, _Refs, format_cell, format_generated, safe_svg
    from armsflow.web.charts import csp_safe_svg

    briefing.check()
    refs = _Refs()
    summary = [_finding_view(f, refs) for f in briefing.summary]
    sections, fig_n, table_n = [], 0, 0
    for i, s in enumerate(briefing.sections, 1):
        findings = [_finding_view(f, refs) for f in s.findings]
        blocks = []
        for block in s.blocks():
            if isinstance(block, Chart):
                fig_n += 1
                view = {"type": "chart", "n": fig_n, "title": block.title, "caption": block.caption}
                if _chart_size(block) <= INLINE_CHART_DATA:
                    svg = charts_mod.inline_svg(charts_mod.to_svg(block), prefix=f"f{fig_n}-", label=block.title)
                    view["svg"] = safe_svg(csp_safe_svg(svg))
                else:
                    view["src"] = f"/briefing/chart/{fig_n}.svg" + (f"?{qs}" if qs else "")
                blocks.append(view)
                continue
            table_n += 1
            rows = [[dict(zip(("text", "num"), format_cell(v))) for v in row] for row in block.rows]
            numeric = [bool(rows) and all(r[j]["num"] or r[j]["text"] == "" for r in rows)
                       and any(r[j]["num"] for r in rows) for j in range(len(block.columns))]
            blocks.append({"type": "table", "n": table_n, "title": block.title, "columns": [str(c) for c in
                           block.columns], "rows": rows, "note": block.note, "numeric": numeric})
        sections.append({"id": f"s{i}", "title": s.title, "findings": findings, "blocks": blocks})
    footnotes = []
    for fn in sorted(briefing.footnotes, key=lambda fn: fn.n):
        url = safe_url(fn.url)
        footnotes.append({"n": fn.n, "evidence": fn.evidence, "doc": fn.doc, "title": fn.title,
                          "publisher": fn.publisher, "date": format_date(fn.published), "url": url,
                          "kind": source_words(fn), "note": fn.note, "back": refs.first.get(fn.n)})
    method = [p.strip() for p in re.split(r"\n\s*\n", briefing.method_note or "") if p.strip()]
    return {"b": briefing, "generated": format_generated(briefing.generated), "summary": summary,
            "sections": sections, "footnotes": footnotes, "method": method}


@router.get("/briefing")
def briefing_page(request: Request, region: str | None = None, since: str | None = None, until: str | None = None,
                  min_sources: str | None = None, exclude_hedged: str | None = None, _v=Depends(reader)):
    key = _params(request, region, since, until, min_sources, exclude_hedged)
    qs = _qs(key)
    view = None
    if key[0]:
        view = request.app.state.cache.get(("briefing.view", key), lambda: _view(_briefing(request, key), qs))
    return page(request, "briefing.html", nav="briefing", key=key, view=view, qs=qs,
                regions=region_choices(request.app.state.catalog))


def _qs(key: tuple) -> str:
    return urlencode({k: (1 if v is True else v) for k, v in
                      zip(("region", "since", "until", "min_sources", "exclude_hedged"), key)
                      if v not in (None, 0, False)})


@router.get("/briefing/chart/{n}.svg")
def briefing_chart(request: Request, n: int, region: str | None = None, since: str | None = None,
                   until: str | None = None, min_sources: str | None = None, exclude_hedged: str | None = None,
                   _v=Depends(reader)):
    """Figure ``n`` of the briefing as an SVG image (same origin, no inline style: presentation attributes)."""
    from armsflow.report import charts as charts_mod
    from armsflow.report.briefing import Chart
    from armsflow.report.html import safe_svg
    from armsflow.web.charts import csp_safe_svg

    key = _params(request, region, since, until, min_sources, exclude_hedged)
    if not key[0]:
        raise HTTPException(422, "region: choose a region, bloc or state for the briefing")
    charts = [c for s in _briefing(request, key).sections for c in s.blocks() if isinstance(c, Chart)]
    if not 1 <= n <= len(charts):
        raise HTTPException(404, f"the briefing has no figure {n} (it has {len(charts)})")
    svg = request.app.state.cache.get(("briefing.chart", key, n),
                                      lambda: str(safe_svg(csp_safe_svg(charts_mod.to_svg(charts[n - 1])))))
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "private, max-age=300"})


def _download(request: Request, fmt: str, region, since, until, min_sources, exclude_hedged):
    from armsflow.report import write_briefing

    key = _params(request, region, since, until, min_sources, exclude_hedged)
    if not key[0]:
        raise HTTPException(422, "region: choose a region, bloc or state for the briefing")
    briefing = _briefing(request, key)
    with tempfile.TemporaryDirectory(prefix="armsflow-brief-") as tmp:
        path = write_briefing(briefing, Path(tmp) / f"brief.{fmt}")
        data = path.read_bytes()
    name = f"briefing-{key[0]}{'-' + str(key[1]) if key[1] else ''}{'-' + str(key[2]) if key[2] else ''}.{fmt}"
    headers = {"Content-Disposition": f'attachment; filename="{re.sub(r"[^A-Za-z0-9._-]", "_", name)}"'}
    if fmt == "html":
        headers["Content-Security-Policy"] = REPORT_CSP
    media = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}[fmt]
    return Response(data, media_type=media, headers=headers)


@router.get("/briefing.html")
def briefing_html(request: Request, region: str | None = None, since: str | None = None, until: str | None = None,
                  min_sources: str | None = None, exclude_hedged: str | None = None, _v=Depends(reader)):
    return _download(request, "html", region, since, until, min_sources, exclude_hedged)


@router.get("/briefing.pdf")
def briefing_pdf(request: Request, region: str | None = None, since: str | None = None, until: str | None = None,
                 min_sources: str | None = None, exclude_hedged: str | None = None, _v=Depends(reader)):
    return _download(request, "pdf", region, since, until, min_sources, exclude_hedged)
