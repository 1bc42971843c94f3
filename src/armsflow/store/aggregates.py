"""Counts the dashboard needs, computed by the database (GROUP BY) rather than by loading every record.

The overview and the state pages show how many records lie behind each flow, partner and category. On a store of
a million claims, loading the records to count them in Python takes seconds; a GROUP BY over the indexed columns
takes a fraction of that. The filters are exactly ``store.queries.RecordFilter``'s, so a count shown on a page is
the number of rows the /records list shows for the same filter.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Integer, func, or_, select

from armsflow.store.queries import RecordFilter, _filtered
from armsflow.store.repo import Store
from armsflow.store.schema import ClaimRow, DocumentRow, Publisher, RecordClaim, RecordRow


def flow_counts(store: Store, f: RecordFilter = RecordFilter()) -> list[tuple[str | None, str | None, int]]:
    """(supplier, recipient, records) for every dyad ``f`` admits, largest first."""
    n = func.count(RecordRow.id)
    q = _filtered(select(RecordRow.supplier, RecordRow.recipient, n), f) \
        .group_by(RecordRow.supplier, RecordRow.recipient).order_by(n.desc(), RecordRow.supplier, RecordRow.recipient)
    with store.session() as s:
        return [(a, b, int(c)) for a, b, c in s.execute(q)]


@dataclass
class StateCount:
    code: str
    imports: int = 0             # records with this state as recipient
    exports: int = 0             # records with this state as supplier

    @property
    def total(self) -> int:
        return self.imports + self.exports


def state_counts(store: Store, f: RecordFilter = RecordFilter()) -> dict[str, StateCount]:
    """Each actor's records as recipient and as supplier under ``f`` (two GROUP BYs)."""
    out: dict[str, StateCount] = {}
    with store.session() as s:
        for col, attr in ((RecordRow.recipient, "imports"), (RecordRow.supplier, "exports")):
            q = _filtered(select(col, func.count(RecordRow.id)), f).where(col.is_not(None)).group_by(col)
            for code, n in s.execute(q):
                setattr(out.setdefault(code, StateCount(code)), attr, int(n))
    return out


def partner_category_counts(store: Store, code: str, side: str,
                            f: RecordFilter = RecordFilter()) -> list[tuple[str | None, str, int]]:
    """(partner, category, records) of ``code``'s imports (``side="recipient"``) or exports (``"supplier"``)."""
    me, other = (RecordRow.recipient, RecordRow.supplier) if side == "recipient" else \
        (RecordRow.supplier, RecordRow.recipient)
    q = _filtered(select(other, RecordRow.category, func.count(RecordRow.id)), f).where(me == code) \
        .group_by(other, RecordRow.category)
    with store.session() as s:
        return [(p, c, int(n)) for p, c, n in s.execute(q)]


def has_records(store: Store, code: str) -> bool:
    """Whether ``code`` supplies or receives in any record (two index probes)."""
    with store.session() as s:
        return any(s.scalar(select(RecordRow.id).where(col == code).limit(1)) is not None
                   for col in (RecordRow.supplier, RecordRow.recipient))


def partner_counts(store: Store, code: str, side: str, f: RecordFilter = RecordFilter()) \
        -> list[tuple[str | None, int, int, int | None, int | None]]:
    """(partner, records, delivered records, first year, last year) of ``code``'s imports (``side="recipient"``)
    or exports (``"supplier"``) under ``f``, most records first."""
    me, other = (RecordRow.recipient, RecordRow.supplier) if side == "recipient" else \
        (RecordRow.supplier, RecordRow.recipient)
    delivered = func.sum((RecordRow.status == "delivered").cast(type_=Integer))
    q = _filtered(select(other, func.count(), delivered, func.min(RecordRow.period_start),
                         func.max(func.coalesce(RecordRow.period_end, RecordRow.period_start))), f) \
        .where(me == code).group_by(other)
    with store.session() as s:
        rows = [(c, int(n), int(d or 0), lo, hi) for c, n, d, lo, hi in s.execute(q)]
    return sorted(rows, key=lambda p: (-p[1], p[0] or ""))


