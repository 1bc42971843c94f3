"""The land and the borders under the flow maps: Natural Earth's 1:110m admin-0 countries (public domain), shipped
as ``catalog/data/world110m.json`` so that a map needs no network and no GIS library.

``scripts/build_world_map.py`` made the file from the world-atlas TopoJSON: land rings and the borders two
countries share, as (lon, lat) points rounded to 0.1°. Both the web map (web/flowmap.py) and the briefing's map
(report/charts.py) draw these.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache

from armsflow.catalog.loader import DATA_DIR

Line = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class World:
    land: tuple[Line, ...]          # closed rings, (lon, lat)
    borders: tuple[Line, ...]       # open lines between two countries, (lon, lat)
    land_boxes: tuple = field(init=False, repr=False, compare=False)      # bbox of each ring, computed once
    border_boxes: tuple = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "land_boxes", tuple(map(bbox, self.land)))
        object.__setattr__(self, "border_boxes", tuple(map(bbox, self.borders)))

    def land_in(self, extent: tuple[float, float, float, float]) -> list[Line]:
        """The land rings whose bounding box meets ``extent`` (lon0, lat0, lon1, lat1): what a map of it draws."""
        return _touching(self.land, self.land_boxes, extent)

    def borders_in(self, extent: tuple[float, float, float, float]) -> list[Line]:
        return _touching(self.borders, self.border_boxes, extent)


def _touching(lines, boxes, extent) -> list[Line]:
    """The lines that meet ``extent``, which may run past ±180 (a view of the Pacific): a line met 360° away is
    returned shifted by 360°, so Samoa shows east of Fiji and Chukotka's tip east of the rest of Russia."""
    lon0, lat0, lon1, lat1 = extent
    out = []
    for shift in (0.0, 360.0, -360.0):
        a0, a1 = lon0 - shift, lon1 - shift
        for line, (a, b, c, d) in zip(lines, boxes):
            if c > a0 and a < a1 and d >= lat0 and b <= lat1:
                out.append(line if not shift else tuple((lon + shift, lat) for lon, lat in line))
    return out


def _unwrapped(line: Line) -> Line:
    """``line`` without jumps across the antimeridian (Russia's and Fiji's outlines cross it): a step of more than
    180° of longitude is taken the short way, so such a line runs past ±180 instead of across the whole map. A ring
    that goes round the pole (Antarctica) would not close that way, and is kept as it is."""
    out = [line[0]]
    for lon, lat in line[1:]:
        prev = out[-1][0]
        while lon - prev > 180:
            lon -= 360
        while prev - lon > 180:
            lon += 360
        out.append((lon, lat))
    return tuple(out) if out[-1] == line[-1] or line[0] != line[-1] else line


def _lines(flats) -> tuple[Line, ...]:
    return tuple(_unwrapped(tuple((flat[i] / 10, flat[i + 1] / 10) for i in range(0, len(flat) - 1, 2)))
                 for flat in flats)


@lru_cache(maxsize=1)
def world() -> World:
    data = json.loads((DATA_DIR / "world110m.json").read_text(encoding="utf-8"))
    return World(_lines(data["land"]), _lines(data["borders"]))


def shortest_span(lons: list[float]) -> dict[float, float]:
    """Each longitude of ``lons`` as it lies on the shortest span of longitude that holds them all: unchanged unless
    that span crosses 180° (Australia to Tonga), where those west of the widest gap gain 360°."""
    ordered = sorted(set(lons))
    if len(ordered) < 2:
        return {lon: lon for lon in ordered}
    widest, at = max((ordered[i + 1] - ordered[i], i) for i in range(len(ordered) - 1))
    if widest <= 360 - (ordered[-1] - ordered[0]):
        return {lon: lon for lon in ordered}
    return {lon: lon + 360 if i <= at else lon for i, lon in enumerate(ordered)}


def bbox(line: Line) -> tuple[float, float, float, float]:
    """(lon0, lat0, lon1, lat1) of a ring or line."""
    lons = [p[0] for p in line]
    lats = [p[1] for p in line]
    return min(lons), min(lats), max(lons), max(lats)
