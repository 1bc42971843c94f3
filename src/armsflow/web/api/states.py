"""``/states``: every state (or armed group) that appears in a record, and one actor's imports and exports."""
from __future__ import annotations

import dataclasses

from fastapi import APIRouter, Depends, HTTPException, Path, Request

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
def get_state(request: Request, state: str = Path(max_length=64, description="SRB, srb, or a slug (wagner).")):
    from armsflow.export.lookups import actor_kinds

    app = request.app.state
    c = code(state)
    flows = _flows(request).get(c)
    if flows is None and (c not in app.names or c in app.catalog.groups):
        raise HTTPException(404, f"no state or actor {state!r} in the catalogue or the records")
    names = app.names

    def partners(side: str) -> list[dict]:
        return [{**dataclasses.asdict(p), "name": names.get(p.code) or p.code if p.code else None}
                for p in browse.partners(app.store, c, side)]

    return {"code": c, "name": names.get(c) or c, "kind": actor_kinds(app.catalog).get(c),
            "exports": flows.exports if flows else 0, "imports": flows.imports if flows else 0,
            "suppliers": partners("imports"), "recipients": partners("exports")}
