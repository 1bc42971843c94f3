"""Hostile document text in a real headless Chromium: the document page, the search results and the documents
list show the payload of ``websupport.HOSTILE`` as literal text, and nothing of it runs — no dialog, no
``window.__pwned``, no request for a ``/pwned-*`` path (checked both in the browser's resource timing and on the
server, whose app is wrapped to record every path asked for). The raw HTML is checked too, with the TestClient.
"""
from __future__ import annotations

import re
import sqlite3
import time
from pathlib import Path

import pytest

from websupport import LiveServer, make_app, no_alert

PAYLOAD = ["<script>window.__pwned = 1; fetch('/pwned-script')</script>",
           '<img src="/pwned-img" onerror="window.__pwned = 2; alert(1)">',
           '<b onmouseover="alert(2)">', '<a href="javascript:alert(3)">here</a>', '<svg onload="alert(4)"></svg>']


# A second hostile document of our own, whose payload sits in the front matter (title, publisher, URL) and inside
# the very sentence a claim is read from, so the evidence mark wraps it. (websupport.HOSTILE yields no claim: the
# markup inside its transfer sentence stops the extractor, so its page has nothing to highlight.)
MARKED = """---
title: "Patrol drones <img src=/pwned-title onerror=alert(6)> for the coast"
publisher: "<script>alert('pub')</script> Gazette"
url: "javascript:alert(8)"
published: 2024-03-04
---
Patrol drones for the coast

In 2023 Turkey delivered six Bayraktar TB2 drones to Albania, officials said <script>window.__pwned = 5</script>.

A second line <i onclick="alert(7)">stays</i> plain text.
"""
MARKED_PAYLOAD = ["<script>window.__pwned = 5</script>", '<i onclick="alert(7)">stays</i>']


def _backup(source: Path, target: Path) -> Path:
    """A copy taken with SQLite's backup API (the store runs in WAL mode: a plain file copy can miss data)."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return target


@pytest.fixture(scope="module")
def hostile_store(built_store, tmp_path_factory) -> Path:
    """The built store plus MARKED, ingested by the real pipeline."""
    from typer.testing import CliRunner

    from armsflow.cli import app as cli

    folder = tmp_path_factory.mktemp("hostile")
    path = _backup(built_store, folder / "store.db")
    (folder / "docs").mkdir()
    (folder / "docs" / "marked-coast-drones.md").write_text(MARKED, encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(folder / "docs"), "--db", f"sqlite:///{path}", "--quiet",
                                      "--no-semantic"], env={"ARMSFLOW_HOME": str(folder / "home")})
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def store_path(hostile_store, tmp_path) -> Path:
    return _backup(hostile_store, tmp_path / "store.db")


@pytest.fixture
def hostile(store_path) -> tuple[int, int, int]:
    """(HOSTILE's document id, MARKED's document id, the id of the claim read from MARKED)."""
    with sqlite3.connect(store_path) as db:
        doc = db.execute("SELECT id FROM documents WHERE doc_key = 'hostile-coast-guard'").fetchone()[0]
        marked = db.execute("SELECT id FROM documents WHERE doc_key = 'marked-coast-drones'").fetchone()[0]
        claim = db.execute("SELECT id FROM claims WHERE document_id = ? ORDER BY id", (marked,)).fetchone()[0]
    return doc, marked, claim


class PathRecorder:
    """ASGI wrapper that notes every HTTP path the server is asked for, then hands the request on unchanged."""

    def __init__(self, app):
        self.app = app
        self.paths: list[str] = []

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            self.paths.append(scope["path"])
        await self.app(scope, receive, send)


@pytest.fixture
def watched(_browser_session, web_store):
    """The session's Chromium pointed at a live server whose requests are recorded (``watched.recorder.paths``)."""
    recorder = PathRecorder(make_app(web_store))
    with LiveServer(recorder) as server:
        _browser_session.delete_all_cookies()
        _browser_session.base = server.url
        _browser_session.recorder = recorder
        yield _browser_session
        _browser_session.delete_all_cookies()


