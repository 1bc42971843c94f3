"""Monitoring: poll feeds, ingest what is new, run the watches, deliver each digest; once, or on a schedule.

One cycle (:meth:`Monitor.cycle`):

1. **Ingest** the sources (feeds, lists of feeds, URLs) with network fetch on, as ``armsflow ingest --fetch``
   does (engine/ingest.py): a document already stored is not stored again, and a feed entry whose linked page is
   a stored document's URL is not fetched again.
2. **Queue, then advance.** The watches are run without moving their marks, every match is queued for every
   channel in the store's outbox (store/deliveries.py: idempotent, keyed by watch, claim and channel), and only
   then are the watches run again, moving the marks. Should that second run find a match the first did not (an
   ingest elsewhere committed in between), it is rolled back and the two steps are taken again. So when the marks
   move, every match they pass is queued; a kill before that leaves the marks where they were, and the next cycle
   queues the same matches, which are the rows already there.
3. **Deliver** each channel's pending rows as one digest (engine/deliver.py), and mark them delivered once the
   channel has acknowledged them; rows a kill or a failure left pending go with the next digest.

Hence a restart loses nothing and repeats nothing, save a kill between a channel's acknowledgement and its record
(deliver.py says how a receiver drops that repeat). The monitor owns the watches' marks as ``watch run`` does:
run one or the other on a store, and one monitor per store.
"""
from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from armsflow.engine.watches import run_watches
from armsflow.pausepoints import pause

EVERY_DEFAULT = "15m"
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_QUEUE_TRIES = 10


def parse_every(text: str) -> float:
    """Seconds in a duration written ``30s``, ``15m``, ``1h``, ``1h30m`` or ``2d``; ValueError otherwise."""
    spec = text.strip().lower()
    parts = re.findall(r"(\d+)\s*([smhd])", spec)
    if not parts or re.sub(r"\s*\d+\s*[smhd]\s*", "", spec):
        raise ValueError(f"{text!r}: expected a duration such as 30s, 15m, 1h or 1h30m")
    seconds = sum(int(n) * _UNITS[u] for n, u in parts)
    if seconds <= 0:
        raise ValueError(f"{text!r}: must be longer than zero")
    return float(seconds)


class MonitorError(Exception):
    """A cycle could not queue its matches; one line."""


class _Moved(Exception):
    """The advancing run found a match the queuing run had not: roll it back and queue again."""


@dataclass
class CycleReport:
    ingest: object | None = None                     # engine.ingest.IngestSummary
    problems: list[str] = field(default_factory=list)
    matches: int = 0
    queued: int = 0
    delivered: dict[str, int] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    stopped: str | None = None                       # why the cycle stopped half-way

    @property
    def ok(self) -> bool:
        return not self.problems and not self.failed and self.stopped is None

    def line(self) -> str:
        if self.stopped is not None:
            return f"the cycle stopped: {self.stopped}"
        parts = [self.ingest.line() if self.ingest is not None else "nothing ingested"]
        parts.append(f"{self.matches} new match{'es' if self.matches != 1 else ''}")
        for channel, n in self.delivered.items():
            parts.append(f"{n} delivered to {channel}")
        for channel, why in self.failed.items():
            parts.append(f"not delivered to {channel} ({why}; kept for the next run)")
        return "; ".join(parts)


