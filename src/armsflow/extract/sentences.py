"""Sentence spans by rule, so the cheap gazetteer gate runs before any parsing.

spaCy's parser would split sentences too, but it costs the full pipeline on every sentence; most news
sentences mention no weapon and must never reach the parser. Splits fall at line breaks (headlines, bullets,
paragraphs) and at terminal punctuation followed by a capitalised word, except after abbreviations and initials.

A "sentence" longer than :data:`MAX_SENTENCE` characters (a file of one huge line without full stops, a table
flattened into one line) is cut into windows of at most that length, at the last space before the limit: what
reads one sentence costs more than linear time in its length (and spaCy refuses texts over ``nlp.max_length``),
so bounded windows keep a whole document linear. The longest real sentence in the evaluation and news corpora is
about 750 characters.
"""
from __future__ import annotations

import re

_ABBREV = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm", "brig", "cmdr",
    "gov", "sen", "rep", "rev", "st", "jr", "sr", "no", "nos", "vol", "inc", "co", "corp", "ltd", "bros",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "vs", "etc", "approx",
    "fig", "est", "dept", "univ", "mt", "ft", "e.g", "i.e", "a.m", "p.m",
}
MAX_SENTENCE = 1000
# possessive runs and "not inside a run of stops": a line of 10^6 full stops is one scan, not 10^12 steps (a match
# starting inside the run would end where one from the run's start ends, and that one failed)
# a report's footnote marker may stand after the stop: "... in 2015.[24] The Panel ...", "... embargo.12 The ...",
# "... embargo.¹² The ..." (digits right after a word's stop: "2015.24" is a number, not a marker)
_FOOTNOTE = r"(?:\[\d{1,3}\]|(?<=[A-Za-z)][.!?])\d{1,3}|[\u00b9\u00b2\u00b3\u2070-\u2079]{1,3})?+"
_BOUNDARY = re.compile(r"(?<![.!?])[.!?]++[\"'”’)\]]*+" + _FOOTNOTE + r"(?=\s+[\"'“‘(\[]?[A-Z0-9])|"
                       r"(?<=[a-z]{2})\.(?=[A-Z][a-z])")


def _ok_break(text: str, end: int) -> bool:
    """Is the terminal punctuation ending at ``end`` a real sentence end?"""
    i = end
    while i > 0 and text[i - 1] in ".!?\"'”’)]":
        i -= 1
    if text[i:end].startswith("."):
        word = re.search(r"([A-Za-z.]+)$", text[max(0, i - 12):i])
        if word:
            w = word.group(1).lower().rstrip(".")
            if w in _ABBREV or (len(w) == 1 and w.isalpha()):
                return False
            if re.fullmatch(r"(?:[a-z]\.)+[a-z]", w):      # U.S. / U.A.E.: ends a sentence only where one begins
                return _new_sentence_after(text, end)
    return True


# words that open a sentence, and words that go on a noun phrase after "U.S." ("U.S. Army", "U.S. officials")
_STARTERS = frozenset({"the", "it", "in", "on", "at", "a", "an", "this", "that", "these", "those", "he", "she",
                       "they", "we", "i", "meanwhile", "however", "but", "earlier", "later", "according", "last",
                       "since", "after", "before", "while", "when", "its", "their", "his", "her", "there", "such"})
_GOES_ON = frozenset({"army", "navy", "air", "marine", "marines", "department", "state", "congress", "senate",
                      "house", "president", "secretary", "ambassador", "embassy", "defense", "defence", "government",
                      "treasury", "military", "special", "central", "coast", "space", "agency", "forces", "officials",
                      "administration", "envoy", "general", "admiral", "commander", "command", "national", "federal",
                      "and", "or", "dollar", "dollars", "company", "firm", "allies", "ally", "embassy"})
_CLAUSE_VERB = re.compile(r"[a-z]+ed|is|was|has|have|had|will|would|said|says|signed|sold|bought|got|won|made")


def _new_sentence_after(text: str, end: int) -> bool:
    """After an abbreviation in capitals ("... from the U.S. Turkey signed ..."), does a new sentence begin: a word
    that opens sentences, or a capitalised name followed by a finite verb, rather than more of a name ("U.S. Navy")?"""
    words = re.match(r"\s+([A-Z][\w\u00C0-\u024F'-]*)\s+([a-z]+)?", text[end:end + 60])
    if not words:
        return False
    first = words.group(1).lower()
    if first in _STARTERS:
        return True
    return first not in _GOES_ON and words.group(2) is not None and _CLAUSE_VERB.fullmatch(words.group(2)) is not None


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences of ``text``, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    for bstart, bend in _blocks(text):
        cut = bstart
        for m in _BOUNDARY.finditer(text, bstart, bend):
            if _ok_break(text, m.end()):
                spans.append((cut, m.end()))
                cut = m.end()
        spans.append((cut, bend))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        while e - s > MAX_SENTENCE:
            cut = _window_end(text, s, s + MAX_SENTENCE)
            out.append((s, cut))
            s = cut
            while s < e and text[s].isspace():
                s += 1
        if e > s:
            out.append((s, e))
    return out


def _window_end(text: str, start: int, limit: int) -> int:
    """Where to cut an over-long sentence that starts at ``start``: before the last space up to ``limit``, if it
    falls in the window's second half, else at ``limit`` itself (a run of characters without spaces)."""
    space = max(text.rfind(" ", start + MAX_SENTENCE // 2, limit + 1), text.rfind("\t", start + MAX_SENTENCE // 2,
                                                                              limit + 1))
    cut = space if space > start else limit
    while cut > start + 1 and text[cut - 1].isspace():
        cut -= 1
    return cut


def _blocks(text: str):
    start = 0
    for m in re.finditer(r"\n", text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)
