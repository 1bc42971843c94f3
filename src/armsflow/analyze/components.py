"""Component dependence: which states' engines, sensors and turrets a weapon line relies on, and what a component
embargo would reach.

A directed graph (networkx) links ``system → component → maker → state``:

- ``system:<name>`` nodes are weapon systems. A host system *uses* a component (an edge ``uses``); a component is
  itself a system node, so a turret that uses a gun, and the vehicle that uses the turret, chain.
- ``maker:<name>|<state>`` nodes are the firms that make a component (``made_by`` edges), or an unnamed maker of a
  state when the evidence names only the supplying state.
- ``state:<code>`` nodes are the makers' states (``based_in`` edges); ``state:various`` stands for components that
  public investigations trace to firms of many states without a breakdown.

Every ``uses`` edge carries its evidence, one ``Evidence`` per statement, each naming the component's maker and
state, so an answer never mixes a maker from one statement with a host from another. Three kinds of evidence:

1. **Register rows** (SIPRI trade register, category ``other`` or ``sensor``: engines, turrets, radars, sonars, EO
   systems). The comments say which host the component is for ("...turboprop; for 5 Heron-TP UAV from Israel",
   "For use with GDF 35mm anti-aircraft guns", "Spares for F-5E combat aircraft"). Each "for ..." phrase (up to the
   next ";") is matched against the catalogue with the gazetteer; a host the catalogue does not know is kept under
   the name the phrase gives ("Boraq IFV produced in Iran" → ``Boraq``, armoured_vehicle, IRN) when a host type
   word ("IFV", "frigates", "UAV") says what it is. The component's state is the register's supplier; its name is
   the designation, or for SIPRI's generic designations ("aircraft engine") the catalogue system or the engine the
   comments name. A retrofit ("for modernization of 300 M-113 APC", "... rebuilt to AC-47T") starts the
   dependence in the order year; an aside in parentheses ("(based on WZ-501 APC from China)") is not a host.
2. **Claims** from the news (rejected ones left out): a claim whose category is ``other`` or ``sensor`` about a
   catalogue system that is a component: category ``other`` (engines, turrets, guns, radios), or a sensor that the
   curated file or the register already shows fitted to a host *and* whose sentence names a host (a radar sold on
   its own is not a component). The host is the system the claim's sentence names (one of the claim's recipient's
   make first: the recipient of a component is the host's maker); a category-``other`` claim without a named host
   goes to "unspecified <recipient> system". The component's state is the claim's supplier (else the catalogue
   origin); a hedged claim is uncertain; a cancelled claim ("Canada suspended exports of the MX-15 ... in 2020")
   ends the dependence in its year.
3. **The curated file** ``analyze/data/components.yaml``: host → components with maker, state, the years the
   dependence held (``since``/``until``), a citation and an ``uncertain`` flag.

Two questions, as functions of a ``ComponentGraph``:

- ``depends(state, category)``: the hosts of ``state``'s make (catalogue origin, or the producing state the
  register names) in ``category`` (``uav`` means the UAV line, loitering munitions included, unless ``exact``), their
  components (transitively), and the states that make them, with the evidence for each edge.
- ``embargo(state, records)``: the components made in ``state`` → the hosts that use them (and the hosts that use
  those) → the records whose system is one of those hosts, supplied by someone other than ``state``, and within
  the years the dependence held.

Only ``graph_from_store`` and ``embargo_records`` read the store (through ``store.queries`` and
``store.registers``); everything else is a pure function of plain data.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import ClassVar, Iterable

import networkx as nx
import yaml

from armsflow.catalog.gazetteer import fold
from armsflow.catalog.loader import Catalog
from armsflow.model import CATEGORIES, TransferRecord

DATA_DIR = Path(__file__).parent / "data"
CURATED_FILE = DATA_DIR / "components.yaml"
COMPONENT_CATEGORIES = frozenset({"other", "sensor"})
VARIOUS = "various"                      # a maker state that stands for many states, not attributed
SOURCES = ("register", "claim", "curated")
# a "line" of weapons: what `--category uav` asks about unless `exact` is set
LINES: dict[str, tuple[str, ...]] = {"uav": ("uav", "loitering_munition")}


# --- evidence and the graph -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Evidence:
    """One statement that ``host`` uses ``component`` made by ``maker`` in ``state``."""
    source: str                      # register | claim | curated
    ref: str                         # "register row 812", "claim 45 (doc seed-003)", "components.yaml: ..."
    host: str
    component: str
    maker: str | None
    state: str | None                # ISO code of the maker's state; "various"; None when unknown
    text: str                        # the register's comments, the claim's sentence, the curated note
    citation: str | None = None
    year_from: int | None = None     # when the supply was seen or began
    year_to: int | None = None       # the last year it was seen
    since: int | None = None         # the dependence began in this year (a retrofit, a curated start)
    until: int | None = None         # the dependence ended after this year (a cut-off, a suspension)
    uncertain: bool = False
    relation: str = "fitted"         # fitted | used_with ("for use with ...": works beside the host)
    recipient: str | None = None     # who received the component (register, claim)
    status: str | None = None        # the claim's status
    platform_uncertain: bool = False  # the host is a probable reading of the register's phrase ("probably ...")

    def to_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class HostRef:
    name: str
    category: str | None
    origin: str | None
    matched: bool                    # a catalogue system (else named from the register's phrase)
    relation: str = "fitted"
    retrofit: bool = False           # "for modernization of ...", "... rebuilt to ...": fitted later, not by design
    uncertain: bool = False          # a probable match: the phrase's name only resembles the catalogue system's


def _sys(name: str) -> str:
    return f"system:{name}"


def _maker(name: str | None, state: str | None) -> str:
    return f"maker:{name or 'unnamed'}|{state or 'unknown'}"


def _state(code: str | None) -> str:
    return f"state:{code or 'unknown'}"


class ComponentGraph:
    """The dependence graph; build it with ``add`` (or ``build_graph``), then ask ``depends`` and ``embargo``."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog
        self.g = nx.DiGraph()

    # nodes -------------------------------------------------------------------------------------------------------
    def _system_node(self, name: str, category: str | None, origin: str | None, matched: bool) -> str:
        node = _sys(name)
        sy = self.catalog.systems.get(name)
        if sy is not None:
            category, origin, matched = sy.category, sy.origin, True
        if node not in self.g:
            self.g.add_node(node, kind="system", name=name, category=category, origin=origin, matched=matched,
                            maker=sy.maker if sy is not None else None)
        else:
            data = self.g.nodes[node]
            if data.get("category") is None and category is not None:
                data["category"] = category
            if data.get("origin") is None and origin is not None:
                data["origin"] = origin
        return node

    def add(self, host: HostRef, component: str, component_category: str | None, ev: Evidence) -> None:
        h = self._system_node(host.name, host.category, host.origin, host.matched)
        c = self._system_node(component, component_category, None, component in self.catalog.systems)
        if h == c:
            return
        if not self.g.has_edge(h, c):
            self.g.add_edge(h, c, kind="uses", evidence=[])
        edge = self.g.edges[h, c]
        if ev not in edge["evidence"]:
            edge["evidence"].append(ev)
        m, s = _maker(ev.maker, ev.state), _state(ev.state)
        if m not in self.g:
            self.g.add_node(m, kind="maker", name=ev.maker, state=ev.state)
        if s not in self.g:
            self.g.add_node(s, kind="state", code=ev.state, name=self.catalog.actor_name(ev.state) or "unknown")
        if not self.g.has_edge(c, m):
            self.g.add_edge(c, m, kind="made_by", evidence=[])
        if ev not in self.g.edges[c, m]["evidence"]:
            self.g.edges[c, m]["evidence"].append(ev)
        if not self.g.has_edge(m, s):
            self.g.add_edge(m, s, kind="based_in")

    # views -------------------------------------------------------------------------------------------------------
    def systems(self) -> list[str]:
        return [d["name"] for _, d in self.g.nodes(data=True) if d["kind"] == "system"]

    def system(self, name: str) -> dict | None:
        node = _sys(name)
        return dict(self.g.nodes[node]) if node in self.g else None

    def uses(self, host: str) -> list[tuple[str, list[Evidence]]]:
        node = _sys(host)
        if node not in self.g:
            return []
        return [(self.g.nodes[c]["name"], list(d["evidence"])) for _, c, d in self.g.out_edges(node, data=True)
                if d["kind"] == "uses"]

    def users(self, component: str) -> list[tuple[str, list[Evidence]]]:
        node = _sys(component)
        if node not in self.g:
            return []
        return [(self.g.nodes[h]["name"], list(d["evidence"])) for h, _, d in self.g.in_edges(node, data=True)
                if d["kind"] == "uses"]

    def components_made_in(self, state: str) -> list[str]:
        """Components with at least one maker in ``state``: state ← maker ← component in the graph."""
        s = _state(state)
        if s not in self.g:
            return []
        out = set()
        for m in self.g.predecessors(s):
            for c in self.g.predecessors(m):
                if self.g.edges[c, m]["kind"] == "made_by":
                    out.add(self.g.nodes[c]["name"])
        return sorted(out)

    def to_json(self) -> dict:
        """The graph as node-link JSON (evidence as plain dicts)."""
        data = nx.node_link_data(self.g, edges="edges")
        for e in data["edges"]:
            if "evidence" in e:
                e["evidence"] = [ev.to_json() for ev in e["evidence"]]
        return data


