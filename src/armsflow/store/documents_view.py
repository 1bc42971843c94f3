"""What the /documents pages show: a sortable, filtered page of documents with their claim counts and the document
each one echoes, and one document with its claims (and their offsets into the text), echoes and cited sources.

``store/browse.py`` serves the REST API, oldest first, with no claim-count filter or sort; the pages need both and
the echo reasons and claim offsets besides, so they have this module. Counting and paging are done in SQL (count +
LIMIT/OFFSET) so a store of many thousand documents lists as fast as a small one.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select

from armsflow.store.echoes import is_echo, links_of, strongest_link
from armsflow.store.repo import Store
from armsflow.store.schema import CitedSource, ClaimRow, DocumentRow, EchoLink, Publisher, RecordClaim

SORTS = {
    "newest": "published, newest first",
    "oldest": "published, oldest first",
    "claims": "most claims first",
    "title": "title A–Z",
    "publisher": "publisher A–Z",
}


@dataclass
class DocFilter:
    publisher: str | None = None
    since: dt.date | None = None             # published on or after
    until: dt.date | None = None             # published on or before
    has_claims: bool | None = None           # True: at least one claim; False: none
    echo: bool | None = None                 # True: only documents that repeat others; False: only originals
    sort: str = "newest"


@dataclass
class DocRow:
    id: int
    doc_key: str
    title: str | None
    publisher: str | None
    published: dt.date | None
    kind: str
    claims: int
    original_id: int | None                  # the document this one repeats (its strongest echo link), if any
    original_title: str | None
    echo_kind: str | None
    echo_score: float | None


@dataclass
class DocClaim:
    id: int
    supplier: str | None
    recipient: str | None
    system: str | None
    category: str
    quantity: int | None
    status: str
    year: int | None
    hedged: bool
    review: str
    evidence: str
    start: int                               # into the document's text (already minus body_offset)
    end: int
    records: list[int] = field(default_factory=list)


@dataclass
class DocDetail:
    row: DocRow
    url: str | None
    path: str | None
    language: str | None
    extractor_version: str | None
    ingested_at: dt.datetime | None
    text: str
    echo_reasons: list[str]                  # the detector's reasons for the strongest link
    claims: list[DocClaim]
    echoes: list[tuple[DocRow, list[str]]]   # documents that repeat this one, with the detector's reasons
    original: DocRow | None
    cited: list[str]
    echo_of: list[dict] = field(default_factory=list)   # every document it repeats: {id, doc, kind, score, reasons}


def _claim_count():
    """The number of claims of the outer query's document: an index lookup per row, so a page of 50 costs 50
    lookups rather than a GROUP BY over every claim in the store."""
    return select(func.count(ClaimRow.id)).where(ClaimRow.document_id == DocumentRow.id) \
        .correlate(DocumentRow).scalar_subquery()


def _has_claims():
    return select(ClaimRow.id).where(ClaimRow.document_id == DocumentRow.id).correlate(DocumentRow).exists()


def _rows_select(what, f: DocFilter):
    q = what.select_from(DocumentRow).outerjoin(Publisher, DocumentRow.publisher_id == Publisher.id)
    if f.publisher:
        q = q.where(Publisher.name == f.publisher)
    if f.since is not None:
        q = q.where(DocumentRow.published >= f.since)
    if f.until is not None:
        q = q.where(DocumentRow.published <= f.until)
    if f.has_claims is True:
        q = q.where(_has_claims())
    elif f.has_claims is False:
        q = q.where(~_has_claims())
    if f.echo is True:
        q = q.where(is_echo())
    elif f.echo is False:
        q = q.where(~is_echo())
    return q


def _order(sort: str, count):
    newest = (DocumentRow.published.desc().nulls_last(), DocumentRow.id.desc())
    return {
        "newest": newest,
        "oldest": (DocumentRow.published.asc().nulls_last(), DocumentRow.id),
        "claims": (count.desc(), *newest),
        "title": (func.lower(func.coalesce(DocumentRow.title, DocumentRow.doc_key)), DocumentRow.id),
        "publisher": (Publisher.name.is_(None), Publisher.name, *newest),
    }[sort if sort in SORTS else "newest"]


def _row(d: DocumentRow, publisher: str | None, n: int | None, original: int | None, kind: str | None,
         score: float | None, original_title: str | None) -> DocRow:
    return DocRow(id=d.id, doc_key=d.doc_key, title=d.title, publisher=publisher, published=d.published, kind=d.kind,
                  claims=n or 0, original_id=original, original_title=original_title, echo_kind=kind,
                  echo_score=score)


def _select_rows():
    """The columns of a DocRow: the document, its publisher, claim count, strongest link and its original's title."""
    count = _claim_count()
    original, kind, score = strongest_link()
    other = DocumentRow.__table__.alias("original")
    title = select(func.coalesce(other.c.title, other.c.doc_key)).where(other.c.id == original).scalar_subquery()
    return select(DocumentRow, Publisher.name, count, original, kind, score, title), count


