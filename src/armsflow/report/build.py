"""From the store to a briefing: the analyses of a region and period turned into sentences with their evidence.

Every finding cites footnotes: a news finding cites the claim sentences behind it (one per independent document,
copies and echoes left out), a register finding cites the register deals it counts. Each finding says where its
figures come from (news, the register, or both) and how firm they are: a finding resting only on hedged reports
says so in its sentence ("reportedly", "unconfirmed") and is rated low, never stated as a fact. A record no claim
dates stays undated: it is left out of the period and of anything drawn over time, and the briefing says how many
were left out.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from types import SimpleNamespace

from armsflow.analyze.dataset import Dataset, Item, load_dataset, resolve_region
from armsflow.analyze.drones import HELD, drone_operators, is_drone
from armsflow.analyze.dyads import dyad_acquisitions, escalation, load_rivals, pairs_in
from armsflow.analyze.entrants import find_entrants
from armsflow.analyze.shares import concentration, supplier_shares
from armsflow.model import STATUSES
from armsflow.report.briefing import Briefing, Chart, Finding, Footnote, Section, Table

CATEGORY_WORDS = {"uav": "drones", "loitering_munition": "loitering munitions", "combat_aircraft": "combat aircraft",
                  "aircraft": "aircraft", "helicopter": "helicopters", "tank": "tanks",
                  "armoured_vehicle": "armoured vehicles", "artillery": "artillery", "air_defence": "air defence",
                  "anti_tank": "anti-tank weapons", "missile": "missiles", "ship": "ships",
                  "small_arms": "small arms and ammunition", "sensor": "sensors", "other": "other equipment"}
MIN_REGISTER_DEALS = 5
_THE = ("United ", "Czech Republic", "Netherlands", "Philippines", "Central African", "Democratic Republic",
        "Dominican Republic", "Gambia", "Bahamas", "Maldives", "Comoros", "Republic of", "Houthis", "Wagner")
SUPPLIED = ("ordered", "delivered")
DYAD_BUCKETS = 10        # five-year periods a dyad chart shows, the latest: a deal dated 0-9999 reaches 2,000


def _the(name: str) -> str:
    """The name as running text needs it: "the United States", "the Netherlands"."""
    return f"the {name}" if name.startswith(_THE) else name


def _words(category: str) -> str:
    """A category as running text: "armoured vehicles"; one the model does not know as written, "equipment" when
    it is blank."""
    return CATEGORY_WORDS.get(category) or (category or "").replace("_", " ").strip() or "equipment"


def _join(words: list[str]) -> str:
    words = list(dict.fromkeys(words))
    if not words:
        return ""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


class _Notes:
    """Footnotes numbered in order of first citation; one per claim sentence or register summary."""

    def __init__(self):
        self.items: list[Footnote] = []
        self._by_key: dict = {}

    def claim(self, c) -> int:
        key = ("claim", c.id)
        if key not in self._by_key:
            note = f"{c.echo_kind} of an earlier document" if c.original_id else None
            self._add(key, Footnote(0, c.evidence, c.doc, None, c.publisher, c.published, None, c.hedged, "news",
                                    note))
        return self._by_key[key]

    def register(self, key, text: str, doc: str) -> int:
        if ("reg", key) not in self._by_key:
            self._add(("reg", key), Footnote(0, text, doc, None, "SIPRI Arms Transfers Database", None, None, False,
                                             "register"))
        return self._by_key[("reg", key)]

    def _add(self, key, fn: Footnote) -> None:
        fn.n = len(self.items) + 1
        self.items.append(fn)
        self._by_key[key] = fn.n


def _independent(claims) -> list:
    """One claim per independent document: copies and echoes are left out (their original is cited)."""
    seen, out = set(), []
    for c in claims:
        doc = c.original_id or c.document_id
        if doc not in seen and c.review != "rejected":
            seen.add(doc)
            out.append(c)
    originals = [c for c in out if not c.original_id]
    return originals or out          # an echo is cited only when its original is not among the evidence


def _hedged_only(items) -> bool:
    """Whether every record behind a finding is news that every independent source hedges (no register deal, no
    plain report): such a finding is worded as reported, not as a fact."""
    return bool(items) and all(not it.is_register and it.record.unhedged == 0 for it in items)


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


def _rating(sources: int, hedged: bool) -> str:
    if hedged:
        return "low"
    return "high" if sources >= 2 else "moderate"


def build_briefing(store, region: str, since: int | None = None, until: int | None = None, min_sources: int = 0,
                   exclude_hedged: bool = False, catalog=None) -> Briefing:
    from armsflow.catalog import load_catalog

    cat = catalog or load_catalog()
    label, members = resolve_region(region, cat)
    group = cat.groups.get(label)
    region_name = group.name if group else (cat.actor_name(label) or label)
    name = lambda code: _the(cat.actor_name(code) or code or "unknown")    # noqa: E731
    plain = lambda code: cat.actor_name(code) or code or "unknown"          # noqa: E731 (tables, captions)
    notes = _Notes()
    ds = load_dataset(store, region, since, until, min_sources, exclude_hedged, with_evidence=True, catalog=cat)
    # the news records a register deal stands for (one deal once) still speak in the news sections
    news = [it for it in ds.items if not it.is_register] + [Item(n) for it in ds.items for n in it.news]
    register = [it for it in ds.items if it.is_register]
    span = ds.span()
    if since is not None or until is not None:       # the period asked for, even when nothing falls in it
        period = f"{since if since is not None else (span[0] if span else '…')}–" \
                 f"{until if until is not None else (span[1] if span else '…')}"
    else:
        period = f"{span[0]}–{span[1]}" if span else "all years"
    undated = _undated_sentence(ds, since, until)

    summary: list[Finding] = []
    sections: list[Section] = []
    entrant_section, entrant_findings = _entrants(store, region, since, until, min_sources, exclude_hedged, cat,
                                                  name, plain, notes)
    summary += entrant_findings
    share_section, share_findings = _register_shares(ds, register, name, plain, notes, period)
    summary += share_findings[:1]
    supply_section, supply_findings = _news_suppliers(ds, news, name, plain, notes)
    summary += supply_findings
    sections += [supply_section, entrant_section, share_section]
    sections += [s for s in (_timeline(news, name, notes), _drones(ds, name), _dyads(ds, name), _map(ds, name))
                 if s is not None]
    if len(share_findings) > 1:
        share_section.findings += share_findings[1:]
    method = (
        f"Built by armsflow on {dt.date.today().isoformat()} from its store: transfer records fused from news claims "
        f"and deals imported from the SIPRI trade register, for {region_name} ({', '.join(sorted(members or []))}) "
        f"in {period}. A record counts in every year of its period.\n\n"
        "News findings cite the claim sentences behind them, one per independent document: a copy or a rewrite of "
        "an article counts as its original. A finding resting only on hedged reports (\"allegedly\", \"could\", "
        "\"according to some sources\") is worded as reported and called unconfirmed, and rated low; one plain report "
        "is moderate, two or more independent plain reports high.\n\n"
        "Register figures count SIPRI deals whose period reaches the years shown; shares by value use SIPRI's trend "
        "indicator values (TIV) delivered in those years, spread evenly over a deal's delivery years. "
        "Concentration is the Herfindahl-Hirschman index of supplier shares (0-10,000)."
        + (f"\n\nUndated records: {undated}" if undated else "")
        + (f"\n\nEvidence threshold: at least {min_sources} independent sources." if min_sources else "")
        + ("\n\nHedged reports were left out." if exclude_hedged else ""))
    return Briefing(title=f"Arms transfers to the {region_name}" if group else f"Arms transfers: {region_name}",
                    subtitle=f"What the news and the SIPRI register say, {period}", region=region_name, period=period,
                    generated=dt.datetime.now().replace(microsecond=0), summary=summary, sections=sections,
                    footnotes=notes.items, method_note=method)


def _entrants(store, region, since, until, min_sources, exclude_hedged, cat, name, plain, notes):
    _, found = find_entrants(store, region, since, until, min_sources, exclude_hedged, catalog=cat)
    rows, findings = [], []
    for e in found:
        if e.scope != "recipient":
            continue
        claims = _independent([_as_claim(ev) for ev in e.evidence])
        cited = [notes.claim(c) for c in claims]
        rows.append([plain(e.supplier), plain(e.where), str(e.year), _join([_words(c) for c in e.categories]),
                     e.status, e.sources, "yes" if e.hedged else "no", e.source])
        if "news" in e.source:
            firmness = ("unconfirmed: every source hedges it" if e.hedged else "stated plainly")
            findings.append(Finding(
                f"{name(e.supplier)} is {'reportedly ' if e.hedged else ''}a new entrant in {name(e.where)}'s arms "
                f"market: first reported in {e.year} "
                f"({_join([_words(c) for c in e.categories])}, status {e.status}; {firmness}; "
                f"{e.sources} independent source{'s' if e.sources != 1 else ''}).",
                cited, _rating(e.sources, e.hedged)))
    section = Section("New entrants", findings=[], tables=[Table(
        "Suppliers appearing for the first time", ["Supplier", "Recipient", "Year", "Equipment", "Status",
                                                   "Sources", "Hedged", "From"], rows,
        "A supplier is new when no earlier record of it with that recipient exists, in the news or the register.")])
    return section, findings


def _as_claim(ev) -> SimpleNamespace:
    """An entrant's evidence item shaped like a stored claim, for the footnote book."""
    return SimpleNamespace(id=ev.claim_id, evidence=ev.evidence, doc=ev.doc, publisher=ev.publisher,
                           published=ev.published, hedged=ev.hedged, original_id=ev.echo_of,
                           echo_kind="echo" if ev.echo_of else None, document_id=ev.doc, review="")


