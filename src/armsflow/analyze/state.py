"""One state's arms trade at a glance: its partners by category, its suppliers' shares and concentration, their bloc
alignment over time and the rival pairs it belongs to (the state page of the dashboard and ``/api/v1/states``).

A summary reads every record of the state and of its rivals, about a second for a large state of a store of 10^6
claims: too slow per request, so it is computed when the records behind it change (``engine/summaries.py``) and
kept in the store as JSON under the basis it was computed at (``Store.summary``). ``depends_on`` names the actors
whose records it reads; a write to any of them makes the kept summary stale.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import orjson

from armsflow.analyze import dyads as D
from armsflow.analyze.shares import (Alignment, AlignmentChange, AlignmentShare, Concentration, Share,
                                     alignment_trend, bloc_alignment, concentration, load_alignment, supplier_shares)

FORMAT = 1                               # bump when the JSON shape changes: older kept summaries are recomputed
BUCKET_YEARS = 5


@dataclass
class Partner:
    """A partner of the state on one side: records, how many of them delivered, the years they span."""
    code: str | None
    records: int
    delivered: int
    first_year: int | None
    last_year: int | None


@dataclass
class StateSummary:
    code: str
    imports: list[tuple[str | None, str, int]]       # (supplier, category, records) of its imports
    exports: list[tuple[str | None, str, int]]       # (recipient, category, records) of its exports
    suppliers: list[Partner]                         # most records first
    recipients: list[Partner]
    shares: list[Share]                              # as ``armsflow shares --recipient CODE``
    conc: Concentration | None
    blocs: list[AlignmentShare]                      # as ``armsflow blocs --recipient CODE``
    trend: list[AlignmentChange]
    dyads: list[tuple[D.Rival, list[D.Escalation]]] = field(default_factory=list)   # ``armsflow dyads --escalation``


def summary_key(code: str) -> str:
    return f"state/{FORMAT}/{code}"


def depends_on(code: str, rivals: list[D.Rival] | None = None) -> set[str]:
    """The actors whose records the summary of ``code`` reads: the state and every rival it is paired with."""
    rivals = D.load_rivals() if rivals is None else rivals
    return {code} | {side for pair in D.pairs_in(rivals, frozenset({code})) for side in (pair.a, pair.b)}


def state_summary(store, code: str, since: int | None = None, until: int | None = None, source: str = "all",
                  catalog=None, rivals: list[D.Rival] | None = None, alignment: Alignment | None = None) \
        -> StateSummary:
    """Everything the state page shows of ``code`` for a period and a source (news, sipri or all), read from the
    store with the filters of ``/records`` (counts in SQL). ``rivals`` and ``alignment`` default to the shipped
    tables (read from their files: pass them when summing up many states)."""
    from armsflow.analyze.dataset import load_dataset
    from armsflow.store.aggregates import partner_category_counts, partner_counts
    from armsflow.store.queries import RecordFilter

    f = RecordFilter(since=since, until=until, source=None if source == "all" else source)
    with store.reading():
        imports = partner_category_counts(store, code, "recipient", f)
        exports = partner_category_counts(store, code, "supplier", f)
        suppliers = [Partner(*p) for p in partner_counts(store, code, "recipient", f)]
        recipients = [Partner(*p) for p in partner_counts(store, code, "supplier", f)]
        ds = load_dataset(store, {code}, since, until, 0, False, source, catalog=catalog)
        pairs = [(pair, load_dataset(store, {pair.a, pair.b}, since, until, 0, False, source, catalog=catalog))
                 for pair in D.pairs_in(D.load_rivals() if rivals is None else rivals, frozenset({code}))]
    return _summary(code, imports, exports, suppliers, recipients, ds, pairs, alignment or load_alignment(
        catalog=catalog))


def summaries_from(codes, records, tiv: dict, catalog, rivals: list[D.Rival], alignment: Alignment):
    """The unfiltered summary of each of ``codes`` from ``records`` already read (every record of those states
    and of their rivals, with the register's TIV values by record id): many states for one read of the store.
    Yields the same summaries as ``state_summary`` without filters."""
    from armsflow.analyze.dataset import make_dataset

    by_recipient: dict[str, list] = {}
    by_supplier: dict[str, list] = {}
    for r in records:
        by_recipient.setdefault(r.recipient, []).append(r)
        by_supplier.setdefault(r.supplier, []).append(r)

    def dataset(members: set[str]):
        recs = [r for m in sorted(members) for r in by_recipient.get(m, [])]
        return make_dataset(recs, {r.id: tiv[r.id] for r in recs if r.id in tiv}, members, catalog=catalog)

    for code in codes:
        imports, exports = by_recipient.get(code, []), by_supplier.get(code, [])
        pairs = [(pair, dataset({pair.a, pair.b})) for pair in D.pairs_in(rivals, frozenset({code}))]
        yield _summary(code, _by_category(imports, "supplier"), _by_category(exports, "recipient"),
                       _partners(imports, "supplier"), _partners(exports, "recipient"), dataset({code}), pairs,
                       alignment)


def _by_category(records, side: str) -> list[tuple[str | None, str, int]]:
    counts: dict[tuple, int] = {}
    for r in records:
        key = (getattr(r, side), r.category)
        counts[key] = counts.get(key, 0) + 1
    return [(p, c, n) for (p, c), n in counts.items()]


def _partners(records, side: str) -> list[Partner]:
    """As store.aggregates.partner_counts: records, delivered, first and last year per partner."""
    acc: dict = {}
    for r in records:
        p = acc.setdefault(getattr(r, side), [0, 0, None, None])
        p[0] += 1
        p[1] += r.status == "delivered"
        if r.period_start is not None:
            p[2] = r.period_start if p[2] is None else min(p[2], r.period_start)
        last = r.period_end if r.period_end is not None else r.period_start
        if last is not None:
            p[3] = last if p[3] is None else max(p[3], last)
    return sorted((Partner(c, n, d, lo, hi) for c, (n, d, lo, hi) in acc.items()),
                  key=lambda p: (-p.records, p.code or ""))


def _summary(code, imports, exports, suppliers, recipients, ds, pairs, alignment) -> StateSummary:
    """The analyses of the state's dataset and of its rival pairs' datasets; partner lists in a fixed order."""
    def order(rows):
        return sorted(rows, key=lambda r: (-r[2], r[0] or "", r[1]))

    blocs = bloc_alignment(ds, alignment, "count", "recipient", BUCKET_YEARS)
    return StateSummary(code, order(imports), order(exports), suppliers, recipients,
                        shares=supplier_shares(ds, "count", "recipient"),
                        conc=next(iter(concentration(ds, "count", "recipient")), None),
                        blocs=blocs, trend=alignment_trend(blocs),
                        dyads=[(pair, D.escalation(pds, pair, BUCKET_YEARS, "count")) for pair, pds in pairs])


def to_json(s: StateSummary) -> str:
    return orjson.dumps(s).decode()                   # dataclasses and tuples as objects and arrays


def from_json(text: str) -> StateSummary:
    d = orjson.loads(text)
    return StateSummary(
        d["code"], [tuple(r) for r in d["imports"]], [tuple(r) for r in d["exports"]],
        [Partner(**p) for p in d["suppliers"]], [Partner(**p) for p in d["recipients"]],
        shares=[Share(**r) for r in d["shares"]], conc=Concentration(**d["conc"]) if d["conc"] else None,
        blocs=[AlignmentShare(**r) for r in d["blocs"]], trend=[AlignmentChange(**r) for r in d["trend"]],
        dyads=[(D.Rival(**pair), [D.Escalation(**e) for e in rows]) for pair, rows in d["dyads"]])
