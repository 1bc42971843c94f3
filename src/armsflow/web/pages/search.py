"""GET /search?q= — full-text search over documents and claims, two paged sections with their totals.

The query language is ``store/search.py``'s: words all must match, "quoted phrases", a trailing ``*`` for a prefix;
anything else only separates words, so no input can make the engine fail. Snippets come back as (text, is_match)
pieces and are escaped by the ``segments`` filter.
"""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from armsflow.store import search as fts
from armsflow.web.deps import reader
from armsflow.web.render import page

router = APIRouter(include_in_schema=False)
PER_PAGE = 20
MAX_PAGE = 500


def _number(name: str, value: str | None) -> int:
    if not value:
        return 1
    if not value.isdigit() or not 1 <= int(value) <= MAX_PAGE:
        raise HTTPException(422, f"{name}: a whole number from 1 to {MAX_PAGE}")
    return int(value)


@router.get("/search")
async def search_page(request: Request, q: str | None = None, doc_page: str | None = None,
                      claim_page: str | None = None, order: str | None = Query(None), _v=Depends(reader)):
    """Kept for anonymous readers per URL and store revision (web/pagecache.py): a common word matches a hundred
    thousand documents on a large store, and ordering them costs a few hundred milliseconds each time; the same
    query, or going back a page, then costs nothing."""
    from armsflow.web.pagecache import cached_in_thread

    revision = request.app.state.store.revision()
    return await cached_in_thread(request, ("search", revision),
                                  lambda: _search_page(request, q, doc_page, claim_page, order))


def _search_page(request: Request, q, doc_page, claim_page, order):
    store = request.app.state.store
    q = (q or "")[:fts.MAX_QUERY]
    order = order or "recent"
    if order not in fts.ORDERS:
        raise HTTPException(422, f"order: choose {' or '.join(fts.ORDERS)}")
    dpage, cpage = _number("doc_page", doc_page), _number("claim_page", claim_page)
    terms = fts.parse_query(q)
    docs = claims = []
    ndocs = nclaims = 0
    if terms:
        ndocs, nclaims = fts.count_documents(store, q), fts.count_claims(store, q)
        docs = fts.search_documents(store, q, PER_PAGE, (dpage - 1) * PER_PAGE, order)
        claims = fts.search_claims(store, q, PER_PAGE, (cpage - 1) * PER_PAGE, order)
    return page(request, "search.html", nav="search", q=q, terms=terms, docs=docs, claims=claims, ndocs=ndocs,
                nclaims=nclaims, dpage=dpage, cpage=cpage, dpages=max(1, -(-ndocs // PER_PAGE)),
                cpages=max(1, -(-nclaims // PER_PAGE)), per_page=PER_PAGE, order=order)
