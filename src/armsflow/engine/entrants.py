"""The latest new entrants of a region and period, found without loading the store: what the overview shows and
the library's ``store.entrants(latest=...)`` returns.

SQL proposes the dyads whose first record starts in the period (store/aggregates.py), then
``analyze.entrants.new_entrants`` confirms each over that dyad's records alone (a supplier's entry into a recipient
depends on nothing else), as ``armsflow entrants --scope recipient`` would, and the claims are fetched for the
entries kept only.
"""
from __future__ import annotations


def latest_entrants(store, members: set[str] | None = None, since: int | None = None, until: int | None = None,
                    source: str = "all", limit: int = 10) -> list[tuple]:
    """The ``limit`` latest entrants as (Entrant, the first unrejected claim behind it or None), newest first."""
    from armsflow.analyze.dataset import make_dataset
    from armsflow.analyze.entrants import new_entrants
    from armsflow.store.aggregates import entry_candidates
    from armsflow.store.queries import RecordFilter, record_claims, records

    found = []
    for supplier, recipient, _year in entry_candidates(store, members, since, until, limit=4 * limit):
        history = records(store, RecordFilter(supplier=supplier, recipient=recipient))
        ds = make_dataset(history, since=since, until=until, source=source)
        found += new_entrants(ds, make_dataset(history), "recipient")
        if len(found) >= limit:
            break
    rows = sorted(found, key=lambda e: (-e.year, e.where, e.supplier))[:limit]
    evidence = record_claims(store, [rid for e in rows for rid in e.records[:3]])
    return [(e, next((c for rid in e.records[:3] for c in evidence.get(rid, []) if c.review != "rejected"), None))
            for e in rows]
