"""What the API's resources share: paging, the record filters of ``armsflow transfers``, and row conversions.

Filters are declared once here so that /records, /export.* and the web pages mean the same thing by ``since`` or
``region``; a bad value is a 422 with a sentence, never a 500. Values are checked by analyze/arguments.py, as on the
command line: an unknown state, region, category or status, or a period that ends before it starts, is refused. They are coroutines: they read no store, and a plain
function would cost every request a hop to the thread pool.
"""
from __future__ import annotations

import dataclasses
import math
from typing import Annotated, Literal

from fastapi import Depends, HTTPException, Query, Request

from armsflow.export.rows import record_dict
from armsflow.store.queries import RecordFilter
from armsflow.web.api.schemas import Error

MAX_LIMIT = 1000
MAX_OFFSET = 2**31 - 1
YEAR_OR_DATE = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
CODE = Annotated[str | None, Query(max_length=64, description="A state code (SRB) or non-state slug (wagner).")]

NOT_FOUND = {404: {"description": "No such item", "model": Error}}


@dataclasses.dataclass
class Paging:
    limit: int
    offset: int


async def paging(limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="At most this many items (1-1000).")] = 100,
           offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Skip this many items first.")] = 0
           ) -> Paging:
    return Paging(limit, offset)


def next_url(request: Request, p: Paging, total: int) -> str | None:
    """The URL of the page after ``p`` with the same filters, or None when ``p`` is the last."""
    if p.offset + p.limit >= total:
        return None
    return str(request.url.include_query_params(offset=p.offset + p.limit, limit=p.limit))


def code(value: str | None) -> str | None:
    """ISO codes in capitals ("srb" -> SRB); non-state slugs as given (as the command line)."""
    value = value.strip() if value else value
    return value.upper() if value and len(value) == 3 and value.isalpha() else (value or None)


def year(value: str | None) -> int | None:
    return int(value[:4]) if value else None


def checked(check, *args, **kw):
    """``check`` (a function of analyze/arguments.py, the checks of the command line) applied; a refusal is a 422
    whose one sentence names the parameter and the problem."""
    from armsflow.analyze.arguments import ArgumentError

    try:
        return check(*args, **kw)
    except ArgumentError as exc:
        raise HTTPException(422, str(exc)) from None


def actor(request: Request, name: str, value: str | None) -> str | None:
    """The catalogue code of a state or actor parameter (``srb``, ``Serbia`` → SRB); 422 for an unknown one."""
    from armsflow.analyze.arguments import actor as check

    value = value.strip() if value else None
    return checked(check, value or None, name, request.app.state.catalog)


def period(since: str | None, until: str | None) -> tuple[int | None, int | None]:
    """The years of ``since``/``until``; 422 for a period that ends before it starts."""
    from armsflow.analyze.arguments import period as check

    return checked(check, since or None, until or None, "since", "until")


def region_members(request: Request, region: str | None) -> set[str] | None:
    """The member codes of a region, bloc or state; 422 for an unknown one."""
    if not region or not region.strip():
        return None
    from armsflow.analyze.arguments import region as check

    _, members = checked(check, region, "region", request.app.state.catalog)
    return set(members)


async def record_filter(
    request: Request,
    supplier: CODE = None,
    recipient: CODE = None,
    region: Annotated[str | None, Query(max_length=100, description="Region or bloc slug (western-balkans, "
                                        "nato) or a state code: supplier or recipient a member.")] = None,
    category: Annotated[str | None, Query(max_length=32, description="uav, tank, air_defence, ...")] = None,
    since: Annotated[str | None, Query(pattern=YEAR_OR_DATE, description="Year (or date): records whose period "
                                       "reaches it.")] = None,
    until: Annotated[str | None, Query(pattern=YEAR_OR_DATE, description="Year (or date): records whose period "
                                       "starts by then.")] = None,
    status: Annotated[str | None, Query(max_length=16, description="interest, negotiating, ordered, delivered, "
                                        "cancelled.")] = None,
    source: Annotated[Literal["news", "sipri", "all"], Query(description="news, sipri or all.")] = "all",
    min_sources: Annotated[int, Query(ge=0, le=10_000, description="At least this many independent "
                                      "sources.")] = 0,
    system: Annotated[str | None, Query(max_length=200, description="Part of the system's name.")] = None,
) -> RecordFilter:
    from armsflow.analyze import arguments as A

    lo, hi = period(since, until)
    return RecordFilter(supplier=actor(request, "supplier", supplier), recipient=actor(request, "recipient", recipient),
                        members=region_members(request, region),
                        category=checked(A.category, category or None, "category"), since=lo, until=hi,
                        status=checked(A.status, status or None, "status"),
                        source=None if source == "all" else source, min_sources=min_sources, system=system or None)


RecordFilterDep = Annotated[RecordFilter, Depends(record_filter)]
PagingDep = Annotated[Paging, Depends(paging)]


def names(request: Request) -> dict[str, str]:
    return request.app.state.names


def record_out(r, names: dict[str, str]) -> dict:
    return record_dict(r, names)


def claims_out(store, views, names: dict[str, str]) -> list[dict]:
    """The rows of engine/listing.py, as `armsflow claims --format json` prints them."""
    from armsflow.engine.listing import claim_rows

    return claim_rows(store, views, names)


def finite(value):
    """A value for JSON: NaN and infinities become None, inside lists and dicts too."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(v) for v in value]
    return value


def store(request: Request):
    return request.app.state.store
