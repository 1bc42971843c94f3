"""From the store to a briefing: the analyses of a region and period turned into facts, ranked, and written out.

Every finding is a ``analyze.facts.Fact`` rendered by its template (``report/sentences.py``): the key findings are
the heaviest facts (largest new deals, undelivered orders, new entrants, bloc shifts, the escalation indicator,
treaty ceilings, main suppliers), the sections hold the rest with their tables and charts. A finding cites
footnotes: the claim sentences behind it (one per independent document, copies and echoes left out), with the
document's title, publisher, date and address, and the register rows it rests on. A news record and the register
deal it reports count as one deal (``facts.deal_links``). A finding resting only on hedged reports says so in its
sentence ("reportedly", "unconfirmed") and is rated low. A record no claim dates stays undated: it is left out of
the period and of anything drawn over time, and the briefing says how many were left out.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from armsflow.analyze.dataset import Dataset, Item, buckets, item_buckets, load_dataset, resolve_region
from armsflow.analyze.drones import HELD, drone_operators, is_drone
from armsflow.analyze.dyads import dyad_acquisitions, escalation, load_rivals, pairs_in
from armsflow.analyze.entrants import find_entrants
from armsflow.analyze.facts import (
    MIN_REGISTER_DEALS,
    Fact,
    Prices,
    bloc_shift_facts,
    ceiling_facts,
    deal_facts,
    deal_links,
    drone_fact,
    entrant_facts,
    escalation_fact,
    independent_docs,
    once,
    rank_value,
    ranked,
    share_facts,
    supply_facts,
    undelivered_facts,
)
from armsflow.analyze.shares import concentration, supplier_shares
from armsflow.model import STATUSES
from armsflow.report.briefing import Briefing, Chart, Finding, Footnote, Section, Table, fold_shares
from armsflow.report.sentences import join as _join
from armsflow.report.sentences import sentence
from armsflow.report.sentences import words as _words

_CONTINENTS = ("Europe", "Africa", "Asia", "America", "Oceania")   # region names that take no "the"
_THE = ("United ", "Czech Republic", "Netherlands", "Philippines", "Central African", "Democratic Republic",
        "Dominican Republic", "Gambia", "Bahamas", "Maldives", "Comoros", "Republic of", "Houthis", "Wagner")
SUMMARY_SIZE = 8         # key findings
PER_KIND = 3             # at most this many key findings of one kind
SECTION_FINDINGS = 5     # findings a section states besides its table
ROWS_SHOWN = 12          # register rows listed in one footnote
DYAD_BUCKETS = 10        # five-year periods a dyad chart shows, the latest: a deal dated 0-9999 reaches 2,000


def _the(name: str) -> str:
    """The name as running text needs it: "the United States", "the Netherlands"."""
    return f"the {name}" if name.startswith(_THE) else name


def _region_the(name: str) -> str:
    """A region's name after "to": "the Western Balkans", "the Gulf region", but "Europe", "Southeast Asia"."""
    bare = name.startswith("the ") or (name.endswith(_CONTINENTS) and not name.startswith("Middle East"))
    return name if bare else f"the {name}"


class _Notes:
    """Footnotes numbered in order of first citation; one per claim sentence or register summary."""

    def __init__(self):
        self.items: list[Footnote] = []
        self._by_key: dict = {}

    def claim(self, c) -> int:
        key = ("claim", c.document_id, c.evidence)        # one sentence is one footnote, whatever it claims
        if key not in self._by_key:
            note = f"{c.echo_kind} of an earlier document" if c.original_id else None
            cluster = getattr(c, "source_id", None)
            self._add(key, Footnote(0, c.evidence, c.doc, getattr(c, "title", None), c.publisher, c.published,
                                    getattr(c, "url", None), c.hedged, "news", note,
                                    cluster=f"cluster:{cluster}" if cluster else None))
        return self._by_key[key]

    def register(self, key, text: str, doc: str, rows: list[str] = ()) -> int:
        if ("reg", key) not in self._by_key:
            self._add(("reg", key), Footnote(0, text, doc, "SIPRI Arms Transfers Database, trade register",
                                             "SIPRI", None, None, False, "register", rows=list(rows)))
        return self._by_key[("reg", key)]

    def _add(self, key, fn: Footnote) -> None:
        fn.n = len(self.items) + 1
        self.items.append(fn)
        self._by_key[key] = fn.n


