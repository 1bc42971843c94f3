"""Component supply: engines, radars and sensors that flow to the maker of a host system.

"The new drones fly on AI-322 engines built by Ivchenko-Progress" is a transfer from Ukraine to Turkey even
though neither country is named: the component's maker supplies, the host system's maker receives. The same holds
when a supplier refuses ("Germany will not sell MTU 396 engines for the S26T submarine") — the recipient is the
host's builder. Generic component nouns count only with a stated maker ("two Ukraine-made engines").
"""
from __future__ import annotations

from armsflow.extract.roles import Role
from armsflow.model import Mention

COMPONENT_CATEGORIES = frozenset({"other", "sensor"})


def is_component(m: Mention) -> bool:
    return m.kind == "system" and m.category in COMPONENT_CATEGORIES


def host_origin(mentions: list[Mention], fallback: list[tuple[str | None, str, str, str | None]] = ()) -> str | None:
    """The origin of the system the components go into: one named in the sentence, else the topic system."""
    for m in mentions:
        if m.kind == "system" and m.category not in COMPONENT_CATEGORIES and m.origin:
            return m.origin
    for system, category, _, origin in fallback:
        if system and category not in COMPONENT_CATEGORIES and origin:
            return origin
    return None


def generic_components(sent, roles: list[Role], nouns: dict[str, str]) -> list[tuple[object, str, list[str]]]:
    """(token, category, makers) for component nouns (``nouns``: noun -> category) whose maker the sentence
    states."""
    out = []
    for tok in sent.doc:
        category = nouns.get(tok.lemma_.lower())
        if category is None or tok.pos_ != "NOUN" or sent.mention_at(tok) is not None:
            continue
        if any(c.dep_ in ("compound", "nmod", "amod") and sent.mention_at(c) is not None and
               sent.mention_at(c).kind == "system" for c in tok.children):
            continue        # "the AI-322 engines": the designation is the component already
        makers = []
        for r in roles:
            if r.role not in ("S", "M") or r.bound is not None:
                continue
            t = r.token
            for _ in range(4):
                if t.i == tok.i:
                    makers.append(r.code)
                    break
                if t.head.i == t.i:
                    break
                t = t.head
        if makers:
            out.append((tok, category, list(dict.fromkeys(makers))))
    return out
