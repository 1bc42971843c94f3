"""Component dependence (`armsflow components depends|embargo`) and arms-control ceilings (`armsflow ceilings`)."""
from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from armsflow.cli import _err, app
from armsflow.cli import filters as F
from armsflow.cli.output import Format, FormatOption, chosen, emit
from armsflow.cli.store import DB_HELP, open_db

components_app = typer.Typer(help="Component dependence: which states' engines, sensors and turrets a weapon line "
                                  "relies on, and what a component embargo would reach.", no_args_is_help=True)
app.add_typer(components_app, name="components")

DEPENDS_COLUMNS = ["state", "state_name", "foreign", "host_label", "host_category", "component", "via", "maker", "since",
                   "until", "sources", "uncertain", "refs"]
DEPENDS_SUMMARY_COLUMNS = ["state", "state_name", "foreign", "hosts", "components", "host_names", "component_names",
                           "sources", "uncertain"]
EMBARGO_COLUMNS = ["recipient", "supplier", "system", "host_label", "via", "maker", "since", "until", "uncertain", "status",
                   "period_start", "period_end", "quantity_max", "source", "record_id"]
EMBARGO_SUMMARY_COLUMNS = ["recipient", "recipient_name", "records", "hosts", "suppliers", "quantity", "unquantified"]
REACH_COLUMNS = ["host_label", "origin", "category", "components", "makers", "since", "until", "uncertain"]
CEILING_COLUMNS = ["holder", "category", "ceiling", "holdings", "holdings_year", "acquired", "acquired_records",
                   "possible", "possible_records", "excluded_records", "headroom", "headroom_note"]
CURATED_HELP = "Curated components file (default: the shipped analyze/data/components.yaml)."


class Source(str, Enum):
    all = "all"
    news = "news"
    sipri = "sipri"


def _catalog():
    from armsflow.catalog import CatalogError, load_catalog

    try:
        return load_catalog()
    except CatalogError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None


def _state(value: str, cat, option: str = "--state") -> str:
    from armsflow.analyze.arguments import actor

    return F.checked(actor, value, option, cat, states_only=True)


def _graph(db: Optional[str], cat, curated: Optional[Path]):
    from armsflow.analyze.components import graph_from_store

    store = open_db(db)
    try:
        return store, graph_from_store(store, cat, curated_path=curated)
    except (OSError, ValueError) as exc:
        _err(f"cannot build the component graph: {exc}")
        raise typer.Exit(2) from None


