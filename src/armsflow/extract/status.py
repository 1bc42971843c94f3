"""Status and hedging of a claim, read from its trigger and the words that govern it.

A trigger carries a base status (sold → ordered, received → delivered). Words above it in the parse change it:
"plans to buy" is interest, "approved the sale" negotiating, "signed a contract for the supply" ordered,
"suspended the export" cancelled. The highest such word wins, because it is the one the sentence asserts.
"""
from __future__ import annotations

import re

from armsflow.extract.lexicon import Lexicon, load_lexicon, particle
from armsflow.extract.triggers import set_aside

MODAL_HEDGES = frozenset({"could", "may", "might", "would"})
DEONTIC = frozenset({"should", "ought"})
URGING = frozenset({"urge", "press", "push", "demand", "lobby", "call", "ask", "petition", "appeal", "pressure",
                    "encourage"})
CONDITIONS = frozenset({"if", "unless"})
NOT_DONE = frozenset({"fail"})      # a verb that says its complement did not happen
_PRIORITY = {"cancelled": 4, "interest": 3, "negotiating": 2, "ordered": 1}


SIGN_VERBS = frozenset({"sign", "ink", "conclude", "finalize", "finalise", "seal"})
# clauses set against each other: "while Chile got jets, Peru ...", "whereas ..."
CONTRAST_MARKS = frozenset({"while", "whereas", "whilst"})


def _signed_deal(verb):
    """ "A deal for Su-35 jets signed in 2018 was shelved": the parse may hang 'signed' on the jets, but what is
    signed is an agreement; the deal noun above them, if any."""
    if verb.lemma_.lower() not in SIGN_VERBS:
        return None
    t = verb.head
    for _ in range(4):
        if t.lemma_.lower() in load_lexicon().word_classes["deal_nouns"] and t.pos_ == "NOUN":
            return t
        if t.dep_ not in ("pobj", "prep", "compound", "conj") or t.head.i == t.i:
            return None
        t = t.head
    return None


def _chain(tok, limit: int = 8, keep=frozenset()):
    """The words governing ``tok`` within its clause: the climb stops above a verb with its own subject."""
    out = []
    seen = 0
    while tok.head.i != tok.i and seen < limit:
        if tok.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in tok.children) \
                and tok.dep_ not in ("xcomp",):
            break
        if tok.dep_ in ("acl", "relcl") and tok.pos_ == "VERB" and tok.head.lemma_.lower() not in keep:
            deal = _signed_deal(tok) if tok.dep_ == "acl" else None
            if deal is None:
                break       # "the submarine purchased for the Thai navy": the clause ends at the noun it modifies
            tok = deal      # "a deal for jets signed in 2018 was shelved": on to what the deal's clause says
            out.append(tok)
            seen += 1
            continue
        if tok.dep_ == "conj" and tok.pos_ == "VERB":
            break           # "is negotiating for Apaches and has received F-16s": two predications
        if participle_clause(tok):
            break           # "Having received jets, Chile is now looking at tankers": its own predication
        tok = tok.head
        out.append(tok)
        seen += 1
    return out


_PARTICIPLE_PREPS = frozenset({"after", "before", "since", "upon", "on", "while", "when", "despite"})


def participle_clause(verb) -> bool:
    """Is ``verb`` an active participle clause with no subject of its own ("Having bought tanks, ...", "After
    acquiring drones, ..."), whose subject is that of the clause it hangs on?"""
    if verb.pos_ != "VERB" or any(g.dep_ in ("nsubj", "nsubjpass") for g in verb.children):
        return False
    if verb.dep_ == "advcl":
        return (verb.tag_ == "VBG" or verb.tag_ == "VBN" and any(
            a.lower_ == "having" for a in verb.children if a.dep_ == "aux")) and \
            not any(g.dep_ in ("mark", "auxpass") for g in verb.children)
    return verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.dep_ == "prep" and \
        verb.head.lower_ in _PARTICIPLE_PREPS


