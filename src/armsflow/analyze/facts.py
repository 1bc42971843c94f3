"""Facts: what a briefing may say, as structured data drawn from the analyses, each with its numbers and evidence.

A ``Fact`` is one statement an analyst would make about a region and period: a large new deal, orders not yet
delivered, a new supplier, a shift in bloc shares, the escalation indicator of a rival pair, a treaty ceiling, the
main suppliers of a recipient, who supplies whom in the news, the largest drone operator. It carries every figure
its sentence states (``numbers``), the records, claims and register rows it rests on, whether it rests only on
hedged reports, where it comes from (news, register or both) and a ``weight`` that ranks it among the others. The
briefing renders each fact through a template (``report/sentences.py``), so no sentence states a figure a fact
does not carry, and a test can recompute every fact from the store.

**One deal counts once.** A news record and the register deal it reports are one deal: ``deal_links`` pairs them
(a news record's register deal: same recipient, agreeing supplier, same system family, periods within two years,
the rule of ``analyze/ceilings.py``). When the store records the link itself (news↔register linking), pass it as
``stored`` and it wins; the rule only fills in for records it does not link.

**Weights** are fractions (0..1) of the picture a fact moves, so that facts of different kinds can be ranked:

- a deal, a group of undelivered orders or a new entrant: its value over the value of every deal of the region in
  the period (values are SIPRI TIV; a deal the register has not valued yet, and a news record, is priced for
  ranking only at the median TIV per unit the register gives its type, else its category, times its number; such an
  estimate is never shown);
- a bloc shift: the change of the group's share; the escalation indicator: its rise over both sides' acquisitions
  in the period; a ceiling: the part of it the period's acquisitions take; a recipient's main suppliers, a news
  supply finding and the drone leader: a small fraction by their size, so that they follow the events above.

Facts of equal weight keep the order of ``KINDS``.
"""
from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from armsflow.analyze.dataset import Dataset, Item, source_label

KINDS = ("deal", "undelivered", "entrant", "bloc_shift", "escalation", "ceiling", "shares", "supply", "drones")
SUPPLIED = ("ordered", "delivered")
MIN_SHIFT = 0.10            # a bloc's share must move by ten points to be a finding
MIN_REGISTER_DEALS = 5      # a recipient's main suppliers are a finding from this many register deals


@dataclass
class Fact:
    """One statement with its figures and evidence (module docstring)."""
    kind: str
    subject: dict                                   # codes and words the sentence names
    numbers: dict                                   # every figure the sentence states
    records: list[int] = field(default_factory=list)
    claims: list[int] = field(default_factory=list)          # claim ids behind the news records
    register_rows: list[int] = field(default_factory=list)   # record ids of the register deals it rests on
    hedged: bool = False                            # rests only on news that every source hedges
    source: str = "none"                            # news | register | news+register
    weight: float = 0.0
    tie: list[str] = field(default_factory=list)    # codes that share the top place, when there is a tie

    def rank_key(self):
        return (-round(self.weight, 9), KINDS.index(self.kind))


def ranked(facts: list[Fact]) -> list[Fact]:
    """Facts by weight, heaviest first; equal weights in the order of ``KINDS``, then as given."""
    return sorted(facts, key=Fact.rank_key)


def hedged_only(items) -> bool:
    """Whether every record is news that every independent source hedges (no register deal, no plain report)."""
    items = list(items)
    return bool(items) and all(not it.is_register and it.record.unhedged == 0 for it in items)


# --- one deal counts once --------------------------------------------------------------------------------------------

def deal_links(items: list[Item], family=None, stored: dict[int, int] | None = None) -> dict[int, int]:
    """news record id → the register record id of the same deal (module docstring)."""
    from armsflow.analyze.ceilings import _covered_by_register

    register = [it.record for it in items if it.is_register]
    by_recipient = defaultdict(list)
    for r in register:
        by_recipient[r.recipient].append(r)
    ids = {r.id for r in register}
    out = {k: v for k, v in (stored or {}).items() if v in ids}
    for it in items:
        r = it.record
        if it.is_register or r.id in out:
            continue
        for reg in by_recipient.get(r.recipient, ()):
            if _covered_by_register(r, [reg], family):
                out[r.id] = reg.id
                break
    return out


def once(items: list[Item], links: dict[int, int]) -> list[Item]:
    """The items with every news record that is a register deal left out (the register deal stands for it)."""
    return [it for it in items if it.is_register or it.record.id not in links]


# --- values --------------------------------------------------------------------------------------------------------