def _register_shares(ds: Dataset, register, name, plain, notes, period):
    reg_ds = Dataset(items=register, region=ds.region, members=ds.members, since=ds.since, until=ds.until)
    by_count = {c.scope: c for c in concentration(reg_ds, "count")}
    by_tiv = {c.scope: c for c in concentration(reg_ds, "tiv")}
    shares = defaultdict(list)
    for s in supplier_shares(reg_ds, "count"):
        shares[s.scope].append(s)
    tiv_shares = defaultdict(list)
    for s in supplier_shares(reg_ds, "tiv"):
        tiv_shares[s.scope].append(s)
    findings, rows = [], []
    for scope in sorted(by_count, key=lambda k: -by_count[k].records):
        c = by_count[scope]
        top = shares[scope][:2]
        rows.append([plain(scope), c.records, c.suppliers, plain(c.top), f"{c.top_share:.0%}", f"{c.hhi:,.0f}",
                     f"{by_tiv[scope].hhi:,.0f}" if scope in by_tiv and by_tiv[scope].total else ""])
        if c.records < MIN_REGISTER_DEALS or len(top) < 2:
            continue
        fn = notes.register(scope, f"SIPRI trade register: {c.records} deals with {name(scope)} as recipient "
                                   f"whose period reaches {period}, from {c.suppliers} suppliers.", "SIPRI trade register")
        text = (f"{name(scope)}'s {period} imports come mainly from {name(top[0].supplier)} ({top[0].share:.0%} of "
                f"{c.records} register deals) and {name(top[1].supplier)} ({top[1].share:.0%})")
        tv = tiv_shares.get(scope, [])[:2]
        if len(tv) == 2:
            text += (f"; by value (TIV delivered) {name(tv[0].supplier)} {tv[0].share:.0%} and "
                     f"{name(tv[1].supplier)} {tv[1].share:.0%}")
        text += f". Supplier concentration (HHI) is {c.hhi:,.0f} by deals"
        if scope in by_tiv and by_tiv[scope].total:
            text += f" and {by_tiv[scope].hhi:,.0f} by value"
        findings.append(Finding(text + " (register).", [fn], "high"))
    chart = Chart("shares", "Supplier shares per recipient (register deals)", {
        "recipients": {scope: [(s.supplier, s.share, s.records) for s in shares[scope]] for scope in shares
                       if by_count[scope].records >= MIN_REGISTER_DEALS},
        "names": {s.supplier: plain(s.supplier) for v in shares.values() for s in v} | {k: plain(k) for k in shares}},
        "Share of each recipient's SIPRI deals in the period, by supplier.")
    section = Section("Who supplies the region: the register", findings=[],
                      tables=[Table("Supplier concentration by recipient (register)",
                                    ["Recipient", "Deals", "Suppliers", "Largest", "Share", "HHI deals", "HHI value"],
                                    rows, "HHI: sum of squared supplier shares x 10,000.")],
                      charts=[chart] if chart.data["recipients"] else [])
    return section, findings