def status_of(trigger, frame: str, base: str, lex: Lexicon, contrast: bool = False) -> str | None:
    """The claim's status, or None when the sentence denies the transfer ("cannot export"). ``contrast``: the item
    is the one a "not X but Y" puts in place of the denied one, so the negation is not its own."""
    status = base
    aux = {c.lower_ for c in trigger.children if c.dep_ in ("aux", "auxpass")}
    negated = any(c.dep_ == "neg" for c in trigger.children) or _neither_subject(trigger) or \
        trigger.lemma_.lower() in lex.word_classes.get("deal_nouns", ()) and trigger.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.lower_ == "no" for c in trigger.children)    # "no contract for jets was signed"
    if trigger.pos_ in ("VERB", "AUX"):     # "will be on their way": a copula that is the transfer word
        reported = reported_future(trigger)
        # "to buy" is still to come; "to have received" is done; a headline's root infinitive ("Oman to get
        # frigates") is its future
        future = bool(aux & {"will", "shall", "'ll"}) or trigger.dep_ in ("xcomp", "ROOT") and "to" in aux and \
            "have" not in aux or reported
        if future and base == "delivered":
            status = "ordered"
        if aux & {"could", "might", "may"} and "have" not in aux:
            status = "negotiating"      # "could sell" is an option; "could have received" a hedged delivery
        if aux & DEONTIC or trigger.dep_ == "xcomp" and trigger.head.lower_ in DEONTIC:   # "ought" heads "to buy"
            if "have" in aux:
                return None             # "should have bought": it was not
            # "should buy" is advice or a wish; "should receive the first tanks in May" an expected delivery
            status = "ordered" if base == "delivered" else "interest"
        if trigger.tag_ == "VBG" and base == "delivered" and frame == "give" and aux & {"be", "is", "are", "has",
                                                                                      "have", "been"}:
            status = "delivered"
    if trigger.pos_ == "NOUN" and base == "delivered" and _becomes(trigger, lex) and \
            trigger.lemma_.lower() in lex.word_classes.get("buyer_nouns", ()):
        status = "ordered"              # "Peru became the first customer for the K2": it bought, nothing arrived
    if trigger.pos_ != "VERB" and base == "delivered" and (verb := _governing_verb(trigger)) is not None and \
            {c.lower_ for c in verb.children if c.dep_ == "aux"} & {"will", "shall", "'ll"}:
        status = "ordered"      # "Peru will take delivery of the tanks next year": still to come
    # modifiers of the trigger itself: "potential sale", "proposed deal"
    for c in trigger.children:
        if c.dep_ in ("amod", "compound") and lex.status_words.get(c.lemma_.lower()) in ("negotiating", "interest"):
            status = lex.status_words[c.lemma_.lower()]
        elif c.dep_ == "amod" and c.lemma_.lower() in lex.word_classes.get("prospective_words", ()) and \
                base in ("ordered", "delivered"):
            # "an expected contract for jets": forecast, not signed; "the expected delivery": ordered, not arrived
            status = "negotiating" if base == "ordered" else "ordered"
    best = None
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.lemma_.lower() == "be":
        # "Deliveries of the howitzers are due to end by 2026": what the copula says of the transfer noun
        for c in trigger.head.children:
            if c.dep_ in ("acomp", "attr") and lex.status_words.get(c.lemma_.lower()) in ("ordered", "negotiating",
                                                                                         "interest", "cancelled"):
                best = lex.status_words[c.lemma_.lower()]
    below = trigger
    for tok in _chain(trigger, keep=lex.status_words.keys()):
        # "exports to Greece did not compensate for the slump": a negation on the verb the transfer is the subject
        # of denies that verb, not the transfer (unless the verb says the transfer took place: "did not happen")
        in_subject = below.dep_ in ("nsubj", "nsubjpass", "csubj", "agent") and \
            tok.lemma_.lower() not in lex.word_classes.get("event_verbs", ())
        under, below = below, tok
        lemma = tok.lemma_.lower()
        prt = particle(tok) if tok.pos_ in ("VERB", "AUX") else None
        st = lex.status_words.get(f"{lemma} {prt}") if prt else None
        st = st or lex.status_words.get(lemma)
        if lemma in NOT_DONE and tok.pos_ == "VERB" and not in_subject:
            negated = True          # "failed to obtain F-35s": they were not obtained
        if (any(c.dep_ == "neg" for c in tok.children) or _neither_subject(tok)) and not in_subject:
            negated = True
            if st is None:
                st = "neg"
        if st is None and trigger.pos_ == "NOUN" and tok.i != trigger.i and tok.pos_ in ("VERB", "AUX") and \
                any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll") for c in tok.children):
            st = "ordered"      # "deliveries of the jets will run from 2028": still to come
        if tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children) and \
                st in ("interest", "negotiating"):
            negated = True      # "Peru has no plans to buy tanks", "there were no talks on the sale"
        if refuses_leave(tok, lex) and not in_subject:
            st = "cancelled"    # "Washington denied an export licence for the sale of drones": blocked
        if st == "cancelled" and tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "obj", "nsubjpass") and \
                tok.head.lemma_.lower() in lex.word_classes["undo_verbs"]:
            st = "negotiating"  # "Berlin lifted its veto on Eurofighter sales": cleared again, as by an approval
        if tok.pos_ in ("VERB", "AUX", "ADJ") and _no_longer(tok):
            st = "cancelled"    # "Peru is no longer interested in the K2", "no longer buys Russian jets"
        if tok.pos_ == "VERB" and any(c.dep_ == "prep" and c.lower_ == "on" and any(
                g.dep_ == "pobj" and g.lemma_.lower() in ("hold", "ice") for g in c.children) for c in tok.children):
            st = "cancelled"    # "the sale was put on hold": suspended
        if st and st != "neg" and tok.pos_ == "VERB" and tok.dep_ in ("xcomp", "ccomp") and \
                tok.head.lemma_.lower() in URGING:
            st = None           # "urged the administration to block the sale": wished for, not done
        if tok.pos_ in ("VERB", "AUX", "ADJ", "NOUN") and st and st != "neg":
            if st == "ordered" and tok.pos_ == "NOUN" and lemma in ("deal", "agreement", "order"):
                pass
            elif best is None or _PRIORITY[st] >= _PRIORITY.get(best, 0):
                best = st
        for c in tok.children:
            if c.dep_ in ("amod",) and lex.status_words.get(c.lemma_.lower()) == "negotiating" and best is None:
                best = "negotiating"
            # "opened negotiations with Spain on the purchase of boats": the talks the verb holds, beside the
            # phrase the transfer is in
            # "talks are ongoing on the sale of jets": the talks the clause is about
            if (tok.pos_ == "VERB" and c.dep_ in ("dobj", "obj") and under.dep_ == "prep" or
                    tok.pos_ in ("VERB", "AUX") and c.dep_ == "nsubj" and under.dep_ in ("prep", "acomp")) and \
                    c.pos_ == "NOUN" and (st_obj := lex.status_words.get(c.lemma_.lower())) in \
                    ("negotiating", "interest") and (best is None or _PRIORITY[st_obj] >= _PRIORITY[best]):
                best = st_obj
        if lemma in ("say", "report", "announce", "state", "tell", "add", "claim", "confirm") and tok.pos_ == "VERB":
            break
    if best in (None, "ordered") and status in ("ordered", "delivered") and not negated and _fulfilled(trigger, lex):
        status, best = "delivered", None   # "fulfilled its obligations under the contracts for the supply of jets"
    if _yet_to(trigger):
        # "Peru has yet to sign a contract": not signed; "has yet to receive the tanks": ordered, not delivered
        best = "negotiating" if base == "ordered" else "ordered" if base == "delivered" else best
    if trigger.lemma_.lower() in lex.word_classes.get("offer_nouns", ()) and trigger.dep_ in ("dobj", "obj") and \
            trigger.head.lemma_.lower() in lex.word_classes.get("accept_verbs", ()) and \
            not any(c.dep_ == "neg" for c in trigger.head.children):
        status, best = "ordered", None     # "Peru accepted Korea's offer of tanks": the offer was taken up
    offer = trigger.head if trigger.dep_ == "acl" and trigger.pos_ == "VERB" else None
    if frame == "get" and offer is not None and offer.lemma_.lower() in lex.word_classes.get("offer_nouns", ()) and \
            offer.dep_ in ("dobj", "obj") and offer.head.lemma_.lower() in (
                *lex.word_classes.get("accept_verbs", ()), *lex.word_classes.get("approve_verbs", ())) and \
            not any(c.dep_ == "neg" for c in offer.head.children) and not negated:
        # "Peru approved an offer to buy 12 tanks from Korea": the buyer took the offer up (the seller approving
        # "an offer to sell" has only made it)
        status, best = "ordered", None
    noun = _noun_of_infinitive(trigger)
    st = lex.status_words.get(noun.lemma_.lower()) if noun is not None else None
    if st in ("interest", "negotiating") and (best is None or _PRIORITY[st] >= _PRIORITY[best]):
        best = st               # "Peru joined the talks to buy jets": the talks the parse hung "to buy" beside
    if base == "ordered" and (best == "ordered" or best is None and status == "ordered") and \
            _still_to_contract(trigger, lex):
        best = "negotiating"    # "Peru is expected to sign a contract for jets": not signed yet
    if best is not None:
        if best == "ordered" and status in ("interest", "negotiating"):
            pass
        elif best == "ordered" and base == "delivered" and trigger.pos_ == "VERB" and not aux & {"will", "to"}:
            pass
        else:
            status = best
    if contrast:
        negated = False
    if negated and any(c.dep_ == "prep" and c.lower_ == "until" for c in trigger.children) and \
            not any(c.lower_ == "never" for c in trigger.children):
        negated = False     # "did not receive the FK-3 until 2022": it came then
    never = any(c.lower_ == "never" for t in [trigger] + _chain(trigger, 2) for c in t.children)
    if base == "delivered" and not_yet(trigger) and not never:
        return "ordered"    # "the jets have not yet been delivered", "no Rafales have been delivered yet": on order
    if set_aside(trigger):
        return None         # "lease helicopters rather than buy them": the road not taken
    if status in ("ordered", "negotiating") and trigger.pos_ == "VERB" and _whether_to(trigger):
        status = "interest"         # "is deciding whether to buy tanks": considering it
    if status == "ordered" and (_deal_not_done(trigger, lex) or _awaiting_approval(trigger, lex)):
        status = "negotiating"      # "Peru will buy jets, but no contract has been signed", "pending approval"
    if conditional(trigger) and status in ("ordered", "delivered"):
        status = "negotiating"      # "if Turkey buys more S-400s, ...": a possibility, like "could buy"
    if doubted(trigger, lex) and status in ("ordered", "delivered"):
        status = "negotiating"      # "analysts doubt Argentina will ever buy the JF-17": a prospect, like "could"
    if status == "ordered" and asked(trigger.doc) and trigger.tag_ in ("VB", "VBP", "VBZ"):
        status = "negotiating"      # "Will Egypt buy the J-10C?": a question about what may come
    if negated and base == "cancelled":
        return None         # "Chile was not expelled from the Gripen programme": a cancellation denied
    if negated and never:
        return None         # "would never sell": no transfer, not a cancelled one
    if negated and base == "ordered" and _signing_not_yet(trigger, lex):
        return "negotiating"    # "Peru has not yet signed the contract for tanks": still being made
    if negated:
        modal = aux | {c.lower_ for t in _chain(trigger, 2) for c in t.children if c.dep_ == "aux"}
        if modal & {"will", "would", "shall", "'ll", "wo"} or status == "cancelled":
            return "cancelled"
        return None
    return status


