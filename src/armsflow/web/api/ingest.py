"""``POST /documents``: ingest a posted article through the real pipeline (the same as ``armsflow ingest``).

A file upload (multipart, field ``file``) or JSON ``{text, title, url, publisher, published}``. The body is held
in memory (``BodyLimit`` has already refused anything over ``max_upload_bytes`` with 413); the client's file name
is used only for its suffix and as the document key's wording, never as a path. A file must pass two checks: its
suffix is in ``UPLOAD_TYPES`` and its content, as ``ingest.sources.sniff`` reads it, is what the suffix promises
(a PNG named .txt is refused with 415). Known by its text's hash, a document posted twice is stored once: the
second post answers 200 "already stored".

Nothing is parsed on the event loop: JSON and text are read in a worker thread, and PDF, HTML and feeds in a
reader process (ingest/isolate.py, a small pool per server process) under ``Settings.upload_limits``, which the
thread only waits for; extraction runs in a thread under the same time limit. So a hostile upload (a PDF whose
objects loop, a page that takes minutes) fails with one 422 line while the server goes on answering. Every failure
is one JSON ``detail`` line: 415 for a wrong type, 422 for an unreadable or over-budget document (deep JSON
nesting, NaN, lone surrogates included), 503 when every reader process stays busy.
"""
from __future__ import annotations

import dataclasses
import json
import os
import threading

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from armsflow.web.api.common import claims_out
from armsflow.web.api.schemas import Error, IngestResult, PostedDocument
from armsflow.web.api.writing import extract_lock, extractor
from armsflow.web.deps import Viewer, writer
from armsflow.web.settings import UPLOAD_TYPES

router = APIRouter(tags=["documents"])

# what the content of an upload may be, by its suffix (HTML without markup is read as text, as from a file)
KINDS = {".txt": {"text"}, ".md": {"text"}, ".html": {"html", "text"}, ".htm": {"html", "text"}, ".pdf": {"pdf"},
         ".xml": {"feed"}, ".rss": {"feed"}, ".atom": {"feed"}}
MAX_NAME = 255

BODY = {
    "required": True,
    "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/PostedDocument"}},
        "multipart/form-data": {"schema": {
            "type": "object", "required": ["file"],
            "properties": {"file": {"type": "string", "format": "binary",
                                    "description": f"One of {', '.join(sorted(UPLOAD_TYPES))}."},
                           "csrf_token": {"type": "string", "description": "Only for a browser session."}}}},
    },
}
RESPONSES = {
    200: {"model": IngestResult, "description": "Already stored: the same text was ingested before"},
    201: {"model": IngestResult, "description": "Stored: the document, its claims and the records they touch"},
    401: {"model": Error, "description": "Not signed in, or a bad token"},
    403: {"model": Error, "description": "Missing CSRF token (browser session)"},
    413: {"model": Error, "description": "Over the upload size limit"},
    415: {"model": Error, "description": "Not an accepted file type"},
    422: {"model": Error, "description": "Not a readable document, or over a budget of the upload limits"},
    503: {"model": Error, "description": "Every reader process stayed busy for the time limit: try again"},
}


def _limits(app):
    from armsflow.ingest.limits import UPLOAD

    return getattr(app.state.settings, "upload_limits", None) or UPLOAD


_READERS = threading.Lock()


def _readers(app):
    """The app's pool of reader processes, started on the first PDF, HTML or feed upload."""
    from armsflow.ingest.isolate import ReaderPool

    with _READERS:
        pool = getattr(app.state, "readers", None)
        if pool is None:
            size = getattr(app.state.settings, "upload_readers", 2)
            pool = app.state.readers = ReaderPool(size, _limits(app))
    return pool


class _Constant(ValueError):
    pass


def _no_constant(name: str):
    raise _Constant(name)


def _one_line_errors(exc: ValidationError) -> str:
    from armsflow.ingest.text import printable

    parts = [f"{'.'.join(str(x) for x in e['loc']) or 'body'}: {e['msg']}"
             for e in exc.errors(include_url=False, include_context=False, include_input=False)[:5]]
    return printable("; ".join(parts))[:500]


async def _from_json(request: Request):
    body = await request.body()
    return await run_in_threadpool(_parse_json, request.app, body)


def _parse_json(app, body: bytes):
    """The posted JSON -> [Document]; HTTPException 422 (one line) for anything else."""
    from armsflow.ingest.clean import clean_document
    from armsflow.ingest.ids import posted_id
    from armsflow.ingest.text import IngestError, has_words, parse_text

    form = "the body is not a JSON object of the form {text, title, url, published}"
    try:
        raw = json.loads(body, parse_constant=_no_constant)
    except RecursionError:
        raise HTTPException(422, "the JSON body is nested too deeply") from None
    except _Constant as exc:
        raise HTTPException(422, f"the JSON body holds {exc}, which JSON does not allow") from None
    except ValueError:                          # UnicodeDecodeError included
        raise HTTPException(422, form) from None
    try:
        posted = PostedDocument.model_validate(raw)
    except ValidationError as exc:
        raise HTTPException(422, _one_line_errors(exc) or form) from None
    except (ValueError, RecursionError):
        raise HTTPException(422, form) from None
    fields = [posted.text, posted.title, posted.url, posted.publisher]
    try:
        for value in fields:
            (value or "").encode("utf-8")
    except UnicodeEncodeError:
        raise HTTPException(422, "text: not valid Unicode (a lone surrogate)") from None
    if not posted.text.strip() or any("\x00" in (v or "") for v in fields):
        raise HTTPException(422, "text: give the article's text (not empty, no NUL characters)")
    try:
        doc = parse_text(posted.text, "posted", limits=_limits(app), where="text")
    except IngestError as exc:
        raise HTTPException(422, str(exc)) from None
    except (ValueError, OverflowError) as exc:
        raise HTTPException(422, f"text: the front matter cannot be read ({exc})") from None
    if not doc.text.strip():
        raise HTTPException(422, "text: nothing left after the front matter")
    if not has_words(doc.text):
        raise HTTPException(422, "text: no words in it (only punctuation and symbols)")
    doc = dataclasses.replace(doc, id=posted_id(posted.title or doc.title, doc.text), path=None,
                              title=posted.title or doc.title, url=posted.url or doc.url,
                              publisher=posted.publisher or doc.publisher, published=posted.published or doc.published)
    return [clean_document(doc)]


