"""Signing in and out. The session is renewed at sign-in (no fixation) and carries a fresh CSRF token."""
from __future__ import annotations

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse

from armsflow.web.render import page
from armsflow.web.security import csrf_ok, csrf_token

router = APIRouter(include_in_schema=False)


def safe_next(target: str | None) -> str:
    """Only a path on this site: never an absolute URL (an open redirect) or a scheme-relative '//host'."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.get("/login")
def login_form(request: Request, next: str = "/"):
    return page(request, "login.html", next=safe_next(next), needs_csrf=True, error=None)


@router.post("/login")
def login(request: Request, name: str = Form(..., max_length=100), password: str = Form(..., max_length=1000),
          next: str = Form("/"), csrf_token_: str = Form("", alias="csrf_token")):
    from armsflow.store.users import authenticate

    if not csrf_ok(request.session, csrf_token_):
        raise HTTPException(403, "missing or wrong CSRF token: reload the sign-in page and try again")
    user = authenticate(request.app.state.store, name, password)
    if user is None:
        return page(request, "login.html", status_code=401, next=safe_next(next), needs_csrf=True,
                    error="Wrong name or password.")
    request.session.clear()
    request.session.update({"uid": user.id, "name": user.name, "role": user.role})
    csrf_token(request.session)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request, csrf_token_: str = Form("", alias="csrf_token")):
    if not csrf_ok(request.session, csrf_token_):
        raise HTTPException(403, "missing or wrong CSRF token")
    request.session.clear()
    return RedirectResponse("/", status_code=303)
