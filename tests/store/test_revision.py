"""The store revision: every write of documents, claims, reviews, pins, records or registers counts one more
(in its own transaction); reads, watches and users do not. The web layer keys its caches on it."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from armsflow.engine.fusion import refuse
from armsflow.model import Claim, Document
from armsflow.store import open_store
from armsflow.store.queries import claims, records, sources

DATA = Path(__file__).parent / "data"


def _doc(key, text, published="2023-01-20"):
    return Document(id=key, text=text, title=key, publisher="Wire", published=dt.date.fromisoformat(published))


def _claim(doc, year):
    return Claim(doc=doc.id, supplier="RUS", recipient="SRB", system="MiG-29", category="combat_aircraft",
                 quantity=None, status="ordered", year=year, hedged=False, evidence=doc.text, start=0,
                 end=len(doc.text))


@pytest.fixture
def families(catalog):
    from armsflow.catalog.gazetteer import gazetteer_for
    from armsflow.fuse.family import Families
    return Families(gazetteer_for(catalog))


def test_every_kind_of_write_counts_and_reads_do_not(store, catalog, families):
    from armsflow.engine.registers import import_register
    from armsflow.store import users
    from armsflow.store.review import merge_records, split_record, unpin
    from armsflow.store.search import search_claims, search_documents
    from armsflow.engine.watches import run_watches
    from armsflow.store.watches import add_watch
    from armsflow.watch.match import Criteria

    seen = [store.revision()]
    assert seen == [0]

    def wrote(expected_step=1):
        seen.append(store.revision())
        assert seen[-1] == seen[-2] + expected_step, seen

    store.sync_entities(catalog)
    wrote()
    store.sync_entities(catalog)                     # nothing changed: no new revision
    wrote(0)
    a, b = _doc("a", "Serbia ordered MiG-29 jets from Russia in 2017."), \
        _doc("b", "Serbia ordered more MiG-29 jets from Russia in 2023.")
    doc_a = store.add_document(a, [_claim(a, 2017)], "0.1.0")
    wrote()
    store.add_document(b, [_claim(b, 2023)], "0.1.0")
    wrote()
    store.replace_claims(doc_a, [_claim(a, 2017)], "0.2.0")
    wrote()
    refuse(store, families)                          # replace_records
    wrote()
    refuse(store, families, {("XXX", "YYY")})        # a pair with no records before or after: nothing written
    wrote(0)
    c_a, c_b = (claims(store, doc=k)[0].id for k in ("a", "b"))
    store.edit_claim(c_a, "ana", "accept")
    wrote()
    ids = [r.id for r in records(store)]
    merge_records(store, ids, "ana")
    wrote()
    refuse(store, families, {("RUS", "SRB")})
    wrote()
    split_record(store, records(store)[0].id, [c_b], "ana")
    wrote()
    unpin(store, [c_a, c_b], "ana")
    wrote()
    import_register(store, DATA / "sipri-2025-classic.csv", family=families.family)
    wrote()

    # reads, watches, users and tokens leave it alone
    records(store), claims(store), sources(store), store.counts(), store.unfused()
    search_documents(store, "MiG"), search_claims(store, "Serbia")
    add_watch(store, "serbia", "claims", Criteria(recipient="SRB"), backfill=True)
    run_watches(store, deliver=lambda runs: None, members=lambda r: set(), family=lambda s: s)
    users.create_user(store, "ana", "a password")
    users.user_for_token(store, users.issue_token(store, "ana", "x"))
    store.mark_fused()
    wrote(0)


def test_a_failed_write_does_not_count(store):
    d = _doc("a", "Serbia ordered MiG-29 jets from Russia in 2017.")
    store.add_document(d, [_claim(d, 2017)], "0.1.0")
    before = store.revision()
    store.add_document(d, [], "0.1.0")               # the same content again: found stored, nothing written
    assert store.revision() == before
    other = _doc("b", "Serbia ordered Mi-35 helicopters from Russia in 2019.")
    with pytest.raises(Exception):                   # an echo of a document that does not exist: rolled back
        store.add_document(other, [_claim(other, 2019)], "0.1.0",
                           echo={"original_id": 999_999, "kind": "echo", "score": 1.0, "reasons": []})
    with pytest.raises(KeyError):
        store.edit_claim(999_999, "ana", "accept")
    assert store.revision() == before


def test_the_revision_is_shared_by_every_connection(store_url):
    one, two = open_store(store_url), open_store(store_url)
    d = _doc("a", "Serbia ordered MiG-29 jets from Russia in 2017.")
    one.add_document(d, [], "0.1.0")
    assert two.revision() == one.revision() == 1
    one.engine.dispose(), two.engine.dispose()


def test_concurrent_writers_each_count_once(store):
    from concurrent.futures import ThreadPoolExecutor

    def write(i):
        d = _doc(f"d{i}", f"Document number {i} about MiG-29 jets for Serbia.")
        store.add_document(d, [_claim(d, 2017)], "0.1.0")

    # the first document creates the publisher: two writers creating one new publisher at once collide on its
    # unique name (Store._publisher_ids; ingests write from one process), which is not what is tested here
    write(0)
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(write, range(1, 17)))
    assert store.revision() == 17
