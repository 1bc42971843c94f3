"""One parsed sentence (and the frame before it) in, its transfer claims out.

The sentence's weapons become items; each item takes the trigger nearest to it, that trigger's parties, and its
own stated supplier if it has one ("Turkish UAVs"). What the sentence leaves open is filled, in this order, from:
the holder of equipment of stated foreign make, the maker of a component, the catalogue's origin of the system,
and the transfer just read (the frame).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from armsflow.extract.components import generic_components, host_origin, is_component
from armsflow.extract.context import FOCUS, NEAR, SAME_AGAIN, Frame, anaphor
from armsflow.extract.conjuncts import followed_by, member_words, member_years, respectively
from armsflow.extract.ellipsis import copies as ellipsis_copies, counted_remnants
from armsflow.extract.equipment import group_equipment, not_transferred
from armsflow.extract.parties import in_a_phrase_of, pool_roles, sides_for
from armsflow.extract.quantity import counts_before, number_value, quantity_before
from armsflow.extract.roles import Role, RoleReader
from armsflow.extract.status import CONTRAST_MARKS, hedged, hedges, status_of
from armsflow.extract.tokens import HOLDINGS, ORG_NOUNS, Sentence, holds
from armsflow.extract.triggers import ARGUMENTS, anchor_fn, find_triggers, nearest_trigger, only_a_topic, relative_head
from armsflow.extract.when import deadline, event_year, period_spans, span_year
from armsflow.model import Claim, Document, Mention



@dataclass
class Item:
    """A weapon the sentence may report as transferred."""
    mention: Mention
    span: object            # token span, None for equipment borrowed from the previous frame
    index: int | None       # mention index in the sentence
    makers: list[str] = field(default_factory=list)   # for a component noun: who made it
    trigger: tuple | None = None     # set when a pronoun ("passed them to") hands the item to another trigger


@dataclass
class Place:
    """Where the sentence sits in its document."""
    index: int              # sentence number
    list_item: bool         # a bullet, or a line under a heading that ends with ':'
    before_list: bool = False   # the next sentence heads a list ("It includes:")
    prior_year: int | None = None   # the one year the sentence before writes: "Two years later" counts from it
    home: str | None = None         # the paper's own state (resolve/references.py, HOME_REACH)
    sighted: tuple[str, frozenset[str]] | None = None   # (holder, systems) of weapons just reported seen


class SentenceClaims:
    """The reading of one sentence; ``claims()`` returns its claims and the frame that follows it."""

    def __init__(self, extractor, doc: Document, sent: Sentence, place: Place, frame: Frame | None, skip, cite):
        self.x = extractor
        self.lex = extractor.lex
        self.doc, self.sent, self.place, self.frame = doc, sent, place, frame
        self.skip, self.cite = skip, cite
        sdoc = sent.doc
        self.off = extractor.disabled_rules
        self.reader = RoleReader(sent, self.lex, self.off, extractor.catalog)
        self.triggers = find_triggers(sent, self.reader)
        self.possession = [t for t in sdoc if t.lemma_.lower() in self.lex.possession and t.pos_ in ("VERB", "AUX")
                           or self.on("holdings-include") and holds(t, self.lex.word_classes["content_verbs"])]
        # "The package includes 20 K9s" continues the deal; "The K2PL variant will include an anti-drone system"
        # lists the parts of a weapon, which are not transfers of their own
        self.continuation = [t for t in sdoc if t.lemma_.lower() in self.lex.word_classes["content_verbs"] and t.pos_ == "VERB"
                             and t.tag_ != "VBG" and t.dep_ in ("ROOT", "conj", "relcl", "ccomp")
                             and not (self._has_system_subject(t) and self.on("parts-of-a-weapon"))]
        self.roles = _expand_refs(self.reader.read())
        self.records, self.absorbed = group_equipment(sent.text, sent.mentions)
        self.bound_by: dict[int, list[str]] = {}         # item -> fills that carried a stated supplier to it
        self.bound = self._bound_suppliers([r for r in self.roles if not r.weak])
        self.with_partner, self.with_partners = self._partners_per_item()
        self.made_in = self._bound_suppliers([r for r in self.roles if r.weak])
        self.anchor_of = anchor_fn(self.triggers)
        self.pools, self.union = pool_roles(self.roles, self.anchor_of, sdoc)
        self.origins = {m.origin for m in sent.mentions if m.is_equipment and m.origin}
        self.explicit = not self.union.empty() or bool(self.bound) or bool(self.made_in)

    # -- the whole sentence --------------------------------------------------------------------------------
    def claims(self) -> tuple[list[Claim], Frame | None]:
        frame, place = self.frame, self.place
        recent = frame is not None and frame.age(place.index) <= NEAR
        inherit = frame if (not self.explicit and recent and (place.list_item or self.continuation)) and \
            self.on("list-inherit") and not self._own_topic(frame) else None
        self.inherit_rule = "list-inherit"
        self._wall = self._held_clause = None
        self._bare_counts: dict[int, int | None] = {}     # item number -> the bare count that stands for it
        # a definite "the deal" names what it points back to, so it reaches as far as a frame stays in focus
        if inherit is None and not self.explicit and frame is not None and frame.age(place.index) <= FOCUS and \
                self._under_the_deal() and \
                self.on("under-the-deal"):
            inherit, self.inherit_rule = frame, "under-the-deal"
        items = self._items()
        if inherit is None and not self.explicit and self._elaborates(items) and self.on("frame-elaboration"):
            inherit, self.inherit_rule = frame, "frame-elaboration"
        if inherit is None and not self.explicit and frame is not None and frame.age(place.index) <= NEAR and items \
                and all("deal-topic" in it.mention.rules and any(it.mention.key == name for name, *_ in frame.systems)
                        for it in items):
            # "Serbia buys Rafale jets from France. The deal was signed on Thursday.": the deal just read
            inherit, self.inherit_rule = frame, "deal-topic"
        if inherit is None and not self.explicit and self._delivers_the_frame(items) and self.on("frame-delivery"):
            # "Peru ordered K2 tanks from Korea. The first tanks arrived on Tuesday.": those tanks, delivered now
            inherit, self.inherit_rule = frame, "frame-delivery"
        components = [it for it in items if is_component(it.mention) or it.makers]
        if self.on("pronoun-object"):
            items += self._pronoun_objects(items)
        if self.on("bare-count-object"):
            items += self._counted_objects(items)
        if not items and (again := self._same_again()):
            return again, frame
        if not items and self._firm_subject() and self.on("borrowed-items"):
            items = self._borrowed_items()      # its order is for the weapons just read, not a deal still to fill
        if not items:
            heading = self._list_heading()
            if heading is not None:
                return [], heading
            if self.sent.text.rstrip().endswith(":") and not self.explicit and any(
                    c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in HOLDINGS
                    for v in self.continuation for c in v.children):
                return [], None     # "the navy's fleet includes:": what a state holds, not the transfer read
            items = self._borrowed_items() if self.on("borrowed-items") else []
            if not items:
                ended = self._deal_ended()
                if ended is not None:
                    return ended, frame
                delivered = self._frame_delivered()
                if delivered:
                    return delivered, frame
                return [], self._weaponless_deal() or frame
        bound_or_made = {**self.made_in, **self.bound}
        if not self.triggers and inherit is None and not (self.possession and bound_or_made) and not components:
            return [], frame
        if not self.explicit and inherit is None and not components and \
                not any(self._names_the_frames(it.span) for it in items) and \
                not (self.triggers and self.place.sighted and self.on("sighted-holder") and
                     any(it.mention.key in self.place.sighted[1] for it in items)):
            return [], frame
        whole, hedged_items = hedges(self.sent.doc, self.lex, self.skip, self.sent.is_equipment)
        claims: list[Claim] = []
        emitted = None
        gapped = self._gapped(items, ("to-trigger", "to-equipment-or-destination", "for-equipment-or-trigger",
                                      "to-under-give-ancestor"), "R") \
            if self.on("gapped-pairs") else {}
        sources = self._gapped(items, ("from", "from-equipment"), "S") if self.on("gapped-pairs") else {}
        if self.on("gapped-pairs") and not sources:
            sources = self._own_source(items)
        if self.on("gapped-pairs"):
            for n, codes in self._gapped(items, ("actor-in-give-object",), "R", before=True).items():
                gapped.setdefault(n, codes)
            for n, codes in self._gapped(items, ("subject", "gapped-subject"), "R", before=True).items():
                gapped.setdefault(n, codes)     # "Egypt bought jets from France, and Algeria tanks from Russia"
        undirected = self._paired_parties() if inherit is None else []
        for n, item in enumerate(items):
            read = self._read_item(item, inherit, components, whole, hedged_items)
            if read is None:
                continue
            suppliers, recipients, status, is_hedged, trig, fills = read
            if n in self._bare_counts:
                fills = fills + ["bare-count-object"]
            if trig is not None and trig[0].i in self.reader.frame_rules:
                fills = fills + [self.reader.frame_rules[trig[0].i]]
            if n in gapped and set(recipients) & gapped[n]:
                recipients = [r for r in recipients if r in gapped[n]]
                fills = fills + ["gapped-pairs"]
            if n in sources and set(suppliers) != sources[n]:
                # "bought helicopters from Russia and drones from Turkey": each from its own seller
                suppliers = [c for c in sources[n] if self.x.is_party(c)] or suppliers
                fills = fills + ["gapped-pairs"]
            elif n in gapped and n not in sources and item.mention.origin and self._remnant_buyer(item) and \
                    not set(suppliers) & set(item.mention.origin.split("+")):
                # "Poland ordered K2 tanks from Korea and Romania Abrams tanks": a gapped clause repeats the verb,
                # not the other clause's "from Korea"; its weapons' maker sells
                suppliers = item.mention.origin.split("+")
                fills = fills + ["catalogue-origin"]
            own_year = self._gapped_year(items, n)
            if len(suppliers) == len(recipients) > 1 and self._respectively() and self.on("respectively"):
                # "Chile and Peru bought drones from Israel and Turkey respectively": each with its own, in order
                pairs = list(zip(suppliers, recipients))
                fills = fills + ["respectively"]
            else:
                pairs = [(sup, rec) for sup in suppliers for rec in recipients]
            # "Greece and Croatia bought 24 and 12 Rafale jets, respectively": the counts go in order too
            counts = counts_before(self.sent.text, item.mention.start) if item.span is not None else None
            if counts is not None and not (len(counts) == len(recipients) > 1 and len(suppliers) == 1 and
                                           self._respectively() and self.on("respectively")):
                counts = None
            for sup in suppliers:
                deal = inherit is not None and self.inherit_rule == "under-the-deal" and self._deal_items(item)
                m = anaphor(item.mention, sup, inherit if deal else frame, place.index) \
                    if deal or self._points_back(item) else self._hull_of_class(item, sup, frame, place.index)
                for rec in recipients:
                    if sup != rec and (sup, rec) in pairs:
                        claim = self._claim(m, sup, rec, status, is_hedged, trig)
                        if counts is not None:
                            claim.quantity = counts[recipients.index(rec)]
                        if n in self._bare_counts:
                            claim.quantity = self._bare_counts[n]   # "and Hungary has ordered two"
                        back = [] if m is item.mention else ["hull-of-the-class"] if "hull-of-the-class" in m.rules \
                            else ["under-the-deal-items"] if deal else ["frame-anaphor"]
                        claim.rules = self._rules_of(sup, rec, fills + back, item)
                        if own_year is not None:
                            claim.year = own_year   # "T-90s from Russia in 2018 and K9s from Korea in 2022"
                        elif self._held_clause is not None:
                            # held in a clause of its own: only that clause dates it
                            # (without a clause joined to it by "and" that has a subject of its own)
                            joined = {u.i for c in self._held_clause.children if c.dep_ == "conj" and
                                      c.pos_ in ("VERB", "AUX") and any(g.dep_ in ("nsubj", "nsubjpass")
                                                                         for g in c.children) for u in c.subtree}
                            sub = [u for u in self._held_clause.subtree if u.i not in joined]
                            clause = self.sent.text[sub[0].idx:sub[-1].idx + len(sub[-1].text)]
                            claim.year = event_year(clause, self.doc.published)
                        if inherit is not None and self.place.list_item and claim.year is None:
                            claim.year = inherit.year   # "- 10 CV90 vehicles" under the package announced on Monday
                        if inherit is not None and self.inherit_rule == "under-the-deal":
                            # "Under the contract, 20 tanks will be delivered in 2028": items of the deal read
                            # before, ordered when it was; the sentence's year is when they arrive
                            claim.year = inherit.year
                        elif frame is not None and frame.rule == "deal-frame" and "deal-frame" in claim.rules and \
                                claim.year is None:
                            claim.year = frame.year     # "signed a contract on Monday. The contract covers ..."
                        if item.span is not None and item.span.root.dep_ == "conj":
                            claim.extras["_listed"] = True    # one item of a list, not a second name for another
                        if undirected and m.origin not in undirected:
                            claim.extras["_undirected"] = True   # "A and B agreed on arms": who sells, untold
                        claims.append(claim)
                        emitted = (suppliers, recipients, status, is_hedged)
            diverted = self._diverted(item, trig)
            for seller, buyer, verb in self._prior_leg(item, trig, suppliers, recipients, diverted):
                # "Belarus re-exported T-72s bought from Russia to Sudan": Russia sold them to Belarus first, and
                # weapons handed on were held, so delivered; the seller's own were not ("Russia delivered to Peru
                # the jets ordered by Chile"): that sale is at its own stage; "the jets built for Egypt were
                # diverted to Iran": Egypt's order was not filled
                stage = "cancelled" if diverted else (self._stage(verb) or "delivered") if seller in suppliers \
                    else "delivered"
                # "the rifles Serbia sold to Riyadh were allegedly passed on to Yemen": the sale is told as known;
                # only a hedge in its own clause makes it unconfirmed
                own_hedge = any(t.lemma_.lower() in self.lex.hedge_words or t.lower_ in self.lex.hedge_words
                                for t in verb.subtree)
                claim = self._claim(item.mention, seller, buyer, stage, is_hedged if diverted else own_hedge, trig)
                if not diverted:
                    # "the rifles Serbia sold to Riyadh in 2016 were passed on in 2019": its own clause dates it
                    sub = list(verb.subtree)
                    claim.year = event_year(self.sent.text[sub[0].idx:sub[-1].idx + len(sub[-1].text)],
                                            self.doc.published)
                claim.rules = self._rules_of(seller, buyer, ["diverted-from" if diverted else "prior-leg"], item)
                claims.append(claim)
        # "Chile bought radars from Spain, and so did Peru", "Chile ordered 12 and Peru 8": the same predicate
        claims = ellipsis_copies(self.sent, claims, self.roles, self.doc.published, self.on, self._stage)
        # "to Chile, Peru and reportedly Bolivia": a list member's own word is about that member only
        claims = member_words(self.sent, claims, self.lex, self.skip, self.doc.published, self.on)
        claims = respectively(self.sent, claims, self.on)
        claims = member_years(self.sent, claims, self.on)
        claims = followed_by(self.sent, claims, self.roles, self.on)
        if self.on("gapped-pairs"):
            self._gapped_counts(claims)
        if self.on("counted-remnant"):
            self._remnant_counts(claims)
        if emitted is not None:
            sups, recs, status, is_h = emitted
            systems = list(dict.fromkeys((c.system, c.category, c.extras.get("mention", ""), c.extras.get("_origin"))
                                         for c in claims))
            year = next((c.year for c in claims if c.year is not None), None)
            subject = next(("S" if r.code in sups else "R" for r in self.roles if r.token is not None and
                            r.token.dep_ == "nsubj" and r.code in sups + recs), None)
            # two transfers in a row to one state: the text follows that buyer ("Jakarta ordered Rafales in 2022.
            # Turkey sold it Anka drones ...")
            prev = self.frame
            buyer = recs[0] if len(set(recs)) == 1 and recs[0] not in sups and prev is not None and \
                prev.age(place.index) <= FOCUS and (prev.buyer == recs[0] or prev.recipients == recs[:1]) else None
            frame = Frame(sups, recs, status, is_h, place.index, systems, year, subject=subject,
                          sellers=len({c.supplier for c in claims}), buyer=buyer)
            parties = self._paired_parties()
            if parties and not any(origin in parties for *_, origin in systems):
                # "Turkey and Indonesia agreed on an arms package": who sells is still untold
                frame = replace(frame, suppliers=[], recipients=[], parties=parties, rule="deal-frame")
        return claims, frame

    def _stage(self, verb) -> str | None:
        """The status a verb of the sentence gives a transfer, when it is a transfer word."""
        fr = self.reader.frame(verb)
        return status_of(verb, fr[0], fr[1], self.lex) if fr is not None else None

    def on(self, rule: str) -> bool:
        return rule not in self.off

    def _earlier_legs(self, item: Item, trig) -> list[tuple[object, list[str], list[str]]]:
        """The transfers a participle or relative clause on the weapon's own noun tells of before the clause's own
        one ("re-exported tanks bought from Russia", "the ammunition sold to Pakistan by Serbia was transferred to
        Ukraine", "the Mi-17s Russia sold to Kabul"): (its verb, its sellers, its buyers), when the clause's own
        trigger is a giving, an arrival in other hands ("ended up in Yemen") or a getting of what another bought.
        A purchase with no buyer named leaves it to the clause's giver; a sale with no seller named, or a making
        under licence, to the weapon's stated maker or catalogue origin."""
        if not self.on("prior-leg") or item.span is None or trig is None or trig[0].pos_ != "VERB":
            return []
        noun = item.span.root
        while noun.dep_ in ("amod", "compound", "nmod", "nummod") and noun.head.i != noun.i:
            noun = noun.head
        # a giving, an arrival in other hands, or a getting of what another bought ("Libya received Pantsirs that
        # the UAE had bought from Russia")
        rel = next(((c, fr) for c in noun.children if c.dep_ == "relcl" and (fr := self.reader.frame(c))), None)
        if not (trig[1][0] == "give" or trig[1] == ("get", "delivered") and trig[0].lemma_.lower() in
                self.lex.word_classes["onward_arrivals"] or trig[1][0] == "get" and rel is not None and
                self._handed_on(noun, rel) == trig):
            return []
        out = []
        clauses = [c for c in noun.children if c.dep_ in ("acl", "relcl")]
        if noun.dep_ in ("dobj", "obj") and noun.head.i == trig[0].i:
            # "Jordan sold its F-16s, originally bought from the US, to Chile": the parse may hang the participle
            # set off by commas on the verb
            clauses += [c for c in trig[0].children if c.dep_ == "advcl" and c.tag_ == "VBN" and
                        not any(g.dep_ in ("nsubj", "nsubjpass", "mark") for g in c.children)]
        for acl in clauses:
            fr = self.reader.frame(acl) if acl.pos_ == "VERB" else None
            if fr is None or fr[0] == "deal" or acl.i == trig[0].i:
                continue
            # the roles on the clause's verb; its own subject too ("the jets [that] Russia sold to Egypt")
            own = [r for r in self.roles if not r.weak and self.x.is_party(r.code) and (
                   r.via is not None and r.via.i == acl.i or r.via is None and r.token is not None and
                   r.token.dep_ == "nsubj" and r.token.head.i == acl.i)]
            sellers = list(dict.fromkeys(r.code for r in own if r.role == "S"))
            # "that the UAE bought from Turkey": the buyer named; a bare "bought from Turkey" leaves it to the giver
            buyers = list(dict.fromkeys(r.code for r in own if r.role == "R"))
            licensed = self.reader.licence and acl.lemma_.lower() in self.lex.word_classes["maker_verbs"] | \
                self.lex.word_classes["assembly_verbs"]
            if (buyers or licensed) and not sellers:
                # "Russian Kornets bought by Syria", "the K9s that Poland builds under licence", "Spain sent
                # Leopard tanks built under licence": the weapon's stated maker, else its catalogue origin, sold them
                sellers = [c for c in self.bound.get(item.index) or self.made_in.get(item.index) or
                           [item.mention.origin] if c and c not in buyers]
            if sellers and (buyers or fr[0] == "get"):
                out.append((acl, sellers, buyers))
        return out

    def _diverted(self, item: Item, trig) -> bool:
        """Were the weapons turned away from the buyer they were made or meant for ("the Su-35s built for Egypt
        were diverted to Iran")? Then the maker sends them on and the first buyer never got them. Weapons sold
        to a buyer and diverted were handed on by it ("rifles sold to Riyadh were diverted to Yemen")."""
        if trig is None or trig[0].lemma_.lower() not in self.lex.word_classes["diversion_verbs"] or \
                not self.on("diverted-from"):
            return False
        legs = self._earlier_legs(item, trig)
        meant = self.lex.word_classes["maker_verbs"] | self.lex.word_classes["destination_words"] | \
            self.lex.word_classes["destined_participles"] | {"order"}
        return bool(legs) and all(verb.lemma_.lower() in meant for verb, _, _ in legs)

    def _handed_on(self, noun, rel):
        """The transfer trigger of the clause a weapon is the subject or object of, when a clause on it (``rel``)
        tells an earlier transfer: as subject, that clause hands it on to a recipient of its own ("The Mi-17s that
        Russia sold to Kabul were later transferred to Uzbekistan"); as object, a giving with a party of its own
        ("Croatia sold rifles bought from Israel to Jordan"); else None. "The jets that Peru bought arrived in May"
        has no second recipient: the relative clause stays the act."""
        if noun.dep_ not in ("nsubj", "nsubjpass", "dobj", "obj") or not self.on("prior-leg"):
            return None
        verb = noun.head
        main = next((t for t in self.triggers if t[0].i == verb.i and t[0].i != rel[0].i), None)
        if main is not None and main[1][0] == "get" and noun.dep_ in ("dobj", "obj") and rel[1][0] == "get":
            # "Libya received Pantsir systems that the UAE had bought from Russia": another buyer held them first
            mine = {r.code for r in self.roles if r.role == "R" and r.token is not None and
                    r.token.dep_ == "nsubj" and r.token.head.i == verb.i}
            first = {r.code for r in self.roles if r.role == "R" and r.token is not None and
                     r.token.dep_ == "nsubj" and r.token.head.i == rel[0].i}
            return main if mine and first - mine else None
        if main is None or not (main[1][0] == "give" or main[1] == ("get", "delivered") and
                                noun.dep_ in ("nsubj", "nsubjpass")):
            return None
        inside = {t.i for t in noun.subtree}
        if noun.dep_ in ("dobj", "obj"):
            # "Croatia sold rifles bought from Israel to Jordan": the giver or the recipient of the verb itself
            return main if any(r.token is not None and r.token.i not in inside and r.role in ("S", "R") and
                               (r.via is None or r.via.i == verb.i) for r in self.roles) else None
        if not any(r.role == "R" and r.token is not None and r.token.i not in inside and
                   (r.via is not None and r.via.i == verb.i) for r in self.roles):
            return None
        return main

    def _prior_leg(self, item: Item, trig, givers: list[str], takers: list[str], diverted: bool) \
            -> list[tuple[str, str, object]]:
        """(seller, buyer, verb) of the earlier transfers of a weapon that ``givers`` hand on to ``takers``
        (``_earlier_legs``). For a purchase ("bought from Russia") the buyer is the clause's giver."""
        out = []
        for verb, sellers, buyers in self._earlier_legs(item, trig):
            if diverted:
                sellers = givers    # the diverter sold them to the first buyer, whoever made them
            elif set(buyers) <= set(takers) and set(sellers) <= set(givers):
                continue            # "Russia delivered the jets ordered by Egypt": one transfer, told twice
            out += [(s, b, verb) for s in sellers for b in (buyers or givers) if s != b]
        return list(dict.fromkeys(out))
    def _gapped_year(self, items: list[Item], n: int) -> int | None:
        """Each item its own year, where the sentence gives one after each ("T-90 tanks from Russia in 2018 and
        K9 howitzers from Korea in 2022", "... in 2021 and L-39 trainers the following year"): the years
        interleave with the items, each between its item and the next. A year before the first item, or one for
        all, is left to the sentence's reading."""
        text = self.sent.text
        starts = sorted({it.mention.start for it in items if it.span is not None})
        if len(starts) < 2 or items[n].span is None:
            return None
        segments = [span_year(text, a, starts[i + 1] if i + 1 < len(starts) else len(text), self.doc.published)
                    for i, a in enumerate(starts)]
        if None in segments or len(set(segments)) < 2:
            return None
        return segments[starts.index(items[n].mention.start)]

    def _firm_parties(self) -> set[str]:
        """Deal parties named by a firm ("Baykar", "Turkish companies"): firms sell."""
        firm_nouns = self.lex.word_classes["firm_nouns"]
        out = set()
        for r in self.roles:
            if r.role != "P":
                continue
            m, span = self.sent.mentions[r.mention], self.sent.spans[r.mention]
            if m.kind == "firm" or m.kind == "adjective" and span is not None and \
                    span.root.head.lemma_.lower() in firm_nouns:
                out.add(r.code)
        return out

    def _has_system_subject(self, verb) -> bool:
        while verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            verb = verb.head        # "The K2PL variant is tailored to ... and will include ...": a shared subject
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                m = self.sent.mention_at(c)
                if m is not None and m.kind == "system":
                    return True      # a named weapon; "Those weapons include ..." is an umbrella for a deal's items
                if any((x := self.sent.mention_at(t)) is not None and x.kind == "system" for t in c.subtree
                       if t.dep_ == "compound" and t.head.i == c.i):
                    return True      # "The K2PL variant": a system named in the subject's compound
        return False

    def _names_the_deal(self, verb) -> bool:
        """Is the subject of "includes:" the transfer just read ("It includes:", "The package includes:"), not
        something else ("the navy's fleet includes:")?"""
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                return c.lower_ in ("it", "this", "they", "these") or \
                    c.lemma_.lower() in self.lex.word_classes["deal_nouns"] or self.reader.frame(c) is not None
        return False

    def _respectively(self) -> bool:
        return any(t.lower_ == "respectively" for t in self.sent.doc)

    def _paired_parties(self) -> list[str]:
        """The two deal parties read off one coordination ("Korea and Poland signed", "a deal between Korea and
        Poland"), which says who they are but not who sells; [] otherwise."""
        if not self.on("deal-frame"):
            return []
        deal_parties = [r for r in self.roles if r.role == "P" and self.x.is_party(r.code) and r.token is not None]
        if any(r.role in "SR" for r in self.roles):
            return []
        parties = list(dict.fromkeys(r.code for r in deal_parties))
        paired = len({r.token.i for r in deal_parties}) == 1 or any(
            a.token.dep_ == "conj" and a.token.head.i == b.token.i for a in deal_parties for b in deal_parties)
        return parties if paired and len(parties) == 2 else []

    def _own_topic(self, frame: Frame) -> bool:
        """ "- Romania: 54 Abrams tanks, approved in November" under a list of other states' deals: a line that opens
        on a state of its own is not the previous line's transfer."""
        if not self.reader._topic_line:
            return False
        first = self.sent.mentions[0]
        return first.is_actor and first.key not in (*frame.suppliers, *frame.recipients)

    def _same_again(self) -> list[Claim]:
        """ "Estonia ordered HIMARS from the US. Latvia did the same.": the transfer just read, with the one actor
        that is this sentence's subject in the place its subject had (Latvia buys, as Estonia did; "Britain did the
        same" after "The US sold ... to Estonia" sells). Nothing when the frame's subject played no side."""
        frame = self.frame
        if frame is None or frame.age(self.place.index) > NEAR or not frame.systems or frame.subject is None or \
                not self.on("same-again") or not SAME_AGAIN.search(self.sent.text):
            return []
        subjects = list(dict.fromkeys(
            m.key for m, span in zip(self.sent.mentions, self.sent.spans)
            if m.is_actor and span is not None and span.root.dep_ == "nsubj" and span.root.head.dep_ == "ROOT"))
        if len(subjects) != 1 or not self.x.is_party(subjects[0]) or \
                subjects[0] in frame.suppliers + frame.recipients:
            return []
        who = subjects[0]
        sups, recs = (frame.suppliers, [who]) if frame.subject == "R" else ([who], frame.recipients)
        if len({origin for *_, origin in frame.systems}) > 1 or len(frame.systems) > 1 and len(set(sups)) > 1:
            return []       # the frame held several transfers: which of them is done again, the text does not say
        is_hedged = frame.hedged or hedged(self.sent.doc, self.lex, self.skip)
        return self._frame_claims(sups, recs, frame.status, is_hedged, "same-again")

    def _frame_claims(self, sups, recs, status: str, is_hedged: bool, rule: str) -> list[Claim]:
        """The weapons of the transfer just read (the frame), once per seller and buyer, as rule ``rule`` reads
        them again in this sentence."""
        out = []
        for name, cat, txt, origin in self.frame.systems:
            m = Mention(0, 0, txt, "system" if name else "equipment", name or cat, cat, origin)
            for sup in sups:
                for rec in recs:
                    if sup != rec:
                        claim = self._claim(m, sup, rec, status, is_hedged, None)
                        claim.rules = [rule]
                        out.append(claim)
        return out

    def _elaborates(self, items: list[Item]) -> bool:
        """ "Peru bought drones from Israel. The Hermes 900 drones arrived on Monday.": a sentence with a transfer
        word and no party that names, made by the frame's supplier, the weapon the frame told only by its kind. Not
        when the frame named its own system of that kind, nor when the sentence sends them somewhere that is no
        party ("have been exported to 30 countries": whoever those are)."""
        frame = self.frame
        if frame is None or frame.age(self.place.index) > NEAR or not self.triggers or not items:
            return False
        named = {cat for name, cat, _, _ in frame.systems if name}
        generic = {cat for name, cat, _, _ in frame.systems if not name} - named
        if not all(it.span is not None and it.mention.kind == "system" and it.mention.origin in frame.suppliers
                   and it.mention.category in generic for it in items):
            return False
        for t, _ in self.triggers:
            for p in t.children:
                if p.dep_ == "prep" and p.lower_ in ("to", "for") and any(
                        g.dep_ == "pobj" and self.sent.mention_at(g) is None for g in p.children):
                    return False
        return True

    def _under_the_deal(self) -> bool:
        """ "Under the contract, 40 tanks will be delivered in 2026": a definite deal noun after "under" or "as part
        of" points back to the deal just read, as "under a separate deal" or "under a 2019 contract" does not."""
        deal = self.lex.word_classes["deal_nouns"]
        for prep in self.sent.doc:
            if prep.lower_ not in ("under", "of") or prep.dep_ != "prep":
                continue
            if prep.lower_ == "of" and not (prep.head.lower_ == "part" and prep.head.head.lower_ == "as"):
                continue
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.lower_ == "it" and prep.lower_ == "under" and prep.i == 0:
                    return True         # "Peru signed a deal with Korea. Under it, 20 K9s will be delivered."
                if noun.dep_ != "pobj" or noun.lemma_.lower() not in deal or noun.pos_ != "NOUN":
                    continue
                mods = [c for c in noun.children if c.dep_ not in ("det", "punct")]
                dets = [c.lower_ for c in noun.children if c.dep_ == "det"]
                if dets and dets[0] in ("the", "this", "that") and not mods:
                    return True
        return False

    def _deal_items(self, item: Item) -> bool:
        """ "Under the deal, drones will be delivered next year", "the number of drones to be delivered under the
        deal": weapons of the deal's own kind, told bare, are the deal's weapons. Not "other / more / new drones",
        not "a drone", nor those introduced by "such as" or "like"."""
        span = item.span
        if span is None or item.mention.kind != "equipment" or not self.on("under-the-deal-items"):
            return False
        words = {t.lower_ for t in span.root.children if t.dep_ in ("det", "amod", "predet")}
        if words & {"a", "an", "another", "other", "some", "any", "more", "such", "new", "additional", "further",
                    "extra", "different"}:
            return False
        before = span.doc[max(0, span.start - 4):span.start].text.lower()
        return not any(w in before for w in ("such as", "like", "for instance", "for example", "including", "other"))

    def _hull_of_class(self, item: Item, supplier: str, frame, index: int) -> Mention:
        """ "The frigate, named PNS Taimur, ...", "the first ship, INS Tushil, was handed over": a ship's own name
        given to a definite or counted ship noun is one hull of the class the transfer just read names; the record
        is the class's. A hull named with no class before it ("gave India the frigate INS Kirpan") stays itself."""
        m, span = item.mention, item.span
        if span is None or m.kind != "system" or m.category != "ship" or m.origin is not None or \
                m.key.endswith("-class") or frame is None or frame.age(index) > NEAR or \
                supplier not in frame.suppliers or not self.on("hull-of-the-class"):
            return m
        tok = span.root
        noun = tok.head if tok.dep_ == "appos" else None
        if tok.dep_ in ("oprd", "attr", "dobj", "npadvmod", "xcomp") and tok.head.lemma_.lower() in (
                "name", "call", "christen", "dub", "rename") and tok.head.dep_ in ("acl", "relcl"):
            noun = tok.head.head     # "the frigate, named PNS Taimur"
        if noun is None or noun.i == tok.i:
            return m
        head = self.sent.mention_at(noun)
        if not (head is not None and head.kind == "equipment" and head.category == "ship" or
                noun.lemma_.lower() in self.lex.word_classes["ship_nouns"]):
            return m
        words = {c.lower_ for c in noun.children if c.dep_ in ("det", "amod", "nummod")}
        if not words & {"the", "this", "that", "first", "second", "third", "fourth", "fifth", "sixth", "last",
                        "latest", "new", "final"}:
            return m
        for system, category, _, _ in frame.systems:
            if system and category == "ship" and system != m.key:
                return Mention(m.start, m.end, m.text, "system", system, category, m.origin,
                               rules=(*m.rules, "hull-of-the-class"))
        return m

    def _points_back(self, item: Item) -> bool:
        """May a generic item take the name of the frame's system ("the 24 jets")? Only a definite, demonstrative
        or counted one ("can divert 12 jets to Iran": a count of the frame's supplier's weapons within NEAR
        sentences is those weapons): never "a", "other", "more", nor one introduced by "such as", "like", "for
        instance"."""
        span = item.span
        if span is None or item.mention.kind != "equipment" or not self.on("frame-anaphor"):
            return False
        words = {t.lower_ for t in span.root.children if t.dep_ in ("det", "amod", "predet", "poss")}
        if words & {"a", "an", "another", "other", "some", "any", "more", "such"}:
            return False
        doc = span.doc
        before = doc[max(0, span.start - 4):span.start].text.lower()
        if any(w in before for w in ("such as", "like", "for instance", "for example", "including", "other")):
            return False
        return bool(words & {"the", "this", "that", "these", "those"}) or any(
            t.dep_ in ("poss", "nummod") for t in span.root.children)

    def _rules_of(self, sup: str, rec: str, fills: list[str], item: Item) -> list[str]:
        """The rules that gave this claim its parties: those of the roles its supplier and recipient play in the
        sentence, then the fills that completed it."""
        out: list[str] = []
        for r in self.roles:
            if r.code in (sup, rec):
                out.extend(x for x in r.rules + self.sent.mentions[r.mention].rules if x not in out)
        out.extend(x for x in item.mention.rules if x not in out)      # a weapon recovered from the discourse
        if item.span is None and "borrowed-items" not in fills:
            fills = ["borrowed-items", *fills]
        if item.trigger is not None and "pronoun-object" not in fills:
            fills = ["pronoun-object", *fills]
        out.extend(x for x in fills if x not in out)
        return out

    def _items(self) -> list[Item]:
        sent, lex = self.sent, self.lex
        trigger_ids = {t.i for t, _ in self.triggers}

        def governs(t):
            lemma = t.lemma_.lower()
            return t.i in trigger_ids or lemma in lex.role_nouns or lemma in ORG_NOUNS

        items = [Item(sent.mentions[ei], sent.spans[ei], ei) for ei in self.records
                 if sent.spans[ei] is None or
                 not not_transferred(sent.mentions[ei], sent.spans[ei], sent.is_equipment, governs, self.on)]
        for tok, category, makers in generic_components(sent, self.roles, lex.component_nouns):
            items.append(Item(Mention(tok.idx, tok.idx + len(tok.text), tok.text, "equipment", category, category),
                              sent.doc[tok.i:tok.i + 1], None, makers))
        return items

    def _list_heading(self) -> Frame | None:
        """ "Poland agreed to buy three systems from South Korea:" — the list below names them; "Norway announced a
        package for Ukraine. It includes:" — the transfer just read heads it; "Peru signed a contract with Spain."
        — a deal with no weapon, which "Under the contract, ..." continues."""
        sdoc = self.sent.doc
        heading = self.sent.text.rstrip().endswith(":")
        if heading and not self.explicit and self.frame is not None and self.frame.age(self.place.index) <= NEAR \
                and any(self._names_the_deal(v) for v in self.continuation) and self.on("list-inherit"):
            return replace(self.frame, sentence=self.place.index)
        deal = not heading and not self.place.before_list and self.on("deal-frame") and any(
            t.pos_ == "NOUN" and t.lemma_.lower() in self.lex.word_classes["deal_nouns"] for t in sdoc)
        if not (self.explicit and self.triggers and (heading or self.place.before_list or deal)):
            return None
        sides = sides_for(-1, self.pools, self.union, set(), self.origins)
        t, (fr, base) = self.triggers[0]
        status = status_of(t, fr, base, self.lex)
        parties = self._paired_parties()
        if deal and parties and status:
            # "Korea and Poland signed a deal." says who the parties are, not who sells: the sentence that goes on
            # ("Under the deal, Seoul will supply ...") tells one side, and the other party is the other side
            return Frame([], [], status, hedged(sdoc, self.lex, self.skip), self.place.index, [],
                         self._own_year(self.triggers[0], list(self.skip))[0] or
                         event_year(self.sent.text, self.doc.published, t.idx, list(self.skip), self.place.prior_year), "deal-frame",
                         parties)
        if sides.suppliers and sides.recipients and status:
            own, foreign = self._own_year(self.triggers[0], list(self.skip))
            # "Peru signed an agreement with Spain." names no weapon; "Under the agreement, ..." may add them
            return Frame(sides.suppliers, sides.recipients, status, hedged(sdoc, self.lex, self.skip),
                         self.place.index, [], own or event_year(self.sent.text, self.doc.published, t.idx,
                                                                 list(self.skip) + foreign, self.place.prior_year),
                         "deal-frame" if deal else None)
        return None

    def _deal_ended(self) -> list[Claim] | None:
        """ "Egypt was in talks with Russia over Su-35 jets. The deal collapsed in 2022.": a definite deal, talks or
        sale that the next sentences say ended, with no weapon or party of its own, is the transfer just read:
        cancelled."""
        frame = self.frame
        if self.explicit or frame is None or frame.age(self.place.index) > NEAR or not frame.systems or \
                not self.on("deal-ended"):
            return None
        deals = self.lex.word_classes["deal_nouns"] | {"talk", "negotiation", "sale", "purchase"}
        for noun in self.sent.doc:
            if noun.pos_ != "NOUN" or noun.lemma_.lower() not in deals or noun.dep_ not in ("nsubj", "nsubjpass") \
                    or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in noun.children) or \
                    any(c.dep_ in ("amod", "compound", "poss", "prep") for c in noun.children):
                continue
            fr = self.reader.frame(noun) or ("deal", "ordered")
            if status_of(noun, fr[0], fr[1], self.lex) != "cancelled":
                continue
            return self._frame_claims(frame.suppliers, frame.recipients, "cancelled", frame.hedged,
                                      "deal-ended") or None
        return None

    def _remnant_counts(self, claims: list[Claim]) -> None:
        """ "Chile bought 2 and Peru 4 frigates": each gapped clause's count is its actor's (Peru 4), and the count
        after the verb is its subject's (Chile 2), not the one written next to the weapons; "gave Ukraine 31 and
        Poland 14 tanks": each receiver's is the count after it."""
        for verb in self.sent.doc:
            fr = self.reader.frame(verb) if verb.pos_ == "VERB" else None
            if fr is None or fr[0] not in ("give", "get"):
                continue
            first = next((m for m in self.sent.mentions if m.start > verb.idx and m.is_equipment), None)
            got = counted_remnants(self.sent, verb, first) if first is not None else None
            if got is None:
                continue
            n, gaps, lead = got
            if lead is not None:
                if fr[0] != "give":
                    continue
                side, own = "recipient", self.sent.mentions[lead]
            else:
                side = "supplier" if fr[0] == "give" else "recipient"
                own = next((m for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and
                            (m := self.sent.mention_at(c)) is not None and m.is_actor), None)
            if own is None:
                continue
            counts = {own.key: n, **{self.sent.mentions[k].key: q for k, q in gaps}}
            for c in claims:
                if getattr(c, side) in counts:
                    c.quantity = counts[getattr(c, side)]

    def _gapped_counts(self, claims: list[Claim]) -> None:
        """ "sold two jets to Greece and three to Croatia": the number left standing for the gapped noun counts
        what its own recipient gets (three for Croatia, not the two written before the noun); "ten to Chile, the
        rest to Peru" gives Peru a count the text leaves uncounted."""
        for t in self.sent.doc:
            if t.dep_ not in ("conj", "appos"):
                continue
            if t.tag_ == "CD" and t.dep_ == "conj" and (n := number_value(t.text)) is not None:
                pass
            elif t.lemma_.lower() in ("rest", "remainder", "balance"):
                n = None
            else:
                continue
            for p in t.children:
                if p.dep_ != "prep" or p.lower_ not in ("to", "for"):
                    continue
                for g in p.children:
                    m = self.sent.mention_at(g) if g.dep_ == "pobj" else None
                    if m is not None and m.is_actor:
                        for c in claims:
                            if c.recipient == m.key and c.quantity is not None:
                                c.quantity = n

    def _delivers_the_frame(self, items: list[Item]) -> bool:
        """ "Chile ordered K9 howitzers from Korea. The first howitzers were handed over in May.": a sentence with
        no party of its own whose every item is the weapon the transfer just read moved (named again, or a definite
        noun of its kind) and whose verb tells a delivery. Not when it names any state but the recipient ("arrived
        in Seoul for testing" after a Korean sale), nor when it sends them somewhere that is no party ("were
        delivered to the army's 3rd brigade")."""
        frame = self.frame
        if frame is None or frame.age(self.place.index) > NEAR or not frame.suppliers or not frame.recipients or \
                frame.parties or not items or frame.status not in _UNDER_WAY:
            return False
        names = {name for name, *_ in frame.systems if name}
        cats = {cat for _, cat, _, _ in frame.systems}
        for it in items:
            m = it.mention
            if it.span is None or not (m.kind == "system" and m.key in names or
                                       m.kind == "equipment" and m.category in cats and self._points_back(it)):
                return False
        if any(m.is_actor and m.key not in frame.recipients for m in self.sent.mentions):
            return False        # they come to the recipient: "arrived in Seoul" is the seller's side, or a visit
        delivered = [t for t, fr in self.triggers if fr[0] != "deal" and _told_as_past(t) and
                     status_of(t, fr[0], fr[1], self.lex) == "delivered"]
        # "Deliveries of the jets began in 2023": the deliveries, of the weapons named, under way
        delivered += [t for t, _ in self.triggers if t.pos_ == "NOUN" and t.dep_ in ("nsubj", "nsubjpass") and
                      t.lemma_.lower() in self.lex.word_classes["delivery_nouns"] and self._deliveries_came(t.head)]
        # "Four Wing Loong II drones arrived on Monday": the weapons just bought arriving are their delivery, told
        # with no "first" or sender of their own (not a visit: "arrived for the air show")
        spans = {t.i for it in items for t in it.span}
        for v in self.sent.doc:
            subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
            if v.pos_ == "VERB" and v.lemma_.lower() in self.lex.word_classes["arrival_verbs"] and subj is not None \
                    and spans & {t.i for t in subj.subtree} and v not in delivered and _told_as_past(v) and \
                    not self.reader._visits(v, {t.i for t in subj.subtree}) and \
                    status_of(v, "get", "delivered", self.lex) == "delivered":
                delivered.append(v)
        return bool(delivered) and not any(
            p.dep_ == "prep" and p.lower_ in ("to", "for") and any(g.dep_ == "pobj" for g in p.children)
            for t in delivered for p in t.children)

    def _deliveries_came(self, verb) -> bool:
        """Does the verb say that deliveries happened ("began", "were completed", "arrived", "took place")?"""
        lemma = verb.lemma_.lower()
        words = self.lex.word_classes
        return (lemma in words["onset_verbs"] or lemma in words["arrival_verbs"] or lemma == "take" and any(
            c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children)) and _told_as_past(verb)

    def _frame_delivered(self) -> list[Claim]:
        """ "Peru bought 24 K2 tanks from Korea. Deliveries began in 2023." / "The first of them were handed over
        in March." / "They arrived in May.": a sentence that names no weapon and no party, whose subject is the
        deliveries or a pronoun for the weapons just told of, and whose verb says they have come, delivers the
        transfer just read, in its own year. Not in the future ("Deliveries will begin in 2027": the order still
        stands), nor a pronoun that gives ("They supplied ...": a giver, not the goods)."""
        frame = self.frame
        if self.explicit or frame is None or frame.age(self.place.index) > NEAR or not frame.systems or \
                not frame.suppliers or not frame.recipients or frame.parties or frame.status not in _UNDER_WAY or \
                not self.on("frame-delivery"):
            return []
        if any(m.is_actor and m.key not in frame.recipients for m in self.sent.mentions):
            return []       # they come to the recipient: "They arrived in Seoul" is the seller's side, or a visit
        if frame.sellers > 1:
            return []   # "ordered jets from France and howitzers from Korea. Deliveries began": of which, untold
        words = self.lex.word_classes
        verb = None
        for v in self.sent.doc:
            if v.pos_ not in ("VERB", "AUX") or v.dep_ not in ("ROOT", "conj"):
                continue
            subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None:
                continue
            lemma = v.lemma_.lower()
            fr = self.lex.frame(lemma, "VERB")
            if subj.lemma_.lower() in words["delivery_nouns"]:
                # "Deliveries began in 2023", "The first shipment arrived in May", "Deliveries were completed", "The
                # handover took place in May"; not deliveries of something else ("Deliveries of fuel began")
                if self._deliveries_came(v) and not any(c.dep_ in ("prep", "compound", "poss") for c in subj.children):
                    verb = v
            elif _points_to_them(subj) and (subj.lower_ != "they" or frame.subject is None):
                # "They arrived in May", "The first of them were handed over": goods that came, or were given; a
                # bare "They" is the last sentence's subject, the weapons only if no party was ("Polish officials
                # ordered tanks. They arrived in Warsaw": the officials)
                if lemma in words["arrival_verbs"] or fr is not None and fr[0] == "give" and subj.dep_ == "nsubjpass":
                    verb = v
            if verb is not None:
                break
        if verb is None or not _told_as_past(verb) or status_of(verb, "give", "delivered", self.lex) != "delivered":
            return []
        is_hedged = frame.hedged or hedged(self.sent.doc, self.lex, self.skip)
        year = event_year(self.sent.text, self.doc.published, verb.idx, list(self.skip), self.place.prior_year)
        out = self._frame_claims(frame.suppliers, frame.recipients, "delivered", is_hedged, "frame-delivery")
        for claim in out:
            claim.year = year
        return out

    def _weaponless_deal(self) -> Frame | None:
        """ "The State Department approved a possible sale to Morocco worth $800 million. The package includes 600
        Stinger missiles.": a sale (no deal noun: that is deal-frame's) with both sides named but no weapon yet
        leaves its frame for the sentence that lists the weapons (as a heading ending in ':' does)."""
        if not (self.explicit and self.triggers and self.on("weaponless-deal")) or any(
                t.pos_ == "NOUN" and t.lemma_.lower() in self.lex.word_classes["deal_nouns"] for t in self.sent.doc):
            return None     # a sentence with a deal noun is the deal-frame's ("Peru signed a contract with Spain.")
        sides = sides_for(-1, self.pools, self.union, set(), self.origins)
        t, (fr, base) = self.triggers[0]
        status = status_of(t, fr, base, self.lex)
        if not (sides.suppliers and sides.recipients and status):
            return None
        own, foreign = self._own_year(self.triggers[0], list(self.skip))
        return Frame(sides.suppliers, sides.recipients, status, hedged(self.sent.doc, self.lex, self.skip),
                     self.place.index, [], own or event_year(self.sent.text, self.doc.published, t.idx,
                                                             list(self.skip) + foreign, self.place.prior_year))

    def _borrowed_items(self) -> list[Item]:
        """ "Lima's suspension of the purchase", "These include sales to Ghana": the weapons are the ones
        the text was just talking about."""
        frame = self.frame
        if not (self.explicit and frame is not None and frame.age(self.place.index) <= FOCUS and frame.systems and
                any(fr[0] != "deal" for _, fr in self.triggers) and self._refers_back()):
            return []
        borrowed = frame.systems
        if any(t.lower_ in ("it", "this") and t.dep_ in ("nsubj", "nsubjpass") for t in self.sent.doc):
            # "It has also been sold to Kenya": the one named system in focus; "it" is no generic plural
            borrowed = [b for b in borrowed if b[0]][:1]
        return [Item(Mention(0, 0, txt, "system" if name else "equipment", name or cat, cat, origin), None, None)
                for name, cat, txt, origin in borrowed]

    def _own_source(self, items: list[Item]) -> dict[int, set[str]]:
        """ "ordered jets from Spain and K2 tanks from Korea", where only the tanks are an item: the one item named
        between two from-phrases comes from the one after it."""
        froms = [r for r in self.roles if r.role == "S" and r.rules and r.rules[-1] in ("from", "from-equipment")]
        placed = [(n, it) for n, it in enumerate(items) if it.span is not None]
        if len(placed) != 1 or len(froms) < 2:
            return {}
        n, it = placed[0]
        at = {r.code: self.sent.mentions[r.mention].start for r in froms}
        before = {c for c, a in at.items() if a < it.span.start_char}
        after = {c for c, a in at.items() if a >= it.span.end_char}
        if before and after and not before & after and \
                re.match(r"\s*from\b", self.sent.text[it.span.end_char:], re.I):
            return {n: after}
        return {}

    def _gapped(self, items: list[Item], rules: tuple[str, ...], role: str, before: bool = False) \
            -> dict[int, set[str]]:
        """ "sold drones to Sudan and guided bombs to Chad", "bought jets from Russia and drones from Turkey": each
        item goes to the recipient (comes from the seller) named right after it, when every item of the sentence
        has its own; with ``before``, the one named right before it ("sold Egypt Rafales and Qatar Mirages").
        Item number -> its parties of ``role``."""
        receivers = [r for r in self.roles if r.role == role and r.rules and r.rules[-1] in rules]
        placed = sorted((it.span.start_char, it.span.end_char, n) for n, it in enumerate(items)
                        if it.span is not None)
        if len(placed) < 2 or len(receivers) < 2:
            return {}
        out: dict[int, set[str]] = {}
        waiting: list[int] = []
        for k, (start, stop, n) in enumerate(placed):
            if before:
                start, end = (placed[k - 1][1] if k else 0), start + 1
            else:
                end = placed[k + 1][0] if k + 1 < len(placed) else len(self.sent.text)
            own = {r.code for r in receivers if start <= self.sent.mentions[r.mention].start < end}
            if not own:
                if before:
                    return {}           # one item without its own recipient: not a gapped list
                waiting.append(n)       # "Rafales, FREMM frigates and Mistral ships from France": the phrase after
                continue                # the list's last item is the whole list's
            if waiting:
                # only a phrase right after the list's last item, and only for items joined to it
                near = {r.code for r in receivers if stop <= self.sent.mentions[r.mention].start < stop + 24}
                if own - near or not all(self._conjoined(items[w], items[n]) for w in waiting):
                    return {}
            for w in waiting:
                out[w] = own
            waiting = []
            out[n] = own
        if waiting:
            return {}                   # the last items have none: not a gapped list
        return out if len(set().union(*out.values())) > 1 else {}

    def _remnant_buyer(self, item: Item) -> bool:
        """Is the item's buyer the subject of a gapped clause (rule gapped-subject) just before it?"""
        return item.span is not None and any(
            r.role == "R" and r.rules and r.rules[-1] == "gapped-subject" and
            0 <= item.span.start_char - self.sent.mentions[r.mention].end <= 3 for r in self.roles)

    @staticmethod
    def _conjoined(a: Item, b: Item) -> bool:
        """Are the two items' phrases members of one coordination ("Rafales, FREMM frigates and Mistral ships")?"""
        def head(it):
            t = it.span.root
            while t.dep_ in ("compound", "amod", "nummod", "nmod") and t.head.i != t.i:
                t = t.head
            return t

        def top(t):
            while t.dep_ == "conj" and t.head.i != t.i:
                t = t.head
            return t
        return top(head(a)).i == top(head(b)).i

    def _replacing(self, participle):
        """The replacing trigger (rule replaced-with) whose incoming weapon ``participle`` qualifies ("replace its
        Mirages with Rafales [bought from France]"), or None."""
        noun = participle.head
        if participle.dep_ != "acl" or participle.tag_ not in ("VBN", "VBD") or noun.dep_ != "pobj":
            return None
        verb = noun.head.head
        if verb.dep_ in ("dobj", "obj"):
            verb = verb.head        # the parse may hang the phrase on the object
        if self.reader.frame_rules.get(verb.i) != "replaced-with":
            return None
        return next((t for t in self.triggers if t[0].i == verb.i), None)

    def _walled_off(self, tok, trigger) -> str | None:
        """ "The navy, which is trading its corvettes for new frigates, will hand spare parts to Albania": an item
        inside a relative clause with no transfer word of its own is not what the main clause's trigger moves
        ("other clause"); inside one with a verb of possession it is what the subject holds ("held")."""
        if not self.on("relative-clause-wall"):
            return None
        t = tok
        speech = self.lex.word_classes["speech_verbs"]
        for _ in range(10):
            if t.i == trigger.i:
                return None
            if t.head.i == t.i:
                return self._held_beside(tok, trigger, speech)
            # a relative clause, or a coordinated, contrasted or juxtaposed clause with a subject of its own
            # ("Nigeria bought tanks, and Cameroon operates helicopters", "..., while Saab has pitched the Gripen",
            # "Chile ordered jets; Peru has tanks from Korea"; not "..., the paper said, ...")
            if (t.dep_ == "relcl" or (t.dep_ == "conj" or t.dep_ == "advcl" and _contrasted(t) or
                                      t.dep_ == "parataxis" and t.lemma_.lower() not in speech) and any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in t.children)) \
                    and t.pos_ in ("VERB", "AUX") and not any(trigger.i == u.i for u in t.subtree):
                if self.reader.frame(t) is not None or t.lemma_.lower() in self.lex.word_classes["content_verbs"]:
                    return None         # "the deal, which includes 400 missiles": the deal's own items
                self._wall = t
                return "held" if t.lemma_.lower() in self.lex.possession else "other clause"
            t = t.head
        return None

    def _held_beside(self, tok, trigger, speech) -> str | None:
        """ "Chile has Leopard tanks from Germany; Peru ordered K2 tanks": the trigger is in a clause of its own beside
        the one of the item (after it), whose verb of possession says what its subject holds ("held")."""
        path = []
        t = tok
        for _ in range(12):
            path.append(t)
            if t.head.i == t.i:
                break
            t = t.head
        ids = {u.i for u in path}
        t, apart = trigger, False
        for _ in range(12):
            if t.i in ids:
                break
            # a clause set beside with a semicolon or dash (extract/units.py); ", and" is left as it was: "Chile
            # used Iranian drones, and Peru has received technology from Tehran" may name one transfer
            if t.pos_ in ("VERB", "AUX") and t.dep_ == "parataxis" and t.lemma_.lower() not in speech and \
                    any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
                apart = True
            # "Tanzania operates Chinese J-7 fighters, and Cameroon ordered boats": ", and" with a state of its own
            # as the subject and weapons of its own, beside weapons whose make the first clause states ("..., and
            # Peru has received technology from Tehran" may be about the first clause's drones)
            if t.pos_ in ("VERB", "AUX") and t.dep_ == "conj" and self.on("held-beside-and") and any(
                    c.dep_ == "nsubj" and (m := self.sent.mention_at(c)) is not None and m.kind == "state"
                    for c in t.children) and self._made_stated(tok) and any(
                    (m := self.sent.mention_at(u)) is not None and m.is_equipment for u in t.subtree):
                apart = True
            if t.head.i == t.i:
                return None
            t = t.head
        else:
            return None
        verb = next((u for u in path if u.pos_ in ("VERB", "AUX")), None)
        if not apart or verb is None or verb.i != t.i or \
                not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return None
        if verb.lemma_.lower() not in self.lex.possession or any(
                c.dep_ in ("dobj", "obj") and (c.lower_ in _BACK or any(d.lower_ in _BACK for d in c.children))
                for c in trigger.children):
            return None     # "Chile has K9s; Peru bought the same guns": the other clause points back at the item
        if not any(r.role == "H" and r.token.head.i == verb.i and r.token.dep_ in ("nsubj", "nsubjpass")
                   for r in self.roles):
            return None     # "The army operates Abrams tanks; Poland ordered 250 more": no holder named
        self._wall = verb
        return "held"

    def _made_stated(self, tok) -> bool:
        """Does the item at ``tok`` carry its make ("Chinese J-7 fighters", "Russian-built helicopters")?"""
        phrase = tok
        while phrase.dep_ in ("compound", "amod", "nummod", "nmod") and phrase.head.i != phrase.i:
            phrase = phrase.head
        inside = {u.i for u in phrase.subtree}
        return any(r.role == "S" and r.token is not None and r.token.i in inside and
                   {"made-in", "nationality-on-equipment"} & set(r.rules) for r in self.roles)

    def _names_the_frames(self, span) -> bool:
        """Is this item in apposition to a demonstrative phrase ("these drones, A and B") naming equipment of a
        kind the transfer just read moved?"""
        frame = self.frame
        if span is None or frame is None or frame.age(self.place.index) > NEAR or \
                not self.on("demonstrative-apposition"):
            return False
        tok = span.root
        while tok.dep_ in ("conj", "compound") and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ != "appos":
            return False
        head = tok.head
        m = self.sent.mention_at(head)
        return m is not None and m.is_equipment and any(c.lower_ in ("these", "those", "this", "that")
                                                         for c in head.children) and \
            any(cat == m.category for _, cat, _, _ in frame.systems)

    def _refers_back(self) -> bool:
        """Does the sentence point back at all: a pronoun or demonstrative ("It has been exported", "these
        aircraft"), or a transfer noun made definite ("the deal", "the purchase")? "committed to helping the
        kingdom obtain capabilities" names nothing said before."""
        triggers = {t.i for t, _ in self.triggers}
        for t in self.sent.doc:
            w = t.lower_
            if w in ("it", "they", "them", "these", "those", "this", "such") and t.dep_ != "expl":
                return True
            if w in ("the", "that") and t.dep_ == "det" and t.head.i in triggers:
                return True
            if w in ("its", "their") and t.head.i in triggers:
                return True
        return self._firm_subject()

    def _firm_subject(self) -> bool:
        """ "The company has also won an order from Chile": the firm in focus, referred back to as the subject, goes
        on selling what the text was about."""
        return any("firm-reference" in m.rules and span is not None and span.root.dep_ == "nsubj"
                   for m, span in zip(self.sent.mentions, self.sent.spans))

    def _counted_objects(self, items: list[Item]) -> list[Item]:
        """ "The C-390 is flown by Portugal, and Hungary has ordered two": a clause of its own (with its own subject)
        whose object is a bare count counts the one weapon named before it."""
        out = []
        named = [it for it in items if it.span is not None and it.trigger is None]
        for t, fr in self.triggers:
            if fr[0] == "deal" or t.pos_ != "VERB" or t.dep_ != "conj" or \
                    not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
                continue
            count = next((c for c in t.children if c.dep_ in ("dobj", "obj") and c.tag_ == "CD" and
                          not any(g.dep_ == "prep" and g.lower_ == "of" for g in c.children)), None)
            if count is None or any(it.span is not None and it.span.start > t.i for it in items):
                continue
            before = {it.mention.key for it in named if it.span.start < t.i}
            if len(before) != 1 or any(self.anchor_of(it.span.root) == t.i for it in named):
                continue
            it = next(it for it in named if it.span.start < t.i)
            out.append(Item(it.mention, it.span, it.index, it.makers, (t, fr)))
            self._bare_counts[len(items) + len(out) - 1] = number_value(count.text)
        return out

    def _pronoun_objects(self, items: list[Item]) -> list[Item]:
        """ "shipped drones to the UAE, which later passed them to Libyan forces": 'them' is the same drones."""
        out = []
        for t, fr in self.triggers:
            if fr[0] == "deal" or t.pos_ != "VERB":
                continue
            if not any(c.dep_ in ("dobj", "obj", "dative") and c.lower_ in ("them", "it", "these", "those")
                       for c in t.children):
                continue
            if any(it.span is not None and self.anchor_of(it.span.root) == t.i for it in items):
                continue
            out += [Item(it.mention, it.span, it.index, it.makers, (t, fr)) for it in items
                    if it.span is not None and it.span.start < t.i]
        return out

    # -- one item ------------------------------------------------------------------------------------------
    def _read_item(self, item: Item, inherit: Frame | None, components, whole_hedged: bool, hedged_items):
        """(suppliers, recipients, status, hedged, trigger) for one item, or None when it is no transfer."""
        self._held_clause = None
        m, span = item.mention, item.span
        anchor_span = span if span is not None else (self.roles[0].token if self.roles else None)
        # "the jets that Algeria received": a relative clause on the item names its own trigger
        noun = span.root if span is not None else None
        while noun is not None and noun.dep_ in ("amod", "compound", "nmod", "nummod") and noun.head.i != noun.i:
            noun = noun.head                    # "Su-57" in "the Su-57 fighters": the noun it qualifies
        own = next((t for t in self.triggers if (q := relative_head(t[0])) is not None and q.i == noun.i),
                   None) if noun is not None and self.on("relative-clause-trigger") else None
        onward = None
        if item.trigger is None and noun is not None:
            # "the jets Russia sold to Egypt were passed on to Libya", "Croatia sold rifles bought from Israel to
            # Jordan": a clause on the weapon tells the earlier transfer; the one it is the subject or object of,
            # the later
            rel = own or next((t for t in self.triggers if t[0].dep_ == "acl" and t[0].head.i == noun.i), None)
            onward = self._handed_on(noun, rel) if rel is not None else None
        if onward is not None:
            own = onward
        fills = ["relative-clause-trigger"] if own is not None and item.trigger is None and \
            relative_head(own[0]) is not None else []
        trig = item.trigger or own or (nearest_trigger(anchor_span, self.triggers) if anchor_span is not None
                                       else None)
        if span is not None and trig is not None and only_a_topic(span.root, trig[0], self.lex):
            return None
        wall = self._walled_off(span.root, trig[0]) if span is not None and trig is not None and \
            item.trigger is None else None
        if wall == "other clause":
            return None
        if wall == "held":
            trig = None         # "Qatar, which operates French jets, ordered ...": held, not what is ordered
        if inherit is not None and inherit.parties:
            # "Under the deal, 1,000 K2 tanks will be supplied": the party that makes them supplies the other
            if m.origin not in inherit.parties:
                return None
            inherit = replace(inherit, suppliers=[m.origin], recipients=[c for c in inherit.parties
                                                                          if c != m.origin])
        if inherit is not None:
            status = inherit.status
            # "The package includes 600 Stinger missiles": the package is the deal just read, at its stage
            contents = trig is not None and trig[0].dep_ in ("nsubj", "nsubjpass") and \
                any(trig[0].head.i == v.i for v in self.continuation)
            if trig is not None and not self.place.list_item and not contents:
                status = status_of(trig[0], trig[1][0], trig[1][1], self.lex) or status
            if self.inherit_rule == "frame-delivery":
                status = "delivered"    # its verb, read by _delivers_the_frame, says they have come
            if self.inherit_rule == "deal-topic" and span is not None:
                # "The contract was cancelled in 2023": what is done to the deal is its new stage
                status = self.lex.status_words.get(span.root.head.lemma_.lower(), status)
            return self._parties(list(inherit.suppliers), list(inherit.recipients), status,
                                 inherit.hedged or whole_hedged, trig,
                                 fills + [self.inherit_rule] + ([inherit.rule] if inherit.rule else []))
        if item.trigger or onward is not None:
            anchor = trig[0].i
        else:
            anchor = self.anchor_of(anchor_span.root if hasattr(anchor_span, "root") else anchor_span) \
                if anchor_span is not None else -1
        own_bound = set(self.bound[item.index]) if item.index in self.bound and not item.trigger else set()
        # a designation speaks for its own maker only; with none, a firm among a deal's parties is its seller ("the
        # agreement between Kenya and Turkish companies on the supply of armoured vehicles")
        origins = {m.origin} if m.origin else self.origins | self._firm_parties()
        sides = sides_for(anchor, self.pools, self.union, own_bound, origins, trig[0] if trig else None, self.off,
                          self.sent.is_equipment)
        held = bool(sides.holders) and self._held(span) and self.on("held-delivered")
        component = any(item is c for c in components)
        if trig is None and not (held and item.index in {**self.made_in, **self.bound}) and not component:
            return None
        # equipment a state already holds ("operates 12 Mirage 2000s bought from France") was delivered
        status = "delivered" if trig is None or held else status_of(trig[0], trig[1][0], trig[1][1], self.lex)
        if trig is not None and not held and (rep := self._replacing(trig[0])) is not None:
            # "will replace its Mirages with Rafales supplied by France": the participle names the seller, the
            # replacing verb says when they come
            status = status_of(rep[0], rep[1][0], rep[1][1], self.lex)
            fills.append("replaced-with")
        if status is None and trig is not None and not held and self._instead_of_denied(span) and \
                self.on("not-but-contrast"):
            # "Egypt did not receive Su-35s from Russia but Rafales from France": the negation denies the first
            status = status_of(trig[0], trig[1][0], trig[1][1], self.lex, contrast=True)
            fills.append("not-but-contrast")
        if status is None:
            return None
        if (held or trig is not None and self.reader.frame_rules.get(trig[0].i) == "adopted-by") and \
                self._captured(span) and self.on("captured-not-bought"):
            return None     # "T-64 tanks captured in 2022 are now operated by Russian units": taken, not bought
        if held:
            fills.append("held-delivered")
        suppliers = self._suppliers(item, sides, fills, trig)
        recipients = list(sides.recipients)
        if (own := self.with_partner.get(item.index)) is not None:
            # "talks with France over the Rafale and with the US over F-16s": each partner deals in its own weapon
            others = self.with_partners - {own}
            suppliers = [c for c in suppliers if c not in others]
            recipients = [c for c in recipients if c not in others]
            if own not in suppliers and own not in recipients:
                suppliers = [own]
            fills.append("with-partner-per-item")
        if trig is not None and self.reader.frame_rules.get(trig[0].i) == "replaced-with" and \
                not (trig[0].i in self.pools and self.pools[trig[0].i].recipients):
            # "The navy, which is swapping its corvettes for frigates, will hand spares to Albania": what comes in
            # goes to whoever replaces; when that is no state, to no one else in the sentence
            return None
        self._held_clause = self._wall if wall == "held" and held else None
        if wall == "held" and held:
            # "Nigeria bought tanks, and Cameroon operates Chinese-made helicopters": the clause that holds the
            # item has its own holder; the other clause's recipient is not this item's
            inside = {u.i for u in self._wall.subtree}
            own = [r.code for r in self.roles if r.role == "H" and r.token is not None and r.token.i in inside]
            if own and not set(own) & set(recipients):
                recipients = []
                suppliers = [c for c in suppliers if c in own_bound or c in self.made_in.get(item.index, [])] or \
                    list(self.made_in.get(item.index, [])) or list(own_bound)
                sides = replace(sides, holders=own)
        if not recipients and (held or (suppliers and sides.holders)) and self.on("holder-recipient"):
            recipients = list(sides.holders)      # "X operates ... with a deal for missiles from Y"
            fills.append("holder-recipient")
        makers = [c for c in sides.makers if c not in recipients]   # "built by Larsen & Toubro" for India: at home
        if not suppliers and makers and self.on("maker-supplier"):
            suppliers = makers
            fills.append("maker-supplier")
        if sides.partner_filled:
            fills.append("deal-partner-sells")
        if sides.exchange_filled:
            fills.append("exchange-counterparty")
        if sides.own_relatives:
            fills.append("each-relative-its-own")
        if span is not None and trig is not None and any(_counter_goods(t, trig[0]) for t in span) and \
                self.on("counter-goods"):
            # "Greece gives BMPs to Ukraine in exchange for German Marders": what is got in return goes the other
            # way, from its stated maker or the clause's recipient to the clause's supplier
            givers = [c for c in (*suppliers, *sides.suppliers) if c not in own_bound]
            givers = list(dict.fromkeys(givers))
            if givers:
                # the exchange is agreed; that the goods in return have moved, the sentence does not say
                suppliers, recipients = list(own_bound) or recipients, givers
                status = "ordered" if status == "delivered" else status
                fills.append("counter-goods")
        if component and (not recipients or sides.borrowed) and self.on("component-host"):
            # the component goes to whoever builds the system it is fitted to
            fresh = self.frame is not None and self.frame.age(self.place.index) <= FOCUS
            host = host_origin(self.sent.mentions, self.frame.systems if fresh else ())
            if host:
                recipients = [host]
                fills.append("component-host")
            if not suppliers and m.origin:
                suppliers = [m.origin]
                fills.append("catalogue-origin")
        legs = self._earlier_legs(item, trig) if recipients and not self._diverted(item, trig) else []
        if legs and self.on("prior-leg"):
            # "Croatia sold rifles bought from Israel to Jordan", "the rifles Serbia sold to Riyadh were passed on
            # to Yemen": the parties of the earlier transfer are not those of the one that hands them on
            earlier = {c for _, sellers, _ in legs for c in sellers}
            held = [b for _, _, buyers in legs for b in buyers]
            later = [c for c in recipients if c not in held]
            if later and held:
                recipients = later
            # but the subject of the verb gives ("Russia delivered to Peru the jets ordered by Chile")
            earlier -= {r.code for r in self.roles if r.token is not None and r.token.dep_ == "nsubj" and
                        r.token.head.i == trig[0].i}
            rest = [c for c in suppliers if c not in earlier]
            if earlier & set(suppliers) and (rest or any(b not in recipients for b in held)):
                suppliers = rest
        if not suppliers and recipients and self.on("prior-leg"):
            # "the ammunition sold to Pakistan by Serbia was transferred to Ukraine": who bought it hands it on
            holders = [b for _, _, buyers in legs for b in buyers if b not in recipients]
            if holders:
                suppliers = list(dict.fromkeys(holders))
                fills.append("prior-leg")
        first = self._first_buyer(m, trig, recipients) if not suppliers and recipients else None
        if first:
            # "Russia sold Kornets to Syria in 2010. The missiles were later diverted to Hezbollah.": who bought
            # them first handed them on, not their maker
            suppliers = first
            fills.append("first-buyer-hands-on")
        if not recipients and self._sighted_holder(m, trig, suppliers):
            # "Images show two VN22s at a barracks in Nigeria. The vehicles were delivered last year.": weapons
            # just reported seen in one actor's hands went to that actor
            recipients = [self.place.sighted[0]]
            fills.append("sighted-holder")
        if not suppliers and recipients and m.origin and first is None and \
                (m.origin not in recipients or len(recipients) > 1 and self.on("maker-among-users")) and \
                self._catalogue_variant(m) and self.on("catalogue-origin") and \
                not self._unnamed_seller(trig, span):  # not a mere folding ("P15B"), nor "from a local firm"
            suppliers = [m.origin]
            fills.append("catalogue-origin")
            if m.origin in recipients:
                # "Users of the CV90 include Sweden, Norway and Denmark": the maker's own use is no transfer; the
                # others got it from the maker's state
                fills.append("maker-among-users")
        if self.on("frame"):
            suppliers, recipients, status = self._from_frame(span, trig, suppliers, recipients, status, fills,
                                                             origin=m.origin if m.rules else None)
        if suppliers and not recipients and self._the_frames_weapons(m, span, trig) and self.on("frame-recipient"):
            # "The first F-16s arrived in Peru. The jets came from Chile": the jets just read went to the frame's
            # recipient, whoever this sentence says they came from
            recipients = [c for c in self.frame.recipients if c not in suppliers]
            fills.append("frame-recipient")
        if suppliers and not recipients and self._home_buyer(trig, span, suppliers):
            # "the Kfirs bought from Israel in 1989", "talks with Naval Group for three more Scorpenes": a paper tells
            # its own state's purchases without naming the buyer
            recipients = [self.place.home]
            fills.append("home-recipient")
        if not suppliers and not recipients and self._names_the_frames(span):
            # "... a dozen drones delivered by Turkey. These drones, the TB2 and the Akinci, were handed over ...":
            # the names given to the weapons just told of belong to that transfer
            suppliers, recipients = list(self.frame.suppliers), list(self.frame.recipients)
            fills.append("demonstrative-apposition")
        is_hedged = whole_hedged or (span is not None and any(t.i in hedged_items for t in span))
        return self._parties(suppliers, recipients, status, is_hedged, trig, fills)

    def _home_buyer(self, trig, span, suppliers) -> bool:
        """Is the paper's own state the buyer the sentence leaves unsaid? Only for a word of getting or of a deal
        ("bought from", "ordered from", "talks with"), not one of giving ("Turkey exports drones": to whom is not
        told); only for a weapon the word governs or that the word describes ("The Gripens will replace the Kfirs
        bought from Israel": the Kfirs), and only when the sentence names no buyer of its own for any weapon."""
        home = self.place.home
        if not home or home in suppliers or trig is None or trig[1][0] not in ("get", "deal") or span is None or \
                not self.on("home-recipient"):
            return False
        word, noun = trig[0], span.root
        while noun.dep_ in ("compound", "amod", "nmod", "nummod") and noun.head.i != noun.i:
            noun = noun.head            # "the MiG-29K fleet": the noun the name sits on
        if not (word.i in {t.i for t in noun.subtree} or noun.i in {t.i for t in word.subtree}):
            return False
        # "The IAF has inducted ...": a subject that names a force or state the catalogue cannot place is a buyer
        # named, though not known
        for subj in (c for c in word.children if c.dep_ in ("nsubj", "nsubjpass") and word.pos_ in ("VERB", "AUX")):
            if any((t.ent_type_ in ("GPE", "NORP") or len(t.text) >= 2 and t.text.isupper()) and
                   self.sent.mention_at(t) is None for t in subj.subtree):
                return False
        # a buyer the sentence names for any weapon ("sold to Chile", "Peru ordered") is not left unsaid
        return not any(r.code != home and (r.role in ("R", "H") or r.role == "P" and r.code not in suppliers)
                       for r in self.roles)

    @staticmethod
    def _instead_of_denied(span) -> bool:
        """Is the item the second conjunct of "not X but Y" ("did not buy Su-35s but Rafales")? A "but" stands
        between the conjunct it is coordinated with and it."""
        if span is None:
            return False
        noun = span.root
        while noun.dep_ in ("amod", "compound", "nmod", "nummod") and noun.head.i != noun.i:
            noun = noun.head
        if noun.dep_ != "conj" or noun.head.i >= noun.i:
            return False
        return any(t.lower_ == "but" and t.dep_ == "cc" for t in noun.doc[noun.head.i + 1:noun.i])

    def _catalogue_variant(self, m: Mention) -> bool:
        """Is ``m`` a catalogue system, or a variant written as one's name plus its variant letters ("F-16IQ": the
        F-16's maker builds it)? A designation that only folds onto a name ("P15B" on the P-15 missile) is
        another weapon, whose maker the catalogue does not know."""
        systems = self.x.catalog.systems
        if m.key in systems:
            return True
        # the name may be another name of the system ("FIM-92K": the K variant of the FIM-92, the Stinger)
        names = _designations(self.x.catalog)
        return any(m.text.startswith(name) and m.text[len(name):].isalnum() and names[name].origin == m.origin
                   for name in (m.key[:k] for k in range(len(m.key) - 1, 2, -1)) if name in names)

    def _unnamed_seller(self, trig, span=None) -> bool:
        """ "leases helicopters from a local firm", "got batteries from Western donors": the trigger or the item
        names its seller, though not as a state."""
        if trig is None:
            return False
        sellers = self.lex.word_classes["unnamed_sellers"]
        heads = [trig[0]]
        if span is not None:
            heads.append(span.root)
            if span.root.dep_ in ("compound", "nmod"):
                heads.append(span.root.head)        # "Patriot batteries from ...": the noun the name sits on
        return any(p.dep_ == "prep" and p.lower_ == "from" and any(
            g.dep_ == "pobj" and g.lemma_.lower() in sellers and self.sent.mention_at(g) is None
            for g in p.children) for h in heads for p in h.children)

    def _suppliers(self, item: Item, sides, fills: list[str], trig=None) -> list[str]:
        if item.makers:
            return list(item.makers)
        onward = trig is not None and item.index in self.bound and not item.trigger and \
            trig[0].lemma_.lower() in self.lex.word_classes.get("onward_verbs", ()) and \
            [c for c in sides.suppliers if c not in self.bound[item.index]]
        if onward and self.on("onward-seller"):
            # "The UAE re-exported Chinese drones to Libya": who passes weapons on sells them; "Chinese" names
            # their maker
            fills.append("onward-seller")
            return list(onward)
        suppliers = list(self.bound[item.index]) if item.index in self.bound and not item.trigger \
            else list(sides.suppliers)
        if item.index in self.bound and not item.trigger:
            fills.extend(self.bound_by.get(item.index, []))
        stated = {r.code for r in self.roles if r.role == "S" and not r.weak}
        made = {r.code for r in self.roles if r.weak} - stated
        if set(suppliers) & stated:
            # "U.S.-made jets from Norway": where a thing was made yields to the seller the sentence states
            suppliers = [s for s in suppliers if s not in made]
        if not suppliers and item.index in self.made_in:
            suppliers = list(self.made_in[item.index])  # "Chinese-made drones purchased from the UAE": the seller
        if item.span is None and self.frame is not None:
            # equipment borrowed from the previous transfer keeps that transfer's supplier
            frame_sup = self.frame.suppliers
            suppliers = [x for x in suppliers if x in frame_sup] if suppliers else list(frame_sup)
        return suppliers

    def _captured(self, span) -> bool:
        """Is the item told of as taken from an enemy: a capture word on its noun or on a phrase it sits in
        ("captured equipment, such as ...", "tanks seized in 2022"), or on the verb that holds it ("operated ...
        after being captured")? Not a capture told in a clause of its own ("operates K2s and captured T-90s")."""
        if span is None:
            return False
        words = self.lex.word_classes["capture_words"]

        def marked(t) -> bool:
            for c in t.children:
                if c.dep_ in ("amod", "acl", "advcl", "relcl", "compound") and c.lemma_.lower() in words:
                    return True
                if c.dep_ == "prep" and any(g.dep_ == "pcomp" and g.lemma_.lower() in words for g in c.children):
                    return True
            return False

        node = span.root
        for _ in range(6):
            if node.lemma_.lower() in words and node.i != span.root.i or marked(node):
                return True
            if node.head.i == node.i or node.dep_ in ("conj", "ccomp", "parataxis"):
                break
            node = node.head
        return False

    def _first_buyer(self, m: Mention, trig, recipients: list[str]) -> list[str] | None:
        """The buyers of the transfer just read, when this sentence's diversion or onward verb ("diverted to",
        "passed to") hands its weapons on to others and names no giver: they held them first. Not weapons only
        ordered by their first buyer ("Egypt ordered Su-35s. The jets were diverted to Iran": the maker sent them
        on), nor a route ("via Iran", whose part is untold: then no one, the maker least of all). None where the
        rule has no say."""
        frame = self.frame
        words = self.lex.word_classes
        if trig is None or frame is None or frame.age(self.place.index) > NEAR or m.kind != "system" or \
                not self.on("first-buyer-hands-on"):
            return None
        verb = trig[0]
        lemma = verb.lemma_.lower()
        if lemma not in words["diversion_verbs"] | words["onward_verbs"] or verb.pos_ != "VERB":
            return None
        if m.key not in {name for name, *_ in frame.systems if name} or not frame.recipients or \
                set(frame.recipients) & set(recipients) or not set(frame.suppliers) - set(recipients):
            return None
        if lemma in words["diversion_verbs"] and frame.subject == "R" and frame.status in ("ordered", "negotiating",
                                                                                          "interest"):
            return None     # meant for the first buyer, never theirs: the maker sent them on
        if any(c.dep_ == "prep" and c.lower_ in ("via", "through") for c in verb.children):
            return []
        return [c for c in frame.recipients if c not in recipients]

    def _sighted_holder(self, m: Mention, trig, suppliers: list[str]) -> bool:
        """Is the item a weapon the text has just reported seen in one actor's hands (``Place.sighted``), moved
        by a trigger that names no destination of its own ("sold to five countries", "shipped to the front")?"""
        sighted = self.place.sighted
        if sighted is None or trig is None or m.kind != "system" or m.key not in sighted[1] or \
                sighted[0] in suppliers or sighted[0] == m.origin or not self.on("sighted-holder"):
            return False
        return not any(c.dep_ == "dative" or c.dep_ == "prep" and c.lower_ in ("to", "into", "for", "toward",
                                                                              "towards")
                       for c in trig[0].children)

    def _the_frames_weapons(self, m: Mention, span, trig) -> bool:
        """Does the item name again, by a definite noun, the named weapons of the transfer just read ("the jets",
        "these fighters" after "the first F-16s arrived in Peru")? Not when "also" or "too" makes it another
        transfer of that kind ("Spain also sold the jets")."""
        frame = self.frame
        if frame is None or frame.age(self.place.index) > NEAR or not frame.recipients or span is None or \
                trig is None or "equipment-anaphor" not in m.rules:
            return False
        if m.key not in {name for name, *_ in frame.systems if name}:
            return False
        if not any(t.lower_ in ("the", "these", "those") and t.dep_ == "det" for t in span.root.children):
            return False
        return not any(t.lower_ in ("also", "too", "likewise") for t in trig[0].children)

    def _from_frame(self, span, trig, suppliers, recipients, status, fills, origin=None):
        """Fill one missing side from the transfer just read, when the other side agrees with it."""
        frame = self.frame
        if frame is None or frame.age(self.place.index) > FOCUS:
            return suppliers, recipients, status
        if trig is not None and self._demand_level(trig[0]):
            fills.append("demand-level")
            return suppliers, recipients, status
        if frame.parties and bool(suppliers) != bool(recipients):
            # a deal between two parties: the side this sentence tells is one of them, the other is the other one
            known = set(suppliers or recipients)
            if known < set(frame.parties):
                rest = [c for c in frame.parties if c not in known]
                suppliers, recipients = (suppliers, rest) if suppliers else (rest, recipients)
                fills.extend(["frame", frame.rule or "frame"])
            return suppliers, recipients, status
        if not suppliers and recipients and (span is None or set(recipients) & set(frame.recipients)):
            suppliers = list(frame.suppliers)
            fills.append("frame")
            if frame.rule:
                fills.append(frame.rule)
        if not recipients and suppliers and set(suppliers) & set(frame.suppliers):
            recipients = list(frame.recipients)
            fills.append("frame")
            if frame.rule:
                fills.append(frame.rule)    # the frame of a deal that named no weapon
            if trig is not None and _refers_back(trig[0]):
                status = frame.status    # "The largest deal is for 291 Altius ...": that deal's stage
        elif not recipients and suppliers and frame.buyer and frame.buyer not in suppliers and \
                (origin is None or set(origin.split("+")) & set(suppliers)) and \
                self._to_the_buyer_in_focus(trig, suppliers, span) and self.on("buyer-in-focus"):
            # a paragraph about one buyer's suppliers: "Norway has agreed to supply NASAMS launchers", "a plan to buy
            # used F-16s from Jordan was dropped" leave the buyer untold; it is the one the text follows. Not a
            # generic that the discourse named ("missiles": the BrahMos in focus) when that system is not this
            # seller's to give
            recipients = [frame.buyer]
            fills.append("buyer-in-focus")
        return suppliers, recipients, status

    def _to_the_buyer_in_focus(self, trig, suppliers, span=None) -> bool:
        """May a transfer with a seller and no buyer go to the buyer the text follows? Only when the sentence names
        no actor but its sellers, and no open market ("abroad", "to many countries", "export customers"), and its
        word is no export in general."""
        if trig is None or trig[0].lemma_.lower() in self.lex.word_classes.get("open_market_verbs", ()):
            return False
        if any(m.is_actor and m.key not in suppliers for m in self.sent.mentions):
            return False
        head = span.root if span is not None else None
        while head is not None and head.dep_ in ("compound", "amod", "nmod", "nummod") and head.head.i != head.i:
            head = head.head        # "the Scorpene Evolved submarine offered by France": the phrase's noun
        if head is not None and not (trig[0].i in {a.i for a in head.ancestors} or
                                     head.i in {a.i for a in trig[0].ancestors} or head.i == trig[0].i):
            return False    # "The jets will replace the Kfirs bought from Israel": a word of another noun's clause
        markets = self.lex.word_classes.get("open_market_words", ())
        if any(t.lower_ in markets or t.lemma_.lower() in markets for t in self.sent.doc):
            return False
        text = " " + " ".join(t.lower_ for t in self.sent.doc) + " "
        if any(f" {p} " in text for p in self.lex.word_classes.get("running_total_phrases", ())):
            return False
        return not any(t.lower_ == "since" and t.i + 1 < len(t.doc) and
                       re.fullmatch(r"(?:19|20)\d\d", t.doc[t.i + 1].text) for t in self.sent.doc)

    def _parties(self, suppliers, recipients, status, is_hedged, trig, fills):
        suppliers = [c for c in suppliers if self.x.is_party(c)]
        recipients = [c for c in recipients if self.x.is_party(c)]
        if not suppliers or not recipients:
            return None
        return suppliers, recipients, status, is_hedged, trig, list(dict.fromkeys(fills))

    def _demand_level(self, noun) -> bool:
        """ "Interest in Russian helicopters remains high", "demand for Turkish drones is growing": the level of a
        market's demand, told with no buyer of its own, is no buyer's interest; the transfer just read lends it none."""
        if not self.on("demand-level"):
            return False
        words = self.lex.word_classes
        if noun.lemma_.lower() not in words["demand_nouns"] or noun.dep_ not in ("nsubj", "nsubjpass"):
            return False
        verb = noun.head
        if verb.lemma_.lower() not in words["level_verbs"]:
            return False
        if verb.lemma_.lower() in ("be", "remain", "stay") and not any(
                c.dep_ in ("acomp", "attr", "oprd") for c in verb.children):
            return False
        # "Egypt's interest in ...", "interest from Egypt": a buyer of its own
        for c in noun.children:
            if c.dep_ == "poss":
                return False    # "its / the junta's interest": someone's own
            if c.dep_ in ("compound", "amod") and (m := self.sent.mention_at(c)) is not None and m.is_actor:
                return False
            if c.dep_ == "prep" and c.lower_ in ("from", "among", "of", "by") and any(
                    (m := self.sent.mention_at(u)) is not None and m.is_actor for u in c.subtree):
                return False
        return True

    def _combat_use(self, verb) -> bool:
        """Weapons used in a war are told of as used, not as received ("Iranian-made drones used by Russian forces
        in Ukraine", "employed Chinese-made drones to strike rebel positions", "fired in the war"): the verb of
        possession has a combat complement of its own (a purpose verb of attack, "against", "in strikes / the war /
        combat", or "in" a state other than the holder's), so its subject's holding says nothing of a transfer."""
        if not self.on("combat-use"):
            return False
        words = self.lex.word_classes
        sides = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "agent")]
        heads = [o for c in sides for o in ([c] if c.dep_ != "agent" else [o for o in c.children if o.dep_ == "pobj"])]
        # "forces in Ukraine": a place on the holder's own noun is where it uses them, as one on the verb is
        preps = [c for c in (*verb.children, *(p for h in heads for p in h.children)) if c.dep_ == "prep"]
        places = {u.i for p in preps if p.lower_ == "in" for u in p.subtree}
        holders = {m.key for c in sides for u in c.subtree
                   if u.i not in places and (m := self.sent.mention_at(u)) is not None and m.is_actor}
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "against":
                return True
            if c.dep_ in ("advcl", "xcomp") and (c.lemma_.lower() in words["combat_verbs"] or any(
                    o.dep_ in ("dobj", "obj") and o.lemma_.lower() in words["combat_nouns"] for o in c.children)):
                return True     # "to strike cities", "to carry out / mount attacks"
        for c in preps:
            if c.lower_ not in ("in", "during", "on", "at", "for", "to"):
                continue        # "to" too: "used drones to mount attacks" is parsed with "attacks" its object
            for o in c.children:
                if o.dep_ != "pobj":
                    continue
                if o.lemma_.lower() in words["combat_nouns"]:
                    return True
                m = self.sent.mention_at(o)
                if m is not None and m.kind == "state" and holders and m.key not in holders and c.lower_ == "in":
                    return True
        return False

    def _held(self, span) -> bool:
        """Is the equipment the object of a verb of possession ("Egypt's forces use the American-made M109")?"""
        if span is None:
            return False
        heads = {t.i for t in self.possession}
        tok = span.root
        for _ in range(8):
            if tok.i in heads:
                return not self._combat_use(tok)
            if tok.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
                return False        # "Chile has tanks, and Peru ordered jets": the jets are in a clause of their own
            if any(c.i in heads and c.dep_ in ("acl", "relcl") and c.tag_ == "VBN" for c in tok.children):
                return not any(self._combat_use(c) for c in tok.children if c.i in heads)
                # "Chinese-built drones operated by the UAE": held, told in a participle
            if tok.head.i == tok.i:
                return False
            if tok.dep_ == "pobj" and tok.head.lower_ in ("against", "at"):
                return False        # "used drones against Ruritanian tanks": the target, not what it holds
            tok = tok.head
        return False

    def _partners_per_item(self) -> tuple[dict[int, str], set[str]]:
        """ "in talks with France over the Rafale, and with the US over F-16s", "deals with Spain for ships and with
        Italy for jets": with two or more deal partners, each ("with X") deals in the weapons of the for / over / on
        phrase that follows it before the next partner. Equipment index -> its partner, and all the partners."""
        if not self.on("with-partner-per-item"):
            return {}, set()
        if not any(r.role == "P" and any(x in ("with-deal", "with-deal-above") for x in r.rules) for r in self.roles):
            return {}, set()
        # every "with <state>" of the sentence, however the parse hangs the second on the first
        partners = []
        for w in self.sent.doc:
            if w.lower_ != "with" or w.pos_ != "ADP":
                continue
            codes = [m.key for c in w.children if c.dep_ == "pobj" and (m := self.sent.mention_at(c)) is not None
                     and m.is_actor and "+" not in m.key]
            if len(codes) == 1:
                partners.append((w.i, codes[0]))
        if len({c for _, c in partners}) < 2:
            return {}, set()
        out: dict[int, str] = {}
        for ei in self.records:
            span = self.sent.spans[ei]
            if span is None:
                continue
            tok = span.root
            while tok.dep_ in ("compound", "nmod", "nummod", "amod", "conj") and tok.head.i != tok.i:
                tok = tok.head
            prep = tok.head
            if tok.dep_ != "pobj" or prep.lower_ not in ("for", "over", "on", "about", "regarding"):
                continue
            before = [c for i, c in partners if i < prep.i]
            if before:
                out[ei] = before[-1]
        return out, {c for _, c in partners}

    def _bound_suppliers(self, roles: list[Role]) -> dict[int, list[str]]:
        """Equipment index -> supplier codes stated on it ("Turkish UAVs", "Israeli and Turkish weapons")."""
        sent, absorbed = self.sent, self.absorbed
        bound: dict[int, list[str]] = {}
        for r in roles:
            if r.role == "S" and r.bound is not None:
                codes = bound.setdefault(absorbed.get(r.bound, r.bound), [])
                if r.code not in codes:
                    codes.append(r.code)

        # a supplier stated on one item of a list carries over its conjuncts and the items it introduces
        for ei in self.records:
            if ei in bound or sent.spans[ei] is None or not self.on("list-carry"):
                continue
            tok = sent.spans[ei].root
            for _ in range(5):
                if tok.dep_ not in ("conj", "appos", "pobj", "prep", "compound") or tok.head.i == tok.i:
                    break
                tok = tok.head
                j = sent.index_at(tok)
                if j is None:       # "American-made F-35 planes, armed drones": the name on an unlisted noun
                    j = next((sent.index_at(c) for c in tok.children if c.dep_ in ("compound", "nummod", "amod")
                              and sent.index_at(c) is not None and sent.mentions[sent.index_at(c)].is_equipment),
                             None)
                if j is not None and absorbed.get(j, j) in bound:
                    bound[ei] = list(bound[absorbed.get(j, j)])
                    self.bound_by.setdefault(ei, []).append("list-carry")
                    break
        # "Israeli and Turkish weapons, including Harop munitions and TB2 drones": each item its own maker
        # ... but "received Leopard tanks from Denmark and Germany" names two sellers of the same tanks
        sellers = {(r.code, absorbed.get(r.bound, r.bound)) for r in roles if r.bound is not None and
                   r.rules and r.rules[-1] == "from-equipment"}
        out = {}
        for ei, codes in bound.items():
            if len(codes) > 1 and sent.mentions[ei].origin in codes and self.on("each-own-maker") and \
                    not any((c, ei) in sellers for c in codes):
                codes = [sent.mentions[ei].origin]
                self.bound_by.setdefault(ei, []).append("each-own-maker")
            out[ei] = codes
        return out

    # -- the claim record ------------------------------------------------------------------------------------
    def _own_year(self, trig, skip, status: str | None = None) -> tuple[int | None, list[tuple[int, int]]]:
        """A year the parse attaches to this claim's trigger ("shipped ... to Belgrade in 2020"), and the spans of
        years that belong to other triggers ("delivering S-400s under a 2018 contract" is not a 2018 delivery)."""
        if trig is None:
            return None, []
        foreign = []
        text = self.sent.text
        skip = list(skip) + period_spans(text)          # "in 2018-22": a period, not a year
        if status == "cancelled":
            # "the contract signed in 2018 was cancelled in 2021": the year of the cancelling, not of the signing
            stops = {w for w, st in self.lex.status_words.items() if st == "cancelled"}
            for t in self.sent.doc:
                if _year_token(t) and not any(a <= t.idx < b for a, b in skip) and t.dep_ == "pobj" and \
                        t.head.dep_ == "prep" and t.head.head.lemma_.lower() in stops:
                    return int(t.text), []
        for t in self.sent.doc:
            if t.lower_ == "ago" and t.i > 1 and (near := nearest_trigger(t, self.triggers)) is not None and \
                    near[0].i != trig[0].i and in_a_phrase_of(trig[0], near[0]):
                # "Chile left the Gripen programme three years ago because of its purchase of Su-35s": the count of
                # years dates the leaving, not the buying the phrase gives as its reason
                lo = self.sent.doc[t.i - 2].idx
                foreign.append((lo, t.idx + len(t.text)))
        for t in self.sent.doc:
            if _year_token(t) and \
                    not any(a <= t.idx < b for a, b in skip) and not deadline(text, t.idx, self.doc.published):
                near = nearest_trigger(t, self.triggers)
                if near is not None and near[0].i == trig[0].i and self._said_elsewhere(t, trig[0]):
                    foreign.append((t.idx, t.idx + 4))
                    continue
                if near is not None and (near[0].i == trig[0].i or trig[0].head.i == near[0].i and
                                         trig[0].dep_ in ARGUMENTS and trig[0].pos_ == "NOUN"):
                    return int(t.text), []      # "the order was signed in 2023": the verb said of the deal noun
                if near is not None and status == "ordered" and self._deal_of(near[0], trig[0]):
                    return int(t.text), []      # "secured 24 helicopters in a 2020 agreement": the order's year
                if near is not None:
                    foreign.append((t.idx, t.idx + 4))    # "Kazakhstan, which bought the type in 2016"
        return None, foreign

    def _said_elsewhere(self, year, trigger) -> bool:
        """Is the year said of something else than the trigger's event, on the way up to it: of an actor, in a
        phrase or clause on its name ("Peru, a member since 2008, bought ...", "Chile, which joined in 2012,
        ordered ..."), or in a clause of its own subject that tells no transfer ("Oman ordered jets; the first will
        land in 2029")?"""
        above = {a.i for a in trigger.ancestors}
        t = year
        for _ in range(12):
            if t.i == trigger.i:
                return False
            if t.i in above:
                # the year hangs on a clause above the trigger's ("the first will land in 2029", the order told
                # in a clause under it): that clause's own subject, not the trigger's event, is dated
                below = next(a for a in [trigger, *trigger.ancestors] if a.head.i == t.i)
                return below.dep_ in ("conj", "parataxis", "ccomp", "advcl") and t.pos_ in ("VERB", "AUX") and \
                    t.lemma_.lower() not in self.lex.word_classes["speech_verbs"] and \
                    any(c.dep_ in ("nsubj", "nsubjpass") and c.i != below.i for c in t.children)
            if t.head.i == t.i:
                return False
            head = t.head
            if t.dep_ == "pobj" and head.lower_ == "since" and t.i != year.i and t.pos_ == "NOUN" and \
                    self.lex.frame(t.lemma_.lower(), "NOUN") is None and self.sent.mention_at(t) is None:
                return True         # "since its maiden flight in 2011, the jet has been sold to ...": the flight's
            if t.dep_ in ("appos", "relcl", "acl") and (m := self.sent.mention_at(head)) is not None and m.is_actor \
                    and (t.pos_ in ("NOUN", "PROPN") if t.dep_ == "appos" else
                         t.lemma_.lower() not in self.lex.word_classes["arrival_verbs"]):
                # ... but "the last 18 of them in 2024" and "which arrived in 2020", hung on the name by the
                # parse, still tell of the weapons
                return True
            if t.dep_ in ("conj", "parataxis", "ccomp", "advcl") and t.pos_ in ("VERB", "AUX") and \
                    head.i == trigger.i and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children) and \
                    not any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("it", "they", "which") for c in
                            t.children):
                return True
            t = head
        return False

    def _deal_of(self, noun, verb) -> bool:
        """Is ``noun`` a deal noun in a phrase on ``verb`` ("bought jets in a 2020 deal", "ordered ... under a 2019
        contract"), or the verb said of one ("is to receive jets under an agreement signed in 2024", "became the
        first buyer after a deal signed in 2025")? Its year is when the order was made; a delivery under it is
        dated by its own words."""
        if noun.pos_ == "VERB" and noun.dep_ == "acl":
            noun = noun.head                # "a deal signed in 2025": the deal
        prep = noun.head
        hosts = {verb.i} | ({verb.head.i} if verb.pos_ == "NOUN" and (verb.dep_ in ARGUMENTS or verb.dep_ == "attr")
                             else set())
        return noun.pos_ == "NOUN" and noun.lemma_.lower() in self.lex.word_classes["deal_nouns"] and \
            noun.dep_ == "pobj" and prep.lower_ in ("in", "under", "through", "via", "after", "following") and \
            prep.head.i in hosts

    def _claim(self, m: Mention, sup: str, rec: str, status: str, is_hedged: bool, trig) -> Claim:
        doc, sent = self.doc, self.sent
        stext = sent.text
        anchor = trig[0].idx if trig else m.start
        skip = list(self.skip) + [(x.start, x.end) for x in sent.mentions if x.kind == "system"]  # "Mirage 2000-5"
        own_year, foreign = self._own_year(trig, skip, status)
        year = own_year or event_year(stext, doc.published, anchor, skip + foreign, self.place.prior_year)
        if year is not None and doc.published is not None and year > doc.published.year and (
                status == "delivered" or status == "ordered" and trig is not None and trig[1][1] == "delivered"):
            # "will deliver 24 trainers by 2026": when they are due, not when they were ordered (nor delivered)
            year = None
        return Claim(
            doc=doc.id, supplier=sup, recipient=rec, system=m.key if m.kind == "system" else None,
            category=m.category or "other", quantity=quantity_before(stext, m.start) if m.end else None,
            status=status, year=year,
            hedged=bool(is_hedged), evidence=stext, start=doc.body_offset + sent.start,
            end=doc.body_offset + sent.start + len(stext), citation=self.cite,
            extras={"mention": m.text, "_origin": m.origin},
        )