def _source(c):
    """The independent source of a claim: its document's source cluster (or, for evidence that does not carry
    one, the document it repeats, else its own)."""
    return getattr(c, "source_id", None) or c.original_id or c.document_id


def _independent(claims) -> list:
    """One claim per independent source: copies and echoes are left out when the document that stands for their
    source is cited."""
    firsts = {}
    for c in claims:
        if c.review == "rejected":
            continue
        src = _source(c)
        best = firsts.get(src)
        if best is None or (best.document_id != src and c.document_id == src):
            firsts[src] = c          # the cluster's own document wins over a copy of it
    return list(firsts.values())


def _undated_sentence(ds: Dataset, since, until) -> str:
    """What the briefing left out for want of a year, in a sentence ("" when nothing)."""
    out, held = ds.undated_out, ds.undated_left_out(True) - ds.undated_out
    parts = []
    if out:
        parts.append(f"{out} record{'s' if out != 1 else ''} of the region with no stated year "
                     f"{'was' if out == 1 else 'were'} left out of the period "
                     f"{since if since is not None else '…'}–{until if until is not None else '…'}")
    if held:
        parts.append(f"{held} record{'s' if held != 1 else ''} with no stated year count{'s' if held == 1 else ''} in "
                     f"the supplier findings and tables but not in the timeline, the dyads or the new entrants")
    if not parts:
        return ""
    return ("; ".join(parts) + ". No claim behind them states a year, and an article's publication date is not "
            "taken for the year of what it reports.")


def _stored_links(store) -> dict[int, int] | None:
    """news record id → register record id as the store links them, when it does (news↔register linking); None
    when the store keeps no such link, and ``facts.deal_links`` pairs them by its rule."""
    from armsflow.store import queries

    fetch = getattr(queries, "register_links", None)
    return fetch(store) if fetch else None


def _row_line(rid: int, row) -> str:
    years = ", ".join(str(y) for y in row.delivery_years) or "none"
    number = f"{row.number_ordered:,} " if row.number_ordered else ""
    what = f"{number}{row.designation or 'unnamed'}" + (f" ({row.description})" if row.description else "")
    value = f"TIV {row.tiv_total:g}" if row.tiv_total else (f"TIV delivered {row.tiv_delivered:g}"
                                                            if row.tiv_delivered else "no TIV")
    got = f" ({row.number_delivered:,})" if row.number_delivered else ""
    return (f"{row.file} row {row.id}: {row.supplier_name} → {row.recipient_name}, {what}, ordered "
            f"{row.order_year or '?'}, delivered {years}{got}, {value}")


class _Cite:
    """Footnotes for facts: the independent claims behind a fact's news records, and one note for its register rows."""

    def __init__(self, store, ds: Dataset, notes: _Notes, period: str):
        self.store, self.ds, self.notes, self.period = store, ds, notes, period
        self._rows: dict[int, object] = {}

    def __call__(self, fact: Fact, what: str | None = None, claims_max: int = 4) -> list[int]:
        from armsflow.store.queries import register_rows_of

        claims = _independent([c for rid in fact.records for c in self.ds.evidence.get(rid, [])])
        out = [self.notes.claim(c) for c in claims[:claims_max]]
        if fact.register_rows:
            missing = [r for r in fact.register_rows if r not in self._rows]
            if missing:
                self._rows.update(register_rows_of(self.store, missing))
            rows = [(rid, self._rows[rid]) for rid in fact.register_rows if rid in self._rows]
            lines = [_row_line(rid, row) for rid, row in rows[:ROWS_SHOWN]]
            if len(rows) > ROWS_SHOWN:
                lines.append(f"and {len(rows) - ROWS_SHOWN} more")
            n = len(fact.register_rows)
            text = what or f"SIPRI trade register: {n} deal{'s' if n != 1 else ''}."
            files = sorted({row.file for _, row in rows}) or ["SIPRI trade register"]
            out.append(self.notes.register(tuple(sorted(fact.register_rows)), text, ", ".join(files), lines))
        return out


def _finding(fact: Fact, name, cite: _Cite, what: str | None = None) -> Finding:
    sources = max(1, len({c.original_id or c.document_id
                          for rid in fact.records for c in cite.ds.evidence.get(rid, [])}))
    confidence = "low" if fact.hedged else ("high" if fact.source != "news" or sources >= 2 else "moderate")
    return Finding(sentence(fact, name), cite(fact, what), confidence, fact)


