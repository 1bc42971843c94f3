"""One error boundary per document at the store: a chunk whose transaction fails is stored one document at a
time, so only the document that cannot be stored is lost (and reported in one line); on SQLite and PostgreSQL.

The failure is a real one: the database refuses one document's row (a CHECK constraint on PostgreSQL, a trigger
on SQLite, standing for any row a database will not take), so the chunk's insert fails as a whole. A document
another writer stored meanwhile is not a failure: it is found stored (tests/store/test_concurrent_store.py).
"""
from __future__ import annotations

import pytest

from armsflow.model import Document

TEXTS = ["Peru has ordered four coastal patrol boats from South Korea, the navy said.",
         "Chile has ordered two Ground Master 400 radars from France, the air force said.",
         "In 2021, Serbia purchased MiG-29 fighter jets from Russia.",
         "Estonia received six HIMARS launchers from the United States in 2024.",
         "Latvia is in talks with Norway about a coastal missile battery."]


@pytest.fixture(scope="module")
def extractor():
    from armsflow.extract.pipeline import Extractor

    return Extractor()


def test_a_failed_chunk_is_stored_one_document_at_a_time(store, extractor):
    from armsflow.engine.ingest import Driver, prepare
    from armsflow.fuse.family import Families

    docs = [Document(id=f"note-{i}", text=t + "\n", path=f"inbox/note-{i}\x1b[2J.md") for i, t in enumerate(TEXTS)]
    errors: list[str] = []
    stored: list[str] = []
    driver = Driver(store, Families(extractor.gazetteer), extractor.version, on_error=errors.append,
                    on_document=lambda d, what: stored.append(d.id) if what == "stored" else None)
    selection = driver.select(docs)
    assert len(selection.work) == len(docs)
    prepared = [prepare(w.doc, w.hash, extractor, None, sign=True) for w in selection.work]
    _refuse_row(store, "note-2")

    driver.commit(selection, prepared)
    summary = driver.finish()

    (line,) = errors
    assert line.startswith("inbox/note-2\\x1b[2J.md: cannot store the document (IntegrityError: ")
    assert "\n" not in line and "\x1b" not in line
    assert stored == ["note-0", "note-1", "note-3", "note-4"]
    assert (summary.new, summary.failed) == (4, 1)
    known = store.known_hashes([w.hash for w in selection.work])
    assert len(known) == 4 and selection.work[2].hash not in known
    from armsflow.store.schema import ClaimRow

    with store.session() as s:                              # each stored document whole, with its claims
        suppliers = [c.supplier for c in s.query(ClaimRow).all()]
    assert len(suppliers) == summary.claims and {"KOR", "FRA", "USA"} <= set(suppliers)

    # idempotent: the same documents again are all known; the refused one is tried again (and refused again)
    again = Driver(store, Families(extractor.gazetteer), extractor.version, on_error=errors.append)
    selection = again.select(docs)
    assert [w.doc.id for w in selection.work] == ["note-2"]
    again.commit(selection, [prepare(w.doc, w.hash, extractor, None, sign=True) for w in selection.work])
    summary = again.finish()
    assert (summary.unchanged, summary.failed) == (4, 1) and len(errors) == 2


def _refuse_row(store, doc_key: str) -> None:
    """Make the database refuse the row of ``doc_key`` with an integrity error."""
    from sqlalchemy import text

    with store.engine.begin() as conn:
        if store.engine.dialect.name == "postgresql":
            conn.execute(text(f"ALTER TABLE documents ADD CONSTRAINT refuse_one CHECK (doc_key <> '{doc_key}')"))
        else:
            conn.execute(text(f"CREATE TRIGGER refuse_one BEFORE INSERT ON documents WHEN NEW.doc_key = '{doc_key}' "
                              "BEGIN SELECT RAISE(ABORT, 'refused'); END"))
