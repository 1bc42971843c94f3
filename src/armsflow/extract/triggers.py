"""Transfer words in a parsed sentence and the distance of any token to them.

Each weapon and each actor belongs to the trigger nearest to it in the parse tree, so that a sentence reporting two
transfers keeps them apart; the token order breaks ties.
"""
from __future__ import annotations

_DISCOUNTED_AID = frozenset({"humanitarian", "financial", "economic", "stimulus", "medical"})


_MATERIAL = frozenset({"military", "defence", "defense", "security", "lethal", "arms", "weapons", "materiel",
                       "logistical", "technical", "air"})


def material(t, sent) -> bool:
    """Is the noun "support" military ("military support") or of weapons ("support with drones")?"""
    if any(c.lower_ in _MATERIAL for c in t.children if c.dep_ in ("amod", "compound")):
        return True
    return any(c.dep_ == "prep" and c.lower_ in ("of", "with", "including") and any(
        (m := sent.mention_at(g)) is not None and m.is_equipment for g in c.subtree) for c in t.children)


def find_triggers(sent, reader) -> list[tuple[object, tuple[str, str]]]:
    """(token, (frame, base status)) for each transfer word that is not part of a catalogue name."""
    out = []
    for t in sent.doc:
        m = sent.mention_at(t)
        if m is not None and (m.is_equipment or m.is_actor) and "users-of-the-topic" not in m.rules:
            continue            # (but "Customers include Chile", the customers of the system in focus, still buy)
        fr = reader.frame(t)
        if fr is None:
            continue
        lemma = t.lemma_.lower()
        if t.dep_ == "amod" and t.tag_ in ("VBN", "VBD", "JJ"):
            continue                 # "armed forces", "supplied" used as an adjective
        if lemma == "order" and t.i > 0 and sent.doc[t.i - 1].lower_ == "in":
            continue                 # "in order to"
        if set_aside(t):
            continue
        if lemma in ("aid", "assistance", "package") and any(c.lower_ in _DISCOUNTED_AID for c in t.children):
            continue
        if offset(t, reader.words["offset_words"]):
            continue
        out.append((t, fr))
    return out


def offset(t, words) -> bool:
    """ "an offset package worth $9 billion", "the offset deal gives local firms work": the industrial return a
    buyer gets for a purchase is not itself a transfer of the weapon (the purchase is told by its own words)."""
    def marked(n):
        return any(c.dep_ in ("amod", "compound", "nmod") and c.lower_ in words for c in n.children)
    if t.pos_ in ("NOUN", "PROPN"):
        return marked(t)
    return any(c.dep_ in ("nsubj", "nsubjpass") and marked(c) for c in t.children)


def set_aside(t) -> bool:
    """ "lease helicopters rather than buy them", "instead of buying": the alternative not taken is no transfer."""
    before = " ".join(w.lower_ for w in t.doc[max(0, t.i - 2):t.i])
    return before.endswith(("rather than", "instead of")) or before in ("than to", "of to")


ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "iobj", "dative"})
CLAUSES = frozenset({"advcl", "conj", "ccomp", "parataxis"})


def nearest_trigger(tok, triggers):
    """The trigger closest to ``tok`` (a token or a span) along the tree, or None."""
    if not triggers:
        return None
    root = tok.root if hasattr(tok, "root") else tok
    anc = {root.i: 0}
    t, d = root, 0
    while t.head.i != t.i:
        t, d = t.head, d + 1
        anc[t.i] = d
    best, best_d = None, None
    for trig in triggers:
        t, d = trig[0], 0
        while t.i not in anc and t.head.i != t.i:
            # "Iraq, which received T-90s in 2018, bought K9s": a relative clause on a noun is a step further
            # from it than the verb the noun is an argument of; "took delivery ... in 2022, while Niger acquired
            # ...": a clause of its own is a step further than a phrase of one's own clause
            # "the jets, bought from Spain, were delivered in 2024": a participle on an argument of the clause is
            # background to the clause's own verb, as a relative clause is
            # "Poland's order for 250 tanks and its purchase of 96 helicopters", parsed with the purchase joined to
            # the tanks: a deal noun coordinated with the weapons is the next deal, not theirs
            step = 3 if t.dep_ == "conj" and t.head.i == root.i and t.pos_ == "NOUN" else \
                1.5 if t.dep_ == "relcl" and t.head.i == root.i and root.dep_ in ARGUMENTS or \
                t.dep_ == "acl" and t.tag_ in ("VBN", "VBD") and t.head.i in anc and t.head.dep_ in ARGUMENTS else \
                1.25 if t.dep_ in CLAUSES else 1
            t, d = t.head, d + step
        dist = d + anc.get(t.i, 20) + abs(trig[0].i - root.i) / 100
        if best_d is None or dist < best_d:
            best, best_d = trig, dist
    return best


def anchor_fn(triggers):
    """token -> index of its nearest trigger (-1 when the sentence has none), memoised for one sentence. A deal noun
    that is the object of a deal verb is that verb's ("Peru signed a contract with Spain for two frigates": Spain on
    the contract and the frigates on the verb are one transfer's)."""
    cache: dict[int, int] = {}
    verbs = {t.i: fr for t, fr in triggers if t.pos_ in ("VERB", "AUX")}
    joined = {t.i: t.head.i for t, fr in triggers if t.pos_ == "NOUN" and fr[0] == "deal" and
              t.dep_ in ("dobj", "obj") and verbs.get(t.head.i, ("",))[0] == "deal"}

    def anchor(tok) -> int:
        if tok.i not in cache:
            best = nearest_trigger(tok, triggers)
            i = best[0].i if best is not None else -1
            cache[tok.i] = joined.get(i, i)
        return cache[tok.i]
    return anchor


def relative_head(trigger):
    """The noun a relative clause qualifies when ``trigger`` is its verb, or a verb it controls ("the jets that
    Peru received", "the jets that Peru plans to buy"); else None."""
    verb = trigger
    for _ in range(4):
        if verb.dep_ == "relcl":
            return verb.head
        if verb.dep_ not in ("xcomp", "ccomp", "conj") or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def only_a_topic(tok, trigger, lex) -> bool:
    """Is the equipment only what is talked about, seen or shown ("information about its missiles", "a first look
    at the jets", "photos of the tanks"), not what moves? (``lex.topic_*``)"""
    qualified = relative_head(trigger)
    for _ in range(8):
        if tok.i == trigger.i or tok.head.i == tok.i or (qualified is not None and qualified.i == tok.i):
            return False                # reached the trigger, or the noun its relative clause qualifies
        if tok.dep_ == "pobj":
            prep = tok.head
            # "talks about the Gripen", "an agreement regarding frigates": what a deal is about is its object
            deal = (fr := lex.frame(prep.head.lemma_.lower(), prep.head.pos_)) is not None and fr[0] == "deal"
            if prep.lower_ in lex.topic_prepositions and not deal:
                return True
            if prep.lower_ in ("of", "to") and prep.head.i != trigger.i and \
                    prep.head.lemma_.lower() in lex.topic_nouns:
                return True                 # "photos of the tanks", "the damage to its tanks"
        tok = tok.head
    return False
