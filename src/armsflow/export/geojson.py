"""GeoJSON (RFC 7946): one LineString feature per transfer, from the supplier's anchor to the recipient's.

Positions are [longitude, latitude] as GeoJSON requires, while the coordinate lookup (the catalogue's places.yaml)
gives (lat, lon). A record whose supplier or recipient is missing or has no anchor is skipped and counted.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TextIO

from armsflow.export.rows import record_dict
from armsflow.model import TransferRecord


def _position(code: str | None, coords: Mapping[str, tuple[float, float]]) -> list[float] | None:
    if not code or code not in coords:
        return None
    lat, lon = coords[code]
    return [float(lon), float(lat)]


def missing_anchors(records: Iterable[TransferRecord], coords: Mapping[str, tuple[float, float]]) -> dict[str, int]:
    """How many records each missing anchor costs: ``{code or "(none)": records}``."""
    missing: dict[str, int] = {}
    for r in records:
        for code in {r.supplier, r.recipient}:
            if not code or code not in coords:
                missing[code or "(none)"] = missing.get(code or "(none)", 0) + 1
    return missing


def feature(r: TransferRecord, coords: Mapping[str, tuple[float, float]],
            names: Mapping[str, str] | None = None) -> dict | None:
    """The record's flow-line feature, or None when an end has no coordinates."""
    start, end = _position(r.supplier, coords), _position(r.recipient, coords)
    if start is None or end is None:
        return None
    f = {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [start, end]},
         "properties": record_dict(r, names if names is not None else {})}
    if r.id is not None:
        f["id"] = r.id
    return f


def write_geojson(records: Iterable[TransferRecord], fh: TextIO, coords: Mapping[str, tuple[float, float]],
                  names: Mapping[str, str] | None = None) -> tuple[int, int]:
    """A FeatureCollection of flow lines into the text file ``fh``; returns (records written, records skipped)."""
    written = skipped = 0
    fh.write('{"type": "FeatureCollection", "features": [')
    for r in records:
        f = feature(r, coords, names)
        if f is None:
            skipped += 1
            continue
        fh.write(("\n" if not written else ",\n") + json.dumps(f, ensure_ascii=False, allow_nan=False))
        written += 1
    fh.write("\n]}\n")
    return written, skipped
