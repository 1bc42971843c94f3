"""`armsflow serve --workers 2`: sign-in attempts are counted in the store, so two server processes throttle them
as one; a session ended through one process is refused by the other."""
from __future__ import annotations

import re
import sqlite3

import httpx
from serving import serving
from websupport import PASSWORD, USER

COOKIE = "armsflow_session"


def _attempt_with(c: httpx.Client, password: str) -> httpx.Response:
    token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
    return c.post("/login", data={"name": USER, "password": password, "next": "/", "csrf_token": token})


def _attempt(base: str, password: str) -> httpx.Response:
    """One sign-in on a new connection (so that attempts land on either process)."""
    with httpx.Client(base_url=base, timeout=60) as c:
        return _attempt_with(c, password)


def test_two_processes_share_the_throttle_and_the_sessions(store_path, tmp_path):
    with serving(f"sqlite:///{store_path}", tmp_path / "home", "--login-limit", "4",
                 "--login-window", "600") as base:
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

