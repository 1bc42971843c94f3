"""``/analyses/{name}``: the analyses of ``armsflow shares|blocs|entrants|dyads|drones|network`` as JSON.

The query parameters are the command's options (``--min-sources`` is ``min_sources``); each analysis ignores the
ones it has no use for, and are checked as the command checks them (analyze/arguments.py: an unknown state, region
or pair, or a reversed period, is a 422). Rows are those the command prints with ``--format json``;
``undated_left_out`` and ``note`` say how many records with no year the period or a split by time left out, as the
command's footnote line does. Results are cached per store
revision (web/cache.py), so a repeated question costs nothing until the store changes. Alignment and rival tables
are the bundled ones: a client cannot name a file on the server.
"""
from __future__ import annotations

import dataclasses
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from armsflow.web.api.common import NOT_FOUND, YEAR_OR_DATE, checked, finite
from armsflow.web.api.schemas import AnalysisResult
from armsflow.web.deps import reader

router = APIRouter(tags=["analyses"], dependencies=[Depends(reader)])

ANALYSES = ("shares", "blocs", "entrants", "dyads", "drones", "network")


@dataclasses.dataclass(frozen=True)
class Ask:
    region: str | None
    recipient: str | None
    since: int | None
    until: int | None
    min_sources: int
    exclude_hedged: bool
    source: str
    by: str | None
    per: str | None
    bucket: int
    trend: bool
    scope: str
    pair: tuple[str, str] | None
    weight: str
    escalation: bool
    year: int | None
    state: str | None
    side: str
    limit: int | None


def _dataset(app, a: Ask, *, region=None, recipient=None, members=None, side="recipient", with_evidence=False,
             since=None, until=None):
    """``region`` and ``recipient`` were checked by ``analysis`` (analyze/arguments.py): a code or a slug."""
    from armsflow.analyze.dataset import load_dataset

    where = members if members is not None else (recipient or region)
    return load_dataset(app.store, where, a.since if since is None else since,
                        a.until if until is None else until, a.min_sources, a.exclude_hedged, a.source, side,
                        with_evidence=with_evidence, catalog=app.catalog)


def _rows(rows) -> list[dict]:
    out = []
    for r in rows:
        row = dataclasses.asdict(r)
        if hasattr(r, "first_evidence") and "first_evidence" not in row:
            row["first_evidence"] = getattr(r, "first_evidence")
        out.append(finite(row))
    return out


def _shares(app, a: Ask):
    from armsflow.analyze.shares import supplier_shares

    ds = _dataset(app, a, region=a.region, recipient=a.recipient)
    by = a.by or "count"
    rows = supplier_shares(ds, by, a.per or ("region" if a.region else "recipient"))
    return rows, ["scope", "supplier", "records", "tiv", "share", "hhi", "source"], \
        f"supplier shares by {by}: {ds.describe()}", ds.undated_left_out()


def _blocs(app, a: Ask):
    from armsflow.analyze.shares import alignment_trend, bloc_alignment, load_alignment

    table = load_alignment(None, app.catalog)
    ds = _dataset(app, a, region=a.region, recipient=a.recipient)
    by = a.by or "count"
    rows = bloc_alignment(ds, table, by, a.per or ("region" if a.region else "recipient"), a.bucket)
    if a.trend:
        return alignment_trend(rows), ["scope", "group", "first_bucket", "first_share", "last_bucket",
                                       "last_share", "change", "source"], \
            f"bloc alignment trend by {by}: {ds.describe()}", ds.undated_left_out(True)
    return rows, ["scope", "bucket", "group", "records", "tiv", "share", "source"], \
        f"bloc alignment by {by}: {ds.describe()}", ds.undated_left_out(True)


def _entrants(app, a: Ask):
    from armsflow.analyze.dataset import load_dataset
    from armsflow.analyze.entrants import new_entrants

    ds = _dataset(app, a, region=a.region, recipient=a.recipient, with_evidence=True)
    history = load_dataset(app.store, ds.members, catalog=app.catalog)
    rows = new_entrants(ds, history, a.scope)
    return rows, ["year", "scope", "where", "supplier", "recipients", "categories", "systems", "status", "sources",
                  "hedged", "confidence", "source", "first_evidence"], f"{len(rows)} new entrants: {ds.describe()}", \
        ds.undated_left_out(True)


def _dyads(app, a: Ask):
    from armsflow.analyze import dyads as D
    from armsflow.analyze.dataset import resolve_region

    listed = D.load_rivals(None)
    _, members = (None, None) if a.pair else resolve_region(a.region, app.catalog)
    chosen = D.chosen_pairs(listed, a.pair, members)
    ds = _dataset(app, a, members=D.sides_of(chosen))
    rows = D.dyad_rows(ds, chosen, a.bucket, a.weight, a.escalation)
    if a.escalation:
        return rows, ["pair", "bucket", "a_weight", "b_weight", "mutual", "change", "escalating", "shared",
                      "source"], f"escalation by {a.weight}: {ds.describe()}", ds.undated_left_out(True)
    return rows, ["pair", "bucket", "category", "a", "a_records", "a_weight", "b", "b_records", "b_weight", "mutual",
                  "source"], f"acquisitions by {a.weight}: {ds.describe()}", ds.undated_left_out(True)


