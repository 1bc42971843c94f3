"""The fast catalogue pass: every actor, system and equipment noun in a text, in one Aho-Corasick scan.

spaCy's small English model misses most weapon designations (Mohajer-6, CH-92) and mislabels others (Su-35s as a
person), so the catalogue, not NER, decides what is an entity. Matching runs on a *folded* copy of the text that
keeps every character offset: lower case, diacritics dropped, hyphens and dashes turned into spaces. Catalogue
surfaces are folded the same way and also indexed with and without a separator between letters and digits, so
"Pantsir S1", "Pantsir-S1", "Mig-29", "CH92" and "Akıncı" all hit. A plural "s" after a hit is absorbed
("Su-35s", "drones"). Among overlapping hits the longest wins, which is how traps ("New Mexico", "Georgia Tech")
veto the shorter actor name inside them.
"""
from __future__ import annotations

import os
import re
import unicodedata
from bisect import bisect_left
from functools import lru_cache

import ahocorasick

from armsflow.catalog.loader import Catalog
from armsflow.model import Mention

_SEPARATORS = "\u00a0\t\n\r-\u2010\u2011\u2012\u2013\u2014\u2212"
_ASCII_TABLE = str.maketrans({c: " " for c in _SEPARATORS} | {"\u2019": "'", "\u2018": "'"})


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _SEPARATORS:
        return " "
    if ch in "\u2019\u2018\u02bc":
        return "'"
    if ch == "\u0131":          # dotless i (Akıncı)
        return "i"
    low = ch.lower()
    base = unicodedata.normalize("NFKD", low)[:1] if not low.isascii() else low[:1]
    return base if base and len(low) == 1 else ch if len(ch) == 1 else " "


def fold(text: str) -> str:
    """Same-length normalised copy of ``text`` used for matching."""
    if text.isascii():
        return text.lower().translate(_ASCII_TABLE)
    return "".join(_fold_char(c) for c in text)


_TAIL = re.compile(r"(?:e?s|[a-z]{1,3}(?: ?\d{1,2})?|\d?[a-z]{1,2})(?![a-z0-9])")
_LETTER_DIGIT = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")


def surface_keys(surface: str) -> set[str]:
    """The folded spellings under which a catalogue surface is indexed."""
    base = re.sub(r" +", " ", fold(surface)).strip()
    keys = {base}
    # "CH-92" ~ "CH92", "MS500" ~ "MS 500": letters and digits may be joined or split
    keys.add(re.sub(r"(?<=[a-z]) (?=\d)|(?<=\d) (?=[a-z])", "", base))
    keys.add(_LETTER_DIGIT.sub(" ", base))
    return {k for k in keys if k}


def case_rule(surface: str) -> str:
    """How strictly the text's letter case must agree: 'exact' for acronyms, 'title' for names, 'any'."""
    letters = [c for c in surface if c.isalpha()]
    if any(c.isdigit() for c in surface):
        # "A-50", "S-400": a designation in capitals is not "a 50" or "s 400" in running text
        return "capital" if letters and len(letters) <= 2 and all(c.isupper() for c in letters) else "any"
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return "exact"
    if surface[:1].isupper():
        return "title"
    return "any"


def _case_ok(rule: str, surface: str, found: str) -> bool:
    if surface[-2:-1].isdigit() and surface[-1:] == "S" and found[-2:-1].isdigit() and found[-1:] == "s":
        return False            # "T-90s" are T-90 tanks, not the T-90S: a plural, as "Su-35s" are Su-35s
    if rule == "any":
        return True
    if rule == "capital":
        return any(c.isupper() for c in found)
    if rule == "title":
        # every capitalised word of the name must be capitalised in the text ("Lebanese Forces" vs "forces")
        return all(g[:1].isupper() or not w[:1].isupper() for w, g in zip(surface.split(), found.split()))
    want = [c for c in surface if c.isalpha()]
    got = [c for c in found if c.isalpha()]
    return [c.isupper() for c in got[:len(want)]] == [c.isupper() for c in want][:len(got)]


# (kind, key, category, origin, surface, case rule)
Entry = tuple[str, str, str | None, str | None, str, str]

# Soviet and Russian design-bureau prefixes that the press also spells out ("Sukhoi-30MKI", "Ilyushin-76")
_BUREAUS = {"Su": "Sukhoi", "Il": "Ilyushin", "An": "Antonov", "Tu": "Tupolev", "Yak": "Yakovlev"}
_BUREAU = re.compile(r"(Su|Il|An|Tu|Yak)-(?=\d)")


