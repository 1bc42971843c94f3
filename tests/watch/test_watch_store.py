"""Watches in the store, on a real SQLite file and a real PostgreSQL server: saving, running, the high-water mark,
dry runs, failed deliveries, re-extraction, concurrent ingests, and the migration of an existing store."""
from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from sqlalchemy import insert, text

from armsflow.model import Claim, Document, TransferRecord
from armsflow.store import open_store
from armsflow.engine.watches import run_watches
from armsflow.store.watches import (NoSuchWatch, WatchError, WatchExists, add_watch, get_watch, list_watches,
                                    remove_watch)
from armsflow.watch.match import Criteria

BALKANS = {"ALB", "BIH", "XKX", "MNE", "MKD", "SRB"}


def _doc(key, text_, publisher="Balkan Wire", published="2024-05-02"):
    return Document(id=key, text=text_, title=key.replace("-", " "), publisher=publisher,
                    published=dt.date.fromisoformat(published), url=f"https://wire.example/{key}")


def _claim(doc, supplier, recipient, system, category, status="delivered", hedged=False, start=0):
    return Claim(doc=doc.id, supplier=supplier, recipient=recipient, system=system, category=category, quantity=None,
                 status=status, year=2024, hedged=hedged, evidence=doc.text, start=start, end=len(doc.text))


def _add(store, key, text_, *claims, **kw):
    """A document with claims given as (supplier, recipient, system, category[, status[, hedged]]) tuples."""
    d = _doc(key, text_, **kw)
    return store.add_document(d, [_claim(d, *c) for c in claims], "0.1.0")


def _run(store, *names, **kw):
    kw.setdefault("members", lambda slug: BALKANS)
    return {r.watch.name: r for r in run_watches(store, list(names) or None, **kw)}


def _ids(run):
    return [m.claim_id for m in run.matches]


def test_run_reports_new_claims_once(store):
    _add(store, "old", "Serbia received Orlan-10 drones from Russia.", ("RUS", "SRB", "Orlan-10", "uav"))
    add_watch(store, "srb-uav", "claims", Criteria(recipient="SRB", category="uav"), created_by="ana")
    assert _ids(_run(store)["srb-uav"]) == []                     # stored before the watch: not new to it

    _add(store, "tb2", "Serbia reportedly bought Bayraktar TB2 drones from Turkey.",
         ("TUR", "SRB", "Bayraktar TB2", "uav", "ordered", True), ("TUR", "SRB", "Kirpi", "armoured_vehicle"))
    _add(store, "croatia", "Croatia bought Bayraktar TB2 drones from Turkey.", ("TUR", "HRV", "Bayraktar TB2", "uav"))
    first = _run(store)["srb-uav"]
    [m] = first.matches
    assert (m.supplier, m.recipient, m.system, m.category, m.status, m.hedged) == ("TUR", "SRB", "Bayraktar TB2",
                                                                                 "uav", "ordered", True)
    assert (m.doc, m.publisher, m.published, m.url) == ("tb2", "Balkan Wire", dt.date(2024, 5, 2),
                                                         "https://wire.example/tb2")
    assert m.evidence.startswith("Serbia reportedly bought") and m.watch == "srb-uav"
    assert first.claims == 3 and first.advanced

    again = _run(store)["srb-uav"]
    assert again.matches == [] and again.claims == 0 and again.after == first.through

    _add(store, "cn", "China delivered CH-92A drones to Serbia.", ("CHN", "SRB", "CH-92A", "uav"))
    [m] = _run(store)["srb-uav"].matches
    assert (m.supplier, m.system) == ("CHN", "CH-92A")
    w = get_watch(store, "srb-uav")
    assert w.last_run_at is not None and w.created_by == "ana" and w.last_claim_id == m.claim_id


def test_dry_run_and_failed_delivery_do_not_advance(store):
    add_watch(store, "any", "claims", Criteria())
    _add(store, "a", "Serbia received Orlan-10 drones from Russia.", ("RUS", "SRB", "Orlan-10", "uav"))
    mark = get_watch(store, "any").last_claim_id
    assert len(_run(store, advance=False)["any"].matches) == 1
    assert len(_run(store, advance=False)["any"].matches) == 1
    assert get_watch(store, "any").last_claim_id == mark and get_watch(store, "any").last_run_at is None

    seen = []

    def crash(runs):                 # the process dies while writing its report
        seen.extend(m.claim_id for r in runs for m in r.matches)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_watches(store, deliver=crash)
    assert get_watch(store, "any").last_claim_id == mark          # rolled back: the next run repeats
    delivered = []
    run_watches(store, deliver=lambda runs: delivered.extend(m.claim_id for r in runs for m in r.matches))
    assert delivered == seen and len(seen) == 1
    assert _run(store)["any"].matches == []


