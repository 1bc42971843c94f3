"""Request limits: the size of a body, enforced before a handler reads it (an upload cannot fill memory or disk), and
the number of sign-in attempts (a password cannot be guessed at speed)."""
from __future__ import annotations

import datetime as dt
import ipaddress
import json
import math

from armsflow.store.repo import now
from armsflow.store.throttle import count_attempt, forget, uncount


class BodyLimit:
    """Pure ASGI middleware: 413 for a declared Content-Length over the limit, or a body that grows past it."""

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        for k, v in scope.get("headers", []):
            if k == b"content-length":
                try:
                    declared = int(v)
                except ValueError:
                    return await _reply(send, 400, "bad Content-Length header")
                if declared > self.max_bytes:
                    return await _reply(send, 413, f"request body over the {self.max_bytes:,}-byte limit")
        seen = 0

        async def counting_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge()
            return message

        try:
            await self.app(scope, counting_receive, send)
        except BodyTooLarge:
            await _reply(send, 413, f"request body over the {self.max_bytes:,}-byte limit")


class BodyTooLarge(Exception):
    pass


async def _reply(send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class LoginThrottle:
    """How many sign-in attempts are let through: ``per_name`` per account name and ``per_address`` per client
    address within ``window`` seconds; past either, the attempt is refused before its password is checked (429 with
    Retry-After: the seconds until that window ends).

    The counts live in the store (``store/throttle.py``), shared by every server process. Each window is bounded, so
    an attacker who guesses at someone's name locks them out for one window at most per burst, never for good. A
    successful sign-in clears its account name's count and takes back its own attempt from the address's count; it
    does not clear the address's count, or a guesser could sign in to an account of their own between guesses to
    start again. An IPv6 client is counted by its /64 network, the block a single host can pick addresses from.
    Behind a reverse proxy, the address is the proxy's unless uvicorn trusts its X-Forwarded-For (it does for a
    proxy on 127.0.0.1, uvicorn's default ``--forwarded-allow-ips``).
    """

    def __init__(self, per_name: int, per_address: int, window: int):
        self.per_name, self.per_address = per_name, per_address
        self.window = dt.timedelta(seconds=window)

    def attempt(self, store, name: str, address: str) -> int | None:
        """Count an attempt; None when it may proceed, else the seconds to wait."""
        counted = count_attempt(store, [("name", name), ("address", address)], self.window)
        at = now()
        waits = [(start + self.window - at).total_seconds()
                 for (scope, _), (count, start) in counted.items()
                 if count > (self.per_name if scope == "name" else self.per_address)]
        return max(1, math.ceil(max(waits))) if waits else None

    def succeeded(self, store, name: str, address: str) -> None:
        forget(store, "name", name)
        uncount(store, "address", address)


def client_address(request) -> str:
    """The key a client's attempts are counted under: its IP address (an IPv6 one as its /64 network)."""
    host = request.client.host if request.client else ""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return host[:100] or "unknown"
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)