def _news_suppliers(ds: Dataset, news, name, plain, notes):
    by_supplier = defaultdict(list)
    for it in news:
        if it.record.supplier and it.record.recipient:
            by_supplier[it.record.supplier].append(it)
    findings, rows, edges = [], [], []
    for sup in sorted(by_supplier, key=lambda s: (-len({i.record.recipient for i in by_supplier[s]}), s)):
        items = by_supplier[sup]
        recipients = sorted({i.record.recipient for i in items}, key=name)
        cats = [_words(i.record.category) for i in items]
        systems = sorted({i.record.system for i in items if i.record.system})
        claims = _independent([c for i in items for c in ds.evidence.get(i.record.id, [])])
        hedged = all(c.hedged for c in claims) if claims else False
        docs = len({c.original_id or c.document_id for c in claims})
        rows.append([plain(sup), _join([plain(r) for r in recipients]), _join(cats), ", ".join(systems[:4]), len(items),
                     docs])
        for r in recipients:
            mine = [i for i in items if i.record.recipient == r]
            edges.append((sup, r, len(mine), ", ".join(sorted({i.record.system for i in mine if i.record.system}))[:40]
                          or None))
        if len(recipients) >= 2 or len(by_supplier) <= 3:
            cited = [notes.claim(c) for c in claims[:4]]
            hedged = hedged or _hedged_only(items)
            firmness = " Unconfirmed: every report hedges it." if hedged else ""
            confirmed = sum(1 for i in items if i.record.links)
            if confirmed:
                firmness += (f" {confirmed} of these {len(items)} record{'s' if len(items) != 1 else ''} "
                             f"confirmed by SIPRI.")
            findings.append(Finding(_supply_sentence(sup, items, name) + f", according to {docs} independent "
                                    f"report{'s' if docs != 1 else ''} (news).{firmness}", cited, _rating(docs, hedged)))
    network = Chart("network", "Who supplies whom in the news", {
        "edges": edges, "names": {c: plain(c) for e in edges for c in e[:2]}, "focus": sorted(ds.members or [])},
        "Arrow width: news records between the two states; labels name the systems.")
    section = Section("Suppliers in the news", findings=findings[1:] if len(findings) > 1 else [],
                      tables=[Table("Suppliers reported in the news", ["Supplier", "Recipients", "Equipment",
                                                                       "Systems", "Records", "Sources"], rows)],
                      charts=[network] if edges else [])
    return section, findings[:1] + [f for f in findings[1:] if f.confidence != "low"][:2]


