"""Full-text search over documents and claims: FTS5 on SQLite, GIN-indexed tsvectors on PostgreSQL (migration 0003).

A query is never passed to the engine as typed. It is read here into terms: plain words (all must match), "quoted
phrases", and a trailing ``*`` for a prefix; every other character only separates words. The terms are then
written out in FTS5 or ``to_tsquery`` syntax with every word quoted, so input such as ``"; DROP TABLE``,
``NEAR(`` or an unbalanced quote is searched as the words it contains and cannot raise a syntax error.

Both engines see the same words: letters and digits, case-folded, no stemming, no stop words (see 0003 for why).
With ``order="recent"`` (newest first) both return the same hits in the same order; ``order="relevance"`` uses
each engine's own ranking (bm25, ts_rank_cd), which differ. Known differences: SQLite folds diacritics
("Turkiye" finds "Türkiye") and PostgreSQL does not; PostgreSQL searches only the first 250,000 characters of a
text (see 0003), and records word positions only up to 16383, so a phrase far into a long text may be missed or
found where it is not.

Snippets are built here rather than by the engines (whose snippet functions disagree and return markup): a list of
``(text, is_match)`` segments, which the web layer escapes and marks up itself.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import text

from armsflow.store.repo import Store

TOKEN = re.compile(r"[^\W_]+")            # a word: letters and digits, as FTS5's unicode61 and 0003's translate()
PARTS = re.compile(r'"([^"]*)"(\*?)|"|[^\s"]+')
SPACE = re.compile(r"\s+")
MAX_QUERY, MAX_TERMS, MAX_PHRASE = 1000, 16, 16
MAX_LIMIT = 500
ORDERS = ("recent", "relevance")
SNIPPET_WIDTH = 240

# the same expressions as the indexes of migration 0003, or PostgreSQL will not use them
PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"


def _vector(columns: str) -> str:
    punct = PUNCT.replace("'", "''")
    return f"to_tsvector('simple', translate(left({columns}, 250000), '{punct}', '{' ' * len(PUNCT)}'))"


DOCUMENTS_VECTOR = _vector("coalesce(d.title, '') || ' ' || d.text")
CLAIMS_VECTOR = _vector("c.evidence || ' ' || coalesce(c.system, '') || ' ' || coalesce(c.mention, '')")


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]       # lower-cased; more than one is a phrase
    prefix: bool = False         # the last word may be the start of a longer one


@dataclass(frozen=True)
class DocumentHit:
    id: int
    doc_key: str
    title: str | None
    published: dt.date | None
    publisher: str | None
    snippet: list[tuple[str, bool]]


@dataclass(frozen=True)
class ClaimHit:
    id: int
    document_id: int
    doc_key: str
    published: dt.date | None
    supplier: str | None
    recipient: str | None
    system: str | None
    category: str
    status: str
    year: int | None
    review: str
    snippet: list[tuple[str, bool]]


# -- the query language --------------------------------------------------------------------------------------------
def parse_query(q: str | None) -> list[Term]:
    """The terms of a user's query; empty when it has no word at all."""
    terms: list[Term] = []
    for m in PARTS.finditer((q or "")[:MAX_QUERY]):
        if m.group(0) == '"':                       # a quote that is never closed: ignored
            continue
        if m.group(1) is not None:
            chunk, prefix = m.group(1), bool(m.group(2))
        else:
            chunk, prefix = m.group(0), m.group(0).endswith("*")
        words = tuple(w.lower() for w in TOKEN.findall(chunk))[:MAX_PHRASE]
        term = Term(words, prefix) if words else None
        if term is not None and term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def fts5_query(terms: list[Term]) -> str:
    """FTS5 MATCH syntax: every term a quoted string (FTS5 tokenizes inside the quotes), all of them ANDed."""
    return " AND ".join('"' + " ".join(t.words) + '"' + (" *" if t.prefix else "") for t in terms)


