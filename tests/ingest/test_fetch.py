"""The HTTP fetcher against local servers on loopback: what it refuses to reach (before connecting, and after each
redirect), its one deadline per download, its size cap and its one-line errors.

Loopback is itself a refused destination, so the servers are reached through ``allow``, which exempts exactly the
endpoints it names; every refusal test checks that the server named was never reached.
"""
from __future__ import annotations

import http.server
import shutil
import socket
import ssl
import subprocess
import threading

import pytest

from armsflow.ingest.fetch import MAX_REDIRECTS, fetch_bytes, http_fetcher, refusal
from armsflow.ingest.text import IngestError

PAGE = b"<html><body><p>Poland signed for more K2 tanks, the ministry said on Monday.</p></body></html>"
HANG_GUARD = 120          # seconds: only bounds a hang of the code under test, never a measured time


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        srv = self.server
        srv.seen.append(self.path)
        route = self.path.split("?")[0]
        if route == "/page":
            self._send(200, PAGE)
        elif route == "/to":                       # a redirect to wherever the test says
            self.send_response(302)
            self.send_header("Location", srv.location)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif route == "/loop":
            self.send_response(301)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif route == "/relative":
            self.send_response(307)
            self.send_header("Location", "page")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif route == "/declared-big":
            self.send_response(200)
            self.send_header("Content-Length", str(10**9))
            self.end_headers()
        elif route == "/endless":                  # no length, never ends: only the size cap stops the read
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            self._until_stopped(b"x" * 4096, pause=0)
        elif route == "/drip-body":                # quick headers, then a byte now and then, for ever
            self.send_response(200)
            self.send_header("Connection", "close")
            self.end_headers()
            self._until_stopped(b"<", pause=0.05)
        elif route == "/drip-headers":             # the status line itself, a byte at a time
            self._until_stopped(b"H", pause=0.05)
        else:
            self._send(404, b"no such page")

    def _send(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _until_stopped(self, data, pause):
        self.close_connection = True
        try:
            while not self.server.stopping.wait(pause):
                self.wfile.write(data)
                self.wfile.flush()
        except OSError:                            # the client gave up: what the tests expect
            pass

    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host="127.0.0.1", family=socket.AF_INET):
        self.address_family = family
        super().__init__((host, 0), _Handler)
        self.seen: list[str] = []
        self.location = "/page"
        self.stopping = threading.Event()
        self.port = self.server_address[1]
        self.endpoint = f"[{host}]:{self.port}" if family == socket.AF_INET6 else f"{host}:{self.port}"
        self.base = f"http://{self.endpoint}"


@pytest.fixture
def servers():
    """A factory of local HTTP servers, all stopped at the end of the test."""
    started = []

    def start(host="127.0.0.1", family=socket.AF_INET, wrap=None):
        srv = _Server(host, family)
        if wrap is not None:
            srv.socket = wrap(srv.socket)
        threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        started.append(srv)
        return srv

    yield start
    for srv in started:
        srv.stopping.set()
        srv.shutdown()
        srv.server_close()


