"""Arms-control ceilings set against holdings and recent acquisitions.

The treaty, its categories, the ceiling of each Party and the rules that put a record into a treaty category are
data (``analyze/data/ceilings.yaml``); the Parties' holdings are an editable file (``analyze/data/holdings.yaml``)
whose figures may be unknown. Shipped: the sub-regional arms control agreement of the Dayton Peace Agreement
(Annex 1-B, Article IV; the Florence Agreement of 14 June 1996), treaty id ``dayton-iv``.

For each ceiling holder (a Party, or two Parties jointly where the split of a shared allocation is not recorded) and
treaty category the analysis reports the ceiling, the holdings and their year, the recent acquisitions from the
store (records whose recipient is the holder's state, ordered or delivered, whose period reaches the window), and
the headroom:

- **Categories.** An armsflow category can fall into a treaty category only through the classification rules. A
  register (SIPRI) record is classified by SIPRI's weapon description ("combat helicopter" counts as an attack
  helicopter, "transport helicopter" does not; "APC" and "infantry fighting vehicle" are armoured combat vehicles,
  "armoured recovery vehicle" is not). A news record has no description: its system decides (a catalogue attack
  helicopter type counts; any other helicopter is counted out and said to be); a news armoured vehicle without a
  named system, an armoured car, a reconnaissance vehicle, an MRAP or an armed multi-role helicopter is reported as
  *possible*, apart from the count. Artillery below the treaty calibre (read from the designation: "M-57 60mm") is
  left out.
- **Quantities.** A record's quantity is its number ordered (``quantity_max``), else the number stated. With
  ``source="all"`` a news record linked to a register deal (fuse/register_link.py: same recipient, agreeing
  supplier, same system family, periods within two years) is not counted twice.
- **Headroom.** With holdings known: ceiling − holdings − the quantities of the counted records whose period ends
  after the holdings year (they may not be in the holdings yet; a deal partly delivered before that year is counted
  whole, so the headroom errs low). Retirements are not known and not subtracted. With holdings unknown the headroom
  is unknown; the note gives its upper bound, ceiling − everything acquired in the window.

Only ``ceilings_from_store`` reads the store; ``ceiling_table`` is a pure function of records.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable

import yaml

from armsflow.catalog.gazetteer import fold
from armsflow.catalog.loader import Catalog
from armsflow.model import CATEGORIES, TransferRecord

DATA_DIR = Path(__file__).parent / "data"
CEILINGS_FILE = DATA_DIR / "ceilings.yaml"
HOLDINGS_FILE = DATA_DIR / "holdings.yaml"
ACQUIRED_STATUSES = ("ordered", "delivered")
SLACK_YEARS = 2


class TreatyError(ValueError):
    """An unknown treaty id or a treaty file that cannot be read."""


@dataclass(frozen=True)
class TreatyCategory:
    id: str
    name: str
    armsflow: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Holder:
    id: str
    name: str
    states: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Ceiling:
    holder: str
    category: str
    ceiling: int
    basis: str
    derived: bool = False
    joint: bool = False


@dataclass
class Treaty:
    id: str
    name: str
    short: str
    citation: str
    signed: str | None
    categories: dict[str, TreatyCategory]
    classification: dict
    holders: dict[str, Holder]
    ceilings: list[Ceiling]
    history: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def primary_category(self, armsflow_category: str) -> str | None:
        """The treaty category an armsflow category belongs to first (tank → battle_tanks)."""
        for tc in self.categories.values():
            if tc.armsflow and tc.armsflow[0] == armsflow_category:
                return tc.id
        for tc in self.categories.values():
            if armsflow_category in tc.armsflow:
                return tc.id
        return None


@dataclass(frozen=True)
class Holding:
    holder: str
    category: str
    value: int | None
    year: int | None
    source: str
    approximate: bool = True


def _read(path: Path):
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise TreatyError(f"{path}: cannot read ({exc})") from None


def treaties(path: Path | str | None = None) -> list[str]:
    return sorted((_read(Path(path) if path else CEILINGS_FILE).get("treaties") or {}))


def load_treaty(treaty_id: str = "dayton-iv", path: Path | str | None = None) -> Treaty:
    data = (_read(Path(path) if path else CEILINGS_FILE).get("treaties") or {})
    t = data.get(treaty_id)
    if t is None:
        raise TreatyError(f"unknown treaty {treaty_id!r} (known: {', '.join(sorted(data)) or 'none'})")
    cats = {cid: TreatyCategory(id=cid, name=str(c["name"]), armsflow=tuple(c.get("armsflow") or ()),
                                note=" ".join(str(c.get("note", "")).split()))
            for cid, c in (t.get("categories") or {}).items()}
    holders = {str(h["id"]): Holder(id=str(h["id"]), name=str(h["name"]), states=tuple(h.get("states") or ()),
                                    note=" ".join(str(h.get("note", "")).split()))
               for h in t.get("holders") or []}
    ceilings = [Ceiling(holder=str(c["holder"]), category=str(c["category"]), ceiling=int(c["ceiling"]),
                        basis=str(c.get("basis", "")), derived=bool(c.get("derived")), joint=bool(c.get("joint")))
                for c in t.get("ceilings") or []]
    return Treaty(id=treaty_id, name=str(t["name"]), short=str(t.get("short", treaty_id)),
                  citation=" ".join(str(t.get("citation", "")).split()),
                  signed=str(t["signed"]) if t.get("signed") else None, categories=cats,
                  classification=t.get("classification") or {}, holders=holders, ceilings=ceilings,
                  history=list(t.get("history") or []), notes=[" ".join(str(n).split()) for n in t.get("notes") or []])


def load_holdings(treaty_id: str = "dayton-iv", path: Path | str | None = None) -> dict[tuple[str, str], Holding]:
    data = (_read(Path(path) if path else HOLDINGS_FILE).get("holdings") or {}).get(treaty_id) or []
    out = {}
    for h in data:
        out[(str(h["holder"]), str(h["category"]))] = Holding(
            holder=str(h["holder"]), category=str(h["category"]),
            value=None if h.get("value") is None else int(h["value"]),
            year=None if h.get("year") is None else int(h["year"]), source=str(h.get("source", "")),
            approximate=bool(h.get("approximate", True)))
    return out


def validate_treaty(t: Treaty, cat: Catalog) -> list[str]:
    """Problems in a treaty's data: unknown state codes, armsflow categories or catalogue systems; ceilings of an
    unknown holder or category, or given twice; a missing citation or basis."""
    problems = []
    if not t.citation:
        problems.append(f"{t.id}: no citation")
    for tc in t.categories.values():
        for c in tc.armsflow:
            if c not in CATEGORIES:
                problems.append(f"{t.id}: category {tc.id}: unknown armsflow category {c!r}")
    for h in t.holders.values():
        for s in h.states:
            if s not in cat.states:
                problems.append(f"{t.id}: holder {h.id}: unknown state {s!r}")
    seen = set()
    for c in t.ceilings:
        if c.holder not in t.holders:
            problems.append(f"{t.id}: ceiling for unknown holder {c.holder!r}")
        if c.category not in t.categories:
            problems.append(f"{t.id}: ceiling for unknown category {c.category!r}")
        if (c.holder, c.category) in seen:
            problems.append(f"{t.id}: two ceilings for {c.holder} {c.category}")
        seen.add((c.holder, c.category))
        if not c.basis:
            problems.append(f"{t.id}: ceiling {c.holder} {c.category}: no basis")
        if c.ceiling < 0:
            problems.append(f"{t.id}: ceiling {c.holder} {c.category}: negative")
    # every state's every category is bound exactly once
    states = {s for h in t.holders.values() for s in h.states}
    for tc in t.categories:
        for s in states:
            binding = [c for c in t.ceilings
                       if c.category == tc and c.holder in t.holders and s in t.holders[c.holder].states]
            if len(binding) > 1:
                problems.append(f"{t.id}: {s} {tc} is bound by {len(binding)} ceilings")
    cl = t.classification
    for key in ("register_descriptions", "possible_descriptions"):
        for tc in cl.get(key) or {}:
            if tc not in t.categories:
                problems.append(f"{t.id}: {key}: unknown category {tc!r}")
    for key in ("attack_helicopters", "possible_attack_helicopters"):
        for name in cl.get(key) or []:
            sy = cat.systems.get(name)
            if sy is None:
                problems.append(f"{t.id}: {key}: {name!r} is not a catalogue system")
            elif sy.category != "helicopter":
                problems.append(f"{t.id}: {key}: {name!r} is a {sy.category}, not a helicopter")
    return problems


def validate_holdings(holdings: dict[tuple[str, str], Holding], t: Treaty) -> list[str]:
    problems = []
    bound = {(c.holder, c.category) for c in t.ceilings}
    for (holder, category), h in holdings.items():
        if (holder, category) not in bound:
            problems.append(f"holdings {holder} {category}: no such ceiling in {t.id}")
        if h.value is not None:
            if h.value < 0:
                problems.append(f"holdings {holder} {category}: negative")
            if h.year is None:
                problems.append(f"holdings {holder} {category}: a value without a year")
            if not h.source:
                problems.append(f"holdings {holder} {category}: a value without a source")
    return problems


# --- classification ----------------------------------------------------------------------------------------------

def _norm(s: str | None) -> str:
    return re.sub(r"[^0-9a-z]", "", fold(s or ""))


def _named(system: str | None, names: Iterable[str]) -> bool:
    """The system is one of ``names`` or a variant of one ("Mi-35M" of "Mi-35", "Cobra II" of "Cobra")."""
    n = _norm(system)
    if not n:
        return False
    for name in names:
        k = _norm(name)
        if not k:
            continue
        if n == k:
            return True
        if n.startswith(k) and len(k) >= 3 and (k[-1].isdigit() != n[len(k)].isdigit() or not k[-1].isdigit()):
            return True
    return False


_CALIBRE = re.compile(r"(\d{2,3}(?:\.\d)?)\s*-?mm\b", re.I)


def calibre_mm(*texts: str | None) -> float | None:
    for t in texts:
        m = _CALIBRE.search(t or "")
        if m:
            return float(m.group(1))
    return None


@dataclass(frozen=True)
class Classified:
    category: str | None             # the treaty category, None when the record is outside the treaty
    kind: str                        # counted | possible | out
    reason: str


def classify(r: TransferRecord, t: Treaty, description: str | None = None,
             canonical=None) -> Classified:
    """Which treaty category a record falls in, and whether it counts, may count, or is counted out."""
    cl = t.classification
    primary = t.primary_category(r.category)
    if primary is None:
        return Classified(None, "out", f"{r.category} is not limited by {t.short}")
    system = canonical(r.system) if (canonical and r.system) else r.system
    if description:
        d = description.strip().lower()
        for tc, descs in (cl.get("register_descriptions") or {}).items():
            if d in (x.lower() for x in descs):
                if tc == "artillery":
                    cal = calibre_mm(r.system, description)
                    if cal is not None and cal < float(cl.get("min_calibre_mm", 0)):
                        return Classified(tc, "out", f"calibre {cal:g} mm is below {cl.get('min_calibre_mm')} mm")
                if tc == "acv" and _named(system, cl.get("possible_vehicles") or ()):
                    return Classified(tc, "possible", f"{system}: an MRAP or armoured utility vehicle "
                                                      f"({description}); a Party may not declare it as an APC")
                return Classified(tc, "counted", f"register description '{description}'")
        for tc, descs in (cl.get("possible_descriptions") or {}).items():
            if d in (x.lower() for x in descs):
                name = t.categories[tc].name if tc in t.categories else tc
                return Classified(tc, "possible", f"register description '{description}': may or may not count "
                                                  f"as {name}")
        return Classified(primary, "out", f"register description '{description}': not counted as "
                                          f"{t.categories[primary].name}")
    # a news record: the system decides
    if primary == "attack_helicopters":
        if _named(system, cl.get("attack_helicopters") or ()):
            return Classified(primary, "counted", f"{system} is an attack helicopter type")
        if _named(system, cl.get("possible_attack_helicopters") or ()):
            return Classified(primary, "possible", f"{system} is an armed multi-role helicopter; a Party may "
                                                   f"declare it as an attack helicopter")
        return Classified(primary, "out", f"{system or 'unnamed helicopters'}: not an attack type (transport and "
                                          f"utility helicopters are counted out)")
    if primary == "acv":
        if not system:
            return Classified(primary, "possible", "armoured vehicles of no named type: may or may not be "
                                                   "combat vehicles")
        if _named(system, cl.get("possible_vehicles") or ()):
            return Classified(primary, "possible", f"{system}: an MRAP or armoured utility vehicle; a Party may "
                                                   f"not declare it as an APC")
        return Classified(primary, "counted", f"{system}: an armoured vehicle of the catalogue")
    if primary == "artillery":
        cal = calibre_mm(r.system)
        if cal is not None and cal < float(cl.get("min_calibre_mm", 0)):
            return Classified(primary, "out", f"calibre {cal:g} mm is below {cl.get('min_calibre_mm')} mm")
    return Classified(primary, "counted", f"armsflow category {r.category}")


# --- the table ------------------------------------------------------------------------------------------------------

@dataclass
class CeilingRow:
    treaty: str
    holder: str
    holder_name: str
    states: str
    category: str
    category_name: str
    ceiling: int
    joint: bool
    derived: bool
    holdings: int | None
    holdings_year: int | None
    holdings_approximate: bool | None
    acquired: int                     # quantity of the counted records
    acquired_records: int
    unquantified: int                 # counted records that state no quantity
    pending: int | None               # counted quantity whose records end after the holdings year
    possible: int                     # quantity of records that may count
    possible_records: int
    excluded_records: int             # records of a related armsflow category counted out
    headroom: int | None
    headroom_note: str
    ceiling_basis: str
    holdings_source: str | None
    records: list[dict] = field(default_factory=list)


def _overlaps(r: TransferRecord, since: int | None, until: int | None) -> bool:
    a = r.period_start if r.period_start is not None else r.period_end
    b = r.period_end if r.period_end is not None else r.period_start
    if a is None:
        return since is None and until is None
    if since is not None and b < since:
        return False
    if until is not None and a > until:
        return False
    return True


def _last_year(r: TransferRecord) -> int:
    return r.period_end if r.period_end is not None else (r.period_start or 0)


def _quantity(r: TransferRecord) -> int | None:
    return r.quantity_max if r.quantity_max is not None else r.quantity_min


def _covered_by_register(news: TransferRecord, register: list[TransferRecord], family) -> bool:
    """Whether a register record is the deal ``news`` reports: a stored link (``record.links``), else the linking
    rule itself (fuse/register_link.py) for records built by hand."""
    from armsflow.fuse.register_link import link_records

    ids = {r.id for r in register}
    if any(other in ids for other, _ in news.links):
        return True
    n = replace(news, id=-1)
    return bool(link_records([n], [replace(r, id=i) for i, r in enumerate(register)], family, SLACK_YEARS))


def select_acquisitions(records: Iterable[TransferRecord], states: set[str], since: int | None = None,
                        until: int | None = None, family=None) -> list[TransferRecord]:
    """Records received by ``states``, ordered or delivered, reaching the window; news records that a register
    record covers are dropped."""
    rs = [r for r in records if r.recipient in states and r.status in ACQUIRED_STATUSES and _overlaps(r, since, until)]
    register = [r for r in rs if r.source != "news"]
    return [r for r in rs if r.source != "news" or not _covered_by_register(r, register, family)]


def ceiling_table(t: Treaty, holdings: dict[tuple[str, str], Holding], records: Iterable[TransferRecord],
                  descriptions: dict[int, str] | None = None, since: int | None = None, until: int | None = None,
                  family=None, canonical=None) -> list[CeilingRow]:
    """One row per ceiling: the ceiling, holdings, acquisitions in the window, and headroom.

    ``descriptions``: the register's weapon description by record id (for register records)."""
    descriptions = descriptions or {}
    all_states = {s for h in t.holders.values() for s in h.states}
    related = {c for tc in t.categories.values() for c in tc.armsflow}
    acquired = [r for r in select_acquisitions(records, all_states, since, until, family) if r.category in related]
    classified = [(r, classify(r, t, descriptions.get(r.id), canonical)) for r in acquired]
    rows = []
    for c in t.ceilings:
        holder = t.holders[c.holder]
        tc = t.categories[c.category]
        mine = [(r, k) for r, k in classified if r.recipient in holder.states and k.category == c.category]
        counted = [(r, k) for r, k in mine if k.kind == "counted"]
        possible = [(r, k) for r, k in mine if k.kind == "possible"]
        excluded = [(r, k) for r, k in mine if k.kind == "out"]
        qty = sum(_quantity(r) or 0 for r, _ in counted)
        h = holdings.get((c.holder, c.category))
        known = h is not None and h.value is not None
        pending = None
        if known:
            pending = sum(_quantity(r) or 0 for r, _ in counted if h.year is None or _last_year(r) > h.year)
            headroom = c.ceiling - h.value - pending
            note = (f"{c.ceiling} − holdings {h.value} ({h.year}{', approximate' if h.approximate else ''}) − "
                    f"{pending} acquired after {h.year}")
        else:
            headroom = None
            note = (f"holdings unknown: at most {c.ceiling - qty} (ceiling − {qty} acquired in the window, if all "
                    f"are still held)")
        if any(_quantity(r) is None for r, _ in counted):
            note += f"; {sum(_quantity(r) is None for r, _ in counted)} counted record(s) state no quantity"
        if c.joint:
            note += "; one ceiling for " + ", ".join(holder.states) + " together"
        if c.derived:
            note += "; ceiling derived, not published"
        rows.append(CeilingRow(
            treaty=t.id, holder=c.holder, holder_name=holder.name, states=",".join(holder.states),
            category=c.category, category_name=tc.name, ceiling=c.ceiling, joint=c.joint, derived=c.derived,
            holdings=h.value if h else None, holdings_year=h.year if h else None,
            holdings_approximate=h.approximate if known else None, acquired=qty, acquired_records=len(counted),
            unquantified=sum(_quantity(r) is None for r, _ in counted), pending=pending,
            possible=sum(_quantity(r) or 0 for r, _ in possible), possible_records=len(possible),
            excluded_records=len(excluded), headroom=headroom, headroom_note=note, ceiling_basis=c.basis,
            holdings_source=h.source if h else None,
            records=[{"id": r.id, "kind": k.kind, "reason": k.reason, "supplier": r.supplier,
                      "recipient": r.recipient, "system": r.system, "category": r.category, "status": r.status,
                      "period_start": r.period_start, "period_end": r.period_end, "quantity": _quantity(r),
                      "source": r.source} for r, k in counted + possible + excluded]))
    return rows


