"""One error boundary per document at the store: a chunk whose transaction fails is stored one document at a
time, so only the document that cannot be stored is lost (and reported in one line); on SQLite and PostgreSQL.

The failure is a real one: a second writer stores one of the chunk's documents between the hash lookup and the
commit (two ingests of the same folder), and the store's unique content hash refuses the chunk's insert.
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
    from armsflow.store.repo import NewDocument

    docs = [Document(id=f"note-{i}", text=t + "\n", path=f"inbox/note-{i}\x1b[2J.md") for i, t in enumerate(TEXTS)]
    errors: list[str] = []
    stored: list[str] = []
    driver = Driver(store, Families(extractor.gazetteer), extractor.version, on_error=errors.append,
                    on_document=lambda d, what: stored.append(d.id) if what == "stored" else None)
    selection = driver.select(docs)
    assert len(selection.work) == len(docs)
    prepared = [prepare(w.doc, w.hash, extractor, None, sign=True) for w in selection.work]
    # another writer stores the third document meanwhile
    racer = selection.work[2]
    store.add_documents([NewDocument(racer.doc, [], extractor.version, signature=prepared[2].signature.to_dict(),
                                     content_hash=racer.hash)])

    driver.commit(selection, prepared)
    summary = driver.finish()

    (line,) = errors
    assert line.startswith("inbox/note-2\\x1b[2J.md: cannot store the document (IntegrityError: ")
    assert "\n" not in line and "\x1b" not in line
    assert stored == ["note-0", "note-1", "note-3", "note-4"]
    assert (summary.new, summary.failed) == (4, 1)
    known = store.known_hashes([w.hash for w in selection.work])
    assert len(known) == 5                                  # the four, and the other writer's copy
    assert known[racer.hash].extractor_version == extractor.version
    from armsflow.store.schema import ClaimRow

    with store.session() as s:                              # each stored document whole, with its claims
        suppliers = [c.supplier for c in s.query(ClaimRow).all()]
    assert len(suppliers) == summary.claims and {"KOR", "FRA", "USA"} <= set(suppliers)

    # idempotent: the same documents again are all known, nothing fails
    again = Driver(store, Families(extractor.gazetteer), extractor.version, on_error=errors.append)
    selection = again.select(docs)
    again.commit(selection, [])
    assert again.finish().unchanged == 5 and len(errors) == 1
