"""What a scraper hands over around the story: page furniture, captions, corrections, interviews and tables.

A web article comes with lines that are not its statements: a "Read more:" / "Related:" list of other headlines
(other articles' claims, not this one's), tag lists, share and subscribe lines; photo captions and credits (a
caption restates the story in a few words, so it may support a record but never decides its status); a
correction's retracted wording ("an earlier version said Peru bought 12 jets; it bought 10": the earlier wording is
withdrawn, the correction's own statement wins); Q&A interviews, whose answers are the interviewee's words; and
tables rendered as text (pipe or tab separated rows), one transfer per row.

Everything here works on lines of the raw text, before any parsing.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

# "Read more:", "Related:", "You might also like:", "See also -": a heading of links to other articles, with the
# links on the same line or on the lines below
_LINK_HEAD = re.compile(
    r"^\W*(?:read (?:more|also|next)|also read|related(?: (?:articles?|stories|news|content|coverage|reading|"
    r"links?|posts?|topics?))?|see also|more (?:on this(?: story| topic)?|stories|news|coverage|from [\w ]{1,30})|"
    r"you (?:may|might) also (?:like|be interested in)|recommended(?: for you| reading)?|most (?:read|popular|viewed)|"
    r"trending(?: now)?|further reading|latest (?:news|stories)|top stories|other news|in other news)"
    r"\s*(?:[:|\u2013\u2014>\u00bb]|\s-\s|$)\s*(?P<rest>.*)$", re.I)
# a line of page furniture: tags, sharing, subscribing, copyright
_FURNITURE = re.compile(
    r"^\W*(?:tags?|topics?|keywords|filed under|categories)\s*:|^\W*share(?: this| on|:)|"
    r"^\W*(?:subscribe|sign up|follow us|click here|download our app|advertisement\b)|"
    r"^\W*(?:copyright|\u00a9)|\ball rights reserved\b|"
    r"^\W*(?:additional\s+)?(?:reporting|writing|editing|compiled|produced)\s+by\b", re.I)   # a wire story's trailer
# "Photo: ...", "Image: ...", "Photo caption: ...", "Caption: ...", "(Photo: Reuters)", "Credit: Baykar"
_CAPTION = re.compile(r"^\W*(?:photo(?:graph)?|image|picture|pictured|caption|photo caption|file photo|video|"
                      r"credit|illustration|graphic)s?\s*(?::|\s-\s|\u2013|\u2014)", re.I)
# a caption's credit, at its end: "... / Hyundai Rotem", "... (Reuters)", "... Credit: Baykar", "... Photo by Naval Group"
_CREDIT = re.compile(r"(?:\s+/\s*[^/]{1,60}|\s*\([^()]{1,40}\)\s*|[\s.]+(?:credit|photo|image|picture|source|courtesy)"
                     r"(?:\s+(?:by|of)\s+|\s*:\s*)[^.:]{1,60})$", re.I)
# "Background:", "Fact box:", "Timeline:": a box that repeats an older story
_ASIDE = re.compile(r"^\W*(?:background|fact ?box|factfile|timeline|key facts|at a glance|explainer)\s*[:\u2013\u2014]",
                    re.I)
_CORRECTION = re.compile(r"^\W*(?:correction|clarification|update|editor'?s note)\b[^:]{0,40}:", re.I)
# a correction's or an update's own statement: the newest word on the story ("UPDATE, May 20: Spain delivered ...");
# not an editor's note that the story was updated
_CORRECTS = re.compile(r"^\W*(?:correction|clarification|update[sd]?)\b", re.I)
# what a correction withdraws: "an earlier version of this article said/stated ...", "we incorrectly reported ..."
_RETRACTED = re.compile(r"\b(?:(?:an?|the)\s+(?:earlier|previous|original)\s+version\b|previously\s+(?:said|stated|"
                        r"reported|misstated|gave)|(?:incorrectly|wrongly|mistakenly|erroneously)\s+(?:said|stated|"
                        r"reported|gave|described|identified|named)|\bmis(?:identified|stated|reported|named|quoted))", re.I)
# where a correction's own statement starts after the withdrawn words: "; it bought 10", ". The order is for ..."
_CORRECT_PART = re.compile(r";|\.\s+(?=[A-Z])|\s[\u2013\u2014-]\s|,\s+(?:but|when in fact|while|whereas)\s")
_QUESTION = re.compile(r"^\W*(?:Q|Question)\s*[:.\-\u2013\u2014]\s*\S")
_ANSWER = re.compile(r"^\W*(?:A|Answer)\s*[:.\-\u2013\u2014]\s*\S")
_TERMINAL = (".", "!", "?", '"', "\u201d", ":")
_BULLET = ("-", "\u2022", "*", "\u2013", "\u25aa", "\u00b7", ">")


def lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, end before its newline."""
    out, start = [], 0
    for m in re.finditer(r"\n", text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _headline_like(line: str) -> bool:
    s = line.strip()
    return bool(s) and len(s) < 200 and (s.startswith(_BULLET) or not s.endswith(_TERMINAL) or s.count(" | ") > 0)


_ORDER = ("skip", "table", "retracted", "corrected", "updated", "aside", "asked", "background")


@dataclass
class Furniture:
    """Per character range of the text, what the scraper's page put there."""
    skip: list[tuple[int, int]]          # other articles' headlines, tags, share lines: no statements of this one
    aside: list[tuple[int, int]]         # captions: a record's support, never its status, year or number
    retracted: list[tuple[int, int]]     # a correction's withdrawn wording
    corrected: list[tuple[int, int]]     # a correction's own statement: it wins
    asked: list[tuple[int, int]] = None  # an interviewer's questions: they set the topic, they state nothing
    background: list[tuple[int, int]] = None   # a box repeating an older deal: read after the body, never first
    updated: list[tuple[int, int]] = None      # an update's statement: the story's status moves on, never back
    table: list[tuple[int, int]] = None        # the lines of a table rendered as text, read row by row

    _index: list[tuple[int, int, str]] | None = None

    def kind(self, start: int, end: int) -> str | None:
        """What the sentence ``text[start:end]`` is: inside one of the ranges, or touching a skipped one. By
        bisection (a page of 10^5 table rows or captions costs no quadratic time)."""
        if self._index is None:
            self._index = sorted((lo, hi, name) for name in _ORDER for lo, hi in getattr(self, name) or ())
            self._starts = [lo for lo, _, _ in self._index]
        i = bisect_right(self._starts, start) - 1
        found = []
        if i >= 0:      # the ranges that open where the last one before the sentence opens
            for lo, hi, name in self._index[bisect_left(self._starts, self._starts[i]):i + 1]:
                if hi >= end:
                    found.append(name)
        for lo, hi, name in self._index[max(i, 0):bisect_left(self._starts, end)]:
            if name == "skip" and lo < end and start < hi:
                found.append(name)
        return min(found, key=_ORDER.index) if found else None


def furniture(text: str) -> Furniture:
    rows = lines(text)
    out = Furniture([], [], [], [], [], [], [])
    out.asked = questions(text)
    i = 0
    while i < len(rows):
        lo, hi = rows[i]
        line = text[lo:hi]
        if (m := _LINK_HEAD.match(line)) is not None:
            out.skip.append((lo, hi))
            if not m.group("rest").strip():
                # the links below the heading: headline-like lines (a blank line may stand between them)
                j, blanks = i + 1, 0
                while j < len(rows) and j - i <= 12:
                    nxt = text[rows[j][0]:rows[j][1]]
                    if not nxt.strip():
                        blanks += 1
                        if blanks > 1:
                            break
                    elif _headline_like(nxt) and not _FURNITURE.match(nxt):
                        out.skip.append(rows[j])
                        blanks = 0
                    else:
                        break
                    j += 1
                i = j
                continue
        elif _FURNITURE.search(line):
            out.skip.append((lo, hi))
        elif _CAPTION.match(line):
            credit = _CREDIT.search(line)
            cut = lo + credit.start() if credit is not None and credit.start() > 0 else hi
            out.aside.append((lo, cut))
            if cut < hi:
                out.skip.append((cut, hi))      # who took the picture: no party of the story
        elif _ASIDE.match(line):
            out.background.append((lo, hi))
        elif _CORRECTION.match(line) and (r := _RETRACTED.search(line)) is not None:
            cut = _CORRECT_PART.search(line, r.end())
            mid = lo + (cut.start() if cut else len(line))
            out.retracted.append((lo, mid))
            if cut is not None:
                out.corrected.append((lo + cut.end(), hi))
        elif _CORRECTS.match(line):
            (out.updated if re.match(r"\W*update", line, re.I) else out.corrected).append((lo, hi))
        i += 1
    return out


def split_at(text: str, spans: list[tuple[int, int]], cuts: list[int]) -> list[tuple[int, int]]:
    """Sentence spans cut again at ``cuts`` (where a correction's withdrawn words end), whitespace trimmed."""
    if not cuts:
        return spans
    cuts = sorted(cuts)
    out = []
    for s, e in spans:
        for c in [*cuts[bisect_right(cuts, s):bisect_left(cuts, e)], e]:
            lo, hi = s, c
            while lo < hi and (text[lo].isspace() or text[lo] in ";\u2013\u2014-"):
                lo += 1
            while hi > lo and (text[hi - 1].isspace() or text[hi - 1] == ";"):
                hi -= 1
            if hi > lo:
                out.append((lo, hi))
            s = c
    return out


def interview(text: str) -> list[tuple[int, int]]:
    """The answer lines of a Q&A interview: "A: We are studying it." (only where questions are marked too)."""
    rows = lines(text)
    if not any(_QUESTION.match(text[lo:hi]) for lo, hi in rows):
        return []
    out = []
    for lo, hi in rows:
        if _ANSWER.match(text[lo:hi]) is not None:
            out.append((lo, hi))
    return out


def questions(text: str) -> list[tuple[int, int]]:
    """The question lines of a Q&A interview (only where answers are marked too)."""
    rows = lines(text)
    if not any(_ANSWER.match(text[lo:hi]) for lo, hi in rows):
        return []
    return [(lo, hi) for lo, hi in rows if _QUESTION.match(text[lo:hi])]


# what an answer says of the transfer the question asked about: "We are studying it." (interest), "We are in
# talks." (negotiating), "Yes." (as asked); anything else ("No.", "We have no plans.") leaves it unsaid
_STANCE = (
    ("interest", re.compile(r"\b(?:stud(?:y|ying|ied)|consider(?:ing|ed)?|evaluat(?:e|ing)|examin(?:e|ing)|"
                            r"assess(?:ing)?|weigh(?:ing)?|explor(?:e|ing)|look(?:ing)? (?:at|into)|"
                            r"think(?:ing)? about|review(?:ing)?)\s+(?:it|that|this|them|the (?:idea|option|offer|"
                            r"proposal|possibility|question|matter|request))\b", re.I)),
    ("negotiating", re.compile(r"\b(?:in talks|negotiating|negotiations (?:are|have)|discussing (?:it|that|this|"
                               r"them))\b", re.I)),
    (None, re.compile(r"^\W*(?:A|Answer)\s*[:.\-\u2013\u2014]\s*(?:yes|indeed|certainly|correct|that is right)\b",
                      re.I)),
)
_DENIAL = re.compile(r"\b(?:no|not|never|nothing)\b", re.I)


def answer_stance(answer: str) -> tuple[bool, str | None]:
    """(answered, status) for the answer to a question about a transfer: (True, None) keeps the question's own
    status ("Yes."), (False, None) says nothing of it."""
    if _DENIAL.search(answer) and not re.match(r"^\W*(?:A|Answer)\s*[:.\-\u2013\u2014]\s*yes\b", answer, re.I):
        return False, None
    for status, rx in _STANCE:
        if rx.search(answer):
            return True, status
    return False, None


def interview_answer(line: str) -> bool:
    return _ANSWER.match(line) is not None


def interview_intro(text: str) -> tuple[int, int] | None:
    """The text before the first question: where the intro says who speaks for whom."""
    for lo, hi in lines(text):
        if _QUESTION.match(text[lo:hi]):
            return (0, lo) if lo > 0 else None
    return None


# -- tables ------------------------------------------------------------------------------------------------------
_COLUMNS = {
    "supplier": re.compile(r"^(?:supplier|seller|exporter|from|origin|vendor|supplying (?:state|country)|"
                           r"source(?: country)?|donor)s?$", re.I),
    "recipient": re.compile(r"^(?:recipient|buyer|customer|importer|to|country|operator|user|destination|"
                            r"receiving (?:state|country)|client)s?$", re.I),
    "system": re.compile(r"^(?:system|weapon|equipment|item|type|platform|model|designation|description|"
                         r"hardware|asset)s?(?: \w+)?$", re.I),
    "quantity": re.compile(r"^(?:qty\.?|quantity|number|no\.?|units|#|amount|count|numbers)$", re.I),
    "year": re.compile(r"^(?:year|date|when|delivery (?:year|date)|order (?:year|date))$", re.I),
    "status": re.compile(r"^(?:status|stage|state of (?:the )?deal)$", re.I),
}
_STATUS_WORDS = (
    ("cancelled", re.compile(r"\bcancel|\bscrapped|\bterminated", re.I)),
    ("delivered", re.compile(r"\bdeliver|\breceived|\bhanded over|\bshipped|\barrived|\btransfers?\b|\bdonat|"
                             r"\bsupplied", re.I)),
    ("ordered", re.compile(r"\border|\bsigned|\bcontract|\bpurchase|\bbought|\bacquisitions?\b|\bdeals?\b", re.I)),
    ("negotiating", re.compile(r"\bnegotiat|\btalks\b|\boffer", re.I)),
    ("interest", re.compile(r"\binterest|\brequest|\bplann|\bconsider|\bsought|\bseek", re.I)),
)


def status_word(text: str) -> str | None:
    for status, pat in _STATUS_WORDS:
        if pat.search(text):
            return status
    return None


@dataclass
class Table:
    columns: list[str | None]                         # the role of each column (None: not read)
    rows: list[list[tuple[int, int]]]                 # per data row, the (start, end) of each cell
    lines: list[tuple[int, int]]                      # every line of the table, header and rules included
    before: tuple[int, int] | None                    # the line that introduces the table


def _cells(text: str, lo: int, hi: int) -> list[tuple[int, int]] | None:
    line = text[lo:hi]
    if line.count("\t") >= 2:
        sep = "\t"
    elif line.count("|") >= 2:
        sep = "|"
    else:
        return None
    out, pos = [], lo
    for part in line.split(sep):
        a, b = pos, pos + len(part)
        pos = b + 1
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        out.append((a, b))
    if sep == "|":                   # "| a | b |": the outer bars open and close the row
        if out and out[0][0] == out[0][1]:
            out = out[1:]
        if out and out[-1][0] == out[-1][1]:
            out = out[:-1]
    return out if len(out) >= 3 else None


def tables(text: str) -> list[Table]:
    """Runs of two or more lines split into the same number (3+) of cells by tabs or bars, whose first line names
    at least a recipient or supplier column and a system column."""
    rows = lines(text)
    out: list[Table] = []
    i = 0
    while i < len(rows):
        head = _cells(text, *rows[i])
        if head is None:
            i += 1
            continue
        names = [text[a:b].strip("*_ ").lower() for a, b in head]
        columns = [next((k for k, pat in _COLUMNS.items() if pat.match(n)), None) for n in names]
        j, body = i + 1, []
        while j < len(rows):
            cells = _cells(text, *rows[j])
            if cells is None or len(cells) != len(head):
                break
            if all(re.fullmatch(r":?-{2,}:?", text[a:b]) for a, b in cells if b > a):
                j += 1
                continue
            body.append(cells)
            j += 1
        if body and "system" in columns and ("recipient" in columns or "supplier" in columns):
            # the line that introduces the table: the line just above, or a heading (no full stop) of the three
            # lines above, that says what it lists; a sentence of the story further up does not
            before, seen = None, 0
            for k in range(i - 1, -1, -1):
                above = text[rows[k][0]:rows[k][1]].strip()
                if above:
                    seen += 1
                    if status_word(above) is not None and (seen == 1 or not above.endswith((".", "!", "?"))):
                        before = rows[k]
                        break
                    if seen == 3:
                        break
            out.append(Table(columns, body, rows[i:j], before))
        i = max(j, i + 1)
    return out
