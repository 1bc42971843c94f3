"""GET /records — the transfer records, a page at a time, filtered like `armsflow transfers`; GET /records/{id} —
one record with its status timeline, every claim behind it (evidence marked in its sentence) grouped by independent
source, and for analysts the review forms; POST /records/merge and /records/{id}/split — the `armsflow record`
verbs.

Lists are one COUNT and one LIMIT/OFFSET query (store/browse.py), never the whole store in Python. The record page
is a coroutine that reads the store inline: its reads are a few indexed lookups, cheaper than the hop to the thread
pool a plain function would cost (measured on a million claims: 317 record pages/s through the pool, 664 inline). Writes run the
same use case as the command line (engine/review.py) under the app's write lock, so the audit trail and the
records are exactly what the CLI would leave.
"""
from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from armsflow.model import CATEGORIES, STATUSES
from armsflow.store import browse
from armsflow.store.queries import RecordFilter, register_values
from armsflow.web.deps import Viewer, reader, writer
from armsflow.web.render import page

router = APIRouter(include_in_schema=False)
PER_PAGE = 50
MAX_PAGE = 100_000
SOURCES = {"news": "news reports", "sipri": "SIPRI register"}
RecordId = Path(ge=1, le=2**31 - 1)


def actor(request: Request, name: str, value: str | None) -> str | None:
    """The code a filter or a correction names: a code (srb → SRB), a slug (wagner), a state's name or alias."""
    from armsflow.web.pages.states import find_state

    value = (value or "").strip()
    if not value:
        return None
    found = find_state(request.app.state.catalog, request.app.state.names, value)
    if found:
        return found
    if len(value) == 3 and value.isalpha():
        return value.upper()
    raise HTTPException(422, f"{name} {value[:60]!r}: no state or group of that name or code in the catalogue "
                             f"(try a code such as SRB or a name such as Serbia)")


def _year(name: str, value: str | None) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    if not value[:4].isdigit() or len(value) not in (4, 7, 10):
        raise HTTPException(422, f"{name} {value[:40]!r}: give a year (2015) or a date (2015-06-01)")
    return int(value[:4])


def _choice(name: str, value: str | None, allowed) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    if value not in allowed:
        raise HTTPException(422, f"{name} {value[:40]!r}: choose one of {', '.join(allowed)}")
    return value


def _whole(name: str, value: str | None, lo: int, hi: int, default: int) -> int:
    value = (value or "").strip()
    if not value:
        return default
    if not value.isdigit() or not lo <= int(value) <= hi:
        raise HTTPException(422, f"{name} {value[:40]!r}: a whole number from {lo} to {hi}")
    return int(value)


def _region(request: Request, region: str | None):
    if not region or not region.strip():
        return None
    from armsflow.analyze.dataset import RegionError, resolve_region

    try:
        return set(resolve_region(region.strip(), request.app.state.catalog)[1])
    except RegionError as exc:
        raise HTTPException(422, f"region {exc}") from None


def notice(request: Request) -> str | None:
    """A one-time message left by the last write (shown once on the page it redirected to)."""
    return request.session.pop("records_notice", None) if "session" in request.scope else None


@router.get("/records")
async def records_list(request: Request, supplier: str | None = None, recipient: str | None = None,
                       region: str | None = None, category: str | None = None, status: str | None = None,
                       since: str | None = None, until: str | None = None, min_sources: str | None = None,
                       source: str | None = None, system: str | None = None, sort: str | None = None,
                       page_number: str | None = Query(None, alias="page"), v: Viewer = Depends(reader)):
    """Kept for anonymous readers per URL and store revision (web/pagecache.py): a list over many records costs a
    COUNT and a sorted page, hundreds of milliseconds on a large store, and is the same for every reader until
    the next write."""
    from armsflow.web.pagecache import cached_in_thread

    revision = request.app.state.store.revision()
    return await cached_in_thread(request, ("records", revision), lambda: _records_list(
        request, supplier, recipient, region, category, status, since, until, min_sources, source, system, sort,
        page_number))


