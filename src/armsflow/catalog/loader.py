"""Load the reference catalogue from YAML data files.

The package ships its own files in ``catalog/data``; a user's additions (for instance systems learnt from a
SIPRI export by ``armsflow catalog import-sipri``) live in ``$ARMSFLOW_HOME/catalog`` (default ``~/.armsflow``)
and are merged on top, so the shipped files stay read-only and no register data enters the project.

File layout (every file optional except states.yaml):

- ``states.yaml``: ``[{code, name, aliases, adjectives, people, seats, organs, historic, successor, island}]``
  (``island``: the state lies wholly on islands, for "the island nation")
- ``nonstate.yaml``: ``[{slug, name, aliases, based_in, kind}]`` (kind: armed_group | organisation | entity)
- ``firms.yaml``: ``[{name, aliases, state}]`` - companies whose involvement names the supplying state
- ``systems*.yaml``: ``[{name, aliases, category, origin, maker, ambiguous, weak}]``; ``weak`` lists the names
  and aliases that are also plain words ("Hermes", "Rainbow"): they count only next to a weapon noun
- ``system_names.yaml``: ``[{system, aliases, weak}]`` - more names for systems listed above: reporting names,
  family and brand names, transliterations, former canonical names (kept so that stored names still resolve)
- ``equipment.yaml``: ``{category: [generic noun phrase, ...]}`` (singular; the matcher adds plurals)
- ``regions.yaml`` / ``blocs.yaml``: ``[{slug, name, aliases, members}]``
- ``traps.yaml``: ``[{text, note}]`` - phrases that contain an actor name but are not that actor
- ``ship_prefixes.yaml``: ``{prefix: state code}`` - navies' ship prefixes ("INS" -> IND)
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import yaml

from armsflow.model import CATEGORIES

DATA_DIR = Path(__file__).parent / "data"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class State:
    code: str
    name: str
    aliases: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()
    organs: tuple[str, ...] = ()
    historic: bool = False
    successor: str | None = None
    island: bool = False           # wholly on islands: "the island nation" may name it


@dataclass(frozen=True)
class NonState:
    slug: str
    name: str
    aliases: tuple[str, ...] = ()
    based_in: str | None = None
    kind: str = "armed_group"       # armed_group | organisation | entity (a sub-state entity)


@dataclass(frozen=True)
class Firm:
    name: str
    state: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class System:
    name: str
    category: str
    origin: str | None
    maker: str | None = None
    aliases: tuple[str, ...] = ()
    ambiguous: bool = False
    source: str = "armsflow"
    weak: tuple[str, ...] = ()     # names or aliases that are also plain words: a weapon noun must back them up


@dataclass(frozen=True)
class Group:
    slug: str
    name: str
    kind: str                      # region | bloc
    members: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass
class Catalog:
    states: dict[str, State] = field(default_factory=dict)
    nonstate: dict[str, NonState] = field(default_factory=dict)
    firms: list[Firm] = field(default_factory=list)
    systems: dict[str, System] = field(default_factory=dict)
    equipment: dict[str, str] = field(default_factory=dict)    # phrase -> category
    groups: dict[str, Group] = field(default_factory=dict)
    traps: list[str] = field(default_factory=list)
    ship_prefixes: dict[str, str] = field(default_factory=dict)   # "INS" -> IND: whose navy commissions the ship

    def actor_name(self, key: str | None) -> str | None:
        if key is None:
            return None
        if key in self.states:
            return self.states[key].name
        if key in self.nonstate:
            return self.nonstate[key].name
        return key

    def is_actor(self, key: str | None) -> bool:
        return key in self.states or key in self.nonstate


def _tuple(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _read(path: Path):
    with path.open(encoding="utf-8") as fh:
        try:
            return yaml.load(fh, Loader=_Loader) or []
        except yaml.YAMLError as exc:
            raise CatalogError(f"{path}: not valid YAML: {exc}") from None


class CatalogError(ValueError):
    """A catalogue file that cannot be read; the message names the file."""


def user_dir() -> Path:
    return Path(os.environ.get("ARMSFLOW_HOME", Path.home() / ".armsflow")) / "catalog"


def load_into(cat: Catalog, directory: Path, source: str) -> None:
    """Merge the catalogue files found in ``directory`` into ``cat``."""
    if not directory.is_dir():
        return
    p = directory / "states.yaml"
    if p.exists():
        for row in _read(p):
            st = State(code=row["code"], name=row["name"], aliases=_tuple(row.get("aliases")),
                       adjectives=_tuple(row.get("adjectives")), people=_tuple(row.get("people")),
                       seats=_tuple(row.get("seats")), organs=_tuple(row.get("organs")),
                       historic=bool(row.get("historic")), successor=row.get("successor"),
                       island=bool(row.get("island")))
            cat.states[st.code] = st
    p = directory / "nonstate.yaml"
    if p.exists():
        for row in _read(p):
            ns = NonState(slug=row["slug"], name=row["name"], aliases=_tuple(row.get("aliases")),
                          based_in=row.get("based_in"), kind=row.get("kind", "armed_group"))
            cat.nonstate[ns.slug] = ns
    p = directory / "firms.yaml"
    if p.exists():
        cat.firms.extend(Firm(name=r["name"], state=r["state"], aliases=_tuple(r.get("aliases")))
                         for r in _read(p))
    for p in sorted(directory.glob("systems*.yaml")):
        for row in _read(p):
            sy = System(name=str(row["name"]), category=row.get("category", "other"), origin=row.get("origin"),
                        maker=row.get("maker"), aliases=_tuple(row.get("aliases")),
                        ambiguous=bool(row.get("ambiguous")), source=row.get("source", source),
                        weak=_tuple(row.get("weak")))
            old = cat.systems.get(sy.name)
            if old is not None and old.source == "armsflow" and sy.source != "armsflow":
                # an enrichment never overrides a curated entry, it only adds spellings
                sy = System(**{**old.__dict__, "aliases": tuple(dict.fromkeys(old.aliases + sy.aliases))})
            cat.systems[sy.name] = sy
    p = directory / "system_names.yaml"
    if p.exists():
        for row in _read(p):
            name = str(row["system"])
            old = cat.systems.get(name)
            if old is None:
                raise CatalogError(f"{p}: names for {name!r}, which is not a catalogue system")
            cat.systems[name] = replace(old, aliases=tuple(dict.fromkeys(old.aliases + _tuple(row.get("aliases")))),
                                        weak=tuple(dict.fromkeys(old.weak + _tuple(row.get("weak")))))
    p = directory / "equipment.yaml"
    if p.exists():
        for category, phrases in (_read(p) or {}).items():
            for phrase in phrases or ():
                cat.equipment[str(phrase)] = category
    for fname, kind in (("regions.yaml", "region"), ("blocs.yaml", "bloc")):
        p = directory / fname
        if p.exists():
            for row in _read(p):
                g = Group(slug=row["slug"], name=row["name"], kind=kind, members=_tuple(row.get("members")),
                          aliases=_tuple(row.get("aliases")))
                cat.groups[g.slug] = g
    p = directory / "traps.yaml"
    if p.exists():
        cat.traps.extend(str(r["text"]) for r in _read(p))
    p = directory / "ship_prefixes.yaml"
    if p.exists():
        cat.ship_prefixes.update({str(k): str(v) for k, v in (_read(p) or {}).items()})


@lru_cache(maxsize=4)
def _load_cached(dirs: tuple[str, ...]) -> Catalog:
    """Built from the YAML files, or unpickled from the cache when none of them (nor this module) changed."""
    import sys

    from armsflow.catalog.cache import cached, fingerprint, source_of

    def build() -> Catalog:
        cat = Catalog()
        load_into(cat, DATA_DIR, "armsflow")
        for d in dirs:
            load_into(cat, Path(d), "user")
        return cat

    key = fingerprint([DATA_DIR, *map(Path, dirs)], [source_of(sys.modules[__name__]), repr(dirs)])
    return cached("catalog", key, build, Catalog)


def load_catalog(include_user: bool = True) -> Catalog:
    """The shipped catalogue, plus the user's enrichments unless ``include_user`` is false."""
    dirs = (str(user_dir()),) if include_user else ()
    return _load_cached(dirs)


