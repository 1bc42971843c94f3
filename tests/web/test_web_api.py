"""The REST API (/api/v1) against the real app over a real SQLite store built by the real ingest.

Reads: content checked against the store queries the CLI uses, filters, paging, 404/422. Writes: POST /documents
and claim reviews with a Bearer token (issued as `armsflow user token` issues it) or a session + CSRF, and every
way they must be refused.
"""
from __future__ import annotations

import csv
import io
import json
import re

import pytest

from websupport import USER, make_app, sign_in

API = "/api/v1"

# our own article: a transfer the extractor reads, nothing copied from anywhere
ARTICLE = """---
title: Test article about tanks for Cyprus
publisher: Harbour Gazette
published: 2025-02-11
---
Greece delivered twelve Leopard 2 tanks to Cyprus in 2025, the ministry said.
Greek officials added that the tanks were handed over at a ceremony in Larnaca.
"""


@pytest.fixture
def store_path(built_store, tmp_path):
    """A private copy of the built store, taken with SQLite's backup API: the store runs in WAL mode, so copying
    the main file alone (as conftest's ``store_path`` does) can miss everything still in ``store.db-wal``."""
    import sqlite3

    path = tmp_path / "store.db"
    src, dst = sqlite3.connect(built_store), sqlite3.connect(path)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return path


@pytest.fixture
def token(web_store):
    from armsflow.store.users import issue_token

    return issue_token(web_store, USER, "api tests")


