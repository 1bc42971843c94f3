"""Screenshots of every web page for the README: ``python docs/screenshots.py --db STORE [--out docs/web]``.

Serves the store with ``armsflow serve`` on a free loopback port, opens each page in headless Chromium (Debian's
``chromium`` and ``chromedriver``) and saves one PNG per page. Pages that need a sign-in use ``--user``/``--password``
(or ARMSFLOW_PASSWORD). The README shows what this writes; rerun it after changing a page.
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent

# (file name, path, needs sign-in); {record}, {document}, {state} are filled from the store
PAGES = [
    ("overview", "/", False),
    ("records", "/records?source=news", False),
    ("record", "/records/{record}", False),
    ("states", "/states", False),
    ("state", "/states/{state}", False),
    ("document", "/documents/{document}", False),
    ("documents", "/documents", False),
    ("search", "/search?q=drones", False),
    ("briefing", "/briefing?region=western-balkans&since=2015&until=2024", False),
    ("watches", "/watches", False),
    ("review", "/review", True),
    ("record-signed-in", "/records/{record}", True),
    ("api-docs", "/api/v1/docs", False),
]

# (file name, path, XPath of the element): the flow maps alone, for the README's map section
FIGURES = [
    ("map-world", "/", "//*[local-name()='svg' and @class='flowmap']"),
    ("map-western-balkans", "/?region=western-balkans", "//*[local-name()='svg' and @class='flowmap']"),
    ("map-briefing", "/briefing?region=western-balkans&since=2015&until=2024",
     "//figure[contains(@class, 'briefing-chart')][.//*[local-name()='svg' and contains(@aria-label, 'flows into')]]"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, proc, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"screenshots: the server stopped (exit {proc.returncode})")
        try:
            urllib.request.urlopen(url + "/login", timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    sys.exit("screenshots: the server did not start")


def _examples(db: str, state: str) -> dict[str, str]:
    """A well-supported news record and a document with claims, so the pictures show something."""
    from sqlalchemy import func, select

    from armsflow.store import open_store
    from armsflow.store.schema import ClaimRow, RecordRow

    store = open_store(db)
    with store.session() as s:
        record = s.scalar(select(RecordRow.id).where(RecordRow.source == "news")
                          .order_by(RecordRow.sources.desc(), RecordRow.claims.desc()).limit(1))
        document = s.scalar(select(ClaimRow.document_id).group_by(ClaimRow.document_id)
                            .order_by(func.count().desc()).limit(1))
    store.engine.dispose()
    return {"record": str(record), "document": str(document), "state": state}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True, help="the store to show (an SQLite file or a database URL)")
    ap.add_argument("--out", default=str(HERE / "web"), help="folder for the PNG files")
    ap.add_argument("--state", default="SRB", help="the state shown on the state and briefing pages")
    ap.add_argument("--user", default="demo")
    ap.add_argument("--password", default=os.environ.get("ARMSFLOW_PASSWORD", ""))
    ap.add_argument("--width", type=int, default=1280)
    ap.add_argument("--only", nargs="*", help="names of the pages to take (default: all)")
    args = ap.parse_args()

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    db = args.db if "://" in args.db else f"sqlite:///{Path(args.db).resolve()}"
    values = _examples(db, args.state)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    armsflow = Path(sys.executable).with_name("armsflow")
    proc = subprocess.Popen([str(armsflow), "serve", "--db", db, "--port", str(port)])
    try:
        _wait(base, proc)
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or ""
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    f"--window-size={args.width},900"):
            options.add_argument(arg)
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
        signed_in = False
        try:
            for name, path, needs_login in PAGES:
                if args.only and name not in args.only:
                    continue
                if needs_login and not signed_in:
                    driver.get(base + "/login")
                    driver.find_element(By.NAME, "name").send_keys(args.user)
                    driver.find_element(By.NAME, "password").send_keys(args.password)
                    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
                    signed_in = True
                driver.get(base + path.format(**values))
                height = driver.execute_script("return document.documentElement.scrollHeight")
                driver.set_window_size(args.width, min(max(height, 600), 2600))
                time.sleep(0.3)
                target = out / f"{name}.png"
                driver.save_screenshot(str(target))
                driver.set_window_size(args.width, 900)
                print(f"{target}  {base}{path.format(**values)}")
            driver.set_window_size(args.width, 1600)          # a figure must fit the window to be taken whole
            for name, path, xpath in FIGURES:
                if args.only and name not in args.only:
                    continue
                driver.get(base + path)
                element = driver.find_element(By.XPATH, xpath)
                driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
                time.sleep(0.3)
                target = out / f"{name}.png"
                element.screenshot(str(target))
                print(f"{target}  {base}{path} {xpath}")
        finally:
            driver.quit()
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    main()
