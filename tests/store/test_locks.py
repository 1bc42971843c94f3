"""The store's writer lock orders processes, not only threads: while another process holds it, a writer waits
(SQLite: flock on the file beside the store; PostgreSQL: an advisory lock), and a killed holder frees it."""
from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

from armsflow.store.engine import make_engine
from armsflow.store.locks import writer_lock

HOLDER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from armsflow.store.engine import make_engine
    from armsflow.store.locks import writer_lock

    url, folder = sys.argv[1], Path(sys.argv[2])
    with writer_lock(make_engine(url)):
        (folder / "held").touch()
        deadline = time.monotonic() + 60
        while not (folder / "go").exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        (folder / "done").touch()
""")


def _wait_for(path: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path.name} never appeared"
        time.sleep(0.02)


def _contender(engine, folder: Path, seen: list) -> threading.Thread:
    def run():
        with writer_lock(engine):
            seen.append((folder / "done").exists())
    t = threading.Thread(target=run, daemon=True)
    t.start()
    return t


def test_a_writer_waits_for_another_process(store_url, tmp_path):
    engine = make_engine(store_url)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, store_url, str(tmp_path)])
    try:
        _wait_for(tmp_path / "held")
        seen: list[bool] = []
        t = _contender(engine, tmp_path, seen)
        t.join(0.5)
        assert seen == [], "took the lock while another process held it"
        (tmp_path / "go").touch()
        t.join(30)
        assert seen == [True], "the lock was taken before the holder was done"
    finally:
        holder.wait(30)
        engine.dispose()


def test_a_killed_holder_frees_the_lock(store_url, tmp_path):
    engine = make_engine(store_url)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, store_url, str(tmp_path)])
    _wait_for(tmp_path / "held")
    holder.kill()
    holder.wait(30)
    seen: list[bool] = []
    _contender(engine, tmp_path, seen).join(30)
    assert seen == [False]
    engine.dispose()


def test_the_lock_is_reentrant_in_a_thread_and_excludes_other_threads(store_url, tmp_path):
    from armsflow.store.locks import held

    engine = make_engine(store_url)
    try:
        seen: list[bool] = []
        with writer_lock(engine):
            with writer_lock(engine):            # a use case calling another that takes it: no self-deadlock
                assert held(engine)
            assert held(engine)
            t = _contender(engine, tmp_path, seen)
            t.join(0.5)
            assert seen == [], "another thread took the lock while this one held it"
            (tmp_path / "done").touch()
        t.join(30)
        assert seen == [True] and not held(engine)
    finally:
        engine.dispose()


OPENER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from armsflow.catalog import load_catalog
    from armsflow.store import open_store

    url, ready, go = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    catalog = load_catalog(include_user=False)
    ready.touch()
    deadline = time.monotonic() + 60
    while not go.exists() and time.monotonic() < deadline:
        time.sleep(0.005)
    store = open_store(url)              # a fresh store: its schema is created once, by whoever comes first
    store.sync_entities(catalog)
    print(store.counts()["documents"])
""")


def test_processes_opening_a_fresh_store_at_once_all_succeed(store_url, tmp_path):
    from sqlalchemy import func, select

    from armsflow.store import open_store
    from armsflow.store.schema import Entity

    go = tmp_path / "go"
    procs = [subprocess.Popen([sys.executable, "-c", OPENER, store_url, str(tmp_path / f"ready{i}"), str(go)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for i in range(4)]
    try:
        for i in range(4):
            _wait_for(tmp_path / f"ready{i}", 120)
        go.touch()
        results = [p.communicate(timeout=120) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
    assert [(p.returncode, out, err) for p, (out, err) in zip(procs, results)] == [(0, "0\n", "")] * 4
    store = open_store(store_url)
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Entity)) > 100
    store.engine.dispose()