def _supply_sentence(sup: str, items, name) -> str:
    """ "Turkey supplies Albania and Kosovo (drones ...)"; recipients only interested or negotiating are said so, and
    what rests only on hedged reports is said to be reported, apart from what is stated plainly ("Turkey supplies
    Albania (armoured vehicles); Turkey reportedly supplies Montenegro (drones)")."""
    def part(selected):
        recs = sorted({i.record.recipient for i in selected}, key=name)
        cats = _join([_words(i.record.category) for i in selected])
        return _join([name(r) for r in recs]), cats
    supplied = [i for i in items if i.record.status in SUPPLIED]
    talked = [i for i in items if i.record.status not in SUPPLIED and i.record.status != "cancelled"]
    cancelled = [i for i in items if i.record.status == "cancelled"]
    clauses = (
        (supplied, lambda who, what, said: f"{name(sup)} {said}supplies {who} ({what})"),
        (talked, lambda who, what, said: f"{who} {'are' if ' and ' in who else 'is'} {said}considering or "
                                         f"negotiating {name(sup)}'s {what}"),
        (cancelled, lambda who, what, said: f"deals of {name(sup)} with {who} ({what}) were {said}cancelled"))
    parts = []
    for group, clause in clauses:
        firm = [i for i in group if not _hedged_only([i])]
        reported = [i for i in group if _hedged_only([i])]
        for selected, said in ((firm, ""), (reported, "reportedly ")):
            if selected:
                parts.append(clause(*part(selected), said))
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


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