def spelled_out(surface: str) -> str | None:
    """The surface with its design-bureau prefix written in full ("Su-30MKI" -> "Sukhoi-30MKI"), or None."""
    m = _BUREAU.match(surface)
    return _BUREAUS[m.group(1)] + "-" + surface[m.end():] if m else None


def catalog_entries(cat: Catalog):
    """Every (surface, entry) the catalogue defines, in priority order."""
    for tr in cat.traps:
        yield tr, ("trap", tr, None, None)
    for code, st in cat.states.items():
        for s in (st.name, *st.aliases):
            yield s, ("state", code, None, None)
        for s in st.adjectives:
            yield s, ("adjective", code, None, None)
        for s in st.people:
            yield s, ("people", code, None, None)
        for s in st.seats:
            yield s, ("seat", code, None, None)
        for s in st.organs:
            yield s, ("organ", code, None, None)
    for slug, ns in cat.nonstate.items():
        for s in (ns.name, *ns.aliases):
            yield s, ("nonstate", slug, None, None)
    for f in cat.firms:
        for s in (f.name, *f.aliases):
            yield s, ("firm", f.state, None, None)
    for g in cat.groups.values():
        for s in (g.name, *g.aliases):
            yield s, ("group", g.slug, None, None)
    for name, sy in cat.systems.items():
        weak = set(sy.weak)
        surfaces = (name, *sy.aliases)
        for s in dict.fromkeys((*surfaces, *filter(None, map(spelled_out, surfaces)))):
            # an imported name without a digit ("Tobruk", "Albatros") is also a word or a place: weak, and so is
            # a curated name listed as weak ("Hermes", "Rainbow")
            kind = "system?" if (sy.ambiguous and sy.source != "armsflow") or s in weak else "system"
            yield s, (kind, name, sy.category, sy.origin)
    for phrase, category in cat.equipment.items():
        yield phrase, ("equipment", category, category, None)


def surface_conflicts(cat: Catalog) -> list[str]:
    """Surfaces that fold to one key but name different things (a catalogue error)."""
    seen: dict[str, tuple[str, tuple]] = {}
    problems = []
    for surface, entry in catalog_entries(cat):
        for k in surface_keys(surface):
            prev = seen.get(k)
            if prev is None:
                seen[k] = (surface, entry)
                continue
            (psurf, pentry) = prev
            same = pentry[1] == entry[1] or pentry[0] == "trap" or entry[0] == "trap"
            if not same:
                problems.append(f"surface {surface!r} ({entry[0]} {entry[1]}) collides with "
                                f"{psurf!r} ({pentry[0]} {pentry[1]})")
    return problems


