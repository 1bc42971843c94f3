"""``armsflow brief``: the briefing an analyst would otherwise write by hand, as Markdown, HTML or PDF."""
from __future__ import annotations

from typing import List, Optional

import typer

from armsflow.cli import _err, app
from armsflow.cli import filters as F
from armsflow.cli.progress import Quiet, progress_bar
from armsflow.cli.store import DB_HELP, open_db


@app.command()
def brief(
    region: str = typer.Option(..., help="Region or bloc slug (western-balkans), or a state code."),
    since: F.Since = None, until: F.Until = None,
    out: List[str] = typer.Option(..., "--out", help="brief.md, brief.html or brief.pdf (repeatable)."),
    min_sources: F.MinSources = 0,
    exclude_hedged: bool = typer.Option(False, "--exclude-hedged", help="Leave out hedged reports."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
    quiet: Quiet = False,
) -> None:
    """Key findings with footnoted evidence, tables and charts for a region and period."""
    from armsflow.report import write_briefing
    from armsflow.report.build import build_briefing

    label, _ = F.region(region)
    lo, hi = F.period(since, until)
    if min_sources < 0:
        _err(f"--min-sources {min_sources}: must be 0 or more")
        raise typer.Exit(2)
    store = open_db(db)
    written = []
    with progress_bar(quiet) as bar:
        briefing = build_briefing(store, label, lo, hi, min_sources, exclude_hedged, progress=bar)
        for i, path in enumerate(out):
            bar(f"briefing: writing {path}", i, len(out))
            try:
                written.append(write_briefing(briefing, path))
            except (OSError, ValueError) as exc:
                failed = f"{path}: {exc}"
                break
        else:
            failed = None
    for path in written:
        typer.echo(f"wrote {path}")
    if failed:
        _err(failed)
        raise typer.Exit(1)
