"""The Western Balkans briefing built from the dev documents and the SIPRI register: its key statements, each with
its evidence."""
from __future__ import annotations

import re

import pytest


@pytest.fixture(scope="module")
def briefing(dev_store):
    from armsflow.report.build import build_briefing

    return build_briefing(dev_store, "western-balkans", 2015, 2024)


def _find(briefing, pattern):
    findings = briefing.summary + [f for s in briefing.sections for f in s.findings]
    hits = [f for f in findings if re.search(pattern, f.text)]
    assert hits, [f.text for f in findings]
    return hits[0]


def _notes(briefing, finding):
    by_n = {fn.n: fn for fn in briefing.footnotes}
    assert finding.footnotes, finding.text
    return [by_n[n] for n in finding.footnotes]


@pytest.fixture(scope="module")
def all_years(dev_store):
    from armsflow.report.build import build_briefing

    return build_briefing(dev_store, "western-balkans")


def _everything(briefing) -> str:
    return "\n".join([f.text for f in briefing.summary + [f for s in briefing.sections for f in s.findings]]
                     + [briefing.method_note])


def test_undated_hedged_reports_are_left_out_of_the_period_and_counted(briefing):
    # Iran's hedged reports for Serbia and Bosnia state no year: no 2015-2024 finding rests on them
    text = _everything(briefing)
    assert "Iran" not in text
    assert re.search(r"Undated records: \d+ records of the region with no stated year were left out of the period "
                     r"2015–2024", briefing.method_note)
    assert briefing.period == "2015–2024"


def test_a_hedged_only_finding_is_worded_as_reported(all_years):
    f = _find(all_years, r"^Iran reportedly supplies Bosnia and Herzegovina")
    assert "Unconfirmed" in f.text and f.confidence == "low"
    assert re.search(r"Serbia is reportedly considering or negotiating Iran's drones", f.text)
    assert all(n.hedged and n.source == "news" for n in _notes(all_years, f))
    assert "Iran supplies" not in _everything(all_years)
    assert re.search(r"Undated records: \d+ records with no stated year count in the supplier findings",
                     all_years.method_note)


def test_serbia_imports_mainly_from_russia_and_china_with_shares_and_hhi(briefing):
    f = _find(briefing, r"^Serbia's 2015–2024 imports come mainly from Russia \(\d+% .*\) and China \(\d+%\)")
    assert re.search(r"HHI\) is [\d,]+ by deals", f.text) and "(register)" in f.text
    assert [n.source for n in _notes(briefing, f)] == ["register"]


def test_turkey_supplies_albania_and_kosovo(all_years):
    f = _find(all_years, r"^Turkey supplies Albania and Kosovo")
    assert all(n.source == "news" and "Turkish" in n.evidence for n in _notes(all_years, f))


def test_all_three_formats_render(briefing, tmp_path):
    from armsflow.report import write_briefing

    for suffix in ("md", "html", "pdf"):
        assert write_briefing(briefing, tmp_path / f"brief.{suffix}").stat().st_size > 1000
    html = (tmp_path / "brief.html").read_text(encoding="utf-8")
    assert "2015–2024 imports come mainly from Russia" in html and "<script" not in html.lower()


@pytest.mark.parametrize("name, title", [
    ("Western Balkans", "the Western Balkans"), ("Gulf region", "the Gulf region"), ("Europe", "Europe"),
    ("Southeast Asia", "Southeast Asia"), ("Latin America", "Latin America"), ("the Americas", "the Americas"),
    ("Middle East and North Africa", "the Middle East and North Africa")])
def test_a_region_takes_the_article_its_name_needs(name, title):
    from armsflow.report.build import _region_the

    assert _region_the(name) == title
