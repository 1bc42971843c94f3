"""A scratch schema on the local PostgreSQL server, for fixtures and tests in any folder.

Its own module (not conftest.py) because several folders have a conftest.py and ``from conftest import`` picks
whichever was imported first."""
from __future__ import annotations

import pytest

PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def postgres_or_skip():
    """A scratch schema on the local PostgreSQL server; skipped (or failed in CI) when there is none."""
    import os
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    admin = create_engine(os.environ.get("ARMSFLOW_TEST_POSTGRES", PG_URL))
    try:
        with admin.begin() as conn:
            schema = f"t_{uuid.uuid4().hex[:12]}"
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    except OperationalError as exc:
        admin.dispose()
        reason = f"no PostgreSQL server at 127.0.0.1:5432 (database test, user postgres): {exc.orig}".splitlines()[0]
        if os.environ.get("ARMSFLOW_REQUIRE_POSTGRES"):
            pytest.fail(reason)
        pytest.skip(reason)
    return admin, schema
