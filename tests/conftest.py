"""Shared fixtures: one extractor per session (loading spaCy is the slow part) and the evaluation folder."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def catalog():
    from armsflow.catalog.loader import load_catalog
    return load_catalog(include_user=False)


@pytest.fixture(scope="session")
def extractor(catalog):
    from armsflow.extract.pipeline import Extractor
    return Extractor(catalog)


@pytest.fixture(scope="session")
def shared():
    if not (SHARED / "eval" / "score.py").exists():
        pytest.skip(f"evaluation folder {SHARED} is absent (it sits next to the repository in development and CI)")
    return SHARED


from pgscratch import postgres_or_skip as _postgres_or_skip  # noqa: E402


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A fresh, empty database URL: an SQLite file, or a schema of its own on the local PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    from sqlalchemy import text

    admin, schema = _postgres_or_skip()
    base = str(admin.url.render_as_string(hide_password=False))
    yield f"{base}?options=-csearch_path%3D{schema}"
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture
def store(store_url):
    from armsflow.store import open_store

    s = open_store(store_url)
    yield s
    s.engine.dispose()


# the 32 dev documents ingested and the SIPRI register of March 2025 imported into one store, built once
@pytest.fixture(scope="session")
def dev_store(shared, tmp_path_factory):
    from evalstore import build_eval_store

    store = build_eval_store(tmp_path_factory.mktemp("dev") / "dev.db", shared, ["dev"],
                             ["trade-register-2025-03.csv"])
    yield store
    store.engine.dispose()
