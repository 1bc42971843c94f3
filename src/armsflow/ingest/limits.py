"""The budgets one input document is read (and extracted) under: a bad or hostile file fails with one line instead
of hanging the run, filling the memory or crashing the process.

The readers check the budgets they can count (pages, inflated stream bytes, nesting, feed entries, YAML aliases,
nested list files) and say which one a file went over; the time and memory budgets are enforced from outside, on
the worker process that parses PDF, HTML and feeds (isolate.py), and the time budget again, between sentences, by
the extractor. The file size budget is the older ``max_bytes`` (``--max-size``), passed on its own.

``armsflow ingest`` and ``armsflow extract`` take ``--limit NAME=VALUE`` (repeatable), ``armsflow serve`` the same
for uploads, whose defaults are tighter (a request is waiting).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    seconds: float = 120.0        # wall time to read one document, and again to extract its claims
    memory: int = 1024            # MB a reader process may take beyond its own size (RLIMIT_AS)
    pages: int = 1000             # PDF pages
    decompressed: int = 256       # MB of PDF stream data once inflated, per document
    depth: int = 256              # nesting of HTML/XML elements, YAML front matter, JSON bodies
    entries: int = 10_000         # entries of one feed
    aliases: int = 16             # YAML aliases in one front matter (a real one has none)
    lists: int = 32               # list files nested in list files

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)

    def with_(self, specs) -> "Limits":
        """These limits changed by ``NAME=VALUE`` strings; ValueError with a one-line message for a bad one."""
        changes: dict = {}
        fields = {f.name: f for f in dataclasses.fields(self)}
        for spec in specs or ():
            name, sep, raw = str(spec).partition("=")
            name = name.strip().lower()
            if not sep or name not in fields:
                raise ValueError(f"{spec!r}: give NAME=VALUE, NAME one of {', '.join(fields)}")
            kind = float if fields[name].type in (float, "float") else int
            try:
                value = kind(raw.strip())
            except ValueError:
                raise ValueError(f"{spec!r}: {raw.strip()!r} is not a {'number' if kind is float else 'whole number'}"
                                 ) from None
            if not 0 < value < float("inf"):
                raise ValueError(f"{spec!r}: must be a positive number")
            changes[name] = value
        return dataclasses.replace(self, **changes)

    def describe(self) -> str:
        return ", ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}" for k, v in self.as_dict().items())


DEFAULT = Limits()
# an upload holds a request open: tighter time, memory and size of work
UPLOAD = Limits(seconds=60.0, memory=512, pages=300, decompressed=128, entries=1000)

HELP = ("A budget for each document, NAME=VALUE (repeatable): seconds (to read it, and again to extract it), memory "
        "(MB for its reader process), pages (PDF), decompressed (MB of PDF streams), depth (nesting), entries (per "
        "feed), aliases (YAML), lists (nested list files). Defaults: " + DEFAULT.describe() + ".")