def _becomes(noun, lex: Lexicon) -> bool:
    """Is the role noun what its subject becomes ("became the first customer", "has emerged as a buyer")?"""
    becoming = lex.word_classes.get("becoming_verbs", ())
    if noun.dep_ in ("attr", "oprd"):
        return noun.head.lemma_.lower() in becoming
    return noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.lemma_.lower() in becoming


def _governing_verb(noun):
    """The verb a noun trigger is the object of ("take delivery", "await the shipment"), or None."""
    if noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ not in ("dobj", "obj") or noun.head.pos_ != "VERB":
        return None
    return noun.head


def _no_longer(tok) -> bool:
    """ "no longer" on a word: what was, is not any more."""
    return any(c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children) for c in tok.children)


def _yet_to(trigger) -> bool:
    """Is the trigger (or the verb it is the object of) still to happen: "has yet to sign", "is yet to receive"?"""
    verb = trigger if trigger.pos_ == "VERB" else _governing_verb(trigger)
    if verb is None or verb.dep_ != "xcomp":
        return False
    head = verb.head
    return head.lemma_.lower() in ("have", "be") and any(c.lower_ == "yet" for c in (*head.children,
                                                                                       *verb.children))


def _noun_of_infinitive(verb):
    """The noun right before an infinitive that the parse hung on the clause's verb instead ("joined the talks to
    buy": 'to buy' completes 'talks'), or None."""
    if verb.dep_ != "advcl" or verb.i < 2 or verb.doc[verb.i - 1].lower_ != "to":
        return None
    noun = verb.doc[verb.i - 2]
    if noun.pos_ == "NOUN" and noun.dep_ in ("dobj", "obj", "pobj") and noun.head.i != verb.i:
        return noun
    # "in advanced talks with China to buy": the noun whose phrase ends right before "to" (its with/on phrase)
    for _ in range(4):
        if noun.head.i == noun.i or noun.head.i == verb.i:
            return None
        noun = noun.head.head if noun.head.dep_ == "prep" else noun.head
        if noun.right_edge.i != verb.i - 2:
            return None
        if noun.pos_ == "NOUN" and noun.dep_ in ("dobj", "obj", "pobj"):
            return noun
    return None


