"""The state page from the kept summary: what an anonymous reader sees is cached, and a correction by an analyst
shows on it at once; a signed-in analyst never gets the anonymous page; a state with many partners lists the
largest and sums up the rest, all of them on request."""
from __future__ import annotations

import re

from fastapi.testclient import TestClient
from websupport import USER, make_app, sign_in

from armsflow.analyze.state import depends_on, from_json, state_summary, summary_key
from armsflow.store.queries import RecordFilter, claims, records


def _suppliers(html: str) -> list[str]:
    section = html.split('id="imports-h"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<a href="/states/([A-Za-z_-]+)">', section)


def _turkish_claim_of_albania(store):
    rec = records(store, RecordFilter(supplier="TUR", recipient="ALB"))[0]
    return claims(store, record_id=rec.id)[0]


def _to_israel(analyst, token: str, claim):
    """An analyst's correction of ``claim``: its supplier becomes Israel (a write that bumps the store revision)."""
    return analyst.post(f"/claims/{claim.id}/edit", follow_redirects=False, data={
        "csrf_token": token, "supplier": "ISR", "recipient": "ALB", "system": claim.system or "",
        "category": claim.category, "status": claim.status, "year": str(claim.year or ""),
        "quantity": str(claim.quantity or "")})


def test_the_ingest_left_current_summaries_that_equal_a_fresh_computation(web_store):
    for code in ("ALB", "SRB", "TUR", "RUS"):
        kept, _ = web_store.summary(summary_key(code), depends_on(code))
        assert kept is not None, code
        assert from_json(kept) == state_summary(web_store, code), code


def test_a_correction_shows_at_once_on_the_cached_page(app, web_store):
    with TestClient(app) as reader, TestClient(app) as analyst:
        before = reader.get("/states/ALB")
        assert before.status_code == 200 and "TUR" in _suppliers(before.text)
        assert reader.get("/states/ALB").text == before.text                 # the same page, from the cache

        claim = _turkish_claim_of_albania(web_store)
        token = sign_in(analyst)
        signed = analyst.get("/states/ALB")
        assert USER in signed.text and USER not in before.text               # never the anonymous page
        r = _to_israel(analyst, token, claim)
        assert r.status_code == 303

        after = reader.get("/states/ALB")
        assert after.status_code == 200 and USER not in after.text
        if not records(web_store, RecordFilter(supplier="TUR", recipient="ALB")):
            assert "TUR" not in _suppliers(after.text)
        assert "ISR" in _suppliers(after.text)
        api = reader.get("/api/v1/states/ALB").json()
        assert "ISR" in {p["code"] for p in api["suppliers"]}
        assert api["imports"] == sum(p["records"] for p in api["suppliers"])


def test_many_partners_are_summed_up_beyond_the_largest(tmp_path):
    from armsflow.analyze.dataset import make_record
    from armsflow.engine.summaries import refresh_summaries
    from armsflow.store import open_store

    store = open_store(f"sqlite:///{tmp_path / 'many.db'}")
    from armsflow.catalog import load_catalog

    catalog = load_catalog()
    store.sync_entities(catalog)
    suppliers = sorted(c for c in catalog.states if c != "SRB")[:20]
    # supplier i delivers i + 1 records: the largest come first, the five smallest are summed up
    store.replace_records([(make_record(code, "SRB", "uav", 2000 + k, id=None, key=f"{code}>SRB:{k}"), [])
                           for i, code in enumerate(suppliers) for k in range(i + 1)], None)
    refresh_summaries(store, catalog=catalog)
    with TestClient(make_app(store)) as client:
        page = client.get("/states/SRB").text
        listed = _suppliers(page)
        assert listed == list(reversed(suppliers))[:15]
        section = page.split('id="imports-h"', 1)[1].split("</section>", 1)[0]
        assert re.search(r'href="\?all=1#imports-h">5 more suppliers</a></td>\s*<td class="num">15</td>', section)
        full = client.get("/states/SRB", params={"all": "1"}).text
        assert sorted(_suppliers(full)) == suppliers and "more suppliers" not in full
    store.engine.dispose()


