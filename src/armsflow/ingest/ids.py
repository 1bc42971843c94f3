"""Stable document ids for input that has no file name: a feed entry or a fetched URL.

The id is the `doc` of every claim, so it must be short, readable and the same on every run: a slug of the URL
path's last meaningful segment ("norway-orders-k9-howitzers"). When that segment says little (empty, numeric,
"index", a query string) or a non-URL guid is all there is, a short hash of the whole URL is appended so that
different pages do not share an id; :class:`UniqueIds` appends the same hash on a clash within one run.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import unquote, urlsplit

_MAX = 60
_GENERIC = {"index", "default", "article", "articles", "story", "news", "item", "post", "page", "view", "print",
            "content", "amp", "feed", "rss", "en", "www", "html", "detail", "details", "show", "read"}
_EXT = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cfm|cms|xml|pdf|txt)$", re.I)


def slugify(text: str) -> str:
    """ASCII, lower case, words joined by '-'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def short_hash(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:6]


def _cut(slug: str) -> str:
    return slug[:_MAX].rstrip("-") if len(slug) > _MAX else slug


def url_id(url: str) -> str:
    """A slug of the URL path (+ a hash of the whole URL when the path alone is not distinctive)."""
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:           # a guid such as "tag:example.org,2023:4711"
        return f"{_cut(slugify(url)) or 'entry'}-{short_hash(url)}"
    for seg in reversed([s for s in parts.path.split("/") if s]):
        slug = slugify(_EXT.sub("", unquote(seg)))
        if slug and slug not in _GENERIC and not slug.isdigit():
            weak = bool(parts.query) or len(slug) < 4
            return f"{_cut(slug)}-{short_hash(url)}" if weak else _cut(slug)
    host = slugify(parts.netloc.removeprefix("www.")) or "url"
    return f"{_cut(host)}-{short_hash(url)}"


def posted_id(label: str | None, text: str) -> str:
    """The id of a posted document (an upload, JSON text, ``store.ingest_bytes``): a slug of its title or file name
    and a hash of its text, so one name never hides two different documents."""
    slug = slugify(label or "")[:60].strip("-")
    return f"{slug or 'posted'}-{short_hash(text)}"


class UniqueIds:
    """Hands out ids within one run: a second, different source with the same id gets its hash appended."""

    def __init__(self) -> None:
        self._owner: dict[str, str] = {}

    def take(self, doc_id: str, key: str) -> str:
        owner = self._owner.setdefault(doc_id, key)
        if owner == key:
            return doc_id
        unique = f"{doc_id}-{short_hash(key)}"
        self._owner.setdefault(unique, key)
        return unique
