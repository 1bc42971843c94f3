"""The stored links between news records and register records (``record_links``), written inside the transaction
that changes either side.

Fusion replaces news records (new ids: their old links go with them, ON DELETE CASCADE) and links the new ones;
a register import rewrites every link, since any register record may have changed. What links is decided by a
``Linker`` (fuse/register_link.py ``link_records`` with a family function), passed in by the engine.

Readers: ``not_linked_news`` keeps a linked news record out of a selection over every source (the register record
stands for the deal), and ``deal_links_of`` / ``with_links`` give each record the other side of its deal.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterable

from sqlalchemy import delete, exists, insert, select
from sqlalchemy.orm import Session

from armsflow.model import TransferRecord
from armsflow.store.schema import RecordLink, RecordRow

Linker = Callable[[list[TransferRecord], list[TransferRecord]], Iterable]     # -> fuse.register_link.Link items
CHUNK = 500


def not_linked_news():
    """A WHERE clause: the record is not a news record linked to a register record."""
    return ~exists().where(RecordLink.news_id == RecordRow.id)


def _records(s: Session, q) -> list[TransferRecord]:
    from armsflow.store.queries import to_record

    return [to_record(r) for r in s.execute(q)]


def write_links(s: Session, linker: Linker, news_ids: list[int] | None = None) -> set[str]:
    """Link the news records ``news_ids`` (None: every news record, every old link dropped first) to the register
    records of their recipients; returns the actors (supplier, recipient) of the news records whose links changed,
    whose counts over every source have changed with them."""
    table = RecordRow.__table__
    before: set[tuple] = set()
    if news_ids is None:
        before = {(n, r) for n, r, _ in all_links(s)}
        s.execute(delete(RecordLink))
        news = _records(s, select(table).where(table.c.source == "news", table.c.recipient.is_not(None)))
    else:
        news = []
        ids = sorted(set(news_ids))
        for i in range(0, len(ids), CHUNK):
            s.execute(delete(RecordLink).where(RecordLink.news_id.in_(ids[i:i + CHUNK])))
            news += _records(s, select(table).where(table.c.id.in_(ids[i:i + CHUNK]),
                                                    table.c.recipient.is_not(None)))
    if not news:
        return _actors(s, {n for n, _ in before})
    recipients = sorted({r.recipient for r in news})
    register = []
    for i in range(0, len(recipients), CHUNK):
        register += _records(s, select(table).where(table.c.source != "news",
                                                    table.c.recipient.in_(recipients[i:i + CHUNK]))
                             .order_by(table.c.id))
    rows = [{"news_id": k.news_id, "register_id": k.register_id, "reason": k.reason} for k in linker(news, register)]
    for i in range(0, len(rows), 10_000):
        s.execute(insert(RecordLink), rows[i:i + 10_000])
    after = {(r["news_id"], r["register_id"]) for r in rows}
    if news_ids is not None:                  # new records: their dyads are touched by the fusion already
        return {a for r in news if r.id in {n for n, _ in after} for a in (r.supplier, r.recipient) if a}
    return _actors(s, {n for n, _ in before ^ after})


def _actors(s: Session, ids: set[int]) -> set[str]:
    out: set[str] = set()
    ids = sorted(ids)
    for i in range(0, len(ids), CHUNK):
        for sup, rec in s.execute(select(RecordRow.supplier, RecordRow.recipient)
                                  .where(RecordRow.id.in_(ids[i:i + CHUNK]))):
            out.update(a for a in (sup, rec) if a)
    return out


def deal_links_of(s: Session, ids: Iterable[int]) -> dict[int, tuple[tuple[int, str], ...]]:
    """For each of ``ids`` that has links: the records on the other side of its deal, with the reasons."""
    ids = sorted(set(i for i in ids if i is not None))
    out: dict[int, list[tuple[int, str]]] = {}
    for i in range(0, len(ids), CHUNK):
        part = ids[i:i + CHUNK]
        q = select(RecordLink.news_id, RecordLink.register_id, RecordLink.reason) \
            .where(RecordLink.news_id.in_(part) | RecordLink.register_id.in_(part))
        wanted = set(part)
        for news_id, register_id, reason in s.execute(q):
            if news_id in wanted:
                out.setdefault(news_id, []).append((register_id, reason))
            if register_id in wanted:
                out.setdefault(register_id, []).append((news_id, reason))
    return {k: tuple(sorted(set(v))) for k, v in out.items()}


def all_links(s: Session) -> list[tuple[int, int, str]]:
    return [tuple(r) for r in s.execute(select(RecordLink.news_id, RecordLink.register_id, RecordLink.reason)
                                        .order_by(RecordLink.news_id, RecordLink.register_id))]


def with_links(s: Session, records: list[TransferRecord]) -> list[TransferRecord]:
    """``records`` with their ``links`` filled in."""
    if not records:
        return records
    if len(records) > 20 * CHUNK:              # many records: one read of the whole (small) table
        by: dict[int, list[tuple[int, str]]] = {}
        for news_id, register_id, reason in all_links(s):
            by.setdefault(news_id, []).append((register_id, reason))
            by.setdefault(register_id, []).append((news_id, reason))
        found = {k: tuple(sorted(v)) for k, v in by.items()}
    else:
        found = deal_links_of(s, [r.id for r in records])
    return [replace(r, links=found[r.id]) if r.id in found else r for r in records]
