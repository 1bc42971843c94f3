"""`armsflow demo` as a new user runs it: a real store from the bundled samples, a briefing in HTML and PDF, and the
dashboard answering on loopback at the URL it prints. The waits only bound a hang; no time is asserted."""
from __future__ import annotations

import os
import queue
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time

import httpx
import pytest

from armsflow.cli.demo import FIRST_LOOKS
from armsflow.demo import ARTICLES
from tests.serving import stop

HANG = 600          # seconds: a loaded machine loads spaCy and builds the store well within this


def _env(home):
    return {**os.environ, "ARMSFLOW_HOME": str(home)}


def _demo(*args, home):
    return subprocess.run([sys.executable, "-m", "armsflow", "demo", *args], capture_output=True, text=True,
                          env=_env(home), timeout=HANG)


def _pdf_text(path) -> str:
    from pdfminer.high_level import extract_text

    return " ".join(extract_text(str(path)).split())


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The demo folder after one `--no-serve` run, and that run."""
    tmp = tmp_path_factory.mktemp("demo")
    run = _demo("--no-serve", "--dir", str(tmp / "demo"), home=tmp / "home")
    return tmp, run


def test_no_serve_writes_the_store_and_the_briefing_and_stops(built):
    tmp, run = built
    folder = tmp / "demo"
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr and "http://" not in run.stdout
    n = len(list(ARTICLES.glob("*.md")))
    assert n >= 12
    assert f"{n} documents read: {n} new (1 copies" in run.stdout
    with sqlite3.connect(folder / "store.sqlite") as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == n
        # the samples' facts became records: Poland's K2 tanks from South Korea, reported by an article and its copy
        pairs = {tuple(r) for r in conn.execute("SELECT supplier, recipient, system FROM records")}
    assert {("KOR", "POL", "K2"), ("SWE", "HUN", "Gripen"), ("CHN", "SRB", "FK-3")} <= pairs
    html = (folder / "briefing.html").read_text(encoding="utf-8")
    assert "Arms transfers to Europe" in html and "Vistula Defence Notes (sample)" in html
    # Poland's American orders are one table row each, with that order's own year
    assert '<td>F-35</td><td class="num">32</td><td>2020</td>' in html
    assert '<td>HIMARS</td><td class="num">20</td><td>2019</td>' in html
    pdf = _pdf_text(folder / "briefing.pdf")
    assert "Europe" in pdf and "Gripen" in pdf


def test_a_rerun_adds_nothing_and_serves_the_dashboard_at_the_printed_url(built):
    tmp, _ = built
    folder = tmp / "demo"
    (folder / "briefing.pdf").unlink()           # the re-run writes the briefing again
    proc = subprocess.Popen([sys.executable, "-m", "armsflow", "demo", "--dir", str(folder), "--port", "0"],
                            env=_env(tmp / "home"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(x) for x in proc.stdout], daemon=True).start()
    try:
        out, url = [], None
        deadline = time.monotonic() + HANG
        while url is None:
            assert time.monotonic() < deadline and proc.poll() is None, (out, proc.poll())
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                continue
            out.append(line)
            m = re.match(r"dashboard: (http://127\.0\.0\.1:\d+)/", line)
            url = m and m.group(1)
        n = len(list(ARTICLES.glob("*.md")))
        assert any(f"0 new (0 copies, 0 echoes), {n} already stored" in x for x in out), out
        assert (folder / "briefing.pdf").exists()
        while True:                               # the socket listens before the server loop starts: wait for it
            try:
                page = httpx.get(url + "/", timeout=10)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline and proc.poll() is None
                time.sleep(0.3)
        assert page.status_code == 200 and "Overview" in page.text and "Poland" in page.text
        records = httpx.get(url + "/api/v1/records", params={"recipient": "POL"}, timeout=30).json()
        assert any(r["system"] == "K2" for r in records["items"]), records
        # the next lines name the overview and the pages to look at first: each answers
        shown = []
        while len(shown) < 1 + len(FIRST_LOOKS):
            assert time.monotonic() < deadline, shown
            shown.append(lines.get(timeout=HANG).split()[0])
        assert shown[0] == url + "/" and all(link.startswith(url + "/") for link in shown), shown
        for link in shown:
            assert httpx.get(link, timeout=60).status_code == 200, link
    finally:
        stop(proc, 30)


def test_bad_arguments_are_one_line_and_exit_2(tmp_path):
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("x")
    for args, words in ((["--port", "70000", "--dir", str(tmp_path / "d")], "--port 70000"),
                        (["--no-serve", "--dir", str(a_file)], str(a_file))):
        r = _demo(*args, home=tmp_path / "home")
        assert r.returncode == 2, (args, r.stderr)
        errors = [x for x in r.stderr.splitlines() if x.startswith("armsflow:")]
        assert len(errors) == 1 and words in errors[0] and "Traceback" not in r.stderr, r.stderr


def test_a_busy_port_fails_before_building(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        r = _demo("--port", str(port), "--dir", str(tmp_path / "d"), home=tmp_path / "home")
    assert r.returncode == 2 and f"--port {port}: cannot listen" in r.stderr, r.stderr
    assert not (tmp_path / "d").exists()
