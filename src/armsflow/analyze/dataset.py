"""The records an analysis works on: a region, a period, an evidence threshold and a source, chosen once.

``load_dataset`` reads the store (through ``store.queries``) and returns a ``Dataset``: the selected
``TransferRecord``s, each as an ``Item`` that also carries the register's TIV values for a register (sipri) record
(``RecordRow.register_row_id`` → ``RegisterRow.tiv_delivered`` / ``tiv_total``). Every analysis is a pure function
of a Dataset, and ``make_dataset`` / ``make_record`` / ``make_item`` build one by hand for tests and notebooks.

The selection rules, shared by every analysis:

- **Region.** A region or bloc of the catalogue (``regions.yaml``, ``blocs.yaml``: slug, name or alias), or a single
  state code (``SRB``). A record belongs to it when its *recipient* is a member (``side="recipient"``, the
  default); ``side="supplier"`` or ``"either"`` say otherwise where an analysis needs it.
- **Period.** A record's years are the years its period covers, ``period_start``..``period_end`` inclusive (for a
  register deal: the order year to the last delivery year; for a news record: its first to its last event year).
  A record is selected when those years overlap ``since``..``until``, and an analysis that splits time into buckets
  counts it once in every bucket its years reach (inside the window). A record with no year at all (no claim behind
  it states one: it is never dated by its documents' publication) is selected only when no period is asked for, and
  is left out of anything split by time; ``Dataset.undated_left_out`` says how many were left out, so every
  analysis can say it.
- **Evidence.** ``min_sources`` and ``exclude_hedged`` apply to news records only; a register record is one
  authoritative source and always passes. A news record passes when it has at least ``min_sources`` independent
  sources; with ``exclude_hedged`` it needs at least ``max(1, min_sources)`` independent sources that state it
  without hedging (``TransferRecord.unhedged``): a record that every source hedges is left out.
- **Source.** ``news`` (fused news records), ``sipri`` (register records) or ``all``. Each figure an analysis returns
  carries a ``source`` label computed from the records behind it: ``news``, ``register`` or ``news+register``.
- **One deal once.** A news record linked to a register deal (fuse/register_link.py: same dyad, system family,
  compatible years; stored in ``record_links``) is, under ``all``, not an item of its own: the register record
  stands for the deal and carries the news records in ``Item.news`` ("confirmed by SIPRI"), so every analysis counts
  the pair once and labels it ``news+register``. Under ``news`` the news record is an item, its
  ``record.confirmation`` saying which register deal confirms it.
- **TIV.** SIPRI trend-indicator values in millions. The store keeps the register's per-deal totals, not values per
  delivery year, so "TIV delivered in a window" spreads a deal's ``tiv_delivered`` evenly over its delivery years
  and takes the years inside the window (a deal with TIV delivered but no delivery year puts it in its last
  period year). News records have no TIV.
"""
from __future__ import annotations

import datetime as dt
import itertools
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterable

from armsflow.model import StatusEvent, TransferRecord

SOURCES = ("news", "sipri", "all")
SIDES = ("recipient", "supplier", "either")
DRONE_CATEGORIES = ("uav", "loitering_munition")


class RegionError(ValueError):
    """A region name that is neither a region, a bloc nor a state code of the catalogue."""


# --- one record with what the register says about it ------------------------------------------------------------

def record_years(r: TransferRecord) -> range:
    """The years a record covers: period_start..period_end inclusive (a missing end stands for the other one, and
    reversed ends are swapped); empty when the record has no year."""
    a, b = r.period_start, r.period_end
    if a is None and b is None:
        return range(0)
    a = b if a is None else a
    b = a if b is None else b
    return range(min(a, b), max(a, b) + 1)


@dataclass(frozen=True)
class Item:
    """A record of a dataset. ``tiv_delivered`` / ``tiv_total`` are the register's SIPRI TIV (millions) of the whole
    deal, for a register record whose register gives them; None otherwise (always None for news records)."""
    record: TransferRecord
    tiv_delivered: float | None = None
    tiv_total: float | None = None
    news: tuple[TransferRecord, ...] = ()      # a register deal's linked news records (source "all" only)

    @property
    def is_register(self) -> bool:
        return self.record.source != "news"

    @property
    def years(self) -> range:
        return record_years(self.record)

    @property
    def delivery_years(self) -> tuple[int, ...]:
        return tuple(sorted({e.year for e in self.record.timeline if e.status == "delivered" and e.year is not None}))

    def active(self, lo: int | None, hi: int | None) -> bool:
        """Whether the record's years reach into lo..hi (open ends allowed)."""
        ys = self.years
        if not ys:
            return lo is None and hi is None
        return (lo is None or ys[-1] >= lo) and (hi is None or ys[0] <= hi)

    def tiv_between(self, lo: int | None, hi: int | None) -> float | None:
        """TIV delivered in the years lo..hi: ``tiv_delivered`` spread evenly over the delivery years; None when the
        register gives no TIV delivered (and for every news record)."""
        if self.tiv_delivered is None:
            return None
        years = self.delivery_years or ((self.years[-1],) if self.years else ())
        if not years:
            return self.tiv_delivered if lo is None and hi is None else 0.0
        inside = sum(1 for y in years if (lo is None or y >= lo) and (hi is None or y <= hi))
        return self.tiv_delivered * inside / len(years)