BUILD_STAGES = ["reading records", "deals", "new entrants", "bloc shifts", "rival dyads", "treaty ceilings",
                "shares and drones", "findings"]


def build_briefing(store, region: str, since: int | None = None, until: int | None = None, min_sources: int = 0,
                   exclude_hedged: bool = False, catalog=None, progress=None) -> Briefing:
    """``progress`` (progress.py) hears each stage: a briefing of a large store takes a while."""
    from armsflow.analyze.ceilings import ceilings_from_store, load_treaty, treaties
    from armsflow.analyze.components import families
    from armsflow.catalog import load_catalog
    from armsflow.progress import stages
    from armsflow.store.queries import unit_values

    at = stages(progress, "briefing", BUILD_STAGES)
    at("reading records")
    cat = catalog or load_catalog()
    label, members = resolve_region(region, cat)
    group = cat.groups.get(label)
    region_name = group.name if group else (cat.actor_name(label) or label)
    name = lambda code: _the(cat.actor_name(code) or code or "unknown")    # noqa: E731
    plain = lambda code: cat.actor_name(code) or code or "unknown"          # noqa: E731 (tables, captions)
    notes = _Notes()
    ds = load_dataset(store, region, since, until, min_sources, exclude_hedged, with_evidence=True, catalog=cat)
    # the news records a register deal stands for (one deal once) still speak in the news sections
    # an undated report linked to a register deal stays out of a briefing of a period, as undated records do
    news = [it for it in ds.items if not it.is_register] + [
        Item(n) for it in ds.items for n in it.news if n.period_start is not None or (since is None and until is None)]
    register = [it for it in ds.items if it.is_register]
    span = ds.span()
    if since is not None or until is not None:       # the period asked for, even when nothing falls in it
        period = f"{since if since is not None else (span[0] if span else '…')}–" \
                 f"{until if until is not None else (span[1] if span else '…')}"
    else:
        period = f"{span[0]}–{span[1]}" if span else "all years"
    end = until if until is not None else (span[1] if span else None)
    undated = _undated_sentence(ds, since, until)
    cite = _Cite(store, ds, notes, period)

    at("deals")
    family = families(cat)
    links = deal_links(ds.items, family, _stored_links(store))
    prices = Prices(unit_values(store, {it.record.category for it in ds.items}), family)
    deals = once(ds.items, links)
    total = sum(rank_value(it, prices) for it in deals)

    undelivered = undelivered_facts(ds, links, prices, total, end)
    grouped = {rid for f in undelivered for rid in f.records}
    deal_list = [f for f in deal_facts(ds, links, prices, total, end) if not set(f.records) & grouped]
    at("new entrants")
    _, entrants = find_entrants(store, region, since, until, min_sources, exclude_hedged, catalog=cat)
    entrant_list = entrant_facts(ds, entrants, links, prices, total)
    at("bloc shifts")
    shift_list, shift_table = _bloc_shifts(store, region, since, end, min_sources, exclude_hedged, cat, links, family)
    at("rival dyads")
    dyad_section, escalation_list = _dyads(store, region, since, end, min_sources, exclude_hedged, cat, name, plain)
    at("treaty ceilings")
    ceiling_section, ceiling_list = _ceilings(store, members, since, end, cat, ceilings_from_store, load_treaty,
                                              treaties, plain)
    at("shares and drones")
    share_section, share_list = _register_shares(ds, register, plain, period)
    supply_list = supply_facts(ds, links)
    drone_section, drone_list = _drones(ds, name)

    at("findings")
    facts = ranked(deal_list + undelivered + entrant_list + shift_list + escalation_list + ceiling_list + share_list
                   + supply_list + drone_list)
    key, per_kind = [], defaultdict(int)
    for f in facts:
        if len(key) < SUMMARY_SIZE and per_kind[f.kind] < PER_KIND and f.weight > 0:
            key.append(f)
            per_kind[f.kind] += 1
    summary = [_finding(f, name, cite, _register_text(f, plain, period)) for f in key]
    in_summary = {id(f) for f in key}

    def rest(kind_facts):
        """The heaviest facts of a section not among the key findings; its table shows everything."""
        return [_finding(f, name, cite, _register_text(f, plain, period)) for f in ranked(kind_facts)
                if id(f) not in in_summary][:SECTION_FINDINGS]

    sections: list[Section] = []
    if deal_list or undelivered:
        sections.append(_deals_section(deal_list, undelivered, rest, plain, period, end))
    supply_section = _news_suppliers(ds, news, plain)
    supply_section.findings = rest(supply_list)
    entrant_section = _entrant_section(entrants, plain)
    entrant_section.findings = rest(entrant_list)
    share_section.findings = rest(share_list)
    sections += [supply_section, entrant_section, share_section]
    if shift_table is not None:
        sections.append(Section("Bloc shares", findings=rest(shift_list), tables=[shift_table]))
    sections += [s for s in (_timeline(news, name, notes),) if s is not None]
    if drone_section is not None:
        drone_section.findings = rest(drone_list)
        sections.append(drone_section)
    if dyad_section is not None:
        dyad_section.findings = rest(escalation_list)
        sections.append(dyad_section)
    if ceiling_section is not None:
        ceiling_section.findings = rest(ceiling_list)
        sections.append(ceiling_section)
    sections += [s for s in (_map(ds, name),) if s is not None]
    method = (
        f"Built by armsflow on {dt.date.today().isoformat()} from its store: transfer records fused from news claims "
        f"and deals imported from the SIPRI trade register, for {region_name} ({', '.join(sorted(members or []))}) "
        f"in {period}. A record counts in every year of its period.\n\n"
        "Key findings are ranked by weight: the share of the period's deal value a deal, a group of undelivered "
        "orders or a new supplier stands for (SIPRI TIV; a deal the register has not valued yet is ranked, not "
        "shown, at the register's price per unit of its type), the change of a bloc's share, the rise of the "
        "escalation indicator, the part of a treaty ceiling the period's acquisitions take. A news record and the "
        "register deal it reports are one deal and count once.\n\n"
        "News findings cite the claim sentences behind them, one per independent document: a copy or a rewrite of "
        "an article counts as its original. A finding resting only on hedged reports (\"allegedly\", \"could\", "
        "\"according to some sources\") is worded as reported and called unconfirmed, and rated low; one plain report "
        "is moderate, two or more independent plain reports high. Register findings cite the register rows they "
        "count.\n\n"
        "Register figures count SIPRI deals whose period reaches the years shown; shares by value use SIPRI's trend "
        "indicator values (TIV) delivered in those years, spread evenly over a deal's delivery years. "
        "Concentration is the Herfindahl-Hirschman index of supplier shares (0-10,000). The escalation indicator "
        "and the bloc shares compare the period with the one of equal length before it."
        + (f"\n\nUndated records: {undated}" if undated else "")
        + (f"\n\nEvidence threshold: at least {min_sources} independent sources." if min_sources else "")
        + ("\n\nHedged reports were left out." if exclude_hedged else ""))
    return Briefing(title=f"Arms transfers to {_region_the(region_name)}" if group else f"Arms transfers: {region_name}",
                    subtitle=f"What the news and the SIPRI register say, {period}", region=region_name, period=period,
                    generated=dt.datetime.now().replace(microsecond=0), summary=summary, sections=sections,
                    footnotes=notes.items, method_note=method)


