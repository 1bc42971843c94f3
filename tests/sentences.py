"""Reading invented sentences with the session's extractor, for the tables of constructions in tests/extract/."""
from __future__ import annotations

import datetime as dt

from armsflow.model import Document


def claims(extractor, text, published="2024-06-15"):
    doc = Document(id="t", text=text, published=dt.date.fromisoformat(published) if published else None)
    return extractor.extract(doc)


def tuples(cs):
    return {(c.supplier, c.recipient, c.system or c.category) for c in cs}


def _norm(s):
    return "".join(ch for ch in (s or "").lower() if ch.isalnum())


def find(cs, supplier, recipient, what):
    """The claims for the pair and system (a variant written in the text, "Leopard 2A7", counts as "Leopard 2")."""
    return [c for c in cs if (c.supplier, c.recipient) == (supplier, recipient) and
            (_norm(c.system).startswith(_norm(what)) if c.system else c.category == what)]


def one(cs, supplier, recipient, what):
    """The claim for the pair and system; fails naming what was found instead."""
    found = find(cs, supplier, recipient, what)
    assert found, f"no {supplier}->{recipient} {what} in {sorted(tuples(cs), key=str)}"
    return found[0]
