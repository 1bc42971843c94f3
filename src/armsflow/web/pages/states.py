"""GET /states — every state with records, with its import and export counts; GET /states/{code} — one state: its
imports and exports by partner and category, its suppliers' shares and concentration (as ``armsflow shares``), the
bloc alignment trend of its suppliers (as ``armsflow blocs --trend``) and the rival dyads it is part of (as
``armsflow dyads --escalation``).

A state is named by code (SRB) or by name or alias (Serbia). Its figures are the state's summary (analyze/state.py),
kept in the store and refreshed when its records change; a page shows the largest partners and suppliers, all of
them with ``?all=1``.
"""
from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from starlette.concurrency import run_in_threadpool

from armsflow.web.deps import reader
from armsflow.web.pages.overview import SOURCES, parse_filters, records_href
from armsflow.web.render import _query, page

router = APIRouter(include_in_schema=False)


def find_state(catalog, names: dict[str, str], ref: str) -> str | None:
    """The code of the state (or non-state actor) ``ref`` names: a code, a slug, a name or an alias."""
    ref = ref.strip()
    if not ref or len(ref) > 200:
        return None
    if ref.upper() in catalog.states:
        return ref.upper()
    if ref in catalog.nonstate:
        return ref
    want = ref.lower()
    for st in catalog.states.values():
        if want == st.name.lower() or want in (a.lower() for a in st.aliases):
            return st.code
    for code, name in names.items():
        if name and name.lower() == want:
            return code
    return None


@router.get("/states")
def states_list(request: Request, since: str | None = None, until: str | None = None, source: str | None = None,
                _v=Depends(reader)):
    from armsflow.store.aggregates import state_counts
    from armsflow.web.charts import bar

    flt = parse_filters(request, None, since, until, source)
    counts = request.app.state.cache.get(("states.counts", flt.key),
                                         lambda: state_counts(request.app.state.store, flt.record_filter()))
    rows = sorted(counts.values(), key=lambda c: (-c.total, c.code))
    top = max((c.total for c in rows), default=0)
    return page(request, "states_list.html", nav="states", flt=flt, rows=rows, top=top, sources=SOURCES,
                records_href=records_href, bar=bar)


def _share_table(rows: list[tuple]) -> tuple[list[dict], float]:
    """Partners with their records and share, largest first, and the HHI of those shares (x 10,000)."""
    from armsflow.analyze.shares import hhi

    acc: dict = {}
    for partner, _cat, n in rows:
        acc[partner] = acc.get(partner, 0) + n
    total = sum(acc.values())
    known = {p: n for p, n in acc.items() if p is not None}
    ktotal = sum(known.values())
    out = [{"code": p, "records": n, "share": n / total if total else 0.0}
           for p, n in sorted(acc.items(), key=lambda kv: (-kv[1], kv[0] or ""))]
    return out, hhi(n / ktotal for n in known.values()) if ktotal else 0.0


def _categories(rows: list[tuple]) -> list[dict]:
    acc: dict = {}
    for _p, cat, n in rows:
        acc[cat] = acc.get(cat, 0) + n
    total = sum(acc.values())
    return [{"category": c, "records": n, "share": n / total if total else 0.0}
            for c, n in sorted(acc.items(), key=lambda kv: (-kv[1], kv[0]))]


TOP = 15                       # partners and suppliers listed before "N more" (all of them with ?all=1)


def summary_for(app, code: str, flt):
    """(the state's figures for the filters, a tag that changes when they do). Unfiltered: the summary kept in the
    store (engine/summaries.py), computed and kept here if a write made it stale. Filtered: computed, and cached in
    memory by store revision."""
    from armsflow.analyze.state import depends_on, state_summary, summary_key, to_json

    store = app.store
    if _unfiltered(flt):
        key = summary_key(code)
        kept, basis = store.summary(key, depends_on(code, app.rivals))
        if kept is not None:
            return decoded(app, code, basis, kept), ("kept", code, basis)
        summary = state_summary(store, code, catalog=app.catalog, rivals=app.rivals, alignment=app.alignment)
        store.put_summary(key, basis, to_json(summary))
        return summary, ("kept", code, basis)
    revision = store.revision()
    return app.cache.get(("state.summary", code, flt.key, revision), lambda: state_summary(
        store, code, flt.since, flt.until, flt.source, catalog=app.catalog, rivals=app.rivals,
        alignment=app.alignment), revision=False), \
        ("filtered", code, flt.key, revision)


def _unfiltered(flt) -> bool:
    return flt.since is None and flt.until is None and flt.source == "all"


def decoded(app, code: str, basis: int, kept: str):
    """The kept summary's JSON as a StateSummary, decoded once per process and basis."""
    from armsflow.analyze.state import from_json

    return app.cache.get(("state.summary", code, basis), lambda: from_json(kept), revision=False)


def _render(request: Request, code: str, flt, summary, show_all: bool):
    from armsflow.web.charts import bar

    names = request.app.state.names
    imp_partners, imp_hhi = _share_table(summary.imports)
    exp_partners, exp_hhi = _share_table(summary.exports)
    cut = None if show_all else TOP
    qs = urlencode(flt.record_params())
    return page(request, "state.html", nav="states", flt=flt, code=code, name=names.get(code, code),
                imports=imp_partners[:cut], imp_more=imp_partners[TOP:] if cut else [], imp_hhi=imp_hhi,
                imp_total=sum(r["records"] for r in imp_partners), imp_count=len(imp_partners),
                imp_cats=_categories(summary.imports), exports=exp_partners[:cut],
                exp_more=exp_partners[TOP:] if cut else [], exp_hhi=exp_hhi,
                exp_total=sum(r["records"] for r in exp_partners), exp_count=len(exp_partners),
                exp_cats=_categories(summary.exports), bar=bar, records_href=records_href, sources=SOURCES, qs=qs,
                shares=summary.shares[:cut], shares_more=summary.shares[TOP:] if cut else [], conc=summary.conc,
                blocs=summary.blocs, trend=summary.trend, dyads=summary.dyads, show_all=show_all,
                all_href=_query(request, all="1"))


@router.get("/states/{ref}")
async def state_page(request: Request, ref: str, since: str | None = None, until: str | None = None,
                     source: str | None = None, all: str | None = None, _v=Depends(reader)):
    """A coroutine: a kept summary is read inline (two indexed reads) and the page for anonymous readers comes from
    the page cache; only computing a summary goes to the thread pool."""
    from armsflow.web.pagecache import cached_page

    app = request.app.state
    code = find_state(app.catalog, app.names, ref)
    if code is None:
        raise HTTPException(404, f"no state or actor called {ref!r}. Use an ISO code such as SRB or a name such as "
                                 f"Serbia; the States page lists every state with records.")
    flt = parse_filters(request, None, since, until, source)
    show_all = (all or "").strip() in ("1", "true", "yes")
    if _unfiltered(flt):
        from armsflow.analyze.state import depends_on, summary_key

        kept, basis = app.store.summary(summary_key(code), depends_on(code, app.rivals))
        if kept is not None:                     # the common case: no thread, and often no rendering either
            return cached_page(request, ("kept", code, basis), lambda: _render(
                request, code, flt, decoded(app, code, basis, kept), show_all))
    summary, tag = await run_in_threadpool(summary_for, app, code, flt)
    return cached_page(request, tag, lambda: _render(request, code, flt, summary, show_all))