def _register_text(f: Fact, plain, period: str) -> str | None:
    """The register footnote's sentence for a fact: what its rows are."""
    n = len(f.register_rows)
    deals = f"{n} deal{'s' if n != 1 else ''}"
    if f.kind == "shares":
        return f"SIPRI trade register: {deals} with {plain(f.subject['recipient'])} as recipient whose period reaches " \
               f"{period}."
    if f.kind == "ceiling":
        return f"SIPRI trade register: the {deals} counted against the ceiling."
    if f.kind == "escalation":
        return f"SIPRI trade register: the {deals} of {plain(f.subject['a'])} and {plain(f.subject['b'])} in " \
               f"{f.numbers['bucket'].replace('-', '–')} in the categories both acquired."
    if f.kind == "bloc_shift":
        return f"SIPRI trade register: the {deals} of suppliers aligned with {f.subject['group_name']} in " \
               f"{f.numbers['first_bucket'].replace('-', '–')} and {f.numbers['last_bucket'].replace('-', '–')}."
    if f.kind == "drones":
        return f"SIPRI trade register: the drone {deals}."
    return None


def _previous(since: int | None, end: int | None) -> tuple[int | None, int | None]:
    """The period of equal length before since..end, and its length (None, None without a period)."""
    if since is None or end is None or end < since:
        return None, None
    length = end - since + 1
    return since - length, length


