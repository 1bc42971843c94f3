"""Document fields made storable and printable, once, where the readers hand a Document on.

PostgreSQL refuses a NUL character in text and a publisher longer than its column (store/schema.py); neither
database can encode a lone surrogate (a file name that is not UTF-8, a ``&#xD800;`` in a feed). One such field in
one document used to fail the transaction of its whole chunk. So here: NULs leave the text and lone surrogates
become U+FFFD; metadata (id, title, publisher, language) becomes one line of at most its column's length, with
controls as spaces; a path keeps its undecodable bytes as ``\\xNN`` escapes (as error messages show it); a URL with
a control character or whitespace inside is no URL. Idempotent: a clean Document comes back unchanged.
"""
from __future__ import annotations

import dataclasses
import re

from armsflow.ingest.text import printable
from armsflow.model import Document

# column sizes in store/schema.py (characters)
MAX_KEY = 300              # documents.doc_key
MAX_PUBLISHER = 300        # publishers.name
MAX_LANGUAGE = 16          # documents.language
MAX_TITLE = 1000           # documents.title is unbounded; a longer title is a body that lost its line breaks
MAX_URL = 8192

_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def clean_text(text: str) -> str:
    if "\x00" in text:
        text = text.replace("\x00", "")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = _SURROGATE.sub("\ufffd", text)
    return text


def one_line(value, limit: int) -> str | None:
    """Metadata as one line: controls become spaces, whitespace is collapsed, cut at ``limit`` characters."""
    if value is None:
        return None
    value = " ".join(_CONTROL.sub(" ", clean_text(str(value))).split())[:limit].rstrip()
    return value or None


def clean_url(url) -> str | None:
    if not url:
        return None
    url = clean_text(str(url)).strip()
    if _CONTROL.search(url) or any(c.isspace() for c in url) or len(url) > MAX_URL:
        return None
    return url or None


def clean_document(doc: Document) -> Document:
    """``doc`` with every field storable in SQLite and PostgreSQL and safe to print."""
    changes = {
        "text": clean_text(doc.text),
        "id": one_line(doc.id, MAX_KEY) or "document",
        "title": one_line(doc.title, MAX_TITLE),
        "publisher": one_line(doc.publisher, MAX_PUBLISHER),
        "language": one_line(doc.language, MAX_LANGUAGE),
        "url": clean_url(doc.url),
        "path": printable(doc.path) if doc.path is not None else None,
    }
    changed = {k: v for k, v in changes.items() if v != getattr(doc, k)}
    return dataclasses.replace(doc, **changed) if changed else doc
