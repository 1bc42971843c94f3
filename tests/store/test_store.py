"""The store on a real SQLite file and a real PostgreSQL server: schema, atomic writes, edits, records."""
from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from armsflow.model import Claim, Document, StatusEvent, TransferRecord
from armsflow.store import StoreError, open_store
from armsflow.store.queries import RecordFilter, claims, record, records, sources
from armsflow.store.repo import NewDocument, content_hash


def _doc(key="d1", text="Serbia bought MiG-29 jets from Russia in 2021.", publisher="Wire A", published="2023-01-20"):
    return Document(id=key, text=text, title=key, publisher=publisher, published=dt.date.fromisoformat(published))


def _claim(doc, system="MiG-29", category="combat_aircraft", supplier="RUS", recipient="SRB", start=0):
    return Claim(doc=doc.id, supplier=supplier, recipient=recipient, system=system, category=category, quantity=None,
                 status="ordered", year=2021, hedged=False, evidence=doc.text, start=start, end=len(doc.text),
                 citation="Wire B, April 21", extras={"mention": system or category, "headline": False})


def test_document_with_claims_is_stored_once(store):
    d = _doc()
    doc_id = store.add_document(d, [_claim(d), _claim(d, system="Mi-35", category="helicopter")], "0.1.0")
    assert store.document_by_hash(__import__("armsflow.store.repo", fromlist=["content_hash"]).content_hash(d.text)).id == doc_id
    assert store.counts()["claims"] == 2
    [src] = sources(store)
    assert (src.doc, src.publisher, src.claims) == ("d1", "Wire A", 2)
    # the same content again (another writer storing it at the same time) is found stored: its id, no claims added
    assert store.store_documents([NewDocument(d, [_claim(d)], "0.1.0")]) == ([doc_id], {content_hash(d.text)})
    assert store.add_document(d, [_claim(d)], "0.1.0") == doc_id
    assert store.counts()["claims"] == 2 and store.counts()["documents"] == 1


def test_reextraction_replaces_extracted_claims_but_keeps_reviews(store):
    d = _doc()
    doc_id = store.add_document(d, [_claim(d), _claim(d, system="Mi-35", category="helicopter")], "0.1.0")
    mig = [c for c in claims(store) if c.system == "MiG-29"][0]
    store.edit_claim(mig.id, "ana", "edit", {"year": 2020}, note="contract date")
    store.replace_claims(doc_id, [_claim(d), _claim(d, system="Mi-17", category="helicopter")], "0.2.0")
    got = sorted((c.system, c.year, c.review) for c in claims(store))
    # the analyst's MiG-29 stays (and is not duplicated by the new run); Mi-35 is gone, Mi-17 is new
    assert got == [("Mi-17", 2021, "extracted"), ("MiG-29", 2020, "edited")]


def test_edits_are_audited(store):
    d = _doc()
    store.add_document(d, [_claim(d)], "0.1.0")
    c = claims(store)[0]
    store.edit_claim(c.id, "ana", "reject", note="not a transfer")
    with pytest.raises(ValueError):
        store.edit_claim(c.id, "ana", "edit", {"evidence": "x"})
    with pytest.raises(KeyError):
        store.edit_claim(999, "ana", "accept")
    from sqlalchemy import select

    from armsflow.store.schema import Edit
    with store.session() as s:
        [e] = s.scalars(select(Edit)).all()
    assert (e.user, e.action, e.note, e.claim_id) == ("ana", "reject", "not a transfer", c.id)
    assert claims(store)[0].review == "rejected"


def test_records_round_trip_and_filters(store):
    rec = TransferRecord(id=None, supplier="CHN", recipient="SRB", system="FK-3", category="air_defence",
                         period_start=2019, period_end=2022, status="delivered",
                         timeline=[StatusEvent("ordered", 2019, dt.date(2020, 1, 1), [1]),
                                   StatusEvent("delivered", 2022, dt.date(2022, 4, 10), [2])],
                         first_seen=dt.date(2020, 1, 1), last_seen=dt.date(2022, 4, 10), claims=2, sources=2,
                         unhedged=2, confidence=0.84, key="news|CHN|SRB|FK-3|2019")
    store.replace_records([(rec, [])], None)
    [got] = records(store, RecordFilter(recipient="SRB", since=2020))
    assert (got.system, got.status, got.period_end, got.sources) == ("FK-3", "delivered", 2022, 2)
    assert [(e.status, e.year) for e in got.timeline] == [("ordered", 2019), ("delivered", 2022)]
    assert records(store, RecordFilter(since=2023)) == []
    assert records(store, RecordFilter(members={"HRV", "SRB"}, category="air_defence"))
    assert record(store, "news|CHN|SRB|FK-3|2019").id == got.id == record(store, str(got.id)).id


def test_reopening_migrates_nothing_twice(store_url):
    a = open_store(store_url)
    b = open_store(store_url)
    assert a.counts() == b.counts()


def test_sqlite_file_is_plain_and_searchable(tmp_path):
    path = tmp_path / "s.db"
    store = open_store(str(path))                      # a bare path means SQLite
    d = _doc(text="Morocco ordered Bayraktar TB2 drones from Turkey.")
    store.add_document(d, [], "0.1.0")
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("SELECT title FROM documents_fts WHERE documents_fts MATCH 'bayraktar'").fetchall() == [("d1",)]
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"documents", "claims", "records", "record_claims", "edits", "publishers", "entities"} <= tables
    assert store.integrity_check() == []


def test_bad_database_url_is_one_line(tmp_path):
    with pytest.raises(StoreError) as err:
        open_store("postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert "\n" not in str(err.value)
    (tmp_path / "not.db").write_text("this is not a database")
    with pytest.raises(StoreError):
        open_store(str(tmp_path / "not.db"))
