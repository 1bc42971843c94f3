"""One ``--format`` for every verb that lists, and the one writer behind it.

``table`` is for a person (the default on a terminal), ``json`` one JSON array, ``jsonl`` one JSON object per line
(the default when stdout is a pipe or a file), ``csv`` a header then one row each. JSON, JSON Lines and CSV carry
the same fields, named as the REST API names them; a table shows a readable subset. ``$ARMSFLOW_FORMAT`` sets the
default for a shell or a script.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import os
import sys
from dataclasses import asdict, is_dataclass
from enum import Enum
from typing import Annotated, Optional

import typer


class Format(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


HELP = ("table (default on a terminal), json (one JSON array), jsonl (one JSON object per line; default when stdout "
        "is not a terminal) or csv (header, then one row each). $ARMSFLOW_FORMAT sets the default.")
FormatOption = Annotated[Optional[Format], typer.Option("--format", help=HELP, show_default=False,
                                                        case_sensitive=False)]


def chosen(fmt: Optional[Format]) -> Format:
    """The format asked for, else $ARMSFLOW_FORMAT, else table on a terminal and JSON Lines otherwise."""
    if fmt is not None:
        return fmt
    env = os.environ.get("ARMSFLOW_FORMAT", "").strip().lower()
    if env:
        try:
            return Format(env)
        except ValueError:
            from armsflow.cli import _err

            _err(f"ARMSFLOW_FORMAT={env!r}: choose from {', '.join(f.value for f in Format)}")
            raise typer.Exit(2) from None
    return Format.table if _isatty() else Format.jsonl


def _isatty() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def plain(value):
    """A JSON-ready value: dataclasses as dicts (with the properties they name in ``__derived__``), dates as ISO
    strings, NaN and infinities as null."""
    if value is None or isinstance(value, (str, int)):
        return value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if is_dataclass(value) and not isinstance(value, type):
        out = {k: plain(v) for k, v in asdict(value).items()}
        for name in getattr(type(value), "__derived__", ()):      # properties a reader wants beside the fields
            out[name] = plain(getattr(value, name))
        return out
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "__dict__") and not isinstance(value, type):     # a SimpleNamespace view
        return {k: plain(v) for k, v in vars(value).items()}
    return value


def cell(value) -> str:
    """A CSV cell: empty for null, nested values as compact JSON (as `armsflow export --format csv`)."""
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def _shown(value, ndigits: Optional[int]) -> str:
    """A table cell: lists of plain values joined, floats rounded."""
    if value is None:
        return ""
    if isinstance(value, float) and ndigits is not None:
        return str(round(value, ndigits))
    if isinstance(value, list) and all(not isinstance(v, (list, dict)) for v in value):
        return ", ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else ""
    return cell(value)


class Writer:
    """Rows written as they come (json, jsonl, csv) or gathered for one table; ``close`` ends a JSON array and
    prints the table. ``columns`` are what a table shows; ``fields`` the CSV header (default: the first row's
    fields, else ``columns``)."""

    def __init__(self, fmt: Format, columns: list[str], title: str = "", fields: Optional[list[str]] = None,
                 ndigits: Optional[int] = None):
        self.fmt, self.columns, self.title, self.fields, self.ndigits = fmt, columns, title, fields, ndigits
        self.rows: list[dict] = []            # the table's rows
        self.count = 0

    def write(self, rows) -> None:
        rows = [plain(r) for r in rows]
        if self.fmt is Format.table:
            self.rows.extend(rows)
            return
        if not rows:
            return
        buf = io.StringIO()
        if self.fmt is Format.csv:
            w = csv.writer(buf)
            if not self.count:
                self.fields = self.fields or list(rows[0])
                w.writerow(self.fields)
            for r in rows:
                w.writerow([cell(r.get(f)) for f in self.fields])
            self.count += len(rows)
        else:
            for r in rows:
                text = json.dumps(r, ensure_ascii=False, allow_nan=False)
                if self.fmt is Format.json:
                    buf.write(("[\n" if not self.count else ",\n") + text)
                else:
                    buf.write(text + "\n")
                self.count += 1
        _put(buf.getvalue())

    def close(self, note: str = "") -> None:
        if self.fmt is Format.table:
            _table(self.rows, self.columns, self.title, self.ndigits)
            if note:
                _put(f"Note: {note}\n")
            return
        if self.fmt is Format.json:
            _put("[]\n" if not self.count else "\n]\n")
        elif self.fmt is Format.csv and not self.count:
            buf = io.StringIO()
            csv.writer(buf).writerow(self.fields or self.columns)
            _put(buf.getvalue())
        if note:
            sys.stdout.flush()
            sys.stderr.write(f"armsflow: note: {note}\n")


def emit(rows, columns: list[str], fmt: Optional[Format], title: str = "", note: str = "",
         fields: Optional[list[str]] = None, ndigits: Optional[int] = None) -> None:
    """Print ``rows`` (dicts or dataclasses) in ``fmt``. ``note`` (what was left out, say) is a footnote line under
    a table, and a line on stderr beside JSON or CSV, whose stdout stays rows only."""
    fmt = chosen(fmt)
    if fmt is not Format.table and note:         # before the rows: a reader of stderr sees it first
        sys.stdout.flush()
        sys.stderr.write(f"armsflow: note: {note}\n")
        note = ""
    w = Writer(fmt, columns, title, fields, ndigits)
    try:
        w.write(rows)
        w.close(note)
    except BrokenPipeError:              # `armsflow transfers | head`: the reader has what it wanted
        from armsflow.cli import _silence_stdout

        _silence_stdout()
        raise typer.Exit(0) from None


def _put(text: str) -> None:
    """UTF-8 whatever the locale: JSON and CSV are read by programs."""
    out = getattr(sys.stdout, "buffer", None)
    if out is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    out.write(text.encode("utf-8", "replace"))
    out.flush()


def console():
    """A rich console for stdout: a pipe or a file gets the whole table, not 80 columns of wrapped cells."""
    from rich.console import Console

    return Console() if _isatty() else Console(width=220)


def _table(rows: list[dict], columns: list[str], title: str, ndigits: Optional[int]) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title or None)
    for c in columns:
        table.add_column(c)
    for r in rows:
        # Text, not markup: a document named "[bold]" is shown as it is
        table.add_row(*(Text(_shown(r.get(c), ndigits)) for c in columns))
    out = console()

    def broken_pipe() -> None:       # rich would exit 1 on its own: let the verb decide
        raise BrokenPipeError

    out.on_broken_pipe = broken_pipe
    out.print(table)
