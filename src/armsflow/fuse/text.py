"""Text features for echo detection: normalised words, shingles, sentences and rare phrases.

Pure functions on strings. Normalisation folds case, accents and typographic punctuation so that a reprint with
curly quotes or a different encoding of "Vučić" still hashes the same.
"""
from __future__ import annotations

import heapq
import re
from collections import deque
import unicodedata

from armsflow.extract.sentences import split_sentences

_WORD = re.compile(r"\w+(?:[-'.]\w+)*")
_YEAR = re.compile(r"(?:19|20)\d\d")
_NUMBER = re.compile(r"(?<![\w.,-])(\d[\d,.]*\+*)\s+([a-z][\w-]*)(?:\s+([a-z][\w-]*))?")
_SPACES = re.compile(r"\s+")
LINE_PIECE = 65_536            # characters of one line read at once for phrases (an article's lines are shorter)
_QUOTE = re.compile(r"[\"“]([^\"“”\n]{12,400})[\"”]")
# A run of capitalised words ("Revolutionary Guard Corps", "Bank of America", "F-16 Block 70"): it opens on a
# capitalised word or on a code ending in a digit, and goes on over capitalised words and numbers, across a few
# small joining words. See :func:`cap_runs` for how it is searched.
_CONT = r"(?:\s+(?:(?:of|and|the|de|al|von|van|bin|for)\s+)?(?:[A-Z][\w'’-]*|\d[\w-]*))+"
_CAP_WORD = re.compile(r"[A-Z][\w'’-]*+" + _CONT)
_CAP_CODE = re.compile(r"[A-Z0-9][\w-]++(?<=\d)" + _CONT)
_FIRST_CAP = re.compile(r"(?<![\w'’-])(?:[^\WA-Z]|['’-])*+[A-Z]")     # first capital of a word
_NEXT_CAP = re.compile(r"(?:[^\WA-Z]|['’-])*+[A-Z]")                  # ... from inside the word
_FIRST_CODE = re.compile(r"(?<![\w-])(?:[^\WA-Z0-9]|-)*+[A-Z0-9]")   # first capital or digit of a [\w-] run
_DATE = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(?: \d{4})?|"
                   r"\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*(?: \d{4})?")
_STOP = frozenset(re.findall(r"\w+", """a an the of and or to in on at for by with from as is are was were be been that this these
those it its his her their our we they he she you i not no but if than then so such into over under about after
before between during while which who whom whose what when where why how all any some more most other also can
could would should will may might must has have had do does did"""))
STOP = _STOP                   # function words: a word sequence made of them alone says nothing about its source
_SMALL = frozenset(_STOP | {"per", "percent", "years", "year", "days", "months", "times", "people", "million",
                            "billion", "thousand", "hundred", "new"})


