"""One writer at a time across processes: several web workers, or a web server and a CLI, share one store.

A review or an ingest changes claims and then re-fuses the records of the pairs it touched; two of them interleaved
could fuse from a half-changed set of claims. A thread lock only orders the threads of one process, so the store
offers a lock every process sees: a PostgreSQL advisory lock (held by a connection of its own, released when that
connection closes, also when the process dies) or, for a SQLite file, an ``flock`` on ``<file>.lock`` beside it
(released by the kernel when the process dies). A store in memory has one process by nature: nothing to take.
"""
from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text

ADVISORY_KEY = 0x61726D73            # "arms": with the schema's hash, the store's writer lock among advisory locks


@contextmanager
def writer_lock(engine):
    """Hold the store's writer lock for the block; waits while another process holds it."""
    url = engine.url
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            # one lock per schema: two stores in one database do not wait for each other
            key = {"k": ADVISORY_KEY}
            conn.execute(text("SELECT pg_advisory_lock(:k, hashtext(current_schema()))"), key)
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k, hashtext(current_schema()))"), key)
                conn.commit()
        return
    if engine.dialect.name == "sqlite" and url.database not in (None, "", ":memory:"):
        path = Path(url.database).expanduser().with_name(Path(url.database).name + ".lock")
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
        return
    yield
