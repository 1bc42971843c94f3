"""``armsflow serve``: the web dashboard and REST API over a store, for one analyst or a team."""
from __future__ import annotations

from typing import List, Optional

import typer

from armsflow.cli import app, parse_limits
from armsflow.cli.store import DB_HELP, open_db
from armsflow.ingest.limits import UPLOAD


@app.command()
def serve(
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", help="Address to listen on (0.0.0.0 for every interface)."),
    port: int = typer.Option(8000, help="Port to listen on."),
    require_login: bool = typer.Option(False, "--require-login", help="Readers must sign in too."),
    secure_cookies: Optional[bool] = typer.Option(
        None, "--secure-cookies/--no-secure-cookies",
        help="Send the session cookie over HTTPS only (default: on unless listening on loopback)."),
    workers: int = typer.Option(1, "--workers", min=1, max=64,
                                help="Server processes sharing the port (one per core serves the most pages)."),
    limit: Optional[List[str]] = typer.Option(
        None, "--limit", metavar="NAME=VALUE",
        help="A budget for each uploaded document, as for `armsflow ingest --limit` (repeatable). Defaults: "
             + UPLOAD.describe() + "."),
    login_limit: int = typer.Option(10, "--login-limit", min=1,
                                    help="Sign-in attempts per account name in a window; the next one is refused "
                                         "(429) until the window ends."),
    login_address_limit: int = typer.Option(50, "--login-address-limit", min=1,
                                            help="Sign-in attempts per client address (IPv6: per /64) in a window."),
    login_window: int = typer.Option(900, "--login-window", min=1, metavar="SECONDS",
                                     help="The sign-in throttling window."),
) -> None:
    """Serve the dashboard and the REST API (/api/v1, OpenAPI spec at /api/v1/openapi.json)."""
    import os

    import uvicorn

    from armsflow.web.settings import Settings, is_loopback, secret_key

    upload_limits = parse_limits(limit, UPLOAD)
    store = open_db(db)
    secure = (not is_loopback(host)) if secure_cookies is None else secure_cookies
    settings = Settings(secret_key=secret_key(), require_login=require_login, secure_cookies=secure,
                        upload_limits=upload_limits, login_limit=login_limit,
                        login_address_limit=login_address_limit, login_window_seconds=login_window)
    url = store.engine.url.render_as_string(hide_password=True)
    typer.echo(f"armsflow serving {url} at http://{host}:{port}/{' (sign-in required)' if require_login else ''}"
               f"{f' with {workers} processes' if workers > 1 else ''}", err=True)
    if workers > 1:
        # each process imports armsflow.web.asgi, which reads its configuration from the environment
        store.engine.dispose()
        os.environ.update(ARMSFLOW_DB=store.engine.url.render_as_string(hide_password=False),
                          ARMSFLOW_SECRET=settings.secret_key,
                          ARMSFLOW_REQUIRE_LOGIN="1" if require_login else "0",
                          ARMSFLOW_INSECURE_COOKIES="0" if secure else "1",
                          ARMSFLOW_UPLOAD_LIMITS=",".join(limit or ()),
                          ARMSFLOW_LOGIN_LIMITS=f"{login_limit},{login_address_limit},{login_window}")
        uvicorn.run("armsflow.web.asgi:app", host=host, port=port, workers=workers, log_level="warning",
                    access_log=False)
        return
    from armsflow.web import create_app

    uvicorn.run(create_app(store, settings), host=host, port=port, log_level="warning", access_log=False)
