"""`armsflow watch`: saved alerts over newly ingested claims (add, list, remove, run)."""
from __future__ import annotations

import getpass
import os
import sys
from enum import Enum
from typing import List, Optional

import typer

from armsflow.cli import _err, app
from armsflow.cli import filters as F
from armsflow.cli.output import Format, FormatOption, Writer, chosen, emit
from armsflow.cli.store import DB_HELP, open_db

watch_app = typer.Typer(help="Saved watches: alerts on the claims ingested since the last run.", no_args_is_help=True)
app.add_typer(watch_app, name="watch")


class Kind(str, Enum):
    claims = "claims"
    new_entrant = "new-entrant"


class Side(str, Enum):
    either = "either"
    recipient = "recipient"
    supplier = "supplier"


class Scope(str, Enum):
    recipient = "recipient"
    region = "region"


class RunFormat(str, Enum):
    """A run's report: the digest (for a person, and for the mail cron sends, so the default everywhere), or the
    matches in the listing formats (cli/output.py); table, the human form of the other verbs, is the digest."""
    digest = "digest"
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def _region_slug(region: Optional[str]) -> Optional[str]:
    """The slug of a region or bloc named by slug, name or alias (as `transfers --region` takes them)."""
    if not region:
        return None
    from armsflow.catalog import load_catalog

    want = region.lower().replace(" ", "-")
    for g in load_catalog().groups.values():
        if want in (g.slug, g.name.lower().replace(" ", "-")) or region.lower() in (a.lower() for a in g.aliases):
            return g.slug
    _err(f"--region {region!r}: unknown region or bloc (see src/armsflow/catalog/data/regions.yaml, blocs.yaml)")
    raise typer.Exit(2)


def _default_user() -> Optional[str]:
    try:
        return getpass.getuser()
    except Exception:          # no login name (a container without a passwd entry)
        return None