@dataclass
class LatestClaim:
    id: int
    supplier: str | None
    recipient: str | None
    system: str | None
    category: str
    status: str
    year: int | None
    hedged: bool
    review: str
    evidence: str
    doc: str
    document_id: int
    title: str | None
    publisher: str | None
    published: dt.date | None


def latest_claims(store: Store, limit: int = 8, members: set[str] | None = None, since: int | None = None,
                  until: int | None = None) -> list[LatestClaim]:
    """The most recently stored claims (highest ids first: ids grow as claims are stored), rejected ones left out.

    ``members``: a party among these codes; ``since``/``until``: the claim's year inside (claims with no year
    pass, as records with no period do)."""
    q = select(ClaimRow, DocumentRow.doc_key, DocumentRow.title, DocumentRow.published, Publisher.name) \
        .join(DocumentRow, ClaimRow.document_id == DocumentRow.id) \
        .outerjoin(Publisher, DocumentRow.publisher_id == Publisher.id) \
        .where(ClaimRow.review != "rejected")
    if members:
        q = q.where(or_(ClaimRow.supplier.in_(members), ClaimRow.recipient.in_(members)))
    if since is not None:
        q = q.where(or_(ClaimRow.year >= since, ClaimRow.year.is_(None)))
    if until is not None:
        q = q.where(or_(ClaimRow.year <= until, ClaimRow.year.is_(None)))
    q = q.order_by(ClaimRow.id.desc()).limit(limit)
    with store.session() as s:
        return [LatestClaim(c.id, c.supplier, c.recipient, c.system, c.category, c.status, c.year, bool(c.hedged),
                            c.review, c.evidence, key, c.document_id, title, publisher, published)
                for c, key, title, published, publisher in s.execute(q)]


def first_claims(store: Store, record_ids) -> dict[int, int]:
    """For each record, the id of its first claim (the smallest): where a figure's evidence can be read."""
    ids = sorted(set(record_ids))
    out: dict[int, int] = {}
    with store.session() as s:
        for i in range(0, len(ids), 500):
            q = select(RecordClaim.record_id, func.min(RecordClaim.claim_id)) \
                .where(RecordClaim.record_id.in_(ids[i:i + 500])).group_by(RecordClaim.record_id)
            out.update({r: c for r, c in s.execute(q)})
    return out


def entry_candidates(store: Store, members: set[str] | None = None, since: int | None = None,
                     until: int | None = None, limit: int = 40) -> list[tuple[str, str, int]]:
    """(supplier, recipient, entry year) of the dyads whose first record starts within since..until, latest first.

    The entry year is the smallest start year (``period_start``, else ``period_end``; a record with no year has
    none) over every record of the dyad, whatever its source or strength, as analyze/entrants.py defines
    it; ``members`` keeps dyads whose recipient is among them. The caller confirms each candidate with
    ``analyze.entrants.new_entrants`` over that dyad's records alone (the source filter applies there)."""
    start = func.coalesce(RecordRow.period_start, RecordRow.period_end)
    year = func.min(start)
    q = select(RecordRow.supplier, RecordRow.recipient, year) \
        .where(RecordRow.supplier.is_not(None), RecordRow.recipient.is_not(None))
    if members is not None:
        q = q.where(RecordRow.recipient.in_(members))
    q = q.group_by(RecordRow.supplier, RecordRow.recipient).having(year.is_not(None))
    if since is not None:
        q = q.having(year >= since)
    if until is not None:
        q = q.having(year <= until)
    q = q.order_by(year.desc(), RecordRow.recipient, RecordRow.supplier).limit(limit)
    with store.session() as s:
        return [(a, b, int(y)) for a, b, y in s.execute(q)]
