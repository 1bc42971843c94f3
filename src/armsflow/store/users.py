"""The dashboard's users and their API tokens.

Passwords are stored as argon2id hashes with argon2-cffi's default parameters (RFC 9106's low-memory profile). A
hash made with older parameters is replaced at the next successful login. A login with a name that does not exist
still verifies a password (against a dummy hash), so the response time does not tell which names exist.

An API token is 32 random bytes, shown once when it is issued. The store keeps only its SHA-256: a token is too
long to guess, so a fast hash is enough, and a token can be looked up by its hash.

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
from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, delete, select, update
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


def _update_user(store: Store, name: str, **values) -> None:
    with store.session() as s, s.begin():
        if s.execute(update(UserRow).where(UserRow.name == name).values(**values)).rowcount == 0:
            raise NoSuchUser(name)


def set_password(store: Store, name: str, password: str) -> None:
    _update_user(store, name, password_hash=_hasher.hash(check_password(password)))


def set_disabled(store: Store, name: str, disabled: bool = True) -> None:
    """A disabled user can neither log in nor use a token; nothing of theirs is deleted."""
    _update_user(store, name, disabled=disabled)


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
