"""Rival dyads: what each side of a rivalry acquires, by category and time bucket, side by side, and an escalation
indicator.

A side's acquisitions are the dataset's records whose *recipient* is that side. Buckets are ``bucket_years`` long
from the start of the dataset's span; a record counts in every bucket its years reach (``dataset.item_buckets``).

Weights (``weight``):

- ``confidence`` (default): each record weighs its confidence (news: ``1 − Π(1 − w)`` over independent sources,
  see fuse/records.py; a register deal 0.95), so a single hedged report weighs 0.3 and a register deal 0.95;
- ``count``: each record weighs 1;
- ``tiv``: each register record weighs the TIV it delivered in the bucket's years (``Item.tiv_between``); news
  records weigh nothing.

**Escalation indicator.** For a pair (A, B), bucket t and category c, let ``W_A(t, c)`` and ``W_B(t, c)`` be the
summed weights of A's and B's acquisitions. The *mutual acquisition* of the bucket is

    M(t) = Σ_c min(W_A(t, c), W_B(t, c))

the weight that both sides put into the same categories (a category only one side buys adds nothing). The
escalation indicator is its change from the previous bucket,

    E(t) = M(t) − M(t − 1)        (None for the first bucket; a bucket with no records has M = 0)

and a bucket is *escalating* when E(t) > 0: both sides are arming in the same categories more than before.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import yaml

from armsflow.analyze.dataset import Dataset, Item, buckets, item_buckets, source_label

RIVALS_FILE = Path(__file__).parent / "data" / "rivals.yaml"
WEIGHTS = ("confidence", "count", "tiv")


class RivalsError(ValueError):
    """A rivals file or a pair that cannot be used."""


@dataclass(frozen=True)
class Rival:
    a: str
    b: str
    name: str = ""
    note: str = ""

    @property
    def label(self) -> str:
        return f"{self.a}-{self.b}"


def load_rivals(path: Path | str | None = None) -> list[Rival]:
    p = Path(path) if path else RIVALS_FILE
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError) as exc:
        raise RivalsError(f"{p}: {exc}") from None
    out = []
    for row in data:
        if not isinstance(row, dict) or not row.get("a") or not row.get("b"):
            raise RivalsError(f"{p}: entry {row!r} needs `a` and `b`")
        out.append(Rival(str(row["a"]), str(row["b"]), str(row.get("name") or ""), str(row.get("note") or "")))
    return out


def find_pair(rivals: Iterable[Rival], pair: str | tuple[str, str]) -> Rival:
    """A pair named ``SRB-XKX`` (either order, any case), or two codes checked already
    (``analyze.arguments.pair``); a pair not in the list is made up on the spot."""
    if isinstance(pair, tuple):
        a, b = pair
    else:
        parts = [p.strip() for p in pair.replace("–", "-").replace(":", "-").split("-") if p.strip()]
        if len(parts) != 2:
            raise RivalsError(f"{pair!r}: give two codes joined by '-', such as SRB-XKX")
        a, b = (p.upper() if len(p) == 3 and p.isalpha() else p for p in parts)
    for r in rivals:
        if {r.a, r.b} == {a, b}:
            return r
    return Rival(a, b, f"{a}–{b}")


def pairs_in(rivals: Iterable[Rival], members: frozenset[str] | None) -> list[Rival]:
    """The pairs with a side among ``members`` (all of them without a region)."""
    return [r for r in rivals if members is None or r.a in members or r.b in members]


def _weight(it: Item, weight: str, lo: int, hi: int) -> float:
    if weight == "count":
        return 1.0
    if weight == "confidence":
        return float(it.record.confidence)
    return it.tiv_between(lo, hi) or 0.0


@dataclass
class DyadRow:
    """One bucket and category of a pair: each side's acquisitions side by side."""
    pair: str
    bucket: str
    start: int
    end: int
    category: str
    a: str
    a_records: int
    a_weight: float
    b: str
    b_records: int
    b_weight: float
    mutual: float                     # min(a_weight, b_weight)
    weight: str
    source: str