def _still_to_contract(trigger, lex: Lexicon) -> bool:
    """Is the act that makes the order (sign, order, buy) itself still expected ("is expected to sign a contract",
    "analysts expect Peru to order", "is set to sign", "is due to be signed")? A delivery that is expected ("set to
    receive") keeps its order, and so does a purchase that is decided ("is set to buy", as "will buy")."""
    prospective = lex.word_classes.get("prospective_words", ())
    foreseen = (*prospective, *lex.word_classes.get("scheduled_words", ()))
    if trigger.dep_ in ("nsubj", "nsubjpass"):
        head = trigger.head
        heads = [head] + [c for c in head.children if c.dep_ == "acomp"] if head.lemma_.lower() == "be" else [head]
        if head.lemma_.lower() in ("be", "have") and any(c.lower_ == "yet" for c in head.children):
            heads.append(head)  # "the deal is / has yet to be finalised"
            foreseen = (*foreseen, head.lemma_.lower())
        if any(h.lemma_.lower() in foreseen and any(c.dep_ == "xcomp" and c.lemma_.lower() in lex.word_classes.get(
                "deal_lemmas", ()) for c in h.children) for h in heads):
            return True         # "the contract is expected / due to be signed in May"
    for t in [trigger] + _chain(trigger, 3):
        if t.pos_ == "VERB" and (_forecast_infinitive(t, prospective) or _set_to_sign(t, lex) or _likely_future(
                t, prospective)) and not _signed_beside(t) and \
                ((fr := lex.frame(t.lemma_.lower(), "VERB")) is not None and fr[1] == "ordered" or
                 t.lemma_.lower() in lex.word_classes.get("deal_making_verbs", ())) and \
                not any(c.lower_ == "have" for c in t.children if c.dep_ == "aux"):
            return True
        if t.pos_ == "VERB" and t.i != trigger.i:
            return False        # only the verb nearest the trigger says whether the contract is made
    return False


def _signing_not_yet(trigger, lex: Lexicon) -> bool:
    """ "has not yet signed / finalised the contract": the act that makes the order is still to come, not denied."""
    for t in [trigger] + _chain(trigger, 3):
        if t.pos_ == "VERB":
            return t.lemma_.lower() in lex.word_classes.get("deal_making_verbs", ()) and any(
                c.dep_ == "neg" for c in t.children) and any(c.lower_ == "yet" for c in t.children)
    return False


def _set_to_sign(verb, lex: Lexicon) -> bool:
    """ "is set / due / scheduled to sign a contract": the purchase may be decided, but the contract, which is what
    makes the order, is not signed yet ("set to buy" stays ordered, as "will buy" does)."""
    return verb.dep_ == "xcomp" and verb.lemma_.lower() in SIGN_VERBS and \
        verb.head.lemma_.lower() in lex.word_classes.get("scheduled_words", ())


def _whether_to(verb) -> bool:
    """ "whether to buy": an infinitive a choice still open is about."""
    return any(c.dep_ == "mark" and c.lower_ == "whether" for c in verb.children) and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _signed_beside(verb) -> bool:
    """Does the clause say a deal is signed already ("is set to finalise the deal after sending the signed letter of
    acceptance", "after signing the contract")? What is still to come is a later stage; the order stands."""
    top = verb.head if verb.dep_ in ("xcomp", "ccomp") else verb
    return any(t.lemma_.lower() in SIGN_VERBS and t.i != verb.i and (
        t.tag_ == "VBN" and t.dep_ == "amod" or t.dep_ == "pcomp" and t.head.lower_ in ("after", "since")) for t in
        top.subtree)


