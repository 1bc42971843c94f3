"""SIPRI's vocabulary in catalogue terms: its country names as codes, its weapon descriptions as categories.

Kept apart from the register reader (ingest/sipri.py) and the importer (catalog/sipri.py) because both need it and
the reader must not depend on the importer. Names come from the shipped table ``data/sipri_names.yaml``, which
pins every spelling seen in SIPRI exports; a name missing there (a newer export) falls back to the catalogue's
state and non-state names and aliases, after SIPRI's decorations ("*", "**", "(Yemen)") are stripped.
Descriptions are classified by ordered rules, so a new description is usually covered without a table change.
"""
from __future__ import annotations

import re
from functools import lru_cache

import yaml

from armsflow.catalog.gazetteer import fold
from armsflow.catalog.loader import DATA_DIR, Catalog, _load_cached

NAMES_FILE = DATA_DIR / "sipri_names.yaml"


@lru_cache(maxsize=1)
def sipri_names() -> dict[str, str | None]:
    """SIPRI spelling -> state code, non-state slug, bloc slug, or None (an unknown party)."""
    with NAMES_FILE.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    return {str(k): (None if v is None else str(v)) for k, v in data.items()}


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", fold(name)).strip()


def _strip_marks(name: str) -> str:
    """'Houthi rebels (Yemen)*' -> 'Houthi rebels'."""
    name = name.strip().rstrip("*").strip()
    # a trailing "(...)" matched from the end, on the reversed name: searched forwards, every "(" and every space
    # started a scan to the end (n^2 steps on a name of n of them)
    mark = _MARK_REVERSED.match(name[::-1])
    return (name[:len(name) - mark.end()] if mark else name).strip()


_MARK_REVERSED = re.compile(r"\s*\)[^)]*\(\s*")


_INDEXES: dict[int, tuple[Catalog, dict[str, str]]] = {}


def _catalog_index(cat: Catalog) -> dict[str, str]:
    """Folded state / non-state / bloc names and aliases -> code, built once per catalogue object."""
    hit = _INDEXES.get(id(cat))
    if hit is not None and hit[0] is cat:
        return hit[1]
    index: dict[str, str] = {}
    for g in cat.groups.values():
        for s in (g.name, *g.aliases):
            index.setdefault(_key(s), g.slug)
    for ns in cat.nonstate.values():
        for s in (ns.name, *ns.aliases):
            index[_key(s)] = ns.slug
    for st in cat.states.values():
        for s in (st.name, *st.aliases):
            index[_key(s)] = st.code
    _INDEXES[id(cat)] = (cat, index)
    return index


_MISSING = object()


def lookup_name(name: str, cat: Catalog | None = None):
    """``(found, code)``: found is False when neither the table nor the catalogue knows the name."""
    name = name.strip()
    table = sipri_names()
    if name in table:
        return True, table[name]
    cat = cat if cat is not None else _load_cached(())
    index = _catalog_index(cat)
    for candidate in (name, _strip_marks(name)):
        code = index.get(_key(candidate), _MISSING)
        if code is not _MISSING:
            return True, code
    return False, None


def resolve_name(name: str | None, cat: Catalog | None = None) -> str | None:
    """The code for a SIPRI supplier/recipient name; None for an unknown party or an unrecognised name."""
    if not name:
        return None
    return lookup_name(name, cat)[1]


# --- descriptions -> categories ------------------------------------------------------------------------------------
# Ordered: the first matching rule wins. Order matters where words overlap: "anti-ship missile" before ships,
# "anti-submarine helicopter" before submarines, "aircraft carrier" before aircraft, "combat aircraft radar" before
# combat aircraft, "anti-aircraft gun" before guns, "tank destroyer" before tanks. Rules marked 'other' are
# deliberate (engines, turrets, refuelling kits, anti-submarine launchers): components rather than weapons.
_RULES: list[tuple[str, str]] = [
    (r"anti-aircraft gun turret", "air_defence"),
    (r"(mortar|self-propelled gun) turret", "artillery"),
    (r"turret", "other"),
    (r"\bengine\b|turbofan|turbojet|turboprop|gas turbine|nuclear reactor", "other"),
    (r"air refuel", "other"),
    (r"(?<!anti-)radar|sonar|\beo\b|electro-optical|recce system|reconnaissance system|signals intelligence system"
     r"|air[- ]search system|satellite", "sensor"),
    (r"loitering munition|one-way attack drone|kamikaze drone", "loitering_munition"),
    (r"\bugv\b", "armoured_vehicle"),
    (r"\bu?cav\b|\buav\b|drone", "uav"),
    (r"helicopter", "helicopter"),
    (r"^anti-tank", "anti_tank"),
    (r"air-to-air|anti-ship missile|anti-ship/|anti-radar|air-to-surface|land-attack|surface-to-surface missile$"
     r"|ballistic missile|anti-submarine missile|guided (bomb|glide bomb|rocket|shell)"
     r"|torpedo$|naval mine", "missile"),
    (r"coastal defence system", "missile"),
    (r"anti-submarine (rocket launcher|mortar)", "other"),
    (r"missile launcher|rocket launcher", "artillery"),
    (r"\bsam\b|\babm\b|anti-aircraft|air-defence|\bad system", "air_defence"),
    (r"^(fga|fighter|bomber|ground-attack|trainer/combat)\b.*aircraft", "combat_aircraft"),
    (r"aircraft carrier|\bship\b|boat|\bcraft\b|cruiser|^destroyer$|frigate|corvette|(?<!anti-)submarine|minehunter|minelayer"
     r"|minesweeper|\bmcm\b|^tanker$|replenishment tanker|\btug\b|icebreaker|gunboat", "ship"),
    (r"aircraft|airship", "aircraft"),
    (r"^(light |training )?tank$", "tank"),
    (r"\bapc\b|armoured|armored|infantry fighting vehicle|fire-support vehicle|tank destroyer|chassis|bridgelayer",
     "armoured_vehicle"),
    (r"\bgun\b|howitzer|mortar|artillery", "artillery"),
]
_COMPILED = [(re.compile(p), c) for p, c in _RULES]

# Layout 2's "Armament category": used only when no description rule applies.
ARMAMENT_CATEGORIES = {
    "aircraft": "aircraft", "air-defence systems": "air_defence", "armoured vehicles": "armoured_vehicle",
    "artillery": "artillery", "engines": "other", "missiles": "missile", "naval weapons": "other",
    "satellites": "sensor", "sensors": "sensor", "ships": "ship", "other": "other",
}


def category_rule(description: str | None) -> str | None:
    """The category a description rule gives, or None when no rule covers the description."""
    d = re.sub(r"\s+", " ", (description or "").strip().lower())
    if not d:
        return None
    for pattern, category in _COMPILED:
        if pattern.search(d):
            return category
    return None


def sipri_category(description: str | None, armament_category: str | None = None) -> str:
    """The catalogue category for a SIPRI weapon description (layout 2's armament category as a fallback)."""
    category = category_rule(description)
    if category is None and armament_category:
        category = ARMAMENT_CATEGORIES.get(armament_category.strip().lower())
    return category or "other"
