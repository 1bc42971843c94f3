"""References back to actors named earlier: "both countries", "the two nations", "the latter", "the former".

The document is read in order; every sentence that coordinates two or more actors ("Serbia and Armenia") becomes
the antecedent of the next plural reference. Capitals and organs ("Belgrade", "the Kremlin") need no help here:
the catalogue already resolves them to their state.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from armsflow.model import Mention

_REF = re.compile(r"\b(both (?:countries|nations|states|governments|sides)|the two (?:countries|nations|states|"
                  r"governments|sides)|the latter|the former|the (?:island nation|island|kingdom|emirate|"
                  r"sultanate|republic|island state|gulf state|city-state|country))\b", re.I)
# a sentence that opens on "They" continues with the actors the previous sentence opened on
_THEY = re.compile(r"^(?:(?:and|but|then|so)\s+)?(?:(?:in|by|since|at the end of)\s+[\w\s]{1,20}?,\s*)?(they)\b",
                   re.I)
# "It ordered 42 Rafale fighters": an active verb after "It" (not "It is", "It has been") continues with the state
# the previous sentence opened on
_IT = re.compile(r"^(?:(?:and|but|then|so)\s+)?(?:(?:in|by|since|at the end of)\s+[\w\s]{1,20}?,\s*)?(it)\s+"
                 r"(?:also\s+|later\s+|then\s+|has\s+(?:also\s+)?|had\s+|will\s+|would\s+)?"
                 r"(?!is\b|was\b|has been\b|had been\b|will be\b|would be\b|remains\b|seems\b|appears\b)[a-z]+ed\b",
                 re.I)
_COORD_GAP = re.compile(r"^\s*(?:,\s*(?:and|as well as)?|and|as well as|&)\s*$", re.I)
STATE_LIKE = frozenset({"state", "seat", "organ", "people", "nonstate", "adjective"})


@dataclass
class ReferenceMemory:
    """The antecedents seen so far in one document."""
    group: list[str] = field(default_factory=list)     # last coordinated actors, in text order
    last_state: str | None = None                       # the state named most recently
    opening: list[str] = field(default_factory=list)   # the actors the last sentence opened on
    opening_state: bool = False                         # ... and the first of them is named as a state

    def observe(self, text: str, mentions: list[Mention]) -> None:
        """Remember the longest run of coordinated actors in a sentence (after its references are resolved)."""
        actors = [m for m in mentions if m.kind in STATE_LIKE or m.kind == "ref"]
        best: list[str] = []
        run: list[Mention] = []
        for m in actors:
            if run and _COORD_GAP.match(text[run[-1].end:m.start]):
                run.append(m)
            else:
                run = [m]
            codes = []
            for r in run:
                for c in r.key.split("+"):
                    if c not in codes:
                        codes.append(c)
            if len(codes) >= 2 and len(codes) >= len(best):
                best = codes
        if best:
            self.group = best
        for m in mentions:
            if m.kind in ("state", "people"):
                self.last_state = m.key
        nouns = [m for m in mentions if m.kind in ("state", "seat", "people", "organ", "nonstate", "ref")]
        if nouns and nouns[0].start < max(40, len(text) // 3):
            run = [nouns[0]]
            for m in nouns[1:]:
                if _COORD_GAP.match(text[run[-1].end:m.start]):
                    run.append(m)
                else:
                    break
            self.opening = list(dict.fromkeys(c for r in run for c in r.key.split("+")))
            self.opening_state = nouns[0].kind in ("state", "ref")
        elif mentions:
            self.opening = []
            self.opening_state = False

    def resolve(self, text: str, mentions: list[Mention] = ()) -> list[Mention]:
        """Mentions (kind 'ref') for the references in ``text``; the key joins several codes with '+'."""
        out = []
        they = _THEY.match(text)
        if they and self.opening:
            out.append(Mention(they.start(1), they.end(1), they.group(1), "ref", "+".join(self.opening)))
        it = _IT.match(text)
        if it and len(self.opening) == 1 and self.opening_state:
            out.append(Mention(it.start(1), it.end(1), it.group(1), "ref", self.opening[0]))
        for m in _REF.finditer(text):
            phrase = m.group(1).lower()
            if phrase.startswith("the ") and not phrase.startswith(("the two", "the latter", "the former")):
                # "the island nation", "the country": the state this sentence opened on, else the one the last
                # sentence opened on ("Peru is expected to ... The country already flies two KC-390s")
                before = [x.key for x in mentions if x.kind in ("state", "people") and x.end <= m.start()]
                key = before[0] if before else (self.opening[0] if self.opening else self.last_state)
                if key:
                    out.append(Mention(m.start(), m.end(), m.group(0), "ref", key))
                continue
            if not self.group:
                continue
            if phrase == "the latter":
                key = self.group[-1]
            elif phrase == "the former":
                key = self.group[0]
            else:
                key = "+".join(self.group[-2:]) if len(self.group) > 2 and phrase.startswith("the two") \
                    else "+".join(self.group)
            out.append(Mention(m.start(), m.end(), m.group(0), "ref", key))
        return out
