"""Clauses that leave out the verb and its object: they repeat the transfer just read with another actor.

Two constructions of English share one clause's predicate among several subjects:

* VP ellipsis with a pro-verb: "Chile bought radars from Spain, and so did Peru", "..., as has Ecuador",
  "..., as did Peru and Bolivia". The pro-verb (do, have, be, a modal) stands for the whole predicate.
* Gapping with bare remnants: "Chile ordered 12 radars and Peru 8", "Chile bought radars from Spain in 2020, and
  Peru in 2022". Only the new subject and a number or a date are left.

In both the new actor plays the part the first clause's subject plays, and a number or a year in the remnant is its
own. A remnant that names a weapon ("and Peru jets from Italy") is no bare remnant: the role rules read it
(rule gapped-subject). A negated pro-verb ("but Peru did not") repeats nothing.
"""
from __future__ import annotations

import re
from dataclasses import replace

from armsflow.extract.quantity import NUMBER_WORDS, number_value
from armsflow.extract.when import event_year, span_year

PRO_VERBS = frozenset({"do", "have", "be", "will", "would", "can", "could", "shall", "should", "may", "might"})
_NUM_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
              "sixty|a dozen|dozens|a few|several|more")
_NUM = re.compile(r"^\s*(\d[\d,]*|" + _NUM_WORDS + r")\b", re.I)
# what a bare remnant may hold after its actor: a count, a date, "too"
_REST = re.compile(r"\s*(?:(?:\d[\d,]*|" + _NUM_WORDS + r")(?:\s+more)?)?"
                   r"(?:,?\s+(?:in|during|by|since)\s+(?:early\s+|late\s+|mid-?)?(?:19|20)\d\d"
                   r"|,?\s+(?:the\s+)?(?:following|next)\s+year|,?\s+a\s+year\s+(?:later|earlier)"
                   r"|,?\s+(?:\w+\s+)?years?\s+later)?"
                   r"(?:,?\s+(?:too|as\s+well|also))?\s*", re.I)
_SEP = re.compile(r"(?:[,;]\s*(?:and\s+|while\s+|but\s+|whereas\s+)?|\s+(?:and|while|but|whereas)\s+)(?:the\s+)?$",
                  re.I)
_PP_REMNANT = re.compile(r"(?:[,;]\s*(?:and\s+|while\s+|whereas\s+)?|\s+and\s+)(?:the\s+)?(?P<actor>\u00a7+)\s+"
                         r"(?P<prep>to|from)\s+(?P<pp>(?:the\s+)?\u00a7+(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)"
                         r"(?:the\s+)?\u00a7+)*)(?P<rest>[^\u00a7]*?)[\s.;!]*$", re.I)
_END = re.compile(r"[\s.;!]*$")


def _codes(sent, tok) -> list[str]:
    """The actors a subject token and its conjuncts name."""
    out = []
    for t in [tok, *[c for c in tok.subtree if c.dep_ == "conj"]]:
        m = sent.mention_at(t)
        if m is not None and m.is_actor and m.kind != "adjective" and m.key not in out:
            out.append(m.key)
    return out


def _subject(tok) -> bool:
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in ("nsubj", "nsubjpass")


def pro_verb_remnants(sent) -> list[tuple]:
    """ "..., and so did Peru", "..., as has Ecuador": (actors, start, end, the verb it stands for) of each clause
    whose verb is a pro-verb standing for the predicate before it."""
    out = []
    for v in sent.doc:
        if v.lemma_.lower() not in PRO_VERBS:
            continue
        kids = list(v.children)
        # "Chile bought radars; Peru did so in 2022": the parse may make the first clause the pro-verb's complement
        before = [c for c in kids if c.dep_ in ("ccomp", "parataxis") and c.i < v.i and c.pos_ in ("VERB", "AUX")
                  and any(t.text == ";" for t in v.doc[c.right_edge.i:v.i])]
        # parsed clause by clause (extract/units.py), the pro-verb's clause hangs on the first one as parataxis
        if not before and (v.dep_ not in ("conj", "advcl", "parataxis") or v.head.pos_ not in ("VERB", "AUX") or
                           v.head.i > v.i):
            continue
        kids = [c for c in kids if not any(c.i == b.i for b in before)]
        if any(c.dep_ in ("dobj", "xcomp", "acomp", "attr", "ccomp", "neg") for c in kids):
            continue        # a verb with its own object ("and Peru has radars"), or negated ("but Peru did not")
        marked = any(c.lower_ == "so" and (c.i < v.i or v.lemma_.lower() == "do") for c in kids) or \
            any(c.dep_ == "mark" and c.lower_ in ("as", "before", "after", "like") for c in kids) or \
            any(c.lower_ in ("too", "also", "likewise") for c in kids)
        subj = next((c for c in kids if c.dep_ in ("nsubj", "nsubjpass")), None)
        if not marked or subj is None:
            continue
        codes = _codes(sent, subj)
        if codes:
            sub = [t for t in v.subtree if not any(b.left_edge.i <= t.i <= b.right_edge.i for b in before)]
            out.append((codes, sub[0].idx, sub[-1].idx + len(sub[-1].text), before[0] if before else v.head))
    return out


