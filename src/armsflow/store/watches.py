"""Watches in the store: saved criteria, each with a high-water mark over claim ids, and the transaction a run reads
the new claims in and moves the marks in (:func:`watch_batch`). What matches is decided by engine/watches.py.

**The mark.** Claims get increasing integer ids as they are stored, and a watch keeps ``last_claim_id``: the claims
with a larger id were stored after its last run, and a run looks at exactly those. Ids rather than
``documents.ingested_at``, because a timestamp cannot do this job: it is the ingesting process's clock when its
transaction began, not when the claims became visible, so a long ingest that commits after a watch run would carry
times older than that run and never be seen; two machines writing to one PostgreSQL server have two clocks; clocks
step backwards; many documents share one timestamp; and claims re-extracted into an old document keep that
document's old time. An id comparison is exact, indexed (it is the primary key) and has no ties.

For ids to work, every claim a run has not looked at must get an id above the mark:

- SQLite hands out ``max(id) + 1``, and has one writer at a time, so ids are assigned in commit order. An id is
  reused only when the newest claims are deleted; re-extraction (``Store.replace_claims``) therefore inserts the new
  claims before it deletes the old ones, and nothing else deletes claims.
- PostgreSQL takes ids from a sequence, which never goes back, but concurrent transactions commit out of id order:
  an ingest holding ids 100-110 can commit after one holding 111-120, and a run in between would move the mark to
  120 and skip 100-110 for ever. So a run that advances the mark first takes ``LOCK TABLE documents, claims IN
  SHARE MODE``: that waits for every transaction that has written claims or documents (an INSERT holds ROW
  EXCLUSIVE until it commits) and holds new ones off until the run commits. Every id at or below the maximum it
  then reads is committed or abandoned for good.

A run also keeps ``last_document_id``, the newest document it had seen: a new claim in an older document is a
re-extraction (a new extractor version read the document again), which a watch leaves out unless asked.

**One transaction.** A run that advances reads the watches (locked: ``SELECT ... FOR UPDATE`` on PostgreSQL; on
SQLite its first statement is a write, which takes the write lock, so two runs cannot both read the old mark),
reads the new claims, computes the matches (engine/watches.py), hands them to the caller's ``deliver`` (which
writes them out), and only then moves the marks, and commits. If the process dies anywhere before the commit, the
database rolls the transaction back: the marks stay where they were and the next run reports the same matches again. If it dies after
the commit, ``deliver`` had already returned: the output was written in full. So a crash never loses a match; the
one thing it can cause is a repeat, when it strikes after the output was written and before the commit was
durable (or when the commit itself fails). No program can do better with a sink that is not in the database (the
terminal, a pipe): either the output comes first (a crash can repeat) or the commit does (a crash can lose). A
match carries the watch name and the claim id, which together identify it for a consumer that must de-duplicate.
The transaction is held while ``deliver`` writes, so the output should be rendered first and written at once.

A dry run (``advance=False``) takes no lock and writes nothing.
"""
from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterable, Iterator

from sqlalchemy import JSON, DateTime, Integer, String, delete, func, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from armsflow.store.echoes import strongest_link
from armsflow.store.repo import Store, now
from armsflow.store.schema import Base, ClaimRow, DocumentRow, Entity, Publisher, RecordClaim, RecordRow
from armsflow.watch.match import KINDS, Criteria, WatchedClaim


class Watch(Base):
    """A saved watch: what it looks for, and how far its runs have read (claim and document high-water marks)."""
    __tablename__ = "watches"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(16))                        # claims | new-entrant
    criteria: Mapped[dict] = mapped_column(JSON)                         # armsflow.watch.match.Criteria
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str | None] = mapped_column(String(100))
    last_run_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_claim_id: Mapped[int] = mapped_column(Integer, default=0)       # claims above this id are new to it
    last_document_id: Mapped[int] = mapped_column(Integer, default=0)    # documents it had seen at its last run


class WatchError(Exception):
    """A watch cannot be added, found or run; the message is one line for the user."""


class WatchExists(WatchError):
    pass


class NoSuchWatch(WatchError):
    def __init__(self, names: Iterable[str]):
        self.names = sorted(names)
        super().__init__("no watch named " + ", ".join(repr(n) for n in self.names))