def auth(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


# -- records ---------------------------------------------------------------------------------------------------

def test_records_match_the_store_and_carry_names(client, web_store):
    from armsflow.store.queries import RecordFilter, records

    expected = records(web_store, RecordFilter())
    r = client.get(f"{API}/records", params={"limit": 1000})
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == len(expected) > 0
    assert [it["id"] for it in body["items"]] == [x.id for x in expected]
    assert body["next"] is None
    tur = next(it for it in body["items"] if it["supplier"] == "TUR")
    assert tur["supplier_name"] == "Turkey"
    assert isinstance(tur["timeline"], list)


def test_records_filters(client, web_store):
    from armsflow.store.queries import RecordFilter, records

    for params, f in (({"supplier": "tur"}, RecordFilter(supplier="TUR")),
                      ({"recipient": "ALB"}, RecordFilter(recipient="ALB")),
                      ({"category": "uav"}, RecordFilter(category="uav")),
                      ({"status": "delivered"}, RecordFilter(status="delivered")),
                      ({"since": "2023", "until": "2024-06-01"}, RecordFilter(since=2023, until=2024)),
                      ({"min_sources": 2}, RecordFilter(min_sources=2)),
                      ({"source": "news"}, RecordFilter(source="news"))):
        body = client.get(f"{API}/records", params={**params, "limit": 1000}).json()
        assert [it["id"] for it in body["items"]] == [x.id for x in records(web_store, f)], params
    tur = client.get(f"{API}/records", params={"supplier": "TUR"}).json()
    assert tur["total"] > 0 and all(it["supplier"] == "TUR" for it in tur["items"])
    everything = client.get(f"{API}/records").json()["total"]
    assert tur["total"] < everything
    balkans = client.get(f"{API}/records", params={"region": "western-balkans"}).json()
    assert balkans["items"] and all({"ALB", "SRB", "BIH", "MNE", "MKD", "XKX", "HRV"} &
                                    {it["supplier"], it["recipient"]} for it in balkans["items"])


def test_records_paging_walks_every_record_once(client):
    total = client.get(f"{API}/records").json()["total"]
    assert total >= 3
    seen, url = [], f"{API}/records?limit=2"
    while url:
        body = client.get(url).json()
        assert body["total"] == total and len(body["items"]) <= 2
        seen += [it["id"] for it in body["items"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == total


@pytest.mark.parametrize("query", ["limit=0", "limit=1001", "offset=-1", "since=abc", "until=20x4",
                                   "source=blogs", "min_sources=-1", "region=atlantis"])
def test_records_bad_parameters_are_422(client, query):
    r = client.get(f"{API}/records?{query}")
    assert r.status_code == 422, r.text
    assert "detail" in r.json()


def test_one_record_with_claims_and_timeline(client, web_store):
    from armsflow.store.queries import claims

    listed = client.get(f"{API}/records", params={"supplier": "FRA", "recipient": "SRB"}).json()["items"]
    assert listed, "the Rafale sample reports a FRA -> SRB transfer"
    r = client.get(f"{API}/records/{listed[0]['id']}")
    assert r.status_code == 200
    rec = r.json()
    assert rec["supplier"] == "FRA" and rec["recipient"] == "SRB" and rec["recipient_name"] == "Serbia"
    assert [c["id"] for c in rec["claim_items"]] == [c.id for c in claims(web_store, record_id=rec["id"])]
    assert rec["claim_items"] and all(rec["id"] in c["records"] for c in rec["claim_items"])
    assert rec["timeline"] and rec["timeline"][0]["claim_ids"]
    assert client.get(f"{API}/records/999999").status_code == 404
    assert client.get(f"{API}/records/999999").json() == {"detail": "no record 999999"}
    assert client.get(f"{API}/records/abc").status_code == 422


# -- claims ----------------------------------------------------------------------------------------------------

def test_claims_filters_paging_and_one_claim(client, web_store):
    from armsflow.store.queries import claims

    every = claims(web_store)
    body = client.get(f"{API}/claims", params={"limit": 1000}).json()
    assert body["total"] == len(every) and [c["id"] for c in body["items"]] == [c.id for c in every]
    tur = client.get(f"{API}/claims", params={"supplier": "TUR"}).json()
    assert tur["total"] == len(claims(web_store, supplier="TUR")) > 0
    page = client.get(f"{API}/claims", params={"limit": 1, "offset": 1}).json()
    assert [c["id"] for c in page["items"]] == [every[1].id]
    assert "offset=2" in page["next"]
    one = client.get(f"{API}/claims/{every[0].id}").json()
    assert one["evidence"] == every[0].evidence and one["doc"] == every[0].doc
    assert client.get(f"{API}/claims/999999").status_code == 404
    assert client.get(f"{API}/claims", params={"review": "maybe"}).status_code == 422


# -- documents -------------------------------------------------------------------------------------------------

def test_documents_list_and_hostile_document_detail(client, web_store):
    from armsflow.store.queries import sources

    every = sources(web_store)
    body = client.get(f"{API}/documents", params={"limit": 1000}).json()
    assert body["total"] == len(every) and [d["id"] for d in body["items"]] == [d.id for d in every]
    assert "text" not in body["items"][0]
    hostile = next(d for d in body["items"] if d["doc"] == "hostile-coast-guard")
    r = client.get(f"{API}/documents/{hostile['id']}")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    doc = r.json()
    assert "<script>" in doc["text"]               # the text as stored: JSON carries it, the client escapes it
    assert doc["original"] is None and isinstance(doc["echoes"], list)
    rafale = next(d for d in body["items"] if d["doc"] == "serbia-rafale-contract-2024")
    detail = client.get(f"{API}/documents/{rafale['id']}").json()
    assert len(detail["claim_items"]) == rafale["claims"] > 0
    assert all(c["document_id"] == rafale["id"] and c["doc"] == rafale["doc"] for c in detail["claim_items"])
    assert "Rafale" in detail["text"]
    assert client.get(f"{API}/documents/999999").status_code == 404
    text_only = client.get(f"{API}/documents", params={"kind": "text"}).json()
    assert all(d["kind"] == "text" for d in text_only["items"])
    assert client.get(f"{API}/documents", params={"since": "2024-13-40"}).status_code == 422
    dated = client.get(f"{API}/documents", params={"since": "2024-01-01"}).json()["items"]
    assert all(d["published"] >= "2024-01-01" for d in dated)


# -- states ----------------------------------------------------------------------------------------------------

def test_states_and_one_state(client):
    states = client.get(f"{API}/states").json()
    tur = next(s for s in states["items"] if s["code"] == "TUR")
    assert tur["name"] == "Turkey" and tur["exports"] >= 1
    srb = client.get(f"{API}/states/srb").json()
    assert srb["code"] == "SRB" and srb["name"] == "Serbia" and srb["imports"] >= 1
    assert {"FRA", "RUS", "CHN"} <= {p["code"] for p in srb["suppliers"]}
    assert sum(p["records"] for p in srb["suppliers"]) == srb["imports"]
    assert srb["recipients"] == [] and srb["exports"] == 0
    assert client.get(f"{API}/states/ZZZ").status_code == 404


# -- analyses --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name,params", [("shares", {}), ("shares", {"region": "western-balkans", "by": "count"}),
                                         ("blocs", {"trend": "true"}), ("entrants", {"scope": "recipient"}),
                                         ("dyads", {"escalation": "true"}), ("drones", {"by": "operator"}),
                                         ("network", {"state": "TUR"}), ("network", {"year": 2023})])
def test_analyses_answer_rows_with_their_columns(client, name, params):
    r = client.get(f"{API}/analyses/{name}", params=params)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["analysis"] == name and body["columns"] and body["title"]
    for row in body["rows"]:
        assert set(body["columns"]) <= set(row), (body["columns"], row)


def test_shares_match_the_analysis_module(client, web_store):
    from armsflow.analyze.dataset import load_dataset
    from armsflow.analyze.shares import supplier_shares

    expected = supplier_shares(load_dataset(web_store, None), "count", "recipient")
    rows = client.get(f"{API}/analyses/shares").json()["rows"]
    assert [(r["scope"], r["supplier"], r["records"]) for r in rows] == \
        [(e.scope, e.supplier, e.records) for e in expected]
    assert rows


@pytest.mark.parametrize("url,status", [("/analyses/astrology", 404), ("/analyses/shares?by=weight", 422),
                                        ("/analyses/shares?since=2024&until=2020", 422),
                                        ("/analyses/shares?region=atlantis", 422),
                                        ("/analyses/dyads?pair=SRB", 422), ("/analyses/shares?bucket=0", 422)])
def test_analyses_bad_input(client, url, status):
    r = client.get(API + url)
    assert r.status_code == status, r.text
    assert r.json()["detail"]


@pytest.mark.parametrize("url,argument,problem", [
    ("/analyses/dyads?pair=SRB-ZZZ", "pair", "'ZZZ' is not a state code"),
    ("/analyses/network?state=ZZZ", "state", "unknown state or actor"),
    ("/analyses/shares?recipient=ZZZ", "recipient", "unknown state or actor"),
    ("/analyses/entrants?region=atlantis", "region", "unknown region"),
    ("/analyses/blocs?since=2020-06&until=2020-01", "since", "ends before it starts"),
    ("/analyses/drones?since=2024&until=2015", "since", "ends before it starts"),
    ("/records?recipient=ZZZ", "recipient", "unknown state or actor"),
    ("/records?supplier=zzz", "supplier", "unknown state or actor"),
    ("/records?region=atlantis", "region", "unknown region"),
    ("/records?since=2024&until=2015", "since", "ends before it starts"),
    ("/records?category=spaceship", "category", "unknown category"),
    ("/records?status=rumoured", "status", "unknown status"),
    ("/export.csv?recipient=ZZZ", "recipient", "unknown state or actor"),
    ("/export.jsonl?since=2024&until=2015", "since", "ends before it starts"),
    ("/claims?supplier=ZZZ", "supplier", "unknown state or actor"),
    ("/claims?category=spaceship", "category", "unknown category"),
])
def test_unknown_codes_regions_and_reversed_periods_are_one_sentence(client, url, argument, problem):
    """The checks of the command line (analyze/arguments.py): 422 and one sentence naming the parameter."""
    r = client.get(API + url)
    assert r.status_code == 422, r.text
    detail = r.json()["detail"]
    assert isinstance(detail, str) and "\n" not in detail, detail
    assert detail.startswith(f"{argument} ") and problem in detail, detail


def test_codes_and_names_in_any_spelling_are_taken(client):
    for url in ("/records?recipient=serbia", "/records?recipient=srb", "/analyses/dyads?pair=srb-xkx",
                "/analyses/shares?region=Western%20Balkans", "/claims?supplier=Turkey"):
        assert client.get(API + url).status_code == 200, url
    assert client.get(f"{API}/records?supplier=Turkey").json() == client.get(f"{API}/records?supplier=TUR").json()


# -- exports ---------------------------------------------------------------------------------------------------

def test_export_csv_and_json_follow_the_filters(client, web_store):
    from armsflow.store.queries import RecordFilter, records

    expected = [r.id for r in records(web_store, RecordFilter(supplier="TUR"))]
    r = client.get(f"{API}/export.csv", params={"supplier": "TUR"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [int(row["id"]) for row in rows] == expected and rows[0]["supplier_name"] == "Turkey"
    as_json = client.get(f"{API}/export.json", params={"supplier": "TUR"}).json()
    assert [row["id"] for row in as_json] == expected
    lines = client.get(f"{API}/export.jsonl", params={"supplier": "TUR"}).text.splitlines()
    assert [json.loads(line)["id"] for line in lines] == expected


def test_export_graphml_and_geojson_parse(client, web_store):
    import networkx as nx

    from armsflow.store.queries import records

    r = client.get(f"{API}/export.graphml")
    assert r.status_code == 200
    g = nx.read_graphml(io.BytesIO(r.content))
    with_ends = [x for x in records(web_store) if x.supplier and x.recipient]
    assert g.number_of_edges() == len(with_ends) == int(r.headers["x-records"])
    assert g.nodes["TUR"]["label"] == "Turkey"
    geo = client.get(f"{API}/export.geojson", params={"supplier": "TUR"}).json()
    assert geo["type"] == "FeatureCollection" and geo["features"]
    for f in geo["features"]:
        assert f["geometry"]["type"] == "LineString" and len(f["geometry"]["coordinates"]) == 2
        assert f["properties"]["supplier"] == "TUR"
    assert client.get(f"{API}/export.xlsx").status_code == 422


# -- search ----------------------------------------------------------------------------------------------------

def test_search_finds_documents_and_claims(client):
    body = client.get(f"{API}/search", params={"q": "Bayraktar"}).json()
    assert body["documents"]["total"] >= 1
    hit = next(d for d in body["documents"]["items"] if d["doc"] == "hostile-coast-guard")
    assert any(s["match"] and s["text"].lower() == "bayraktar" for s in hit["snippet"])
    assert body["claims"]["total"] >= 1
    assert client.get(f"{API}/search", params={"q": "zzqxv"}).json()["documents"]["total"] == 0
    assert client.get(f"{API}/search").status_code == 422
    assert client.get(f"{API}/search", params={"q": '"; DROP TABLE claims'}).status_code == 200


# -- the API reference page ------------------------------------------------------------------------------------

def test_docs_page_is_offline_and_lists_every_endpoint(client):
    r = client.get(f"{API}/docs")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    html = r.text
    assert "<script" not in html and "style=" not in html
    refs = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert refs and all(not re.match(r"^(?:[a-z]+:)?//", ref) for ref in refs), refs
    assert not re.search(r"https?://", html)
    for path in client.get(f"{API}/openapi.json").json()["paths"]:
        assert path in html
    for ref in refs:
        if ref.startswith("/static/"):
            assert client.get(ref).status_code == 200


# -- posting documents -----------------------------------------------------------------------------------------

def test_post_document_needs_a_valid_token(client):
    files = {"file": ("radar.md", ARTICLE.encode(), "text/markdown")}
    anonymous = client.post(f"{API}/documents", files=files)
    assert anonymous.status_code == 401 and anonymous.json()["detail"]
    wrong = client.post(f"{API}/documents", files=files, headers=auth("not-a-token"))
    assert wrong.status_code == 401 and wrong.json() == {"detail": "invalid or revoked API token"}


def test_post_upload_ingests_and_is_idempotent(client, token, web_store):
    from armsflow.store.queries import sources

    before = len(sources(web_store))
    files = {"file": ("../../etc/radar news.md", ARTICLE.encode(), "text/markdown")}
    r = client.post(f"{API}/documents", files=files, headers=auth(token))
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["status"] == "stored" and len(body["documents"]) == 1
    doc = body["documents"][0]
    assert "/" not in doc["doc"] and "." not in doc["doc"]
    claims = doc["claims"]
    assert any(c["supplier"] == "GRC" and c["recipient"] == "CYP" for c in claims), claims
    assert body["records"] and set(body["records"]) == {rid for c in claims for rid in c["records"]}
    stored = client.get(f"{API}/documents/{doc['id']}").json()
    assert stored["title"] == "Test article about tanks for Cyprus" and stored["publisher"] == "Harbour Gazette"
    assert stored["published"] == "2025-02-11"
    rec = client.get(f"{API}/records/{body['records'][0]}").json()
    assert doc["id"] in {c["document_id"] for c in rec["claim_items"]}
    again = client.post(f"{API}/documents", files=files, headers=auth(token))
    assert again.status_code == 200 and again.json()["status"] == "already stored"
    assert again.json()["documents"][0]["id"] == doc["id"]
    assert len(sources(web_store)) == before + 1
    from armsflow.store.schema import DocumentRow

    with web_store.session() as s:
        assert s.get(DocumentRow, doc["id"]).path is None


def test_post_json_document(client, token):
    payload = {"text": "Ukraine received ten armoured vehicles from Lithuania in March 2025, officials said.",
               "title": "A posted note", "url": "https://example.org/note", "published": "2025-03-20"}
    r = client.post(f"{API}/documents", json=payload, headers=auth(token))
    assert r.status_code == 201, r.text
    doc = r.json()["documents"][0]
    assert doc["title"] == "A posted note"
    assert [(c["supplier"], c["recipient"], c["quantity"]) for c in doc["claims"]] == [("LTU", "UKR", 10)]
    stored = client.get(f"{API}/documents/{doc['id']}").json()
    assert stored["url"] == "https://example.org/note" and stored["published"] == "2025-03-20"
    assert client.post(f"{API}/documents", json=payload, headers=auth(token)).status_code == 200
    for bad in ({"text": ""}, {"title": "no text"}, {"text": "x", "published": "yesterday"}, ["a list"]):
        r = client.post(f"{API}/documents", json=bad, headers=auth(token))
        assert r.status_code == 422, (bad, r.text)
    r = client.post(f"{API}/documents", content=b"{not json", headers={**auth(token),
                                                                         "content-type": "application/json"})
    assert r.status_code == 422 and isinstance(r.json()["detail"], str)


@pytest.mark.parametrize("name,data,status", [
    ("tool.exe", b"MZ\x90\x00\x03", 415),
    ("picture.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, 415),
    ("page.pdf", b"Just words, no PDF at all, pretending.", 415),
    ("feed.xml", b"<html><body><p>an HTML page named as a feed</p></body></html>", 415),
    ("noname", b"plain text without a suffix", 415),
    ("empty.txt", b"   \n", 422),
])
def test_post_refuses_wrong_types(client, token, name, data, status):
    r = client.post(f"{API}/documents", files={"file": (name, data, "application/octet-stream")},
                    headers=auth(token))
    assert r.status_code == status, r.text
    assert isinstance(r.json()["detail"], str)


def test_post_other_content_types_are_415(client, token):
    r = client.post(f"{API}/documents", content=b"text=hello", headers={**auth(token),
                                                                        "content-type": "text/plain"})
    assert r.status_code == 415


def test_post_oversized_is_413(web_store, token):
    from fastapi.testclient import TestClient

    with TestClient(make_app(web_store, max_upload_bytes=2000)) as small:
        big = ("Greece delivered radars to Cyprus. " * 200).encode()
        r = small.post(f"{API}/documents", files={"file": ("big.txt", big, "text/plain")}, headers=auth(token))
        assert r.status_code == 413 and "limit" in r.json()["detail"]
        ok = small.post(f"{API}/documents", files={"file": ("small.md", ARTICLE.encode(), "text/markdown")},
                        headers=auth(token))
        assert ok.status_code == 201


def test_post_with_a_session_needs_csrf(client):
    csrf = sign_in(client)
    files = {"file": ("radar.md", ARTICLE.encode(), "text/markdown")}
    assert client.post(f"{API}/documents", files=files).status_code == 403
    r = client.post(f"{API}/documents", files=files, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 201, r.text


# -- reviewing claims ------------------------------------------------------------------------------------------

def _rafale_claim(client) -> dict:
    return client.get(f"{API}/claims", params={"supplier": "FRA", "recipient": "SRB"}).json()["items"][0]


def test_review_accept_reject_edit_are_audited(client, token, web_store):
    from armsflow.store.schema import Edit

    claim = _rafale_claim(client)
    assert client.post(f"{API}/claims/{claim['id']}/accept").status_code == 401
    r = client.post(f"{API}/claims/{claim['id']}/accept", json={"note": "checked"}, headers=auth(token))
    assert r.status_code == 200, r.text
    assert r.json()["claim"]["review"] == "accepted" and r.json()["user"] == USER
    r = client.post(f"{API}/claims/{claim['id']}/edit", json={"changes": {"quantity": 7}}, headers=auth(token))
    assert r.status_code == 200 and r.json()["claim"]["quantity"] == 7 and r.json()["claim"]["review"] == "edited"
    rec = client.get(f"{API}/records/{r.json()['claim']['records'][0]}").json()
    assert rec["quantity_min"] <= 7 <= rec["quantity_max"]   # re-fused after the edit
    r = client.post(f"{API}/claims/{claim['id']}/reject", headers=auth(token))
    assert r.status_code == 200 and r.json()["claim"]["review"] == "rejected"
    assert r.json()["claim"]["records"] == []              # fusion leaves it out
    with web_store.session() as s:
        edits = s.query(Edit).filter(Edit.claim_id == claim["id"]).order_by(Edit.id).all()
        assert [(e.action, e.user) for e in edits] == [("accept", USER), ("edit", USER), ("reject", USER)]
        assert edits[0].note == "checked" and edits[1].changes["quantity"][1] == 7


@pytest.mark.parametrize("body", [{"changes": {}}, {"changes": {"colour": "red"}}, {"changes": {"quantity": "x"}},
                                  {"changes": {"category": None}}, {"changes": {"hedged": "yes"}}])
def test_review_edit_refuses_bad_changes(client, token, body):
    claim = _rafale_claim(client)
    r = client.post(f"{API}/claims/{claim['id']}/edit", json=body, headers=auth(token))
    assert r.status_code == 422, r.text


def test_review_unknown_claim_is_404(client, token):
    assert client.post(f"{API}/claims/999999/accept", headers=auth(token)).status_code == 404


def test_post_html_upload_reads_the_article_not_the_markup(client, token):
    page = (b"<!doctype html><html><head><title>Tanks for Cyprus</title><script>alert(1)</script></head><body>"
            b"<nav>Home | World</nav><article><h1>Tanks for Cyprus</h1>"
            b"<p>Greece delivered twelve Leopard 2 tanks to Cyprus in 2025, the ministry said.</p>"
            b"<p>Greek officials added that the tanks were handed over at a ceremony in Larnaca, where the crews "
            b"had trained for several months before the vehicles arrived at the base.</p></article></body></html>")
    r = client.post(f"{API}/documents", files={"file": ("tanks.html", page, "text/html")}, headers=auth(token))
    assert r.status_code == 201, r.text
    doc = r.json()["documents"][0]
    assert any(c["supplier"] == "GRC" and c["system"] == "Leopard 2" for c in doc["claims"])
    text = client.get(f"{API}/documents/{doc['id']}").json()["text"]
    assert "Leopard 2" in text and "alert(1)" not in text


def test_require_login_server_wants_a_token_from_the_cli(web_store, store_path, tmp_path):
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from armsflow.cli import app as cli

    result = CliRunner().invoke(cli, ["user", "token", USER, "--label", "script", "--db", f"sqlite:///{store_path}"],
                                env={"ARMSFLOW_HOME": str(tmp_path / "home")})
    assert result.exit_code == 0, result.output
    printed = re.findall(r"\S{30,}", result.output)
    assert printed, result.output
    with TestClient(make_app(web_store, require_login=True)) as locked:
        r = locked.get(f"{API}/records")
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        assert locked.get(f"{API}/records", headers=auth(printed[0])).status_code == 200
        assert locked.get(f"{API}/export.csv").status_code == 401
