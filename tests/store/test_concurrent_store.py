"""The store's write paths under concurrent writers (real SQLite files and the real PostgreSQL server).

A text another writer is storing at the same moment is stored once and found stored by the second writer; two
batches holding the same texts in opposite orders both complete; a fusion clears only the unfused marks it has
covered, so a writer that changed claims meanwhile keeps its mark; a summary from older records never replaces one
from newer records."""
from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import func, insert, select, text

from armsflow.model import Claim, Document
from armsflow.store.repo import NewDocument, content_hash, now
from armsflow.store.schema import ClaimRow, DocumentRow, RecordRow


def _doc(key: str, body: str) -> Document:
    return Document(id=key, text=body, title=key, publisher=f"Wire {key}", published=dt.date(2024, 5, 2))


def _claim(doc: Document, supplier: str = "RUS", recipient: str = "SRB", system: str = "MiG-29") -> Claim:
    return Claim(doc=doc.id, supplier=supplier, recipient=recipient, system=system, category="combat_aircraft",
                 quantity=None, status="delivered", year=2021, hedged=False, evidence=doc.text, start=0,
                 end=len(doc.text))


def _count(store, table) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(table))


def test_a_text_stored_meanwhile_by_another_writer_is_found_stored(store, store_url):
    from armsflow.store import open_store
    from armsflow.store.repo import _DOCUMENT_LOCK

    d = _doc("a", "Serbia received MiG-29 fighter jets from Russia in 2021, the ministry said.")
    h = content_hash(d.text)
    other = open_store(store_url)
    conn = other.engine.connect()
    got, errors = [], []
    try:
        if other.dialect == "postgresql":     # as a writer storing the same text in a batch of its own would
            conn.execute(text("SELECT pg_advisory_xact_lock(:k, hashtext(:h))"), {"k": _DOCUMENT_LOCK, "h": h})
        conn.execute(insert(DocumentRow).values(doc_key="a-upload", content_hash=h, text=d.text, kind="text",
                                                body_offset=0, ingested_at=now()))

        def second():
            try:
                got.append(store.store_documents([NewDocument(d, [_claim(d)], "0.1.0")]))
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        t = threading.Thread(target=second)
        t.start()
        t.join(0.5)
        assert t.is_alive(), "the second writer did not wait for the first"
        conn.commit()
        t.join(60)
    finally:
        conn.close()
        other.engine.dispose()
    assert not errors, errors
    [(ids, already)] = got
    assert already == {h} and ids == [store.document_by_hash(h).id]
    assert (_count(store, DocumentRow), _count(store, ClaimRow)) == (1, 0)    # the first writer's copy, whole


def test_batches_of_the_same_texts_in_opposite_orders_both_complete(store):
    if store.dialect != "postgresql":
        pytest.skip("SQLite runs one write transaction at a time: batches cannot cross")
    docs = [_doc(f"d{i}", f"Report {i}: Serbia received MiG-29 fighter jets from Russia in 2021.") for i in range(6)]
    rounds = 4
    errors: list[BaseException] = []
    for r in range(rounds):
        batch = [_doc(f"{d.id}-{r}", f"{d.text} Round {r}.") for d in docs]
        start = threading.Barrier(2)

        def write(items):
            try:
                start.wait(30)
                store.store_documents([NewDocument(d, [_claim(d)], "0.1.0") for d in items])
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        threads = [threading.Thread(target=write, args=(batch,)),
                   threading.Thread(target=write, args=(batch[::-1],))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert not errors, errors
    assert (_count(store, DocumentRow), _count(store, ClaimRow)) == (rounds * len(docs), rounds * len(docs))


def test_a_fusion_clears_only_the_marks_it_covered(store, catalog):
    from armsflow.catalog.gazetteer import gazetteer_for
    from armsflow.engine.fusion import refuse
    from armsflow.fuse.family import Families

    families = Families(gazetteer_for(catalog))
    a = _doc("a", "Serbia received MiG-29 fighter jets from Russia in 2021.")
    store.add_document(a, [_claim(a)], "0.1.0")
    marks = store.unfused_marks()                     # what a fusion reads first
    assert marks.dyads == {("RUS", "SRB")} and not marks.everything
    b = _doc("b", "Russia delivered more MiG-29 fighter jets to Serbia in 2021.")
    store.add_document(b, [_claim(b)], "0.1.0")       # a parallel ingest stores a claim of the pair meanwhile
    store.mark_fused(marks)
    assert store.unfused_marks().dyads == {("RUS", "SRB")}, "the later writer's mark was lost"

    # an ingest that stops before fusing leaves its pairs marked: the next fusion, of any pairs, fuses them too
    c = _doc("c", "Albania received Bayraktar TB2 drones from Turkey in 2022.")
    store.add_document(c, [_claim(c, "TUR", "ALB", "Bayraktar TB2")], "0.1.0")
    refuse(store, families, {("FRA", "GRC")})
    with store.session() as s:
        fused = set(s.execute(select(RecordRow.supplier, RecordRow.recipient)).all())
    assert fused == {("RUS", "SRB"), ("TUR", "ALB")}
    assert not store.unfused()


def test_an_older_summary_never_replaces_a_newer_one(store):
    from armsflow.store.schema import Summary

    store.put_summaries([("state:SRB", 5, '{"v": "new"}'), ("state:ALB", 1, '{"v": "a"}')])
    store.put_summaries([("state:SRB", 3, '{"v": "old"}'), ("state:ALB", 2, '{"v": "b"}')])
    with store.session() as s:
        kept = dict(s.execute(select(Summary.key, Summary.value)).all())
    assert kept == {"state:SRB": '{"v": "new"}', "state:ALB": '{"v": "b"}'}
