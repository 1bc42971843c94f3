"""The transfer vocabulary (lexicon.yaml) as lookup tables, plus the cheap word-form pattern of the gate."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

_IRREGULAR = {
    "sell": ["sold"], "resell": ["resold"], "buy": ["bought"], "send": ["sent"], "give": ["gave", "given"], "seek": ["sought"],
    "choose": ["chose", "chosen"], "fly": ["flew", "flown"], "have": ["has", "had"], "lease": [],
    "get": ["got", "gotten"], "deliver": [], "ship": ["shipped", "shipping"], "equip": ["equipped", "equipping"],
    "arm": ["armed", "arming"], "sign": [], "ink": ["inked"], "order": [], "build": ["built"], "licence-build": ["licence-built"], "license-build": ["license-built"], "make": ["made"], "lend": ["lent"], "bind": ["bound"], "arrive": [],
    "go": ["went", "gone"], "come": ["came", "coming"], "trade": ["traded", "trading"], "find": ["found"], "leave": ["left"],
    "take": ["took", "taken"], "fall": ["fell", "fallen"], "mean": ["meant"],
}


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[str, str]]
    nouns: dict[str, tuple[str, str]]
    adjectives: dict[str, tuple[str, str]]
    role_nouns: dict[str, str]
    possession: frozenset[str]
    status_words: dict[str, str]          # lemma -> status
    hedge_words: frozenset[str]
    hedge_phrases: tuple[str, ...]
    gate: re.Pattern
    topic_prepositions: frozenset[str] = frozenset()
    topic_nouns: frozenset[str] = frozenset()
    list_heads: frozenset[str] = frozenset()
    word_classes: dict[str, frozenset[str]] = field(default_factory=dict)   # name -> lemmas (roles.py tests)
    letters: dict[str, tuple[str, str]] = field(default_factory=dict)      # "letter of <kind>" -> frame
    component_nouns: dict[str, str] = field(default_factory=dict)         # "engine" -> category
    phrasal_verbs: dict[str, tuple[str, str]] = field(default_factory=dict)  # "turn over" -> frame
    lemma_fixes: dict[str, tuple[str, ...]] = field(default_factory=dict)   # lemma -> forms the model mis-lemmatises
    gate_words: frozenset[str] = frozenset()     # the forms ``gate`` looks for, as a set

    def gated(self, folded: str) -> bool:
        """Does the folded (lower-case) text hold a word of the gate? ``gate.search`` answered by a set lookup of
        its words: one pass over the text, not an alternation of ~1,700 forms tried at every word boundary. A
        hyphenated word counts whole and by its parts ("re-sold" holds "sold"), as the pattern's word boundaries
        find them."""
        words = set(_GATE_TOKEN.findall(folded))
        if not words.isdisjoint(self.gate_words):
            return True
        return any(not self.gate_words.isdisjoint(w.split("-")) for w in words if "-" in w)

    @staticmethod
    def forms(lemma: str) -> set[str]:
        """The inflected forms of a lemma the gate looks for ("ship": ships, shipped, shipping)."""
        return _forms(lemma)

    def frame(self, lemma: str, pos: str) -> tuple[str, str] | None:
        """(frame, base status) of a trigger word, or None."""
        if pos in ("VERB", "AUX"):
            return self.verbs.get(lemma)
        if pos in ("NOUN", "PROPN"):
            return self.nouns.get(lemma)
        if pos == "ADJ":
            return self.adjectives.get(lemma)      # "Armenia is interested in India's Akash"
        return None


def particle(verb) -> str | None:
    """The particle of a phrasal verb ("turned over", "backed out of", "signed the boats over to"): a child the
    parse calls a particle, or an adverb or a preposition of one of these words with no object of its own (the
    small model often reads "out of a deal" as two prepositions)."""
    for c in verb.children:
        if c.dep_ == "prt" or c.dep_ in ("advmod", "prep") and c.lower_ in _PARTICLES and c.i > verb.i and \
                not any(g.dep_ == "pobj" for g in c.children):
            return c.lower_
    return None


_PARTICLES = frozenset({"over", "out", "off", "back", "away", "down", "up", "through", "apart"})


def _forms(lemma: str) -> set[str]:
    forms = {lemma, lemma + "s", lemma + "ed", lemma + "ing", lemma + "es", lemma + "er", lemma + "ers"}
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma[:-1] + "ing", lemma + "r", lemma + "rs"}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ied", lemma[:-1] + "ies", lemma[:-1] + "ier", lemma[:-1] + "iers"}
    if lemma[-1:].isalpha() and lemma[-1] not in "aeiouwy" and lemma[-2:-1] in tuple("aeiou"):
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}     # transferred, shipped
    forms.update(_IRREGULAR.get(lemma, []))
    return forms


_GATE_TOKEN = re.compile(r"\w+(?:-\w+)*")


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    data = yaml.load((Path(__file__).parent / "lexicon.yaml").read_text(encoding="utf-8"),
                     Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))     # the C parser: 10x faster
    verbs = {k: tuple(v) for k, v in data["verbs"].items()}
    nouns = {k: tuple(v) for k, v in data["nouns"].items()}
    adjectives = {k: tuple(v) for k, v in data["adjectives"].items()}
    status_words: dict[str, str] = {}
    for status in ("ordered", "negotiating", "interest", "cancelled"):   # later statuses win on overlap
        for w in data["status_words"][status]:
            status_words[str(w)] = status
    words: set[str] = set()
    phrasal = {str(k): tuple(v) for k, v in data.get("phrasal_verbs", {}).items()}
    for lemma in (*verbs, *nouns, *adjectives, *(k.split()[0] for k in phrasal), *data["role_nouns"], *data["possession"], "include", "comprise", "join",
                  "letter", "service"):      # "in service with Norway" (roles._in_service_with)
        words |= _forms(lemma)
    for lemma in (*data["word_classes"].get("destined_participles", []), *data["word_classes"].get("arrival_verbs", []),
                  *data["word_classes"].get("going_verbs", []),
                  *data["word_classes"].get("request_verbs", []), *data["word_classes"].get("joining_verbs", []),
                  *data["word_classes"].get("agreement_verbs", []), *data["word_classes"].get("origin_verbs", []),
                  *data["word_classes"].get("replace_with_verbs", []), *data["word_classes"].get("swap_for_verbs", []),
                  *data["word_classes"].get("onward_arrivals", []), *data["word_classes"].get("departure_verbs", []),
                  *data["word_classes"].get("off_the_line", []), *data["word_classes"].get("ship_launches", []),
                  *data["word_classes"].get("on_the_way", []),
                  *data["word_classes"].get("maker_verbs", []),      # "will build frigates for Indonesia"
                  *data["word_classes"].get("user_verbs", []),       # "has been adopted by Norway"
                  # "relies on China for its arms", "turned to Spain for frigates"
                  *data["word_classes"].get("reliance_verbs", []), *data["word_classes"].get("recourse_verbs", []),
                  # "was expelled from the F-35 programme": the programme names the weapon, the verb is common
                  *data["word_classes"].get("programme_nouns", []),
                  *data["word_classes"].get("assembly_verbs", [])):   # "will assemble Chinese drones"
        words |= _forms(str(lemma).split()[0])  # "rifles bound for Yemen"; "took off": the verb of a phrasal
    gate = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")\b")
    return Lexicon(verbs=verbs, nouns=nouns, adjectives=adjectives, role_nouns=dict(data["role_nouns"]),
                   possession=frozenset(data["possession"]), status_words=status_words,
                   hedge_words=frozenset(data["hedges"]["words"]), hedge_phrases=tuple(data["hedges"]["phrases"]),
                   gate=gate, gate_words=frozenset(words), topic_prepositions=frozenset(data["topic"]["prepositions"]),
                   topic_nouns=frozenset(data["topic"]["nouns"]), list_heads=frozenset(data["list_heads"]),
                   word_classes={k: frozenset(map(str, v)) for k, v in data["word_classes"].items()},
                   letters={k: tuple(v) for k, v in data.get("letters", {}).items()},
                   component_nouns={str(k): str(v) for k, v in data.get("component_nouns", {}).items()},
                   phrasal_verbs=phrasal,
                   lemma_fixes={str(k): tuple(map(str, v)) for k, v in data.get("lemma_fixes", {}).items()})
