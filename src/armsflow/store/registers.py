"""Register exports in the store: files, their deals (``register_rows``) and the records derived from them.

An import is one transaction. It first writes the ``register_files`` row, which takes the write lock (SQLite) or,
on PostgreSQL, after an advisory lock that serialises register imports. Then it bulk-inserts the file's deals, reads
every deal of every file of that register, lets the caller's ``rebuild`` turn them into records, and swaps those in
for the register's records: records whose key is gone are deleted, changed ones updated, new ones inserted.
Nothing is visible to a reader until the commit, so a crash or a kill leaves either the whole file or nothing, and
running the import again does it from the start. A file is known by the SHA-256 of its bytes; importing the same
bytes again finds that hash and writes nothing.

Facts about an export that ``register_files`` has no column for (its layout, its export date, the delivery years
it covers) are kept in ``meta`` under ``register_file:<id>`` as JSON.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.exc import IntegrityError

from armsflow.model import TransferRecord
from armsflow.pausepoints import pause
from armsflow.store.links import write_links
from armsflow.store.repo import Store, _bump, now, touch_actors
from armsflow.store.schema import Meta, RecordRow, RegisterFile
from armsflow.store.schema import RegisterRow as RegisterRowTable

META_PREFIX = "register_file:"
CHUNK = 5000                 # ids per DELETE ... WHERE id IN (...)
ROW_COLUMNS = ("deal_id", "supplier_name", "recipient_name", "supplier", "recipient", "designation", "description",
               "category", "order_year", "number_ordered", "number_delivered", "delivery_years", "status", "comments",
               "tiv_unit", "tiv_total", "tiv_delivered")
RECORD_COLUMNS = ("key", "source", "supplier", "recipient", "system", "category", "period_start", "period_end",
                  "status", "timeline", "first_seen", "last_seen", "quantity_min", "quantity_max", "claims", "sources",
                  "hedged", "unhedged", "confidence", "register_row_id")


class AlreadyImported(Exception):
    """The file (by content hash) is in the store already."""

    def __init__(self, file: "StoredFile"):
        super().__init__(f"already imported as file {file.id}")
        self.file = file


@dataclass
class StoredFile:
    id: int
    register: str
    name: str
    content_hash: str
    rows: int
    deals: int
    imported_at: dt.datetime
    layout: int | None = None
    generated: dt.date | None = None
    years: tuple[int | None, int | None] = (None, None)


@dataclass
class RecordChanges:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    actors: set = field(default_factory=set)      # suppliers and recipients of the records that changed


def file_hash(path: Path | str) -> str:
    """SHA-256 of the file's bytes, read in blocks."""
    h = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _meta(value: str | None) -> dict:
    try:
        return json.loads(value) if value else {}
    except ValueError:
        return {}


def _stored(f: RegisterFile, meta: dict) -> StoredFile:
    gen = meta.get("generated")
    years = meta.get("years") or (None, None)
    return StoredFile(id=f.id, register=f.register, name=f.name, content_hash=f.content_hash, rows=f.rows,
                      deals=f.deals, imported_at=f.imported_at, layout=meta.get("layout"),
                      generated=dt.date.fromisoformat(gen) if gen else None, years=(years[0], years[1]))


def files(store: Store, register: str | None = None) -> list[StoredFile]:
    """The imported register files, oldest import first."""
    with store.session() as s:
        return _files(s, register)


def _files(s, register: str | None) -> list[StoredFile]:
    q = select(RegisterFile).order_by(RegisterFile.id)
    if register:
        q = q.where(RegisterFile.register == register)
    rows = list(s.scalars(q))
    metas = {m.key: m.value for m in s.scalars(select(Meta).where(Meta.key.like(f"{META_PREFIX}%")))}
    return [_stored(f, _meta(metas.get(f"{META_PREFIX}{f.id}"))) for f in rows]


def find_file(store: Store, content_hash: str) -> StoredFile | None:
    with store.session() as s:
        f = s.scalar(select(RegisterFile).where(RegisterFile.content_hash == content_hash))
        if f is None:
            return None
        m = s.get(Meta, f"{META_PREFIX}{f.id}")
        return _stored(f, _meta(m.value if m else None))


def record_columns(rec: TransferRecord, register_row_id: int | None) -> dict:
    """A record as a ``records`` row (the timeline in the JSON shape repo.timeline_events reads)."""
    data = {k: getattr(rec, k) for k in RECORD_COLUMNS if k not in ("timeline", "register_row_id")}
    data["timeline"] = [{"status": e.status, "year": e.year,
                         "first_seen": e.first_seen.isoformat() if e.first_seen else None,
                         "claims": list(e.claim_ids)} for e in rec.timeline]
    data["register_row_id"] = register_row_id
    return data


# rebuild(files) -> records: files are (StoredFile, [register row dicts with "id"]) for every file of the register
Rebuild = Callable[[list[tuple[StoredFile, list[dict]]]], Iterable[tuple[TransferRecord, int | None]]]


