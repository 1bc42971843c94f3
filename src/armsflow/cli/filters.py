"""The record filters that `transfers`, `export` and `diff-register` share, declared once, and the checks of
analyze/arguments.py turned into usage errors (one line, exit status 2) for every verb."""
from __future__ import annotations

from typing import Annotated, Optional

import typer

from armsflow.cli import _err

Supplier = Annotated[Optional[str], typer.Option(help="Supplier code (RUS) or slug (wagner).")]
Recipient = Annotated[Optional[str], typer.Option(help="Recipient code or slug.")]
Region = Annotated[Optional[str], typer.Option(help="Region or bloc slug (western-balkans, nato).")]
Category = Annotated[Optional[str], typer.Option(help="uav, tank, air_defence, ...")]
Since = Annotated[Optional[str], typer.Option(help="Year (or date): records whose period reaches it.")]
Until = Annotated[Optional[str], typer.Option(help="Year (or date): records whose period starts by then.")]
Status = Annotated[Optional[str], typer.Option(help="interest, negotiating, ordered, delivered, cancelled.")]
Source = Annotated[str, typer.Option(help="news, sipri or all.")]
MinSources = Annotated[int, typer.Option("--min-sources", help="At least this many independent sources.")]


def checked(check, *args, **kw):
    """``check`` (a function of analyze/arguments.py) applied; a refusal is one line naming the argument and the
    problem, and exit status 2 (a usage error)."""
    from armsflow.analyze.arguments import ArgumentError

    try:
        return check(*args, **kw)
    except ArgumentError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None


def _A():
    from armsflow.analyze import arguments
    return arguments


def year(value: Optional[str], option: str) -> Optional[int]:
    """The year of a year or date argument."""
    return checked(_A().year, value, option)


def period(since: Optional[str], until: Optional[str], since_option: str = "--since",
           until_option: str = "--until") -> tuple[Optional[int], Optional[int]]:
    """The years of --since/--until; a period that ends before it starts is refused."""
    return checked(_A().period, since, until, since_option, until_option)


def actor(value: Optional[str], option: str, states_only: bool = False) -> Optional[str]:
    """The catalogue code of a state or actor ("srb", "Serbia" → SRB; "wagner"); unknown ones are refused."""
    return checked(_A().actor, value, option, states_only=states_only)


def region(value: Optional[str], option: str = "--region") -> tuple[Optional[str], Optional[frozenset[str]]]:
    """(label, members) of a region, bloc or state; unknown ones are refused."""
    return checked(_A().region, value, option)


def members(value: Optional[str], option: str = "--region") -> Optional[set[str]]:
    """The member codes of a region or bloc named by slug, name or alias (or of one state)."""
    _, found = region(value, option)
    return set(found) if found is not None else None


def pair(value: Optional[str], option: str = "--pair") -> Optional[tuple[str, str]]:
    return checked(_A().pair, value, option)


def known_category(value: Optional[str], option: str = "--category") -> Optional[str]:
    return checked(_A().category, value, option)


def known_status(value: Optional[str], option: str = "--status") -> Optional[str]:
    return checked(_A().status, value, option)


def record_filter(supplier=None, recipient=None, region=None, category=None, since=None, until=None, status=None,
                  source="all", min_sources=0):
    """The filter of `transfers` and `export`, every argument checked first (analyze/arguments.py)."""
    from armsflow.store.queries import RecordFilter

    lo, hi = period(since, until)
    if min_sources < 0:
        _err(f"--min-sources {min_sources}: must be 0 or more")
        raise typer.Exit(2)
    return RecordFilter(supplier=actor(supplier, "--supplier"), recipient=actor(recipient, "--recipient"),
                        members=members(region), category=known_category(category), since=lo, until=hi,
                        status=known_status(status), source=None if source == "all" else source,
                        min_sources=min_sources)
