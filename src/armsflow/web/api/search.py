"""``/search?q=``: full-text search over documents and claims (store/search.py), with match snippets.

A snippet is a list of ``{text, match}`` segments rather than markup: the client decides how to mark matches and
must escape the text (it is document text).
"""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request

from armsflow.store.search import MAX_LIMIT, MAX_QUERY, count_claims, count_documents, search_claims, \
    search_documents
from armsflow.web.api.schemas import SearchResult
from armsflow.web.deps import reader

router = APIRouter(tags=["search"], dependencies=[Depends(reader)])


def _segments(snippet) -> list[dict]:
    return [{"text": t, "match": m} for t, m in snippet]


@router.get("/search", response_model=SearchResult, summary="Search documents and claims")
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY, description='Words (all must match), "a phrase", '
                            "pref* for a prefix.")],
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="At most this many hits of each kind.")] = 20,
    offset: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,
    order: Literal["recent", "relevance"] = "recent",
    what: Annotated[Literal["all", "documents", "claims"], Query(description="Search documents, claims or "
                                                                     "both.")] = "all",
):
    store = request.app.state.store
    docs = {"total": 0, "items": []}
    claims = {"total": 0, "items": []}
    if what in ("all", "documents"):
        docs = {"total": count_documents(store, q),
                "items": [{"id": h.id, "doc": h.doc_key, "title": h.title, "published": h.published,
                           "publisher": h.publisher, "snippet": _segments(h.snippet)}
                          for h in search_documents(store, q, limit, offset, order)]}
    if what in ("all", "claims"):
        claims = {"total": count_claims(store, q),
                  "items": [{"id": h.id, "document_id": h.document_id, "doc": h.doc_key, "published": h.published,
                             "supplier": h.supplier, "recipient": h.recipient, "system": h.system,
                             "category": h.category, "status": h.status, "year": h.year, "review": h.review,
                             "snippet": _segments(h.snippet)}
                            for h in search_claims(store, q, limit, offset, order)]}
    return {"q": q, "documents": docs, "claims": claims}
