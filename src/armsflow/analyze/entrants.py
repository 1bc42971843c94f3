"""New entrants: a supplier's first appearance in a recipient, or in a region, within the period asked for.

Definitions:

- A record's **start year** is its ``period_start`` (or its ``period_end`` when only that is known). A record with
  no year has none: it is never dated by when it was first reported, so it can neither be an entry nor keep a later
  record from being one, and ``undated_left_out`` counts it. "Earlier" means a smaller start year (the granularity
  of both news records and the register is the year).
- The **history** is every record of the region in the store, whatever its period, source or evidence: news
  records of any strength and register deals alike. A supplier with any earlier record there is not new, so a
  weak earlier report, or a register deal, keeps a later report from being flagged.
- A supplier's **entry** into a recipient is the earliest start year of its records with that recipient in the
  history (into a region: with any member of the region, the region's members being recipients).
- An entry is **flagged** when its year lies within ``since``..``until`` and at least one record starting in that
  year is in the dataset, i.e. passes its source filter and evidence threshold. Those records are the entry's
  evidence, with the claims behind them (sentence, document, publisher, date, hedged).

An entrant's ``sources`` is the largest number of independent sources of its entry records (a register deal counts
as one authoritative source), and ``hedged`` is true when every independent source of every entry news record hedges
the claim (and no register deal backs it).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from armsflow.analyze.dataset import Dataset, Item, source_label

SCOPES = ("recipient", "region", "both")


def start_year(it: Item) -> int | None:
    r = it.record
    if r.period_start is not None:
        return r.period_start
    return r.period_end


@dataclass
class Evidence:
    """One claim behind an entry record."""
    record_id: int | None
    claim_id: int | None
    doc: str
    publisher: str | None
    published: dt.date | None
    evidence: str
    hedged: bool
    status: str
    year: int | None
    echo_of: int | None = None              # the document this one repeats, when it is a copy or an echo
    source_id: int | None = None            # its document's source cluster (one independent source)
    document_id: int | None = None


@dataclass
class Entrant:
    scope: str                              # recipient | region
    where: str                              # the recipient code, or the region's label
    supplier: str
    year: int
    recipients: list[str]
    categories: list[str]
    systems: list[str]
    status: str                             # the furthest status among the entry records
    sources: int
    hedged: bool
    confidence: float
    records: list[int]
    source: str                             # news | register | news+register
    evidence: list[Evidence] = field(default_factory=list)
    __derived__: ClassVar[tuple[str, ...]] = ("first_evidence",)   # shown beside the fields, as the API does

    @property
    def first_evidence(self) -> str | None:
        return self.evidence[0].evidence if self.evidence else None


_STAGE = {"interest": 0, "negotiating": 1, "ordered": 2, "delivered": 3, "cancelled": -1}


def _evidence(it: Item, claims: dict[int, list]) -> list[Evidence]:
    """The claims behind a news item, or behind the news records a register deal stands for."""
    out = []
    for rec in (it.record, *it.news):
        for c in claims.get(rec.id, []) if rec.id is not None else []:
            if getattr(c, "review", "extracted") == "rejected":
                continue
            out.append(Evidence(rec.id, getattr(c, "id", None), c.doc, getattr(c, "publisher", None),
                                getattr(c, "published", None), c.evidence, bool(c.hedged), c.status, c.year,
                                getattr(c, "original_id", None), getattr(c, "source_id", None),
                                getattr(c, "document_id", None)))
    return out


def _entrant(scope: str, where: str, supplier: str, year: int, items: list[Item], claims: dict) -> Entrant:
    news = [it for it in items if not it.is_register]
    hedged = bool(news) and len(news) == len(items) and all(it.record.unhedged == 0 for it in news)
    status = max((it.record.status for it in items), key=lambda s: _STAGE.get(s, 0))
    return Entrant(
        scope=scope, where=where, supplier=supplier, year=year,
        recipients=sorted({it.record.recipient for it in items if it.record.recipient}),
        categories=sorted({it.record.category for it in items}),
        systems=sorted({it.record.system for it in items if it.record.system}),
        status=status, sources=max(it.record.sources for it in items), hedged=hedged,
        confidence=max(it.record.confidence for it in items),
        records=[it.record.id for it in items if it.record.id is not None],
        source=source_label(items), evidence=[e for it in items for e in _evidence(it, claims)])


def new_entrants(ds: Dataset, history: Dataset | None = None, scope: str = "both") -> list[Entrant]:
    """Suppliers entering a recipient (``scope="recipient"``), the dataset's region (``"region"``) or either
    (``"both"``) within the dataset's period. ``history`` holds the earlier records to compare with (default: the
    dataset itself; ``find_entrants`` loads the region's whole history). Sorted by year, scope, place, supplier."""
    if scope not in SCOPES:
        raise ValueError(f"scope {scope!r}: expected one of {', '.join(SCOPES)}")
    history_items = (history or ds).items
    candidates = ds.items
    entry: dict[tuple, int] = {}                     # (kind, where, supplier) -> earliest start year
    for it in list(history_items) + list(candidates):
        r, y = it.record, start_year(it)
        if r.supplier is None or y is None:
            continue
        keys = []
        if scope in ("recipient", "both") and r.recipient is not None:
            keys.append(("recipient", r.recipient, r.supplier))
        if scope in ("region", "both") and ds.members is not None and r.recipient in ds.members:
            keys.append(("region", ds.region or "region", r.supplier))
        for k in keys:
            if k not in entry or y < entry[k]:
                entry[k] = y
    found: dict[tuple, list[Item]] = {}
    for it in candidates:
        r, y = it.record, start_year(it)
        if r.supplier is None or y is None:
            continue
        if (ds.since is not None and y < ds.since) or (ds.until is not None and y > ds.until):
            continue
        keys = []
        if scope in ("recipient", "both") and r.recipient is not None:
            keys.append(("recipient", r.recipient, r.supplier))
        if scope in ("region", "both") and ds.members is not None and r.recipient in ds.members:
            keys.append(("region", ds.region or "region", r.supplier))
        for k in keys:
            if entry.get(k) == y:
                found.setdefault(k, []).append(it)
    out = [_entrant(kind, where, supplier, entry[(kind, where, supplier)], items, ds.evidence)
           for (kind, where, supplier), items in found.items()]
    return sorted(out, key=lambda e: (e.year, e.scope != "region", e.where, e.supplier))


def find_entrants(store, region=None, since: int | None = None, until: int | None = None, min_sources: int = 0,
                  exclude_hedged: bool = False, source: str = "all", scope: str = "both",
                  catalog=None) -> tuple[Dataset, list[Entrant]]:
    """Load the dataset (with the claims behind news records) and the region's whole history, then
    ``new_entrants``."""
    from armsflow.analyze.dataset import load_dataset

    ds = load_dataset(store, region, since, until, min_sources, exclude_hedged, source, with_evidence=True,
                      catalog=catalog)
    history = load_dataset(store, ds.members, catalog=catalog)
    return ds, new_entrants(ds, history, scope)
