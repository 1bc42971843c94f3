"""Analysis verbs: supplier shares and concentration, bloc alignment, new entrants, rival dyads, drones, network.

Each verb loads one dataset (analyze/dataset.py: region, period, evidence threshold, source) and prints what a pure
function of analyze/ computes from it. Every row says where its figures come from (column ``source``: news,
register or news+register) and the table title says what was selected; a footnote line says how many records with no
year the period or a split by time left out. Arguments are checked before the store is opened (cli/filters.py).
"""
from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer

from armsflow.cli import _err, app
from armsflow.cli import filters as F
from armsflow.cli.output import FormatOption, emit
from armsflow.cli.store import DB_HELP, open_db


class SourceChoice(str, Enum):
    news = "news"
    sipri = "sipri"
    all = "all"


class Measure(str, Enum):
    count = "count"
    tiv = "tiv"


class Per(str, Enum):
    recipient = "recipient"
    region = "region"


class Side(str, Enum):
    recipient = "recipient"
    supplier = "supplier"
    either = "either"


class Weight(str, Enum):
    confidence = "confidence"
    count = "count"
    tiv = "tiv"


class DroneView(str, Enum):
    supplier = "supplier"
    region = "region"
    operator = "operator"


class EntrantScope(str, Enum):
    recipient = "recipient"
    region = "region"
    both = "both"


Region = Annotated[Optional[str], typer.Option(
    help="Region or bloc (western-balkans, nato; regions.yaml, blocs.yaml): records whose recipient is a member.")]
Recipient = Annotated[Optional[str], typer.Option(help="One recipient (SRB): the same as --region SRB.")]
Since = Annotated[Optional[str], typer.Option(help="Year (or date): records whose period reaches it.")]
Until = Annotated[Optional[str], typer.Option(help="Year (or date): records whose period starts by then.")]
MinSources = Annotated[int, typer.Option("--min-sources", help="News records with at least this many independent "
                                                                "sources (register records always count).")]
ExcludeHedged = Annotated[bool, typer.Option("--exclude-hedged", help="Leave out news records that every source "
                                                                       "hedges.")]
Source = Annotated[SourceChoice, typer.Option(help="news (fused news records), sipri (the register) or all.")]
Bucket = Annotated[int, typer.Option("--bucket", min=1, help="Years per time bucket (1: per year).")]
Db = Annotated[Optional[str], typer.Option("--db", help=DB_HELP)]


def _dataset(db, region, recipient, since, until, min_sources, exclude_hedged, source, side="recipient",
             with_evidence=False, members=None):
    """The dataset of a verb, every argument checked before the store is opened (analyze/arguments.py)."""
    from armsflow.analyze.dataset import load_dataset

    if region and recipient:
        _err("give --region or --recipient, not both")
        raise typer.Exit(2)
    lo, hi = F.period(since, until)
    if min_sources < 0:
        _err(f"--min-sources {min_sources}: must be 0 or more")
        raise typer.Exit(2)
    if members is not None:
        where = members
    elif recipient is not None:
        where = F.actor(recipient, "--recipient")
    else:
        where = F.region(region)[0]
    store = open_db(db)
    return load_dataset(store, where, lo, hi, min_sources, exclude_hedged, source.value, side,
                        with_evidence=with_evidence)


def _emit(rows, columns, fmt, title: str, ndigits: int = 4, ds=None, by_time: bool = False) -> None:
    """The rows (a table rounds their figures to ``ndigits``), with a note of the undated records the analysis
    left out (``ds.undated_left_out``)."""
    from armsflow.analyze.dataset import undated_note

    note = undated_note(ds.undated_left_out(by_time)) if ds is not None else ""
    emit(rows, columns, fmt, title=title, note=note, ndigits=ndigits)


@app.command()
def shares(
    recipient: Recipient = None, region: Region = None, since: Since = None, until: Until = None,
    min_sources: MinSources = 0, exclude_hedged: ExcludeHedged = False, source: Source = SourceChoice.all,
    by: Measure = typer.Option(Measure.count, "--by", help="count (records) or tiv (SIPRI TIV delivered in the "
                                                            "period; register records only)."),
    per: Optional[Per] = typer.Option(None, "--per", help="recipient (one scope each) or region (one scope for "
                                                          "all); default: region with --region, else recipient."),
    fmt: FormatOption = None, db: Db = None,
) -> None:
    """Supplier shares per recipient or region, with the supplier concentration (HHI, squared shares x 10,000)."""
    from armsflow.analyze.shares import supplier_shares

    ds = _dataset(db, region, recipient, since, until, min_sources, exclude_hedged, source)
    per_ = per.value if per else ("region" if region else "recipient")
    rows = supplier_shares(ds, by.value, per_)
    _emit(rows, ["scope", "supplier", "records", "tiv", "share", "hhi", "source"], fmt,
          f"supplier shares by {by.value}: {ds.describe()}", ds=ds)


