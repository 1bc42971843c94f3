"""What a watch matches: pure functions over plain claims, no database and no catalogue.

A *claims* watch matches each new claim that passes all of its criteria (supplier, recipient, region, category,
system family, status, sources, hedging, review state). A *new-entrant* watch reports a supplier's first claim in
a recipient (or anywhere in a region) when no earlier claim and no register record puts that supplier there.

The caller resolves what needs the catalogue: a region's member codes (``members``) and, optionally, the system
family of a designation (``family``: "TB2" → "Bayraktar TB2"), as ``armsflow.fuse.family.Families.family`` does.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields
from typing import Callable, Iterable

from armsflow.model import CATEGORIES, STATUSES

KINDS = ("claims", "new-entrant")
REGION_SIDES = ("either", "recipient", "supplier")
SCOPES = ("recipient", "region")

Family = Callable[[str], str]


@dataclass(frozen=True)
class Criteria:
    """What a watch looks for. Every criterion given must hold (they are ANDed); None means any."""
    supplier: str | None = None
    recipient: str | None = None
    region: str | None = None             # a region or bloc slug; its members are resolved by the caller
    region_side: str = "either"           # claims watches: the region holds the recipient, the supplier, or either
    category: str | None = None
    system: str | None = None             # a system family: variants and catalogue aliases match
    status: str | None = None
    min_sources: int = 0                  # the claim's news record has at least this many independent sources
    include_hedged: bool = True
    include_rejected: bool = False        # claims an analyst rejected (before the run) are left out by default
    include_echoes: bool = True           # claims of documents that copy or echo an earlier one
    include_reextracted: bool = False     # claims re-extracted from a document the watch had already seen
    scope: str = "recipient"              # new-entrant watches: first in the recipient, or first in the region

    @classmethod
    def from_json(cls, data: dict | None) -> "Criteria":
        """Criteria as stored; unknown keys (from a newer armsflow) are ignored, missing ones take the default."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in (data or {}).items() if k in names})

    def to_json(self) -> dict:
        return asdict(self)

    def problems(self, kind: str) -> list[str]:
        """What is wrong with these criteria for a watch of ``kind``; empty when they can be saved."""
        out = []
        if kind not in KINDS:
            out.append(f"kind {kind!r}: expected one of {', '.join(KINDS)}")
        if self.category is not None and self.category not in CATEGORIES:
            out.append(f"category {self.category!r}: expected one of {', '.join(CATEGORIES)}")
        if self.status is not None and self.status not in STATUSES:
            out.append(f"status {self.status!r}: expected one of {', '.join(STATUSES)}")
        if self.region_side not in REGION_SIDES:
            out.append(f"region side {self.region_side!r}: expected one of {', '.join(REGION_SIDES)}")
        if self.scope not in SCOPES:
            out.append(f"scope {self.scope!r}: expected one of {', '.join(SCOPES)}")
        if self.min_sources < 0:
            out.append("min sources: must be 0 or more")
        if kind == "new-entrant":
            if self.scope == "region" and not self.region:
                out.append("scope region: give the region")
            if self.scope == "region" and self.recipient:
                out.append("scope region: a new entrant in the region is not watched for one recipient")
            if self.min_sources:
                out.append("min sources: a new entrant's first claim is one report; use a claims watch")
        elif self.scope != "recipient":
            out.append("scope: only for new-entrant watches")
        return out

    def describe(self, kind: str = "claims") -> str:
        """A short line for people: "recipient SRB, category uav, unhedged only"."""
        parts = []
        for name in ("supplier", "recipient"):
            if getattr(self, name):
                parts.append(f"{name} {getattr(self, name)}")
        if self.region:
            side = "" if kind == "new-entrant" or self.region_side == "either" else f" ({self.region_side})"
            parts.append(f"region {self.region}{side}")
        for name in ("category", "system", "status"):
            if getattr(self, name):
                parts.append(f"{name} {getattr(self, name)}")
        if self.min_sources:
            parts.append(f"{self.min_sources}+ sources")
        if not self.include_hedged:
            parts.append("unhedged only")
        if self.include_rejected:
            parts.append("rejected included")
        if not self.include_echoes:
            parts.append("no echoes")
        if self.include_reextracted:
            parts.append("re-extractions included")
        if kind == "new-entrant":
            parts.append("first in the region" if self.scope == "region" else "first in each recipient")
        return ", ".join(parts) or "any claim"


@dataclass(frozen=True)
class WatchedClaim:
    """A claim as a watch sees it: the extractor's fields, the analyst's review, and what the store knows of it."""
    id: int                               # claims are numbered in the order they were stored
    supplier: str | None
    recipient: str | None
    system: str | None
    category: str
    status: str
    year: int | None = None
    hedged: bool = False
    review: str = "extracted"             # extracted | accepted | rejected | edited
    quantity: int | None = None
    sources: int = 0                      # independent sources of the news record it is fused into (0: none yet)
    echo: bool = False                    # its document repeats an earlier one
    reextracted: bool = False             # its document was already stored when the watch last ran


@dataclass
class Entrant:
    """A supplier's first claim in a recipient or region; ``others`` are later claims of this run that repeat it."""
    claim: WatchedClaim
    scope: str                            # the recipient's code, or the region's slug
    others: list[int] = field(default_factory=list)


def _norm(s: str) -> str:
    return re.sub(r"[^0-9a-z]", "", s.lower())


