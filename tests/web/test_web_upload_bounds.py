"""Hostile uploads: each fails with one 4xx JSON line, and none stops the server from answering meanwhile.

The looping PDF is a couple of hundred bytes whose page tree is a reference to itself: pdfminer would go round it
for ever. The test shows that a static file is served while that upload is still being read (the read happens in
a reader process the request thread only waits for), then that the upload ends as a 422 at the time limit. No
time is asserted: the waits below only bound a hang.
"""
from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from websupport import USER, LiveServer, make_app

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ingest"))
from pdfmaker import column, looping_pdf, make_pdf  # noqa: E402

API = "/api/v1"
SENTENCE = "Peru has ordered four coastal patrol boats from South Korea, the navy said on Monday."


@pytest.fixture
def token(web_store):
    from armsflow.store.users import issue_token

    return issue_token(web_store, USER, "upload tests")


def auth(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def wait_for(predicate, what: str, timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def test_a_looping_pdf_fails_cleanly_while_the_server_answers(web_store, token):
    from armsflow.ingest.limits import UPLOAD

    app = make_app(web_store, upload_limits=UPLOAD.with_(["seconds=8"]))
    with LiveServer(app) as server:
        outcome: dict = {}
        done = threading.Event()

        def upload():
            try:
                outcome["response"] = httpx.post(f"{server.url}{API}/documents", headers=auth(token), timeout=300,
                                                 files={"file": ("loop.pdf", looping_pdf(), "application/pdf")})
            except Exception as exc:          # reported by the main thread
                outcome["error"] = exc
            finally:
                done.set()

        thread = threading.Thread(target=upload, daemon=True)
        thread.start()
        # the upload is in a reader process now
        wait_for(lambda: done.is_set() or getattr(app.state, "readers", None) is not None
                 and app.state.readers.busy > 0, "the upload to reach a reader process")
        assert not done.is_set(), outcome
        static = httpx.get(f"{server.url}/static/armsflow.js", timeout=120)
        page = httpx.get(f"{server.url}{API}/records", timeout=120)
        still_reading = not done.is_set()
        assert static.status_code == 200 and static.content
        assert page.status_code == 200
        assert still_reading, "the upload ended before the other requests were answered"
        assert done.wait(300), "the upload never ended"
        thread.join(10)
        assert "error" not in outcome, outcome
        r = outcome["response"]
        assert r.status_code == 422, r.text
        assert r.json() == {"detail": "the upload: not read within 8 s (the seconds limit); stopped"}
        # the server and its reader pool go on: a good PDF is read and stored
        good = make_pdf([column([SENTENCE])], info={"Title": "Patrol boats for Peru"})
        ok = httpx.post(f"{server.url}{API}/documents", headers=auth(token), timeout=300,
                        files={"file": ("boats.pdf", good, "application/pdf")})
        assert ok.status_code == 201, ok.text
        assert any(c["supplier"] == "KOR" and c["recipient"] == "PER" for c in ok.json()["documents"][0]["claims"])


@pytest.fixture
def client(web_store):
    from fastapi.testclient import TestClient

    with TestClient(make_app(web_store)) as c:
        yield c


@pytest.mark.parametrize("body", [
    b"[" * 100_000 + b"]" * 100_000,                                   # deeper than any parser should go
    b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    b'{"text": NaN}',
    b'{"text": "Peru ordered boats.", "quantity": Infinity}',
    b'{"text": -Infinity}',
    b'{"text": "Peru ordered boats \\ud800 from Korea."}',              # a lone surrogate, escaped in JSON
    b'{"text": "Peru ordered boats.", "title": "\\udc00"}',
    b'{"text": ["\\ud800"]}',                                          # ... inside a value that fails validation
    b'{"text": {"\\udfff\\u001b]0;x\\u0007": 1}}',
    b'{"text": "\\u0000Peru"}',
    b'\xff\xfe{"text": 1}',
])
def test_bad_json_is_one_422_line(client, token, body):
    r = client.post(f"{API}/documents", content=body, headers={**auth(token), "content-type": "application/json"})
    assert r.status_code == 422, r.text
    detail = r.json()["detail"]
    assert isinstance(detail, str) and detail and "\n" not in detail
    assert not any(ord(c) < 0x20 or 0xD800 <= ord(c) <= 0xDFFF for c in detail), detail


def test_a_text_without_words_is_422_as_json_and_as_a_file(client, token):
    r = client.post(f"{API}/documents", json={"text": "---\ntitle: Rules\n---\n. . . * * * ---"}, headers=auth(token))
    assert r.status_code == 422
    assert r.json() == {"detail": "text: no words in it (only punctuation and symbols)"}
    r = client.post(f"{API}/documents", files={"file": ("dots.txt", "." * 5000, "text/plain")}, headers=auth(token))
    assert r.status_code == 422
    assert r.json() == {"detail": "the upload: no words in it (only punctuation and symbols)"}


def test_front_matter_over_a_budget_is_422(client, token):
    bomb = "\n".join([f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9 if i else ["ha"] * 9) + "]"
                      for i in range(9)])
    r = client.post(f"{API}/documents", json={"text": f"---\n{bomb}\ntitle: *a8\n---\n{SENTENCE}\n"},
                    headers=auth(token))
    assert r.status_code == 422
    assert r.json() == {"detail": "text: front matter has over 16 YAML aliases (the aliases limit)"}
    r = client.post(f"{API}/documents", files={"file": ("deep.md", f"---\nx: {'[' * 500}{']' * 500}\n---\n{SENTENCE}",
                                                        "text/markdown")}, headers=auth(token))
    assert r.status_code == 422
    assert r.json() == {"detail": "the upload: front matter nested deeper than 256 levels (the depth limit)"}


def test_hostile_feed_and_page_uploads_are_422(client, token):
    laughs = "".join(f"<!ENTITY l{i} \"{('&l%d;' % (i - 1)) * 10 if i else 'ha'}\">" for i in range(9))
    feed = (f'<?xml version="1.0"?><!DOCTYPE rss [{laughs}]><rss version="2.0"><channel><title>T</title><item>'
            f"<title>&l8;</title><description>{SENTENCE}</description></item></channel></rss>").encode()
    r = client.post(f"{API}/documents", files={"file": ("laughs.xml", feed, "application/rss+xml")},
                    headers=auth(token))
    assert r.status_code == 422 and "internal subset" in r.json()["detail"]
    page = f"<html><body>{'<div>' * 300}<p>{SENTENCE}</p>{'</div>' * 300}</body></html>".encode()
    r = client.post(f"{API}/documents", files={"file": ("deep.html", page, "text/html")}, headers=auth(token))
    assert r.status_code == 422
    assert r.json() == {"detail": "the upload: HTML nested 255 or more levels deep (the depth limit)"}


def test_an_upload_stored_with_odd_fields_is_cleaned(client, token, web_store):
    # a NUL in an entry, a publisher longer than its column, a control character in a title
    feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{"Harbour Gazette " * 30}</title><item>'
            f"<title>Boats&#x1b;[31m for Peru</title><link>https://harbour.example/boats</link>"
            f"<description>{SENTENCE}&#0;</description></item></channel></rss>").encode()
    r = client.post(f"{API}/documents", files={"file": ("boats.xml", feed, "application/rss+xml")},
                    headers=auth(token))
    assert r.status_code == 201, r.text
    stored = client.get(f"{API}/documents/{r.json()['documents'][0]['id']}").json()
    assert len(stored["publisher"]) <= 300 and stored["publisher"].startswith("Harbour Gazette")
    assert "\x1b" not in stored["title"] and "\x00" not in stored["text"]


