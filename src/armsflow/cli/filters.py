"""The record filters that `transfers`, `export` and `diff-register` share, declared once."""
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


def year(value: Optional[str], option: str) -> Optional[int]:
    if value is None:
        return None
    head = value.strip()[:4]
    if not head.isdigit():
        _err(f"{option} {value!r}: give a year (2015) or a date (2015-06-01)")
        raise typer.Exit(2)
    return int(head)


def members(region: Optional[str]) -> Optional[set[str]]:
    """The member codes of a region or bloc named by slug, name or alias."""
    if not region:
        return None
    from armsflow.catalog import load_catalog

    cat = load_catalog()
    want = region.lower().replace(" ", "-")
    for g in cat.groups.values():
        if want in (g.slug, g.name.lower().replace(" ", "-")) or region.lower() in (a.lower() for a in g.aliases):
            return set(g.members)
    _err(f"--region {region!r}: unknown region or bloc (see src/armsflow/catalog/data/regions.yaml, blocs.yaml)")
    raise typer.Exit(2)


def code(value: Optional[str]) -> Optional[str]:
    """ISO codes in capitals ("srb" → SRB); non-state slugs as given."""
    return value.upper() if value and len(value) == 3 and value.isalpha() else value


def record_filter(supplier=None, recipient=None, region=None, category=None, since=None, until=None, status=None,
                  source="all", min_sources=0):
    from armsflow.store.queries import RecordFilter

    return RecordFilter(supplier=code(supplier), recipient=code(recipient), members=members(region),
                        category=category, since=year(since, "--since"), until=year(until, "--until"),
                        status=status, source=None if source == "all" else source, min_sources=min_sources)
