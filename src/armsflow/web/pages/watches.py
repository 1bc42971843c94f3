"""GET /watches — the saved watches with their criteria, last run and the matches not yet reported; signed-in users
add (POST /watches) and delete (POST /watches/{id}/delete) them.

The same functions as ``armsflow watch add|remove|run --dry-run`` (store/watches.py, engine/watches.py): the page runs
watches dry, so showing the matches never moves a watch's mark; `armsflow watch run` still reports them.
"""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse

from armsflow.web.deps import reader, writer
from armsflow.web.render import page

router = APIRouter(include_in_schema=False)
SHOWN = 20          # matches listed per watch


def _region_slug(catalog, region: str | None) -> str | None:
    """The slug of a region or bloc named by slug, name or alias (as the CLI's ``--region``); None when empty."""
    if not region or not region.strip():
        return None
    want = region.strip().lower().replace(" ", "-")
    for g in catalog.groups.values():
        aliases = {a.lower() for a in g.aliases}
        if want in (g.slug, g.name.lower().replace(" ", "-")) or region.strip().lower() in aliases:
            return g.slug
    raise HTTPException(422, f"region {region!r}: unknown region or bloc (see catalog/data/regions.yaml, blocs.yaml)")


def _code(value: str | None) -> str | None:
    value = (value or "").strip()
    return (value.upper() if len(value) == 3 and value.isalpha() else value) or None


def watch_runs(request: Request):
    """The saved watches and, by watch id, their dry runs (the matches not yet reported). Cached per store revision
    and per state of the watches themselves: adding, removing or running a watch does not bump the revision."""
    from armsflow.engine.watches import run_watches
    from armsflow.store.watches import list_watches

    store = request.app.state.store
    watches = list_watches(store)
    if not watches:
        return [], {}
    key = ("watches.runs", tuple((w.id, w.last_claim_id, w.last_document_id) for w in watches))
    runs = request.app.state.cache.get(key, lambda: {r.watch.id: r for r in run_watches(store, advance=False)})
    return watches, runs


def _show(request: Request, status_code: int = 200, error: str | None = None, form: dict | None = None):
    from armsflow.model import CATEGORIES, STATUSES
    from armsflow.web.pages.overview import region_choices

    watches, runs = watch_runs(request)
    return page(request, "watches.html", status_code=status_code, nav="watches", watches=watches, runs=runs,
                shown=SHOWN, error=error, form=form or {}, categories=CATEGORIES, statuses=STATUSES,
                regions=region_choices(request.app.state.catalog))


@router.get("/watches")
def watches_page(request: Request, _v=Depends(reader)):
    return _show(request)


@router.post("/watches")
async def add(request: Request, v=Depends(writer)):
    from armsflow.store.watches import WatchError, WatchExists, add_watch
    from armsflow.watch.match import Criteria

    form = {k: (str(x) if not hasattr(x, "filename") else "") for k, x in (await request.form()).items()}
    catalog = request.app.state.catalog
    name = form.get("name", "").strip()
    kind = form.get("kind", "claims")
    try:
        min_sources = int(form.get("min_sources") or 0)
    except ValueError:
        return _show(request, 422, "min sources: give a whole number", form)
    try:
        region = _region_slug(catalog, form.get("region"))
    except HTTPException as exc:
        return _show(request, 422, exc.detail, form)
    c = Criteria(supplier=_code(form.get("supplier")), recipient=_code(form.get("recipient")), region=region,
                 region_side=form.get("region_side") or "either", category=form.get("category") or None,
                 system=(form.get("system") or "").strip() or None, status=form.get("status") or None,
                 min_sources=min_sources, include_hedged=not form.get("exclude_hedged"),
                 include_rejected=bool(form.get("include_rejected")), include_echoes=not form.get("exclude_echoes"),
                 scope=form.get("scope") or "recipient")
    problems = c.problems(kind)
    if not name:
        problems.insert(0, "give the watch a name")
    if problems:
        return _show(request, 422, "; ".join(problems), form)
    try:
        add_watch(request.app.state.store, name, kind, c, created_by=v.name, backfill=bool(form.get("backfill")))
    except WatchExists as exc:
        return _show(request, 409, str(exc), form)
    except WatchError as exc:
        return _show(request, 422, str(exc), form)
    return RedirectResponse("/watches", status_code=303)


@router.post("/watches/{watch_id}/delete")
async def delete(request: Request, watch_id: int, _v=Depends(writer)):
    from armsflow.store.watches import NoSuchWatch, list_watches, remove_watch

    found = next((w for w in list_watches(request.app.state.store) if w.id == watch_id), None)
    if found is None:
        raise HTTPException(404, f"no watch with id {watch_id}; it may have been deleted already")
    try:
        remove_watch(request.app.state.store, found.name)
    except NoSuchWatch as exc:
        raise HTTPException(404, str(exc)) from None
    return RedirectResponse("/watches", status_code=303)