def ts_query(terms: list[Term]) -> str:
    """``to_tsquery`` syntax: quoted lexemes, ``<->`` between the words of a phrase, ``:*`` for a prefix."""
    def one(t: Term) -> str:
        words = [f"'{w}'" for w in t.words]
        if t.prefix:
            words[-1] += ":*"
        return "(" + " <-> ".join(words) + ")"
    return " & ".join(one(t) for t in terms)


def _fold(word: str) -> str:
    """Case and diacritics folded, for marking matches in snippets (the engines do their own folding)."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


# -- searching -----------------------------------------------------------------------------------------------------
def search_documents(store: Store, q: str, limit: int = 20, offset: int = 0,
                     order: str = "recent") -> list[DocumentHit]:
    terms = parse_query(q)
    limit, offset = _page(limit, offset, order)
    if not terms or not limit:
        return []
    select_ = ("SELECT d.id, d.doc_key, d.title, d.published, p.name, d.text FROM {src} "
               "LEFT JOIN publishers p ON p.id = d.publisher_id WHERE {cond} ORDER BY {order} "
               "LIMIT :limit OFFSET :offset")
    if store.dialect == "sqlite":
        sql = select_.format(src="documents_fts JOIN documents d ON d.id = documents_fts.rowid",
                             cond="documents_fts MATCH :q",
                             order="documents_fts.rank, d.id" if order == "relevance" else
                             "d.published DESC NULLS LAST, d.id DESC")
        params = {"q": fts5_query(terms)}
    else:
        sql = select_.format(src="documents d", cond=f"{DOCUMENTS_VECTOR} @@ to_tsquery('simple', :q)",
                             order=f"ts_rank_cd({DOCUMENTS_VECTOR}, to_tsquery('simple', :q)) DESC, d.id"
                             if order == "relevance" else "d.published DESC NULLS LAST, d.id DESC")
        params = {"q": ts_query(terms)}
    with store.engine.connect() as conn:
        rows = conn.execute(text(sql), {**params, "limit": limit, "offset": offset}).all()
    return [DocumentHit(id=i, doc_key=key, title=title, published=_date(published), publisher=publisher,
                        snippet=snippet(body, terms))
            for i, key, title, published, publisher, body in rows]


def count_documents(store: Store, q: str) -> int:
    terms = parse_query(q)
    if not terms:
        return 0
    if store.dialect == "sqlite":
        sql, value = "SELECT count(*) FROM documents_fts WHERE documents_fts MATCH :q", fts5_query(terms)
    else:
        sql, value = f"SELECT count(*) FROM documents d WHERE {DOCUMENTS_VECTOR} @@ to_tsquery('simple', :q)", \
            ts_query(terms)
    with store.engine.connect() as conn:
        return conn.execute(text(sql), {"q": value}).scalar_one()


def search_claims(store: Store, q: str, limit: int = 20, offset: int = 0, order: str = "recent") -> list[ClaimHit]:
    terms = parse_query(q)
    limit, offset = _page(limit, offset, order)
    if not terms or not limit:
        return []
    select_ = ("SELECT c.id, c.document_id, d.doc_key, d.published, c.supplier, c.recipient, c.system, c.category, "
               "c.status, c.year, c.review, c.evidence FROM {src} JOIN documents d ON d.id = c.document_id "
               "WHERE {cond} ORDER BY {order} LIMIT :limit OFFSET :offset")
    recent = "d.published DESC NULLS LAST, c.id DESC"
    if store.dialect == "sqlite":
        sql = select_.format(src="claims_fts JOIN claims c ON c.id = claims_fts.rowid",
                             cond="claims_fts MATCH :q",
                             order="claims_fts.rank, c.id" if order == "relevance" else recent)
        params = {"q": fts5_query(terms)}
    else:
        sql = select_.format(src="claims c", cond=f"{CLAIMS_VECTOR} @@ to_tsquery('simple', :q)",
                             order=f"ts_rank_cd({CLAIMS_VECTOR}, to_tsquery('simple', :q)) DESC, c.id"
                             if order == "relevance" else recent)
        params = {"q": ts_query(terms)}
    with store.engine.connect() as conn:
        rows = conn.execute(text(sql), {**params, "limit": limit, "offset": offset}).all()
    return [ClaimHit(id=r[0], document_id=r[1], doc_key=r[2], published=_date(r[3]), supplier=r[4], recipient=r[5],
                     system=r[6], category=r[7], status=r[8], year=r[9], review=r[10],
                     snippet=snippet(r[11], terms))
            for r in rows]


def count_claims(store: Store, q: str) -> int:
    terms = parse_query(q)
    if not terms:
        return 0
    if store.dialect == "sqlite":
        sql, value = "SELECT count(*) FROM claims_fts WHERE claims_fts MATCH :q", fts5_query(terms)
    else:
        sql, value = f"SELECT count(*) FROM claims c WHERE {CLAIMS_VECTOR} @@ to_tsquery('simple', :q)", \
            ts_query(terms)
    with store.engine.connect() as conn:
        return conn.execute(text(sql), {"q": value}).scalar_one()


def _page(limit: int, offset: int, order: str) -> tuple[int, int]:
    if order not in ORDERS:
        raise ValueError(f"order {order!r}: choose {' or '.join(ORDERS)}")
    if limit < 0 or offset < 0:
        raise ValueError("limit and offset must not be negative")
    return min(int(limit), MAX_LIMIT), int(offset)


def _date(value) -> dt.date | None:
    """Raw SQL on SQLite returns dates as ISO strings."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


