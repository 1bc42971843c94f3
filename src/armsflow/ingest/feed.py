"""RSS and Atom feeds -> one Document per entry, through feedparser.

An entry's text is its own content (Atom <content>, RSS <content:encoded>) or else its summary/description,
turned from HTML into plain text, with the entry title as its first line. Nothing is fetched unless a ``fetch``
callable is given (``url -> bytes``, or None when the page cannot be had); then each entry's linked page is read
with html.py (or pdf.py for a PDF) instead, keeping the entry's title, date and the feed title as publisher. A page
that cannot be fetched or read falls back to the entry's own text; an entry with neither is an IngestError.

The entry's date is taken as written in the feed (its local calendar day), not feedparser's UTC conversion, which
moves a "Tue, 14 Mar 2023 23:30 -0500" item to the 15th. Ids come from the entry link or guid (ids.py).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import email.utils
import io
import re
from pathlib import Path
from collections.abc import Iterator

from armsflow.ingest.fetch import Fetch, fetch_bytes
from armsflow.ingest.html import fragment_text, read_html_bytes
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
        except (TypeError, ValueError, IndexError):
            pass
        try:
            return dt.datetime.fromisoformat(raw).date()   # Atom: RFC 3339
        except ValueError:
            pass
        parsed = entry.get(f"{key}_parsed")                                  # anything else feedparser read
        if parsed:
            return dt.date(*parsed[:3])
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


def fetch_page(fetch: Fetch, url: str, doc_id: str, max_bytes: int = MAX_BYTES) -> Document:
    """Fetch ``url`` and read it as HTML (or PDF, by its signature); IngestError naming the URL otherwise."""
    from armsflow.ingest.pdf import read_pdf_bytes

    data = fetch_bytes(fetch, url, max_bytes)
    if b"%PDF-" in data[:1024]:
        return read_pdf_bytes(data, doc_id, url, url=url)
    return read_html_bytes(data, doc_id, url, url=url)


def read_feed(source, fetch: Fetch | None = None, where=None, max_bytes: int = MAX_BYTES,
              ids: UniqueIds | None = None) -> Iterator[Document | IngestError]:
    """Entries of the feed at ``source`` (a path, or the feed's bytes named ``where``), one Document each; bad
    input is yielded as IngestError, never raised."""
    import feedparser

    try:
        if isinstance(source, (bytes, bytearray)):
            data, where = bytes(source), where or "<feed>"
        else:
            where = where or source
            data = read_bytes(Path(source), max_bytes)
    except IngestError as exc:
        yield exc
        return
    if not data.strip():
        yield IngestError(where, "file is empty")
        return
    try:
        # a stream: given bytes, feedparser would first try them as a file name, given a str as a URL
        parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    except Exception as exc:
        yield IngestError(where, f"not a readable RSS/Atom feed ({type(exc).__name__}: {exc})")
        return
    if not parsed.version:                           # well-formed XML, but no RSS or Atom vocabulary
        reason = parsed.get("bozo_exception") if parsed.bozo else None
        yield IngestError(where, "not a readable RSS/Atom feed" + (f" ({reason})" if reason else ""))
        return
    if not parsed.entries:
        if parsed.bozo:
            reason = parsed.get("bozo_exception")
            yield IngestError(where, "not a readable RSS/Atom feed" + (f" ({reason})" if reason else ""))
        else:
            yield IngestError(where, "the feed has no entries")
        return
    ids = ids or UniqueIds()
    feed_title = (parsed.feed.get("title") or "").strip() or None
    feed_lang = parsed.feed.get("language")
    from_url = bool(re.match(r"https?://", str(where)))
    stem = url_id(str(where)) if from_url else _printable(Path(str(where)).stem)
    feed_path = None if from_url or where == "<feed>" else str(where)
    for n, entry in enumerate(parsed.entries, 1):
        link = (entry.get("link") or "").strip()
        link = link if re.match(r"https?://", link, re.I) else None      # feedparser copies a tag: guid here
        key = link or (entry.get("id") or "").strip() or f"{where}#{n}"
        doc_id = ids.take(url_id(key) if (link or entry.get("id")) else f"{stem}-{n}", key)
        title = _plain(entry.get("title_detail"), entry.get("title")).replace("\n", " ") or None
        own = entry_text(entry)
        m = re.match(r"\s*([A-Za-z]{2,3})(?:[-_]|$)", entry.get("language") or feed_lang or "")
        base = Document(id=doc_id, text="", title=title, publisher=feed_title, url=link,
                        published=entry_date(entry), path=feed_path, body_offset=0,
                        language=m.group(1).lower() if m else None, kind="feed")
        page = None
        if fetch is not None and link:
            try:
                page = fetch_page(fetch, link, doc_id, max_bytes)
            except IngestError as exc:
                if not own:
                    yield exc
                    continue
        if page is not None:
            yield dataclasses.replace(base, text=page.text, title=title or page.title,
                                      publisher=feed_title or page.publisher, published=base.published or page.published,
                                      language=page.language or base.language, kind=page.kind)
            continue
        if not own:
            yield IngestError(where, f"entry {n} ({link or title or 'untitled'}): no text (no content or summary)")
            continue
        if title and own.split("\n", 1)[0].strip().lower() != title.strip().lower():
            own = f"{title}\n{own}"
        yield dataclasses.replace(base, text=own)
