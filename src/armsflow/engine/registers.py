"""Registers in the knowledge store: import an export as deals and records; compare the register with the news.

``import_register`` reads a SIPRI export (either layout), stores its deals and rebuilds the register's records from
every stored export (fuse/register_deals.py decides which statements are one deal and merges them), in one
transaction (store/registers.py), and links every news record to the register deals it reports
(fuse/register_link.py, store/links.py). ``diff_register`` lists the records of a region and period that have no
link: what the news says that the register lacks, and the reverse.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from armsflow.progress import Progress, silent, stages
from armsflow.engine.summaries import refresh_summaries
from armsflow.fuse.register_deals import (Deal, FamilyFn, FileView, deals_from_rows, group_deals,
                                          register_records)
from armsflow.fuse.register_diff import SLACK_YEARS
from armsflow.fuse.register_link import link_records
from armsflow.ingest.sipri import RegisterError, read_register, register_info
from armsflow.model import TransferRecord
from armsflow.store import registers as store_registers
from armsflow.store.registers import AlreadyImported, RecordChanges, StoredFile

REGISTERS = ("sipri",)


@dataclass
class ImportResult:
    file: StoredFile
    already: bool = False
    changes: RecordChanges = field(default_factory=RecordChanges)
    seconds: float = 0.0

    def line(self) -> str:
        f = self.file
        if self.already:
            return (f"{f.name}: already imported (file {f.id}, {f.deals:,} deals, on "
                    f"{f.imported_at:%Y-%m-%d %H:%M}); nothing to do")
        c = self.changes
        exported = f", exported {f.generated.isoformat()}" if f.generated else ""
        return (f"imported {f.name} ({f.register}, layout {f.layout}{exported}): {f.deals:,} deals from {f.rows:,} "
                f"rows; {f.register} records: {c.added:,} added, {c.updated:,} updated, {c.removed:,} removed, "
                f"{c.unchanged:,} unchanged ({self.seconds:.1f}s)")


def deal_columns(d: Deal) -> dict:
    """A deal as a ``register_rows`` column dict."""
    return {"deal_id": d.deal_id, "supplier_name": d.supplier_name, "recipient_name": d.recipient_name,
            "supplier": d.supplier, "recipient": d.recipient, "designation": d.designation,
            "description": d.description, "category": d.category, "order_year": d.order_year,
            "number_ordered": d.number_ordered, "number_delivered": d.number_delivered,
            "delivery_years": list(d.delivery_years), "status": d.status, "comments": d.comments,
            "tiv_unit": d.tiv_unit, "tiv_total": d.tiv_total, "tiv_delivered": d.tiv_delivered}


def deal_from_columns(row: dict, layout: int | None) -> Deal:
    """A stored deal back as a Deal (what the store keeps: no per-year numbers, no armament category)."""
    if layout is None:
        layout = 2 if row.get("deal_id") else 1
    return Deal(deal_id=row["deal_id"], supplier_name=row["supplier_name"], recipient_name=row["recipient_name"],
                supplier=row["supplier"], recipient=row["recipient"], designation=row["designation"] or "",
                description=row["description"] or "", armament_category=None, category=row["category"],
                order_year=row["order_year"], number_ordered=row["number_ordered"],
                number_delivered=row["number_delivered"],
                delivery_years=tuple(sorted(set(row["delivery_years"] or ()))), status=row["status"],
                comments=row["comments"], tiv_unit=row["tiv_unit"], tiv_total=row["tiv_total"],
                tiv_delivered=row["tiv_delivered"], layout=layout, line=0, row_id=row.get("id"),
                file_id=row.get("file_id"))


def file_view(f: StoredFile) -> FileView:
    layout = f.layout if f.layout is not None else 1
    return FileView(file_id=f.id, layout=layout, generated=f.generated, years=f.years)


def rebuild_records(stored: list[tuple[StoredFile, list[dict]]], family: FamilyFn | None = None,
                    register: str = "sipri") -> list[tuple[TransferRecord, int | None]]:
    """Every record of a register from every stored export of it."""
    files = [(file_view(f), [deal_from_columns(r, f.layout) for r in rows]) for f, rows in stored]
    return list(register_records(group_deals(files, family), register))


def import_register(store, path: Path | str, register: str = "sipri", family: FamilyFn | None = None,
                    progress: Progress | None = None) -> ImportResult:
    """Import one register export: its deals, then the register's records rebuilt. Raises RegisterError for a file
    that is not a readable export (nothing written). ``progress`` hears the rows read, then each stage."""
    if register not in REGISTERS:
        raise ValueError(f"unknown register {register!r} (known: {', '.join(REGISTERS)})")
    path = Path(path)
    started = time.perf_counter()
    try:
        digest = store_registers.file_hash(path)
    except IsADirectoryError:
        raise RegisterError(f"{path}: is a folder, not a SIPRI trade-register export") from None
    except OSError as exc:
        raise RegisterError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    found = store_registers.find_file(store, digest)
    if found is not None:
        return ImportResult(found, already=True)
    info = register_info(path)
    rows = 0
    report = progress or silent

    def counted():
        nonlocal rows
        for r in read_register(path):
            rows += 1
            if rows % 500 == 0:
                report("importing: reading rows", rows, None)
            yield r

    deals = deals_from_rows(counted())
    at = stages(progress, "importing", ["reading rows", "storing deals and records", "state summaries"])
    at("storing deals and records")
    try:
        stored, changes = store_registers.import_file(
            store, register=register, name=path.name, content_hash=digest, rows=rows, layout=info.layout,
            generated=info.generated, years=info.years, deals=[deal_columns(d) for d in deals],
            rebuild=lambda stored_files: rebuild_records(stored_files, family, register), linker=make_linker(family))
    except AlreadyImported as exc:
        return ImportResult(exc.file, already=True)
    at("state summaries")
    refresh_summaries(store, changes.actors)
    return ImportResult(stored, changes=changes, seconds=time.perf_counter() - started)


# --- the register against the news ---------------------------------------------------------------------------------

def make_linker(family: FamilyFn | None = None, slack: int = SLACK_YEARS):
    """The linker the store runs when either side changes (store/links.py): fuse/register_link.py's rules."""
    return lambda news, register: link_records(news, register, family, slack)