def _drones(ds: Dataset, name) -> Section | None:
    ops = drone_operators(ds, limit=8)
    if not ops:
        return None
    rows = [[name(o.recipient), o.records, o.uav, o.loitering, o.units or "", _join([name(s) for s in o.suppliers]),
             o.source] for o in ops]
    lead = ops[0]
    behind = [it for it in ds.items if it.record.recipient == lead.recipient and is_drone(it)
              and it.record.status in HELD]
    said, firmness = ("reportedly ", "; unconfirmed: every report hedges them") if _hedged_only(behind) else ("", "")
    return Section("Drones", findings=[Finding(
        f"{name(lead.recipient)} {said}holds the most drone and loitering-munition records in the region "
        f"({lead.records}, from {_join([name(s) for s in lead.suppliers])}; {lead.source}{firmness}).", [],
        "low" if said else None)],
        tables=[Table("Drone operators of the region", ["Recipient", "Records", "UAV", "Loitering", "Units",
                                                        "Suppliers", "From"], rows)])


def _dyads(ds: Dataset, name) -> Section | None:
    pairs = [p for p in pairs_in(load_rivals(), ds.members)]
    for pair in pairs:
        rows = dyad_acquisitions(ds, pair, bucket_years=5)
        if not rows:
            continue
        esc = escalation(ds, pair, bucket_years=5)
        starts = sorted({row.start for row in rows})
        shown = set(starts[-DYAD_BUCKETS:])
        sides = []
        for side, code in (("a", rows[0].a), ("b", rows[0].b)):
            counts: dict = defaultdict(dict)
            for row in rows:
                n = row.a_records if side == "a" else row.b_records
                if n and row.start in shown:
                    counts[row.bucket][row.category] = counts[row.bucket].get(row.category, 0) + n
            sides.append({"label": f"{name(code)} acquires", "counts": dict(counts)})
        buckets = list(dict.fromkeys(row.bucket for row in sorted(rows, key=lambda r: r.start)
                                     if row.start in shown))
        caption = "Records per five-year period, news and register."
        if len(starts) > len(shown):
            caption += f" The last {len(shown)} of {len(starts)} periods with records."
        flagged = [e for e in esc if e.escalating]
        behind = [it for it in ds.items if it.record.recipient in (pair.a, pair.b) and it.years]
        said = "reportedly " if _hedged_only(behind) else ""
        text = (f"{name(rows[0].a)} and {name(rows[0].b)} {said}acquired in the same categories "
                + (f"more in {flagged[-1].bucket} than before ({_join([_words(c) for c in flagged[-1].shared])})"
                   if flagged else "without a rise between periods")
                + f" ({esc[-1].source if esc else 'none'}{'; unconfirmed: every report hedges them' if said else ''}).")
        return Section("Rival dyads", findings=[Finding(text, [], "low" if said else None)], charts=[Chart(
            "dyad", f"{name(rows[0].a)} and {name(rows[0].b)}: acquisitions by category",
            {"sides": sides, "buckets": buckets}, caption)])
    return None


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
