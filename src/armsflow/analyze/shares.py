"""Supplier shares, supplier concentration (HHI) and bloc alignment, per recipient or per region.

Measures (``by``):

- ``count``: every selected record with a known supplier counts 1 (a record with no supplier, such as SIPRI's
  "unknown supplier(s)", is left out of shares and HHI and reported as ``unknown``).
- ``tiv``: SIPRI TIV delivered within the dataset's period (``Item.tiv_between``: a deal's TIV delivered spread
  evenly over its delivery years). Only register records carry TIV; news records are left out of TIV figures.

Shares are fractions of the scope's measure (0..1). The Herfindahl-Hirschman index of a scope is
``HHI = Σ (100·sᵢ)²`` over its suppliers, i.e. the sum of squared shares ×10,000: 10,000 when one supplier has
everything, 10,000/n for n equal suppliers. The usual reading (US merger guidelines): below 1,500 unconcentrated,
1,500–2,500 moderately concentrated, above 2,500 highly concentrated.

Scopes (``per``): ``recipient`` (one scope per recipient) or ``region`` (every record of the dataset in one scope,
named after the dataset's region, "all" without one).

Bloc alignment maps each supplier to an alignment group (``data/alignment.yaml``: explicit members win over bloc
membership) and gives each group's share per time bucket; a record counts in every bucket its years reach
(``dataset.item_buckets``), TIV by the delivery years inside the bucket. ``alignment_trend`` compares a scope's first
and last buckets that have records.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import yaml

from armsflow.analyze.dataset import Bucket, Dataset, Item, buckets, item_buckets, source_label

ALIGNMENT_FILE = Path(__file__).parent / "data" / "alignment.yaml"
MEASURES = ("count", "tiv")
PERS = ("recipient", "region")


def hhi(shares: Iterable[float]) -> float:
    """Σ (100·s)² for shares given as fractions: 0 (no one) .. 10,000 (a single supplier)."""
    return sum((100.0 * s) ** 2 for s in shares)


def _check(by: str, per: str) -> None:
    if by not in MEASURES:
        raise ValueError(f"by {by!r}: expected one of {', '.join(MEASURES)}")
    if per not in PERS:
        raise ValueError(f"per {per!r}: expected one of {', '.join(PERS)}")


def _scope(it: Item, per: str, ds: Dataset) -> str:
    return (it.record.recipient or "unknown") if per == "recipient" else (ds.region or "all")


def _measure(it: Item, by: str, lo: int | None, hi: int | None) -> float | None:
    """The item's weight, or None when it has none under this measure (a news record under TIV)."""
    if by == "count":
        return 1.0
    return it.tiv_between(lo, hi)


@dataclass
class Share:
    scope: str                  # recipient code, or the region's label
    supplier: str
    records: int                # records behind the figure
    tiv: float | None           # TIV delivered in the period (register records), None when no register value
    share: float                # fraction of the scope's measure
    hhi: float                  # the scope's HHI (the same on every row of the scope)
    by: str
    source: str                 # news | register | news+register


@dataclass
class Concentration:
    scope: str
    by: str
    hhi: float
    suppliers: int
    top: str | None
    top_share: float
    total: float                # the scope's measure: records, or TIV
    records: int
    unknown: int                # records with no supplier, left out
    source: str


def _grouped(ds: Dataset, by: str, per: str):
    """scope -> supplier -> (items, measure), scope -> unknown-supplier count."""
    out: dict[str, dict[str, list]] = {}                          # scope -> supplier -> [items, measure]
    unknown: dict[str, int] = {}
    for it in ds.items:
        m = _measure(it, by, ds.since, ds.until)
        if m is None:
            continue
        scope = _scope(it, per, ds)
        if it.record.supplier is None:
            unknown[scope] = unknown.get(scope, 0) + 1
            out.setdefault(scope, {})
            continue
        cell = out.setdefault(scope, {}).setdefault(it.record.supplier, [[], 0.0])
        cell[0].append(it)
        cell[1] += m
    return {scope: {s: (items, m) for s, (items, m) in sup.items()} for scope, sup in out.items()}, unknown


