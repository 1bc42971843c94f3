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
