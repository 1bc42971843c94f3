"""Ingest the 32 real dev documents into a real store, twice, on SQLite and on PostgreSQL."""
from __future__ import annotations

import pytest

from armsflow.store.queries import RecordFilter, claims, records, sources


@pytest.fixture(scope="module")
def parts():
    from armsflow.catalog import load_catalog
    from armsflow.extract.pipeline import Extractor
    from armsflow.fuse.embed import load_embedder
    from armsflow.fuse.family import Families

    extractor = Extractor(load_catalog(include_user=False))
    return extractor, Families(extractor.gazetteer), load_embedder()


def _run(store, parts, folder):
    from armsflow.engine.ingest import ingest
    from armsflow.ingest.sources import iter_documents

    extractor, families, embedder = parts
    errors = []
    summary = ingest(iter_documents([str(folder)]), store, extractor, families, embedder=embedder,
                     on_error=errors.append)
    assert errors == []
    return summary


def test_ingest_twice_links_the_echo_and_counts_sources_once(store, parts, shared):
    folder = shared / "eval" / "dev" / "docs"
    first = _run(store, parts, folder)
    assert (first.read, first.new, first.failed) == (32, 32, 0)
    counts = store.counts()
    second = _run(store, parts, folder)
    assert (second.new, second.unchanged, second.reextracted) == (0, 32, 0)
    assert store.counts() == counts                        # nothing new the second time

    by_doc = {s.doc: s for s in sources(store)}
    echo = by_doc["seed-001"]
    assert (echo.echo_kind, echo.original_doc) == ("echo", "seed-000")
    assert [s.doc for s in by_doc.values() if s.original_id] == ["seed-001"]

    [t72] = [r for r in records(store, RecordFilter(supplier="RUS", recipient="SRB")) if r.system == "T-72MS"]
    assert t72.claims == 2 and t72.sources == 1            # reported by the seed pair only: one source
    assert {c.doc for c in claims(store, record_id=t72.id)} == {"seed-000", "seed-001"}
    assert store.integrity_check() == []