def relink(store, family: FamilyFn | None = None) -> set[str]:
    """Link every news record to the register deals it reports again, in one transaction; returns the actors whose
    links changed (their summaries are refreshed)."""
    from armsflow.store.links import write_links
    from armsflow.store.repo import _bump, touch_actors

    with store.session() as s, s.begin():
        actors = write_links(s, make_linker(family))
        if actors:
            _bump(s)
            touch_actors(s, actors)
    if actors:
        refresh_summaries(store, actors)
    return actors


@dataclass
class DiffRow:
    """One record that the other side lacks."""
    side: str                        # news-only | register-only
    id: int | None
    key: str
    supplier: str | None
    recipient: str | None
    system: str | None
    family: str
    category: str
    period_start: int | None
    period_end: int | None
    status: str
    quantity_max: int | None
    sources: int
    confidence: float
    source: str


def _in_period(r: TransferRecord, since: int | None, until: int | None) -> bool:
    end = r.period_end if r.period_end is not None else r.period_start
    if since is not None and end is not None and end < since:
        return False
    if until is not None and r.period_start is not None and r.period_start > until:
        return False
    return True


def diff_register(store, family: FamilyFn, members: set[str] | None = None, since: int | None = None,
                  until: int | None = None, register: str = "sipri", slack: int = SLACK_YEARS) -> list[DiffRow]:
    """News records of the region and period that no register deal is linked to (store/links.py), then register
    records of the region and period that no news record is linked to. The links are those stored when the records
    were last fused or the register imported; ``slack`` widens the period read, so that a record just outside it
    whose deal reaches in is still read (it is listed only if its own period reaches the window)."""
    from armsflow.store.queries import RecordFilter, records

    lo = since - slack if since is not None else None
    hi = until + slack if until is not None else None
    news = records(store, RecordFilter(members=members, since=lo, until=hi, source="news"))
    reg = records(store, RecordFilter(members=members, since=lo, until=hi, source=register))
    out = []
    for side, recs in (("news-only", news), ("register-only", reg)):
        for r in recs:
            if not r.links and _in_period(r, since, until):
                out.append(DiffRow(side=side, id=r.id, key=r.key, supplier=r.supplier, recipient=r.recipient,
                                   system=r.system, family=family(r.system, r.category), category=r.category,
                                   period_start=r.period_start, period_end=r.period_end, status=r.status,
                                   quantity_max=r.quantity_max, sources=r.sources, confidence=r.confidence,
                                   source=r.source))
    return out
