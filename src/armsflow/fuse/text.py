"""Text features for echo detection: normalised words, shingles, sentences and rare phrases.

Pure functions on strings. Normalisation folds case, accents and typographic punctuation so that a reprint with
curly quotes or a different encoding of "Vučić" still hashes the same.
"""
from __future__ import annotations

import re
import unicodedata

from armsflow.extract.sentences import split_sentences

_WORD = re.compile(r"\w+(?:[-'.]\w+)*")
_YEAR = re.compile(r"(?:19|20)\d\d")
_NUMBER = re.compile(r"(?<![\w.,-])(\d[\d,.]*\+*)\s+([a-z][\w-]*)(?:\s+([a-z][\w-]*))?")
_QUOTE = re.compile(r"[\"“]([^\"“”\n]{12,400})[\"”]")
_CAP_RUN = re.compile(r"(?:[A-Z][\w'’-]*|[A-Z0-9][\w-]*\d)(?:\s+(?:(?:of|and|the|de|al|von|van|bin|for)\s+)?"
                      r"(?:[A-Z][\w'’-]*|\d[\w-]*))+")
_DATE = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}(?: \d{4})?|"
                   r"\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*(?: \d{4})?")
_STOP = frozenset(re.findall(r"\w+", """a an the of and or to in on at for by with from as is are was were be been that this these
those it its his her their our we they he she you i not no but if than then so such into over under about after
before between during while which who whom whose what when where why how all any some more most other also can
could would should will may might must has have had do does did"""))
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


def shingles(tokens: list[str], k: int = 5) -> set[str]:
    """Overlapping k-word shingles; a text shorter than k words gives itself as one shingle."""
    if len(tokens) < k:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i:i + k]) for i in range(len(tokens) - k + 1)}


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
    for m in _QUOTE.finditer(" ".join(text.split())):
        ws = words(m.group(1))
        if len(ws) >= 3:
            found.add(" ".join(ws[:6]))
    for line in text.splitlines():
        for m in _NUMBER.finditer(fold(line)):
            num, w1, w2 = m.groups()
            num = num.rstrip(".,")
            if _YEAR.fullmatch(num) or w1 in _STOP:
                continue
            found.add(" ".join(x for x in (num, w1, w2 if w2 and w2 not in _STOP else None) if x))
        for m in _CAP_RUN.finditer(line):
            ws = words(m.group(0))
            while ws and ws[0] in _STOP:
                ws.pop(0)
            while ws and ws[-1] in _STOP:
                ws.pop()
            if len(ws) >= 2 and not all(w in _SMALL for w in ws) and not _DATE.fullmatch(" ".join(ws)):
                found.add(" ".join(ws))
    return sorted(found, key=lambda p: (-_rarity(p), p))[:limit]


def _rarity(phrase: str) -> float:
    """Crude rarity: long, content-bearing words and digits are rare in news text."""
    ws = phrase.split()
    return sum(len(w) for w in ws if w not in _SMALL) + 3 * sum(any(c.isdigit() for c in w) for w in ws)
