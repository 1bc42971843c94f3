"""Printing rows for people (a rich table) or for programs (JSON lines, CSV)."""
from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from dataclasses import asdict, is_dataclass
from enum import Enum


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if is_dataclass(value):
        out = {k: _plain(v) for k, v in asdict(value).items()}
        for name in getattr(type(value), "__derived__", ()):      # properties a reader wants beside the fields
            out[name] = _plain(getattr(value, name))
        return out
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def emit(rows: list, columns: list[str], fmt: Format, title: str = "", note: str = "") -> None:
    """``rows`` are dataclasses; ``columns`` the fields a table or CSV shows (JSON carries every field). ``note``
    (what was left out, say) is a footnote line under a table, and a line on stderr beside JSON or CSV, whose
    stdout stays rows only."""
    if fmt is not Format.table and note:
        sys.stdout.flush()
        sys.stderr.write(f"armsflow: note: {note}\n")
    if fmt is Format.json:
        for r in rows:
            sys.stdout.write(json.dumps(_plain(r), ensure_ascii=False) + "\n")
        return
    if fmt is Format.csv:
        w = csv.writer(sys.stdout)
        w.writerow(columns)
        for r in rows:
            w.writerow(["" if getattr(r, c) is None else _plain(getattr(r, c)) for c in columns])
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title or None)
    for c in columns:
        table.add_column(c)
    for r in rows:
        table.add_row(*["" if getattr(r, c) is None else str(_plain(getattr(r, c))) for c in columns])
    (Console() if sys.stdout.isatty() else Console(width=220)).print(table)
    if note:
        sys.stdout.write(f"Note: {note}\n")
