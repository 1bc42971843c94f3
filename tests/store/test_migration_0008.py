"""Migration 0008 (claims.rules, claims.confidence) both ways on a store that holds data, on SQLite and PostgreSQL:
claims stored before keep everything and read back with no rules and no confidence; nothing cascades away."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import inspect, text

from armsflow.model import Claim, Document
from armsflow.store import open_store
from armsflow.store.engine import make_engine
from armsflow.store.migrate import upgrade
from armsflow.store.queries import claims

from migrating import downgrade

EVIDENCE = "Chile bought two frigates from Britain in 2020."


def test_old_claims_survive_both_ways_and_new_ones_keep_their_rules(store_url):
    engine = make_engine(store_url)
    upgrade(engine, "0007")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO documents (doc_key, content_hash, kind, text, body_offset, ingested_at) "
                          "VALUES ('old', 'h1', 'text', :t, 0, '2024-01-01 00:00:00')"), {"t": EVIDENCE})
        doc_id = conn.execute(text("SELECT id FROM documents WHERE doc_key = 'old'")).scalar()
        conn.execute(text('INSERT INTO claims (document_id, supplier, recipient, system, category, status, '
                          'hedged, evidence, start, "end", headline, extractor_version, review) VALUES '
                          "(:d, 'GBR', 'CHL', NULL, 'ship', 'ordered', false, :e, 0, 47, false, '0.1.0', "
                          "'edited')"), {"e": EVIDENCE, "d": doc_id})
        claim_id = conn.execute(text("SELECT id FROM claims")).scalar()
        conn.execute(text("INSERT INTO edits (claim_id, \"user\", at, action) VALUES (:c, 'ana', "
                          "'2024-01-02 00:00:00', 'edit')"), {"c": claim_id})
    store = open_store(store_url)                              # to head
    [old] = claims(store)
    assert (old.supplier, old.rules, old.confidence) == ("GBR", [], None)
    doc = Document(id="new", text="Peru ordered tanks from Korea.", published=dt.date(2024, 5, 1))
    store.add_document(doc, [Claim(doc="new", supplier="KOR", recipient="PER", system=None, category="tank",
                                   quantity=None, status="ordered", year=2024, hedged=False, evidence=doc.text,
                                   start=0, end=len(doc.text), rules=["subject", "from"], confidence=0.87)], "0.2.0")
    new = next(c for c in claims(store) if c.doc == "new")
    assert (new.rules, new.confidence) == (["subject", "from"], 0.87)
    store.engine.dispose()

    downgrade(engine, "0007")
    columns = {c["name"] for c in inspect(engine).get_columns("claims")}
    assert not {"rules", "confidence"} & columns
    with engine.connect() as conn:                             # nothing cascaded away with the columns
        assert conn.execute(text("SELECT count(*) FROM claims")).scalar() == 2
        assert conn.execute(text("SELECT count(*) FROM edits")).scalar() == 1
    engine.dispose()
    again = open_store(store_url)
    assert {c.doc for c in claims(again)} == {"old", "new"}
    again.engine.dispose()
