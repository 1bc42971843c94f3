"""How many: the number that counts an equipment mention ("24 fighter jets", "eight Su-30SM planes")."""
from __future__ import annotations

import re

from armsflow.extract.lexicon import load_lexicon

_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
               "hundred": 100})
NUMBER_WORDS = tuple(w for w in _WORDS if w != "zero")        # the counts written as words
_NUM = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)$")
_LEADS = {"the", "a", "an", "another", "some", "all", "about", "around", "over", "nearly", "almost", "up", "only",
          "just", "at", "in", "its", "their", "his", "her", "our", "these", "those", "further", "additional"}
_STOP = {"of", "and", "or", "with", "to", "in", "for", "from", "by", "the", "than", "at", "on", "per", "about"}


# "ordered 12 of the aircraft", "180 more of these tanks", "the last two of Croatia's jets": a part of the weapons
# named before, or of a state's, counted
_PARTITIVE = re.compile(r"(?:^|\s)(\d{1,3}(?:,\d{3})+|\d+|" + "|".join(sorted(
    ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
     "eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred").split(), key=len,
    reverse=True)) + r")\s+(?:more\s+)?of\s+(?:the|these|those|its|their|[A-Z][\w.-]*['\u2019]s)\s+"
    r"(?:[\w-]+\s+){0,2}$", re.I)


def number_value(word: str) -> int | None:
    """ "12", "1,200", "three": the count a single word writes, or None (a year is no count)."""
    w = word.lower().replace(",", "")
    if w.isdigit():
        value = int(w)
        return None if 1900 <= value <= 2100 and "," not in word else value
    return _WORDS.get(w)


# "24 and 12 Rafale jets": counts in a list, one per party the sentence pairs them with ("respectively")
_COUNT_LIST = re.compile(r"(?:^|\s)((?:\d+(?:,\d{3})*\s*,\s*)*\d+(?:,\d{3})*\s*,?\s+(?:and|or)\s+\d+(?:,\d{3})*)"
                         r"\s+(?:more\s+|new\s+|used\s+)?(?:[\w-]+\s+){0,2}$")


def counts_before(text: str, start: int) -> list[int] | None:
    """The counts of a list written just before ``start`` ("24 and 12 Rafale jets": [24, 12]), or None."""
    m = _COUNT_LIST.search(text[max(0, start - 80):start])
    if m is None:
        return None
    counts = [int(w.replace(",", "")) for w in re.findall(r"\d+(?:,\d{3})*", m.group(1))]
    return None if any(1900 <= c <= 2100 for c in counts) else counts


_BRACKETED = re.compile(r"\(\d{1,3}(?:,\d{3})*\)")


def quantity_before(text: str, start: int, max_words: int = 4) -> int | None:
    """The count written just before ``start`` (skipping a few modifiers), or None; none for one of a list of
    counts ("24 and 12 Rafale jets": which is whose, the sentence's pairing says, not the nearest number)."""
    if counts_before(text, start) is not None:
        return None
    left = text[max(0, start - 80):start]
    part = _PARTITIVE.search(left)
    if part is not None:
        w = part.group(1).lower().replace(",", "")
        value = int(w) if w.isdigit() else _WORDS[w]
        return None if 1900 <= value <= 2100 and w.isdigit() else value
    words = left.split()
    offset = max(0, len(words) - (max_words + 1))
    window = words[offset:]
    for k in range(len(window) - 1, -1, -1):
        w = window[k]
        prev = words[offset + k - 1] if offset + k > 0 else ""     # the word before, also outside the window
        if _BRACKETED.fullmatch(w):
            # "ninety-six (96) helicopters", "one thousand two hundred (1,200) missiles": the figure in brackets
            # restates the count written out in words before it
            value = int(w.strip("()").replace(",", ""))
            return None if 1900 <= value <= 2100 and "," not in w else value
        if prev and _NUM.fullmatch(w) and prev[:1].isupper() and \
                prev.lower().strip(",.") not in _LEADS and not prev.endswith((":", ";", ",")):
            return None          # "Leopard 1 tank ammunition": the number belongs to a name ("Poland: 96 jets" not)
        lw = w.lower().strip(",.")
        if lw in _STOP or w.endswith((",", ".")) and not _NUM.search(lw):
            return None
        if lw in _time_nouns():
            return None          # "over the past three decades Peru bought ...": the number counts the time
        if lw.startswith(("$", "€", "£")) or lw.endswith("%") or lw in ("million", "billion"):
            return None
        m = _NUM.search(lw)
        if m and m.group(1) == lw:
            value = int(lw.replace(",", ""))
            if 1900 <= value <= 2100 and "," not in lw:
                return None
            return value
        if lw == "dozens":
            return None          # "dozens of drones": no count
        if lw == "dozen":
            # "a dozen jets", "two dozen tanks"
            before = window[k - 1].lower().strip(",.") if k > 0 else ""
            n = 1 if before in ("a", "one") else _spelled(before) if not before.isdigit() else int(before)
            return n * 12 if n else None
        if (n := _spelled(lw)) is not None:
            return n
    return None


def _spelled(word: str) -> int | None:
    """ "six", "forty-eight", "twenty four": a count written out (to ninety-nine), or None."""
    if word in _WORDS:
        return _WORDS[word]
    tens, _, unit = word.partition("-")
    if tens in _WORDS and unit in _WORDS and 20 <= _WORDS[tens] <= 90 and _WORDS[tens] % 10 == 0 and \
            1 <= _WORDS[unit] <= 9:
        return _WORDS[tens] + _WORDS[unit]
    return None


def _time_nouns() -> frozenset[str]:
    """The nouns a number measures as time (lexicon.yaml word class time_measure_nouns)."""
    return load_lexicon().word_classes.get("time_measure_nouns", frozenset())
