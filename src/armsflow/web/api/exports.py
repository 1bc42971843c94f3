"""``/export.{format}``: the records the filters of /records admit, as a file, written through the one format registry
(export/registry.py) by engine/exports.py, as ``armsflow export`` writes them.

csv and jsonl: a row per record with the actors' names; json: one array of the same rows; graphml: actors as
nodes and transfers as edges (Gephi, yEd); geojson: a flow line per record (records with an end that has no
coordinates are left out, and the ``X-Skipped-Records`` header says how many). The file is written to a
spooled temporary file (in memory while small, on disk beyond 8 MB) and streamed from there, so a large export
neither builds one huge string nor holds a database session while the client reads slowly.
"""
from __future__ import annotations

import tempfile
from typing import Literal

from fastapi import APIRouter, Depends, Request
from fastapi.responses import StreamingResponse

from armsflow.engine.exports import export as export_records
from armsflow.export.registry import FORMATS, Lookups
from armsflow.web.api.common import RecordFilterDep
from armsflow.web.deps import reader

router = APIRouter(tags=["exports"], dependencies=[Depends(reader)])

Format = Literal[tuple(name for name, f in FORMATS.items() if f.streams)]
CHUNK = 64 * 1024


def _chunks(fh):
    try:
        while block := fh.read(CHUNK):
            yield block
    finally:
        fh.close()


@router.get("/export.{fmt}", summary="Export the filtered records: csv, json, jsonl, graphml or geojson",
            response_class=StreamingResponse,
            responses={200: {"content": {f.media.split(";")[0]: {} for f in FORMATS.values() if f.streams},
                             "description": "The file"}})
def export(request: Request, fmt: Format, f: RecordFilterDep):
    app = request.app.state
    fh = tempfile.SpooledTemporaryFile(max_size=8 * 2**20, mode="w+b")
    try:
        done = export_records(app.store, fmt, fh, f, Lookups(app.catalog, app.names))
        fh.seek(0)
    except BaseException:
        fh.close()
        raise
    headers = {"Content-Disposition": f'attachment; filename="armsflow-records.{fmt}"',
               "X-Records": str(done.written), "X-Skipped-Records": str(done.skipped)}
    return StreamingResponse(_chunks(fh), media_type=FORMATS[fmt].media, headers=headers)
