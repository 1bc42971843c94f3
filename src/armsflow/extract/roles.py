"""Who supplies and who receives: the part each actor mention plays in its sentence.

Roles come from the dependency parse read as transfer grammar: the subject of *sell/supply/deliver* supplies, the
subject of *buy/acquire/receive* receives; "from X" supplies, "to X" receives; "Turkish UAVs", "Israel's Arrow 3",
"American-made M109" bind a supplier to one system; "X's purchase" receives, "X's sale" supplies; "signed a deal
with X" makes both sides parties whose direction is settled later (by another role, the system's origin, or the
document). The small model misparses often ("sold Belgrade missiles" puts Belgrade inside the object), so each rule
looks at the local shape that survives such errors rather than at one exact tree.

Roles: S supplier, R recipient, P party of a deal (direction open), C co-party (same side as the clause subject),
M maker ("made by X": a supplier only when nothing better exists), H holder (subject of use/operate: a recipient
only of equipment whose foreign supplier the sentence states).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from armsflow.extract.ellipsis import counted_remnants
from armsflow.extract.grammar import load_rules
from armsflow.extract.lexicon import Lexicon, particle
from armsflow.extract.tokens import ORG_NOUNS, TIE_NOUNS, Sentence, holds
from armsflow.extract.status import conditional, participle_clause
from armsflow.extract.triggers import material, set_aside

# between a maker and its product: a possessive, a stock ticker ("[ABCD]", "(NYSE: ABC)"), "-built"
_MAKER_GAP = re.compile(r"^(?:['\u2019]s)?\s*(?:[\[(](?:[A-Z]{2,8}:\s*)?[A-Z][A-Z.]{0,6}[\])]\s*)?"
                        r"(?:-?\s*(?:built|made|designed|produced)\s*)?$")
_LIST_GAP = re.compile(r"^\s*(?:\([^()]{0,40}\)\s*)?(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)(?:the\s+)?$", re.I)
_SHARE_AFTER = re.compile(r"^\s+\d+(?:\.\d+)?\s*(?:%|per\s?cent\b|percent\b)", re.I)
_GAP_BEFORE = re.compile(r"(?:,|,? and)\s*$")
_GAP_BETWEEN = re.compile(r"\s+(?:[a-z][a-z\-]*\s+){0,3}")
# licence production: "under licence", "co-produce", "a technology transfer deal", "will assemble the guns locally"
_LICENCE = re.compile(r"licen|co-produc|local (?:production|assembly|manufactur)|technology transfer|"
                      r"transfer of technology|\blocally\b")
LIST_REACH = 20         # tokens back from a misattached "including" to the group noun that heads the list


def replacement(verb, words, is_equipment, is_actor):
    """The token of the weapon that comes in when ``verb`` replaces or swaps another (RoleReader._replacement)."""
    lemma = verb.lemma_.lower()
    prep = "with" if lemma in words["replace_with_verbs"] else "for" if lemma in words["swap_for_verbs"] else None
    if prep is None or verb.pos_ != "VERB":
        return None
    # the parse may hang the phrase on the verb or on a noun of its object ("replace [its jets with Rafales]",
    # "replaced the engines [on its ships with French ones]"), not inside a clause of its own
    def in_clause(t):
        while t.head.i != verb.i:
            t = t.head
            if t.pos_ in ("VERB", "AUX"):
                return False
        return True
    phrases = [t for t in verb.subtree if t.dep_ == "prep" and t.i > verb.i and in_clause(t)]
    if any(p.lower_ in ("to", "with") and any(g.dep_ == "pobj" and is_actor(g) for g in p.children) for p in phrases):
        return None
    return next((g for p in phrases if p.lower_ == prep for g in p.subtree if is_equipment(g)), None)


def _root(span):
    """The span's head word: "the Philippines" whose article the parse hung on another noun still heads on its
    name, not on "the"."""
    root = span.root
    if root.pos_ == "DET" and len(span) > 1:
        rest = [t for t in span if t.pos_ != "DET"]
        return min(rest, key=lambda t: (t.head.i in {x.i for x in span}, t.i)) if rest else root
    return root


@dataclass
class Role:
    mention: int          # index into Sentence.mentions
    code: str
    role: str             # S R P C M H
    bound: int | None     # equipment mention the actor qualifies, if any
    token: object         # the token the role was read from
    via: object = None    # the predicate it was read against, when not the token's own head (a misparse)
    weak: bool = False    # "Chinese-made": where it was made, which yields to a stated seller
    rules: tuple[str, ...] = ()   # the rules (rules.yaml) that read this role, outermost first
    partner: str | None = None    # for a co-party (C): the actor whose phrase it joins ("X, along with Y")


_BACK_REFS = frozenset({"them", "these", "those", "which", "whom"})
# words that list phrases under a head: "built 14 submarines, including for Chile and India"
LISTING_WORDS = frozenset({"including", "notably", "especially", "mainly", "mostly"})


def _maker_word(tok) -> bool:
    """ "Chinese-made", "Turkish-built": a state named as the maker, not the owner."""
    doc = tok.doc
    nxt = " ".join(t.lower_ for t in doc[tok.i + 1:tok.i + 3])
    return nxt.startswith(("- made", "- built", "- produced", "- designed", "-made", "-built", "made", "built"))


def _bare_participle(verb) -> bool:
    """ "The drones supplied to the army by Iran were seen": a past participle with no auxiliary whose clause is
    itself a subject is a participle on the noun before it, however the parse hangs it."""
    if verb.tag_ == "VBN" and verb.dep_ == "advcl":
        # "the guns arrived in May, donated by Germany": a participle clause with no subject of its own
        return not any(c.dep_ in ("aux", "auxpass", "mark", "nsubj", "nsubjpass") for c in verb.children)
    return verb.tag_ in ("VBN", "VBD") and verb.dep_ in ("csubj", "csubjpass") and \
        not any(c.dep_ in ("aux", "auxpass", "mark") for c in verb.children)


def _own_clause_below(tok, top) -> bool:
    """Is ``tok`` inside a clause with a subject of its own below ``top`` ("signed a contract for missiles, two
    years after the first batteries were handed over")? A word there tells that clause's transfer, not ``top``'s."""
    t = tok
    while t.i != top.i and t.head.i != t.i:
        if t.pos_ in ("VERB", "AUX") and t.dep_ in ("advcl", "ccomp", "relcl", "conj", "parataxis", "acl") and \
                any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            return True
        t = t.head
    return False


# a phrase of time says when a move happened, not what it was for: "sent NASAMS to Kyiv after a NATO exercise"
_TIME_PREPS = frozenset({"after", "before", "since", "until", "following", "ahead", "prior", "despite"})


def _clause_words(verb):
    """The words of ``verb``'s own clause: its phrases and the infinitives of purpose on them ("to take part in
    drills"), not a clause with a subject or a linking word of its own (", where they joined an exercise"), a
    verb coordinated with it ("and were used in drills"), a reported clause, or a phrase of time."""
    out, todo = [], [verb]
    while todo:
        t = todo.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ in ("ccomp", "parataxis", "csubj", "csubjpass") or \
                    c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") or \
                    c.dep_ == "prep" and c.lower_ in _TIME_PREPS:
                continue
            if c.dep_ in ("advcl", "relcl", "acl") and any(
                    g.dep_ in ("nsubj", "nsubjpass", "expl") or g.tag_ in ("WRB", "WDT", "WP") or
                    g.dep_ == "mark" and g.lower_ not in ("to", "in", "order", "so", "as") for g in c.children):
                continue
            todo.append(c)
    return out


def _topic_before_colon(verb):
    """The words of the topic a headline or factbox sets before a colon, when ``verb`` hangs on it ("Exercise
    Pitch Black: Germany sends Eurofighters to Australia"); none otherwise."""
    head = verb.head
    if head.i >= verb.i or verb.dep_ not in ("acl", "appos", "parataxis", "dep", "relcl"):
        return []
    colon = next((t.i for t in verb.doc[head.i:verb.i] if t.text == ":"), None)
    return [] if colon is None else [t for t in head.subtree if t.i < colon]


def _controlled_participle(verb):
    """The participle clause on ``verb`` whose subject is ``verb``'s (status.participle_clause):
    "Having bought tanks from Korea, Poland ...", "After acquiring drones from Turkey, Kenya ..."."""
    for c in verb.children:
        if participle_clause(c):
            return c
        if c.dep_ == "prep":
            for g in c.children:
                if participle_clause(g):
                    return g
    return None


def topic_line(sent) -> bool:
    """Does the sentence open on a state and a colon or dash ("Poland: 96 Apache helicopters from the US")?"""
    doc = sent.doc
    m = sent.mention_at(doc[0]) if len(doc) > 2 else None
    if m is None or not m.is_actor:
        return False
    if m.kind not in ("state", "seat"):
        return False                # "Chinese-built drones": a word on the weapons
    after = next((t for t in doc if t.idx >= m.end), None)       # mentions count from the sentence's start
    # a colon, or a dash set apart by spaces ("Estonia - six K9s"), not a hyphen
    return after is not None and (after.text == ":" or after.text in ("-", "\u2013", "\u2014") and
                                  after.idx > m.end and bool(after.whitespace_))


_FROM_AFTER = re.compile(r"\s+from\s+(?:the\s+)?")


class RoleReader:
    """Reads actor roles off one parsed sentence."""

    def __init__(self, sent: Sentence, lex: Lexicon, off: frozenset[str] = frozenset(), catalog=None):
        self.s = sent
        self.catalog = catalog
        self.frame_rules: dict[int, str] = {}    # token -> the frame rule that made it a transfer word
        self.lex = lex
        self.off = off                  # rules switched off (an ablation)
        self.grammar = load_rules()
        self.words = lex.word_classes
        self._via = None
        self._rules: list[str] = []
        self._frames: dict[int, tuple[str, str] | None] = {}
        self._has_letter = "letter" in sent.text.lower()
        # "India will assemble Su-30MKI under licence from Russia": making becomes receiving
        low = sent.text.lower()
        self.licence = bool(_LICENCE.search(low))
        # "Rafales for Serbia", "More HIMARS for Taiwan": a headline with no verb at all; and a factbox line that
        # opens on its state ("Poland: 96 Apache helicopters from the US."), whatever ends it
        self._topic_line = topic_line(sent)
        self._closed = sent.text.rstrip().endswith((".", "!", "?", '"', "\u201d"))     # a sentence, not a headline
        # (on a factbox line a participle on the weapons, "approved in May", "according to", tells no clause)
        self.verbless = not self._closed and not any(t.pos_ in ("VERB", "AUX") for t in sent.doc) or \
            self._topic_line and not any(t.pos_ in ("VERB", "AUX") and not (
                t.tag_ in ("VBN", "VBG") and t.dep_ in ("acl", "amod", "prep", "advcl")) for t in sent.doc)

    # -- helpers -------------------------------------------------------------------------------------------
    def on(self, rule: str) -> bool:
        return rule not in self.off

    def hit(self, rule: str, tok, bound: int | None = None, frame: str | None = None, named: str | None = None):
        """(role, bound, tok) as rule ``rule`` reads it, or no role when the rule is off or gives none here."""
        role = self.grammar[rule].gives(frame, named)
        if role is None or rule in self.off:
            return None, None, tok
        self._rules.append(rule)
        return role, bound, tok

    def frame(self, tok):
        """(frame, base status) of ``tok`` as a transfer word in this sentence, or None; read once per token."""
        if tok.doc is not self.s.doc:
            return self._frame(tok)
        try:
            return self._frames[tok.i]
        except KeyError:
            got = self._frames[tok.i] = self._frame(tok)
            return got

    def _frame(self, tok):
        if (m := self.s.mention_at(tok)) is not None and m.is_equipment and "users-of-the-topic" not in m.rules:
            return None         # (but the customers that stand for the system in focus still buy it)
        lemma = tok.lemma_.lower()
        if lemma in ("eye", "sight") and tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "obj") and \
                tok.head.lemma_.lower() in ("have", "set", "fix", "keep", "cast", "train") and \
                any(p.dep_ == "prep" and p.lower_ == "on" for p in tok.children):
            return ("get", "interest")      # "Egypt has its eye on J-10C jets", "set its sights on the K2"
        letter = self._letter_of(tok)
        if letter is not None:
            return letter or None       # "a letter of offer and acceptance": the letter is the word, not 'offer'
        fr = self.lex.frame(lemma, tok.pos_)
        if lemma == "settle" and not any(p.dep_ == "prep" and p.lower_ == "on" for p in tok.children):
            return None                     # "settled on Danish F-16s" chooses; "settled the dispute" does not
        if fr is None and lemma in self.words["agreement_verbs"] and tok.pos_ == "VERB" and self.on("agree-on") and any(
                p.dep_ == "prep" and p.lower_ == "on" and any(self._names_equipment(g) for g in p.children
                                                               if g.dep_ == "pobj") for p in tok.children):
            self.frame_rules[tok.i] = "agree-on"
            return ("deal", "ordered")      # "Chile and Spain agreed on two frigates": a deal for them
        if fr is None and tok.pos_ == "VERB" and (lemma in self.words["reliance_verbs"] or
                                                  lemma in self.words["recourse_verbs"]) and \
                self._relies_for(tok, "on" if lemma in self.words["reliance_verbs"] else "to") and \
                self.on("relies-on-for"):
            self.frame_rules[tok.i] = "relies-on-for"
            # "Pakistan relied on China for its arms imports", "Manila turned to Washington for Chinooks"
            return ("get", "delivered" if lemma in self.words["reliance_verbs"] else "interest")
        if tok.pos_ == "VERB" and (prt := particle(tok)) is not None:
            # "Spain turned over two frigates to Peru"; "signed the boats over to Ghana" gives, it signs no deal
            fr = self.lex.phrasal_verbs.get(f"{lemma} {prt}", fr)
            if fr is not None and f"{lemma} {prt}" not in self.lex.phrasal_verbs and \
                    f"{lemma} {prt}" in self.lex.status_words and not (fr[0] == "give" and any(
                    c.dep_ in ("dative", "prep") and c.lower_ == "to" for c in tok.children)):
                # "Brazil gave up plans to sell jets": it drops them, it gives nothing; "the cabinet signed off on
                # the purchase" approves it, it signs no contract
                return None
        if fr is not None and fr[1] == "interest" and tok.pos_ == "VERB" and any(
                c.dep_ in ("ccomp", "xcomp") and any(g.dep_ == "nsubj" for g in c.children) for c in tok.children):
            return None                      # "Washington wants Ankara to return the S-400s": another's act
        if fr is not None and fr[0] == "give" and self._sends_people_to_act(tok) is not None:
            return None                      # "Poland sent a delegation to Seoul to sign the deal": people travel
        if fr is not None and fr[0] == "give" and tok.pos_ == "VERB" and lemma in self.words["sending_verbs"] and \
                self._visits(tok, {t.i for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}):
            return None                      # "Britain sent Typhoons to Poland for air policing": they deploy
        if fr is not None and lemma == "support" and tok.pos_ == "NOUN" and not material(tok, self.s):
            return None                      # "Morocco's support for the US": backing, unless military or of arms
        if fr is not None and fr[0] == "give" and tok.pos_ == "VERB" and any(
                c.dep_ in ("dobj", "obj") and c.lemma_.lower() in self.words["approval_nouns"] for c in tok.children):
            return (fr[0], "negotiating")    # "granted permission for the export of tanks": cleared, not yet sent
        if fr is None and tok.pos_ == "VERB" and lemma in self.words["arrival_verbs"] and self._delivered_arrival(tok):
            return ("get", "delivered")      # "the first K2 tanks arrived in Poland"
        if fr is None and tok.pos_ == "VERB" and lemma in self.words["onward_arrivals"] and self._ends_up(tok) and \
                self.on("ended-up-in"):
            return ("get", "delivered")      # "the Serbian rifles ended up in Yemen": they came into its hands
        if fr is None and tok.pos_ == "VERB" and lemma in self.words["arrival_verbs"] and self._escorted(tok) and \
                self.on("escorted-arrival"):
            return ("give", "delivered")     # "Russian instructors arrived in Mali with a radar": they bring it
        if fr is None and tok.pos_ == "VERB" and lemma in self.words["going_verbs"] and self._goes_to_party(tok) and \
                self.on("goes-to"):
            self.frame_rules[tok.i] = "goes-to"
            return ("give", "delivered")     # "two of the jets went to Greece": Greece got them
        if fr is None and tok.pos_ == "VERB" and lemma == "have" and self._maker_holds_products(tok) and \
                self.on("maker-products-in-service"):
            self.frame_rules[tok.i] = "maker-products-in-service"
            return ("give", "delivered")     # "Naval Group has 14 boats in service, including for Chile"
        if fr is None and tok.pos_ == "VERB" and lemma in self.words["user_verbs"] and self._used_by_states(tok) and \
                self.on("adopted-by"):
            self.frame_rules[tok.i] = "adopted-by"
            return ("get", "delivered")      # "the K9 has been adopted by Norway", "the C-390 is flown by Portugal"
        if fr is None and tok.pos_ == "VERB" and lemma in self.words["user_verbs"] and self._operators_list(tok) and \
                self.on("operators-list"):
            self.frame_rules[tok.i] = "operators-list"
            return ("get", "delivered")      # "Finland, Norway and Estonia already operate the K9": its customers
        if fr is None and tok.pos_ == "NOUN" and lemma == "service" and self._in_service_with(tok) and \
                self.on("in-service-with"):
            self.frame_rules[tok.i] = "in-service-with"
            return ("get", "delivered")      # "the K9 is in service with the armies of Finland and Norway"
        if fr is not None and tok.pos_ in ("NOUN", "VERB") and lemma in self.words["request_nouns"] and not any(
                self._names_equipment(g) for p in tok.children if p.dep_ == "prep" and p.lower_ == "for"
                for g in p.children if g.dep_ == "pobj") and not any(
                self._names_equipment(c) for c in tok.children if c.dep_ in ("dobj", "obj")):
            # a request for weapons asks for them; "a request to re-export tanks" asks leave, and "a request for
            # the supply of tanks to Kyiv" asks for a transfer to another
            return None
        if fr is None and tok.pos_ == "VERB" and lemma in self.words["request_verbs"] and any(
                p.dep_ == "prep" and p.lower_ == "for" and any(self.equipment_index(g) is not None
                                                                for g in p.subtree) for p in tok.children):
            return ("get", "interest")       # "Ukraine asked Israel for Iron Dome systems"
        if fr is None and tok.pos_ == "VERB" and lemma in self.words["origin_verbs"] and self._comes_from(tok) and \
                self.on("comes-from"):
            self.frame_rules[tok.i] = "comes-from"
            return ("get", "delivered")      # "most of Nigeria's combat aircraft come from China"
        if fr is None and tok.pos_ == "VERB" and lemma in self.words["joining_verbs"] and self._joins_service(tok):
            return ("get", "delivered")      # "two frigates joined the Ghanaian navy", "entered service with Peru"
        if fr is None and self._bound_for(tok):
            return ("give", "delivered")     # "rifles bound for Yemen": on their way to a recipient
        if fr is None and tok.pos_ in ("VERB", "AUX") and self.on("sets-off-for") and \
                (moved := self._moves_for(tok, lemma)) is not None:
            self.frame_rules[tok.i] = "sets-off-for"
            return ("give", moved)           # "two frigates for Egypt left Kiel": on their way to the buyer
        if fr is None and self.verbless and tok.pos_ == "ADP" and lemma in ("for", "to", "from") and \
                self._verbless_transfer(tok) and self.on("verbless-headline"):
            self.frame_rules[tok.i] = "verbless-headline"
            # "Rafales for Serbia": Serbia gets them; when, the headline leaves open. "Chile: Leopards from Germany"
            return ("get" if lemma == "from" else "give", "ordered")
        if fr is None and (tok.pos_ == "NOUN" and lemma in self.lex.role_nouns or
                           self._initial_role_noun(tok) is not None):
            # "purchasers of JF-17 jets from Pakistan", "India's biggest supplier"
            role = self.lex.role_nouns.get(lemma) if tok.pos_ == "NOUN" else self._initial_role_noun(tok)
            return ("give" if role == "S" else "get", "delivered")
        if fr is None and tok.pos_ == "VERB" and lemma in self.words["assembly_verbs"] and not self.licence and \
                self._assembles_foreign(tok) and self.on("foreign-assembly"):
            self.frame_rules[tok.i] = "foreign-assembly"
            return ("get", "ordered")        # "Saudi Arabia will assemble Chinese Wing Loong drones": kits bought
        if fr is None and self.licence and tok.pos_ == "VERB" and (lemma in self.words["maker_verbs"] or
                                                                  lemma in self.words["assembly_verbs"]):
            if self._made_together(tok) and "licen" not in self.s.text.lower() and self.on("co-maker"):
                # "India and Russia co-produce BrahMos missiles": partners, no buyer; "jointly produce K2 tanks
                # under licence": the maker's state licenses the other
                return None
            if self._licensed_abroad(tok) and self.on("licence-built-in"):
                return ("give", "ordered")   # "Hanwha will build K9s in Poland under licence": Poland gets them
            return ("get", "ordered")
        if fr is None and tok.pos_ == "VERB" and self._replacement(tok) is not None and self.on("replaced-with"):
            self.frame_rules[tok.i] = "replaced-with"
            # "replaced its MiG-21s with Rafales" (done): they came; "will replace / is replacing": they are bought
            done = tok.tag_ == "VBD" or tok.tag_ == "VBN" and any(
                c.dep_ == "aux" and c.lemma_.lower() == "have" for c in tok.children)
            return ("get", "delivered" if done else "ordered")
        if fr is None and tok.pos_ == "VERB" and self.on("programme-exit") and \
                (exit_frame := self._programme_exit(tok, lemma)) is not None:
            self.frame_rules[tok.i] = "programme-exit"
            # "Chile was expelled from the Gripen programme", "Spain removed Peru from the K2 project": the
            # expelled state's transfer is cancelled, the remover sells; "Peru quit the Su-57 programme": the
            # leaver's transfer is cancelled
            return exit_frame
        if fr is None and tok.pos_ == "VERB" and lemma in self.words["maker_verbs"] and self._made_for_a_state(tok):
            if tok.tag_ == "VBN" and not self._is_passive(tok) and any(
                    c.dep_ == "aux" and c.lemma_.lower() == "have" for c in tok.children) and \
                    self.on("has-built-for"):
                self.frame_rules[tok.i] = "has-built-for"
                return ("give", "delivered")     # "Naval Group has built 14 submarines for Chile and India": done
            return ("give", "ordered")       # "Fincantieri will build two frigates for Indonesia"
        return fr

    def _finite_after(self, end: int) -> bool:
        """Is the word after character ``end`` a finite verb with its own subject ("Fincantieri built two frigates"),
        not a participle on a noun ("a Fincantieri-built frigate")?"""
        nxt = next((t for t in self.s.doc if t.idx >= end and not t.is_punct), None)
        return nxt is not None and nxt.tag_ == "VBD" and any(c.dep_ in ("nsubj", "nsubjpass") for c in nxt.children)

    def _approved_sale(self, approval):
        """The sale an approval is for ("its approval for a sale of missiles to Taiwan"), when no other seller is
        named on it (a third party's re-export is approved by a state that does not sell)."""
        for p in approval.children:
            if p.dep_ == "prep" and p.lower_ in ("for", "of"):
                for g in p.children:
                    fr = self.frame(g)
                    if fr is not None and fr[0] == "give" and not any(
                            q.dep_ == "prep" and q.lower_ == "from" for q in g.children):
                        return g
        return None

    def _won_order(self, verb) -> bool:
        """ "won an order from Portugal", "received a contract from Brazil": the order comes from the buyer."""
        # the parse may hang the "from" on the verb: "won a radar contract from Chile"
        return self.on("won-order") and any(
            c.dep_ in ("dobj", "obj") and c.lemma_.lower() in ("order", "contract") and
            any(p.dep_ == "prep" and p.lower_ == "from" for p in [*c.children, *verb.children])
            for c in verb.children)

    def _fitted_to_equipment(self, part) -> bool:
        """ "submarines fitted with MTU engines": a part named on a weapon goes to whoever builds the weapon, which
        this sentence may not say; it is not read as a transfer to the weapon's buyer."""
        t = part
        for _ in range(3):
            if t.head.i == t.i:
                return False
            t = t.head
            if self.equipment_index(t) is not None:
                return True
        return False

    def _share_of(self, verb) -> str | None:
        """The frame of the trade a share is taken of ("accounted for 36 percent of India's arms imports", "made up
        a fifth of Qatar's imports"): 'get' for imports, 'give' for exports; None when the share is of anything
        else ("of Saab's revenue")."""
        for p in verb.children:
            if not (p.dep_ == "dobj" or p.dep_ == "prep" and p.lower_ in ("for", "up")):
                continue
            for share in [p] + [g for g in p.children if g.dep_ == "pobj"]:
                for of in share.children:
                    if of.dep_ == "prep" and of.lower_ == "of":
                        for noun in of.children:
                            fr = self.frame(noun) if noun.dep_ == "pobj" and noun.pos_ == "NOUN" else None
                            if fr is not None and fr[0] in ("give", "get"):
                                return "get" if fr[0] == "give" else "give"     # the subject is the other side
        return None

    def _predicate_verb(self, be):
        """The transfer verb an adjective predicate points to: "Riyadh is close to finalising a deal", "Peru is
        ready to buy", "Chile is on the verge of signing" — its subject is that verb's subject."""
        for c in be.children:
            if c.dep_ not in ("acomp", "prep"):
                continue
            heads = [c] + [g for g in c.children if g.dep_ == "prep"]
            for h in heads:
                for g in h.children:
                    if g.dep_ in ("xcomp", "pcomp") and g.pos_ == "VERB" and self.frame(g) is not None:
                        return g
                    if g.dep_ == "pobj" and g.lower_ == "verge":
                        for p in g.children:
                            for q in p.children:
                                if q.dep_ == "pcomp" and q.pos_ == "VERB" and self.frame(q) is not None:
                                    return q
        return None

    def _co_maker(self, gov) -> bool:
        """Is "with X" the partner of a verb of making ("was co-developed with Israel", "in partnership with Italy
        to build")? Such a partner shares the making, it receives nothing."""
        makers = self.words["maker_verbs"]
        tok = gov
        for _ in range(3):
            lemma = tok.lemma_.lower()
            if lemma in makers or lemma.startswith("co-") and lemma[3:] in makers or \
                    lemma.startswith("co") and lemma[2:] in makers:
                return True
            if tok.head.i == tok.i:
                break
            tok = tok.head
        return False

    def _maker_holds_products(self, verb) -> bool:
        """Does a firm "have" its products in service or under construction ("Naval Group has 14 submarines in
        service or under construction, including for Chile")? A maker holds no weapons of its own: they serve, or
        are being built for, its customers."""
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None:
            return False
        if ((m := self.s.mention_at(subj)) is None or m.kind != "firm") and not (
                subj.lemma_.lower() in self.words["firm_nouns"] and self.on("maker-noun-products") and any(
                (a := self.s.mention_at(c)) is not None and a.kind in ("adjective", "state") or
                (a := self.s.mention_at(c)) is not None and a.kind == "firm"
                for c in subj.children if c.dep_ in ("amod", "compound", "poss"))):
            return False        # "the French shipyard has 14 boats in service": a firm, described
        for obj in (c for c in verb.children if c.dep_ in ("dobj", "obj")):
            for p in obj.subtree:
                if p.dep_ in ("prep", "conj") and p.lower_ in ("in", "under") and any(
                        g.lemma_.lower() in ("service", "construction", "order", "production") for g in p.children):
                    return True
        return False

    def _names_states(self, g, depth: int = 0) -> bool:
        """Does the noun ``g`` name one or more states: a state ("Norway"), its service ("the Chilean Navy", "the
        armies of Finland and Norway", "those of Iraq and Poland"), or a group listing them ("several air forces,
        including those of Iraq and Thailand")? A firm, a parliament or a person is none."""
        if depth > 3:
            return False
        if (m := self.s.mention_at(g)) is not None:
            return m.is_actor and m.kind not in ("firm", "adjective")
        lemma = g.lemma_.lower()
        if lemma in ORG_NOUNS or g.lower_ in ORG_NOUNS:
            if any((a := self.s.mention_at(c)) is not None and a.is_actor and a.kind != "firm"
                   for c in g.children if c.dep_ in ("amod", "compound", "poss")):
                return True             # "the Polish Air Force" when the catalogue does not name it as one
        if lemma in ORG_NOUNS or g.lower_ in ORG_NOUNS or self._stands_for_services(g):
            for p in g.children:
                if p.dep_ == "prep" and (p.lower_ == "of" or p.lower_ in self.words["list_preps"]) or \
                        p.dep_ == "prep" and p.lemma_.lower() in self.words["list_preps"]:
                    if any(q.dep_ == "pobj" and self._names_states(q, depth + 1) for q in p.children):
                        return True
        return False

    def _stands_for_services(self, g) -> bool:
        """Is ``g`` a "those" that stands for the services just named ("air forces, including those of Iraq")?"""
        if g.lower_ not in ("those", "that") or g.pos_ != "PRON":
            return False
        before = [t for t in g.doc[max(0, g.i - LIST_REACH):g.i] if t.pos_ in ("NOUN", "PROPN")]
        return bool(before) and (before[-1].lemma_.lower() in ORG_NOUNS or before[-1].lower_ in ORG_NOUNS) and \
            self.on("those-of-services")

    def _subject_system(self, verb):
        """The catalogued system that is the subject of ``verb`` (or the noun a participle ``verb`` qualifies), or
        None: "the K9", "the aircraft" when it names the system in focus."""
        if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN":
            subj = verb.head
        else:
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            return None
        for t in (subj, *(c for c in subj.children if c.dep_ in ("compound", "nmod", "amod"))):
            m = self.s.mention_at(t)
            if m is not None and m.kind == "system" and m.origin:
                return m
        return None

    def _used_by_states(self, verb) -> bool:
        """ "The K9 has been adopted by Norway", "the C-390 is operated by Portugal and Brazil": a passive verb of use
        whose subject is a catalogued system and whose agent names states. A rule adopted by parliaments, or jets
        flown by pilots, name no state that holds a weapon."""
        if not self._is_passive(verb) or self._subject_system(verb) is None:
            return False
        return any(c.dep_ == "agent" or c.dep_ == "prep" and c.lower_ == "by" for c in verb.children
                   if any(g.dep_ == "pobj" and (self._names_states(g) or self._users_among(g)) for g in c.children))

    def _relies_for(self, verb, prep: str) -> bool:
        """Does ``verb`` have "on/to" a state and "for" weapons or arms ("relied on China for its arms imports",
        "turned to the US for Chinooks")? Not "relies on China for trade", nor "turned to the press for answers"."""
        def state(p) -> bool:
            return any((m := self.s.mention_at(g)) is not None and m.is_actor and m.kind not in ("firm", "adjective")
                       for g in p.children if g.dep_ == "pobj")
        def weapons(t) -> bool:
            return self.equipment_index(t) is not None or t.lemma_.lower() in self.words["arms_nouns"] or \
                t.lower_ in self.words["arms_nouns"] or t.pos_ == "NOUN" and self._equipment_on(t) is not None
        def arms(p) -> bool:
            # the object of "for" is the weapons, or a share of them ("80 per cent of its arms", "most of its
            # weapons"); "for advice on frigates" asks for advice
            for g in (g for g in p.children if g.dep_ == "pobj"):
                for _ in range(3):
                    if weapons(g):
                        return True
                    g = next((q for o in g.children if o.dep_ == "prep" and o.lower_ == "of" for q in o.children
                              if q.dep_ == "pobj"), None)
                    if g is None:
                        break
            return False
        kids = [c for c in verb.children if c.dep_ == "prep"]
        return any(c.lower_ == prep and state(c) for c in kids) and any(c.lower_ == "for" and arms(c) for c in kids)

    def _initial_role_noun(self, tok) -> str | None:
        """The role of a plural role noun that opens the sentence and that the parse took for a name
        ("Recipients include Chile": lemma "Recipients"); None for any other word."""
        if tok.i != 0 and not (tok.i == 1 and tok.doc[0].is_punct) or tok.pos_ != "PROPN" or \
                not tok.lower_.endswith("s") or not self.on("initial-role-noun"):
            return None
        return self.lex.role_nouns.get(tok.lower_[:-1])

    def _users_among(self, group) -> bool:
        """ "operated by nine states, among them Chile and Peru": a group noun whose members a list names."""
        return self.on("users-among-them") and self._names_members(group)

    def _operators_list(self, verb) -> bool:
        """ "Finland, Norway and Estonia operate the K9", "Chile and Peru both fly the type": an active verb of use
        whose subject lists two or more states and whose object is a weapon. A list of holders tells a system's
        customers; one state flying or using a weapon ("Ukraine used the HIMARS against a bridge") tells its use."""
        if self._is_passive(verb):
            return False
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None:
            return False
        members = [t for t in (subj, *subj.conjuncts) if t.pos_ != "PRON"]     # "Chile and Peru both ..."
        states = [t for t in members if self._names_states(t)]
        if len(states) < 2 or len(states) != len(members):
            return False
        return any(c.dep_ in ("dobj", "obj") and self._names_equipment(c) for c in verb.children)

    def _in_service_with(self, service) -> bool:
        """ "The K9 is in service with the armies of Finland and Norway", "K9s in service with Estonia": the system
        the clause is about serves with the states named."""
        prep = service.head
        if service.dep_ != "pobj" or prep.lower_ != "in":
            return False
        if not any(p.dep_ == "prep" and p.lower_ == "with" and any(
                g.dep_ == "pobj" and (self._names_states(g) or self._users_among(g)) for g in p.children)
                   for p in service.children):
            return False
        host = prep.head
        if host.pos_ in ("VERB", "AUX"):
            return host.lemma_.lower() in ("be", "remain", "stay") and self._subject_system(host) is not None
        return (m := self.s.mention_at(host)) is not None and m.kind == "system" and m.origin is not None or any(
            (m := self.s.mention_at(c)) is not None and m.kind == "system" and m.origin
            for c in host.children if c.dep_ in ("compound", "nmod", "amod"))

    def _made_for_a_state(self, verb) -> bool:
        """Does a verb of making name a state it makes for ("build two frigates for Indonesia")?"""
        if not self.on("made-for"):
            return False
        def state(g) -> bool:       # "for Indonesia", "for the Chilean Navy"
            if (m := self.s.mention_at(g)) is not None and m.is_actor and m.kind != "adjective":
                return True
            return (g.lemma_.lower() in ORG_NOUNS or g.lower_ in ORG_NOUNS) and any(
                (a := self.s.mention_at(c)) is not None and a.is_actor for c in g.children
                if c.dep_ in ("amod", "compound", "poss")) or self.on("services-of-states") and \
                self._names_states(g)     # "for the navies of Chile and India"
        # "building five frigates for Chile": on the object; "the frigates for Egypt were built by TKMS": on the
        # passive subject
        objects = [g for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass") for g in c.children]
        preps = list(verb.children) + objects
        for c in list(verb.children) + objects:
            if c.lower_ in LISTING_WORDS:
                preps.extend(c.children)       # "built 14 submarines, including for Chile and India"
        return any(c.dep_ == "prep" and c.lower_ == "for" and any(state(g) for g in c.children) for c in preps)

    def _letter_of(self, tok):
        """The frame of a "letter of offer and acceptance" or "letter of intent" (lexicon ``letters``): for the
        letter, its frame; for a word naming its kind, () (no trigger of its own); else None. Read on the words in
        order, since the parse often breaks the phrase."""
        if not self._has_letter:
            return None
        doc = tok.doc
        if tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() == "letter":
            kind = self._letter_kind(tok)
            return self.lex.letters[kind] if kind else None
        for back in range(2, 5):
            if tok.i - back >= 0 and doc[tok.i - back].lemma_.lower() == "letter":
                kind = self._letter_kind(doc[tok.i - back])
                if kind and tok.i - back + 1 + len(kind.split()) >= tok.i:
                    return ()
        return None

    def _letter_kind(self, letter) -> str | None:
        doc = letter.doc
        if letter.i + 1 >= len(doc) or doc[letter.i + 1].lower_ != "of":
            return None
        for kind in self.lex.letters:
            n = len(kind.split())
            if " ".join(t.lemma_.lower() for t in doc[letter.i + 2:letter.i + 2 + n]) == kind:
                return kind
        return None

    def equipment_index(self, tok) -> int | None:
        m = self.s.mention_at(tok)
        if m is not None and m.is_equipment:
            return self.s.index_at(tok)
        return None

    def _verbless_transfer(self, prep) -> bool:
        """Does "for"/"to" join a weapon the headline is about to a state ("Patriots to Ukraine", "more K9s for
        Estonia")? The weapon heads the headline, or follows a colon's topic."""
        noun = prep.head
        if self.equipment_index(noun) is None and (noun.pos_ != "NOUN" or self._equipment_on(noun) is None):
            return False
        if noun.dep_ not in ("ROOT", "appos", "conj") and not (noun.dep_ == "dep" and noun.head.dep_ == "ROOT"):
            return False
        if prep.lower_ == "from" and not (noun.dep_ == "appos" and noun.head.dep_ == "ROOT" and
                                           (m := self.s.mention_at(noun.head)) is not None and m.is_actor):
            return False            # "from" needs the receiving state as the headline's topic ("Chile: ...")
        # "Chile: 12 jets from Saab" names the seller by its firm, whose state sells
        kinds = ("state", "seat", "firm") if prep.lower_ == "from" else ("state", "seat")
        return any((m := self.s.mention_at(g)) is not None and m.is_actor and m.kind in kinds
                   for g in prep.children if g.dep_ == "pobj")

    def _made(self, verb) -> int | None:
        """The weapon a participle of making is said of: the noun it qualifies ("drones built in Iran") or its
        passive subject ("the drones were made in India")."""
        if verb.dep_ in ("acl", "amod"):
            return self.equipment_index(verb.head)
        subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        return self.equipment_index(subject) if subject is not None else None

    def _is_passive(self, verb) -> bool:
        return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
            verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod", "relcl")) or _bare_participle(verb)

    # -- entry point ---------------------------------------------------------------------------------------
    def read(self) -> list[Role]:
        roles: list[Role] = []
        for idx, m in enumerate(self.s.mentions):
            if not m.is_actor:
                continue
            span = self.s.spans[idx]
            if span is None:
                continue
            self._via = None
            self._weak = False
            self._rules = []
            self._partner = None
            self._code = m.key
            role, bound, tok = self.mention_role(m, span)
            if role is not None:
                roles.append(Role(idx, m.key, role, bound, tok, self._via, self._weak, tuple(self._rules),
                                  self._partner))
            roles.extend(self.shared_subject(idx, m, span))
        roles.extend(self.possessive_pronouns())
        roles.extend(self.relative_subjects())
        roles.extend(self.coordinated_pronouns())
        if self.on("list-sibling"):
            roles.extend(self.list_siblings(roles))
        if self.on("gapped-subject"):
            roles = self.gapped_subjects(roles)
        if self.on("counted-remnant"):
            roles = self.counted_remnants(roles)
        return roles

    def counted_remnants(self, roles: list[Role]) -> list[Role]:
        """ "Chile bought 2 and Peru 4 frigates from Spain", "Poland ordered 20 and Romania 18 K9 howitzers": each
        actor between the verb's count and the weapons, with a count of its own, is a gapped clause's subject: it
        plays the part the verb's subject plays (buyer or seller), whatever the parse made of it (a name on the
        weapons, a conjunct of the first count)."""
        mentions = self.s.mentions
        for verb in self.s.doc:
            fr = self.frame(verb) if verb.pos_ == "VERB" else None
            if fr is None or fr[0] not in ("give", "get") or not any(
                    c.dep_ in ("nsubj", "nsubjpass") and (m := self.s.mention_at(c)) is not None and m.is_actor
                    for c in verb.children):
                continue
            first = next((m for m in mentions if m.start > verb.idx and m.is_equipment), None)
            got = counted_remnants(self.s, verb, first) if first is not None else None
            if got is None or got[2] is not None:
                continue        # "gave Ukraine 31 and Poland 14 tanks": receivers, read as such already
            for i, _ in got[1]:
                roles = [r for r in roles if r.mention != i]
                roles.append(Role(i, mentions[i].key, "S" if fr[0] == "give" else "R", None, verb, verb, False,
                                  ("counted-remnant",)))
        return roles

    def gapped_subjects(self, roles: list[Role]) -> list[Role]:
        """ "Russia offered Su-35 jets, China J-10C jets and Pakistan used JF-17s": after a clause 'A gave X', each
        ', B Y' repeats the verb with B as the giver of Y; after 'A got X', B is the getter of Y. Not in "France sold
        Egypt Rafales and Qatar Mirages", where an actor stands before the first object: there the actors are the
        receivers."""
        mentions, text = self.s.mentions, self.s.text
        for verb in self.s.doc:
            fr = self.frame(verb) if verb.pos_ == "VERB" else None
            if fr is None or fr[0] not in ("give", "get") or not any(
                    c.dep_ == "nsubj" and self.s.mention_at(c) is not None for c in verb.children):
                continue
            after = [(i, m) for i, m in enumerate(mentions) if m.start > verb.idx]
            first = next(((i, m) for i, m in after if m.is_equipment), None)
            if first is None or any(m.is_actor for _, m in after if m.start < first[1].start):
                continue
            chained = False     # a gapped clause read already: the next may follow a bare "and"
            for k, (i, m) in enumerate(after):
                if not m.is_actor or m.kind == "adjective" or m.start < first[1].end:
                    continue
                nxt = after[k + 1] if k + 1 < len(after) else None
                if nxt is not None and re.search(r"\b(?:and|or)\b", text[m.end:nxt[1].start]):
                    continue    # "to Russia and Sudan and missiles to ...": no gapped subject before "and"
                if nxt is None or not nxt[1].is_equipment or not _GAP_BEFORE.search(text[:m.start]) or \
                        not _GAP_BETWEEN.fullmatch(text[m.end:nxt[1].start]):
                    continue
                if fr[0] == "get" and (("," not in text[max(0, m.start - 6):m.start] and not chained and
                                        not self._own_seller_after(nxt[1], after) and
                                        (nxt[1].origin is None or m.key in nxt[1].origin.split("+")))
                                       or m.key == nxt[1].origin):
                    # "received jets from Russia and Israel Barak missiles": no comma, no new clause; but "ordered
                    # K2 tanks from Korea and Romania Abrams tanks (from the US)": the remnant names its own
                    # seller, or its weapons are another state's make, so the actor before them is the new buyer
                    continue
                chained = True
                if fr[0] == "give":
                    roles = [r for r in roles if not (r.mention == i and r.role == "R")]
                    roles.append(Role(i, m.key, "S", nxt[0], verb, verb, False, ("gapped-subject",)))
                else:
                    # "Egypt bought jets from France, and Algeria helicopters from Russia": the new buyer
                    roles = [r for r in roles if not (r.mention == i and r.role in "SP")]
                    roles.append(Role(i, m.key, "R", None, verb, verb, False, ("gapped-subject",)))
        return roles

    def _own_seller_after(self, item, after) -> bool:
        """Is ``item`` followed by its own "from <actor>" ("Abrams tanks from the US")?"""
        m = _FROM_AFTER.match(self.s.text, item.end)
        return m is not None and any(x.start == m.end() and x.is_actor for _, x in after)

    def list_siblings(self, roles: list[Role]) -> list[Role]:
        """ "sold guns to Chile (40%), Peru (25%) and Ghana (10%)": actors listed after one with a role share it
        when only commas, 'and'/'or' and bracketed figures stand between them (the parse loses such lists)."""
        text = self.s.text
        by_mention = {r.mention: r for r in roles if r.bound is None and r.role in ("S", "R")}
        out = []
        last = None
        for idx, m in enumerate(self.s.mentions):
            if not m.is_actor or m.kind == "adjective":
                last = None if m.is_equipment else last
                continue
            if idx in by_mention:
                last = (m, by_mention[idx])
                continue
            if last is not None and any(r.mention == idx for r in roles):
                last = None
                continue
            span = self.s.spans[idx]
            if span is not None and span.root.dep_ in ("nsubj", "nsubjpass") and span.root.head.pos_ in ("VERB", "AUX") \
                    and span.root.head.i > span.root.i:
                last = None     # "bought tanks from Chile (the first came in May) and Peru is eyeing them": a subject
                continue
            if last is not None and _LIST_GAP.match(text[last[0].end:m.start]) and "(" in text[last[0].end:m.start]:
                r = last[1]
                out.append(Role(idx, m.key, r.role, None, r.token, r.via or r.token, False,
                                ("list-sibling", *r.rules)))
                last = (m, r)
            else:
                last = None
        return out

    @staticmethod
    def _clause_subject(tok):
        for _ in range(8):
            if tok.pos_ in ("VERB", "AUX"):
                subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is not None:
                    return subj
            if tok.head.i == tok.i:
                return None
            tok = tok.head
        return None

    def relative_subjects(self) -> list[Role]:
        """ "the United Arab Emirates, which later passed them to Libyan forces": 'which' is the actor."""
        out = []
        for idx, m in enumerate(self.s.mentions):
            span = self.s.spans[idx]
            if not m.is_actor or m.kind == "adjective" or span is None:
                continue
            for v in _root(span).children:
                if v.dep_ != "relcl" or v.pos_ != "VERB":
                    continue
                subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is None or subj.lower_ not in ("which", "who", "that") or not self.on("relative-pronoun"):
                    continue
                self._rules = ["relative-pronoun"]
                role = self.subject_role(subj, v, subj.dep_ == "nsubjpass", 0)
                if role[0] is not None:
                    out.append(Role(idx, m.key, role[0], None, subj, v, rules=tuple(self._rules)))
                if role[0] == "S" and self.on("recourse-relative"):
                    out.extend(self._recourse_buyer(span, v))
        return out

    def _recourse_buyer(self, span, verb) -> list[Role]:
        """ "Hanoi has also turned to Israel, which delivered SPYDER systems", "Laos relies on Russia, which sold it
        Yak-130s": the state turned to (or relied on) supplies the subject of the verb of recourse, when the relative
        clause names no receiver of its own (rule recourse-relative)."""
        head = _root(span)
        if head.dep_ != "pobj" or head.head.lower_ not in ("to", "on", "upon") or head.head.head.i == head.head.i:
            return []
        main = head.head.head
        lemma = main.lemma_.lower()
        if main.pos_ != "VERB" or \
                lemma not in self.words["recourse_verbs"] and lemma not in self.words["reliance_verbs"]:
            return []
        # the relative clause's own receiver: a dative, a to/for phrase naming an actor, an actor as object
        for t in verb.subtree:
            if t.i != verb.i and (m := self.s.mention_at(t)) is not None and m.is_actor and \
                    not (t.i >= span.start and t.i < span.end) and t.lower_ not in ("which", "who", "that"):
                return []
        if any(c.dep_ in ("dative",) for c in verb.children):
            return []
        subj = next((c for c in main.children if c.dep_ == "nsubj"), None)
        j = self.s.index_at(subj) if subj is not None else None
        if j is None or not self.s.mentions[j].is_actor or self.s.mentions[j].kind == "adjective":
            return []
        return [Role(j, self.s.mentions[j].key, "R", None, subj, verb, rules=("recourse-relative",))]

    def coordinated_pronouns(self) -> list[Role]:
        """ "Egypt did not buy Su-35s from Russia, but it did buy Rafales from France", "Spain signed a deal under
        which it will supply boats": "it" (or "they") as the subject of a clause coordinated with one whose subject
        is a state, or of a relative clause on that clause's object, is that state."""
        out = []
        if not self.on("coordinated-pronoun"):
            return out
        for t in self.s.doc:
            if t.lower_ not in ("it", "they") or t.dep_ not in ("nsubj", "nsubjpass") or \
                    self.s.mention_at(t) is not None:
                continue
            verb = t.head
            if verb.dep_ in ("conj", "parataxis") and verb.head.i != verb.i:
                main = verb.head        # "Serbia bought jets; it also has tanks from China" (extract/units.py)
            elif verb.dep_ == "relcl" and verb.head.dep_ in ("dobj", "obj") and verb.head.head.i != verb.head.i:
                main = verb.head.head   # "Spain signed a deal under which it will supply boats": it is Spain
            elif verb.dep_ == "advcl" and verb.head.i != verb.i and any(
                    c.dep_ == "mark" for c in verb.children) and self.on("adverbial-pronoun"):
                main = verb.head        # "Chile was dropped from the scheme after it bought jets": it is Chile
            else:
                continue
            first = next((c for c in main.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            j = self.s.index_at(first) if first is not None else None
            if j is None or not self.s.mentions[j].is_actor or self.s.mentions[j].kind == "adjective":
                continue
            if (t.lower_ == "they") != any(c.dep_ == "conj" for c in first.children):
                continue        # "it" for one state, "they" for several
            rule = "coordinated-pronoun"
            if verb.dep_ == "advcl":
                # only where the main clause names no other actor the pronoun could stand for: "the US sanctioned
                # Chile after it bought jets" leaves "it" open
                if self._other_actor_in_clause(first, verb, j):
                    continue
                rule = "adverbial-pronoun"
            self._rules = [rule]
            self._via = None
            role = self.subject_role(t, verb, t.dep_ == "nsubjpass", 0)
            if role[0] is None:
                continue
            group = [j] + [k for c in first.children if c.dep_ == "conj" and (k := self.s.index_at(c)) is not None
                           and self.s.mentions[k].is_actor]
            out += [Role(k, self.s.mentions[k].key, role[0], None, t, self._via or verb, rules=tuple(self._rules))
                    for k in group]
        return out

    def possessive_pronouns(self) -> list[Role]:
        """ "Iran obtains weapons in return for its supply of UAVs": 'its' is the actor named just before."""
        out = []
        for t in self.s.doc:
            if t.lower_ not in ("its", "their") or t.dep_ != "poss":
                continue
            fr = self.frame(t.head)
            decided = None
            if fr is None and self.on("possessive-decision"):
                # "Chile was dropped from the scheme over its decision to buy jets": the infinitive on the noun
                # 'its' qualifies is the transfer, and 'its' the clause's subject
                decided = self._decided_infinitive(t.head)
                fr = self.frame(decided) if decided is not None else None
                if fr is None or fr[0] == "deal":
                    continue
            elif fr is None or fr[0] != "give" or t.head.lemma_.lower() in self.lex.role_nouns:
                continue        # "its supply", "its exports"; 'its imports' points back less reliably
            nouns = ("state", "seat", "organ", "nonstate", "people", "firm", "ref")
            subject = self._clause_subject(t)
            j = self.s.index_at(subject) if subject is not None else None
            if j is not None and self.s.mentions[j].kind in nouns:
                i, m = j, self.s.mentions[j]          # 'its' is the clause's subject when that is an actor
                if decided is not None and self._other_actor_in_clause(subject, t.head, i):
                    continue    # "the US punished Chile over its decision to buy jets": 'its' is left open
            elif decided is not None:
                continue
            else:
                before = [(i, m) for i, m in enumerate(self.s.mentions) if m.kind in nouns and m.end <= t.idx]
                if not before:
                    continue
                i, m = before[-1]
            if decided is not None:
                rule = "possessive-decision"
                role, _, _ = self.hit("possessive-decision", t, frame=fr[0])
            else:
                rule = "possessive-pronoun"
                role, _, _ = self.hit("possessive-pronoun", t, frame=fr[0])
            if role is not None:
                out.append(Role(i, m.key, role, None, t, decided, rules=(rule,)))
        return out

    def programme_left(self, verb):
        """The programme noun a state is expelled from or leaves by ``verb``, when a weapon qualifies it ("from the
        F-35 programme", "out of the Su-57 project", "quit the KF-21 programme"), or None."""
        def named(noun):
            if noun.lemma_.lower() not in self.words["programme_nouns"]:
                return False
            return self._equipment_on(noun) is not None or any(
                c.dep_ == "prep" and c.lower_ in ("of", "for") and any(
                    g.dep_ == "pobj" and self.equipment_index(g) is not None for g in c.children)
                for c in noun.children)
        for c in verb.children:
            if c.dep_ in ("dobj", "obj") and named(c):
                return c                    # "quit the F-35 programme"
            if c.dep_ == "prep" and c.lower_ in ("from", "of", "out"):
                for g in c.children:
                    if g.dep_ == "pobj" and named(g):
                        return g            # "from the F-35 programme", "(out) of the F-35 programme"
                    if g.dep_ == "prep" and g.lower_ == "of":
                        got = next((h for h in g.children if h.dep_ == "pobj" and named(h)), None)
                        if got is not None:
                            return got      # "out of the F-35 programme" read as two prepositions
        return None

    def _programme_exit(self, verb, lemma):
        """ "Chile was expelled / dropped from the Gripen programme", "Spain removed Peru from the K2 project":
        ("give", "cancelled") - the expelled state is the would-be recipient, a remover the seller. "Peru quit /
        left / withdrew from / pulled out of the Su-57 programme": ("get", "cancelled") - the leaver is. Else None."""
        if self.programme_left(verb) is None:
            return None
        aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if aux & {"could", "might", "may", "would", "should", "must", "can"} or conditional(verb) or any(
                c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children)
                for c in verb.children):
            # "Chile could be expelled", "if Chile is expelled", "if Chile buys jets, it will be expelled": a
            # threat, not a cancellation
            return None
        if "to" in aux and verb.dep_ in ("xcomp", "ccomp", "advcl", "acl") and \
                verb.head.lemma_.lower() not in self.words["decision_verbs"]:
            return None         # "threatened to remove Chile" (but "decided / voted to remove Chile")
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
        objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        prt = particle(verb)
        if lemma in self.words["expel_verbs"] and (passive or any(
                (m := self.s.mention_at(c)) is not None and m.is_actor for c in objects)) and \
                not (lemma == "drop" and prt == "out"):
            return ("give", "cancelled")
        if lemma in self.words["programme_leave_verbs"] and not passive and \
                (lemma not in ("drop", "pull") or prt == "out" or any(
                    c.dep_ == "prep" and c.lower_ == "out" for c in verb.children)) and \
                not any((m := self.s.mention_at(c)) is not None and m.is_actor for c in objects):
            return ("get", "cancelled")
        return None

    def _decided_infinitive(self, noun):
        """The transfer verb of an infinitive on ``noun`` without a subject of its own ("its decision to buy jets",
        "their plan to acquire tanks"), or None."""
        if noun.pos_ != "NOUN" or noun.lemma_.lower() in self.lex.role_nouns:
            return None
        for c in noun.children:
            if c.dep_ in ("acl", "xcomp", "relcl") and c.pos_ == "VERB" and \
                    any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children) and \
                    not any(a.dep_ in ("nsubj", "nsubjpass", "mark") for a in c.children) and \
                    self.frame(c) is not None:
                return c
        return None

    def _other_actor_in_clause(self, subject, phrase, own: int) -> bool:
        """Does the sentence name an actor besides ``subject`` (and those coordinated with it) outside ``phrase``
        (the clause or noun phrase holding the pronoun), other than a speaker ("..., the ministry said")? "it" or
        "its" could then stand for it: "the US sanctioned Chile after it bought jets"."""
        group = {own} | {k for c in subject.children if c.dep_ == "conj" and (k := self.s.index_at(c)) is not None}
        inner = {w.i for w in phrase.subtree}
        speech = self.words["speech_verbs"]
        for k, m in enumerate(self.s.mentions):
            sp = self.s.spans[k]
            if not m.is_actor or k in group or sp is None or sp.root.i in inner:
                continue
            if sp.root.dep_ == "nsubj" and sp.root.head.lemma_.lower() in speech:
                continue
            return True
        return False

    def mention_role(self, m, span):
        root = _root(span)
        if m.start == 0 and not self.verbless and self._topic_line and self._closed:
            return None, None, root         # "Ukraine: Russia shipped drones to Belarus": a topic, no party
        # from the mention's own end: "U.S.-made" is one token, so the span ends after "made"
        end = m.end if span.start_char <= m.end <= span.end_char else span.end_char
        after = self.s.text[end:end + 14].lower().lstrip("-\u2010\u2011 ")
        word_after = after.split(" ")[0] if after else ""
        # "US-backed forces" (but "Hungary backed out of the deal": a finite verb with the actor as its subject)
        if any(word_after.startswith(w) for w in self.words["not_supplier_participles"]) and \
                not word_after.startswith("made") and not self._finite_after(end) and \
                self.on("not-supplier-participle"):
            return None, None, root
        # "Ukraine-made engines", "American-made M109", "Chinese-built"
        if word_after.startswith(("made", "built", "produced", "manufactured", "supplied", "origin")) and \
                not word_after.startswith("origin") and not self._finite_after(end):
            self._weak = not word_after.startswith("supplied")
            head = root.head
            for _ in range(3):
                eq = self.equipment_index(head)
                if eq is None and head.pos_ == "NOUN":
                    eq = self._equipment_on(head)      # "U.S.-made F-16 aircraft": the name hangs on the noun
                if eq is not None:
                    return self.hit("made-in", root, eq)
                if head.head.i == head.i:
                    break
                head = head.head
            return self.hit("made-in", root)
        if _SHARE_AFTER.match(self.s.text[end:]) and re.search(r"(?:,|\band)\s*(?:the\s+)?$", self.s.text[:m.start]) \
                and self.on("share-remnant"):
            return None, None, root     # "the US supplied 40% of all exports, Russia 11%": a state's own share
        if m.kind == "firm":
            eq = self.maker_of_next(m)
            if eq is not None:
                return self.hit("maker-on-product", root, eq)
        if m.kind == "adjective":
            return self.adjective_role(root)
        if self._excepted(root) and self.on("excepted-party"):
            return None, None, root     # "Unlike Chile, Peru bought tanks", "Aside from Chile, Peru is the buyer"
        role = self.noun_role(root)
        if role[0] is None:
            self._rules = []
            role = self.appositive_role(root) or self.linear_subject(span, root) or role
        return role

    def shared_subject(self, idx, m, span) -> list[Role]:
        """ "Croatia will donate its Mi-8s to Ukraine and buy Black Hawks from the US": the subject of the first
        verb is also the subject of the verbs coordinated with it."""
        root = _root(span)
        while root.dep_ == "conj" and root.head.i != root.i and self.s.mention_at(root.head) is not None:
            root = root.head
        if root.dep_ != "nsubj" or m.kind == "adjective" or not self.on("shared-subject"):
            return []
        out = []
        for v in root.head.children:
            if v.dep_ == "conj" and v.pos_ == "VERB" and not set_aside(v) and \
                    not any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children):
                self._rules = ["shared-subject"]
                role = self.subject_role(root, v, False, 0)
                if role[0] is not None:
                    out.append(Role(idx, m.key, role[0], None, root, v, rules=tuple(self._rules)))
        return out

    def _operator(self, eq: int, adjective) -> bool:
        """ "the Indonesian Scorpene submarines", "the Polish K2 tanks": a nationality on a definite phrase naming a
        system that another state's industry makes (and this state does not co-make) says whose they are, not who
        sells them; "Chinese JF-17 fighters", indefinite, may still name the maker."""
        m = self.s.mentions[eq]
        if m.kind != "system" or not m.origin or m.origin == self._code or self.catalog is None:
            return False
        noun = adjective.head
        while noun.dep_ in ("compound", "amod", "nmod") and noun.head.i != noun.i:
            noun = noun.head
        if not any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "these", "those", "its", "their", "our")
                   for c in noun.children):
            return False
        system = self.catalog.systems.get(m.key)
        makers = set(re.findall(r"\b[A-Z]{3}\b", getattr(system, "maker", "") or "")) if system else set()
        return self._code not in makers and self.on("nationality-of-operator")

    def as_role(self, tok, itself: bool = False) -> str | None:
        """The role named by an "as <supplier|buyer...>" phrase on ``tok`` (or ``tok`` being that "as")."""
        preps = [tok] if itself else [c for c in tok.children]
        for c in preps:
            if c.dep_ == "prep" and c.lower_ == "as":
                for g in c.children:
                    if g.lemma_.lower() in self.lex.role_nouns and not self._bare_ranking(g):
                        return self.lex.role_nouns[g.lemma_.lower()]
        return None

    def maker_of_next(self, m) -> int | None:
        """ "Dassault Aviation Rafale", "AeroVironment [AVAV] Switchblade 300": a maker named on its product."""
        text = self.s.text
        for j, n in enumerate(self.s.mentions):
            if n.start >= m.end and n.kind == "system":
                if _MAKER_GAP.match(text[m.end:n.start]):
                    return j
                return None
        return None

    def appositive_role(self, root):
        """ "one market, Morocco, the top buyer of French arms": a role noun in apposition names the actor's part
        (when it names the other side too; a bare ranking, "the largest importer", names no transfer)."""
        first = root
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head          # "with Chile, Peru and Ghana its main customers": the list's first member
        for c in first.children:
            if c.dep_ == "appos" and c.lemma_.lower() in self.lex.role_nouns and not self._bare_ranking(c) and \
                    (first.i == root.i or c.i > root.i):
                return self.hit("appositive-role-noun", root, named=self.lex.role_nouns[c.lemma_.lower()])
        return None

    def linear_subject(self, span, root):
        """Survive a misparse: "..., Peru and Chile are considering" read as the subject of the verb that follows."""
        if not self.on("linear-subject"):
            return None
        doc = self.s.doc
        i = span.end
        first = root
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head
        if first.dep_ == "pobj" and i + 1 < len(doc) and doc[i].text == "," and doc[i + 1].lower_ == "and" and \
                self.on("new-clause-subject"):
            return None     # "bought jets after raids on Chile, and Peru ordered tanks": Peru opens a clause
        while i < len(doc):
            if doc[i].text == "(":              # "Russia (45%) and France (20%) sold": a bracketed figure
                close = next((j for j in range(i + 1, min(len(doc), i + 9)) if doc[j].text == ")"), None)
                if close is None:
                    break
                i = close + 1
                continue
            if not (doc[i].lower_ in ("and", ",", "&") and i + 1 < len(doc) and
                    (self.s.mention_at(doc[i + 1]) is not None or doc[i + 1].lower_ == "and") or
                    self.s.mention_at(doc[i]) is not None and self.s.mention_at(doc[i]).is_actor):
                break
            i += 1
        finite = False
        while i < len(doc) and (doc[i].pos_ in ("AUX", "ADV", "PART") or doc[i].lower_ in ("also", "now") or
                                doc[i].dep_ == "npadvmod" or doc[i].head.dep_ == "npadvmod" and
                                doc[i].head.i > doc[i].i):     # "Chile last month signed": a time between
            finite = finite or doc[i].tag_ in ("VBZ", "VBP", "VBD", "MD")
            i += 1
        if i < len(doc) and doc[i].pos_ == "VERB" and (finite or doc[i].tag_ in ("VBZ", "VBP", "VBD")):
            role = self.subject_role(root, doc[i], False, 0)
            if role[0] is not None:
                self._via = doc[i]
                self._rules.insert(0, "linear-subject")
                return role
        return None

    def adjective_role(self, tok):
        head = tok.head
        hops = 0
        # climb through coordinated adjectives ("Russian and Chinese equipment") and hyphen pieces
        while tok.dep_ in ("conj", "punct", "cc") and head.i != tok.i and hops < 3:
            tok, head, hops = head, head.head, hops + 1
        eq = self.equipment_index(head)
        hl = head.lemma_.lower()
        # a trader in arms (not a maker: "a Turkish drone maker" still names the drones' make)
        seller = hl in self.words["unnamed_sellers"] and hl not in self.lex.role_nouns and hl not in ORG_NOUNS and \
            hl not in self.words["firm_nouns"]
        if eq is None and not seller and (self.frame(head) is None or head.pos_ != "NOUN"):
            # "a Bulgarian arms dealer" is no weapon, and "the Saudi arms sale" is a sale, not Saudi arms
            # "Chinese JF-17 fighters": the designation hangs on a noun the catalogue does not list
            eq = next((self.equipment_index(c) for c in head.children
                       if c.dep_ in ("compound", "nummod", "nmod", "amod") and self.equipment_index(c) is not None),
                      None)
        if eq is None and head.dep_ in ("compound", "amod", "nmod") and head.pos_ in ("PROPN", "NOUN"):
            eq = self.equipment_index(head.head)    # "Iranian Shahed drones": a name between them
        if eq is not None:
            if self._operator(eq, tok):
                return self.hit("nationality-of-operator", tok)
            return self.hit("nationality-on-equipment", tok, eq)
        if self.equipment_index(tok) is not None:
            return self.hit("nationality-on-equipment", tok, self.equipment_index(tok))
        lemma = head.lemma_.lower()
        if lemma in ORG_NOUNS or head.lower_ in ORG_NOUNS or seller or lemma in TIE_NOUNS:
            return self.noun_role(head, via_org=True)     # "a Bulgarian arms dealer sold ...": the dealer's state
        if lemma in self.words["escort_nouns"] and head.dep_ == "nsubj" and self._escorted(head.head) and \
                self.on("escorted-arrival"):
            return self.hit("escorted-arrival", tok)    # "Russian instructors arrived in Mali with a radar"
        fr = self.frame(head) if tok.dep_ in ("amod", "compound", "nmod") and head.pos_ == "NOUN" else None
        if fr is not None:
            if self._buyer_on_sale(tok, head, fr):
                return self.hit("buyer-on-sale-noun", tok)
            return self.hit("nationality-on-trigger-noun", tok, frame=fr[0])
        rn = self.lex.role_nouns.get(lemma)
        if rn is not None:
            return self.hit("nationality-on-role-noun", tok, named=rn)
        return None, None, tok

    def _buyer_on_sale(self, tok, noun, fr) -> bool:
        """ "The Taiwan sale covers 100 Harpoon missiles", "the Saudi arms sale includes Chinese drones": a state named
        on a noun of selling that says no buyer of its own, where the sentence's weapons are all of another state's
        make, is the buyer ("the Russian sale of S-400s", "the US sale to Taiwan": the seller)."""
        if fr[0] != "give":
            return False
        if any(c.dep_ == "prep" and c.lower_ in ("to", "for") for c in noun.children):
            return False
        own = self.s.mention_at(tok)
        origins = {m.origin for m in self.s.mentions if m.is_equipment and m.kind == "system"}
        return own is not None and own.is_actor and bool(origins) and None not in origins and own.key not in origins

    def noun_role(self, tok, via_org: bool = False, depth: int = 0):
        if depth > 6:
            return None, None, tok
        if depth == 0 and (at := self._among_them(tok)) is not None:
            role = self._group_noun_before(at, tok, depth)
            if role is not None and role[0] is not None:
                return role
        dep, head = tok.dep_, tok.head
        if dep == "appos" and head.lemma_.lower() in self.lex.role_nouns and head.pos_ == "NOUN" and \
                not self._bare_ranking(head):
            # "the K2 has three buyers (Chile, Peru, Ghana)", "two customers, Chile and Peru": the list the role
            # noun heads plays its part
            return self.hit("appositive-role-noun", tok, named=self.lex.role_nouns[head.lemma_.lower()])
        # "Egypt in talks with China over jets", "Peru close to tank deal with Korea": a headline's "is in talks",
        # "is close to"
        talks = [g for c in [tok, *(c for c in tok.children if c.dep_ in ("amod", "advmod"))] for p in c.children
                 if p.dep_ == "prep" and p.lower_ in ("in", "into", "to") for g in p.children
                 if (gf := self.frame(g)) is not None and gf[0] == "deal"] if self.verbless and dep == "ROOT" else []
        if talks:
            self._via = self._via or talks[0]
            return self.hit("in-talks", tok)
        if depth == 0 and self.verbless and dep == "ROOT" and tok.i + 1 < len(tok.doc) and \
                tok.doc[tok.i + 1].text in (":", "-", "\u2013") and self.on("headline-topic"):
            # "Chile: more Leopard tanks from Germany", "Korea: K9 howitzers for Estonia": the state the headline is
            # about is the other side of the weapon's "from" or "for"
            preps = {t.lower_ for t in tok.doc if t.i in self.frame_rules or
                     t.lower_ == "from" and t.dep_ == "prep" and self.equipment_index(t.head) is not None}
            if "from" in preps:
                return self.hit("headline-topic", tok, frame="get")
            if preps & {"for", "to"}:
                return self.hit("headline-topic", tok, frame="give")
        if dep in ("conj", "appos") and head.i != tok.i:
            if self.equipment_index(head) is not None and self.on("actor-coordinated-with-weapon"):
                return None, None, tok       # an actor coordinated with a weapon is a misparse
            return self.noun_role(head, via_org, depth + 1)
        if dep == "poss":
            return self.possessor_role(tok, head, depth)
        if via_org and dep == "compound" and tok.lemma_.lower() in self.words["firm_nouns"] and \
                head.pos_ == "PROPN" and self.s.mention_at(head) is None and self.on("firm-named-after"):
            # "the Emirati firm Edge will deliver ...": the firm is the name it describes, one the catalogue omits
            self._rules.append("firm-named-after")
            return self.noun_role(head, via_org, depth + 1)
        if dep in ("compound", "amod", "nmod", "npadvmod", "nummod"):
            eq = self.equipment_index(head)
            if eq is None and head.pos_ == "NOUN" and self.frame(head) is None:
                # "granted the Philippines five King Air aircraft": the name qualifies a noun the catalogue omits
                # (not a sale: "the Taiwan arms sale")
                eq = next((self.equipment_index(c) for c in head.children if c.i > tok.i and
                           c.dep_ in ("compound", "nmod", "nummod", "amod") and self.equipment_index(c) is not None),
                          None)
            prep = self._object_of_prep_before(tok, head)
            if prep is not None:
                # "bought jets from Russia and drones from Turkey", parsed as "from [Russia and drones]": the actor is
                # what the preposition governs, the weapon a second object of the verb
                return self.pobj_role(tok, prep, depth)
            if eq is not None:
                return self.compound_on_equipment(tok, head, eq)
            if head.lemma_.lower() in ORG_NOUNS or head.lower_ in ORG_NOUNS:
                return self.noun_role(head, True, depth + 1)
            if head.lemma_.lower() in self.lex.component_nouns and (m := self.s.mention_at(tok)) is not None and \
                    m.kind == "firm" and not self._fitted_to_equipment(head) and self.on("firm-on-component"):
                return self.hit("firm-on-component", tok)     # "Wescam sensors", "Motor Sich engines": their maker
            fr = self.frame(head)
            if fr is not None:
                if self._buyer_on_sale(tok, head, fr):
                    return self.hit("buyer-on-sale-noun", tok)
                return self.hit("actor-compound-on-trigger-noun", tok, frame=fr[0])
            if head.dep_ == "pobj" and head.head.lower_ in ("under", "through", "via"):
                return self.pobj_role(tok, head.head, depth)     # "through the FMS programme"
            return None, None, tok
        if dep == "pobj":
            role = self.pobj_role(tok, head, depth)
            if role[0] is not None and self._via is None:
                self._via = self._trigger_above(head.head)     # "to the UAE" belongs to "shipped"
            return role
        if dep in ("nsubj", "nsubjpass", "csubj"):
            return self.subject_role(tok, head, dep == "nsubjpass", depth)
        if dep in ("dobj", "dative", "obj", "iobj", "oprd"):
            return self.object_role(tok, head, depth)
        if dep == "attr" and head.lemma_ == "be":
            subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and self.lex.role_nouns.get(subj.lemma_.lower()):
                return self.hit("predicate-of-role-noun", tok, named=self.lex.role_nouns[subj.lemma_.lower()])
            if subj is None:
                # "Among the buyers of the K9 are Chile and Peru": the parse may make the states the predicate
                named = next((n for c in head.children if (n := self._among_role_noun(c)) is not None), None)
                if named is not None:
                    return self.hit("among-role-noun", tok, named=named)
        return None, None, tok

    def _among_role_noun(self, prep) -> str | None:
        """The role ("R", "S") of the role noun that "among" introduces on a copula ("among the buyers")."""
        if prep.dep_ != "prep" or prep.lower_ != "among":
            return None
        return next((self.lex.role_nouns[g.lemma_.lower()] for g in prep.children
                     if g.lemma_.lower() in self.lex.role_nouns), None)

    def _object_of_prep_before(self, tok, noun):
        """The preposition "to"/"from" right before an actor that the parse hangs on a noun that preposition
        governs, when a coordination follows the actor ("to Chile and tanks to Peru"), else None."""
        first = tok.left_edge
        if first.i == 0 or noun.dep_ != "pobj" or not any(c.dep_ == "cc" for c in tok.children):
            return None
        prep = tok.doc[first.i - 1]
        if prep.lower_ == "the" and first.i > 1:
            prep = tok.doc[first.i - 2]         # "from the Czech Republic and tanks from Korea": 'the' on the noun
        if prep.lower_ in ("to", "from") and noun.head.i == prep.i and noun.i > tok.i:
            return prep
        return None

    def compound_on_equipment(self, tok, eq_tok, eq):
        # "sold Belgrade anti-tank missiles": an actor noun inside the object of a give verb is its recipient
        gov = eq_tok
        for _ in range(3):
            if gov.dep_ in ("dobj", "dative", "obj") and (fr := self.frame(gov.head)) is not None and fr[0] == "give":
                return self.hit("actor-in-give-object", tok)
            if gov.head.i == gov.i:
                break
            gov = gov.head
        return self.hit("actor-compound-on-equipment", tok, eq)

    def _actor_above(self, tok, hops: int = 3) -> str | None:
        """The actor a phrase hangs on ("Turkey, along with Iran": Turkey), if it hangs on one within ``hops``."""
        for _ in range(hops):
            if tok.head.i == tok.i:
                return None
            tok = tok.head
            m = self.s.mention_at(tok)
            if m is not None and m.is_actor:
                return m.key
        return None

    def _bare_ranking(self, noun) -> bool:
        """ "ranked as the leading exporters", "the world's largest importer of major arms": a role noun ranked
        among all states, with no counterpart named in its phrase, states a ranking, not a transfer between two.
        "the top buyer of French arms" and "Qatar's main supplier" name the other side and stay dyads."""
        ranking = self.words["ranking_words"]
        if not any((c.lower_ in ranking or c.tag_ == "JJS") for c in noun.children
                   if c.dep_ in ("amod", "compound", "nummod", "advmod", "npadvmod", "poss", "nmod")):
            return False
        if not self.on("ranking-not-dyad"):
            return False
        # "as its main supplier": its = the other side; "the latest buyer of the F-16": the system's maker is
        # the members an appositive lists ("the top three buyers, Chile, Peru and Ghana") are the ranked, not the
        # other side
        listed = {u.i for c in noun.children if c.dep_ == "appos" for u in c.subtree}
        return not any((m := self.s.mention_at(t)) is not None and (m.is_actor or m.kind == "system" and m.origin)
                       or t.lower_ in ("its", "their") for t in noun.subtree if t.i != noun.i and t.i not in listed)

    def _organ(self, tok) -> bool:
        """Is ``tok`` (or a word on it) a state's organ ("a Foreign Military Sales case"), not a state or a place?
        "via Turkey" is a route; "via the sales programme of a state" is a seller."""
        for t in (tok, *tok.children):
            m = self.s.mention_at(t)
            if m is not None and m.kind == "organ":
                return True
        return False

    def _bought_possession(self, tok, head, eq) -> bool:
        """Is the possessor the buyer: its weapons are the subject of a verb of getting ("Chile's F-16s were bought
        from the Netherlands", "Peru's new tanks arrived"), and it is not their maker ("Korea's K9s were bought by
        Poland": the maker's product)?"""
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.dep_ in ("nsubj", "nsubjpass"):
            head = head.head.head       # "the first of Poland's K2 tanks arrived": a part of its weapons
        own, m = self.s.mention_at(tok), self.s.mentions[eq]
        if own is not None and (m.origin is None or own.key not in m.origin.split("+")) and any(
                c.dep_ == "acl" and c.tag_ == "VBN" and (cf := self.frame(c)) is not None and cf[0] == "get"
                for c in head.children):
            return True                 # "Bangladesh's first frigate, bought from China, entered service"
        verb = head.head
        if head.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX"):
            return False
        fr = self.frame(verb)
        # "Egypt's remaining Rafales will be delivered": weapons handed over to no one else go to their owner
        handed = fr is not None and fr[0] == "give" and head.dep_ == "nsubjpass" and \
            verb.lemma_.lower() in self.words["handover_verbs"] and \
            not any(p.dep_ in ("prep", "dative") and p.lower_ == "to" for p in verb.children)
        return fr is not None and (fr[0] == "get" or handed) and own is not None and m.origin is not None and \
            own.key not in m.origin.split("+")

    def _given_by_subject(self, head) -> bool:
        """Are the possessed weapons the object of a verb of giving whose subject is an actor ("Spain sold three of
        Italy's old jets to Chile", "Poland handed over some of Germany's tanks")? Then that subject is the seller
        and the possessor only owned, lent or made them before; without such a subject ("Korea's K9s are sold
        across Europe") the possessor still names the maker."""
        if head.dep_ == "pobj" and head.head.lower_ == "of":
            head = head.head.head       # "three of Italy's jets": a part of its weapons
        if head.dep_ not in ("dobj", "obj"):
            return False
        verb = head.head
        fr = self.frame(verb)
        if fr is None or fr[0] != "give" or verb.pos_ != "VERB":
            return False
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None and verb.dep_ == "conj":
            subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)   # "Spain bought and sold"
        m = self.s.mention_at(subj) if subj is not None else None
        return m is not None and m.is_actor and m.kind != "adjective"

    def _equipment_on(self, noun) -> int | None:
        """A designation that qualifies ``noun`` ("F-16" in "F-16 aircraft"), when the noun itself is no mention."""
        return next((self.equipment_index(c) for c in noun.children
                     if c.dep_ in ("compound", "nummod", "nmod", "amod") and self.equipment_index(c) is not None), None)

    def _actor_before(self, prep) -> str | None:
        """ "Turkey, along with Iran": the actor just before the phrase, when the parse hangs it elsewhere."""
        i = prep.i - 1
        while i >= 0 and (prep.doc[i].is_punct or prep.doc[i].lower_ in self.words["co_words"]):
            i -= 1
        m = self.s.mention_at(prep.doc[i]) if i >= 0 and i < prep.i - 1 else None
        return m.key if m is not None and m.is_actor else None

    def _trigger_above(self, tok, hops: int = 3):
        for _ in range(hops):
            if self.frame(tok) is not None:
                return tok
            if tok.head.i == tok.i:
                break
            tok = tok.head
        return None

    def possessor_role(self, tok, head, depth):
        if head.lower_ == "behalf" and head.dep_ == "pobj" and head.head.lower_ in ("on", "in") and \
                self.frame(head.head.head) is not None:
            return self.hit("on-behalf-of", tok)    # "bought the howitzers on Peru's behalf"
        owned = self.s.mention_at(head)
        mine = self.s.mention_at(tok)
        if owned is not None and owned.kind == "nonstate" and mine is not None and mine.kind == "state" and \
                self.on("group-of-a-state"):
            return None, None, tok          # "Sudan's Rapid Support Forces": the armed group, not its country
        eq = self.equipment_index(head)
        if eq is None and head.pos_ == "NOUN" and self.frame(head) is None:
            # "Pakistan's JF-17 fighters", "Chile's F-16 jets": the weapons the name qualifies (a deal noun keeps
            # its own reading: "Washington's missile deal")
            eq = self._equipment_on(head)
        if eq is not None:
            if head.dep_ == "pobj" and head.head.lower_ == "of" and \
                    head.head.head.lemma_.lower() in self.words["share_nouns"] and self.on("share-holder"):
                return self.hit("share-holder", tok, eq)    # "supplied 40 percent of Saudi Arabia's arms"
            if tok.lemma_.lower() in self.words["service_nouns"] and self.on("service-possessor"):
                return self.hit("service-possessor", tok, eq)   # "the Chilean Navy's frigates": it operates them
            if self._bought_possession(tok, head, eq) and self.on("possessor-buyer"):
                return self.hit("possessor-buyer", tok, eq)     # "Chile's F-16s were bought from the Netherlands"
            if self._given_by_subject(head) and self.on("former-owner"):
                return None, None, tok      # "Spain sold three of Italy's old jets to Chile": Spain sells them now
            # "Brazil's Super Tucano was supplied to Kenya by Washington": the maker's possessive names the maker,
            # who yields to a seller the sentence states, as "Brazilian-made" does
            self._weak = self._weak or self.s.mentions[eq].origin == self._code
            return self.hit("possessor-of-equipment", tok, eq)
        lemma = head.lemma_.lower()
        fr = self.frame(head) if lemma not in self.lex.role_nouns else None
        if fr is not None:
            return self.hit("possessor-of-trigger-noun", tok, frame=fr[0])
        if lemma in self.lex.role_nouns:
            # "India's supplier" receives from the supplier; "Turkiye's exporter" is the exporter's home
            own = self.lex.role_nouns[lemma]
            if lemma in ("exporter", "seller", "vendor"):
                return self.hit("possessor-of-seller-noun", tok)
            return self.hit("possessor-of-role-noun", tok, named=own)
        if self.lex.status_words.get(lemma) in ("cancelled", "interest", "negotiating"):
            # "Lima's suspension of the purchase", "Ghana's interest in": the side follows the complement
            for c in head.children:
                if c.dep_ == "prep":
                    for g in c.children:
                        gf = self.frame(g)
                        if gf is not None and gf[0] != "deal":
                            return self.hit("possessor-of-interest", tok, frame=gf[0])
                if c.dep_ in ("acl", "xcomp") and c.pos_ == "VERB" and (gf := self.frame(c)) is not None and \
                        gf[0] != "deal" and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children) and \
                        not any(a.dep_ in ("nsubj", "nsubjpass", "mark") for a in c.children):
                    self._via = self._via or c      # "Chile's plan to buy tanks": Chile buys
                    return self.hit("possessor-of-interest", tok, frame=gf[0])
            return self.hit("possessor-of-interest", tok, frame="get") if lemma in ("interest", "request") else (None, None, tok)
        if lemma in ORG_NOUNS or head.lower_ in ORG_NOUNS:
            return self.noun_role(head, True, depth + 1)
        for c in head.children:          # "Britain's decision to send Storm Shadows": the possessor sends
            if c.dep_ in ("acl", "xcomp", "relcl") and c.pos_ == "VERB" and (cf := self.frame(c)) is not None \
                    and cf[0] != "deal":
                self._via = self._via or c
                return self.hit("possessor-of-decision", tok, frame=cf[0])
        return None, None, tok

    def pobj_role(self, tok, prep, depth):
        # "with France as its largest supplier"
        role = self.as_role(tok) or (self.as_role(tok.doc[tok.i + 1:tok.i + 2].root, itself=True)
                                     if tok.i + 1 < len(tok.doc) else None)
        if role is not None:
            return self.hit("as-role-noun", tok, named=role)
        w = prep.lower_
        gov = prep.head
        if w == "of" and gov.lower_ == "behalf" and gov.dep_ == "pobj" and gov.head.lower_ in ("on", "in") and \
                self.frame(gov.head.head) is not None:
            # "ordered missiles on behalf of Latvia", "bought jets on Peru's behalf" (a possessive): the state the
            # weapons are bought for receives them
            return self.hit("on-behalf-of", tok)
        if gov.lower_ in LISTING_WORDS and gov.head.i != gov.i and \
                w in ("for", "to", "from") and self.on("list-of-phrases"):
            gov = gov.head          # "built 14 submarines, including for Chile and India": the phrases list under it
            self._rules.append("list-of-phrases")
        gl = gov.lemma_.lower()
        gfr = self.frame(gov)
        if set_aside(prep) or set_aside(gov):
            return None, None, tok      # "from Spain rather than from Korea", "rather than buy them from Korea"
        if w in ("on", "to") and self.frame_rules.get(gov.i) == "relies-on-for":
            return self.hit("relies-on-for", tok)       # "relied on China for arms": China supplies them
        if w == "from" and gl in ("order", "contract") and gov.head.lemma_.lower() in self.words["win_verbs"] and \
                gov.dep_ in ("dobj", "obj") and self.on("won-order"):
            return self.hit("order-from-buyer", tok)   # "won an order from Portugal": Portugal orders
        if w == "from" and gl in self.words["win_verbs"] and gov.pos_ == "VERB" and self._won_order(gov):
            return self.hit("order-from-buyer", tok)   # "won a radar contract from Chile", "from" on the verb
        if w == "from":
            eq = self.equipment_index(gov)
            if eq is None and gov.pos_ == "NOUN" and gfr is None:
                # "F-16 aircraft from Norway": the item, not a route; "arms transfers from Iran" are the transfers'
                eq = self._equipment_on(gov)
            if eq is not None:
                return self.hit("from-equipment", tok, eq)         # "SCALP missiles from Paris": this item's supplier
            if gl in self.words["transport_modes"] and gov.pos_ != "VERB" and self.on("from-route"):
                # "carried by rail from Poland": a route, not a supplier; but "shipped from Iran" (the verb whose
                # lemma is the mode) names the sender
                return None, None, tok
            if gl in self.words["not_from"] and self.on("from-not-transfer"):
                return None, None, tok
            if gl in ORG_NOUNS and gov.dep_ not in ("dobj", "pobj"):
                return None, None, tok
            return self.hit("from", tok)
        if w == "to" and self._awards_contract(gov) and self.on("awarder-buyer"):
            return self.hit("awardee-seller", tok)      # "Poland awarded a contract to Hanwha": Hanwha sells
        end = gov.head if gl == "way" and gov.dep_ in ("dobj", "obj") else gov
        if gl == "hand" and w == "of" and gov.dep_ == "pobj":
            end = gov.head.head                         # "fell into the hands of the Taliban"
        if (w in ("in", "with", "to", "into") or end is not gov) and \
                end.lemma_.lower() in self.words["onward_arrivals"] and self.frame(end) is not None:
            if end is not gov:
                self._via = end
            # "the rifles ended up in Yemen", "found their way to Libya", "fell into the hands of the Taliban"
            return self.hit("ended-up-in", tok)
        if w in ("to", "into"):
            if gfr is not None and gfr[0] in ("give", "deal"):
                return self.hit("to-trigger", tok)
            if self.equipment_index(gov) is not None or gl in self.words["destination_words"] or \
                    self.verbless and gov.pos_ == "NOUN" and self._equipment_on(gov) is not None:
                return self.hit("to-equipment-or-destination", tok)     # "Patriot batteries to Kyiv"
            if gl in ("flow", "way", "route", "entry") and w == "into":
                return self.hit("into-flow", tok)
            # "the donation of a frigate by Japan to a partner": the 'to' may hang on a noun inside the trigger phrase;
            # "sent tanks built under licence to Kyiv": on the last noun of a participle on the object
            anc = gov
            for _ in range(4):
                if anc.head.i == anc.i:
                    break
                anc = anc.head
                fr = self.frame(anc)
                if fr is not None and fr[0] == "give" and anc.i < prep.i:
                    if gfr is not None and gfr[0] == "get":
                        # "re-exported tanks bought from Russia to Sudan": "to" hangs on the purchase, but goes
                        # with the giving around it
                        self._via = anc
                    return self.hit("to-under-give-ancestor", tok)
            # misattached "to X" ("sales of radars worth $90 million to the small republic"): a give word shortly
            # before it still makes X the recipient
            for t in self.s.doc[max(0, prep.i - 14):prep.i]:
                fr = self.frame(t)
                if fr is not None and fr[0] == "give" and t.pos_ in ("NOUN", "PROPN"):     # "a Foreign Military Sale"
                    return self.hit("to-after-give-noun", tok)
            return None, None, tok
        if w == "for":
            if gfr is not None or self._equipment_noun(gov):
                # "tanks for Poland", "CV90 vehicles for Lithuania", "the first batch of K9s for Estonia"
                return self.hit("for-equipment-or-trigger", tok)
            if gl in self.words["content_verbs"] and any(self.equipment_index(c) is not None for c in gov.children
                                                         if c.dep_ in ("dobj", "obj")):
                return self.hit("for-contents", tok)    # "The contract covers 48 K2 tanks for Poland"
            if gl in self.words["destination_words"] or (gfr is not None and self._is_passive(gov)):
                return self.hit("for-destination", tok)
            return None, None, tok
        if w == "with":
            co = self.words["co_words"]
            if gl in co or any(c.lower_ in co for c in gov.children) or any(c.lower_ in co for c in prep.children):
                if self._co_maker(gov) and self.on("co-maker"):
                    return None, None, tok      # "developed together with the United States": a partner in making
                self._partner = self._actor_above(prep) or self._actor_before(prep)
                return self.hit("with-co", tok)
            if gl in ("service",):
                if not self._names_states(tok) and self._users_among(tok):
                    self._rules.append("users-among-them")
                return self.hit("with-service", tok)
            if gfr is not None and gfr[0] == "deal" or gl in self.words["deal_lemmas"]:
                return self.hit("with-deal", tok)
            if gfr is not None and gfr[0] == "get":
                return self.hit("with-get", tok)
            # "talks at a late stage with Kenya": the deal word a few heads up, through a prepositional phrase
            anc = gov
            for _ in range(3):
                if anc.dep_ not in ("pobj", "prep", "amod", "compound") or anc.head.i == anc.i:
                    break
                anc = anc.head
                af = self.frame(anc)
                if af is not None and af[0] == "deal" and (anc.pos_ == "NOUN" or anc.pos_ == "VERB" and gov.pos_ ==
                                                           "NOUN" and self._names_equipment(gov)):
                    # (or on the weapons of a deal verb: "signed a deal for two frigates with Italy")
                    return self.hit("with-deal-above", tok)
            return None, None, tok
        if (w == "by" or prep.dep_ == "agent") and self._awards_contract(gov) and self._is_passive(gov) and \
                self.on("awarder-buyer"):
            return self.hit("awarder-buyer", tok)       # "Saab was awarded a contract by Thailand"
        if w == "by" or prep.dep_ == "agent":
            if gov.dep_ == "pobj" and gov.head.lower_ == "with" and (verb := gov.head.head).pos_ == "VERB" and \
                    (vf := self.frame(verb)) is not None and vf[0] == "give" and self._is_passive(verb) and \
                    self.on("by-passive"):
                # "the army was supplied with drones by Iran": the parse hangs the agent on the drones
                return self.hit("by-passive", tok, frame="give")
            if self.frame_rules.get(gov.i) == "adopted-by":
                if not self._names_states(tok) and self._users_among(tok):
                    self._rules.append("users-among-them")
                return self.hit("user-by", tok)         # "the K9 has been adopted by Norway": Norway got it
            if gl in self.lex.possession and self._is_passive(gov):
                return self.hit("holder-by", tok)      # "Iranian drones are being used by Russia": Russia holds them
            if gl in self.words["maker_verbs"]:
                if any(p.dep_ == "prep" and p.lower_ == "under" and any(g.lemma_.lower() in ("licence", "license")
                                                                         for g in p.children) for p in gov.children) \
                        and self.on("licence-builder"):
                    return self.hit("licence-builder", tok)    # "built under licence by Mazagon Dock": the licensee
                return self.hit("by-maker", tok)
            if gl in self.words["deal_lemmas"]:
                return self.hit("by-deal", tok)       # "the contract, signed by Saab and the Thai air force"
            if gfr is not None:
                if gfr[0] == "give":
                    return self.hit("by-passive", tok, frame="give") if self._is_passive(gov) or gov.pos_ == "NOUN" else (None, None, tok)
                if gfr[0] == "get":
                    return self.hit("by-passive", tok, frame="get") if self._is_passive(gov) or gov.pos_ == "NOUN" else (None, None, tok)
                # "leased to Peru by Chile": the to-phrase says which way the lease runs ("leased from Chile by
                # Peru": the other way)
                way = {c.lower_ for c in gov.children if c.dep_ == "prep"} & {"to", "from"}
                if gfr[0] == "deal" and self._is_passive(gov) and len(way) == 1:
                    return self.hit("by-passive", tok, frame="give" if way == {"to"} else "get")
            return None, None, tok
        if w == "of":
            if gfr is not None and gfr[0] == "give":
                return self.hit("of-trigger-noun", tok, frame="give")
            if gfr is not None and gfr[0] == "get":
                return self.hit("of-trigger-noun", tok, frame="get")
            if gl in ORG_NOUNS:
                return self.noun_role(gov, True, depth + 1)
            if self._stands_for_services(gov):
                self._rules.append("those-of-services")
                return self.noun_role(gov, True, depth + 1)     # "air forces, including those of Iraq"
            return None, None, tok
        if w in ("in", "at") and gl in self.words["arrival_verbs"] and gfr is not None:
            return self.hit("arrived-in", tok)           # "the first jets arrived in Ghana"
        if w == "in" and self.equipment_index(gov) is not None and gov.dep_ == "pobj" and gov.head.lower_ == "of" \
                and gov.head.head.lemma_.lower() in self.words["arrival_verbs"] and gov.head.head.pos_ == "NOUN" \
                and self.frame(gov.head.head) is not None and self._delivered_arrival(gov.head.head, gov):
            return self.hit("arrived-in", tok)           # "the arrival of Turkish drones in Niger": parsed on the drones
        # "Hanwha will make the K9 in Poland": the parse may hang the place on the object
        maker = gov.head if gov.dep_ in ("dobj", "obj") and gov.pos_ != "VERB" else gov
        if w == "in" and self.licence and maker.lemma_.lower() in self.words["maker_verbs"] | \
                self.words["assembly_verbs"] and (self._is_passive(maker) and maker is gov or
                                                 self.frame(maker) == ("give", "ordered")):
            # "the guns will be built in Egypt under licence", "Hanwha will build K9s in Poland under licence"
            return self.hit("licence-built-in", tok)
        if w == "in" and gl in self.words["maker_verbs"] and gov.tag_ == "VBN" and (eq := self._made(gov)) is not None \
                and self.on("made-in"):
            self._weak = True       # "submarines built in Russia", as "Russian-built submarines": the maker's state
            return self.hit("made-in", tok, eq)
        if w == "in" and gl in ("base", "headquarter", "locate", "register"):
            anc = gov.head              # "built by firms based in Singapore"
            for _ in range(3):
                if anc.lemma_.lower() in self.words["maker_verbs"]:
                    return self.hit("in-base-maker", tok)
                if anc.head.i == anc.i:
                    break
                anc = anc.head
            # "supplied by a company based in Ukraine", "bought from a firm registered in Serbia": the seller named
            # by where it sits is that state
            firm = gov.head
            verb = firm.head.head if firm.dep_ == "pobj" else firm
            if self.frame(verb) is None and verb.dep_ in ("dobj", "obj", "nsubjpass"):
                verb = verb.head        # "rifles from a firm ...": the PP may hang on the weapon
            if gov.dep_ == "acl" and firm.pos_ in ("NOUN", "PROPN") and firm.dep_ == "pobj" and \
                    (p := firm.head).lower_ in ("by", "from") and (fr := self.frame(verb)) is not None and \
                    (p.lower_ == "by" and fr[0] == "give" or p.lower_ == "from" and fr[0] in ("give", "get")) and \
                    self.on("seller-based-in"):
                return self.hit("seller-based-in", tok)
            return None, None, tok
        if w in ("under", "through", "via") and (gfr is not None or self.equipment_index(gov) is not None or
                                                 gov.pos_ == "VERB") and self._organ(tok):
            return self.hit("sales-channel", tok)   # "bought under a Foreign Military Sales case": the US sells
        if w == "between" and (gfr is not None or gl in self.words["deal_lemmas"] or
                               self.equipment_index(gov) is not None):
            return self.hit("between", tok)     # "a deal between A and B"; not "tensions between A and B"
        if w == "alongside":
            return self.hit("alongside", tok)       # "India has emerged as a supplier of shells to Armenia, alongside France"
        if w in self.words["list_preps"]:
            # "states like Fiji", "customers including Oman": the list takes its head noun's role
            if gov.lemma_.lower() in self.lex.role_nouns:
                return self.hit("list-head-role-noun", tok, named=self.lex.role_nouns[gov.lemma_.lower()])
            member = self.s.mention_at(tok)
            if member is not None and member.kind == "state":
                over = self._single_state(gov, member)
                skip = ("list-skips-state" if self.on("list-skips-state") else None) if over else \
                    "list-skips-weapon" if self._names_equipment(gov) and self.on("list-skips-weapon") else None
                if skip is not None:
                    # "Several states sent tanks to Ukraine, including Chile and Peru", "Several donors gave Kyiv
                    # Patriot batteries, including Chile": neither one state nor a weapon is a group that a list
                    # of states could elaborate; the parse hung the list on it, and the group noun before decides
                    n = len(self._rules)
                    found = self._group_noun_before(prep.i, tok, depth)
                    if found is not None:
                        self._rules.insert(n, skip)
                        return found
                    if over:
                        return None, None, tok
            role = self.noun_role(gov, True, depth + 1)
            if role[0] is None and gov.lemma_.lower() in self.lex.list_heads:
                # "criticised the countries that sold drones to Russia, including Iran": the clause on the group
                return self._relative_group(gov, tok, depth) or role
            if role[0] is None and gov.lemma_.lower() not in self.lex.list_heads:
                # "sold to eight countries so far, the maker said, including A and B": the parse hangs the list on
                # a nearer word; the nearest group noun before it ("countries", "buyers") heads it
                return self._group_noun_before(prep.i, tok, depth) or role
            return role
        return None, None, tok

    def _group_noun_before(self, i: int, tok, depth):
        """The role of the nearest group noun ("countries", "buyers") before position ``i``, for a list the parse
        hung elsewhere; None when there is none."""
        for t in reversed(self.s.doc[max(0, i - LIST_REACH):i]):
            if t.tag_ == "NN" and any(c.dep_ == "poss" for c in t.children):
                continue        # "supplied its navy with boats, including Chile's": one state's own, no group
            if t.pos_ in ("NOUN", "PROPN") and (t.lemma_.lower() in self.lex.list_heads or
                                                t.lemma_.lower() in self.lex.role_nouns):
                if not self.on("list-head-group-noun"):
                    return None
                self._rules.append("list-head-group-noun")
                if t.lemma_.lower() in self.lex.role_nouns:
                    return self.hit("list-head-role-noun", tok, named=self.lex.role_nouns[t.lemma_.lower()])
                role = self.noun_role(t, True, depth + 1)
                if role[0] is None:
                    role = self._relative_group(t, tok, depth) or role
                return role
        return None

    def _relative_group(self, group, tok, depth):
        """ "thanked the countries that supplied the jets, including Chile and Peru": a group noun that is the
        antecedent of a relative clause whose subject is the relative pronoun plays that clause's subject's part,
        and so does the list that names its members; None when it heads no such clause."""
        if not self.on("relative-group"):
            return None
        for v in group.children:
            if v.dep_ != "relcl" or v.pos_ != "VERB":
                continue
            subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None or subj.lower_ not in ("which", "who", "that"):
                continue
            role = self.subject_role(tok, v, subj.dep_ == "nsubjpass", depth + 1)
            if role[0] is not None:
                self._rules.append("relative-group")
                return role
        return None

    def _single_state(self, gov, member) -> bool:
        """Is the word the parse hangs a list of states on another single state ("to Ukraine, including Chile") or
        one state's own force ("to its army, such as Chile")?"""
        if gov.tag_ == "NN" and gov.lemma_.lower() in self.lex.list_heads and any(c.dep_ == "poss"
                                                                                   for c in gov.children):
            return True
        head = self.s.mention_at(gov)
        return head is not None and head.kind in ("state", "seat") and head.key != member.key

    def _among_them(self, tok) -> int | None:
        """Where "among them" opens the list ``tok`` belongs to ("to 30 countries, among them A, B and C"), the
        position of "among"; however the parse hangs the list."""
        first = tok
        while first.dep_ == "conj" and first.head.i < first.i:
            first = first.head
        doc = self.s.doc
        i = first.i
        while i > 0 and doc[i - 1].dep_ in ("det", "compound", "amod") and doc[i - 1].head.i == first.i:
            i -= 1                                  # "among them the United States"
        if i >= 2 and doc[i - 2].lower_ == "among" and doc[i - 1].lower_ in _BACK_REFS:
            return i - 2
        return None

    def subject_role(self, tok, verb, passive, depth):
        seen = 0
        v = verb
        while v is not None and seen < 4:
            seen += 1
            lemma = v.lemma_.lower()
            if lemma in self.words["intercept_verbs"] and self.on("interceptor-not-party") and not any(
                    c.dep_ in ("dobj", "obj") and (cf := self.frame(c)) is not None and cf[0] != "give"
                    for c in v.children):
                # "the navy seized a shipment of rifles bound for Yemen": no party; but "Serbia halted the purchase
                # of FK-3s" stops its own purchase
                return None, None, tok
            if self.frame(v) is not None and self.frame(v)[0] == "get" and _on_behalf(v) and \
                    self.on("agent-on-behalf"):
                return None, None, tok      # "the agency ordered missiles on behalf of Latvia": an agent, no buyer
            if (purpose := self._sends_people_to_act(v)) is not None and self.on("people-sent-to-act"):
                self._rules.append("people-sent-to-act")
                v, passive = purpose, False      # "Poland sent a delegation to Seoul to sign": Poland signs
                continue
            fr = self.frame(v) if v.pos_ in ("VERB", "AUX") else None
            if not passive and seen == 1 and fr is None and lemma in self.words["maker_verbs"] and \
                    v.dep_ == "relcl" and (eq := self.equipment_index(v.head)) is not None and \
                    self.on("maker-relative"):
                self._weak = True   # "the tanks that Spain builds under licence were sent to Kyiv": Spain makes them
                return self.hit("maker-relative", tok, eq)
            if self._awards_contract(v) and self.on("awarder-buyer"):
                # "Peru awarded Saab a contract for jets": Peru buys; "Saab was awarded a contract": Saab sells
                return self.hit("awardee-seller" if passive else "awarder-buyer", tok)
            if not passive and lemma in self.words["win_verbs"] and self._won_order(v):
                return self.hit("won-order", tok)       # "Saab received / Embraer won an order from X": they sell
            if fr is not None:
                if self._via is None and seen > 1:
                    self._via = v           # the subject of "agreed to supply" belongs to "supply"
                if fr[0] == "give":
                    if not passive and self._finances_purchase(v) and self.on("financer-not-party"):
                        return None, None, tok      # "lent Chile $2 billion to buy tanks": a lender, no seller
                    return self.hit("passive-subject" if passive else "subject", tok, frame="give")
                if fr[0] == "get":
                    return (None, None, tok) if passive else self.hit("subject", tok, frame="get")
                return self.deal_subject(v, tok)
            if lemma in self.words["restock_verbs"]:
                if any(self.equipment_index(t) is not None for t in v.subtree):
                    return self.hit("subject-restocks", tok)
            if lemma in self.words["content_verbs"] and holds(v, self.words["content_verbs"]) and \
                    self.on("holdings-include"):
                return self.hit("holdings-include", tok)    # "Egypt's arsenal includes Russian MiG-29 jets"
            if lemma in self.lex.possession and not any(
                    c.dep_ in ("dobj", "obj") and self.frame(c) == ("get", "interest") for c in v.children):
                # "Iran uses cargo flights to send drones": the purpose clause is the transfer
                purpose = next((c for c in v.children if c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB" and
                                (cf := self.frame(c)) is not None and cf[0] != "deal"), None)
                if purpose is None:
                    later = self._controlled_transfer(v)
                    if later is None:
                        return self.hit("subject-of-possession", tok)
                    # "Peru has no plans to buy tanks", "has yet to sign a contract": no holding, a transfer to come
                    v, passive = later, False
                    continue
                self._via = purpose
                return self.hit("subject", tok, frame=self.frame(purpose)[0])
            if lemma == "join" and (role := self.as_role(v)) is not None:
                return self.hit("join-as", tok, named=role)
            if v.pos_ == "NOUN" and lemma in self.lex.role_nouns and v.dep_ in ("ccomp", "oprd", "xcomp") and \
                    not self._bare_ranking(v) and self.on("small-clause-role-noun"):
                # "The deal makes Indonesia the second customer for the Rafale": the role noun is said of it
                return self.hit("small-clause-role-noun", tok, named=self.lex.role_nouns[lemma])
            if lemma in ("account", "make") and (trade := self._share_of(v)) is not None and self.on("share-of-trade"):
                # "Russia accounted for 36% of India's arms imports": the other side of those imports
                return self.hit("share-of-trade", tok, frame=trade)
            if lemma == "be" and (goal := self._predicate_verb(v)) is not None and self.on("subject-of-predicate"):
                self._rules.append("subject-of-predicate")
                return self.subject_role(tok, goal, False, depth + 1)
            if lemma in ("be", "become", "remain"):
                for c in v.children:
                    if c.dep_ == "attr" and c.lemma_.lower() in self.lex.role_nouns:
                        if self._bare_ranking(c):
                            return None, None, tok
                        return self.hit("be-role-noun", tok, named=self.lex.role_nouns[c.lemma_.lower()])
                    if (named := self._among_role_noun(c)) is not None:     # "Among the buyers of the TB2 are"
                        return self.hit("among-role-noun", tok, named=named)
                    if c.dep_ == "acomp" and c.lemma_.lower() in ("interested", "keen", "eager", "willing"):
                        return self.hit("subject-interested", tok)
            for c in v.children:
                if c.dep_ in ("dobj", "obj", "attr") and c.lemma_.lower() in self.lex.role_nouns and \
                        self._bare_ranking(c):
                    return None, None, tok          # "remained the top importer": a ranking
                if c.dep_ in ("dobj", "obj") and c.lemma_.lower() in self.words["approval_nouns"] and \
                        (sale := self._approved_sale(c)) is not None:
                    self._via = self._via or sale
                    return self.hit("approver-seller", tok)   # "the State Department gave its approval for a sale"
                if c.dep_ == "prep" and c.lower_ in ("of", "about") and lemma in self.words["notify_verbs"] and \
                        not passive and (sale := self._notified_sale(c, v)) is not None and self.on("notifier-seller"):
                    self._via = self._via or sale
                    return self.hit("notifier-seller", tok)   # "the agency notified Congress of a sale of jets"
                if c.dep_ in ("dobj", "obj") and c.lemma_.lower() in self.lex.role_nouns and c.pos_ == "NOUN" and \
                        lemma not in ("become", "remain", "emerge", "stay", "rank", "replace", "displace") and \
                        self.on("role-noun-object"):
                    # "India prefers other suppliers", "Egypt is looking for new buyers": the other side
                    return self.hit("role-noun-object", tok, named=self.lex.role_nouns[c.lemma_.lower()])
                if c.dep_ in ("dobj", "obj") and (cf := self.frame(c)) is not None:
                    if lemma in ("express", "show", "voice", "signal", "have") and c.lemma_.lower() == "interest":
                        return self.hit("express-interest", tok)
                    if c.lemma_.lower() in self.words["offer_nouns"] and \
                            lemma not in ("make", "submit", "present", "extend", "put", "table", "send"):
                        return self.hit("study-offer", tok)       # "Bolivia is studying an offer from Iran"
                    if c.lemma_.lower() in self.words["request_nouns"] and cf[0] == "get" and \
                            lemma not in ("make", "submit", "present", "put", "send", "file", "lodge", "issue",
                                          "renew", "repeat", "have") and self.on("requested-party"):
                        return self.hit("requested-party", tok)   # "Israel turned down Ukraine's request"
                    if lemma in ("take", "accept", "await", "expect", "get") and cf[0] == "give":
                        return self.hit("take-delivery", tok)       # "Budapest took delivery of Leopard tanks"
                    if lemma in self.words["approve_verbs"] and cf[0] == "give" and self._has_seller(c, v) and \
                            self.on("approver-not-party"):
                        return None, None, tok      # "Berlin approved the re-export of tanks from Poland"
                    if lemma in self.words["approve_verbs"] and cf[0] == "get" and self._anothers(c, tok) and \
                            self.on("approver-not-party"):
                        return None, None, tok      # "Berlin approved Poland's purchase of tanks"
                    if cf[0] != "deal":
                        return self.hit("subject-of-trigger-object", tok, frame=cf[0])
                    if lemma not in self.words["deal_lemmas"] and self._own_parties(c, tok) and \
                            self.on("outsider-to-named-deal"):
                        return None, None, tok      # "Germany blocked the Thai-Chinese submarine deal"
                    return self.deal_subject(v, tok)
                if c.dep_ in ("dobj", "attr") and c.lemma_.lower() in self.lex.role_nouns and lemma not in ("replace",
                                                                                                          "displace"):
                    return self.hit("subject-of-role-noun", tok, named=self.lex.role_nouns[c.lemma_.lower()])
                if c.dep_ == "prep" and c.lower_ == "as" and (role := self.as_role(v)) is not None:
                    return self.hit("as-role-noun", tok, named=role)
                if c.dep_ == "prep" and c.lower_ in ("by", "through", "via"):
                    for g in c.children:     # "violated the embargo by providing helicopters"
                        if g.dep_ == "pcomp" and (gf := self.frame(g)) is not None and gf[0] != "deal":
                            return self.hit("by-gerund", tok, frame=gf[0])
                talks = [g for g in c.children if c.dep_ == "prep" and c.lower_ in ("in", "into") and
                         (gf := self.frame(g)) is not None and gf[0] == "deal"]
                if not talks and c.dep_ == "acomp" and c.lemma_.lower() in ("close", "near", "closer", "nearer"):
                    # "Egypt is close to a deal for J-10C jets": the subject is a party to the deal it nears
                    talks = [g for p in c.children if p.dep_ == "prep" and p.lower_ == "to" for g in p.children
                             if g.dep_ == "pobj" and (gf := self.frame(g)) is not None and gf[0] == "deal"]
                if talks:
                    self._via = self._via or talks[0]
                    return self.hit("in-talks", tok)           # "Spain is in talks with Turkey"
                if c.dep_ in ("prep", "prt", "advmod") and (noun := self._withdrawn_from(v, c)) is not None and \
                        self.on("withdrawn-from"):
                    self._via = self._via or noun
                    return self.hit("withdrawn-from", tok, frame=self.frame(noun)[0])
                if c.dep_ == "prep" and c.lower_ == "on" and v.pos_ == "VERB" and \
                        f"{lemma} {particle(v)}" in self.words["approve_verbs"]:
                    # "the cabinet signed off on the purchase of jets": it approves its own purchase; "Berlin signed
                    # off on the re-export of tanks from Poland" clears another's
                    for g in c.children:
                        if g.dep_ == "pobj" and (gf := self.frame(g)) is not None and gf[0] != "deal":
                            if (gf[0] == "give" and self._has_seller(g, v) or gf[0] == "get" and
                                    self._anothers(g, tok)) and self.on("approver-not-party"):
                                return None, None, tok
                            self._via = self._via or g
                            return self.hit("subject-of-trigger-object", tok, frame=gf[0])
                if c.dep_ == "prep" and c.lower_ in ("on", "over", "to") and lemma in self.words["deal_lemmas"] \
                        and any((gf := self.frame(g)) is not None and gf[0] != "deal" for g in c.children):
                    return self.deal_subject(v, tok)        # "Russia and India agreed on the supply of ..."
            # "Serbia is looking to acquire", "Paris agreed to provide": read the verb the subject controls
            nxt = next((c for c in v.children if c.dep_ in ("xcomp",) and c.pos_ in ("VERB", "AUX")), None)
            if nxt is None:
                # "Greece cancelled plans to buy ...", "took the decision to acquire ...": the subject controls
                # the infinitive hanging on the object
                for c in v.children:
                    # not another's plan: "Washington approved Poland's request to buy jets"
                    if c.dep_ in ("dobj", "obj", "attr") and not any(
                            g.dep_ == "poss" and g.lower_ not in ("its", "their", "his", "her", "our")
                            for g in c.children):
                        nxt = next((g for g in c.children if g.dep_ in ("acl", "relcl") and g.pos_ == "VERB" and
                                    not any(h.dep_ in ("nsubj", "nsubjpass") for h in g.children)), None) or \
                            self._plan_gerund(c)
                        if nxt is not None:
                            break
            if nxt is None and lemma not in self.words["speech_verbs"]:
                # "Peru pulled out of talks to buy jets", "Chile withdrew from its plan to acquire tanks": the
                # infinitive on a plan or a deal the verb's phrase names (not another's: "objected to Chile's plan")
                nxt = self._plan_infinitive(v)
                if nxt is not None:
                    self._rules.append("purpose-infinitive")
            if nxt is None and lemma not in self.words["speech_verbs"]:
                # "Hungary backed out of a deal to buy HQ-9s", "Chad sent a team to Ankara to collect drones": an
                # infinitive of purpose without a subject of its own has the clause's subject (the parse often
                # hangs "a deal to buy" on the verb)
                nxt = next((c for c in v.children if c.dep_ == "advcl" and c.pos_ == "VERB" and c.i > v.i and
                            any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children) and
                            not any(a.dep_ in ("nsubj", "nsubjpass", "mark") for a in c.children) and
                            self.frame(c) is not None and self.on("purpose-infinitive")), None)
                if nxt is not None:
                    self._rules.append("purpose-infinitive")
            if nxt is None and lemma in self.words["speech_verbs"]:
                # "the State Department said has approved ...", "the ministry said it would acquire ...": a
                # complement without its own subject, or with a pronoun for one, belongs to the speaker; not one
                # told before the speaker ("They received the drones from Iran, US officials say": "They" points
                # back to whom the text was about)
                nxt = next((c for c in v.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX") and all(
                    g.lower_ in ("it", "they", "we") and (c.i > v.i or not self.on("speaker-after-complement"))
                    for g in c.children if g.dep_ in ("nsubj", "nsubjpass"))), None)
                if nxt is None and self.on("statement-that"):
                    # "the ministry said in a statement that it was buying ...": the parse hangs the complement on
                    # the statement; a clause opened by the conjunction "that" (no relative pronoun) is the speech
                    nxt = next((a for p in v.children if p.dep_ == "prep" and p.i > v.i for g in p.children
                                if g.dep_ == "pobj" for a in g.children if a.dep_ in ("acl", "relcl") and
                                a.pos_ in ("VERB", "AUX") and any(m.dep_ == "mark" and m.lower_ == "that"
                                                                  for m in a.children) and
                                all(h.lower_ in ("it", "they", "we") for h in a.children
                                    if h.dep_ in ("nsubj", "nsubjpass"))), None)
                    if nxt is not None:
                        self._rules.append("statement-that")
            if nxt is None:
                nxt = next((c for c in v.children if c.dep_ == "acomp"), None)
                if nxt is not None:
                    nxt = next((c for c in nxt.children if c.dep_ == "xcomp"), None)
            if nxt is None and seen == 1 and self.on("participle-clause"):
                # "Having received jets from France, Croatia now wants more": the subject of the sentence is the
                # subject of the participle clause before it
                nxt = _controlled_participle(v)
                if nxt is not None:
                    self._rules.append("participle-clause")
            v = nxt
            passive = False
        return None, None, tok

    def _controlled_transfer(self, verb):
        """A transfer verb the subject of ``verb`` controls without holding anything: "has yet to sign" (an
        infinitive on the verb), "has no plans to buy" (an infinitive on its object)."""
        def free(g):
            return g.pos_ == "VERB" and self.frame(g) is not None and \
                not any(h.dep_ in ("nsubj", "nsubjpass") for h in g.children)
        for c in verb.children:
            if c.dep_ in ("xcomp", "advcl") and free(c):
                return c
            if c.dep_ == "xcomp" and c.pos_ == "VERB":
                # "has yet to decide whether to buy": the transfer the choice is about
                ask = next((g for g in c.children if g.dep_ in ("ccomp", "xcomp") and free(g) and any(
                    a.dep_ == "mark" and a.lower_ == "whether" for a in g.children)), None)
                if ask is not None:
                    return ask
            if c.dep_ in ("dobj", "obj") and not self._names_equipment(c):
                # an infinitive ("plans to buy"), not a participle on weapons held ("fields S-400s bought from ...")
                inf = next((g for g in c.children if g.dep_ in ("acl", "relcl") and free(g) and
                            any(a.lower_ == "to" and a.dep_ == "aux" for a in g.children)), None)
                if inf is not None:
                    return inf
        return None

    def _names_equipment(self, noun) -> bool:
        """Is ``noun`` a weapon, or a noun a designation qualifies ("Iron Dome systems")?"""
        return self.equipment_index(noun) is not None or (noun.pos_ == "NOUN" and
                                                           self._equipment_on(noun) is not None)

    def _joins_service(self, verb) -> bool:
        """Do weapons join a state's armed service ("the frigates joined the Ghanaian navy", "the jets entered
        service with the Peruvian air force")? The subject is equipment; the object is an armed service or "service"
        itself."""
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or not any(self.equipment_index(t) is not None for t in subj.subtree) or \
                self._visits(verb, {t.i for t in subj.subtree} | {verb.i}):
            return False        # "the Russian destroyer joined the Indian navy for an exercise": a visit
        services = self.words["service_nouns"]
        return any(c.dep_ in ("dobj", "obj") and (c.lemma_.lower() in services or c.lemma_.lower() == "fleet" or
                                                  c.lemma_.lower() == "service") for c in verb.children)

    def _awards_contract(self, verb) -> bool:
        """Does ``verb`` award a contract or an order ("awarded Saab a contract", "gave Hanwha an order for guns")?
        Who awards it buys; who gets it sells."""
        return verb.pos_ == "VERB" and verb.lemma_.lower() in self.words["award_verbs"] and any(
            c.dep_ in ("dobj", "obj") and c.lemma_.lower() in self.words["awarded_nouns"] for c in verb.children)

    def _notified_sale(self, prep, verb):
        """The sale a government tells its legislature of ("notified Congress of a possible sale of jets to Peru"),
        when the sale names no other seller: a government notifies the sales it makes, not another state's (and
        "Israel informed the US of a delivery of missiles to Syria" tells another state of a third one's sale)."""
        told = [c for c in verb.children if c.dep_ in ("dobj", "obj", "dative")]
        if not any(c.lemma_.lower() in self.words["legislature_nouns"] for c in told):
            return None
        for g in prep.children:
            fr = self.frame(g) if g.dep_ == "pobj" else None
            # the sale names its buyer ("of a possible sale to Peru"); "of the sale" alone points back to one read
            # before, whose parties that sentence gave
            buyer = any(p.dep_ == "prep" and p.lower_ in ("to", "for") and any(
                (m := self.s.mention_at(t)) is not None and m.is_actor for t in p.subtree) for p in g.subtree)
            if fr is not None and fr[0] == "give" and buyer and not self._has_seller(g, verb) and not any(
                    c.dep_ == "poss" for c in g.children):
                return g
        return None

    def _plan_infinitive(self, verb):
        """The infinitive on a plan, talks or a deal in a prepositional phrase of ``verb`` ("pulled out of talks to
        buy", "withdrew from a plan to acquire"), when the plan is not said to be another's (a possessor that is
        not 'its/their')."""
        if not self.on("purpose-infinitive"):
            return None
        plans = self.words["deal_lemmas"] | {w for w, st in self.lex.status_words.items() if st != "ordered"}
        # "walked away from plans": the parse may hang the phrase on the particle
        for p in [*verb.children, *(g for c in verb.children if c.dep_ in ("prt", "advmod") for g in c.children)]:
            if p.dep_ != "prep":
                continue
            for q in [p, *(g for g in p.children if g.dep_ == "prep")]:
                for noun in q.children:
                    if noun.dep_ != "pobj" or noun.lemma_.lower() not in plans or any(
                            c.dep_ == "poss" and c.lower_ not in ("its", "their") for c in noun.children):
                        continue
                    inf = next((g for g in noun.children if g.dep_ == "acl" and g.pos_ == "VERB" and
                                any(a.lower_ == "to" for a in g.children) and
                                not any(h.dep_ in ("nsubj", "nsubjpass") for h in g.children) and
                                (f := self.frame(g)) is not None and f[0] != "deal"), None) or self._plan_gerund(noun)
                    if inf is not None:
                        return inf
        return None

    def _replacement(self, verb):
        """The weapon that comes in when ``verb`` replaces or swaps another ("replace its MiG-21s with J-10Cs",
        "swap its F-5s for Gripens"), or None. A swap with another party ("swapped its BMPs with Kyiv for Leopards")
        is an exchange between the two, not a replacement."""
        return replacement(verb, self.words, self.s.is_equipment, lambda t: self.s.mention_at(t) is not None and
                           self.s.mention_at(t).is_actor)

    def _withdrawn_from(self, verb, prep):
        """The purchase or sale that ``verb`` (a verb of cancelling) leaves through the phrase ``prep`` ("walked away
        from the purchase of drones", "backed out of the sale", "gave up on the acquisition"), or None."""
        prt = particle(verb)
        if self.lex.status_words.get(f"{verb.lemma_.lower()} {prt}" if prt else verb.lemma_.lower()) != "cancelled":
            return None
        if prep.dep_ != "prep" and prep.lower_ != prt:
            return None
        # "walked away from the sale": the parse may hang the phrase on the particle
        for q in [prep, *(g for g in prep.children if g.dep_ == "prep")]:
            for noun in q.children:
                if noun.dep_ == "pobj" and noun.pos_ == "NOUN" and (f := self.frame(noun)) is not None and \
                        f[0] != "deal" and not any(c.dep_ == "poss" and c.lower_ not in ("its", "their")
                                                   for c in noun.children):
                    return noun
        return None

    def _plan_gerund(self, noun):
        """The transfer gerund on a plan-like noun ("ditched the idea of buying jets", "walked away from the prospect
        of selling tanks"): the one whose plan it is buys or sells; or None."""
        plans = self.words["deal_lemmas"] | {w for w, st in self.lex.status_words.items() if st != "ordered"}
        if noun.lemma_.lower() not in plans:
            return None
        return next((g for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                     if g.dep_ == "pcomp" and g.tag_ == "VBG" and (f := self.frame(g)) is not None and
                     f[0] != "deal"), None)

    def _visits(self, verb, inside) -> bool:
        """Does the clause of the move, outside its subject, say it is a visit or a deployment ("for drills", "on
        rotation", "for NATO air policing", "to take part in an exercise", "to reinforce NATO's eastern flank")?
        Its owner keeps weapons it only moves, or sends for an upgrade. A word on a noun ("patrol boats"), a clause
        of its own (", where they joined an exercise") and a phrase of time ("after a NATO exercise") do not."""
        if not self.on("deployment-not-transfer"):
            return False
        visits, stays = self.words["deployment_words"], self.words["service_stays"]
        if any(t.lemma_.lower() in visits for t in _topic_before_colon(verb)):
            return True         # "NATO air policing: Spain sends Eurofighters to Lithuania": the headline's theme
        return any(t.i not in inside and t.dep_ not in ("compound", "amod", "nmod", "poss") and (
            t.lemma_.lower() in visits or t.lemma_.lower() in stays and not any(
                p.dep_ == "prep" and p.lower_ == "of" for p in t.children)) for t in _clause_words(verb))

    def _escorted(self, verb) -> bool:
        """Does "arrive/reach" report people who bring weapons with them ("Russian instructors arrived in Mali with
        an air defence system")? Its subject is an escort (instructors, technicians), its "with" object equipment,
        and nothing says it is a visit. Troops that arrive with their own tanks deploy; they deliver nothing."""
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.lemma_.lower() not in self.words["escort_nouns"]:
            return False
        brought = any(p.dep_ == "prep" and p.lower_ == "with" and any(
            self.equipment_index(t) is not None for t in p.subtree) for p in verb.children)
        return brought and not self._visits(verb, {t.i for t in subj.subtree})

    def _delivered_arrival(self, verb, subj=None) -> bool:
        """Does "arrive/reach" report a delivery? Its subject is equipment, told as a delivery (the first, a new
        batch, donated ...) or with a stated sender ("from X"); and nothing says it only visits (for drills, for a
        port call, to take part in an exercise): a deployment is no transfer. The noun too: "the arrival of the
        first F-35s in Poland", with ``subj`` what arrives."""
        subj = self._subject_of(verb) if subj is None else subj
        if subj is None or not any(self.equipment_index(t) is not None for t in subj.subtree):
            return False
        # what arrives, without the place it arrives in when the parse hangs that on it ("the arrival of the
        # first F-35s in Poland")
        place = {u.i for p in subj.children if verb.pos_ == "NOUN" and p.dep_ == "prep" and p.lower_ in ("in", "at")
                 for u in p.subtree}
        what = [t for t in subj.subtree if t.i not in place]
        inside = {t.i for t in subj.subtree}
        if self._visits(verb, inside) or verb.pos_ == "NOUN" and any(
                t.lemma_.lower() in self.words["deployment_words"] for t in verb.subtree):
            return False
        if self._meant_for(subj):
            return True         # "the first CV90s for Lithuania arrived": for whom, as "bound for" says
        # "from X" on the verb, or on the arriving equipment ("the first K2 tanks from Korea are expected to arrive
        # in Poland", "the patrol boat, on loan from Chile, arrived in Peru")
        sender = any(p.dep_ == "prep" and p.lower_ == "from" and any(
            self.s.mention_at(g) is not None and self.s.mention_at(g).is_actor for g in p.children)
            for p in (*verb.children, *(t for t in what if t.head.i != verb.i)))
        # "helicopters donated by X arrived", "the guns arrived in May, donated by X"
        handed = any(t.tag_ == "VBN" and (f := self.lex.frame(t.lemma_.lower(), "VERB")) is not None and
                     f[0] != "deal" for t in (*what, *(c for c in verb.children if c.dep_ == "advcl")))
        if sender or handed:
            return True
        if any(self.s.mention_at(t) is not None and self.s.mention_at(t).is_actor and not _maker_word(t) and
               not self._foreign_made_own(t) for t in what):
            return False        # "the first Russian warship reached Cuba": its owner's ship travels, none is sold
        return any(t.lemma_.lower() in self.words["delivery_signs"] for t in what)

    def _assembles_foreign(self, verb) -> bool:
        """Does a state assemble weapons another state makes ("Saudi Arabia will assemble Chinese drones",
        "Egypt assembles the K9 from Korean kits")? Its own design ("Turkey assembles its drones") is production."""
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        own = self.s.mention_at(subj) if subj is not None else None
        if own is None or own.kind not in ("state", "seat"):
            return False
        for obj in (c for c in verb.children if c.dep_ in ("dobj", "obj")):
            for t in obj.subtree:
                m = self.s.mention_at(t)
                if m is None:
                    continue
                if m.is_equipment and m.origin and own.key not in m.origin.split("+"):
                    return True
                if m.kind == "adjective" and m.key != own.key and any(
                        self.equipment_index(u) is not None for u in obj.subtree):
                    return True
        return False

    def _comes_from(self, verb) -> bool:
        """Do weapons, the verb's subject, come from an actor ("Nigeria's jets come from China", "the frigates came
        from Britain")? Not people ("the minister came from Paris") nor money."""
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None or not any(self.equipment_index(t) is not None or t.pos_ == "NOUN" and
                                   self._equipment_on(t) is not None for t in subj.subtree):
            return False
        return any(p.dep_ == "prep" and p.lower_ == "from" and any(
            (m := self.s.mention_at(g)) is not None and m.is_actor or self._names_members(g)
            for g in p.children if g.dep_ == "pobj") for p in verb.children)

    def _names_members(self, group) -> bool:
        """Is ``group`` a group noun whose members a list names ("several allies, including Chile and Peru",
        "allies, among them Chile")?"""
        if group.lemma_.lower() not in self.lex.list_heads:
            return False
        if any(p.dep_ == "prep" and p.lower_ in self.words["list_preps"] and any(
                (m := self.s.mention_at(g)) is not None and m.is_actor for g in p.children if g.dep_ == "pobj")
               for p in group.children):
            return True
        doc, j = self.s.doc, group.i + 1
        j += j < len(doc) and doc[j].text == ","
        return j + 2 < len(doc) and doc[j].lower_ == "among" and doc[j + 1].lower_ in _BACK_REFS and any(
            (m := self.s.mention_at(t)) is not None and m.is_actor for t in doc[j + 2:j + 5])

    def _foreign_made_own(self, tok) -> bool:
        """Is ``tok`` the possessor of weapons another state makes ("Poland's first Abrams tanks")? Those it got
        from abroad; "Russia's first frigate" it built and only sails."""
        if tok.dep_ != "poss":
            return False
        eq = self.equipment_index(tok.head)
        if eq is None and tok.head.pos_ == "NOUN":
            eq = self._equipment_on(tok.head)
        origin = self.s.mentions[eq].origin if eq is not None else None
        return origin is not None and self.s.mention_at(tok).key not in origin.split("+")

    def _goes_to_party(self, verb) -> bool:
        """Does "go" send weapons to a party? Its subject is equipment ("the K9 has gone to Norway", "most of the
        drones went to Chad") and "to" names an actor; "the minister went to Seoul" and "went to war" move no
        weapon, nor do jets that go to an exercise."""
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None or not any(self.equipment_index(t) is not None for t in subj.subtree):
            return False
        if self._visits(verb, {t.i for t in subj.subtree}):
            return False
        if any(t.pos_ == "NOUN" and self.lex.frame(t.lemma_.lower(), "NOUN") is not None for t in subj.subtree):
            return False        # "most Russian arms exports went to India": the noun tells the transfer itself
        return any(p.dep_ == "prep" and p.lower_ == "to" and any(
            g.dep_ == "pobj" and (m := self.s.mention_at(g)) is not None and m.is_actor for g in p.children)
            for p in verb.children)

    def _made_together(self, verb) -> bool:
        """Do states coordinated as the subject make the weapon together ("Pakistan and China co-produce the JF-17",
        "Turkey and Korea will jointly build jets")? Neither buys it from the other."""
        doc = verb.doc
        joint = verb.lower_.startswith("co-") or verb.i >= 2 and doc[verb.i - 1].text == "-" and \
            doc[verb.i - 2].lower_ == "co" or any(c.dep_ == "advmod" and c.lower_ in ("jointly", "together")
                                                  for c in verb.children)
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return joint and subj is not None and sum(
            (m := self.s.mention_at(t)) is not None and m.is_actor for t in (subj, *subj.conjuncts)) > 1

    def _licensed_abroad(self, verb) -> bool:
        """Does an active verb of making under licence name, with "in", a state other than its subject's ("An
        Israeli firm will build Hermes drones in Brazil under licence")? Then the subject licenses and the state
        makes them. "India builds Su-30MKI jets in Nashik under licence" makes them at home."""
        if self._is_passive(verb) or verb.tag_ == "VBN":
            return False

        def codes(tok):
            return {m.key for t in tok.subtree if (m := self.s.mention_at(t)) is not None and m.is_actor}
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        hosts = set().union(*(codes(p) for h in (verb, *(c for c in verb.children if c.dep_ in ("dobj", "obj")))
                              for p in h.children if p.dep_ == "prep" and p.lower_ == "in"))
        return subj is not None and bool(codes(subj)) and bool(hosts) and not hosts & codes(subj)

    def _ends_up(self, verb) -> bool:
        """ "ended up in Yemen", "found their way to Libya", "made their way into Sudan", "fell into the hands of the
        Taliban": weapons (the subject) came into the hands of the actor the phrase names. Not "the talks ended",
        "Peru found a way to pay"."""
        way = next((c for c in verb.children if c.dep_ in ("dobj", "obj") and c.lemma_.lower() == "way"), None)
        hands = any(p.dep_ == "prep" and p.lower_ == "into" and any(g.lemma_.lower() == "hand" for g in p.children)
                    for p in verb.children)
        lemma = verb.lemma_.lower()
        if not (way is not None if lemma in ("find", "make") else hands if lemma == "fall" else
                particle(verb) == "up"):
            return False            # "made up", "fell sharply", "ended in May": no arrival
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or not any(self.equipment_index(t) is not None for t in subj.subtree):
            return False
        return any(self._end_place(p) for h in (verb, way) if h is not None for p in h.children)

    def _end_place(self, prep) -> bool:
        """A phrase naming where weapons ended up: "in/with/to/into" an actor."""
        return prep.dep_ in ("prep", "dative") and prep.lower_ in ("in", "with", "to", "into") and any(
            self.s.mention_at(g) is not None and self.s.mention_at(g).is_actor for g in prep.subtree)

    def _equipment_noun(self, noun, depth: int = 0) -> bool:
        """Does ``noun`` name weapons: a mention ("howitzers"), a noun a designation qualifies ("CV90 vehicles"), or
        a batch or a part of them ("the first batch of K9s", "the rest of the F-16s", "two of the jets")?"""
        if self.equipment_index(noun) is not None or noun.pos_ == "NOUN" and self._equipment_on(noun) is not None:
            return True
        part = noun.lemma_.lower() in self.words["batch_nouns"] | self.words["part_words"] or noun.pos_ == "NUM"
        return depth < 2 and part and any(
            p.dep_ == "prep" and p.lower_ == "of" and any(self._equipment_noun(g, depth + 1) for g in p.children
                                                          if g.dep_ == "pobj") for p in noun.children)

    def _for_actor(self, noun) -> bool:
        """A "for" phrase on ``noun`` that names an actor, or an actor's service ("for Egypt", "for the Lithuanian
        army", "for Egypt's navy")."""
        for p in noun.children:
            if p.dep_ != "prep" or p.lower_ != "for":
                continue
            for g in p.children:
                m = self.s.mention_at(g)
                if g.dep_ == "pobj" and (m is not None and m.is_actor or g.lemma_.lower() in self.words["service_nouns"]
                                         and any((a := self.s.mention_at(c)) is not None and a.is_actor
                                                 for c in g.children if c.dep_ in ("amod", "compound", "poss"))):
                    return True
        return False

    def _meant_for(self, subj) -> bool:
        """Are the weapons ``subj`` names said to be for an actor ("the CV90 vehicles for Lithuania", "the first
        batch of K9s for Estonia")? A bare "for" on a weapon names its destination as "bound for" does; "funding
        for Egypt's frigates" is no weapon, and "a plan for Egypt" none either."""
        heads, t = [subj], subj
        for _ in range(2):      # "the first batch of vehicles for Lithuania": the "for" may hang on either noun
            t = next((g for p in t.children if p.dep_ == "prep" and p.lower_ == "of"
                      for g in p.children if g.dep_ == "pobj"), None)
            if t is None:
                break
            heads.append(t)
        return self._equipment_noun(subj) and any(self._for_actor(h) for h in heads)

    @staticmethod
    def _subject_of(verb):
        """The subject of ``verb``, or of the verb or adjective it completes ("the jets are expected to arrive",
        "the frigates are due to leave Kiel")."""
        v = verb
        for _ in range(3):
            subj = next((c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None or v.dep_ not in ("xcomp", "acomp") or v.head.i == v.i:
                return subj
            v = v.head
        return None

    def _moves_for(self, verb, lemma: str) -> str | None:
        """The status a verb of movement gives weapons meant for an actor ("two German frigates for Egypt left
        Kiel", "drones for Niger were flown to Niamey": delivered, on their way as when shipped), or tanks that roll
        off the line for a buyer (ordered: built for it, not yet handed over); None when nothing moves towards
        a buyer, or the move is a visit."""
        phrasal = f"{lemma} {particle(verb)}"
        if lemma in self.words["departure_verbs"] or phrasal in self.words["departure_verbs"] or \
                lemma == "be" and any(p.dep_ == "prep" and p.lower_ == "on" and any(
                    g.lemma_.lower() in self.words["on_the_way"] for g in p.children) for p in verb.children):
            status = "delivered"        # "took off from Linkoping", "are on their way"
        elif phrasal in self.words["off_the_line"]:
            status = "ordered"
        elif lemma in self.words["ship_launches"] or phrasal in self.words["ship_launches"]:
            subj = self._subject_of(verb)
            if subj is None or not any((m := self.s.mention_at(t)) is not None and m.is_equipment and
                                       m.category == "ship" for t in subj.subtree):
                return None     # "drones for Russia were launched at Kyiv": fired, not built
            status = "ordered"  # "the second corvette for Egypt was launched in Lorient": built, not yet handed over
        else:
            return None
        subj = self._subject_of(verb)
        if subj is None or not self._meant_for(subj) or self._visits(verb, {t.i for t in subj.subtree}):
            return None
        return status

    def _bound_for(self, tok) -> bool:
        """A participle of destination on a weapon, with a "for" phrase naming an actor ("missiles bound for
        Yemen", "drones destined for Sudan")."""
        if not (tok.tag_ in ("VBN", "VBG") or tok.tag_ == "VBD" and tok.dep_ == "acl") or \
                tok.lemma_.lower() not in self.words["destined_participles"]:
            return False            # "the jets meant for Egypt": the parse may tag the participle as a past
        cargo = False
        # "the Su-35 fighters meant for Egypt": the designation may name the noun the participle is on
        if self.equipment_index(tok.head) is None and self._equipment_on(tok.head) is None and not any(
                c.dep_ in ("nsubj", "nsubjpass") and self.equipment_index(c) is not None for c in tok.children):
            if not self._cargo_of(tok.head):
                return False
            cargo = True
        found = any(p.dep_ == "prep" and p.lower_ in ("for", "to") and any(
            self.s.mention_at(g) is not None and self.s.mention_at(g).is_actor for g in p.children)
            for p in tok.children)
        if found and cargo:
            self.frame_rules[tok.i] = "cargo-bound-for"
        return found

    def _cargo_of(self, carrier) -> bool:
        """Is ``carrier`` a vessel or vehicle whose cargo of weapons the clause names ("seized Iranian rifles from a
        boat bound for Yemen", "a dhow carrying missiles, bound for Sudan")? Where it is bound, its cargo is."""
        if carrier.lemma_.lower() not in self.words["carrier_nouns"] or not self.on("cargo-bound-for"):
            return False
        clause = carrier
        for _ in range(4):
            if clause.pos_ in ("VERB", "AUX") or clause.head.i == clause.i:
                break
            clause = clause.head
        return any(self.equipment_index(t) is not None for t in (*carrier.subtree, *clause.subtree))

    def _finances_purchase(self, verb) -> bool:
        """Does a give verb hand over money for a purchase ("granted Peru $10 million to buy patrol boats")?"""
        money = self.words["money_words"]
        sums = [c for c in verb.children if c.dep_ in ("dobj", "obj") and
                (c.lemma_.lower() in money or any(g.tag_ == "$" or g.lower_ in money for g in c.subtree))]
        # the infinitive's "to", not a "to" phrase on a participle ("sold its jets, bought from the US, to Chile")
        return any(t.pos_ == "VERB" and t.dep_ in ("relcl", "advcl", "acl", "xcomp") and
                   any(a.lower_ == "to" and a.dep_ in ("aux", "mark") for a in t.children) and
                   (fr := self.frame(t)) is not None and fr[0] == "get"
                   for s in sums + [verb] for t in s.children)

    def _sends_people_to_act(self, verb):
        """ "Poland sent a delegation to Seoul to sign for K2 tanks": a verb sending people (a team, a delegation,
        engineers) whose purpose clause is a deal or a purchase moves no weapon; the purpose clause is the act."""
        if verb.pos_ != "VERB" or not any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in self.words["people_nouns"]
                                          for c in verb.children):
            return None
        for c in verb.children:
            if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB" and any(a.lower_ == "to" for a in c.children) and \
                    (cf := self.lex.frame(c.lemma_.lower(), c.pos_)) is not None and cf[0] != "give":
                return c        # "... to sign", "... to buy"; sent "to deliver" the weapons, they carry them there
        return None

    def _anothers(self, noun, subject) -> bool:
        """Is the purchase ``noun`` said to be another's than the subject's ("approved Poland's purchase of jets",
        "approved the purchase of jets by Poland")?"""
        def other(g):
            m = self.s.mention_at(g)
            return m is not None and m.is_actor and (self.s.mention_at(subject) is None or
                                                     m.key != self.s.mention_at(subject).key)
        return any(c.dep_ == "poss" and other(c) or c.dep_ == "prep" and c.lower_ == "by" and
                   any(other(g) for g in c.children) for c in noun.children)

    def _has_seller(self, noun, verb) -> bool:
        """Does a transfer noun name its own seller ("the transfer of tanks from Denmark to Ukraine")? The parse may
        hang the "from" on the verb governing the noun."""
        for p in [*noun.subtree, *verb.children]:
            if p.dep_ == "prep" and p.lower_ == "from":
                if any(self.s.mention_at(g) is not None and self.s.mention_at(g).is_actor for g in p.children):
                    return True
        return False

    @staticmethod
    def _excepted(tok) -> bool:
        """Is the actor the object of a preposition that sets it apart from the clause ("unlike", "except",
        "apart from", "aside from", "other than")?"""
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ != "pobj":
            return False
        prep = tok.head
        w, gov = prep.lower_, prep.head.lower_
        return w in ("unlike", "except", "excluding", "barring") or \
            (w == "from" and gov in ("apart", "aside")) or (w == "than" and gov == "other") or \
            (w == "for" and gov in ("except", "save"))

    def _relative_role(self, noun) -> str | None:
        """The side a relative clause on a noun gives it: "states that bought the K9" R, "firms which sell it" S."""
        for v in noun.children:
            if v.dep_ != "relcl" or v.pos_ != "VERB":
                continue
            subj = next((c for c in v.children if c.dep_ == "nsubj"), None)
            fr = self.frame(v)
            if subj is not None and subj.lower_ in ("that", "which", "who") and fr is not None and \
                    fr[0] in ("give", "get") and not any(c.dep_ == "neg" for c in v.children):
                return "S" if fr[0] == "give" else "R"
        return None
    def _own_parties(self, deal, tok) -> bool:
        """Does a deal noun name two parties of its own, other than ``tok`` ("the Thai-Chinese submarine deal",
        "the deal between Peru and Korea")? The subject of a verb that is not one of dealing (block, sink,
        criticise) is then an outsider to it."""
        own = self.s.mention_at(tok)
        codes = {m.key for g in deal.subtree if (m := self.s.mention_at(g)) is not None and m.is_actor and
                 g.i != tok.i and m.key is not None}
        return len(codes - ({own.key} if own is not None else set())) >= 2

    def deal_subject(self, verb, tok):
        """The subject of sign/ink/negotiate: its side follows an embedded trigger, else it stays a party. Two
        actors as the subject ("Russia and India agreed on the supply of ...") stay parties: the embedded word
        cannot give both the same side."""
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and any(c.dep_ == "conj" and (m := self.s.mention_at(c)) is not None and m.is_actor
                                       for c in subject.children):
            return self.hit("deal-subject", tok)
        for t in verb.subtree:
            if t.i == verb.i or t.i < verb.i or set_aside(t) or _own_clause_below(t, verb):
                continue
            fr = self.frame(t)
            if fr is not None and fr[0] != "deal":
                if fr[0] == "get":
                    return self.hit("deal-subject-embedded", tok, frame="get")
                return self.hit("deal-subject-embedded", tok, frame="give")
        return self.hit("deal-subject", tok)

    def object_role(self, tok, verb, depth):
        lemma = verb.lemma_.lower()
        fr = self.frame(verb)
        if lemma in self.words["request_verbs"] and fr is not None and self.on("requested-party"):
            return self.hit("requested-party", tok)     # "Ukraine asked Israel for air defences": Israel would sell
        if lemma in self.words["joining_verbs"] and fr is not None and self.on("joined-service"):
            return self.hit("joined-service", tok)      # "two frigates joined the Ghanaian navy"
        if tok.dep_ in ("dative", "iobj") and self._awards_contract(verb) and self.on("awarder-buyer"):
            return self.hit("awardee-seller", tok)      # "Peru awarded Saab a contract": Saab sells
        if fr is not None and self.frame_rules.get(verb.i) == "sets-off-for":
            return self.hit("from", tok)                # "the drones for Kenya left Turkey": where they come from
        if fr is not None and fr[0] == "give":
            return self.hit("object-of-give", tok)
        if lemma in self.words["arrival_verbs"] and fr is not None:
            return self.hit("arrived-in", tok)           # "the first drones reached Kenya"
        if lemma in self.words["accuse_verbs"]:
            for t in verb.subtree:
                tf = self.frame(t)
                if tf is not None and tf[0] == "give" and t.i > tok.i:
                    return self.hit("accused-of-giving", tok)
            return None, None, tok
        if lemma == "join" and (role := self.as_role(verb)) is not None:
            return self.hit("join-as", tok, named=role)          # "Peru joins Chile and Ecuador as buyers"
        if lemma in self.words["purpose_verbs"] and verb.dep_ in ("advcl", "xcomp", "acl"):
            anc = verb.head
            for _ in range(5):                 # "shipped rifles and mortars to support rebel forces"
                hf = self.frame(anc)
                if hf is not None and hf[0] == "give":
                    return self.hit("purpose-object", tok)
                if anc.head.i == anc.i:
                    break
                anc = anc.head
        if lemma in ("include", "comprise"):
            # "Buyers of the K9 include Poland and Egypt": the objects of 'include' play the part its subject names
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            role = self.lex.role_nouns.get(subject.lemma_.lower()) if subject is not None else None
            if role is None and subject is not None and (role := self._initial_role_noun(subject)) is not None:
                self._rules.append("initial-role-noun")
            if role is not None:
                return self.hit("include-members", tok, named=role)
            if subject is not None and (role := self._relative_role(subject)) is not None:
                # "Countries that have bought the K9 include Chile and Peru": the part the relative clause gives
                return self.hit("include-members", tok, named=role)
            return None, None, tok
        return None, None, tok


def _on_behalf(verb) -> bool:
    """Does ``verb`` act "on behalf of" someone ("ordered missiles on behalf of Latvia", "on Latvia's behalf")?"""
    return any(c.dep_ == "prep" and c.lower_ in ("on", "in") and any(
        g.dep_ == "pobj" and g.lower_ == "behalf" for g in c.children) for c in verb.children)
