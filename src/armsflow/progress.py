"""How a long step says how far it has got without knowing who is watching: the engine, the report and the layers
below take a ``Progress`` (any callable) and call it; the command line draws a bar with it (cli/progress.py), the web
API and the library pass nothing. A module of its own, importing nothing, so that any layer may take one."""
from __future__ import annotations

from typing import Optional, Protocol


class Progress(Protocol):
    def __call__(self, step: str, done: int, total: Optional[int] = None) -> None:
        """``done`` of ``total`` units of ``step`` are finished (``total`` None: not known in advance)."""


def silent(step: str, done: int, total: Optional[int] = None) -> None:
    """The progress of a caller that shows none."""


def stages(progress: Optional[Progress], step: str, names: list[str]):
    """A reporter for a step made of named stages: calling it with a stage's name reports the stages before it as
    done ("fusing: writing records", 2 of 4)."""
    report = progress or silent

    def at(name: str) -> None:
        report(f"{step}: {name}", names.index(name), len(names))
    return at