@components_app.command("depends")
def depends_cmd(
    state: str = typer.Option(..., "--state", help="The state whose weapons are asked about (IRN)."),
    category: Optional[str] = typer.Option(None, "--category", help="The line: uav (with loitering munitions), "
                                                                      "tank, combat_aircraft, ... (default: all)."),
    exact: bool = typer.Option(False, "--exact", help="The category exactly as given (uav without loitering "
                                                        "munitions)."),
    foreign_only: bool = typer.Option(False, "--foreign-only", help="Leave out components of the state's own make."),
    summary: bool = typer.Option(False, "--summary", help="One row per maker state instead of one per chain."),
    fmt: FormatOption = None,
    curated: Optional[Path] = typer.Option(None, "--curated", help=CURATED_HELP),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Which states' components the state's weapons of a category depend on.

    Hosts are the systems of the state's make (catalogue origin, or the producing state the register names);
    components come from register rows ("...; for Heron-TP UAV from Israel"), component claims in the news and the
    curated file, each chain with its evidence. Exit status: 0 answered (even with no rows), 2 usage error or no
    store."""
    from armsflow.analyze.components import depends, line_categories, summarise_depends

    fmt = chosen(fmt)
    cat = _catalog()
    code = _state(state, cat)
    try:
        cats = line_categories(category, exact)
    except ValueError as exc:
        _err(f"--category: {exc}")
        raise typer.Exit(2) from None
    _, graph = _graph(db, cat, curated)
    rows = depends(graph, code, category, exact, include_domestic=not foreign_only)
    sums = summarise_depends(rows)
    what = f"{cat.actor_name(code)}'s {'/'.join(cats) if cats else 'weapons'}"
    foreign = [s.state_name or "unknown" for s in sums if s.foreign]
    title = (f"{what}: {len(rows)} component chains; foreign makers' states: {', '.join(foreign) or 'none found'}")
    if summary:
        emit(sums, DEPENDS_SUMMARY_COLUMNS, fmt, title=title)
    else:
        emit(rows, DEPENDS_COLUMNS, fmt, title=title)
    if fmt is not Format.table:
        _err(title)


@components_app.command("embargo")
def embargo_cmd(
    state: str = typer.Option(..., "--state", help="The state whose components are embargoed (CAN)."),
    since: Optional[str] = typer.Option(None, "--since", help="Year: export records whose period reaches it."),
    source: Source = typer.Option(Source.all, "--source", help="news, sipri or all."),
    summary: bool = typer.Option(False, "--summary", help="One row per recipient instead of one per record."),
    hosts: bool = typer.Option(False, "--hosts", help="List the touched host systems instead of the exports."),
    fmt: FormatOption = None,
    curated: Optional[Path] = typer.Option(None, "--curated", help=CURATED_HELP),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Which exports an embargo on the state's components would touch.

    Components made in the state → the hosts that use them (and hosts that use those) → the records whose system is
    one of those hosts, supplied by another party, starting no later than the year the dependence ended (a curated
    cut-off such as Canada's 2020 suspension of MX-15 permits). Exit status: 0 answered, 2 usage error or no store."""
    from armsflow.analyze.components import embargo_from_store, host_view, summarise_embargo
    from armsflow.analyze.dataset import undated_note

    fmt = chosen(fmt)
    cat = _catalog()
    code = _state(state, cat)
    lo = F.year(since, "--since")
    store, graph = _graph(db, cat, curated)
    touched, rows, undated = embargo_from_store(store, graph, code, cat, since=lo,
                                                source=None if source is Source.all else source.value)
    note = undated_note(undated)
    sums = summarise_embargo(rows)
    title = (f"components made in {cat.actor_name(code)}: {len(graph.components_made_in(code))}; hosts using them: "
             f"{len(touched)}; export records touched: {len(rows)} to {len(sums)} recipients")
    if hosts:
        view = [host_view(r) for r in touched]
        emit(view, REACH_COLUMNS, fmt, title=title)
    elif summary:
        emit(sums, EMBARGO_SUMMARY_COLUMNS, fmt, title=title, note=note)
    else:
        emit(rows, EMBARGO_COLUMNS, fmt, title=title, note=note)
    if fmt is not Format.table:
        _err(title)


class Treaty(str, Enum):
    dayton_iv = "dayton-iv"


@app.command("ceilings")
def ceilings_cmd(
    treaty: Treaty = typer.Option(Treaty.dayton_iv, "--treaty", help="The treaty: dayton-iv (Dayton Annex 1-B "
                                                                      "Article IV, Florence Agreement 1996)."),
    since: Optional[str] = typer.Option(None, "--since", help="Year: acquisitions whose period reaches it "
                                                              "(default: ten years back)."),
    until: Optional[str] = typer.Option(None, "--until", help="Year: acquisitions whose period starts by then."),
    source: Source = typer.Option(Source.all, "--source", help="news, sipri or all (news records a register "
                                                                "record covers are not counted twice)."),
    fmt: FormatOption = None,
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Treaty ceilings per Party and category, against holdings and recent acquisitions: the headroom.

    Holdings come from analyze/data/holdings.yaml (approximate where filled; unknown holdings give an unknown
    headroom and its upper bound). Exit status: 0 answered, 2 usage error or no store."""
    from armsflow.analyze.ceilings import TreatyError, acquisition_period, ceilings_from_store, undated_acquisitions
    from armsflow.analyze.dataset import undated_note

    fmt = chosen(fmt)
    lo, hi = F.checked(acquisition_period, since, until)
    cat = _catalog()
    store = open_db(db)
    try:
        t, rows = ceilings_from_store(store, treaty.value, since=lo, until=hi,
                                      source=None if source is Source.all else source.value, cat=cat)
    except TreatyError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    title = f"{t.name} ({t.short}); acquisitions {lo}–{hi or 'now'}"
    src = None if source is Source.all else source.value
    emit(rows, CEILING_COLUMNS, fmt, title=title,
         note=undated_note(undated_acquisitions(store, treaty.value, lo, hi, src)))
    if fmt is Format.table:
        typer.echo(f"Source: {t.citation}")
    else:
        _err(f"{title}. Source: {t.citation}")
    sys.stdout.flush()
