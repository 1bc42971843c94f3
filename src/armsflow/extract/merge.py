"""One record per (supplier, recipient, system-or-category) per document, as the guidelines ask.

The first statement of a transfer is usually the article's own claim, so it keeps its status, hedge and evidence;
later statements only fill what it lacks (a year, a quantity). A generic "arms"/"weapons" record (category other)
is dropped when the document names something more specific for the same pair: it adds nothing.
"""
from __future__ import annotations

from armsflow.model import Claim


_STAGE = {"interest": 1, "negotiating": 2, "ordered": 3, "delivered": 4, "cancelled": 5}


def _key(c: Claim):
    return (c.supplier, c.recipient, (c.system or "").lower() or None, None if c.system else c.category)


def merge_claims(claims: list[Claim]) -> list[Claim]:
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
    return sorted(out.values(), key=lambda c: c.start)
