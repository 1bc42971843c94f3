"""Rendering the outputs to PNG, to look at them."""
from __future__ import annotations

import os

import pytest

from armsflow.report import write_briefing
from armsflow.report.render import (
    RenderError,
    find_chromium,
    html_to_png,
    pdf_overview,
    pdf_to_pngs,
)

PNG = b"\x89PNG\r\n\x1a\n"


def test_pdf_pages_to_png(pdf_bytes, tmp_path):
    pdf = tmp_path / "b.pdf"
    pdf.write_bytes(pdf_bytes)
    pages = pdf_to_pngs(pdf, tmp_path / "pages", scale=0.5, pages=2)
    assert len(pages) == 2 and all(p.read_bytes().startswith(PNG) for p in pages)
    sheet = pdf_overview(pdf, tmp_path / "sheet.png", pages=2, scale=0.4)
    assert sheet.read_bytes().startswith(PNG)


def chromium_or_skip():
    if find_chromium():
        return
    if os.environ.get("ARMSFLOW_REQUIRE_CHROMIUM"):
        pytest.fail("ARMSFLOW_REQUIRE_CHROMIUM is set but no chromium is installed")
    pytest.skip("no chromium on this machine (apt-get install chromium); .ci/run installs it")


def test_html_to_png(briefing, tmp_path):
    chromium_or_skip()
    html = write_briefing(briefing, tmp_path / "b.html")
    out = html_to_png(html, tmp_path / "b.png", width=900, height=1400)
    data = out.read_bytes()
    assert data.startswith(PNG)
    assert int.from_bytes(data[16:20], "big") >= 900


def test_html_to_png_without_chromium(tmp_path):
    (tmp_path / "x.html").write_text("<p>x</p>")
    with pytest.raises(RenderError):
        html_to_png(tmp_path / "x.html", tmp_path / "x.png", chromium=str(tmp_path / "no-such-browser"))
