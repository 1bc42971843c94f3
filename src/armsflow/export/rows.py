"""A transfer record as a flat row: the one field list every export format shares."""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping

from armsflow.model import StatusEvent, TransferRecord

# the columns of CSV, Parquet and JSON Lines, in order; the two *_name columns only when a name lookup is given
COLUMNS = ("id", "key", "source", "supplier", "supplier_name", "recipient", "recipient_name", "system", "category",
           "status", "period_start", "period_end", "quantity_min", "quantity_max", "first_seen", "last_seen",
           "claims", "sources", "hedged", "unhedged", "confidence", "timeline", "confirmation", "linked")
NAME_COLUMNS = ("supplier_name", "recipient_name")


def columns(names: Mapping[str, str] | None) -> list[str]:
    return [c for c in COLUMNS if names is not None or c not in NAME_COLUMNS]


def actor_name(code: str | None, names: Mapping[str, str] | None) -> str | None:
    """The display name of a code; the code itself when the lookup does not know it."""
    if code is None:
        return None
    if names is None:
        return code
    return names.get(code) or code


def finite(value: float | None) -> float | None:
    """NaN and infinities have no JSON spelling: they become null."""
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def event_dict(e: StatusEvent) -> dict:
    return {"status": e.status, "year": e.year,
            "first_seen": e.first_seen.isoformat() if e.first_seen else None,
            "claim_ids": list(e.claim_ids)}


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def record_dict(r: TransferRecord, names: Mapping[str, str] | None = None) -> dict:
    """Every field of a record as JSON-ready values (dates as ISO strings, the timeline as a list of objects)."""
    row = {"id": r.id, "key": r.key, "source": r.source, "supplier": r.supplier, "recipient": r.recipient,
           "system": r.system, "category": r.category, "status": r.status, "period_start": r.period_start,
           "period_end": r.period_end, "quantity_min": r.quantity_min, "quantity_max": r.quantity_max,
           "first_seen": iso(r.first_seen), "last_seen": iso(r.last_seen), "claims": r.claims, "sources": r.sources,
           "hedged": r.hedged, "unhedged": r.unhedged, "confidence": finite(r.confidence),
           "timeline": [event_dict(e) for e in r.timeline], "confirmation": r.confirmation or None,
           "linked": r.linked_ids}
    if names is not None:
        row["supplier_name"] = actor_name(r.supplier, names)
        row["recipient_name"] = actor_name(r.recipient, names)
    return {c: row[c] for c in columns(names)}
