"""``/documents``: the ingested documents, paged and filtered; one document with its text, claims and echoes."""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from armsflow.store import browse
from armsflow.web.api.common import NOT_FOUND, PagingDep, claims_out, next_url
from armsflow.web.api.schemas import DocumentDetail, DocumentPage
from armsflow.web.deps import reader

router = APIRouter(tags=["documents"])


def _out(d: browse.DocumentView) -> dict:
    from armsflow.engine.listing import document_row

    return document_row(d)


@router.get("/documents", response_model=DocumentPage, dependencies=[Depends(reader)],
            summary="Ingested documents, oldest first, paged")
def list_documents(
    request: Request, p: PagingDep,
    publisher: Annotated[str | None, Query(max_length=300, description="The publisher's name.")] = None,
    kind: Annotated[Literal["text", "html", "pdf", "feed"] | None, Query()] = None,
    echo: Annotated[bool | None, Query(description="true: only echoes of earlier documents; false: only "
                                       "originals.")] = None,
    since: Annotated[dt.date | None, Query(description="Published on or after this date.")] = None,
    until: Annotated[dt.date | None, Query(description="Published on or before this date.")] = None,
):
    app = request.app.state
    f = browse.DocumentFilter(publisher=publisher or None, kind=kind, echo=echo, since=since, until=until)
    total, rows = browse.documents_page(app.store, f, p.limit, p.offset)
    return {"total": total, "items": [_out(d) for d in rows], "next": next_url(request, p, total)}


@router.get("/documents/{document_id}", response_model=DocumentDetail, responses=NOT_FOUND,
            dependencies=[Depends(reader)], summary="One document: text, claims, the original it repeats, echoes")
def get_document(request: Request, document_id: int = Path(ge=1, le=2**31 - 1)):
    app = request.app.state
    d = browse.document(app.store, document_id)
    if d is None:
        raise HTTPException(404, f"no document {document_id}")
    _, claims = browse.claims_page(app.store, browse.ClaimFilter(document_id=d.id), 10_000, 0)
    original = browse.document(app.store, d.original_id) if d.original_id else None
    return {**dataclasses.asdict(d), "claim_items": claims_out(app.store, claims, app.names),
            "original": _out(original) if original else None, "echo_of": d.echo_of or [],
            "echoes": [_out(e) for e in browse.echoes_of(app.store, d.id)]}
