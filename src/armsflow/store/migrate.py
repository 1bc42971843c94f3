"""Schema migrations with Alembic, run programmatically: a user never types an alembic command.

Every process that opens a store checks its schema. One that is current (the usual case) costs a read of the
version table and takes no lock. Otherwise the migration runs under the store's writer lock (store/locks.py), and
Alembic reads the version again under it: two processes opening a fresh store at once (parallel ingests, the
workers of ``armsflow serve``) create the schema once, the second finds it made; and no migration runs while another
process fuses."""
from __future__ import annotations

import functools
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).parent / "migrations"


def config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


@functools.cache
def heads() -> frozenset[str]:
    """The revisions the code's schema is at (read from the migration scripts once per process)."""
    return frozenset(ScriptDirectory.from_config(config()).get_heads())


def current(engine: Engine) -> frozenset[str]:
    """The revisions the store's schema is at (empty for a fresh store)."""
    with engine.connect() as conn:
        return frozenset(MigrationContext.configure(conn).get_current_heads())


def upgrade(engine: Engine, revision: str = "heads") -> None:
    """To ``revision``; by default to every head (migrations that do not depend on each other may branch from one
    revision, and a store takes them all)."""
    from armsflow.store.locks import writer_lock

    if revision in ("head", "heads") and current(engine) == heads():
        return
    with writer_lock(engine):
        cfg = config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
