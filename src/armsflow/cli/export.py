"""``armsflow export``: the store's transfer records as CSV, JSON, JSON Lines, Parquet, GraphML or GeoJSON, written
by the one format registry (export/registry.py) through engine/exports.py."""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from enum import Enum
from pathlib import Path
from typing import Optional

import typer

from armsflow.cli import _err, _silence_stdout, app
from armsflow.cli import filters as F
from armsflow.cli.store import DB_HELP, open_db
from armsflow.export.registry import FORMATS, by_suffix

ExportFormat = Enum("ExportFormat", {name: name for name in FORMATS}, type=str)


def _skip_note(fmt: str, missing: dict, skipped: int) -> str:
    if not skipped:
        return ""
    if fmt == "geojson":
        shown = sorted(missing.items(), key=lambda kv: (-kv[1], kv[0]))
        listed = ", ".join(code for code, _ in shown[:8]) + (", ..." if len(shown) > 8 else "")
        return f"; skipped {skipped} with no coordinates for an end ({listed})"
    return f"; skipped {skipped} without a supplier or a recipient"


def _plural(n: int) -> str:
    return f"{n} record" if n == 1 else f"{n} records"


@app.command()
def export(
    fmt: Optional[ExportFormat] = typer.Option(None, "--format", help=f"{', '.join(FORMATS)} "
                                                                      "(default: from the --out suffix)."),
    out: Optional[str] = typer.Option(None, "--out", metavar="FILE",
                                      help="Write here (replaced whole, never half-written); default stdout, "
                                           "except for parquet, which needs a file."),
    supplier: F.Supplier = None, recipient: F.Recipient = None, region: F.Region = None, category: F.Category = None,
    since: F.Since = None, until: F.Until = None, status: F.Status = None, source: F.Source = "all",
    min_sources: F.MinSources = 0,
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Export transfer records (same filters as `transfers`) for spreadsheets, notebooks, Gephi/yEd or maps.

    csv, jsonl, parquet: one row per record with every field and the supplier's and recipient's names.

    graphml: actors as nodes (name, kind), transfers as directed edges supplier -> recipient.

    geojson: a flow line per record, from the supplier's capital (or base) to the recipient's; records with an end
    that has no coordinates are skipped.

    A one-line summary goes to stderr.

    Exit status: 0 written, 1 the output could not be written, 2 usage error or the store cannot be opened."""
    target = None if out in (None, "-") else Path(out).expanduser()
    names = ", ".join(FORMATS)
    if fmt is None:
        fmt = by_suffix(target.suffix) if target is not None else None
        if fmt is None:
            _err(f"give --format ({names}) or an --out file with one of those suffixes")
            raise typer.Exit(2)
    fmt = ExportFormat(fmt).value
    if not FORMATS[fmt].streams and target is None:
        _err(f"--format {fmt} needs --out FILE ({fmt} is not written to stdout)")
        raise typer.Exit(2)
    if target is not None:
        if target.is_dir():
            _err(f"--out {out}: is a directory")
            raise typer.Exit(2)
        if not target.parent.is_dir():
            _err(f"--out {out}: no folder {target.parent}")
            raise typer.Exit(2)

    from armsflow.catalog import CatalogError, load_catalog
    from armsflow.engine.exports import export as run_export
    from armsflow.export.registry import Lookups

    f = F.record_filter(supplier, recipient, region, category, since, until, status, source, min_sources)
    store = open_db(db)
    try:
        lookups = Lookups(load_catalog())
        if fmt == "geojson":
            lookups.coords          # read now: a broken places file is a usage error, before any writing
    except CatalogError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None

    try:
        if target is not None:
            done = run_export(store, fmt, target, f, lookups)
        else:       # the whole file first (nothing half-written on a failure), then copied to stdout
            with tempfile.TemporaryFile(prefix="armsflow-export-") as tmp:
                done = run_export(store, fmt, tmp, f, lookups)
                tmp.seek(0)
                sys.stdout.flush()
                shutil.copyfileobj(tmp, sys.stdout.buffer)
                sys.stdout.buffer.flush()
    except BrokenPipeError:              # `armsflow export ... | head`: the reader has what it wanted
        _silence_stdout()
        raise typer.Exit(0) from None
    except OSError as exc:
        _err(f"cannot write {out or 'stdout'}: {exc.strerror or exc}")
        raise typer.Exit(1) from None
    except Exception as exc:             # a bug: one line, not a traceback, unless asked for
        if os.environ.get("ARMSFLOW_DEBUG"):
            raise
        _err(f"export failed ({type(exc).__name__}: {exc}); nothing was written; set ARMSFLOW_DEBUG=1 for the "
             f"traceback")
        raise typer.Exit(1) from None
    where = str(target) if target is not None else "stdout"
    left_out = done.undated
    undated_note = f"; left out {left_out} undated (no claim behind {'it' if left_out == 1 else 'them'} states a " \
                   f"year)" if left_out else ""
    typer.echo(f"wrote {_plural(done.written)} to {where}{_skip_note(fmt, done.missing, done.skipped)}"
               f"{undated_note}", err=True)
