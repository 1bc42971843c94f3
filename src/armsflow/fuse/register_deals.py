"""Register exports as deals, the same deal across exports found, and one transfer record per deal (pure functions).

A *deal* is what one export says about one arms deal: a layout-1 row, or the rows of one SIPRI AT Database ID in a
layout-2 ("by delivery") export, summed. Several exports of the same register overlap, so the same deal can be stated
by several files. :func:`group_deals` puts the statements of one deal together, newest export first:

1. the same SIPRI AT Database ID is the same deal;
2. else the same content key (supplier, recipient, designation, order year, number ordered; the n-th deal with a
   given key is matched to the n-th) between two classic exports;
3. else, in a pair of exports where one side has no deal id (the classic layout), the deals of the same supplier and
   recipient are compared: designation (equal, same catalogue family, one a prefix of the other, shared words),
   order year (equal, or one year apart), category, and the delivery years and numbers in the years both exports
   cover. The best-scoring pairs are taken one to one, above a threshold.

Two deals that both carry a deal id and whose ids differ are never the same deal.

:func:`merge_group` turns a group into one :class:`TransferRecord`: the newest export wins for what it states (codes,
designation, category, order year, deliveries in the years it covers); what it does not state is taken from older
exports (the number ordered, which the by-delivery layout lacks; deliveries outside its year range).

Status: SIPRI lists deals, not negotiations. ``cancelled`` when SIPRI's status column says the deal was cancelled
(the current exports never do: SIPRI leaves cancelled deals out); ``delivered`` when some units were delivered and
none remain (number delivered >= number ordered, or no number ordered is known); ``ordered`` otherwise, i.e. nothing
delivered yet or a partial delivery.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Callable, Iterable, Iterator

from armsflow.catalog.sipri_codes import sipri_category
from armsflow.model import StatusEvent, TransferRecord

REGISTER_CONFIDENCE = 0.95
YEAR_SLACK = 1            # order years one apart may still be the same deal (SIPRI revises estimated years)
MATCH_THRESHOLD = 4.0

FamilyFn = Callable[[str | None, str], str]


@dataclass
class Deal:
    """One deal as one export states it."""
    deal_id: str | None
    supplier_name: str
    recipient_name: str
    supplier: str | None
    recipient: str | None
    designation: str
    description: str
    armament_category: str | None
    category: str
    order_year: int | None
    number_ordered: int | None
    number_delivered: int | None
    delivery_years: tuple[int, ...]
    status: str | None                    # SIPRI's: New | Second hand | Second hand but modernized
    comments: str | None
    tiv_unit: float | None
    tiv_total: float | None
    tiv_delivered: float | None
    layout: int
    line: int
    rows: int = 1                         # physical records of the export behind this deal
    nth: int = 1                          # layout 1: the n-th deal of its export with this content key
    row_id: int | None = None             # register_rows.id once stored
    file_id: int | None = None



@dataclass(frozen=True)
class FileView:
    """An imported export: its identity, its date and the delivery years it covers."""
    file_id: int
    layout: int
    generated: dt.date | None
    years: tuple[int | None, int | None] = (None, None)

    @property
    def window(self) -> tuple[int | None, int | None]:
        """Delivery years this export is complete for: its stated range, cut at the year it was generated."""
        lo, hi = self.years
        if self.generated is not None:
            hi = self.generated.year if hi is None else min(hi, self.generated.year)
        return lo, hi

    def covers(self, year: int) -> bool:
        lo, hi = self.window
        return (lo is None or year >= lo) and (hi is None or year <= hi)

    def order(self) -> tuple:
        """Sort key, oldest first: the export date, then the import order."""
        return (self.generated or dt.date.min, self.file_id)


# --- rows -> deals --------------------------------------------------------------------------------------------------

def deal_from_row(r) -> Deal:
    """A deal from one ``ingest.sipri.RegisterRow``."""
    return Deal(deal_id=r.deal_id, supplier_name=r.supplier_name, recipient_name=r.recipient_name,
                supplier=r.supplier, recipient=r.recipient, designation=r.designation, description=r.description,
                armament_category=r.armament_category, category=sipri_category(r.description, r.armament_category),
                order_year=r.order_year, number_ordered=r.number_ordered, number_delivered=r.number_delivered,
                delivery_years=tuple(sorted(set(r.delivery_years))), status=r.status, comments=r.comments,
                tiv_unit=r.tiv_unit, tiv_total=r.tiv_total, tiv_delivered=r.tiv_delivered, layout=r.layout, line=r.line)


def deals_from_rows(rows: Iterable) -> list[Deal]:
    """Deals in file order: a layout-1 row is a deal; layout-2 rows of one deal id are summed into one deal
    (numbers and TIV delivered added, delivery years joined)."""
    out: list[Deal] = []
    by_id: dict[str, Deal] = {}
    for r in rows:
        if r.layout == 1 or r.deal_id is None:
            out.append(deal_from_row(r))
            continue
        d = by_id.get(r.deal_id)
        if d is None:
            d = by_id[r.deal_id] = deal_from_row(r)
            out.append(d)
            continue
        d.rows += 1
        d.delivery_years = tuple(sorted(set(d.delivery_years) | set(r.delivery_years)))
        if r.number_delivered is not None:
            d.number_delivered = (d.number_delivered or 0) + r.number_delivered
        if r.tiv_delivered is not None:
            d.tiv_delivered = round((d.tiv_delivered or 0.0) + r.tiv_delivered, 6)
        for name in ("order_year", "tiv_unit", "armament_category", "status"):
            if getattr(d, name) is None and getattr(r, name) is not None:
                setattr(d, name, getattr(r, name))
    return out


# --- the same deal in several exports -------------------------------------------------------------------------------

@lru_cache(maxsize=65536)
def _fold(s: str | None) -> str:
    return unicodedata.normalize("NFKD", s or "").encode("ascii", "ignore").decode("ascii").lower()


@lru_cache(maxsize=65536)
def _norm(s: str | None) -> str:
    return re.sub(r"[^0-9a-z]", "", _fold(s))


def clean_designation(s: str) -> str:
    """A designation as SIPRI writes it, without the " -" the by-delivery layout appends to some."""
    return _MARKER.sub("", s.strip()).strip()


# tried only where a run of spaces starts: from inside the run it would end as from its start (n^2 steps on a field
# of n spaces)
_MARKER = re.compile(r"(?<!\s)\s+-+$")


_STOP = {"mm", "version", "type", "class"}


@lru_cache(maxsize=65536)
def _tokens(s: str) -> frozenset[str]:
    return frozenset(t for t in re.findall(r"[a-z]+|\d+", _fold(s)) if t not in _STOP)


def designation_similarity(a: str, b: str, family: FamilyFn | None = None) -> float:
    """1 equal; 0.9 same catalogue family; 0.8 one a prefix of the other; 0.7 the shorter's words all in the
    longer; 0.5 half of them; else 0."""
    na, nb = _norm(clean_designation(a)), _norm(clean_designation(b))
    if not na or not nb:
        return 0.0
    if na == nb:
        return 1.0
    if family is not None and _norm(family(a, "")) == _norm(family(b, "")):
        return 0.9          # not equal as written, so at least one resolved to a catalogue entry
    short, long_ = sorted((na, nb), key=len)
    if len(short) >= 2 and long_.startswith(short):
        return 0.8
    ta, tb = _tokens(a), _tokens(b)
    if ta and tb:
        shared = len(ta & tb) / min(len(ta), len(tb))
        if shared >= 1.0:
            return 0.7
        if shared >= 0.5:
            return 0.5
    return 0.0


def _party(code: str | None, name: str) -> str:
    return code if code is not None else f"?{name.strip().lower()}"


def block_key(d: Deal) -> tuple[str, str]:
    return _party(d.supplier, d.supplier_name), _party(d.recipient, d.recipient_name)


def content_key(d: Deal) -> tuple:
    return (*block_key(d), _norm(d.designation), d.order_year, d.number_ordered)


def match_score(old: Deal, old_file: FileView, new: Deal, new_file: FileView,
                family: FamilyFn | None = None) -> float | None:
    """How alike two deals of two exports are (higher is more alike); None when they cannot be the same deal."""
    if old.deal_id and new.deal_id and old.deal_id != new.deal_id:
        return None
    if block_key(old) != block_key(new):
        return None
    if old.order_year is not None and new.order_year is not None and abs(old.order_year - new.order_year) > YEAR_SLACK:
        return None
    sim = designation_similarity(old.designation, new.designation, family)
    score = 4.0 * sim
    if old.category == new.category:
        score += 1.0
    if old.order_year != new.order_year:
        score -= 1.0
    # deliveries in the years both exports cover
    ya = {y for y in old.delivery_years if old_file.covers(y) and new_file.covers(y)}
    yb = {y for y in new.delivery_years if old_file.covers(y) and new_file.covers(y)}
    same_deliveries = False
    if ya or yb:
        if ya == yb:
            score += 3.0
            complete = len(ya) == len(old.delivery_years) and len(yb) == len(new.delivery_years)
            if complete and old.number_delivered == new.number_delivered:
                score += 2.0
                same_deliveries = True
        elif ya & yb:
            score += 1.0
        else:
            score -= 3.0
    if score < MATCH_THRESHOLD or (sim < 0.5 and not same_deliveries):
        return None
    return score


@dataclass(eq=False)
class DealGroup:
    """The statements of one deal by several exports, newest export first."""
    members: list[tuple[Deal, FileView]] = field(default_factory=list)

    @property
    def newest(self) -> tuple[Deal, FileView]:
        return self.members[0]

    @property
    def deal_id(self) -> str | None:
        return next((d.deal_id for d, _ in self.members if d.deal_id), None)


def group_deals(files: list[tuple[FileView, list[Deal]]], family: FamilyFn | None = None) -> list[DealGroup]:
    """Every deal of every export, grouped by the deal it states (see the module docstring). The result does not
    depend on the order the exports come in: they are taken newest first."""
    groups: list[DealGroup] = []
    by_id: dict[str, DealGroup] = {}
    by_content: dict[tuple, list[DealGroup]] = defaultdict(list)     # classic content key -> groups, n-th = n-th
    by_block: dict[tuple, dict[int, DealGroup]] = defaultdict(dict)    # (supplier, recipient, order year) -> groups

    for fv, deals in sorted(files, key=lambda item: item[0].order(), reverse=True):
        target: list[DealGroup | None] = [None] * len(deals)
        claimed: set[int] = set()
        occurrence: dict[tuple, int] = {}
        nth: list[int] = [0] * len(deals)
        for i, d in enumerate(deals):
            if d.layout == 1:
                k = content_key(d)
                nth[i] = d.nth = occurrence[k] = occurrence.get(k, 0) + 1
            g = by_id.get(d.deal_id) if d.deal_id else None
            if g is None and d.layout == 1:
                lst = by_content.get(content_key(d), [])
                g = lst[nth[i] - 1] if len(lst) >= nth[i] else None
            if g is not None and id(g) not in claimed:
                claimed.add(id(g))
                target[i] = g
        # the rest: the best-scoring pairs within each supplier/recipient block, one to one
        pairs = []
        for i, d in enumerate(deals):
            if target[i] is not None:
                continue
            blk = block_key(d)
            years = (None,) if d.order_year is None else range(d.order_year - YEAR_SLACK, d.order_year + YEAR_SLACK + 1)
            seen_here: set[int] = set()
            for g in (g for y in years for g in by_block.get((*blk, y), {}).values()):
                if id(g) in claimed or id(g) in seen_here or (d.deal_id and g.deal_id):   # ids differ: not the same
                    continue
                seen_here.add(id(g))
                rep, rep_file = g.newest
                s = match_score(d, fv, rep, rep_file, family)
                if s is not None:
                    pairs.append((-s, i, len(pairs), g))
        pairs.sort(key=lambda p: p[:3])
        for _neg, i, _n, g in pairs:
            if target[i] is None and id(g) not in claimed:
                claimed.add(id(g))
                target[i] = g
        for i, d in enumerate(deals):          # file order, so the n-th classic duplicate indexes the n-th slot
            g = target[i]
            if g is None:
                g = DealGroup()
                groups.append(g)
            g.members.append((d, fv))
            if d.deal_id:
                by_id.setdefault(d.deal_id, g)
            if d.layout == 1:
                lst = by_content[content_key(d)]
                if len(lst) < nth[i]:
                    lst.append(g)
            by_block[(*block_key(d), d.order_year)][id(g)] = g
    return groups


# --- a group -> a record --------------------------------------------------------------------------------------------

@dataclass
class MergedDeal:
    """What the exports of one deal say together."""
    primary: Deal                       # the newest export's statement
    number_ordered: int | None
    number_delivered: int
    delivery_years: list[int]
    first_seen: dt.date | None
    last_seen: dt.date | None
    files: list[int]


def merge_group(group: DealGroup) -> MergedDeal:
    """The newest statement, completed by older ones: the number ordered when the newest lacks it, and deliveries
    in years that no newer export covers. An older statement whose delivery years are all uncovered adds its number
    delivered; one that shares years with newer statements adds its number less what the newer ones delivered in
    the shared years (prorated by years when a newer statement also has other years), never below zero."""
    primary, _ = group.newest
    years: set[int] = set()
    delivered = 0
    covered: list[FileView] = []
    merged: list[Deal] = []
    number_ordered = None
    for d, fv in group.members:
        if number_ordered is None:
            number_ordered = d.number_ordered
        fresh = [y for y in d.delivery_years if not any(c.covers(y) for c in covered)]
        if fresh:
            if len(fresh) == len(d.delivery_years):
                delivered += d.number_delivered or 0
            else:
                shared = set(d.delivery_years) - set(fresh)
                known = sum((m.number_delivered or 0) * len(shared & set(m.delivery_years)) / len(m.delivery_years)
                            for m in merged if m.delivery_years)
                delivered += max(0, round((d.number_delivered or 0) - known))
            years.update(fresh)
        covered.append(fv)
        merged.append(d)
    dates = [fv.generated for _, fv in group.members if fv.generated is not None]
    return MergedDeal(primary=primary, number_ordered=number_ordered, number_delivered=delivered,
                      delivery_years=sorted(years), first_seen=min(dates, default=None),
                      last_seen=max(dates, default=None), files=[fv.file_id for _, fv in group.members])


def register_status(sipri_status: str | None, number_ordered: int | None, number_delivered: int | None) -> str:
    """cancelled when SIPRI says so; delivered when units were delivered and none remain (or no number ordered is
    known); ordered otherwise (nothing delivered yet, or part of the order still to come)."""
    if sipri_status and re.search(r"cancel", sipri_status, re.I):
        return "cancelled"
    delivered = number_delivered or 0
    if delivered > 0 and (number_ordered is None or delivered >= number_ordered):
        return "delivered"
    return "ordered"


def _key_part(s: str | None) -> str:
    return (s or "?").replace("|", "/")


def record_key(m: MergedDeal, register: str = "sipri", deal_id: str | None = None) -> str:
    """``sipri|SUPPLIER|RECIPIENT|designation|order year|deal``: the deal is the SIPRI AT Database ID, or for a
    classic-only deal ``n<number ordered>`` (the content key's last part), ``#2``... for the second... deal of its
    export with the same content key."""
    p = m.primary
    tail = deal_id if deal_id else f"n{p.number_ordered if p.number_ordered is not None else '?'}"
    if not deal_id and p.nth > 1:
        tail += f"#{p.nth}"
    return "|".join((register, _key_part(p.supplier), _key_part(p.recipient),
                     _key_part(clean_designation(p.designation)),
                     str(p.order_year) if p.order_year is not None else "?", tail))


def group_record(group: DealGroup, register: str = "sipri") -> tuple[TransferRecord, int | None]:
    """The transfer record of a deal, and the register row it points to (the newest statement)."""
    m = merge_group(group)
    p = m.primary
    status = register_status(p.status, m.number_ordered, m.number_delivered)
    years = m.delivery_years
    timeline = [StatusEvent("ordered", p.order_year, None, [])]
    timeline += [StatusEvent("delivered", y, None, []) for y in years]
    if status == "cancelled":
        timeline.append(StatusEvent("cancelled", None, None, []))
    ordered, delivered = m.number_ordered, m.number_delivered
    q_max = ordered if ordered is not None else (delivered or None)
    if q_max is not None and delivered > q_max:
        q_max = delivered
    q_min = delivered if q_max is not None and 0 < delivered < q_max else q_max
    end = max(years) if years else p.order_year
    rec = TransferRecord(
        id=None, supplier=p.supplier, recipient=p.recipient, system=clean_designation(p.designation) or None,
        category=p.category, period_start=p.order_year if p.order_year is not None else (years[0] if years else None),
        period_end=end, status=status, timeline=timeline, first_seen=m.first_seen, last_seen=m.last_seen,
        quantity_min=q_min, quantity_max=q_max, claims=0, sources=1, hedged=0, unhedged=1,
        confidence=REGISTER_CONFIDENCE, source=register, key=record_key(m, register, group.deal_id))
    return rec, p.row_id


def register_records(groups: list[DealGroup], register: str = "sipri") -> Iterator[tuple[TransferRecord, int | None]]:
    """One record per group; keys are made unique ("+2" appended) should two deals still share one."""
    used: dict[str, int] = {}
    for g in groups:
        rec, row_id = group_record(g, register)
        n = used.get(rec.key, 0) + 1
        used[rec.key] = n
        if n > 1:
            rec = replace(rec, key=f"{rec.key}+{n}")
        yield rec, row_id
