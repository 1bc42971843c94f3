"""GET /states — every state with records, with its import and export counts; GET /states/{code} — one state: its
imports and exports by partner and category, its suppliers' shares and concentration (as ``armsflow shares``), the
bloc alignment trend of its suppliers (as ``armsflow blocs --trend``) and the rival dyads it is part of (as
``armsflow dyads --escalation``).

A state is named by code (SRB) or by name or alias (Serbia); counts are SQL aggregates, analyses cached by store
revision.
"""
from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request

from armsflow.web.deps import reader
from armsflow.web.pages.overview import SOURCES, parse_filters, records_href
from armsflow.web.render import page

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


def _analyses(store, code: str, flt, catalog) -> dict:
    """Shares and HHI (``armsflow shares --recipient``), bloc alignment trend (``armsflow blocs --recipient
    --trend``) and the rival dyads with this state (``armsflow dyads --escalation``)."""
    from armsflow.analyze import dyads as D
    from armsflow.analyze.dataset import load_dataset
    from armsflow.analyze.shares import (alignment_trend, bloc_alignment, concentration, load_alignment,
                                         supplier_shares)

    ds = load_dataset(store, code, flt.since, flt.until, 0, False, flt.source, catalog=catalog)
    shares = supplier_shares(ds, "count", "recipient")
    conc = next(iter(concentration(ds, "count", "recipient")), None)
    blocs = bloc_alignment(ds, load_alignment(catalog=catalog), "count", "recipient", 5)
    trend = alignment_trend(blocs)
    dyads = []
    for pair in D.pairs_in(D.load_rivals(), frozenset({code})):
        pds = load_dataset(store, {pair.a, pair.b}, flt.since, flt.until, 0, False, flt.source, catalog=catalog)
        dyads.append((pair, D.escalation(pds, pair, 5, "count")))
    return {"shares": shares, "conc": conc, "blocs": blocs, "trend": trend, "dyads": dyads}


@router.get("/states/{ref}")
def state_page(request: Request, ref: str, since: str | None = None, until: str | None = None,
               source: str | None = None, _v=Depends(reader)):
    from armsflow.store.aggregates import partner_category_counts
    from armsflow.web.charts import bar

    catalog, names = request.app.state.catalog, request.app.state.names
    code = find_state(catalog, names, ref)
    if code is None:
        raise HTTPException(404, f"no state or actor called {ref!r}. Use an ISO code such as SRB or a name such as "
                                 f"Serbia; the States page lists every state with records.")
    flt = parse_filters(request, None, since, until, source)
    store, cache = request.app.state.store, request.app.state.cache
    f = flt.record_filter()
    imports = cache.get(("state.imports", code, flt.key), lambda: partner_category_counts(store, code, "recipient", f))
    exports = cache.get(("state.exports", code, flt.key), lambda: partner_category_counts(store, code, "supplier", f))
    analyses = cache.get(("state.analyses", code, flt.key), lambda: _analyses(store, code, flt, catalog))
    imp_partners, imp_hhi = _share_table(imports)
    exp_partners, exp_hhi = _share_table(exports)
    qs = urlencode(flt.record_params())
    return page(request, "state.html", nav="states", flt=flt, code=code, name=names.get(code, code),
                imports=imp_partners, imp_hhi=imp_hhi, imp_total=sum(r["records"] for r in imp_partners),
                imp_cats=_categories(imports), exports=exp_partners, exp_hhi=exp_hhi,
                exp_total=sum(r["records"] for r in exp_partners), exp_cats=_categories(exports), bar=bar,
                records_href=records_href, sources=SOURCES, qs=qs, **analyses)