def _likely_future(verb, prospective) -> bool:
    """ "Peru will likely buy tanks": a future forecast ("Poland likely bought tanks" is a hedged past, not one)."""
    return any(c.dep_ == "advmod" and c.lemma_.lower() in prospective for c in verb.children) and any(
        c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll") for c in verb.children)


def _forecast_infinitive(verb, prospective) -> bool:
    """Is ``verb`` the infinitive a word of forecast takes: "Peru is expected / likely to buy", "analysts expect Peru
    to buy" (the parse makes the last a clause with its own subject)?"""
    if verb.dep_ == "xcomp":
        return verb.head.lemma_.lower() in prospective
    return verb.dep_ == "ccomp" and verb.head.pos_ == "VERB" and verb.head.lemma_.lower() in prospective and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _clause_verb(trigger):
    """The verb of the trigger's clause: the trigger itself, or the first verb above it, up through the verbs whose
    infinitive it is ("has agreed to buy")."""
    for t in [trigger] + _chain(trigger, 4):
        if t.pos_ in ("VERB", "AUX"):
            while t.dep_ == "xcomp" and t.head.pos_ in ("VERB", "AUX"):
                t = t.head
            return t
    return None


def _beside(verb):
    """The clauses set beside ``verb``'s: its conjuncts and adverbial clauses ("..., but no deal has been signed",
    "..., though nothing has been agreed"), and the clause it is itself a conjunct of."""
    out = [c for c in verb.children if c.dep_ in ("conj", "advcl", "parataxis") and c.pos_ in ("VERB", "AUX")]
    if verb.dep_ in ("conj", "advcl", "parataxis") and verb.head.pos_ in ("VERB", "AUX"):
        out.append(verb.head)
        out += [c for c in verb.head.children if c.dep_ in ("conj", "parataxis") and c.i != verb.i and
                c.pos_ in ("VERB", "AUX")]
    return out


def _none_subject(verb) -> bool:
    """ "no contract has been signed", "nothing has been agreed": a subject that says it did not happen."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in ("nothing", "none") or any(
        g.dep_ == "det" and g.lower_ == "no" for g in c.children)) for c in verb.children)


def _not_yet(verb) -> bool:
    """ "has not (yet) signed", "has yet to sign", "is yet to be signed": the act has not happened."""
    if any(c.dep_ == "neg" for c in verb.children) or _none_subject(verb):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("have", "be") and any(
        c.lower_ == "yet" for c in (*verb.head.children, *verb.children))


def _deal_not_done(trigger, lex: Lexicon) -> bool:
    """Does a clause beside the claim's say that the deal is not made ("Peru will buy jets, but no contract has been
    signed", "though nothing has been agreed", "is buying jets but has yet to sign a contract", "talks are
    ongoing")? An order so qualified is still under negotiation."""
    verb = _clause_verb(trigger)
    if verb is None:
        return False
    wc = lex.word_classes
    deals = wc.get("deal_nouns", ())

    def deal(n):        # a deal noun with no weapons of its own ("no contract for K9 howitzers" is another deal)
        return n.lower_ in ("nothing", "none") or n.lemma_.lower() in deals and not any(
            c.dep_ == "prep" and c.lower_ in ("for", "of", "on") for c in n.children)

    def of_deal(w):     # "no contract has been signed", "nothing has been agreed", "has not signed a contract"
        if any(c.dep_ == "prep" and c.lower_ in ("on", "over", "for", "about") and not any(
                deal(g) for g in c.children) for c in w.children):
            return False    # "no deal has been reached on the price": a deal on something else
        return any(c.dep_ in ("nsubj", "nsubjpass", "dobj", "obj") and deal(c) or c.dep_ == "prep" and any(
            deal(g) for g in c.children) for c in w.children)

    # "signed for jets, although that deal has not been finalised", "has agreed to buy jets but has yet to sign a
    # contract": a deal told as made stays made beside a later stage still to come; only a flat "no deal has been
    # signed" / "nothing has been signed" undoes it
    past = verb.tag_ in ("VBD", "VBN")
    for v in _beside(verb):
        for w in [v] + [c for c in v.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]:
            # "the deal has yet to be signed": the deal is the subject of the verb the infinitive completes
            done = of_deal(w) or w.i != v.i and of_deal(v)
            if w.lemma_.lower() in wc.get("deal_making_verbs", ()) and done and (
                    _none_subject(w) if past else _not_yet(w)):
                return True
            if w.lemma_.lower() in wc.get("confirm_verbs", ()) and _none_subject(w) and of_deal(w):
                return True     # "no contract has been confirmed": none is known to be made
        if past:
            continue            # "signed a contract for jets, and talks are ongoing": talks on something else
        talks = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass") and
                 lex.status_words.get(c.lemma_.lower()) == "negotiating" and not any(g.dep_ == "prep" for g in
                                                                                     c.children)]
        if talks and not any(c.dep_ == "neg" for c in v.children) and (
                v.lemma_.lower() in wc.get("ongoing_words", ()) or any(
                c.dep_ in ("acomp", "advmod") and c.lower_ in wc.get("ongoing_words", ()) for c in v.children)):
            return True
    return False


def _awaiting_approval(trigger, lex: Lexicon) -> bool:
    """Is the transfer still awaiting a clearance ("the sale is awaiting approval by Congress", "will sell jets,
    subject to approval", "pending approval")? Cleared is not yet sold."""
    wc = lex.word_classes
    approval = wc.get("approval_nouns", ())
    waiting = wc.get("awaiting_words", ())

    def approves(n):
        return n.lemma_.lower() in approval or lex.status_words.get(n.lemma_.lower()) == "negotiating" and \
            n.lemma_.lower() in wc.get("approve_verbs", ())

    for t in [trigger] + _chain(trigger, 3):
        for c in t.children:
            if t.lemma_.lower() in waiting and t.pos_ == "VERB" and c.dep_ in ("dobj", "obj") and approves(c):
                return True         # "is awaiting / requires approval"
            if c.lemma_.lower() in waiting and any(g.dep_ in ("dobj", "obj", "pobj") and approves(g) or
                                                   g.dep_ == "prep" and any(approves(h) for h in g.children)
                                                   for g in c.children):
                return True         # "pending approval", "subject to approval"
    return False


SPEECH = frozenset({"say", "announce", "state", "confirm", "declare", "tell", "add", "promise", "pledge", "vow"})


