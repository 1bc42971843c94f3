"""Migration 0011 (monitor_deliveries) both ways, on SQLite and PostgreSQL: the upgrade makes the table as the model
says (unique per watch, claim and channel), the downgrade drops it alone."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from armsflow.store import deliveries, open_store
from armsflow.store.engine import make_engine
from armsflow.store.migrate import upgrade
from armsflow.store.schema import Base

from migrating import downgrade


def test_upgrade_makes_the_outbox_and_downgrade_drops_it(store_url):
    engine = make_engine(store_url)
    upgrade(engine, "0010")
    assert "monitor_deliveries" not in inspect(engine).get_table_names()
    store = open_store(store_url)                              # to every head
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert [d for d in diffs if "monitor_deliveries" in repr(d)] == []
    assert deliveries.queue(store, [("w", 1, "file a", {}), ("w", 1, "file a", {}), ("w", 1, "file b", {})]) == 2
    store.engine.dispose()

    downgrade(engine, "0010")
    assert "monitor_deliveries" not in inspect(engine).get_table_names()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM watches")).scalar() == 0
    engine.dispose()
