"""Helpers for the overview/states/briefing/watches tests: a document of our own ingested into a test's store.

It reports a Turkish TB2 delivery to Albania and carries hostile text where the shared hostile document has none:
quotes, an ampersand and a tag inside the claim sentence itself, so the evidence shown on the pages must be escaped;
being the newest claim, it is also the first of "latest claims".
"""
from __future__ import annotations

import sqlite3

ALBANIA = """# Coast guard <script>window.__pwned = 3</script> drones

Published 2024-03-05.

In 2023 Turkey delivered six Bayraktar TB2 drones to Albania, the "Tirana & Durres" coast guard <said>.
"""


def add_albania(store_path, tmp_path) -> int:
    """Ingest ALBANIA into the store at ``store_path`` through the real CLI; returns the new claim's id."""
    from typer.testing import CliRunner

    from armsflow.cli import app as cli

    docs = tmp_path / "albania-docs"
    docs.mkdir(exist_ok=True)
    (docs / "albania-coast-guard.md").write_text(ALBANIA, encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(docs), "--db", f"sqlite:///{store_path}", "--quiet",
                                      "--no-semantic"], env={"ARMSFLOW_HOME": str(tmp_path / "home")})
    assert result.exit_code == 0, result.output
    with sqlite3.connect(store_path) as c:
        row = c.execute("select max(id) from claims where supplier='TUR' and recipient='ALB'").fetchone()
    assert row[0] is not None, "the extractor read no TUR -> ALB claim from our document"
    return row[0]


def db_count(path, where: str = "1=1", args=()) -> int:
    with sqlite3.connect(path) as c:
        return c.execute(f"select count(*) from records where {where}", args).fetchone()[0]

