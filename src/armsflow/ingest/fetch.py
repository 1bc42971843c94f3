"""Fetching URLs, only when the caller asks: a fetcher is a plain callable ``url -> bytes`` (None: not available).

Readers never touch the network themselves; they get a fetcher or none. :func:`http_fetcher` is the command line's
(standard library only); tests pass their own function, or this one with ``allow`` naming their local server.

A feed is untrusted input that names the URLs to fetch, so the fetcher guards the machine it runs on:

- Only public destinations. The host is resolved first, every address is checked (loopback, private, link-local,
  multicast, unspecified, reserved and other non-global ranges are refused, IPv4 inside IPv6 included), and the
  connection goes to the very address that was checked: a DNS answer that changes between check and connect
  (rebinding) cannot redirect it. Redirects are followed by hand, each hop checked the same way, at most
  :data:`MAX_REDIRECTS`.
- One deadline per download, covering name resolution, connection, TLS, the request and every read: each socket
  operation gets the time left as its timeout, so a server sending a byte at a time cannot hold the ingest.
- A size cap, checked against Content-Length and while reading in chunks.

Proxies from the environment are not used (the destination check would then see the proxy, not the target).
"""
from __future__ import annotations

import http.client
import ipaddress
import math
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterable
from urllib.parse import quote, urljoin, urlsplit

from armsflow.ingest.text import MAX_BYTES, IngestError, _limit

Fetch = Callable[[str], bytes | None]

TIMEOUT = 60.0                 # seconds for a whole download, redirects included
MAX_REDIRECTS = 5
_CHUNK = 64 * 1024
_REDIRECTS = {301, 302, 303, 307, 308}
_ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,"
           "application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5")


def fetch_bytes(fetch: Fetch, url: str, max_bytes: int = MAX_BYTES) -> bytes:
    """Call ``fetch`` and turn whatever goes wrong into an IngestError naming the URL."""
    try:
        data = fetch(url)
    except IngestError as exc:
        raise IngestError(url, exc.problem) from None
    except Exception as exc:           # a fetcher's own network or HTTP error
        raise IngestError(url, f"fetch failed ({type(exc).__name__}: {exc})") from None
    if data is None:
        raise IngestError(url, "fetch failed (nothing returned)")
    if len(data) > max_bytes:
        raise IngestError(url, f"download too large: over the {_limit(max_bytes)} limit (raise it with --max-size)")
    if not data.strip():
        raise IngestError(url, "empty response")
    return bytes(data)


# -- which destinations are refused ----------------------------------------------------------------------------

_NAT64 = ipaddress.ip_network("64:ff9b::/96")       # IPv4 reached through a NAT64 gateway
_V4_COMPATIBLE = ipaddress.ip_network("::/96")      # the deprecated ::a.b.c.d form


