"""Connecting: one SQLite file by default (created on first use), any SQLAlchemy URL otherwise.

SQLite runs in WAL mode with foreign keys on and a busy timeout, so a reader (datasette, a second CLI) never blocks
an ingest and a killed process leaves a consistent file. The schema is brought up to date by Alembic on open.
Several processes may write one store at once (parallel ingests, web workers): see store/locks.py.
"""
from __future__ import annotations

import os
from pathlib import Path

import orjson
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError


class StoreError(Exception):
    """The store cannot be opened or used; the message is one line for the user."""


def default_url() -> str:
    """``ARMSFLOW_DB`` if set, else ``$ARMSFLOW_HOME/armsflow.db`` (default ``~/.armsflow/armsflow.db``)."""
    if os.environ.get("ARMSFLOW_DB"):
        return os.environ["ARMSFLOW_DB"]
    home = Path(os.environ.get("ARMSFLOW_HOME", Path.home() / ".armsflow"))
    return f"sqlite:///{home / 'armsflow.db'}"


def normalise_url(url: str) -> str:
    """Accept a bare file path for SQLite ("store.db") as well as full URLs."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    # the timeout first: turning a fresh file to WAL needs its lock, which a second process opening it may hold
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def make_engine(url: str | None = None) -> Engine:
    url = normalise_url(url or default_url())
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise StoreError(f"{url}: not a database URL") from None
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    # a server connection can drop between uses and is tested first; a SQLite file cannot, and the test would cost
    # a query per checkout on every page
    pre_ping = parsed.get_backend_name() != "sqlite"
    try:
        # JSON columns (record timelines, signatures) are read by the hundred thousand in an analysis: orjson parses
        # them several times faster than the standard library
        engine = create_engine(url, future=True, pool_pre_ping=pre_ping, json_deserializer=orjson.loads)
    except (ArgumentError, ImportError) as exc:
        raise StoreError(f"{parsed.render_as_string(hide_password=True)}: cannot use this database ({exc})") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def open_store(url: str | None = None):
    """The store at ``url``, created or migrated to the current schema (under the store's writer lock when there
    is anything to do, so processes opening a fresh store at once create it once: store/migrate.py)."""
    from armsflow.store.migrate import upgrade
    from armsflow.store.repo import Store

    engine = make_engine(url)
    try:
        upgrade(engine)
    except OperationalError as exc:
        raise StoreError(f"{engine.url.render_as_string(hide_password=True)}: cannot open the database "
                         f"({str(exc.orig).splitlines()[0] if exc.orig else exc})") from None
    except SQLAlchemyError as exc:
        raise StoreError(f"{engine.url.render_as_string(hide_password=True)}: {str(exc).splitlines()[0]}") from None
    return Store(engine)
