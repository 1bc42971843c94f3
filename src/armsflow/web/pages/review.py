"""GET /review — an analyst's work list: the claims nobody has reviewed yet, weakest first (hedged, then those whose
record rests on a single independent source), and the latest entries of the audit trail (who changed what, when).

Only for signed-in users: reviewing is writing, and the audit trail names people. Each claim links to its record,
where the Accept / Reject / Correct forms are.
"""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from armsflow.model import CATEGORIES, STATUSES
from armsflow.store import browse
from armsflow.web.deps import LoginRequired, Viewer, reader
from armsflow.web.pages.records import _choice, _whole, actor, notice
from armsflow.web.render import page

router = APIRouter(include_in_schema=False)
PER_PAGE = 50
EDITS = 30
ONLY = {"hedged": "only hedged claims", "single": "only single-source claims"}


def changes_text(changes: dict | None) -> list[str]:
    """An edit's changes as "field: old → new" lines."""
    return [f"{k}: {'–' if old is None else old} → {'–' if new is None else new}"
            for k, (old, new) in sorted((changes or {}).items())]


@router.get("/review")
def review_page(request: Request, supplier: str | None = None, recipient: str | None = None,
                category: str | None = None, status: str | None = None, only: str | None = None,
                user: str | None = None, page_number: str | None = Query(None, alias="page"),
                v: Viewer = Depends(reader)):
    if not v.signed_in:
        raise LoginRequired()
    store = request.app.state.store
    f = browse.QueueFilter(supplier=actor(request, "supplier", supplier),
                           recipient=actor(request, "recipient", recipient),
                           category=_choice("category", category, CATEGORIES),
                           status=_choice("status", status, STATUSES), only=_choice("only", only, ONLY))
    number = _whole("page", page_number, 1, 100_000, 1)
    who = (user or "").strip()[:100] or None
    total, rows = browse.review_queue(store, f, PER_PAGE, (number - 1) * PER_PAGE)
    edit_total, edits = browse.edits(store, EDITS, 0, user=who)
    pages = max(1, -(-total // PER_PAGE))
    if number > pages and total:
        raise HTTPException(404, f"There is no page {number}: the queue has {pages} page(s).")
    filtered = any([f.supplier, f.recipient, f.category, f.status, f.only])
    return page(request, "review.html", nav="review", rows=rows, total=total, f=f, number=number, pages=pages,
                per_page=PER_PAGE, edits=edits, edit_total=edit_total, who=who, filtered=filtered, only=ONLY,
                categories=CATEGORIES, statuses=STATUSES, changes_text=changes_text,
                raw={"supplier": (supplier or "").strip(), "recipient": (recipient or "").strip()},
                notice=notice(request))
