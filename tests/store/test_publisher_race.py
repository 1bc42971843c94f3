"""Two writers storing documents of the same new publisher at once: neither fails (PostgreSQL, real server)."""
from __future__ import annotations

import threading

import pytest


def test_two_sessions_adding_the_same_publisher_both_get_its_id(store_url):
    if not store_url.startswith("postgresql"):
        pytest.skip("SQLite serialises writers: the race needs concurrent transactions")
    from sqlalchemy import func, select

    from armsflow.store import open_store
    from armsflow.store.schema import Publisher

    first, second = open_store(store_url), open_store(store_url)
    got: dict[str, int] = {}
    errors: list[BaseException] = []
    with first.session() as s1, s1.begin():
        got["first"] = first._publisher_ids(s1, {"Harbour Gazette"})["Harbour Gazette"]

        def other():                       # blocks on the unique index until the first commits
            try:
                with second.session() as s2, s2.begin():
                    got["second"] = second._publisher_ids(s2, {"Harbour Gazette"})["Harbour Gazette"]
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        t = threading.Thread(target=other)
        t.start()
        t.join(0.5)
        assert t.is_alive()                # really concurrent: the second insert waits for the first transaction
    t.join(10)
    assert not errors, errors
    assert got["first"] == got["second"]
    with first.session() as s:
        assert s.scalar(select(func.count()).select_from(Publisher).where(Publisher.name == "Harbour Gazette")) == 1
    first.engine.dispose()
    second.engine.dispose()
