"""`armsflow monitor`: poll feeds, ingest, run the watches and deliver their digests (engine/monitor.py)."""
from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from armsflow.cli import _err, app, parse_limits
from armsflow.cli.store import DB_HELP, open_db
from armsflow.ingest.limits import HELP as LIMIT_HELP


class Notify(str, Enum):
    webhook = "webhook"
    email = "email"
    file = "file"


def _usage(message: str) -> typer.Exit:
    _err(message)
    return typer.Exit(2)


def _channels(notify, webhook_url, smtp_host, smtp_port, starttls, mail_from, mail_to, out) -> list:
    """The channels asked for: each --notify, else each channel whose target is given; usage errors exit 2."""
    from armsflow.engine.deliver import Email, File, Webhook

    wanted = list(dict.fromkeys(notify or []))
    if not wanted:
        wanted = [kind for kind, given in ((Notify.webhook, webhook_url), (Notify.email, mail_to),
                                           (Notify.file, out)) if given]
    if not wanted:
        raise _usage("nowhere to deliver: give --notify webhook (--webhook-url), email (--mail-to) or file (--out)")
    channels = []
    for kind in wanted:
        if kind is Notify.webhook:
            if not webhook_url or not webhook_url.lower().startswith(("http://", "https://")):
                raise _usage("--notify webhook needs --webhook-url http(s)://...")
            channels.append(Webhook(webhook_url))
        elif kind is Notify.email:
            if not mail_to or not mail_from:
                raise _usage("--notify email needs --mail-from and --mail-to")
            if not 0 < smtp_port < 65536:
                raise _usage(f"--smtp-port {smtp_port}: not a port number")
            channels.append(Email(smtp_host, smtp_port, mail_from, tuple(mail_to), starttls))
        else:
            if out is None:
                raise _usage("--notify file needs --out FILE")
            if out.is_dir() or not out.resolve().parent.is_dir():
                raise _usage(f"--out {out}: not a file in an existing folder")
            channels.append(File(out.resolve()))
    return channels


@app.command()
def monitor(
    sources: List[str] = typer.Argument(..., help="Feeds to poll: FEEDS.list lists, feed URLs or files."),
    every: Optional[str] = typer.Option(None, "--every", metavar="DURATION",
                                        help="Poll this often: 30s, 15m, 1h, 1h30m (default 15m)."),
    once: bool = typer.Option(False, "--once", help="One cycle, then exit (for cron and systemd timers)."),
    notify: Optional[List[Notify]] = typer.Option(None, "--notify",
                                                  help="Deliver to webhook, email or file (repeatable; default: each "
                                                       "channel whose target is given)."),
    webhook_url: Optional[str] = typer.Option(None, "--webhook-url", help="POST each digest here as JSON."),
    smtp_host: str = typer.Option("localhost", "--smtp-host", help="SMTP server for --notify email."),
    smtp_port: int = typer.Option(25, "--smtp-port", help="Its port."),
    starttls: bool = typer.Option(False, "--smtp-starttls",
                                  help="Upgrade the SMTP connection with STARTTLS (log in with ARMSFLOW_SMTP_USER "
                                       "and ARMSFLOW_SMTP_PASSWORD when set)."),
    mail_from: Optional[str] = typer.Option(None, "--mail-from", help="Sender address of the digests."),
    mail_to: Optional[List[str]] = typer.Option(None, "--mail-to", help="Recipient address (repeatable)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Append each match here as a JSON line."),
    watch: Optional[List[str]] = typer.Option(None, "--watch", help="Run only this watch (repeatable; default all)."),
    allow: Optional[List[str]] = typer.Option(None, "--allow", metavar="HOST:PORT",
                                              help="Fetch from this internal endpoint too (only public addresses "
                                                   "are fetched otherwise)."),
    fetch_timeout: float = typer.Option(60.0, "--fetch-timeout", metavar="SECONDS",
                                        help="Give up on a download after this long in all."),
    max_size: float = typer.Option(20.0, "--max-size", metavar="MB", help="Refuse downloads larger than this (MB)."),
    limit: Optional[List[str]] = typer.Option(None, "--limit", metavar="NAME=VALUE", help=LIMIT_HELP),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Poll feeds, ingest what is new, run the watches and deliver each new match once.

    The state is in the store: a restart loses no match and repeats none. Exit status (with --once): 0 done,
    1 a source could not be read or a digest not delivered (kept for the next run), 2 usage error or the store
    cannot be opened."""
    from armsflow.engine.monitor import EVERY_DEFAULT, Monitor, parse_every, run
    from armsflow.ingest.fetch import http_fetcher
    from armsflow.store.deliveries import other_channels
    from armsflow.store.watches import list_watches

    if once and every is not None:
        raise _usage("--once and --every: give one of them")
    try:
        period = None if once else parse_every(every or EVERY_DEFAULT)
    except ValueError as exc:
        raise _usage(f"--every {exc}") from None
    if not 0 < fetch_timeout < float("inf"):
        raise _usage(f"--fetch-timeout {fetch_timeout:g}: must be a positive number of seconds")
    channels = _channels(notify, webhook_url, smtp_host, smtp_port, starttls, mail_from, mail_to, out)
    limits = parse_limits(limit)
    store = open_db(db)
    names = {w.name for w in list_watches(store)}
    unknown = sorted(set(watch or []) - names)
    if unknown:
        raise _usage("no watch named " + ", ".join(map(repr, unknown)))
    if not names:
        _err("no watches yet: the feeds are ingested, nothing is delivered (save one with `armsflow watch add`)")
    for channel, n in other_channels(store, [c.name for c in channels]).items():
        _err(f"{n} matches wait for {channel}, which this run does not deliver to")
    max_bytes = int(max_size * 2**20)
    fetch = http_fetcher(timeout=fetch_timeout, max_bytes=max_bytes, allow=allow or ())
    mon = Monitor(store, sources, channels, fetch, watch, limits=limits, max_bytes=max_bytes, on_error=_err)

    def show(report) -> None:
        stamp = "" if once else f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M:%S}Z "
        if report.stopped is not None:
            _err(report.line())
        else:
            typer.echo(stamp + report.line())

    try:
        report = run(mon, period, show)
    except KeyboardInterrupt:
        _err("monitor stopped")
        raise typer.Exit(130) from None
    if not report.ok:
        raise typer.Exit(1)