@app.command()
def blocs(
    recipient: Recipient = None, region: Region = None, since: Since = None, until: Until = None,
    min_sources: MinSources = 0, exclude_hedged: ExcludeHedged = False, source: Source = SourceChoice.all,
    by: Measure = typer.Option(Measure.count, "--by", help="count or tiv."),
    per: Optional[Per] = typer.Option(None, "--per", help="recipient or region (default: region with --region)."),
    bucket: Bucket = 5,
    trend: bool = typer.Option(False, "--trend", help="The change of each group's share between the first and the "
                                                      "last bucket, instead of the shares per bucket."),
    alignment: Optional[str] = typer.Option(None, "--alignment", help="An alignment YAML file (default: "
                                                                     "analyze/data/alignment.yaml)."),
    fmt: FormatOption = None, db: Db = None,
) -> None:
    """Bloc alignment: the share of each supplier group (nato-eu, russia, china, iran, turkey, other) per bucket."""
    from armsflow.analyze.shares import AlignmentError, alignment_trend, bloc_alignment, load_alignment

    try:
        table = load_alignment(alignment)
    except AlignmentError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    ds = _dataset(db, region, recipient, since, until, min_sources, exclude_hedged, source)
    per_ = per.value if per else ("region" if region else "recipient")
    rows = bloc_alignment(ds, table, by.value, per_, bucket)
    if trend:
        _emit(alignment_trend(rows), ["scope", "group", "first_bucket", "first_share", "last_bucket", "last_share",
                                      "change", "source"], fmt, f"bloc alignment trend by {by.value}: {ds.describe()}",
              ds=ds, by_time=True)
        return
    _emit(rows, ["scope", "bucket", "group", "records", "tiv", "share", "source"], fmt,
          f"bloc alignment by {by.value}: {ds.describe()}", ds=ds, by_time=True)


@app.command()
def entrants(
    region: Region = None, recipient: Recipient = None, since: Since = None, until: Until = None,
    min_sources: MinSources = 0, exclude_hedged: ExcludeHedged = False, source: Source = SourceChoice.all,
    scope: EntrantScope = typer.Option(EntrantScope.both, "--scope", help="New in a recipient, in the region, or "
                                                                          "both."),
    fmt: FormatOption = None, db: Db = None,
) -> None:
    """New entrants: suppliers whose first record in a recipient (or the region) falls in the period.

    Earlier records of any source and strength (the register included) count against novelty; the threshold and
    --source apply to the entry record. JSON carries every claim behind an entry: sentence, document, publisher,
    date, hedged."""
    from armsflow.analyze.dataset import load_dataset
    from armsflow.analyze.entrants import new_entrants

    ds = _dataset(db, region, recipient, since, until, min_sources, exclude_hedged, source, with_evidence=True)
    history = load_dataset(open_db(db), ds.members)
    rows = new_entrants(ds, history, scope.value)
    _emit(rows, ["year", "scope", "where", "supplier", "recipients", "categories", "systems", "status", "sources",
                 "hedged", "confidence", "source", "first_evidence"], fmt,
          f"{len(rows)} new entrants: {ds.describe()}", ndigits=2, ds=ds, by_time=True)


@app.command()
def dyads(
    pair: Optional[str] = typer.Option(None, "--pair", help="A pair such as SRB-XKX (default: every pair of "
                                                            "analyze/data/rivals.yaml, or those with a side in "
                                                            "--region)."),
    region: Region = None, since: Since = None, until: Until = None,
    min_sources: MinSources = 0, exclude_hedged: ExcludeHedged = False, source: Source = SourceChoice.all,
    weight: Weight = typer.Option(Weight.confidence, "--weight", help="confidence (record confidence), count, or "
                                                                      "tiv (TIV delivered in the bucket)."),
    bucket: Bucket = 5,
    escalation: bool = typer.Option(False, "--escalation", help="The escalation indicator per bucket instead of "
                                                                "the acquisitions side by side."),
    rivals: Optional[str] = typer.Option(None, "--rivals", help="A rivals YAML file (default: "
                                                               "analyze/data/rivals.yaml)."),
    fmt: FormatOption = None, db: Db = None,
) -> None:
    """Rival dyads: each side's acquisitions by category and bucket, side by side, or the escalation indicator
    (mutual acquisition M = sum over categories of min(side A, side B); E = M - M of the previous bucket)."""
    from armsflow.analyze import dyads as D

    if pair and region:
        _err("give --pair or --region, not both")
        raise typer.Exit(2)
    sides = F.pair(pair)
    _, members = F.region(region)
    F.period(since, until)
    try:
        listed = D.load_rivals(rivals)
    except D.RivalsError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    chosen = D.chosen_pairs(listed, sides, members)
    ds = _dataset(db, None, None, since, until, min_sources, exclude_hedged, source, members=D.sides_of(chosen))
    rows = D.dyad_rows(ds, chosen, bucket, weight.value, escalation)
    if escalation:
        _emit(rows, ["pair", "bucket", "a_weight", "b_weight", "mutual", "change", "escalating", "shared", "source"],
              fmt, f"escalation by {weight.value}: {ds.describe()}", ndigits=3, ds=ds, by_time=True)
    else:
        _emit(rows, ["pair", "bucket", "category", "a", "a_records", "a_weight", "b", "b_records", "b_weight",
                     "mutual", "source"], fmt, f"acquisitions by {weight.value}: {ds.describe()}", ndigits=3,
              ds=ds, by_time=True)