def validate(cat: Catalog) -> list[str]:
    """Every problem found in the catalogue, as readable lines; empty when it is sound."""
    problems: list[str] = []
    codes = set(cat.states)
    for code, st in cat.states.items():
        if not (len(code) == 3 and code.isalpha() and code.isupper()):
            problems.append(f"state {code!r}: code is not ISO 3166 alpha-3 style")
        if st.successor and st.successor not in codes:
            problems.append(f"state {code}: unknown successor {st.successor}")
    for slug, ns in cat.nonstate.items():
        if slug != slug.lower() or " " in slug:
            problems.append(f"non-state {slug!r}: slug must be lowercase without spaces")
        if ns.based_in and ns.based_in not in codes:
            problems.append(f"non-state {slug}: unknown based_in {ns.based_in}")
    for f in cat.firms:
        if f.state not in codes:
            problems.append(f"firm {f.name}: unknown state {f.state}")
    for prefix, code in cat.ship_prefixes.items():
        if code not in codes:
            problems.append(f"ship prefix {prefix}: unknown state {code}")
    for name, sy in cat.systems.items():
        if sy.category not in CATEGORIES:
            problems.append(f"system {name}: unknown category {sy.category}")
        if sy.origin is not None and sy.origin not in codes:
            problems.append(f"system {name}: unknown origin {sy.origin}")
        for w in sy.weak:
            if w != name and w not in sy.aliases:
                problems.append(f"system {name}: weak name {w!r} is neither its name nor an alias")
    for phrase, category in cat.equipment.items():
        if category not in CATEGORIES:
            problems.append(f"equipment {phrase!r}: unknown category {category}")
    for g in cat.groups.values():
        for m in g.members:
            if m not in codes:
                problems.append(f"{g.kind} {g.slug}: unknown member {m}")
    from armsflow.catalog.gazetteer import surface_conflicts  # late: gazetteer imports this module
    problems.extend(surface_conflicts(cat))
    return problems
