"""User verbs: the dashboard's accounts and API tokens (store/users.py). Passwords are typed at a hidden prompt, or
given in ARMSFLOW_PASSWORD by scripts; they never appear on the command line, where `ps` would show them."""
from __future__ import annotations

import os
from typing import Optional

import typer

from armsflow.cli import _err, app
from armsflow.cli.output import Format, emit
from armsflow.cli.review import _one_line_errors
from armsflow.cli.store import DB_HELP, open_db

user_app = typer.Typer(help="Users of the web dashboard and their API tokens.", no_args_is_help=True)
app.add_typer(user_app, name="user")


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
    """Set a user's password (asked for twice, or read from ARMSFLOW_PASSWORD)."""
    from armsflow.store.users import NoSuchUser, get_user, set_password

    store = open_db(db)
    with _one_line_errors():
        if get_user(store, name) is None:
            raise ValueError(str(NoSuchUser(name)))
        set_password(store, name, _password(name))
    typer.echo(f"password of {name} changed")


@user_app.command("list")
def user_list(
    fmt: Format = typer.Option(Format.table, "--format"),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Every user, with role and whether the account is disabled."""
    from armsflow.store.users import list_users

    rows = list_users(open_db(db))
    emit(rows, ["name", "role", "created_at", "disabled"], fmt, title=f"{len(rows)} users")


@user_app.command("token")
def user_token(
    name: str,
    label: str = typer.Option(..., "--label", help="What the token is for, such as the script that uses it."),
    db: Optional[str] = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Issue an API token for a user and print it. It is shown this once: the store keeps only its hash."""
    from armsflow.store.users import NoSuchUser, issue_token

    store = open_db(db)
    with _one_line_errors():
        try:
            token = issue_token(store, name, label)
        except NoSuchUser as exc:
            raise ValueError(str(exc)) from None
    _err(f"token {label!r} for {name}; copy it now, it cannot be shown again")
    typer.echo(token)
