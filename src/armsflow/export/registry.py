"""The one registry of export formats: name -> its media type, file suffixes and writer.

Every shell exports through :func:`write` (the CLI's ``armsflow export``, the API's ``/export.{format}``, the
library's ``store.export``), so a format is added once, here. A writer takes the records and a *binary* file and
returns (records written, records skipped); text formats are encoded as UTF-8. The lookups a writer needs (names,
kinds, coordinates) come from one :class:`Lookups`, loaded only when a format asks for them.
"""
from __future__ import annotations

import io
import json
from dataclasses import dataclass
from functools import cached_property
from typing import BinaryIO, Callable


class Lookups:
    """What the writers look up about actors, from the catalogue: names (every format), kinds (GraphML) and the
    capitals' coordinates (GeoJSON, from places.yaml, read on first use)."""

    def __init__(self, catalog=None, names: dict | None = None):
        self._catalog, self._names = catalog, names

    @cached_property
    def catalog(self):
        if self._catalog is None:
            from armsflow.catalog import load_catalog

            self._catalog = load_catalog()
        return self._catalog

    @cached_property
    def names(self) -> dict:
        from armsflow.export.lookups import actor_names

        return self._names if self._names is not None else actor_names(self.catalog)

    @cached_property
    def kinds(self) -> dict:
        from armsflow.export.lookups import actor_kinds

        return actor_kinds(self.catalog)

    @cached_property
    def coords(self) -> dict:
        from armsflow.catalog.places import load_places

        return load_places()


Writer = Callable[[list, BinaryIO, Lookups], "tuple[int, int]"]


@dataclass(frozen=True)
class Format:
    name: str
    media: str                          # the HTTP media type
    suffixes: tuple[str, ...]           # file suffixes that mean this format
    write: Writer
    streams: bool = True                # False: needs a file (Parquet), not a pipe


def _text(fh: BinaryIO, csv: bool = False) -> io.TextIOWrapper:
    return io.TextIOWrapper(fh, encoding="utf-8", newline="" if csv else None, write_through=True)


def _all_written(n: int, rows: list) -> tuple[int, int]:
    return n, len(rows) - n


def _through_text(write_text, csv: bool = False) -> Writer:
    """A writer of text (``write_text(rows, text_fh, lookups)``) as a writer of bytes."""
    def write(rows: list, fh: BinaryIO, lookups: Lookups) -> tuple[int, int]:
        text = _text(fh, csv)
        try:
            out = write_text(rows, text, lookups)
        finally:
            text.flush()
            text.detach()
        return out if isinstance(out, tuple) else _all_written(out, rows)
    return write


def _csv(rows, text, lk):
    from armsflow.export import write_csv

    return write_csv(rows, text, lk.names)


def _jsonl(rows, text, lk):
    from armsflow.export import write_jsonl

    return write_jsonl(rows, text, lk.names)


def _json(rows, text, lk):
    from armsflow.export.rows import record_dict

    text.write("[")
    for i, r in enumerate(rows):
        text.write((",\n" if i else "\n") + json.dumps(record_dict(r, lk.names), ensure_ascii=False, allow_nan=False))
    text.write("\n]\n")
    return len(rows)


def _geojson(rows, text, lk):
    from armsflow.export import write_geojson

    return write_geojson(rows, text, lk.coords, lk.names)


def _parquet(rows: list, fh: BinaryIO, lk: Lookups) -> tuple[int, int]:
    from armsflow.export import write_parquet

    return _all_written(write_parquet(rows, fh, lk.names), rows)


def _graphml(rows: list, fh: BinaryIO, lk: Lookups) -> tuple[int, int]:
    from armsflow.export import write_graphml

    return _all_written(write_graphml(rows, fh, lk.names, lk.kinds), rows)


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("csv", "text/csv; charset=utf-8", (".csv",), _through_text(_csv, csv=True)),
    Format("json", "application/json", (".json",), _through_text(_json)),
    Format("jsonl", "application/x-ndjson", (".jsonl", ".ndjson"), _through_text(_jsonl)),
    Format("parquet", "application/vnd.apache.parquet", (".parquet", ".pq"), _parquet, streams=False),
    Format("graphml", "application/graphml+xml", (".graphml",), _graphml),
    Format("geojson", "application/geo+json", (".geojson",), _through_text(_geojson)),
)}


def by_suffix(suffix: str) -> str | None:
    """The format a file suffix (".csv") means, or None."""
    return next((f.name for f in FORMATS.values() if suffix.lower() in f.suffixes), None)


def write(fmt: str, rows: list, fh: BinaryIO, lookups: Lookups | None = None) -> tuple[int, int]:
    """Write ``rows`` (TransferRecords) to the binary file ``fh`` in ``fmt``: (records written, records skipped)."""
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r}: choose one of {', '.join(FORMATS)}")
    return FORMATS[fmt].write(rows, fh, lookups or Lookups())
