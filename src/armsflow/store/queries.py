"""What analysts ask of the store: records, claims and sources, filtered; one record with all its evidence."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select

from armsflow.model import TransferRecord
from armsflow.store.echoes import links_of, source_of, strongest_link
from armsflow.store.links import not_linked_news, with_links
from armsflow.store.repo import Store, timeline_events
from armsflow.store.schema import ClaimRow, DocumentRow, Publisher, RecordClaim, RecordRow, RegisterRow


@dataclass
class RecordFilter:
    supplier: str | None = None
    recipient: str | None = None
    members: set[str] | None = None          # a region or bloc: supplier or recipient among these codes
    side: str = "either"                     # whose membership counts: "either", "recipient" or "supplier"
    category: str | None = None
    since: int | None = None                 # period overlaps [since, until]
    until: int | None = None
    status: str | None = None
    source: str | None = None                # news | sipri | None for all
    min_sources: int = 0
    system: str | None = None
    # with every source: a news record linked to a register record (store/links.py) is left out, the register record
    # standing for the deal, so that one deal counts once
    count_once: bool = True


def to_record(r: RecordRow) -> TransferRecord:
    return TransferRecord(id=r.id, supplier=r.supplier, recipient=r.recipient, system=r.system, category=r.category,
                          period_start=r.period_start, period_end=r.period_end, status=r.status,
                          timeline=timeline_events(r.timeline), first_seen=r.first_seen, last_seen=r.last_seen,
                          quantity_min=r.quantity_min, quantity_max=r.quantity_max, claims=r.claims,
                          sources=r.sources, hedged=r.hedged, unhedged=r.unhedged, confidence=r.confidence,
                          source=r.source, key=r.key)


def records(store: Store, f: RecordFilter = RecordFilter(), limit: int | None = None) -> list[TransferRecord]:
    """The records ``f`` admits, each with the links of its deal to the other source (``TransferRecord.links``)."""
    q = _filtered(select(RecordRow.__table__), f)          # plain rows: no ORM objects for a million records
    q = q.order_by(RecordRow.supplier, RecordRow.recipient, RecordRow.period_start, RecordRow.id)
    if limit:
        q = q.limit(limit)
    with store.session() as s:
        return with_links(s, [to_record(r) for r in s.execute(q)])


def records_by_id(store: Store, ids) -> list[TransferRecord]:
    """The records of ``ids`` (any source), with their links, in id order."""
    ids = sorted(set(ids))
    out: list[TransferRecord] = []
    with store.session() as s:
        for i in range(0, len(ids), 500):
            out += [to_record(r) for r in s.execute(select(RecordRow.__table__)
                                                    .where(RecordRow.id.in_(ids[i:i + 500])))]
        return with_links(s, sorted(out, key=lambda r: r.id))


def _filtered(q, f: RecordFilter):
    """``q`` (a select over records) narrowed to the records ``f`` admits."""
    if f.supplier:
        q = q.where(RecordRow.supplier == f.supplier)
    if f.recipient:
        q = q.where(RecordRow.recipient == f.recipient)
    if f.members:
        members = sorted(f.members)
        q = q.where(RecordRow.recipient.in_(members) if f.side == "recipient" else
                    RecordRow.supplier.in_(members) if f.side == "supplier" else
                    or_(RecordRow.supplier.in_(members), RecordRow.recipient.in_(members)))
    if f.category:
        q = q.where(RecordRow.category == f.category)
    if f.status:
        q = q.where(RecordRow.status == f.status)
    if f.source:
        q = q.where(RecordRow.source == f.source)
    elif f.count_once:
        q = q.where(not_linked_news())
    if f.min_sources:
        q = q.where(RecordRow.sources >= f.min_sources)
    # a period admits the records whose years (start..end, a missing end standing for the other) reach it; a record
    # with no year at all is left out, never taken for one of the period (``undated`` counts them)
    if f.since is not None:
        q = q.where(func.coalesce(RecordRow.period_end, RecordRow.period_start) >= f.since)
    if f.until is not None:
        q = q.where(func.coalesce(RecordRow.period_start, RecordRow.period_end) <= f.until)
    if f.system:
        q = q.where(func.lower(RecordRow.system).like(f"%{f.system.lower()}%"))
    return q


def undated(store: Store, f: RecordFilter = RecordFilter()) -> list[TransferRecord]:
    """The records ``f`` admits but for its period that have no year at all: what a period leaves out for want of
    a date (none when ``f`` asks for no period)."""
    if f.since is None and f.until is None:
        return []
    from dataclasses import replace

    q = _filtered(select(RecordRow.__table__), replace(f, since=None, until=None))
    q = q.where(RecordRow.period_start.is_(None), RecordRow.period_end.is_(None)).order_by(RecordRow.id)
    with store.session() as s:
        return with_links(s, [to_record(r) for r in s.execute(q)])


@dataclass
class RegisterValues:
    """What a register states about a record's deal beyond the record: SIPRI trend-indicator values (millions)."""
    tiv_unit: float | None
    tiv_total: float | None
    tiv_delivered: float | None


