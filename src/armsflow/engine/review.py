"""Reviewing: accept, reject or correct a claim; merge records, split a record, unpin claims; each then re-fused.

The one home of the review workflow that the command line (`armsflow claim|record`), the REST API, the web pages
and the library (``armsflow.open(...).review``) all run: under the store's writer lock (store/locks.py), note the
pairs the change touches, apply it through the store (audited: store/repo.py ``edit_claim``, store/review.py pins),
then fuse those pairs again (engine/fusion.py, which also fuses every pair marked unfused) and say where the claims
are now. Record ids change whenever a pair is fused again, claim ids never do, so the outcomes name records as they
are after the fusion.

The change is committed before the fusion. When the fusion fails, :class:`ChangeKept` carries the outcome known so
far, the stage that failed ("summaries": the records are fused, only the state summaries are stale; "fusion": the
next ingest or review fuses them) and the problem, so each shell can say so in its own words.
"""
from __future__ import annotations

from dataclasses import dataclass, field

ACTIONS = ("accept", "reject", "edit")


class NotFound(LookupError):
    """No claim or record of that id; the message is one line ("no claim 12")."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "not found"


class ChangeKept(Exception):
    """The change is committed but fusing its records again failed (at ``stage``: summaries or fusion)."""

    def __init__(self, outcome, stage: str, problem: str):
        super().__init__(problem)
        self.outcome, self.stage, self.problem = outcome, stage, problem


@dataclass
class ClaimReview:
    """A reviewed claim: its new review state, the record holding it now, and (after a reject) where the rest of its
    old record went."""
    claim_id: int
    action: str
    review: str
    user: str
    document_id: int
    supplier: str | None
    recipient: str | None
    record_id: int | None = None
    rest_record_id: int | None = None


@dataclass
class RecordChange:
    """A merge, split or unpin: the record(s) the claims make now."""
    action: str
    user: str
    record_id: int | None = None               # merge: the merged record; split: the record of the moved claims
    kept_record_id: int | None = None          # split: the record of the claims left behind
    claim_ids: list[int] = field(default_factory=list)
    kept_claims: int = 0
    pairs: set = field(default_factory=set)    # unpin: the (supplier, recipient) pairs re-fused (empty: no pin)


def default_families():
    """The fusion families from the catalogue (what every shell uses unless it already built an extractor)."""
    from armsflow.catalog import load_catalog
    from armsflow.catalog.gazetteer import gazetteer_for
    from armsflow.fuse.family import Families

    return Families(gazetteer_for(load_catalog()))


def _refuse(store, families, dyads: set[tuple], outcome, after=None, progress=None):
    """Fuse ``dyads`` (and every pair marked unfused) again, then fill in ``outcome`` with ``after``; ``progress``
    hears the fusion's stages (progress.py)."""
    from armsflow.engine.fusion import SummariesFailed, refuse

    failure = None
    try:
        refuse(store, families if families is not None else default_families(), dyads, progress=progress)
    except SummariesFailed as exc:
        failure = ("summaries", str(exc))
    except Exception as exc:  # noqa: BLE001 - the change is committed: the shells say so, in one line
        problem = str(getattr(exc, "orig", None) or exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ChangeKept(outcome, "fusion", problem) from exc
    if after is not None:
        after(outcome)
    if failure:
        raise ChangeKept(outcome, *failure)
    return outcome


def review_claim(store, claim_id: int, user: str, action: str, changes: dict | None = None,
                 note: str | None = None, families=None, progress=None) -> ClaimReview:
    """Accept, reject or edit (``changes``: field -> value) a claim, then fuse its pair before and after the change.
    Raises NotFound for an unknown claim, ValueError for a refused change."""
    from armsflow.store.locks import writer_lock
    from armsflow.store.queries import record_claims
    from armsflow.store.review import claim_record_id

    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r} (one of {', '.join(ACTIONS)})")
    with writer_lock(store.engine):
        before = store.claim_dyad(claim_id)
        if before is None:
            raise NotFound(f"no claim {claim_id}")
        old_record = claim_record_id(store, claim_id)
        siblings = [c.id for c in record_claims(store, [old_record])[old_record] if c.id != claim_id] \
            if old_record else []
        try:
            row = store.edit_claim(claim_id, user, action, changes, note)
        except KeyError:
            raise NotFound(f"no claim {claim_id}") from None
        outcome = ClaimReview(claim_id=claim_id, action=action, review=row.review, user=user,
                              document_id=row.document_id, supplier=row.supplier, recipient=row.recipient)

        def after(o: ClaimReview) -> None:
            o.record_id = claim_record_id(store, claim_id)
            o.rest_record_id = next((r for r in (claim_record_id(store, s) for s in siblings) if r is not None),
                                    None)
        return _refuse(store, families, {before, (row.supplier, row.recipient)}, outcome, after, progress)


def merge(store, record_ids, user: str, note: str | None = None, families=None,
          progress=None) -> RecordChange:
    """Make several news records of one supplier and recipient one record (their claims get one pin)."""
    from armsflow.store.locks import writer_lock
    from armsflow.store.queries import record
    from armsflow.store.review import merge_records, record_of_pin

    ids = sorted(set(record_ids))
    with writer_lock(store.engine):
        first = record(store, str(ids[0])) if ids else None
        pin = merge_records(store, ids, user, note)           # checks the ids, the pair and the user
        outcome = RecordChange("merge", user, claim_ids=[])

        def after(o: RecordChange) -> None:
            o.record_id = record_of_pin(store, pin)
        return _refuse(store, families, {(first.supplier, first.recipient)}, outcome, after, progress)


def split(store, record_id: int, claim_ids, user: str, note: str | None = None, families=None,
          progress=None) -> RecordChange:
    """Move some claims of a record into a record of their own; the others stay together."""
    from armsflow.store.locks import writer_lock
    from armsflow.store.queries import record, record_claims
    from armsflow.store.review import claim_record_id, record_of_pin, split_record

    moved = sorted(set(claim_ids))
    with writer_lock(store.engine):
        rec = record(store, str(record_id))
        if rec is None:
            raise NotFound(f"no record {record_id}")
        rest = [c.id for c in record_claims(store, [record_id])[record_id] if c.id not in moved]
        pin = split_record(store, record_id, moved, user, note)
        outcome = RecordChange("split", user, claim_ids=moved, kept_claims=len(rest))

        def after(o: RecordChange) -> None:
            o.record_id = record_of_pin(store, pin)
            o.kept_record_id = claim_record_id(store, rest[0]) if rest else None
        return _refuse(store, families, {(rec.supplier, rec.recipient)}, outcome, after, progress)


def unpin(store, claim_ids, user: str, note: str | None = None, families=None, progress=None) -> RecordChange:
    """Undo merges and splits for these claims: fusion groups them on its own again."""
    from armsflow.store.locks import writer_lock
    from armsflow.store.review import unpin as store_unpin

    ids = sorted(set(claim_ids))
    with writer_lock(store.engine):
        dyads = store_unpin(store, ids, user, note)
        outcome = RecordChange("unpin", user, claim_ids=ids, pairs=set(dyads))
        return _refuse(store, families, dyads, outcome, progress=progress) if dyads else outcome
