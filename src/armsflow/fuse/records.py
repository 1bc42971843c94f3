"""Claims from every document fused into transfer records, with a status timeline and a confidence.

Grouping: supplier, recipient and system family (or category when no designation is named), then by period —
claims whose event years lie within ``PERIOD_YEARS`` of a record's first year belong to it, so Serbia's 2017 and 2021
MiG-29 deals stay two records. A claim with no year stays undated: it is never given its document's publication year
(an article of 2023 recalling a 1990s delivery would date the delivery 2023). It joins the latest period of its
group, whose years other claims state, or, when no claim of the group states a year, makes a record with no year.

Pins: an analyst can overrule the grouping (store/review.py). Claims that share a pin make one record of their
supplier and recipient whatever their families and years; its key carries the pin, so it cannot collide with an
unpinned record or another pin's. Unpinned claims are grouped as above.

Independence: a document that is a copy or an echo of another counts as that other document; corroboration is the
number of distinct originals behind a record. Analyst decisions win: rejected claims are left out.

Confidence: ``1 - prod(1 - w)`` over independent sources, where a source weighs ``W_UNHEDGED`` (0.6) when any of
its claims states the transfer plainly, ``W_HEDGED`` (0.3) when it only hedges it, ``W_ACCEPTED`` (0.9) when an
analyst accepted its claim; a register row weighs ``W_REGISTER`` (0.95). One plain report gives 0.6, two give 0.84,
a hedged rumour alone 0.3.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from armsflow.model import StatusEvent, TransferRecord

PERIOD_YEARS = 4
W_UNHEDGED, W_HEDGED, W_ACCEPTED, W_REGISTER = 0.6, 0.3, 0.9, 0.95
STAGES = {"interest": 0, "negotiating": 1, "ordered": 2, "delivered": 3}


@dataclass(frozen=True)
class FuseClaim:
    """What fusion needs to know of a claim and of the document it came from."""
    claim_id: int
    source_id: int                 # the original document (the document itself unless it is an echo)
    published: dt.date | None
    supplier: str | None
    recipient: str | None
    family: str                    # system family or category: what the record is about
    system: str | None
    category: str
    quantity: int | None
    status: str
    year: int | None
    hedged: bool
    review: str = "extracted"      # extracted | accepted | rejected | edited
    pin: str | None = None         # an analyst's grouping: claims with one pin make one record of their dyad


@dataclass
class _Bucket:
    first_year: int | None
    claims: list[FuseClaim] = field(default_factory=list)


def group_key(c: FuseClaim) -> tuple:
    return (c.supplier, c.recipient, c.family)


def event_year(c: FuseClaim) -> int | None:
    """The year the claim states for its event; None when it states none (the publication date is not one)."""
    return c.year


def fuse(claims: list[FuseClaim]) -> list[tuple[TransferRecord, list[int]]]:
    """Records (with the ids of the claims behind each) for ``claims``; rejected claims are ignored."""
    groups: dict[tuple, list[FuseClaim]] = {}
    pinned: dict[tuple, list[FuseClaim]] = {}
    for c in claims:
        if c.review == "rejected":
            continue
        if c.pin is not None:
            pinned.setdefault((c.supplier, c.recipient, c.pin), []).append(c)
        else:
            groups.setdefault(group_key(c), []).append(c)
    out = []
    for key, members in groups.items():
        for bucket in _periods(members):
            record = _record(key, bucket.claims)
            out.append((record, sorted(c.claim_id for c in bucket.claims)))
    for (supplier, recipient, pin), members in pinned.items():
        family = _most_common([c.family for c in members])
        record = _record((supplier, recipient, f"{family}#{pin}"), members)
        out.append((record, sorted(c.claim_id for c in members)))
    return out


def _periods(members: list[FuseClaim]) -> list[_Bucket]:
    dated = sorted((c for c in members if event_year(c) is not None), key=lambda c: (event_year(c), c.claim_id))
    buckets: list[_Bucket] = []
    for c in dated:
        y = event_year(c)
        if buckets and y - buckets[-1].first_year <= PERIOD_YEARS:
            buckets[-1].claims.append(c)
        else:
            buckets.append(_Bucket(y, [c]))
    undated = [c for c in members if event_year(c) is None]
    if undated:
        if buckets:
            buckets[-1].claims.extend(undated)      # no year stated: the latest period it could belong to
        else:
            buckets.append(_Bucket(None, undated))
    return buckets


def _record(key: tuple, claims: list[FuseClaim]) -> TransferRecord:
    supplier, recipient, family = key
    years = [event_year(c) for c in claims if event_year(c) is not None]
    seen = [c.published for c in claims if c.published]
    quantities = [c.quantity for c in claims if c.quantity]
    systems = [c.system for c in claims if c.system]
    timeline = _timeline(claims)
    by_source: dict[int, list[FuseClaim]] = {}
    for c in claims:
        by_source.setdefault(c.source_id, []).append(c)
    weights, hedged, unhedged = [], 0, 0
    for cs in by_source.values():
        plain = not all(c.hedged for c in cs)
        hedged += not plain
        unhedged += plain
        if any(c.review == "accepted" for c in cs):
            weights.append(W_ACCEPTED)          # an analyst vouched for it: the wording no longer matters
        else:
            weights.append(W_UNHEDGED if plain else W_HEDGED)
    doubt = 1.0
    for w in weights:
        doubt *= 1 - w
    return TransferRecord(
        id=None, supplier=supplier, recipient=recipient,
        system=max(set(systems), key=systems.count) if systems else None,
        category=_most_common([c.category for c in claims]),
        period_start=min(years) if years else None, period_end=max(years) if years else None,
        status=record_status(timeline), timeline=timeline,
        first_seen=min(seen) if seen else None, last_seen=max(seen) if seen else None,
        quantity_min=min(quantities) if quantities else None, quantity_max=max(quantities) if quantities else None,
        claims=len(claims), sources=len(by_source), hedged=hedged, unhedged=unhedged,
        confidence=round(1 - doubt, 3), source="news",
        key=record_key("news", supplier, recipient, family, min(years) if years else None),
    )


def _timeline(claims: list[FuseClaim]) -> list[StatusEvent]:
    events: dict[tuple, StatusEvent] = {}
    for c in sorted(claims, key=lambda c: (c.published or dt.date.min, c.claim_id)):
        k = (c.status, c.year)
        ev = events.get(k)
        if ev is None:
            ev = events[k] = StatusEvent(c.status, c.year, c.published, [])
        ev.claim_ids.append(c.claim_id)
    return sorted(events.values(), key=lambda e: (e.year if e.year is not None else 9999,
                                                  STAGES.get(e.status, 9), e.first_seen or dt.date.min))


def record_status(timeline: list[StatusEvent]) -> str:
    """The furthest stage reached, unless the last word on it (by date) is a cancellation."""
    if not timeline:
        return "interest"
    latest = max(timeline, key=lambda e: (e.first_seen or dt.date.min, e.year or 0))
    if latest.status == "cancelled":
        return "cancelled"
    stages = [e.status for e in timeline if e.status in STAGES]
    return max(stages, key=STAGES.get) if stages else timeline[-1].status


def record_key(source: str, supplier, recipient, family: str, period_start: int | None) -> str:
    return f"{source}|{supplier or '-'}|{recipient or '-'}|{family}|{period_start if period_start else '-'}"


def _most_common(values: list[str]) -> str:
    """The most frequent value; ties go to the first in sorted order, so a record key does not depend on hashing."""
    return min(set(values), key=lambda v: (-values.count(v), v))