class Prices:
    """TIV per unit by designation family and by category, as the register prices them: ranking only."""

    def __init__(self, rows, family=None):
        by_family, by_cat = defaultdict(list), defaultdict(list)
        for cat, designation, unit in rows:
            by_cat[cat].append(unit)
            if designation:
                by_family[(family(designation, cat) if family else designation).lower()].append(unit)
        self.family = family
        self.by_family = {k: statistics.median(v) for k, v in by_family.items()}
        self.by_cat = {k: statistics.median(v) for k, v in by_cat.items()}

    def unit(self, r) -> float | None:
        if r.system:
            key = (self.family(r.system, r.category) if self.family else r.system).lower()
            if key in self.by_family:
                return self.by_family[key]
        return self.by_cat.get(r.category)


def stated_value(it: Item) -> float | None:
    """The register's value of a deal (TIV total, else TIV delivered), None when it gives none or zero."""
    v = max(it.tiv_total or 0.0, it.tiv_delivered or 0.0)
    return v or None


def rank_value(it: Item, prices: Prices | None) -> float:
    """A deal's value for ranking: the register's, else the estimate of the module docstring (never shown)."""
    v = stated_value(it)
    if v:
        return v
    q = it.record.quantity_max if it.record.quantity_max is not None else it.record.quantity_min
    unit = prices.unit(it.record) if prices else None
    return (q or 1) * unit if unit else 0.0


# --- the facts -----------------------------------------------------------------------------------------------------

def _order_year(it: Item) -> int | None:
    years = [e.year for e in it.record.timeline if e.status == "ordered" and e.year is not None]
    if years:
        return min(years)
    return it.record.period_start if it.is_register else None


def _delivered_by(it: Item, until: int | None) -> bool:
    return any(e.status == "delivered" and e.year is not None and (until is None or e.year <= until)
               for e in it.record.timeline)


def _quantity(it: Item) -> int | None:
    r = it.record
    return r.quantity_max if r.quantity_max is not None else r.quantity_min


def _claims_of(ds: Dataset, items) -> list[int]:
    return sorted({c.id for it in items for c in ds.evidence.get(it.record.id, []) if c.review != "rejected"})


def _with_reports(ds: Dataset, deal: Item, links: dict[int, int]) -> list[Item]:
    """A deal and the news records that report it."""
    if not deal.is_register:
        return [deal]
    # linked in the store (fuse/register_link.py); an undated report stays out of a dated finding
    stored = [Item(n) for n in deal.news if n.period_start is not None]
    known = {g.record.id for g in stored}
    return [deal] + stored + [it for it in ds.items if links.get(it.record.id) == deal.record.id
                              and it.record.id not in known]


def deal_facts(ds: Dataset, links: dict[int, int], prices: Prices | None, total: float, until: int | None
               ) -> list[Fact]:
    """One fact per deal ordered in the period (a register deal with the news that reports it, or a news record the
    register does not have); cancelled deals are left out."""
    out = []
    for it in once(ds.items, links):
        r, year = it.record, _order_year(it)
        if year is None or r.status == "cancelled" or (ds.since is not None and year < ds.since) or \
                (ds.until is not None and year > ds.until) or not r.supplier:
            continue
        group = _with_reports(ds, it, links)
        out.append(Fact("deal", {"supplier": r.supplier, "recipient": r.recipient, "system": r.system,
                                 "category": r.category, "reported": len(group) > 1 and it.is_register},
                        {"year": year, "quantity": _quantity(it), "tiv": stated_value(it),
                         "delivered": _delivered_by(it, until)},
                        [g.record.id for g in group], _claims_of(ds, group),
                        [it.record.id] if it.is_register else [], hedged_only(group), source_label(group),
                        rank_value(it, prices) / total if total else 0.0))
    return out


def undelivered_facts(ds: Dataset, links: dict[int, int], prices: Prices | None, total: float, until: int | None
                      ) -> list[Fact]:
    """Orders of the period that nothing shows delivered by its end, grouped by supplier and recipient (a group of
    one deal is left to ``deal_facts``)."""
    groups: dict[tuple, list[Item]] = defaultdict(list)
    for it in once(ds.items, links):
        r, year = it.record, _order_year(it)
        if year is None or r.status == "cancelled" or not r.supplier or _delivered_by(it, until) or \
                (ds.since is not None and year < ds.since) or (ds.until is not None and year > ds.until):
            continue
        groups[(r.supplier, r.recipient)].append(it)
    out = []
    for (sup, rcp), deals in groups.items():
        if len(deals) < 2:
            continue
        deals.sort(key=lambda it: (-rank_value(it, prices), it.record.system or ""))
        reports = [g for d in deals for g in _with_reports(ds, d, links)]
        valued = [stated_value(d) for d in deals if d.is_register]
        out.append(Fact("undelivered", {"supplier": sup, "recipient": rcp,
                                        "items": [(d.record.system, d.record.category, _quantity(d),
                                                   "register" if d.is_register else "news") for d in deals]},
                        {"deals": len(deals), "years": sorted({_order_year(d) for d in deals}),
                         "item_years": [_order_year(d) for d in deals],        # one per item, in the same order
                         "register_deals": sum(d.is_register for d in deals),
                         "tiv": round(sum(v for v in valued if v), 2) if any(valued) else None,
                         "unvalued": sum(1 for d in deals if d.is_register and not stated_value(d)),
                         "until": until},
                        [g.record.id for g in reports], _claims_of(ds, reports),
                        [d.record.id for d in deals if d.is_register], hedged_only(reports), source_label(reports),
                        sum(rank_value(d, prices) for d in deals) / total if total else 0.0))
    return out


