"""Every export format round-trips: written by armsflow.export, read back with the format's own reader."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

import networkx as nx
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from armsflow.export import (COLUMNS, write_csv, write_geojson, write_graphml, write_jsonl, write_parquet)
from armsflow.model import StatusEvent, TransferRecord

NAMES = {"IRN": "Iran", "RUS": "Russia", "SRB": "Serbia", "TUR": "Turkey", "CIV": "Côte d'Ivoire",
         "houthis": "Houthis", "wagner": "Wagner Group"}
KINDS = {"IRN": "state", "RUS": "state", "SRB": "state", "TUR": "state", "CIV": "state", "houthis": "armed_group",
         "wagner": "armed_group"}
COORDS = {"IRN": (35.69, 51.39), "RUS": (55.76, 37.62), "SRB": (44.79, 20.45), "TUR": (39.93, 32.86),
          "CIV": (6.83, -5.29), "houthis": (15.37, 44.19)}


@pytest.fixture
def records() -> list[TransferRecord]:
    return [
        TransferRecord(
            id=1, supplier="IRN", recipient="houthis", system="Shahed-136", category="loitering_munition",
            period_start=2019, period_end=2023, status="delivered",
            timeline=[StatusEvent("ordered", 2018, dt.date(2018, 5, 1), [11, 12]),
                      StatusEvent("delivered", 2019, None, [])],
            first_seen=dt.date(2018, 5, 1), last_seen=dt.date(2024, 1, 2), quantity_min=10, quantity_max=40,
            claims=5, sources=3, hedged=1, unhedged=2, confidence=0.75, source="news", key="IRN|houthis|shahed"),
        # None everywhere a record allows it
        TransferRecord(id=2, supplier="TUR", recipient="SRB", system=None, category="uav", period_start=None,
                       period_end=None, status="interest", key="TUR|SRB|uav", confidence=0.2),
        # unicode in the system and in a name; a second record on a dyad that already has one
        TransferRecord(id=3, supplier="RUS", recipient="CIV", system="Mi-24 «Hind» — Ми-24", category="helicopter",
                       period_start=2010, period_end=None, status="ordered", quantity_min=None, quantity_max=2,
                       claims=1, sources=1, unhedged=1, confidence=0.5, source="sipri", key="RUS|CIV|mi-24"),
        TransferRecord(id=4, supplier="RUS", recipient="CIV", system="BTR-80", category="armoured_vehicle",
                       period_start=2011, period_end=2012, status="delivered", confidence=0.4, key="RUS|CIV|btr-80"),
        # no coordinates for wagner (not in COORDS); no supplier at all
        TransferRecord(id=5, supplier="wagner", recipient="SRB", system=None, category="small_arms",
                       period_start=2022, period_end=None, status="delivered", key="wagner|SRB|small_arms"),
        TransferRecord(id=6, supplier=None, recipient="houthis", system=None, category="missile", period_start=2020,
                       period_end=None, status="delivered", key="?|houthis|missile"),
    ]


# --- CSV ------------------------------------------------------------------------------------------------------------
def test_csv_round_trip(records):
    buf = io.StringIO(newline="")
    assert write_csv(records, buf, NAMES) == len(records)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue(), newline="")))
    assert list(rows[0]) == list(COLUMNS)
    assert len(rows) == len(records)
    r1, r2, r3 = rows[0], rows[1], rows[2]
    assert (r1["supplier"], r1["supplier_name"], r1["recipient"], r1["recipient_name"]) == \
        ("IRN", "Iran", "houthis", "Houthis")
    assert (r1["period_start"], r1["period_end"], r1["quantity_min"], r1["first_seen"]) == \
        ("2019", "2023", "10", "2018-05-01")
    assert float(r1["confidence"]) == 0.75
    assert json.loads(r1["timeline"]) == [
        {"status": "ordered", "year": 2018, "first_seen": "2018-05-01", "claim_ids": [11, 12]},
        {"status": "delivered", "year": 2019, "first_seen": None, "claim_ids": []}]
    # None is an empty cell, never the text "None"
    assert (r2["system"], r2["period_start"], r2["quantity_max"], r2["first_seen"]) == ("", "", "", "")
    assert "None" not in buf.getvalue()
    assert r3["system"] == "Mi-24 «Hind» — Ми-24" and r3["recipient_name"] == "Côte d'Ivoire"
    assert rows[5]["supplier"] == "" and rows[5]["supplier_name"] == ""


def test_csv_without_names_has_no_name_columns(records):
    buf = io.StringIO(newline="")
    write_csv(records[:1], buf)
    header = next(csv.reader(io.StringIO(buf.getvalue())))
    assert "supplier_name" not in header and header[:4] == ["id", "key", "source", "supplier"]


def test_unknown_code_is_its_own_name(records):
    buf = io.StringIO(newline="")
    write_csv(records[4:5], buf, {})
    assert next(csv.DictReader(io.StringIO(buf.getvalue())))["supplier_name"] == "wagner"


# --- JSON Lines -----------------------------------------------------------------------------------------------------
def test_jsonl_round_trip(records):
    buf = io.StringIO()
    assert write_jsonl(records, buf, NAMES) == len(records)
    lines = buf.getvalue().splitlines()
    assert len(lines) == len(records)
    objs = [json.loads(line) for line in lines]
    assert objs[0]["timeline"][0] == {"status": "ordered", "year": 2018, "first_seen": "2018-05-01",
                                      "claim_ids": [11, 12]}
    assert objs[1]["system"] is None and objs[1]["period_start"] is None and objs[1]["first_seen"] is None
    assert objs[2]["system"] == "Mi-24 «Hind» — Ми-24"            # UTF-8, not \u escapes
    assert "Ми-24" in lines[2]
    assert objs[5]["supplier"] is None and objs[5]["recipient_name"] == "Houthis"


def test_jsonl_nan_confidence_is_null(records):
    rec = records[1]
    rec.confidence = float("nan")
    buf = io.StringIO()
    write_jsonl([rec], buf)
    assert json.loads(buf.getvalue())["confidence"] is None


# --- Parquet --------------------------------------------------------------------------------------------------------
def test_parquet_types_and_values(records, tmp_path):
    path = tmp_path / "t.parquet"
    assert write_parquet(records, path, NAMES) == len(records)
    table = pq.read_table(path)
    s = table.schema
    assert s.names == list(COLUMNS)
    assert s.field("id").type == pa.int64()
    assert s.field("period_start").type == pa.int32() and s.field("period_start").nullable
    assert s.field("quantity_min").type == pa.int64() and s.field("quantity_min").nullable
    assert s.field("first_seen").type == pa.date32()
    assert s.field("confidence").type == pa.float64()
    assert s.field("claims").type == pa.int32() and not s.field("claims").nullable
    assert pa.types.is_list(s.field("timeline").type)
    event = s.field("timeline").type.value_type
    assert pa.types.is_struct(event)
    assert event.field("first_seen").type == pa.date32() and event.field("year").type == pa.int32()
    assert event.field("claim_ids").type == pa.list_(pa.int64())

    rows = table.to_pylist()
    assert rows[0]["first_seen"] == dt.date(2018, 5, 1) and rows[0]["period_end"] == 2023
    assert rows[0]["timeline"] == [
        {"status": "ordered", "year": 2018, "first_seen": dt.date(2018, 5, 1), "claim_ids": [11, 12]},
        {"status": "delivered", "year": 2019, "first_seen": None, "claim_ids": []}]
    assert rows[1]["period_start"] is None and rows[1]["quantity_max"] is None and rows[1]["system"] is None
    assert rows[1]["timeline"] == []
    assert rows[2]["system"] == "Mi-24 «Hind» — Ми-24" and rows[2]["recipient_name"] == "Côte d'Ivoire"
    assert rows[2]["source"] == "sipri"
    assert rows[5]["supplier"] is None
    assert table.column("period_start").null_count == 1


def test_parquet_empty(tmp_path):
    path = tmp_path / "empty.parquet"
    assert write_parquet([], path, NAMES) == 0
    table = pq.read_table(path)
    assert table.num_rows == 0 and table.schema.names == list(COLUMNS)


# --- GraphML --------------------------------------------------------------------------------------------------------
def test_graphml_round_trip(records, tmp_path):
    path = tmp_path / "t.graphml"
    assert write_graphml(records, path, NAMES, KINDS) == 5          # the record without a supplier has no edge
    text = path.read_text(encoding="utf-8")
    assert ">None<" not in text and '"None"' not in text
    g = nx.read_graphml(path, force_multigraph=True)
    assert g.is_directed() and g.is_multigraph()
    assert set(g.nodes) == {"IRN", "houthis", "TUR", "SRB", "RUS", "CIV", "wagner"}
    assert g.nodes["houthis"] == {"label": "Houthis", "name": "Houthis", "kind": "armed_group"}
    assert g.nodes["CIV"]["name"] == "Côte d'Ivoire"
    assert g.number_of_edges() == 5
    assert g.number_of_edges("RUS", "CIV") == 2                     # two transfers on one dyad
    assert not g.has_edge("houthis", "IRN")                         # supplier -> recipient
    e = g.edges["IRN", "houthis", "r1"]
    assert e["system"] == "Shahed-136" and e["category"] == "loitering_munition" and e["status"] == "delivered"
    assert e["period_start"] == 2019 and e["period_end"] == 2023 and e["sources"] == 3
    assert e["confidence"] == 0.75 and e["source"] == "news" and e["record_id"] == 1
    assert json.loads(e["timeline"])[0]["claim_ids"] == [11, 12]
    bare = g.edges["TUR", "SRB", "r2"]
    assert "system" not in bare and "period_start" not in bare and "period_end" not in bare
    assert {d["system"] for _, _, d in g.edges(("RUS",), data=True)} == {"Mi-24 «Hind» — Ми-24", "BTR-80"}
    for _, attrs in g.nodes(data=True):
        assert "None" not in attrs.values()
    for _, _, attrs in g.edges(data=True):
        assert "None" not in attrs.values()


def test_graphml_declares_one_type_per_key(records, tmp_path):
    """Gephi and yEd need typed keys with unique ids, every <data> pointing at a declared key."""
    import xml.etree.ElementTree as ET

    path = tmp_path / "t.graphml"
    write_graphml(records, path, NAMES, KINDS)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(path).getroot()
    keys = root.findall("g:key", ns)
    ids = [k.get("id") for k in keys]
    assert len(ids) == len(set(ids))
    types = {k.get("attr.name"): (k.get("for"), k.get("attr.type")) for k in keys}
    assert types["name"] == ("node", "string") and types["kind"] == ("node", "string")
    assert types["period_start"] == ("edge", "long") and types["sources"] == ("edge", "long")
    assert types["confidence"] == ("edge", "double") and types["system"] == ("edge", "string")
    assert all(k.get("attr.type") for k in keys)
    # key ids are the attribute names: Gephi reads ids "d3"/"d7" as yEd's label keys
    assert all(k.get("id") == k.get("attr.name") for k in keys)
    used = {d.get("key") for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data")}
    assert used <= set(ids)
    edge_ids = [e.get("id") for e in root.iter("{http://graphml.graphdrawing.org/xmlns}edge")]
    assert len(edge_ids) == len(set(edge_ids)) == 5


def test_graphml_to_binary_handle_and_guessed_kinds(records):
    buf = io.BytesIO()
    assert write_graphml(records[:1] + records[4:5], buf, NAMES) == 2
    g = nx.read_graphml(io.BytesIO(buf.getvalue()))
    assert g.nodes["IRN"]["kind"] == "state" and g.nodes["wagner"]["kind"] == "nonstate"


# --- GeoJSON --------------------------------------------------------------------------------------------------------
def test_geojson_lines_are_lon_lat(records):
    buf = io.StringIO()
    written, skipped = write_geojson(records, buf, COORDS, NAMES)
    assert (written, skipped) == (4, 2)            # wagner has no coordinates; record 6 has no supplier
    doc = json.loads(buf.getvalue())
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == 4
    f = doc["features"][0]
    assert f["type"] == "Feature" and f["id"] == 1
    assert f["geometry"] == {"type": "LineString", "coordinates": [[51.39, 35.69], [44.19, 15.37]]}  # [lon, lat]
    p = f["properties"]
    assert (p["supplier"], p["supplier_name"], p["recipient"], p["recipient_name"]) == \
        ("IRN", "Iran", "houthis", "Houthis")
    assert p["system"] == "Shahed-136" and p["period_start"] == 2019 and p["sources"] == 3
    assert p["timeline"][1] == {"status": "delivered", "year": 2019, "first_seen": None, "claim_ids": []}
    civ = doc["features"][2]
    assert civ["geometry"]["coordinates"] == [[37.62, 55.76], [-5.29, 6.83]]   # western longitude is negative
    assert civ["properties"]["system"] == "Mi-24 «Hind» — Ми-24"
    assert doc["features"][1]["properties"]["system"] is None
    for feat in doc["features"]:
        for lon, lat in feat["geometry"]["coordinates"]:
            assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert {feat["id"] for feat in doc["features"]} == {1, 2, 3, 4}


def test_geojson_empty_is_valid():
    buf = io.StringIO()
    assert write_geojson([], buf, COORDS, NAMES) == (0, 0)
    assert json.loads(buf.getvalue()) == {"type": "FeatureCollection", "features": []}


def test_geojson_with_the_catalogue_places(records):
    from armsflow.catalog.places import load_places

    written, skipped = write_geojson(records, io.StringIO(), load_places(include_user=False), NAMES)
    assert (written, skipped) == (5, 1)            # every catalogue actor is placed; only the missing supplier is not