# --- question 1: what a state's line depends on --------------------------------------------------------------------

@dataclass
class DependenceRow:
    """One host → component → maker → state chain, with the evidence for it."""
    host: str
    host_category: str | None
    host_origin: str | None
    component: str
    via: str | None                  # intermediate components, "BMP-2 turret > 2A42" (None: fitted directly)
    maker: str | None
    state: str | None
    state_name: str | None
    foreign: bool                    # the maker's state is not the host's
    sources: str                     # register, claim, curated (joined)
    since: int | None                # the dependence began in this year (None: by design, or not known)
    until: int | None                # the dependence ended after this year (None: not known to have ended)
    uncertain: bool                  # every statement behind it is marked uncertain or hedged
    refs: str
    evidence: list[dict] = field(default_factory=list)
    platform_uncertain: bool = False  # every statement names the host only probably (a resembling name)
    __derived__: ClassVar[tuple[str, ...]] = ("host_label",)

    @property
    def host_label(self) -> str:
        return f"probably {self.host}" if self.platform_uncertain else self.host


@dataclass
class StateSummary:
    state: str | None
    state_name: str | None
    foreign: bool
    hosts: int
    components: int
    host_names: str
    component_names: str
    sources: str
    uncertain: bool                  # every chain to this state is uncertain


def line_categories(category: str | None, exact: bool = False) -> tuple[str, ...] | None:
    """The categories a line covers: ``uav`` → uav and loitering munitions (unless ``exact``); None: every one."""
    if not category:
        return None
    if category not in CATEGORIES:
        raise ValueError(f"unknown category {category!r} (known: {', '.join(CATEGORIES)})")
    return (category,) if exact else LINES.get(category, (category,))


def _began(evs: list[Evidence]) -> int | None:
    """The year a dependence began: the earliest start, unless some statement has none (by design)."""
    starts = [e.since for e in evs]
    if not starts or any(s is None for s in starts):
        return None
    return min(starts)


def _ended(evs: list[Evidence]) -> int | None:
    """The year a dependence ended: the latest cut-off, unless some statement has none (it still holds)."""
    untils = [e.until for e in evs]
    if not untils or any(u is None for u in untils):
        return None
    return max(untils)


def _chains(graph: ComponentGraph, host_node: str, max_depth: int = 4):
    """(component node, path of intermediate component names, evidence on the last edge), depth first."""
    g = graph.g
    stack = [(host_node, [], {host_node})]
    while stack:
        node, path, seen = stack.pop()
        for _, c, d in g.out_edges(node, data=True):
            if d["kind"] != "uses" or c in seen:
                continue
            yield c, path, d["evidence"]
            if len(path) + 1 < max_depth:
                stack.append((c, path + [g.nodes[c]["name"]], seen | {c}))


