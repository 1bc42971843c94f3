"""`armsflow user add|passwd|list|token|tokens|disable|enable|signout` through typer's CliRunner, on SQLite and
PostgreSQL."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from armsflow.cli import app
from armsflow.store import open_store
from armsflow.store.users import authenticate, get_user, start_session, user_for_session, user_for_token


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

    out = run("user", "list", "--format", "jsonl", "--db", store_url)
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
    (["disable", "nobody"], {}, "no user named 'nobody'"),
    (["enable", "nobody"], {}, "no user named 'nobody'"),
    (["signout", "nobody"], {}, "no user named 'nobody'"),
    (["tokens", "nobody"], {}, "no user named 'nobody'"),
    (["token", "list", "nobody"], {}, "no user named 'nobody'"),
    (["token", "revoke", "nobody", "1"], {}, "no user named 'nobody'"),
    (["token", "revoke", "ana", "7"], {}, "ana has no token with the id or label '7'"),
    (["token", "revoke", "ana", "no such label"], {}, "no token with the id or label 'no such label'"),
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


def _session(url, name):
    import datetime as dt

    store = open_store(url)
    try:
        return start_session(store, get_user(store, name), dt.timedelta(hours=1))
    finally:
        store.engine.dispose()


def test_disable_enable_and_signout_end_sessions_and_refuse_tokens(store_url):
    assert run("user", "add", "ana", "--db", store_url, env={"ARMSFLOW_PASSWORD": "first one"}).exit_code == 0
    token = run("user", "token", "ana", "--label", "nightly", "--db", store_url).stdout.strip()
    sessions = [_session(store_url, "ana") for _ in range(2)]

    out = run("user", "disable", "ana", "--db", store_url)
    assert out.exit_code == 0, out.output
    assert out.stdout.strip() == ("user ana disabled; 2 browser sessions ended, 1 API token refused until "
                                  "`armsflow user enable ana`")
    assert check(store_url, user_for_token, token) is None
    assert [check(store_url, user_for_session, k) for k in sessions] == [None, None]
    assert check(store_url, authenticate, "ana", "first one") is None
    out = run("user", "list", "--format", "jsonl", "--db", store_url)
    assert json.loads(out.stdout)["disabled"] is True

    out = run("user", "enable", "ana", "--db", store_url)
    assert out.exit_code == 0 and out.stdout.strip() == "user ana enabled"
    assert check(store_url, user_for_token, token).name == "ana"
    assert check(store_url, authenticate, "ana", "first one") is not None

    key = _session(store_url, "ana")
    out = run("user", "signout", "ana", "--db", store_url)
    assert out.exit_code == 0 and out.stdout.strip() == "1 browser session of ana ended"
    assert check(store_url, user_for_session, key) is None
    assert check(store_url, user_for_token, token).name == "ana"            # a sign-out leaves tokens alone

    key = _session(store_url, "ana")
    out = run("user", "passwd", "ana", "--db", store_url, env={"ARMSFLOW_PASSWORD": "second one"})
    assert out.exit_code == 0 and "1 browser session ended" in out.stdout
    assert check(store_url, user_for_session, key) is None


def test_tokens_are_listed_and_revoked_by_id_or_label(store_url):
    assert run("user", "add", "ana", "--db", store_url, env={"ARMSFLOW_PASSWORD": "first one"}).exit_code == 0
    tokens = [run("user", "token", "ana", "--label", label, "--db", store_url).stdout.strip()
              for label in ("nightly", "notebook", "notebook")]
    assert run("user", "token", "issue", "ana", "--label", "explicit", "--db", store_url).exit_code == 0
    out = run("user", "tokens", "ana", "--format", "jsonl", "--db", store_url)
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [(r["id"], r["label"], r["last_used_at"]) for r in rows] == [
        (1, "nightly", None), (2, "notebook", None), (3, "notebook", None), (4, "explicit", None)]
    assert not any(t in out.stdout for t in tokens)                            # only hashes are kept
    assert run("user", "token", "list", "ana", "--format", "jsonl", "--db", store_url).stdout == out.stdout
    table = run("user", "tokens", "ana", "--format", "table", "--db", store_url)
    assert table.exit_code == 0 and "4 API tokens of ana" in table.stdout

    out = run("user", "token", "revoke", "ana", "notebook", "--db", store_url)
    assert out.exit_code == 2 and "2 tokens of ana are labelled 'notebook': give the id (2, 3)" in out.output
    out = run("user", "token", "revoke", "ana", "3", "--db", store_url)
    assert out.exit_code == 0 and out.stdout.strip() == "token 3 ('notebook') of ana revoked"
    assert run("user", "token", "revoke", "ana", "notebook", "--db", store_url).exit_code == 0
    assert run("user", "token", "revoke", "ana", "nightly", "--db", store_url).exit_code == 0
    assert [check(store_url, user_for_token, t) for t in tokens] == [None, None, None]
    rows = [json.loads(line) for line in run("user", "tokens", "ana", "--format", "jsonl", "--db",
                                             store_url).stdout.splitlines()]
    assert [r["label"] for r in rows] == ["explicit"]