def _error(fetch, url) -> str:
    """The one-line message of the IngestError that fetching ``url`` raises (as the readers report it)."""
    result = {}

    def run():
        try:
            result["data"] = fetch_bytes(fetch, url, 2**20)
        except IngestError as exc:
            result["error"] = str(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(HANG_GUARD)
    assert not worker.is_alive(), f"fetching {url} hangs"
    assert "error" in result, f"{url} was fetched: {result.get('data', b'')[:80]!r}"
    message = result["error"]
    assert "\n" not in message and message.startswith(f"{url}: "), message
    return message.removeprefix(f"{url}: ")


# -- destinations ----------------------------------------------------------------------------------------------

def test_a_permitted_endpoint_is_fetched(servers):
    srv = servers()
    assert http_fetcher(allow=[srv.endpoint])(f"{srv.base}/page") == PAGE
    assert srv.seen == ["/page"]


def test_loopback_is_refused_by_default_before_connecting(servers):
    srv = servers()
    fetch = http_fetcher()
    assert _error(fetch, f"{srv.base}/page") == "refused to connect to 127.0.0.1: a loopback address"
    other = servers()                              # allowing one endpoint does not allow its neighbours
    assert _error(http_fetcher(allow=[other.endpoint]), f"{srv.base}/page") == \
        "refused to connect to 127.0.0.1: a loopback address"
    assert srv.seen == [] and other.seen == []


def test_a_name_that_resolves_to_loopback_is_refused(servers):
    srv = servers()
    problem = _error(http_fetcher(), f"http://localhost:{srv.port}/page")
    assert problem.startswith("refused to connect to localhost (") and problem.endswith(": a loopback address")
    assert srv.seen == []


def test_ipv6_loopback_is_refused(servers):
    try:
        srv = servers("::1", socket.AF_INET6)
    except OSError:
        srv = None                                 # no IPv6 here: the refusal comes before any connection anyway
    port = srv.port if srv else 8080
    assert _error(http_fetcher(), f"http://[::1]:{port}/page") == "refused to connect to ::1: a loopback address"
    if srv is not None:
        assert srv.seen == []
        assert http_fetcher(allow=[srv.endpoint])(f"http://[::1]:{port}/page") == PAGE


@pytest.mark.parametrize("host, refused", [
    ("10.1.2.3", "10.1.2.3: a private address"),
    ("192.168.0.10", "192.168.0.10: a private address"),
    ("172.16.5.4", "172.16.5.4: a private address"),
    ("169.254.169.254", "169.254.169.254: a link-local address"),           # the cloud metadata service
    ("0.0.0.0", "0.0.0.0: an unspecified address"),                         # reaches this machine on Linux
    ("127.1", "127.1 (127.0.0.1): a loopback address"),                     # short and numeric spellings
    ("2130706433", "2130706433 (127.0.0.1): a loopback address"),
    ("0x7f000001", "0x7f000001 (127.0.0.1): a loopback address"),
    ("224.0.0.1", "224.0.0.1: a multicast address"),
    ("100.64.0.1", "100.64.0.1: not a public address"),                     # carrier-grade NAT
    ("240.0.0.1", "240.0.0.1: a reserved address"),
    ("[::]", "::: an unspecified address"),
    ("[::ffff:127.0.0.1]", "::ffff:127.0.0.1: a loopback address inside IPv6"),
    ("[::ffff:10.0.0.1]", "::ffff:10.0.0.1: a private address inside IPv6"),
    ("[fe80::1]", "fe80::1: a link-local address"),
    ("[fc00::1]", "fc00::1: a private address"),
    ("[ff02::1]", "ff02::1: a multicast address"),
    ("[2002:7f00:1::1]", "2002:7f00:1::1: a loopback address inside IPv6"),  # 6to4 around 127.0.0.1
    ("[64:ff9b::a00:1]", "64:ff9b::a00:1: a private address inside IPv6"),   # NAT64 around 10.0.0.1
])
def test_non_public_addresses_are_refused(host, refused):
    assert _error(http_fetcher(), f"http://{host}:8080/x") == f"refused to connect to {refused}"


def test_public_addresses_pass_the_check():
    for address in ("8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808",
                    "2002:808:808::1"):
        assert refusal(address) is None, address
    assert refusal("127.0.0.1") == "a loopback address"


# -- redirects -------------------------------------------------------------------------------------------------

def test_a_redirect_to_a_private_address_is_refused(servers):
    """The first hop is permitted (it stands for a public site); where it redirects to is checked again."""
    first, inner = servers(), servers()
    fetch = http_fetcher(allow=[first.endpoint])
    first.location = f"{inner.base}/page"
    assert _error(fetch, f"{first.base}/to") == \
        f"redirected to {inner.base}/page: refused to connect to 127.0.0.1: a loopback address"
    first.location = f"http://localhost:{inner.port}/page"
    problem = _error(fetch, f"{first.base}/to")
    assert problem.startswith(f"redirected to http://localhost:{inner.port}/page: refused to connect to localhost (")
    first.location = "http://169.254.169.254/latest/meta-data/"
    assert _error(fetch, f"{first.base}/to") == \
        "redirected to http://169.254.169.254/latest/meta-data/: refused to connect to 169.254.169.254: " \
        "a link-local address"
    first.location = "file:///etc/passwd"
    assert _error(fetch, f"{first.base}/to") == \
        "redirected to file:///etc/passwd: only http and https URLs are fetched"
    assert inner.seen == [] and first.seen == ["/to"] * 4


def test_permitted_redirects_are_followed(servers):
    first, second = servers(), servers()
    fetch = http_fetcher(allow=[first.endpoint, second.endpoint])
    first.location = f"{second.base}/page"
    assert fetch(f"{first.base}/to") == PAGE
    assert fetch(f"{first.base}/relative") == PAGE
    assert first.seen == ["/to", "/relative", "/page"] and second.seen == ["/page"]


def test_redirects_are_capped(servers):
    srv = servers()
    assert _error(http_fetcher(allow=[srv.endpoint]), f"{srv.base}/loop") == \
        f"too many redirects (more than {MAX_REDIRECTS})"
    assert len(srv.seen) == MAX_REDIRECTS + 1


# -- deadline, size, errors ------------------------------------------------------------------------------------

def test_a_dripping_body_hits_the_total_deadline(servers):
    """A byte every 50 ms never trips a per-read timeout; only a deadline for the whole download ends it."""
    srv = servers()
    assert _error(http_fetcher(timeout=1, allow=[srv.endpoint]), f"{srv.base}/drip-body") == "timed out after 1 s"


def test_dripping_headers_hit_the_total_deadline(servers):
    srv = servers()
    assert _error(http_fetcher(timeout=1, allow=[srv.endpoint]), f"{srv.base}/drip-headers") == \
        "timed out after 1 s"


def test_the_deadline_covers_redirects(servers):
    first, second = servers(), servers()
    first.location = f"{second.base}/drip-body"
    fetch = http_fetcher(timeout=1, allow=[first.endpoint, second.endpoint])
    assert _error(fetch, f"{first.base}/to") == "timed out after 1 s"


def test_size_cap(servers):
    srv = servers()
    fetch = http_fetcher(max_bytes=1000, allow=[srv.endpoint])
    assert _error(fetch, f"{srv.base}/declared-big") == "download too large: over the 1000 bytes limit"
    # no length announced and no end: reading stops at the cap
    assert _error(fetch, f"{srv.base}/endless") == "download too large: over the 1000 bytes limit"
    assert http_fetcher(max_bytes=len(PAGE), allow=[srv.endpoint])(f"{srv.base}/page") == PAGE


def test_http_and_connection_errors(servers):
    srv = servers()
    fetch = http_fetcher(allow=[srv.endpoint])
    assert _error(fetch, f"{srv.base}/gone") == "HTTP error 404 (Not Found)"
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()                                 # nothing listens there now
    assert _error(http_fetcher(allow=[f"127.0.0.1:{port}"]), f"http://127.0.0.1:{port}/") == \
        "cannot fetch (Connection refused)"
    assert _error(fetch, "ftp://example.org/file") == "only http and https URLs are fetched"
    assert _error(fetch, "http://no-such-host.invalid/x").startswith("cannot resolve no-such-host.invalid (")
    assert _error(fetch, "http://example.org:99999/").startswith("not a valid URL")


# -- HTTPS -----------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for localhost and 127.0.0.1 (made with the openssl command)."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is not installed")
    folder = tmp_path_factory.mktemp("tls")
    key, cert = folder / "key.pem", folder / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
                   check=True, capture_output=True, timeout=HANG_GUARD)
    return cert, key


