"""armsflow as a library (engine/library.py) on a real SQLite file: ingest, queries, review with re-fusion,
export through the writer registry, watches, data frames, and the README's worked example."""
from __future__ import annotations

import csv
import json
import re
import shutil
import sys
from pathlib import Path

import pytest

import armsflow
from armsflow.engine.results import MissingExtra
from armsflow.web.api import schemas

ROOT = Path(__file__).resolve().parents[2]

# written for these tests
TB2 = b"Turkey delivered six Bayraktar TB2 drones to Albania in 2023, the defence ministry in Tirana said on Monday.\n"
AKINCI = (b"<html><head><title>Akinci order</title></head><body><article><h1>Akinci order</h1><p>Albania ordered "
          b"three Bayraktar Akinci drones from Turkey in 2024, officials in Tirana said on Tuesday after a cabinet "
          b"meeting that approved the purchase and its financing.</p></article></body></html>")


@pytest.fixture(scope="module")
def base_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("library") / "base.db"
    store = armsflow.open(path)
    first = store.ingest_bytes(TB2, "tb2-albania.txt")
    second = store.ingest_bytes(AKINCI, "akinci.html")
    assert (first.new, second.new) == (1, 1) and not first.errors and not second.errors
    store.db.engine.dispose()
    return path


@pytest.fixture
def store(base_db, tmp_path):
    """A fresh copy of the base store for each test, so that reviews do not leak between tests."""
    path = tmp_path / "copy.db"
    shutil.copy(base_db, path)
    return armsflow.open(path)


def _record(store, system):
    found = [r for r in store.transfers(supplier="TUR", recipient="ALB") if r.system == system]
    return found[0] if found else None


def test_ingest_bytes_reads_by_content_and_is_idempotent(store):
    docs = {d.doc.split("-")[0]: d for d in store.documents()}
    assert docs["tb2"].kind == "text" and docs["akinci"].kind == "html" and docs["akinci"].title == "Akinci order"
    again = store.ingest_bytes(TB2, "tb2-albania.txt")
    assert (again.new, again.unchanged) == (0, 1)
    assert len(store.documents()) == 2
    with pytest.raises(TypeError):
        store.ingest_bytes(TB2.decode(), "text.txt")


def test_queries_return_typed_records_with_the_api_field_names(store):
    records = store.transfers(supplier="tur")
    assert {r.system for r in records} == {"Bayraktar TB2", "Bayraktar Akinci"}
    assert set(records.rows()[0]) == set(schemas.Record.model_fields)
    claims = store.claims(recipient="Albania")
    assert len(claims) == 2 and claims[0].evidence
    assert set(claims.rows()[0]) == set(schemas.Claim.model_fields)
    assert set(store.documents().rows()[0]) == set(schemas.Document.model_fields)
    assert len(store.sources()) == 2
    with pytest.raises(ValueError, match="supplier"):
        store.transfers(supplier="Atlantis")
    with pytest.raises(ValueError, match="source"):
        store.transfers(source="rumour")


def test_data_frames(store, monkeypatch):
    df = store.transfers().to_pandas()
    assert len(df) == 2 and set(df["supplier"]) == {"TUR"} and df["supplier_name"].notna().all()
    assert "timeline" in df.columns
    pl = store.claims().to_polars()
    assert pl.height == 2 and "evidence" in pl.columns
    monkeypatch.setitem(sys.modules, "pandas", None)          # as if the extra were not installed
    with pytest.raises(MissingExtra, match=r"armsflow\[dataframes\]"):
        store.transfers().to_pandas()


def test_reject_then_accept_refuses_the_record(store):
    rec = _record(store, "Bayraktar TB2")
    [claim] = store.claims(record_id=rec.id)
    done = store.review.reject(claim.id, user="analyst", note="wrong")
    assert done.review == "rejected" and done.record_id is None
    assert _record(store, "Bayraktar TB2") is None
    back = store.review.accept(claim.id, user="analyst")
    assert back.review == "accepted" and _record(store, "Bayraktar TB2").id == back.record_id


