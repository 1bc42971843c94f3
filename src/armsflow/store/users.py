"""The dashboard's users and their API tokens.

Passwords are stored as argon2id hashes with argon2-cffi's default parameters (RFC 9106's low-memory profile). A
hash made with older parameters is replaced at the next successful login. A login with a name that does not exist
still verifies a password (against a dummy hash), so the response time does not tell which names exist.

An API token is 32 random bytes, shown once when it is issued. The store keeps only its SHA-256: a token is too
long to guess, so a fast hash is enough, and a token can be looked up by its hash.

A browser session is kept here too (``web_sessions``), not only in the signed cookie: the cookie carries a random
session key, the store its SHA-256, the user and when the session ends. Every request looks the key up, so ending a
session (sign-out), disabling the user or changing the password takes effect at once, in every server process,
instead of when the cookie expires. A disabled user's tokens stay stored but are refused until the user is enabled.

Callers get small frozen dataclasses, never ORM rows, so nothing outside the store can write through them.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from armsflow.store.repo import Store, now
from armsflow.store.schema import Base

ROLES = ("analyst", "admin")
NAME = re.compile(r"[A-Za-z0-9._@-]{1,100}")
MIN_PASSWORD, MAX_PASSWORD = 8, 1024          # the upper bound keeps one login from costing a megabyte of hashing
TOUCH_EVERY = dt.timedelta(minutes=1)         # last_used_at is written at most this often per token

_hasher = PasswordHasher()


class UserRow(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(16), default="analyst")     # analyst | admin
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)


class TokenRow(Base):
    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)   # sha256 hex of the token
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class SessionRow(Base):
    """A signed-in browser session; the cookie holds the key, the store only its hash (a copy of the table signs
    nobody in)."""
    __tablename__ = "web_sessions"
    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)   # sha256 hex of the cookie's key
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str
    created_at: dt.datetime
    disabled: bool

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True)
class Token:
    id: int
    user_id: int
    label: str
    created_at: dt.datetime
    last_used_at: dt.datetime | None


class NoSuchUser(LookupError):
    def __init__(self, name: str):
        super().__init__(f"no user named {name!r}")


def _user(r: UserRow) -> User:
    return User(id=r.id, name=r.name, role=r.role, created_at=r.created_at, disabled=bool(r.disabled))


def _token(r: TokenRow) -> Token:
    return Token(id=r.id, user_id=r.user_id, label=r.label, created_at=r.created_at, last_used_at=r.last_used_at)


def check_name(name: str) -> str:
    if not isinstance(name, str) or not NAME.fullmatch(name):
        raise ValueError(f"user name {name!r}: use 1 to 100 letters, digits and . _ @ -")
    return name


def check_password(password: str) -> str:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise ValueError(f"password too short: at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise ValueError(f"password too long: at most {MAX_PASSWORD} characters")
    return password


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise ValueError(f"role {role!r}: choose {' or '.join(ROLES)}")
    return role


@cache
def _dummy_hash() -> str:
    return _hasher.hash(secrets.token_urlsafe(16))


def create_user(store: Store, name: str, password: str, role: str = "analyst") -> User:
    check_name(name)
    check_password(password)
    _check_role(role)
    row = UserRow(name=name, password_hash=_hasher.hash(password), role=role, created_at=now(), disabled=False)
    try:
        with store.session() as s, s.begin():
            s.add(row)
    except IntegrityError:
        raise ValueError(f"user {name!r} exists already") from None
    return _user(row)


def get_user(store: Store, name: str) -> User | None:
    with store.session() as s:
        row = s.scalar(select(UserRow).where(UserRow.name == name))
        return _user(row) if row is not None else None


def list_users(store: Store) -> list[User]:
    with store.session() as s:
        return [_user(r) for r in s.scalars(select(UserRow).order_by(UserRow.name))]


def authenticate(store: Store, name: str, password: str) -> User | None:
    """The user, if the name and password are right and the user is not disabled; else None (never raises for bad
    input: a login form passes whatever it got)."""
    row = None
    if isinstance(name, str) and NAME.fullmatch(name):
        with store.session() as s:
            row = s.scalar(select(UserRow).where(UserRow.name == name))
    if not isinstance(password, str) or len(password) > MAX_PASSWORD:
        password = ""
    try:
        _hasher.verify(row.password_hash if row is not None else _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None or row.disabled:
        return None
    if _hasher.check_needs_rehash(row.password_hash):
        with store.session() as s, s.begin():
            s.execute(update(UserRow).where(UserRow.id == row.id)
                      .values(password_hash=_hasher.hash(password)))
    return _user(row)


def set_password(store: Store, name: str, password: str, keep_session: str | None = None) -> int:
    """Change a password and end the user's sessions, all but ``keep_session`` (the key of the session the user
    changed it from, if they did so themselves); returns how many ended. Tokens are kept: they are credentials of
    their own, revoked one by one."""
    password_hash = _hasher.hash(check_password(password))
    with store.session() as s, s.begin():
        uid = _user_id(s, name)
        s.execute(update(UserRow).where(UserRow.id == uid).values(password_hash=password_hash))
        q = delete(SessionRow).where(SessionRow.user_id == uid)
        if keep_session:
            q = q.where(SessionRow.key_hash != token_hash(keep_session))
        return s.execute(q).rowcount


def set_disabled(store: Store, name: str, disabled: bool = True) -> int:
    """A disabled user can neither sign in nor use a session or a token; disabling ends their sessions (returned:
    how many) and refuses their tokens until they are enabled again. Nothing else of theirs is deleted."""
    with store.session() as s, s.begin():
        uid = _user_id(s, name)
        s.execute(update(UserRow).where(UserRow.id == uid).values(disabled=disabled))
        return s.execute(delete(SessionRow).where(SessionRow.user_id == uid)).rowcount if disabled else 0


def _user_id(s, name: str) -> int:
    uid = s.scalar(select(UserRow.id).where(UserRow.name == name))
    if uid is None:
        raise NoSuchUser(name)
    return uid


def start_session(store: Store, user: User, lifetime: dt.timedelta) -> str:
    """A new session for ``user`` that ends after ``lifetime``; returns its key, for the cookie. Sessions that have
    ended are deleted on the way, so the table holds only live ones."""
    key = secrets.token_urlsafe(32)
    at = now()
    with store.session() as s, s.begin():
        s.execute(delete(SessionRow).where(SessionRow.expires_at <= at))
        s.add(SessionRow(key_hash=token_hash(key), user_id=user.id, created_at=at, expires_at=at + lifetime))
    return key


def user_for_session(store: Store, key: str) -> User | None:
    """The user of a live session: None once it was ended, has expired, or its user was disabled."""
    if not isinstance(key, str) or not 0 < len(key) <= 200:
        return None
    with store.session() as s:
        row = s.scalar(select(UserRow).join(SessionRow, SessionRow.user_id == UserRow.id)
                       .where(SessionRow.key_hash == token_hash(key), SessionRow.expires_at > now(),
                              UserRow.disabled.is_(False)))
        return _user(row) if row is not None else None


def end_session(store: Store, key: str) -> bool:
    """Sign-out: the session's key is refused from now on, by every server process."""
    if not isinstance(key, str) or not 0 < len(key) <= 200:
        return False
    with store.session() as s, s.begin():
        return s.execute(delete(SessionRow).where(SessionRow.key_hash == token_hash(key))).rowcount > 0


