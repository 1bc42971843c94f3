"""The overview (/) over a real store: flow map and ranked tables whose numbers are the records behind them,
latest claims with escaped evidence, new entrants, alerts from saved watches, filters and bad input."""
from __future__ import annotations

import re
import sqlite3
from urllib.parse import parse_qs, urlparse

import pytest

from overview_support import add_albania
from overview_support import db_count as _db_count



@pytest.fixture
def albania(store_path, tmp_path, client) -> int:
    """Our TUR -> ALB document ingested into this test's store (after the app opened it); the claim's id."""
    return add_albania(store_path, tmp_path)


def _links(html: str, prefix: str = "/records") -> list[tuple[dict, str]]:
    """(query, text) of each <a href="/records?...">text</a> (not the bare navigation link)."""
    out = []
    for href, text in re.findall(r'<a href="(' + re.escape(prefix) + r'\?[^"]*)"[^>]*>([^<]*)</a>', html):
        q = {k: v[0] for k, v in parse_qs(urlparse(href.replace("&amp;", "&")).query).items()}
        out.append((q, text.strip()))
    return out


def test_overview_shows_flows_whose_numbers_link_to_their_records(client, store_path, albania):
    r = client.get("/")
    assert r.status_code == 200
    assert "<h1>Overview</h1>" in r.text and 'class="lede"' in r.text
    assert '<svg class="flowmap"' in r.text
    # the arc TUR → ALB of the hostile document links to exactly its records
    assert re.search(r'<a href="/records\?supplier=TUR&amp;recipient=ALB" class="map-flow"[^>]*>', r.text)
    links = _links(r.text)
    assert links, "numbers on the overview link to /records"
    checked = 0
    for q, text in links:
        if set(q) <= {"supplier", "recipient"} and q and text.replace(",", "").isdigit():
            where = " and ".join(f"{k} = ?" for k in q)
            assert int(text.replace(",", "")) == _db_count(store_path, where, tuple(q.values())), (q, text)
            checked += 1
    assert checked >= 5
    total = _db_count(store_path)
    assert re.search(r'class="overview-total"><b>' + f"{total:,}" + "</b>", r.text)


def test_overview_strict_csp_and_hostile_text_escaped(client, albania):
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "style-src 'self'" in csp and "unsafe-inline" not in csp
    latest = r.text.split('id="claims-h"', 1)[1].split("</section>", 1)[0]
    assert f'href="/claims/{albania}"' in latest                 # our claim is the newest
    assert "&lt;said&gt;" in latest and "&amp; Durres" in latest and "<said>" not in latest
    assert "<script>window" not in r.text
    assert "style=" not in r.text and "<style" not in r.text


def test_latest_claims_link_to_their_evidence(client, store_path):
    r = client.get("/")
    with sqlite3.connect(store_path) as c:
        newest = c.execute("select max(id) from claims where review != 'rejected'").fetchone()[0]
    assert f'href="/claims/{newest}"' in r.text


def test_region_filter_keeps_only_flows_touching_the_region(client, store_path):
    from armsflow.catalog import load_catalog

    members = set(load_catalog().groups["western-balkans"].members)
    r = client.get("/", params={"region": "western-balkans"})
    assert r.status_code == 200
    dyads = [q for q, _ in _links(r.text) if "supplier" in q and "recipient" in q]
    assert dyads
    assert all(q["supplier"] in members or q["recipient"] in members for q in dyads)
    everything = [q for q, _ in _links(client.get("/").text) if "supplier" in q and "recipient" in q]
    assert len(everything) > len(dyads) or any(q["supplier"] not in members and q["recipient"] not in members
                                               for q in everything)
    assert '<option value="western-balkans" selected>' in r.text
    assert all(q.get("region") == "western-balkans" for q, _ in _links(r.text))
    n = _db_count(store_path, f"supplier in ({','.join('?' * len(members))}) or recipient in "
                              f"({','.join('?' * len(members))})", tuple(members) * 2)
    assert re.search(r'href="/records\?region=western-balkans" class="overview-total"><b>' + f"{n:,}" + "</b>",
                     r.text)


def test_period_and_source_filters_are_carried_into_the_links(client):
    r = client.get("/", params={"since": "2020", "until": "2024", "source": "news"})
    assert r.status_code == 200
    qs = [q for q, _ in _links(r.text)]
    assert qs and all(q.get("since") == "2020" and q.get("until") == "2024" and q.get("source") == "news"
                      for q in qs)
    sipri = client.get("/", params={"source": "sipri"})
    assert sipri.status_code == 200 and "The SIPRI register has no claims" in sipri.text


def test_new_entrant_turkey_in_albania_is_shown_with_its_evidence(client, store_path, albania):
    r = client.get("/")
    section = r.text.split('id="ent-h"', 1)[1].split("</section>", 1)[0]
    row = next((tr for tr in section.split("<tr>") if "/states/TUR" in tr and "recipient=ALB" in tr), None)
    assert row is not None, section[:2000]
    claim = re.search(r'href="/claims/(\d+)"', row)
    with sqlite3.connect(store_path) as c:
        ids = {i for (i,) in c.execute("select id from claims where supplier='TUR' and recipient='ALB'")}
    assert claim and int(claim.group(1)) in ids and albania in ids


@pytest.mark.parametrize("params, words", [
    ({"source": "everything"}, "source"), ({"since": "last year"}, "since"), ({"since": "2024", "until": "2020"},
                                                                             "after"),
    ({"region": "atlantis"}, "unknown region"),
])
def test_bad_filters_are_a_clear_422_page(client, params, words):
    r = client.get("/", params=params)
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html")
    assert words in r.text and "Traceback" not in r.text


def test_alerts_list_watches_with_new_matches(client, web_store):
    from armsflow.store.watches import add_watch, list_watches
    from armsflow.watch.match import Criteria

    assert "No watches saved yet" in client.get("/").text
    add_watch(web_store, "polish-drones", "claims", Criteria(recipient="POL", category="uav"), backfill=True)
    r = client.get("/")
    alerts = r.text.split('id="alerts-h"', 1)[1].split("</section>", 1)[0]
    assert "polish-drones" in alerts and re.search(r"\d+ new match", alerts)
    assert list_watches(web_store)[0].last_run_at is None          # showing alerts marks nothing as seen