def _deals_section(deal_list, undelivered, rest, plain, period, end) -> Section:
    rows = []
    for f in ranked(deal_list):
        s, n = f.subject, f.numbers
        rows.append([plain(s["recipient"]), plain(s["supplier"]), s["system"] or _words(s["category"]),
                     n["quantity"], str(n["year"]), "yes" if n["delivered"] else "no",
                     f"{n['tiv']:g}" if n["tiv"] else "", f.source + (" (hedged)" if f.hedged else "")])
    for f in ranked(undelivered):
        s, n = f.subject, f.numbers
        for (system, category, quantity, src), year in zip(s["items"], n["item_years"]):
            rows.append([plain(s["recipient"]), plain(s["supplier"]), system or _words(category), quantity,
                         str(year), "no", "", src])
    return Section("New deals of the period", findings=rest(deal_list + undelivered), tables=[Table(
        f"Deals ordered in {period}", ["Recipient", "Supplier", "System", "Number", "Ordered", "Delivered",
                                       "TIV", "From"], rows,
        "One row per deal: a news record that reports a register deal is that deal. TIV: SIPRI trend-indicator "
        "value in millions, empty when the register gives none."
        + (f" Delivered: by {end}." if end else ""))])


def _entrant_section(entrants, plain) -> Section:
    rows = [[plain(e.supplier), plain(e.where), str(e.year), _join([_words(c) for c in e.categories]), e.status,
             e.sources, "yes" if e.hedged else "no", e.source] for e in entrants if e.scope == "recipient"]
    return Section("New entrants", findings=[], tables=[Table(
        "Suppliers appearing for the first time", ["Supplier", "Recipient", "Year", "Equipment", "Status",
                                                   "Sources", "Hedged", "From"], rows,
        "A supplier is new when no earlier record of it with that recipient exists, in the news or the register.")])


def _bloc_shifts(store, region, since, end, min_sources, exclude_hedged, cat, links, family):
    from armsflow.analyze.shares import alignment_trend, bloc_alignment, load_alignment

    start, length = _previous(since, end)
    if start is None:
        return [], None
    wide = load_dataset(store, region, start, end, min_sources, exclude_hedged, with_evidence=True, catalog=cat)
    wide.items = once(wide.items, deal_links(wide.items, family, None) | links)
    wide.since = start
    table = load_alignment(catalog=cat)
    rows = bloc_alignment(wide, table, "count", "region", length)
    changes = alignment_trend(rows)
    names = {g.slug: g.name for g in table.groups} | {table.default: "no bloc (other suppliers)"}
    facts = bloc_shift_facts(changes, names, rows, wide)
    bs = buckets(start, end, length)
    for f in facts:          # the deals of the group in either period: the evidence of the shift
        mine = [it for it in wide.items if it.record.supplier and table.group_of(it.record.supplier) == f.subject["group"]
                and item_buckets(it, bs)]
        f.records = [it.record.id for it in mine]
        f.register_rows = [it.record.id for it in mine if it.is_register]
        f.claims = sorted({c.id for it in mine for c in wide.evidence.get(it.record.id, [])})
    out = [[names.get(r.group, r.group), r.bucket.replace("-", "–"), r.records, f"{r.share:.0%}", r.source]
           for r in rows]
    return facts, Table("Supplier blocs' share of the region's deals", ["Bloc", "Period", "Deals", "Share", "From"],
                        out, "Deals whose period reaches each period, news and register, one deal counted once.")