def test_an_upload_whose_fusion_fails_is_stored_and_says_so(client, token, store_path):
    """A failure after storing is one 503 line saying the document is kept; the next ingest fuses its records."""
    import sqlite3

    with sqlite3.connect(store_path) as db:
        db.execute("CREATE TRIGGER refuse_records BEFORE INSERT ON records "
                   "BEGIN SELECT RAISE(ABORT, 'no records today'); END")
    text = "Uruguay received two offshore patrol vessels from Spain in 2023, the navy said."
    r = client.post(f"{API}/documents", json={"text": text, "title": "Patrol vessels"}, headers=auth(token))
    assert r.status_code == 503, r.text
    detail = r.json()["detail"]
    assert detail.startswith("the document is stored, but fusing its records failed (") and "\n" not in detail
    assert "no records today" in detail
    with sqlite3.connect(store_path) as db:
        assert db.execute("SELECT count(*) FROM documents WHERE title = 'Patrol vessels'").fetchone()[0] == 1
        db.execute("DROP TRIGGER refuse_records")
    again = client.post(f"{API}/documents", json={"text": text, "title": "Patrol vessels"}, headers=auth(token))
    assert again.status_code == 200 and again.json()["status"] == "already stored"
    other = client.post(f"{API}/documents", headers=auth(token),
                        json={"text": "Ghana ordered four trainer aircraft from Brazil in 2024.", "title": "Trainers"})
    assert other.status_code == 201, other.text        # its fusion also fuses the pair left unfused before
    records = client.get(f"{API}/records", params={"supplier": "ESP", "recipient": "URY"}).json()
    assert records["total"] >= 1, records


def test_an_upload_extracts_while_another_process_holds_the_writer_lock(web_store, token):
    """Extraction does not wait for another writer's fusion: the upload reaches the writer lock only to fuse."""
    import multiprocessing

    app = make_app(web_store)
    ctx = multiprocessing.get_context("spawn")
    held, release = ctx.Event(), ctx.Event()
    holder = ctx.Process(target=_hold_lock, args=(str(web_store.engine.url), held, release), daemon=True)
    holder.start()
    try:
        assert held.wait(120), "the other process never took the lock"
        from fastapi.testclient import TestClient

        with TestClient(app) as c:
            done, outcome = threading.Event(), {}

            def post():
                outcome["r"] = c.post(f"{API}/documents", headers=auth(token), json={
                    "text": "Kenya received six armoured vehicles from Turkey in 2022.", "title": "Vehicles"})
                done.set()

            threading.Thread(target=post, daemon=True).start()
            # the document is stored while the other process still holds the lock (fusion waits for it)
            wait_for(lambda: done.is_set() or _stored(web_store, "Vehicles"), "the upload to store its document")
            assert not done.is_set(), outcome
            release.set()
            assert done.wait(300), "the upload never ended"
            assert outcome["r"].status_code == 201, outcome["r"].text
    finally:
        release.set()
        holder.join(60)


def _stored(store, title: str) -> bool:
    from sqlalchemy import text

    with store.engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM documents WHERE title = :t"), {"t": title}).scalar() > 0


def _hold_lock(url: str, held, release) -> None:
    from armsflow.store import open_store
    from armsflow.store.locks import writer_lock

    store = open_store(url)
    with writer_lock(store.engine):
        held.set()
        release.wait(300)
