"""One writer at a time across processes: several web workers, CLI ingests and reviews share one store.

A review or an ingest changes claims and then re-fuses the records of the pairs it touched; two fusions interleaved
would delete and insert the same records (a unique-key violation) or fuse from a half-changed set of claims. A
thread lock only orders the threads of one process, so the store offers a lock every process sees: a PostgreSQL
advisory lock (held by a connection of its own, released when that connection closes, also when the process dies)
or, for a SQLite file, an ``flock`` on ``<file>.lock`` beside it (released by the kernel when the process dies). A
store in memory has one process by nature: nothing to take.

Who takes it: fusion (engine/fusion.py, so every caller is covered), the review verbs around their change and its
fusion, a register import, a schema migration (store/migrate.py), the web API's writes (web/api/writing.py). Storing
documents does not: an ingest's extraction and its documents run concurrently, its fusion waits its turn.

The lock is re-entrant within a thread (a use case that holds it may call another that takes it), not across
threads: a second thread of the same process waits like another process would.
"""
from __future__ import annotations

import fcntl
import os
import threading
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text

ADVISORY_KEY = 0x61726D73            # "arms": with the schema's hash, the store's writer lock among advisory locks

_held = threading.local()            # the stores whose lock this thread holds, with how deep


def _identity(engine) -> tuple | None:
    """What names the lock of ``engine``'s store (None: a store in memory, nothing to lock)."""
    url = engine.url
    if engine.dialect.name == "postgresql":
        return ("postgresql", url.render_as_string(hide_password=False))
    if engine.dialect.name == "sqlite" and url.database not in (None, "", ":memory:"):
        return ("sqlite", str(Path(url.database).expanduser().resolve()), url.database)
    return None


def held(engine) -> bool:
    """Whether this thread holds ``engine``'s store's writer lock now."""
    return getattr(_held, "depth", {}).get(_identity(engine), 0) > 0


@contextmanager
def writer_lock(engine):
    """Hold the store's writer lock for the block; waits while another process (or thread) holds it."""
    ident = _identity(engine)
    depth = _held.__dict__.setdefault("depth", {})
    if ident is None or depth.get(ident, 0) > 0:
        depth[ident] = depth.get(ident, 0) + 1
        try:
            yield
        finally:
            depth[ident] -= 1
        return
    with _acquired(engine, ident):
        depth[ident] = 1
        try:
            yield
        finally:
            depth[ident] = 0


@contextmanager
def _acquired(engine, ident: tuple):
    if ident[0] == "postgresql":
        with engine.connect() as conn:
            # one lock per schema: two stores in one database do not wait for each other
            key = {"k": ADVISORY_KEY}
            conn.execute(text("SELECT pg_advisory_lock(:k, hashtext(coalesce(current_schema(), '')))"), key)
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k, hashtext(coalesce(current_schema(), '')))"), key)
                conn.commit()
        return
    path = Path(ident[2]).expanduser()
    path = path.with_name(path.name + ".lock")
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
