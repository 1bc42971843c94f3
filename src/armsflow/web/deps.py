"""Request dependencies: the store, who is asking, and whether they may read or write.

Two ways to be someone: a signed session cookie (the browser; writes must also present the session's CSRF token)
or an API token in ``Authorization: Bearer`` (notebooks and scripts; no cookie is involved, so no CSRF).

The cookie's signature only proves the server made it; whether its session still stands is asked of the store on
every request (``store.users.user_for_session``), so sign-out, a disabled user or a changed password take effect at
once. A cookie whose session has ended is dropped and its bearer is anonymous.
"""
from __future__ import annotations

from dataclasses import dataclass

from fastapi import HTTPException, Request

from armsflow.web.security import CSRF_FIELD, CSRF_HEADER, csrf_ok


@dataclass(frozen=True)
class Viewer:
    """Whoever is making the request; ``name`` is None for an anonymous reader."""
    user_id: int | None
    name: str | None
    role: str | None = None
    via: str = "anonymous"               # anonymous | session | token

    @property
    def signed_in(self) -> bool:
        return self.name is not None


ANONYMOUS = Viewer(None, None)


class LoginRequired(Exception):
    """Raised for an anonymous visitor where reading needs a login; pages redirect, the API answers 401."""


def get_store(request: Request):
    return request.app.state.store


def viewer(request: Request) -> Viewer:
    cached = getattr(request.state, "viewer", None)
    if cached is not None:
        return cached
    from armsflow.store.users import user_for_session, user_for_token

    v = ANONYMOUS
    scheme, _, credentials = request.headers.get("authorization", "").strip().partition(" ")
    if scheme.lower() == "bearer":          # another scheme (Basic from a proxy in front) is not ours to judge
        user = user_for_token(request.app.state.store, credentials.strip())
        if user is None:
            # the error page that answers is rendered for an anonymous reader, not by asking about the token again
            request.state.viewer = ANONYMOUS
            raise HTTPException(401, "invalid or revoked API token", headers={"WWW-Authenticate": "Bearer"})
        v = Viewer(user.id, user.name, user.role, "token")
    elif "session" in request.scope and request.session:
        s = request.session
        user = user_for_session(request.app.state.store, s["sid"]) if s.get("sid") else None
        if user is not None:
            v = Viewer(user.id, user.name, user.role, "session")
        elif s.get("sid") or s.get("uid"):         # ended, expired, disabled, or a cookie from before sessions
            s.clear()
    request.state.viewer = v
    return v


async def reader(request: Request) -> Viewer:
    """Anyone may read, unless the server was started to require a login. A coroutine: a plain function would cost
    every page a hop to the thread pool."""
    v = viewer(request)
    if request.app.state.settings.require_login and not v.signed_in:
        raise LoginRequired()
    return v


async def writer(request: Request) -> Viewer:
    """A signed-in user; a browser session must also present its CSRF token (form field or header)."""
    v = viewer(request)
    if not v.signed_in:
        raise LoginRequired()
    if v.via == "session":
        presented = request.headers.get(CSRF_HEADER)
        if presented is None and request.headers.get("content-type", "").startswith(
                ("application/x-www-form-urlencoded", "multipart/form-data")):
            presented = (await request.form()).get(CSRF_FIELD)
        if not csrf_ok(request.session, presented if isinstance(presented, str) else None):
            raise HTTPException(403, "missing or wrong CSRF token: reload the page and try again")
    return v