def refusal(address: str) -> str | None:
    """Why ``address`` (an IP address) must not be fetched from, or None when it is a public one.

    IPv4 carried inside IPv6 (mapped ``::ffff:a.b.c.d``, compatible ``::a.b.c.d``, 6to4, Teredo, NAT64) is judged
    by that IPv4 address, since that is where the packets end up."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if ip.version == 6:
        inner = ip.ipv4_mapped or ip.sixtofour
        if ip.teredo:
            inner = ip.teredo[1]
        elif ip in _NAT64 or (ip in _V4_COMPATIBLE and int(ip) > 1):
            inner = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if inner is not None:
            why = refusal(str(inner))
            if why is not None or ip.ipv4_mapped or ip in _NAT64:
                return why and f"{why} inside IPv6"
    for test, kind in (("is_unspecified", "an unspecified address"), ("is_loopback", "a loopback address"),
                       ("is_link_local", "a link-local address"), ("is_multicast", "a multicast address"),
                       ("is_reserved", "a reserved address"), ("is_private", "a private address")):
        if getattr(ip, test):
            return kind
    if not ip.is_global:
        return "not a public address"
    return None


# -- one download under one deadline ---------------------------------------------------------------------------

class _Deadline:
    """Socket mixin: every blocking call gets the time left before ``deadline`` (time.monotonic) as its timeout,
    so no sequence of slow reads outlives it."""

    deadline = math.inf

    def _arm(self) -> None:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("deadline passed")
        self.settimeout(left)

    def recv(self, *args, **kwargs):
        self._arm()
        return super().recv(*args, **kwargs)

    def recv_into(self, *args, **kwargs):
        self._arm()
        return super().recv_into(*args, **kwargs)

    def send(self, *args, **kwargs):
        self._arm()
        return super().send(*args, **kwargs)

    def sendall(self, *args, **kwargs):
        self._arm()
        return super().sendall(*args, **kwargs)


class _Socket(_Deadline, socket.socket):
    pass


class _TLSSocket(_Deadline, ssl.SSLSocket):
    pass


class _Unfetchable(Exception):
    """A URL that is not fetched: refused destination, bad URL, unknown host (the message says which)."""


class _TimedOut(Exception):
    pass


class _TooLarge(Exception):
    pass


def _left(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise _TimedOut()
    return left


def _resolve(host: str, port: int, deadline: float) -> list[tuple]:
    """getaddrinfo, given up at the deadline (it cannot be interrupted, so it runs on a thread of its own)."""
    box: dict = {}

    def run() -> None:
        try:
            box["found"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
        except OSError as exc:
            box["error"] = exc

    thread = threading.Thread(target=run, name="armsflow-resolve", daemon=True)
    thread.start()
    thread.join(_left(deadline))
    if thread.is_alive():
        raise _TimedOut()
    if "error" in box:
        exc = box["error"]
        raise _Unfetchable(f"cannot resolve {host} ({getattr(exc, 'strerror', None) or exc})")
    return box["found"]


def _endpoint(address: str, port: int) -> str:
    return f"[{address}]:{port}" if ":" in address else f"{address}:{port}"


def _connect(host: str, port: int, deadline: float, allow: frozenset[str]) -> _Socket:
    """A TCP connection to the first permitted address ``host`` resolves to: the address checked is the one used."""
    found = _resolve(host, port, deadline)
    refused, last_error = [], None
    for family, kind, proto, _name, sockaddr in found:
        address = sockaddr[0]
        why = None if _endpoint(address, port) in allow else refusal(address)
        if why is not None:
            refused.append((address, why))
            continue
        sock = _Socket(family, kind, proto)
        sock.deadline = deadline
        try:
            sock.settimeout(_left(deadline))
            sock.connect(sockaddr)
            return sock
        except BaseException as exc:
            sock.close()
            if isinstance(exc, (TimeoutError, _TimedOut)):
                raise _TimedOut() from None
            if not isinstance(exc, OSError):
                raise
            last_error = exc
    if last_error is not None:
        raise last_error
    if refused:
        address, why = refused[0]
        shown = host if host == address else f"{host} ({address})"
        raise _Unfetchable(f"refused to connect to {shown}: {why}")
    raise _Unfetchable(f"cannot resolve {host} (no address)")


def _target(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, request target) of an http(s) URL; _Unfetchable for anything else."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise _Unfetchable("only http and https URLs are fetched")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
        host = parts.hostname or ""
        host = host if ":" in host else host.encode("idna").decode("ascii")
    except (ValueError, UnicodeError):
        raise _Unfetchable("not a valid URL (host or port)") from None
    if not host:
        raise _Unfetchable("not a valid URL (no host)")
    path = parts.path or "/"
    target = path + (f"?{parts.query}" if parts.query else "")
    return scheme, host, port, quote(target, safe="!#$%&'()*+,/:;=?@[]~")


def _request(url: str, deadline: float, max_bytes: int, user_agent: str, allow: frozenset[str],
             tls: ssl.SSLContext) -> tuple[int, str, str | None, bytes]:
    """One GET: (status, reason, Location, body). The body is read only for a success (2xx)."""
    scheme, host, port, target = _target(url)
    sock = _connect(host, port, deadline, allow)
    resp = None
    try:
        if scheme == "https":
            sock.settimeout(_left(deadline))
            tls_sock = tls.wrap_socket(sock, server_hostname=host, do_handshake_on_connect=False)
            sock = tls_sock
            sock.deadline = deadline
            sock._arm()
            sock.do_handshake()
        conn = http.client.HTTPConnection(host, port)
        conn.sock = sock                   # already connected to the checked address: http.client never resolves
        default = 443 if scheme == "https" else 80
        shown = f"[{host}]" if ":" in host else host
        conn.request("GET", target, headers={
            "Host": shown if port == default else f"{shown}:{port}", "User-Agent": user_agent, "Accept": _ACCEPT,
            "Accept-Encoding": "identity", "Connection": "close"})
        resp = conn.getresponse()
        location = resp.getheader("Location")
        if not 200 <= resp.status < 300:
            return resp.status, resp.reason, location, b""
        length = resp.getheader("Content-Length")
        if length and length.strip().isdigit() and int(length) > max_bytes:
            raise _TooLarge()
        body, size = [], 0
        while chunk := resp.read(_CHUNK):
            body.append(chunk)
            size += len(chunk)
            if size > max_bytes:
                raise _TooLarge()
        return resp.status, resp.reason, location, b"".join(body)
    finally:
        if resp is not None:
            resp.close()
        sock.close()


def http_fetcher(timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES, user_agent: str = "armsflow/0.1",
                 allow: Iterable[str] = (), tls: ssl.SSLContext | None = None) -> Fetch:
    """A fetcher over HTTP(S): public destinations only, ``timeout`` seconds for each whole download (redirects
    included), at most ``max_bytes``; every failure is an IngestError naming the URL.

    ``allow`` names endpoints (``"127.0.0.1:8080"``, ``"[::1]:8080"``) exempt from the destination check: for
    tests, or a known internal server. ``tls`` replaces the default certificate verification context."""
    allowed = frozenset(allow)
    context = tls or ssl.create_default_context()
    context.sslsocket_class = _TLSSocket

    def fetch(url: str) -> bytes:
        deadline = time.monotonic() + timeout
        current = url
        try:
            for _ in range(MAX_REDIRECTS + 1):
                status, reason, location, body = _request(current, deadline, max_bytes, user_agent, allowed,
                                                          context)
                if 200 <= status < 300:
                    return body
                if status in _REDIRECTS and location:
                    following = urljoin(current, location.strip())
                    try:
                        _target(following)
                    except _Unfetchable as exc:
                        raise _Unfetchable(f"redirected to {following}: {exc}") from None
                    current = following
                    continue
                raise IngestError(url, f"HTTP error {status} ({reason})")
            raise IngestError(url, f"too many redirects (more than {MAX_REDIRECTS})")
        except IngestError:
            raise
        except _Unfetchable as exc:
            problem = str(exc)
            if current != url and not problem.startswith("redirected to "):
                problem = f"redirected to {current}: {problem}"
            raise IngestError(url, problem) from None
        except (_TimedOut, TimeoutError):
            raise IngestError(url, f"timed out after {timeout:g} s") from None
        except _TooLarge:
            raise IngestError(url, f"download too large: over the {_limit(max_bytes)} limit") from None
        except ssl.SSLCertVerificationError as exc:
            raise IngestError(url, f"TLS certificate not accepted ({exc.verify_message or exc.reason})") from None
        except ssl.SSLError as exc:
            raise IngestError(url, f"TLS failed ({exc.reason or exc})") from None
        except http.client.IncompleteRead:
            raise IngestError(url, "connection closed before the whole body was sent") from None
        except http.client.HTTPException as exc:
            raise IngestError(url, f"not a valid HTTP response ({type(exc).__name__}: {exc})") from None
        except OSError as exc:
            raise IngestError(url, f"cannot fetch ({exc.strerror or exc})") from None

    return fetch
