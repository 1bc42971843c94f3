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

Budgets (limits.py): PDF, HTML and feeds are parsed in a worker process under a time and a memory limit
(isolate.py), text in this process (its reader is bounded by construction: the size, the front matter's budgets);
list files nest at most ``limits.lists`` deep. Every Document leaves through clean.py, storable and printable.
"""
from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

from armsflow.ingest.clean import clean_document
from armsflow.ingest.fetch import Fetch, fetch_bytes
from armsflow.ingest.ids import UniqueIds, posted_id, url_id
from armsflow.ingest.limits import DEFAULT, Limits
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
_DOCTYPE = re.compile(r"\s*<!doctype\s+([A-Za-z]+)[^>\[]*(?:\[.*?\]\s*)?>", re.I | re.S)   # [internal subset]
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


def read_data(data: bytes, where, suffix: str, doc_id: str, *, reader, limits: Limits, fetch: Fetch | None = None,
              ids: UniqueIds | None = None, max_bytes: int = MAX_BYTES, path: str | None = None,
              url: str | None = None, skip_links=None) -> Iterator[Document | IngestError]:
    """The one input-format dispatch: the documents in ``data`` (one, or a feed's entries), read by the reader its
    content needs (:func:`sniff`); a problem is an IngestError item, never raised. ``reader`` parses PDF and HTML
    (isolate.py); ``where`` names the input in messages."""
    from armsflow.ingest.feed import read_feed

    kind = sniff(data, suffix)
    if kind == "feed":
        yield from read_feed(data, fetch, where=where, max_bytes=max_bytes, ids=ids or UniqueIds(), limits=limits,
                             reader=reader, skip_links=skip_links)
        return
    try:
        if kind in ("pdf", "html"):
            yield reader.read(kind, data, where, doc_id, path=path, url=url)
        else:
            doc = text_document(data, where, doc_id, path, limits)
            yield doc if url is None else dataclasses.replace(doc, url=doc.url or url)
    except IngestError as exc:
        if kind == "pdf" and suffix.lower() in TEXT_SUFFIXES:       # a .txt/.md that is a damaged PDF
            exc = IngestError(exc.path, f"binary file, not text: a PDF document, and {exc.problem}")
        yield exc


def read_named(data: bytes, name: str, *, reader, limits: Limits, where=None) -> Iterator[Document | IngestError]:
    """The documents in bytes that came with a file name but from no file (an upload, ``store.ingest_bytes``): the
    name gives the suffix and the id's wording (ids.posted_id), never a path; documents leave cleaned."""
    stem, suffix = os.path.splitext(os.path.basename(name.replace("\\", "/")))
    doc_id = posted_id(stem, data[:4096].decode("latin-1"))
    for item in read_data(data, where or name, suffix, doc_id, reader=reader, limits=limits,
                          max_bytes=len(data) + 1):
        yield item if isinstance(item, IngestError) else clean_document(dataclasses.replace(item, path=None))


class _Run:
    """One iter_documents call: its budgets, its reader (a worker process, started on the first PDF, page or
    feed), the ids handed out so far."""

    def __init__(self, fetch: Fetch | None, max_bytes: int, limits: Limits, isolate: bool, skip_links=None):
        from armsflow.ingest.isolate import IsolatedReader, LocalReader

        self.fetch, self.max_bytes, self.limits, self.skip_links = fetch, max_bytes, limits, skip_links
        self.reader = IsolatedReader(limits) if isolate else LocalReader(limits)
        self.ids = UniqueIds()

    def read(self, data: bytes, where, suffix: str, doc_id: str, path: str | None,
             url: str | None) -> Iterator[Document | IngestError]:
        yield from read_data(data, where, suffix, doc_id, reader=self.reader, limits=self.limits, fetch=self.fetch,
                             ids=self.ids, max_bytes=self.max_bytes, path=path, url=url,
                             skip_links=self.skip_links)

    def read_url(self, url: str) -> Iterator[Document | IngestError]:
        if self.fetch is None:
            yield IngestError(url, "network fetch disabled")
            return
        try:
            data = fetch_bytes(self.fetch, url, self.max_bytes)
        except IngestError as exc:
            yield exc
            return
        suffix = os.path.splitext(urlsplit(url).path)[1]
        yield from self.read(data, url, suffix, self.ids.take(url_id(url), url), None, url)

    def read_path(self, path: Path) -> Iterator[Document | IngestError]:
        try:
            data = read_bytes(path, self.max_bytes)
        except IngestError as exc:
            yield exc
            return
        yield from self.read(data, path, path.suffix, _printable(path.stem), str(path), None)


class _Targets:
    """Arguments -> files, URLs and errors, with lists expanded; each file and URL once."""

    def __init__(self, max_bytes: int, max_lists: int = DEFAULT.lists, suffixes=INPUT_SUFFIXES):
        self.max_bytes, self.max_lists, self.suffixes = max_bytes, max_lists, suffixes
        self.seen: set = set()
        self.urls: set[str] = set()
        self.open_lists: list[str] = []

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
                yield from expand_paths([p], self.suffixes, self.seen)

    def read_list(self, path: Path) -> Iterator[Path | str | IngestError]:
        key = os.path.realpath(path)
        if key in self.open_lists:
            yield IngestError(path, "list file includes itself")
            return
        if len(self.open_lists) >= self.max_lists:
            yield IngestError(path, f"list files nested over {self.max_lists} deep (the lists limit)")
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
        self.open_lists.append(key)
        try:
            yield from self.expand(entries)
        finally:
            self.open_lists.pop()


def iter_documents(paths: Iterable, fetch: Fetch | None = None, max_bytes: int = MAX_BYTES,
                   limits: Limits | None = None, isolate: bool = True,
                   folder_suffixes=INPUT_SUFFIXES, skip_links=None) -> Iterator[Document | IngestError]:
    """Documents from files, folders, ``.list`` files and (with ``fetch``) URLs, in order; bad input as
    IngestError items, never raised. PDF, HTML and feeds are parsed in a worker process (``isolate``; False: in
    this process, under the counted budgets only), closed when the iteration ends. ``folder_suffixes``: the files a
    folder is searched for (a file named directly is read whatever its suffix). ``skip_links``: feed entries whose
    links it returns are left out (feed.read_feed)."""
    limits = limits or DEFAULT
    run = _Run(fetch, max_bytes, limits, isolate, skip_links)
    try:
        for target in _Targets(max_bytes, limits.lists, folder_suffixes).expand(paths):
            if isinstance(target, IngestError):
                items = [target]
            elif isinstance(target, str):
                items = run.read_url(target)
            else:
                items = run.read_path(target)
            for item in items:
                yield item if isinstance(item, IngestError) else clean_document(item)
    finally:
        run.reader.close()
