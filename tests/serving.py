"""A real `armsflow serve --workers N` for tests: a free loopback port, the server's worker processes, and a
server started, waited for (no time asserted: the wait only bounds a hang) and stopped."""
from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time

import httpx


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children(pid: int) -> set[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return {int(x) for x in out.split()}


@contextlib.contextmanager
def serving(db_url: str, home, *options: str, workers: int = 2):
    """``armsflow serve --db DB_URL --workers N OPTIONS`` answering on a free port: yields its base URL."""
    port = free_port()
    env = {**os.environ, "ARMSFLOW_HOME": str(home)}
    server = subprocess.Popen([sys.executable, "-m", "armsflow", "serve", "--db", db_url, "--port", str(port),
                               "--workers", str(workers), *options], env=env, start_new_session=True,
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
        assert len(children(server.pid)) >= workers, f"expected {workers} worker processes"
        yield base
    finally:
        stop(server, 30)


def stop(server: subprocess.Popen, grace: float) -> None:
    """Stop a server started in its own session with all its workers: SIGTERM, then SIGKILL after ``grace`` s."""
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(grace)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