class Gazetteer:
    """Aho-Corasick matcher over the whole catalogue; build once, reuse for every document."""

    def __init__(self, cat: Catalog):
        self.catalog = cat
        table: dict[str, list[Entry]] = {}
        for surface, (kind, key, category, origin) in catalog_entries(cat):
            rule = "any" if kind == "equipment" else case_rule(surface)
            for k in surface_keys(surface):
                bucket = table.setdefault(k, [])
                if any(e[0] == kind and e[1] == key and e[5] == rule for e in bucket):
                    continue
                bucket.append((kind, key, category, origin, surface, rule))
        self._automaton = ahocorasick.Automaton()
        for k, entries in table.items():
            self._automaton.add_word(k, (len(k), tuple(entries)))
        self._automaton.make_automaton()

    def find(self, text: str, folded: str | None = None, lo: int = 0, hi: int | None = None) -> list[Mention]:
        """Non-overlapping catalogue mentions in ``text``, longest first, sorted by position; with ``lo`` and
        ``hi``, only those that start at or after ``lo`` and end by ``hi`` (the characters around them are still
        read from the whole text), so that a long text can be read a piece at a time in bounded memory."""
        f = folded if folded is not None else fold(text)
        n = len(f)
        hi = n if hi is None else min(hi, n)
        candidates = []
        for end, (length, entries) in self._automaton.iter(f, lo, hi):
            start = end - length + 1
            if start > 0 and (f[start - 1].isalnum() or (f[start - 1] == "'" and start > 1 and f[start - 2].isalnum())):
                continue
            stop = end + 1
            variant = False
            if stop < n and f[stop].isalnum():
                m = _TAIL.match(f, stop)
                if m is None:
                    continue
                # "Su-35s", "drones" (a plural), or "CH-92A", "T-72B3" (a variant of a designation)
                variant = not (m.group(0) in ("s", "es"))
                if variant and not f[end].isdigit():
                    continue
                stop = m.end()
            found = text[start:end + 1]
            tail_upper = stop > end + 1 and text[end + 1:stop].isupper()
            for kind, key, category, origin, surface, rule in entries:
                if variant and kind not in ("system", "system?"):
                    continue
                if rule == "exact" and tail_upper:
                    continue            # "USS" is not the plural of "US"
                if _case_ok(rule, surface, found):
                    if variant:         # report the variant as written: "T-72" + "MS", "Mi-17" + "V-5"
                        suffix = text[end + 1:stop].upper()
                        key = key + suffix if fold(key).replace(" ", "").endswith(
                            fold(found).replace(" ", "")) else text[start:stop]
                    candidates.append((start, stop, kind, key, category, origin, variant, length))
                    break
        # a weapon noun that runs into a system's name is not read over it: "Alpha Jet trainers" names the Alpha
        # Jet, not "jet trainers" (a weak name keeps the noun it needs beside it)
        named = sorted((c[0], c[1]) for c in candidates if c[2] == "system")
        if named:
            starts = [a for a, _ in named]
            longest = max(b - a for a, b in named)

            def runs_into_a_name(c) -> bool:
                j = bisect_left(starts, c[1])       # the names that start before the noun ends ...
                while j > 0 and starts[j - 1] > c[0] - longest:
                    j -= 1                          # ... and may still reach into it
                    a, b = named[j]
                    if c[0] < b and not (c[0] <= a and b <= c[1]):
                        return True
                return False
            candidates = [c for c in candidates if c[2] != "equipment" or not runs_into_a_name(c)]
        # longest span first; on a tie an exact name beats a variant reading, and a longer name a shorter one
        candidates.sort(key=lambda c: (-(c[1] - c[0]), c[6], -c[7], c[0]))
        # the characters already covered by a kept mention: a candidate overlaps one iff it covers a marked
        # character, a test in the length of the candidate (a catalogue name), not in the number kept so far
        taken = bytearray(max(0, hi - lo))
        out: list[Mention] = []
        for start, stop, kind, key, category, origin, _, _ in candidates:
            if stop > hi or taken.find(1, start - lo, stop - lo) >= 0:
                continue
            taken[start - lo:stop - lo] = b"\x01" * (stop - start)
            if kind == "system?":
                out.append(Mention(start, stop, text[start:stop], "system", key, category, origin, weak=True))
            elif kind != "trap":
                out.append(Mention(start, stop, text[start:stop], kind, key, category, origin))
        out.sort(key=lambda m: m.start)
        return out


_BUILT: dict[tuple[type, int], object] = {}


def _built_for(kind: type, cat: Catalog):
    """One ``kind(cat)`` per catalogue: building the automaton is the slow part, so it is kept, in the process and
    in the cache (catalog/cache.py) for the next one."""
    made = _BUILT.get((kind, id(cat)))
    if made is None or made.catalog is not cat:
        import sys

        from armsflow.catalog.cache import built_from, source_of

        made = _BUILT[(kind, id(cat))] = built_from(kind, cat, kind.__name__.lower(), [
            source_of(sys.modules[__name__]), ahocorasick.__file__, str(os.stat(ahocorasick.__file__).st_size)])
    return made


def gazetteer_for(cat: Catalog) -> Gazetteer:
    return _built_for(Gazetteer, cat)


# --- one-letter slips in designations ----------------------------------------------------------------------------

def _osa1(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by exactly one edit: a letter added, dropped, changed, or two swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:] or (i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i]
                                           and a[i + 2:] == b[i + 2:])
    return a[i + 1:] == b[i:] if len(a) > len(b) else a[i:] == b[i + 1:]


def _compact(surface: str) -> str:
    return re.sub(r"[^0-9a-z]", "", fold(surface))