def depends(graph: ComponentGraph, state: str, category: str | None = None, exact: bool = False,
            include_domestic: bool = True) -> list[DependenceRow]:
    """The components that ``state``'s hosts (of ``category``'s line) use, one row per host, component and maker
    state, foreign states first."""
    cats = line_categories(category, exact)
    g = graph.g
    rows: list[DependenceRow] = []
    for node, d in g.nodes(data=True):
        if d["kind"] != "system" or d.get("origin") != state:
            continue
        if cats is not None and d.get("category") not in cats:
            continue
        if not any(k == "uses" for _, _, k in g.out_edges(node, data="kind")):
            continue
        for comp, path, evs in _chains(graph, node):
            by_state: dict[tuple[str | None, str | None], list[Evidence]] = {}
            for ev in evs:
                by_state.setdefault((ev.state, ev.maker), []).append(ev)
            merged: dict[str | None, list[Evidence]] = {}
            for (st, _), items in by_state.items():
                merged.setdefault(st, []).extend(items)
            for st, items in merged.items():
                foreign = st is not None and st != state
                if not include_domestic and not foreign:
                    continue
                makers = sorted({e.maker for e in items if e.maker})
                rows.append(DependenceRow(
                    host=d["name"], host_category=d.get("category"), host_origin=d.get("origin"),
                    component=g.nodes[comp]["name"], via=" > ".join(path) or None,
                    maker="; ".join(makers) or None, state=st,
                    state_name=("various states" if st == VARIOUS else graph.catalog.actor_name(st) or "unknown"),
                    foreign=foreign, sources=",".join(s for s in SOURCES if any(e.source == s for e in items)),
                    since=_began(items), until=_ended(items), uncertain=all(e.uncertain for e in items),
                    refs="; ".join(dict.fromkeys(e.ref for e in items)),
                    evidence=[e.to_json() for e in items],
                    platform_uncertain=not path and all(e.platform_uncertain for e in items)))
    rows.sort(key=lambda r: (not r.foreign, r.state or "~", r.host, r.via or "", r.component))
    return rows


def summarise_depends(rows: list[DependenceRow]) -> list[StateSummary]:
    """One line per maker state: how many hosts and components depend on it."""
    groups: dict[str | None, list[DependenceRow]] = {}
    for r in rows:
        groups.setdefault(r.state, []).append(r)
    out = []
    for st, rs in groups.items():
        hosts = sorted({r.host_label for r in rs})
        comps = sorted({r.component for r in rs})
        srcs = {s for r in rs for s in r.sources.split(",") if s}
        out.append(StateSummary(state=st, state_name=rs[0].state_name, foreign=rs[0].foreign, hosts=len(hosts),
                                components=len(comps), host_names=", ".join(hosts),
                                component_names=", ".join(comps),
                                sources=",".join(s for s in SOURCES if s in srcs),
                                uncertain=all(r.uncertain for r in rs)))
    out.sort(key=lambda s: (not s.foreign, -s.hosts, s.state or "~"))
    return out


# --- question 2: what a component embargo by a state would reach ---------------------------------------------------

@dataclass
class Reach:
    """A host that an embargo on ``state``'s components touches, and how."""
    host: str
    origin: str | None
    category: str | None
    components: list[str]            # the chain from the host down to the embargoed component(s)
    makers: list[str]
    since: int | None                # the dependence began in this year (None: by design or not known)
    until: int | None                # the dependence ended after this year (None: still holds)
    uncertain: bool
    evidence: list[Evidence]
    platform_uncertain: bool = False  # the host is only a probable reading of every statement that names it
    __derived__: ClassVar[tuple[str, ...]] = ("host_label",)

    @property
    def host_label(self) -> str:
        return f"probably {self.host}" if self.platform_uncertain else self.host


@dataclass
class EmbargoRow:
    """One export record of a touched host."""
    recipient: str | None
    recipient_name: str | None
    supplier: str | None
    system: str | None
    host: str
    via: str                         # component chain: "WESCAM MX-15", "BMP-2 turret > 2A42"
    component_state: str
    maker: str | None
    since: int | None
    until: int | None
    uncertain: bool
    record_id: int | None
    source: str
    status: str
    period_start: int | None
    period_end: int | None
    quantity_min: int | None
    quantity_max: int | None
    platform_uncertain: bool = False
    __derived__: ClassVar[tuple[str, ...]] = ("host_label",)

    @property
    def host_label(self) -> str:
        return f"probably {self.host}" if self.platform_uncertain else self.host


@dataclass
class RecipientSummary:
    recipient: str | None
    recipient_name: str | None
    records: int
    hosts: str
    suppliers: str
    quantity: int                    # the sum of quantity_max (or quantity_min) over the records that state one
    unquantified: int                # records without any quantity


def _window(evs: list[Evidence]) -> tuple[int | None, int | None]:
    return _began(evs), _ended(evs)


def _narrow(outer: tuple[int | None, int | None], inner: tuple[int | None, int | None]):
    """Both dependences must hold: the later start and the earlier end."""
    starts = [x for x in (outer[0], inner[0]) if x is not None]
    ends = [x for x in (outer[1], inner[1]) if x is not None]
    return (max(starts) if starts else None, min(ends) if ends else None)


def _widen(a: tuple[int | None, int | None], b: tuple[int | None, int | None]):
    """Either dependence will do: the earlier start and the later end (None is open)."""
    start = None if a[0] is None or b[0] is None else min(a[0], b[0])
    end = None if a[1] is None or b[1] is None else max(a[1], b[1])
    return start, end


def reach(graph: ComponentGraph, state: str, max_depth: int = 4) -> list[Reach]:
    """Hosts that use a component made in ``state``, directly or through a component that does (a vehicle whose
    turret carries the gun), with the years the dependence held."""
    g = graph.g
    found: dict[str, Reach] = {}
    frontier = []                     # (host node, chain of component names, evidence, window, uncertain)
    for comp in graph.components_made_in(state):
        for h, _, d in g.in_edges(_sys(comp), data=True):
            if d["kind"] != "uses":
                continue
            evs = [e for e in d["evidence"] if e.state == state]
            if evs:
                frontier.append((h, [comp], evs, _window(evs), all(e.uncertain for e in evs),
                                 all(e.platform_uncertain for e in evs)))
    for _ in range(max_depth):
        if not frontier:
            break
        nxt = []
        for h, chain, evs, window, uncertain, probable in frontier:
            name = g.nodes[h]["name"]
            old = found.get(name)
            if old is not None:
                old.platform_uncertain = old.platform_uncertain and probable
                label = " > ".join(chain)
                if label not in old.components:
                    old.components.append(label)
                old.makers = sorted(set(old.makers) | {e.maker for e in evs if e.maker})
                old.since, old.until = _widen((old.since, old.until), window)
                old.uncertain = old.uncertain and uncertain
                old.evidence.extend(e for e in evs if e not in old.evidence)
                continue
            found[name] = Reach(host=name, origin=g.nodes[h].get("origin"), category=g.nodes[h].get("category"),
                                components=[" > ".join(chain)], makers=sorted({e.maker for e in evs if e.maker}),
                                since=window[0], until=window[1], uncertain=uncertain, evidence=list(evs),
                                platform_uncertain=probable)
            for up, _, d in g.in_edges(h, data=True):
                if d["kind"] == "uses" and g.nodes[up]["name"] not in chain:
                    upper = d["evidence"]
                    nxt.append((up, [name] + chain, evs, _narrow(window, _window(upper)),
                                uncertain or all(e.uncertain for e in upper),
                                all(e.platform_uncertain for e in upper)))
        frontier = nxt
    return sorted(found.values(), key=lambda r: (r.origin or "~", r.host))