def source_label(items: Iterable[Item]) -> str:
    """``news``, ``register`` or ``news+register``: where the figures of these items come from ("none" if empty)."""
    news = register = False
    for it in items:
        if it.record.source == "news":
            news = True
        else:
            register = True
            news = news or bool(it.news)
        if news and register:
            return "news+register"
    return "news" if news else "register" if register else "none"


def passes_evidence(r: TransferRecord, min_sources: int = 0, exclude_hedged: bool = False) -> bool:
    """The evidence threshold: register records always pass; see the module docstring for news records."""
    if r.source != "news":
        return True
    if exclude_hedged:
        return r.unhedged >= max(1, min_sources)
    return r.sources >= min_sources


def in_region(r: TransferRecord, members: frozenset[str] | None, side: str = "recipient") -> bool:
    if members is None:
        return True
    if side == "recipient":
        return r.recipient in members
    if side == "supplier":
        return r.supplier in members
    return r.recipient in members or r.supplier in members


def select(items: Iterable[Item], members: Iterable[str] | None = None, side: str = "recipient",
           since: int | None = None, until: int | None = None, min_sources: int = 0, exclude_hedged: bool = False,
           source: str = "all") -> list[Item]:
    """The items the region, period, evidence threshold and source admit (module docstring)."""
    if source not in SOURCES:
        raise ValueError(f"source {source!r}: expected one of {', '.join(SOURCES)}")
    if side not in SIDES:
        raise ValueError(f"side {side!r}: expected one of {', '.join(SIDES)}")
    members = frozenset(members) if members is not None else None
    out = []
    for it in items:
        r = it.record
        if source == "news" and r.source != "news" or source == "sipri" and r.source != "sipri":
            continue
        if source == "all" and r.source == "news" and r.links:
            continue                            # a register deal stands for it: one deal counts once
        if in_region(r, members, side) and it.active(since, until) and passes_evidence(r, min_sources,
                                                                                      exclude_hedged):
            out.append(it)
    return out


# --- a dataset -------------------------------------------------------------------------------------------------------

@dataclass
class Dataset:
    """The selected items and how they were selected. ``evidence`` maps a news record's id to the claims behind it
    (``store.queries.ClaimView``-like objects), when they were loaded."""
    items: list[Item]
    region: str | None = None
    members: frozenset[str] | None = None
    side: str = "recipient"
    since: int | None = None
    until: int | None = None
    min_sources: int = 0
    exclude_hedged: bool = False
    source: str = "all"
    evidence: dict[int, list] = field(default_factory=dict)
    undated_out: int = 0                 # records the period left out because they have no year

    @property
    def records(self) -> list[TransferRecord]:
        return [it.record for it in self.items]

    def undated_left_out(self, by_time: bool = False) -> int:
        """How many records that match everything else an analysis leaves out for want of a year: those the period
        left out and, for an analysis that splits time (buckets, years, entry years), the undated records held."""
        return self.undated_out + (sum(1 for it in self.items if not it.years) if by_time else 0)

    @property
    def label(self) -> str:
        return source_label(self.items)

    def span(self) -> tuple[int, int] | None:
        """The years the analysis covers: since..until, an open end taken from the items' years; None if none."""
        years = []
        if self.since is None or self.until is None:
            for it in self.items:
                ys = it.years
                if ys:                                   # a record with no year adds nothing to the span
                    years += (ys[0], ys[-1])
        lo = self.since if self.since is not None else (min(years) if years else None)
        hi = self.until if self.until is not None else (max(years) if years else None)
        if lo is None or hi is None or lo > hi:
            return None
        return lo, hi

    def describe(self) -> str:
        """One line for a title: what was selected and from where."""
        parts = [self.region or "all states"]
        if self.since is not None or self.until is not None:
            parts.append(f"{self.since if self.since is not None else '…'}–"
                         f"{self.until if self.until is not None else '…'}")
        if self.min_sources:
            parts.append(f"≥{self.min_sources} sources")
        if self.exclude_hedged:
            parts.append("unhedged")
        parts.append(f"from {self.label}")
        return ", ".join(parts)


