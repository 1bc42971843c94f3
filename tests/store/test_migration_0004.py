"""Migration 0004 on a store that holds data, both ways, on SQLite (where it adds two indexes) and PostgreSQL (where
it adds none, and the planner already uses an index for echoes): the document page's echo query and
the overview's first-year query use the new indexes, even when echoes are rare."""
from __future__ import annotations

from sqlalchemy import inspect, text

from armsflow.store.repo import Store
from armsflow.store.engine import make_engine
from armsflow.store.migrate import upgrade

from migrating import downgrade

ECHOES = ("SELECT id FROM documents WHERE original_id = 1 ORDER BY published, id")
FIRST_YEARS = ("SELECT supplier, recipient, min(coalesce(period_start, period_end)) FROM records "
               "WHERE supplier IS NOT NULL AND recipient IS NOT NULL GROUP BY supplier, recipient")


def _rows(engine, documents: int = 400):
    """Many originals and two echoes of document 1, as in a real store; records of a few pairs."""
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO documents (id, doc_key, content_hash, title, published, kind, text, "
                          "body_offset, ingested_at, original_id) VALUES (:id, :key, :h, 'A report', :pub, 'text', "
                          "'Some words.', 0, '2024-01-01 00:00:00', :orig)"),
                     [{"id": i, "key": f"d{i}", "h": f"h{i}", "pub": f"20{10 + i % 15}-03-0{1 + i % 9}",
                       "orig": 1 if i in (7, 9) else None} for i in range(1, documents + 1)])
        conn.execute(text("INSERT INTO records (id, key, source, supplier, recipient, category, period_start, "
                          "status, claims, sources, hedged, unhedged, confidence) VALUES (:id, :key, 'news', :s, :r, "
                          "'uav', :y, 'delivered', 1, 1, 0, 1, 0.6)"),
                     [{"id": i, "key": f"k{i}", "s": ("TUR", "USA", "RUS")[i % 3], "r": ("ALB", "POL")[i % 2],
                       "y": 2000 + i % 20} for i in range(1, 301)])


def _at_0004(url: str) -> Store:
    """The store at 0004: migration 0009 replaced original_id and its indexes by echo_links and cluster_id."""
    engine = make_engine(url)
    upgrade(engine, "0004")
    return Store(engine)


def _plan(engine, sql: str) -> str:
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.execute(text("ANALYZE"))
            return "\n".join(str(r[-1]) for r in conn.execute(text(f"EXPLAIN QUERY PLAN {sql}")))
        conn.execute(text("ANALYZE"))
        conn.execute(text("SET enable_seqscan = off"))       # a tiny table: make the planner show what it can use
        return "\n".join(r[0] for r in conn.execute(text(f"EXPLAIN {sql}")))


def test_upgrade_adds_used_indexes_and_downgrade_removes_them(store_url):
    engine = make_engine(store_url)
    upgrade(engine, "0003")
    _rows(engine)
    store = _at_0004(store_url)
    sqlite = store.engine.dialect.name == "sqlite"
    names = {i["name"] for i in inspect(store.engine).get_indexes("documents")}
    assert ("ix_documents_echoes" in names) == sqlite           # PostgreSQL has no use for it (see 0004)
    assert ("ix_records_dyad_period" in {i["name"] for i in inspect(store.engine).get_indexes("records")}) == sqlite
    echo_plan = _plan(store.engine, ECHOES)
    assert ("ix_documents_echoes" if sqlite else "Index Scan using ix_documents_original_id") in echo_plan, echo_plan
    if sqlite:
        assert "COVERING INDEX ix_records_dyad_period" in _plan(store.engine, FIRST_YEARS)
    with store.engine.connect() as conn:
        assert [r[0] for r in conn.execute(text(ECHOES))] == [7, 9]
    store.engine.dispose()

    downgrade(engine, "0003")
    insp = inspect(engine)
    assert "ix_documents_echoes" not in {i["name"] for i in insp.get_indexes("documents")}
    assert "ix_records_dyad_period" not in {i["name"] for i in insp.get_indexes("records")}
    with engine.connect() as conn:                             # the data stays
        assert conn.execute(text("SELECT count(*) FROM documents")).scalar() == 400
        assert conn.execute(text("SELECT count(*) FROM records")).scalar() == 300
    engine.dispose()
    again = _at_0004(store_url)
    assert ("ix_records_dyad_period" in {i["name"] for i in inspect(again.engine).get_indexes("records")}) == sqlite
    again.engine.dispose()


def test_new_echoes_are_indexed_as_they_come(tmp_path):
    """The partial index follows writes: a document that becomes an echo later is found through it."""
    store = _at_0004(f"sqlite:///{tmp_path / 's.db'}")
    _rows(store.engine, documents=50)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE documents SET original_id = 1 WHERE id = 30"))
        conn.execute(text("UPDATE documents SET original_id = NULL WHERE id = 7"))
        assert [r[0] for r in conn.execute(text(ECHOES))] == [30, 9]          # by date: 2010, then 2019
    assert "ix_documents_echoes" in _plan(store.engine, ECHOES)
    assert store.integrity_check() == []
    store.engine.dispose()