def fold(text: str) -> str:
    """Lowercase, strip accents, straighten quotes and dashes."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.translate(str.maketrans("‘’“”–—‐‑", "''\"\"----"))
    return text.casefold()


def words(text: str) -> list[str]:
    """The folded words of ``text``, with punctuation dropped (joined by single spaces, the content hash's input)."""
    return _WORD.findall(fold(text))


def iter_words(text: str):
    """:func:`words`, one at a time: a long text's words are never all held at once."""
    return (m.group(0) for m in _WORD.finditer(fold(text)))


def shingles(tokens, k: int = 5):
    """Overlapping k-word shingles of an iterable of words, one at a time and repeats included (a MinHash is the
    same with or without them, and a long text's shingles are never all held at once); a text shorter than k words
    gives itself as one shingle."""
    window: deque[str] = deque(maxlen=k)
    full = False
    for token in tokens:
        window.append(token)
        if len(window) == k:
            full = True
            yield " ".join(window)
    if window and not full:
        yield " ".join(window)


def sentences(text: str, min_words: int = 6, limit: int = 200) -> list[str]:
    """The sentences worth comparing: at least ``min_words`` words (drops captions, bylines, headings)."""
    out = []
    for start, end in split_sentences(text):
        s = " ".join(text[start:end].split())
        if len(_WORD.findall(s)) >= min_words:
            out.append(s)
            if len(out) >= limit:
                break
    return out


def rare_phrases(text: str, limit: int = 48) -> list[str]:
    """Phrases an independent writer is unlikely to produce the same way, folded: numbers with their units
    ("24 fighter jets"), quotations (first six words) and multi-word names ("Revolutionary Guard Corps").

    Years alone are left out: every report of an event shares them. Longer, rarer-looking phrases come first,
    so that the ``limit`` keeps the most telling ones."""
    found: set[str] = set()
    for m in _QUOTE.finditer(_SPACES.sub(" ", text).strip()):
        ws = words(m.group(1))
        if len(ws) >= 3:
            found.add(" ".join(ws[:6]))
    for line in pieces(text.splitlines()):
        for m in _NUMBER.finditer(fold(line)):
            num, w1, w2 = m.groups()
            num = num.rstrip(".,")
            if _YEAR.fullmatch(num) or w1 in _STOP:
                continue
            found.add(" ".join(x for x in (num, w1, w2 if w2 and w2 not in _STOP else None) if x))
        for m in cap_runs(line):
            ws = words(m.group(0))
            while ws and ws[0] in _STOP:
                ws.pop(0)
            while ws and ws[-1] in _STOP:
                ws.pop()
            if len(ws) >= 2 and not all(w in _SMALL for w in ws) and not _DATE.fullmatch(" ".join(ws)):
                found.add(" ".join(ws))
    return sorted(found, key=lambda p: (-_rarity(p), p))[:limit]


def pieces(lines, size: int = LINE_PIECE):
    """The lines, a line longer than ``size`` cut into pieces at the last white space before each ``size``
    characters (or at ``size`` in a run without any): the phrases of a megabyte line are read in bounded memory."""
    for line in lines:
        while len(line) > size:
            cut = max(line.rfind(" ", 0, size), line.rfind("\t", 0, size))
            cut = cut if cut > 0 else size
            yield line[:cut]
            line = line[cut:]
        yield line


def cap_runs(line: str):
    """The runs of capitalised words in ``line``, as ``re.Match`` objects: the leftmost-first matches of the
    pattern ``(?:[A-Z][\\w'’-]*|[A-Z0-9][\\w-]*\\d)`` + :data:`_CONT`, found in time linear in the line.

    Searched as that one pattern, a run may start at every capital or digit of a word, and each start reads to the
    word's end before failing: 8 s for a word of 20,000 capitals, a day for a line of 10^6. But every start inside
    one word reads its first word to the same end (the word's, or, for a code, that of its hyphenated part) and
    goes on alike from there, so a start can only succeed where the first possible start of the word (or part)
    succeeds. Only those are tried: the first capital of each word (:data:`_CAP_WORD`) and the first capital or
    digit of each part (:data:`_CAP_CODE`), in text order, and after a match that ends inside a word (at an
    apostrophe: "737's"), the word's next capital."""
    kinds: dict[int, int] = {}          # start -> 1: try as a word, 2: as a code, 3: both (a word first)
    for m in _FIRST_CAP.finditer(line):
        kinds[m.end() - 1] = 1
    for m in _FIRST_CODE.finditer(line):
        kinds[m.end() - 1] = kinds.get(m.end() - 1, 0) | 2
    starts = list(kinds)
    heapq.heapify(starts)
    pos, last = 0, -1
    while starts:
        at = heapq.heappop(starts)
        if at < pos or at == last:
            continue
        last, kind = at, kinds[at]
        m = (kind & 1 and _CAP_WORD.match(line, at)) or (kind & 2 and _CAP_CODE.match(line, at))
        if not m:
            continue
        yield m
        pos = m.end()
        if pos < len(line) and line[pos] in "'’":          # ended inside a word: its next capital may start one
            nxt = _NEXT_CAP.match(line, pos)
            if nxt:
                kinds[nxt.end() - 1] = kinds.get(nxt.end() - 1, 0) | 1
                heapq.heappush(starts, nxt.end() - 1)


def _rarity(phrase: str) -> float:
    """Crude rarity: long, content-bearing words and digits are rare in news text."""
    ws = phrase.split()
    return sum(len(w) for w in ws if w not in _SMALL) + 3 * sum(any(c.isdigit() for c in w) for w in ws)