@dataclass
class Escalation:
    pair: str
    bucket: str
    start: int
    end: int
    a_weight: float
    b_weight: float
    mutual: float                     # M(t)
    change: float | None              # E(t) = M(t) − M(t−1); None for the first bucket
    escalating: bool
    shared: list[str] = field(default_factory=list)   # categories both sides acquired in the bucket
    weight: str = "confidence"
    source: str = "none"


def _cells(ds: Dataset, pair: Rival, bucket_years: int, weight: str):
    if weight not in WEIGHTS:
        raise ValueError(f"weight {weight!r}: expected one of {', '.join(WEIGHTS)}")
    span = ds.span()
    if span is None:
        return [], {}
    bs = buckets(span[0], span[1], bucket_years)
    cells: dict[tuple, list] = {}                           # (bucket, category, side) -> [items, weight]
    for it in ds.items:
        side = it.record.recipient
        if side not in (pair.a, pair.b):
            continue
        for b in item_buckets(it, bs):
            cell = cells.setdefault((b, it.record.category, side), [[], 0.0])
            cell[0].append(it)
            cell[1] += _weight(it, weight, b.lo, b.hi)
    return bs, {k: (items, w) for k, (items, w) in cells.items()}


def dyad_acquisitions(ds: Dataset, pair: Rival, bucket_years: int = 5, weight: str = "confidence") -> list[DyadRow]:
    """Each side's acquisitions per bucket and category (only cells where some side acquired something)."""
    _, cells = _cells(ds, pair, bucket_years, weight)
    rows = []
    for b, c in sorted({(b, c) for (b, c, _) in cells}):
        ia, wa = cells.get((b, c, pair.a), ([], 0.0))
        ib, wb = cells.get((b, c, pair.b), ([], 0.0))
        rows.append(DyadRow(pair.label, b.label, b.lo, b.hi, c, pair.a, len(ia), wa, pair.b, len(ib), wb,
                            min(wa, wb), weight, source_label(ia + ib)))
    return rows


def escalation(ds: Dataset, pair: Rival, bucket_years: int = 5, weight: str = "confidence") -> list[Escalation]:
    """The escalation indicator of a pair for every bucket of the dataset's span (module docstring)."""
    rows = dyad_acquisitions(ds, pair, bucket_years, weight)
    span = ds.span()
    if span is None:
        return []
    by_start: dict[int, list[DyadRow]] = {}
    for r in rows:
        by_start.setdefault(r.start, []).append(r)
    out, previous = [], None
    for b in buckets(span[0], span[1], bucket_years):
        rs = by_start.get(b.lo, [])
        mutual = sum(r.mutual for r in rs)
        change = None if previous is None else mutual - previous
        items_src = {r.source for r in rs if r.source != "none"}
        source = "none" if not items_src else ("news+register" if len(items_src) > 1 or "news+register" in items_src
                                               else items_src.pop())
        out.append(Escalation(pair.label, b.label, b.lo, b.hi, sum(r.a_weight for r in rs),
                              sum(r.b_weight for r in rs), mutual, change, change is not None and change > 0,
                              [r.category for r in rs if r.mutual > 0], weight, source))
        previous = mutual
    return out


def chosen_pairs(rivals: Iterable[Rival], sides: tuple[str, str] | None = None,
                 members: frozenset[str] | None = None) -> list[Rival]:
    """The pair asked for (listed or not), else the listed pairs with a side among ``members`` (all without)."""
    return [find_pair(rivals, sides)] if sides else pairs_in(rivals, members)


def sides_of(pairs: Iterable[Rival]) -> set[str]:
    """Every side of the pairs: the recipients whose records the dataset must hold."""
    return {c for p in pairs for c in (p.a, p.b)}


def dyad_rows(ds: Dataset, pairs: list[Rival], bucket_years: int = 5, weight: str = "confidence",
              escalation_only: bool = False) -> list[DyadRow] | list[Escalation]:
    """Each pair's acquisitions side by side (or its escalation indicator), pair after pair, as the command line,
    the web API and the library answer; the dataset's label becomes the pairs, for a title."""
    rows: list = []
    for p in pairs:
        rows += escalation(ds, p, bucket_years, weight) if escalation_only else \
            dyad_acquisitions(ds, p, bucket_years, weight)
    ds.region = f"pairs {', '.join(p.label for p in pairs)}" if len(pairs) <= 4 else f"{len(pairs)} pairs"
    return rows