def test_add_list_remove(store):
    add_watch(store, "b", "new-entrant", Criteria(region="western-balkans"), created_by="ana")
    add_watch(store, "a", "claims", Criteria(supplier="RUS", include_hedged=False))
    assert [(w.name, w.kind) for w in list_watches(store)] == [("a", "claims"), ("b", "new-entrant")]
    assert list_watches(store)[0].criteria == Criteria(supplier="RUS", include_hedged=False)
    with pytest.raises(WatchExists):
        add_watch(store, "a", "claims", Criteria())
    with pytest.raises(WatchError):
        add_watch(store, "c", "claims", Criteria(category="drones"))
    with pytest.raises(NoSuchWatch):
        run_watches(store, ["a", "nope"])
    remove_watch(store, "a")
    with pytest.raises(NoSuchWatch):
        remove_watch(store, "a")
    assert [w.name for w in list_watches(store)] == ["b"]


def test_backfill_and_named_runs(store):
    _add(store, "old", "Serbia received Orlan-10 drones from Russia.", ("RUS", "SRB", "Orlan-10", "uav"))
    add_watch(store, "all", "claims", Criteria(), backfill=True)
    add_watch(store, "later", "claims", Criteria())
    assert len(_run(store, "all")["all"].matches) == 1
    _add(store, "new", "Montenegro ordered Bayraktar TB2 drones from Turkey.", ("TUR", "MNE", "Bayraktar TB2", "uav"))
    runs = _run(store)
    assert [m.doc for m in runs["all"].matches] == ["new"] and [m.doc for m in runs["later"].matches] == ["new"]


def test_region_and_system_family(store):
    add_watch(store, "wb-recipients", "claims", Criteria(region="western-balkans", region_side="recipient"))
    add_watch(store, "wb-any", "claims", Criteria(region="western-balkans"))
    add_watch(store, "t72", "claims", Criteria(system="T-72"))
    _add(store, "a", "Serbia received T-72B3 tanks from Russia.", ("RUS", "SRB", "T-72B3", "tank"))
    _add(store, "b", "Serbia sold Nora B-52 howitzers to Cyprus.", ("SRB", "CYP", "Nora B-52", "artillery"))
    runs = _run(store, family=lambda s: s)
    assert [m.doc for m in runs["wb-recipients"].matches] == ["a"]
    assert [m.doc for m in runs["wb-any"].matches] == ["a", "b"]
    assert [m.doc for m in runs["t72"].matches] == ["a"]


def test_new_entrant_watch(store):
    _add(store, "ru", "Serbia received MiG-29 jets from Russia.", ("RUS", "SRB", "MiG-29", "combat_aircraft"))
    sipri = TransferRecord(id=None, supplier="CHN", recipient="BIH", system="HQ-7", category="air_defence",
                           period_start=2010, period_end=2011, status="delivered", source="sipri",
                           key="sipri|CHN|BIH|HQ-7|2010")
    store.replace_records([(sipri, [])], None, source="sipri")
    add_watch(store, "entrants", "new-entrant", Criteria(region="western-balkans"))
    add_watch(store, "region-entrants", "new-entrant", Criteria(region="western-balkans", scope="region"))
    _add(store, "cn", "China delivered FK-3 air defence systems to Serbia.", ("CHN", "SRB", "FK-3", "air_defence"))
    _add(store, "cn2", "China's FK-3 arrived in Serbia.", ("CHN", "SRB", "FK-3", "air_defence"))
    _add(store, "ru2", "Russia delivered more MiG-29 jets to Serbia.", ("RUS", "SRB", "MiG-29", "combat_aircraft"))
    _add(store, "cn-bih", "Bosnia bought Chinese drones.", ("CHN", "BIH", None, "uav"))
    runs = _run(store)
    [m] = runs["entrants"].matches
    assert (m.supplier, m.recipient, m.doc, m.scope, m.kind) == ("CHN", "SRB", "cn", "SRB", "new-entrant")
    assert len(m.later_claims) == 1 and m.to_json()["new_entrant"]["scope"] == "SRB"
    assert runs["region-entrants"].matches == []          # SIPRI has China in Bosnia: not new to the region
    assert _run(store)["entrants"].matches == []
    _add(store, "fr", "France will supply Rafale jets to Serbia.", ("FRA", "SRB", "Rafale", "combat_aircraft"))
    [m] = _run(store)["entrants"].matches
    assert m.supplier == "FRA"


def test_rejected_claims_and_sources(store, catalog):
    from armsflow.catalog.gazetteer import gazetteer_for
    from armsflow.engine.fusion import refuse
    from armsflow.fuse.family import Families
    from armsflow.store.queries import claims

    add_watch(store, "plain", "claims", Criteria(recipient="SRB"))
    add_watch(store, "corroborated", "claims", Criteria(recipient="SRB", min_sources=2))
    _add(store, "a", "Serbia received Orlan-10 drones from Russia.", ("RUS", "SRB", "Orlan-10", "uav"),
         ("RUS", "SRB", "Pantsir", "air_defence"), publisher="Wire A")
    _add(store, "b", "Russia delivered Orlan-10 drones to Serbia, officials said.", ("RUS", "SRB", "Orlan-10", "uav"),
         publisher="Wire B")
    pantsir = next(c for c in claims(store) if c.system == "Pantsir")
    store.edit_claim(pantsir.id, "ana", "reject")
    refuse(store, Families(gazetteer_for(catalog)))
    store.mark_fused()
    runs = _run(store)
    assert [m.system for m in runs["plain"].matches] == ["Orlan-10", "Orlan-10"]     # the rejected one is left out
    assert [(m.doc, m.record_sources) for m in runs["corroborated"].matches] == [("a", 2), ("b", 2)]


