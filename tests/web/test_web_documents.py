"""/documents and /documents/{id} over a real ingested store: filters, sorting, paging, the text with every claim's
evidence marked at its stored offsets, echoes, and bad input answered with an HTML error page, never a 500."""
from __future__ import annotations

import html
import re
import sqlite3
from pathlib import Path

import pytest

from websupport import make_app


def backup(source: Path, target: Path) -> Path:
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return target


def _db(path) -> sqlite3.Connection:
    return sqlite3.connect(path)


def _hostile_id(path) -> int:
    with _db(path) as db:
        return db.execute("SELECT id FROM documents WHERE doc_key LIKE 'hostile%'").fetchone()[0]


def _rows(page: str) -> list[str]:
    """The document links of a list page, in order."""
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in page else ""
    return re.findall(r'<tr data-href="/documents/(\d+)">', body)


def test_list_shows_every_document_with_its_claim_count(client, store_path):
    r = client.get("/documents")
    assert r.status_code == 200
    with _db(store_path) as db:
        docs = db.execute("SELECT d.id, coalesce(d.title, d.doc_key), "
                          "(SELECT count(*) FROM claims c WHERE c.document_id = d.id) FROM documents d").fetchall()
    assert len(docs) >= 6
    assert f"<b>{len(docs)}</b> documents" in r.text
    assert sorted(_rows(r.text), key=int) == sorted(str(i) for i, _t, _n in docs)
    for i, title, n in docs:
        assert f'<a href="/documents/{i}">{html.escape(title or "")}' in r.text
        if n:
            assert f'<a href="/documents/{i}#claims">{n}</a>' in r.text


