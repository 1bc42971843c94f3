"""Migration 0003 on a store that already holds data, both ways, on SQLite and PostgreSQL; the search indexes are
the ones the queries use."""
from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from armsflow.store import open_store
from armsflow.store.engine import make_engine
from armsflow.store.migrate import upgrade
from armsflow.store.search import CLAIMS_VECTOR, DOCUMENTS_VECTOR, count_claims, count_documents, search_claims

from migrating import downgrade

EVIDENCE = "Serbia received six MiG-29 fighters from Russia."


def _old_rows(engine):
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO documents (id, doc_key, content_hash, title, kind, text, body_offset, "
                          "ingested_at) VALUES (1, 'old', 'h1', 'Old news', 'text', :t, 0, '2024-01-01 00:00:00')"),
                     {"t": EVIDENCE + " More text."})
        conn.execute(text('INSERT INTO claims (id, document_id, supplier, recipient, system, category, status, '
                          'hedged, evidence, start, "end", mention, headline, extractor_version, review) VALUES '
                          "(1, 1, 'RUS', 'SRB', 'MiG-29', 'combat_aircraft', 'delivered', false, :e, 0, 48, "
                          "'MiG-29', false, '0.1.0', 'edited')"), {"e": EVIDENCE})
        conn.execute(text("INSERT INTO edits (claim_id, \"user\", at, action) VALUES (1, 'ana', "
                          "'2024-01-02 00:00:00', 'edit')"))


def test_upgrade_indexes_existing_rows_and_downgrade_keeps_data(store_url):
    engine = make_engine(store_url)
    upgrade(engine, "0002")
    _old_rows(engine)
    store = open_store(store_url)                              # to head
    assert count_claims(store, "fighters russia") == 1 and count_documents(store, "old news") == 1
    assert search_claims(store, "mig-29")[0].id == 1
    names = set(inspect(store.engine).get_table_names())
    assert {"users", "api_tokens"} <= names
    assert "pin" in {c["name"] for c in inspect(store.engine).get_columns("claims")}
    store.engine.dispose()

    downgrade(engine, "0002")
    insp = inspect(engine)
    assert not {"users", "api_tokens", "claims_fts"} & set(insp.get_table_names())
    assert "pin" not in {c["name"] for c in insp.get_columns("claims")}
    with engine.connect() as conn:                             # nothing cascaded away with the column
        assert conn.execute(text("SELECT count(*) FROM claims")).scalar() == 1
        assert conn.execute(text("SELECT count(*) FROM edits")).scalar() == 1
        if engine.dialect.name == "postgresql":
            assert conn.execute(text("SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_documents_fts' "
                                     "AND schemaname = current_schema()")).scalar() == 1
    engine.dispose()
    again = open_store(store_url)
    assert count_claims(again, "fighters") == 1
    again.engine.dispose()


def test_sqlite_claim_index_follows_updates_and_cascaded_deletes(tmp_path):
    store = open_store(str(tmp_path / "s.db"))
    _old_rows(store.engine)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE claims SET system = 'Rafale', mention = 'Rafale'"))
    assert count_claims(store, "rafale") == 1 and count_claims(store, "mig") == 1     # mig is in the evidence
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE claims SET evidence = 'Something else.'"))
    assert count_claims(store, "mig") == 0 and count_claims(store, "something") == 1
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM documents"))                 # the claim goes by ON DELETE CASCADE
    assert count_claims(store, "something") == 0 and count_documents(store, "old") == 0
    assert store.integrity_check() == []
    with store.engine.connect() as conn:
        conn.execute(text("INSERT INTO claims_fts(claims_fts) VALUES ('integrity-check')"))


def test_postgresql_queries_use_the_indexes(store_url):
    if not store_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    store = open_store(store_url)
    with store.engine.connect() as conn:
        conn.execute(text("SET enable_seqscan = off"))
        for table, alias, vector, index in (("documents", "d", DOCUMENTS_VECTOR, "ix_documents_search"),
                                            ("claims", "c", CLAIMS_VECTOR, "ix_claims_search")):
            plan = "\n".join(r[0] for r in conn.execute(text(
                f"EXPLAIN SELECT count(*) FROM {table} {alias} WHERE {vector} @@ to_tsquery('simple', 'mig')")))
            assert f"Index Scan on {index}" in plan, plan
    store.engine.dispose()