def end_sessions(store: Store, name: str) -> int:
    """Sign a user out everywhere (a lost laptop); returns how many sessions ended."""
    with store.session() as s, s.begin():
        uid = _user_id(s, name)
        return s.execute(delete(SessionRow).where(SessionRow.user_id == uid)).rowcount


def count_sessions(store: Store, name: str) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(SessionRow).join(UserRow, UserRow.id == SessionRow.user_id)
                        .where(UserRow.name == name, SessionRow.expires_at > now())) or 0


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def issue_token(store: Store, user: User | str, label: str) -> str:
    """A new API token for ``user`` (a User or a name); the caller shows it once, the store cannot show it again."""
    name = user.name if isinstance(user, User) else user
    label = (label or "").strip()
    if not 1 <= len(label) <= 100:
        raise ValueError("token label: give 1 to 100 characters")
    token = secrets.token_urlsafe(32)
    with store.session() as s, s.begin():
        uid = s.scalar(select(UserRow.id).where(UserRow.name == name))
        if uid is None:
            raise NoSuchUser(name)
        s.add(TokenRow(user_id=uid, label=label, token_hash=token_hash(token), created_at=now()))
    return token


def list_tokens(store: Store, user: User | str) -> list[Token]:
    name = user.name if isinstance(user, User) else user
    with store.session() as s:
        return [_token(r) for r in s.scalars(select(TokenRow).join(UserRow, UserRow.id == TokenRow.user_id)
                                             .where(UserRow.name == name).order_by(TokenRow.id))]


def user_for_token(store: Store, token: str) -> User | None:
    """The (enabled) user a token belongs to, or None; notes when the token was last used."""
    if not isinstance(token, str) or not 0 < len(token) <= 200:
        return None
    with store.session() as s, s.begin():
        found = s.execute(select(TokenRow, UserRow).join(UserRow, UserRow.id == TokenRow.user_id)
                          .where(TokenRow.token_hash == token_hash(token))).first()
        if found is None or found[1].disabled:
            return None
        tok, row = found
        at = now()
        if tok.last_used_at is None or at - tok.last_used_at >= TOUCH_EVERY:
            s.execute(update(TokenRow).where(TokenRow.id == tok.id).values(last_used_at=at))
        return _user(row)


def revoke_token(store: Store, token_id: int, user: User | str | None = None) -> bool:
    """Delete a token by its id (only if it is ``user``'s, when given); False when there was none."""
    q = delete(TokenRow).where(TokenRow.id == token_id)
    if user is not None:
        name = user.name if isinstance(user, User) else user
        q = q.where(TokenRow.user_id.in_(select(UserRow.id).where(UserRow.name == name)))
    with store.session() as s, s.begin():
        return s.execute(q).rowcount > 0


def revoke_token_named(store: Store, name: str, which: str) -> Token:
    """Revoke one of ``name``'s tokens, given by its id (as ``armsflow user tokens`` shows it) or its label; the
    token revoked. A label that several of the user's tokens share is refused: the id says which."""
    which = (which or "").strip()
    with store.session() as s, s.begin():
        uid = _user_id(s, name)
        rows = s.scalars(select(TokenRow).where(TokenRow.user_id == uid).order_by(TokenRow.id)).all()
        match = [r for r in rows if which.isdigit() and r.id == int(which)] or [r for r in rows if r.label == which]
        if not match:
            raise ValueError(f"{name} has no token with the id or label {which!r} (see armsflow user tokens {name})")
        if len(match) > 1:
            raise ValueError(f"{len(match)} tokens of {name} are labelled {which!r}: give the id "
                             f"({', '.join(str(r.id) for r in match)})")
        s.execute(delete(TokenRow).where(TokenRow.id == match[0].id))
        return _token(match[0])
