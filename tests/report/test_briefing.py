"""The content model: reference checks, URL policy, format dispatch."""
from __future__ import annotations

from datetime import datetime

import pytest

from armsflow.report import format_for, write_briefing
from armsflow.report.briefing import (
    Briefing,
    Chart,
    Finding,
    Footnote,
    Section,
    Table,
    safe_url,
)


def test_the_test_briefing_is_well_formed(briefing):
    assert briefing.problems() == []


def test_problems_name_broken_references_and_malformed_charts():
    b = Briefing("t", None, None, None, datetime(2025, 1, 1),
                 summary=[Finding("cites a missing note", [9])],
                 sections=[Section("s", [], [Table("t", ["a", "b"], [[1]])], [
                     Chart("network", "bad edges", {"edges": [("RUS", "SRB")]}),
                     Chart("timeline", "bad status", {"events": [(2020, "deal", "rumoured")]}),
                     Chart("pie", "unknown kind", {}),
                     Chart("dyad", "one side", {"sides": [{"label": "x", "counts": {}}]}),
                 ])],
                 footnotes=[Footnote(1, "e", "d"), Footnote(1, "e2", "d2", source="blog")])
    problems = "\n".join(b.problems())
    for expected in ("footnote 9, which does not exist", "footnote 1: the number is used twice",
                     "source must be one of", "row 1 has 1 cells for 2 columns", "bad edges", "rumoured",
                     "unknown kind 'pie'", "exactly two"):
        assert expected in problems
    with pytest.raises(ValueError, match="cannot be rendered"):
        b.check()


@pytest.mark.parametrize("url, expected", [
    ("https://example.org/a?b=1&c=2", "https://example.org/a?b=1&c=2"),
    ("  http://example.org/x  ", "http://example.org/x"),
    ("HTTPS://EXAMPLE.ORG/", "HTTPS://EXAMPLE.ORG/"),
    ("javascript:alert(1)", None),
    ("JaVaScRiPt:alert(1)", None),
    ("java\nscript:alert(1)", None),
    ("https://exa mple.org", None),
    ("https:///etc/passwd", None),
    ("https:", None),
    ("data:text/html,<script>alert(1)</script>", None),
    ("/relative/path", None),
    ("//evil.example/x", None),
    ("", None),
    (None, None),
])
def test_only_absolute_http_urls_are_linkable(url, expected):
    assert safe_url(url) == expected


def test_format_from_suffix(tmp_path):
    assert format_for("a/brief.md") == "markdown"
    assert format_for("brief.HTML") == "html"
    assert format_for("brief.pdf") == "pdf"
    with pytest.raises(ValueError, match="unknown briefing format"):
        format_for("brief.docx")
    with pytest.raises(ValueError):
        write_briefing(Briefing("t", None, None, None, datetime(2025, 1, 1)), tmp_path / "brief.txt")


@pytest.mark.parametrize("suffix", [".md", ".html", ".pdf"])
def test_minimal_and_long_briefings_render(tmp_path, suffix):
    """No summary, no footnotes, a table longer than a page, a section with nothing but a title."""
    rows = [[f"Supplier {i}", "Serbia", i, None] for i in range(80)]
    b = Briefing("Only a title", None, None, None, datetime(2025, 1, 1),
                 sections=[Section("Empty"), Section("Long table", [], [Table("Many rows", ["a", "b", "n", "x"],
                                                                                rows)])])
    out = write_briefing(b, tmp_path / f"brief{suffix}")
    assert out.stat().st_size > 500
