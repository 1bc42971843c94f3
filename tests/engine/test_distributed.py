"""The distributed ingest (engine/distributed.py): a worker killed mid-run loses no document, a rerun adds nothing,
and the results are those of the local engine, claim for claim and record for record."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import select

from synthetic import write_corpus

KILL_DOCS = 320
KILL_PARTITION = 16          # 20 partitions: several in flight when the third result comes back


@pytest.fixture(scope="module")
def parts():
    from armsflow.catalog import load_catalog
    from armsflow.extract.pipeline import Extractor
    from armsflow.fuse.family import Families

    catalog = load_catalog(include_user=False)
    extractor = Extractor(catalog)
    return catalog, extractor, Families(extractor.gazetteer)


@pytest.fixture
def pg_store():
    """A fresh schema on the local PostgreSQL server: the store that a cluster's driver writes to."""
    from pgscratch import postgres_or_skip as _postgres_or_skip
    from sqlalchemy import text

    from armsflow.store import open_store

    admin, schema = _postgres_or_skip()
    base = admin.url.render_as_string(hide_password=False)
    store = open_store(f"{base}?options=-csearch_path%3D{schema}")
    yield store
    store.engine.dispose()
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


def _engines():
    out = [pytest.param("processes", id="processes")]
    try:
        import ray  # noqa: F401
        out.insert(0, pytest.param("ray", id="ray"))
    except ImportError:
        out.insert(0, pytest.param("ray", id="ray", marks=pytest.mark.skip(
            reason="ray is not installed (pip install 'armsflow[distributed]')")))
    return out


def _corpus(folder, n: int):
    """Real text (engine/corpus.py) when the sources beside the repository are there, else synthetic text."""
    from armsflow.engine.corpus import default_sources, generate

    if default_sources():
        generate(folder, n, seed=5)
    else:
        write_corpus(folder, n)
    return folder


def snapshot(store) -> dict:
    """The store's content with database ids replaced by what they stand for (content hashes, claim keys)."""
    from armsflow.store.schema import ClaimRow, DocumentRow, EchoLink, RecordClaim, RecordRow

    with store.session() as s:
        docs = {i: (h, key) for i, h, key in s.execute(select(DocumentRow.id, DocumentRow.content_hash,
                                                               DocumentRow.doc_key))}
        documents = sorted((h, key, docs[cluster][0] if cluster else None)
                           for _i, h, key, cluster in s.execute(select(
                               DocumentRow.id, DocumentRow.content_hash, DocumentRow.doc_key, DocumentRow.cluster_id)))
        documents += sorted(("link", docs[d][0], docs[o][0], kind, score) for d, o, kind, score in s.execute(
            select(EchoLink.document_id, EchoLink.echo_of_id, EchoLink.kind, EchoLink.score)))
        claim_key = {}
        for c in s.scalars(select(ClaimRow)):
            claim_key[c.id] = (docs[c.document_id][0], c.start, c.end, c.supplier, c.recipient, c.system,
                               c.category, c.quantity, c.status, c.year, c.hedged, c.evidence, c.citation,
                               c.mention, c.headline, c.review)
        links: dict[int, list] = {}
        for rid, cid in s.execute(select(RecordClaim.record_id, RecordClaim.claim_id)):
            links.setdefault(rid, []).append(claim_key[cid])
        records = []
        for r in s.scalars(select(RecordRow)):
            timeline = [(e["status"], e["year"], e["first_seen"], sorted(claim_key[c] for c in e["claims"]))
                        for e in r.timeline or []]
            records.append((r.key, r.source, r.supplier, r.recipient, r.system, r.category, r.period_start,
                            r.period_end, r.status, repr(timeline), r.first_seen, r.last_seen, r.quantity_min,
                            r.quantity_max, r.claims, r.sources, r.hedged, r.unhedged, round(r.confidence, 9),
                            repr(sorted(links.get(r.id, [])))))
    return {"documents": documents, "claims": sorted(claim_key.values(), key=repr), "records": sorted(records,
                                                                                                       key=repr)}


def _distributed(engine, folder, store, parts, workers=2, embedder=None, **kw):
    from armsflow.engine.distributed import ingest_distributed, make_setup, open_pool
    from armsflow.ingest.sources import iter_documents

    catalog, extractor, families = parts
    pool = open_pool(engine, make_setup(catalog, embedder is not None), workers)
    errors = []
    try:
        summary = ingest_distributed(iter_documents([str(folder)]), store, families, pool, extractor.version,
                                     on_error=errors.append, **kw)
    finally:
        pool.close()
    assert errors == []
    return summary