_PART = frozenset({"first", "second", "last", "rest", "remainder", "some", "most", "all", "many", "several", "half",
                   "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen", "batch"})


# a transfer whose deliveries a later sentence may tell: one agreed or under way, not one only wished or discussed
_UNDER_WAY = frozenset({"ordered", "delivered"})


def _told_as_past(verb) -> bool:
    """Is the verb a finite past ("arrived", "were handed over", "have begun")? Not "will be delivered", nor a
    participle on its own ("twelve jets, delivered by 2029": when they are due)."""
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"will", "would", "shall", "may", "might", "could", "should", "must", "to", "can"}:
        return False
    return verb.tag_ == "VBD" or verb.tag_ == "VBN" and bool(aux & {"was", "were", "has", "have", "had", "been"})


def _points_to_them(subj) -> bool:
    """Is a subject the weapons just told of: "They", "The first of them", "two of these", "the rest of them"?"""
    if subj.lower_ == "they":
        return True
    return (subj.lower_ in _PART or subj.like_num) and any(
        p.dep_ == "prep" and p.lower_ == "of" and any(g.dep_ == "pobj" and g.lower_ in ("them", "these", "those")
                                                      for g in p.children) for p in subj.children)


def _counter_goods(tok, trigger) -> bool:
    """Is ``tok`` what is got in return ("in exchange for", "in return for") for what the trigger moves?"""
    t = tok
    for _ in range(8):
        if t.i == trigger.i or t.head.i == t.i:
            return False
        if t.dep_ == "pobj" and t.head.lower_ == "for" and t.head.head.lemma_.lower() in ("exchange", "return"):
            return True
        t = t.head
    return False


