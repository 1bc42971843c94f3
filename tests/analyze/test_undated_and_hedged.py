"""Undated stays undated and hedged stays hedged, through fusion, every analysis, the CLI, the export, the API and the
briefing, on a store of invented reports (SQLite and PostgreSQL).

Two hedged reports from 2023 state no year (Iranian rifles for Bosnia, Iranian drones Serbia might want): before,
fusion dated them by their articles, and the 2015-2024 Western Balkans briefing said "Iran supplies Bosnia and
Herzegovina". Two plain reports and one hedged one state their years."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from typer.testing import CliRunner

from armsflow.cli import app

UNDATED = 2           # the two Iranian reports
REPORTS = [
    # (key, published, text, supplier, recipient, category, status, year, hedged)
    ("harbour-rifles", dt.date(2023, 5, 10), "Iran is said to have shipped rifles to Bosnian units, a retired officer "
     "claimed.", "IRN", "BIH", "small_arms", "delivered", None, True),
    ("harbour-drones", dt.date(2023, 11, 2), "Belgrade is rumoured to be weighing drones made in Iran.",
     "IRN", "SRB", "uav", "interest", None, True),
    ("gazette-carriers", dt.date(2022, 3, 1), "Albania received armoured carriers from Turkey in 2021.",
     "TUR", "ALB", "armoured_vehicle", "delivered", 2021, False),
    ("gazette-helicopters", dt.date(2023, 9, 1), "Skopje took delivery of two French helicopters in 2023.",
     "FRA", "MKD", "helicopter", "delivered", 2023, False),
    ("gazette-drones", dt.date(2023, 1, 20), "Montenegro allegedly obtained Turkish drones in 2022.",
     "TUR", "MNE", "uav", "delivered", 2022, True),
]


@pytest.fixture
def invented(store):
    from armsflow.catalog import load_catalog
    from armsflow.catalog.gazetteer import gazetteer_for
    from armsflow.engine.fusion import refuse
    from armsflow.fuse.family import Families
    from armsflow.model import Claim, Document

    catalog = load_catalog(include_user=False)
    store.sync_entities(catalog)
    for key, published, text, sup, rcp, cat, status, year, hedged in REPORTS:
        store.add_document(Document(id=key, text=text, publisher=key.split("-")[0].title(), published=published),
                           [Claim(key, sup, rcp, None, cat, None, status, year, hedged, text, 0, len(text))], "test")
    refuse(store, Families(gazetteer_for(catalog)))
    return store


@pytest.fixture
def db(invented):
    return invented.engine.url.render_as_string(hide_password=False)


def _iran(records):
    return [r for r in records if r.supplier == "IRN"]


def test_fusion_keeps_the_undated_records_undated(invented):
    from armsflow.store.queries import records

    iran = _iran(records(invented))
    assert len(iran) == UNDATED
    for r in iran:
        assert (r.period_start, r.period_end) == (None, None)
        assert [e.year for e in r.timeline] == [None]
        assert r.first_seen is not None and r.first_seen.year == 2023      # when it was reported, kept as that
        assert r.unhedged == 0 and r.hedged == 1
    dated = {(r.supplier, r.recipient): (r.period_start, r.period_end) for r in records(invented) if r.supplier != "IRN"}
    assert dated == {("TUR", "ALB"): (2021, 2021), ("FRA", "MKD"): (2023, 2023), ("TUR", "MNE"): (2022, 2022)}


def test_no_analysis_gives_an_undated_record_a_year(invented):
    from armsflow.analyze.dataset import load_dataset
    from armsflow.analyze.drones import drone_flows, drones_by_region
    from armsflow.analyze.dyads import Rival, dyad_acquisitions
    from armsflow.analyze.entrants import find_entrants
    from armsflow.analyze.network import degrees, network_figures
    from armsflow.analyze.shares import bloc_alignment, load_alignment, supplier_shares

    for since, until in ((2015, 2024), (None, None)):
        ds = load_dataset(invented, "western-balkans", since, until)
        _, entrants = find_entrants(invented, "western-balkans", since, until)
        assert not [e for e in entrants if e.supplier == "IRN"]
        assert {(e.supplier, e.where, e.year) for e in entrants if e.scope == "recipient"} == \
            {("TUR", "ALB", 2021), ("FRA", "MKD", 2023), ("TUR", "MNE", 2022)}
        blocs = bloc_alignment(ds, load_alignment(None), "count", "region", 5)
        assert not [b for b in blocs if b.group == "iran" and b.records]
        assert all(row.records == 0 for row in dyad_acquisitions(ds, Rival("SRB", "BIH"), 5) if row.category == "uav")
        assert not [d for d in degrees(ds, "IRN") if d.out_degree]
        assert [(f.year, f.edges) for f in network_figures(ds) if f.edges] == [(2021, 1), (2022, 1), (2023, 1)]
        assert sum(r.records for r in drone_flows(ds, 1)) == 1              # Montenegro's, not Serbia's
        assert sum(r.records for r in drones_by_region(ds, {"wb": ds.members}, 1)) == 1
        # the undated ones are said to be left out of whatever needs a year
        assert ds.undated_left_out(by_time=True) == UNDATED
        shares = supplier_shares(ds, "count", "region")
        if since is None:
            assert ds.undated_left_out() == 0 and "IRN" in {s.supplier for s in shares}   # a share needs no year
        else:
            assert ds.undated_left_out() == UNDATED and "IRN" not in {s.supplier for s in shares}


def _cli(*args):
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize("verb, left_out", [
    (["shares"], UNDATED), (["blocs"], UNDATED), (["entrants"], UNDATED), (["drones"], UNDATED),
    (["network"], UNDATED), (["transfers"], UNDATED),
    (["dyads"], 1)])               # the region's rival pairs, SRB-XKX and SRB-HRV: Serbia's drones, not Bosnia's rifles
def test_the_cli_says_how_many_undated_records_it_left_out(db, verb, left_out, tmp_path, monkeypatch):
    monkeypatch.setenv("ARMSFLOW_HOME", str(tmp_path / "home"))
    args = verb + ["--region", "western-balkans", "--since", "2015", "--until", "2024", "--db", db]
    table = _cli(*args, "--format", "table")
    assert table.exit_code == 0, table.stderr
    records = "records" if left_out > 1 else "record"
    assert f"Note: {left_out} undated {records} left out: no claim behind" in table.stdout
    as_json = _cli(*args, "--format", "jsonl")
    assert as_json.exit_code == 0, as_json.stderr
    assert f"armsflow: note: {left_out} undated {records} left out" in as_json.stderr
    rows = [json.loads(line) for line in as_json.stdout.splitlines()]      # stdout is rows only
    assert not [r for r in rows if "IRN" in json.dumps(r)]


def test_the_export_keeps_them_undated_or_leaves_them_out_saying_so(db, tmp_path, monkeypatch):
    monkeypatch.setenv("ARMSFLOW_HOME", str(tmp_path / "home"))
    everything = _cli("export", "--format", "jsonl", "--db", db)
    assert everything.exit_code == 0, everything.stderr
    iran = [r for r in map(json.loads, everything.stdout.splitlines()) if r["supplier"] == "IRN"]
    assert len(iran) == UNDATED
    assert all(r["period_start"] is None and r["period_end"] is None for r in iran)
    assert all(e["year"] is None for r in iran for e in r["timeline"])
    period = _cli("export", "--format", "csv", "--since", "2015", "--until", "2024", "--db", db)
    assert period.exit_code == 0 and "IRN" not in period.stdout
    assert re.search(rf"; left out {UNDATED} undated \(no claim behind them states a year\)$", period.stderr.strip())


def test_the_api_names_the_count(invented):
    from fastapi.testclient import TestClient

    from armsflow.web import create_app
    from armsflow.web.settings import Settings

    with TestClient(create_app(invented, Settings(secret_key="test-secret-not-for-use", secure_cookies=False))) \
            as client:
        body = client.get("/api/v1/analyses/shares", params={"region": "western-balkans", "since": "2015",
                                                              "until": "2024"}).json()
        assert body["undated_left_out"] == UNDATED and body["note"].startswith(f"{UNDATED} undated records")
        assert "IRN" not in {r["supplier"] for r in body["rows"]}
        body = client.get("/api/v1/analyses/network", params={"region": "western-balkans"}).json()
        assert body["undated_left_out"] == UNDATED
        body = client.get("/api/v1/analyses/shares", params={"region": "western-balkans"}).json()
        assert body["undated_left_out"] == 0 and body["note"] == ""


def _text(briefing) -> str:
    return "\n".join([f.text for f in briefing.summary + [f for s in briefing.sections for f in s.findings]]
                     + [briefing.method_note])


def test_the_briefing_leaves_them_out_of_its_period_and_says_so(invented, tmp_path):
    from armsflow.report import write_briefing
    from armsflow.report.build import build_briefing

    b = build_briefing(invented, "western-balkans", 2015, 2024)
    assert "Iran" not in _text(b)
    assert f"{UNDATED} records of the region with no stated year were left out of the period 2015–2024" in \
        b.method_note
    md = write_briefing(b, tmp_path / "brief.md").read_text(encoding="utf-8")
    assert "Iran" not in md.split("## Method")[0] and "left out of the period 2015–2024" in md


def test_a_briefing_finding_on_hedged_reports_only_is_worded_as_reported(invented, tmp_path):
    from armsflow.report import write_briefing
    from armsflow.report.build import build_briefing

    b = build_briefing(invented, "western-balkans")
    text = _text(b)
    assert "Iran reportedly supplies Bosnia and Herzegovina (small arms and ammunition)" in text
    assert "Serbia is reportedly considering or negotiating Iran's drones" in text
    assert not re.search(r"Iran supplies|Serbia is considering", text)
    # plain and hedged reports of one supplier stay apart: Albania's carriers are stated, Montenegro's drones reported
    assert "Turkey supplies Albania (armoured vehicles); Turkey reportedly supplies Montenegro (drones)" in text
    assert re.search(r"Montenegro reportedly holds the most drone .*unconfirmed", text)
    assert f"{UNDATED} records with no stated year count in the supplier findings" in b.method_note
    # the timeline draws only what a claim dates
    [timeline] = [c for s in b.sections for c in s.charts if c.kind == "timeline"]
    assert sorted(year for year, _, _ in timeline.data["events"]) == [2021, 2022, 2023]
    assert not [e for e in timeline.data["events"] if "Iran" in e[1]]
    md = write_briefing(b, tmp_path / "brief.md").read_text(encoding="utf-8")
    assert "Iran reportedly supplies" in md and "Iran supplies" not in md
