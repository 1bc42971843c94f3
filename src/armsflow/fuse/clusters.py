"""Source clusters: a document and every document linked to it as a copy or echo, directly or through others, are
one independent source. Union-find over the echo links; pure, no store.

Each cluster is named by its representative, the document that stands for the source: the earliest published
(undated ones after dated ones), then the lowest id. So the name of a cluster does not depend on the order in which
its links were found, and merging two clusters names the result after the earlier of their two representatives.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping


class UnionFind:
    """Disjoint sets of hashable items, with path halving."""

    def __init__(self, items: Iterable = ()):
        self.parent: dict = {}
        for x in items:
            self.parent.setdefault(x, x)

    def find(self, x):
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra

    def groups(self) -> list[list]:
        out: dict = {}
        for x in self.parent:
            out.setdefault(self.find(x), []).append(x)
        return list(out.values())


def rank(doc_id: int, published: dt.date | None) -> tuple:
    """Sort key of a cluster's possible representatives: earliest published first, undated last, then lowest id."""
    return (published is None, published or dt.date.min, doc_id)


def clusters(links: Iterable[tuple[int, int]], published: Mapping[int, dt.date | None]) -> dict[int, int]:
    """{document id: its cluster's representative} for every document of ``published`` (a document without links
    is its own cluster) and of ``links`` ((echo, original) pairs)."""
    uf = UnionFind(published)
    for a, b in links:
        uf.union(a, b)
    out = {}
    for members in uf.groups():
        rep = min(members, key=lambda d: rank(d, published.get(d)))
        out.update({d: rep for d in members})
    return out
