"""GET / — the overview: who supplies whom (a flow map and a ranked network), the latest claims, new entrants and
the watches with new matches, for a region, a period and a source.

Counts come from SQL aggregates (store/aggregates.py) and every analysis is cached per store revision, so the page
stays quick on a large store. Every number links to the /records list filtered to the records behind it.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request

from armsflow.web.deps import reader
from armsflow.web.render import page

router = APIRouter(include_in_schema=False)

SOURCES = ("all", "news", "sipri")
TOP = 12


@dataclass(frozen=True)
class Filters:
    """The filters every page of this area takes from the query string, checked once."""
    region: str | None = None          # the slug as the user gave it
    label: str | None = None           # the region's resolved slug or code
    members: frozenset[str] | None = None
    since: int | None = None
    until: int | None = None
    source: str = "all"

    @property
    def key(self) -> tuple:
        return (self.label, self.since, self.until, self.source)

    def record_params(self, **extra) -> dict:
        """Query parameters of /records for these filters plus ``extra`` (empty values left out)."""
        params = {"region": self.label, "since": self.since, "until": self.until,
                  "source": None if self.source == "all" else self.source, **extra}
        return {k: v for k, v in params.items() if v not in (None, "")}

    def record_filter(self, **changes):
        from armsflow.store.queries import RecordFilter

        return RecordFilter(members=set(self.members) if self.members is not None else None, since=self.since,
                            until=self.until, source=None if self.source == "all" else self.source, **changes)


def year_param(value: str | None, name: str) -> int | None:
    if value is None or not value.strip():
        return None
    head = value.strip()[:4]
    if not head.isdigit() or len(value.strip()) not in (4, 7, 10):
        raise HTTPException(422, f"{name} {value!r}: give a year (2015) or a date (2015-06-01)")
    return int(head)


def parse_filters(request: Request, region: str | None = None, since: str | None = None, until: str | None = None,
                  source: str | None = None) -> Filters:
    """Region (slug, name, alias or state code), since/until (year or date) and source, or a 422 page saying
    what is wrong."""
    from armsflow.analyze.dataset import RegionError, resolve_region

    src = (source or "all").strip().lower() or "all"
    if src not in SOURCES:
        raise HTTPException(422, f"source {source!r}: expected one of {', '.join(SOURCES)}")
    lo, hi = year_param(since, "since"), year_param(until, "until")
    if lo is not None and hi is not None and lo > hi:
        raise HTTPException(422, f"since {lo} is after until {hi}")
    label = members = None
    if region and region.strip():
        try:
            label, members = resolve_region(region.strip(), request.app.state.catalog)
        except RegionError as exc:
            raise HTTPException(422, f"region {exc}") from None
    return Filters(region.strip() if region and region.strip() else None, label, members, lo, hi, src)


def records_href(**params) -> str:
    params = {k: v for k, v in params.items() if v not in (None, "")}
    return "/records" + ("?" + urlencode(params) if params else "")


def region_choices(catalog) -> list[tuple[str, str]]:
    """(slug, name) of the catalogue's regions, then its blocs, for a filter's select box."""
    groups = sorted(catalog.groups.values(), key=lambda g: (g.kind != "region", g.name.lower()))
    return [(g.slug, f"{g.name} ({g.kind})") for g in groups]


# --- the figures ---------------------------------------------------------------------------------------------------

@dataclass
class Ranked:
    code: str
    records: int
    share: float
    partners: int


def _ranked(flows, side: int, total: int) -> list[Ranked]:
    acc: dict[str, list] = {}
    for f in flows:
        code = f[side]
        if code is None:
            continue
        cell = acc.setdefault(code, [0, set()])
        cell[0] += f[2]
        cell[1].add(f[1 - side])
    rows = [Ranked(c, n, n / total if total else 0.0, len(p)) for c, (n, p) in acc.items()]
    return sorted(rows, key=lambda r: (-r.records, r.code))


def _entrants(store, flt: Filters, limit: int = 10):
    """The latest new entrants (engine/entrants.py) for the page's filters."""
    from armsflow.engine.entrants import latest_entrants

    members = set(flt.members) if flt.members is not None else None
    return latest_entrants(store, members, flt.since, flt.until, flt.source, limit)


def _alerts(request: Request):
    """Watches with matches not yet reported: a dry run (``armsflow watch run --dry-run``), which writes nothing."""
    from armsflow.web.pages.watches import watch_runs

    watches, runs = watch_runs(request)
    return [r for r in runs.values() if r.matches], len(watches)


def overview_data(request: Request, flt: Filters) -> dict:
    from armsflow.catalog.places import load_places
    from armsflow.store.aggregates import flow_counts, latest_claims

    store, cache = request.app.state.store, request.app.state.cache
    flows = cache.get(("overview.flows", flt.key), lambda: flow_counts(store, flt.record_filter()))
    total = sum(n for *_, n in flows)
    claims = [] if flt.source == "sipri" else cache.get(
        ("overview.latest", flt.key), lambda: latest_claims(store, 8, set(flt.members) if flt.members else None,
                                                            flt.since, flt.until))
    entrants = cache.get(("overview.entrants", flt.key), lambda: _entrants(store, flt))
    alerts, n_watches = _alerts(request)
    coords = cache.get("places", load_places)
    suppliers, recipients = _ranked(flows, 0, total), _ranked(flows, 1, total)
    return {"flows": flows, "total": total, "suppliers": suppliers[:TOP], "recipients": recipients[:TOP],
            "n_suppliers": len(suppliers), "n_recipients": len(recipients), "claims": claims, "entrants": entrants,
            "alerts": alerts, "n_watches": n_watches, "coords": coords,
            "n_dyads": sum(1 for a, b, _ in flows if a and b)}


@router.get("/")
async def overview(request: Request, region: str | None = None, since: str | None = None, until: str | None = None,
                   source: str | None = None, _v=Depends(reader)):
    """Kept for anonymous readers per URL, store revision and state of the watches (whose alerts it shows; they
    do not bump the revision): the data behind it is cached already, but drawing the map and ranking every pair
    cost some 50 ms a view."""
    from armsflow.store.watches import list_watches
    from armsflow.web.pagecache import cached_in_thread

    store = request.app.state.store
    tag = ("overview", store.revision(), tuple(map(repr, list_watches(store))))
    return await cached_in_thread(request, tag, lambda: _overview(request, region, since, until, source))


def _overview(request: Request, region, since, until, source):
    from armsflow.web.charts import bar
    from armsflow.web.flowmap import flow_map

    flt = parse_filters(request, region, since, until, source)
    data = overview_data(request, flt)
    names = request.app.state.names

    def name(code):
        return names.get(code, code) if code else "unknown"

    def href(a, b):
        if b is None:
            return f"/states/{a}" + ("?" + urlencode(flt.record_params()) if flt.record_params() else "")
        return records_href(**flt.record_params(supplier=a, recipient=b))

    svg = flow_map(data["flows"][:60], data["coords"], name, href, focus=flt.members)
    group = request.app.state.catalog.groups.get(flt.label) if flt.label else None
    region_name = group.name if group else (name(flt.label) if flt.label else None)
    unzoomed = {k: v for k, v in flt.record_params().items() if k != "region"}
    world_href = "/" + ("?" + urlencode(unzoomed) if unzoomed else "")
    return page(request, "overview.html", nav="overview", flt=flt, svg=svg, region_name=region_name, bar=bar,
                records_href=records_href, world_href=world_href,
                regions=region_choices(request.app.state.catalog), sources=SOURCES, **data)
