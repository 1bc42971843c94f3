"""Record verbs: merge records that are one deal, split a record that is two (pins on claims, store/review.py).

Like `armsflow claim`, each change is audited and then only the records of the pair it touched are fused again, the
two under the store's writer lock (store/locks.py), as the web API does."""
from __future__ import annotations

from contextlib import contextmanager
from typing import List, Optional

import typer

from armsflow.cli import _err, _one_line, app
from armsflow.cli.progress import Quiet
from armsflow.cli.store import DB_HELP, open_db, refuse_after_review

record_app = typer.Typer(help="Merge or split transfer records (kept on their claims, in the audit trail).",
                         no_args_is_help=True)
app.add_typer(record_app, name="record")


@contextmanager
def _one_line_errors():
    """A refused change or a database failure is one line on stderr and exit status 2, never a traceback."""
    from sqlalchemy.exc import SQLAlchemyError

    try:
        yield
    except ValueError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    except SQLAlchemyError as exc:
        _err(_one_line(f"the store failed: {str(getattr(exc, 'orig', None) or exc).splitlines()[0]}"))
        raise typer.Exit(2) from None


def _claim_ids(value: str) -> list[int]:
    parts = [p.strip() for p in value.split(",") if p.strip()]
    if not parts or not all(p.isdigit() for p in parts):
        _err(f"--claims {value!r}: expected claim ids separated by commas, such as 12,15")
        raise typer.Exit(2)
    return [int(p) for p in parts]


@record_app.command("merge")
def record_merge(
    record_ids: List[int] = typer.Argument(..., metavar="ID ID...", help="Two or more news records of one pair."),
    user: str = typer.Option(..., "--user"),
    note: Optional[str] = typer.Option(None, "--note"),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    quiet: Quiet = False,
) -> None:
    """Make several records of one supplier and recipient one record (their claims are pinned together)."""
    from armsflow.store.queries import record
    from armsflow.store.locks import writer_lock
    from armsflow.store.review import merge_records, record_of_pin

    store = open_db(db)
    # the change and its fusion under the writer lock: no other fusion renumbers the records in between
    with _one_line_errors(), writer_lock(store.engine):
        pin = merge_records(store, record_ids, user, note)
        first = record(store, str(record_ids[0]))        # still there: only its claims changed so far
        refuse_after_review(store, {(first.supplier, first.recipient)},
                            f"records {', '.join(map(str, sorted(set(record_ids))))} merged", quiet)
        merged = record_of_pin(store, pin)
    typer.echo(f"records {', '.join(map(str, sorted(set(record_ids))))} merged into record {merged} by {user}")


@record_app.command("split")
def record_split(
    record_id: int = typer.Argument(..., metavar="ID"),
    claims: str = typer.Option(..., "--claims", metavar="ID,ID...", help="The claims that leave the record."),
    user: str = typer.Option(..., "--user"),
    note: Optional[str] = typer.Option(None, "--note"),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    quiet: Quiet = False,
) -> None:
    """Move some claims of a record into a record of their own; the others stay together."""
    from armsflow.store.queries import claims as record_claims
    from armsflow.store.queries import record
    from armsflow.store.locks import writer_lock
    from armsflow.store.review import claim_record_id, record_of_pin, split_record

    moved = _claim_ids(claims)
    store = open_db(db)
    with _one_line_errors(), writer_lock(store.engine):
        rec = record(store, str(record_id))
        if rec is None:
            raise ValueError(f"no record {record_id}")
        rest = [c.id for c in record_claims(store, record_id=record_id) if c.id not in moved]
        pin = split_record(store, record_id, moved, user, note)
        refuse_after_review(store, {(rec.supplier, rec.recipient)},
                            f"claims {', '.join(map(str, moved))} of record {record_id} split off", quiet)
        new, kept = record_of_pin(store, pin), claim_record_id(store, rest[0])
    typer.echo(f"claims {', '.join(map(str, moved))} of record {record_id} split off into record {new}; "
               f"the other {len(rest)} are in record {kept} (by {user})")


@record_app.command("unpin")
def record_unpin(
    claims: str = typer.Option(..., "--claims", metavar="ID,ID...", help="Claims to release from merges/splits."),
    user: str = typer.Option(..., "--user"),
    note: Optional[str] = typer.Option(None, "--note"),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    quiet: Quiet = False,
) -> None:
    """Undo merges and splits for these claims: fusion groups them on its own again."""
    from armsflow.store.locks import writer_lock
    from armsflow.store.review import unpin

    ids = _claim_ids(claims)
    store = open_db(db)
    with _one_line_errors(), writer_lock(store.engine):
        dyads = unpin(store, ids, user, note)
        if dyads:
            refuse_after_review(store, dyads, f"{len(ids)} claims unpinned", quiet)
    typer.echo(f"{len(ids)} claims unpinned by {user}" if dyads else "none of these claims was pinned")