def supplier_shares(ds: Dataset, by: str = "count", per: str = "recipient") -> list[Share]:
    """Each supplier's share of each scope, largest first (scopes in code order). A scope whose measure is zero
    (TIV: nothing delivered in the period) has no rows."""
    _check(by, per)
    grouped, _ = _grouped(ds, by, per)
    rows: list[Share] = []
    for scope in sorted(grouped):
        sup = grouped[scope]
        total = sum(m for _, m in sup.values())
        if total <= 0:
            continue
        shares = {s: m / total for s, (_, m) in sup.items()}
        index = hhi(shares.values())
        for s in sorted(sup, key=lambda s: (-shares[s], s)):
            items, m = sup[s]
            tivs = [v for v in (it.tiv_between(ds.since, ds.until) for it in items) if v is not None]
            rows.append(Share(scope, s, len(items), sum(tivs) if tivs else None, shares[s], index, by,
                              source_label(items)))
    return rows


def concentration(ds: Dataset, by: str = "count", per: str = "recipient") -> list[Concentration]:
    """Each scope's HHI, number of suppliers and largest supplier."""
    _check(by, per)
    grouped, unknown = _grouped(ds, by, per)
    out = []
    for scope in sorted(grouped):
        sup = grouped[scope]
        total = sum(m for _, m in sup.values())
        shares = {s: m / total for s, (_, m) in sup.items()} if total > 0 else {}
        top = min(shares, key=lambda s: (-shares[s], s)) if shares else None
        items = [it for its, _ in sup.values() for it in its]
        out.append(Concentration(scope, by, hhi(shares.values()), len(sup), top, shares.get(top, 0.0), total,
                                 len(items), unknown.get(scope, 0), source_label(items)))
    return out


# --- bloc alignment --------------------------------------------------------------------------------------------------

class AlignmentError(ValueError):
    """An alignment file that cannot be used; the message names the problem."""


@dataclass(frozen=True)
class AlignmentGroup:
    slug: str
    name: str
    members: tuple[str, ...] = ()            # listed explicitly
    blocs: tuple[str, ...] = ()              # bloc slugs whose members belong


@dataclass
class Alignment:
    """Suppliers → alignment groups: explicit members first, then bloc membership (first group wins), else the
    default."""
    groups: list[AlignmentGroup]
    default: str = "other"
    explicit: dict[str, str] = field(default_factory=dict)
    via_bloc: dict[str, str] = field(default_factory=dict)

    def group_of(self, code: str | None) -> str:
        if code is None:
            return "unknown"
        return self.explicit.get(code) or self.via_bloc.get(code) or self.default

    @property
    def slugs(self) -> list[str]:
        return [g.slug for g in self.groups] + [self.default]


def alignment_from(data: dict, bloc_members: dict[str, Iterable[str]]) -> Alignment:
    """An Alignment from the YAML structure (``default``, ``groups: [{slug, name, blocs, members}]``) and the
    members of each bloc slug."""
    if not isinstance(data, dict) or not isinstance(data.get("groups"), list):
        raise AlignmentError("expected a mapping with a `groups` list")
    groups, explicit, via_bloc = [], {}, {}
    for g in data["groups"]:
        if not isinstance(g, dict) or not g.get("slug"):
            raise AlignmentError(f"group {g!r}: needs a slug")
        ag = AlignmentGroup(str(g["slug"]), str(g.get("name") or g["slug"]),
                            tuple(str(m) for m in g.get("members") or ()), tuple(str(b) for b in g.get("blocs") or ()))
        for code in ag.members:
            if code in explicit and explicit[code] != ag.slug:
                raise AlignmentError(f"{code} is listed in both {explicit[code]} and {ag.slug}")
            explicit[code] = ag.slug
        for b in ag.blocs:
            if b not in bloc_members:
                raise AlignmentError(f"group {ag.slug}: unknown bloc {b!r} (see catalog/data/blocs.yaml)")
            for code in bloc_members[b]:
                via_bloc.setdefault(code, ag.slug)
        groups.append(ag)
    return Alignment(groups, str(data.get("default") or "other"), explicit, via_bloc)