def entrant_facts(ds: Dataset, entrants, links: dict[int, int], prices: Prices | None, total: float) -> list[Fact]:
    """New suppliers of a recipient in the period (``analyze.entrants``), one fact each; a news record that is a
    register deal is not counted again."""
    by_id = {it.record.id: it for it in ds.items}
    out = []
    for e in entrants:
        if e.scope != "recipient":
            continue
        items = [by_id[i] for i in e.records if i in by_id]
        deals = once(items, links)
        value = sum(rank_value(it, prices) for it in deals)
        out.append(Fact("entrant", {"supplier": e.supplier, "recipient": e.where, "categories": list(e.categories),
                                    "status": e.status},
                        {"year": e.year, "deals": len(deals), "sources": e.sources},
                        [it.record.id for it in items], _claims_of(ds, items),
                        [it.record.id for it in deals if it.is_register], e.hedged and hedged_only(items),
                        e.source, value / total if total else 0.0))
    return out


def bloc_shift_facts(changes, groups: dict[str, str], rows, ds: Dataset) -> list[Fact]:
    """Alignment groups whose share of the region's deals moved by ``MIN_SHIFT`` or more between the previous period
    and this one (``analyze.shares.alignment_trend`` over two buckets)."""
    out = []
    for c in changes:
        if c.first_bucket == c.last_bucket or abs(c.change) < MIN_SHIFT or c.group not in groups:
            continue
        first = [r for r in rows if r.scope == c.scope and r.bucket == c.first_bucket]
        last = [r for r in rows if r.scope == c.scope and r.bucket == c.last_bucket]
        out.append(Fact("bloc_shift", {"group": c.group, "group_name": groups[c.group], "scope": c.scope},
                        {"first": c.first_share, "last": c.last_share, "first_bucket": c.first_bucket,
                         "last_bucket": c.last_bucket, "first_n": sum(r.records for r in first),
                         "last_n": sum(r.records for r in last)},
                        source=c.source, weight=abs(c.change)))
    return out


def escalation_fact(pair, esc, items, names: tuple[str, str]) -> Fact | None:
    """The escalation indicator's last bucket for a pair, as the indicator gives it (``analyze.dyads``)."""
    if not esc:
        return None
    last = esc[-1]
    prev = esc[-2] if len(esc) > 1 else None
    rise = last.change if last.change is not None else None
    both = last.a_weight + last.b_weight
    weight = (rise / both) if (rise and rise > 0 and both) else 0.0
    return Fact("escalation", {"a": pair.a, "b": pair.b, "shared": list(last.shared)},
                {"bucket": last.bucket, "previous": prev.bucket if prev else None, "mutual": round(last.mutual, 2),
                 "previous_mutual": round(prev.mutual, 2) if prev else None,
                 "change": None if last.change is None else round(last.change, 2), "escalating": last.escalating},
                [it.record.id for it in items], [], [it.record.id for it in items if it.is_register],
                hedged_only(items), last.source, weight)


def ceiling_facts(treaty, rows, members) -> list[Fact]:
    """Treaty ceilings of the region's Parties that the period's acquisitions touch (``analyze.ceilings``)."""
    out = []
    for row in rows:
        if not set(row.states.split(",")) & set(members or ()):
            continue
        if not row.acquired:
            continue                    # nothing counted: the table shows it, no finding
        counted = [r for r in row.records if r["kind"] == "counted"]
        out.append(Fact("ceiling", {"treaty": treaty.short, "holder": row.holder_name, "category": row.category_name,
                                    "systems": [(r["system"], r["quantity"], r["source"]) for r in counted]},
                        {"ceiling": row.ceiling, "holdings": row.holdings, "holdings_year": row.holdings_year,
                         "acquired": row.acquired, "records": row.acquired_records, "unquantified": row.unquantified,
                         "possible": row.possible_records, "headroom": row.headroom},
                        [r["id"] for r in counted], [], [r["id"] for r in counted if r["source"] != "news"],
                        False, source_label_of(counted),
                        (row.acquired / row.ceiling) if row.ceiling else 0.0))
    return out


