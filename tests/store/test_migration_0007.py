"""Migration 0007 (echo_keys) both ways on a store that holds data, on SQLite and PostgreSQL: the table matches the
model, a new document's candidates are read through the (key, published) index, and a downgrade keeps the data."""
from __future__ import annotations

import datetime as dt

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import event, inspect, text

from armsflow.model import Document
from armsflow.store import open_store
from armsflow.store.engine import make_engine
from armsflow.store.migrate import upgrade
from armsflow.store.repo import NewDocument, Store
from armsflow.store.schema import Base

from migrating import downgrade


def _documents(store: Store, n: int = 200):
    """Documents filed under made-up keys: key i % 10 for all, and 1000 + i for each alone."""
    batch = []
    for i in range(n):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=i)
        batch.append(NewDocument(Document(id=f"d{i}", text=f"Document number {i}.", published=day), [], "t",
                                 signature={"id": i}, content_hash=f"h{i}",
                                 echo_keys=(day, [i % 10, 1000 + i])))
    store.add_documents(batch)


def _plan(engine, statement: str, parameters) -> str:
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("ANALYZE")
            return "\n".join(str(r[-1]) for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters))
        conn.exec_driver_sql("ANALYZE")
        conn.exec_driver_sql("SET enable_seqscan = off")     # a small table: show what the planner can use
        return "\n".join(r[0] for r in conn.exec_driver_sql(f"EXPLAIN {statement}", parameters))


def test_upgrade_makes_the_index_that_the_candidate_query_uses(store_url):
    engine = make_engine(store_url)
    upgrade(engine, "0006")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO documents (doc_key, content_hash, kind, text, body_offset, ingested_at) "
                          "VALUES ('old', 'h-old', 'text', 'Stored before the index.', 0, '2024-01-01')"))
    store = open_store(store_url)
    insp = inspect(store.engine)
    assert {i["name"] for i in insp.get_indexes("echo_keys")} == {"ix_echo_keys_lookup", "ix_echo_keys_document_id"}
    with store.engine.connect() as conn:                       # the table is as the model says
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert [d for d in diffs if "echo_keys" in repr(d)] == []

    _documents(store)
    statements = []
    listener = lambda conn, cur, statement, params, ctx, many: statements.append((statement, params))  # noqa
    event.listen(store.engine, "before_cursor_execute", listener)
    got = store.echo_candidates([1000 + 5], [([3, 1000 + 13, 1000 + 150], 2)], dt.date(2024, 1, 20), 30)
    event.remove(store.engine, "before_cursor_execute", listener)
    assert sorted(sig["id"] for sig in got) == [5, 13]     # 13 shares two keys in the window; 150 is outside
    [(statement, params)] = [s for s in statements if "echo_keys" in s[0]]
    plan = _plan(store.engine, statement, params)
    # the date window is a range of the index, not a filter over every row of a key
    window = ("USING COVERING INDEX ix_echo_keys_lookup (key=? AND published>? AND published<?)"
              if store.dialect == "sqlite" else "Index Cond: ((key = ANY")
    assert window in plan and "ix_echo_keys_lookup" in plan, plan
    store.engine.dispose()

    downgrade(engine, "0006")
    assert "echo_keys" not in inspect(engine).get_table_names()
    with engine.connect() as conn:                             # the documents stay
        assert conn.execute(text("SELECT count(*) FROM documents")).scalar() == 201
    engine.dispose()
    again = open_store(store_url)
    assert "echo_keys" in inspect(again.engine).get_table_names()
    again.engine.dispose()


def test_candidates_by_date_window_and_shared_keys(tmp_path):
    store = open_store(str(tmp_path / "s.db"))
    _documents(store, 100)
    ids = lambda found: sorted(sig["id"] for sig in found)      # noqa: E731
    # key 7 is filed by 7, 17, ..., 97: within 10 days of day 40 are 37 and 47 (and every date when none is given)
    assert ids(store.echo_candidates([], [([7], 1)], dt.date(2024, 2, 10), 10)) == [37, 47]
    assert ids(store.echo_candidates([], [([7], 1)], None, 10)) == list(range(7, 100, 10))
    # two keys shared: only document 27 is filed under both 7 and 1027
    assert ids(store.echo_candidates([], [([7, 1027, 1099], 2)], None, 10)) == [27]
    assert store.echo_candidates([], [([7], 2)], None, 10) == []             # fewer keys than asked for
    assert ids(store.echo_candidates([1003, 1004], [], None, 10)) == [3, 4]   # exact keys: any date
    assert store.echo_candidates([], [], dt.date(9999, 12, 31), 30) == []
    assert ids(store.echo_candidates([], [([9], 1)], dt.date(9999, 12, 31), 30)) == []   # no overflow
    store.engine.dispose()
