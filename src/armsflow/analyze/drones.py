"""Drone proliferation: transfers of UAVs and loitering munitions (categories ``uav`` and ``loitering_munition``)
by supplier and by region over time, and the largest operators of a region.

- ``drone_flows``: per time bucket and supplier, the drone records (a record counts in every bucket its years
  reach), the units (the records' largest stated quantity, where one is stated) and the TIV delivered in the bucket.
- ``drones_by_region``: per time bucket and region, the drone records whose recipient is a member of the region;
  regions overlap (balkans ⊃ western-balkans), so one record can count in several.
- ``drone_operators``: recipients ranked by the drone records they hold, i.e. records whose status is
  ``delivered`` or ``ordered`` (interest, negotiations and cancelled deals are not holdings), with the units
  stated and the suppliers.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from armsflow.analyze.dataset import DRONE_CATEGORIES, Dataset, Item, buckets, item_buckets, source_label

HELD = ("delivered", "ordered")


def is_drone(it: Item) -> bool:
    return it.record.category in DRONE_CATEGORIES


def _units(items: list[Item]) -> int | None:
    q = [it.record.quantity_max for it in items if it.record.quantity_max]
    return sum(q) if q else None


@dataclass
class DroneFlow:
    bucket: str
    start: int
    end: int
    supplier: str
    records: int
    uav: int
    loitering: int
    units: int | None
    tiv: float | None
    recipients: list[str]
    source: str


@dataclass
class RegionDrones:
    bucket: str
    start: int
    end: int
    region: str
    records: int
    suppliers: list[str]
    recipients: list[str]
    source: str


@dataclass
class Operator:
    recipient: str
    records: int
    uav: int
    loitering: int
    units: int | None
    suppliers: list[str] = field(default_factory=list)
    source: str = "none"


def drone_flows(ds: Dataset, bucket_years: int = 5) -> list[DroneFlow]:
    """Drone records per bucket and supplier (suppliers with most records first)."""
    span = ds.span()
    if span is None:
        return []
    bs = buckets(span[0], span[1], bucket_years)
    cells: dict[tuple, list[Item]] = {}
    for it in ds.items:
        if is_drone(it):
            for b in item_buckets(it, bs):
                cells.setdefault((b, it.record.supplier or "unknown"), []).append(it)
    by_bucket: dict = {}
    for (b, s), items in cells.items():
        by_bucket.setdefault(b, {})[s] = items
    rows = []
    for b in sorted(by_bucket):
        here = by_bucket[b]
        for s in sorted(here, key=lambda s: (-len(here[s]), s)):
            items = here[s]
            tivs = [v for v in (it.tiv_between(b.lo, b.hi) for it in items) if v is not None]
            rows.append(DroneFlow(b.label, b.lo, b.hi, s, len(items),
                                  sum(it.record.category == "uav" for it in items),
                                  sum(it.record.category == "loitering_munition" for it in items), _units(items),
                                  sum(tivs) if tivs else None,
                                  sorted({it.record.recipient for it in items if it.record.recipient}),
                                  source_label(items)))
    return rows


def drones_by_region(ds: Dataset, regions: Mapping[str, frozenset[str] | set[str]],
                     bucket_years: int = 5) -> list[RegionDrones]:
    """Drone records per bucket and region (``regions``: slug → member codes); empty cells are left out."""
    span = ds.span()
    if span is None:
        return []
    bs = buckets(span[0], span[1], bucket_years)
    cells: dict[tuple, list[Item]] = {}
    for it in ds.items:
        if not is_drone(it):
            continue
        reached = item_buckets(it, bs)
        for slug, members in regions.items():
            if it.record.recipient in members:
                for b in reached:
                    cells.setdefault((b, slug), []).append(it)
    return [RegionDrones(b.label, b.lo, b.hi, slug, len(items),
                         sorted({it.record.supplier or "unknown" for it in items}),
                         sorted({it.record.recipient for it in items}), source_label(items))
            for (b, slug), items in sorted(cells.items(), key=lambda kv: kv[0])]


def drone_operators(ds: Dataset, statuses: tuple[str, ...] = HELD, limit: int | None = None) -> list[Operator]:
    """Recipients by the drone records they hold (status delivered or ordered), most first."""
    held: dict[str, list[Item]] = {}
    for it in ds.items:
        if is_drone(it) and it.record.status in statuses and it.record.recipient:
            held.setdefault(it.record.recipient, []).append(it)
    rows = [Operator(rcp, len(items), sum(it.record.category == "uav" for it in items),
                     sum(it.record.category == "loitering_munition" for it in items), _units(items),
                     sorted({it.record.supplier or "unknown" for it in items}), source_label(items))
            for rcp, items in held.items()]
    rows.sort(key=lambda o: (-o.records, -(o.units or 0), o.recipient))
    return rows[:limit] if limit else rows
