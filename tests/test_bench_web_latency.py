"""bench/web_latency.py end to end on a tiny bulk store: a real server, real requests, a table and a JSON file."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


def run(*args, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "ARMSFLOW_HOME": str(cwd / "no-armsflow-home")}    # the user's catalogue stays out
    return subprocess.run([sys.executable, str(BENCH / "web_latency.py"), *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=600, env=env)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """One run on a store of about 2,000 claims, kept for the tests below."""
    root = tmp_path_factory.mktemp("web-latency")
    proc = run("--store", root / "bulk.db", "--claims", 2000, "--seconds", 1, "--clients", 5, "--warmup", 0.5,
               "--workers", 1, "--json", root / "out.json", cwd=root)
    return root, proc


def test_prints_the_table_and_exits_0(tiny):
    _root, proc = tiny
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("route "))
    assert "p95 ms" in lines[header] and "x static" in lines[header]
    static = lines[header + 1].split()
    assert static[0] == "static" and static[1] == "/static/armsflow.css"
    assert float(static[3]) > 0 and static[6] == "1.0" and static[7] == "0"     # p50 > 0, its own baseline
    assert lines[-1].startswith("errors=0 ")


def test_json_has_every_route_measured_or_missing(tiny):
    root, _proc = tiny
    data = json.loads((root / "out.json").read_text())
    assert data["store"]["claims"] >= 2000 and data["store"]["records"] > 0
    assert data["clients"] == 5 and data["errors"] == 0
    assert data["generator"] == ("wrk" if shutil.which("wrk") else "python")
    routes = data["routes"]
    assert set(routes) == {"static", "overview", "record", "state", "records", "document", "search",
                           "api_records", "api_record", "api_state"}
    for name, r in routes.items():
        assert r["status"] in ("measured", "missing"), (name, r)
        if r["status"] == "measured":
            assert r["requests"] > 0 and r["p50_ms"] <= r["p95_ms"] <= r["p99_ms"] <= r["max_ms"], (name, r)
    assert routes["static"]["status"] == "measured"


def test_bulk_claims_point_at_their_evidence_and_are_fused(tiny):
    root, _proc = tiny
    db = sqlite3.connect(root / "bulk.db")
    rows = db.execute("SELECT c.evidence, c.start, c.\"end\", d.text FROM claims c "
                      "JOIN documents d ON d.id = c.document_id WHERE d.doc_key LIKE 'bulk-%'").fetchall()
    assert len(rows) >= 1500
    assert all(text[start:end] == evidence for evidence, start, end, text in rows)
    # every replayed claim belongs to a record, and the actors were varied beyond the seed's few
    unlinked = db.execute("SELECT count(*) FROM claims c LEFT JOIN record_claims rc ON rc.claim_id = c.id "
                          "WHERE rc.claim_id IS NULL AND c.supplier IS NOT NULL "
                          "AND c.recipient IS NOT NULL").fetchone()[0]
    assert unlinked == 0
    assert db.execute("SELECT count(DISTINCT supplier || '>' || recipient) FROM records").fetchone()[0] > 50


def test_a_second_run_reuses_the_store(tiny):
    root, _proc = tiny
    # the Python load generator here (the first run took wrk when the machine has it)
    proc = run("--store", root / "bulk.db", "--claims", 2000, "--seconds", 0.5, "--clients", 2, "--warmup", 0,
               "--workers", 1, "--routes", "api_record", "--generator", "python", cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert "reusing" in proc.stderr and "(reused; built in" in proc.stdout
    assert [line.split()[0] for line in proc.stdout.splitlines() if line.startswith(("static ", "api_record "))] \
        == ["static", "api_record"]


def test_unknown_route_is_a_clean_error(tmp_path):
    proc = run("--store", tmp_path / "none.db", "--routes", "record,nosuch", cwd=tmp_path)
    assert proc.returncode == 2
    assert "unknown route(s) nosuch" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "none.db").exists()