def register_values(store: Store, f: RecordFilter = RecordFilter(), record_ids=None) -> dict[int, RegisterValues]:
    """The register values of the records ``f`` admits (and, given ``record_ids``, among those) that point at a
    register row, by record id."""
    q = _filtered(select(RecordRow.id, RegisterRow.tiv_unit, RegisterRow.tiv_total, RegisterRow.tiv_delivered)
                  .join(RegisterRow, RegisterRow.id == RecordRow.register_row_id), f)
    if record_ids is not None:
        q = q.where(RecordRow.id.in_(sorted(set(record_ids))))
    with store.session() as s:
        return {rid: RegisterValues(unit, total, delivered) for rid, unit, total, delivered in s.execute(q)}


@dataclass
class RegisterRowView:
    """The register row a register record was imported from, as a footnote cites it."""
    id: int
    file: str
    deal_id: str | None
    supplier_name: str
    recipient_name: str
    designation: str | None
    description: str | None
    order_year: int | None
    number_ordered: int | None
    number_delivered: int | None
    delivery_years: list
    tiv_unit: float | None
    tiv_total: float | None
    tiv_delivered: float | None
    comments: str | None


def register_rows_of(store: Store, record_ids) -> dict[int, RegisterRowView]:
    """The register row behind each of ``record_ids`` that has one, by record id."""
    from armsflow.store.schema import RegisterFile

    ids = sorted(set(record_ids))
    out: dict[int, RegisterRowView] = {}
    with store.session() as s:
        for i in range(0, len(ids), 500):
            q = select(RecordRow.id, RegisterRow, RegisterFile.name) \
                .join(RegisterRow, RegisterRow.id == RecordRow.register_row_id) \
                .join(RegisterFile, RegisterFile.id == RegisterRow.file_id) \
                .where(RecordRow.id.in_(ids[i:i + 500]))
            for rid, r, name in s.execute(q):
                out[rid] = RegisterRowView(r.id, name, r.deal_id, r.supplier_name, r.recipient_name, r.designation,
                                           r.description, r.order_year, r.number_ordered, r.number_delivered,
                                           list(r.delivery_years or []), r.tiv_unit, r.tiv_total, r.tiv_delivered,
                                           r.comments)
    return out


def unit_values(store: Store, categories, register: str = "sipri") -> list[tuple[str, str | None, float]]:
    """(category, designation, TIV per unit) of every register row of ``categories`` that values its units: how the
    register prices a type, to rank a deal it has not valued yet."""
    with store.session() as s:
        q = select(RegisterRow.category, RegisterRow.designation, RegisterRow.tiv_unit) \
            .where(RegisterRow.register == register, RegisterRow.category.in_(sorted(set(categories))),
                   RegisterRow.tiv_unit > 0)
        return [(c, d, float(u)) for c, d, u in s.execute(q)]


@dataclass
class ClaimView:
    id: int
    doc: str
    document_id: int
    publisher: str | None
    published: dt.date | None
    original_id: int | None                  # the document this one repeats (its strongest echo link), if any
    echo_kind: str | None
    supplier: str | None
    recipient: str | None
    system: str | None
    category: str
    quantity: int | None
    status: str
    year: int | None
    hedged: bool
    evidence: str
    citation: str | None
    review: str
    pin: str | None = None                   # an analyst's merge/split grouping (store/review.py)
    rules: list[str] = field(default_factory=list)   # the grammar rules that read it (extract/rules.yaml)
    confidence: float | None = None          # 0-1; None for a claim an older extractor read
    title: str | None = None                 # the document's title and address, for a footnote
    url: str | None = None
    source_id: int | None = None             # its document's source cluster: claims with one count as one source


def _claim_view(c: ClaimRow, d: DocumentRow, publisher: str | None, original: int | None = None,
                kind: str | None = None) -> ClaimView:
    return ClaimView(id=c.id, doc=d.doc_key, document_id=d.id, publisher=publisher, published=d.published,
                     original_id=original, echo_kind=kind, supplier=c.supplier, recipient=c.recipient,
                     system=c.system, category=c.category, quantity=c.quantity, status=c.status, year=c.year,
                     hedged=c.hedged, evidence=c.evidence, citation=c.citation, review=c.review,
                     pin=c.pin, rules=(c.rules or "").split(), confidence=c.confidence, title=d.title, url=d.url,
                     source_id=d.cluster_id or d.id)


