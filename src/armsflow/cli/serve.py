"""``armsflow serve``: the web dashboard and REST API over a store, for one analyst or a team."""
from __future__ import annotations

from typing import Optional

import typer

from armsflow.cli import app
from armsflow.cli.store import DB_HELP, open_db


@app.command()
def serve(
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", help="Address to listen on (0.0.0.0 for every interface)."),
    port: int = typer.Option(8000, help="Port to listen on."),
    require_login: bool = typer.Option(False, "--require-login", help="Readers must sign in too."),
    secure_cookies: Optional[bool] = typer.Option(
        None, "--secure-cookies/--no-secure-cookies",
        help="Send the session cookie over HTTPS only (default: on unless listening on loopback)."),
) -> None:
    """Serve the dashboard and the REST API (/api/v1, OpenAPI spec at /api/v1/openapi.json)."""
    import uvicorn

    from armsflow.web.settings import Settings, is_loopback, secret_key

    store = open_db(db)
    secure = (not is_loopback(host)) if secure_cookies is None else secure_cookies
    settings = Settings(secret_key=secret_key(), require_login=require_login, secure_cookies=secure)
    from armsflow.web import create_app

    typer.echo(f"armsflow serving {store.engine.url.render_as_string(hide_password=True)} at http://{host}:{port}/"
               f"{' (sign-in required)' if require_login else ''}", err=True)
    uvicorn.run(create_app(store, settings), host=host, port=port, log_level="warning", access_log=False)
