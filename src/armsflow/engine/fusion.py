"""Fusing the store's claims into records: read claims, fuse (a pure function), write records back, then bring the
summaries of the states whose records changed up to date (engine/summaries.py).

All of it runs under the store's writer lock (store/locks.py), whoever calls it: two fusions interleaved would
delete and insert the same records. Documents and claims are stored concurrently (parallel ingests, the web API),
so the claims are read inside the lock, after the marks of unfused claims (store/repo.py): a writer whose claims
commit later fuses them itself, and pairs that an interrupted run left marked are fused here too."""
from __future__ import annotations

from armsflow.progress import Progress, stages
from armsflow.engine.registers import make_linker
from armsflow.engine.summaries import refresh_summaries
from armsflow.fuse.family import Families
from armsflow.fuse.records import FuseClaim, fuse


class SummariesFailed(Exception):
    """The records are fused and stored; keeping the state summaries current failed (they are computed again when
    a state page is shown)."""


STAGES = ["reading claims", "fusing claims", "writing records", "state summaries"]


def refuse(store, families: Families, dyads: set[tuple] | None = None, progress: Progress | None = None) -> int:
    """Rebuild the news records (all, or those of the given supplier/recipient pairs and of every pair marked
    unfused); returns how many. Raises SummariesFailed when only the summaries' refresh failed. ``progress`` hears
    each stage (progress.py)."""
    from armsflow.store.locks import writer_lock

    at = stages(progress, "fusing", STAGES)
    with writer_lock(store.engine):
        at("reading claims")
        marks = store.unfused_marks()
        if marks.everything:
            dyads = None
        elif dyads is not None:
            dyads = set(dyads) | marks.dyads
        rows = store.claims_for_fusion(dyads)
        claims = [FuseClaim(claim_id=c.id, source_id=source_id, published=published, supplier=c.supplier,
                            recipient=c.recipient, family=families.family(c.system, c.category), system=c.system,
                            category=c.category, quantity=c.quantity, status=c.status, year=c.year, hedged=c.hedged,
                            review=c.review, pin=c.pin)
                  for c, source_id, published in rows]
        at("fusing claims")
        results = fuse(claims)
        at("writing records")
        store.replace_records(results, dyads, linker=make_linker(families.family))
        store.mark_fused(marks)
        at("state summaries")
        try:
            refresh_summaries(store, None if dyads is None else {a for pair in dyads for a in pair if a})
        except Exception as exc:  # noqa: BLE001 - the records are stored: the caller says so, in one line
            raise SummariesFailed(f"{type(exc).__name__}: {exc}") from exc
    return len(results)
