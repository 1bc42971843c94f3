"""The named rules of the transfer grammar (rules.yaml): which role each construction gives an actor.

roles.py recognises the constructions in the parse; the role each one gives lives here as data, so that a claim can
say which rules made it (its ``rules``) and a rule can be switched off to measure what it is worth.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

KINDS = ("role", "guard", "fill", "frame")
ROLES = frozenset("SRPCMH")
OPPOSITE = {"S": "R", "R": "S"}


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str                         # role | guard | fill | frame (makes a word a transfer word)
    role: str | dict | None           # a role letter, {frame: role}, "named", "opposite", or None (set by code)
    example: str

    def gives(self, frame: str | None = None, named: str | None = None) -> str | None:
        """The role this rule gives an actor hanging on a word of ``frame`` (or a role noun naming ``named``)."""
        if isinstance(self.role, dict):
            return self.role.get(frame)
        if self.role == "named":
            return named
        if self.role == "opposite":
            return OPPOSITE.get(named) if named else None
        return self.role


class RuleError(ValueError):
    """rules.yaml is malformed: the message names the rule and the problem."""


@lru_cache(maxsize=1)
def load_rules() -> dict[str, Rule]:
    data = yaml.load((Path(__file__).parent / "rules.yaml").read_text(encoding="utf-8"),
                     Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))     # the C parser: 10x faster
    rules = {}
    for name, spec in data.items():
        kind, role = spec.get("kind"), spec.get("role")
        if kind not in KINDS:
            raise RuleError(f"rule {name}: kind must be one of {', '.join(KINDS)}")
        letters = role.values() if isinstance(role, dict) else [role] if role not in (None, "named", "opposite") \
            else []
        if any(r not in ROLES for r in letters):
            raise RuleError(f"rule {name}: role {role!r} is not one of {''.join(sorted(ROLES))}")
        rules[name] = Rule(name, kind, role, spec.get("example", ""))
    return rules


def rule_names(kind: str | None = None) -> list[str]:
    """Every rule's name (of one kind), in the file's order."""
    return [r.name for r in load_rules().values() if kind is None or r.kind == kind]
