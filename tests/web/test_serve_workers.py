"""`armsflow serve --workers 2`: two server processes on one port share the store and the session key, so a session
signed by one is honoured by the other, and a review made through one shows on pages served by either."""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time

import httpx
from websupport import PASSWORD, USER


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> set[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return {int(x) for x in out.split()}


def test_two_processes_serve_one_store(store_path, tmp_path):
    port = _port()
    env = {**os.environ, "ARMSFLOW_HOME": str(tmp_path / "home")}
    server = subprocess.Popen([sys.executable, "-m", "armsflow", "serve", "--db", f"sqlite:///{store_path}",
                               "--port", str(port), "--workers", "2"], env=env, start_new_session=True,
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
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