def _variant_of(system: str, want: str) -> bool:
    """``system`` is ``want`` or a variant of it: "T-72B3" of "T-72", "Leopard 2A6" of "Leopard", "Bayraktar TB2"
    of "Bayraktar"; but "MiG-29" is no variant of "MiG-2"."""
    a, b = _norm(system), _norm(want)
    if not b:
        return False
    if a == b:
        return True
    if not a.startswith(b):
        return False
    if re.match(re.escape(want.lower()) + r"(?![0-9a-z])", system.lower()):
        return True                       # a word boundary in the text: "Bayraktar TB2" of "Bayraktar"
    return a[len(b)].isdigit() != b[-1].isdigit()


def same_system(system: str | None, want: str, family: Family | None = None) -> bool:
    """Whether a claim's ``system`` belongs to the family ``want`` names (through the catalogue when given)."""
    if not system:
        return False
    if _variant_of(system, want):
        return True
    if family is not None:
        fa, fb = family(system), family(want)
        return _variant_of(fa, fb)
    return False


def _in_region(c: Criteria, code: str | None, members: frozenset[str] | set[str] | None) -> bool:
    if members is None:
        raise ValueError(f"region {c.region!r}: its members were not given")
    return code in members


def _passes(c: Criteria, claim: WatchedClaim, members, family, *, side: str, history: bool = False) -> bool:
    """Every criterion but the region side's choice (``side``) and, for ``history``, what marks a claim as new
    (echo, re-extraction, sources) rather than as a fact."""
    if claim.review == "rejected" and not c.include_rejected:
        return False
    if claim.hedged and not c.include_hedged:
        return False
    if c.supplier and claim.supplier != c.supplier:
        return False
    if c.recipient and claim.recipient != c.recipient:
        return False
    if c.region:
        if side == "recipient" and not _in_region(c, claim.recipient, members):
            return False
        if side == "supplier" and not _in_region(c, claim.supplier, members):
            return False
        if side == "either" and not (_in_region(c, claim.recipient, members)
                                     or _in_region(c, claim.supplier, members)):
            return False
    if c.category and claim.category != c.category:
        return False
    if c.status and claim.status != c.status:
        return False
    if c.system and not same_system(claim.system, c.system, family):
        return False
    if history:
        return True
    if claim.echo and not c.include_echoes:
        return False
    if claim.reextracted and not c.include_reextracted:
        return False
    if c.min_sources and (claim.sources or 0) < c.min_sources:
        return False
    return True


def claim_matches(c: Criteria, claim: WatchedClaim, members=None, family: Family | None = None) -> bool:
    """Whether a claims watch with criteria ``c`` matches ``claim``. ``members``: the region's codes, if any."""
    return _passes(c, claim, members, family, side=c.region_side)


def match_claims(c: Criteria, claims: Iterable[WatchedClaim], members=None,
                 family: Family | None = None) -> list[WatchedClaim]:
    """The claims a claims watch matches, in the order they were stored."""
    return sorted((x for x in claims if claim_matches(c, x, members, family)), key=lambda x: x.id)


def new_entrants(c: Criteria, candidates: Iterable[WatchedClaim], history: Iterable[WatchedClaim],
                 register: Iterable[tuple] = (), members=None, family: Family | None = None) -> list[Entrant]:
    """The new entrants among ``candidates`` (the claims stored since the watch last ran).

    A candidate is a new entrant when it passes the watch's criteria (the region holding its recipient), names
    both parties, and is the earliest claim for its supplier in its scope (its recipient, or the whole region when
    ``scope`` is "region") among every claim that passes the same criteria, rejected ones left out unless included
    (``history``: the stored claims of those suppliers; the candidates may be among them); and no register record
    (``register``: (supplier, recipient, system, category) of non-news records) has that supplier in that scope
    with the watch's category and system. "Earliest" means stored first (smallest id), not reported first: the
    question is whether the store knew of the supplier there before. Later candidates of the same supplier and
    scope become the entrant's ``others``."""
    if c.scope == "region" and not c.region:
        raise ValueError("scope region: give the region")

    def key(claim_supplier, claim_recipient) -> tuple | None:
        if not claim_supplier or not claim_recipient or claim_supplier == claim_recipient:
            return None
        if c.scope == "region":
            return (claim_supplier, c.region) if _in_region(c, claim_recipient, members) else None
        return (claim_supplier, claim_recipient)

    new = [x for x in candidates if key(x.supplier, x.recipient) and _passes(c, x, members, family,
                                                                               side="recipient")]
    if not new:
        return []
    earliest: dict[tuple, int] = {}
    for h in list(history) + new:
        k = key(h.supplier, h.recipient)
        if k and _passes(c, h, members, family, side="recipient", history=True):
            earliest[k] = min(earliest.get(k, h.id), h.id)
    known = set()
    for supplier, recipient, system, category in register:
        k = key(supplier, recipient)
        if not k or (c.category and category != c.category) or (c.system and not same_system(system, c.system,
                                                                                               family)):
            continue
        known.add(k)
    out: dict[tuple, Entrant] = {}
    for x in sorted(new, key=lambda x: x.id):
        k = key(x.supplier, x.recipient)
        if k in out:                          # the entrant was reported by an earlier claim of this run
            out[k].others.append(x.id)
        elif k not in known and earliest.get(k, x.id) >= x.id:
            out[k] = Entrant(x, k[1])
    return sorted(out.values(), key=lambda e: e.claim.id)
