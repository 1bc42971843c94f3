"""Every verb that takes a state, a region, a pair, a year or a period refuses a bad one the same way: exit status 2,
one line on stderr that names the argument and the problem, no traceback, and nothing written (not even the store
file, which is opened only after the arguments are checked)."""
from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from armsflow.cli import app

# (verb and its other arguments, the bad argument, its value, a word of the problem)
UNKNOWN_ACTOR = "unknown state or actor"
UNKNOWN_REGION = "unknown region"
REVERSED = "ends before it starts"
NOT_A_YEAR = "give a year"

VERBS_WITH_PERIOD = [
    ["transfers"], ["export", "--format", "csv"], ["shares"], ["blocs"], ["entrants"], ["dyads"], ["drones"],
    ["network"], ["diff-register"], ["ceilings"], ["brief", "--region", "western-balkans", "--out", "{out}"],
]
VERBS_WITH_REGION = [
    ["transfers"], ["export", "--format", "csv"], ["shares"], ["blocs"], ["entrants"], ["dyads"], ["drones"],
    ["network"], ["diff-register"], ["brief", "--out", "{out}", "--region"], ["watch", "add", "w"],
]
ACTOR_OPTIONS = [
    (["transfers"], "--supplier"), (["transfers"], "--recipient"), (["export", "--format", "csv"], "--supplier"),
    (["export", "--format", "csv"], "--recipient"), (["claims"], "--supplier"), (["claims"], "--recipient"),
    (["shares"], "--recipient"), (["blocs"], "--recipient"), (["entrants"], "--recipient"),
    (["drones"], "--recipient"), (["network"], "--state"), (["components", "depends"], "--state"),
    (["components", "embargo"], "--state"), (["watch", "add", "w"], "--supplier"),
    (["watch", "add", "w"], "--recipient"),
]


def _cases():
    for verb in VERBS_WITH_PERIOD:
        yield verb + ["--since", "2024", "--until", "2015"], "--since", REVERSED
        yield verb + ["--since", "2020-06", "--until", "2020-01"], "--since", REVERSED
        yield verb + ["--until", "20x4"], "--until", NOT_A_YEAR
    for verb in VERBS_WITH_REGION:
        region = [] if verb[-1] == "--region" else ["--region"]
        yield verb + region + ["atlantis"], "--region", UNKNOWN_REGION
    for verb, option in ACTOR_OPTIONS:
        yield verb + [option, "ZZZ"], option, UNKNOWN_ACTOR
    yield ["components", "depends", "--state", "wagner"], "--state", "not a state"
    yield ["components", "embargo", "--state", "CAN", "--since", "last year"], "--since", NOT_A_YEAR
    yield ["dyads", "--pair", "SRB-ZZZ"], "--pair", "'ZZZ' is not a state code"
    yield ["dyads", "--pair", "SRB"], "--pair", "two state codes"
    yield ["dyads", "--pair", "srb-SRB"], "--pair", "two different sides"
    yield ["transfers", "--category", "spaceship"], "--category", "unknown category"
    yield ["export", "--format", "csv", "--status", "rumoured"], "--status", "unknown status"
    yield ["network", "--year", "99999"], "--year", "give a year"


CASES = list(_cases())


@pytest.mark.parametrize("args, argument, problem", CASES, ids=[" ".join(c[0]) for c in CASES])
def test_a_bad_argument_is_one_line_and_exit_2(tmp_path, monkeypatch, args, argument, problem):
    monkeypatch.setenv("ARMSFLOW_HOME", str(tmp_path / "home"))
    out = tmp_path / "brief.md"
    db = tmp_path / "never.db"
    args = [a.replace("{out}", str(out)) for a in args] + ["--db", str(db)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"armsflow: {argument} ") and problem in lines[0], lines[0]
    assert "Traceback" not in result.stderr + result.stdout and result.stdout == ""
    assert not out.exists() and not db.exists() and not list(tmp_path.glob("never.db*"))


def test_the_issue_examples_through_a_real_process(tmp_path):
    """The four cases of the report, run as a user runs them."""
    env_home = tmp_path / "home"
    out = tmp_path / "brief.md"
    db = tmp_path / "store.db"
    for args, argument in ((["dyads", "--pair", "SRB-ZZZ"], "--pair"), (["network", "--state", "ZZZ"], "--state"),
                           (["transfers", "--recipient", "ZZZ"], "--recipient"),
                           (["brief", "--region", "western-balkans", "--since", "2024", "--until", "2015", "--out",
                             str(out)], "--since")):
        done = subprocess.run([sys.executable, "-m", "armsflow", *args, "--db", str(db)], capture_output=True,
                              env={"ARMSFLOW_HOME": str(env_home), "PATH": "/usr/bin:/bin",
                                   "PYTHONPATH": ":".join(sys.path)}, timeout=120)
        err = done.stderr.decode()
        assert done.returncode == 2 and len(err.splitlines()) == 1 and err.startswith(f"armsflow: {argument} "), err
        assert done.stdout == b""
    assert not out.exists() and not db.exists()


@pytest.mark.parametrize("args", [["transfers", "--recipient", "serbia"], ["transfers", "--recipient", "srb"],
                                  ["shares", "--region", "Western Balkans"], ["network", "--state", "wagner"],
                                  ["dyads", "--pair", "srb-xkx"], ["transfers", "--since", "2015-06-01"],
                                  ["transfers", "--supplier", "NATO"], ["export", "--format", "csv", "--supplier",
                                                                        "eu"]])
def test_good_arguments_in_any_spelling_are_taken(tmp_path, monkeypatch, args):
    monkeypatch.setenv("ARMSFLOW_HOME", str(tmp_path / "home"))
    result = CliRunner().invoke(app, args + ["--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.stderr
