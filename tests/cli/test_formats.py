"""One --format for every listing verb (cli/output.py), on a real SQLite store: json is one JSON array, jsonl one
object per line, csv a header and one row each, all with the same fields; and the fields are the REST API's, value
for value, for the verbs the API also answers."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from armsflow.cli import app
from armsflow.cli.output import cell

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analyze"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from small_store import build_small_store  # noqa: E402
from terminal import on_terminal  # noqa: E402

ARTICLE = "Turkey delivered six Bayraktar TB2 drones to Kosovo in 2023, the ministry said.\n"

# every verb that lists, with arguments that give it rows on the small store (a few give none: embargo)
VERBS = {
    "transfers": ["transfers"],
    "claims": ["claims"],
    "sources": ["sources"],
    "diff-register": ["diff-register"],
    "shares": ["shares", "--recipient", "SRB"],
    "blocs": ["blocs", "--recipient", "SRB"],
    "blocs-trend": ["blocs", "--recipient", "SRB", "--trend"],
    "entrants": ["entrants", "--region", "western-balkans", "--since", "2020"],
    "dyads": ["dyads", "--pair", "SRB-XKX", "--since", "2020"],
    "dyads-escalation": ["dyads", "--pair", "SRB-XKX", "--escalation"],
    "drones": ["drones", "--region", "western-balkans"],
    "drones-operators": ["drones", "--by", "operator"],
    "network": ["network", "--state", "SRB"],
    "ceilings": ["ceilings", "--since", "2015"],
    "components-depends": ["components", "depends", "--state", "TUR", "--category", "uav"],
    "components-summary": ["components", "depends", "--state", "TUR", "--summary"],
    "components-embargo": ["components", "embargo", "--state", "TUR"],
    "components-hosts": ["components", "embargo", "--state", "TUR", "--hosts"],
    "watch-list": ["watch", "list"],
    "watch-run": ["watch", "run", "--dry-run"],
    "user-list": ["user", "list"],
    "user-tokens": ["user", "tokens", "ana"],
    "extract": ["extract", "ARTICLE"],
}
# the verbs the API answers too: CLI verb -> (API path, how its rows are read)
API = {
    "transfers": "/api/v1/records?limit=1000",
    "claims": "/api/v1/claims?limit=1000",
    "sources": "/api/v1/documents?limit=1000",
    "shares": "/api/v1/analyses/shares?recipient=SRB",
    "blocs": "/api/v1/analyses/blocs?recipient=SRB",
    "blocs-trend": "/api/v1/analyses/blocs?recipient=SRB&trend=true",
    "entrants": "/api/v1/analyses/entrants?region=western-balkans&since=2020",
    "dyads": "/api/v1/analyses/dyads?pair=SRB-XKX&since=2020",
    "dyads-escalation": "/api/v1/analyses/dyads?pair=SRB-XKX&escalation=true",
    "drones": "/api/v1/analyses/drones?region=western-balkans",
    "drones-operators": "/api/v1/analyses/drones?by=operator",
    "network": "/api/v1/analyses/network?state=SRB",
}


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """The small store of the analyze tests, a user with a token, a watch that reports every claim, an article."""
    from armsflow.store import open_store
    from armsflow.store.users import create_user, issue_token
    from armsflow.store.watches import add_watch
    from armsflow.watch.match import Criteria

    folder = tmp_path_factory.mktemp("formats")
    url = f"sqlite:///{folder / 'small.db'}"
    store = open_store(url)
    build_small_store(store, folder)
    create_user(store, "ana", "a long password")
    issue_token(store, "ana", "nightly")
    add_watch(store, "serbia", "claims", Criteria(recipient="SRB"), created_by="ana", backfill=True)
    store.engine.dispose()
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    return {"url": url, "article": str(folder / "article.txt"), "home": str(folder / "home")}


def run(world, *args, env=None):
    args = [world["article"] if a == "ARTICLE" else a for a in args]
    if args[0] != "extract":
        args += ["--db", world["url"]]
    result = CliRunner().invoke(app, args, env={"ARMSFLOW_HOME": world["home"], "ARMSFLOW_FORMAT": None,
                                                **(env or {})})
    assert result.exit_code == 0, (args, result.output)
    return result


def jsonl(world, verb) -> list[dict]:
    return [json.loads(line) for line in run(world, *VERBS[verb], "--format", "jsonl").stdout.splitlines()]


@pytest.mark.parametrize("verb", VERBS)
@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "table"])
def test_every_listing_verb_speaks_every_format(world, verb, fmt):
    rows = jsonl(world, verb)
    assert all(isinstance(r, dict) for r in rows)
    out = run(world, *VERBS[verb], "--format", fmt).stdout
    if fmt == "json":
        assert json.loads(out) == rows                                # one array: the same objects
    elif fmt == "jsonl":
        assert [json.loads(line) for line in out.splitlines()] == rows
    elif fmt == "csv":
        table = list(csv.reader(io.StringIO(out)))
        assert table, "a CSV has a header even with no rows"
        header, body = table[0], table[1:]
        assert len(body) == len(rows)
        if rows:
            assert header == list(rows[0])                            # the same field names, in the same order
            for line, row in zip(body, rows):
                assert line == [cell(row[f]) for f in header]     # null empty, nested as JSON
    elif verb != "watch-run":                                         # the run's human form is its digest
        assert "┃" in out or rows == [] and "no watches" in out, out  # a rich table's header row


def test_the_verbs_list_something(world):
    """The parametrised test above reads rows, not empty outputs: most verbs give some on the small store."""
    empty = sorted(v for v in VERBS if not jsonl(world, v))
    assert empty == ["components-embargo"]


@pytest.fixture(scope="module")
def client(world):
    from fastapi.testclient import TestClient

    from armsflow.store import open_store
    from websupport import make_app

    store = open_store(world["url"])
    with TestClient(make_app(store)) as c:
        yield c
    store.engine.dispose()


@pytest.mark.parametrize("verb", API)
def test_cli_rows_are_the_apis_rows(world, client, verb):
    got = client.get(API[verb])
    assert got.status_code == 200, got.text
    body = got.json()
    api_rows = body["items"] if "items" in body else body["rows"]
    cli_rows = jsonl(world, verb)
    assert cli_rows and len(cli_rows) == len(api_rows)
    if "items" in body:                                     # records, claims, documents: the same objects by id
        assert {r["id"]: r for r in cli_rows} == {r["id"]: r for r in api_rows}
    else:                                                   # an analysis: the same rows in the same order
        assert cli_rows == api_rows


def test_show_is_the_apis_record(world, client):
    for record_id in (r["id"] for r in jsonl(world, "transfers")):
        shown = json.loads(run(world, "show", str(record_id), "--format", "json").stdout)
        assert shown == client.get(f"/api/v1/records/{record_id}").json()
        line = run(world, "show", str(record_id), "--format", "jsonl").stdout
        assert line.count("\n") == 1 and json.loads(line) == shown
        [row] = csv.DictReader(io.StringIO(run(world, "show", str(record_id), "--format", "csv").stdout))
        assert row["id"] == str(record_id) and row["supplier_name"] == (shown["supplier_name"] or "")


def test_transfers_csv_is_the_export(world):
    """`transfers --format csv` and `export --format csv` write one file for the same filter."""
    listed = run(world, "transfers", "--recipient", "SRB", "--format", "csv").stdout
    exported = run(world, "export", "--recipient", "SRB", "--format", "csv").stdout
    assert listed == exported and listed.count("\n") > 1


def test_default_is_jsonl_off_a_terminal_and_the_environment_chooses(world):
    assert run(world, "transfers").stdout == run(world, "transfers", "--format", "jsonl").stdout
    by_env = run(world, "transfers", env={"ARMSFLOW_FORMAT": "csv"}).stdout
    assert by_env == run(world, "transfers", "--format", "csv").stdout
    # the option wins over the environment
    assert run(world, "transfers", "--format", "json", env={"ARMSFLOW_FORMAT": "csv"}).stdout.startswith("[")
    bad = CliRunner().invoke(app, ["transfers", "--db", world["url"]], env={"ARMSFLOW_FORMAT": "xml"})
    assert bad.exit_code == 2 and "ARMSFLOW_FORMAT='xml'" in bad.stderr and "Traceback" not in bad.output
    assert CliRunner().invoke(app, ["claims", "--format", "yaml", "--db", world["url"]]).exit_code == 2


def test_watch_run_prints_its_digest_off_a_terminal_too(world):
    """cron mails what a run prints: the digest, unless a format is asked for."""
    out = run(world, "watch", "run", "--dry-run").stdout
    assert out.startswith("== serbia") and "dry run: nothing marked as seen" in out


def test_a_terminal_gets_a_table(world):
    """On a (pseudo-)terminal the default is a table; the same command through a pipe prints JSON Lines."""
    env = {**os.environ, "ARMSFLOW_HOME": world["home"], "COLUMNS": "200"}
    env.pop("ARMSFLOW_FORMAT", None)
    cmd = [sys.executable, "-m", "armsflow", "user", "list", "--db", world["url"]]
    status, shown, err = on_terminal(cmd, env, "stdout")
    assert status == 0, err
    assert "1 users" in shown and "ana" in shown and "{" not in shown
    piped = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert [json.loads(line)["name"] for line in piped.stdout.splitlines()] == ["ana"]


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "table"])
def test_a_reader_that_goes_away_is_a_quiet_exit(world, fmt):
    """`armsflow network ... | head`: the pipe closes before the rows are written; nothing on stderr, status 0."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    env = {**os.environ, "ARMSFLOW_HOME": world["home"]}
    try:
        proc = subprocess.run([sys.executable, "-m", "armsflow", "network", "--state", "SRB", "--format", fmt, "--db",
                               world["url"]], stdout=write_end, stderr=subprocess.PIPE, text=True, env=env,
                              timeout=300)
    finally:
        os.close(write_end)
    assert (proc.returncode, proc.stderr) == (0, "")


@pytest.mark.parametrize("verb", [["transfers"], ["claims"]])
def test_a_csv_of_nothing_has_the_same_header(world, verb):
    full = run(world, *verb, "--format", "csv").stdout.splitlines()
    empty = run(world, *verb, "--supplier", "USA", "--format", "csv").stdout.splitlines()
    assert len(full) > 1 and empty == full[:1]
    assert run(world, *verb, "--supplier", "USA", "--format", "json").stdout == "[]\n"
    assert run(world, *verb, "--supplier", "USA", "--format", "jsonl").stdout == ""
