"""The catalogue mentions of one sentence, cleaned of what is not a party, plus ships named by their prefix.

A dateline names the place of writing ("OTTAWA —", "Lima, May 4:"), not a party; a nationality before another
state's organ ("the Danish Royal Navy") decides the state; a historic state speaks for its successor in today's
news ("Soviet and Russian tanks"); a system name that is also a word or a place
("Tobruk", "Flanker") counts only where a weapon noun, a type noun ("jets") or a designation backs it up.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from armsflow.catalog.loader import Catalog
from armsflow.model import Mention

# "OTTAWA —", "Lima, May 4:", and as wires write them: "KYIV, Ukraine (AP) —", "ANKARA/ISLAMABAD (Reuters) -",
# "WARSAW, 12 May 2024 (PAP) -", "BELGRADE, Serbia, May 12 (AP) —" (a city in capitals may name its state after it)
_DATE = r"(?:[A-Z][a-z]{2,8}\.? \d{1,2}(?:,? \d{4})?|\d{1,2} [A-Z][a-z]{2,8}\.?(?: \d{4})?)"
_UP = "A-Z\u00c0-\u00d6\u00d8-\u00de"     # capitals, accented ones too: "BOGOTÁ --", "ASUNCIÓN --"
DATELINE = re.compile(rf"^(?:[{_UP}][{_UP}.'\- ]{{2,40}}(?:/[{_UP}][{_UP}.'\- ]{{2,40}})*(?:,\s*(?!" + _DATE + r")[A-Z][a-z]+"
                      r"(?:[ -][A-Z][a-z]+){0,2}(?=\s*(?:,|\(|\u2014|\u2013|-{1,3}\s)))?|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}|"
                      r"[A-Z][a-z]+ \d{1,2}, \d{4})"
                      r"(?:,\s*" + _DATE + r")?\s*(?:\([^)]{1,40}\))?\s*(?:\u2014|\u2013|-{1,3}|:)\s")


_OWN_ORGAN = re.compile(r"^(?:['\u2019]s\s+|\s+through\s+(?:the|its)\s+|,?\s+through\s+its\s+)$")
_CLASS = re.compile(r"[\s\-\u2010\u2011]*class\b", re.I)
_GLUE = re.compile(r"[\s\-\u2010\u2011]*(?:[A-Za-z]+[\s\-\u2010\u2011]+)?")
# type nouns that equipment.yaml leaves out because alone they fire on ordinary news ("fighters" are also militants,
# a "jet" is also an airliner), but that after a weak system name say it is the weapon ("Flanker jets")
_TYPE_NOUN = re.compile(r"[\s\-\u2010\u2011]+(?:fighters?|jets?|bombers?|planes?|aircraft|interceptors?|"
                        r"ships?|vessels?|boats?)\b", re.I)


@lru_cache(maxsize=4)
def _ship_pattern(prefixes: tuple[str, ...]) -> re.Pattern:
    alt = "|".join(sorted(map(re.escape, prefixes), key=len, reverse=True))
    # "INS Kirpan", "ex-HMS Duncan (D37)", "BRP Jose Rizal": a prefix, one to three capitalised words, a pennant number
    return re.compile(rf"\b(?:ex-)?(?:{alt}) (?:[A-Z][a-z]+|[A-Z]\.)(?: (?:[A-Z][a-z]+|de|del|da|[IVX]+)){{0,3}}"
                      rf"(?: \([A-Z]{{0,3}}-?\d{{1,4}}\))?")


# "two Miguel Malvar-class frigates", "the Kilo class submarines": a named class of ship, whoever built it
_SHIP_CLASS = re.compile(r"\b((?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+)([\s\-\u2010\u2011]class)\b(?=(?:\s+[a-z\-]+){0,2}\s+"
                         r"(?:frigate|corvette|destroyer|submarine|cruiser|vessel|ship|boat|patrol|landing|"
                         r"minesweeper|minehunter|carrier|tanker|cutter|warship)s?\b)")
_SHORE = re.compile(r"\b(?:station|base|establishment|facility|academy|school|college|centre|center|depot|yard|"
                    r"dockyard|camp)\s*,?\s*$", re.I)


def ship_mentions(text: str, mentions: list[Mention], prefixes: tuple[str, ...] = ()) -> list[Mention]:
    """``mentions`` plus the ships named by a navy prefix, and the classes of ship named "<Name>-class", that no
    catalogue name covers. Each is a system of its own (category ship) with no maker: who sells it must be said."""
    taken = [(m.start, m.end) for m in mentions]
    found = []
    for hit in (_ship_pattern(prefixes).finditer(text) if prefixes else ()):
        a, b = hit.span()
        if any(x < b and a < y for x, y in taken) or _SHORE.search(text[max(0, a - 30):a]):
            continue        # "the naval air station INS Rajali": some navies give shore bases ship prefixes
        name = re.sub(r"^ex-", "", hit.group())
        name = re.sub(r" \([^)]*\)$", "", name)
        found.append(Mention(a, b, hit.group(), "system", name, "ship", None))
    for hit in _SHIP_CLASS.finditer(text):
        a, b = hit.start(1), hit.end(2)
        if any(x < b and a < y for x, y in taken + [(m.start, m.end) for m in found]):
            continue
        found.append(Mention(a, b, text[a:b], "system", f"{hit.group(1)}-class", "ship", None))
    return sorted(mentions + found, key=lambda m: m.start) if found else mentions


def shifted(m: Mention, by: int) -> Mention:
    return replace(m, start=m.start - by, end=m.end - by)


def _supported(text: str, mentions: list[Mention], i: int) -> bool:
    """A weak system name ("Tobruk", "Albatros") counts only next to a weapon noun or another designation."""
    m = mentions[i]
    if _CLASS.match(text, m.end) or _TYPE_NOUN.match(text, m.end):
        return True
    nxt = mentions[i + 1] if i + 1 < len(mentions) else None
    if nxt is not None and nxt.is_equipment and _GLUE.fullmatch(text[m.end:nxt.start]):
        return True
    prev = mentions[i - 1] if i > 0 else None
    return prev is not None and prev.kind == "system" and not prev.weak and not text[prev.end:m.start].strip()


def sentence_mentions(text: str, mentions: list[Mention], catalog: Catalog) -> list[Mention]:
    """``mentions`` (relative to ``text``, one sentence) without datelines, with successors for historic states."""
    dl = DATELINE.match(text)
    # "Chile: more Leopard tanks from Germany" is a headline's topic, not a dateline: no sentence follows it; and
    # so is a state's name and a colon on a factbox line ("Poland: 96 Apache helicopters from the US."), where a
    # dateline names a city ("Lima, May 4:")
    topic = dl is not None and dl.group().rstrip().endswith(":") and (
        not text.rstrip().endswith((".", "!", "?", '"', "\u201d")) or any(
            m.kind == "state" and m.start == 0 and text[m.end:dl.end()].strip() == ":" for m in mentions))
    if dl and not topic:
        mentions = [m for m in mentions if m.start >= dl.end()]
    mentions = [m for i, m in enumerate(mentions) if not m.weak or _supported(text, mentions, i)]
    mentions = ship_mentions(text, mentions, tuple(sorted(catalog.ship_prefixes)))
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == "adjective" and m.kind in ("organ", "seat") and m.key != prev.key \
                and text[prev.end:m.start].strip() == "":
            continue
        if prev is not None and prev.kind == "state" and m.kind == "organ" and m.key != prev.key and \
                _OWN_ORGAN.match(text[prev.end:m.start]):
            # "the Philippines through the Department of Defense", "Kenya's Defence Department": its own organ
            out.append(replace(m, key=prev.key))
            continue
        state = catalog.states.get(m.key) if m.is_actor else None
        if state is not None and state.historic and state.successor:
            m = replace(m, key=state.successor)
        out.append(m)
    return out


def _respelt(m: Mention, near_misses) -> Mention:
    """A designation the gazetteer read as a new variant of a shorter name ("Su-30MKl" as "Su-30" + "MKL") that is
    an existing name written with a slip ("Su-30MKI"): that name, and its category and origin."""
    if m.kind != "system" or m.weak or m.key in near_misses.catalog.systems:
        return m
    key = near_misses.respelt(m.text)
    if key is None:
        return m
    sy = near_misses.catalog.systems[key]
    return replace(m, key=key, category=sy.category, origin=sy.origin)


_NEAR_CHARS = 60      # how close a weapon noun or a transfer word must be to back up a misspelt designation


def slip_mentions(text: str, folded: str, mentions: list[Mention], near_misses, trigger: re.Pattern) -> list[Mention]:
    """``mentions`` plus the designations written with a one-character slip ("Rafalle jets", "Mohajir-6 drones")
    that the sentence backs up. A slip in a plain capitalised word ("Gripin") counts only as a weak name does,
    next to a weapon or type noun; one in a token with digits also when a weapon noun or a transfer word is within
    a few words. Tokens that are catalogue names already, or English words, are never read as slips."""
    mentions = [_respelt(m, near_misses) for m in mentions]
    slips = near_misses.find(text, mentions)
    if not slips:
        return mentions
    out = sorted(mentions + slips, key=lambda m: m.start)
    keep = []
    for i, m in enumerate(out):
        if m not in slips:
            keep.append(m)
            continue
        if any(c.isdigit() for c in m.text):
            lo, hi = max(0, m.start - _NEAR_CHARS), m.end + _NEAR_CHARS
            near = any(o is not m and o.is_equipment and o.end > lo and o.start < hi for o in out) or \
                _TYPE_NOUN.match(text, m.end) is not None or \
                any(t.end() > lo and t.start() < hi for t in trigger.finditer(folded, lo, min(hi, len(folded))))
        else:
            near = _supported(text, out, i)
        if near:
            keep.append(m)
    return keep