@dataclass
class WatchView:
    id: int
    name: str
    kind: str
    criteria: Criteria
    created_at: dt.datetime
    created_by: str | None
    last_run_at: dt.datetime | None
    last_claim_id: int
    last_document_id: int

    @property
    def description(self) -> str:
        return self.criteria.describe(self.kind)

    def to_json(self) -> dict:
        return {"name": self.name, "kind": self.kind, "criteria": self.criteria.to_json(),
                "description": self.description, "created_at": _iso(self.created_at), "created_by": self.created_by,
                "last_run_at": _iso(self.last_run_at), "last_claim_id": self.last_claim_id,
                "last_document_id": self.last_document_id}


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _view(w: Watch) -> WatchView:
    return WatchView(id=w.id, name=w.name, kind=w.kind, criteria=Criteria.from_json(w.criteria),
                     created_at=w.created_at, created_by=w.created_by, last_run_at=w.last_run_at,
                     last_claim_id=w.last_claim_id, last_document_id=w.last_document_id)


def _lock_writers(s: Session, dialect: str) -> None:
    """PostgreSQL: wait for every transaction that has written claims or documents, and keep new ones out until
    this transaction ends, so that no id at or below the maximum read next can still appear (see the docstring)."""
    if dialect == "postgresql":
        s.execute(text("LOCK TABLE documents, claims IN SHARE MODE"))


def _horizon(s: Session) -> tuple[int, int]:
    return (s.scalar(select(func.max(ClaimRow.id))) or 0, s.scalar(select(func.max(DocumentRow.id))) or 0)


# -- saving, listing, removing -------------------------------------------------------------------------------------
def add_watch(store: Store, name: str, kind: str, criteria: Criteria, created_by: str | None = None,
              backfill: bool = False) -> WatchView:
    """Save a watch. Its first run reports the claims stored after this moment, or every stored claim with
    ``backfill``. Raises WatchExists when the name is taken, WatchError when the criteria are not valid."""
    problems = criteria.problems(kind)
    if problems:
        raise WatchError("; ".join(problems))
    if not name or not name.strip() or len(name) > 100:
        raise WatchError("a watch needs a name of 1 to 100 characters")
    try:
        with store.session() as s, s.begin():
            _lock_writers(s, store.dialect)
            w = Watch(name=name, kind=kind, criteria=criteria.to_json(), created_at=now(), created_by=created_by,
                      last_claim_id=0, last_document_id=0)
            s.add(w)
            s.flush()                         # on SQLite the INSERT takes the write lock: the maximum read is final
            if not backfill:
                w.last_claim_id, w.last_document_id = _horizon(s)
            s.flush()
            return _view(w)
    except IntegrityError:
        raise WatchExists(f"a watch named {name!r} exists already") from None


def list_watches(store: Store) -> list[WatchView]:
    with store.session() as s:
        return [_view(w) for w in s.scalars(select(Watch).order_by(Watch.name))]


def get_watch(store: Store, name: str) -> WatchView:
    with store.session() as s:
        w = s.scalar(select(Watch).where(Watch.name == name))
        if w is None:
            raise NoSuchWatch([name])
        return _view(w)


def remove_watch(store: Store, name: str) -> None:
    with store.session() as s, s.begin():
        if s.execute(delete(Watch).where(Watch.name == name)).rowcount == 0:
            raise NoSuchWatch([name])


# -- what a run reads and moves (the matching itself is engine/watches.py) ----------------------------------------
@dataclass
class NewClaim:
    """A claim stored after some watch's mark: the plain claim the matchers read, its document, its evidence."""
    claim: WatchedClaim
    document_id: int
    info: dict