# --- from the store ------------------------------------------------------------------------------------------------

def register_descriptions(store, records: Iterable[TransferRecord], register: str = "sipri") -> dict[int, str]:
    """The register's weapon description for each register record, matched by the record key's supplier,
    recipient, designation and order year (``sipri|SUP|REC|designation|year|...``)."""
    from armsflow.store.registers import register_rows

    wanted: dict[tuple, list[int]] = {}
    for r in records:
        if r.source != register or not r.key:
            continue
        parts = r.key.split("|")
        if len(parts) < 5:
            continue
        year = int(parts[4]) if parts[4].isdigit() else None
        wanted.setdefault((parts[1], parts[2], parts[3].strip().lower(), year), []).append(r.id)
    if not wanted:
        return {}
    recipients = {k[1] for k in wanted}
    out: dict[int, str] = {}
    for row in register_rows(store, register=register):
        if (row.get("recipient") or "") not in recipients:
            continue
        key = (row.get("supplier") or "", row.get("recipient") or "", (row.get("designation") or "").strip().lower(),
               row.get("order_year"))
        for rid in wanted.get(key, ()):
            out.setdefault(rid, row.get("description") or "")
    return out


def undated_acquisitions(store, treaty_id: str = "dayton-iv", since: int | None = None, until: int | None = None,
                         source: str | None = None, ceilings_path=None) -> int:
    """How many acquisitions of the treaty's Parties in its categories the window leaves out because no claim
    behind them states a year (a record is never dated by when it was reported)."""
    from armsflow.store.queries import RecordFilter, undated

    t = load_treaty(treaty_id, ceilings_path)
    states = {s for h in t.holders.values() for s in h.states}
    related = {c for tc in t.categories.values() for c in tc.armsflow}
    recs = undated(store, RecordFilter(since=since, until=until, source=source))
    return sum(1 for r in select_acquisitions(recs, states) if r.category in related)