def _records_list(request: Request, supplier, recipient, region, category, status, since, until, min_sources,
                  source, system, sort, page_number):
    store = request.app.state.store
    lo, hi = _year("since", since), _year("until", until)
    if lo is not None and hi is not None and lo > hi:
        raise HTTPException(422, f"since {lo} is after until {hi}: swap them")
    src = None if (source or "").strip() in ("", "all") else _choice("source", source, SOURCES)
    f = RecordFilter(supplier=actor(request, "supplier", supplier), recipient=actor(request, "recipient", recipient),
                     members=_region(request, region), category=_choice("category", category, CATEGORIES),
                     since=lo, until=hi, status=_choice("status", status, STATUSES), source=src,
                     min_sources=_whole("min_sources", min_sources, 0, 1000, 0),
                     system=(system or "").strip()[:100] or None)
    order = _choice("sort", sort, browse.RECORD_SORTS) or "pair"
    number = _whole("page", page_number, 1, MAX_PAGE, 1)
    totals = browse.record_totals(store, f)
    rows = browse.records_sorted(store, f, order, PER_PAGE, (number - 1) * PER_PAGE) if totals.records else []
    pages = max(1, -(-totals.records // PER_PAGE))
    filtered = any([f.supplier, f.recipient, f.members, f.category, f.status, f.since, f.until, f.source,
                    f.min_sources, f.system])
    return page(request, "records_list.html", nav="records", rows=rows, totals=totals, f=f, number=number,
                pages=pages, per_page=PER_PAGE, sort=order, sorts=browse.RECORD_SORTS, filtered=filtered,
                categories=CATEGORIES, statuses=STATUSES, sources=SOURCES, region=(region or "").strip(),
                raw={"supplier": (supplier or "").strip(), "recipient": (recipient or "").strip()},
                notice=notice(request))


def source_groups(evidence: list[browse.Evidence], titles: dict) -> list[dict]:
    """The claims by independent source (a cluster of copies and echoes): the documents that repeat none first,
    then the copies and echoes."""
    groups: dict[int, dict] = {}
    for e in evidence:
        g = groups.setdefault(e.source_id, {"source_id": e.source_id, "own": [], "echoes": []})
        (g["echoes"] if e.claim.original_id else g["own"]).append(e)
    out = []
    for sid, g in groups.items():
        title, publisher, published = titles.get(sid, (None, None, None))
        out.append({**g, "title": title, "publisher": publisher, "published": published})
    return out


@router.get("/records/{record_id}")
async def record_page(request: Request, record_id: int = RecordId, v: Viewer = Depends(reader)):
    from armsflow.store.registers import register_row

    store = request.app.state.store
    detail = browse.record_detail(store, record_id)
    if detail is None:
        raise HTTPException(404, f"There is no record {record_id}: records are rebuilt when claims change, so an "
                                 f"old link may point at one that was replaced. Find it again in the records list.")
    rec, row, values = detail.record, None, None
    if detail.register_row_id:
        row = register_row(store, detail.register_row_id)
        values = register_values(store, RecordFilter(), record_ids=[rec.id]).get(rec.id)
    return page(request, "record.html", nav="records", rec=rec, evidence=detail.evidence,
                groups=source_groups(detail.evidence, detail.titles), register=row, values=values,
                history=detail.history, categories=CATEGORIES, statuses=STATUSES, notice=notice(request))


# -- merge and split --------------------------------------------------------------------------------------------------

def _ids(values: list[str], what: str) -> list[int]:
    out = []
    for v in values:
        v = (v or "").strip()
        if not v.isdigit() or not 1 <= int(v) <= 2**31 - 1:
            raise HTTPException(422, f"{what}: {v[:20]!r} is not an id")
        out.append(int(v))
    return out


def _merge(request: Request, ids: list[int], who: Viewer, note: str | None) -> int | None:
    from armsflow.engine.review import merge
    from armsflow.web.api.writing import review

    store = request.app.state.store
    return review(request.app, lambda fam: merge(store, ids, who.name, note, fam)).record_id


def _split(request: Request, record_id: int, moved: list[int], who: Viewer, note: str | None):
    from armsflow.engine.review import split
    from armsflow.web.api.writing import review

    store = request.app.state.store
    done = review(request.app, lambda fam: split(store, record_id, moved, who.name, note, fam),
                  lambda exc: f"There is no record {record_id} (it may have been rebuilt): reload the record.")
    return done.record_id, done.kept_record_id


def _note(form) -> str | None:
    note = (form.get("note") or "").strip()
    if len(note) > 2000:
        raise HTTPException(422, "note: at most 2,000 characters")
    return note or None


@router.post("/records/merge")
async def merge(request: Request, who: Viewer = Depends(writer)):
    form = await request.form()
    ids = sorted(set(_ids(form.getlist("record"), "record")))
    if len(ids) < 2:
        raise HTTPException(422, "Tick at least two records of the same supplier and recipient to merge them.")
    merged = await run_in_threadpool(_merge, request, ids, who, _note(form))
    request.session["records_notice"] = f"Records {', '.join(map(str, ids))} merged into one by {who.name}."
    return RedirectResponse(f"/records/{merged}" if merged else "/records", status_code=303)


@router.post("/records/{record_id}/split")
async def split(request: Request, record_id: int = RecordId, who: Viewer = Depends(writer)):
    form = await request.form()
    moved = sorted(set(_ids(form.getlist("claim"), "claim")))
    if not moved:
        raise HTTPException(422, "Tick the claims that should leave the record, then press Split.")
    new, kept = await run_in_threadpool(_split, request, record_id, moved, who, _note(form))
    request.session["records_notice"] = (f"Claims {', '.join(map(str, moved))} split off into record {new} by "
                                         f"{who.name}; the others are in record {kept}.")
    return RedirectResponse(f"/records/{new}" if new else "/records", status_code=303)
