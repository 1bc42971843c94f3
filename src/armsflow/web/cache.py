"""Analyses are costly and the store changes rarely: results are kept per store revision.

Every write to the store bumps its revision (``Store.revision``), so a cached figure is never stale: the next
request after an edit, an ingest or a fusion sees a new revision and computes afresh.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable, Hashable, TypeVar

T = TypeVar("T")


class RevisionCache:
    def __init__(self, store, size: int = 256):
        self.store = store
        self.size = size
        self._items: OrderedDict[tuple, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T], revision: bool = True) -> T:
        """The value kept for ``key`` at the store's revision, computed on a miss. ``revision=False``: the key
        itself says when the value changes (it carries a summary's basis, say), and the store is not asked."""
        full = (self.store.revision() if revision else None, key)
        with self._lock:
            if full in self._items:
                self._items.move_to_end(full)
                return self._items[full]          # type: ignore[return-value]
        value = compute()
        with self._lock:
            self._items[full] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value
