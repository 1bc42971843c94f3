"""The year of a claim's event, resolved against the publication date.

Explicit years win ("in 2021", "late in 2019", "in March 2015"). Otherwise relative expressions are read
against the publication date: "today", "on Thursday", "last month", "this year", "two years ago", "on December 25"
(in a January 2023 piece that is 2022), "in January". No date cue means no year.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december"], 1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
_YEAR = re.compile(r"(?<![\d$€£.,])\b(19[4-9]\d|20[0-4]\d)\b(?![\d%])")
_RANGE = re.compile(r"\b(19|20)(\d\d)\s*[-–/]\s*((?:19|20)?\d\d)\b")      # "2018-22", "2019-2020"
# "between 2019 and 2023", "from 2015 to 2020", "from 2015 through 2020"
_SPAN_WORDS = re.compile(r"\b(?:between\s+(?:19|20)\d\d\s+and|from\s+(?:19|20)\d\d\s+(?:to|until|through|till))\s+"
                         r"(?:19|20)\d\d\b", re.I)
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


_COUNT = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12}
_SHIFT = re.compile(r"\b(?:(a|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}) years? (earlier|later|before|"
                    r"after)|the (following|next|previous|preceding|same) year)\b", re.I)


# "two years ago", "about a year ago", "six months ago": counted back from the publication date. A round figure
# ("a decade ago", "decades ago") or a bare "years ago" names no year; "more than two years ago" only a bound
_AGO = re.compile(r"(?<!more than )(?<!over )(?<!at least )\b(?:(?:about|around|nearly|almost|roughly|some|just|"
                  r"exactly)\s+)?(a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+"
                  r"(years?|months?)\s+ago\b", re.I)


def ago_years(text: str, published: dt.date | None) -> list[tuple[int, int]]:
    """(offset, year) of each "N years ago" / "N months ago" in ``text``, counted back from the publication date
    ("two years ago" in a June 2024 piece is 2022; "eight months ago" is 2023)."""
    if published is None:
        return []
    out = []
    for m in _AGO.finditer(text):
        n = _COUNT.get(m.group(1).lower()) or int(m.group(1))
        if m.group(2).lower().startswith("year"):
            out.append((m.start(), published.year - n))
        else:
            out.append((m.start(), published.year - (n - published.month + 12) // 12))
    return out


def _shift(m) -> int:
    """Years that a relative phrase counts from the year before it: "a year earlier" -1, "the following year" +1,
    "the same year" 0."""
    if m.group(3):
        word = m.group(3).lower()
        return 1 if word in ("following", "next") else 0 if word == "same" else -1
    n = _COUNT.get(m.group(1).lower()) or int(m.group(1))
    return n if m.group(2).lower() in ("later", "after") else -n


def period_spans(text: str) -> list[tuple[int, int]]:
    """Where the text writes a period ("2018-22", "2019-2020", "between 2019 and 2023"): the years in it date no
    single event."""
    return list(_period_spans(text))


@lru_cache(maxsize=64)
def _period_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(sorted((m.start(), m.end()) for rx in (_RANGE, _SPAN_WORDS) for m in rx.finditer(text)))


_BY = re.compile(r"\b(?:by|until|till|through|before|after|beyond)\s+(?:the\s+end\s+of\s+|(?:early|mid|late)[\s-]+)?$", re.I)


_FUTURE = re.compile(r"\b(?:will|shall|is to|are to|is due|are due|expected to|set to|plans? to|aims? to|"
                     r"intends? to)\b", re.I)


_CLAUSE_BREAK = re.compile(r",\s*(?:and|but|while|whereas)\b|;|\bbut\b")

# "will build drones under a deal signed (with Turkey) in May": a past participle that takes the month for
# itself, unless the future's own passive ("will be delivered in May", "will be formally handed over on May 3")
_PARTICIPLE_MONTH = re.compile(r"\b(\w+)\s+(?:\w+ly\s+)?(?:\w+ed|made|sold|won|struck|held|begun|done|"
                               r"taken|given|written|drawn)(?:\s+[\w'-]+){0,3}?\s+(?:in|on|during|"
                               r"earlier\s+in|late\s+in|early\s+in)\s+$", re.I)


def _ahead(text: str, pos: int) -> bool:
    """Does the clause before ``pos`` speak of the future ("will receive them in March", "is set to take delivery
    in May")? Not a future in another clause ("ordered them in March, and will receive them next year"), nor a
    participle's own past ("will build drones under a deal signed in March")."""
    before = text[max(0, pos - 80):pos]
    future = None
    for future in _FUTURE.finditer(before):
        pass
    if future is None or _CLAUSE_BREAK.search(before, future.end()) is not None:
        return False
    own = _PARTICIPLE_MONTH.search(before, future.end())
    return own is None or own.group(1).lower() in ("be", "been", "being")


def deadline(text: str, pos: int, published: dt.date | None) -> bool:
    """Is the year at ``pos`` a deadline or a bound still to come ("to supply 12 jets by 2030", "may order more
    after 2030")? It dates no event yet. With no publication date, the sentence's own future says so ("will hand
    over 12 jets by 2031"); "had delivered them all by 2015" dates the delivery."""
    if not _BY.search(text[max(0, pos - 30):pos]):
        return False
    if published is None:
        return _FUTURE.search(text) is not None
    return int(text[pos:pos + 4]) > published.year


# "resolution 1970 (2011)", "resolutions 2216 (2015) and 2624": a Security Council resolution's number, and the year it
# was adopted in, date the rule broken, not the transfer
_RESOLUTION = re.compile(r"\bresolutions?\s+\d{3,4}(?:\s*\(\s*(?:19|20)\d\d\s*\))?(?:\s*(?:,|and|&)\s*\d{3,4}"
                         r"(?:\s*\(\s*(?:19|20)\d\d\s*\))?)*", re.I)


def resolution_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each resolution number a sentence cites, with its year of adoption."""
    return [m.span() for m in _RESOLUTION.finditer(text)]


def written_year(text: str) -> int | None:
    """The one year a sentence writes, outside periods ("In 2018 Greece began talks."), or None when it writes none
    or several: the year the next sentence's "two years later" counts from."""
    periods = period_spans(text)
    found = {int(m.group(1)) for m in _YEAR.finditer(text) if not any(a <= m.start() < b for a, b in periods)}
    return found.pop() if len(found) == 1 else None


def event_year(text: str, published: dt.date | None, anchor: int | None = None,
               skip: list[tuple[int, int]] = (), prior: int | None = None) -> int | None:
    """Year of the event a sentence reports; ``anchor`` is the trigger's offset, to pick the nearest year.
    ``prior``: the one year the sentence before writes, which a count of years in a sentence with no year of its
    own counts from ("Greece began talks in 2018. Two years later, it ordered Rafale jets": 2020)."""
    def free(pos: int) -> bool:
        return not any(s <= pos < e for s, e in skip)

    # a period ("in 2018-22", the way SIPRI counts) is no year of one event: its years are set aside
    periods = period_spans(text)
    years = [(m.start(), int(m.group(1))) for m in _YEAR.finditer(text) if free(m.start()) and
             not any(a <= m.start() < b for a, b in periods) and not deadline(text, m.start(), published)]
    if not years and any(free(a) for a, _ in periods):
        return None
    # "Mali received armoured vehicles in 2022, while Niger acquired drones a year earlier": a year counted from
    # the one written before it, where that count is nearer the event than any year of the event's own
    written = [(m.start(), int(m.group(1))) for m in _YEAR.finditer(text)
               if not any(a <= m.start() < b for a, b in periods)]
    shifted = [(m.start(), _shift(m)) for m in _SHIFT.finditer(text) if free(m.start())]
    if shifted and not written and prior is not None:
        pos, n = min(shifted, key=lambda x: abs(x[0] - anchor)) if anchor is not None else shifted[0]
        return prior + n
    shifted = [(pos, n) for pos, n in shifted if any(y_pos < pos for y_pos, _ in written)]
    if shifted and anchor is not None:
        pos, n = min(shifted, key=lambda x: abs(x[0] - anchor))
        if all(abs(pos - anchor) < abs(y_pos - anchor) for y_pos, _ in years):
            return max((y for y in written if y[0] < pos), key=lambda y: y[0])[1] + n
    # "Peru received the tanks two years ago, after ordering them in 2019": the count nearer the event wins
    agos = [(pos, y) for pos, y in ago_years(text, published) if free(pos)]
    if agos:
        near = min(agos, key=lambda a: abs(a[0] - anchor)) if anchor is not None else agos[0]
        if not years or anchor is not None and all(abs(near[0] - anchor) < abs(y_pos - anchor) for y_pos, _ in years):
            return near[1]
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
        if _ahead(text, m.start()):
            # "will receive the tanks in March" (a June article): the March to come, not the one gone
            return published.year if (month, day) > (published.month, published.day) else published.year + 1
        if (month, day) > (published.month, published.day):
            return published.year - 1
        return published.year
    for rx, delta in _RELATIVE:
        if (m := rx.search(text)) and free(m.start()):
            if delta == "month-1":
                return published.year - 1 if published.month == 1 else published.year
            return published.year + delta
    return None


def span_year(text: str, start: int, end: int, published: dt.date | None = None) -> int | None:
    """The one year a stretch of a sentence gives, written out ("in 2022") or counted from a year written before it
    ("the following year"); None when it gives none or several. A deadline still to come ("by 2027") gives none."""
    part = text[start:end]
    spans = period_spans(part)
    found = {int(m.group(1)) for m in _YEAR.finditer(part) if not any(a <= m.start() < b for a, b in spans) and
             not deadline(text, start + m.start(), published)}
    if len(found) == 1:
        return found.pop()
    if found:
        return None
    agos = ago_years(part, published)
    if agos:
        return agos[0][1] if len({y for _, y in agos}) == 1 else None
    shifts = list(_SHIFT.finditer(part))
    before = [int(m.group(1)) for m in _YEAR.finditer(text[:start])]
    if len(shifts) == 1 and before:
        return before[-1] + _shift(shifts[0])
    return None