def bare_remnants(sent, taken: set[str]) -> list[tuple[list[str], int, int]]:
    """ "... and Peru 8", "..., and Peru in 2022": actors at the end of the sentence with nothing after them but a
    count, a date or "too", each parted from the one before by a comma or "and"; at least one of them says more than
    its name (else it is a plain list: "from Spain and Peru")."""
    text = sent.text
    pos = len(_END.sub("", text))
    actors = sorted((m for m in sent.mentions if m.is_actor and m.kind != "adjective"), key=lambda m: m.start)
    found = []
    for m in reversed(actors):
        if m.end > pos:
            continue
        rest = text[m.end:pos]
        sep = _SEP.search(text[:m.start])
        if m.key in taken or not _REST.fullmatch(rest) or sep is None:
            break
        if not _NUM.match(rest) and "," not in sep.group(0) and ";" not in sep.group(0):
            break   # "from France in 2016 and Russia in 2018": without a comma, one more seller, not a new subject
        found.append(([m.key], m.start, pos))
        pos = sep.start()
    if not any(_says_more(text, m) for m in found):
        return []
    first = found[-1]
    sep = _SEP.search(text[:first[1]])
    if "," not in sep.group(0) and ";" not in sep.group(0):
        # "sold jets to Algeria in 2015 and India 12 in 2016": after an actor in a phrase of its own, the
        # remnant may stand for that phrase rather than for the subject; only a comma says it is a new clause
        before = [m for m in actors if m.end <= sep.start()]
        if before and _REST.fullmatch(text[before[-1].end:sep.start()]) and \
                re.search(r"\b(?:to|from|for|with|by|and)\s+(?:the\s+)?$", text[:before[-1].start], re.I):
            return []
    return list(reversed(found))


_COUNT = r"(?:\d{1,3}(?:,\d{3})*|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
# "bought 2 and Peru 4 frigates", "ordered 20, Romania 18 and Estonia 12 of the howitzers": a count, then each gapped
# clause's actor and count, then what all of them count (the actors masked as \u00a7)
_COUNTED = re.compile(r"^\s*(?:(?:the\s+)?(?P<lead>\u00a7+)\s+)?(?P<n>" + _COUNT +
                      r")(?P<gaps>(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?\u00a7+\s+" + _COUNT +
                      r")+)\s+(?:more\s+|of\s+(?:the|these|those|its|their)\s+)?"
                      r"(?:[a-z][a-z-]*\s+){0,2}$", re.I)
_GAP = re.compile(r"(?P<actor>\u00a7+)\s+(?P<n>" + _COUNT + r")", re.I)


def counted_remnants(sent, verb, equipment) -> tuple[int, list[tuple[int, int]], int | None] | None:
    """ "Chile bought 2 and Peru 4 frigates from Spain": the verb's own count and, for each gapped clause between it
    and the weapons it counts (``equipment``, a mention), the actor's mention index and count; None when the words
    after ``verb`` are no such list. The weapons and the rest of the clause are shared: Peru bought 4 frigates from
    Spain. A list of counts with no actors ("2 and 4 frigates") is none. After a verb of giving the first count may
    have its receiver before it ("gave Ukraine 31 and Poland 14 tanks"): its mention index is the third value (the
    actors are then receivers, as the parse reads them), else None."""
    text = sent.text
    a, b = verb.idx + len(verb.text), equipment.start
    if b <= a:
        return None
    actors = {m.start: i for i, m in enumerate(sent.mentions)
              if m.is_actor and m.kind != "adjective" and a <= m.start and m.end <= b}
    masked = list(text[a:b])
    for start, i in actors.items():
        m = sent.mentions[i]
        masked[m.start - a:m.end - a] = "\u00a7" * (m.end - m.start)
    masked = "".join(masked)
    x = _COUNTED.match(masked)
    if x is None:
        return None
    gaps = []
    for g in _GAP.finditer(x.group("gaps")):
        start = a + x.start("gaps") + g.start("actor")
        if start not in actors:
            return None
        gaps.append((actors[start], number_value(g.group("n"))))
    first = number_value(x.group("n"))
    if first is None or any(n is None for _, n in gaps):
        return None
    lead = None
    if x.group("lead") is not None:
        lead = actors.get(a + x.start("lead"))
        if lead is None:
            return None
    return first, gaps, lead


def _says_more(text: str, remnant) -> bool:
    """Does a remnant hold a count, a date or "too" besides its actor?"""
    _, a, b = remnant
    return bool(re.search(r"\d|\b(?:" + _NUM_WORDS + r"|too|as well|also|following|later|earlier)\b", text[a:b], re.I))


