"""From actor roles to the supplier and recipient sides of each transfer in a sentence.

A sentence can hold two transfers ("While Chile stocks up on Israeli radars, Peru and Ecuador
are looking at missiles from France"), so roles are pooled per trigger: each actor and each equipment item joins
the trigger nearest to it in the parse. An item whose trigger has no parties borrows the sentence's. Deal parties
(P) are then given a side: opposite a known side, or by the equipment's origin (the maker's state supplies).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from armsflow.extract.roles import Role
from armsflow.extract.status import CONTRAST_MARKS


@dataclass
class Sides:
    suppliers: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    holders: list[str] = field(default_factory=list)
    makers: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    co: list[str] = field(default_factory=list)
    subject_side: str | None = None
    independent: bool = False      # the trigger is a verb with its own subject: a transfer of its own
    trigger: object = None
    borrowed: bool = False         # the recipients came from another trigger's clause
    exchange: bool = False         # the sentence describes a swap ("in return for", "exchange with")
    exchange_filled: bool = False  # the recipients are the swap's counterparty (rule exchange-counterparty)
    partner_filled: bool = False   # the suppliers are the partner of the deal the transfer is made under
    own_relatives: bool = False    # the sides of relative clauses each on its own antecedent, settled apart
    partners: dict = field(default_factory=dict)   # co-party -> the actor whose phrase it joins
    subject_parties: list[str] = field(default_factory=list)   # deal parties named as the subject

    def add(self, r: Role) -> None:
        bucket = {"S": self.suppliers, "R": self.recipients, "P": self.parties, "C": self.co, "H": self.holders,
                  "M": self.makers}[r.role]
        if r.code not in bucket:
            bucket.append(r.code)
        if r.role == "C" and r.partner is not None:
            self.partners[r.code] = r.partner
        if r.token.dep_ in ("nsubj", "nsubjpass") and r.role in "SRP" and self.subject_side is None:
            self.subject_side = r.role
        if r.token.dep_ in ("nsubj", "nsubjpass") and r.role == "P" and r.code not in self.subject_parties:
            self.subject_parties.append(r.code)

    def settle(self, bound: set[str], origins: set[str]) -> "Sides":
        """Give co-parties and deal parties a side."""
        for c in self.co:
            # "Turkey, along with Iran, supplied ...": the side of the actor it joins, else of the clause's subject
            partner = self.partners.get(c)
            own = next((k for k, side in (("S", self.suppliers), ("R", self.recipients), ("P", self.parties))
                        if partner in side), None)
            side = {"S": self.suppliers, "R": self.recipients, "P": self.parties}[own or self.subject_side or "R"]
            if c not in side:
                side.append(c)
        known = set(self.suppliers) | bound
        stated = bool(self.recipients)         # a recipient the sentence states, not one settled here
        subject = [c for c in self.parties if c in self.subject_parties]
        others = [c for c in self.parties if c not in self.subject_parties]
        if subject and others and not known and not stated:
            # "Indonesia and Vietnam held talks with India": the subject's conjuncts on one side, the partner on
            # the other; the maker's state among them sells, else the partner does
            if any(c in origins for c in subject) and not any(c in origins for c in others):
                subject, others = others, subject
            self.recipients.extend(c for c in subject if c not in self.recipients)
            self.suppliers.extend(c for c in others if c not in self.suppliers)
            self.parties, self.co = [], []
            return self
        for c in self.parties:
            if c in known or c in self.recipients:
                continue
            if known or stated:
                (self.recipients if known else self.suppliers).append(c)
            elif c in origins:
                self.suppliers.append(c)
            elif self.recipients and self.subject_side == "P":
                self.suppliers.append(c)        # "X is in talks with Y": opposite the subject party just settled
            else:
                self.recipients.append(c)       # "talks with Kenya and Peru" over a system made elsewhere: both buy
        self.parties, self.co = [], []
        return self

    def empty(self) -> bool:
        return not (self.suppliers or self.recipients or self.parties or self.co)


def pool_roles(roles: list[Role], anchor_of, doc=None) -> tuple[dict[int, Sides], Sides]:
    """Roles pooled per trigger (``anchor_of(token) -> trigger index or -1``) and for the whole sentence."""
    pools: dict[int, Sides] = {}
    union = Sides()
    for r in roles:
        if r.role == "S" and r.bound is not None:
            continue
        key = anchor_of(r.via if r.via is not None else r.token)
        pool = pools.get(key)
        if pool is None:
            pool = pools[key] = Sides()
            if doc is not None and key >= 0:
                t = doc[key]
                pool.trigger = t
                pool.independent = t.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in t.children)
        pool.add(r)
        union.add(r)
    if doc is not None:
        union.exchange = any(t.lemma_.lower() in ("exchange", "swap", "barter", "return") for t in doc)
    return pools, union


def sides_for(anchor: int, pools: dict[int, Sides], union: Sides, bound: set[str], origins: set[str],
              trigger=None, off: frozenset[str] = frozenset(), is_equipment=None) -> Sides:
    """The sides an item anchored at ``anchor`` sees: its own trigger's, completed from the sentence's."""
    own = pools.get(anchor)
    if own is None or own.empty():
        if trigger is not None:
            # "in negotiations with Sweden over the purchase of Gripens, after talks with France stalled": the
            # parties of the item's own clause, not those of a clause beside it
            near = Sides()
            own_clauses = [p for p in pools.values() if p.trigger is not None and not p.empty() and
                           not separate_clauses(trigger, p.trigger)]
            if len(own_clauses) > 1 and "each-relative-its-own" not in off and all(
                    _two_relatives(a.trigger, b.trigger)
                    for n, a in enumerate(own_clauses) for b in own_clauses[n + 1:]):
                # "five states chose the jet: Chile, which bought 12; Peru, which signed for 8": each relative clause
                # tells of its own antecedent's transfer, and the parties of two such clauses are never each other's
                for p in own_clauses:
                    q = _copy(p)
                    q.exchange = union.exchange
                    q = q.settle(bound, origins)
                    for bucket, src in ((near.suppliers, q.suppliers), (near.recipients, q.recipients),
                                        (near.holders, q.holders), (near.makers, q.makers)):
                        bucket.extend(c for c in src if c not in bucket)
                near.own_relatives = True
                return near
            for p in pools.values():
                if p.trigger is not None and not separate_clauses(trigger, p.trigger):
                    for bucket, src in ((near.suppliers, p.suppliers), (near.recipients, p.recipients),
                                        (near.parties, p.parties), (near.co, p.co), (near.holders, p.holders),
                                        (near.makers, p.makers)):
                        bucket.extend(c for c in src if c not in bucket)
                    near.subject_side = near.subject_side or p.subject_side
                    near.partners.update(p.partners)
            near.exchange = union.exchange
            if not near.empty():
                return near.settle(bound, origins)
        return _copy(union).settle(bound, origins)
    mine = _copy(own).settle(bound, origins)
    # another clause with its own subject ("when France cancelled the sale ..., Cairo bought") reports its own
    # transfer; one joined by "to buy", "for the procurement of" is the same transfer
    mine_t = own.trigger
    every = [p for k, p in pools.items() if k != anchor and not (
        mine_t is not None and p.trigger is not None and "contrast-wall" not in off and
        contrasted_clauses(mine_t, p.trigger))]
    others = [p for p in every if not (p.independent and mine_t is not None and
                                       separate_clauses(mine_t, p.trigger))]
    if not mine.suppliers and not bound and mine.recipients and "deal-partner-sells" not in off:
        # "Poland will buy the tanks under an agreement with Seoul": the partner of the buyer's own deal sells
        for p in others:
            if p.parties and not p.suppliers and not p.recipients and _frames(p.trigger, mine_t):
                mine.suppliers.extend(c for c in p.parties if c not in mine.recipients and c not in mine.suppliers)
                mine.partner_filled = bool(mine.suppliers)
    if not mine.suppliers and not bound:
        # "India delivered launchers to Armenia a year after Yerevan ordered them": a clause that agrees on the
        # recipient names the supplier, even a separate one, unless it names equipment of its own ("Mali took
        # delivery of Russian helicopters, and Bamako has since bought drones from Turkey": Turkey sold drones)
        for p in every:
            # (and a verb coordinated with the item's own, sharing its subject: "Chile left the Gripen programme
            # and bought jets from Spain": Spain sold the jets only)
            if is_equipment is not None and mine_t is not None and ((p.independent or _coordinate(mine_t, p.trigger))
                                                                    and (separate_clauses(mine_t, p.trigger) or
                                                                         _relative_between(mine_t, p.trigger)) or
                                                                    in_a_phrase_of(p.trigger, mine_t)) and \
                    _names_own_equipment(p.trigger, mine_t, is_equipment) and "own-items-wall" not in off:
                continue        # (also "Colombia, which bought Kfir jets from Israel, is buying Gripens", and
                #                 "Chile was expelled from the Gripen project for its purchase of Su-35s from Russia")
            q = _copy(p).settle(set(), origins)
            agree = set(q.recipients) <= set(mine.recipients) if q.recipients else p in others
            if q.suppliers and agree and (q.recipients or mine.recipients):
                mine.suppliers.extend(c for c in q.suppliers if c not in mine.suppliers)
    if not mine.recipients:
        mine.borrowed = True
        for p in others:
            q = _copy(p).settle(set(), origins)
            if q.recipients and (not q.suppliers or set(q.suppliers) <= set(mine.suppliers) | bound):
                mine.recipients.extend(c for c in q.recipients if c not in mine.recipients)
    if not mine.recipients and mine.suppliers and union.exchange and "exchange-counterparty" not in off:
        # "a barter with Brazil, in which Angola gets patrol boats for its supply of oil": the counterparty receives
        mine.recipients.extend(c for c in union.parties if c not in mine.suppliers)
        mine.exchange_filled = bool(mine.recipients)
    if not mine.holders:
        mine.holders = list(union.holders)
    if not mine.makers:
        mine.makers = list(union.makers)
    return mine


def _coordinate(a, b) -> bool:
    """Are the verbs of triggers ``a`` and ``b`` coordinated, the one a conjunct of the other ("left the programme
    and bought", "cancelled the order and bought")?"""
    def verb_of(t):
        for _ in range(3):
            if t.pos_ == "VERB" or t.dep_ not in ("dobj", "obj", "pobj", "prep"):
                break
            t = t.head
        return t if t.pos_ == "VERB" else None
    a, b = verb_of(a), verb_of(b) if b is not None else None
    return a is not None and b is not None and (
        b.dep_ == "conj" and b.head.i == a.i or a.dep_ == "conj" and a.head.i == b.i)


def in_a_phrase_of(inner, outer) -> bool:
    """Is the trigger ``inner`` inside a prepositional phrase of the clause of ``outer`` ("Chile was expelled from the
    Gripen project for its purchase of Su-35s": the buying is the reason given, a transfer of its own)?"""
    t, through = inner, False
    for _ in range(8):
        if t.i == outer.i:
            return through
        if t.head.i == t.i:
            return False
        through = through or t.dep_ == "prep" and t.head.pos_ == "VERB"
        t = t.head
    return False


def _names_own_equipment(clause, other, is_equipment) -> bool:
    """Does the clause of ``clause`` name equipment outside the clause of ``other``?"""
    inside = {t.i for t in other.subtree} if other.i in {t.i for t in clause.subtree} else set()
    return any(is_equipment(t) for t in clause.subtree if t.i not in inside)


def _path(a, b) -> list:
    """The tokens between ``a`` and ``b`` in the parse, up to their common head (excluded)."""
    up_a = [a]
    while up_a[-1].head.i != up_a[-1].i:
        up_a.append(up_a[-1].head)
    ids = {t.i: n for n, t in enumerate(up_a)}
    path_b = [b]
    while path_b[-1].i not in ids and path_b[-1].head.i != path_b[-1].i:
        path_b.append(path_b[-1].head)
    lca = path_b[-1].i
    return up_a[:ids.get(lca, len(up_a))] + path_b[:-1]


def separate_clauses(a, b) -> bool:
    """Are tokens ``a`` and ``b`` in different clauses (joined by advcl, conj or parataxis)?"""
    return any(t.dep_ in ("advcl", "conj", "parataxis") and t.pos_ in ("VERB", "AUX") and not _purpose(t)
               for t in _path(a, b))


def _frames(deal, trigger) -> bool:
    """Is ``deal`` a deal noun under which ``trigger``'s transfer is made ("buy the tanks under an agreement with
    Seoul", "Under a deal with Ankara, Kyiv received drones")?"""
    if deal is None or trigger is None or deal.pos_ != "NOUN" or deal.dep_ != "pobj":
        return False
    prep = deal.head
    if prep.lower_ not in ("under", "through", "via", "within") and not (
            prep.lower_ == "of" and prep.head.lower_ == "part" and prep.head.head.lower_ == "as"):
        return False
    host = prep.head if prep.lower_ != "of" else prep.head.head.head
    return host.i == trigger.i


def _two_relatives(a, b) -> bool:
    """Are ``a`` and ``b`` each in a relative clause of its own ("Chile, which bought 12; Peru, which signed for 8")?"""
    path = _path(a, b)
    return sum(t.dep_ == "relcl" and t.pos_ in ("VERB", "AUX") for t in path) >= 2


def _relative_between(a, b) -> bool:
    """Is one of ``a`` and ``b`` in a relative clause the other is not in?"""
    return any(t.dep_ == "relcl" and t.pos_ in ("VERB", "AUX") for t in _path(a, b))


_CONTRAST_CC = frozenset({"but", "yet"})


def contrasted_clauses(a, b) -> bool:
    """Are ``a`` and ``b`` in clauses set against each other, each with its own subject ("While Kyiv has received
    tanks from its partners, Berlin refuses to send missiles"; "Chile bought frigates, but Peru chose corvettes")?
    Neither clause then names a party of the other's transfer."""
    for t in _path(a, b):
        if t.pos_ not in ("VERB", "AUX") or not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            continue
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for c in t.children):
            return True
        if t.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ in _CONTRAST_CC for c in t.head.children):
            return True
    return False


def _purpose(t) -> bool:
    """ "signed a deal to buy jets": an infinitive of purpose without its own subject continues the clause."""
    return t.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children) and \
        not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)


def _copy(s: Sides) -> Sides:
    return Sides(list(s.suppliers), list(s.recipients), list(s.holders), list(s.makers), list(s.parties),
                 list(s.co), s.subject_side, s.independent, s.trigger, partners=dict(s.partners),
                 subject_parties=list(s.subject_parties))
