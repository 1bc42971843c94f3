"""Merging and splitting records through pins on claims, fused again, on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from armsflow.engine.fusion import refuse
from armsflow.model import Claim, Document, TransferRecord
from armsflow.store.queries import RecordFilter, claims, records
from armsflow.store.review import claim_record_id, merge_records, record_of_pin, split_record, unpin
from armsflow.store.schema import ClaimRow, Edit

ARTICLES = [   # (key, publisher, published, text, supplier, recipient, system, category, status, year)
    ("mig-2017", "Wire A", "2017-10-05", "Serbia received six MiG-29 fighters from Russia in 2017.",
     "RUS", "SRB", "MiG-29", "combat_aircraft", "delivered", 2017),
    ("mig-2023a", "Wire B", "2023-03-01", "Russia agreed in 2023 to sell more MiG-29 jets to Serbia.",
     "RUS", "SRB", "MiG-29", "combat_aircraft", "ordered", 2023),
    ("mig-2023b", "Wire C", "2023-04-01", "Serbia will buy MiG-29 jets from Russia, officials said in 2023.",
     "RUS", "SRB", "MiG-29", "combat_aircraft", "ordered", 2023),
    ("fk3", "Wire A", "2022-04-10", "China delivered FK-3 air defence systems to Serbia in 2022.",
     "CHN", "SRB", "FK-3", "air_defence", "delivered", 2022),
]


@pytest.fixture
def families(catalog):
    from armsflow.catalog.gazetteer import gazetteer_for
    from armsflow.fuse.family import Families
    return Families(gazetteer_for(catalog))


@pytest.fixture
def filled(store, families):
    for key, pub, published, text, sup, rec, system, cat, status, year in ARTICLES:
        doc = Document(id=key, text=text, title=key, publisher=pub, published=dt.date.fromisoformat(published))
        store.add_document(doc, [Claim(doc=key, supplier=sup, recipient=rec, system=system, category=cat,
                                       quantity=None, status=status, year=year, hedged=False, evidence=text,
                                       start=0, end=len(text), extras={"mention": system})], "0.1.0")
    refuse(store, families)
    store.mark_fused()
    return store


def claim_id(store, doc):
    return next(c.id for c in claims(store, doc=doc))


def mig_records(store):
    """{tuple of claim ids: record} for the RUS -> SRB records."""
    out = {}
    for r in records(store, RecordFilter(supplier="RUS", recipient="SRB")):
        out[tuple(sorted(c.id for c in claims(store, record_id=r.id)))] = r
    return out


def edits(store, action):
    with store.session() as s:
        return s.scalars(select(Edit).where(Edit.action == action).order_by(Edit.claim_id)).all()


def test_merge_two_records_makes_one_with_every_source(filled, families):
    c17, c23a, c23b = (claim_id(filled, k) for k in ("mig-2017", "mig-2023a", "mig-2023b"))
    before = mig_records(filled)
    assert set(before) == {(c17,), (c23a, c23b)}
    pin = merge_records(filled, [before[(c17,)].id, before[(c23a, c23b)].id], "ana", note="one programme")
    assert filled.unfused()                                   # committed with the pins
    refuse(filled, families, {("RUS", "SRB")})
    [(ids, rec)] = mig_records(filled).items()
    assert ids == (c17, c23a, c23b)
    assert (rec.sources, rec.period_start, rec.period_end, rec.status) == (3, 2017, 2023, "delivered")
    assert pin in rec.key and record_of_pin(filled, pin) == rec.id == claim_record_id(filled, c17)
    audit = edits(filled, "merge")
    assert [(e.claim_id, e.user, e.note, e.changes) for e in audit] == \
        [(c, "ana", "one programme", {"pin": [None, pin]}) for c in (c17, c23a, c23b)]
    assert len(records(filled, RecordFilter(supplier="CHN"))) == 1          # another pair: untouched


def test_split_moves_claims_into_a_record_of_their_own(filled, families):
    c17, c23a, c23b = (claim_id(filled, k) for k in ("mig-2017", "mig-2023a", "mig-2023b"))
    rec = mig_records(filled)[(c23a, c23b)]
    pin = split_record(filled, rec.id, [c23b], "ana")
    refuse(filled, families, {("RUS", "SRB")})
    after = mig_records(filled)
    assert set(after) == {(c17,), (c23a,), (c23b,)}
    assert pin in after[(c23b,)].key and pin not in after[(c23a,)].key
    [e] = edits(filled, "split")
    assert (e.claim_id, e.changes) == (c23b, {"pin": [None, pin]})


def test_split_after_merge_keeps_the_merge_pin_on_the_rest_and_unpin_undoes_both(filled, families):
    c17, c23a, c23b = (claim_id(filled, k) for k in ("mig-2017", "mig-2023a", "mig-2023b"))
    ids = [r.id for r in mig_records(filled).values()]
    merged_pin = merge_records(filled, ids, "ana")
    refuse(filled, families, {("RUS", "SRB")})
    [merged] = mig_records(filled).values()
    split_pin = split_record(filled, merged.id, [c17], "bo")
    refuse(filled, families, {("RUS", "SRB")})
    after = mig_records(filled)
    assert set(after) == {(c17,), (c23a, c23b)}
    assert merged_pin in after[(c23a, c23b)].key and split_pin in after[(c17,)].key
    assert unpin(filled, [c17, c23a, c23b, c23a], "ana") == {("RUS", "SRB")}
    refuse(filled, families, {("RUS", "SRB")})
    assert set(mig_records(filled)) == {(c17,), (c23a, c23b)}
    assert all("#" not in r.key for r in mig_records(filled).values())
    assert [e.changes["pin"][1] for e in edits(filled, "unpin")] == [None, None, None]
    assert unpin(filled, [c17], "ana") == set()                # nothing pinned any more: no edit, no pair


def test_refusals_are_one_line_value_errors(filled):
    c17, c23a, c23b = (claim_id(filled, k) for k in ("mig-2017", "mig-2023a", "mig-2023b"))
    mig = mig_records(filled)
    [fk3] = records(filled, RecordFilter(supplier="CHN"))
    revision = filled.revision()
    cases = [
        (lambda: merge_records(filled, [mig[(c17,)].id, fk3.id], "ana"), "different supplier/recipient"),
        (lambda: merge_records(filled, [fk3.id, fk3.id], "ana"), "at least two"),
        (lambda: merge_records(filled, [fk3.id, 99999], "ana"), "no record 99999"),
        (lambda: merge_records(filled, [mig[(c17,)].id, fk3.id], ""), "user"),
        (lambda: split_record(filled, mig[(c23a, c23b)].id, [c23a, c23b], "ana"), "at least one"),
        (lambda: split_record(filled, mig[(c23a, c23b)].id, [c17], "ana"), f"claim {c17} is not in record"),
        (lambda: split_record(filled, mig[(c23a, c23b)].id, [], "ana"), "needs the claims"),
        (lambda: unpin(filled, [99999], "ana"), "no claim 99999"),
    ]
    for call, message in cases:
        with pytest.raises(ValueError) as err:
            call()
        assert message in str(err.value) and "\n" not in str(err.value)
    assert filled.revision() == revision and edits(filled, "merge") == []   # nothing was written


def test_register_records_are_not_merged(filled):
    sipri = TransferRecord(id=None, supplier="RUS", recipient="SRB", system="MiG-29", category="combat_aircraft",
                           period_start=2017, period_end=2017, status="delivered", source="sipri",
                           key="sipri|RUS|SRB|MiG-29|2017")
    filled.replace_records([(sipri, [])], None, source="sipri")
    [reg] = records(filled, RecordFilter(source="sipri"))
    with pytest.raises(ValueError, match="register"):
        merge_records(filled, [reg.id, next(iter(mig_records(filled).values())).id], "ana")


def test_pins_survive_reextraction_and_go_with_a_change_of_pair(filled):
    c17, c23a, c23b = (claim_id(filled, k) for k in ("mig-2017", "mig-2023a", "mig-2023b"))
    pin = split_record(filled, mig_records(filled)[(c23a, c23b)].id, [c23b], "ana")
    doc_id = claims(filled, doc="mig-2023b")[0].document_id
    [again] = [c for c in claims(filled, doc="mig-2023b")]
    text = again.evidence
    same = Claim(doc="mig-2023b", supplier="RUS", recipient="SRB", system="MiG-29", category="combat_aircraft",
                 quantity=None, status="ordered", year=2023, hedged=False, evidence=text, start=0, end=len(text))
    filled.replace_claims(doc_id, [same], "0.2.0")
    [kept] = claims(filled, doc="mig-2023b")
    assert (kept.id, kept.pin) == (c23b, pin)                  # the pinned claim is the analyst's: it stays
    filled.edit_claim(c23b, "ana", "edit", {"recipient": "HUN"})
    with filled.session() as s:
        assert s.get(ClaimRow, c23b).pin is None
    [e] = edits(filled, "edit")
    assert e.changes == {"recipient": ["SRB", "HUN"], "pin": [pin, None]}