# -- snippets ------------------------------------------------------------------------------------------------------
def snippet(body: str, terms: list[Term], width: int = SNIPPET_WIDTH) -> list[tuple[str, bool]]:
    """About ``width`` characters of ``body`` around its first match, as (text, is_match) segments, with
    whitespace collapsed and "…" where the text was cut; the start of the text when nothing matches there (the
    match was in the title, say)."""
    body = body or ""
    first = _spans(body, terms, 0, len(body), first_only=True)
    if first:
        s0, e0 = first[0]
        start = max(0, s0 - width // 4)
        if start:                                   # from the start of a word
            space = SPACE.search(body, start, s0)
            start = space.end() if space else s0
        end = max(e0, min(len(body), start + width))
    else:
        start, end = 0, min(len(body), width)
    if end < len(body):                             # to the end of a word
        cut = max(body.rfind(c, first[0][1] if first else start, end) for c in " \n\t")
        end = cut if cut > start else end
    segments: list[tuple[str, bool]] = [("…", False)] if start else []
    at = start
    for s, e in _merge(_spans(body, terms, start, end)):
        segments.append((body[at:s], False))
        segments.append((body[s:e], True))
        at = e
    segments.append((body[at:end], False))
    if end < len(body):
        segments.append(("…", False))
    out: list[tuple[str, bool]] = []
    for part, match in segments:
        part = re.sub(r"\s+", " ", part)
        if not part:
            continue
        if out and out[-1][1] == match:
            out[-1] = (out[-1][0] + part, match)
        else:
            out.append((part, match))
    return out


def _spans(body: str, terms: list[Term], start: int, end: int, first_only: bool = False) -> list[tuple[int, int]]:
    """Where the terms match in ``body[start:end]``: (start, end) of the words, phrase by phrase."""
    wanted = [(tuple(_fold(w) for w in t.words), t.prefix) for t in terms]
    recent: list[tuple[int, int, str]] = []
    out = []
    for m in TOKEN.finditer(body, start, end):
        recent.append((m.start(), m.end(), _fold(m.group())))
        if len(recent) > 2 * MAX_PHRASE:
            del recent[:MAX_PHRASE]
        for words, prefix in wanted:
            n = len(words)
            if len(recent) < n:
                continue
            tail = recent[-n:]
            if all(tok == w or (prefix and k == n - 1 and tok.startswith(w))
                   for k, ((_s, _e, tok), w) in enumerate(zip(tail, words))):
                out.append((tail[0][0], tail[-1][1]))
        if first_only and out:
            break
    return sorted(out)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged
