"""GraphML: actors as nodes, transfers as directed edges supplier -> recipient (networkx MultiDiGraph).

Written for Gephi and yEd: every attribute has a declared type (string, long or double) and one type only; a
missing value is left out of its element rather than written as "None"; keys are named after their attribute
(Gephi reads a key *id* of "d3"/"d7" as yEd's node/edge label, which networkx's default d0, d1, ... ids can hit);
nodes carry a ``label`` (their name) that Gephi shows. Records without a supplier or a recipient have no edge to
draw and are left out: the count returned says how many were written.
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from typing import BinaryIO

from armsflow.export.rows import actor_name, event_dict, finite, iso
from armsflow.model import TransferRecord

_STATE_CODE = re.compile(r"^[A-Z]{3}$")


def _kind(code: str, kinds: Mapping[str, str] | None) -> str:
    if kinds and kinds.get(code):
        return kinds[code]
    return "state" if _STATE_CODE.match(code) else "nonstate"


def _edge_attributes(r: TransferRecord) -> dict:
    """The record's attributes with their GraphML types fixed (str, int or float); None values dropped."""
    attrs = {
        "record_id": None if r.id is None else int(r.id),
        "record_key": r.key or None,
        "system": r.system,
        "category": r.category,
        "status": r.status,
        "period_start": None if r.period_start is None else int(r.period_start),
        "period_end": None if r.period_end is None else int(r.period_end),
        "quantity_min": None if r.quantity_min is None else int(r.quantity_min),
        "quantity_max": None if r.quantity_max is None else int(r.quantity_max),
        "first_seen": iso(r.first_seen),
        "last_seen": iso(r.last_seen),
        "claims": int(r.claims or 0),
        "sources": int(r.sources or 0),
        "hedged": int(r.hedged or 0),
        "unhedged": int(r.unhedged or 0),
        "confidence": finite(r.confidence),
        "source": r.source,
        "timeline": json.dumps([event_dict(e) for e in r.timeline], ensure_ascii=False, separators=(",", ":"))
        if r.timeline else None,
    }
    return {k: (str(v) if isinstance(v, str) else v) for k, v in attrs.items() if v is not None}


def build_graph(records: Iterable[TransferRecord], names: Mapping[str, str] | None = None,
                kinds: Mapping[str, str] | None = None):
    """The MultiDiGraph of the records and how many records became edges."""
    import networkx as nx

    g = nx.MultiDiGraph()                # no graph attributes: a graph key "name" would reuse the node key id
    used: set[str] = set()
    n = 0
    for i, r in enumerate(records):
        if not r.supplier or not r.recipient:
            continue
        for code in (r.supplier, r.recipient):
            if code not in g:
                name = actor_name(code, names)
                g.add_node(code, label=name, name=name, kind=_kind(code, kinds))
        key = f"r{r.id}" if r.id is not None else f"e{i}"
        while key in used:               # duplicate ids would otherwise overwrite an edge
            key += "_"
        used.add(key)
        g.add_edge(r.supplier, r.recipient, key=key, **_edge_attributes(r))
        n += 1
    return g, n


def write_graphml(records: Iterable[TransferRecord], path_or_fh: str | os.PathLike | BinaryIO,
                  names: Mapping[str, str] | None = None, kinds: Mapping[str, str] | None = None) -> int:
    """Write the transfer network as GraphML (UTF-8) to a path or a binary file; returns the records written.

    ``names`` maps a code to the node's name (the code itself when missing); ``kinds`` maps it to the node's kind
    (state, armed_group, organisation, entity, bloc; guessed from the code's shape when missing)."""
    import networkx as nx

    g, n = build_graph(records, names, kinds)
    target = os.fspath(path_or_fh) if isinstance(path_or_fh, (str, os.PathLike)) else path_or_fh
    nx.write_graphml(g, target, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return n
