"""Store verbs: ingest sources, ask for transfers, claims and sources, show a record, review claims."""
from __future__ import annotations

import os
from contextlib import contextmanager
from typing import List, Optional

import typer

from armsflow.cli import _err, app, parse_limits
from armsflow.ingest.limits import HELP as LIMIT_HELP
from armsflow.cli import filters as F
from armsflow.cli.output import Format, FormatOption, chosen, emit
from armsflow.cli.progress import Quiet, progress_bar

DB_HELP = "Database URL or SQLite file (default: $ARMSFLOW_DB, else ~/.armsflow/armsflow.db)."
RECORD_COLUMNS = ["id", "supplier", "recipient", "system", "category", "period_start", "period_end", "status",
                  "quantity_max", "sources", "hedged", "unhedged", "confidence", "source", "confirmation"]


def names() -> dict[str, str]:
    """{code: display name}: the *_name fields of records and claims, as the API carries them."""
    from armsflow.catalog import load_catalog
    from armsflow.export.lookups import actor_names

    return actor_names(load_catalog())


def open_db(db: Optional[str]):
    from armsflow.store import StoreError, open_store

    try:
        return open_store(db)
    except StoreError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None


@app.command()
def ingest(
    sources: List[str] = typer.Argument(..., help="Files, folders, FILE.list lists, feeds or URLs."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    fetch: bool = typer.Option(False, "--fetch", help="Fetch URLs and linked feed items over the network."),
    fetch_timeout: float = typer.Option(60.0, "--fetch-timeout", metavar="SECONDS",
                                        help="With --fetch: give up on a download after this long in all."),
    max_size: float = typer.Option(20.0, "--max-size", metavar="MB", help="Refuse files larger than this (MB)."),
    quiet: Quiet = False,
    semantic: bool = typer.Option(False, "--semantic/--no-semantic",
                                  help="Also measure how many sentences linked documents paraphrase, shown with the "
                                       "link's reasons (needs armsflow\\[semantic]; about four times the ingest "
                                       "time). Echo decisions do not depend on it."),
    engine: str = typer.Option("local", "--engine", metavar="local|processes|ray",
                               help="Where extraction runs: this process (default), local worker processes, or a "
                                    "Ray cluster (needs armsflow\\[distributed]). The results are the same. "
                                    "dask is not supported (see docs/scaling.md)."),
    workers: Optional[int] = typer.Option(None, "--workers", min=1,
                                          help="Worker processes (default: every core of the machine or cluster)."),
    address: Optional[str] = typer.Option(None, "--address", metavar="HOST:PORT",
                                          help="An existing Ray cluster's head (ray://HOST:10001 from outside it)."),
    limit: Optional[List[str]] = typer.Option(None, "--limit", metavar="NAME=VALUE", help=LIMIT_HELP),
) -> None:
    """Read sources into the store: documents, their claims, echoes; then fuse the records they touch.

    Re-running on the same sources adds nothing; after an interruption it resumes.
    Exit status: 0 all read, 1 some source failed, 2 the store cannot be opened or the engine cannot start."""
    from armsflow.catalog import load_catalog
    from armsflow.engine.ingest import ingest as run_ingest
    from armsflow.extract.pipeline import Extractor
    from armsflow.fuse.embed import load_embedder
    from armsflow.fuse.family import Families
    from armsflow.ingest.sources import iter_documents

    from armsflow.engine.distributed import ENGINES, UNSUPPORTED

    if engine in UNSUPPORTED or engine not in ENGINES:
        _err(UNSUPPORTED.get(engine) or f"--engine {engine!r}: choose from {', '.join(ENGINES)}")
        raise typer.Exit(2)
    if engine == "local" and (workers or address):
        _err(f"{'--workers' if workers else '--address'} needs --engine processes or ray")
        raise typer.Exit(2)
    if address and engine != "ray":
        _err("--address needs --engine ray")
        raise typer.Exit(2)
    from armsflow.engine.ingest import IngestFailed
    from armsflow.store.locks import writer_lock

    limits = parse_limits(limit)
    if not 0 < fetch_timeout < float("inf"):          # also false for NaN
        _err(f"--fetch-timeout {fetch_timeout:g}: must be a positive number of seconds")
        raise typer.Exit(2)
    store = open_db(db)
    catalog = load_catalog()
    with writer_lock(store.engine):
        store.sync_entities(catalog)
    fetcher = None
    if fetch:
        from armsflow.ingest.fetch import http_fetcher
        fetcher = http_fetcher(timeout=fetch_timeout, max_bytes=int(max_size * 2**20))
    items = iter_documents(sources, fetch=fetcher, max_bytes=int(max_size * 2**20), limits=limits)
    with progress_bar(quiet) as bar:
        bar("loading the extractor", 0)
        extractor = Extractor(catalog, time_limit=limits.seconds)
        if semantic:
            bar("loading the embedding model", 0)
        embedder = load_embedder(warn=bar.note) if semantic else None
        read = 0

        def on_document(doc, what) -> None:
            nonlocal read
            read += 1
            bar("ingesting: documents read", read)

        families = Families(extractor.gazetteer)
        try:
            if engine == "local":
                summary = run_ingest(items, store, extractor, families, embedder=embedder, on_error=bar.note,
                                     on_document=on_document, progress=bar)
            else:
                summary = _distributed(engine, workers, address, items, store, catalog, families,
                                       extractor.version, embedder is not None, bar.note, on_document,
                                       limits.seconds, bar)
        except IngestFailed as exc:
            failed = exc
        else:
            failed = None
    if failed is not None:
        if os.environ.get("ARMSFLOW_DEBUG"):
            raise failed
        _err(_after_storing(failed))
        raise typer.Exit(1)
    typer.echo(summary.line())
    if summary.failed:
        raise typer.Exit(1)


def _after_storing(failed) -> str:
    """One line for a failure after the documents were stored: what is kept, what failed, how to finish."""
    from armsflow.cli import _one_line

    s = failed.summary
    stored = (f"{s.new} new documents stored ({s.claims} claims), {s.unchanged} already stored, "
              f"{s.reextracted} re-extracted, {s.failed} failed")
    problem = str(failed.problem).splitlines()[0] if failed.problem else "unknown error"
    if failed.stage == "summaries":
        return _one_line(f"{stored}; records fused; keeping the state summaries current failed ({problem}): "
                         f"the state pages compute them when shown")
    return _one_line(f"{stored}; fusing their records failed ({problem}): run the same command again to fuse them "
                     f"(the stored documents are not stored again)")


def _distributed(engine, workers, address, items, store, catalog, families, version, semantic, on_error,
                 on_document, time_limit=None, progress=None):
    """The same ingest with extraction on worker processes (engine/distributed.py)."""
    from armsflow.engine.distributed import EngineError, ingest_distributed, make_setup, open_pool

    try:
        pool = open_pool(engine, make_setup(catalog, semantic, time_limit), workers, address)
    except EngineError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    try:
        return ingest_distributed(items, store, families, pool, version, on_error=on_error,
                                  on_document=on_document, progress=progress)
    except EngineError as exc:
        _err(f"{exc}; what was committed is kept: run the same command again to finish")
        raise typer.Exit(2) from None
    finally:
        pool.close()


@app.command()
def transfers(
    supplier: F.Supplier = None, recipient: F.Recipient = None, region: F.Region = None, category: F.Category = None,
    since: F.Since = None, until: F.Until = None, status: F.Status = None, source: F.Source = "all",
    min_sources: F.MinSources = 0,
    fmt: FormatOption = None,
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Transfer records, fused from claims (news) or imported from a register (sipri).

    With --source all a deal that the news and the register both hold is one row, the register's, whose
    confirmation column names the news records ("news record 12, confirmed by SIPRI"); --source news lists those
    news records, each "confirmed by SIPRI (record 7)"."""
    from armsflow.analyze.dataset import undated_note
    from armsflow.engine.listing import record_rows
    from armsflow.export.rows import columns
    from armsflow.store.queries import records, undated

    f = F.record_filter(supplier, recipient, region, category, since, until, status, source, min_sources)
    store = open_db(db)
    known = names()
    rows = record_rows(records(store, f), known)
    emit(rows, RECORD_COLUMNS, fmt, title=f"{len(rows)} transfer records", note=undated_note(len(undated(store, f))),
         fields=columns(known))


@app.command()
def claims(
    supplier: Optional[str] = typer.Option(None),
    recipient: Optional[str] = typer.Option(None),
    doc: Optional[str] = typer.Option(None, help="Only the claims of this document (its key)."),
    review: Optional[str] = typer.Option(None, help="extracted, accepted, rejected or edited."),
    fmt: FormatOption = None,
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Every stored claim, with its document, evidence and the records it was fused into."""
    from armsflow.engine.listing import claim_fields, claim_rows
    from armsflow.store.queries import claims as query

    supplier, recipient = F.actor(supplier, "--supplier"), F.actor(recipient, "--recipient")
    store = open_db(db)
    rows = claim_rows(store, query(store, supplier=supplier, recipient=recipient, doc=doc, review=review), names())
    emit(rows, ["id", "doc", "published", "supplier", "recipient", "system", "category", "status", "year",
                "hedged", "confidence", "review"], fmt, title=f"{len(rows)} claims", fields=claim_fields())


@app.command()
def sources(
    fmt: FormatOption = None,
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """The documents in the store, their publishers, their source cluster (a document and its copies and echoes are
    one independent source) and the documents each one repeats (echo_of: every link, with its evidence)."""
    from armsflow.engine.listing import document_fields, document_row
    from armsflow.store.browse import DocumentFilter, documents_page

    _, views = documents_page(open_db(db), DocumentFilter(), None, 0)
    rows = [document_row(d) for d in views]
    emit(rows, ["id", "doc", "publisher", "published", "kind", "claims", "cluster", "echo_kind", "original_id",
                "echo_score"], fmt, title=f"{len(rows)} documents", fields=document_fields())


@app.command()
def show(
    ref: str = typer.Argument(..., help="Record id or key."),
    fmt: FormatOption = None,
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """One record: its status timeline, its claims with their evidence, independent sources and echoes.

    json and jsonl: the record with its claims (claim_items), as the API's /records/ID; csv: the record's row, as
    `transfers --format csv` prints it."""
    import json as _json

    from armsflow.cli.output import _put, plain
    from armsflow.engine.listing import claim_rows
    from armsflow.export.rows import columns, record_dict
    from armsflow.store.queries import claims as query_claims
    from armsflow.store.queries import record

    fmt = chosen(fmt)
    store = open_db(db)
    rec = record(store, ref)
    if rec is None:
        _err(f"no record {ref!r}")
        raise typer.Exit(1)
    evidence = query_claims(store, record_id=rec.id)
    if fmt is Format.csv:
        emit([record_dict(rec, names())], RECORD_COLUMNS, fmt, fields=columns(names()))
        return
    if fmt is not Format.table:
        known = names()
        detail = {**record_dict(rec, known), "claim_items": claim_rows(store, evidence, known)}
        _put(_json.dumps(plain(detail), ensure_ascii=False, allow_nan=False, indent=2 if fmt is Format.json else None)
             + "\n")
        return
    typer.echo(f"record {rec.id}: {rec.supplier} -> {rec.recipient}  {rec.system or rec.category} ({rec.category})")
    typer.echo(f"  status {rec.status}; period {rec.period_start or '?'}-{rec.period_end or '?'}; "
               f"quantity {rec.quantity_min or '?'}-{rec.quantity_max or '?'}; seen {rec.first_seen} .. "
               f"{rec.last_seen}; source {rec.source}")
    typer.echo(f"  {rec.sources} independent sources ({rec.unhedged} plain, {rec.hedged} hedged), "
               f"{rec.claims} claims; confidence {rec.confidence:.2f}")
    if rec.links:
        typer.echo(f"  {rec.confirmation}")
        for other, reason in rec.links:
            typer.echo(f"    {'register' if rec.source == 'news' else 'news'} record {other}: {reason}")
    for ev in rec.timeline:
        typer.echo(f"  timeline: {ev.year or '----'} {ev.status:<11} first reported {ev.first_seen} "
                   f"(claims {', '.join(map(str, ev.claim_ids))})")
    for c in evidence:
        echo = f" [{c.echo_kind} of document {c.original_id}]" if c.original_id else ""
        echo += f" [source {c.source_id}]" if c.source_id != c.document_id else ""
        typer.echo(f"  claim {c.id} [{c.review}] {c.doc} ({c.publisher or 'unknown publisher'}, "
                   f"{c.published or 'undated'}){echo}{' hedged' if c.hedged else ''}:")
        typer.echo(f"      \u201c{c.evidence}\u201d")


claim_app = typer.Typer(help="Review a claim: accept, reject or correct it (kept in the audit trail).",
                        no_args_is_help=True)
app.add_typer(claim_app, name="claim")


@contextmanager
def one_line_errors():
    """A refused change or a database failure is one line on stderr and exit status 2, never a traceback."""
    from sqlalchemy.exc import SQLAlchemyError

    from armsflow.cli import _one_line

    try:
        yield
    except ValueError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    except SQLAlchemyError as exc:
        _err(_one_line(f"the store failed: {str(getattr(exc, 'orig', None) or exc).splitlines()[0]}"))
        raise typer.Exit(2) from None


def review_change(change, done, quiet: bool = False):
    """Run a review change (engine/review.py; ``change(progress)``) and return its outcome, with a bar over the
    fusion that follows it. A refused change or an unknown id is one line and exit status 2 (1 for an unknown
    claim); a fusion that failed after the change was committed is one line saying so (``done(outcome)``), what
    failed, and exit status 1."""
    from armsflow.cli import _one_line
    from armsflow.engine.review import ChangeKept, NotFound

    try:
        with one_line_errors(), progress_bar(quiet) as bar:
            return change(bar)
    except NotFound as exc:
        _err(str(exc))
        raise typer.Exit(1 if str(exc).startswith("no claim") else 2) from None
    except ChangeKept as exc:
        if os.environ.get("ARMSFLOW_DEBUG") and exc.__cause__ is not None:
            raise exc.__cause__
        if exc.stage == "summaries":
            _err(_one_line(f"{done(exc.outcome)}; records fused; keeping the state summaries current failed "
                           f"({exc.problem}): the state pages compute them when shown"))
        else:
            _err(_one_line(f"{done(exc.outcome)}; fusing the records again failed ({exc.problem}): the next ingest "
                           f"or review fuses them"))
        raise typer.Exit(1) from None


def _review(claim_id: int, user: str, action: str, changes: dict | None, note: Optional[str], db: Optional[str],
            quiet: bool = False):
    from armsflow.engine.review import review_claim

    store = open_db(db)
    row = review_change(lambda bar: review_claim(store, claim_id, user, action, changes, note, progress=bar),
                        lambda o: f"claim {claim_id} {o.review}", quiet)
    typer.echo(f"claim {claim_id} {row.review} by {user}")


@claim_app.command("accept")
def claim_accept(claim_id: int, user: str = typer.Option(..., "--user"), note: Optional[str] = typer.Option(None),
                 db: Optional[str] = typer.Option(None, "--db", help=DB_HELP), quiet: Quiet = False) -> None:
    """Confirm a claim as extracted."""
    _review(claim_id, user, "accept", None, note, db, quiet)


@claim_app.command("reject")
def claim_reject(claim_id: int, user: str = typer.Option(..., "--user"), note: Optional[str] = typer.Option(None),
                 db: Optional[str] = typer.Option(None, "--db", help=DB_HELP), quiet: Quiet = False) -> None:
    """Mark a claim as wrong: fusion leaves it out."""
    _review(claim_id, user, "reject", None, note, db, quiet)


@claim_app.command("edit")
def claim_edit(claim_id: int, set_: List[str] = typer.Option(..., "--set", help="field=value (repeatable)."),
               user: str = typer.Option(..., "--user"), note: Optional[str] = typer.Option(None),
               db: Optional[str] = typer.Option(None, "--db", help=DB_HELP), quiet: Quiet = False) -> None:
    """Correct fields of a claim: supplier, recipient, system, category, quantity, status, year, hedged."""
    changes: dict = {}
    for item in set_:
        field_, sep, value = item.partition("=")
        if not sep:
            _err(f"--set {item!r}: expected field=value")
            raise typer.Exit(2)
        v: object = value or None
        if field_ in ("quantity", "year") and value:
            if not value.isdigit():
                _err(f"--set {item!r}: {field_} must be a whole number")
                raise typer.Exit(2)
            v = int(value)
        elif field_ == "hedged":
            v = value.lower() in ("1", "true", "yes")
        changes[field_] = v
    _review(claim_id, user, "edit", changes, note, db, quiet)
