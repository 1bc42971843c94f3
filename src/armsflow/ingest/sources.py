"""The one entry point for input: files, folders, ``.list`` files and URLs -> Documents, whatever the format.

:func:`iter_documents` yields a Document per article (a feed yields one per entry) and an IngestError, whose
message is one line naming the file or URL and the problem, for each bad input; it never raises one, so the
caller can report it and go on.

- A folder is searched recursively for text (.txt .md .markdown .text), HTML (.html .htm .xhtml), PDF (.pdf) and
  feed (.xml .rss .atom) files, hidden ones skipped, in sorted order. A file named directly is read whatever its
  suffix. A file reached twice is read once.
- A ``NAME.list`` file names inputs one per line: paths (relative ones from the list's folder), folders, other
  lists or http(s) URLs; blank lines and lines starting with ``#`` are skipped.
- A URL is read only when a ``fetch`` callable is given (fetch.py); without one it is an IngestError "network
  fetch disabled", so nothing reaches the network unless the caller asks.
- The format is told by the content first (the PDF signature, the root element of XML/HTML), the suffix second:
  a misnamed PDF is still read as a PDF, while a .txt/.md file stays text even if it opens with an HTML tag
  (Markdown may), and a file with no markup is text whatever its suffix.

Ids: the file stem for files (as text.py), a slug of the URL for URLs and feed entries (ids.py).
"""
from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from armsflow.ingest.fetch import Fetch, fetch_bytes
from armsflow.ingest.ids import UniqueIds, url_id
from armsflow.ingest.text import (MAX_BYTES, TEXT_SUFFIXES, IngestError, _printable, binary_kind, decode,
                                  expand_paths, read_bytes, text_document)
from armsflow.model import Document

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
PDF_SUFFIXES = {".pdf"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
INPUT_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES | FEED_SUFFIXES
LIST_SUFFIX = ".list"

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_SKIP = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!(?!doctype)[^>]*>)", re.S | re.I)
_DOCTYPE = re.compile(r"\s*<!doctype\s+([A-Za-z]+)[^>]*>", re.I)
_TAG = re.compile(r"\s*<([A-Za-z][\w:.-]*)")
_FEED_ROOTS = {"rss", "feed", "rdf:rdf", "rdf"}
_HTML_TAGS = {"html", "head", "body", "meta", "title", "link", "base", "script", "style", "div", "p", "article",
              "section", "main", "header", "nav", "table", "span", "a", "h1", "h2", "h3", "h4", "h5", "h6"}


def _head(data: bytes) -> str:
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", "ignore")
    return head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")


