"""Signing in and out. A sign-in starts a new session in the store and a new cookie (no fixation) with a fresh CSRF
token; sign-out ends the session in the store, so a copy of the cookie is worth nothing after it. Attempts are
throttled per account name and client address (``web/limits.py``)."""
from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse

from armsflow.web.limits import client_address
from armsflow.web.render import page
from armsflow.web.security import csrf_ok, csrf_token

router = APIRouter(include_in_schema=False)


def safe_next(target: str | None) -> str:
    """Only a path on this site, with its query string: a relative URL that starts with exactly one '/'. Never an
    absolute URL, a scheme-relative '//host', a '/\\host' (browsers read the backslash as a slash) or anything with
    whitespace or control characters (browsers drop tabs and newlines from URLs: '/\\t/host' is '//host')."""
    if (not isinstance(target, str) or not target.startswith("/") or target[1:2] in ("/", "\\")
            or "\\" in target or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in target)
            or len(target) > 2000):
        return "/"
    return target


@router.get("/login")
def login_form(request: Request, next: str = "/"):
    return _form(request, 200, next, None)


def _form(request: Request, status: int, next: str, error: str | None, headers: dict | None = None):
    response = page(request, "login.html", status_code=status, next=safe_next(next), needs_csrf=True, error=error)
    response.headers.update({"Cache-Control": "no-store", **(headers or {})})   # it carries this browser's CSRF token
    return response


@router.post("/login")
def login(request: Request, name: str = Form(..., max_length=100), password: str = Form(..., max_length=1000),
          next: str = Form("/"), csrf_token_: str = Form("", alias="csrf_token")):
    from armsflow.store.users import authenticate, start_session

    if not csrf_ok(request.session, csrf_token_):
        raise HTTPException(403, "missing or wrong CSRF token: reload the sign-in page and try again")
    state = request.app.state
    address = client_address(request)
    wait = state.login_throttle.attempt(state.store, name, address)
    if wait is not None:
        minutes = max(1, round(wait / 60))
        return _form(request, 429, next, f"Too many sign-in attempts for this account or from this address: try "
                                         f"again in {minutes} minute{'s' if minutes != 1 else ''}.",
                     {"Retry-After": str(wait)})
    user = authenticate(state.store, name, password)
    if user is None:
        return _form(request, 401, next, "Wrong name or password.")
    state.login_throttle.succeeded(state.store, name, address)
    key = start_session(state.store, user, dt.timedelta(hours=state.settings.session_hours))
    request.session.clear()
    request.session["sid"] = key
    request.state.viewer = None                     # whoever renders next asks the store again
    csrf_token(request.session)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request, csrf_token_: str = Form("", alias="csrf_token")):
    from armsflow.store.users import end_session

    if not csrf_ok(request.session, csrf_token_):
        raise HTTPException(403, "missing or wrong CSRF token")
    if request.session.get("sid"):
        end_session(request.app.state.store, request.session["sid"])
    request.session.clear()
    return RedirectResponse("/", status_code=303)