def _norm(s: str) -> str:
    return re.sub(r"[^0-9a-z]", "", fold(s))


def _variant_of(n: str, k: str) -> bool:
    """``n`` is ``k`` with a variant suffix that starts where a letter meets a digit ("t129b" of "t129")."""
    return len(k) >= 3 and len(n) > len(k) and n.startswith(k) and k[-1].isdigit() != n[len(k)].isdigit()


_ALIASES: dict[int, tuple[Catalog, dict[str, str], dict[str, str]]] = {}


def canonical(name: str, cat: Catalog, family=None) -> str:
    """The catalogue system a designation stands for: its family, a name or alias written another way
    ("CTS-800" → CTS800 when listed), or the longest name or alias it is a variant of ("T-129B" → T129);
    the designation itself when none."""
    hit = _ALIASES.get(id(cat))
    if hit is None or hit[0] is not cat:
        index: dict[str, str] = {}
        for sname, sy in cat.systems.items():
            for a in sy.aliases:
                index.setdefault(_norm(a), sname)
        for sname in cat.systems:
            index[_norm(sname)] = sname
        hit = _ALIASES[id(cat)] = (cat, index, {})
    _, index, memo = hit
    if name in memo:
        return memo[name]
    fam = family(name, "other") if family else name
    if fam in cat.systems:
        out = fam
    else:
        n = _norm(fam)
        out = index.get(n)
        if out is None:
            best = max((k for k in index if _variant_of(n, k)), key=len, default=None)
            out = index[best] if best else fam
    memo[name] = out
    return out


def host_of(record: TransferRecord, hosts: dict[str, Reach], family, cat: Catalog | None = None) -> Reach | None:
    """The touched host a record is about: its system's family, or a variant of a host's name."""
    if not record.system:
        return None
    fam = family(record.system, record.category) if family else record.system
    if cat is not None:
        fam = canonical(fam, cat)
    if fam in hosts:
        return hosts[fam]
    n = _norm(fam)
    for name, r in hosts.items():
        k = _norm(name)
        if n == k:
            return r
        if _variant_of(n, k) or _variant_of(k, n):
            return r
    return None


def embargo(graph: ComponentGraph, state: str, records: Iterable[TransferRecord], family=None,
            since: int | None = None) -> tuple[list[Reach], list[EmbargoRow]]:
    """The touched hosts, and the export records of them: supplied by another party than ``state``, reaching
    ``since``, and starting no later than the year the dependence ended."""
    touched = reach(graph, state)
    hosts = {r.host: r for r in touched}
    rows = []
    for rec in records:
        if rec.supplier == state:
            continue
        end = rec.period_end if rec.period_end is not None else rec.period_start
        if since is not None and end is not None and end < since:
            continue
        r = host_of(rec, hosts, family, graph.catalog)
        if r is None:
            continue
        start = rec.period_start if rec.period_start is not None else rec.period_end
        if r.until is not None and start is not None and start > r.until:
            continue                            # ordered after the component was cut off
        if r.since is not None and end is not None and end < r.since:
            continue                            # over before the component was fitted
        rows.append(EmbargoRow(recipient=rec.recipient, recipient_name=graph.catalog.actor_name(rec.recipient),
                               supplier=rec.supplier, system=rec.system, host=r.host, via="; ".join(r.components),
                               component_state=state, maker="; ".join(r.makers) or None, since=r.since,
                               until=r.until,
                               uncertain=r.uncertain, record_id=rec.id, source=rec.source, status=rec.status,
                               period_start=rec.period_start, period_end=rec.period_end,
                               quantity_min=rec.quantity_min, quantity_max=rec.quantity_max,
                               platform_uncertain=r.platform_uncertain))
    rows.sort(key=lambda x: (x.recipient or "~", x.host, x.period_start or 0, x.record_id or 0))
    return touched, rows


def summarise_embargo(rows: list[EmbargoRow]) -> list[RecipientSummary]:
    groups: dict[str | None, list[EmbargoRow]] = {}
    for r in rows:
        groups.setdefault(r.recipient, []).append(r)
    out = []
    for rec, rs in groups.items():
        qty = [r.quantity_max if r.quantity_max is not None else r.quantity_min for r in rs]
        out.append(RecipientSummary(recipient=rec, recipient_name=rs[0].recipient_name, records=len(rs),
                                    hosts=", ".join(sorted({r.host for r in rs})),
                                    suppliers=", ".join(sorted({r.supplier or "unknown" for r in rs})),
                                    quantity=sum(q for q in qty if q is not None),
                                    unquantified=sum(q is None for q in qty)))
    out.sort(key=lambda s: (-s.records, s.recipient or "~"))
    return out


# --- evidence from the register -------------------------------------------------------------------------------------

_FOR = re.compile(r"\bfor\b\s+", re.I)
_USE_WITH = re.compile(r"^(?:use|operation)\s+(?:with|on)\s+", re.I)
_LEAD = re.compile(r"^(?:(?:the\s+)?(?:modernization|modernisation|modification|upgrade|conversion|rebuilding|"
                   r"production|assembly|refit|re-engining|use|operation)\s+(?:of|with|on)\s+|incl\s+|some\s+|"
                   r"(?:about|some|up to|possibly)\s+)+", re.I)
_RETROFIT = re.compile(r"^(?:the\s+)?(?:modernization|modernisation|modification|upgrade|conversion|rebuilding|refit|"
                      r"re-engining|retrofit)\b|\b(?:rebuilt|modified|modernized|modernised|converted|upgraded) to\b",
                      re.I)
_QTY = re.compile(r"^\d[\d,]*\s+(?:more\s+)?")
_FROM = re.compile(r"\b(?:produced|assembled|built|designed|licence-produced)(?: under licence)? in\s+|\bfrom\s+",
                   re.I)
