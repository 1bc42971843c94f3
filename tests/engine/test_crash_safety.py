"""Kill an ingest of 500 documents with SIGKILL at random moments (8 times in CI to keep it under its time limit;
ARMSFLOW_CRASH_KILLS=20 for the full run): after each kill the store passes its integrity check, and the next run
completes with every document present exactly once."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

from synthetic import write_corpus

KILLS = int(os.environ.get("ARMSFLOW_CRASH_KILLS", "8"))
ROUNDS = 2
DOCS = 500


def _ingest(folder, url, env):
    return subprocess.Popen([sys.executable, "-m", "armsflow", "ingest", str(folder), "--db", url, "--quiet",
                             "--no-semantic"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


def _timed(folder, url, env) -> float:
    start = time.monotonic()
    proc = _ingest(folder, url, env)
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode()
    return time.monotonic() - start


def _wait_for_writes(path, stored: int, proc, timeout: float = 300) -> None:
    """Until the store at ``path`` holds more than ``stored`` documents (or the ingest has ended)."""
    import sqlite3

    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        if path.exists():
            try:
                with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as db:
                    if db.execute("SELECT count(*) FROM documents").fetchone()[0] > stored:
                        return
            except sqlite3.Error:                 # not created yet, or its schema not yet written
                pass
        time.sleep(0.02)


def test_sigkill_during_ingest_loses_nothing(tmp_path):
    from armsflow.store import open_store

    folder = tmp_path / "corpus"
    write_corpus(folder, DOCS)
    env = {**os.environ, "ARMSFLOW_HOME": str(tmp_path / "home")}
    ref_url = f"sqlite:///{tmp_path / 'reference.db'}"
    full = _timed(folder, ref_url, env)              # a whole run, and a run with nothing left to do
    idle = _timed(folder, ref_url, env)
    reference = open_store(ref_url).counts()
    assert reference["documents"] == DOCS
    work = max(full - idle, 0.5)

    rng = random.Random(11)
    killed = mid_write = 0
    for round_ in range(ROUNDS):                     # a fresh store each round, so every kill finds work to do
        url = f"sqlite:///{tmp_path / f'crash{round_}.db'}"
        stored = 0
        for k in range(KILLS // ROUNDS):
            remaining = (DOCS - stored) / DOCS
            proc = _ingest(folder, url, env)
            if k % 2:
                # somewhere between start-up and the end of the work still to do
                time.sleep(idle * rng.uniform(0.6, 1.0) + rng.uniform(0.05, 0.95) * work * remaining)
            else:
                # once documents are being written (a loaded machine shifts every timing), a little later
                _wait_for_writes(tmp_path / f"crash{round_}.db", stored, proc)
                time.sleep(rng.uniform(0.0, 0.3) * work * remaining)
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                killed += 1
            proc.wait()
            store = open_store(url)
            assert store.integrity_check() == []
            now = store.counts()["documents"]
            assert stored <= now <= DOCS                   # nothing lost, nothing doubled
            mid_write += stored < now < DOCS
            stored = now
            store.engine.dispose()
        _timed(folder, url, env)                           # the next run completes
        store = open_store(url)
        counts = store.counts()
        assert counts["documents"] == DOCS
        assert (counts["claims"], counts["records"]) == (reference["claims"], reference["records"])
        assert not store.unfused()
        assert store.integrity_check() == []
        store.engine.dispose()
    assert killed >= KILLS * 3 // 4, f"only {killed} of {KILLS} runs were still going when killed"
    assert mid_write >= ROUNDS, "too few kills landed while documents were being written"
