"""One record per (supplier, recipient, system-or-category) per document, as the guidelines ask.

The first statement of a transfer is usually the article's own claim, so it keeps its status, hedge and evidence;
later statements only fill what it lacks (a year, a quantity). A generic "arms"/"weapons" record (category other)
is dropped when the document names something more specific for the same pair: it adds nothing.

A system named once by its family and once by its variant ("two Scorpene Evolved submarines ... the Scorpene boats")
is one record, the variant's, when the family's statement contradicts it in nothing (rule family-and-variant, see
``fold_families``).
"""
from __future__ import annotations

from collections.abc import Collection

from armsflow.model import Claim


_STAGE = {"interest": 1, "negotiating": 2, "ordered": 3, "delivered": 4, "cancelled": 5}


def _key(c: Claim):
    return (c.supplier, c.recipient, (c.system or "").lower() or None, None if c.system else c.category)


def merge_claims(claims: list[Claim], systems: Collection[str] = (), off: Collection[str] = ()) -> list[Claim]:
    """One claim per transfer of the document. ``systems``: the catalogue's system names, whose variants a claim
    naming the family may be folded into; ``off``: rules switched off."""
    specific = {(c.supplier, c.recipient) for c in claims if c.system or c.category != "other"}
    named = {(c.start, c.supplier, c.recipient, c.category) for c in claims if c.system}
    # "donated the frigate HMS Duncan ... the donated warship": the generic noun names the same ship again
    claims = [c for c in claims if c.system or c.extras.get("_listed") or
              (c.start, c.supplier, c.recipient, c.category) not in named]
    # a headline that frames the story as an accusation ("Chad accuses Libya of arming the rebels with drones") hedges
    # the body's statements of the same transfer
    accused = {(c.supplier, c.recipient) for c in claims if c.extras.get("headline") and c.hedged}
    for c in claims:
        if (c.supplier, c.recipient) in accused:
            c.hedged = True
    # a headline's generic "Turkish frigates" is the body's "two Istif-class frigates" again
    named_pairs = {(c.supplier, c.recipient, c.category) for c in claims if c.system and not c.extras.get("headline")}
    claims = [c for c in claims if not (c.extras.get("headline") and not c.system and
                                        (c.supplier, c.recipient, c.category) in named_pairs)]
    # "Turkey and Indonesia agreed on an arms package" names no seller; a named weapon the other way round tells it
    pairs = {(c.supplier, c.recipient) for c in claims if not c.extras.get("_undirected")}
    claims = [c for c in claims if not (c.extras.get("_undirected") and (c.recipient, c.supplier) in pairs)]
    out: dict[tuple, Claim] = {}
    # headlines compress and drop hedges: the body's statement of a transfer is preferred to the headline's; a photo
    # caption or a background box is read after the body too (it supports a record, never decides its status)
    ordered = sorted(claims, key=lambda c: 2 if c.extras.get("headline") else
                     1 if c.extras.get("_aside") or c.extras.get("_background") else 0)
    for c in ordered:
        if not c.system and c.category == "other" and (c.supplier, c.recipient) in specific:
            continue
        k = _key(c)
        first = out.get(k)
        if first is None:
            out[k] = c
            continue
        if c.extras.get("_aside"):
            # a caption or a background box of a transfer the body tells: the body's year and number stand
            first.rules = first.rules + [r for r in c.rules if r not in first.rules]
            continue
        if c.extras.get("_updated") and _STAGE.get(c.status, 0) > _STAGE.get(first.status, 0):
            # "UPDATE, May 20: Spain delivered the first corvette": the story has moved on (an update about more
            # talks does not take an order back)
            first.status, first.hedged = c.status, c.hedged
            first.year = c.year if c.year is not None else first.year
            first.rules = first.rules + [r for r in c.rules if r not in first.rules]
            continue
        if c.extras.get("_corrected"):
            # "Correction: ... it bought 10, not 12": the correction's own statement wins over the text's
            first.status, first.hedged = c.status, c.hedged
            first.quantity = c.quantity if c.quantity is not None else first.quantity
            first.year = c.year if c.year is not None else first.year
            first.rules = first.rules + [r for r in c.rules if r not in first.rules]
            continue
        if c.status == "cancelled" and first.status != "cancelled":
            # a later sentence saying the deal fell through ends its story
            first.status = "cancelled"
            first.year = c.year or first.year       # the year of the status event: when it fell through
        elif c.status == "delivered" and first.status == "ordered" and not c.hedged and "frame-delivery" in c.rules:
            # "Peru ordered K2 tanks in 2022. The first of them arrived in May.": the order has come, in May
            first.status = "delivered"
            first.year = c.year or first.year
            first.rules = first.rules + [r for r in c.rules if r not in first.rules]
            continue
        if first.year is None and c.year is not None and not (c.status == "interest" and first.status != "interest") \
                and not ("frame-delivery" in c.rules and c.status != first.status):
            # a wish dates no order: "requested 40 jets in 2021" before the deal was signed; nor does a delivery
            # only reported: "ordered drones. The first of them reportedly arrived in May."
            first.year = c.year
        if first.quantity is None and c.quantity is not None:
            first.quantity = c.quantity
        first.rules = first.rules + [r for r in c.rules if r not in first.rules]   # each reading that stated it
    merged = list(out.values())
    if systems and "family-and-variant" not in off:
        merged = fold_families(merged, systems)
    return sorted(merged, key=lambda c: c.start)