# SIPRI's host type words, longest first; a phrase with none of them is not taken as a host
_HOST_TYPES: list[tuple[str, str]] = [
    (r"aircraft carriers?", "ship"),
    (r"trainer/combat aircraft|combat aircraft|fighter aircraft|ground-attack aircraft|FGA aircraft|bomber aircraft"
     r"|bombers?\b", "combat_aircraft"),
    (r"combat helicopters?|attack helicopters?|ASW helicopters?|helicopters?", "helicopter"),
    (r"transport aircraft|trainer aircraft|MP aircraft|ASW aircraft|AEW(?:&C)? aircraft|tanker(?:/transport)? aircraft"
     r"|reconnaissance aircraft|light aircraft|aircraft", "aircraft"),
    (r"UAVs?\b|UCAVs?\b|drones?\b", "uav"),
    (r"SAM systems?|AA guns?|anti-aircraft guns?|CIWS|air defence systems?", "air_defence"),
    (r"self-propelled guns?|howitzers?|MRLs?\b|rocket launchers?|mortars?|towed guns?", "artillery"),
    (r"tank destroyers?|infantry fighting vehicles?|IFVs?\b|APCs?\b|armoured cars?|armoured vehicles?|AFVs?\b"
     r"|ARVs?\b|reconnaissance vehicles?", "armoured_vehicle"),
    (r"tanks?\b", "tank"),
    (r"frigates?|corvettes?|destroyers?|cruisers?|FAC\b|OPVs?\b|patrol (?:craft|ships?|boats?|"
     r"vessels?)|submarines?|minehunters?|minesweepers?|minelayers?|MCM ships?|support ships?|landing ships?"
     r"|training ships?|ships?\b|boats?\b", "ship"),
    (r"coast(?:al)? defence systems?", "missile"),
]
_HOST_TYPE = re.compile(r"\b(" + "|".join(p for p, _ in _HOST_TYPES) + r")", re.I)
_HOST_TYPE_CATEGORY = [(re.compile(r"^(?:" + p + r")$", re.I), c) for p, c in _HOST_TYPES]
GENERIC_DESIGNATIONS = frozenset({"aircraft engine", "vehicle engine", "ship engine", "aircraft jet engine",
                                  "engine", "turbofan", "turbojet", "turboprop", "gas turbine"})


# an aside about something else: "(based on WZ-501 APC from China)", "(incl 2 for training)"
_ASIDE = re.compile(r"\((?:based on|derived from|incl|including|possibly|probably|ex-|originally|some)\b[^)]*\)?", re.I)


def for_phrases(comments: str | None) -> list[str]:
    """The text after each "for" in a register comment, up to the next ";" (or the next "for")."""
    if not comments:
        return []
    out = []
    for m in _FOR.finditer(comments):
        rest = comments[m.end():]
        rest = re.split(r";|\bfor\b", rest, maxsplit=1, flags=re.I)[0]
        rest = _ASIDE.sub(" ", rest)
        rest = re.sub(r"\s+", " ", rest).strip(" .,")
        if rest:
            out.append(rest)
    return out


def _state_in(text: str, gazetteer) -> str | None:
    for m in gazetteer.find(text):
        if m.kind in ("state", "adjective"):
            return m.key
    return None


def _producer(phrase: str, gazetteer) -> str | None:
    """The state a host phrase says the host is made in or comes from ("... produced in Iran", "... from Israel")."""
    m = _FROM.search(phrase)
    if m is None:
        return None
    return _state_in(phrase[m.end():m.end() + 40], gazetteer)


def _type_category(word: str) -> str | None:
    for pattern, category in _HOST_TYPE_CATEGORY:
        if pattern.match(word):
            return category
    return None


def unmatched_host(phrase: str, gazetteer) -> HostRef | None:
    """A host the catalogue does not know, named by the register's phrase: "Boraq IFV produced in Iran" →
    Boraq (armoured_vehicle, IRN). None when the phrase names no host type."""
    relation = "used_with" if _USE_WITH.match(phrase) else "fitted"
    text = _LEAD.sub("", phrase).strip()
    text = _QTY.sub("", text)
    m = _HOST_TYPE.search(text)
    if m is None:
        return None
    category = _type_category(m.group(1))
    head = re.sub(r"\([^)]*\)", " ", text[:m.start()])
    head = re.split(r"\s+(?:and|or|on|to|with)\s+", head)[0]
    head = re.sub(r"\s*\(.*$", "", head)
    head = re.sub(r"\b\d+(?:\.\d+)?\s*mm\b", " ", head)
    head = re.sub(r"['\"]", "", head)
    head = re.sub(r"\s+", " ", head).strip(" ,.-/")
    if not head or not re.search(r"[A-Za-z]", head) or head.lower() in ("modernized", "new", "modified", "other"):
        return None
    if re.fullmatch(r"[a-z ]+", head) or not head[0].isalnum():   # plain words ("coastal"), or debris
        return None
    return HostRef(name=head, category=category, origin=_producer(phrase, gazetteer), matched=False,
                   relation=relation, retrofit=bool(_RETROFIT.search(phrase)))


# --- which hosts a component can have ------------------------------------------------------------------------------

VEHICLES = frozenset({"tank", "armoured_vehicle", "artillery", "air_defence", "anti_tank", "missile"})
AIRCRAFT = frozenset({"combat_aircraft", "aircraft", "helicopter", "uav", "loitering_munition"})
SHIPS = frozenset({"ship"})
PLATFORMS = VEHICLES | AIRCRAFT | SHIPS
# what a component's description or designation says it is -> the host categories it can be fitted to; the first
# that matches decides. Small arms never host a register component.
_KINDS: list[tuple[re.Pattern, frozenset[str]]] = [
    (re.compile(r"\bheli(?:copter)?\b", re.I), frozenset({"helicopter"})),
    (re.compile(r"\bvehicle engine|\btransmission|\bgearbox|\bpower ?pack", re.I), VEHICLES),
    (re.compile(r"\bship engine|\bmarine|\bair-independent", re.I), SHIPS),
    (re.compile(r"\baircraft (?:jet )?engine|\bturbo(?:fan|jet|prop|shaft)\b", re.I), AIRCRAFT | {"missile"}),
    (re.compile(r"\bengine|\bdiesel|\bgas turbine|\bturbine", re.I), PLATFORMS),
    (re.compile(r"\bsonar", re.I), SHIPS | {"helicopter", "aircraft"}),
    (re.compile(r"\bradar", re.I), AIRCRAFT | SHIPS | {"air_defence", "missile", "artillery", "armoured_vehicle"}),
    (re.compile(r"\bturret", re.I), VEHICLES | SHIPS),
]
# a host type word's category -> the categories a catalogue system named beside it may have ("Lazar-3 APC": an
# armoured vehicle, not a helicopter of the same name)
_TYPE_FAMILY: dict[str, frozenset[str]] = {
    "armoured_vehicle": frozenset({"armoured_vehicle", "tank", "anti_tank", "air_defence"}),
    "tank": frozenset({"tank", "armoured_vehicle"}),
    "combat_aircraft": frozenset({"combat_aircraft", "aircraft", "helicopter"}),   # "AH-64E combat aircraft"
    "aircraft": frozenset({"aircraft", "combat_aircraft", "uav", "helicopter"}),
    "helicopter": frozenset({"helicopter"}),
    "uav": frozenset({"uav", "loitering_munition", "aircraft"}),
    "air_defence": frozenset({"air_defence", "armoured_vehicle"}),
    "artillery": frozenset({"artillery", "armoured_vehicle"}),
    "ship": frozenset({"ship"}),
    "missile": frozenset({"missile", "air_defence"}),
}