def load_alignment(path: Path | str | None = None, catalog=None) -> Alignment:
    """The alignment table of ``path`` (default: the shipped ``data/alignment.yaml``), blocs from the catalogue."""
    if catalog is None:
        from armsflow.catalog import load_catalog
        catalog = load_catalog()
    p = Path(path) if path else ALIGNMENT_FILE
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise AlignmentError(f"{p}: {exc}") from None
    try:
        return alignment_from(data, {g.slug: g.members for g in catalog.groups.values() if g.kind == "bloc"})
    except AlignmentError as exc:
        raise AlignmentError(f"{p}: {exc}") from None


@dataclass
class AlignmentShare:
    scope: str
    bucket: str
    start: int
    end: int
    group: str
    records: int
    tiv: float | None
    share: float
    by: str
    source: str


@dataclass
class AlignmentChange:
    scope: str
    group: str
    first_bucket: str
    last_bucket: str
    first_share: float
    last_share: float
    change: float               # last_share − first_share
    source: str


def bloc_alignment(ds: Dataset, table: Alignment, by: str = "count", per: str = "recipient",
                   bucket_years: int = 5) -> list[AlignmentShare]:
    """Each alignment group's share of each scope per time bucket (buckets of ``bucket_years`` from the start of the
    dataset's span). Only buckets with a measure are listed; groups with no records in a bucket have no row."""
    _check(by, per)
    span = ds.span()
    if span is None:
        return []
    bs = buckets(span[0], span[1], bucket_years)
    acc: dict[tuple[str, Bucket], dict[str, list]] = {}           # (scope, bucket) -> group -> [items, measure]
    for it in ds.items:
        if it.record.supplier is None:
            continue
        for b in item_buckets(it, bs):
            m = 1.0 if by == "count" else it.tiv_between(b.lo, b.hi)
            if m is None:
                continue
            cell = acc.setdefault((_scope(it, per, ds), b), {}).setdefault(table.group_of(it.record.supplier),
                                                                             [[], 0.0])
            cell[0].append(it)
            cell[1] += m
    order = {s: i for i, s in enumerate(table.slugs)}
    rows = []
    for (scope, b) in sorted(acc):
        cell = acc[(scope, b)]
        total = sum(m for _, m in cell.values())
        if total <= 0:
            continue
        for g in sorted(cell, key=lambda g: order.get(g, len(order))):
            items, m = cell[g]
            tivs = [v for v in (it.tiv_between(b.lo, b.hi) for it in items) if v is not None]
            rows.append(AlignmentShare(scope, b.label, b.lo, b.hi, g, len(items), sum(tivs) if tivs else None,
                                       m / total, by, source_label(items)))
    return rows


def alignment_trend(rows: list[AlignmentShare]) -> list[AlignmentChange]:
    """Per scope and group: the share in the scope's first and last buckets (a group absent from a bucket has share
    0) and the change between them."""
    by_scope: dict[str, list[AlignmentShare]] = {}
    for r in rows:
        by_scope.setdefault(r.scope, []).append(r)
    out = []
    for scope in sorted(by_scope):
        rs = by_scope[scope]
        first = min(r.start for r in rs)
        last = max(r.start for r in rs)
        label = {r.start: r.bucket for r in rs}
        groups = list(dict.fromkeys(r.group for r in rs))
        for g in groups:
            a = next((r for r in rs if r.start == first and r.group == g), None)
            z = next((r for r in rs if r.start == last and r.group == g), None)
            sa, sz = (a.share if a else 0.0), (z.share if z else 0.0)
            src = {r.source for r in rs if r.group == g}
            source = "news+register" if len(src) > 1 or "news+register" in src else src.pop()
            out.append(AlignmentChange(scope, g, label[first], label[last], sa, sz, sz - sa, source))
    return out