def _neither_subject(verb) -> bool:
    """ "Neither Israel nor the US has agreed to sell ...": a subject under "neither" denies its verb."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and any(g.dep_ in ("preconj", "det") and g.lower_ == "neither"
                                                         for g in c.children) for c in verb.children)


def reported_future(verb) -> bool:
    """ "Sweden said it would send ...": 'would' reports a future, it does not hedge."""
    v = verb
    for _ in range(3):
        if any(c.lower_ in ("would", "'d") and c.dep_ == "aux" for c in v.children) and v.dep_ == "ccomp" and \
                v.head.lemma_.lower() in SPEECH:
            return True
        if v.dep_ != "xcomp" or v.head.i == v.i:
            return False
        v = v.head
    return False


_SAID_TO = frozenset({"say", "report", "rumour", "rumor", "understand", "believe", "think", "suspect"})


# "according to Israeli media", "according to several press reports", "according to Russian sources": the press
# or unnamed sources, however qualified ("according to local media" is one of the hedge phrases)
# (not "according to a social media post by the minister" nor "a press release": a named voice)
_MEDIA_SAY = re.compile(r"\baccording to (?:the )?(?:[\w-]+ ){0,2}(?<!social )(?:media|press|sources|reports|outlets|"
                        r"newspapers)\b(?! (?:post|posts|account|accounts|release|releases|statement|conference|"
                        r"briefing|office|service))")


def _fulfilled(trigger, lex: Lexicon) -> bool:
    """Does a verb above the transfer say, in the past, that the contract or the deliveries were fulfilled
    ("fulfilled its obligations under the contract", "completed the order")?"""
    fulfil, duties = lex.word_classes["fulfil_verbs"], lex.word_classes["duty_nouns"]
    t = trigger
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in fulfil and t.tag_ in ("VBD", "VBN") and not any(
                c.dep_ == "aux" and c.lower_ in ("will", "shall", "to", "would") for c in t.children) and any(
                c.dep_ in ("dobj", "obj", "nsubjpass") and c.lemma_.lower() in duties for c in t.children):
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def refuses_leave(tok, lex: Lexicon) -> bool:
    """Is ``tok`` a refusal of leave ("denied an export licence", "withheld approval", "the denial of a permit")?"""
    if tok.lemma_.lower() not in lex.word_classes["leave_refusals"]:
        return False
    leave = lex.word_classes.get("approval_nouns", frozenset())
    objects = [c for c in tok.children if c.dep_ in ("dobj", "obj", "dative")] + [
        g for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
    return any(o.lemma_.lower() in leave for o in objects)


def not_yet(trigger) -> bool:
    """Is the transfer denied only for now ("has not yet delivered", "no jets have arrived yet")?"""
    if trigger.pos_ not in ("VERB", "AUX") or not any(c.lower_ == "yet" for c in trigger.children):
        return False
    return any(c.dep_ == "neg" for c in trigger.children) or _none_subject(trigger)


def asked(sentence_doc) -> bool:
    """Is the sentence a question ("Will Egypt buy the J-10C?", "Did Iran send missiles to Russia?")?"""
    return sentence_doc.text.rstrip(" \"'\u201d\u2019").endswith("?")


def hedges(sentence_doc, lex: Lexicon, skip: list[tuple[int, int]] = (), is_item=None) -> tuple[bool, set[int]]:
    """(whole sentence hedged?, token indices of the items hedged on their own).

    "delivery of radars and possibly cruise missiles" hedges the missiles only: a hedge word whose head is a
    weapon noun (before any verb) scopes over that item; anywhere else it covers the sentence. A question asks
    whether the claim holds: it is unconfirmed."""
    if asked(sentence_doc):
        return True, set()
    text = sentence_doc.text.lower()
    m = _MEDIA_SAY.search(text)
    if m and not any(s <= m.start() < e for s, e in skip):
        return True, set()
    items: set[int] = set()
    speech = lex.word_classes.get("speech_verbs", frozenset())
    for phrase in lex.hedge_phrases:
        pos = text.find(phrase)
        if pos >= 0 and not any(s <= pos < e for s, e in skip):
            verb = _phrase_clause(sentence_doc, pos, speech) if is_item is not None else None
            if verb is None:
                return True, set()
            # "Chile flies the K9, and Peru is said to want it": the phrase is the second clause's own
            items |= {u.i for u in _own_clause(verb, speech) if is_item(u)}
    for t in sentence_doc:
        if any(s <= t.idx < e for s, e in skip):
            continue
        if t.dep_ == "mark" and t.lower_ in CONDITIONS and t.head.pos_ in ("VERB", "AUX") and _condition(t.head):
            if is_item is None:
                return True, set()
            items |= {u.i for u in t.head.subtree if is_item(u)}    # "if Turkey buys more S-400s": unconfirmed
            continue
        if t.lemma_.lower() in _SAID_TO and t.tag_ in ("VBD", "VBN") and any(
                c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in t.children):
            if is_item is not None and _own_hedged_clause(t, speech):
                items |= {u.i for u in _own_clause(t, speech) if is_item(u)}
                continue            # "..., and Peru is said to want tanks": that clause only
            return True, set()      # "Algeria said to buy Su-57 jets": a headline's "is said to"
        if (comp := uncertain_clause(t, lex)) is not None:
            inside = {u.i for u in comp.subtree}
            if is_item is not None and any(is_item(u) and u.i not in inside for u in sentence_doc):
                # "Ukraine got tanks from Germany, and there are signs that Poland sent some", "Peru bought K2
                # tanks because officials believe they are the best": the clause it takes, not the items beside it
                items |= {i for i in inside if is_item(sentence_doc[i])}
                continue
            return True, set()
        if forecast_by_others(t, lex):
            return True, set()      # "analysts expect Peru to buy tanks": a forecast, not a fact
        if unconfirmed(t, lex):
            own = [u.i for u in _own_clause(t, speech) if is_item is not None and is_item(u)]
            if own and _rival_clause(t, speech):
                items |= set(own)   # "Chile bought jets, and Peru's order of tanks has not been confirmed"
                continue
            return True, set()      # "Peru will buy jets, but no contract has been confirmed"
        w = t.lower_
        if w in MODAL_HEDGES:
            if t.tag_ == "MD" and not (w == "would" and reported_future(t.head)):
                if is_item is not None and _rival_clause(t.head, speech):
                    # "Peru ordered tanks; Chile may buy jets": the modal covers its own clause
                    items |= {u.i for u in _own_clause(t.head, speech) if is_item(u)}
                    continue
                return True, set()
            continue
        if w in lex.hedge_words or t.lemma_.lower() in lex.hedge_words:
            if w in ("claim", "claims") and t.pos_ != "VERB":
                continue
            if refuses_leave(t, lex):
                continue            # "denied an export licence for the sale": refused, not disputed
            scope = t.head
            if _own_hedged_clause(t, speech):
                # "Chile operates the K9, and Peru is reported to be negotiating": the hedge verb heads a clause
                # of its own, beside the first; it covers that clause
                scope = t
            for _ in range(3):
                if is_item is not None and is_item(scope):
                    items.add(scope.i)
                    break
                if scope.pos_ in ("VERB", "AUX") and scope.dep_ == "conj" and is_item is not None and \
                        (own := {u.i for u in scope.subtree if is_item(u)}):
                    items |= own    # "has bought X and is reportedly interested in Y": the second predicate only
                    break
                if scope.pos_ in ("VERB", "AUX") and is_item is not None and _beside_another_clause(scope, speech):
                    # "Indonesia has held talks on the missile, while Thailand is reportedly studying a purchase":
                    # the hedge covers its own clause, not the one beside it
                    items |= {u.i for u in _own_clause(scope, speech) if is_item(u)}
                    break
                if scope.pos_ in ("VERB", "AUX") or scope.head.i == scope.i:
                    return True, set()
                scope = scope.head
            else:
                return True, set()
    return False, items


def forecast_by_others(t, lex: Lexicon) -> bool:
    """Do commentators forecast the act that makes the order ("analysts expect Peru to buy tanks", "experts predict
    that Chile will order jets")? What they expect of an order already made ("analysts expect deliveries to begin in
    2025") is no hedge of the order."""
    wc = lex.word_classes
    if t.pos_ != "VERB" or t.lemma_.lower() not in wc.get("prospective_words", ()) or not any(
            c.dep_ == "nsubj" and c.lemma_.lower() in wc.get("commentator_nouns", ()) for c in t.children):
        return False
    return any(c.dep_ in ("ccomp", "xcomp") and c.pos_ == "VERB" and (
        (fr := lex.frame(c.lemma_.lower(), "VERB")) is not None and fr[1] == "ordered" or
        c.lemma_.lower() in wc.get("deal_making_verbs", ())) for c in t.children)


def unconfirmed(t, lex: Lexicon) -> bool:
    """Is ``t`` a verb of confirming that is denied ("no contract has been confirmed", "officials have not confirmed
    the sale", "has yet to be verified", "declined to confirm")? The claim beside it is presented as unconfirmed."""
    if t.pos_ != "VERB" or t.lemma_.lower() not in lex.word_classes.get("confirm_verbs", ()):
        return False
    if not (_not_yet(t) or t.dep_ == "xcomp" and t.head.lemma_.lower() in lex.word_classes.get("refusal_verbs", ())):
        return False
    # what is not confirmed: the deal, the transfer or the report of it ("has not confirmed the purchase", "declined
    # to confirm it"), not a detail of it ("did not confirm when deliveries would begin", "the number")
    said = [c for c in t.children if c.dep_ in ("dobj", "obj", "nsubjpass", "ccomp") or c.dep_ == "advcl" and any(
        g.tag_ == "WRB" for g in c.children)]
    return all(c.lower_ in ("it", "this", "that", "nothing", "none") or c.lemma_.lower() in lex.word_classes.get(
        "deal_nouns", ()) or c.lemma_.lower() in ("report", "claim") or lex.frame(c.lemma_.lower(), c.pos_)
               is not None for c in said)


_RELATIVES = frozenset({"that", "which", "who", "whom", "whose", "what"})


def _finite_clause(word):
    """The clause with a subject of its own that ``word`` takes as complement ("doubt [that Peru will buy]",
    "signs [that Iran sent drones]"), not a relative clause ("the report that the ministry published")."""
    for c in word.children:
        if c.dep_ in ("ccomp", "acl") and c.pos_ in ("VERB", "AUX") and any(
                g.dep_ in ("nsubj", "nsubjpass") for g in c.children) and not any(
                g.lower_ in _RELATIVES and g.dep_ != "mark" for g in c.children):
            return c
    return None


def _denied(word) -> bool:
    """ "do not doubt", "there is no doubt", "little doubt": the word is negated."""
    return any(c.dep_ == "neg" or c.lower_ in ("no", "little") and c.dep_ in ("det", "amod") for c in word.children)


def uncertain_clause(t, lex: Lexicon):
    """The clause that ``t`` presents as uncertain, or None: a verb of conjecture ("analysts doubt that ...",
    "evidence suggests ..."), an adjective of likelihood said of it ("it is possible that ..."), a noun of hearsay or
    inference it completes ("there are signs that ...", "reports that ..."), or a passive with an empty subject
    ("it is thought that ..."). Words of certainty ("it is certain that", "evidence shows") are not in the lexicon's
    classes; a doubt denied ("there is no doubt that") asserts the clause."""
    wc = lex.word_classes
    lemma = t.lemma_.lower()
    if lemma in wc.get("doubt_words", ()) and _denied(t):
        return None
    if t.pos_ == "VERB" and t.tag_ == "VBN" and lemma in wc.get("hedge_clause_passives", ()) and any(
            c.dep_ == "nsubjpass" and c.lower_ == "it" for c in t.children):
        return _finite_clause(t)
    if t.pos_ == "VERB" and lemma in wc.get("hedge_clause_verbs", ()) and not _denied(t):
        return _finite_clause(t)
    if t.pos_ == "ADJ" and lemma in wc.get("hedge_clause_adjectives", ()) and t.dep_ in ("acomp", "attr"):
        return _finite_clause(t) or _finite_clause(t.head)
    if t.pos_ == "NOUN" and lemma in wc.get("hedge_clause_nouns", ()):
        return _finite_clause(t)
    return None


def doubted(trigger, lex: Lexicon) -> bool:
    """Is the trigger's clause a future that is doubted or only possible ("analysts doubt Argentina will ever buy
    the JF-17", "it is unlikely that Egypt will buy", "Egypt is unlikely to buy", "there is a chance that Peru will
    order")? It states a prospect, not an order."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else _governing_verb(trigger)
    if verb is None:
        return False
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    doubt = lex.word_classes.get("prospect_words", ())
    head = verb.head
    if verb.dep_ == "xcomp" and "to" in aux:
        return any(w.lemma_.lower() in doubt and (w.i == head.i or w.dep_ == "acomp") for w in (head, *head.children))
    if not aux & {"will", "would", "'ll", "shall"} or verb.dep_ not in ("ccomp", "acl"):
        return False
    return any(w.lemma_.lower() in doubt and getattr(uncertain_clause(w, lex), "i", None) == verb.i
               for w in (head, *head.children))


_WHETHER_HEADS = frozenset({"clear", "unclear", "sure", "certain", "known", "know", "ask", "wonder", "see",
                            "decide", "check", "determine", "doubt", "question"})


def _condition(clause) -> bool:
    """A clause of condition ("if Turkey buys ...", "unless Berlin sends ..."); "it is not clear if Jakarta can buy
    them", "asked if Peru would buy" ask whether, and are no condition."""
    if clause.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in clause.children):
        return False
    head = clause.head
    return not (head.lemma_.lower() in _WHETHER_HEADS or any(
        c.dep_ in ("acomp", "attr") and c.lemma_.lower() in _WHETHER_HEADS for c in head.children))