@watch_app.command("add")
def watch_add(
    name: str = typer.Argument(..., help="A name for the watch (unique in the store)."),
    kind: Kind = typer.Option(Kind.claims, "--kind", help="claims: every new claim that matches; new-entrant: a "
                                                          "supplier's first claim in a recipient or region."),
    supplier: F.Supplier = None, recipient: F.Recipient = None, region: F.Region = None,
    region_side: Side = typer.Option(Side.either, "--region-side",
                                     help="claims watches: the region holds the recipient, the supplier, or either."),
    category: F.Category = None,
    system: Optional[str] = typer.Option(None, help="A system family: variants and aliases match (T-72 → T-72B3)."),
    status: F.Status = None,
    min_sources: int = typer.Option(0, "--min-sources", help="Only claims whose record has at least this many "
                                                             "independent sources (claims watches)."),
    exclude_hedged: bool = typer.Option(False, "--exclude-hedged", help="Leave out hedged claims."),
    include_rejected: bool = typer.Option(False, "--include-rejected",
                                          help="Also claims an analyst has rejected."),
    exclude_echoes: bool = typer.Option(False, "--exclude-echoes",
                                        help="Leave out claims of documents that copy or echo an earlier one."),
    include_reextracted: bool = typer.Option(False, "--include-reextracted",
                                             help="Also claims re-extracted from documents seen by an earlier run."),
    scope: Scope = typer.Option(Scope.recipient, "--scope",
                                help="new-entrant: first in each recipient, or first anywhere in the --region."),
    backfill: bool = typer.Option(False, "--backfill",
                                  help="The first run reports every stored claim, not only those ingested from now."),
    user: Optional[str] = typer.Option(None, "--user", help="Who saves the watch (default: the login name)."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Save a watch. Its first run reports the claims ingested after now (or all of them with --backfill).

    Exit status: 0 saved, 1 a watch of that name exists, 2 usage error or the store cannot be opened."""
    from armsflow.store.watches import WatchError, WatchExists, add_watch
    from armsflow.watch.match import Criteria

    c = Criteria(supplier=F.actor(supplier, "--supplier"), recipient=F.actor(recipient, "--recipient"),
                 region=_region_slug(region), region_side=region_side.value, category=F.known_category(category),
                 system=system, status=F.known_status(status),
                 min_sources=min_sources, include_hedged=not exclude_hedged, include_rejected=include_rejected,
                 include_echoes=not exclude_echoes, include_reextracted=include_reextracted, scope=scope.value)
    problems = c.problems(kind.value)
    if problems:
        for p in problems:
            _err(p)
        raise typer.Exit(2)
    store = open_db(db)
    try:
        w = add_watch(store, name, kind.value, c, created_by=user or _default_user(), backfill=backfill)
    except WatchExists as exc:
        _err(str(exc))
        raise typer.Exit(1) from None
    except WatchError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    since = "every stored claim" if backfill else f"claims ingested from now on (after claim {w.last_claim_id})"
    typer.echo(f"watch {w.name} saved ({w.kind}: {w.description}); its first run reports {since}")


@watch_app.command("list")
def watch_list(
    fmt: FormatOption = None,
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """The saved watches: what each looks for, who saved it, when it last ran and how far it has read."""
    from armsflow.store.watches import list_watches

    fmt = chosen(fmt)
    watches = list_watches(open_db(db))
    if not watches and fmt is Format.table:
        typer.echo("no watches; save one with `armsflow watch add NAME ...`")
        return
    emit([w.to_json() for w in watches], ["name", "kind", "description", "created_at", "created_by", "last_run_at",
                                          "last_claim_id"], fmt, title=f"{len(watches)} watches")


@watch_app.command("remove")
def watch_remove(
    name: str = typer.Argument(..., help="The watch to delete."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Delete a watch. Exit status: 0 removed, 1 no such watch."""
    from armsflow.store.watches import NoSuchWatch, remove_watch

    try:
        remove_watch(open_db(db), name)
    except NoSuchWatch as exc:
        _err(str(exc))
        raise typer.Exit(1) from None
    typer.echo(f"watch {name} removed")


@watch_app.command("run")
def watch_run(
    names: Optional[List[str]] = typer.Argument(None, help="Watches to run (default: all)."),
    fmt: RunFormat = typer.Option(RunFormat.digest, "--format",
                                  help="digest (readable text, also called table; the default, on a terminal or "
                                       "not), or the matches as json (one array), jsonl (one object per line) or csv."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Report, but do not mark the claims as seen."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Report the matches among the claims ingested since each watch's last run, then mark them as seen.

    The claims are marked as seen only after the report is written: if the run is interrupted, the next run
    reports them again. Exit status: 0 run (with or without matches), 1 no such watch or the report could not be
    written, 2 the store cannot be opened."""
    from sqlalchemy.exc import SQLAlchemyError

    from armsflow.store import StoreError
    from armsflow.cli.progress import progress_bar
    from armsflow.engine.watches import fuse_if_needed, run_watches
    from armsflow.store.watches import NoSuchWatch, WatchError, list_watches

    store = open_db(db)
    if not names and not list_watches(store):
        typer.echo("no watches; save one with `armsflow watch add NAME ...`")
        return
    def deliver(runs) -> None:
        if fmt not in (RunFormat.digest, RunFormat.table):
            # the Writer itself, not emit: a closed pipe must reach the handler below (nothing marked as seen)
            out = Writer(Format(fmt.value), ["watch", "kind", "doc", "published"])
            out.write([m.to_json() for r in runs for m in r.matches])
            out.close()
            if not any(r.matches for r in runs):
                _err("no new matches")
            return
        text_ = _digest(runs, dry_run)
        out = getattr(sys.stdout, "buffer", None)
        if out is not None:
            sys.stdout.flush()
            out.write(text_.encode("utf-8", "replace"))
            out.flush()
        else:
            sys.stdout.write(text_)
            sys.stdout.flush()

    try:
        with progress_bar() as bar:     # silent off a terminal: cron's mail gets the report only
            warning = fuse_if_needed(store, names, progress=bar)
        if warning:
            _err(f"warning: {warning}")
        run_watches(store, names or None, advance=not dry_run, deliver=deliver)
    except NoSuchWatch as exc:
        _err(str(exc))
        raise typer.Exit(1) from None
    except WatchError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    except BrokenPipeError:
        _silence()
        _err("the report was not read to the end; nothing was marked as seen")
        raise typer.Exit(1) from None
    except OSError as exc:
        _err(f"cannot write the report ({exc.strerror or exc}); nothing was marked as seen")
        raise typer.Exit(1) from None
    except (StoreError, SQLAlchemyError) as exc:
        _err(" ".join(str(getattr(exc, "orig", None) or exc).split()) + "; nothing was marked as seen")
        raise typer.Exit(2) from None


def _silence() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass




def _party(code, name) -> str:
    if code is None:
        return "(unnamed)"
    return f"{name} ({code})" if name and name != code else code


def _digest(runs, dry_run: bool) -> str:
    """Readable text: each watch with its count, then each match with the claim, the quoted evidence and the
    document it came from."""
    lines = []
    total = sum(len(r.matches) for r in runs)
    for r in runs:
        w = r.watch
        span = (f"{r.claims} new claim{'s' if r.claims != 1 else ''} read, ids {r.after + 1}-{r.through}"
                if r.claims else "no new claims")
        count = f"{len(r.matches)} new match{'es' if len(r.matches) != 1 else ''}" if r.matches else "no new matches"
        lines.append(f"== {w.name} ({w.kind}: {w.description}): {count} ({span})")
        for m in r.matches:
            what = m.system or m.category
            if m.system:
                what += f" ({m.category})"
            if m.quantity:
                what = f"{m.quantity} x {what}"
            facts = [m.status] + ([str(m.year)] if m.year else []) + (["hedged"] if m.hedged else [])
            if m.review != "extracted":
                facts.append(m.review)
            if m.record_sources is not None:
                facts.append(f"{m.record_sources} sources")
            head = f"new entrant in {m.scope}: " if m.kind == "new-entrant" else ""
            lines.append(f"  [claim {m.claim_id}] {head}{_party(m.supplier, m.supplier_name)} -> "
                         f"{_party(m.recipient, m.recipient_name)}: {what}, {', '.join(facts)}")
            lines.append(f"      \u201c{' '.join(m.evidence.split())}\u201d")
            source = ", ".join(x for x in (m.publisher or "unknown publisher",
                                           m.published.isoformat() if m.published else "undated") if x)
            notes = []
            if m.echo_of:
                notes.append(f"repeats {m.echo_of}")
            if m.reextracted:
                notes.append("re-extracted")
            if m.later_claims:
                notes.append(f"also in claims {', '.join(map(str, m.later_claims))}")
            lines.append(f"      {m.doc} ({source}){'; ' + '; '.join(notes) if notes else ''}"
                         + (f" <{m.url}>" if m.url else ""))
        lines.append("")
    if not total:
        lines.append("no new matches")
    else:
        lines.append(f"{total} new match{'es' if total != 1 else ''} in {sum(1 for r in runs if r.matches)} of "
                     f"{len(runs)} watch{'es' if len(runs) != 1 else ''}")
    lines.append("dry run: nothing marked as seen" if dry_run else "marked as seen")
    return "\n".join(lines) + "\n"
