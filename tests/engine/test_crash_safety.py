"""Kill an ingest of 320 documents with SIGKILL (8 times by default; ARMSFLOW_CRASH_KILLS=20 for the full run) at
points picked at random among: inside the transaction that stores a chunk of documents, between two chunks, and
after every document is stored but before their records are fused (their pairs are marked unfused). Each run is stopped at its point (src/armsflow/pausepoints.py)
before it is killed, so every kill lands mid-run however loaded the machine is.

After each kill the store passes its integrity check and holds exactly the chunks committed before the kill;
the next run completes with every document present exactly once and the same claims and records as a run that
was never killed."""
from __future__ import annotations

import math
import os
import random
import subprocess
import sys

from pausing import HANG_GUARD, paused_env, wait_until_paused
from synthetic import write_corpus

from armsflow.engine.ingest import BATCH_DOCS

KILLS = int(os.environ.get("ARMSFLOW_CRASH_KILLS", "8"))
ROUNDS = 2
DOCS = 320                   # five chunks: room for every kill of a round before its last
CHUNKS = math.ceil(DOCS / BATCH_DOCS)


def _ingest(folder, url, env):
    return subprocess.Popen([sys.executable, "-m", "armsflow", "ingest", str(folder), "--db", url, "--quiet",
                             "--no-semantic"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


def _complete(folder, url, env) -> None:
    proc = _ingest(folder, url, env)
    out, err = proc.communicate(timeout=HANG_GUARD)
    assert proc.returncode == 0, err.decode()


def _plan(rng: random.Random, stored_chunks: int, k: int, last: bool) -> tuple[str, int, int]:
    """(point, N, chunks the run commits before it stops) for kill ``k`` of a round. A run re-reads every
    document: the chunks stored before it are found unchanged (they count at ``ingest.chunk``, not at
    ``store.documents``)."""
    left = CHUNKS - stored_chunks
    if last:
        return "ingest.fuse", 1, left
    if k % 2 and left >= 2:
        more = rng.randint(1, min(2, left - 1))
        return "ingest.chunk", stored_chunks + more, more
    n = rng.randint(1, min(2, left))
    return "store.documents", n, n - 1


def test_sigkill_during_ingest_loses_nothing(tmp_path):
    from armsflow.store import open_store

    folder = tmp_path / "corpus"
    write_corpus(folder, DOCS)
    env = {**os.environ, "ARMSFLOW_HOME": str(tmp_path / "home")}
    ref_url = f"sqlite:///{tmp_path / 'reference.db'}"
    _complete(folder, ref_url, env)
    reference = open_store(ref_url).counts()
    assert reference["documents"] == DOCS

    rng = random.Random(11)
    flag = tmp_path / "paused"
    seen = set()
    for round_ in range(ROUNDS):                     # a fresh store each round, so every kill finds work to do
        url = f"sqlite:///{tmp_path / f'crash{round_}.db'}"
        chunks = 0
        per_round = KILLS // ROUNDS
        for k in range(per_round):
            point, n, commits = _plan(rng, chunks, k, last=k == per_round - 1)
            seen.add(point)
            proc = _ingest(folder, url, paused_env(env, point, n, flag))
            wait_until_paused(proc, flag)
            proc.kill()
            proc.wait(timeout=HANG_GUARD)
            store = open_store(url)
            assert store.integrity_check() == []
            chunks += commits
            # the chunks committed before the kill, whole; not one document of the chunk in flight
            assert store.counts()["documents"] == min(DOCS, chunks * BATCH_DOCS), (point, n)
            if point == "ingest.fuse":
                assert store.unfused()
            store.engine.dispose()
        _complete(folder, url, env)                        # the next run completes
        store = open_store(url)
        counts = store.counts()
        assert counts["documents"] == DOCS
        assert (counts["claims"], counts["records"]) == (reference["claims"], reference["records"])
        assert not store.unfused()
        assert store.integrity_check() == []
        store.engine.dispose()
    if KILLS // ROUNDS >= 3:
        assert seen == {"store.documents", "ingest.chunk", "ingest.fuse"}