def undated_note(n: int) -> str:
    """The sentence that says what was left out for want of a year ("" when nothing was)."""
    if not n:
        return ""
    return (f"{n} undated record{'s' if n != 1 else ''} left out: no claim behind "
            f"{'it' if n == 1 else 'them'} states a year.")


_ids = itertools.count(1_000_001)


def make_record(supplier: str | None, recipient: str | None, category: str = "other", start: int | None = None,
                end: int | None = None, *, id: int | None = None, system: str | None = None,
                status: str | None = None, source: str = "news", sources: int = 1, hedged: bool = False,
                confidence: float | None = None, delivered: Iterable[int] = (), first_seen: dt.date | None = None,
                quantity: int | None = None, key: str = "") -> TransferRecord:
    """A record written by hand. News: ``sources`` independent sources, all hedged or all plain. Register
    (``source="sipri"``): ordered at ``start``, delivered in the ``delivered`` years; the period ends at the last
    delivery (or ``end``); confidence 0.95. An id is given when none is."""
    delivered = sorted(delivered)
    if source == "news":
        if end is None:
            end = start
        status = status or "delivered"
        timeline = [StatusEvent(status, start, first_seen, [])]
        if confidence is None:
            confidence = round(1 - (1 - (0.3 if hedged else 0.6)) ** sources, 3)
        n_hedged, n_plain = (sources, 0) if hedged else (0, sources)
    else:
        if end is None:
            end = max([start, *delivered]) if start is not None else (delivered[-1] if delivered else None)
        status = status or ("delivered" if delivered else "ordered")
        timeline = [StatusEvent("ordered", start, first_seen, [])] + \
            [StatusEvent("delivered", y, first_seen, []) for y in delivered]
        sources, n_hedged, n_plain = 1, 0, 1
        confidence = 0.95 if confidence is None else confidence
    return TransferRecord(id=next(_ids) if id is None else id, supplier=supplier, recipient=recipient, system=system,
                          category=category, period_start=start, period_end=end, status=status, timeline=timeline,
                          first_seen=first_seen, last_seen=first_seen, quantity_min=quantity, quantity_max=quantity,
                          claims=sources if source == "news" else 0, sources=sources, hedged=n_hedged,
                          unhedged=n_plain, confidence=confidence, source=source, key=key)


def make_item(*args, tiv_delivered: float | None = None, tiv_total: float | None = None, **kw) -> Item:
    """``make_record`` wrapped as an Item, with the register's TIV values."""
    return Item(make_record(*args, **kw), tiv_delivered=tiv_delivered, tiv_total=tiv_total)


def resolve_region(region: str | Iterable[str] | None, catalog=None) -> tuple[str | None, frozenset[str] | None]:
    """(label, member codes) for a region: a slug, name or alias of ``regions.yaml`` / ``blocs.yaml``, a state code
    (``SRB``: that state alone), or an iterable of codes (labelled by their sorted list). None: no region."""
    if region is None:
        return None, None
    if not isinstance(region, str):
        members = frozenset(region)
        return ",".join(sorted(members)), members
    if catalog is None:
        from armsflow.catalog import load_catalog
        catalog = load_catalog()
    want = region.strip().lower().replace(" ", "-")
    for g in catalog.groups.values():
        if want in (g.slug, g.name.lower().replace(" ", "-")) or \
                region.strip().lower() in (a.lower() for a in g.aliases):
            return g.slug, frozenset(g.members)
    code = region.strip()
    if code.upper() in catalog.states or code in catalog.nonstate:
        code = code.upper() if code.upper() in catalog.states else code
        return code, frozenset({code})
    raise RegionError(f"{region!r}: unknown region or bloc (see catalog/data/regions.yaml, blocs.yaml) or state code")


