"""/records, /records/{id} and /claims/{id} against the real app over a real SQLite store (the samples plus a
hostile document): filters, totals, paging, evidence in context with echoes under their originals, and bad input
answered with an error page, never a 500."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from armsflow.engine.fusion import refuse
from armsflow.engine.review import default_families
from armsflow.store.queries import RecordFilter, records


def _ids(html: str) -> list[int]:
    """The record ids of the rows of a /records page, in order."""
    return [int(i) for i in re.findall(r'<tr data-href="/records/(\d+)"', html)]


def _total(html: str) -> int:
    return int(re.search(r'class="records-total">([\d,]+)<', html).group(1).replace(",", ""))


def test_list_shows_every_record_with_totals_and_links(client, web_store):
    everything = records(web_store)
    r = client.get("/records")
    assert r.status_code == 200
    assert _total(r.text) == len(everything) > 0
    assert sorted(_ids(r.text)) == sorted(x.id for x in everything)[:50]
    first = everything[0]
    assert f'href="/records/{first.id}#sources"' in r.text          # the source count leads to the evidence
    assert f'href="/records/{first.id}#claims"' in r.text
    assert "data-autosubmit" in r.text
    assert f'{sum(x.claims for x in everything)}</b><span>claims behind them' in r.text


def test_supplier_filter_takes_a_code_or_a_name(client, web_store):
    turkish = sorted(x.id for x in records(web_store, RecordFilter(supplier="TUR")))
    assert len(turkish) >= 2
    for ref in ("TUR", "tur", "Turkey"):
        r = client.get("/records", params={"supplier": ref})
        assert r.status_code == 200, ref
        assert sorted(_ids(r.text)) == turkish, ref
        assert _total(r.text) == len(turkish)
    both = client.get("/records", params={"supplier": "Turkey", "recipient": "Albania"})
    assert len(_ids(both.text)) == 1 and "Albania" in both.text


def _members(region: str) -> set[str]:
    from armsflow.analyze.dataset import resolve_region

    return set(resolve_region(region)[1])


def test_category_status_years_and_source_filters_narrow_the_list(client, web_store):
    for params, f in (({"category": "uav"}, RecordFilter(category="uav")),
                      ({"status": "ordered"}, RecordFilter(status="ordered")),
                      ({"since": "2023", "until": "2023"}, RecordFilter(since=2023, until=2023)),
                      ({"min_sources": "2"}, RecordFilter(min_sources=2)),
                      ({"source": "sipri"}, RecordFilter(source="sipri")),
                      ({"source": "news", "category": "artillery"}, RecordFilter(source="news", category="artillery")),
                      ({"region": "western-balkans"}, RecordFilter(members=_members("western-balkans")))):
        want = sorted(x.id for x in records(web_store, f))
        r = client.get("/records", params=params)
        assert r.status_code == 200, params
        assert sorted(_ids(r.text)) == want, params
        assert _total(r.text) == len(want)
        if not want:
            assert "No record matches these filters" in r.text


def test_sort_by_sources_and_paging(client, web_store, monkeypatch):
    from armsflow.web.pages import records as page

    monkeypatch.setattr(page, "PER_PAGE", 4)
    everything = records(web_store)
    seen = []
    for number in range(1, 100):
        r = client.get("/records", params={"sort": "newest", "page": str(number)})
        ids = _ids(r.text)
        if not ids:
            assert "There is no page" in r.text
            break
        assert len(ids) <= 4
        seen += ids
    assert sorted(seen) == sorted(x.id for x in everything) and len(seen) == len(set(seen))
    by_id = {x.id: x for x in everything}
    last_seen = [by_id[i].last_seen or dt.date.min for i in seen]
    assert last_seen == sorted(last_seen, reverse=True)
    assert 'rel="next"' in client.get("/records", params={"page": "1"}).text


@pytest.mark.parametrize("params", [{"since": "abc"}, {"until": "20x5"}, {"since": "2024", "until": "2020"},
                                    {"category": "spaceship"}, {"status": "stolen"}, {"supplier": "Narnia"},
                                    {"source": "rumour"}, {"sort": "random"}, {"page": "0"}, {"page": "x"},
                                    {"min_sources": "-1"}, {"region": "atlantis"}])
def test_bad_filters_are_a_clear_422_page(client, params):
    r = client.get("/records", params=params)
    assert r.status_code == 422, params
    assert 'class="error"' in r.text and "Traceback" not in r.text


def _tb2_albania(store):
    return records(store, RecordFilter(supplier="TUR", recipient="ALB"))[0]


def test_record_page_shows_the_record_timeline_and_escaped_highlighted_evidence(client, web_store):
    from armsflow.store.queries import claims

    rec = _tb2_albania(web_store)
    [claim] = claims(web_store, record_id=rec.id)
    r = client.get(f"/records/{rec.id}")
    assert r.status_code == 200
    html = r.text
    assert "Türkiye" in html or "Turkey" in html
    assert "Albania" in html and "Bayraktar TB2" in html
    assert '<span class="badge delivered record-status">delivered</span>' in html
    assert re.search(r'class="record-quantity">6<', html)
    assert f'id="claim-{claim.id}"' in html
    assert f'href="#claim-{claim.id}"' in html                      # the timeline names the claim behind it
    assert f'href="/documents/{claim.document_id}?claim={claim.id}#claim-{claim.id}"' in html
    mark = re.search(r'<mark class="claim">(.*?)</mark>', html, re.S).group(1)
    assert "Turkey delivered six Bayraktar TB2 drones to Albania" in mark
    # the hostile document's markup is text on the page, never markup
    assert "<b onmouseover" not in html and "&lt;b onmouseover=&#34;alert(2)&#34;&gt;" in html
    assert "<script>window" not in html
    assert "Accept" not in html                                      # no review forms for anonymous readers


def test_record_errors(client):
    assert client.get("/records/999999").status_code == 404
    assert "There is no record 999999" in client.get("/records/999999").text
    for bad in ("abc", "1.5", "-3", "0", "99999999999999"):
        r = client.get(f"/records/{bad}")
        assert r.status_code == 422, bad
        assert "Traceback" not in r.text


def test_echoes_are_listed_under_their_original(client, web_store):
    """A document that repeats the hostile one: its claim joins the record but not as a second source."""
    from armsflow.model import Claim, Document

    rec = _tb2_albania(web_store)
    from armsflow.store.queries import claims

    [original] = claims(web_store, record_id=rec.id)
    text = "Reprinted: In 2023 Turkey delivered six Bayraktar TB2 drones to Albania, the coast guard said."
    sentence = "In 2023 Turkey delivered six Bayraktar TB2 drones to Albania, the coast guard said."
    start = text.index(sentence)
    doc = Document(id="echo-of-coast-guard", text=text, title="A copy of the coast guard story",
                   publisher="Echo Daily", published=dt.date(2024, 3, 5))
    claim = Claim(doc=doc.id, supplier="TUR", recipient="ALB", system="Bayraktar TB2", category="uav", quantity=6,
                  status="delivered", year=2023, hedged=False, evidence=sentence, start=start,
                  end=start + len(sentence))
    web_store.add_document(doc, [claim], "test", echo={"original_id": original.document_id, "kind": "echo",
                                                      "score": 0.93, "reasons": ["same sentence"]})
    refuse(web_store, default_families(), {("TUR", "ALB")})
    rec = _tb2_albania(web_store)
    assert rec.claims == 2 and rec.sources == 1
    html = client.get(f"/records/{rec.id}").text
    assert "Independent sources (1)" in html
    section = html.split('class="records-echoes"')[1]
    assert "Echoes of this source (1)" in section and "A copy of the coast guard story" in section
    assert "Echo Daily" in section
    assert re.search(r'<mark class="claim">In 2023 Turkey delivered six Bayraktar TB2 drones to Albania, the coast '
                     r'guard said.</mark>', section)


def test_claim_link_goes_to_its_record_or_its_document(client, web_store):
    from armsflow.store.queries import claims

    rec = _tb2_albania(web_store)
    [claim] = claims(web_store, record_id=rec.id)
    r = client.get(f"/claims/{claim.id}", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/records/{rec.id}#claim-{claim.id}"
    web_store.edit_claim(claim.id, "someone", "reject")
    refuse(web_store, default_families(), {("TUR", "ALB")})
    r = client.get(f"/claims/{claim.id}", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == f"/documents/{claim.document_id}?claim={claim.id}#claim-{claim.id}"
    assert client.get("/claims/987654").status_code == 404
    assert client.get("/claims/abc").status_code == 422
