"""``armsflow demo``: what armsflow does, in one command on a fresh machine.

Builds a store from the bundled sample articles (armsflow/demo/) with the ordinary ingest, then writes a briefing
(HTML and PDF) for the region and period the samples cover best, with the ordinary briefing builder. The shell then
serves the store. Re-running on the same folder adds nothing to the store and rewrites the briefing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from armsflow.demo import ARTICLES

STORE_FILE = "store.sqlite"
# the samples' busiest region and years: Poland, Serbia, Greece, Hungary, Ukraine, Albania, Kosovo, 2015-2024
REGION, SINCE, UNTIL = "europe", 2015, 2024
BRIEFINGS = ("briefing.html", "briefing.pdf")


@dataclass
class Demo:
    directory: Path
    store: object                     # store.repo.Store
    summary: object                   # engine.ingest.IngestSummary
    briefings: list[Path] = field(default_factory=list)

    @property
    def db(self) -> Path:
        return self.directory / STORE_FILE


def build_demo(directory: Path, on_error=print) -> Demo:
    """Create (or reuse) ``directory``/store.sqlite, ingest the sample articles into it and write the briefing
    files beside it. Raises OSError when the folder cannot be made or written, StoreError when the store cannot be
    opened."""
    from armsflow.catalog import load_catalog
    from armsflow.engine.ingest import ingest
    from armsflow.extract.pipeline import Extractor
    from armsflow.fuse.family import Families
    from armsflow.ingest.sources import iter_documents
    from armsflow.report import write_briefing
    from armsflow.report.build import build_briefing
    from armsflow.store import open_store
    from armsflow.store.locks import writer_lock

    directory.mkdir(parents=True, exist_ok=True)
    store = open_store(str(directory / STORE_FILE))
    catalog = load_catalog()
    with writer_lock(store.engine):
        store.sync_entities(catalog)
    extractor = Extractor(catalog)
    summary = ingest(iter_documents([ARTICLES]), store, extractor, Families(extractor.gazetteer), on_error=on_error)
    briefing = build_briefing(store, REGION, SINCE, UNTIL, catalog=catalog)
    written = [write_briefing(briefing, directory / name) for name in BRIEFINGS]
    return Demo(directory, store, summary, written)