def test_list_filters_sort_and_totals(client, store_path):
    with _db(store_path) as db:                    # make sure one document has no claim (its claims removed)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("DELETE FROM claims WHERE document_id = ?", (_hostile_id(store_path),))
        with_claims = {str(i) for (i,) in db.execute(
            "SELECT DISTINCT document_id FROM claims")}
        dated = db.execute("SELECT id, published FROM documents WHERE published IS NOT NULL "
                           "ORDER BY published DESC, id DESC").fetchall()
        counts = dict(db.execute("SELECT document_id, count(*) FROM claims GROUP BY document_id"))
    r = client.get("/documents?has_claims=yes")
    assert set(_rows(r.text)) == with_claims and f"<b>{len(with_claims)}</b>" in r.text
    without = set(_rows(client.get("/documents?has_claims=no").text))
    assert str(_hostile_id(store_path)) in without and not without & with_claims
    newest = _rows(client.get("/documents?sort=newest").text)
    assert newest[:len(dated)] == [str(i) for i, _ in dated]
    assert _rows(client.get("/documents?sort=oldest").text)[0] == str(dated[-1][0])
    by_claims = [counts.get(int(i), 0) for i in _rows(client.get("/documents?sort=claims").text)]
    assert by_claims == sorted(by_claims, reverse=True) and by_claims[0] > 0
    cut = dated[len(dated) // 2][1]
    since = set(_rows(client.get(f"/documents?since={cut}").text))
    until = set(_rows(client.get(f"/documents?until={cut}").text))
    assert since == {str(i) for i, p in dated if p >= cut}
    assert until == {str(i) for i, p in dated if p <= cut}
    assert "No document matches these filters" in client.get("/documents?since=2999-01-01").text


def test_list_filters_by_publisher(client, store_path):
    with _db(store_path) as db:
        name, n = db.execute("SELECT p.name, count(*) FROM documents d JOIN publishers p ON p.id = d.publisher_id "
                             "GROUP BY p.name ORDER BY count(*) DESC").fetchone()
    r = client.get("/documents", params={"publisher": name})
    assert r.status_code == 200 and len(_rows(r.text)) == n
    assert len(_rows(client.get("/documents", params={"publisher": "no such outlet"}).text)) == 0


def test_list_pages_with_sql_limit(client, app, store_path, monkeypatch):
    from armsflow.web.pages import documents

    monkeypatch.setattr(documents, "PER_PAGE", 2)
    with _db(store_path) as db:
        total = db.execute("SELECT count(*) FROM documents").fetchone()[0]
    seen = []
    pages = -(-total // 2)
    for n in range(1, pages + 1):
        r = client.get(f"/documents?page={n}&sort=oldest")
        assert f"page {n} of {pages}" in r.text
        seen += _rows(r.text)
    assert len(seen) == total == len(set(seen))
    assert 'rel="next"' in client.get("/documents?page=1").text
    assert "There is no page" in client.get(f"/documents?page={pages + 1}").text


@pytest.mark.parametrize("query", ["since=yesterday", "until=2024-13-01", "has_claims=maybe", "echo=all",
                                   "sort=drop table", "page=0", "page=-1", "page=x", "page=99999999999"])
def test_list_bad_filters_are_422_pages(client, query):
    r = client.get(f"/documents?{query}")
    assert r.status_code == 422 and r.headers["content-type"].startswith("text/html")
    assert "Something is wrong with this request" in r.text


def test_document_marks_each_claim_at_its_offsets(client, store_path):
    with _db(store_path) as db:
        doc_id, text, offset = db.execute(
            "SELECT d.id, d.text, d.body_offset FROM documents d JOIN claims c ON c.document_id = d.id "
            "GROUP BY d.id ORDER BY count(*) DESC").fetchone()
        claims = db.execute("SELECT id, start, end_, evidence FROM (SELECT id, start, \"end\" AS end_, evidence "
                            "FROM claims WHERE document_id = ?)", (doc_id,)).fetchall()
    r = client.get(f"/documents/{doc_id}")
    assert r.status_code == 200
    article = r.text.split('<article class="doctext" id="text">', 1)[1].split("</article>", 1)[0]
    marked = re.findall(r"<mark[^>]*>(.*?)</mark>", article, re.S)
    for cid, start, end, evidence in claims:
        assert text[start - offset:end - offset] == evidence           # offsets are into the file, not the text
        assert any(html.escape(evidence, quote=False) in html.unescape(m) or evidence in html.unescape(m)
                   for m in marked)
        assert f'href="/claims/{cid}"' in r.text
    # every anchor in the side list points at a mark that exists
    for anchor in re.findall(r'href="#(claim-\d+)"', r.text):
        assert f'id="{anchor}"' in article
    # the unmarked text is kept whole: stripping the marks gives the stored text back
    assert html.unescape(re.sub(r"</?mark[^>]*>", "", article)) == text


def test_document_mark_titles_and_record_links(client, store_path):
    with _db(store_path) as db:
        cid, doc_id, rid = db.execute("SELECT c.id, c.document_id, rc.record_id FROM claims c "
                                      "JOIN record_claims rc ON rc.claim_id = c.id LIMIT 1").fetchone()
        status, system = db.execute("SELECT status, coalesce(system, category) FROM claims WHERE id = ?",
                                    (cid,)).fetchone()
    r = client.get(f"/documents/{doc_id}", params={"claim": cid})
    mark = re.search(rf'<mark class="[^"]*focus[^"]*" title="([^"]*)" id="claim-{cid}">', r.text)
    assert mark, "the claim asked for owns its mark"
    assert f"· {system} · {status}" in html.unescape(mark.group(1)) and "→" in html.unescape(mark.group(1))
    assert f'href="/records/{rid}"' in r.text


def test_document_url_is_a_link_only_when_http(app, web_store, client, store_path):
    doc_id = _hostile_id(store_path)
    with _db(store_path) as db:
        db.execute("UPDATE documents SET url = 'javascript:alert(9)' WHERE id = ?", (doc_id,))
    r = client.get(f"/documents/{doc_id}")
    assert "javascript:alert(9)" in r.text and 'href="javascript' not in r.text
    assert "not a web address" in r.text
    with _db(store_path) as db:
        db.execute("UPDATE documents SET url = 'https://example.org/a?b=1&c=\"x\"' WHERE id = ?", (doc_id,))
    r = client.get(f"/documents/{doc_id}")
    assert 'href="https://example.org/a?b=1&amp;c=&#34;x&#34;"' in r.text


def test_document_shows_metadata_and_cited_sources(client, store_path):
    doc_id = _hostile_id(store_path)
    with _db(store_path) as db:
        kind, version = db.execute("SELECT kind, extractor_version FROM documents WHERE id = ?",
                                   (doc_id,)).fetchone()
        cited = [t for (t,) in db.execute("SELECT text FROM cited_sources WHERE document_id = ?", (doc_id,))]
    r = client.get(f"/documents/{doc_id}")
    assert f"<dd>{kind}" in r.text and version in r.text
    for c in cited:
        assert f"<li>{html.escape(c)}</li>" in r.text


@pytest.mark.parametrize("path,status", [("/documents/999999", 404), ("/documents/0", 422),
                                         ("/documents/abc", 422), ("/documents/1e3", 422),
                                         ("/documents/99999999999999", 422), ("/documents/1?claim=x", 422)])
def test_document_bad_ids(client, path, status):
    r = client.get(path)
    assert r.status_code == status and r.headers["content-type"].startswith("text/html")


def test_echo_is_listed_both_ways(built_store, tmp_path):
    """A wire copy of a sample article, ingested later, is its echo: the list and both pages say so."""
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from armsflow.cli import app as cli
    from armsflow.store import open_store

    path = backup(built_store, tmp_path / "store.db")
    folder = tmp_path / "more"
    folder.mkdir()
    sample = Path(__file__).resolve().parents[2] / "samples" / "turkiye-tb2-exports-2022.md"
    body = sample.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    (folder / "wire-copy.md").write_text("---\ntitle: TB2 buyers, as carried by a wire service\npublisher: Wire Copy\n"
                                         "published: 2022-11-20\n---\n" + body + "\nThis copy was carried by a wire "
                                         "service.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", f"sqlite:///{path}", "--quiet",
                                      "--no-semantic"], env={"ARMSFLOW_HOME": str(tmp_path / "home")})
    assert result.exit_code == 0, result.output
    with _db(path) as db:
        echo_id, original_id, kind = db.execute("SELECT d.id, l.echo_of_id, l.kind FROM documents d JOIN echo_links l "
                                                "ON l.document_id = d.id WHERE d.doc_key = 'wire-copy'").fetchone()
    with _db(path) as db:
        assert original_id == db.execute("SELECT id FROM documents WHERE doc_key = 'turkiye-tb2-exports-2022'"
                                         ).fetchone()[0]
    store = open_store(f"sqlite:///{path}")
    try:
        with TestClient(make_app(store)) as c:
            echoes = _rows(c.get("/documents?echo=echoes").text)
            originals = _rows(c.get("/documents?echo=originals").text)
            assert echoes == [str(echo_id)] and str(echo_id) not in originals and str(original_id) in originals
            listing = c.get("/documents").text
            assert f'echo of <a href="/documents/{original_id}">' in listing
            page = c.get(f"/documents/{echo_id}").text
            assert "This document repeats an earlier one" in page and f'href="/documents/{original_id}"' in page
            orig = c.get(f"/documents/{original_id}").text
            assert f'href="/documents/{echo_id}"' in orig and "Echoes of this document (1)" in orig
            assert kind in orig
    finally:
        store.engine.dispose()
