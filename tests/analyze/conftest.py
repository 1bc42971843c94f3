"""Fixtures of the analyze tests: the small store of small_store.py on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest
from small_store import build_small_store


@pytest.fixture
def small(store, tmp_path):
    return build_small_store(store, tmp_path)