def test_https_checks_the_name_on_the_pinned_address(servers, certificate):
    """The connection goes to the checked address while TLS verifies the URL's host name."""
    cert, key = certificate
    server_side = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_side.load_cert_chain(cert, key)
    srv = servers(wrap=lambda s: server_side.wrap_socket(s, server_side=True))
    trusting = ssl.create_default_context(cafile=str(cert))
    url = f"https://localhost:{srv.port}/page"
    assert http_fetcher(allow=[srv.endpoint], tls=trusting)(url) == PAGE
    problem = _error(http_fetcher(allow=[srv.endpoint]), url)      # the system's authorities do not know it
    assert problem.startswith("TLS certificate not accepted (")
    assert _error(http_fetcher(tls=ssl.create_default_context(cafile=str(cert))), url).startswith(
        "refused to connect to localhost (")


# -- the command line ------------------------------------------------------------------------------------------

def test_ingest_fetch_refuses_loopback_and_checks_its_timeout(servers, tmp_path):
    import os
    import sys

    srv = servers()
    env = {**os.environ, "ARMSFLOW_HOME": str(tmp_path / "home")}
    cmd = [sys.executable, "-m", "armsflow", "ingest", "--db", f"sqlite:///{tmp_path / 'store.db'}", "--quiet",
           "--no-semantic"]
    run = subprocess.run([*cmd, "--fetch", "--fetch-timeout", "5", f"{srv.base}/page"], capture_output=True,
                         text=True, env=env, timeout=HANG_GUARD * 5)
    assert run.returncode == 1, run.stderr
    assert run.stderr.strip() == \
        f"armsflow: {srv.base}/page: refused to connect to 127.0.0.1: a loopback address"
    assert srv.seen == []
    run = subprocess.run([*cmd, "--fetch", "--fetch-timeout", "0", f"{srv.base}/page"], capture_output=True,
                         text=True, env=env, timeout=HANG_GUARD * 5)
    assert run.returncode == 2 and run.stderr.strip() == \
        "armsflow: --fetch-timeout 0: must be a positive number of seconds"
