"""``armsflow export``: the store's transfer records as CSV, Parquet, JSON Lines, GraphML or GeoJSON."""
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


class ExportFormat(str, Enum):
    csv = "csv"
    parquet = "parquet"
    jsonl = "jsonl"
    graphml = "graphml"
    geojson = "geojson"


SUFFIXES = {".csv": ExportFormat.csv, ".parquet": ExportFormat.parquet, ".pq": ExportFormat.parquet,
            ".jsonl": ExportFormat.jsonl, ".ndjson": ExportFormat.jsonl, ".graphml": ExportFormat.graphml,
            ".geojson": ExportFormat.geojson}


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _write(fmt: ExportFormat, rows: list, path: str, names: dict, kinds: dict, coords: dict | None) -> tuple[int, int]:
    """Write ``rows`` to ``path`` in ``fmt``: (records written, records skipped)."""
    from armsflow.export import write_csv, write_geojson, write_graphml, write_jsonl, write_parquet

    if fmt is ExportFormat.csv:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            n = write_csv(rows, fh, names)
    elif fmt is ExportFormat.jsonl:
        with open(path, "w", encoding="utf-8") as fh:
            n = write_jsonl(rows, fh, names)
    elif fmt is ExportFormat.parquet:
        n = write_parquet(rows, path, names)
    elif fmt is ExportFormat.graphml:
        n = write_graphml(rows, path, names, kinds)
    else:
        with open(path, "w", encoding="utf-8") as fh:
            return write_geojson(rows, fh, coords or {}, names)
    return n, len(rows) - n


def _skip_note(fmt: ExportFormat, rows: list, coords: dict | None, skipped: int) -> str:
    if not skipped:
        return ""
    if fmt is ExportFormat.geojson:
        from armsflow.export.geojson import missing_anchors

        missing = sorted(missing_anchors(rows, coords or {}).items(), key=lambda kv: (-kv[1], kv[0]))
        shown = ", ".join(code for code, _ in missing[:8]) + (", ..." if len(missing) > 8 else "")
        return f"; skipped {skipped} with no coordinates for an end ({shown})"
    return f"; skipped {skipped} without a supplier or a recipient"


def _plural(n: int) -> str:
    return f"{n} record" if n == 1 else f"{n} records"


@app.command()
def export(
    fmt: Optional[ExportFormat] = typer.Option(None, "--format", help="csv, parquet, jsonl, graphml or geojson "
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
    if fmt is None:
        fmt = SUFFIXES.get(target.suffix.lower()) if target is not None else None
        if fmt is None:
            _err("give --format (csv, parquet, jsonl, graphml, geojson) or an --out file with one of those suffixes")
            raise typer.Exit(2)
    if fmt is ExportFormat.parquet and target is None:
        _err("--format parquet needs --out FILE (Parquet is not written to stdout)")
        raise typer.Exit(2)
    if target is not None:
        if target.is_dir():
            _err(f"--out {out}: is a directory")
            raise typer.Exit(2)
        if not target.parent.is_dir():
            _err(f"--out {out}: no folder {target.parent}")
            raise typer.Exit(2)

    from armsflow.catalog import CatalogError, load_catalog
    from armsflow.export import actor_kinds, actor_names
    from armsflow.store.queries import records, undated

    f = F.record_filter(supplier, recipient, region, category, since, until, status, source, min_sources)
    store = open_db(db)
    rows = records(store, f)
    left_out = len(undated(store, f))
    try:
        catalog = load_catalog()
        coords = None
        if fmt is ExportFormat.geojson:
            from armsflow.catalog.places import load_places
            coords = load_places()
    except CatalogError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    names, kinds = actor_names(catalog), actor_kinds(catalog)

    # write into a temporary file beside the target (or in the temp folder for stdout), then rename or copy it
    folder = target.parent if target is not None else None
    prefix = f".{target.name}." if target is not None else "armsflow-export-"
    try:
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".part", dir=folder)
        os.close(fd)
    except OSError as exc:
        _err(f"cannot write {out or 'a temporary file'}: {exc.strerror or exc}")
        raise typer.Exit(1) from None
    try:
        written, skipped = _write(fmt, rows, tmp, names, kinds, coords)
        if target is not None:
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, target)
        else:
            sys.stdout.flush()
            with open(tmp, "rb") as fh:
                shutil.copyfileobj(fh, sys.stdout.buffer)
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
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    where = str(target) if target is not None else "stdout"
    undated_note = f"; left out {left_out} undated (no claim behind {'it' if left_out == 1 else 'them'} states a " \
                   f"year)" if left_out else ""
    typer.echo(f"wrote {_plural(written)} to {where}{_skip_note(fmt, rows, coords, skipped)}{undated_note}", err=True)