def _settle(driver) -> None:
    """Give anything that might run (onload, onerror, a fetch) the chance to, before looking for its effects."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    time.sleep(0.4)


def _assert_nothing_ran(driver) -> None:
    assert no_alert(driver), "a JavaScript dialog opened"
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    fetched = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert fetched, "the page loaded no resource at all: the stylesheet and script should be there"
    assert not [u for u in fetched if "/pwned" in u], fetched
    assert not [p for p in driver.recorder.paths if p.startswith("/pwned")], driver.recorder.paths
    # the check itself can see a request: the stylesheet and script were fetched and recorded
    assert "/static/armsflow.css" in driver.recorder.paths


def _hover_everything(driver) -> None:
    """Move the mouse over the places where document text is shown, in case an onmouseover survived."""
    from selenium.webdriver.common.action_chains import ActionChains

    where = "h1, article.doctext, article.doctext mark, .search-snippet, table.documents-list td:first-child a"
    for el in driver.find_elements("css selector", where)[:30]:
        if el.is_displayed():
            try:
                ActionChains(driver).move_to_element(el).perform()
            except Exception:            # an element scrolled away or too small to point at: not what we test
                continue


def test_document_page_shows_payload_as_text_and_runs_nothing(watched, hostile):
    from selenium.webdriver.common.by import By

    doc, _, _ = hostile
    watched.get(f"{watched.base}/documents/{doc}")
    _settle(watched)
    text = watched.find_element(By.CSS_SELECTOR, "article.doctext").text
    for piece in PAYLOAD:
        assert piece in text, piece
    marks = watched.find_elements(By.CSS_SELECTOR, "article.doctext mark[id^='claim-']")
    assert any("Albania" in m.text and m.is_displayed() for m in marks)
    assert "<script>" in watched.find_element(By.CSS_SELECTOR, "h1").text or "hostile" in watched.title
    # the javascript: link and the tags are text, not elements
    assert not watched.find_elements(By.CSS_SELECTOR, "main a[href^='javascript'], main svg, main img, main b")
    _hover_everything(watched)
    _assert_nothing_ran(watched)


def test_marked_evidence_and_metadata_stay_text(watched, hostile):
    from selenium.webdriver.common.by import By

    _, marked, claim = hostile
    watched.get(f"{watched.base}/documents/{marked}")
    _settle(watched)
    mark = watched.find_element(By.ID, f"claim-{claim}")
    assert mark.tag_name == "mark" and mark.is_displayed()
    assert "<script>window.__pwned = 5</script>" in mark.text and "Bayraktar TB2" in mark.text
    assert "Albania" in mark.get_attribute("title") and "Bayraktar TB2" in mark.get_attribute("title")
    assert "<img src=/pwned-title onerror=alert(6)>" in watched.find_element(By.CSS_SELECTOR, "h1").text
    assert "<script>alert('pub')</script> Gazette" in watched.find_element(By.CSS_SELECTOR, "dl.facts").text
    url = watched.find_element(By.CSS_SELECTOR, "dd.document-url")
    assert "javascript:alert(8)" in url.text and not url.find_elements(By.TAG_NAME, "a")
    assert '<i onclick="alert(7)">stays</i>' in watched.find_element(By.CSS_SELECTOR, "article.doctext").text
    assert not watched.find_elements(By.CSS_SELECTOR, "main script, main img, main i, main a[href^='javascript']")
    _hover_everything(watched)
    for el in watched.find_elements(By.CSS_SELECTOR, "article.doctext mark"):
        el.click()
    _assert_nothing_ran(watched)


def test_search_results_for_payload_words_run_nothing(watched, hostile):
    from selenium.webdriver.common.by import By

    for words in ("onerror", "pwned", "coast guard", "script", "onmouseover alert"):
        watched.get(f"{watched.base}/search?q={words}")
        _settle(watched)
        hits = watched.find_elements(By.CSS_SELECTOR, "li.search-doc, li.search-claim")
        assert hits, words
        _hover_everything(watched)
        _assert_nothing_ran(watched)
    watched.get(f"{watched.base}/search?q=pwned")
    snippet = watched.find_element(By.CSS_SELECTOR, "li.search-doc .search-snippet").text
    assert "<script>window.__pwned" in snippet or "onerror=" in snippet


def test_search_box_with_script_query_runs_nothing(watched):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    watched.get(f"{watched.base}/documents")
    box = watched.find_element(By.CSS_SELECTOR, "header form.search input[name=q]")
    box.send_keys('"><script>window.__pwned=3</script><img src=/pwned-q onerror=alert(5)>' + Keys.ENTER)
    _settle(watched)
    assert "/search" in watched.current_url
    assert watched.find_element(By.CSS_SELECTOR, "main input[name=q]").get_attribute("value").startswith('">')
    _assert_nothing_ran(watched)


def test_documents_list_runs_nothing(watched, hostile):
    from selenium.webdriver.common.by import By

    doc, marked, _ = hostile
    watched.get(f"{watched.base}/documents")
    _settle(watched)
    link = watched.find_element(By.CSS_SELECTOR, f"table.documents-list a[href='/documents/{doc}']")
    assert link.is_displayed()
    title = watched.find_element(By.CSS_SELECTOR, f"table.documents-list a[href='/documents/{marked}']").text
    assert title == "Patrol drones <img src=/pwned-title onerror=alert(6)> for the coast"
    _hover_everything(watched)
    _assert_nothing_ran(watched)
    link.click()
    _settle(watched)
    assert watched.current_url.endswith(f"/documents/{doc}")
    _assert_nothing_ran(watched)


def test_claim_hit_lands_on_its_marked_evidence(watched, hostile):
    from selenium.webdriver.common.by import By

    _, doc, claim = hostile
    watched.get(f"{watched.base}/search?q=Albania")
    _settle(watched)
    hit = watched.find_element(By.CSS_SELECTOR, f"li.search-claim a[href^='/documents/{doc}?claim={claim}']")
    hit.click()
    _settle(watched)
    assert re.search(rf"/documents/{doc}\?claim={claim}#claim-{claim}$", watched.current_url)
    mark = watched.find_element(By.CSS_SELECTOR, f"mark#claim-{claim}")
    assert mark.is_displayed() and "focus" in mark.get_attribute("class")
    assert watched.execute_script("return document.querySelector(':target') === arguments[0]", mark)
    top = watched.execute_script("return arguments[0].getBoundingClientRect().top", mark)
    assert 0 <= top < watched.execute_script("return window.innerHeight")
    _assert_nothing_ran(watched)


def test_document_hit_opens_the_document(watched, hostile):
    from selenium.webdriver.common.by import By

    _, doc, claim = hostile
    watched.get(f"{watched.base}/search?q=%22patrol+drones%22")
    _settle(watched)
    watched.find_element(By.CSS_SELECTOR, f"li.search-doc a[href='/documents/{doc}']").click()
    _settle(watched)
    assert watched.current_url.endswith(f"/documents/{doc}")
    assert watched.find_element(By.ID, f"claim-{claim}").is_displayed()
    _assert_nothing_ran(watched)


# -- the raw HTML, with the TestClient -------------------------------------------------------------------------------
def _scripts(page: str) -> list[str]:
    return re.findall(r"<script\b[^>]*>", page, re.I)


@pytest.mark.parametrize("url", ["/documents/{doc}", "/documents/{marked}?claim={claim}", "/documents",
                                 "/search?q=pwned", "/search?q=onerror+img", "/search?q=Albania",
                                 "/search?q=officials+script"])
def test_raw_html_has_the_payload_escaped_and_only_our_script(client, hostile, url):
    doc, marked, claim = hostile
    r = client.get(url.format(doc=doc, marked=marked, claim=claim))
    assert r.status_code == 200
    assert _scripts(r.text) == ['<script src="/static/armsflow.js" defer>']
    for tag in ("<img", "<svg", "<b ", 'href="javascript', "onerror=\"", "onmouseover=\"", "onload=\""):
        assert tag not in r.text.lower(), tag
    assert " style=" not in r.text                       # the CSP forbids inline styles too
    assert "&lt;script&gt;" in r.text                   # every one of these pages shows some payload, escaped


def test_document_page_escapes_every_payload_piece(client, hostile):
    from markupsafe import escape

    doc, marked, claim = hostile
    page = client.get(f"/documents/{doc}").text
    for piece in PAYLOAD:
        assert str(escape(piece)) in page, piece
    page = client.get(f"/documents/{marked}").text
    mark = re.search(rf'<mark [^>]*id="claim-{claim}">(.*?)</mark>', page, re.S).group(1)
    assert str(escape(MARKED_PAYLOAD[0])) in mark
    assert str(escape(MARKED_PAYLOAD[1])) in page
