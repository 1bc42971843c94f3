"""CSV and JSON Lines: one row (one line) per transfer record."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from typing import TextIO

from armsflow.export.rows import columns, record_dict
from armsflow.model import TransferRecord


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):      # the timeline: a JSON array in one cell
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def write_csv(records: Iterable[TransferRecord], fh: TextIO, names: Mapping[str, str] | None = None) -> int:
    """A header and one row per record into ``fh`` (a text file opened with ``newline=""``).

    Missing values are empty cells; dates are ISO 8601; ``timeline`` is a JSON array. With ``names`` (code -> name)
    the rows also carry supplier_name and recipient_name. Returns the number of records written."""
    cols = columns(names)
    w = csv.writer(fh)
    w.writerow(cols)
    n = 0
    for r in records:
        row = record_dict(r, names)
        w.writerow([_cell(row[c]) for c in cols])
        n += 1
    return n


def write_jsonl(records: Iterable[TransferRecord], fh: TextIO, names: Mapping[str, str] | None = None) -> int:
    """One JSON object per record and line (UTF-8 text, null for missing values). Returns the records written."""
    n = 0
    for r in records:
        fh.write(json.dumps(record_dict(r, names), ensure_ascii=False, allow_nan=False) + "\n")
        n += 1
    return n
