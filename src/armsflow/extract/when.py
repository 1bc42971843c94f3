"""The year of a claim's event, resolved against the publication date.

Explicit years win ("in 2021", "late in 2019", "in March 2015"). Otherwise relative expressions are read
against the publication date: "today", "on Thursday", "last month", "this year", "on December 25" (in a January
2023 piece that is 2022), "in January". No date cue means no year.
"""
from __future__ import annotations

import datetime as dt
import re

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december"], 1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
_YEAR = re.compile(r"(?<![\d$€£.,])\b(19[4-9]\d|20[0-4]\d)\b(?![\d%])")
_RANGE = re.compile(r"\b(19|20)(\d\d)\s*[-–/]\s*(\d\d)\b")
_MONTH_DAY = re.compile(r"\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?(?:\s+(\d{1,2})(?:st|nd|rd|th)?)?\b"
                        r"(?!\s*,?\s*(?:19|20)\d\d)", re.I)
_RELATIVE = [
    (re.compile(r"\b(today|yesterday|tonight|this week|this month|earlier this (?:week|month|year)|this year|"
                r"on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
                r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|recently|"
                r"last week|this weekend)\b", re.I), 0),
    (re.compile(r"\blast month\b", re.I), "month-1"),
    (re.compile(r"\blast year\b", re.I), -1),
    (re.compile(r"\bnext year\b", re.I), 1),
]


def event_year(text: str, published: dt.date | None, anchor: int | None = None,
               skip: list[tuple[int, int]] = ()) -> int | None:
    """Year of the event a sentence reports; ``anchor`` is the trigger's offset, to pick the nearest year."""
    def free(pos: int) -> bool:
        return not any(s <= pos < e for s, e in skip)

    # a period ("in 2018-22", the way SIPRI counts) is no year of one event: its years are set aside
    periods = [(m.start(), m.end()) for m in _RANGE.finditer(text)]
    years = [(m.start(), int(m.group(1))) for m in _YEAR.finditer(text) if free(m.start()) and
             not any(a <= m.start() < b for a, b in periods)]
    if not years and any(free(a) for a, _ in periods):
        return None
    if years:
        if anchor is None or len(years) == 1:
            return years[0][1]
        return min(years, key=lambda y: abs(y[0] - anchor))[1]
    if published is None:
        return None
    for m in _MONTH_DAY.finditer(text):
        if not free(m.start()):
            continue
        word = m.group(1).lower()
        if word == "may" and not m.group(2) and not text[max(0, m.start() - 3):m.start()].lower().endswith("in "):
            continue            # the modal 'may'
        if word == "mar" or (m.group(1)[0].islower()):
            continue
        month = MONTHS[word.rstrip(".")]
        day = int(m.group(2)) if m.group(2) else 1
        if (month, day) > (published.month, published.day):
            return published.year - 1
        return published.year
    for rx, delta in _RELATIVE:
        if (m := rx.search(text)) and free(m.start()):
            if delta == "month-1":
                return published.year - 1 if published.month == 1 else published.year
            return published.year + delta
    return None
