"""Merging and splitting records, stored as pins on their claims.

Every fusion rebuilds the records from the claims, so an analyst's "these are one deal" or "these are two deals"
cannot live on a record: it is stored on the claims instead, as a pin that fusion honours (fuse/records.py). Claims
with one pin make one record of their supplier and recipient.

Each changed claim gets an edit in the audit trail (action merge, split or unpin, changes ``{"pin": [old, new]}``),
committed in one transaction with the pins, the store's unfused mark and a new store revision. The caller then fuses
the dyad again (cli/review.py does, as `armsflow claim` does after a review).
"""
from __future__ import annotations

import secrets
from typing import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from armsflow.store.repo import Store, _bump, now
from armsflow.store.schema import ClaimRow, Edit, RecordClaim, RecordRow


def new_pin() -> str:
    """64 random bits as hex: a pin is only compared within one supplier/recipient pair, so it never repeats."""
    return secrets.token_hex(8)


def claim_record_id(store: Store, claim_id: int) -> int | None:
    """The record that holds the claim now (none if it is rejected or not fused yet)."""
    with store.session() as s:
        return s.scalar(select(RecordClaim.record_id).where(RecordClaim.claim_id == claim_id)
                        .order_by(RecordClaim.record_id).limit(1))


def record_of_pin(store: Store, pin: str) -> int | None:
    """The record that the claims with this pin make now (after the dyad was fused again)."""
    with store.session() as s:
        return s.scalar(select(RecordClaim.record_id).join(ClaimRow, ClaimRow.id == RecordClaim.claim_id)
                        .where(ClaimRow.pin == pin).order_by(RecordClaim.record_id).limit(1))


def merge_records(store: Store, record_ids: Iterable[int], user: str, note: str | None = None) -> str:
    """Make news records of one supplier and recipient one record: their claims get one new pin, returned."""
    ids = sorted(set(record_ids))
    if len(ids) < 2:
        raise ValueError("merge needs at least two different records")
    _check_user(user)
    with store.session() as s, s.begin():
        records = _news_records(s, ids)
        if len({(r.supplier, r.recipient) for r in records}) > 1:
            raise ValueError(f"records {', '.join(map(str, ids))} have different supplier/recipient: "
                             f"correct the claims first")
        claims = _claims_of(s, ids)
        pin = new_pin()
        _set_pins(s, claims, pin, user, "merge", note)
    return pin


def split_record(store: Store, record_id: int, claim_ids: Iterable[int], user: str, note: str | None = None) -> str:
    """Move some of a record's claims into a record of their own: they get a new pin (returned); the others keep
    theirs, or none."""
    wanted = set(claim_ids)
    if not wanted:
        raise ValueError("split needs the claims that leave the record")
    _check_user(user)
    with store.session() as s, s.begin():
        _news_records(s, [record_id])
        claims = _claims_of(s, [record_id])
        held = {c.id for c in claims}
        stray = sorted(wanted - held)
        if stray:
            raise ValueError(f"claim{'s' if len(stray) > 1 else ''} {', '.join(map(str, stray))} "
                             f"{'are' if len(stray) > 1 else 'is'} not in record {record_id}")
        if wanted == held:
            raise ValueError(f"record {record_id}: a split must leave at least one of its {len(held)} claims behind")
        pin = new_pin()
        _set_pins(s, [c for c in claims if c.id in wanted], pin, user, "split", note)
    return pin


def unpin(store: Store, claim_ids: Iterable[int], user: str, note: str | None = None) -> set[tuple]:
    """Undo merges and splits for these claims: fusion groups them as it would on its own again. Returns the
    (supplier, recipient) pairs whose records need fusing again (none if no claim had a pin)."""
    ids = sorted(set(claim_ids))
    _check_user(user)
    with store.session() as s, s.begin():
        claims = s.scalars(select(ClaimRow).where(ClaimRow.id.in_(ids)).with_for_update()).all()
        missing = sorted(set(ids) - {c.id for c in claims})
        if missing:
            raise ValueError(f"no claim {', '.join(map(str, missing))}")
        pinned = [c for c in claims if c.pin is not None]
        if pinned:
            _set_pins(s, pinned, None, user, "unpin", note)
        return {(c.supplier, c.recipient) for c in pinned}


def _check_user(user: str) -> None:
    if not isinstance(user, str) or not 1 <= len(user.strip()) <= 100:
        raise ValueError("give the reviewing user's name (1 to 100 characters)")


def _news_records(s: Session, ids: list[int]) -> list[RecordRow]:
    records = s.scalars(select(RecordRow).where(RecordRow.id.in_(ids))).all()
    missing = sorted(set(ids) - {r.id for r in records})
    if missing:
        raise ValueError(f"no record {', '.join(map(str, missing))}")
    for r in records:
        if r.source != "news":
            raise ValueError(f"record {r.id} comes from the {r.source} register: only news records are fused "
                             f"from claims")
    return records


def _claims_of(s: Session, record_ids: list[int]) -> list[ClaimRow]:
    return list(s.scalars(select(ClaimRow).join(RecordClaim, RecordClaim.claim_id == ClaimRow.id)
                          .where(RecordClaim.record_id.in_(record_ids)).order_by(ClaimRow.id)
                          .with_for_update(of=ClaimRow)).unique())


def _set_pins(s: Session, claims: list[ClaimRow], pin: str | None, user: str, action: str,
              note: str | None) -> None:
    at = now()
    for c in claims:
        if c.pin != pin:
            s.add(Edit(claim_id=c.id, user=user, at=at, action=action, changes={"pin": [c.pin, pin]}, note=note))
            c.pin = pin
    Store._mark_unfused(s, {(c.supplier, c.recipient) for c in claims})
    _bump(s)
