"""Users and API tokens in the store, on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select, update

from armsflow.store import users as U


def test_create_and_authenticate(store):
    ana = U.create_user(store, "ana.k@example.org", "correct horse", role="admin")
    assert (ana.name, ana.role, ana.disabled, ana.is_admin) == ("ana.k@example.org", "admin", False, True)
    assert U.authenticate(store, "ana.k@example.org", "correct horse") == ana
    assert U.authenticate(store, "ana.k@example.org", "wrong horse") is None
    assert U.authenticate(store, "nobody", "correct horse") is None          # verified against a dummy hash
    assert U.authenticate(store, "bad name!", "correct horse") is None
    assert U.authenticate(store, None, None) is None
    with store.session() as s:
        stored = s.scalar(select(U.UserRow.password_hash))
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    assert [u.name for u in U.list_users(store)] == ["ana.k@example.org"]


@pytest.mark.parametrize("name, password, role, message", [
    ("", "long enough", "analyst", "user name"),
    ("a" * 101, "long enough", "analyst", "user name"),
    ("bo b", "long enough", "analyst", "user name"),
    ("bo;drop", "long enough", "analyst", "user name"),
    ("bo", "short", "analyst", "at least 8"),
    ("bo", "long enough", "root", "role"),
])
def test_bad_input_is_a_one_line_value_error(store, name, password, role, message):
    with pytest.raises(ValueError) as err:
        U.create_user(store, name, password, role)
    assert message in str(err.value) and "\n" not in str(err.value)
    assert U.list_users(store) == []


def test_duplicate_name_password_change_and_disabling(store):
    U.create_user(store, "bo", "first password")
    with pytest.raises(ValueError, match="exists already"):
        U.create_user(store, "bo", "other password")
    U.set_password(store, "bo", "second password")
    assert U.authenticate(store, "bo", "first password") is None
    assert U.authenticate(store, "bo", "second password").name == "bo"
    with pytest.raises(LookupError, match="no user named 'cy'"):
        U.set_password(store, "cy", "whatever1")
    token = U.issue_token(store, "bo", "script")
    U.set_disabled(store, "bo")
    assert U.authenticate(store, "bo", "second password") is None
    assert U.user_for_token(store, token) is None
    U.set_disabled(store, "bo", False)
    assert U.user_for_token(store, token).name == "bo"


def test_old_hash_parameters_are_upgraded_at_login(store):
    U.create_user(store, "cy", "a password")
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("a password")
    with store.session() as s, s.begin():
        s.execute(update(U.UserRow).values(password_hash=weak))
    assert U.authenticate(store, "cy", "a password") is not None
    with store.session() as s:
        now_stored = s.scalar(select(U.UserRow.password_hash))
    assert now_stored != weak and not PasswordHasher().check_needs_rehash(now_stored)


def test_tokens_are_stored_as_hashes_and_can_be_revoked(store):
    ana = U.create_user(store, "ana", "a password")
    token = U.issue_token(store, ana, "nightly export")
    assert len(token) >= 40
    [t] = U.list_tokens(store, "ana")
    assert (t.label, t.last_used_at) == ("nightly export", None)
    with store.session() as s:
        assert s.scalar(select(U.TokenRow.token_hash)) == hashlib.sha256(token.encode()).hexdigest()
    assert U.user_for_token(store, token) == ana
    assert U.list_tokens(store, ana)[0].last_used_at is not None
    for bad in ("", token + "x", token[:-1], None, "x" * 10_000, "\ud800"):
        assert U.user_for_token(store, bad) is None
    U.create_user(store, "bo", "b password")
    assert not U.revoke_token(store, t.id, user="bo")                 # not bo's token
    assert U.revoke_token(store, t.id, user=ana)
    assert U.user_for_token(store, token) is None and not U.revoke_token(store, t.id)
    with pytest.raises(LookupError):
        U.issue_token(store, "nobody", "x")
    with pytest.raises(ValueError, match="label"):
        U.issue_token(store, ana, "  ")


def test_last_used_is_written_at_most_once_a_minute(store):
    U.create_user(store, "ana", "a password")
    token = U.issue_token(store, "ana", "api")
    U.user_for_token(store, token)
    first = U.list_tokens(store, "ana")[0].last_used_at
    U.user_for_token(store, token)
    assert U.list_tokens(store, "ana")[0].last_used_at == first
    with store.session() as s, s.begin():
        s.execute(update(U.TokenRow).values(last_used_at=first - dt.timedelta(minutes=5)))
    U.user_for_token(store, token)
    assert U.list_tokens(store, "ana")[0].last_used_at > first - dt.timedelta(minutes=5)


def test_deleting_a_user_deletes_their_tokens(store):
    U.create_user(store, "ana", "a password")
    U.issue_token(store, "ana", "api")
    with store.session() as s, s.begin():
        s.execute(U.UserRow.__table__.delete())
    with store.session() as s:
        assert s.scalars(select(U.TokenRow)).all() == []
