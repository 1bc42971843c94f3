"""How likely a claim is right, 0-1, so that an analyst can sort and threshold.

A claim's reading leaves traces: the rules that gave its parties (``Claim.rules``), whether its parties came from its
own clause or were filled in from the catalogue, the sentence before or the list heading, whether it names a system,
its status and hedging. A logistic model over those traces, fitted to the annotated corpora by
``bench/calibrate.py`` (which also reports how well it is calibrated on documents it was not fitted to), turns them
into a probability. The weights ship as package data (``confidence.json``); a trace the model has no weight for
counts nothing.
"""
from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from armsflow.extract.grammar import load_rules
from armsflow.model import Claim

WEIGHTS = Path(__file__).parent / "confidence.json"


def features(claim: Claim, crowd: int = 1) -> list[str]:
    """The traces of a claim's reading, as feature names; ``crowd``: how many claims its sentence made."""
    rules = load_rules()
    names = [f"rule:{r}" for r in claim.rules]
    fills = [r for r in claim.rules if r in rules and rules[r].kind == "fill"]
    roles = [r for r in claim.rules if r in rules and rules[r].kind == "role"]
    names.append("named" if claim.system else "generic")
    names.append(f"status:{claim.status}")
    if claim.hedged:
        names.append("hedged")
    if claim.extras.get("headline"):
        names.append("headline")
    if not roles:
        names.append("no-role")              # both sides filled in from outside the clause
    if len(fills) >= 2:
        names.append("fills:2+")
    if claim.year is None:
        names.append("undated")
    origin = claim.extras.get("_origin")
    names.append("no-origin" if not origin else "origin-agrees" if origin == claim.supplier else "origin-differs")
    if len(claim.evidence.split()) > 45:
        names.append("long-sentence")
    if crowd >= 3:
        names.append("crowded")              # one sentence, many pairs: a cross product is likely somewhere
    return names


def crowds(claims: list[Claim]) -> list[int]:
    """For each claim, how many of the document's claims come from its sentence."""
    per: dict[int, int] = {}
    for c in claims:
        per[c.start] = per.get(c.start, 0) + 1
    return [per[c.start] for c in claims]


@lru_cache(maxsize=1)
def _model() -> tuple[float, dict[str, float]]:
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    return float(data["bias"]), {k: float(v) for k, v in data["weights"].items()}


def confidence(claim: Claim, crowd: int = 1) -> float:
    """P(the claim is right), rounded to 0.01."""
    bias, weights = _model()
    z = bias + sum(weights.get(f, 0.0) for f in features(claim, crowd))
    return round(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))), 2)