def pp_remnant(sent):
    """ "Turkey sold drones to Chile, and Iran to Peru and Bolivia": a last clause of an actor and a to- or
    from-phrase of actors, with no verb. (actor, start, end, side of the phrase, its actors), or None."""
    text = sent.text
    actors = [m for m in sent.mentions if m.is_actor and m.kind != "adjective"]
    masked = list(text)
    for m in actors:
        masked[m.start:m.end] = "\u00a7" * (m.end - m.start)
    masked = "".join(masked)
    x = _PP_REMNANT.search(masked)
    if x is None or not _REST.fullmatch(x.group("rest")):
        return None
    head = next((m for m in actors if m.start == x.start("actor")), None)
    pp = [m.key for m in actors if x.start("pp") <= m.start < x.end("pp")]
    if head is None or not pp or head.key in pp:
        return None
    side = "recipient" if x.group("prep").lower() == "to" else "supplier"
    return [head.key], x.start("actor"), len(text), side, pp


def copies(sent, claims, roles, published, on, status_of=None) -> list:
    """The sentence's claims with those its elliptical clauses repeat, each with the new actor where the first
    clause's subject stood (and the remnant's own to- or from-phrase where the first clause's stood)."""
    taken = {c.supplier for c in claims} | {c.recipient for c in claims}
    found = []
    if on("pro-verb-ellipsis"):
        for codes, a, b, verb in pro_verb_remnants(sent):
            # "has ordered jets, and is considering more, as is Peru": the stage of the verb it stands for
            found.append((codes, a, b, "pro-verb-ellipsis", None, status_of(verb) if status_of else None))
    if on("bare-remnant"):
        pp = pp_remnant(sent)
        if pp is not None:
            found.append((pp[0], pp[1], pp[2], "bare-remnant", (pp[3], pp[4]), None))
        else:
            found += [(codes, a, b, "bare-remnant", None, None) for codes, a, b in bare_remnants(sent, taken)]
    if not found or not claims:
        return claims
    text = sent.text
    cut = min(f[1] for f in found)
    subjects = {r.code for r in roles if r.role in "SR" and r.token.idx < cut and _subject(r.token)}
    if any(f[3] == "bare-remnant" and f[4] is None for f in found):
        # "gave Ukraine 18 tanks, Poland 14": after a verb with two objects the remnant stands for the receiver
        receivers = {r.code for r in roles if r.role == "R" and r.token.idx < cut and r.rules and
                     r.rules[-1] in ("object-of-give", "actor-in-give-object")}
        subjects = receivers or subjects
    own = [c for c in claims if c.supplier in subjects or c.recipient in subjects]
    if not own:
        return claims
    bare = [f for f in found if f[3] == "bare-remnant" and f[4] is None]
    if bare and all(c.supplier in subjects for c in own):
        # "Russia sold S-400s to Turkey in 2017, and India in 2018": after a seller's clause that ends on its buyer,
        # the remnant is another buyer when the seller makes the weapon (a second maker of it is unlikely), and
        # cannot be told apart otherwise
        last = max((m for m in sent.mentions if m.is_actor and m.end <= cut), key=lambda m: m.end, default=None)
        if last is not None and any(c.recipient == last.key for c in own):
            if all(c.extras.get("_origin") == c.supplier for c in own):
                subjects = {c.recipient for c in own}
                own = [c for c in own if c.recipient == last.key]
            else:
                found = [f for f in found if f not in bare]
    first_year = event_year(text[:cut], published)
    out = []
    for codes, a, b, rule, pp, _ in found:
        if pp is not None:
            side, pp_codes = pp
            subject_side = {"supplier" if c.supplier in subjects else "recipient" for c in own}
            if subject_side != {"recipient" if side == "supplier" else "supplier"}:
                continue        # the phrase names the subject's own side: no parallel to the first clause
            # what the parse made of the remnant's actors in the first clause is a misreading
            gone = set(codes) | set(pp_codes)
            claims = [c for c in claims if c.supplier not in gone and c.recipient not in gone]
            own = [c for c in own if c.supplier not in gone and c.recipient not in gone]
    seen = {(c.supplier, c.recipient, c.system or c.category) for c in claims}
    for codes, a, b, rule, pp, stage in found:
        part = text[a:b]
        year = span_year(text, a, b)
        qty = None
        if rule == "bare-remnant" and pp is None:
            after = part
            for code_m in sent.mentions:
                if code_m.start == a:
                    after = text[code_m.end:b]
            q = _NUM.match(after)
            if q and q.group(1)[0].isdigit():
                qty = int(q.group(1).replace(",", ""))
        for c in own:
            others = pp[1] if pp is not None else [None]
            for code in codes:
                for other in others:
                    sup = code if c.supplier in subjects else (other or c.supplier)
                    rec = code if c.recipient in subjects else (other or c.recipient)
                    key = (sup, rec, c.system or c.category)
                    if sup == rec or key in seen or pp is None and code in (c.supplier, c.recipient):
                        continue
                    seen.add(key)
                    out.append(replace(c, supplier=sup, recipient=rec, quantity=qty, status=stage or c.status,
                                       year=year if year is not None else c.year,
                                       rules=[*c.rules, rule], extras=dict(c.extras)))
        if year is not None:
            for c in own:
                if c.year == year and first_year != year:
                    c.year = first_year     # "in 2021, and Peru in 2022": the later year is the remnant's only
    return claims + out
