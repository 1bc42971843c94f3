"""The analysis verbs end to end on the small store (SQLite file), through the typer app."""
from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from armsflow.cli import app
from small_store import build_small_store


@pytest.fixture
def db(tmp_path, monkeypatch):
    from armsflow.store import open_store

    monkeypatch.setenv("ARMSFLOW_HOME", str(tmp_path / "home"))
    url = f"sqlite:///{tmp_path / 'small.db'}"
    store = open_store(url)
    build_small_store(store, tmp_path)
    store.engine.dispose()
    return url


def run(*args):
    result = CliRunner().invoke(app, list(args))
    return result


def lines(result):
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_shares_json_and_csv(db):
    rows = lines(run("shares", "--recipient", "srb", "--since", "2015", "--until", "2024", "--format", "jsonl",
                     "--db", db))
    # RUS 2 of 4, CHN 1, IRN 1 (news): HHI 50² + 25² + 25² = 3750
    assert [(r["supplier"], r["records"], r["share"], r["source"]) for r in rows] == [
        ("RUS", 2, 0.5, "register"), ("CHN", 1, 0.25, "register"), ("IRN", 1, 0.25, "news")]
    assert rows[0]["hhi"] == pytest.approx(3750)
    out = run("shares", "--recipient", "SRB", "--since", "2015", "--until", "2024", "--by", "tiv",
              "--exclude-hedged", "--format", "csv", "--db", db)
    table = list(csv.DictReader(io.StringIO(out.stdout)))
    # TIV delivered: CHN 30, RUS 20 (the Mi-35M order delivered nothing): 0.6 / 0.4, HHI 3600 + 1600
    assert [(r["supplier"], r["tiv"], r["share"], r["hhi"], r["source"]) for r in table] == [
        ("CHN", "30.0", "0.6", "5200.0", "register"), ("RUS", "20.0", "0.4", "5200.0", "register")]


def test_table_title_names_the_source(db):
    out = run("shares", "--recipient", "SRB", "--source", "news", "--format", "table", "--db", db)
    assert out.exit_code == 0 and "from news" in out.stdout
    out = run("shares", "--recipient", "SRB", "--source", "sipri", "--format", "table", "--db", db)
    assert "from register" in out.stdout


def test_blocs(db):
    rows = lines(run("blocs", "--recipient", "SRB", "--since", "2015", "--until", "2024", "--format", "jsonl",
                     "--db", db))
    # 2015-2019: the MiG-29 deal (RUS). 2020-2024: HQ-22 (CHN), Mi-35M (RUS), Iran (news)
    assert [(r["bucket"], r["group"], r["records"]) for r in rows] == [
        ("2015-2019", "russia", 1), ("2020-2024", "russia", 1), ("2020-2024", "china", 1), ("2020-2024", "iran", 1)]
    trend = lines(run("blocs", "--recipient", "SRB", "--since", "2015", "--until", "2024", "--trend", "--format",
                      "jsonl", "--db", db))
    assert {r["group"]: round(r["change"], 4) for r in trend} == {"russia": round(1 / 3 - 1, 4),
                                                                 "china": round(1 / 3, 4), "iran": round(1 / 3, 4)}


def test_entrants_carry_their_evidence(db):
    rows = lines(run("entrants", "--region", "western-balkans", "--since", "2020", "--format", "jsonl", "--db", db))
    iran = next(r for r in rows if r["supplier"] == "IRN" and r["scope"] == "recipient")
    assert (iran["where"], iran["hedged"], iran["sources"], iran["source"]) == ("SRB", True, 1, "news")
    [ev] = iran["evidence"]
    assert (ev["doc"], ev["publisher"], ev["published"], ev["hedged"]) == ("iran-serbia", "Wire A", "2023-12-01", True)
    table = run("entrants", "--region", "western-balkans", "--since", "2020", "--format", "table", "--db", db)
    assert table.exit_code == 0 and "allegedly" in table.stdout


def test_dyads_drones_network(db):
    rows = lines(run("dyads", "--pair", "XKX-SRB", "--since", "2020", "--until", "2024", "--weight", "count",
                     "--format", "jsonl", "--db", db))
    assert [(r["category"], r["a_records"], r["b_records"]) for r in rows] == [
        ("air_defence", 1, 0), ("armoured_vehicle", 0, 1), ("helicopter", 1, 0), ("uav", 1, 1)]
    esc = lines(run("dyads", "--pair", "SRB-XKX", "--since", "2020", "--until", "2024", "--weight", "count",
                    "--escalation", "--format", "jsonl", "--db", db))
    assert [(r["mutual"], r["change"], r["shared"]) for r in esc] == [(1.0, None, ["uav"])]
    ops = lines(run("drones", "--region", "western-balkans", "--by", "operator", "--format", "jsonl", "--db", db))
    assert [(o["recipient"], o["records"], o["source"]) for o in ops] == [("XKX", 1, "register")]
    net = lines(run("network", "--year", "2021", "--format", "jsonl", "--db", db))
    # 2021: RUS->SRB (Mi-35M), CHN->SRB (HQ-22 2020-2023), FRA->HRV (Rafale 2021-2024): 5 nodes, 3 edges, 3/20
    assert [(r["year"], r["nodes"], r["edges"], r["density"]) for r in net] == [(2021, 5, 3, 0.15)]
    deg = lines(run("network", "--state", "SRB", "--since", "2021", "--until", "2023", "--format", "jsonl",
                    "--db", db))
    assert [(r["year"], r["in_degree"], r["out_degree"]) for r in deg] == [(2021, 2, 0), (2022, 1, 0), (2023, 2, 0)]


def test_usage_errors(db):
    assert run("shares", "--region", "atlantis", "--db", db).exit_code == 2
    assert run("shares", "--region", "nato", "--recipient", "SRB", "--db", db).exit_code == 2
    assert run("shares", "--since", "2024", "--until", "2015", "--db", db).exit_code == 2
    assert run("dyads", "--pair", "SRB", "--db", db).exit_code == 2
    assert run("network", "--year", "2020", "--since", "2019", "--db", db).exit_code == 2
