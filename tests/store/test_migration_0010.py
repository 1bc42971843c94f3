"""Migration 0010 (record_links) both ways on a store that holds records, on SQLite and PostgreSQL: the upgrade marks
a store with news records for fusion (so the next fusion writes the links), leaves a store without any unmarked,
and the downgrade drops the table alone."""
from __future__ import annotations

from sqlalchemy import inspect, text

from armsflow.store import open_store
from armsflow.store.engine import make_engine
from armsflow.store.migrate import upgrade

from migrating import downgrade


def _record(conn, key: str, source: str) -> None:
    conn.execute(text("INSERT INTO records (key, source, supplier, recipient, system, category, period_start, "
                      "period_end, status, claims, sources, hedged, unhedged, confidence) VALUES (:k, :s, 'CHN', "
                      "'SRB', 'FK-3', 'air_defence', 2022, 2022, 'delivered', 0, 1, 0, 1, 0.6)"),
                 {"k": key, "s": source})


def test_upgrade_marks_news_for_linking_and_downgrade_drops_the_table(store_url):
    engine = make_engine(store_url)
    upgrade(engine, "0008")
    with engine.begin() as conn:
        _record(conn, "news|CHN|SRB|FK-3|2022", "news")
        _record(conn, "sipri|CHN|SRB|HQ-22|2020|1", "sipri")
    store = open_store(store_url)                              # to every head
    assert "record_links" in inspect(store.engine).get_table_names()
    assert store.unfused()                                     # the next fusion links the stored news records
    store.engine.dispose()

    downgrade(engine, "0008")
    assert "record_links" not in inspect(engine).get_table_names()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM records")).scalar() == 2
    engine.dispose()


def test_a_store_without_news_is_not_marked(store_url):
    engine = make_engine(store_url)
    upgrade(engine, "0008")
    with engine.begin() as conn:
        _record(conn, "sipri|CHN|SRB|HQ-22|2020|1", "sipri")
    store = open_store(store_url)
    assert not store.unfused()
    store.engine.dispose()
    engine.dispose()
