"""`armsflow record merge|split|unpin` through typer's CliRunner, on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from armsflow.cli import app
from armsflow.engine.fusion import refuse
from armsflow.model import Claim, Document
from armsflow.store import open_store
from armsflow.store.queries import RecordFilter, claims, records
from armsflow.store.schema import Edit

TEXTS = [("a", "2017-10-05", 2017, "Serbia received six MiG-29 fighters from Russia in 2017."),
         ("b", "2023-03-01", 2023, "Russia agreed in 2023 to sell more MiG-29 jets to Serbia."),
         ("c", "2023-04-01", 2023, "Serbia will buy MiG-29 jets from Russia, officials said in 2023.")]


@pytest.fixture
def db(store_url, catalog, monkeypatch, tmp_path):
    from armsflow.catalog.gazetteer import gazetteer_for
    from armsflow.fuse.family import Families

    monkeypatch.setenv("ARMSFLOW_HOME", str(tmp_path / "home"))      # no user catalogue from the real home
    store = open_store(store_url)
    for key, published, year, text in TEXTS:
        doc = Document(id=key, text=text, title=key, publisher=f"Wire {key}",
                       published=dt.date.fromisoformat(published))
        store.add_document(doc, [Claim(doc=key, supplier="RUS", recipient="SRB", system="MiG-29",
                                       category="combat_aircraft", quantity=None, status="ordered", year=year,
                                       hedged=False, evidence=text, start=0, end=len(text))], "0.1.0")
    refuse(store, Families(gazetteer_for(catalog)))
    store.mark_fused()
    store.engine.dispose()
    return store_url


def run(*args):
    return CliRunner().invoke(app, list(args))


def state(url):
    """{claim ids of a record: record id} and the claim ids by document key."""
    store = open_store(url)
    try:
        recs = {tuple(sorted(c.id for c in claims(store, record_id=r.id))): r.id
                for r in records(store, RecordFilter(supplier="RUS"))}
        ids = {k: claims(store, doc=k)[0].id for k, *_ in TEXTS}
        return recs, ids, store.unfused()
    finally:
        store.engine.dispose()


def test_merge_then_split_then_unpin(db):
    recs, ids, _ = state(db)
    a, b, c = ids["a"], ids["b"], ids["c"]
    assert set(recs) == {(a,), (b, c)}
    out = run("record", "merge", str(recs[(a,)]), str(recs[(b, c)]), "--user", "ana", "--note", "one deal",
              "--db", db)
    assert out.exit_code == 0, out.output
    recs, _, unfused = state(db)
    assert set(recs) == {(a, b, c)} and not unfused                      # fused again, and marked so
    assert f"merged into record {recs[(a, b, c)]} by ana" in out.output

    out = run("record", "split", str(recs[(a, b, c)]), "--claims", f"{a}", "--user", "bo", "--db", db)
    assert out.exit_code == 0, out.output
    recs, _, _ = state(db)
    assert set(recs) == {(a,), (b, c)}
    assert f"split off into record {recs[(a,)]}; the other 2 are in record {recs[(b, c)]}" in out.output

    out = run("record", "unpin", "--claims", f"{a},{b},{c}", "--user", "ana", "--db", db)
    assert out.exit_code == 0 and "3 claims unpinned" in out.output
    assert set(state(db)[0]) == {(a,), (b, c)}
    store = open_store(db)
    with store.session() as s:
        actions = sorted(e.action for e in s.scalars(select(Edit)))
    store.engine.dispose()
    assert actions == ["merge"] * 3 + ["split"] + ["unpin"] * 3


@pytest.mark.parametrize("args, message", [
    (["merge", "1", "--user", "ana"], "at least two"),
    (["merge", "1", "99999", "--user", "ana"], "no record 99999"),
    (["split", "99999", "--claims", "1", "--user", "ana"], "no record 99999"),
    (["split", "1", "--claims", "1,x", "--user", "ana"], "expected claim ids"),
    (["split", "1", "--claims", "", "--user", "ana"], "expected claim ids"),
    (["unpin", "--claims", "99999", "--user", "ana"], "no claim 99999"),
])
def test_refusals_are_one_line_with_status_2(db, args, message):
    out = run("record", *args, "--db", db)
    assert out.exit_code == 2, out.output
    assert message in out.output and "Traceback" not in out.output
    assert len(out.output.strip().splitlines()) == 1


def test_split_of_every_claim_and_a_bad_store_are_refused(db, tmp_path):
    recs, ids, _ = state(db)
    out = run("record", "split", str(recs[(ids["b"], ids["c"])]), "--claims", f"{ids['b']},{ids['c']}",
              "--user", "ana", "--db", db)
    assert out.exit_code == 2 and "at least one" in out.output
    (tmp_path / "junk.db").write_text("not a database")
    out = run("record", "merge", "1", "2", "--user", "ana", "--db", str(tmp_path / "junk.db"))
    assert out.exit_code == 2 and "Traceback" not in out.output
