"""``armsflow corpus generate``: large corpora of real text for benchmarks and tests (engine/corpus.py)."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from armsflow.cli import _err, app

corpus_app = typer.Typer(help="Make corpora for benchmarks and tests.", no_args_is_help=True)
app.add_typer(corpus_app, name="corpus")


@corpus_app.command("generate")
def generate(
    out: Path = typer.Option(..., "--out", help="Folder to write (keep it outside the repository)."),
    docs: int = typer.Option(..., "--docs", min=1, help="How many documents."),
    seed: int = typer.Option(0, "--seed", help="Random seed: the same sources and seed give the same files."),
    source: Optional[List[Path]] = typer.Option(None, "--source", help="A folder of text or Markdown files, or a "
                                                "SIPRI trade-register .csv (repeatable; default: ../shared)."),
) -> None:
    """Write DOCS Markdown documents made of real sentences, most reporting no transfer, into OUT.

    The text comes from the sources (news articles, any English text, SIPRI register deals): third-party text,
    so the corpus must not be committed. Exit status: 0 written, 2 bad sources or output."""
    from armsflow.engine.corpus import generate as run

    if out.exists() and any(out.iterdir()):
        _err(f"{out}: exists and is not empty")
        raise typer.Exit(2)
    try:
        info = run(out, docs, seed, source or None)
    except (ValueError, OSError) as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    kinds = info["kinds"]
    typer.echo(f"{docs} documents in {out}: {kinds['plain']} plain, {kinds['transfer']} with transfer sentences, "
               f"{kinds['reprint']} reprints; from {info['pool']['files']} text files and "
               f"{info['pool']['register_deals']} register deals")