def _drones(app, a: Ask):
    from armsflow.analyze import drones as D

    ds = _dataset(app, a, region=a.region, recipient=a.recipient)
    view = a.by or "supplier"
    if view == "operator":
        return D.drone_operators(ds, limit=a.limit), ["recipient", "records", "uav", "loitering", "units",
                                                      "suppliers", "source"], f"drone operators: {ds.describe()}", \
            ds.undated_left_out()
    if view == "region":
        regions = {ds.region: ds.members} if ds.members is not None else \
            {g.slug: frozenset(g.members) for g in app.catalog.groups.values() if g.kind == "region"}
        return D.drones_by_region(ds, regions, a.bucket), ["bucket", "region", "records", "suppliers", "recipients",
                                                          "source"], f"drone transfers by region: {ds.describe()}", \
            ds.undated_left_out(True)
    return D.drone_flows(ds, a.bucket), ["bucket", "supplier", "records", "uav", "loitering", "units", "tiv",
                                         "recipients", "source"], f"drone transfers by supplier: {ds.describe()}", \
        ds.undated_left_out(True)


def _network(app, a: Ask):
    from armsflow.analyze.network import degrees, network_figures

    since, until = a.since, a.until
    if a.year is not None:
        if since is not None or until is not None:
            raise HTTPException(422, "give year or since/until, not both")
        since = until = a.year
    ds = _dataset(app, a, region=a.region, side=a.side, since=since, until=until)
    if a.state:
        c = a.state
        return degrees(ds, c), ["year", "state", "in_degree", "out_degree", "suppliers", "recipients", "source"], \
            f"degrees of {c}: {ds.describe()}", ds.undated_left_out(True)
    return network_figures(ds), ["year", "nodes", "edges", "density", "records", "source"], \
        f"transfer network per year: {ds.describe()}", ds.undated_left_out(True)


RUN = {"shares": _shares, "blocs": _blocs, "entrants": _entrants, "dyads": _dyads, "drones": _drones,
       "network": _network}
BY = {"shares": ("count", "tiv"), "blocs": ("count", "tiv"), "drones": ("supplier", "region", "operator")}


@router.get("/analyses", summary="The analyses offered")
def list_analyses() -> dict[str, list[str]]:
    return {"analyses": list(ANALYSES)}


@router.get("/analyses/{name}", response_model=AnalysisResult, responses=NOT_FOUND,
            summary="Run an analysis: shares, blocs, entrants, dyads, drones or network")
def analysis(
    request: Request,
    name: Annotated[str, Path(max_length=32, description=", ".join(ANALYSES))],
    region: Annotated[str | None, Query(max_length=100, description="Region or bloc slug, or a state code.")] = None,
    recipient: Annotated[str | None, Query(max_length=64, description="One recipient (not with region).")] = None,
    since: Annotated[str | None, Query(pattern=YEAR_OR_DATE)] = None,
    until: Annotated[str | None, Query(pattern=YEAR_OR_DATE)] = None,
    min_sources: Annotated[int, Query(ge=0, le=10_000)] = 0,
    exclude_hedged: bool = False,
    source: Literal["news", "sipri", "all"] = "all",
    by: Annotated[str | None, Query(max_length=16, description="shares/blocs: count or tiv; drones: supplier, "
                                    "region or operator.")] = None,
    per: Literal["recipient", "region"] | None = None,
    bucket: Annotated[int, Query(ge=1, le=200, description="Years per time bucket.")] = 5,
    trend: Annotated[bool, Query(description="blocs: the change between first and last bucket.")] = False,
    scope: Annotated[Literal["recipient", "region", "both"], Query(description="entrants.")] = "both",
    pair: Annotated[str | None, Query(max_length=64, description="dyads: a pair such as SRB-XKX.")] = None,
    weight: Annotated[Literal["confidence", "count", "tiv"], Query(description="dyads.")] = "confidence",
    escalation: Annotated[bool, Query(description="dyads: the escalation indicator.")] = False,
    year_: Annotated[int | None, Query(alias="year", ge=1000, le=9999, description="network: one year.")] = None,
    state: Annotated[str | None, Query(max_length=64, description="network: a state's degrees.")] = None,
    side: Annotated[Literal["recipient", "supplier", "either"], Query(description="network with region.")] =
    "recipient",
    limit: Annotated[int | None, Query(ge=1, le=10_000, description="drones by operator: at most this many.")] = None,
):
    from armsflow.analyze.dataset import undated_note
    from armsflow.analyze.dyads import RivalsError
    from armsflow.analyze.shares import AlignmentError

    if name not in RUN:
        raise HTTPException(404, f"no analysis {name!r}; choose from {', '.join(ANALYSES)}")
    if by is not None and by not in BY.get(name, ()):
        raise HTTPException(422, f"by {by!r}: {name} takes {' or '.join(BY[name]) if name in BY else 'no by'}")
    from armsflow.analyze import arguments as A

    app = request.app.state
    lo, hi = checked(A.period, since, until, "since", "until")
    region, recipient, state, pair = (v.strip() if v and v.strip() else None for v in (region, recipient, state, pair))
    if region and recipient:
        raise HTTPException(422, "give region or recipient, not both")
    if pair and region:
        raise HTTPException(422, "give pair or region, not both")
    region = checked(A.region, region, "region", app.catalog)[0]
    recipient = checked(A.actor, recipient, "recipient", app.catalog)
    state = checked(A.actor, state, "state", app.catalog)
    pair = checked(A.pair, pair, "pair", app.catalog)
    ask = Ask(region, recipient, lo, hi, min_sources, exclude_hedged, source, by, per, bucket, trend,
              scope, pair, weight, escalation, year_, state, side, limit)

    def compute():
        try:
            rows, columns, title, undated = RUN[name](app, ask)
        except (RivalsError, AlignmentError, ValueError) as exc:
            raise HTTPException(422, str(exc)) from None
        return {"analysis": name, "title": title, "columns": columns, "rows": _rows(rows),
                "undated_left_out": undated, "note": undated_note(undated)}

    return app.cache.get(("api-analysis", name, ask), compute)