class WatchBatch:
    """One run's transaction: the watches as they were (``views``), the claim and document horizons, and readers of
    the claims between the lowest mark and the horizon."""

    def __init__(self, s: Session, views: list[WatchView], top_claim: int, top_doc: int):
        self._s, self.views, self.top_claim, self.top_doc = s, views, top_claim, top_doc

    @property
    def low(self) -> int:
        return min(v.last_claim_id for v in self.views)

    def new_claims(self, with_sources: bool = False) -> list[NewClaim]:
        """The claims above the lowest mark, up to the horizon, in id order; ``with_sources``: each with the
        independent sources of its news record (0 when it is in none)."""
        s, low, top = self._s, self.low, self.top_claim
        sources = {}
        if with_sources:
            sources = dict(s.execute(
                select(RecordClaim.claim_id, func.max(RecordRow.sources))
                .join(RecordRow, RecordRow.id == RecordClaim.record_id)
                .where(RecordRow.source == "news", RecordClaim.claim_id > low, RecordClaim.claim_id <= top)
                .group_by(RecordClaim.claim_id)).all())
        rows = s.execute(
            select(ClaimRow, DocumentRow.doc_key, DocumentRow.title, DocumentRow.published, DocumentRow.url,
                   strongest_link()[0], Publisher.name)
            .join(DocumentRow, ClaimRow.document_id == DocumentRow.id)
            .outerjoin(Publisher, DocumentRow.publisher_id == Publisher.id)
            .where(ClaimRow.id > low, ClaimRow.id <= top).order_by(ClaimRow.id)).all()
        originals = {o for *_, o, _p in rows if o is not None}
        original_keys = dict(s.execute(select(DocumentRow.id, DocumentRow.doc_key)
                                       .where(DocumentRow.id.in_(originals))).all()) if originals else {}
        out = []
        for c, key, title, published, url, original, publisher in rows:
            wc = WatchedClaim(id=c.id, supplier=c.supplier, recipient=c.recipient, system=c.system,
                              category=c.category, status=c.status, year=c.year, hedged=bool(c.hedged),
                              review=c.review, quantity=c.quantity, sources=sources.get(c.id, 0),
                              echo=original is not None)
            out.append(NewClaim(wc, c.document_id, dict(
                evidence=c.evidence, citation=c.citation, doc=key, title=title, publisher=publisher,
                published=published, url=url, echo_of=original_keys.get(original))))
        return out

    def history(self, suppliers: set[str]) -> tuple[list[WatchedClaim], list[tuple]]:
        """What new-entrant watches compare with: every claim of these suppliers up to the horizon, and the register
        records (supplier, recipient, system, category) of these suppliers."""
        s = self._s
        claims = [WatchedClaim(id=i, supplier=sup, recipient=rec, system=system, category=cat, status=status,
                               hedged=bool(hedged), review=review)
                  for i, sup, rec, system, cat, status, hedged, review in s.execute(
                      select(ClaimRow.id, ClaimRow.supplier, ClaimRow.recipient, ClaimRow.system, ClaimRow.category,
                             ClaimRow.status, ClaimRow.hedged, ClaimRow.review)
                      .where(ClaimRow.supplier.in_(suppliers), ClaimRow.id <= self.top_claim))]
        register = [tuple(r) for r in s.execute(
            select(RecordRow.supplier, RecordRow.recipient, RecordRow.system, RecordRow.category)
            .where(RecordRow.source != "news", RecordRow.supplier.in_(suppliers)))]
        return claims, register

    def names(self, codes: set[str]) -> dict[str, str]:
        """The stored display names of these actor codes."""
        if not codes:
            return {}
        return dict(self._s.execute(select(Entity.code, Entity.name).where(Entity.code.in_(codes))).all())


@contextmanager
def watch_batch(store: Store, names: Iterable[str] | None = None, *, advance: bool = True) -> Iterator[WatchBatch]:
    """The transaction of a run of the named watches (all when ``names`` is empty; NoSuchWatch for a name not
    saved). With ``advance`` the writers are held off and, when the block ends without an error, every watch's marks
    move to the horizon read at its start (see the module docstring); the block's error rolls everything back."""
    names = list(dict.fromkeys(names or []))
    with store.session() as s, s.begin():
        q = select(Watch.id, Watch.name)
        if names:
            q = q.where(Watch.name.in_(names))
        found = dict(s.execute(q).all())
        missing = set(names) - set(found.values())
        if missing:
            raise NoSuchWatch(missing)
        if not found:
            yield WatchBatch(s, [], 0, 0)
            return
        q = select(Watch).where(Watch.id.in_(found)).order_by(Watch.name)
        if advance:
            _lock_writers(s, store.dialect)
            if store.dialect == "sqlite":     # a write first: it takes the write lock before anything is read
                s.execute(update(Watch).where(Watch.id.in_(found)).values(last_claim_id=Watch.last_claim_id))
            else:
                q = q.with_for_update()
        watches = list(s.scalars(q))
        views = [_view(w) for w in watches]
        if len(views) < len(found):           # removed meanwhile
            raise NoSuchWatch(set(found.values()) - {v.name for v in views})
        top_claim, top_doc = _horizon(s)
        yield WatchBatch(s, views, top_claim, top_doc)
        if advance:
            at = now()
            for w in watches:
                w.last_claim_id = max(w.last_claim_id, top_claim)
                w.last_document_id = max(w.last_document_id, top_doc)
                w.last_run_at = at


__all__ = ["KINDS", "Watch", "WatchError", "WatchExists", "NoSuchWatch", "WatchView", "NewClaim", "WatchBatch",
           "add_watch", "list_watches", "get_watch", "remove_watch", "watch_batch"]