def source_label_of(rows: list[dict]) -> str:
    kinds = {"news" if r["source"] == "news" else "register" for r in rows}
    return "news+register" if len(kinds) == 2 else (kinds.pop() if kinds else "none")


def share_facts(concentrations, shares, tiv_shares, tiv_conc, deals_by_scope, region_deals: int, period: str
                ) -> list[Fact]:
    """Each recipient's main suppliers in the register (``analyze.shares``), from ``MIN_REGISTER_DEALS`` deals;
    suppliers with the same share as the largest are a tie."""
    out = []
    for c in concentrations:
        top = shares.get(c.scope, [])
        if c.records < MIN_REGISTER_DEALS or len(top) < 2:
            continue
        lead = [s for s in top if abs(s.share - top[0].share) < 1e-9]
        second = next((s for s in top if s.share < top[0].share - 1e-9), None)
        tv = tiv_shares.get(c.scope, [])[:2]
        tc = tiv_conc.get(c.scope)
        out.append(Fact("shares", {"recipient": c.scope, "period": period, "lead": [s.supplier for s in lead],
                                   "second": second.supplier if second else None,
                                   "tiv_lead": [s.supplier for s in tv]},
                        {"deals": c.records, "lead_share": top[0].share,
                         "second_share": second.share if second else None,
                         "tiv_shares": [s.share for s in tv], "hhi": c.hhi,
                         "hhi_tiv": tc.hhi if tc and tc.total else None},
                        deals_by_scope.get(c.scope, []), [], deals_by_scope.get(c.scope, []), False, "register",
                        0.02 * c.records / region_deals if region_deals else 0.0,
                        [s.supplier for s in lead] if len(lead) > 1 else []))
    return out


def drone_fact(ops, items_of) -> Fact | None:
    """The largest drone operator of the region, every operator with as many records named when there is a tie."""
    if not ops:
        return None
    top = [o for o in ops if o.records == ops[0].records]
    items = [it for o in top for it in items_of(o.recipient)]
    return Fact("drones", {"recipients": [o.recipient for o in top],
                           "suppliers": sorted({s for o in top for s in o.suppliers})},
                {"records": ops[0].records, "operators": len(ops)}, [it.record.id for it in items], [],
                [it.record.id for it in items if it.is_register], hedged_only(items), source_label(items), 0.005,
                [o.recipient for o in top] if len(top) > 1 else [])


def independent_docs(claims) -> set:
    """The independent sources behind claims: their documents' source clusters (a wire and its copies are one),
    or, for evidence that carries none, the document a copy repeats, else its own."""
    return {getattr(c, "source_id", None) or getattr(c, "original_id", None) or c.document_id
            for c in claims if c.review != "rejected"}


def supply_facts(ds: Dataset, links: dict[int, int]) -> list[Fact]:
    """Who supplies whom in the news, one fact per supplier: the recipients it supplies, those only considering or
    negotiating, and cancelled deals, each split into what a plain report states and what only hedged reports say."""
    by_supplier: dict[str, list[Item]] = defaultdict(list)
    # the news records of the period, those a register deal stands for included (an undated one stays out)
    news = [it for it in ds.items if not it.is_register] + [
        Item(n) for it in ds.items for n in it.news if n.period_start is not None or (ds.since is None and ds.until is None)]
    for it in news:
        if it.record.supplier and it.record.recipient:
            by_supplier[it.record.supplier].append(it)
    out = []
    for sup, items in by_supplier.items():
        clauses = []
        for stage, group in (("supplied", [i for i in items if i.record.status in SUPPLIED]),
                             ("talked", [i for i in items if i.record.status not in SUPPLIED
                                         and i.record.status != "cancelled"]),
                             ("cancelled", [i for i in items if i.record.status == "cancelled"])):
            for hedged in (False, True):
                sel = [i for i in group if hedged_only([i]) == hedged]
                if sel:
                    clauses.append({"stage": stage, "hedged": hedged,
                                    "recipients": sorted({i.record.recipient for i in sel}),
                                    "categories": list(dict.fromkeys(i.record.category for i in sel))})
        claims = [c for i in items for c in ds.evidence.get(i.record.id, [])]
        docs = independent_docs(claims)
        recipients = {i.record.recipient for i in items}
        out.append(Fact("supply", {"supplier": sup, "clauses": clauses, "recipients": sorted(recipients)},
                        {"documents": len(docs), "records": len(items),
                         "confirmed": sum(1 for i in items if i.record.links)}, [i.record.id for i in items],
                        _claims_of(ds, items), [], hedged_only(items), "news",
                        0.001 * len(recipients) * max(1, len(docs))))
    return out
