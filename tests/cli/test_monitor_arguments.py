"""`armsflow monitor` refuses bad arguments the way every verb does: one line naming the option, exit 2, no
traceback, and no store opened (the arguments are checked first)."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from armsflow.cli import app

HOOK = ["--webhook-url", "http://127.0.0.1:9/hook"]
CASES = [
    (["--every", "soon"] + HOOK, "--every 'soon': expected a duration"),
    (["--every", "0s"] + HOOK, "--every '0s': must be longer than zero"),
    (["--once", "--every", "1h"] + HOOK, "--once and --every: give one of them"),
    ([], "nowhere to deliver"),
    (["--notify", "webhook"], "--notify webhook needs --webhook-url"),
    (["--notify", "webhook", "--webhook-url", "ftp://x/"], "--notify webhook needs --webhook-url"),
    (["--notify", "email", "--mail-to", "desk@example.org"], "--notify email needs --mail-from and --mail-to"),
    (["--mail-from", "a@example.org", "--mail-to", "b@example.org", "--smtp-port", "70000"], "--smtp-port 70000"),
    (["--notify", "file"], "--notify file needs --out FILE"),
    (["--out", "{tmp}/no/such/folder/alerts.jsonl"], "not a file in an existing folder"),
    (["--fetch-timeout", "0"] + HOOK, "--fetch-timeout 0: must be a positive number"),
    (["--limit", "nonsense=3"] + HOOK, "--limit"),
]


@pytest.mark.parametrize("args, problem", CASES, ids=[c[1] for c in CASES])
def test_a_bad_argument_is_one_line_and_exit_2(tmp_path, monkeypatch, args, problem):
    monkeypatch.setenv("ARMSFLOW_HOME", str(tmp_path / "home"))
    db = tmp_path / "never.db"
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = CliRunner().invoke(app, ["monitor", str(tmp_path / "feeds.list"), "--once", *args, "--db", str(db)]
                                if "--every" not in args else
                                ["monitor", str(tmp_path / "feeds.list"), *args, "--db", str(db)])
    assert result.exit_code == 2, (result.stdout, result.stderr)
    [line] = result.stderr.splitlines()
    assert line.startswith("armsflow: ") and problem in line, line
    assert "Traceback" not in result.stderr + result.stdout and result.stdout == ""
    assert not list(tmp_path.glob("never.db*"))


def test_an_unknown_watch_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("ARMSFLOW_HOME", str(tmp_path / "home"))
    result = CliRunner().invoke(app, ["monitor", str(tmp_path / "feeds.list"), "--once", "--watch", "nope",
                                      "--out", str(tmp_path / "a.jsonl"), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 2 and result.stderr == "armsflow: no watch named 'nope'\n", result.stderr
