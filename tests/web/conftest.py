"""Fixtures for the web tests: a real SQLite store of ingested documents, the app over it, a live server on
loopback and a real headless Chromium driven by Selenium.

The store is built once per session by the real ingest (the bundled samples plus a hostile document of our own);
each test that writes gets its own copy of the file, so tests never see each other's edits.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"

from websupport import HOSTILE, PASSWORD, USER, LiveServer, make_app  # noqa: F401


@pytest.fixture(scope="session")
def built_store(tmp_path_factory) -> Path:
    """An SQLite file holding the samples and the hostile document, ingested by the real pipeline, and a user."""
    from typer.testing import CliRunner

    from armsflow.cli import app as cli

    folder = tmp_path_factory.mktemp("webstore")
    docs = folder / "docs"
    shutil.copytree(SAMPLES, docs)
    (docs / "hostile-coast-guard.md").write_text(HOSTILE, encoding="utf-8")
    path = folder / "store.db"
    env = {"ARMSFLOW_HOME": str(folder / "home")}
    result = CliRunner().invoke(cli, ["ingest", str(docs), "--db", f"sqlite:///{path}", "--quiet", "--no-semantic"],
                                env=env)
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(cli, ["user", "add", USER, "--db", f"sqlite:///{path}"],
                                env={**env, "ARMSFLOW_PASSWORD": PASSWORD})
    assert result.exit_code == 0, result.output
    import sqlite3

    with sqlite3.connect(path) as db:                 # everything into the main file: copies need no -wal
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert db.execute("SELECT count(*) FROM claims c JOIN documents d ON d.id = c.document_id "
                          "WHERE d.doc_key = 'hostile-coast-guard'").fetchone()[0] >= 1
    return path


@pytest.fixture
def store_path(built_store, tmp_path) -> Path:
    """A private copy of the built store for one test."""
    import sqlite3

    path = tmp_path / "store.db"
    with sqlite3.connect(built_store) as src, sqlite3.connect(path) as dst:   # WAL pages included
        src.backup(dst)
    return path


@pytest.fixture
def web_store(store_path):
    from armsflow.store import open_store

    store = open_store(f"sqlite:///{store_path}")
    yield store
    store.engine.dispose()


@pytest.fixture
def app(web_store):
    return make_app(web_store)


@pytest.fixture
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c


@pytest.fixture
def live_server(app):
    with LiveServer(app) as server:
        yield server


def _chromium() -> tuple[str | None, str | None]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return browser, driver


@pytest.fixture(scope="session")
def _browser_session():
    browser_path, driver_path = _chromium()
    if not (browser_path and driver_path):
        reason = ("no Chromium with ChromeDriver on PATH (Debian: apt-get install chromium chromium-driver); "
                  "the browser tests need them")
        if os.environ.get("ARMSFLOW_REQUIRE_CHROMIUM"):
            pytest.fail(reason)
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = browser_path
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--no-first-run", "--disable-extensions"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture
def browser(_browser_session, live_server):
    """The session's headless Chromium, with cookies cleared, and the live server's base URL as ``browser.base``."""
    _browser_session.delete_all_cookies()
    _browser_session.base = live_server.url
    _browser_session.server = live_server
    yield _browser_session
    _browser_session.delete_all_cookies()
