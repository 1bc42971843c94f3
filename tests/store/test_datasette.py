"""The SQLite store opens unchanged in datasette: tables browse, full-text search works."""
from __future__ import annotations

import datetime as dt

import pytest

from armsflow.model import Claim, Document
from armsflow.store import open_store

pytest.importorskip("datasette")


def test_datasette_browses_and_searches(tmp_path):
    import asyncio

    from datasette.app import Datasette

    path = tmp_path / "armsflow.db"
    store = open_store(str(path))
    doc = Document(id="w1", text="Morocco received Bayraktar TB2 drones from Turkey in 2021.", title="TB2 for Morocco",
                   publisher="Wire", published=dt.date(2022, 1, 5))
    claim = Claim(doc="w1", supplier="TUR", recipient="MAR", system="Bayraktar TB2", category="uav", quantity=None,
                  status="delivered", year=2021, hedged=False, evidence=doc.text, start=0, end=len(doc.text))
    store.add_document(doc, [claim], "0.1.0")
    store.engine.dispose()

    async def run():
        ds = Datasette([str(path)])
        db = ds.get_database("armsflow")
        tables = set(await db.table_names())
        assert {"documents", "claims", "records", "documents_fts"} <= tables
        assert await db.fts_table("documents") == "documents_fts"
        r = await ds.client.get("/armsflow/claims.json?_shape=array")
        assert r.status_code == 200 and r.json()[0]["system"] == "Bayraktar TB2"
        r = await ds.client.get("/armsflow/documents.json?_search=bayraktar&_shape=array")
        assert r.status_code == 200 and [d["doc_key"] for d in r.json()] == ["w1"]

    asyncio.run(run())