def test_the_records_list_is_cached_for_readers_until_a_write(app, web_store):
    """/records and /api/v1/records are kept per URL and store revision: the same bytes until an analyst's
    correction, then the corrected list at once (the anonymous reader never sees the analyst's page)."""
    with TestClient(app) as reader, TestClient(app) as analyst:
        first = reader.get("/records", params={"supplier": "TUR"})
        api = reader.get("/api/v1/records", params={"supplier": "TUR"})
        assert first.status_code == api.status_code == 200
        assert app.state.pages.get(("/records", "supplier=TUR", ("records", web_store.revision()))) is not None
        assert reader.get("/records", params={"supplier": "TUR"}).content == first.content
        assert reader.get("/api/v1/records", params={"supplier": "TUR"}).content == api.content
        turkish = api.json()["total"]
        assert turkish == len(records(web_store, RecordFilter(supplier="TUR"))) >= 2

        claim = _turkish_claim_of_albania(web_store)
        token = sign_in(analyst)
        assert USER in analyst.get("/records", params={"supplier": "TUR"}).text
        before = web_store.revision()
        r = _to_israel(analyst, token, claim)
        assert r.status_code == 303 and web_store.revision() > before

        now = len(records(web_store, RecordFilter(supplier="TUR")))
        after = reader.get("/api/v1/records", params={"supplier": "TUR"}).json()
        assert after["total"] == now
        assert {i["supplier"] for i in reader.get("/api/v1/records", params={"supplier": "ISR"}).json()["items"]} \
            == {"ISR"}
        israeli = reader.get("/records", params={"supplier": "ISR"})
        assert USER not in israeli.text
        assert _records_total(israeli.text) == len(records(web_store, RecordFilter(supplier="ISR"))) >= 1
        assert _records_total(reader.get("/records", params={"supplier": "TUR"}).text) == now


def _records_total(html: str) -> int:
    return int(re.search(r'class="records-total">([\d,]+)<', html).group(1).replace(",", ""))


def test_the_overview_is_cached_for_readers_until_a_write_or_a_new_watch(app, web_store):
    from armsflow.store.watches import add_watch
    from armsflow.watch.match import Criteria

    with TestClient(app) as reader, TestClient(app) as analyst:
        first = reader.get("/")
        assert first.status_code == 200 and "TUR" in _flow_suppliers(first.text, "ALB")
        assert "ISR" not in _flow_suppliers(first.text, "ALB")
        assert reader.get("/").content == first.content
        assert sum(1 for key in app.state.pages._items if key[0] == "/") == 1

        add_watch(web_store, "albanian-imports", "claims", Criteria(recipient="ALB"), backfill=True)
        watched = reader.get("/")
        assert "albanian-imports" in watched.text.split('id="alerts-h"', 1)[1].split("</section>", 1)[0]

        claim = _turkish_claim_of_albania(web_store)
        token = sign_in(analyst)
        r = _to_israel(analyst, token, claim)
        assert r.status_code == 303
        after = reader.get("/")
        assert USER not in after.text and "ISR" in _flow_suppliers(after.text, "ALB")


def _flow_suppliers(html: str, recipient: str) -> set[str]:
    """Suppliers of ``recipient`` on the overview's map: its pair links go to /records?supplier=X&recipient=Y."""
    return set(re.findall(rf'/records\?supplier=([A-Z]{{3}})&amp;recipient={recipient}', html))


def test_readers_missing_the_same_page_at_once_share_one_rendering(app, web_store, monkeypatch):
    """After a write every reader of a popular list misses together: one of them renders it, the others wait for
    that page rather than running the same COUNT and sorted page each."""
    import asyncio
    import threading
    import time

    import httpx

    from armsflow.store import browse

    calls, lock = [], threading.Lock()
    real = browse.record_totals

    def counted(store, f):
        with lock:
            calls.append(f.supplier)
        time.sleep(0.3)                      # a large store's COUNT: long enough for the others to arrive
        return real(store, f)
    monkeypatch.setattr(browse, "record_totals", counted)

    async def many():
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as c:
            return await asyncio.gather(*[c.get("/records", params={"supplier": "TUR"}) for _ in range(8)])
    pages = asyncio.run(many())
    assert [p.status_code for p in pages] == [200] * 8
    assert len({p.content for p in pages}) == 1 and "records-total" in pages[0].text
    assert calls == ["TUR"]
