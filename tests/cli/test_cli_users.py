"""`armsflow user add|passwd|list|token` through typer's CliRunner, on SQLite and PostgreSQL."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from armsflow.cli import app
from armsflow.store import open_store
from armsflow.store.users import authenticate, user_for_token


def run(*args, input=None, env=None):
    return CliRunner().invoke(app, list(args), input=input, env=env or {})


def check(url, fn, *args):
    store = open_store(url)
    try:
        return fn(store, *args)
    finally:
        store.engine.dispose()


def test_add_with_prompt_or_environment_then_list_and_token(store_url, monkeypatch):
    monkeypatch.delenv("ARMSFLOW_PASSWORD", raising=False)
    out = run("user", "add", "ana", "--role", "admin", "--db", store_url, input="s3cret pass\ns3cret pass\n")
    assert out.exit_code == 0, out.output
    assert "s3cret" not in out.output and "user ana added (admin)" in out.output
    assert check(store_url, authenticate, "ana", "s3cret pass").role == "admin"

    out = run("user", "add", "bot", "--db", store_url, env={"ARMSFLOW_PASSWORD": "from the env"})
    assert out.exit_code == 0 and "(analyst)" in out.output
    assert check(store_url, authenticate, "bot", "from the env") is not None

    out = run("user", "list", "--format", "json", "--db", store_url)
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [(r["name"], r["role"], r["disabled"]) for r in rows] == [("ana", "admin", False),
                                                                     ("bot", "analyst", False)]
    assert "password" not in out.stdout

    out = run("user", "token", "bot", "--label", "nightly", "--db", store_url)
    assert out.exit_code == 0
    token = out.stdout.strip()
    assert check(store_url, user_for_token, token).name == "bot"
    assert "cannot be shown again" in out.stderr

    out = run("user", "passwd", "bot", "--db", store_url, env={"ARMSFLOW_PASSWORD": "another one"})
    assert out.exit_code == 0 and check(store_url, authenticate, "bot", "another one") is not None


@pytest.mark.parametrize("args, env, message", [
    (["add", "bad name"], {"ARMSFLOW_PASSWORD": "long enough"}, "user name"),
    (["add", "cy"], {"ARMSFLOW_PASSWORD": "short"}, "at least 8"),
    (["add", "cy", "--role", "root"], {"ARMSFLOW_PASSWORD": "long enough"}, "--role 'root'"),
    (["add", "ana"], {"ARMSFLOW_PASSWORD": "long enough"}, "exists already"),
    (["token", "nobody", "--label", "x"], {}, "no user named 'nobody'"),
    (["token", "ana", "--label", " "], {}, "label"),
    (["passwd", "nobody"], {"ARMSFLOW_PASSWORD": "long enough"}, "no user named 'nobody'"),
])
def test_errors_are_one_line_with_status_2(store_url, args, env, message):
    assert run("user", "add", "ana", "--db", store_url, env={"ARMSFLOW_PASSWORD": "first one"}).exit_code == 0
    out = run("user", *args, "--db", store_url, env=env)
    assert out.exit_code == 2, out.output
    assert message in out.output and "Traceback" not in out.output
    assert len(out.output.strip().splitlines()) == 1


def test_mismatched_confirmation_is_asked_again(store_url, monkeypatch):
    monkeypatch.delenv("ARMSFLOW_PASSWORD", raising=False)
    out = run("user", "add", "cy", "--db", store_url, input="first pass\nother pass\nright pass\nright pass\n")
    assert out.exit_code == 0, out.output
    assert check(store_url, authenticate, "cy", "right pass") is not None