def sniff(data: bytes, suffix: str = "") -> str:
    """'pdf', 'feed', 'html' or 'text': what reader ``data`` needs."""
    suffix = suffix.lower()
    if b"%PDF-" in data[:1024] or (suffix in PDF_SUFFIXES and binary_kind(data) is not None):
        return "pdf"                                 # a .pdf of other bytes: the PDF reader says what is wrong
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = _head(data)
    pos = 0
    while True:                                      # skip the XML declaration, comments, processing instructions
        m = _SKIP.match(head, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
    doctype = _DOCTYPE.match(head, pos)
    if doctype:
        if doctype.group(1).lower() == "html":
            return "html"
        pos = doctype.end()
        while (m := _SKIP.match(head, pos)) and m.end() > pos:
            pos = m.end()
    tag = _TAG.match(head, pos)
    root = tag.group(1).lower() if tag else None
    if root in _FEED_ROOTS:
        return "feed"
    if root in _HTML_TAGS:
        return "html"
    if root and suffix in FEED_SUFFIXES:
        return "feed"                                # some other XML: the feed reader says it is not a feed
    if root and suffix in HTML_SUFFIXES:
        return "html"
    return "text"


def _read(data: bytes, where, suffix: str, doc_id: str, path: str | None, url: str | None,
          fetch: Fetch | None, max_bytes: int, ids: UniqueIds) -> Iterator[Document | IngestError]:
    from armsflow.ingest.feed import read_feed
    from armsflow.ingest.html import read_html_bytes
    from armsflow.ingest.pdf import read_pdf_bytes

    kind = sniff(data, suffix)
    if kind == "feed":
        yield from read_feed(data, fetch, where=where, max_bytes=max_bytes, ids=ids)
        return
    try:
        if kind == "pdf":
            yield read_pdf_bytes(data, doc_id, where, path=path, url=url)
        elif kind == "html":
            yield read_html_bytes(data, doc_id, where, path=path, url=url)
        else:
            doc = text_document(data, where, doc_id, path)
            yield doc if url is None else dataclasses.replace(doc, url=doc.url or url)
    except IngestError as exc:
        yield exc


def _read_url(url: str, fetch: Fetch | None, max_bytes: int, ids: UniqueIds) -> Iterator[Document | IngestError]:
    if fetch is None:
        yield IngestError(url, "network fetch disabled")
        return
    try:
        data = fetch_bytes(fetch, url, max_bytes)
    except IngestError as exc:
        yield exc
        return
    suffix = os.path.splitext(urlsplit(url).path)[1]
    yield from _read(data, url, suffix, ids.take(url_id(url), url), None, url, fetch, max_bytes, ids)


def _read_path(path: Path, fetch: Fetch | None, max_bytes: int, ids: UniqueIds) -> Iterator[Document | IngestError]:
    try:
        data = read_bytes(path, max_bytes)
    except IngestError as exc:
        yield exc
        return
    yield from _read(data, path, path.suffix, _printable(path.stem), str(path), None, fetch, max_bytes, ids)


class _Targets:
    """Arguments -> files, URLs and errors, with lists expanded; each file and URL once."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.seen: set = set()
        self.urls: set[str] = set()
        self.open_lists: set[str] = set()

    def expand(self, raws: Iterable) -> Iterator[Path | str | IngestError]:
        for raw in raws:
            text = raw if isinstance(raw, str) else os.fspath(raw)
            m = _SCHEME.match(text) if isinstance(raw, str) else None
            if m:
                if m.group(1).lower() not in ("http", "https"):
                    yield IngestError(text, f"unsupported URL scheme '{m.group(1)}' (only http and https)")
                elif text not in self.urls:
                    self.urls.add(text)
                    yield text
                continue
            p = Path(text)
            if p.suffix.lower() == LIST_SUFFIX and not p.is_dir():
                yield from self.read_list(p)
            else:
                yield from expand_paths([p], INPUT_SUFFIXES, self.seen)

    def read_list(self, path: Path) -> Iterator[Path | str | IngestError]:
        key = os.path.realpath(path)
        if key in self.open_lists:
            yield IngestError(path, "list file includes itself")
            return
        try:
            text = decode(read_bytes(path, self.max_bytes), path)
        except IngestError as exc:
            yield exc
            return
        entries = []
        for line in text.splitlines():
            line = line.strip().lstrip("\ufeff")
            if not line or line.startswith("#"):
                continue
            if _SCHEME.match(line):
                entries.append(line)
            else:
                p = Path(line).expanduser()
                entries.append(str(p if p.is_absolute() else path.parent / p))
        if not entries:
            yield IngestError(path, "list file names no inputs")
            return
        self.open_lists.add(key)
        try:
            yield from self.expand(entries)
        finally:
            self.open_lists.discard(key)


def iter_documents(paths: Iterable, fetch: Fetch | None = None,
                   max_bytes: int = MAX_BYTES) -> Iterator[Document | IngestError]:
    """Documents from files, folders, ``.list`` files and (with ``fetch``) URLs, in order; bad input as
    IngestError items, never raised."""
    ids = UniqueIds()
    for target in _Targets(max_bytes).expand(paths):
        if isinstance(target, IngestError):
            yield target
        elif isinstance(target, str):
            yield from _read_url(target, fetch, max_bytes, ids)
        else:
            yield from _read_path(target, fetch, max_bytes, ids)
