"""``/claims``: every extracted claim with its evidence, filtered and paged; one claim; and reviewing a claim.

Reviews run engine/review.py, exactly as ``armsflow claim accept|reject|edit`` does (the change, audited, then the
touched pair fused again), so the audit trail names the token's (or session's) user.
"""
from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from starlette.concurrency import run_in_threadpool

from armsflow.store import browse
from armsflow.web.api.common import CODE, NOT_FOUND, PagingDep, actor, checked, claims_out, next_url
from armsflow.web.api.schemas import ClaimPage, EditRequest, Error, ReviewRequest, ReviewResult
from armsflow.web.api.schemas import Claim as ClaimModel
from armsflow.web.api.writing import review
from armsflow.web.deps import Viewer, reader, writer

router = APIRouter(tags=["claims"])
ClaimId = Annotated[int, Path(ge=1, le=2**31 - 1)]
AUTH = {401: {"description": "Not signed in or bad token", "model": Error},
        403: {"description": "Missing CSRF token (session)", "model": Error}}
FIELDS = {"supplier": str, "recipient": str, "system": str, "category": str, "quantity": int, "status": str,
          "year": int, "hedged": bool}
EXPECTED = {bool: "true or false", int: "a whole number from 0 to 1,000,000,000", str: "a non-empty string"}


@router.get("/claims", response_model=ClaimPage, dependencies=[Depends(reader)],
            summary="Claims with their evidence, filtered and paged")
def list_claims(
    request: Request, p: PagingDep, supplier: CODE = None, recipient: CODE = None,
    category: Annotated[str | None, Query(max_length=32)] = None,
    status: Annotated[str | None, Query(max_length=16)] = None,
    review: Annotated[Literal["extracted", "accepted", "rejected", "edited"] | None, Query()] = None,
    doc: Annotated[str | None, Query(max_length=300, description="A document's key.")] = None,
    document_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
    record_id: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
):
    from armsflow.analyze import arguments as A

    app = request.app.state
    f = browse.ClaimFilter(supplier=actor(request, "supplier", supplier), recipient=actor(request, "recipient", recipient),
                           category=checked(A.category, category or None, "category"),
                           status=checked(A.status, status or None, "status"), review=review, doc=doc or None, document_id=document_id,
                           record_id=record_id)
    total, rows = browse.claims_page(app.store, f, p.limit, p.offset)
    return {"total": total, "items": claims_out(app.store, rows, app.names), "next": next_url(request, p, total)}


def _one(request: Request, claim_id: int) -> dict:
    app = request.app.state
    c = browse.claim(app.store, claim_id)
    if c is None:
        raise HTTPException(404, f"no claim {claim_id}")
    return claims_out(app.store, [c], app.names)[0]


@router.get("/claims/{claim_id}", response_model=ClaimModel, responses=NOT_FOUND, dependencies=[Depends(reader)],
            summary="One claim with its evidence and the records it was fused into")
def get_claim(request: Request, claim_id: ClaimId):
    return _one(request, claim_id)


def _changes(raw: dict[str, Any]) -> dict:
    if not raw:
        raise HTTPException(422, "changes: give at least one field to correct")
    out = {}
    for name, value in raw.items():
        kind = FIELDS.get(name)
        if kind is None:
            raise HTTPException(422, f"field {name!r} cannot be edited (editable: {', '.join(FIELDS)})")
        if value is None and name not in ("category", "status", "hedged"):
            out[name] = None
            continue
        ok = isinstance(value, bool) if kind is bool else isinstance(value, kind) and not isinstance(value, bool)
        if not ok or (kind is str and not value.strip()) or (kind is int and not 0 <= value <= 10**9):
            raise HTTPException(422, f"{name}: expected {EXPECTED[kind]}")
        out[name] = value.strip() if kind is str else value
    return out


def _review(request: Request, claim_id: int, action: str, who: Viewer, changes: dict | None, note: str | None):
    from armsflow.engine.review import review_claim

    review(request.app, lambda fam: review_claim(request.app.state.store, claim_id, who.name, action, changes, note,
                                                 fam))
    return {"claim": _one(request, claim_id), "action": action, "user": who.name}


@router.post("/claims/{claim_id}/accept", response_model=ReviewResult, responses={**NOT_FOUND, **AUTH},
             summary="Confirm a claim as extracted")
async def accept(request: Request, claim_id: ClaimId, body: ReviewRequest | None = None,
                 who: Viewer = Depends(writer)):
    return await run_in_threadpool(_review, request, claim_id, "accept", who, None, body.note if body else None)


@router.post("/claims/{claim_id}/reject", response_model=ReviewResult, responses={**NOT_FOUND, **AUTH},
             summary="Mark a claim as wrong: fusion leaves it out")
async def reject(request: Request, claim_id: ClaimId, body: ReviewRequest | None = None,
                 who: Viewer = Depends(writer)):
    return await run_in_threadpool(_review, request, claim_id, "reject", who, None, body.note if body else None)


@router.post("/claims/{claim_id}/edit", response_model=ReviewResult, responses={**NOT_FOUND, **AUTH},
             summary="Correct fields of a claim")
async def edit(request: Request, claim_id: ClaimId, body: EditRequest, who: Viewer = Depends(writer)):
    changes = _changes(body.changes)
    return await run_in_threadpool(_review, request, claim_id, "edit", who, changes, body.note)
