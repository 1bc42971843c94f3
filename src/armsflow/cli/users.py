"""User verbs: the dashboard's accounts, their sessions and API tokens (store/users.py). Passwords are typed at a
hidden prompt, or given in ARMSFLOW_PASSWORD by scripts; they never appear on the command line, where `ps` would
show them. Disabling a user, changing a password and `user signout` end the user's browser sessions at once."""
from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Optional

import typer
from typer.core import TyperGroup

from armsflow.cli import _err, app
from armsflow.cli.output import Format, FormatOption, emit
from armsflow.cli.store import DB_HELP, open_db
from armsflow.cli.store import one_line_errors as _one_line_errors

user_app = typer.Typer(help="Users of the web dashboard and their API tokens.", no_args_is_help=True)
app.add_typer(user_app, name="user")



class _IssueByDefault(TyperGroup):
    """`user token NAME --label L` (issue, as before there were other token verbs) or `user token revoke|list ...`."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["issue", *args]
        return super().parse_args(ctx, args)


token_app = typer.Typer(cls=_IssueByDefault, no_args_is_help=True,
                        help="API tokens: `token NAME --label L` issues one, `token revoke NAME ID|LABEL` revokes one, "
                             "`token list NAME` lists them.")
user_app.add_typer(token_app, name="token")


@contextmanager
def _known_user():
    """One-line errors, with an unknown user name among them."""
    from armsflow.store.users import NoSuchUser

    with _one_line_errors():
        try:
            yield
        except NoSuchUser as exc:
            raise ValueError(str(exc)) from None


def _password(name: str) -> str:
    given = os.environ.get("ARMSFLOW_PASSWORD")
    if given is not None:
        return given
    return typer.prompt(f"Password for {name}", hide_input=True, confirmation_prompt=True)


@user_app.command("add")
def user_add(
    name: str = typer.Argument(..., help="1 to 100 letters, digits and . _ @ -"),
    role: str = typer.Option("analyst", "--role", metavar="analyst|admin"),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Create a user; the password is asked for twice (or read from ARMSFLOW_PASSWORD)."""
    from armsflow.store.users import ROLES, check_name, create_user

    with _one_line_errors():
        check_name(name)                  # before the prompt, so nobody types a password in vain
        if role not in ROLES:
            raise ValueError(f"--role {role!r}: choose {' or '.join(ROLES)}")
        store = open_db(db)
        user = create_user(store, name, _password(name), role)
    typer.echo(f"user {user.name} added ({user.role})")


@user_app.command("passwd")
def user_passwd(name: str, db: Optional[str] = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Set a user's password (asked for twice, or read from ARMSFLOW_PASSWORD); their browser sessions end."""
    from armsflow.store.users import NoSuchUser, get_user, set_password

    store = open_db(db)
    with _known_user():
        if get_user(store, name) is None:
            raise NoSuchUser(name)
        ended = set_password(store, name, _password(name))
    typer.echo(f"password of {name} changed; {_sessions(ended)} ended")


def _sessions(n: int) -> str:
    return f"{n} browser session{'' if n == 1 else 's'}"


@user_app.command("disable")
def user_disable(name: str, db: Optional[str] = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Disable a user: no sign-in, their browser sessions end now, their API tokens are refused (kept, and honoured
    again after `user enable`; revoke them with `user token revoke`)."""
    from armsflow.store.users import list_tokens, set_disabled

    store = open_db(db)
    with _known_user():
        ended = set_disabled(store, name, True)
        tokens = len(list_tokens(store, name))
    typer.echo(f"user {name} disabled; {_sessions(ended)} ended, {tokens} API token{'' if tokens == 1 else 's'} "
               f"refused until `armsflow user enable {name}`")


@user_app.command("enable")
def user_enable(name: str, db: Optional[str] = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Enable a disabled user again: they may sign in, and their API tokens work again."""
    from armsflow.store.users import set_disabled

    store = open_db(db)
    with _known_user():
        set_disabled(store, name, False)
    typer.echo(f"user {name} enabled")


@user_app.command("signout")
def user_signout(name: str, db: Optional[str] = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """End every browser session of a user (a lost laptop), without disabling them; tokens are not touched."""
    from armsflow.store.users import end_sessions

    store = open_db(db)
    with _known_user():
        ended = end_sessions(store, name)
    typer.echo(f"{_sessions(ended)} of {name} ended")


@user_app.command("list")
def user_list(
    fmt: FormatOption = None,
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Every user, with role and whether the account is disabled."""
    from armsflow.store.users import list_users

    rows = list_users(open_db(db))
    emit(rows, ["name", "role", "created_at", "disabled"], fmt, title=f"{len(rows)} users")


@token_app.command("issue")
def user_token(
    name: str,
    label: str = typer.Option(..., "--label", help="What the token is for, such as the script that uses it."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Issue an API token for a user and print it. It is shown this once: the store keeps only its hash."""
    from armsflow.store.users import issue_token

    store = open_db(db)
    with _known_user():
        token = issue_token(store, name, label)
    _err(f"token {label!r} for {name}; copy it now, it cannot be shown again")
    typer.echo(token)


@token_app.command("revoke")
def user_token_revoke(
    name: str,
    token: str = typer.Argument(..., metavar="ID|LABEL", help="The token's id (see `user tokens NAME`) or label."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Revoke one of a user's API tokens: it is refused from the next request on."""
    from armsflow.store.users import revoke_token_named

    store = open_db(db)
    with _known_user():
        gone = revoke_token_named(store, name, token)
    typer.echo(f"token {gone.id} ({gone.label!r}) of {name} revoked")


def _list_tokens(name: str, fmt: Format | None, db: Optional[str]) -> None:
    from armsflow.store.users import NoSuchUser, get_user, list_tokens

    store = open_db(db)
    with _known_user():
        if get_user(store, name) is None:
            raise NoSuchUser(name)
        rows = list_tokens(store, name)
    emit(rows, ["id", "label", "created_at", "last_used_at"], fmt, title=f"{len(rows)} API tokens of {name}")


@user_app.command("tokens")             # the same command, shorter
@token_app.command("list")
def user_token_list(
    name: str,
    fmt: FormatOption = None,
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """A user's API tokens: id, label, when issued and last used (never the token itself)."""
    _list_tokens(name, fmt, db)
