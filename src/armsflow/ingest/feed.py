"""RSS and Atom feeds -> one Document per entry, through feedparser.

An entry's text is its own content (Atom <content>, RSS <content:encoded>) or else its summary/description,
turned from HTML into plain text, with the entry title as its first line. Nothing is fetched unless a ``fetch``
callable is given (``url -> bytes``, or None when the page cannot be had); then each entry's linked page is read
with html.py (or pdf.py for a PDF) instead, keeping the entry's title, date and the feed title as publisher. A page
that cannot be fetched or read falls back to the entry's own text; an entry with neither is an IngestError.

The entry's date is taken as written in the feed (its local calendar day), not feedparser's UTC conversion, which
moves a "Tue, 14 Mar 2023 23:30 -0500" item to the 15th; a date no calendar has ("0000-00-00") is no date. Ids come
from the entry link or guid (ids.py).

Two halves, because parsing is where a hostile feed does harm: :func:`parse_feed` turns the bytes into entries and
runs wherever the reader runs (a worker process: isolate.py); :func:`read_feed` gives the entries their run-unique
ids and fetches their pages, in the caller's process. Budgets (limits.py): at most ``limits.entries`` entries and
``limits.depth`` levels of nesting, checked on an lxml pre-parse that expands no entity; a DOCTYPE with an internal
subset (entity declarations: the "billion laughs") is refused rather than half-read.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import email.utils
import io
import re
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable, Iterator

from armsflow.ingest.fetch import Fetch, fetch_bytes
from armsflow.ingest.html import fragment_text
from armsflow.ingest.ids import UniqueIds, url_id
from armsflow.ingest.text import MAX_BYTES, IngestError, _printable, read_bytes
from armsflow.model import Document


def entry_date(entry) -> dt.date | None:
    """The entry's publication (else update) day as the feed writes it."""
    for key in ("published", "updated", "created"):
        raw = (entry.get(key) or "").strip()
        if not raw:
            continue
        try:
            return email.utils.parsedate_to_datetime(raw).date()             # RSS: RFC 822
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
        try:
            return dt.datetime.fromisoformat(raw[:64]).date()   # Atom: RFC 3339
        except ValueError:
            pass
        parsed = entry.get(f"{key}_parsed")                                  # anything else feedparser read
        if parsed:
            try:
                return dt.date(*parsed[:3])
            except (TypeError, ValueError, OverflowError):                   # year 0, month 0: no date
                pass
    return None


def _plain(detail: dict | None, value: str | None) -> str:
    value = value or ""
    if detail and detail.get("type") == "text/plain" and "<" not in value:
        return re.sub(r"[ \t]+", " ", value).strip()
    return fragment_text(value)


def entry_text(entry) -> str:
    """The longest of the entry's contents, else its summary, as plain text."""
    contents = [_plain(c, c.get("value")) for c in entry.get("content") or []]
    text = max(contents, key=len, default="")
    if not text.strip():
        text = _plain(entry.get("summary_detail"), entry.get("summary"))
    return text.strip()


def fetch_page(fetch: Fetch, url: str, doc_id: str, max_bytes: int = MAX_BYTES, reader=None) -> Document:
    """Fetch ``url`` and read it as HTML (or PDF, by its signature) with ``reader`` (isolate.py; default: in this
    process); IngestError naming the URL otherwise."""
    from armsflow.ingest.isolate import LocalReader

    data = fetch_bytes(fetch, url, max_bytes)
    kind = "pdf" if b"%PDF-" in data[:1024] else "html"
    return (reader or LocalReader()).read(kind, data, url, doc_id, url=url)


@dataclass(frozen=True)
class Entry:
    """A parsed feed entry: its Document (``id`` a proposal, ``text`` its own text, maybe empty), the key its
    run-unique id is taken for, and its place in the feed."""
    doc: Document
    key: str
    n: int


_ENTRY_TAG = re.compile(rb"<(?:[A-Za-z][\w.-]*:)?(?:item|entry)[\s>/]")


def check_feed(data: bytes, where, limits) -> None:
    """IngestError when the feed is over a budget or declares entities; parsed by lxml without expanding any."""
    from lxml import etree

    from armsflow.ingest.html import LXML_MAX_DEPTH, tree_depth

    if len(_ENTRY_TAG.findall(data)) > limits.entries * 2 + 10:        # the cheap bound before any parse
        raise IngestError(where, f"over {limits.entries} entries (the entries limit)")
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        root = None
    if root is None:
        return                                      # not XML at all: feedparser's loose parser says what it is
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and (dtd.entities() or dtd.elements()):
        raise IngestError(where, "not a readable RSS/Atom feed (a DOCTYPE with an internal subset of entity "
                                 "declarations is not accepted)")
    stop = min(limits.depth, LXML_MAX_DEPTH)
    if tree_depth(root, stop) >= stop:
        raise IngestError(where, f"XML nested {stop} or more levels deep (the depth limit)")


