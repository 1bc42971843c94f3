"""One deal once: a news record that reports a register deal is linked to it in the store, and every view over both
sources counts the pair once (records, analyses, ceilings, briefing, CLI, API), while news the register lacks stays
visible in diff-register. Real SQLite and PostgreSQL stores: invented register rows (figures made up) and news
claims of our own, fused by the real fusion."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from small_store import PREAMBLE

REPO = Path(__file__).resolve().parents[2]

REGISTER = """Serbia,China,2020,,4,,HQ-22,SAM system,4,,2022; 2023,New,,10,40,40
Serbia,Russia,2016,,6,,MiG-29,fighter aircraft,6,,2017,Second hand,,2,12,12
Serbia,Russia,2016,,4,,Mi-35M,combat helicopter,4,,2017,New,,4,16,16
Serbia,Russia,2021,,3,,Mi-35M,combat helicopter,3,,2022,New,,4,12,12
"""

# (document, sentence, published, supplier, recipient, system, category, quantity, status, year)
NEWS = [
    ("fk3", "Serbia took delivery of Chinese FK-3 air defence batteries in 2022.", dt.date(2022, 6, 1),
     "CHN", "SRB", "FK-3", "air_defence", 4, "delivered", 2022),
    ("mig", "Serbia flies six MiG-29 fighters it got from Russia.", dt.date(2023, 2, 1),
     "RUS", "SRB", "MiG-29", "combat_aircraft", 6, "delivered", None),
    ("mi35", "Serbia flies Mi-35 helicopters bought from Russia.", dt.date(2023, 3, 1),
     "RUS", "SRB", "Mi-35", "helicopter", None, "delivered", None),
    ("iran", "Iran offered Serbia its drones in 2023.", dt.date(2023, 9, 1),
     "IRN", "SRB", None, "uav", None, "interest", 2023),
]


def _families(catalog):
    from armsflow.catalog.gazetteer import gazetteer_for
    from armsflow.fuse.family import Families

    return Families(gazetteer_for(catalog))


def build(store, folder: Path, catalog):
    from armsflow.engine.fusion import refuse
    from armsflow.engine.registers import import_register
    from armsflow.model import Claim, Document

    families = _families(catalog)
    store.sync_entities(catalog)
    path = folder / "register.csv"
    path.write_text(PREAMBLE + REGISTER, encoding="latin-1")
    for doc, text, published, sup, rcp, system, cat, qty, status, year in NEWS:
        store.add_document(Document(id=doc, text=text, publisher=f"Wire {doc}", published=published),
                           [Claim(doc, sup, rcp, system, cat, qty, status, year, False, text, 0, len(text))], "test")
    refuse(store, families)                               # news first: the import links them
    import_register(store, path, family=families.family)
    return families


def _by_system(recs):
    return {(r.source, r.system or r.category, r.period_start): r for r in recs}


@pytest.fixture
def linked(store, tmp_path, catalog):
    families = build(store, tmp_path, catalog)
    return store, families


def _news(store):
    from armsflow.store.queries import RecordFilter, records

    return {r.system or r.category: r for r in records(store, RecordFilter(source="news"))}


def _register(store):
    from armsflow.store.queries import RecordFilter, records

    return {(r.system, r.period_start): r for r in records(store, RecordFilter(source="sipri"))}


def test_links_are_stored_with_their_reasons(linked):
    store, _ = linked
    news, reg = _news(store), _register(store)
    fk3, hq22 = news["FK-3"], reg[("HQ-22", 2020)]
    assert [o for o, _ in fk3.links] == [hq22.id]
    reason = fk3.links[0][1]
    assert "dyad CHN->SRB" in reason and "FK-3" in reason and "years 2022" in reason
    assert hq22.links == fk3.links[:0] + ((fk3.id, reason),)
    # undated: linked by dyad and family only when one register deal matches
    mig = news["MiG-29"]
    assert [o for o, _ in mig.links] == [reg[("MiG-29", 2016)].id] and "states no year" in mig.links[0][1]
    assert news["Mi-35"].links == ()                      # two Mi-35M deals: which one is not known
    assert news["uav"].links == ()
    assert fk3.confirmation == f"confirmed by SIPRI (record {hq22.id})"
    assert hq22.confirmation == f"news record {fk3.id}, confirmed by SIPRI"


def test_every_source_lists_a_linked_pair_once(linked):
    from armsflow.store.aggregates import flow_counts
    from armsflow.store.queries import RecordFilter, records, undated

    store, _ = linked
    everything = records(store)
    news, reg = _news(store), _register(store)
    ids = {r.id for r in everything}
    assert news["FK-3"].id not in ids and news["MiG-29"].id not in ids
    assert {news["Mi-35"].id, news["uav"].id} <= ids and {r.id for r in reg.values()} <= ids
    assert len(everything) == len(reg) + 2
    flows = {(s, r): n for s, r, n in flow_counts(store)}
    assert flows[("CHN", "SRB")] == 1 and flows[("RUS", "SRB")] == 4    # 3 register deals + the unlinked Mi-35 news
    # a period: the undated linked news record is not counted among what the period leaves out either
    assert [r.id for r in undated(store, RecordFilter(since=2020))] == [news["Mi-35"].id]


def test_analyses_count_the_pair_once(linked):
    from armsflow.analyze.dataset import load_dataset
    from armsflow.analyze.dyads import Rival, dyad_acquisitions
    from armsflow.analyze.entrants import find_entrants
    from armsflow.analyze.network import network_figures
    from armsflow.analyze.shares import supplier_shares

    store, _ = linked
    news, reg = _news(store), _register(store)
    ds = load_dataset(store, "SRB")
    assert len(ds.items) == len(reg) + 2
    hq22 = next(it for it in ds.items if it.record.id == reg[("HQ-22", 2020)].id)
    assert [n.id for n in hq22.news] == [news["FK-3"].id]
    shares = {s.supplier: s for s in supplier_shares(ds, "count")}
    assert shares["CHN"].records == 1 and shares["CHN"].source == "news+register"
    assert shares["RUS"].records == 4 and shares["IRN"].records == 1
    assert sum(s.records for s in shares.values()) == len(ds.items)
    # 2022: the HQ-22 deal (once, not again as the FK-3 report) and the 2021 Mi-35M deal
    year = {f.year: f for f in network_figures(ds, [2022])}[2022]
    assert year.records == 2 and year.source == "news+register"
    rows = dyad_acquisitions(load_dataset(store, {"SRB", "XKX"}), Rival("SRB", "XKX"), bucket_years=5)
    air = [r for r in rows if r.category == "air_defence"]
    assert air and all(r.a_records == 1 for r in air)          # the deal in each bucket it reaches, once
    assert any(r.start <= 2022 <= r.end for r in air)
    _, entrants = find_entrants(store, "SRB")
    china = next(e for e in entrants if e.supplier == "CHN" and e.scope == "recipient")
    assert china.records == [reg[("HQ-22", 2020)].id] and china.source == "news+register"
    assert [e.doc for e in china.evidence] == ["fk3"]     # the news that the deal stands for still speaks
    # news alone: the news records, each saying whether SIPRI confirms it
    only_news = load_dataset(store, "SRB", source="news")
    marks = {it.record.system or it.record.category: it.record.confirmation for it in only_news.items}
    assert marks["FK-3"].startswith("confirmed by SIPRI") and marks["uav"] == ""


def test_ceilings_count_a_linked_pair_once(linked):
    from armsflow.analyze.ceilings import ceilings_from_store

    store, _ = linked
    _, rows = ceilings_from_store(store)
    aircraft = [r for r in rows if "SRB" in r.states.split(",") + r.states.split(", ")
                and r.category == "combat_aircraft"]
    assert aircraft and all(r.acquired == 6 for r in aircraft)     # the register's six, not six more from the news


def test_diff_register_lists_the_unlinked_news(linked):
    from armsflow.engine.registers import diff_register

    store, families = linked
    rows = diff_register(store, families.family, members={"SRB"})
    sides = {(r.side, r.system or r.category, r.period_start) for r in rows}
    assert ("news-only", "Mi-35", None) in sides and ("news-only", "uav", 2023) in sides
    assert not any(r.side == "news-only" and r.system in ("FK-3", "MiG-29") for r in rows)
    assert ("register-only", "Mi-35M", 2016) in sides and ("register-only", "Mi-35M", 2021) in sides
    assert not any(r.side == "register-only" and r.system in ("HQ-22", "MiG-29") for r in rows)


def test_fusing_again_keeps_the_links(linked):
    from armsflow.engine.fusion import refuse
    from armsflow.store.queries import records

    store, families = linked
    before = _news(store)["FK-3"].id
    refuse(store, families)                                 # every news record replaced, with new ids
    news, reg = _news(store), _register(store)
    assert news["FK-3"].id != before
    assert [o for o, _ in news["FK-3"].links] == [reg[("HQ-22", 2020)].id]
    assert len(records(store)) == len(reg) + 2


def test_briefing_counts_once_and_says_confirmed(linked, catalog):
    from armsflow.report.build import build_briefing

    store, _ = linked
    b = build_briefing(store, "SRB", catalog=catalog)
    flows = {(s, r): w for sec in b.sections for ch in sec.charts if ch.kind == "flowmap"
             for s, r, w in ch.data["flows"]}
    assert flows[("CHN", "SRB")] == 1 and flows[("RUS", "SRB")] == 4
    texts = [f.text for f in b.summary] + [f.text for sec in b.sections for f in sec.findings]
    assert any("confirmed by SIPRI" in t for t in texts)


def _cli(*args, home):
    return subprocess.run([sys.executable, "-m", "armsflow", *args], capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, "ARMSFLOW_HOME": str(home)}, timeout=300)


def test_cli_and_api_show_confirmed_by_sipri(tmp_path, catalog):
    from fastapi.testclient import TestClient

    from armsflow.store import open_store

    db = f"sqlite:///{tmp_path / 'links.db'}"
    store = open_store(db)
    build(store, tmp_path, catalog)
    news, reg = _news(store), _register(store)
    run = _cli("transfers", "--recipient", "SRB", "--format", "jsonl", "--db", db, home=tmp_path / "home")
    assert run.returncode == 0, run.stderr
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(rows) == len(reg) + 2
    hq22 = next(r for r in rows if r["system"] == "HQ-22")
    assert hq22["confirmation"] == f"news record {news['FK-3'].id}, confirmed by SIPRI"
    run = _cli("transfers", "--source", "news", "--recipient", "SRB", "--db", db, home=tmp_path / "home")
    assert run.returncode == 0 and "confirmed by SIPRI" in run.stdout
    run = _cli("diff-register", "--format", "jsonl", "--db", db, home=tmp_path / "home")
    assert run.returncode == 0, run.stderr
    news_only = {json.loads(line)["id"] for line in run.stdout.splitlines()
                 if json.loads(line)["side"] == "news-only"}
    assert news_only == {news["Mi-35"].id, news["uav"].id}
    run = _cli("show", str(news["FK-3"].id), "--format", "table", "--db", db, home=tmp_path / "home")
    assert run.returncode == 0 and "confirmed by SIPRI" in run.stdout and "dyad CHN->SRB" in run.stdout

    from armsflow.web import create_app
    from armsflow.web.settings import Settings

    with TestClient(create_app(store, Settings(secret_key="test-secret-not-for-use", secure_cookies=False))) as client:
        page = client.get("/api/v1/records", params={"recipient": "SRB"}).json()
        assert page["total"] == len(reg) + 2
        deal = next(r for r in page["items"] if r["system"] == "HQ-22")
        assert deal["linked"] == [news["FK-3"].id] and "confirmed by SIPRI" in deal["confirmation"]
        one = client.get(f"/api/v1/records/{news['FK-3'].id}").json()
        assert one["confirmation"] == f"confirmed by SIPRI (record {reg[('HQ-22', 2020)].id})"
    store.engine.dispose()