def test_edit_refuses_with_the_correction(store):
    rec = _record(store, "Bayraktar Akinci")
    [claim] = store.claims(record_id=rec.id)
    done = store.review.edit(claim.id, user="analyst", quantity=4, status="delivered")
    assert done.review == "edited"
    now = _record(store, "Bayraktar Akinci")
    assert (now.quantity_max, now.status, now.id) == (4, "delivered", done.record_id)
    with pytest.raises(ValueError):
        store.review.edit(claim.id, user="analyst", evidence="not editable")
    from armsflow.engine.review import NotFound
    with pytest.raises(NotFound, match="no claim 999"):
        store.review.accept(999, user="analyst")


def test_merge_then_split_refuse(store):
    tb2, akinci = _record(store, "Bayraktar TB2"), _record(store, "Bayraktar Akinci")
    merged = store.review.merge([tb2.id, akinci.id], user="analyst", note="one deal")
    [one] = store.transfers(supplier="TUR", recipient="ALB")
    assert one.id == merged.record_id and one.claims == 2
    moved = [c.id for c in store.claims(record_id=one.id) if c.system == "Bayraktar Akinci"]
    split = store.review.split(one.id, moved, user="analyst")
    records = store.transfers(supplier="TUR", recipient="ALB")
    assert len(records) == 2 and {split.record_id, split.kept_record_id} == {r.id for r in records}
    with pytest.raises(ValueError, match="at least two"):
        store.review.merge([split.record_id], user="analyst")


def test_export_through_the_registry(store, tmp_path):
    done = store.export("csv", tmp_path / "out.csv", supplier="TUR")
    with open(tmp_path / "out.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert done.written == len(rows) == 2 and {r["recipient"] for r in rows} == {"ALB"}
    store.export("json", tmp_path / "out.json")
    assert [r["id"] for r in json.loads((tmp_path / "out.json").read_text())] == \
        [r["id"] for r in store.transfers().rows()]
    with pytest.raises(ValueError, match="format 'xls'"):
        store.export("xls", tmp_path / "out.xls")
    assert not (tmp_path / "out.xls").exists()


def test_watches_run_and_move_their_mark(store):
    store.watches.add("albania", recipient="ALB", backfill=True)
    assert [w.name for w in store.watches.list()] == ["albania"]
    matches = store.watches.run()
    assert len(matches) == 2 and {m["claim"]["recipient"] for m in matches.rows()} == {"ALB"}
    assert len(store.watches.run()) == 0                       # the mark moved
    store.watches.remove("albania")
    assert len(store.watches.list()) == 0


def _readme_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Library (Python)", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_the_readme_notebook_example_runs_and_returns_a_data_frame(monkeypatch, capsys):
    import pandas as pd

    monkeypatch.chdir(ROOT)
    namespace: dict = {}
    exec(compile(_readme_example(), "README.md (Library)", "exec"), namespace)
    df = namespace["df"]
    assert isinstance(df, pd.DataFrame) and len(df) > 0
    assert set(df["recipient"]) == {"SRB"} and "supplier_name" in df.columns
    out = capsys.readouterr().out
    assert "rejected now in record" in out and "records written" in out


def test_analyses_return_typed_rows(store):
    shares = store.shares(recipient="ALB")
    assert [(s.supplier, s.records) for s in shares] == [("TUR", 2)] and shares[0].share == 1.0
    assert {e.supplier for e in store.entrants(recipient="ALB", since=2023)} == {"TUR"}
    flows = store.drones(recipient="ALB").to_pandas()
    assert set(flows["supplier"]) == {"TUR"} and flows["records"].sum() == 2
    assert len(store.network(state="ALB")) > 0 and len(store.blocs(region="western-balkans")) > 0
    with pytest.raises(ValueError, match="region or recipient"):
        store.shares(region="western-balkans", recipient="ALB")


def test_importing_armsflow_loads_no_store_or_data_frame_library():
    import os
    import subprocess

    code = ("import sys, armsflow; heavy = [m for m in ('sqlalchemy', 'pandas', 'polars', 'spacy', "
            "'armsflow.engine.library') if m in sys.modules]; print(heavy); assert callable(armsflow.open)")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


# -- the analyses of `armsflow dyads`, `components depends|embargo` and `ceilings`, row for row as the CLI ----------

@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """The small store of the analyze tests (register deals of Serbia, Kosovo, Croatia; two news records)."""
    sys.path.insert(0, str(ROOT / "tests" / "analyze"))
    from small_store import build_small_store

    folder = tmp_path_factory.mktemp("library-small")
    store = armsflow.open(folder / "small.db")
    build_small_store(store.db, folder)
    return store


def _cli_json(store, *args) -> list[dict]:
    """The JSON array `armsflow ... --format json` prints on the store's file."""
    from typer.testing import CliRunner

    from armsflow.cli import app

    path = Path(store.db.engine.url.database)
    done = CliRunner().invoke(app, [*args, "--db", str(path), "--format", "json"],
                              env={"ARMSFLOW_HOME": str(path.parent / "home"), "ARMSFLOW_FORMAT": None})
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)