def import_file(store: Store, *, register: str, name: str, content_hash: str, rows: int, layout: int,
                generated: dt.date | None, years: tuple[int | None, int | None], deals: list[dict],
                rebuild: Rebuild, linker=None) -> tuple[StoredFile, RecordChanges]:
    """Store one export and refresh the register's records, in one transaction (see the module docstring); with a
    ``linker`` (store/links.py), every news record is linked again to the register deals it reports.
    ``deals`` are ``register_rows`` column dicts. Raises AlreadyImported when the hash is in the store."""
    meta = {"layout": layout, "generated": generated.isoformat() if generated else None, "years": list(years)}
    try:
        with store.session() as s, s.begin():
            if store.dialect == "postgresql":
                s.execute(text("SELECT pg_advisory_xact_lock(hashtext('armsflow:register-import'))"))
            f = RegisterFile(register=register, name=name, content_hash=content_hash, rows=rows, deals=len(deals),
                             imported_at=now())
            s.add(f)
            s.flush()                                  # the INSERT takes SQLite's write lock from here on
            s.add(Meta(key=f"{META_PREFIX}{f.id}", value=json.dumps(meta)))
            table = RegisterRowTable.__table__
            params = [{**d, "file_id": f.id, "register": register} for d in deals]
            if params and store.dialect == "sqlite":
                # the write lock is held since the INSERT above: ids can be handed out here, and one executemany
                # is far faster than RETURNING, which SQLite can only do row by row in parameter order
                first = (s.scalar(select(func.max(table.c.id))) or 0) + 1
                for i, p in enumerate(params):
                    p["id"] = first + i
                s.execute(insert(table), params)
            elif params:
                ids = s.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), params).scalars()
                for p, row_id in zip(params, ids, strict=True):
                    p["id"] = row_id
            stored = _stored(f, meta)
            changes = _refresh_records(s, register, rebuild)
            if linker is not None:
                changes.actors |= write_links(s, linker)
            _bump(s)
            touch_actors(s, changes.actors)
            pause("store.register")
        return stored, changes
    except IntegrityError:
        found = find_file(store, content_hash)
        if found is not None:                           # another process imported the same file meanwhile
            raise AlreadyImported(found) from None
        raise


def _load_deals(s, register: str) -> list[tuple[StoredFile, list[dict]]]:
    table = RegisterRowTable.__table__
    by_file: dict[int, list[dict]] = {}
    q = select(table).where(table.c.register == register).order_by(table.c.file_id, table.c.id)
    for row in s.execute(q).mappings():
        by_file.setdefault(row["file_id"], []).append(dict(row))
    return [(f, by_file.get(f.id, [])) for f in _files(s, register)]


def _refresh_records(s, register: str, rebuild: Rebuild) -> RecordChanges:
    fresh: dict[str, dict] = {}
    for rec, row_id in rebuild(_load_deals(s, register)):
        cols = record_columns(rec, row_id)
        fresh[cols["key"]] = cols
    table = RecordRow.__table__
    have: dict[str, dict] = {}
    for row in s.execute(select(table).where(table.c.source == register)).mappings():
        have[row["key"]] = dict(row)
    changes = RecordChanges()
    gone = [have[k]["id"] for k in have if k not in fresh]
    for i in range(0, len(gone), CHUNK):
        s.execute(delete(table).where(table.c.id.in_(gone[i:i + CHUNK])))
    changes.removed = len(gone)
    updates, inserts = [], []
    moved = [have[k] for k in have if k not in fresh]              # what changed, before and after
    for k, cols in fresh.items():
        old = have.get(k)
        if old is None:
            inserts.append(cols)
        elif any(old[c] != cols[c] for c in RECORD_COLUMNS):
            updates.append({"id": old["id"], **cols})
            moved.append(old)
        else:
            changes.unchanged += 1
    if updates:
        s.execute(update(RecordRow), updates)         # bulk UPDATE by primary key
    if inserts:
        s.execute(insert(table), inserts)
    changes.updated, changes.added = len(updates), len(inserts)
    changes.actors = {row[c] for row in moved + updates + inserts for c in ("supplier", "recipient")} - {None}
    return changes


def register_row(store: Store, row_id: int) -> dict | None:
    """One stored deal, as a column dict."""
    table = RegisterRowTable.__table__
    with store.session() as s:
        row = s.execute(select(table).where(table.c.id == row_id)).mappings().first()
        return dict(row) if row else None


def register_rows(store: Store, file_id: int | None = None, register: str | None = None) -> list[dict]:
    table = RegisterRowTable.__table__
    q = select(table).order_by(table.c.id)
    if file_id is not None:
        q = q.where(table.c.file_id == file_id)
    if register is not None:
        q = q.where(table.c.register == register)
    with store.session() as s:
        return [dict(r) for r in s.execute(q).mappings()]
