"""A member of a list of parties with a word of its own: the word is about that member only.

"sold drones to Chile, Peru and reportedly Bolivia" hedges Bolivia's claim, not Chile's; "to Chile and Peru but not
to Bolivia" denies Bolivia's; "to Chile, Peru and, in 2019, Bolivia" dates Bolivia's. The word stands between the
list's separator (a comma, "and", "or", "but") and the member, so it is read off the text, which the parse often
attaches elsewhere. Only a member that shares its side with another party of the same transfer is a list member.
"""
from __future__ import annotations

import re
from dataclasses import replace

from armsflow.extract.status import hedges
from armsflow.extract.when import event_year, span_year

_SEP = r"(?:(?:,|;|\band\b|\bor\b|\bbut\b|\bthough\b)\s*)+"
_GLUE = re.compile(r"[\s,]*(?:(?:and|or)\b)?[\s,]*(?:(?:to|from)\s+)?(?:the\s+)?", re.I)
# a year right after a party: "in 2015", "a year later", "the following year"
_YEAR_NEXT = re.compile(r"^,?\s+(?:(?:in|during)\s+(?:early\s+|late\s+|mid-?)?(?:19|20)\d\d\b(?!\s*[-\u2013])|"
                        r"(?:a|one|two|three|four|five|\d{1,2})\s+years?\s+(?:later|after)|"
                        r"(?:the\s+)?(?:following|next)\s+year)", re.I)
_PREP = r"(?:\s+(?:to|from|for|with|by))?\s+(?:the\s+)?$"


def _patterns(lex):
    adverbs = sorted(w for w in lex.hedge_words if w.endswith("ly"))
    deny = re.compile(_SEP + r"(?:but\s+)?(?:not|never)" + _PREP, re.I)
    hedge = re.compile(_SEP + r"(?P<cue>" + "|".join(adverbs) + r"|according\s+to\s+[\w\s'-]{2,40}?)\s*,?" + _PREP,
                       re.I)
    year = re.compile(_SEP + r"(?:and\s+|,\s*)*(?P<cue>(?:in|from)\s+(?P<y>(?:19|20)\d\d)\s*,)" + _PREP, re.I)
    plain = re.compile(_SEP + r"(?P<cue>(?:most\s+|more\s+)?recently|lately|later|finally|also|now|(?:most\s+)?notably|"
                       r"previously|earlier|since)\s*,?" + _PREP, re.I)
    return deny, hedge, year, plain


def _listed(claims, claim, side: str) -> bool:
    """Does another party stand beside this one on the same side of the same transfer?"""
    other = "recipient" if side == "supplier" else "supplier"
    return any(getattr(c, side) != getattr(claim, side) and getattr(c, other) == getattr(claim, other) and
               (c.system or c.category) == (claim.system or claim.category) for c in claims)


def member_words(sent, claims, lex, skip, published, on) -> list:
    """The sentence's claims with each list member's own negation, hedge or year applied to its claims only."""
    if not claims or not on("list-member-word"):
        return claims
    text = sent.text
    deny, hedge, year, plain = _patterns(lex)
    actors = [m for m in sent.mentions if m.is_actor and m.kind != "adjective"]
    counts: dict[str, int] = {}
    for m in actors:
        counts[m.key] = counts.get(m.key, 0) + 1
    dropped, hedged, dated, loose = set(), {}, {}, {}
    for m in actors:
        if counts[m.key] != 1:
            continue
        before = text[max(0, m.start - 40):m.start]
        if deny.search(before):
            dropped.add(m.key)
        elif (h := hedge.search(before)) is not None:
            at = m.start - len(before) + h.start("cue")
            hedged[m.key] = (at, at + len(h.group("cue")))
        elif (y := year.search(before)) is not None:
            at = m.start - len(before) + y.start("cue")
            dated[m.key] = (int(y.group("y")), (at, at + len(y.group("cue"))))
        elif (w := plain.search(before)) is not None:
            at = m.start - len(before) + w.start("cue")
            loose[m.key] = (at, at + len(w.group("cue")))     # "and, most recently, Peru": says nothing more
    if not (dropped or hedged or dated or loose):
        return claims

    # a member joined to the one before it by the list's separator takes that one's side, whatever the parse made of
    # it: "to Chile, Peru and, in 2019, Bolivia" may hang Bolivia on the year, "to China and, allegedly, Iran" may
    # make Iran a seller
    claims = list(claims)
    parties = {c.supplier for c in claims} | {c.recipient for c in claims}
    for code, (a, b) in [*hedged.items(), *((k, v[1]) for k, v in dated.items()), *loose.items()]:
        m = next(x for x in actors if x.key == code)
        prev = [x for x in actors if x.end <= a]
        if not prev or prev[-1].key not in parties or counts[prev[-1].key] != 1 or \
                not _GLUE.fullmatch(text[prev[-1].end:a] + text[b:m.start]):
            continue
        p = prev[-1].key
        sides = {side for c in claims for side in ("supplier", "recipient") if getattr(c, side) == p}
        if len(sides) != 1:
            continue
        side = sides.pop()
        other = "recipient" if side == "supplier" else "supplier"
        claims = [c for c in claims if getattr(c, other) != code]
        have = {(c.supplier, c.recipient, c.system or c.category) for c in claims}
        for c in list(claims):
            if getattr(c, side) == p and getattr(c, other) != code:
                new = replace(c, **{side: code}, quantity=None)
                if (new.supplier, new.recipient, new.system or new.category) not in have:
                    claims.append(new)

    def member(c):
        for side in ("supplier", "recipient"):
            code = getattr(c, side)
            if code in dropped or code in hedged or code in dated:
                if _listed(claims, c, side):
                    return code
        return None

    out = []
    own = {id(c): member(c) for c in claims}
    marked = {code for code in own.values() if code is not None}
    rest_hedged = None
    if marked & set(hedged):
        cues = [hedged[k] for k in marked & set(hedged)]
        whole, items = hedges(sent.doc, lex, list(skip) + cues, sent.is_equipment)
        rest_hedged = whole or bool(items)
    years = [dated[k][1] for k in marked & set(dated)]
    rest_year = event_year(text, published, skip=list(skip) + years) if years else None
    for c in claims:
        code = own[id(c)]
        if code in dropped:
            continue                            # "... but not to Bolivia"
        if code in hedged:
            c = replace(c, hedged=True, rules=[*c.rules, "list-member-word"])
        elif code in dated:
            c = replace(c, year=dated[code][0], rules=[*c.rules, "list-member-word"])
        else:
            if rest_hedged is False and c.hedged:
                c = replace(c, hedged=False)    # the hedge was the other member's
            if years and c.year in {dated[k][0] for k in marked & set(dated)}:
                c = replace(c, year=rest_year)  # the year was the other member's
        out.append(c)
    return out


