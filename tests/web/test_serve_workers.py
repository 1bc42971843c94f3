"""`armsflow serve --workers 2`: two server processes on one port share the store and the session key, so a session
signed by one is honoured by the other, and a review made through one shows on pages served by either."""
from __future__ import annotations

import re

import httpx
from serving import serving
from websupport import PASSWORD, USER


def test_two_processes_serve_one_store(store_path, tmp_path):
    with serving(f"sqlite:///{store_path}", tmp_path / "home") as base:
        with httpx.Client(base_url=base) as c:
            token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
            r = c.post("/login", data={"name": USER, "password": PASSWORD, "next": "/", "csrf_token": token})
            assert r.status_code in (200, 303)
            # new connections land on either process: every one must know the session
            for _ in range(12):
                with httpx.Client(base_url=base, cookies=c.cookies) as fresh:
                    assert "Sign out" in fresh.get("/login").text
            page = c.get("/records?supplier=TUR&recipient=ALB").text
            rid = re.search(r'href="/records/(\d+)"', page).group(1)
            assert c.get(f"/records/{rid}").status_code == 200