class Monitor:
    """The cycle's parts, loaded once for every cycle of a long-running monitor."""

    def __init__(self, store, sources: list[str], channels: list, fetch, watches: list[str] | None = None,
                 limits=None, max_bytes: int | None = None, on_error: Callable[[str], None] = print):
        self.store, self.sources, self.channels, self.fetch = store, list(sources), list(channels), fetch
        self.watches, self.limits, self.max_bytes, self.on_error = watches or None, limits, max_bytes, on_error
        self._parts = None

    def _loaded(self):
        if self._parts is None:
            from armsflow.catalog import load_catalog
            from armsflow.extract.pipeline import Extractor
            from armsflow.fuse.family import Families
            from armsflow.store.locks import writer_lock

            catalog = load_catalog()
            with writer_lock(self.store.engine):
                self.store.sync_entities(catalog)
            extractor = Extractor(catalog, time_limit=self.limits.seconds if self.limits else None)
            self._parts = extractor, Families(extractor.gazetteer)
        return self._parts

    def cycle(self) -> CycleReport:
        report = CycleReport()
        self._ingest(report)
        runs = self.queue(report)
        report.matches = sum(len(r.matches) for r in runs)
        self.deliver(report)
        return report

    def _ingest(self, report: CycleReport) -> None:
        from armsflow.engine.ingest import IngestFailed, ingest
        from armsflow.ingest.sources import iter_documents
        from armsflow.ingest.text import MAX_BYTES

        extractor, families = self._loaded()
        known = self.store.stored_urls

        def problem(message: str) -> None:
            report.problems.append(message)
            self.on_error(message)

        items = iter_documents(self.sources, fetch=self.fetch, max_bytes=self.max_bytes or MAX_BYTES,
                               limits=self.limits, skip_links=known)
        try:
            report.ingest = ingest(items, self.store, extractor, families, on_error=problem)
        except IngestFailed as exc:          # documents stored, fusion failed: the watches still see their claims
            report.ingest = exc.summary
            problem(f"{exc.stage} failed after storing ({exc.problem}); the next cycle fuses again")

    def queue(self, report: CycleReport) -> list:
        """Queue every match for every channel, then move the watches' marks (see the module docstring)."""
        from armsflow.store import deliveries

        for _ in range(_QUEUE_TRIES):
            runs = run_watches(self.store, self.watches or None, advance=False)
            found = {(m.watch, m.claim_id) for r in runs for m in r.matches}
            report.queued += deliveries.queue(self.store, [
                (m.watch, m.claim_id, ch.name, m.to_json()) for r in runs for m in r.matches for ch in self.channels])
            pause("monitor.queued")

            def check(advancing) -> None:
                if {(m.watch, m.claim_id) for r in advancing for m in r.matches} - found:
                    raise _Moved()
            try:
                return run_watches(self.store, self.watches or None, advance=True, deliver=check)
            except _Moved:
                continue
        raise MonitorError(f"new matches kept arriving while they were queued ({_QUEUE_TRIES} tries); "
                           "the next cycle tries again")

    def deliver(self, report: CycleReport) -> None:
        """Each channel's pending rows as one digest; marked delivered once the channel has them."""
        from armsflow.engine.deliver import DeliveryError
        from armsflow.store import deliveries

        for channel in self.channels:
            items = deliveries.pending(self.store, channel.name)
            pause("monitor.deliver")
            if not items:
                continue
            try:
                channel.send(items)
            except DeliveryError as exc:
                deliveries.failed(self.store, [p.id for p in items], str(exc))
                report.failed[channel.name] = str(exc)
                continue
            deliveries.delivered(self.store, [p.id for p in items])
            report.delivered[channel.name] = len(items)


def run(monitor: Monitor, every: float | None, on_report: Callable[[CycleReport], None],
        sleep: Callable[[float], None] = time.sleep) -> CycleReport:
    """One cycle (``every`` None), or a cycle every ``every`` seconds until interrupted; the last report."""
    from sqlalchemy.exc import SQLAlchemyError

    while True:
        started = time.monotonic()
        try:
            report = monitor.cycle()
        except (MonitorError, SQLAlchemyError, OSError) as exc:    # the store or the machine, this time: say so,
            problem = " ".join(str(getattr(exc, "orig", None) or exc).split())[:300]     # and try the next cycle
            report = CycleReport(stopped=f"{type(exc).__name__}: {problem}; what it had committed is kept, "
                                         "the next run goes on from there")
        on_report(report)
        if every is None:
            return report
        sleep(max(0.0, every - (time.monotonic() - started)))
