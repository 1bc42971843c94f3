"""``/states``: every state (or armed group) that appears in a record, and one actor's imports and exports."""
from __future__ import annotations

import dataclasses

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from armsflow.store import browse
from armsflow.web.api.common import NOT_FOUND, code
from armsflow.web.api.schemas import StateDetail, StateList
from armsflow.web.deps import reader

router = APIRouter(tags=["states"], dependencies=[Depends(reader)])


def _flows(request: Request) -> dict[str, browse.StateFlows]:
    app = request.app.state
    return app.cache.get("api-state-flows", lambda: {f.code: f for f in browse.state_flows(app.store)})


@router.get("/states", response_model=StateList, summary="Actors that appear in records, with record counts")
def list_states(request: Request):
    names = request.app.state.names
    items = [{"code": f.code, "name": names.get(f.code) or f.code, "exports": f.exports, "imports": f.imports}
             for f in _flows(request).values()]
    return {"total": len(items), "items": items}


@router.get("/states/{state}", response_model=StateDetail, responses=NOT_FOUND,
            summary="One actor: who supplies it and whom it supplies")
async def get_state(request: Request, state: str = Path(max_length=64, description="SRB, srb, or a slug (wagner).")):
    """A coroutine: the state's kept summary is read inline (web/pages/states.py) and its answer kept as bytes per
    basis (web/pagecache.py); computing a summary, when a write made it stale, goes to the thread pool."""
    from armsflow.analyze.state import depends_on, summary_key
    from armsflow.store.aggregates import has_records
    from armsflow.web.pagecache import cached_page
    from armsflow.web.pages.overview import Filters
    from armsflow.web.pages.states import decoded, summary_for

    app = request.app.state
    c = code(state)
    kept, basis = app.store.summary(summary_key(c), depends_on(c, app.rivals))
    if kept is not None:
        return cached_page(request, ("api-state", c, basis), lambda: JSONResponse(StateDetail.model_validate(
            _detail(app, c, decoded(app, c, basis, kept))).model_dump(mode="json")))
    if (c not in app.names or c in app.catalog.groups) and not await run_in_threadpool(has_records, app.store, c):
        raise HTTPException(404, f"no state or actor {state!r} in the catalogue or the records")
    return _detail(app, c, (await run_in_threadpool(summary_for, app, c, Filters()))[0])


def _detail(app, c: str, summary) -> dict:
    from armsflow.export.lookups import actor_kinds

    names = app.names

    def partners(rows) -> list[dict]:
        return [{**dataclasses.asdict(p), "name": names.get(p.code) or p.code if p.code else None} for p in rows]

    return {"code": c, "name": names.get(c) or c, "kind": actor_kinds(app.catalog).get(c),
            "exports": sum(p.records for p in summary.recipients), "imports": sum(p.records for p in summary.suppliers),
            "suppliers": partners(summary.suppliers), "recipients": partners(summary.recipients)}
