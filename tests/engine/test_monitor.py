"""`armsflow monitor --once` end to end on loopback: a feed server, a webhook receiver and an SMTP server (aiosmtpd),
a real store (SQLite file, PostgreSQL). The first run delivers the matches, the second nothing, a run after a new
feed item that item alone; a run killed at each step of a cycle (pausepoints.py) and restarted delivers each match
once; a webhook that fails keeps its matches for the next run."""
from __future__ import annotations

import email
import http.server
import json
import os
import socket
import subprocess
import sys
import threading

import pytest

from pausing import HANG_GUARD, paused_env, wait_until_paused

# invented reports, with real designations; each is one feed item with a page of its own
ITEMS = {
    1: ("Ghana gets Turkish drones", "Ghana received four Bayraktar TB2 drones from Turkey in March 2025, officials "
                                     "in Accra confirmed on Tuesday."),
    2: ("Kenyan helicopter order", "Kenya ordered twelve Mi-171 helicopters from Russia in 2024, according to a "
                                   "procurement notice."),
    3: ("Zambian trainers arrive", "Zambia took delivery of two K-8 trainer aircraft from China in 2025."),
    4: ("Nigeria adds drones", "Nigeria received three Wing Loong II drones from China in January 2025, the air force "
                               "said."),
    5: ("More drones for Kenya", "Kenya took delivery of two Bayraktar TB2 drones from Turkey in 2025, a ministry "
                                 "spokesperson said."),
    6: ("Moroccan drone order", "Morocco ordered six Akinci drones from Turkey in 2024, according to local press."),
    7: ("Italian helicopters for Kenya", "Kenya signed for four AW139 helicopters from Italy in 2025."),
}
# what the two watches match: uav (every drone) and kenya (every claim with Kenya the recipient)
EXPECTED = {1: {("uav", "TUR", "GHA")}, 2: {("kenya", "RUS", "KEN")}, 3: set(), 4: {("uav", "CHN", "NGA")},
            5: {("uav", "TUR", "KEN"), ("kenya", "TUR", "KEN")}, 6: {("uav", "TUR", "MAR")},
            7: {("kenya", "ITA", "KEN")}}


class _Servers(http.server.ThreadingHTTPServer):
    daemon_threads = True


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        srv = self.server
        srv.gets.append(self.path)
        if self.path == "/feed.xml":
            body, kind = srv.feed().encode(), "application/rss+xml"
        elif self.path.startswith("/items/") and int(self.path.split("/")[-1].split(".")[0]) in srv.items:
            n = int(self.path.split("/")[-1].split(".")[0])
            title, text = ITEMS[n]
            body = (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{text}</p>"
                    f"</article></body></html>").encode()
            kind = "text/html"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        srv = self.server
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if srv.fail_posts:
            srv.refused += 1
            self.send_error(503)
            return
        srv.posts.append((self.headers["Idempotency-Key"], json.loads(body)))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


class Web:
    """The feed server (RSS at /feed.xml, a page per item) and the webhook receiver (POST /hook), one server."""

    def __init__(self):
        self.srv = _Servers(("127.0.0.1", 0), _Handler)
        self.srv.items, self.srv.gets, self.srv.posts, self.srv.fail_posts, self.srv.refused = [], [], [], False, 0
        self.srv.feed = self.feed
        self.endpoint = f"127.0.0.1:{self.srv.server_address[1]}"
        threading.Thread(target=self.srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def feed(self) -> str:
        items = "".join(
            f"<item><title>{ITEMS[n][0]}</title><link>http://{self.endpoint}/items/{n}.html</link>"
            f"<description>{ITEMS[n][0]}.</description><pubDate>Tue, 0{n} Apr 2025 09:00:00 +0000</pubDate></item>"
            for n in self.srv.items)
        return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback Defence Wire</title>'
                f"<link>http://{self.endpoint}/</link><description>test feed</description>{items}</channel></rss>")

    def close(self):
        self.srv.shutdown()
        self.srv.server_close()


class _Mailbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def smtp():
    from aiosmtpd.controller import Controller

    with socket.socket() as s:                       # a free port (the controller connects to it to check it is up)
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    box = _Mailbox()
    ctl = Controller(box, hostname="127.0.0.1", port=port, ready_timeout=HANG_GUARD)
    ctl.start()
    box.port = port
    yield box
    ctl.stop()


@pytest.fixture
def web():
    w = Web()
    yield w
    w.close()


def _run(*args, env, check=True):
    r = subprocess.run([sys.executable, "-m", "armsflow", *args], capture_output=True, text=True, env=env,
                       timeout=HANG_GUARD)
    assert not check or r.returncode == 0, r.stderr
    return r


def _matched(payloads) -> set:
    return {(m["watch"], m["claim"]["supplier"], m["claim"]["recipient"]) for m in payloads}


