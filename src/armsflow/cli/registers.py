"""Register verbs: import an official register export as records; compare the register with the news."""
from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from armsflow.cli import _err, _one_line, app
from armsflow.cli.output import FormatOption, emit
from armsflow.cli.progress import Quiet, progress_bar
from armsflow.cli import filters as F
from armsflow.cli.store import DB_HELP, open_db

DIFF_COLUMNS = ["side", "id", "supplier", "recipient", "system", "family", "category", "period_start", "period_end",
                "status", "quantity_max", "sources", "confidence"]


class Register(str, Enum):
    sipri = "sipri"


def _families():
    from armsflow.catalog import load_catalog
    from armsflow.catalog.gazetteer import gazetteer_for
    from armsflow.fuse.family import Families

    return Families(gazetteer_for(load_catalog())).family


@app.command("import-register")
def import_register(
    register: Register = typer.Argument(..., help="The register the file comes from: sipri."),
    file: Path = typer.Argument(..., help="A SIPRI trade-register CSV export, either layout."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    quiet: Quiet = False,
) -> None:
    """Load a register export (SIPRI, either layout) as deals and transfer records.

    One transaction per file: a crash leaves the whole file or nothing. The same file again is "already imported".
    A deal that another export of the register also holds stays one record (the newer export wins).
    Exit status: 0 imported or already there, 1 the file is not a readable export, 2 the store cannot be used."""
    from sqlalchemy.exc import SQLAlchemyError

    from armsflow.engine.registers import import_register as run
    from armsflow.ingest.sipri import RegisterError

    from armsflow.store.locks import writer_lock

    store = open_db(db)
    try:
        from armsflow.catalog import load_catalog
        # it replaces records and refreshes summaries: under the writer lock, as fusion (store/locks.py)
        with writer_lock(store.engine), progress_bar(quiet) as bar:
            store.sync_entities(load_catalog())
            result = run(store, file, register.value, family=_families(), progress=bar)
    except RegisterError as exc:
        _err(str(exc))
        raise typer.Exit(1) from None
    except SQLAlchemyError as exc:
        if os.environ.get("ARMSFLOW_DEBUG"):
            raise
        _err(_one_line(f"{file}: the store refused the import, nothing was written "
                       f"({str(getattr(exc, 'orig', None) or exc).splitlines()[0]})"))
        raise typer.Exit(2) from None
    typer.echo(result.line())


@app.command("diff-register")
def diff_register(
    region: Optional[str] = typer.Option(None, help="Region or bloc slug (western-balkans, nato): supplier or "
                                                     "recipient a member."),
    since: Optional[str] = typer.Option(None, help="Year (or date): records whose period reaches it."),
    until: Optional[str] = typer.Option(None, help="Year (or date): records whose period starts by then."),
    register: Register = typer.Option(Register.sipri, "--register", help="The register to compare with: sipri."),
    fmt: FormatOption = None,
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """News records the register lacks (news-only) and register records no news reports (register-only).

    Records of the region (supplier or recipient a member) whose period overlaps --since/--until, that no stored
    link joins to the other side. A news record is linked to a register deal (when fused, or when the register is
    imported) for the same recipient, agreeing suppliers (an unknown one agrees with any), the same system family
    (or category when the news names no system) and periods within 2 years; an undated news record only when one
    deal alone matches."""
    from armsflow.engine.registers import diff_register as run

    members = F.members(region)
    lo, hi = F.period(since, until)
    from armsflow.analyze.dataset import undated_note
    from armsflow.store.queries import RecordFilter, undated

    store = open_db(db)
    rows = run(store, _families(), members=members, since=lo, until=hi, register=register.value)
    n_news = sum(r.side == "news-only" for r in rows)
    # news records no claim dates cannot be matched to a period: the period leaves them out, and says so
    left_out = len(undated(store, RecordFilter(members=members, since=lo, until=hi, source="news")))
    emit(rows, DIFF_COLUMNS, fmt, title=f"{n_news} news records not in {register.value}, "
                                       f"{len(rows) - n_news} {register.value} records not in the news",
         note=undated_note(left_out))