@app.command()
def drones(
    region: Region = None, recipient: Recipient = None, since: Since = None, until: Until = None,
    min_sources: MinSources = 0, exclude_hedged: ExcludeHedged = False, source: Source = SourceChoice.all,
    by: DroneView = typer.Option(DroneView.supplier, "--by", help="supplier (flows per bucket), region (per "
                                                                  "bucket and region) or operator (largest "
                                                                  "holders: delivered or ordered)."),
    bucket: Bucket = 5,
    limit: Optional[int] = typer.Option(None, "--limit", help="At most this many operators."),
    fmt: FormatOption = None, db: Db = None,
) -> None:
    """Drone proliferation: UAV and loitering-munition transfers by supplier and region over time; the largest
    operators of a region by the records they hold."""
    from armsflow.analyze import drones as D

    ds = _dataset(db, region, recipient, since, until, min_sources, exclude_hedged, source)
    if by is DroneView.operator:
        _emit(D.drone_operators(ds, limit=limit), ["recipient", "records", "uav", "loitering", "units", "suppliers",
                                                   "source"], fmt, f"drone operators: {ds.describe()}", ds=ds)
    elif by is DroneView.region:
        if ds.members is not None:
            regions = {ds.region: ds.members}
        else:
            from armsflow.catalog import load_catalog
            regions = {g.slug: frozenset(g.members) for g in load_catalog().groups.values() if g.kind == "region"}
        _emit(D.drones_by_region(ds, regions, bucket), ["bucket", "region", "records", "suppliers", "recipients",
                                                        "source"], fmt, f"drone transfers by region: {ds.describe()}",
              ds=ds, by_time=True)
    else:
        _emit(D.drone_flows(ds, bucket), ["bucket", "supplier", "records", "uav", "loitering", "units", "tiv",
                                          "recipients", "source"], fmt,
              f"drone transfers by supplier: {ds.describe()}", ndigits=2, ds=ds, by_time=True)


@app.command()
def network(
    year: Optional[int] = typer.Option(None, "--year", help="One year (the same as --since Y --until Y)."),
    state: Optional[str] = typer.Option(None, "--state", help="A state's in- and out-degree per year instead of "
                                                              "the graph's figures."),
    region: Region = None, since: Since = None, until: Until = None,
    side: Side = typer.Option(Side.recipient, "--side", help="With --region: the recipient (default), the supplier "
                                                             "or either party a member."),
    min_sources: MinSources = 0, exclude_hedged: ExcludeHedged = False, source: Source = SourceChoice.all,
    fmt: FormatOption = None, db: Db = None,
) -> None:
    """Network figures of the transfer graph per year: nodes, edges, density (edges / (n (n-1))); or a state's
    in-degree (distinct suppliers) and out-degree (distinct recipients). A record is an edge in every year of its
    period (a register deal: order year to last delivery)."""
    from armsflow.analyze.network import degrees, network_figures

    if year is not None:
        if since or until:
            _err("give --year or --since/--until, not both")
            raise typer.Exit(2)
        if not 1 <= year <= 9999:
            _err(f"--year {year}: give a year such as 2015")
            raise typer.Exit(2)
        since = until = f"{year:04d}"
    code = F.actor(state, "--state")
    ds = _dataset(db, region, None, since, until, min_sources, exclude_hedged, source, side=side.value)
    if code:
        _emit(degrees(ds, code), ["year", "state", "in_degree", "out_degree", "suppliers", "recipients", "source"],
              fmt, f"degrees of {code}: {ds.describe()}", ds=ds, by_time=True)
    else:
        _emit(network_figures(ds), ["year", "nodes", "edges", "density", "records", "source"], fmt,
              f"transfer network per year: {ds.describe()}", ndigits=5, ds=ds, by_time=True)
