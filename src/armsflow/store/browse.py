"""Paged listings and single items, as the REST API serves them: a page of rows plus the total the filter admits.

``store/queries.py`` answers the command line, which wants every row at once; a web client wants a page and a
count so it can ask for the next one. The filters are the same (``RecordFilter``), so a page of ``records_page``
is a slice of what ``queries.records`` returns, in the same order. The dashboard pages (the records list, a record
with its evidence in context, the review queue and the audit trail) use the functions in the second half.
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from sqlalchemy import bindparam, case, func, select

from armsflow.model import TransferRecord
from armsflow.store.links import with_links
from armsflow.store.queries import ClaimView, RecordFilter, _claim_view, _filtered, to_record
from armsflow.store.echoes import is_echo, links_of, source_of, strongest_link
from armsflow.store.repo import Store
from armsflow.store.schema import ClaimRow, DocumentRow, EchoLink, Edit, Publisher, RecordClaim, RecordRow


def records_page(store: Store, f: RecordFilter, limit: int, offset: int) -> tuple[int, list]:
    """(records ``f`` admits, those from ``offset`` on, at most ``limit``), ordered as ``queries.records``."""
    with store.session() as s:
        total = s.scalar(_filtered(select(func.count(RecordRow.id)), f))
        q = _filtered(select(RecordRow), f).order_by(RecordRow.supplier, RecordRow.recipient,
                                                    RecordRow.period_start, RecordRow.id)
        rows = with_links(s, [to_record(r) for r in s.scalars(q.limit(limit).offset(offset))])
    return total or 0, rows


@dataclass
class ClaimFilter:
    supplier: str | None = None
    recipient: str | None = None
    category: str | None = None
    status: str | None = None
    review: str | None = None
    doc: str | None = None                   # a document key
    document_id: int | None = None
    record_id: int | None = None


def _claims_select(what, f: ClaimFilter):
    q = what.select_from(ClaimRow).join(DocumentRow, ClaimRow.document_id == DocumentRow.id)
    for column, value in ((ClaimRow.supplier, f.supplier), (ClaimRow.recipient, f.recipient),
                          (ClaimRow.category, f.category), (ClaimRow.status, f.status),
                          (ClaimRow.review, f.review), (DocumentRow.doc_key, f.doc),
                          (ClaimRow.document_id, f.document_id)):
        if value is not None:
            q = q.where(column == value)
    if f.record_id is not None:
        q = q.join(RecordClaim, RecordClaim.claim_id == ClaimRow.id).where(RecordClaim.record_id == f.record_id)
    return q


def claims_page(store: Store, f: ClaimFilter, limit: int, offset: int) -> tuple[int, list[ClaimView]]:
    """(claims ``f`` admits, a page of them), oldest document first as ``queries.claims``."""
    with store.session() as s:
        total = s.scalar(_claims_select(select(func.count(ClaimRow.id)), f))
        q = _claims_select(select(ClaimRow, DocumentRow, Publisher.name), f) \
            .outerjoin(Publisher, DocumentRow.publisher_id == Publisher.id) \
            .order_by(DocumentRow.published, ClaimRow.id).limit(limit).offset(offset)
        rows = [_claim_view(c, d, p) for c, d, p in s.execute(q)]
    return total or 0, rows


def claim(store: Store, claim_id: int) -> ClaimView | None:
    with store.session() as s:
        row = s.execute(select(ClaimRow, DocumentRow, Publisher.name)
                        .join(DocumentRow, ClaimRow.document_id == DocumentRow.id)
                        .outerjoin(Publisher, DocumentRow.publisher_id == Publisher.id)
                        .where(ClaimRow.id == claim_id)).first()
        return _claim_view(*row) if row is not None else None


def claim_records(store: Store, claim_ids) -> dict[int, list[int]]:
    """The records each claim was fused into (none for a rejected claim)."""
    ids = sorted(set(claim_ids))
    out: dict[int, list[int]] = {i: [] for i in ids}
    with store.session() as s:
        for i in range(0, len(ids), 500):
            for cid, rid in s.execute(select(RecordClaim.claim_id, RecordClaim.record_id)
                                      .where(RecordClaim.claim_id.in_(ids[i:i + 500]))
                                      .order_by(RecordClaim.record_id)):
                out[cid].append(rid)
    return out


@dataclass
class DocumentFilter:
    publisher: str | None = None
    kind: str | None = None                  # text | html | pdf | feed
    echo: bool | None = None                 # True: only echoes of earlier documents; False: only originals
    since: dt.date | None = None             # published on or after
    until: dt.date | None = None             # published on or before


@dataclass
class DocumentView:
    id: int
    doc: str
    title: str | None
    url: str | None
    publisher: str | None
    published: dt.date | None
    kind: str
    language: str | None
    ingested_at: dt.datetime
    claims: int
    original_id: int | None                  # the document this one repeats (its strongest echo link), if any
    echo_kind: str | None
    echo_score: float | None
    text: str | None = None
    cluster: int | None = None               # its source cluster (one independent source)
    echo_of: list[dict] | None = None        # every document it repeats, strongest first, with the evidence


def _documents_select(what, f: DocumentFilter):
    q = what.select_from(DocumentRow).outerjoin(Publisher, DocumentRow.publisher_id == Publisher.id)
    if f.publisher:
        q = q.where(Publisher.name == f.publisher)
    if f.kind:
        q = q.where(DocumentRow.kind == f.kind)
    if f.echo is True:
        q = q.where(is_echo())
    elif f.echo is False:
        q = q.where(~is_echo())
    if f.since is not None:
        q = q.where(DocumentRow.published >= f.since)
    if f.until is not None:
        q = q.where(DocumentRow.published <= f.until)
    return q


def _claim_counts():
    return select(ClaimRow.document_id, func.count().label("n")).group_by(ClaimRow.document_id).subquery()


def _document_view(d: DocumentRow, publisher: str | None, n: int, original: int | None, kind: str | None,
                   score: float | None, with_text: bool) -> DocumentView:
    return DocumentView(id=d.id, doc=d.doc_key, title=d.title, url=d.url, publisher=publisher,
                        published=d.published, kind=d.kind, language=d.language, ingested_at=d.ingested_at,
                        claims=n or 0, original_id=original, echo_kind=kind, echo_score=score,
                        text=d.text if with_text else None, cluster=d.cluster_id or d.id)


def documents_page(store: Store, f: DocumentFilter, limit: int, offset: int) -> tuple[int, list[DocumentView]]:
    """(documents ``f`` admits, a page of them without their text), oldest first as ``queries.sources``."""
    counts = _claim_counts()
    with store.session() as s:
        total = s.scalar(_documents_select(select(func.count(DocumentRow.id)), f))
        q = _documents_select(select(DocumentRow, Publisher.name, counts.c.n, *strongest_link()), f) \
            .outerjoin(counts, counts.c.document_id == DocumentRow.id) \
            .order_by(DocumentRow.published, DocumentRow.id).limit(limit).offset(offset)
        rows = [_document_view(*r, False) for r in s.execute(q)]
        _with_links(s, rows)
    return total or 0, rows


def _with_links(s, views: list[DocumentView]) -> None:
    """Each view's echo links (every document it repeats, with the detector's evidence)."""
    links = links_of(s, [v.id for v in views])
    for v in views:
        v.echo_of = links[v.id]


def document(store: Store, document_id: int) -> DocumentView | None:
    """One document with its text."""
    counts = _claim_counts()
    with store.session() as s:
        row = s.execute(select(DocumentRow, Publisher.name, counts.c.n, *strongest_link())
                        .outerjoin(Publisher, DocumentRow.publisher_id == Publisher.id)
                        .outerjoin(counts, counts.c.document_id == DocumentRow.id)
                        .where(DocumentRow.id == document_id)).first()
        if row is None:
            return None
        view = _document_view(*row, True)
        _with_links(s, [view])
        return view


def echoes_of(store: Store, document_id: int) -> list[DocumentView]:
    """The documents that repeat this one (copies, near-copies, rewrites), each with its link to this one."""
    counts = _claim_counts()
    with store.session() as s:
        q = select(DocumentRow, Publisher.name, counts.c.n, EchoLink.echo_of_id, EchoLink.kind, EchoLink.score) \
            .join(EchoLink, EchoLink.document_id == DocumentRow.id) \
            .outerjoin(Publisher, DocumentRow.publisher_id == Publisher.id) \
            .outerjoin(counts, counts.c.document_id == DocumentRow.id) \
            .where(EchoLink.echo_of_id == document_id).order_by(DocumentRow.published, DocumentRow.id)
        rows = [_document_view(*r, False) for r in s.execute(q)]
        _with_links(s, rows)
        return rows


@dataclass
class StateFlows:
    code: str
    exports: int                             # records with this state as supplier
    imports: int                             # records with this state as recipient


def state_flows(store: Store) -> list[StateFlows]:
    """Every actor that appears in a record, with how many records it supplies and receives."""
    with store.session() as s:
        out = {c: [n, 0] for c, n in s.execute(select(RecordRow.supplier, func.count())
                                               .where(RecordRow.supplier.is_not(None))
                                               .group_by(RecordRow.supplier))}
        for c, n in s.execute(select(RecordRow.recipient, func.count()).where(RecordRow.recipient.is_not(None))
                              .group_by(RecordRow.recipient)):
            out.setdefault(c, [0, 0])[1] = n
    return [StateFlows(c, e, i) for c, (e, i) in sorted(out.items())]


# -- the records list, the record page and the review queue (web/pages/records.py, claims.py, review.py) -------------
# Everything below is one SQL page at a time (LIMIT/OFFSET plus a COUNT over the same filter), so a page costs the
# same on a store of a million records as on the samples.

RECORD_SORTS = {
    "pair": ("supplier, recipient, period",
             (RecordRow.supplier, RecordRow.recipient, RecordRow.period_start, RecordRow.id)),
    "newest": ("latest report first", (RecordRow.last_seen.desc(), RecordRow.id.desc())),
    "sources": ("most independent sources", (RecordRow.sources.desc(), RecordRow.claims.desc(), RecordRow.id)),
    "confidence": ("highest confidence", (RecordRow.confidence.desc(), RecordRow.id)),
    "period": ("latest period first", (func.coalesce(RecordRow.period_end, RecordRow.period_start).desc(),
                                       RecordRow.id.desc())),
}


@dataclass
class RecordTotals:
    records: int
    claims: int
    by_status: dict[str, int]


def record_totals(store: Store, f: RecordFilter) -> RecordTotals:
    """How many records ``f`` admits, the claims behind them and their count per status: one GROUP BY."""
    q = _filtered(select(RecordRow.status, func.count(RecordRow.id), func.sum(RecordRow.claims)), f) \
        .group_by(RecordRow.status)
    with store.session() as s:
        rows = s.execute(q).all()
    return RecordTotals(sum(n for _, n, _ in rows), sum(int(c or 0) for _, _, c in rows),
                        {st: n for st, n, _ in rows})


def records_sorted(store: Store, f: RecordFilter, sort: str, limit: int, offset: int) -> list:
    """A page of the records ``f`` admits, in one of ``RECORD_SORTS``."""
    order = RECORD_SORTS.get(sort, RECORD_SORTS["pair"])[1]
    with store.session() as s:
        return with_links(s, [to_record(r) for r in s.scalars(_filtered(select(RecordRow), f).order_by(*order)
                                                              .limit(limit).offset(offset))])


CONTEXT = 320                     # characters of document text read either side of a claim's evidence


@dataclass
class Evidence:
    """A claim with what a reader needs to judge it: the document around its evidence and where it came from."""
    claim: ClaimView
    title: str | None
    start: int                    # the evidence's offsets within ``context``
    end: int
    context: str
    source_id: int                # the independent source: the document's source cluster
    more_before: bool = False     # the document goes on before / after ``context`` mid-sentence (show "…")
    more_after: bool = False


STOPS = (". ", "\n", "! ", "? ")


def _sentence_window(text: str, lo: int, hi: int, cut_left: bool = False, cut_right: bool = False) \
        -> tuple[int, int]:
    """The stretch of ``text`` around [lo, hi): the evidence with the sentence before and after it, so a reader sees
    what the evidence refers to. The ends of ``text`` (a window cut from the document) are never trusted as
    sentence ends unless the document itself ends there."""
    start = lo
    for _ in range(2):
        left = max(text.rfind(p, 0, max(start - 1, 0)) for p in STOPS)
        if left < 0:                  # a window cut mid-sentence starts at a word, not inside one
            start = min(text.find(" ") + 1, lo) if cut_left else 0
            break
        start = left + 1
    end = hi
    for _ in range(2):
        rights = [i for i in (text.find(p, end + 1 if end > hi else end) for p in STOPS) if i >= 0]
        if not rights:
            end = max(text.rfind(" "), hi) if cut_right else len(text)
            break
        end = min(rights) + 1
    return start, end


def _squash(text: str) -> str:
    return " ".join(text.split()).lower()


def _evidence_statement():
    """Claims by id with their document's facts and the stretch of its text around the evidence (SUBSTR: never the
    whole text). Built once: a page that shows evidence pays only for running it."""
    c, d = ClaimRow.__table__.c, DocumentRow.__table__.c
    original, kind, _ = strongest_link(d)
    at = c.start - d.body_offset                                 # offsets count from the file, not the text
    lo = case((at > CONTEXT, at - CONTEXT), else_=0)
    return select(c.id, c.supplier, c.recipient, c.system, c.category, c.quantity, c.status, c.year, c.hedged,
                  c.evidence, c.citation, c.review, c.pin, c.rules, c.confidence, c.start, c.end, d.id.label("did"),
                  d.doc_key, d.published,
                  original.label("original_id"), kind.label("echo_kind"), source_of(d).label("source_id"), d.title,
                  Publisher.__table__.c.name.label("publisher"),
                  d.body_offset, lo.label("base"),
                  func.substr(d.text, lo + 1, c.end - d.body_offset - lo + CONTEXT).label("piece")) \
        .select_from(ClaimRow.__table__.join(DocumentRow.__table__, c.document_id == d.id)
                     .outerjoin(Publisher.__table__, d.publisher_id == Publisher.__table__.c.id)) \
        .where(c.id.in_(bindparam("ids", expanding=True)))


_EVIDENCE = _evidence_statement()


def _evidence(r) -> Evidence:
    view = ClaimView(id=r.id, doc=r.doc_key, document_id=r.did, publisher=r.publisher, published=r.published,
                     original_id=r.original_id, echo_kind=r.echo_kind, supplier=r.supplier, recipient=r.recipient,
                     system=r.system, category=r.category, quantity=r.quantity, status=r.status, year=r.year,
                     hedged=bool(r.hedged), evidence=r.evidence, citation=r.citation, review=r.review, pin=r.pin,
                     rules=(r.rules or "").split(), confidence=r.confidence, source_id=r.source_id)
    piece, base, body = r.piece or "", r.base, r.body_offset
    a, b = r.start - body - base, r.end - body - base
    if not (0 <= a < b <= len(piece)) or _squash(piece[a:b]) != _squash(r.evidence):
        piece, a, b = r.evidence, 0, len(r.evidence)          # offsets disagree with the text: show it alone
    w0, w1 = _sentence_window(piece, a, b, base > 0 and a > 0, len(piece) - b >= CONTEXT)
    before, after = piece[:w0].rstrip(), piece[w1:]
    return Evidence(view, r.title, a - w0, b - w0, piece[w0:w1], r.source_id,
                    more_before=(base > 0 or bool(before)) and not before.endswith((".", "!", "?")) and (base + w0) > 0,
                    more_after=bool(after.strip()) and not piece[:w1].rstrip().endswith((".", "!", "?")))


def claim_evidence(store: Store, claim_ids) -> list[Evidence]:
    """The claims ``claim_ids`` with their evidence in its sentence, oldest document first."""
    ids = sorted(set(claim_ids))
    out: list[Evidence] = []
    with store.session() as s:
        for i in range(0, len(ids), 500):
            out += [_evidence(r) for r in s.execute(_EVIDENCE, {"ids": ids[i:i + 500]})]
    out.sort(key=lambda e: (e.claim.published or dt.date.min, e.claim.id))
    return out


_TITLES = select(DocumentRow.id, func.coalesce(DocumentRow.title, DocumentRow.doc_key), Publisher.name,
                 DocumentRow.published).outerjoin(Publisher, DocumentRow.publisher_id == Publisher.id) \
    .where(DocumentRow.id.in_(bindparam("ids", expanding=True)))


def document_titles(store: Store, ids) -> dict[int, tuple[str, str | None, dt.date | None]]:
    """(title or key, publisher, published) of documents by id: the originals an echo group is headed by."""
    ids = sorted(set(ids))
    if not ids:
        return {}
    with store.session() as s:
        return {i: (t, p, d) for i, t, p, d in s.execute(_TITLES, {"ids": ids})}


@dataclass
class RecordDetail:
    """What the record page shows: the record, the register deal it was made from, its evidence and its edits."""
    record: TransferRecord
    register_row_id: int | None
    evidence: list[Evidence]
    titles: dict[int, tuple[str, str | None, dt.date | None]]
    history: list["EditView"]


_RECORD = select(RecordRow.__table__).where(RecordRow.__table__.c.id == bindparam("id"))
_RECORD_CLAIM_IDS = select(RecordClaim.claim_id).where(RecordClaim.record_id == bindparam("id"))


def record_detail(store: Store, record_id: int, history: int = 50) -> RecordDetail | None:
    """A record with everything its page shows, read in one session with statements built once: the page most
    visited, and the one a million-claim store must still serve in a few milliseconds."""
    with store.reading() as s:
        row = s.execute(_RECORD, {"id": record_id}).first()
        if row is None:
            return None
        ids = list(s.scalars(_RECORD_CLAIM_IDS, {"id": record_id}))
        evidence = claim_evidence(store, ids)
        titles = document_titles(store, {e.source_id for e in evidence})
        _, edits_ = edits(store, history, 0, claim_ids=ids) if ids else (0, [])
        rec = with_links(s, [to_record(row)])[0]
    return RecordDetail(rec, row.register_row_id, evidence, titles, edits_)


@dataclass
class EditView:
    id: int
    claim_id: int
    user: str
    at: dt.datetime
    action: str
    changes: dict | None
    note: str | None
    supplier: str | None          # the claim as it is now
    recipient: str | None
    system: str | None
    category: str


@functools.lru_cache(maxsize=None)
def _edit_statements(by_claims: bool, by_user: bool):
    """(count, page) statements of the audit trail for one combination of filters, built once."""
    def narrowed(q):
        if by_claims:
            q = q.where(Edit.claim_id.in_(bindparam("claims", expanding=True)))
        if by_user:
            q = q.where(Edit.user == bindparam("user"))
        return q

    page = narrowed(select(Edit.__table__, ClaimRow.supplier, ClaimRow.recipient, ClaimRow.system,
                           ClaimRow.category).join(ClaimRow, ClaimRow.id == Edit.claim_id)) \
        .order_by(Edit.id.desc()).limit(bindparam("limit")).offset(bindparam("offset"))
    return narrowed(select(func.count(Edit.id))), page


def edits(store: Store, limit: int, offset: int = 0, claim_ids=None, user: str | None = None) \
        -> tuple[int, list[EditView]]:
    """(edits in the audit trail, the newest page of them), for all claims or some, by anyone or one user."""
    count, page = _edit_statements(claim_ids is not None, bool(user))
    params = {"claims": sorted(set(claim_ids or ())), "user": user, "limit": limit, "offset": offset}
    if claim_ids is not None and not params["claims"]:
        return 0, []
    with store.session() as s:
        total = s.scalar(count, params)
        rows = [EditView(r.id, r.claim_id, r.user, r.at, r.action, r.changes, r.note, r.supplier, r.recipient,
                         r.system, r.category) for r in s.execute(page, params)]
    return total or 0, rows


@dataclass
class QueueFilter:
    supplier: str | None = None
    recipient: str | None = None
    category: str | None = None
    status: str | None = None
    only: str | None = None       # "hedged" | "single" (claims whose record has one independent source)


def _queue_select(what, f: QueueFilter, sources):
    q = what.select_from(ClaimRow).join(DocumentRow, ClaimRow.document_id == DocumentRow.id) \
        .outerjoin(sources, sources.c.claim_id == ClaimRow.id).where(ClaimRow.review == "extracted")
    for column, value in ((ClaimRow.supplier, f.supplier), (ClaimRow.recipient, f.recipient),
                          (ClaimRow.category, f.category), (ClaimRow.status, f.status)):
        if value:
            q = q.where(column == value)
    if f.only == "hedged":
        q = q.where(ClaimRow.hedged.is_(True))
    elif f.only == "single":
        q = q.where(func.coalesce(sources.c.n, 0) <= 1)
    return q


def review_queue(store: Store, f: QueueFilter, limit: int, offset: int) -> tuple[int, list[tuple[ClaimView, int]]]:
    """(claims awaiting review, a page of (claim, independent sources of its record)): the weakest first — hedged,
    then single-source — then the newest document."""
    sources = select(RecordClaim.claim_id, func.min(RecordRow.sources).label("n")) \
        .join(RecordRow, RecordRow.id == RecordClaim.record_id).group_by(RecordClaim.claim_id).subquery()
    n = func.coalesce(sources.c.n, 0)
    with store.session() as s:
        total = s.scalar(_queue_select(select(func.count(ClaimRow.id)), f, sources))
        q = _queue_select(select(ClaimRow, DocumentRow, Publisher.name, n), f, sources) \
            .outerjoin(Publisher, DocumentRow.publisher_id == Publisher.id) \
            .order_by(ClaimRow.hedged.desc(), (n > 1), DocumentRow.published.desc(), ClaimRow.id.desc()) \
            .limit(limit).offset(offset)
        rows = [(_claim_view(c, d, p), int(k or 0)) for c, d, p, k in s.execute(q)]
    return total or 0, rows