async def _from_upload(request: Request):
    form = await request.form()
    upload = form.get("file")
    if upload is None or isinstance(upload, str):
        raise HTTPException(422, "multipart body: put the document in a file field named 'file'")
    name = (upload.filename or "")[-MAX_NAME:]
    suffix = os.path.splitext(name)[1].lower()
    if suffix not in UPLOAD_TYPES:
        from armsflow.ingest.text import printable

        raise HTTPException(415, printable(f"file type {suffix or '(no suffix)'!r} not accepted; send one of "
                                           f"{', '.join(sorted(UPLOAD_TYPES))}"))
    data = await upload.read()
    await upload.close()
    return await run_in_threadpool(_read_bytes, data, name, suffix, request.app)


def _read_bytes(data: bytes, name: str, suffix: str, app=None):
    """The documents in an upload's bytes, or an HTTP error saying why there are none. Runs in a worker thread;
    PDF, HTML and feeds are parsed by the app's reader processes."""
    from armsflow.ingest.isolate import LocalReader, ReadersBusy
    from armsflow.ingest.limits import UPLOAD
    from armsflow.ingest.sources import read_named, sniff
    from armsflow.ingest.text import IngestError, binary_kind

    if not data.strip():
        raise HTTPException(422, "the file is empty")
    kind = sniff(data, suffix)
    binary = binary_kind(data) if kind != "pdf" else None
    if kind not in KINDS.get(suffix, ()) or binary is not None:
        raise HTTPException(415, f"the content ({binary or kind}) is not what a {suffix} file holds")
    limits = _limits(app) if app is not None else UPLOAD
    reader = _readers(app) if app is not None else LocalReader(limits)
    items = list(read_named(data, name, reader=reader, limits=limits, where="the upload"))
    docs = [d for d in items if not isinstance(d, IngestError)]
    if not docs:
        problem = next((str(e) for e in items if isinstance(e, IngestError)), "the feed has no entries")
        raise HTTPException(503 if any(isinstance(e, ReadersBusy) for e in items) else 422, problem)
    return docs


def _ingest(app, docs: list) -> tuple[int, dict]:
    """Run the pipeline on ``docs``: (status code, response body). 201 when this request stored a document, 200
    when every one was stored already (by an earlier post, or by another writer meanwhile)."""
    from armsflow.engine.ingest import IngestFailed, ingest
    from armsflow.store import browse
    from armsflow.store.repo import content_hash

    store = app.state.store
    errors: list[str] = []
    with extract_lock(app):
        hashes = [content_hash(d.text) for d in docs]
        known = store.known_hashes(hashes)
        fresh = False
        if any(h not in known for h in hashes):
            ex, families = extractor(app)
            ex.time_limit = _limits(app).seconds
            try:
                summary = ingest(docs, store, ex, families, on_error=errors.append)
            except IngestFailed as exc:
                if exc.stage != "summaries":        # the documents are stored, their records are not fused
                    raise HTTPException(503, f"the document is stored, but fusing its records failed "
                                             f"({str(exc.problem).splitlines()[0][:300]}): the next ingest or "
                                             f"review fuses them") from None
                summary = exc.summary               # records fused; state pages compute their summaries
            line = summary.line()
            fresh = summary.new + summary.reextracted > 0
        else:
            line = f"{len(docs)} documents read: 0 new, {len(docs)} already stored"
        if errors and not store.known_hashes(hashes):
            raise HTTPException(422, "; ".join(errors)[:2000])
        stored = store.known_hashes(hashes)
    out, record_ids = [], set()
    names = app.state.names
    for h in dict.fromkeys(hashes):
        row = stored.get(h)
        if row is None:
            continue
        _, claims = browse.claims_page(store, browse.ClaimFilter(document_id=row.id), 10_000, 0)
        items = claims_out(store, claims, names)
        record_ids.update(r for c in items for r in c["records"])
        view = browse.document(store, row.id)
        out.append({"id": row.id, "doc": row.doc_key, "title": row.title, "echo_kind": view.echo_kind,
                    "original_id": view.original_id, "cluster": view.cluster, "claims": items})
    body = {"status": "stored" if fresh else "already stored", "documents": out, "records": sorted(record_ids),
            "summary": line}
    return (201 if fresh else 200), body


@router.post("/documents", status_code=201, response_model=IngestResult, responses=RESPONSES,
             openapi_extra={"requestBody": BODY},
             summary="Ingest a document: upload a file or post JSON text (needs a token or a session)")
async def post_document(request: Request, who: Viewer = Depends(writer)):
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "multipart/form-data":
        docs = await _from_upload(request)
    elif ctype == "application/json" or ctype.endswith("+json"):
        docs = await _from_json(request)
    else:
        raise HTTPException(415, "send multipart/form-data with a 'file' field, or application/json "
                                 "{text, title, url, published}")
    status, body = await run_in_threadpool(_ingest, request.app, docs)
    return JSONResponse(IngestResult.model_validate(body).model_dump(mode="json"), status_code=status)