def make_dataset(records: Iterable[TransferRecord | Item], tiv: dict[int, tuple[float | None, float | None]] | None =
                 None, region: str | Iterable[str] | None = None, since: int | None = None, until: int | None = None,
                 min_sources: int = 0, exclude_hedged: bool = False, source: str = "all", side: str = "recipient",
                 evidence: dict[int, list] | None = None, catalog=None,
                 linked_news: Iterable[TransferRecord] = ()) -> Dataset:
    """A dataset from records (or items) at hand: ``tiv`` maps a record id to (TIV delivered, TIV total); the
    selection rules are those of ``load_dataset``. Under source ``all`` a register item carries the news records
    linked to it (``record.links``) found among ``records`` and ``linked_news``."""
    tiv = tiv or {}
    items = []
    for r in records:
        if isinstance(r, Item):
            items.append(r)
        else:
            delivered, total = tiv.get(r.id, (None, None)) if r.id is not None else (None, None)
            items.append(Item(r, delivered, total))
    if source == "all":
        news_by_id = {r.id: r for r in linked_news}
        news_by_id.update({it.record.id: it.record for it in items if it.record.source == "news" and it.record.links})
        items = [replace(it, news=tuple(news_by_id[i] for i in it.record.linked_ids if i in news_by_id))
                 if it.record.source != "news" and it.record.links and not it.news else it for it in items]
    label, members = resolve_region(region, catalog)
    chosen = select(items, members, side, since, until, min_sources, exclude_hedged, source)
    undated_out = 0
    if since is not None or until is not None:
        undated_out = len(select([it for it in items if not it.years], members, side, None, None, min_sources,
                                 exclude_hedged, source))
    keep = {it.record.id for it in chosen} | {n.id for it in chosen for n in it.news}
    return Dataset(items=chosen, region=label, members=members, side=side, since=since, until=until,
                   min_sources=min_sources, exclude_hedged=exclude_hedged, source=source,
                   evidence={k: v for k, v in (evidence or {}).items() if k in keep}, undated_out=undated_out)


def load_dataset(store, region: str | Iterable[str] | None = None, since: int | None = None,
                 until: int | None = None, min_sources: int = 0, exclude_hedged: bool = False, source: str = "all",
                 side: str = "recipient", with_evidence: bool = False, catalog=None) -> Dataset:
    """The records of the store that the region, period, evidence threshold and source select, with the TIV values of
    register records (and, with ``with_evidence``, the claims behind each news record)."""
    from armsflow.store.queries import RecordFilter, record_claims, records, records_by_id, register_values, undated

    if source not in SOURCES:
        raise ValueError(f"source {source!r}: expected one of {', '.join(SOURCES)}")
    label, members = resolve_region(region, catalog)
    f = RecordFilter(members=set(members) if members is not None else None, side=side, since=since, until=until,
                     source=None if source == "all" else source)
    recs = records(store, f) + undated(store, f)         # the undated ones to count what the period leaves out
    tiv = {}
    if source != "news":
        tiv = {rid: (v.tiv_delivered, v.tiv_total) for rid, v in register_values(store, f).items()}
    linked = []
    if source == "all":                     # the news records that register deals stand for (left out above)
        linked = records_by_id(store, {i for r in recs if r.source != "news" for i in r.linked_ids})
    ds = make_dataset(recs, tiv, members if members is not None else None, since, until, min_sources,
                      exclude_hedged, source, side, catalog=catalog, linked_news=linked)
    ds.region = label
    if with_evidence:
        ds.evidence = record_claims(store, [it.record.id for it in ds.items if not it.is_register]
                                    + [n.id for it in ds.items for n in it.news])
    return ds


# --- time buckets ----------------------------------------------------------------------------------------------------

@dataclass(frozen=True, order=True)
class Bucket:
    """Years lo..hi inclusive."""
    lo: int
    hi: int

    @property
    def label(self) -> str:
        return str(self.lo) if self.lo == self.hi else f"{self.lo}-{self.hi}"

    def __contains__(self, year: int) -> bool:
        return self.lo <= year <= self.hi


def buckets(lo: int, hi: int, size: int) -> list[Bucket]:
    """lo..hi cut into buckets of ``size`` years starting at lo; the last one ends at hi (it may be shorter)."""
    if size < 1:
        raise ValueError("a bucket is at least one year")
    return list(_buckets(lo, hi, size))


@lru_cache(maxsize=64)
def _buckets(lo: int, hi: int, size: int) -> tuple[Bucket, ...]:
    """Kept: a record dated 0 or 9999 stretches a span to thousands of buckets, asked for by every analysis."""
    return tuple(Bucket(y, min(y + size - 1, hi)) for y in range(lo, hi + 1, size))


def item_buckets(it: Item, bs: list[Bucket]) -> list[Bucket]:
    """The buckets an item's years reach (it counts once in each). ``bs`` are in order and do not overlap, as
    ``buckets`` makes them: the first is found by bisection, so a long span costs only the buckets reached."""
    ys = it.years
    if not ys:
        return []
    out = []
    for i in range(bisect_left(bs, ys[0], key=lambda b: b.hi), len(bs)):
        if bs[i].lo > ys[-1]:
            break
        out.append(bs[i])
    return out
