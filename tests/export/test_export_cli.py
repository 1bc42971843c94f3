"""`armsflow export` end to end: a store in a temporary folder, the command run as a user runs it."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys

import pytest

from armsflow.model import StatusEvent, TransferRecord


def _armsflow(*args: str, home) -> subprocess.CompletedProcess:
    env = {**os.environ, "ARMSFLOW_HOME": str(home), "PYTHONIOENCODING": "ascii"}   # output is UTF-8 regardless
    env.pop("ARMSFLOW_DB", None)
    return subprocess.run([sys.executable, "-m", "armsflow", "export", *args], capture_output=True, env=env,
                          timeout=120)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    from armsflow.store import open_store

    folder = tmp_path_factory.mktemp("store")
    store = open_store(f"sqlite:///{folder}/s.db")
    store.replace_records([
        (TransferRecord(id=None, supplier="IRN", recipient="houthis", system="Shahed-136",
                        category="loitering_munition", period_start=2019, period_end=None, status="delivered",
                        timeline=[StatusEvent("delivered", 2019, dt.date(2019, 3, 1), [])],
                        first_seen=dt.date(2019, 3, 1), last_seen=dt.date(2021, 7, 9), quantity_max=12, claims=3,
                        sources=2, unhedged=2, confidence=0.75, key="IRN|houthis|shahed-136"), []),
        (TransferRecord(id=None, supplier="TUR", recipient="CIV", system="Bayraktar TB2 — «Ivoirien»",
                        category="uav", period_start=2022, period_end=2023, status="ordered", claims=1, sources=1,
                        hedged=1, confidence=0.3, key="TUR|CIV|tb2"), []),
    ], None)
    store.engine.dispose()
    return f"sqlite:///{folder}/s.db"


def test_csv_to_stdout(db, tmp_path):
    done = _armsflow("--format", "csv", "--db", db, home=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode("utf-8"), newline="")))
    assert [(r["supplier"], r["recipient"]) for r in rows] == [("IRN", "houthis"), ("TUR", "CIV")]
    assert rows[0]["recipient_name"] == "Houthis" and rows[0]["supplier_name"] == "Iran"
    assert rows[0]["period_end"] == "" and rows[0]["quantity_max"] == "12" and rows[0]["first_seen"] == "2019-03-01"
    assert rows[1]["system"] == "Bayraktar TB2 — «Ivoirien»" and rows[1]["recipient_name"] == "Côte d'Ivoire"
    assert done.stderr.decode().strip() == "wrote 2 records to stdout"


def test_filters_and_out_file(db, tmp_path):
    out = tmp_path / "uav.jsonl"
    done = _armsflow("--format", "jsonl", "--category", "uav", "--out", str(out), "--db", db, home=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == b""
    objs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [o["key"] for o in objs] == ["TUR|CIV|tb2"]
    assert done.stderr.decode().strip() == f"wrote 1 record to {out}"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_parquet_from_suffix_and_needs_out(db, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "all.parquet"
    done = _armsflow("--out", str(out), "--supplier", "irn", "--db", db, home=tmp_path)   # format from the suffix
    assert done.returncode == 0, done.stderr.decode()
    assert pq.read_table(out).column("recipient").to_pylist() == ["houthis"]
    done = _armsflow("--format", "parquet", "--db", db, home=tmp_path)
    assert done.returncode == 2 and b"--out" in done.stderr and done.stdout == b""


def test_geojson_and_graphml(db, tmp_path):
    import networkx as nx

    done = _armsflow("--format", "geojson", "--db", db, home=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    doc = json.loads(done.stdout.decode("utf-8"))
    assert [f["geometry"]["coordinates"][0] for f in doc["features"]] == [[51.39, 35.69], [32.86, 39.93]]
    out = tmp_path / "net.graphml"
    done = _armsflow("--format", "graphml", "--out", str(out), "--db", db, home=tmp_path)
    assert done.returncode == 0, done.stderr.decode()
    g = nx.read_graphml(out)
    assert g.nodes["houthis"]["kind"] == "armed_group" and g.number_of_edges() == 2


def test_failed_export_leaves_the_old_file(db, tmp_path):
    out = tmp_path / "keep.csv"
    out.write_text("old\n", encoding="utf-8")
    done = _armsflow("--format", "csv", "--out", str(out), "--since", "soon", "--db", db, home=tmp_path)
    assert done.returncode == 2
    assert out.read_text(encoding="utf-8") == "old\n"
    missing = tmp_path / "no" / "such" / "folder.csv"
    done = _armsflow("--format", "csv", "--out", str(missing), "--db", db, home=tmp_path)
    assert done.returncode == 2 and not missing.parent.exists()


def test_writer_failure_keeps_the_old_file_and_no_part_file(db, tmp_path, monkeypatch):
    """A writer that dies half-way (disk full, a bug) leaves the target as it was and no temporary file behind."""
    from typer.testing import CliRunner

    import armsflow.export
    from armsflow.cli import app

    def half_then_fail(records, fh, names=None):
        fh.write("id,key\n1,half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(armsflow.export, "write_csv", half_then_fail)
    monkeypatch.setenv("ARMSFLOW_HOME", str(tmp_path))
    out = tmp_path / "keep.csv"
    out.write_text("old\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["export", "--format", "csv", "--out", str(out), "--db", db])
    assert result.exit_code == 1
    assert "No space left on device" in result.output
    assert out.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.csv"]
