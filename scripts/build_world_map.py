"""Build src/armsflow/catalog/data/world110m.json, the land and borders under the flow maps, from Natural Earth.

The input is ``countries-110m.json`` of the npm package world-atlas 2.0.2 (Natural Earth 4.1.0 admin-0 countries at
1:110m as TopoJSON, land merged from the countries); Natural Earth is in the public domain. Run once by hand:

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/build_world_map.py /tmp/package/countries-110m.json src/armsflow/catalog/data/world110m.json

The output keeps what a small map draws: the land rings and the borders between two countries (TopoJSON arcs that
two countries share), each a flat list of longitude, latitude, longitude, ... in tenths of a degree (integers), with
the points that rounding merges dropped.
"""
from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs in degrees (delta-decoded and unquantized)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring(arcs, indexes) -> list[tuple[float, float]]:
    """A ring or line made of arcs (a negative index ~i is arc i reversed), each joint point once."""
    out: list[tuple[float, float]] = []
    for i in indexes:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(pts if not out else pts[1:])
    return out


def tenths(points) -> list[int]:
    """Flat [lon, lat, ...] in tenths of a degree, consecutive duplicates dropped."""
    flat: list[int] = []
    for lon, lat in points:
        p = (round(lon * 10), round(lat * 10))
        if len(flat) < 2 or (flat[-2], flat[-1]) != p:
            flat.extend(p)
    return flat


def polygons(geometry) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def build(topo: dict) -> dict:
    arcs = decode_arcs(topo)
    land = []
    for geom in topo["objects"]["land"]["geometries"]:
        for polygon in polygons(geom):
            for rng in polygon:
                flat = tenths(ring(arcs, rng))
                if len(flat) >= 8:                       # at least a triangle after rounding
                    land.append(flat)
    users: dict[int, set[int]] = defaultdict(set)       # arc -> the countries whose outline uses it
    for n, geom in enumerate(topo["objects"]["countries"]["geometries"]):
        for polygon in polygons(geom):
            for rng in polygon:
                for i in rng:
                    users[i if i >= 0 else ~i].add(n)
    borders = [flat for i, owners in sorted(users.items()) if len(owners) >= 2
               for flat in [tenths(arcs[i])] if len(flat) >= 4]
    return {"source": "Natural Earth 1:110m admin-0 countries 4.1.0 (public domain), via world-atlas 2.0.2",
            "unit": "tenths of a degree, [lon, lat, lon, lat, ...]", "land": land, "borders": borders}


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: build_world_map.py COUNTRIES_110M_TOPOJSON OUTPUT_JSON", file=sys.stderr)
        return 2
    src, dst = map(Path, argv)
    try:
        topo = json.loads(src.read_text(encoding="utf-8"))
        data = build(topo)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        print(f"{src}: not a world-atlas TopoJSON file: {exc}", file=sys.stderr)
        return 2
    dst.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{dst}: {len(data['land'])} land rings, {len(data['borders'])} border lines, {dst.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
