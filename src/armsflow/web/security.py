"""Defences that apply to every response and every write: strict headers, CSRF tokens bound to the session.

What a signed-in user is shown (their name, review forms, CSRF tokens, answers to their token) is theirs: such a
response says ``Cache-Control: no-store``, so neither the browser's back-forward cache on a shared computer nor a
proxy keeps it. Anonymous pages are the same for every reader and stay cacheable.

Document text is hostile input. Templates escape it (Jinja autoescape); the Content-Security-Policy is the second
wall: scripts only from this server's /static, no inline script or style, no plugins, no framing, so a payload
that slipped past escaping still could not run or send anything anywhere.
"""
from __future__ import annotations

import hmac
import secrets

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
NO_STORE = (b"cache-control", b"no-store")
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


class SecurityHeaders:
    """Pure ASGI middleware (cheaper than Starlette's BaseHTTPMiddleware on every request)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        state = scope.setdefault("state", {})          # request.state; shared with any copy of the scope inside
        credentials = any(k == b"authorization" for k, _ in scope.get("headers", []))

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [h for h in HEADERS if h[0] not in present]
                if credentials or b"set-cookie" in present or getattr(state.get("viewer"), "signed_in", False):
                    headers = [h for h in headers if h[0].lower() != b"cache-control"] + [NO_STORE]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def csrf_token(session: dict) -> str:
    """The session's CSRF token, made on first use; forms carry it back in a hidden field."""
    token = session.get("csrf")
    if not token:
        token = session["csrf"] = secrets.token_urlsafe(32)
    return token


def csrf_ok(session: dict, presented: str | None) -> bool:
    expected = session.get("csrf")
    return bool(expected and presented and hmac.compare_digest(expected, presented))