def host_categories(row: dict | None) -> frozenset[str]:
    """The host categories a register component row can be fitted to, from its description and designation
    (an engine goes to a vehicle, an aircraft or a ship; a radar to an aircraft, a ship or an air-defence system);
    any platform when neither says what the component is. Never small arms."""
    if not row:
        return PLATFORMS
    text = f"{row.get('description') or ''} | {row.get('designation') or ''}"
    for pattern, cats in _KINDS:
        if pattern.search(text):
            return cats
    return PLATFORMS


def _type_after(text: str) -> str | None:
    """The category of the host type word that directly follows a name ("Lazar-3 APC", "Gepard (Type-143A) FAC",
    "F-16C combat aircraft"): at most two words between, none of them a link to another name ("and", "on", ...).
    A type word inside a compound ("anti-submarine helicopter") is not one."""
    text = re.sub(r"\([^)]*\)", " ", text)
    for m in _HOST_TYPE.finditer(text):
        if m.start() > 0 and text[m.start() - 1] == "-":
            continue
        words = text[:m.start()].split()
        if len(words) > 2 or any(w.lower() in ("and", "or", "on", "to", "with", "for", "from", "in") for w in words):
            return None
        return _type_category(m.group(1))
    return None


def _fits(category: str | None, allowed: frozenset[str], type_category: str | None) -> bool:
    if category not in allowed:
        return False
    return type_category is None or category in _TYPE_FAMILY.get(type_category, frozenset({type_category}))


def _name_tokens(s: str) -> tuple[str, ...]:
    """Letters and digits in runs: "BOV M16 Milos" and "M-16 Milos" → (..., "m", "16", "milos")."""
    return tuple(re.findall(r"[a-z]+|\d+", fold(s)))


def _contains(outer: tuple[str, ...], inner: tuple[str, ...]) -> bool:
    n = len(inner)
    return any(outer[i:i + n] == inner for i in range(len(outer) - n + 1))


def _probable_host(head: str, cat: Catalog, allowed: frozenset[str], type_category: str | None,
                   producer: str | None = None) -> str | None:
    """The one catalogue system of a fitting category that has a name containing ``head``'s letter and digit runs
    in a row ("M-16 Milos" in "BOV M16 Milos"; "M-21" is not in "BM-21"), and, when the phrase says where the host is
    made, of that state's make; None when none or several do."""
    tokens = _name_tokens(head)
    if len(tokens) < 2 and not any(t.isdigit() for t in tokens):
        return None
    found = set()
    for name, sy in cat.systems.items():
        if not _fits(sy.category, allowed, type_category):
            continue
        if producer is not None and sy.origin is not None and sy.origin != producer:
            continue
        if any(_contains(_name_tokens(s), tokens) for s in (name, *sy.aliases)):
            found.add(name)
            if len(found) > 1:
                return None
    return found.pop() if found else None


def hosts_in_phrase(phrase: str, gazetteer, family, row: dict | None = None) -> list[HostRef]:
    """The host systems one "for ..." phrase names: catalogue systems (not components) whose category the component
    can be fitted to (``host_categories``; and the phrase's host type word, "APC", when it has one), exactly as the
    catalogue names them; else the one catalogue system of a fitting category whose name contains the phrase's
    (a probable match, marked uncertain); else one host named from the phrase."""
    relation = "used_with" if _USE_WITH.match(phrase) else "fitted"
    retrofit = bool(_RETROFIT.search(phrase))
    producer = _producer(phrase, gazetteer)
    cat = gazetteer.catalog
    allowed = host_categories(row)
    out = []
    mentions = [m for m in gazetteer.find(phrase)
                if m.kind == "system" and m.category not in COMPONENT_CATEGORIES and not m.weak]
    for i, m in enumerate(mentions):
        name = canonical(m.key, cat, family)
        sy = cat.systems.get(name)
        category = sy.category if sy else m.category
        # the type word that follows this name, before the next one ("F-16 combat aircraft and Mi-17 helicopters")
        upto = mentions[i + 1].start if i + 1 < len(mentions) else len(phrase)
        if not _fits(category, allowed, _type_after(phrase[m.end:upto])):
            continue                        # "M-16" the rifle named where an engine's vehicle is meant
        out.append(HostRef(name=name, category=category,
                           origin=(sy.origin if sy and sy.origin else m.origin) or producer, matched=True,
                           relation=relation, retrofit=retrofit))
    if out:
        return list(dict.fromkeys(out))
    host = unmatched_host(phrase, gazetteer)
    if host is None:
        return []
    probable = _probable_host(host.name, cat, allowed, host.category, producer)
    if probable is not None:
        sy = cat.systems[probable]
        return [HostRef(name=probable, category=sy.category, origin=sy.origin or host.origin, matched=True,
                        relation=host.relation, retrofit=host.retrofit, uncertain=True)]
    return [host]


def _firm_name(cat: Catalog, surface: str) -> str:
    key = fold(surface).strip()
    for f in cat.firms:
        if key in (fold(s).strip() for s in (f.name, *f.aliases)):
            return f.name
    return surface


_ENGINE_WORDS = re.compile(r"\b(?:engine|turbo\w*|turbine|diesel|petrol|radar|sonar|turret|reactor)\b", re.I)
_NOT_A_NAME = re.compile(r"^(?:\$|EUR|GBP|[A-Z]{3}\d|part of|possibly|probably|incl|aid|designation|second-hand|"
                         r"ordered|delivered|status|originally|no\.|number)", re.I)


