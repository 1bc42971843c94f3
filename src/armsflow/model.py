"""Typed records passed between pipeline stages; plain data, no I/O."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import ClassVar

CATEGORIES = (
    "uav", "loitering_munition", "combat_aircraft", "aircraft", "helicopter", "tank",
    "armoured_vehicle", "artillery", "air_defence", "anti_tank", "missile", "ship",
    "small_arms", "sensor", "other",
)
STATUSES = ("interest", "negotiating", "ordered", "delivered", "cancelled")


@dataclass(frozen=True)
class Document:
    """One input text with the metadata its front matter or container gave."""
    id: str                      # file stem, the `doc` of every claim
    text: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: date | None = None
    path: str | None = None
    body_offset: int = 0         # where `text` starts in the file's decoded content
    language: str | None = None  # primary language subtag ("en") the container declares, if any
    kind: str = "text"           # text | html | pdf | feed (an entry's own text): what `text` came from


@dataclass(frozen=True)
class Mention:
    """A catalogue hit in a text: an actor, a weapon system or a generic equipment noun."""
    start: int
    end: int
    text: str
    kind: str          # state | adjective | people | seat | organ | firm | nonstate | system | equipment | group
    key: str           # ISO3 code, non-state slug, system name, category, or group slug
    category: str | None = None   # for system / equipment mentions
    origin: str | None = None     # for systems: the state whose industry makes it
    weak: bool = False            # a system name that is also a plain word or place ("Tobruk"): needs support
    rules: tuple[str, ...] = ()   # the discourse rules (extract/rules.yaml) that resolved a reference to it

    @property
    def is_actor(self) -> bool:
        return self.kind in ACTOR_KINDS

    @property
    def is_equipment(self) -> bool:
        return self.kind in ("system", "equipment")


ACTOR_KINDS = frozenset({"state", "adjective", "people", "seat", "organ", "firm", "nonstate", "ref"})


@dataclass
class Claim:
    """One (supplier, recipient, system|category) transfer statement, the GUIDELINES.md record."""
    doc: str
    supplier: str | None
    recipient: str | None
    system: str | None
    category: str
    quantity: int | None
    status: str
    year: int | None
    hedged: bool
    evidence: str
    start: int
    end: int
    citation: str | None = None
    rules: list[str] = field(default_factory=list)     # the grammar rules that read it (extract/rules.yaml)
    confidence: float | None = None                    # how likely it is right, 0-1 (extract/confidence.py)
    extras: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        data = asdict(self)
        extras = data.pop("extras")
        data.update({k: v for k, v in extras.items() if not k.startswith("_")})   # "_..." stays internal
        return data


@dataclass
class StatusEvent:
    """One step of a record's timeline: a status as some claim reported it."""
    status: str
    year: int | None
    first_seen: date | None
    claim_ids: list[int] = field(default_factory=list)


@dataclass
class TransferRecord:
    """Claims from every document fused into one transfer: a supplier, a recipient, a system (or a category when no
    designation is known) and a period. ``source`` says where it comes from: "news" (fused claims) or a register
    ("sipri").

    ``links``: the other side of the same deal (fuse/register_link.py) as ``(record id, reason)`` pairs: on a news
    record, the register records that confirm it; on a register record, the news records that report it. Read from
    the store's ``record_links``; empty for a record built by hand."""
    id: int | None
    supplier: str | None
    recipient: str | None
    system: str | None
    category: str
    period_start: int | None
    period_end: int | None
    status: str                                  # the latest stage reached (or "cancelled")
    timeline: list[StatusEvent] = field(default_factory=list)
    first_seen: date | None = None
    last_seen: date | None = None
    quantity_min: int | None = None
    quantity_max: int | None = None
    claims: int = 0
    sources: int = 0                             # independent documents (echoes counted once)
    hedged: int = 0                              # independent sources that hedge it
    unhedged: int = 0
    confidence: float = 0.0
    source: str = "news"
    key: str = ""
    links: tuple[tuple[int, str], ...] = ()
    __derived__: ClassVar[tuple[str, ...]] = ("confirmation",)     # shown beside the fields (cli/output.py)

    @property
    def linked_ids(self) -> list[int]:
        return sorted({rid for rid, _ in self.links})

    @property
    def confirmation(self) -> str:
        """"confirmed by SIPRI" on a news record a register deal confirms, and on a register record that news
        reports (with the other side's record ids); "" otherwise."""
        if not self.links:
            return ""
        ids = ", ".join(str(i) for i in self.linked_ids)
        if self.source == "news":
            return f"confirmed by SIPRI (record {ids})"
        return f"news record {ids}, confirmed by {self.source.upper()}"