def _local(folder, store, parts, embedder=None):
    from armsflow.engine.ingest import ingest
    from armsflow.ingest.sources import iter_documents

    _catalog, extractor, families = parts
    errors = []
    summary = ingest(iter_documents([str(folder)]), store, extractor, families, embedder=embedder,
                     on_error=errors.append)
    assert errors == []
    return summary


@pytest.mark.parametrize("engine", _engines()[:1])      # Ray, the engine chosen for clusters (time limit of CI)
def test_killing_a_worker_mid_run_loses_no_document(engine, pg_store, parts, tmp_path):
    from armsflow.store import open_store
    from armsflow.store.schema import DocumentRow

    folder = _corpus(tmp_path / "corpus", KILL_DOCS)
    killed: list[tuple[int, float]] = []
    pids: list[int] = []
    later: list[tuple[int, float]] = []         # (worker, when it finished) of the results taken after the kill

    def on_partition(result):
        if killed:
            later.append((result.pid, result.finished))
        pids.append(result.pid)
        if len(pids) == 3:           # the workers are busy with the next partitions (several are in flight)
            os.kill(result.pid, signal.SIGKILL)
            killed.append((result.pid, time.time()))

    store = pg_store
    summary = _distributed(engine, folder, store, parts, on_partition=on_partition, partition=KILL_PARTITION)
    assert killed
    # results are taken in partition order: a partition the killed worker had finished before it died may still
    # be taken after the kill, but none it would have finished later
    dead, when = killed[0]
    assert all(done < when for pid, done in later if pid == dead), "a killed worker cannot have sent a result"
    assert set(pids[3:]) - set(pids[:3]), "a new worker took over"
    assert (summary.read, summary.new, summary.failed) == (KILL_DOCS, KILL_DOCS, 0)
    with store.session() as s:
        hashes = s.scalars(select(DocumentRow.content_hash)).all()
        keys = s.scalars(select(DocumentRow.doc_key)).all()
    assert len(hashes) == len(set(hashes)) == KILL_DOCS            # every document, once
    assert len(set(keys)) == KILL_DOCS
    assert not store.unfused()

    # the same documents, claims and records as the local engine on the same corpus
    reference = open_store(f"sqlite:///{tmp_path / 'local.db'}")
    _local(folder, reference, parts)
    assert snapshot(store) == snapshot(reference)
    reference.engine.dispose()

    again = _distributed(engine, folder, store, parts, partition=KILL_PARTITION)   # a rerun skips what is stored
    assert (again.new, again.unchanged) == (0, KILL_DOCS)


@pytest.mark.parametrize("engine", _engines()[:1])      # Ray; processes is covered by test_ingest_command_with_an_engine
def test_same_claims_and_records_as_the_local_engine_on_the_dev_corpus(engine, pg_store, parts, shared, tmp_path):
    from armsflow.fuse.embed import load_embedder
    from armsflow.store import open_store

    folder = shared / "eval" / "dev" / "docs"
    embedder = load_embedder()
    local = open_store(f"sqlite:///{tmp_path / 'local.db'}")
    first = _local(folder, local, parts, embedder)
    store = pg_store                  # the local engine on SQLite, the distributed one on PostgreSQL
    summary = _distributed(engine, folder, store, parts, embedder=embedder, partition=5)   # several partitions
    assert summary.line() == first.line()
    expected, got = snapshot(local), snapshot(store)
    documents = [d for d in got["documents"] if d[0] != "link"]
    assert len(documents) == 32 and len(got["claims"]) == len(expected["claims"]) > 100
    assert got == expected
    links = [d for d in got["documents"] if d[0] == "link"]
    keys = {h: key for h, key, _cluster in documents}
    assert [(keys[a], keys[b]) for _, a, b, _k, _s in links] == [("seed-001", "seed-000")]
    again = _distributed(engine, folder, store, parts, embedder=embedder)
    assert (again.new, again.unchanged) == (0, 32)
    local.engine.dispose()


def test_ingest_command_with_an_engine(tmp_path):
    folder = tmp_path / "corpus"
    write_corpus(folder, 150)
    env = {**os.environ, "ARMSFLOW_HOME": str(tmp_path / "home")}

    def run(*args):
        return subprocess.run([sys.executable, "-m", "armsflow", "ingest", str(folder), "--quiet", "--no-semantic",
                               *args], capture_output=True, text=True, env=env, timeout=600)

    local = run("--db", str(tmp_path / "local.db"))
    procs = run("--db", str(tmp_path / "procs.db"), "--engine", "processes", "--workers", "2")
    assert local.returncode == procs.returncode == 0, procs.stderr
    assert local.stdout == procs.stdout and local.stdout.startswith("150 documents read: 150 new")
    dask = run("--db", str(tmp_path / "x.db"), "--engine", "dask")
    assert dask.returncode == 2 and "dask engine is not supported" in dask.stderr and "--engine ray" in dask.stderr
    bad = run("--db", str(tmp_path / "x.db"), "--workers", "2")
    assert bad.returncode == 2 and "--workers needs --engine processes or ray" in bad.stderr