def conditional(trigger) -> bool:
    """Is ``trigger`` inside a clause of condition ("If Turkey buys more S-400s, ...", "unless Berlin sends
    tanks")?"""
    t = trigger
    for _ in range(6):
        if _condition(t):
            return True
        if t.head.i == t.i or t.dep_ not in ("advcl", "xcomp", "ccomp", "dobj", "pobj", "prep", "nsubj", "conj",
                                             "compound", "amod", "acl"):
            return False
        if t.pos_ in ("VERB", "AUX") and t.dep_ != "xcomp" and not any(
                c.dep_ == "mark" and c.lower_ in CONDITIONS for c in t.children) and t.dep_ != "conj":
            return False        # a clause of its own that is no condition
        t = t.head
    return False


def _has_subject(v) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in v.children)    # "there are signs that ..."



def _rival_clause(v, speech=frozenset()) -> bool:
    """A clause with its own subject that stands beside the one it hangs on: a conjunct, a contrast, or a clause
    set beside it with a semicolon or a dash ("Chile ordered jets; Peru is reportedly eyeing tanks"), but not one
    that only says who said so ("..., the report said, ...")."""
    if v.pos_ not in ("VERB", "AUX") or not _has_subject(v):
        return False
    return v.dep_ == "conj" or v.dep_ == "parataxis" and v.lemma_.lower() not in speech or \
        v.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for c in v.children)