def parse_feed(data: bytes, where, limits=None) -> list:
    """The feed's entries (:class:`Entry`) and bad entries (IngestError), or one IngestError for a bad feed."""
    import feedparser

    from armsflow.ingest.limits import DEFAULT

    limits = limits or DEFAULT
    where = where or "<feed>"
    if not data.strip():
        return [IngestError(where, "file is empty")]
    try:
        check_feed(data, where, limits)
    except IngestError as exc:
        return [exc]
    try:
        # a stream: given bytes, feedparser would first try them as a file name, given a str as a URL
        parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    except MemoryError:
        raise
    except Exception as exc:
        return [IngestError(where, f"not a readable RSS/Atom feed ({type(exc).__name__}: {exc})")]
    if not parsed.version:                           # well-formed XML, but no RSS or Atom vocabulary
        reason = parsed.get("bozo_exception") if parsed.bozo else None
        return [IngestError(where, "not a readable RSS/Atom feed" + (f" ({reason})" if reason else ""))]
    if not parsed.entries:
        if parsed.bozo:
            reason = parsed.get("bozo_exception")
            return [IngestError(where, "not a readable RSS/Atom feed" + (f" ({reason})" if reason else ""))]
        return [IngestError(where, "the feed has no entries")]
    if len(parsed.entries) > limits.entries:
        return [IngestError(where, f"over {limits.entries} entries (the entries limit)")]
    feed_title = (parsed.feed.get("title") or "").strip() or None
    feed_lang = parsed.feed.get("language")
    from_url = bool(re.match(r"https?://", str(where)))
    stem = url_id(str(where)) if from_url else _printable(Path(str(where)).stem)
    feed_path = None if from_url or where == "<feed>" else str(where)
    out: list = []
    for n, entry in enumerate(parsed.entries, 1):
        link = (entry.get("link") or "").strip()
        link = link if re.match(r"https?://", link, re.I) else None      # feedparser copies a tag: guid here
        key = link or (entry.get("id") or "").strip() or f"{where}#{n}"
        proposed = url_id(key) if (link or entry.get("id")) else f"{stem}-{n}"
        title = _plain(entry.get("title_detail"), entry.get("title")).replace("\n", " ") or None
        m = re.match(r"\s*([A-Za-z]{2,3})(?:[-_]|$)", entry.get("language") or feed_lang or "")
        doc = Document(id=proposed, text=entry_text(entry), title=title, publisher=feed_title, url=link,
                       published=entry_date(entry), path=feed_path, body_offset=0,
                       language=m.group(1).lower() if m else None, kind="feed")
        out.append(Entry(doc, key, n))
    return out


def read_feed(source, fetch: Fetch | None = None, where=None, max_bytes: int = MAX_BYTES,
              ids: UniqueIds | None = None, limits=None, reader=None,
              skip_links: Callable[[list[str]], set[str]] | None = None) -> Iterator[Document | IngestError]:
    """Entries of the feed at ``source`` (a path, or the feed's bytes named ``where``), one Document each; bad
    input is yielded as IngestError, never raised. ``reader`` parses the feed and the pages fetched for its entries
    (isolate.py: a worker process; default: this process). ``skip_links`` is given the entries' links and returns
    those already read (a monitor polling the feed: engine/monitor.py); their entries are left out, not fetched."""
    from armsflow.ingest.isolate import LocalReader

    try:
        if isinstance(source, (bytes, bytearray)):
            data, where = bytes(source), where or "<feed>"
        else:
            where = where or source
            data = read_bytes(Path(source), max_bytes)
    except IngestError as exc:
        yield exc
        return
    reader = reader or LocalReader(limits)
    try:
        entries = reader.read("feed", data, where)
    except IngestError as exc:
        yield exc
        return
    ids = ids or UniqueIds()
    skipped = skip_links([e.doc.url for e in entries if isinstance(e, Entry) and e.doc.url]) if skip_links else ()
    for item in entries:
        if isinstance(item, IngestError):
            yield item
            continue
        if item.doc.url in skipped:
            continue
        base, n = item.doc, item.n
        doc_id = ids.take(base.id, item.key)
        base = dataclasses.replace(base, id=doc_id)
        link, title, own = base.url, base.title, base.text
        page = None
        if fetch is not None and link:
            try:
                page = fetch_page(fetch, link, doc_id, max_bytes, reader)
            except IngestError as exc:
                if not own:
                    yield exc
                    continue
        if page is not None:
            yield dataclasses.replace(base, text=page.text, title=title or page.title,
                                      publisher=base.publisher or page.publisher,
                                      published=base.published or page.published,
                                      language=page.language or base.language, kind=page.kind)
            continue
        if not own:
            yield IngestError(where, f"entry {n} ({link or title or 'untitled'}): no text (no content or summary)")
            continue
        if title and own.split("\n", 1)[0].strip().lower() != title.strip().lower():
            own = f"{title}\n{own}"
        yield dataclasses.replace(base, text=own)