@pytest.mark.parametrize("engine", _engines()[:1])
def test_a_slow_partition_does_not_hold_up_partitions_queued_behind_it(engine, parts):
    """Partitions go to the actor that is free: while one actor works through a long partition, the short ones
    submitted after it run on the other actor (at most one waits behind the long one), so no core idles while
    the driver waits for the head of its queue."""
    import random

    from armsflow.engine.distributed import make_setup, open_pool
    from armsflow.model import Document
    from armsflow.store.repo import content_hash
    from synthetic import PAIRS, SYSTEMS

    rng = random.Random(3)
    long_text = " ".join(f"In {2000 + k % 20}, {r} bought {1 + k % 9} {rng.choice(SYSTEMS)} from {s}."
                         for k, (s, r) in enumerate(rng.choice(PAIRS) for _ in range(60)))
    slow = [Document(f"long-{i}", f"{long_text} Report {i}.") for i in range(64)]
    fast = [[Document(f"short-{i}", f"The committee met on day {i} and adjourned.")] for i in range(6)]
    catalog, _extractor, _families = parts
    pool = open_pool(engine, make_setup(catalog, False), 2)
    try:
        handles = [pool.submit([(d, content_hash(d.text), True) for d in part]) for part in [slow, *fast]]
        results = [pool.result(h) for h in handles]
    finally:
        pool.close()
    slow_pid = results[0].pid
    assert sum(len(p.claims) for p in results[0].prepared) >= 64 * 50       # the long partition did the work
    behind = [r.pid for r in results[1:] if r.pid == slow_pid]
    assert len(behind) <= 1, f"{len(behind)} short partitions waited behind the long one"
    assert len({r.pid for r in results}) == 2


def test_a_script_without_a_main_guard_fails_fast_instead_of_hanging(tmp_path):
    """With spawn, each worker imports the main script again; one without ``if __name__ == "__main__":`` used to
    leave its worker alive and the driver blocked for ever (the 340 KB setup half-written into a dead child's pipe)."""
    script = tmp_path / "unguarded.py"
    script.write_text("from armsflow.catalog import load_catalog\n"
                      "from armsflow.engine.distributed import make_setup, open_pool\n"
                      "from armsflow.model import Document\n"
                      "pool = open_pool('processes', make_setup(load_catalog(include_user=False), False), 2)\n"
                      "handle = pool.submit([(Document('a', 'Serbia bought drones from China.'), 'h', True)])\n"
                      "print(pool.result(handle).prepared)\n")
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert out.returncode != 0
    assert 'put the script\'s code under `if __name__ == "__main__":`' in out.stderr
    assert "BrokenProcessPool" in out.stderr


@pytest.mark.parametrize("engine", _engines()[:1])
def test_an_actor_out_of_restarts_is_replaced_and_its_partitions_run_again(engine, parts, tmp_path):
    """With no restarts left (max_restarts=0), a killed actor's partitions fail; the driver submits them again
    and the pool puts a fresh actor in its place."""
    from armsflow.engine.distributed import RayPool, ingest_distributed, make_setup
    from armsflow.ingest.sources import iter_documents
    from armsflow.store import open_store

    folder = tmp_path / "corpus"
    write_corpus(folder, 300)
    catalog, extractor, families = parts
    store = open_store(f"sqlite:///{tmp_path / 'store.db'}")
    pool = RayPool(make_setup(catalog, False), 2, max_restarts=0)
    pids: list[int] = []

    def on_partition(result):
        pids.append(result.pid)
        if len(pids) == 2:
            os.kill(result.pid, signal.SIGKILL)
    try:
        summary = ingest_distributed(iter_documents([str(folder)]), store, families, pool, extractor.version,
                                     partition=16, on_partition=on_partition)
    finally:
        pool.close()
    assert (summary.read, summary.new, summary.failed) == (300, 300, 0)
    assert len(set(pids)) >= 3                     # the two first actors and the one that replaced the killed one
    reference = open_store(f"sqlite:///{tmp_path / 'local.db'}")
    _local(folder, reference, parts)
    assert snapshot(store) == snapshot(reference)
    store.engine.dispose()
    reference.engine.dispose()