def respectively(sent, claims, on) -> list:
    """ "bought jets, tanks and ships from Spain, Italy and Korea respectively": the n-th weapon goes with the n-th
    party of the list on the side that varies, when the two lists are as long as each other."""
    if not on("respectively") or len(claims) < 4 or not re.search(r"\brespectively\b", sent.text, re.I):
        return claims
    text = sent.text
    where = {}
    for m in sent.mentions:
        if m.is_actor and m.kind != "adjective":
            where.setdefault(m.key, m.start)
    weapons = sorted({(text.find(c.extras.get("mention", "")), c.system or c.category) for c in claims})
    order = [w for _, w in weapons]
    for side, other in (("supplier", "recipient"), ("recipient", "supplier")):
        if len({getattr(c, other) for c in claims}) != 1:
            continue
        parties = sorted({getattr(c, side) for c in claims}, key=lambda k: where.get(k, len(text)))
        if len(parties) != len(order) or len(order) < 2:
            continue
        kept = [replace(c, rules=[*c.rules, "respectively"]) for c in claims
                if order.index(c.system or c.category) == parties.index(getattr(c, side))]
        return kept
    return claims


def member_years(sent, claims, on) -> list:
    """ "sold jets to Egypt in 2015 and to Qatar a year later": when every member of a list of parties on one side is
    followed by a year of its own, each member's claims take that year."""
    if not on("list-member-word") or len(claims) < 2:
        return claims
    text = sent.text
    first: dict[str, object] = {}
    for m in sent.mentions:
        if m.is_actor and m.kind != "adjective":
            first.setdefault(m.key, m)
    for side in ("supplier", "recipient"):
        members = sorted({getattr(c, side) for c in claims}, key=lambda k: first[k].start if k in first else -1)
        if len(members) < 2 or any(k not in first for k in members):
            continue
        ends = [first[k].start for k in members[1:]] + [len(text)]
        years = {k: span_year(text, first[k].end, e) for k, e in zip(members, ends)}
        if None not in years.values() and len(set(years.values())) > 1 and \
                all(_YEAR_NEXT.match(text[first[k].end:]) for k in members):
            return [replace(c, year=years[getattr(c, side)],
                            rules=c.rules if "list-member-word" in c.rules else [*c.rules, "list-member-word"])
                    for c in claims]
    return claims


_FOLLOWED = re.compile(r"\bfollowed\s+(?:closely\s+)?by\s+(?:the\s+)?$", re.I)
_CHAIN = re.compile(r"^\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?$", re.I)


def followed_by(sent, claims, roles, on) -> list:
    """ "Chile was the largest buyer of Spanish arms, followed by Peru and Ghana": the states a ranking continues with
    stand where the one before them stands."""
    if not claims or not on("followed-by"):
        return claims
    text = sent.text
    actors = sorted((m for m in sent.mentions if m.is_actor and m.kind != "adjective"), key=lambda m: m.start)
    parties = {c.supplier for c in claims} | {c.recipient for c in claims}
    out = list(claims)
    for k, m in enumerate(actors):
        f = _FOLLOWED.search(text[:m.start])
        if f is None:
            continue
        chain = [m]
        for nxt in actors[k + 1:]:
            if not _CHAIN.match(text[chain[-1].end:nxt.start]):
                break
            chain.append(nxt)
        # the party just before leads, unless the clause's subject stands elsewhere
        subjects = [r.code for r in roles if r.token.dep_ in ("nsubj", "nsubjpass") and r.token.idx < f.start()
                    and r.code in parties]
        before = [x.key for x in actors if x.end <= f.start() and x.key in parties]
        if not before or any(x.key in parties for x in chain):
            continue
        if subjects and subjects[-1] != before[-1]:
            continue        # "bought jets from Spain, followed by Peru": the buyer's or the seller's successor?
        lead = before[-1]
        for c in claims:
            for side in ("supplier", "recipient"):
                if getattr(c, side) == lead:
                    for x in chain:
                        new = replace(c, **{side: x.key}, quantity=None, rules=[*c.rules, "followed-by"])
                        if new.supplier != new.recipient:
                            out.append(new)
    return out
