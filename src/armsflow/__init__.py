"""armsflow: arms-transfer intelligence from open sources.

``armsflow.open(path_or_url)`` opens a knowledge store as a library (engine/library.py). Nothing is imported until
it is called, so ``import armsflow`` (and the command line's start-up) stays cheap.
"""
__version__ = "0.1.0"


def open(target=None):  # noqa: A001 - the library's entry point: armsflow.open(path_or_url)
    """The knowledge store at a SQLite file or a database URL (default: $ARMSFLOW_DB, else ~/.armsflow/armsflow.db),
    created or migrated as needed: an :class:`armsflow.engine.library.ArmsflowStore`."""
    from armsflow.engine.library import open_store

    return open_store(target)
