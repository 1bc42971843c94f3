"""The knowledge store: the only module that talks to the database (SQLite by default, PostgreSQL by URL)."""
from armsflow.store.engine import StoreError, default_url, open_store

__all__ = ["StoreError", "default_url", "open_store"]
