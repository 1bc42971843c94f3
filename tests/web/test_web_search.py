"""/search over a real ingested store: both sections agree with the store's own search, paging walks every hit
once, snippets are escaped, and hostile or malformed queries get a page (help or results), never a 500."""
from __future__ import annotations

import re

import pytest


def _doc_hits(page: str) -> list[str]:
    return re.findall(r'<li class="search-doc"><a href="/documents/(\d+)">', page)


def _claim_hits(page: str) -> list[str]:
    return re.findall(r'<li class="search-claim"><a href="/documents/\d+\?claim=(\d+)#claim-\d+">', page)


def test_empty_query_shows_help(client):
    for url in ("/search", "/search?q=", "/search?q=%20%20"):
        r = client.get(url)
        assert r.status_code == 200
        assert "Type one or more words" in r.text and 'class="search-hits"' not in r.text
    assert "double quotes" in r.text                       # the lede explains the syntax


def test_results_match_the_store_search(client, web_store):
    from armsflow.store import search as fts

    r = client.get("/search?q=Bayraktar")
    assert r.status_code == 200
    ndocs, nclaims = fts.count_documents(web_store, "Bayraktar"), fts.count_claims(web_store, "Bayraktar")
    assert ndocs >= 2 and nclaims >= 2
    assert f"Documents ({ndocs})" in r.text and f"Claims ({nclaims})" in r.text
    assert _doc_hits(r.text) == [str(h.id) for h in fts.search_documents(web_store, "Bayraktar", 20)]
    assert _claim_hits(r.text) == [str(h.id) for h in fts.search_claims(web_store, "Bayraktar", 20)]
    assert re.search(r"<mark>Bayraktar</mark>", r.text, re.I)
    # the search box of the page keeps the query
    assert 'name="q" value="Bayraktar"' in r.text


def test_phrase_and_prefix(client, web_store):
    from armsflow.store import search as fts

    phrase = client.get('/search', params={"q": '"TB2 drones"'})
    assert f"Documents ({fts.count_documents(web_store, chr(34) + 'TB2 drones' + chr(34))})" in phrase.text
    assert "<code>\"tb2 drones\"</code>" in phrase.text
    prefix = client.get("/search", params={"q": "drone*"})
    exact = client.get("/search", params={"q": "drone"})
    n_prefix = int(re.search(r"Documents \((\d+)\)", prefix.text).group(1))
    n_exact = int(re.search(r"Documents \((\d+)\)", exact.text).group(1))
    assert n_prefix >= n_exact and n_prefix == fts.count_documents(web_store, "drone*")


def test_paging_walks_every_hit_once(client, web_store, monkeypatch):
    from armsflow.store import search as fts
    from armsflow.web.pages import search

    monkeypatch.setattr(search, "PER_PAGE", 1)
    total = fts.count_documents(web_store, "drones")
    nclaims = fts.count_claims(web_store, "drones")
    assert total >= 2 and nclaims >= 2
    docs = [h for n in range(1, total + 1) for h in _doc_hits(client.get(f"/search?q=drones&doc_page={n}").text)]
    claims = [h for n in range(1, nclaims + 1)
              for h in _claim_hits(client.get(f"/search?q=drones&claim_page={n}").text)]
    assert len(docs) == total == len(set(docs)) and len(claims) == nclaims == len(set(claims))
    first = client.get("/search?q=drones&doc_page=1&claim_page=2").text
    assert "documents page 1 of" in first and "claims page 2 of" in first and 'rel="prev"' in first
    beyond = client.get(f"/search?q=drones&doc_page={total + 1}").text
    assert "No more documents" in beyond


@pytest.mark.parametrize("q", ['"unbalanced', 'a "b', '""', '"', "<script>alert(1)</script>", "NEAR(drone, 2)",
                               "drone OR ^ - + (x)", "*", "***", "x" * 5000, "'; DROP TABLE documents; --",
                               "drone AND NOT", "{col}:drone", "é\u0000\u202e", "%", "\\", "drones*" * 300])
def test_hostile_queries_never_fail(client, q):
    r = client.get("/search", params={"q": q})
    assert r.status_code == 200, r.text[:500]
    assert "<script>alert" not in r.text


def test_script_query_is_escaped_in_the_page(client):
    r = client.get("/search", params={"q": '<script>alert("x")</script> TB2'})
    assert r.status_code == 200
    assert '<script>alert("x")' not in r.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; TB2" in r.text


def test_snippets_of_the_hostile_document_are_escaped(client):
    r = client.get("/search", params={"q": "onerror"})
    assert r.status_code == 200 and _doc_hits(r.text)
    assert "onerror=" not in r.text.replace("onerror=&#34;", "")
    assert "&lt;img" in r.text and "<img" not in r.text


@pytest.mark.parametrize("query", ["doc_page=0", "doc_page=x", "claim_page=-2", "claim_page=100000",
                                   "order=random"])
def test_bad_paging_is_422(client, query):
    r = client.get(f"/search?q=drone&{query}")
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html")


def test_relevance_order_has_the_same_hits(client):
    recent = client.get("/search?q=drones").text
    relevant = client.get("/search?q=drones&order=relevance").text
    assert sorted(_doc_hits(recent)) == sorted(_doc_hits(relevant))


def test_a_kept_result_page_gives_way_to_a_new_document(client, app, web_store):
    """Result pages are kept for anonymous readers per store revision: the same query gives the same bytes, and
    a document stored meanwhile is found at once."""
    from armsflow.model import Document
    from armsflow.store.repo import NewDocument

    empty = client.get("/search", params={"q": "quorbelite"})
    assert "Documents (0)" in empty.text
    assert client.get("/search", params={"q": "quorbelite"}).content == empty.content
    assert any(key[0] == "/search" for key in app.state.pages._items)
    web_store.add_documents([NewDocument(Document("quorbelite-note", "The quorbelite deposit was surveyed again."),
                                         [], "test")])
    found = client.get("/search", params={"q": "quorbelite"})
    assert "Documents (1)" in found.text and len(_doc_hits(found.text)) == 1
