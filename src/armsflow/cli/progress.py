"""The progress bar of the long verbs (ingest, extract, import-register, brief, review and record changes that fuse
again): one rich bar on stderr, fed by the Progress callback of armsflow/progress.py. It stays silent with
--quiet and when stderr is not a terminal, so pipes, files and cron mail get no escape codes; stdout carries only
the verb's output either way."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Annotated, Iterator, Optional

import typer

Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar (there is none either when stderr is not "
                                                           "a terminal).")]


class Bar:
    """A Progress (progress.py) drawing one bar; ``note`` prints a line above it."""

    def __init__(self, progress=None):
        self._progress = progress
        self._task = None
        self._step = None

    def __call__(self, step: str, done: int, total: Optional[int] = None) -> None:
        if self._progress is None:
            return
        if step == self._step:        # within a step: counts, drawn at the refresh rate
            self._progress.update(self._task, completed=done, total=total)
            return
        # a new step is a new task (a total may go back to unknown), drawn at once
        if self._task is not None:
            self._progress.remove_task(self._task)
        self._step = step
        self._task = self._progress.add_task(step, total=total, completed=done)
        self._progress.refresh()

    def note(self, message: str) -> None:
        """A line on stderr: above the bar when there is one (no markup: a file named "[bold]x" is shown as it
        is; no control character either)."""
        from armsflow.cli import _err
        from armsflow.ingest.text import printable

        if self._progress is None:
            _err(message)
            return
        self._progress.console.print(f"armsflow: {printable(message)}", style="red", highlight=False, markup=False,
                                     soft_wrap=True)


@contextmanager
def progress_bar(quiet: bool = False, console=None) -> Iterator[Bar]:
    """A Bar on stderr (or ``console``) while the block runs, removed when it ends; a silent one with ``quiet`` or
    when the console is not a terminal."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = console or Console(stderr=True)
    if quiet or not console.is_terminal:
        yield Bar()
        return
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True, redirect_stdout=False) as progress:
        yield Bar(progress)
