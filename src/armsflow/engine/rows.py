"""Typed records as the REST API's JSON rows (web/api/schemas.py), so the API, the library's ``.rows()`` and its
data frames all use the same field names."""
from __future__ import annotations

import dataclasses

from armsflow.export.rows import actor_name, record_dict


def record_rows(records, names: dict) -> list[dict]:
    """TransferRecords as the API's ``Record``: every field, the actors' names, the timeline as objects."""
    return [record_dict(r, names) for r in records]


def claim_row(c, names: dict, records: list[int]) -> dict:
    row = dataclasses.asdict(c)
    for detail in ("title", "url"):         # the document's, shown on the document (the API's Claim has neither)
        row.pop(detail, None)
    row["supplier_name"] = actor_name(c.supplier, names)
    row["recipient_name"] = actor_name(c.recipient, names)
    row["records"] = records
    return row


def claim_rows(store, views, names: dict) -> list[dict]:
    """ClaimViews as the API's ``Claim``: with the actors' names and the records each claim is fused into."""
    from armsflow.store.browse import claim_records

    linked = claim_records(store, [c.id for c in views])
    return [claim_row(c, names, linked.get(c.id, [])) for c in views]


def document_rows(views) -> list[dict]:
    """DocumentViews as the API's ``Document`` (the text and the detail's echo links left out)."""
    out = []
    for d in views:
        row = dataclasses.asdict(d)
        row.pop("text", None)
        row.pop("echo_of", None)
        out.append(row)
    return out


def plain_rows(items) -> list[dict]:
    """Any dataclasses (analyses, sources) as dicts of their fields."""
    return [dataclasses.asdict(x) for x in items]
