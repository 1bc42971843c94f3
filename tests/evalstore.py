"""A store of the evaluation corpora and SIPRI exports, for the tests that read analyses on real text."""
from __future__ import annotations

import pytest


def build_eval_store(path, shared, corpora, registers):
    """A SQLite store at ``path`` with the documents of the evaluation ``corpora`` (names under ../shared/eval)
    ingested and the SIPRI ``registers`` (file names under ../shared/data/sipri) imported; skips when a register is
    absent."""
    from armsflow.catalog import load_catalog
    from armsflow.engine.ingest import ingest
    from armsflow.engine.registers import import_register
    from armsflow.extract.pipeline import Extractor
    from armsflow.fuse.embed import load_embedder
    from armsflow.fuse.family import Families
    from armsflow.ingest.sources import iter_documents
    from armsflow.store import open_store

    exports = [shared / "data" / "sipri" / name for name in registers]
    if not all(p.exists() for p in exports):
        pytest.skip(f"SIPRI exports absent under {exports[0].parent}")
    store = open_store(f"sqlite:///{path}")
    catalog = load_catalog(include_user=False)
    store.sync_entities(catalog)
    extractor = Extractor(catalog)
    families = Families(extractor.gazetteer)
    errors = []
    ingest(iter_documents([str(shared / "eval" / d / "docs") for d in corpora]), store, extractor, families,
           embedder=load_embedder(), on_error=errors.append)
    assert errors == []
    for p in exports:
        import_register(store, p, family=families.family)
    return store