def claims(store: Store, supplier: str | None = None, recipient: str | None = None, doc: str | None = None,
           review: str | None = None, record_id: int | None = None, limit: int | None = None) -> list[ClaimView]:
    original, kind, _ = strongest_link()
    q = select(ClaimRow, DocumentRow, Publisher.name, original, kind) \
        .join(DocumentRow, ClaimRow.document_id == DocumentRow.id) \
        .outerjoin(Publisher, DocumentRow.publisher_id == Publisher.id)
    if supplier:
        q = q.where(ClaimRow.supplier == supplier)
    if recipient:
        q = q.where(ClaimRow.recipient == recipient)
    if doc:
        q = q.where(DocumentRow.doc_key == doc)
    if review:
        q = q.where(ClaimRow.review == review)
    if record_id is not None:
        q = q.join(RecordClaim, RecordClaim.claim_id == ClaimRow.id).where(RecordClaim.record_id == record_id)
    q = q.order_by(DocumentRow.published, ClaimRow.id)
    if limit:
        q = q.limit(limit)
    with store.session() as s:
        return [_claim_view(c, d, p, o, k) for c, d, p, o, k in s.execute(q)]


def record_claims(store: Store, record_ids) -> dict[int, list[ClaimView]]:
    """The claims behind each of ``record_ids`` (rejected ones included; ``review`` says), oldest document first."""
    ids = sorted(set(record_ids))
    out: dict[int, list[ClaimView]] = {rid: [] for rid in ids}
    with store.session() as s:
        for i in range(0, len(ids), 500):
            original, kind, _ = strongest_link()
            q = select(RecordClaim.record_id, ClaimRow, DocumentRow, Publisher.name, original, kind) \
                .join(ClaimRow, ClaimRow.id == RecordClaim.claim_id) \
                .join(DocumentRow, ClaimRow.document_id == DocumentRow.id) \
                .outerjoin(Publisher, DocumentRow.publisher_id == Publisher.id) \
                .where(RecordClaim.record_id.in_(ids[i:i + 500])) \
                .order_by(DocumentRow.published, ClaimRow.id)
            for rid, c, d, p, o, k in s.execute(q):
                out[rid].append(_claim_view(c, d, p, o, k))
    return out


@dataclass
class SourceView:
    """A document as a source: ``cluster`` names its source cluster (the same for a document and every copy or
    echo of it, directly or through others: one independent source), ``echo_of`` lists the documents it repeats,
    strongest link first, each {id, doc, kind, score, reasons}; ``original_id``, ``original_doc``, ``echo_kind``
    and ``echo_score`` are those of the strongest."""
    id: int
    doc: str
    title: str | None
    publisher: str | None
    published: dt.date | None
    kind: str
    claims: int
    cluster: int
    echo_of: list[dict]
    original_id: int | None
    original_doc: str | None
    echo_kind: str | None
    echo_score: float | None


def sources(store: Store, limit: int | None = None) -> list[SourceView]:
    counts = select(ClaimRow.document_id, func.count().label("n")).group_by(ClaimRow.document_id).subquery()
    q = select(DocumentRow, Publisher.name, func.coalesce(counts.c.n, 0), source_of()) \
        .outerjoin(Publisher, DocumentRow.publisher_id == Publisher.id) \
        .outerjoin(counts, counts.c.document_id == DocumentRow.id) \
        .order_by(DocumentRow.published, DocumentRow.id)
    if limit:
        q = q.limit(limit)
    with store.session() as s:
        rows = s.execute(q).all()
        links = links_of(s, [d.id for d, *_ in rows])
    out = []
    for d, p, n, cluster in rows:
        mine = links[d.id]
        top = mine[0] if mine else None
        out.append(SourceView(id=d.id, doc=d.doc_key, title=d.title, publisher=p, published=d.published, kind=d.kind,
                              claims=n, cluster=cluster, echo_of=mine, original_id=top and top["id"],
                              original_doc=top and top["doc"], echo_kind=top and top["kind"],
                              echo_score=top and top["score"]))
    return out


def record(store: Store, ref: str) -> TransferRecord | None:
    """A record by id or by key."""
    with store.session() as s:
        row = s.get(RecordRow, int(ref)) if ref.isdigit() else None
        if row is None:
            row = s.scalar(select(RecordRow).where(RecordRow.key == ref))
        return with_links(s, [to_record(row)])[0] if row is not None else None


def register_links(store: Store) -> dict[int, int]:
    """news record id -> the register record it is linked to (store/links.py; the first when several)."""
    from armsflow.store.links import all_links

    with store.session() as s:
        out: dict[int, int] = {}
        for news_id, register_id, _ in all_links(s):
            out.setdefault(news_id, register_id)
        return out

