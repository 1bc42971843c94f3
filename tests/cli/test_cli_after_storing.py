"""A failure after the documents are stored (fusing their records, keeping the state summaries current) is one line
saying what is kept and how to finish, exit status 1, no traceback; running the same command again finishes.

The failures are real: a trigger in the SQLite store refuses to write records (or summaries)."""
from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

ARTICLES = {
    "tb2.md": "Albania received three Bayraktar TB2 drones from Turkey in 2022, the defence ministry said.\n",
    "k9.md": "Poland ordered 48 K9 howitzers from South Korea in 2022. The first batch arrived by sea.\n",
}
REFUSE = "CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'no {table} today'); END"


def _ingest(folder, db, home):
    env = {**os.environ, "ARMSFLOW_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "armsflow", "ingest", str(folder), "--db", f"sqlite:///{db}",
                           "--quiet", "--no-semantic"], capture_output=True, text=True, env=env, timeout=300)


def _setup(tmp_path, table):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, body in ARTICLES.items():
        (folder / name).write_text(body, encoding="utf-8")
    db = tmp_path / "store.db"
    from armsflow.store import open_store

    open_store(f"sqlite:///{db}").engine.dispose()
    with sqlite3.connect(db) as conn:
        conn.execute(REFUSE.format(table=table))
    return folder, db


def _count(db, table) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_a_failed_fusion_keeps_the_documents_and_the_next_run_fuses_them(tmp_path):
    folder, db = _setup(tmp_path, "records")
    r = _ingest(folder, db, tmp_path / "home")
    assert r.returncode == 1 and r.stdout == ""
    assert "Traceback" not in r.stderr and len(r.stderr.splitlines()) == 1, r.stderr
    assert r.stderr.startswith("armsflow: 2 new documents stored (") and "fusing their records failed (" in r.stderr
    assert "no records today" in r.stderr and "run the same command again" in r.stderr
    assert (_count(db, "documents"), _count(db, "records")) == (2, 0)

    with sqlite3.connect(db) as conn:
        conn.execute("DROP TRIGGER refuse_records")
    again = _ingest(folder, db, tmp_path / "home")
    assert again.returncode == 0 and again.stderr == "", again.stderr
    assert again.stdout.startswith("2 documents read: 0 new") and "2 already stored" in again.stdout
    assert _count(db, "documents") == 2 and _count(db, "records") >= 2
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM meta WHERE key LIKE 'unfused%'").fetchone()[0] == 0


def test_a_failed_summary_refresh_says_the_records_are_fused(tmp_path):
    folder, db = _setup(tmp_path, "summaries")
    r = _ingest(folder, db, tmp_path / "home")
    assert r.returncode == 1 and r.stdout == ""
    assert "Traceback" not in r.stderr and len(r.stderr.splitlines()) == 1, r.stderr
    assert "2 new documents stored" in r.stderr and "records fused; keeping the state summaries current failed" \
        in r.stderr and "no summaries today" in r.stderr
    assert _count(db, "records") >= 2 and _count(db, "summaries") == 0
