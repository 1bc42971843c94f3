"""Map anchors for actors: a state's capital, a non-state actor's base, a bloc's headquarters.

The shipped ``catalog/data/places.yaml`` maps a state code, non-state slug or bloc slug to ``[lat, lon]``; a user's
``$ARMSFLOW_HOME/catalog/places.yaml`` (same layout) is merged on top, as the rest of the catalogue is.
"""
from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

import yaml

from armsflow.catalog.loader import DATA_DIR, CatalogError, user_dir

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _number(value, path: Path, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise CatalogError(f"{path}: {key}: coordinates must be numbers, got {value!r}")
    return float(value)


def read_places(path: Path) -> dict[str, tuple[float, float]]:
    """One places file: ``{key: (lat, lon)}``; a malformed entry raises CatalogError naming the file and key."""
    with path.open(encoding="utf-8") as fh:
        try:
            raw = yaml.load(fh, Loader=_Loader) or {}
        except yaml.YAMLError as exc:
            raise CatalogError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(raw, dict):
        raise CatalogError(f"{path}: expected a mapping of code or slug to [lat, lon]")
    places: dict[str, tuple[float, float]] = {}
    for key, value in raw.items():
        key = str(key)
        if not isinstance(value, (list, tuple)) or len(value) != 2:
            raise CatalogError(f"{path}: {key}: expected [lat, lon], got {value!r}")
        lat, lon = (_number(v, path, key) for v in value)
        if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
            raise CatalogError(f"{path}: {key}: [{lat}, {lon}] is not a latitude and a longitude")
        places[key] = (lat, lon)
    return places


@lru_cache(maxsize=4)
def _load_cached(dirs: tuple[str, ...]) -> dict[str, tuple[float, float]]:
    places = read_places(DATA_DIR / "places.yaml")
    for d in dirs:
        p = Path(d) / "places.yaml"
        if p.is_file():
            places.update(read_places(p))
    return places


def load_places(include_user: bool = True) -> dict[str, tuple[float, float]]:
    """``{state code | non-state slug | bloc slug: (lat, lon)}``: the shipped anchors plus the user's own."""
    dirs = (str(user_dir()),) if include_user else ()
    return dict(_load_cached(dirs))
