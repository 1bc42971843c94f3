"""Counting sign-in attempts per account name and per client address, in the store, so that several server
processes (``armsflow serve --workers N``) share one count: a counter in process memory would give an attacker N
times the attempts.

Each counter covers a fixed window that starts at its first attempt and ends ``window`` later; the next attempt
after that starts a new window at 1. An attempt is counted before its password is checked, in one atomic upsert
that returns the new count, so concurrent attempts in different processes cannot all slip under the limit. The web
layer (``web/limits.py``) decides what the counts mean.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import case, delete, select, tuple_, update

from armsflow.store.repo import Store, now
from armsflow.store.schema import LoginFailures

SCOPES = ("name", "address")


def count_attempt(store: Store, keys: list[tuple[str, str]], window: dt.timedelta,
                  at: dt.datetime | None = None) -> dict[tuple[str, str], tuple[int, dt.datetime]]:
    """Count one attempt against each (scope, key); for each, the count in its current window and when that window
    started. Counters whose window ended are deleted on the way, so the table stays as small as one window's
    attempts."""
    at = at or now()
    cutoff = at - window
    with store.session() as s, s.begin():
        # a transaction of its own that waits for no lock (rows another attempt holds are skipped), so it can never
        # be half of a deadlock with the counting below
        ended = (select(LoginFailures.scope, LoginFailures.key).where(LoginFailures.window_start <= cutoff)
                 .with_for_update(skip_locked=True))
        s.execute(delete(LoginFailures).where(tuple_(LoginFailures.scope, LoginFailures.key).in_(ended)))
    with store.session() as s, s.begin():
        # always name before address: every transaction takes its row locks in the same order
        return {(scope, key): _increment(s, scope, key[:100], at, cutoff)
                for scope, key in sorted(keys, key=lambda k: SCOPES.index(k[0]))}


def _increment(s, scope: str, key: str, at: dt.datetime, cutoff: dt.datetime) -> tuple[int, dt.datetime]:
    expired = LoginFailures.window_start <= cutoff
    dialect = s.get_bind().dialect.name
    if dialect in ("postgresql", "sqlite"):
        if dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as upsert
        else:
            from sqlalchemy.dialects.sqlite import insert as upsert
        stmt = upsert(LoginFailures).values(scope=scope, key=key, count=1, window_start=at)
        stmt = stmt.on_conflict_do_update(
            index_elements=[LoginFailures.scope, LoginFailures.key],
            set_={"count": case((expired, 1), else_=LoginFailures.count + 1),
                  "window_start": case((expired, at), else_=LoginFailures.window_start)})
        row = s.execute(stmt.returning(LoginFailures.count, LoginFailures.window_start)).one()
        return row[0], row[1]
    row = s.get(LoginFailures, (scope, key), with_for_update=True)   # another database: a row lock instead
    if row is None:
        row = LoginFailures(scope=scope, key=key, count=1, window_start=at)
        s.add(row)
    elif row.window_start <= cutoff:
        row.count, row.window_start = 1, at
    else:
        row.count += 1
    s.flush()
    return row.count, row.window_start


def forget(store: Store, scope: str, key: str) -> None:
    """Clear a counter: a successful sign-in clears its account name's."""
    with store.session() as s, s.begin():
        s.execute(delete(LoginFailures).where(LoginFailures.scope == scope, LoginFailures.key == key[:100]))


def uncount(store: Store, scope: str, key: str) -> None:
    """Take back one counted attempt (a sign-in that succeeded was no failure), never below zero."""
    with store.session() as s, s.begin():
        s.execute(update(LoginFailures).where(LoginFailures.scope == scope, LoginFailures.key == key[:100],
                                              LoginFailures.count > 0)
                  .values(count=LoginFailures.count - 1))


def counts(store: Store) -> dict[tuple[str, str], int]:
    """Every live counter (for tests and inspection)."""
    with store.session() as s:
        return {(r.scope, r.key): r.count for r in s.scalars(select(LoginFailures))}