def test_monitor_delivers_each_match_once(tmp_path, store_url, web, smtp):
    env = {**os.environ, "ARMSFLOW_HOME": str(tmp_path / "home")}
    env.pop("ARMSFLOW_TEST_PAUSE", None)
    feeds = tmp_path / "feeds.list"
    feeds.write_text(f"# the loopback wire\nhttp://{web.endpoint}/feed.xml\n")
    out = tmp_path / "alerts.jsonl"
    _run("watch", "add", "uav", "--category", "uav", "--db", store_url, env=env)
    _run("watch", "add", "kenya", "--recipient", "ken", "--db", store_url, env=env)
    monitor = ["monitor", str(feeds), "--once", "--allow", web.endpoint, "--db", store_url,
               "--notify", "webhook", "--webhook-url", f"http://{web.endpoint}/hook",
               "--notify", "email", "--smtp-host", "127.0.0.1", "--smtp-port", str(smtp.port),
               "--mail-from", "monitor@example.org", "--mail-to", "desk@example.org", "--notify", "file", "--out",
               str(out)]
    posts, mails, lines = [], [], []

    def new_deliveries():
        """What each channel received since the last call: webhook matches, email bodies, file lines."""
        got = ([m for _, body in web.srv.posts[len(posts):] for m in body["matches"]], smtp.messages[len(mails):],
               out.read_text().splitlines()[len(lines):] if out.exists() else [])
        posts[:], mails[:], lines[:] = web.srv.posts, smtp.messages, out.read_text().splitlines() if out.exists() \
            else []
        return got

    def delivered_once(items):
        """Every channel got exactly the matches of ``items``, each once."""
        hooked, mailed, written = new_deliveries()
        want = set().union(*(EXPECTED[n] for n in items))
        assert _matched(hooked) == want and len(hooked) == len(want)
        written = [json.loads(x) for x in written]
        assert _matched(written) == want and len(written) == len(want)
        assert len({m["delivery"] for m in hooked}) == len(want)
        if want:
            [mail] = mailed                          # one digest
            body = mail.get_payload(decode=True).decode()
            for n in items:
                if EXPECTED[n]:
                    assert " ".join(ITEMS[n][1].split()) in " ".join(body.split())
            assert body.count("[uav]") + body.count("[kenya]") == len(want)
            assert mail["To"] == "desk@example.org" and f"{len(want)} new match" in mail["Subject"]
        else:
            assert mailed == []

    # the first run: items 1-3, the matches of 1 and 2 (3 matches no watch)
    web.srv.items[:] = [1, 2, 3]
    r = _run(*monitor, env=env)
    assert "3 new" in r.stdout and "2 new matches" in r.stdout, r.stdout
    delivered_once([1, 2, 3])
    assert sorted(p for p in web.srv.gets if p.startswith("/items/")) == ["/items/1.html", "/items/2.html",
                                                                          "/items/3.html"]

    # the second: nothing new, nothing delivered, no page fetched again
    gets = len(web.srv.gets)
    r = _run(*monitor, env=env)
    assert "0 new matches" in r.stdout, r.stdout
    delivered_once([])
    assert web.srv.gets[gets:] == ["/feed.xml"]

    # a new item: only its match
    web.srv.items.append(4)
    _run(*monitor, env=env)
    delivered_once([4])

    # killed: after queuing (the marks not moved), before any delivery (marks moved), between two channels
    flag = tmp_path / "paused"
    for item, (point, n) in zip((5, 6, 7), (("monitor.queued", 1), ("monitor.deliver", 1), ("monitor.deliver", 2))):
        web.srv.items.append(item)
        proc = subprocess.Popen([sys.executable, "-m", "armsflow", *monitor], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=paused_env(env, point, n, flag))
        wait_until_paused(proc, flag)
        proc.kill()
        proc.wait(timeout=HANG_GUARD)
        # before the kill: nothing sent, or (killed between channels) the webhook's digest alone
        assert (len(web.srv.posts) - len(posts), len(smtp.messages) - len(mails)) == ((0, 0) if n == 1 else (1, 0))
        _run(*monitor, env=env)
        delivered_once([item])         # the killed run and its restart: each match once per channel (a repeat
                                       # left for a later run would show in the next step's deliveries)

    # a webhook that fails: exit 1, the other channels deliver, the webhook gets the match on the next run
    web.srv.fail_posts = True
    _run("watch", "add", "zambia", "--recipient", "zmb", "--backfill", "--db", store_url, env=env)
    r = _run(*monitor, env=env, check=False)
    assert r.returncode == 1 and "kept for the next run" in r.stdout, (r.stdout, r.stderr)
    assert web.srv.refused == 1
    hooked, mailed, written = new_deliveries()
    assert hooked == [] and len(mailed) == 1 and _matched(json.loads(x) for x in written) == {("zambia", "CHN", "ZMB")}
    web.srv.fail_posts = False
    _run(*monitor, env=env)
    hooked, mailed, written = new_deliveries()
    assert _matched(hooked) == {("zambia", "CHN", "ZMB")} and mailed == [] and written == []



def test_monitor_every_polls_until_stopped(tmp_path, web):
    """A long-running monitor (--every 1s) delivers the first items, then a new one when the feed gains it."""
    env = {**os.environ, "ARMSFLOW_HOME": str(tmp_path / "home")}
    env.pop("ARMSFLOW_TEST_PAUSE", None)
    db = f"sqlite:///{tmp_path / 'store.db'}"
    out = tmp_path / "alerts.jsonl"
    _run("watch", "add", "uav", "--category", "uav", "--db", db, env=env)
    web.srv.items[:] = [1, 2]
    proc = subprocess.Popen([sys.executable, "-m", "armsflow", "monitor", f"http://{web.endpoint}/feed.xml",
                             "--every", "1s", "--allow", web.endpoint, "--out", str(out), "--db", db],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        def cycles_until(done):
            lines = []
            while not done():
                line = proc.stdout.readline()
                assert line, f"the monitor ended: {proc.stderr.read()}"
                lines.append(line)
            return lines

        def delivered():
            return _matched(json.loads(x) for x in out.read_text().splitlines()) if out.exists() else set()

        first = cycles_until(lambda: delivered() == EXPECTED[1])
        assert "1 delivered to file" in first[-1] and first[-1][:4].isdigit()      # a time stamp, then the line
        cycles_until(lambda: len(web.srv.gets) > 6)                                 # later cycles: nothing to send
        web.srv.items.append(4)
        cycles_until(lambda: delivered() == EXPECTED[1] | EXPECTED[4])
        assert len(out.read_text().splitlines()) == 2
    finally:
        proc.terminate()
        proc.wait(timeout=HANG_GUARD)
