"""GET /claims/{id} — a claim's permanent address: it sends the reader to the record that holds the claim now (or to
its document when it is in no record, e.g. rejected). POST /claims/{id}/accept | reject | edit — an analyst's
review from the record page.

Record ids change whenever a pair is fused again, claim ids never do, so other pages link to claims. A review is
engine/review.py (the audited change, then the claim's pair fused before and after it) — exactly
`armsflow claim accept|reject|edit` — under the app's write lock; then the browser is sent to wherever the claim
(or, once rejected, the rest of its record) is now.
"""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from armsflow.model import CATEGORIES, STATUSES
from armsflow.store import browse
from armsflow.store.review import claim_record_id
from armsflow.web.deps import Viewer, reader, writer
from armsflow.web.pages.records import actor

router = APIRouter(include_in_schema=False)
ClaimId = Path(ge=1, le=2**31 - 1)


def claim_href(store, claim_id: int, document_id: int | None = None) -> str:
    """Where a claim is shown now: its record, else its document, both at the claim's anchor."""
    rid = claim_record_id(store, claim_id)
    if rid is not None:
        return f"/records/{rid}#claim-{claim_id}"
    if document_id is None:
        c = browse.claim(store, claim_id)
        document_id = c.document_id if c else None
    return f"/documents/{document_id}?claim={claim_id}#claim-{claim_id}" if document_id else "/records"


@router.get("/claims/{claim_id}")
def claim_redirect(request: Request, claim_id: int = ClaimId, _v=Depends(reader)):
    store = request.app.state.store
    c = browse.claim(store, claim_id)
    if c is None:
        raise HTTPException(404, f"There is no claim {claim_id}. Claims are kept even when rejected, so this id was "
                                 f"never used (or its document was removed).")
    return RedirectResponse(claim_href(store, claim_id, c.document_id), status_code=303)


def _text(form, name: str, limit: int = 200) -> str | None:
    value = (form.get(name) or "").strip()
    if len(value) > limit:
        raise HTTPException(422, f"{name}: at most {limit} characters")
    return value or None


def _number(form, name: str, hi: int) -> int | None:
    value = (form.get(name) or "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) > hi:
        raise HTTPException(422, f"{name} {value[:20]!r}: a whole number from 0 to {hi:,}, or empty for unknown")
    return int(value)


def corrections(request: Request, form) -> dict:
    """The "Correct" form as ``edit_claim`` changes: every field, checked (the store records only what differs)."""
    changes = {
        "supplier": actor(request, "supplier", _text(form, "supplier")),
        "recipient": actor(request, "recipient", _text(form, "recipient")),
        "system": _text(form, "system"),
        "quantity": _number(form, "quantity", 10**9),
        "year": _number(form, "year", 2100),
        "hedged": form.get("hedged") in ("on", "1", "true", "yes"),
    }
    for name, allowed in (("category", CATEGORIES), ("status", STATUSES)):
        value = (form.get(name) or "").strip()
        if value not in allowed:
            raise HTTPException(422, f"{name} {value[:40]!r}: choose one of {', '.join(allowed)}")
        changes[name] = value
    if changes["year"] is not None and changes["year"] < 1900:
        raise HTTPException(422, f"year {changes['year']}: give a year from 1900 to 2100, or leave it empty")
    return changes


def review(request: Request, claim_id: int, action: str, who: Viewer, changes: dict | None,
           note: str | None) -> str:
    """Apply the review as the CLI does (engine/review.py); returns where to send the browser."""
    from armsflow.engine.review import review_claim
    from armsflow.web.api.writing import review as run

    store = request.app.state.store
    done = run(request.app, lambda fam: review_claim(store, claim_id, who.name, action, changes, note, fam),
               lambda exc: f"There is no claim {claim_id}.")
    if action == "reject" and done.rest_record_id is not None:   # out of every record: show what is left of it
        return f"/records/{done.rest_record_id}"
    return claim_href(store, claim_id, done.document_id)


async def _act(request: Request, claim_id: int, action: str, who: Viewer):
    form = await request.form()
    note = _text(form, "note", 2000)
    changes = corrections(request, form) if action == "edit" else None
    target = await run_in_threadpool(review, request, claim_id, action, who, changes, note)
    done = {"accept": "accepted", "reject": "rejected", "edit": "corrected"}[action]
    request.session["records_notice"] = f"Claim {claim_id} {done} by {who.name}; the records were fused again."
    return RedirectResponse(target, status_code=303)


@router.post("/claims/{claim_id}/accept")
async def accept(request: Request, claim_id: int = ClaimId, who: Viewer = Depends(writer)):
    return await _act(request, claim_id, "accept", who)


@router.post("/claims/{claim_id}/reject")
async def reject(request: Request, claim_id: int = ClaimId, who: Viewer = Depends(writer)):
    return await _act(request, claim_id, "reject", who)


@router.post("/claims/{claim_id}/edit")
async def edit(request: Request, claim_id: int = ClaimId, who: Viewer = Depends(writer)):
    return await _act(request, claim_id, "edit", who)
