"""The ``armsflow`` command: each verb is a thin shell over the pipeline stages."""
from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

app = typer.Typer(help="Arms-transfer intelligence from open sources.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)
catalog_app = typer.Typer(help="Inspect, check and enrich the reference catalogue.", no_args_is_help=True)
app.add_typer(catalog_app, name="catalog")


from armsflow.ingest.limits import HELP as _LIMIT_HELP  # noqa: E402  (light: no parser is imported)
from armsflow.cli.output import Format, FormatOption, Writer, chosen  # noqa: E402
from armsflow.cli.progress import Quiet, progress_bar  # noqa: E402


def _err(message: str) -> None:
    # one printable line: a file name's undecodable bytes and any control character (an escape sequence in a file
    # name or a feed link would retitle the terminal or forge a line) are shown as \x escapes
    from armsflow.ingest.text import printable

    typer.echo(f"armsflow: {printable(message)}", err=True)


def parse_limits(specs, base=None):
    """``--limit NAME=VALUE`` options -> ingest.limits.Limits; a bad one is a usage error (exit 2)."""
    from armsflow.ingest.limits import DEFAULT

    try:
        return (base or DEFAULT).with_(specs)
    except ValueError as exc:
        _err(f"--limit {exc}")
        raise typer.Exit(2)


@app.command()
def extract(
    paths: List[Path] = typer.Argument(..., help="Files (text, Markdown, HTML, PDF or feeds, told by their "
                                                   "content), FILE.list lists, or folders searched recursively for "
                                                   ".txt/.md/.markdown/.text files (hidden ones skipped)."),
    published: Optional[str] = typer.Option(None, help="Publication date YYYY-MM-DD for files without one."),
    fmt: FormatOption = None,
    max_size: float = typer.Option(20.0, "--max-size", metavar="MB", help="Refuse files larger than this (MB)."),
    limit: Optional[List[str]] = typer.Option(None, "--limit", metavar="NAME=VALUE", help=_LIMIT_HELP),
    workers: Optional[int] = typer.Option(None, "--workers", metavar="N",
                                          help="Processes that parse a long document's sentences (1: all in this "
                                               "one; default: the cores the machine has to spare, at most 4)."),
    quiet: Quiet = False,
) -> None:
    """Extract arms-transfer claims: a table on a terminal, else one JSON object per claim and line (--format).

    A bad file (missing, empty, binary, too large, not a regular file, over a --limit) gets one stderr line, then
    the rest go on.

    Exit status: 0 every file read, 1 some file failed, 2 usage error, 130 interrupted.
    """
    default_date = None
    if published:
        try:
            default_date = dt.date.fromisoformat(published)
        except ValueError:
            _err(f"--published {published!r}: not a date in YYYY-MM-DD form")
            raise typer.Exit(2)
    if not 0 < max_size < float("inf"):          # also false for NaN
        _err(f"--max-size {max_size:g}: must be a positive number of megabytes")
        raise typer.Exit(2)
    if workers is not None and not 1 <= workers <= 64:
        _err(f"--workers {workers}: must be between 1 and 64")
        raise typer.Exit(2)
    run = _ExtractRun(chosen(fmt), default_date, int(max_size * 2**20), parse_limits(limit), workers)
    try:
        with progress_bar(quiet) as bar:           # on stderr: stdout carries the claims only
            run.bar = bar
            run.start()
            run.process(paths)
        run.bar = None
        run.finish()
    except KeyboardInterrupt:
        _silence_stdout()
        _err("interrupted")
        raise typer.Exit(130)
    except BrokenPipeError:
        # the reader went away (`armsflow extract ... | head`): stop quietly, nothing more is wanted
        _silence_stdout()
        raise typer.Exit(1 if run.failed else 0)
    except _StartError as exc:
        _err(f"cannot start the extractor: {exc}")
        raise typer.Exit(2)
    except _OutputError as exc:      # stdout itself failed: disk full, closed descriptor, ...
        _silence_stdout()
        _err(f"cannot write the output: {exc}")
        raise typer.Exit(1)
    except Exception as exc:         # a bug: one line, not a traceback, unless asked for
        if os.environ.get("ARMSFLOW_DEBUG"):
            raise
        _err(_one_line(f"internal error ({type(exc).__name__}: {exc}); set ARMSFLOW_DEBUG=1 for the traceback"))
        raise typer.Exit(1)
    if run.failed:
        raise typer.Exit(1)


class _StartError(Exception):
    pass


class _OutputError(Exception):
    pass


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that the interpreter's last flush raises nothing."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


class _ExtractRun:
    """One `armsflow extract`: files are read and their claims written one document at a time."""

    def __init__(self, fmt: Format, default_date, max_bytes: int, limits=None, workers: int | None = None):
        from armsflow.ingest.limits import DEFAULT

        # rows are written a document at a time (a table gathers them all first)
        self.out = Writer(fmt, list(CLAIM_COLUMNS), title="transfer claims")
        self.default_date = default_date
        self.max_bytes = max_bytes
        self.limits = limits or DEFAULT
        self.workers = workers           # None: the cores the machine has to spare
        self.failed = 0
        self.extractor = None
        self.bar = None                  # cli/progress.py, while documents are read
        self.read = 0

    def start(self) -> None:
        if self.bar:
            self.bar("loading the extractor", 0)
        try:
            from armsflow.extract.parallel import spare_cores
            from armsflow.extract.pipeline import Extractor
            # a long document's sentences are parsed on the cores the machine has to spare (extract/parallel.py)
            workers = self.workers if self.workers is not None else min(4, spare_cores())
            self.extractor = Extractor(time_limit=self.limits.seconds, parse_workers=workers)
        except (KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:  # a broken catalogue or model install is reported, not dumped
            if os.environ.get("ARMSFLOW_DEBUG"):
                raise
            raise _StartError(_one_line(f"{type(exc).__name__}: {exc}")) from None

    def fail(self, path, problem: str) -> None:
        self.failed += 1
        (self.bar.note if self.bar else _err)(f"{path}: {problem}")

    def process(self, paths) -> None:
        """The files through the readers of ``armsflow ingest`` (sources.py: PDF, HTML and feeds parsed in a worker
        process under the limits); folders are searched for text files only, as documented."""
        from dataclasses import replace

        from armsflow.extract.pipeline import ExtractionTimeout
        from armsflow.ingest.sources import iter_documents
        from armsflow.ingest.text import TEXT_SUFFIXES, IngestError
        from armsflow.pausepoints import pause

        for doc in iter_documents(paths, max_bytes=self.max_bytes, limits=self.limits,
                                  folder_suffixes=TEXT_SUFFIXES):
            pause("extract.file")
            self.read += 1
            if self.bar:
                self.bar("extracting: documents read", self.read)
            if isinstance(doc, IngestError):
                self.fail(doc.path, doc.problem)
                continue
            if doc.published is None and self.default_date is not None:
                doc = replace(doc, published=self.default_date)
            where = doc.path or doc.url or doc.id
            try:
                claims = self.extractor.extract(doc)
            except (KeyboardInterrupt, SystemExit, MemoryError):
                raise
            except ExtractionTimeout as exc:
                self.fail(where, str(exc))
                continue
            except Exception as exc:     # a bug on one document must not cost the others
                if os.environ.get("ARMSFLOW_DEBUG"):
                    raise
                self.fail(where, _one_line(f"extraction failed ({type(exc).__name__}: {exc}); "
                                           f"set ARMSFLOW_DEBUG=1 for the traceback"))
                continue
            self.emit(claims)

    def emit(self, claims) -> None:
        """Write one document's claims and flush them: nothing piles up between documents."""
        with _writing():
            self.out.write([c.to_json() for c in claims])

    def finish(self) -> None:
        with _writing():
            self.out.title = f"{len(self.out.rows)} transfer claims"
            self.out.close()
            sys.stdout.flush()


CLAIM_COLUMNS = ("doc", "supplier", "recipient", "system", "category", "quantity", "status", "year", "hedged")


class _writing:
    """Turn a failed write to stdout into _OutputError; a closed pipe stays a BrokenPipeError."""

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        if exc is not None and isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError):
            raise _OutputError(exc.strerror or str(exc)) from None
        return False


@catalog_app.command("validate")
def catalog_validate() -> None:
    """Check the catalogue files; exit 1 listing every problem."""
    from armsflow.catalog import CatalogError, load_catalog, validate

    try:
        cat = load_catalog()
    except CatalogError as exc:
        _err(str(exc))
        raise typer.Exit(1)
    problems = validate(cat)
    for p in problems:
        typer.echo(p)
    typer.echo(f"{len(cat.states)} states, {len(cat.nonstate)} non-state actors, {len(cat.firms)} firms, "
               f"{len(cat.systems)} systems, {len(cat.equipment)} equipment nouns, {len(cat.groups)} groups; "
               f"{len(problems)} problems")
    if problems:
        raise typer.Exit(1)


@catalog_app.command("import-sipri")
def catalog_import_sipri(
    file: Path = typer.Argument(..., help="A SIPRI trade-register CSV export (either layout)."),
) -> None:
    """Learn weapon designations from a SIPRI trade-register export into the user catalogue."""
    from armsflow.catalog.sipri import import_sipri
    from armsflow.catalog.loader import user_dir
    from armsflow.ingest.sipri import RegisterError

    try:
        report = import_sipri(file, user_dir())
    except RegisterError as exc:
        _err(str(exc))
        raise typer.Exit(1)
    typer.echo(report.summary())


def main() -> None:  # pragma: no cover
    app()


# verbs over the knowledge store; registered here so `armsflow.cli:app` carries them
from armsflow.cli import store as _store_verbs  # noqa: E402,F401
from armsflow.cli import export as _export_verbs  # noqa: E402,F401
from armsflow.cli import registers as _register_verbs  # noqa: E402,F401
from armsflow.cli import corpus as _corpus_verbs  # noqa: E402,F401
from armsflow.cli import analyze as _analyze_verbs  # noqa: E402,F401
from armsflow.cli import watch as _watch_verbs  # noqa: E402,F401
from armsflow.cli import monitor as _monitor_verbs  # noqa: E402,F401
from armsflow.cli import components as _component_verbs  # noqa: E402,F401
from armsflow.cli import brief as _brief_verbs  # noqa: E402,F401
from armsflow.cli import review as _review_verbs  # noqa: E402,F401
from armsflow.cli import users as _user_verbs  # noqa: E402,F401
from armsflow.cli import serve as _serve_verbs  # noqa: E402,F401
from armsflow.cli import demo as _demo_verbs  # noqa: E402,F401
