"""``armsflow demo``: a store from the bundled sample articles, a briefing, and the dashboard over them."""
from __future__ import annotations

import socket
from pathlib import Path

import typer

from armsflow.cli import _err, _one_line, app

# what to open first, after the overview: (path, what it shows)
FIRST_LOOKS = [
    ("/records?region=europe&sort=sources", "records fused from several reports, with a status timeline each"),
    ("/documents?echo=echoes", "a syndicated copy, linked to the article it repeats (one source, not two)"),
    ("/states/POL", "one state: its suppliers, deals and the evidence behind them"),
    ("/briefing?region=europe&since=2015&until=2024", "the briefing written above, as a page"),
    ("/api/v1/docs", "the REST API over the same store"),
]


@app.command()
def demo(
    directory: Path = typer.Option(Path("armsflow-demo"), "--dir",
                                   help="Folder for the demo store and briefing (made if missing; a re-run reuses it)."),
    port: int = typer.Option(8000, "--port", help="Loopback port for the dashboard (0: any free port)."),
    serve: bool = typer.Option(True, "--serve/--no-serve",
                               help="Start the dashboard after writing (--no-serve: stop after writing)."),
) -> None:
    """Build a store from the bundled sample articles, write a briefing (HTML, PDF), serve the dashboard.

    Exit status: 0 done (or the dashboard stopped with Ctrl-C), 1 a sample could not be stored, 2 bad arguments,
    an unusable folder or a busy port."""
    from armsflow.engine.demo import build_demo
    from armsflow.store import StoreError

    if not 0 <= port <= 65535:
        _err(f"--port {port}: give a port from 1 to 65535, or 0 for any free one")
        raise typer.Exit(2)
    sock = _listen(port) if serve else None
    typer.echo(f"building the demo store in {directory} from the sample articles ...", err=True)
    try:
        result = build_demo(directory, on_error=_err)
    except (OSError, StoreError) as exc:
        _err(_one_line(f"--dir {directory}: {exc}"))
        raise typer.Exit(2) from None
    typer.echo(result.summary.line())
    typer.echo(f"store: {result.db}")
    for path in result.briefings:
        typer.echo(f"wrote {path}")
    if result.summary.failed:
        raise typer.Exit(1)
    if sock is None:
        typer.echo(f"serve it with: armsflow serve --db {result.db}")
        return
    _serve(result.store, sock)


def _listen(port: int) -> socket.socket:
    """The dashboard's loopback socket, bound before the build so that a busy port fails at once."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(("127.0.0.1", port))
    except OSError as exc:
        sock.close()
        _err(f"--port {port}: cannot listen on 127.0.0.1 ({exc.strerror or exc}); try --port 0 for any free port")
        raise typer.Exit(2) from None
    sock.listen(128)
    return sock


def _serve(store, sock: socket.socket) -> None:
    """The dashboard, read-only for anyone on this machine (no users: the demo has nothing to sign in to)."""
    import secrets

    import uvicorn

    from armsflow.web import create_app
    from armsflow.web.settings import Settings

    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    typer.echo(f"\ndashboard: {url}/   (Ctrl-C stops it)")
    typer.echo(f"  {url}/  the overview: who supplies whom, the latest claims, new entrants")
    for path, what in FIRST_LOOKS:
        typer.echo(f"  {url}{path}  {what}")
    settings = Settings(secret_key=secrets.token_urlsafe(32), secure_cookies=False)
    server = uvicorn.Server(uvicorn.Config(create_app(store, settings), log_level="warning", access_log=False))
    server.run(sockets=[sock])