def _phrase_clause(sentence_doc, pos: int, speech=frozenset()):
    """The verb of the clause a hedge phrase at character ``pos`` opens ("..., and Peru is said to want tanks":
    "said"), when that clause has its own subject and stands beside another; None else."""
    tok = next((t for t in sentence_doc if t.idx <= pos < t.idx + len(t.text) or t.idx >= pos), None)
    if tok is None:
        return None
    verb = tok if tok.pos_ == "VERB" else tok.head
    return verb if _own_hedged_clause(verb, speech) else None


def _own_hedged_clause(verb, speech=frozenset()) -> bool:
    """Is ``verb`` (a verb of hedging: "is said to", "is reported to") the head of a coordinated clause with a
    subject of its own ("Chile flies the K9, and Peru is said to want it")? The hedge then covers that clause."""
    return verb.pos_ == "VERB" and verb.dep_ == "conj" and _has_subject(verb) and _rival_clause(verb, speech)


def _beside_another_clause(v, speech=frozenset()) -> bool:
    return _rival_clause(v, speech) or _has_subject(v) and any(_rival_clause(c, speech) for c in v.children)


def _own_clause(v, speech=frozenset()) -> list:
    """The tokens of ``v``'s clause, without the rival clauses that hang on it."""
    out, stack = [], [v]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if not _rival_clause(c, speech))
    return out


def hedged(sentence_doc, lex: Lexicon, skip: list[tuple[int, int]] = ()) -> bool:
    """Does the sentence present its claim as unconfirmed?"""
    whole, items = hedges(sentence_doc, lex, skip)
    return whole or bool(items)