def _year_token(t) -> bool:
    return t.like_num and len(t.text) == 4 and t.text.isdigit() and 1940 <= int(t.text) <= 2049


# words of an object that point back at weapons named before: "bought them", "the same guns", "250 more"
_BACK = frozenset({"them", "it", "these", "those", "same", "more", "further", "additional", "another", "other"})


def _contrasted(clause) -> bool:
    """Is this adverbial clause set against the main one ("while Saab has pitched the Gripen", "whereas ...")? A
    clause of time or cause ("after the drones appeared in Chad") may still tell the main clause's transfer."""
    return any(c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for c in clause.children)


def _refers_back(tok) -> bool:
    """ "the deal", "this contract" (not "an agreement was concluded"): a deal already told."""
    return tok.pos_ == "NOUN" and any(c.lower_ in ("the", "this", "that", "these") for c in tok.children) and \
        tok.head.lemma_.lower() not in ("sign", "conclude", "ink", "agree", "reach", "finalize", "finalise")


def _expand_refs(roles: list[Role]) -> list[Role]:
    """A reference to several actors ("both countries") plays its role once for each of them."""
    out = []
    for r in roles:
        if "+" in r.code:
            out.extend(Role(r.mention, c, r.role, r.bound, r.token, r.via, r.weak, r.rules, r.partner)
                       for c in r.code.split("+"))
        else:
            out.append(r)
    return out


_DESIGNATIONS: dict[int, dict] = {}


def _designations(catalog) -> dict:
    """Every catalogue name and alias of a system, to the system (one table per catalogue)."""
    table = _DESIGNATIONS.get(id(catalog))
    if table is None:
        table = {}
        for system in catalog.systems.values():
            for name in (system.name, *system.aliases):
                table.setdefault(name, system)
        _DESIGNATIONS[id(catalog)] = table
    return table
