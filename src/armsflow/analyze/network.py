"""Network figures of the transfer graph, year by year.

The graph of year Y is a simple directed graph built from the dataset's records:

- A record is **active** in every year of its period, ``period_start``..``period_end`` (``dataset.record_years``).
  For a register (sipri) deal that is the order year to the last delivery year, so an order with deliveries spread
  over 2016–2021 is an edge in each of those six years, and an order with nothing delivered yet is an edge in its
  order year only. For a news record it is its first to its last event year.
- There is an **edge** supplier → recipient in Y when at least one record between them is active in Y. Several
  records between the same two parties make one edge. A record with an unknown party (no supplier or no
  recipient), or whose supplier is its recipient, adds nothing.
- The **nodes** of Y are the parties of its edges (a state with no transfer in Y is not a node).
- **Density** is ``edges / (nodes · (nodes − 1))``, the directed-graph density (0 with fewer than two nodes).
- A state's **in-degree** in Y is the number of distinct suppliers with an edge to it, its **out-degree** the
  number of distinct recipients it has an edge to.

The years reported are those of the dataset's span (``since``..``until``, an open end taken from the records).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from armsflow.analyze.dataset import Dataset, Item, source_label


@dataclass
class YearFigures:
    year: int
    nodes: int
    edges: int
    density: float
    records: int              # records active that year that make an edge
    source: str


@dataclass
class Degree:
    year: int
    state: str
    in_degree: int
    out_degree: int
    suppliers: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    source: str = "none"


def _edge_items(ds: Dataset, years: Iterable[int] | None):
    """year -> {(supplier, recipient): [items]} for the years asked (default: the span)."""
    if years is None:
        span = ds.span()
        years = range(span[0], span[1] + 1) if span else range(0)
    wanted = set(years)
    out: dict[int, dict[tuple[str, str], list[Item]]] = {y: {} for y in sorted(wanted)}
    for it in ds.items:
        r = it.record
        if r.supplier is None or r.recipient is None or r.supplier == r.recipient:
            continue
        for y in it.years:
            if y in wanted:
                out[y].setdefault((r.supplier, r.recipient), []).append(it)
    return out


def density(nodes: int, edges: int) -> float:
    return edges / (nodes * (nodes - 1)) if nodes > 1 else 0.0


def network_figures(ds: Dataset, years: Iterable[int] | None = None) -> list[YearFigures]:
    """Nodes, edges and density of each year's graph."""
    rows = []
    for y, edges in _edge_items(ds, years).items():
        nodes = {p for e in edges for p in e}
        items = [it for its in edges.values() for it in its]
        rows.append(YearFigures(y, len(nodes), len(edges), density(len(nodes), len(edges)), len(items),
                                source_label(items)))
    return rows


def degrees(ds: Dataset, state: str, years: Iterable[int] | None = None) -> list[Degree]:
    """A state's in- and out-degree in each year's graph."""
    rows = []
    for y, edges in _edge_items(ds, years).items():
        sup = sorted(s for s, r in edges if r == state)
        rcp = sorted(r for s, r in edges if s == state)
        items = [it for (s, r), its in edges.items() if state in (s, r) for it in its]
        rows.append(Degree(y, state, len(sup), len(rcp), sup, rcp, source_label(items)))
    return rows


def yearly_edges(ds: Dataset, years: Iterable[int] | None = None) -> dict[int, set[tuple[str, str]]]:
    """The edge set of each year's graph (for export to a graph library)."""
    return {y: set(edges) for y, edges in _edge_items(ds, years).items()}
