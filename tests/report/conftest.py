"""Fixtures for the briefing tests: the hand-built briefing of briefs.py and its HTML and PDF, rendered once."""
from __future__ import annotations

import pytest
from briefs import hostile_briefing

from armsflow.report.briefing import Briefing


@pytest.fixture(scope="session")
def briefing() -> Briefing:
    return hostile_briefing()


@pytest.fixture(scope="session")
def html_text(briefing) -> str:
    from armsflow.report.html import render_html
    return render_html(briefing)


@pytest.fixture(scope="session")
def pdf_bytes(briefing) -> bytes:
    from armsflow.report.pdf import render_pdf
    return render_pdf(briefing)
