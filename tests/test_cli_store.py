"""The store verbs end to end through the installed command, on SQLite and on PostgreSQL: ingest, transfers,
show, claims, review, sources."""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

ARTICLE = """---
title: "Morocco takes delivery of Turkish drones"
publisher: "Test Wire"
published: 2022-03-10
---
Morocco took delivery of 13 Bayraktar TB2 drones from Turkey in 2021, the ministry said.
Rabat also ordered Israeli Harop loitering munitions last year.
"""

PAGE = """<html lang="en"><head><title>Serbia orders Rafale jets</title>
<meta property="og:site_name" content="Second Wire"><meta name="date" content="2024-08-30"></head>
<body><nav>Home | World | Sport</nav><article><h1>Serbia orders Rafale jets</h1>
<p>Serbia signed a contract with France for 12 Rafale fighter jets on Thursday, officials in Belgrade said.</p>
<p>The aircraft will be built by Dassault Aviation and delivered before the end of the decade.</p>
</article><footer>Copyright Second Wire</footer></body></html>"""


def run(*args, home):
    env = {**os.environ, "ARMSFLOW_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "armsflow", *args], capture_output=True, text=True, env=env)


def test_ingest_query_review(tmp_path, store_url):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "morocco.md").write_text(ARTICLE, encoding="utf-8")
    (folder / "serbia.html").write_text(PAGE, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    db = store_url                  # an SQLite file, then a PostgreSQL schema of its own
    home = tmp_path / "home"

    first = run("ingest", str(folder), "--db", db, "--quiet", "--no-semantic", home=home)
    assert first.returncode == 1                                    # the empty file failed, the rest went in
    assert "empty.txt: file is empty" in first.stderr and "Traceback" not in first.stderr
    assert "2 documents read: 2 new" in first.stdout
    again = run("ingest", str(folder), "--db", db, "--quiet", "--no-semantic", home=home)
    assert "0 new" in again.stdout and "2 already stored" in again.stdout

    out = run("transfers", "--format", "jsonl", "--db", db, home=home)
    recs = [json.loads(line) for line in out.stdout.splitlines()]
    got = {(r["supplier"], r["recipient"], r["system"]) for r in recs}
    assert {("TUR", "MAR", "Bayraktar TB2"), ("ISR", "MAR", "Harop"), ("FRA", "SRB", "Rafale")} <= got
    tb2 = next(r for r in recs if r["system"] == "Bayraktar TB2")
    assert (tb2["status"], tb2["sources"], tb2["quantity_max"], tb2["period_start"]) == ("delivered", 1, 13, 2021)

    shown = run("show", str(tb2["id"]), "--db", db, home=home).stdout
    assert "Morocco took delivery of 13 Bayraktar TB2 drones" in shown and "Test Wire" in shown

    region = run("transfers", "--region", "nato", "--format", "csv", "--db", db, home=home).stdout
    assert {row["supplier"] for row in csv.DictReader(io.StringIO(region))} == {"TUR", "FRA"}

    claims = [json.loads(line) for line in run("claims", "--format", "jsonl", "--db", db, home=home).stdout.splitlines()]
    harop = next(c for c in claims if c["system"] == "Harop")
    r = run("claim", "edit", str(harop["id"]), "--set", "year=2019", "--user", "ana", "--db", db, home=home)
    assert r.returncode == 0 and "edited by ana" in r.stdout
    recs = [json.loads(x) for x in run("transfers", "--supplier", "ISR", "--format", "jsonl", "--db", db,
                                       home=home).stdout.splitlines()]
    assert [(x["system"], x["period_start"]) for x in recs] == [("Harop", 2019)]
    run("claim", "reject", str(harop["id"]), "--user", "ana", "--db", db, home=home)
    assert run("transfers", "--supplier", "ISR", "--format", "jsonl", "--db", db, home=home).stdout == ""
    # re-extraction does not bring a rejected claim back
    assert "0 new" in run("ingest", str(folder), "--db", db, "--quiet", "--no-semantic", home=home).stdout
    assert run("transfers", "--supplier", "ISR", "--format", "jsonl", "--db", db, home=home).stdout == ""

    docs = list(csv.DictReader(io.StringIO(run("sources", "--format", "csv", "--db", db, home=home).stdout)))
    assert {(d["doc"], d["publisher"]) for d in docs} == {("morocco", "Test Wire"), ("serbia", "Second Wire")}


def test_unreachable_database_is_one_line(tmp_path):
    r = run("transfers", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", home=tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
