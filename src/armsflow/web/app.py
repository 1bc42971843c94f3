"""The ASGI application: pages under /, the REST API under /api/v1, vendored assets under /static.

Routers are found, not listed: every module in ``web/pages`` and ``web/api`` that defines ``router`` is mounted,
so a new page is one new module.
"""
from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from urllib.parse import urlencode

from fastapi import FastAPI, HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from armsflow.analyze.dyads import load_rivals
from armsflow.analyze.shares import load_alignment
from armsflow.web.cache import RevisionCache
from armsflow.web.pagecache import PageCache
from armsflow.web.deps import LoginRequired, viewer
from armsflow.web.limits import BodyLimit, LoginThrottle
from armsflow.web.render import make_templates, page
from armsflow.web.security import SecurityHeaders
from armsflow.web.settings import Settings

HERE = Path(__file__).parent
API_PREFIX = "/api/v1"


def create_app(store, settings: Settings, catalog=None) -> FastAPI:
    from armsflow.catalog import load_catalog
    from armsflow.export.lookups import actor_names

    catalog = catalog or load_catalog()
    app = FastAPI(title="armsflow", version="1", summary="Arms-transfer records, claims and their evidence.",
                  # the docs page is web/api/docs.py: written from the spec, no CDN, no inline script
                  openapi_url=f"{API_PREFIX}/openapi.json", docs_url=None, redoc_url=None,
                  # nothing leaves the machine, and no per-request span bookkeeping
                  telemetry={"auto_configure": False, "tracing": False, "metrics": False, "logs": False,
                             "operation_spans": False})
    app.state.store = store
    app.state.settings = settings
    app.state.catalog = catalog
    app.state.names = actor_names(catalog)
    app.state.templates = make_templates(app.state.names)
    app.state.cache = RevisionCache(store)
    app.state.pages = PageCache()
    app.state.rivals = load_rivals()
    app.state.alignment = load_alignment(catalog=catalog)
    app.state.login_throttle = LoginThrottle(settings.login_limit, settings.login_address_limit,
                                             settings.login_window_seconds)

    app.add_middleware(HeadAsGet)
    app.add_middleware(SessionMiddleware, secret_key=settings.secret_key, session_cookie="armsflow_session",
                       max_age=settings.session_hours * 3600, same_site="lax", https_only=settings.secure_cookies)
    app.add_middleware(BodyLimit, max_bytes=settings.max_upload_bytes)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    for package in ("armsflow.web.pages", "armsflow.web.api"):
        pkg = importlib.import_module(package)
        for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
            module = importlib.import_module(f"{package}.{info.name}")
            router = getattr(module, "router", None)
            if router is not None:
                app.include_router(router, prefix=API_PREFIX if package.endswith(".api") else "")
    _errors(app)
    return app


class HeadAsGet:
    """HEAD is answered wherever GET is, with GET's status and headers and no body (FastAPI routes declare GET
    only). Pure ASGI: the app sees a GET; the body it sends is dropped, and a streamed body is told the client left
    so that it stops early."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "HEAD":
            return await self.app(scope, receive, send)
        started = finished = False

        async def head_receive():
            return {"type": "http.disconnect"} if started else await receive()

        async def head_send(message):
            nonlocal started, finished
            if message["type"] == "http.response.start":
                started = True
                await send(message)
            elif message["type"] == "http.response.body" and not message.get("more_body", False) and not finished:
                finished = True
                await send({"type": "http.response.body", "body": b"", "more_body": False})

        # a copy: the server keeps its own scope, which still says HEAD, so it sends no body either
        await self.app({**scope, "method": "GET"}, head_receive, head_send)
        if started and not finished:             # a stream that stopped when told the client had left
            await send({"type": "http.response.body", "body": b"", "more_body": False})


def _is_api(request: Request) -> bool:
    return request.url.path.startswith(API_PREFIX)


def _errors(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, _exc):
        if _is_api(request) or request.method != "GET":
            return JSONResponse({"detail": "sign in first (session or Bearer token)"}, status_code=401,
                                headers={"WWW-Authenticate": "Bearer"})
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?{urlencode({'next': here})}", status_code=303)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        if _is_api(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return _error_page(request, exc.status_code, exc.detail, exc.headers)

    from starlette.exceptions import HTTPException as StarletteHTTPException

    @app.exception_handler(StarletteHTTPException)
    async def starlette_error(request: Request, exc):
        return await http_error(request, HTTPException(exc.status_code, exc.detail, headers=exc.headers))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        if _is_api(request):
            return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
        return _error_page(request, 422, problems)


def _error_page(request: Request, status: int, detail, headers=None):
    """The HTML error page. It names who is reading, so it asks first: a bad token is then the answer (401), where
    asking while rendering would raise inside this handler and end in a 500."""
    try:
        viewer(request)
    except HTTPException as bad:
        status, detail, headers = bad.status_code, bad.detail, bad.headers
    response = page(request, "error.html", status_code=status, status=status, detail=detail)
    response.headers.update(headers or {})
    return response
