"""Fusing the store's claims into records: read claims, fuse (a pure function), write records back, then bring the
summaries of the states whose records changed up to date (engine/summaries.py)."""
from __future__ import annotations

from armsflow.engine.summaries import refresh_summaries
from armsflow.fuse.family import Families
from armsflow.fuse.records import FuseClaim, fuse


def refuse(store, families: Families, dyads: set[tuple] | None = None) -> int:
    """Rebuild the news records (all, or those of the given supplier/recipient pairs); returns how many."""
    rows = store.claims_for_fusion(dyads)
    claims = [FuseClaim(claim_id=c.id, source_id=source_id, published=published, supplier=c.supplier,
                        recipient=c.recipient, family=families.family(c.system, c.category), system=c.system,
                        category=c.category, quantity=c.quantity, status=c.status, year=c.year, hedged=c.hedged,
                        review=c.review, pin=c.pin)
              for c, source_id, published in rows]
    results = fuse(claims)
    store.replace_records(results, dyads)
    refresh_summaries(store, None if dyads is None else {a for pair in dyads for a in pair if a})
    return len(results)