def documents_page(store: Store, f: DocFilter, limit: int, offset: int) -> tuple[int, list[DocRow]]:
    """(documents ``f`` admits, the page of them from ``offset``, at most ``limit``), in ``f.sort`` order."""
    with store.session() as s:
        total = s.scalar(_rows_select(select(func.count(DocumentRow.id)), f)) or 0
        what, count = _select_rows()
        q = _rows_select(what, f) \
            .order_by(*_order(f.sort, count)).limit(limit).offset(offset)
        return total, [_row(*r) for r in s.execute(q)]


def publishers(store: Store) -> list[str]:
    """Every publisher that has a document, for the filter's choices."""
    with store.session() as s:
        return list(s.scalars(select(Publisher.name).join(DocumentRow, DocumentRow.publisher_id == Publisher.id)
                              .distinct().order_by(Publisher.name)))


def document(store: Store, document_id: int) -> DocDetail | None:
    """One document with everything its page shows; None when there is no such document."""
    what, _count = _select_rows()
    base = what.select_from(DocumentRow).outerjoin(Publisher, DocumentRow.publisher_id == Publisher.id)
    with store.session() as s:
        found = s.execute(base.where(DocumentRow.id == document_id)).first()
        if found is None:
            return None
        d = found[0]
        row = _row(*found)
        claims = [DocClaim(id=c.id, supplier=c.supplier, recipient=c.recipient, system=c.system, category=c.category,
                           quantity=c.quantity, status=c.status, year=c.year, hedged=c.hedged, review=c.review,
                           evidence=c.evidence, start=c.start - d.body_offset, end=c.end - d.body_offset)
                  for c in s.scalars(select(ClaimRow).where(ClaimRow.document_id == d.id)
                                     .order_by(ClaimRow.start, ClaimRow.id))]
        by_id = {c.id: c for c in claims}
        if by_id:
            for cid, rid in s.execute(select(RecordClaim.claim_id, RecordClaim.record_id)
                                      .join(ClaimRow, ClaimRow.id == RecordClaim.claim_id)
                                      .where(ClaimRow.document_id == d.id).order_by(RecordClaim.record_id)):
                by_id[cid].records.append(rid)
        echoes = [(_row(*r[:-1]), _reasons(r[-1]))
                  for r in s.execute(base.add_columns(EchoLink.reasons)
                                     .join(EchoLink, EchoLink.document_id == DocumentRow.id)
                                     .where(EchoLink.echo_of_id == d.id)
                                     .order_by(DocumentRow.published, DocumentRow.id))]
        echo_of = links_of(s, [d.id])[d.id]
        orig = None
        if row.original_id is not None:
            o = s.execute(base.where(DocumentRow.id == row.original_id)).first()
            orig = _row(*o) if o is not None else None
        cited = list(s.scalars(select(CitedSource.text).where(CitedSource.document_id == d.id)
                               .order_by(CitedSource.id)))
        return DocDetail(row=row, url=d.url, path=d.path, language=d.language, extractor_version=d.extractor_version,
                         ingested_at=d.ingested_at, text=d.text or "",
                         echo_reasons=echo_of[0]["reasons"] if echo_of else [], claims=claims, echoes=echoes,
                         original=orig, cited=cited, echo_of=echo_of)


def _reasons(value) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []
