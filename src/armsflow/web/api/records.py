"""``/records``: transfer records with the filters of ``armsflow transfers``, and one record with its evidence."""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from fastapi.responses import JSONResponse

from armsflow.store import browse
from armsflow.store.queries import claims as query_claims
from armsflow.store.queries import record as query_record
from armsflow.web.api.common import NOT_FOUND, PagingDep, RecordFilterDep, claims_out, next_url, record_out
from armsflow.web.api.schemas import RecordDetail, RecordPage
from armsflow.web.deps import reader

router = APIRouter(tags=["records"], dependencies=[Depends(reader)])


@router.get("/records", response_model=RecordPage, summary="Transfer records, filtered and paged")
async def list_records(request: Request, f: RecordFilterDep, p: PagingDep):
    """Records ordered by supplier, recipient and period, as ``armsflow transfers`` lists them. The answer is kept
    per URL and store revision for anonymous readers, as the records page is."""
    from armsflow.web.pagecache import cached_in_thread

    app = request.app.state

    def answer() -> JSONResponse:
        total, rows = browse.records_page(app.store, f, p.limit, p.offset)
        return JSONResponse(RecordPage.model_validate({
            "total": total, "items": [record_out(r, app.names) for r in rows],
            "next": next_url(request, p, total)}).model_dump(mode="json"))
    return await cached_in_thread(request, ("api-records", app.store.revision()), answer)


@router.get("/records/{record_id}", response_model=RecordDetail, responses=NOT_FOUND,
            summary="One record with its timeline and the claims behind it")
async def get_record(request: Request, record_id: int = Path(ge=1, le=2**31 - 1)):
    """A coroutine, as the record page: a few indexed reads in one session, cheaper inline than in a thread."""
    app = request.app.state
    with app.store.reading():
        rec = query_record(app.store, str(record_id))
        if rec is None:
            raise HTTPException(404, f"no record {record_id}")
        return {**record_out(rec, app.names),
                "claim_items": claims_out(app.store, query_claims(app.store, record_id=rec.id), app.names)}