def _dyads(store, region, since, end, min_sources, exclude_hedged, cat, name, plain):
    """The rival pairs of the region: acquisitions by category side by side, and the escalation indicator of the
    period against the one before it (the whole span in five-year buckets without a period)."""
    start, length = _previous(since, end)
    _, members = resolve_region(region, cat)
    facts, section = [], None
    for pair in pairs_in(load_rivals(), members):
        # both sides' acquisitions, a side outside the region included
        wide = load_dataset(store, {pair.a, pair.b}, start, end, min_sources, exclude_hedged, catalog=cat)
        rows = dyad_acquisitions(wide, pair, bucket_years=length or 5)
        if not rows:
            continue
        esc = escalation(wide, pair, bucket_years=length or 5)
        last = esc[-1] if esc else None
        behind = [it for it in wide.items if it.record.recipient in (pair.a, pair.b) and last
                  and it.years and it.years[-1] >= last.start and it.years[0] <= last.end
                  and it.record.category in last.shared]
        fact = escalation_fact(pair, esc, behind, (pair.a, pair.b))
        if fact is not None and (fact.numbers["mutual"] or fact.numbers["previous_mutual"]):
            facts.append(fact)
        if section is None:
            sides = []
            for side, code in (("a", pair.a), ("b", pair.b)):
                counts: dict = defaultdict(dict)
                for row in rows:
                    n = row.a_records if side == "a" else row.b_records
                    if n:
                        counts[row.bucket][row.category] = counts[row.bucket].get(row.category, 0) + n
                sides.append({"label": f"{plain(code)} acquires", "counts": dict(counts)})
            buckets = list(dict.fromkeys(row.bucket for row in sorted(rows, key=lambda r: r.start)))[-DYAD_BUCKETS:]
            sides = [{**sd, "counts": {b: c for b, c in sd["counts"].items() if b in buckets}} for sd in sides]
            caption = f"Records per {length or 5}-year period, news and register."
            periods = len({row.start for row in rows})
            if periods > len(buckets):
                caption += f" The last {len(buckets)} of {periods} periods with records."
            caption += " Escalation indicator (mutual acquisition M, change E): " + "; ".join(
                f"{e.bucket} M = {e.mutual:g}" + (f", E = {e.change:+g}" if e.change is not None else "")
                for e in esc[-2:]) + "."
            section = Section("Rival dyads", charts=[Chart(
                "dyad", f"{plain(pair.a)} and {plain(pair.b)}: acquisitions by category",
                {"sides": sides, "buckets": buckets}, caption)])
    return section, facts


def _ceilings(store, members, since, end, cat, ceilings_from_store, load_treaty, treaties, plain):
    """The treaty ceilings binding a state of the region, with the period's acquisitions against them."""
    for tid in treaties():
        t = load_treaty(tid)
        if not {s for h in t.holders.values() for s in h.states} & set(members or ()):
            continue
        t, rows = ceilings_from_store(store, tid, since, end, cat=cat)
        mine = [r for r in rows if set(r.states.split(",")) & set(members or ())]
        table = Table(f"{t.short}: ceilings and the period's acquisitions",
                      ["Holder", "Category", "Ceiling", "Holdings", "Year", "Acquired", "Records", "May count",
                       "Headroom"],
                      [[r.holder_name, r.category_name, r.ceiling, r.holdings, r.holdings_year, r.acquired,
                        r.acquired_records, r.possible_records, r.headroom if r.headroom is not None else "unknown"]
                       for r in mine],
                      f"{t.citation} Acquired: numbers ordered or delivered in the period (register, and news the "
                      f"register does not have). Headroom: ceiling − holdings − acquired after the holdings year.")
        return Section("Arms-control ceilings", tables=[table]), ceiling_facts(t, rows, members)
    return None, []


def _register_shares(ds: Dataset, register, plain, period):
    reg_ds = Dataset(items=register, region=ds.region, members=ds.members, since=ds.since, until=ds.until)
    concs = concentration(reg_ds, "count")
    by_count = {c.scope: c for c in concs}
    by_tiv = {c.scope: c for c in concentration(reg_ds, "tiv")}
    shares, tiv_shares = defaultdict(list), defaultdict(list)
    for s in supplier_shares(reg_ds, "count"):
        shares[s.scope].append(s)
    for s in supplier_shares(reg_ds, "tiv"):
        tiv_shares[s.scope].append(s)
    deals = defaultdict(list)
    for it in register:
        deals[it.record.recipient].append(it.record.id)
    facts = share_facts(sorted(concs, key=lambda c: -c.records), shares, tiv_shares, by_tiv, deals, len(register),
                        period)
    rows = [[plain(c.scope), c.records, c.suppliers, plain(c.top), f"{c.top_share:.0%}", f"{c.hhi:,.0f}",
             f"{by_tiv[c.scope].hhi:,.0f}" if c.scope in by_tiv and by_tiv[c.scope].total else ""]
            for c in sorted(concs, key=lambda c: -c.records)]
    recipients = {scope: [(s.supplier, s.share, s.records) for s in shares[scope]] for scope in shares
                  if by_count[scope].records >= MIN_REGISTER_DEALS}
    folded = []
    for scope, parts in recipients.items():
        rest = fold_shares(parts)[1]
        if rest:
            folded.append(f"{plain(scope)} {sum(p[1] for p in rest):.0%} ("
                          + ", ".join(f"{plain(p[0])} {p[1]:.0%}" for p in rest) + ")")
    caption = "Share of each recipient's SIPRI deals in the period, by supplier; every supplier above 5% is shown."
    if folded:
        caption += " Other: " + "; ".join(folded) + "."
    chart = Chart("shares", "Supplier shares per recipient (register deals)", {
        "recipients": recipients,
        "names": {s.supplier: plain(s.supplier) for v in shares.values() for s in v} | {k: plain(k) for k in shares}},
        caption)
    section = Section("Who supplies the region: the register", findings=[],
                      tables=[Table("Supplier concentration by recipient (register)",
                                    ["Recipient", "Deals", "Suppliers", "Largest", "Share", "HHI deals", "HHI value"],
                                    rows, "HHI: sum of squared supplier shares x 10,000.")],
                      charts=[chart] if recipients else [])
    return section, facts


