"""`armsflow serve --workers 2`: sign-in attempts are counted in the store, so two server processes throttle them
as one; a session ended through one process is refused by the other."""
from __future__ import annotations

import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time

import httpx
from websupport import PASSWORD, USER

COOKIE = "armsflow_session"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> set[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return {int(x) for x in out.split()}


def _attempt_with(c: httpx.Client, password: str) -> httpx.Response:
    token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
    return c.post("/login", data={"name": USER, "password": password, "next": "/", "csrf_token": token})


def _attempt(base: str, password: str) -> httpx.Response:
    """One sign-in on a new connection (so that attempts land on either process)."""
    with httpx.Client(base_url=base, timeout=60) as c:
        return _attempt_with(c, password)


def test_two_processes_share_the_throttle_and_the_sessions(store_path, tmp_path):
    port = _port()
    env = {**os.environ, "ARMSFLOW_HOME": str(tmp_path / "home")}
    server = subprocess.Popen([sys.executable, "-m", "armsflow", "serve", "--db", f"sqlite:///{store_path}",
                               "--port", str(port), "--workers", "2", "--login-limit", "4",
                               "--login-window", "600"], env=env, start_new_session=True,
                              stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, server.stderr.read()
            try:
                if httpx.get(base + "/login", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "the server did not answer"
            time.sleep(0.3)
        assert len(_children(server.pid)) >= 2, "expected two worker processes"

        # a session ended through one process is refused by both
        with httpx.Client(base_url=base, timeout=60) as c:
            assert _attempt_with(c, PASSWORD).status_code == 303
            cookie = c.cookies[COOKIE]
            for _ in range(6):
                with httpx.Client(base_url=base, cookies={COOKIE: cookie}, timeout=60) as fresh:
                    assert "Sign out" in fresh.get("/login").text
            csrf = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
            assert c.post("/logout", data={"csrf_token": csrf}).status_code == 303
            for _ in range(6):
                with httpx.Client(base_url=base, cookies={COOKIE: cookie}, timeout=60) as fresh:
                    assert "Sign out" not in fresh.get("/login").text
                    assert fresh.get("/review").status_code == 303

        # the limit given to `serve` (4 attempts per account in 10 minutes) holds across both processes
        statuses = [_attempt(base, "a wrong guess").status_code for _ in range(4)]
        assert statuses == [401] * 4
        for password in ("a wrong guess", PASSWORD):
            r = _attempt(base, password)
            assert r.status_code == 429 and 0 < int(r.headers["retry-after"]) <= 600
        with sqlite3.connect(store_path) as db:          # the window passes
            db.execute("UPDATE login_failures SET window_start = '2000-01-01 00:00:00'")
        assert _attempt(base, PASSWORD).status_code == 303
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()