def register_component(row: dict, gazetteer, family) -> tuple[str, str | None, str | None]:
    """(component name, maker, catalogue origin) for a register row of category other/sensor: the catalogue system
    the designation (or, for SIPRI's generic "aircraft engine", the comments) names; else the engine the comments
    describe ("Pratt & Whitney Canada PT-6A-67A turboprop"); else the designation."""
    cat = gazetteer.catalog
    designation = (row.get("designation") or "").strip()
    description = (row.get("description") or "").strip()
    comments = row.get("comments") or ""
    segments = [re.split(r"\bfor\b|\bspares?\b", seg, maxsplit=1, flags=re.I)[0].strip(" ,.")
                for seg in comments.split(";")]
    segments = [seg for seg in segments if seg]
    generic = designation.lower() in GENERIC_DESIGNATIONS or designation.lower() == description.lower()
    candidates = (segments + [designation]) if generic else ([designation] + segments[:1])
    for text in candidates:
        for m in gazetteer.find(text):
            if m.kind == "system" and m.category in COMPONENT_CATEGORIES and not m.weak:
                name = canonical(m.key, cat, family)
                sy = cat.systems.get(name)
                return name, (sy.maker if sy else None), (sy.origin if sy else m.origin)
    if not generic:
        return designation or description, None, None
    for seg in segments:
        if _NOT_A_NAME.match(seg) or not (_ENGINE_WORDS.search(seg) or re.search(r"[A-Z]+-?\d", seg)):
            continue
        maker = None
        for m in gazetteer.find(seg):
            if m.kind == "firm":
                maker = _firm_name(cat, m.text)
                break
        name = re.sub(r"\s*\([^)]*\)", "", seg)
        name = re.sub(r"\s+version$", "", re.sub(r"\s+", " ", name).strip(" ,."), flags=re.I)
        if name:
            return name, maker, None
    return designation or description, None, None


def _years(row: dict) -> tuple[int | None, int | None]:
    years = sorted(row.get("delivery_years") or [])
    start = row.get("order_year") if row.get("order_year") is not None else (years[0] if years else None)
    end = years[-1] if years else start
    return start, end


def register_evidence(rows: Iterable[dict], gazetteer, family=None):
    """(host, component, component category, Evidence) for every component row of a register that names a host."""
    seen = set()
    for row in rows:
        if row.get("category") not in COMPONENT_CATEGORIES:
            continue
        phrases = for_phrases(row.get("comments"))
        if not phrases:
            continue
        hosts = []
        for p in phrases:
            hosts.extend(hosts_in_phrase(p, gazetteer, family, row))
        if not hosts:
            continue
        component, maker, origin = register_component(row, gazetteer, family)
        state = row.get("supplier") or origin
        y0, y1 = _years(row)
        text = (f"{row.get('supplier_name')} → {row.get('recipient_name')}, {row.get('order_year') or '?'}: "
                f"{row.get('designation')} ({row.get('description')}); {row.get('comments')}")
        for host in dict.fromkeys(hosts):
            if host.name == component:
                continue
            key = (row.get("supplier"), row.get("recipient"), (row.get("designation") or "").lower(),
                   row.get("order_year"), host.name, component)
            if key in seen:                 # the same deal from another export of the register
                continue
            seen.add(key)
            ev = Evidence(source="register", ref=f"{row.get('register', 'sipri')} register row {row.get('id')}",
                          host=host.name, component=component, maker=maker, state=state, text=text,
                          citation="SIPRI Arms Transfers Database", year_from=y0, year_to=y1,
                          since=y0 if host.retrofit else None,
                          uncertain=not host.matched and host.origin is None, relation=host.relation,
                          recipient=row.get("recipient"), platform_uncertain=host.uncertain)
            yield host, component, row.get("category"), ev


# --- evidence from claims -------------------------------------------------------------------------------------------

def _get(c, name):
    return c.get(name) if isinstance(c, dict) else getattr(c, name, None)


def claim_evidence(claims: Iterable, gazetteer, family=None, known_components: set[str] = frozenset()):
    """(host, component, category, Evidence) for component claims: a catalogue component (category other, or a sensor
    known to be fitted to some host) going to the maker of a host."""
    cat = gazetteer.catalog
    for c in claims:
        if _get(c, "review") == "rejected" or _get(c, "category") not in COMPONENT_CATEGORIES:
            continue
        system = _get(c, "system")
        if not system:
            continue
        name = canonical(system, cat, family)
        sy = cat.systems.get(name)
        if sy is None or sy.category not in COMPONENT_CATEGORIES:
            continue
        recipient = _get(c, "recipient")
        evidence_text = _get(c, "evidence") or ""
        hosts = []
        for m in gazetteer.find(evidence_text):
            if m.kind == "system" and m.category not in COMPONENT_CATEGORIES and not m.weak:
                hname = canonical(m.key, cat, family)
                hs = cat.systems.get(hname)
                hosts.append(HostRef(name=hname, category=hs.category if hs else m.category,
                                     origin=hs.origin if hs else m.origin, matched=hs is not None))
        hosts.sort(key=lambda h: h.origin != recipient)          # the recipient's own make first
        if sy.category == "sensor" and (name not in known_components or not hosts):
            continue                                             # a radar sold on its own is not a component
        if hosts:
            host = hosts[0]
        elif recipient and cat.is_actor(recipient):
            host = HostRef(name=f"unspecified {recipient} system", category=None, origin=recipient, matched=False)
        else:
            continue
        year, status = _get(c, "year"), _get(c, "status")
        doc = _get(c, "doc")
        ev = Evidence(source="claim", ref=f"claim {_get(c, 'id')}" + (f" (doc {doc})" if doc else ""),
                      host=host.name, component=name, maker=sy.maker, state=_get(c, "supplier") or sy.origin,
                      text=evidence_text, citation=_get(c, "citation") or _get(c, "publisher"), year_from=year,
                      year_to=year, until=year if status == "cancelled" else None,
                      uncertain=bool(_get(c, "hedged")), recipient=recipient, status=status)
        yield host, name, sy.category, ev


# --- the curated file -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CuratedComponent:
    host: str
    component: str
    kind: str                        # engine, sensor, turret, electronics, ...
    maker: str | None
    state: str                       # ISO code or "various"
    note: str
    citation: str
    since: int | None = None
    until: int | None = None
    uncertain: bool = False
    host_category: str | None = None  # for a host the catalogue does not know
    host_origin: str | None = None


