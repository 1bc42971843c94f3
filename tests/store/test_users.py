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


# -- browser sessions -------------------------------------------------------------------------------------------

def test_sessions_are_stored_as_hashes_and_end(store):
    ana = U.create_user(store, "ana", "a password")
    key = U.start_session(store, ana, dt.timedelta(hours=1))
    assert U.user_for_session(store, key) == ana
    with store.session() as s:
        assert s.scalar(select(U.SessionRow.key_hash)) == hashlib.sha256(key.encode()).hexdigest()
    for bad in ("", key + "x", key[:-1], None, "x" * 10_000, "\ud800", 12):
        assert U.user_for_session(store, bad) is None
    other = U.start_session(store, ana, dt.timedelta(hours=1))
    assert U.count_sessions(store, "ana") == 2
    assert U.end_session(store, key) and not U.end_session(store, key)
    assert U.user_for_session(store, key) is None and U.user_for_session(store, other) == ana


def test_a_session_expires_and_ended_sessions_are_swept(store):
    ana = U.create_user(store, "ana", "a password")
    short = U.start_session(store, ana, dt.timedelta(seconds=-1))          # already over
    assert U.user_for_session(store, short) is None
    U.start_session(store, ana, dt.timedelta(hours=1))                     # sweeps the ended one
    with store.session() as s:
        assert len(s.scalars(select(U.SessionRow)).all()) == 1


def test_disabling_and_password_changes_end_sessions(store):
    ana = U.create_user(store, "ana", "a password")
    bo = U.create_user(store, "bo", "b password")
    keys = [U.start_session(store, ana, dt.timedelta(hours=1)) for _ in range(3)]
    theirs = U.start_session(store, bo, dt.timedelta(hours=1))
    assert U.set_password(store, "ana", "new password", keep_session=keys[0]) == 2
    assert [U.user_for_session(store, k) is not None for k in keys] == [True, False, False]
    assert U.set_disabled(store, "ana") == 1
    assert U.user_for_session(store, keys[0]) is None
    U.set_disabled(store, "ana", False)
    assert U.user_for_session(store, keys[0]) is None                       # enabling brings no session back
    assert U.set_password(store, "bo", "other password") == 1 and U.user_for_session(store, theirs) is None
    with pytest.raises(LookupError, match="no user named 'cy'"):
        U.set_disabled(store, "cy")
    with pytest.raises(LookupError, match="no user named 'cy'"):
        U.end_sessions(store, "cy")


def test_a_disabled_users_session_is_refused_even_if_it_were_left_behind(store):
    """The lookup itself checks the user, not only the sweep at disabling."""
    ana = U.create_user(store, "ana", "a password")
    key = U.start_session(store, ana, dt.timedelta(hours=1))
    with store.session() as s, s.begin():
        s.execute(update(U.UserRow).values(disabled=True))
    assert U.user_for_session(store, key) is None


def test_revoking_a_token_by_id_or_label(store):
    U.create_user(store, "ana", "a password")
    U.create_user(store, "bo", "b password")
    first = U.issue_token(store, "ana", "nightly")
    second = U.issue_token(store, "ana", "nightly")
    notebook = U.issue_token(store, "ana", "notebook")
    theirs = U.issue_token(store, "bo", "nightly")
    with pytest.raises(ValueError, match=r"2 tokens of ana are labelled 'nightly': give the id \(1, 2\)"):
        U.revoke_token_named(store, "ana", "nightly")
    with pytest.raises(ValueError, match="ana has no token with the id or label '4'"):
        U.revoke_token_named(store, "ana", "4")                              # bo's token: not ana's to revoke
    with pytest.raises(LookupError, match="no user named 'cy'"):
        U.revoke_token_named(store, "cy", "1")
    assert U.revoke_token_named(store, "ana", "2").label == "nightly"
    assert U.user_for_token(store, second) is None and U.user_for_token(store, first) is not None
    assert U.revoke_token_named(store, "ana", "nightly").id == 1                # no longer ambiguous
    assert U.revoke_token_named(store, "ana", " notebook ").id == 3
    assert [U.user_for_token(store, t) for t in (first, notebook)] == [None, None]
    assert U.user_for_token(store, theirs).name == "bo"


# -- counted sign-in attempts ---------------------------------------------------------------------------------

def test_attempts_are_counted_per_key_in_a_window_that_ends(store):
    from armsflow.store import throttle as T

    window = dt.timedelta(minutes=15)
    t0 = dt.datetime(2025, 1, 1, 12, 0)
    keys = [("name", "ana"), ("address", "10.0.0.1")]
    for i in range(1, 4):
        counted = T.count_attempt(store, keys, window, at=t0 + dt.timedelta(minutes=i))
        assert counted == {k: (i, t0 + dt.timedelta(minutes=1)) for k in keys}
    assert T.count_attempt(store, [("name", "bo")], window, at=t0 + dt.timedelta(minutes=5)) == {
        ("name", "bo"): (1, t0 + dt.timedelta(minutes=5))}
    T.forget(store, "name", "ana")
    T.uncount(store, "address", "10.0.0.1")
    assert T.counts(store) == {("address", "10.0.0.1"): 2, ("name", "bo"): 1}
    # ana's address window (from minute 1) ends at minute 16: a new window starts at 1; bo's (from 5) goes on
    later = t0 + dt.timedelta(minutes=16)
    assert T.count_attempt(store, [("address", "10.0.0.1")], window, at=later) == {("address", "10.0.0.1"): (1, later)}
    assert T.counts(store) == {("address", "10.0.0.1"): 1, ("name", "bo"): 1}
    # and a counter whose window ended is swept by any later attempt
    T.count_attempt(store, [("name", "cy")], window, at=t0 + dt.timedelta(minutes=21))
    assert ("name", "bo") not in T.counts(store)


def test_concurrent_attempts_are_each_counted_once(store):
    """Server processes count the same attempts: concurrent upserts hand out every count exactly once."""
    import threading

    from armsflow.store import throttle as T

    n = 12
    barrier, seen, errors = threading.Barrier(n), [], []

    def attempt():
        try:
            barrier.wait(timeout=60)
            got = T.count_attempt(store, [("name", "ana"), ("address", "10.0.0.9")], dt.timedelta(minutes=15))
            seen.append(got[("name", "ana")][0])
        except Exception as exc:            # noqa: BLE001 -- reported below
            errors.append(exc)

    threads = [threading.Thread(target=attempt) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    assert sorted(seen) == list(range(1, n + 1))
    assert T.counts(store) == {("name", "ana"): n, ("address", "10.0.0.9"): n}
