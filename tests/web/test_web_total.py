"""Every page and API route answers below 500 over incomplete stores: whatever a real store holds (no year, no
system, no supplier or recipient, unknown categories, hedged only, register only, strange years, unicode names, one
record, none), every GET route of the app, with and without filters, signed in or not, answers without a 5xx.

The routes are read from the app itself, so a new GET route is swept as soon as it exists (and the sweep fails
until it knows how to fill the new route's path parameters). Stores are random (tests/random_stores.py), written
through the store API into a real SQLite file; requests go through the in-process ASGI client.

One explicit case goes through the whole pipeline: an undated sentence ingested by ``armsflow ingest`` leaves
every page, state page and briefing answering 200.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from random_stores import build_store, stores

from armsflow.catalog import load_catalog
from armsflow.web.app import API_PREFIX

from websupport import PASSWORD, USER, make_app, sign_in

EXAMPLES = 10
PDF_EXAMPLES = 2
FILTERS = ["", "since=2018&until=2024&source=news", "region=balkans&source=sipri", "since=0&until=9999",
           "region=SRB&min_sources=2&exclude_hedged=1"]
EXTRA = {   # route-specific queries, besides FILTERS
    "/briefing": ["region=balkans", "region=SRB&since=2018&until=2024&min_sources=1&exclude_hedged=1",
                  "region=houthis", "region=nato&since=1000&until=9999"],
    "/briefing.html": ["region=balkans", "region=SRB&since=2018&until=2024"],
    "/briefing/chart/{n}.svg": ["region=balkans", "region=SRB"],
    "/api/v1/analyses/{name}": ["by=tiv&bucket=1", "escalation=true&weight=tiv", "trend=true&per=region",
                                "by=operator&limit=2", "by=region", "state=SRB", "year=2020", "scope=region",
                                "pair=SRB-XKX&bucket=200"],
    "/states/{ref}": ["all=1"],
    "/search": ["q=T-72", "q=ünï", "q=%22quoted"],
    "/api/v1/search": ["q=T-72", "q=ünï"],
    "/review": ["only=hedged", "category=tank&status=delivered"],
}
SKIP = {"/briefing.pdf"}          # slow: swept by test_pdf_download_is_total in fewer examples


def _values(store) -> dict[str, list[str]]:
    """Values for every path parameter of the app's routes: the store's own ids and codes, and some that miss."""
    from armsflow.store.aggregates import state_counts
    from armsflow.store.queries import RecordFilter, claims, records
    from armsflow.web.api.analyses import ANALYSES

    codes = sorted(state_counts(store, RecordFilter()))[:6]
    record_ids = [str(r.id) for r in records(store)][:4]
    claim_list = claims(store)
    claim_ids = [str(c.id) for c in claim_list][:4]
    with store.session() as s:
        from sqlalchemy import text
        document_ids = [str(i) for (i,) in s.execute(text("SELECT id FROM documents ORDER BY id LIMIT 4"))]
    return {"ref": codes + ["Serbia", "ZZZ", "ünï"], "state": codes + ["srb", "ZZZ"],
            "record_id": record_ids + ["999999"], "claim_id": claim_ids + ["999999"],
            "document_id": document_ids + ["999999"], "name": list(ANALYSES) + ["nope"],
            "fmt": ["csv", "json", "jsonl", "graphml", "geojson"], "n": ["1", "2", "3"]}


def get_routes(app) -> list:
    """Every GET route of the app, as (path, parameter names): the app's own routes and those of every router the
    app mounts (web/app.py finds them the same way: each module of web/pages and web/api with a ``router``)."""
    import importlib
    import pkgutil

    from starlette.routing import Route

    found = [(r.path, list(r.param_convertors)) for r in app.routes
             if isinstance(r, Route) and "GET" in (r.methods or ())]
    for package in ("armsflow.web.pages", "armsflow.web.api"):
        pkg = importlib.import_module(package)
        for info in pkgutil.iter_modules(pkg.__path__):
            router = getattr(importlib.import_module(f"{package}.{info.name}"), "router", None)
            prefix = API_PREFIX if package.endswith(".api") else ""
            for r in getattr(router, "routes", []):
                if isinstance(r, Route) and "GET" in (r.methods or ()):
                    found.append((prefix + r.path, list(r.param_convertors)))
    return found


def _urls(app, values, turn: int = 0) -> list[str]:
    """One URL per route and path value, each with one of its queries (FILTERS and the route's EXTRA), turning by
    ``turn`` so that successive examples ask each route every query in turn."""
    out = []
    for route, params in get_routes(app):
        if route in SKIP:
            continue
        missing = [p for p in params if p not in values]
        assert not missing, f"{route}: the sweep cannot fill {missing}; add values for them in _values"
        paths = [route]
        for p in params:
            paths = [path.replace(f"{{{p}}}", v) for path in paths for v in values[p]]
        queries = FILTERS + EXTRA.get(route, [])
        for i, path in enumerate(paths):
            q = queries[(i + turn) % len(queries)]
            out.append(f"{path}?{q}" if q else path)
    return out


def sweep(app, store, turn: int = 0) -> int:
    """GET every route of the app anonymously, then the pages signed in; returns how many requests were made."""
    from fastapi.testclient import TestClient

    from armsflow.store.users import create_user, get_user

    values = _values(store)
    urls = _urls(app, values, turn)
    pages = [u for u in _urls(app, values, -1 - turn) if not u.startswith(API_PREFIX)]
    if get_user(store, USER) is None:
        create_user(store, USER, PASSWORD)
    for signed_in, asked in ((False, urls), (True, pages)):
        with TestClient(app, raise_server_exceptions=True) as client:
            if signed_in:
                sign_in(client)
            for url in asked:
                r = client.get(url, follow_redirects=False)
                assert r.status_code < 500, (url, r.status_code, r.text[-2000:])
    return len(urls) + len(pages)


# an example costs seconds: failing examples are reported as found, not shrunk for minutes
PHASES = [Phase.explicit, Phase.reuse, Phase.generate]


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, phases=PHASES,
          suppress_health_check=list(HealthCheck))
@given(spec=stores, turn=st.integers(0, 30))
def test_every_page_and_api_route_is_total(spec, turn):
    with tempfile.TemporaryDirectory() as tmp:
        store = build_store(spec, Path(tmp), load_catalog(include_user=False))
        try:
            assert sweep(make_app(store), store, turn) > 50
        finally:
            store.engine.dispose()


@settings(max_examples=PDF_EXAMPLES, deadline=None, derandomize=True, phases=PHASES,
          suppress_health_check=list(HealthCheck))
@given(spec=stores.filter(lambda s: s.docs or s.register), region=st.sampled_from(["balkans", "SRB", "nato"]))
def test_pdf_download_is_total(spec, region):
    from fastapi.testclient import TestClient

    with tempfile.TemporaryDirectory() as tmp:
        store = build_store(spec, Path(tmp), load_catalog(include_user=False))
        try:
            with TestClient(make_app(store)) as client:
                r = client.get("/briefing.pdf", params={"region": region})
                assert r.status_code == 200 and r.content.startswith(b"%PDF")
        finally:
            store.engine.dispose()


UNDATED = "Russia delivered T-72 tanks to Serbia."
UPLOADED = "Serbia has received Mi-35M helicopters from Russia."


def test_an_undated_claim_leaves_every_page_working(tmp_path, monkeypatch):
    """One document with no date at all, ingested by the real pipeline: every page answers, the state pages and
    the briefing of its parties with 200 and the record in them."""
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from armsflow.cli import app as cli
    from armsflow.store import open_store
    from armsflow.store.users import issue_token

    monkeypatch.setenv("ARMSFLOW_HOME", str(tmp_path / "home"))
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "undated.txt").write_text(UNDATED + "\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'store.db'}"
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "docs"), "--db", db, "--quiet", "--no-semantic"])
    assert result.exit_code == 0 and result.exception is None, result.output
    store = open_store(db)
    try:
        app = make_app(store)
        for turn in range(len(FILTERS)):         # every query of every route
            assert sweep(app, store, turn) > 50
        with TestClient(app) as client:
            for url in ("/states/SRB", "/states/RUS", "/api/v1/states/SRB", "/briefing?region=SRB",
                        "/briefing?region=balkans", "/briefing.html?region=SRB", "/briefing.pdf?region=SRB",
                        "/api/v1/analyses/shares?recipient=SRB", "/records?supplier=RUS"):
                r = client.get(url)
                assert r.status_code == 200, (url, r.text[-2000:])
            assert "T-72" in client.get("/records").text
            state = client.get("/api/v1/states/SRB").json()
            assert [p["code"] for p in state["suppliers"]] == ["RUS"]
            assert state["suppliers"][0]["first_year"] is None
            # an undated upload is stored, answered 201, and the pages keep working after it
            token = issue_token(store, USER, "upload")
            r = client.post("/api/v1/documents", headers={"Authorization": f"Bearer {token}"},
                            files={"file": ("more.txt", UPLOADED.encode(), "text/plain")})
            assert r.status_code == 201, r.text
            assert [c["system"] for d in r.json()["documents"] for c in d["claims"]] == ["Mi-35"]
            for url in ("/states/SRB", "/api/v1/states/SRB", "/briefing?region=SRB", "/"):
                assert client.get(url).status_code == 200, url
            assert client.get("/api/v1/states/SRB").json()["imports"] == 2
    finally:
        store.engine.dispose()