def load_curated(path: Path | str | None = None) -> list[CuratedComponent]:
    """The curated host → component entries (``analyze/data/components.yaml`` unless ``path`` is given)."""
    p = Path(path) if path else CURATED_FILE
    with p.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    out = []
    for h in data.get("hosts") or []:
        for comp in h.get("components") or []:
            out.append(CuratedComponent(
                host=str(h["host"]), component=str(comp["component"]), kind=str(comp.get("kind", "component")),
                maker=comp.get("maker"), state=str(comp["state"]), note=str(comp.get("note", "")).strip(),
                citation=str(comp.get("citation", "")).strip(), since=comp.get("since"), until=comp.get("until"),
                uncertain=bool(comp.get("uncertain", False)), host_category=h.get("category"),
                host_origin=h.get("origin")))
    return out


def validate_curated(entries: list[CuratedComponent], cat: Catalog) -> list[str]:
    """Problems in the curated entries: unknown states or categories, hosts the catalogue lacks without a category
    and origin, missing citations, reversed years."""
    problems = []
    for e in entries:
        where = f"{e.host} ← {e.component}"
        if e.state != VARIOUS and e.state not in cat.states:
            problems.append(f"{where}: unknown state {e.state!r}")
        sy = cat.systems.get(e.host)
        if sy is None:
            if e.host_category not in CATEGORIES:
                problems.append(f"{where}: host not in the catalogue and no valid category given")
            if e.host_origin not in cat.states:
                problems.append(f"{where}: host not in the catalogue and no valid origin given")
        elif e.host_category and e.host_category != sy.category:
            problems.append(f"{where}: category {e.host_category} differs from the catalogue's {sy.category}")
        if not e.citation:
            problems.append(f"{where}: no citation")
        if not e.note:
            problems.append(f"{where}: no note")
        if e.since is not None and e.until is not None and e.since > e.until:
            problems.append(f"{where}: since {e.since} is after until {e.until}")
        comp = cat.systems.get(e.component)
        if comp is not None and comp.category not in COMPONENT_CATEGORIES:
            problems.append(f"{where}: the catalogue files the component as {comp.category}, not a component")
    return problems


def curated_evidence(entries: Iterable[CuratedComponent], cat: Catalog, path_label: str = "components.yaml"):
    for e in entries:
        sy = cat.systems.get(e.host)
        host = HostRef(name=e.host, category=sy.category if sy else e.host_category,
                       origin=sy.origin if sy else e.host_origin, matched=sy is not None)
        comp = cat.systems.get(e.component)
        ev = Evidence(source="curated", ref=f"{path_label}: {e.host} ← {e.component}", host=e.host,
                      component=e.component, maker=e.maker, state=e.state, text=e.note, citation=e.citation,
                      year_from=e.since, since=e.since, until=e.until, uncertain=e.uncertain)
        yield host, e.component, (comp.category if comp else "other"), ev


# --- building -------------------------------------------------------------------------------------------------------

def families(cat: Catalog):
    """The catalogue family function (``fuse.family.Families``) for a catalogue."""
    from armsflow.catalog.gazetteer import gazetteer_for
    from armsflow.fuse.family import Families

    return Families(gazetteer_for(cat)).family


def build_graph(cat: Catalog, register_rows: Iterable[dict] = (), claims: Iterable = (),
                curated: Iterable[CuratedComponent] | None = None, family=None) -> ComponentGraph:
    """The dependence graph from register rows (dicts of ``register_rows`` columns), claims (``ClaimView`` or dicts)
    and curated entries (``load_curated()`` when None; pass ``[]`` for none)."""
    from armsflow.catalog.gazetteer import gazetteer_for

    gaz = gazetteer_for(cat)
    family = family or families(cat)
    graph = ComponentGraph(cat)
    for host, comp, category, ev in curated_evidence(load_curated() if curated is None else curated, cat):
        graph.add(host, comp, category, ev)
    for host, comp, category, ev in register_evidence(register_rows, gaz, family):
        graph.add(host, comp, category, ev)
    known = {graph.g.nodes[c]["name"] for _, c, k in graph.g.edges(data="kind") if k == "uses"}
    for host, comp, category, ev in claim_evidence(claims, gaz, family, known):
        graph.add(host, comp, category, ev)
    return graph


def graph_from_store(store, cat: Catalog | None = None, curated_path: Path | str | None = None,
                     register: str = "sipri") -> ComponentGraph:
    """The graph from everything the store holds (register rows and claims) plus the curated file."""
    from armsflow.catalog import load_catalog
    from armsflow.store.queries import claims as stored_claims
    from armsflow.store.registers import register_rows

    cat = cat or load_catalog()
    rows = [r for r in register_rows(store, register=register) if r.get("category") in COMPONENT_CATEGORIES]
    claims = [c for c in stored_claims(store) if c.category in COMPONENT_CATEGORIES]
    return build_graph(cat, rows, claims, load_curated(curated_path))


def embargo_records(store, since: int | None = None, source: str | None = None) -> list[TransferRecord]:
    """The records an embargo query looks through: every record reaching ``since`` (``source``: news, sipri)."""
    from armsflow.store.queries import RecordFilter, records

    return [r for r in records(store, RecordFilter(since=since, source=source)) if r.system]


def undated_embargo_records(store, since: int | None = None, source: str | None = None) -> list[TransferRecord]:
    """The records ``embargo_records`` leaves out because ``since`` asks for a year no claim behind them states."""
    from armsflow.store.queries import RecordFilter, undated

    return [r for r in undated(store, RecordFilter(since=since, source=source)) if r.system]


def embargo_from_store(store, graph: ComponentGraph, state: str, cat: Catalog, since: int | None = None,
                       source: str | None = None) -> tuple[list[Reach], list[EmbargoRow], int]:
    """`embargo` over the store's records (``source``: news, sipri; None for all): the touched hosts, the export
    records, and how many undated exports it would reach that ``since`` leaves out (no claim states a year)."""
    family = families(cat)
    touched, rows = embargo(graph, state, embargo_records(store, since=since, source=source), family, since=since)
    _, undated_rows = embargo(graph, state, undated_embargo_records(store, since, source), family)
    return touched, rows, len({r.record_id for r in undated_rows})


@dataclass
class HostView:
    """A touched host as a flat row (chains and makers joined, evidence as JSON), for a table or a file."""
    host: str
    origin: str | None
    category: str | None
    components: str
    makers: str
    since: int | None
    until: int | None
    uncertain: bool
    evidence: list
    platform_uncertain: bool
    host_label: str


def host_view(r: Reach) -> HostView:
    return HostView(host=r.host, origin=r.origin, category=r.category, components="; ".join(r.components),
                    makers="; ".join(r.makers), since=r.since, until=r.until, uncertain=r.uncertain,
                    evidence=[e.to_json() for e in r.evidence], platform_uncertain=r.platform_uncertain,
                    host_label=r.host_label)
