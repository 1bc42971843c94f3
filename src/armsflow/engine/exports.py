"""Exporting the store's transfer records: select them (the filters of ``transfers``), write them through the one
format registry (export/registry.py), and say what was left out.

A path is written whole or not at all: into a temporary file beside it, renamed over it at the end (with the
permissions a new file would get). A binary file object (a pipe, an HTTP response's spool) is written as it goes.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class ExportResult:
    format: str
    written: int                   # records written
    skipped: int                   # records the format cannot show (no supplier or recipient; no coordinates)
    undated: int                   # records the filters' period left out because no claim states a year
    missing: dict = field(default_factory=dict)    # geojson: {code without coordinates: records it cost}
    target: str | None = None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def export(store, fmt: str, out, f=None, lookups=None) -> ExportResult:
    """Write the records ``f`` (a store.queries.RecordFilter; None: all) admit as ``fmt`` to ``out``: a path
    (replaced atomically) or a binary file; ``lookups``: an export.registry.Lookups (default: the catalogue's).
    Raises ValueError for an unknown format, OSError when writing fails."""
    from armsflow.export.registry import FORMATS, Lookups, write
    from armsflow.store.queries import RecordFilter, records, undated

    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r}: choose one of {', '.join(FORMATS)}")
    f = f if f is not None else RecordFilter()
    rows = records(store, f)
    lookups = lookups or Lookups()
    if isinstance(out, (str, os.PathLike)):
        target = Path(out).expanduser()
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                written, skipped = write(fmt, rows, fh, lookups)
            os.chmod(tmp, 0o666 & ~_umask())
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        where = str(target)
    else:
        written, skipped = write(fmt, rows, out, lookups)
        where = None
    missing = {}
    if fmt == "geojson" and skipped:
        from armsflow.export.geojson import missing_anchors

        missing = missing_anchors(rows, lookups.coords)
    return ExportResult(fmt, written, skipped, len(undated(store, f)), missing, where)
