"""Record verbs: merge records that are one deal, split a record that is two (pins on claims, store/review.py).

Like `armsflow claim`, each change is audited and then only the records of the pair it touched are fused again, the
two under the store's writer lock (store/locks.py), as the web API does."""
from __future__ import annotations

from typing import List, Optional

import typer

from armsflow.cli import _err, app
from armsflow.cli.progress import Quiet
from armsflow.cli.store import DB_HELP, open_db, review_change

record_app = typer.Typer(help="Merge or split transfer records (kept on their claims, in the audit trail).",
                         no_args_is_help=True)
app.add_typer(record_app, name="record")


def _claim_ids(value: str) -> list[int]:
    parts = [p.strip() for p in value.split(",") if p.strip()]
    if not parts or not all(p.isdigit() for p in parts):
        _err(f"--claims {value!r}: expected claim ids separated by commas, such as 12,15")
        raise typer.Exit(2)
    return [int(p) for p in parts]


def _listed(ids) -> str:
    return ", ".join(map(str, ids))


@record_app.command("merge")
def record_merge(
    record_ids: List[int] = typer.Argument(..., metavar="ID ID...", help="Two or more news records of one pair."),
    user: str = typer.Option(..., "--user"),
    note: Optional[str] = typer.Option(None, "--note"),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    quiet: Quiet = False,
) -> None:
    """Make several records of one supplier and recipient one record (their claims are pinned together)."""
    from armsflow.engine.review import merge

    store = open_db(db)
    done = f"records {_listed(sorted(set(record_ids)))} merged"
    out = review_change(lambda bar: merge(store, record_ids, user, note, progress=bar), lambda o: done, quiet)
    typer.echo(f"{done} into record {out.record_id} by {user}")


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
    from armsflow.engine.review import split

    moved = _claim_ids(claims)
    store = open_db(db)
    done = f"claims {_listed(moved)} of record {record_id} split off"
    out = review_change(lambda bar: split(store, record_id, moved, user, note, progress=bar), lambda o: done,
                        quiet)
    typer.echo(f"{done} into record {out.record_id}; the other {out.kept_claims} are in record "
               f"{out.kept_record_id} (by {user})")


@record_app.command("unpin")
def record_unpin(
    claims: str = typer.Option(..., "--claims", metavar="ID,ID...", help="Claims to release from merges/splits."),
    user: str = typer.Option(..., "--user"),
    note: Optional[str] = typer.Option(None, "--note"),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    quiet: Quiet = False,
) -> None:
    """Undo merges and splits for these claims: fusion groups them on its own again."""
    from armsflow.engine.review import unpin

    ids = _claim_ids(claims)
    store = open_db(db)
    out = review_change(lambda bar: unpin(store, ids, user, note, progress=bar),
                        lambda o: f"{len(ids)} claims unpinned", quiet)
    typer.echo(f"{len(ids)} claims unpinned by {user}" if out.pairs else "none of these claims was pinned")
