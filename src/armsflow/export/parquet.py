"""Parquet: a typed, columnar table of transfer records (pyarrow)."""
from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

from armsflow.export.rows import actor_name, columns, finite
from armsflow.model import TransferRecord


def schema(names: Mapping[str, str] | None = None):
    """The Arrow schema of an export: nullable ints, dates as date32, the timeline as list<struct>."""
    import pyarrow as pa

    event = pa.struct([pa.field("status", pa.string(), nullable=False), pa.field("year", pa.int32()),
                       pa.field("first_seen", pa.date32()), pa.field("claim_ids", pa.list_(pa.int64()))])
    fields = {
        "id": pa.field("id", pa.int64()),
        "key": pa.field("key", pa.string()),
        "source": pa.field("source", pa.string(), nullable=False),
        "supplier": pa.field("supplier", pa.string()),
        "supplier_name": pa.field("supplier_name", pa.string()),
        "recipient": pa.field("recipient", pa.string()),
        "recipient_name": pa.field("recipient_name", pa.string()),
        "system": pa.field("system", pa.string()),
        "category": pa.field("category", pa.string(), nullable=False),
        "status": pa.field("status", pa.string(), nullable=False),
        "period_start": pa.field("period_start", pa.int32()),
        "period_end": pa.field("period_end", pa.int32()),
        "quantity_min": pa.field("quantity_min", pa.int64()),
        "quantity_max": pa.field("quantity_max", pa.int64()),
        "first_seen": pa.field("first_seen", pa.date32()),
        "last_seen": pa.field("last_seen", pa.date32()),
        "claims": pa.field("claims", pa.int32(), nullable=False),
        "sources": pa.field("sources", pa.int32(), nullable=False),
        "hedged": pa.field("hedged", pa.int32(), nullable=False),
        "unhedged": pa.field("unhedged", pa.int32(), nullable=False),
        "confidence": pa.field("confidence", pa.float64()),
        "timeline": pa.field("timeline", pa.list_(event), nullable=False),
        "confirmation": pa.field("confirmation", pa.string()),
        "linked": pa.field("linked", pa.list_(pa.int64()), nullable=False),
    }
    return pa.schema([fields[c] for c in columns(names)],
                     metadata={b"armsflow": b"transfer records; one row per record"})


def _row(r: TransferRecord, names: Mapping[str, str] | None) -> dict:
    row = {"id": r.id, "key": r.key, "source": r.source, "supplier": r.supplier, "recipient": r.recipient,
           "system": r.system, "category": r.category, "status": r.status, "period_start": r.period_start,
           "period_end": r.period_end, "quantity_min": r.quantity_min, "quantity_max": r.quantity_max,
           "first_seen": r.first_seen, "last_seen": r.last_seen, "claims": r.claims or 0, "sources": r.sources or 0,
           "hedged": r.hedged or 0, "unhedged": r.unhedged or 0, "confidence": finite(r.confidence),
           "timeline": [{"status": e.status, "year": e.year, "first_seen": e.first_seen,
                         "claim_ids": list(e.claim_ids)} for e in r.timeline],
           "confirmation": r.confirmation or None, "linked": r.linked_ids}
    if names is not None:
        row["supplier_name"] = actor_name(r.supplier, names)
        row["recipient_name"] = actor_name(r.recipient, names)
    return row


def write_parquet(records: Iterable[TransferRecord], path: str | os.PathLike,
                  names: Mapping[str, str] | None = None) -> int:
    """Write the records to a Parquet file at ``path``; returns the number of records written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [_row(r, names) for r in records]
    table = pa.Table.from_pylist(rows, schema=schema(names))
    pq.write_table(table, path)
    return table.num_rows
