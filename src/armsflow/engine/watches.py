"""Running saved watches: which of the claims stored since each watch's last run match it, as digests (one
:class:`WatchRun` per watch with its :class:`WatchMatch` list).

The store keeps the watches, reads the new claims and moves the marks in one transaction (store/watches.py
``watch_batch``); the matching is watch/match.py's pure functions; this module joins them, for `armsflow watch run`,
the web's dry runs (overview and /watches) and the library's ``store.watches.run``. ``deliver`` is called inside
the transaction, before the marks move, so a crash repeats a match rather than losing it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable

from armsflow.store.watches import WatchError, WatchView, watch_batch
from armsflow.watch.match import match_claims, new_entrants

Deliver = Callable[[list["WatchRun"]], None]


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass
class WatchMatch:
    """One match: the watch, the claim, its evidence and the document it came from."""
    watch: str
    kind: str
    claim_id: int
    supplier: str | None
    supplier_name: str | None
    recipient: str | None
    recipient_name: str | None
    system: str | None
    category: str
    quantity: int | None
    status: str
    year: int | None
    hedged: bool
    review: str
    evidence: str
    citation: str | None
    doc: str
    title: str | None
    publisher: str | None
    published: dt.date | None
    url: str | None
    echo_of: str | None                   # the key of the earlier document this one copies or echoes
    record_sources: int | None            # independent sources of its news record, when a watch asked for them
    reextracted: bool
    scope: str | None = None              # new-entrant watches: the recipient or region the supplier entered
    later_claims: list[int] = field(default_factory=list)   # new-entrant: further claims of this run repeating it

    def to_json(self) -> dict:
        return {"watch": self.watch, "kind": self.kind,
                "claim": {"id": self.claim_id, "supplier": self.supplier, "supplier_name": self.supplier_name,
                          "recipient": self.recipient, "recipient_name": self.recipient_name, "system": self.system,
                          "category": self.category, "quantity": self.quantity, "status": self.status,
                          "year": self.year, "hedged": self.hedged, "review": self.review},
                "evidence": self.evidence, "citation": self.citation, "doc": self.doc, "title": self.title,
                "publisher": self.publisher, "published": _iso(self.published), "url": self.url,
                "echo_of": self.echo_of, "record_sources": self.record_sources, "reextracted": self.reextracted,
                "new_entrant": None if self.kind != "new-entrant" else
                {"supplier": self.supplier, "scope": self.scope, "later_claims": self.later_claims}}


@dataclass
class WatchRun:
    """One watch's run: the claims stored after ``after`` up to ``through`` were looked at (``claims`` of them)."""
    watch: WatchView                      # as it was before the run
    matches: list[WatchMatch]
    after: int
    through: int
    claims: int
    advanced: bool


def run_watches(store, names: Iterable[str] | None = None, *, advance: bool = True, deliver: Deliver | None = None,
                members: Callable[[str], Iterable[str]] | None = None,
                family: Callable[[str], str] | None = None) -> list[WatchRun]:
    """Run the named watches (all when ``names`` is empty) over the claims stored since each one's last run; one
    WatchRun per watch, in name order.

    With ``advance``, the runs are handed to ``deliver`` inside the transaction that then moves the marks: if
    ``deliver`` raises, nothing moves (store/watches.py). ``advance=False`` is a dry run: no lock, nothing written.
    ``members`` maps a region slug to its member codes and ``family`` a designation to its system family; both
    default to the catalogue's. ``min_sources`` reads the fused records: fuse first when the store says claims are
    unfused. Raises NoSuchWatch for a name not saved, WatchError for a region not in the catalogue."""
    with watch_batch(store, names, advance=advance) as batch:
        if not batch.views:
            return []
        runs = _match(batch, members, family)
        for r in runs:
            r.advanced = advance
        if deliver is not None:
            deliver(runs)
    return runs


def fuse_if_needed(store, names: Iterable[str] | None = None, families=None, progress=None) -> str | None:
    """A watch on sources (``min_sources``) reads the fused records: fuse first the pairs an interrupted ingest left
    unfused (an ingest still running fuses its own; fusion takes the store's writer lock). Returns a warning line
    when only keeping the state summaries current failed (the records, which the watches read, are fused)."""
    from armsflow.store.watches import list_watches

    wanted = [w for w in list_watches(store) if not names or w.name in names]
    if not store.unfused() or not any(w.criteria.min_sources for w in wanted):
        return None
    from armsflow.engine.fusion import SummariesFailed, refuse
    from armsflow.engine.review import default_families

    try:
        refuse(store, families or default_families(), set(), progress=progress)     # set(): the marked pairs only
    except SummariesFailed as exc:
        return f"keeping the state summaries current failed ({exc}); the state pages compute them when shown"
    return None


def _match(batch, members, family) -> list[WatchRun]:
    views, top = batch.views, batch.top_claim
    crits = [v.criteria for v in views]
    regions = {c.region for c in crits if c.region}
    member_sets = {}
    if regions:
        resolve = members or _catalog_members
        member_sets = {r: frozenset(resolve(r)) for r in regions}
    if family is None and any(c.system for c in crits):
        family = _catalog_family()
    new = batch.new_claims(with_sources=any(c.min_sources for c in crits))
    by_id = {n.claim.id: n for n in new}

    # what new-entrant watches compare with: earlier claims of the suppliers, and register records
    history, register = [], []
    suppliers = {n.claim.supplier for n in new if n.claim.supplier}
    if suppliers and any(v.kind == "new-entrant" for v in views):
        history, register = batch.history(suppliers)

    codes = set()
    runs = []
    for v in views:
        mine = [replace(n.claim, reextracted=n.document_id <= v.last_document_id)
                for n in new if n.claim.id > v.last_claim_id]
        c = v.criteria
        region = member_sets.get(c.region) if c.region else None
        if v.kind == "new-entrant":
            found = [(e.claim, e.scope, e.others) for e in new_entrants(c, mine, history, register, region, family)]
        else:
            found = [(x, None, []) for x in match_claims(c, mine, region, family)]
        matches = []
        for x, scope, others in found:
            info = by_id[x.id].info
            matches.append(WatchMatch(
                watch=v.name, kind=v.kind, claim_id=x.id, supplier=x.supplier, supplier_name=None,
                recipient=x.recipient, recipient_name=None, system=x.system, category=x.category,
                quantity=x.quantity, status=x.status, year=x.year, hedged=x.hedged, review=x.review,
                record_sources=x.sources if c.min_sources else None, reextracted=x.reextracted, scope=scope,
                later_claims=list(others), **info))
            codes |= {x.supplier, x.recipient}
        runs.append(WatchRun(watch=v, matches=matches, after=v.last_claim_id, through=max(top, v.last_claim_id),
                             claims=len(mine), advanced=False))
    codes.discard(None)
    names = batch.names(codes)
    for r in runs:
        for m in r.matches:
            m.supplier_name, m.recipient_name = names.get(m.supplier), names.get(m.recipient)
    return runs


def _catalog_members(region: str) -> set[str]:
    from armsflow.catalog import load_catalog

    group = load_catalog().groups.get(region)
    if group is None:
        raise WatchError(f"region {region!r} is not in the catalogue (regions.yaml, blocs.yaml)")
    return set(group.members)


def _catalog_family() -> Callable[[str], str]:
    from armsflow.catalog import load_catalog
    from armsflow.catalog.gazetteer import gazetteer_for
    from armsflow.fuse.family import Families

    families = Families(gazetteer_for(load_catalog()))
    return lambda system: families.family(system, "other")
