"""What every write through the API shares: one writer at a time, the extractor built once, fusion after a change.

The store is written by one request at a time (an ingest and a review both re-fuse records, and two of them
interleaved could fuse from a half-changed set of claims): the app's thread lock orders the requests of one process,
the store's writer lock (store/locks.py) those of every server process and CLI sharing the store. The extractor loads
the catalogue automaton and a spaCy model, which takes seconds, so it is built on the first ingest and kept in
``app.state``.
"""
from __future__ import annotations

import threading
from contextlib import contextmanager

_CREATE = threading.Lock()


def _app_lock(app) -> threading.Lock:
    with _CREATE:
        lock = getattr(app.state, "api_write_lock", None)
        if lock is None:
            lock = app.state.api_write_lock = threading.Lock()
    return lock


@contextmanager
def write_lock(app):
    """Hold the app's thread lock (made on first use), then the store's writer lock, for the block."""
    from armsflow.store.locks import writer_lock

    with _app_lock(app), writer_lock(app.state.store.engine):
        yield


@contextmanager
def extract_lock(app):
    """Only the app's thread lock: for an ingest, whose extraction (the slow part) must not keep other processes'
    writers waiting; its fusion takes the store's writer lock itself (engine/fusion.py), as a CLI ingest's does.
    The thread lock still orders this process's writers, which share one extractor."""
    with _app_lock(app):
        yield


def extractor(app):
    """The app's Extractor and fusion families; call with the write lock held."""
    made = getattr(app.state, "extractor", None)
    if made is None:
        from armsflow.extract.pipeline import Extractor
        from armsflow.fuse.family import Families

        ex = Extractor(app.state.catalog)
        made = app.state.extractor = (ex, Families(ex.gazetteer))
    return made


def families(app):
    """The fusion families (from the extractor's gazetteer when one was built, else from the catalogue)."""
    made = getattr(app.state, "extractor", None)
    if made is not None:
        return made[1]
    from armsflow.catalog.gazetteer import gazetteer_for
    from armsflow.fuse.family import Families

    return Families(gazetteer_for(app.state.catalog))


def review(app, change, not_found=str):
    """Run a review change of engine/review.py (called with the app's fusion families) under the write lock, as
    `armsflow claim|record` does. An unknown claim or record is a 404 (``not_found(exc)`` its sentence), a refused
    change a 422. A failure of the summaries' refresh alone is not the reviewer's: the records are fused and the state
    pages compute their summaries when shown; a failed fusion is the server's error."""
    from fastapi import HTTPException

    from armsflow.engine.review import ChangeKept, NotFound

    with write_lock(app):
        try:
            return change(families(app))
        except NotFound as exc:
            raise HTTPException(404, not_found(exc)) from None
        except ValueError as exc:
            raise HTTPException(422, str(exc)) from None
        except ChangeKept as exc:
            if exc.stage != "summaries":
                raise (exc.__cause__ or exc) from None
            import logging

            logging.getLogger("armsflow.web").warning("keeping the state summaries current failed: %s", exc.problem)
            return exc.outcome
