"""Claims stored under a system's former canonical name ("MH-60R Seahawk", before the short designation became
the name) fuse into one record with claims under the new name: the family is read through the catalogue's
aliases, so no data migration is needed."""
from __future__ import annotations

import datetime as dt

from armsflow.engine.fusion import refuse
from armsflow.model import Claim, Document
from armsflow.store.queries import RecordFilter, records

ARTICLES = [   # (key, published, text, system as stored)
    ("old", "2021-03-01", "Norway ordered six helicopters of the type from the United States in 2021.",
     "MH-60R Seahawk"),
    ("new", "2021-05-01", "The United States will deliver the helicopters Norway ordered in 2021.", "MH-60R"),
]


def test_old_and_new_names_make_one_record(store, catalog):
    from armsflow.catalog.gazetteer import gazetteer_for
    from armsflow.fuse.family import Families

    for key, published, text, system in ARTICLES:
        doc = Document(id=key, text=text, title=key, publisher=key, published=dt.date.fromisoformat(published))
        store.add_document(doc, [Claim(doc=key, supplier="USA", recipient="NOR", system=system,
                                       category="helicopter", quantity=6, status="ordered", year=2021, hedged=False,
                                       evidence=text, start=0, end=len(text), extras={"mention": system})], "0.1.0")
    refuse(store, Families(gazetteer_for(catalog)))
    got = records(store, RecordFilter(supplier="USA", recipient="NOR"))
    assert len(got) == 1, got
