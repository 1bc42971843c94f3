"""Progress bars (cli/progress.py): drawn on a terminal's stderr, silent with --quiet and when stderr is a pipe; the
engine reports to them through armsflow/progress.py and stdout keeps the verb's output only."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analyze"))
from small_store import DEALS, PREAMBLE  # noqa: E402
from terminal import on_terminal  # noqa: E402

ARTICLE = "Turkey delivered six Bayraktar TB2 drones to Kosovo in 2023, the ministry said.\n"


def test_the_bar_draws_each_step_on_a_terminal_only():
    from armsflow.cli.progress import progress_bar
    from armsflow.progress import stages

    def drive(console, quiet=False):
        with progress_bar(quiet, console=console) as bar:
            at = stages(bar, "fusing", ["reading claims", "writing records"])
            at("reading claims")
            at("writing records")
            bar("ingesting: documents read", 7)

    shown = io.StringIO()
    drive(Console(file=shown, force_terminal=True, width=120))
    assert "fusing: reading claims" in shown.getvalue() and "fusing: writing records" in shown.getvalue()
    assert "1/2" in shown.getvalue() and "7/?" in shown.getvalue()
    for console, quiet in ((Console(file=io.StringIO(), force_terminal=True), True),
                           (Console(file=io.StringIO(), force_terminal=False), False)):
        drive(console, quiet)
        assert console.file.getvalue() == ""


def _run(args, tmp_path, stderr_on_terminal: bool):
    """The command with stdout piped and stderr on a pseudo-terminal (or piped): (exit status, stdout, stderr)."""
    env = {**os.environ, "ARMSFLOW_HOME": str(tmp_path / "home"), "COLUMNS": "160", "TERM": "xterm"}
    env.pop("ARMSFLOW_FORMAT", None)
    cmd = [sys.executable, "-m", "armsflow", *args]
    if not stderr_on_terminal:
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
        return proc.returncode, proc.stdout, proc.stderr
    return on_terminal(cmd, env, "stderr")


@pytest.fixture
def register(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text(PREAMBLE + DEALS, encoding="latin-1")
    return path


@pytest.mark.parametrize("where", ["terminal", "quiet", "pipe"])
def test_import_register_shows_its_stages_on_a_terminal(tmp_path, register, where):
    db = f"sqlite:///{tmp_path / 'store.db'}"
    args = ["import-register", "sipri", str(register), "--db", db] + (["--quiet"] if where == "quiet" else [])
    status, out, err = _run(args, tmp_path, stderr_on_terminal=where != "pipe")
    assert status == 0, err
    assert "imported" in out and "\x1b" not in out                   # stdout: the summary line, no escape codes
    if where == "terminal":
        assert "importing: storing deals and records" in err and "importing: state summaries" in err
    else:
        assert "importing" not in err and "\x1b[" not in err


@pytest.mark.parametrize("where", ["terminal", "quiet", "pipe"])
def test_extract_bar_is_on_stderr_and_the_claims_on_stdout(tmp_path, where):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    args = ["extract", str(article)] + (["--quiet"] if where == "quiet" else [])
    status, out, err = _run(args, tmp_path, stderr_on_terminal=where != "pipe")
    assert status == 0, err
    [claim] = [json.loads(line) for line in out.splitlines()]        # stdout is a pipe: JSON Lines, nothing else
    assert (claim["supplier"], claim["recipient"]) == ("TUR", "XKX")
    assert ("extracting: documents read" in err) is (where == "terminal")
    if where != "terminal":
        assert "\x1b[" not in err
