"""Migration 0006 on a store that has users and tokens, both ways, on SQLite and PostgreSQL: the users and their
tokens stay, and the new tables (browser sessions, counted sign-in attempts) start empty and work."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import inspect, text

from armsflow.store import open_store
from armsflow.store import users as U
from armsflow.store.engine import make_engine
from armsflow.store.migrate import upgrade

from migrating import downgrade


def test_an_existing_store_upgrades_keeps_its_users_and_downgrades(store_url):
    engine = make_engine(store_url)
    upgrade(engine, "0005")
    assert "web_sessions" not in inspect(engine).get_table_names()
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO users (id, name, password_hash, role, created_at, disabled) "
                          "VALUES (1, 'ana', :h, 'admin', '2024-01-01 00:00:00', false), "
                          "(2, 'bo', :h, 'analyst', '2024-01-02 00:00:00', true)"),
                     {"h": U._hasher.hash("a password")})
        conn.execute(text("INSERT INTO api_tokens (user_id, label, token_hash, created_at) "
                          "VALUES (1, 'nightly', :t, '2024-01-03 00:00:00')"), {"t": U.token_hash("tok" * 15)})

    store = open_store(store_url)                             # to head
    tables = set(inspect(store.engine).get_table_names())
    assert {"web_sessions", "login_failures"} <= tables
    assert [(u.name, u.role, u.disabled) for u in U.list_users(store)] == [("ana", "admin", False),
                                                                          ("bo", "analyst", True)]
    ana = U.authenticate(store, "ana", "a password")
    assert ana is not None and U.user_for_token(store, "tok" * 15) == ana
    key = U.start_session(store, ana, dt.timedelta(hours=1))
    assert U.user_for_session(store, key) == ana
    indexes = {i["name"] for i in inspect(store.engine).get_indexes("web_sessions")}
    assert {"ix_web_sessions_user_id", "ix_web_sessions_expires_at"} <= indexes
    store.engine.dispose()

    downgrade(engine, "0005")
    assert not {"web_sessions", "login_failures"} & set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM users")).scalar() == 2
        assert conn.execute(text("SELECT count(*) FROM api_tokens")).scalar() == 1
    engine.dispose()
    again = open_store(store_url)
    assert U.user_for_session(again, key) is None             # sessions do not survive a downgrade
    assert U.authenticate(again, "ana", "a password") is not None
    again.engine.dispose()