class NearMisses:
    """Catalogue system names written with one slip ("Rafalle", "Mohajir-6"), for designation-like tokens only.

    Indexed: the one-word names and aliases of systems (hyphens allowed: "Su-30MKI"), not weak ones, of at least
    five letters and digits. A token is looked up when it has a digit and two letters, or is one capitalised word
    of six letters or more that is not an English word; it matches a name at edit distance 1 (a swap counts as one)
    that starts with the same character and has exactly the same digits, so "Su-25" never becomes "Su-35". A token
    near the names of two systems matches neither. Whether the sentence backs the reading up (a weapon noun or a
    transfer word nearby) is for the caller to decide: see ``extract.mentions.slip_mentions``.
    """

    TOKEN = re.compile(r"(?<![\w\-])[A-Za-z0-9][A-Za-z0-9\-\u2010\u2011]*[A-Za-z0-9](?![\w\-])")

    def __init__(self, cat: Catalog):
        self.catalog = cat
        self.systems: dict[str, set[str]] = {}           # compact name -> system keys
        self.neighbours: dict[str, set[str]] = {}        # a name with one character dropped -> compact names
        for name, sy in cat.systems.items():
            if sy.ambiguous and sy.source != "armsflow":
                continue
            weak = set(sy.weak)
            for s in (name, *sy.aliases):
                if s in weak or " " in s.strip() or len(_compact(s)) < 5:
                    continue
                k = _compact(s)
                self.systems.setdefault(k, set()).add(name)
                for d in {k[:i] + k[i + 1:] for i in range(len(k))} | {k}:
                    self.neighbours.setdefault(d, set()).add(k)

    @staticmethod
    def designation_like(token: str) -> bool:
        if token.isalpha():         # one word of letters: capitalised, six or more, not an English word
            if len(token) < 6 or not token[0].isupper():
                return False
            from armsflow.catalog.sipri import english_words   # late: sipri imports this module
            return token.lower() not in english_words()
        if not any(c.isdigit() for c in token):
            return False            # letters and hyphens only ("long-range")
        return sum(c.isalpha() for c in token) >= 2 and len(_compact(token)) >= 5

    def lookup(self, token: str) -> str | None:
        """The system a designation-like ``token`` misspells by one character, or None."""
        return self._lookup(token) if self.designation_like(token) else None

    def _lookup(self, token: str) -> str | None:
        q = _compact(token)
        if q in self.systems:
            return None               # written right: the gazetteer decided (a case or context rule) not to match
        digits = re.sub(r"\D", "", q)
        found: set[str] = set()
        for d in {q[:i] + q[i + 1:] for i in range(len(q))} | {q}:
            for k in self.neighbours.get(d, ()):
                if k[0] == q[0] and re.sub(r"\D", "", k) == digits and _osa1(q, k):
                    found |= self.systems[k]
        return next(iter(found)) if len(found) == 1 else None

    # glyphs that look alike in print and in scanned text: a lower-case "l" for a capital "I" or a one, "O" for zero
    _LOOKALIKE = {"l": "I1", "I": "l1", "1": "lI", "O": "0", "0": "O"}

    def respelt(self, token: str) -> str | None:
        """The catalogue system that a designation read as a new variant ("Su-30MKl": "Su-30" + "MKL") was meant to
        name: the token with one look-alike glyph swapped is exactly one system's name ("Su-30MKI"), or its variant
        letters are written in mixed case, which real variant letters never are, and one slip away from exactly one
        name. A variant in capitals one slip from a name ("Su-30MKV" beside "Su-30MKI") is a variant of its own."""
        found = set()
        for i, ch in enumerate(token):
            for alt in self._LOOKALIKE.get(ch, ""):
                found |= self.systems.get(_compact(token[:i] + alt + token[i + 1:]), set())
        if len(found) == 1:
            return next(iter(found))
        if found:
            return None
        digit = next((i for i, c in enumerate(token) if c.isdigit()), None)
        tail = re.sub(r"[^A-Za-z]", "", token[digit:]) if digit is not None else ""
        if tail.endswith("s") and tail[:-1].isupper():
            tail = tail[:-1]                        # "Su-35s": a plural
        if any(c.islower() for c in tail) and any(c.isupper() for c in tail):
            return self._lookup(token)
        return None

    def find(self, text: str, taken: list[Mention]) -> list[Mention]:
        """Mentions of misspelt systems among the tokens of ``text`` that no mention in ``taken`` covers."""
        out = []
        for m in self.TOKEN.finditer(text):
            token = m.group(0)
            if not self.designation_like(token):            # most words: the cheapest test first
                continue
            if any(t.start < m.end() and m.start() < t.end for t in taken):
                continue
            key = self._lookup(token)
            if key is not None:
                sy = self.catalog.systems[key]
                out.append(Mention(m.start(), m.end(), m.group(0), "system", key, sy.category, sy.origin))
        return out


def near_misses_for(cat: Catalog) -> NearMisses:
    return _built_for(NearMisses, cat)
