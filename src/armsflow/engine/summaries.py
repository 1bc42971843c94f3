"""Keeping the state summaries current: after records change, compute again those the change made stale.

A state page must answer in milliseconds, and its figures take up to a second to compute on a large store
(analyze/state.py), so they are computed when the records behind them change, by whoever changed them: fusion after
an ingest or a review (engine/fusion.py) and a register import (engine/registers.py). The work is proportional to
the records of the states touched: a review of one claim refreshes two states and their rivals; a full re-fusion
refreshes every state. A summary that is current already is left alone, so running this twice costs two reads.
"""
from __future__ import annotations

from armsflow.analyze import dyads as D
from armsflow.analyze.state import depends_on, state_summary, summary_key, to_json


def affected(actors: set[str] | None, rivals: list[D.Rival]) -> set[str] | None:
    """The actors whose summaries read the records of ``actors``: them and their rivals (None: everyone)."""
    if actors is None:
        return None
    out = set(actors)
    for pair in rivals:
        if pair.a in actors or pair.b in actors:
            out |= {pair.a, pair.b}
    return out


def refresh_summaries(store, actors: set[str] | None = None, catalog=None) -> int:
    """Compute and keep the summary of every state with records among those ``actors``' change affects (None:
    all) whose kept summary is stale; returns how many were computed."""
    from armsflow.catalog import load_catalog
    from armsflow.store.aggregates import state_counts

    from armsflow.analyze.shares import load_alignment

    catalog = catalog or load_catalog()
    rivals, alignment = D.load_rivals(), load_alignment(catalog=catalog)
    wanted = affected(actors, rivals)
    codes = sorted(c for c in state_counts(store) if wanted is None or c in wanted)
    done = 0
    for code in codes:
        key, deps = summary_key(code), depends_on(code, rivals)
        kept, basis = store.summary(key, deps)          # the basis is read before the records it stands for
        if kept is not None:
            continue
        store.put_summary(key, basis, to_json(state_summary(store, code, catalog=catalog, rivals=rivals,
                                                            alignment=alignment)))
        done += 1
    return done
