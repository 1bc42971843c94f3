"""`armsflow watch` end to end through the installed command: add, ingest, run (JSON, digest, dry run), list,
remove."""
from __future__ import annotations

import json
import os
import subprocess
import sys

ARTICLE = """---
title: "Serbia takes delivery of Chinese drones"
publisher: "Balkan Wire"
published: 2024-05-02
url: https://wire.example/serbia-drones
---
Serbia took delivery of six CH-92A combat drones from China in 2024, the defence ministry said.
Croatia ordered Bayraktar TB2 drones from Turkey in 2023.
"""

LATER = """---
title: "Russian drones for Serbia"
publisher: "Second Wire"
published: 2024-06-10
---
Russia reportedly delivered Orlan-10 drones to Serbia last year.
"""


def run(*args, home):
    env = {**os.environ, "ARMSFLOW_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "armsflow", *args], capture_output=True, text=True, env=env)


def test_watch_add_ingest_run(tmp_path, store_url):
    home, db = tmp_path / "home", store_url
    (tmp_path / "serbia-drones.md").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "orlan.md").write_text(LATER, encoding="utf-8")

    r = run("watch", "add", "srb-uav", "--recipient", "srb", "--category", "uav", "--user", "ana", "--db", db,
            home=home)
    assert r.returncode == 0, r.stderr
    assert run("watch", "add", "srb-uav", "--db", db, home=home).returncode == 1           # the name is taken
    assert run("watch", "add", "x", "--status", "sold", "--db", db, home=home).returncode == 2
    r = run("watch", "add", "entrants", "--kind", "new-entrant", "--region", "western-balkans", "--db", db,
            home=home)
    assert r.returncode == 0, r.stderr

    r = run("ingest", str(tmp_path / "serbia-drones.md"), "--db", db, "--no-semantic", "--quiet", home=home)
    assert r.returncode == 0, r.stderr

    dry = run("watch", "run", "srb-uav", "--dry-run", "--db", db, home=home)
    assert dry.returncode == 0 and "dry run" in dry.stdout and "CH-92" in dry.stdout

    r = run("watch", "run", "--format", "jsonl", "--db", db, home=home)
    assert r.returncode == 0, r.stderr
    matches = [json.loads(line) for line in r.stdout.splitlines()]
    assert {(m["watch"], m["claim"]["supplier"], m["claim"]["recipient"]) for m in matches} == {
        ("srb-uav", "CHN", "SRB"), ("entrants", "CHN", "SRB")}
    m = next(m for m in matches if m["watch"] == "srb-uav")
    assert (m["claim"]["category"], m["claim"]["status"], m["claim"]["year"], m["claim"]["hedged"]) == (
        "uav", "delivered", 2024, False)
    assert m["claim"]["system"].startswith("CH-92")
    assert m["evidence"].startswith("Serbia took delivery of six CH-92A")
    assert (m["doc"], m["publisher"], m["published"]) == ("serbia-drones", "Balkan Wire", "2024-05-02")

    again = run("watch", "run", "--format", "jsonl", "--db", db, home=home)
    assert again.returncode == 0 and again.stdout == "" and "no new matches" in again.stderr

    run("ingest", str(tmp_path / "orlan.md"), "--db", db, "--no-semantic", "--quiet", home=home)
    digest = run("watch", "run", "--db", db, home=home)
    assert digest.returncode == 0, digest.stderr
    assert "== srb-uav" in digest.stdout and "1 new match" in digest.stdout
    assert "\u201cRussia reportedly delivered Orlan-10 drones to Serbia last year.\u201d" in digest.stdout
    assert "hedged" in digest.stdout and "Second Wire" in digest.stdout
    assert "no new matches" in run("watch", "run", "--db", db, home=home).stdout

    listed = run("watch", "list", "--format", "jsonl", "--db", db, home=home).stdout
    listed = [json.loads(x) for x in listed.splitlines()]
    assert [(w["name"], w["created_by"]) for w in listed][1] == ("srb-uav", "ana")
    assert all(w["last_run_at"] for w in listed)
    assert run("watch", "remove", "srb-uav", "--db", db, home=home).returncode == 0
    r = run("watch", "run", "srb-uav", "--db", db, home=home)
    assert r.returncode == 1 and "no watch named 'srb-uav'" in r.stderr