def test_reextraction_gets_new_ids_and_is_not_reported_again(store):
    add_watch(store, "any", "claims", Criteria())
    add_watch(store, "all-versions", "claims", Criteria(include_reextracted=True))
    doc_id = _add(store, "a", "Serbia received Orlan-10 drones from Russia.", ("RUS", "SRB", "Orlan-10", "uav"))
    first = _run(store)
    assert len(first["any"].matches) == 1
    mark = get_watch(store, "any").last_claim_id
    d = _doc("a", "Serbia received Orlan-10 drones from Russia.")
    store.replace_claims(doc_id, [_claim(d, "RUS", "SRB", "Orlan-10", "uav"),
                                  _claim(d, "RUS", "SRB", None, "uav", start=7)], "0.2.0")
    from armsflow.store.queries import claims
    assert min(c.id for c in claims(store)) > mark                   # new ids: the newest ids are never reused
    runs = _run(store)
    assert runs["any"].matches == [] and runs["any"].claims == 2
    assert [m.reextracted for m in runs["all-versions"].matches] == [True, True]


def test_a_run_waits_for_claims_being_written(store):
    """A run that advances the mark must not pass an id that an unfinished ingest holds (PostgreSQL assigns ids
    before the commit, and commits out of order); it waits for the writer, then reports its claims."""
    from armsflow.store.schema import ClaimRow, DocumentRow

    add_watch(store, "any", "claims", Criteria())
    conn = store.engine.connect()
    tx = conn.begin()
    doc_id = conn.execute(insert(DocumentRow).returning(DocumentRow.id), dict(
        doc_key="slow", content_hash="0" * 64, text="Serbia received Orlan-10 drones from Russia.", kind="text",
        body_offset=0, ingested_at=dt.datetime(2024, 1, 1))).scalar_one()
    conn.execute(insert(ClaimRow), dict(document_id=doc_id, supplier="RUS", recipient="SRB", system="Orlan-10",
                                        category="uav", status="delivered", hedged=False, evidence="x", start=0,
                                        end=1, headline=False, extractor_version="0.1.0", review="extracted"))
    if store.dialect == "postgresql":        # a later writer commits first: its ids are above the slow one's
        _add(store, "fast", "Montenegro ordered Bayraktar TB2 drones from Turkey.",
             ("TUR", "MNE", "Bayraktar TB2", "uav"))
    result = {}
    t = threading.Thread(target=lambda: result.update(_run(store)))
    t.start()
    time.sleep(1.0)
    assert t.is_alive()                      # waiting for the writer
    tx.commit()
    conn.close()
    t.join(30)
    assert not t.is_alive()
    docs = sorted(m.doc for m in result["any"].matches)
    assert docs == (["fast", "slow"] if store.dialect == "postgresql" else ["slow"])
    assert _run(store)["any"].matches == []


def test_migration_upgrades_a_0001_store(store_url):
    from armsflow.store.engine import make_engine
    from armsflow.store.migrate import upgrade

    engine = make_engine(store_url)
    upgrade(engine, "0001")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001"
    with engine.begin() as conn:                 # as armsflow stored it then
        conn.execute(text("INSERT INTO documents (id, doc_key, content_hash, kind, text, body_offset, ingested_at) "
                          "VALUES (1, 'a', 'h-a', 'text', 'Serbia received Orlan-10 drones from Russia.', 0, "
                          "'2024-01-01')"))
        conn.execute(text("INSERT INTO claims (document_id, supplier, recipient, system, category, status, hedged, "
                          "evidence, start, \"end\", headline, extractor_version, review) VALUES (1, 'RUS', 'SRB', "
                          "'Orlan-10', 'uav', 'delivered', false, 'Serbia received Orlan-10 drones from Russia.', 0, "
                          "44, false, '0.1.0', 'extracted')"))
    engine.dispose()

    from alembic.script import ScriptDirectory
    from armsflow.store.migrate import config

    store = open_store(store_url)
    with store.engine.connect() as conn:         # 0002 (watches) and whatever came after it
        head = ScriptDirectory.from_config(config()).get_current_head()
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head >= "0002"
    assert store.counts()["claims"] == 1 and store.counts()["documents"] == 1
    add_watch(store, "all", "claims", Criteria(), backfill=True)
    [m] = _run(store)["all"].matches
    assert (m.doc, m.system) == ("a", "Orlan-10")
    store.engine.dispose()
