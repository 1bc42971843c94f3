"""Markdown: footnotes, chart files beside the text, document text escaped."""
from __future__ import annotations

import re

from briefs import FINDING, JS_URL

from armsflow.report import write_briefing


def test_markdown_footnotes_and_chart_files(briefing, tmp_path):
    out = write_briefing(briefing, tmp_path / "brief.md")
    text = out.read_text(encoding="utf-8")
    assert FINDING + "[^1]" in text
    for n in (1, 2, 3, 4):
        assert f"[^{n}]: " in text
    links = re.findall(r"!\[[^\]]*\]\((brief_files/chart-\d+\.png)\)", text)
    assert len(links) == 5
    for link in links:
        png = tmp_path / link
        assert png.is_file() and png.read_bytes().startswith(b"\x89PNG")
    assert "| Supplier | Recipient | Records | Note |" in text and "|---|---|---:|---|" in text


def test_markdown_escapes_document_text(briefing, tmp_path):
    text = write_briefing(briefing, tmp_path / "brief.md").read_text(encoding="utf-8")
    assert not re.search(r"(?<!\\)<(script|img|/script)", text)
    assert r"\<script\>alert(1)\</script\>" in text
    assert r"\[brackets\](https://evil.example/x)" in text          # no live link from document text
    assert r"\$5m" in text and r"\*stars\*" in text
    assert r"Markdown \| pipes" in text
    assert "(<https://news.example/2024/serbia-rafale?id=7&lang=en>)" in text
    assert f"]({JS_URL}" not in text and "](<javascript" not in text
    assert "\n\\# Not a heading" in text


def test_stale_chart_files_are_removed(briefing, tmp_path):
    folder = tmp_path / "brief_files"
    folder.mkdir()
    (folder / "chart-99.png").write_bytes(b"old")
    write_briefing(briefing, tmp_path / "brief.md")
    assert not (folder / "chart-99.png").exists()
