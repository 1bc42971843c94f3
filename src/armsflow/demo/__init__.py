"""The bundled sample articles behind ``armsflow demo``: short news items written for the project.

Each states publicly reported transfers in sentences of our own, under an invented outlet marked "(sample)" and an
example.org address. They span regions, statuses (interest to cancelled), hedged and plain reports, inline
citations, and one syndicated copy, so that every page of the dashboard and every chart of a briefing shows data.
"""
from __future__ import annotations

from pathlib import Path

ARTICLES = Path(__file__).resolve().parent / "articles"
