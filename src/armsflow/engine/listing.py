"""The rows the listings show: records, claims and documents as JSON-ready dicts, named field for field as the REST
API's schemas (web/api/schemas.py) name them. The command line's json, jsonl and csv, the API and the library all
build their rows here, so that a field is called the same wherever it is read."""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping

from armsflow.export.rows import actor_name, record_dict


def record_rows(records: Iterable, names: Mapping[str, str]) -> list[dict]:
    """Every field of each record (export/rows.py), with the supplier's and recipient's names."""
    return [record_dict(r, names) for r in records]


def claim_fields() -> list[str]:
    """The fields of a claim row, in order (a CSV's header even when no claim is listed)."""
    from armsflow.store.queries import ClaimView

    return [f.name for f in dataclasses.fields(ClaimView)] + ["supplier_name", "recipient_name", "records"]


def document_fields() -> list[str]:
    from armsflow.store.browse import DocumentView

    return [f.name for f in dataclasses.fields(DocumentView) if f.name != "text"]


def claim_row(c, names: Mapping[str, str], records: list[int]) -> dict:
    row = dataclasses.asdict(c)
    row["supplier_name"] = actor_name(c.supplier, names)
    row["recipient_name"] = actor_name(c.recipient, names)
    row["records"] = records
    return row


def claim_rows(store, views, names: Mapping[str, str]) -> list[dict]:
    """Each claim with its actors' names and the records it was fused into (none for a rejected claim)."""
    from armsflow.store.browse import claim_records

    linked = claim_records(store, [c.id for c in views])
    return [claim_row(c, names, linked.get(c.id, [])) for c in views]


def document_row(d) -> dict:
    """A document without its text (store/browse.DocumentView)."""
    row = dataclasses.asdict(d)
    row.pop("text")
    row["echo_of"] = row["echo_of"] or []
    return row


def document_rows(views) -> list[dict]:
    return [document_row(d) for d in views]


def plain_rows(items) -> list[dict]:
    """Any dataclasses (analyses, sources) as dicts of their fields, with the properties they name in
    ``__derived__`` (a host's label, an entrant's first evidence), as ``--format json`` prints them."""
    return [dataclasses.asdict(x) | {k: getattr(x, k) for k in getattr(type(x), "__derived__", ())} for x in items]
