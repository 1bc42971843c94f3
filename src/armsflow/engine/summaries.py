"""Keeping the state summaries current: after records change, compute again those the change made stale.

A state page must answer in milliseconds, and its figures take up to a second to compute on a large store
(analyze/state.py), so they are computed when the records behind them change, by whoever changed them: fusion after
an ingest or a review (engine/fusion.py) and a register import (engine/registers.py). The work is proportional to
the records of the states touched: a review of one claim refreshes two states and their rivals; a full re-fusion
refreshes every state. A summary that is current already is left alone, so running this twice costs two reads.
"""
from __future__ import annotations

from armsflow.analyze import dyads as D
from armsflow.analyze.state import depends_on, summaries_from, summary_key, to_json


def affected(actors: set[str] | None, rivals: list[D.Rival]) -> set[str] | None:
    """The actors whose summaries read the records of ``actors``: them and their rivals (None: everyone)."""
    if actors is None:
        return None
    return set(actors).union(*(depends_on(a, rivals) for a in actors))


CHUNK = 256                          # states summed up per read of the store: their records are held in memory


def refresh_summaries(store, actors: set[str] | None = None, catalog=None) -> int:
    """Compute and keep the summary of every state with records among those ``actors``' change affects (None:
    all) whose kept summary is stale; returns how many were computed. The stale states' records are read in one
    query per CHUNK states (a query per state costs more than the analyses on PostgreSQL), their bases before them."""
    from armsflow.analyze.shares import load_alignment
    from armsflow.catalog import load_catalog
    from armsflow.store.aggregates import state_counts
    from armsflow.store.queries import RecordFilter, records, register_values

    catalog = catalog or load_catalog()
    rivals, alignment = D.load_rivals(), load_alignment(catalog=catalog)
    wanted = affected(actors, rivals)
    if wanted is not None and not wanted:
        return 0
    # only the wanted actors' counts: a review must not pay for a GROUP BY over every record
    codes = sorted(c for c in state_counts(store, RecordFilter(members=wanted) if wanted is not None else
                                           RecordFilter()) if wanted is None or c in wanted)
    deps = {code: depends_on(code, rivals) for code in codes}
    bases = store.summary_bases({summary_key(c): deps[c] for c in codes})
    stale = [c for c in codes if bases[summary_key(c)][0] != bases[summary_key(c)][1]]
    for i in range(0, len(stale), CHUNK):
        chunk = stale[i:i + CHUNK]
        whole = wanted is None and len(chunk) == len(codes)            # every state: every record, no filter
        f = RecordFilter() if whole else RecordFilter(members=set().union(*(deps[c] for c in chunk)))
        with store.reading():
            recs = records(store, f)
            tiv = {rid: (v.tiv_delivered, v.tiv_total) for rid, v in register_values(store, f).items()}
        store.put_summaries([(summary_key(s.code), bases[summary_key(s.code)][1], to_json(s))
                             for s in summaries_from(chunk, recs, tiv, catalog, rivals, alignment)])
    return len(stale)