def extends(variant: str, family: str) -> bool:
    """``variant`` is ``family`` with more designation after it, at a boundary of the designation: a new word
    ("F-16" -> "F-16 Block 70", "Scorpene" -> "Scorpene Evolved") or letters after a number ("Su-30" -> "Su-30SM",
    "K2" -> "K2PL"); not the same number made longer ("S-3" / "S-300") nor the same word ("Tor" / "Tornado")."""
    if len(variant) <= len(family) or variant[:len(family)].lower() != family.lower():
        return False
    nxt = variant[len(family)]
    return not nxt.isalnum() or family[-1].isdigit() != nxt.isdigit()


def _agree(a, b) -> bool:
    return a is None or b is None or a == b


def fold_families(claims: list[Claim], systems: Collection[str]) -> list[Claim]:
    """Rule family-and-variant: a record naming a catalogue system ("Scorpene") of which the document also names a
    variant for the same supplier and recipient ("Scorpene Evolved") states the variant's transfer again when it
    contradicts it in nothing. The two are stated in different sentences (one sentence naming both sets them apart:
    "Leopard tanks, including Leopard 2A6s" is a whole and its part), and the family's statement gives
    - no other year (both stated and different: two deals, "flies F-16s bought in 1997, ordered F-16 Block 70s in
      2019");
    - no other number (both stated and different: "36 Rafale ... 26 Rafale M"); a family of another category (the
      IRIS-T missile, the IRIS-T SLM system) that counts something of its own where the variant counts nothing
      counts its own kind ("IRIS-T SLM systems ... 200 IRIS-T missiles") and stays;
    - no further status ("operates Su-30s ... is eyeing Su-30SMs": what it has is another transfer than what it
      wants), unless both state the same number: the same count names the same items, and the variant's statement,
      the specific one, keeps its status.
    The variant's record takes the family's year or number when it has none and lists the family's rules.
    With two or more variants of the family ("180 K2 tanks ... K2GF and K2PL tanks") the family's statement is the
    sum of them: it is dropped when it agrees with each in year and status and its number, if any, is at least
    the numbers they state together; only its year passes on to those that lack one."""
    out = list(claims)
    # the longest family first: "Su-30SM" goes into "Su-30SM2" before "Su-30" is compared with what is left
    for fam in sorted((c for c in claims if c.system and c.system in systems), key=lambda c: -len(c.system)):
        variants = [v for v in out if v is not fam and v.system and extends(v.system, fam.system) and
                    (v.supplier, v.recipient) == (fam.supplier, fam.recipient)]
        # one sentence naming both sets them apart: a whole and its part ("Leopard tanks, including Leopard 2A6s"),
        # or two things side by side
        if not variants or any(v.start == fam.start for v in variants) or \
                not all(_agree(fam.year, v.year) for v in variants):
            continue
        if len(variants) == 1:
            v = variants[0]
            same_count = fam.quantity is not None and fam.quantity == v.quantity
            if not _agree(fam.quantity, v.quantity) or \
                    (fam.category != v.category and fam.quantity is not None and not same_count) or \
                    (_STAGE.get(fam.status, 0) > _STAGE.get(v.status, 0) and not same_count):
                continue
            v.year = v.year if v.year is not None else fam.year
            v.quantity = v.quantity if v.quantity is not None else fam.quantity
        else:
            stated = sum(v.quantity for v in variants if v.quantity is not None)
            if any(_STAGE.get(fam.status, 0) > _STAGE.get(v.status, 0) for v in variants) or \
                    (fam.quantity is not None and fam.quantity < stated):
                continue
            for v in variants:
                v.year = v.year if v.year is not None else fam.year
        for v in variants:
            v.rules = v.rules + [r for r in [*fam.rules, "family-and-variant"] if r not in v.rules]
        out.remove(fam)
    return out