def _agree(results, cli: list[dict]) -> None:
    """The library's rows are the CLI's JSON array, value for value (dates as ISO strings on both sides)."""
    assert cli, "the CLI printed no rows: the comparison would prove nothing"
    assert json.loads(json.dumps(results.rows(), default=lambda v: v.isoformat())) == cli


def test_dyads_agree_with_the_cli(small):
    store = small
    side_by_side = store.dyads(pair="srb-xkx", since=2020)
    assert {r.category for r in side_by_side if r.a_records} >= {"air_defence"}
    _agree(side_by_side, _cli_json(store, "dyads", "--pair", "SRB-XKX", "--since", "2020"))
    rising = store.dyads(region="western-balkans", escalation=True, weight="count", bucket=2)
    assert {r.pair for r in rising} == {"SRB-XKX", "SRB-HRV"}
    _agree(rising, _cli_json(store, "dyads", "--region", "western-balkans", "--escalation", "--weight", "count",
                             "--bucket", "2"))


def test_components_depends_and_embargo_agree_with_the_cli(small, store):
    chains = small.components("TUR", category="uav")
    assert "Bayraktar TB2" in {r.host for r in chains} and chains.rows()[0]["host_label"]
    _agree(chains, _cli_json(small, "components", "depends", "--state", "TUR", "--category", "uav"))
    _agree(small.components("Turkey", summary=True),
           _cli_json(small, "components", "depends", "--state", "TUR", "--summary"))
    # the Akinci's engines are Ukrainian: an embargo on them reaches the Albanian order of the base store
    touched = store.components("UKR", embargo=True)
    assert {(r.recipient, r.system) for r in touched} == {("ALB", "Bayraktar Akinci")}
    _agree(touched, _cli_json(store, "components", "embargo", "--state", "UKR"))
    _agree(store.components("UKR", embargo=True, summary=True),
           _cli_json(store, "components", "embargo", "--state", "UKR", "--summary"))
    _agree(store.components("UKR", embargo=True, hosts=True),
           _cli_json(store, "components", "embargo", "--state", "UKR", "--hosts"))


def test_ceilings_agree_with_the_cli(small):
    store = small
    table = store.ceilings(since=2015)
    assert any(r.holder_name and r.acquired_records for r in table)
    _agree(table, _cli_json(store, "ceilings", "--since", "2015"))


@pytest.mark.parametrize("call, argument", [
    (lambda s: s.dyads(pair="SRB-ZZZ"), "pair"),
    (lambda s: s.dyads(pair="SRB-XKX", region="western-balkans"), "pair or region"),
    (lambda s: s.dyads(since=2024, until=2020), "since"),
    (lambda s: s.dyads(weight="heavy"), "weight"),
    (lambda s: s.components("ZZZ"), "state"),
    (lambda s: s.components("wagner"), "state"),
    (lambda s: s.components("TUR", category="spaceship"), "category"),
    (lambda s: s.components("TUR", embargo=True, source="rumour"), "source"),
    (lambda s: s.ceilings(since=2024, until=2020), "since"),
    (lambda s: s.ceilings(until=1990), "until"),
    (lambda s: s.ceilings(treaty="cfe"), "cfe"),
])
def test_bad_arguments_of_the_new_analyses_are_one_value_error(small, call, argument):
    with pytest.raises(ValueError, match=argument):
        call(small)