def ceilings_from_store(store, treaty_id: str = "dayton-iv", since: int | None = None, until: int | None = None,
                        source: str | None = None, cat: Catalog | None = None, ceilings_path=None,
                        holdings_path=None) -> tuple[Treaty, list[CeilingRow]]:
    from armsflow.analyze.components import canonical, families
    from armsflow.catalog import load_catalog
    from armsflow.store.queries import RecordFilter, records as stored_records

    cat = cat or load_catalog()
    t = load_treaty(treaty_id, ceilings_path)
    holdings = load_holdings(treaty_id, holdings_path)
    states = {s for h in t.holders.values() for s in h.states}
    recs = [r for r in stored_records(store, RecordFilter(since=since, until=until, source=source))
            if r.recipient in states]
    family = families(cat)
    descs = register_descriptions(store, recs)
    rows = ceiling_table(t, holdings, recs, descs, since, until, family,
                         canonical=lambda s: canonical(s, cat, family))
    return t, rows


def acquisition_period(since: str | int | None = None, until: str | int | None = None,
                       since_argument: str = "--since", until_argument: str = "--until") -> tuple[int, int | None]:
    """The years of acquisitions a ceiling table counts: the period asked for, starting ten years back when no
    start is given (a ceiling is about what was bought lately). Raises ArgumentError (analyze/arguments.py)."""
    import datetime as dt

    from armsflow.analyze.arguments import ArgumentError, period

    lo, hi = period(since, until, since_argument, until_argument)
    if lo is None:
        lo = dt.date.today().year - 10
        if hi is not None and lo > hi:
            raise ArgumentError(until_argument, f"{hi} is before the default {since_argument} {lo} (ten years back): "
                                                f"give {since_argument} too")
    return lo, hi