def _news_suppliers(ds: Dataset, news, plain) -> Section:
    by_supplier = defaultdict(list)
    for it in news:
        if it.record.supplier and it.record.recipient:
            by_supplier[it.record.supplier].append(it)
    rows, edges = [], []
    for sup in sorted(by_supplier, key=lambda s: (-len({i.record.recipient for i in by_supplier[s]}), s)):
        items = by_supplier[sup]
        recipients = sorted({i.record.recipient for i in items}, key=plain)
        systems = sorted({i.record.system for i in items if i.record.system})
        docs = independent_docs([c for i in items for c in ds.evidence.get(i.record.id, [])])
        rows.append([plain(sup), _join([plain(r) for r in recipients]), _join([_words(i.record.category)
                                                                                 for i in items]),
                     ", ".join(systems[:4]), len(items), len(docs)])
        for r in recipients:
            mine = [i for i in items if i.record.recipient == r]
            edges.append((sup, r, len(mine), ", ".join(sorted({i.record.system for i in mine if i.record.system}))[:40]
                          or None))
    network = Chart("network", "Who supplies whom in the news", {
        "edges": edges, "names": {c: plain(c) for e in edges for c in e[:2]}, "focus": sorted(ds.members or [])},
        "Arrow width: news records between the two states; labels name the systems.")
    return Section("Suppliers in the news", findings=[],
                   tables=[Table("Suppliers reported in the news", ["Supplier", "Recipients", "Equipment",
                                                                    "Systems", "Records", "Sources"], rows)],
                   charts=[network] if edges else [])


def _drones(ds: Dataset, name):
    ops = drone_operators(ds, limit=8)
    if not ops:
        return None, []

    def items_of(recipient):
        return [it for it in ds.items if it.record.recipient == recipient and is_drone(it)
                and it.record.status in HELD]
    fact = drone_fact(ops, items_of)
    rows = [[name(o.recipient), o.records, o.uav, o.loitering, o.units or "", _join([name(s) for s in o.suppliers]),
             o.source] for o in ops]
    return Section("Drones", tables=[Table("Drone operators of the region", ["Recipient", "Records", "UAV",
                                                                           "Loitering", "Units", "Suppliers",
                                                                           "From"], rows)]), [fact]


def _timeline(news, name, notes) -> Section | None:
    events = []
    for it in news:
        r = it.record
        label = f"{name(r.recipient)} ← {name(r.supplier)}: {r.system or _words(r.category)}"
        for ev in r.timeline:
            # an event no claim dates has no place on the axis: its report's date is not its year
            if ev.year is not None and ev.status in STATUSES:     # a status of no known stage has no marker
                events.append((ev.year, label, ev.status))
    if not events:
        return None
    return Section("Deals over time", charts=[Chart("timeline", "Deals reported in the news, by status",
                                                    {"events": events[:60]},
                                                    "One row per record; a marker per status reported.")])


def _map(ds: Dataset, name) -> Section | None:
    flows: dict[tuple, int] = defaultdict(int)
    for it in ds.items:
        if it.record.supplier and it.record.recipient:
            flows[(it.record.supplier, it.record.recipient)] += 1
    if not flows:
        return None
    return Section("Map of flows", charts=[Chart("flowmap", "Arms flows into the region", {
        "flows": [(s, r, w) for (s, r), w in sorted(flows.items())], "names": {c: name(c) for k in flows for c in k},
        "focus": sorted(ds.members or [])}, "Arrow width: records (news and register) between the two states.")])
