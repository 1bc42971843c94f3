"""``/export.{format}``: the records the filters of /records admit, as a file, written by ``export/``.

csv and jsonl: a row per record with the actors' names; json: one array of the same rows; graphml: actors as
nodes and transfers as edges (Gephi, yEd); geojson: a flow line per record (records with an end that has no
coordinates are left out, and the ``X-Skipped-Records`` header says how many). The file is written to a
spooled temporary file (in memory while small, on disk beyond 8 MB) and streamed from there, so a large export
neither builds one huge string nor holds a database session while the client reads slowly.
"""
from __future__ import annotations

import io
import json
import tempfile
from typing import Literal

from fastapi import APIRouter, Depends, Request
from fastapi.responses import StreamingResponse

from armsflow.export.rows import record_dict
from armsflow.store.queries import records
from armsflow.web.api.common import RecordFilterDep
from armsflow.web.deps import reader

router = APIRouter(tags=["exports"], dependencies=[Depends(reader)])

MEDIA = {"csv": "text/csv; charset=utf-8", "json": "application/json", "jsonl": "application/x-ndjson",
         "graphml": "application/graphml+xml", "geojson": "application/geo+json"}
Format = Literal["csv", "json", "jsonl", "graphml", "geojson"]
CHUNK = 64 * 1024


def _write(fmt: str, rows: list, fh, names: dict, catalog) -> tuple[int, int]:
    from armsflow.export import actor_kinds, write_csv, write_geojson, write_graphml, write_jsonl

    text = io.TextIOWrapper(fh, encoding="utf-8", newline="" if fmt == "csv" else None, write_through=True)
    try:
        if fmt == "csv":
            n = write_csv(rows, text, names)
        elif fmt == "jsonl":
            n = write_jsonl(rows, text, names)
        elif fmt == "json":
            text.write("[")
            for i, r in enumerate(rows):
                text.write((",\n" if i else "\n") + json.dumps(record_dict(r, names), ensure_ascii=False,
                                                               allow_nan=False))
            text.write("\n]\n")
            n = len(rows)
        elif fmt == "graphml":
            text.flush()
            n = write_graphml(rows, fh, names, actor_kinds(catalog))
        else:
            from armsflow.catalog.places import load_places

            return write_geojson(rows, text, load_places(), names)
        return n, len(rows) - n
    finally:
        text.flush()
        text.detach()


def _chunks(fh):
    try:
        while block := fh.read(CHUNK):
            yield block
    finally:
        fh.close()


@router.get("/export.{fmt}", summary="Export the filtered records: csv, json, jsonl, graphml or geojson",
            response_class=StreamingResponse,
            responses={200: {"content": {m.split(";")[0]: {} for m in MEDIA.values()},
                             "description": "The file"}})
def export(request: Request, fmt: Format, f: RecordFilterDep):
    app = request.app.state
    rows = records(app.store, f)
    fh = tempfile.SpooledTemporaryFile(max_size=8 * 2**20, mode="w+b")
    try:
        written, skipped = _write(fmt, rows, fh, app.names, app.catalog)
        fh.seek(0)
    except BaseException:
        fh.close()
        raise
    headers = {"Content-Disposition": f'attachment; filename="armsflow-records.{fmt}"',
               "X-Records": str(written), "X-Skipped-Records": str(skipped)}
    return StreamingResponse(_chunks(fh), media_type=MEDIA[fmt], headers=headers)
