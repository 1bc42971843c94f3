"""armsflow as a library: ``store = armsflow.open(path_or_url)`` and every use case as a method.

This is a thin facade over the engine's use cases (engine/ingest.py, review.py, exports.py, watches.py,
entrants.py), the store's queries and analyze/: the same functions the command line and the web call, so a notebook
and `armsflow` never disagree. Queries return :class:`~armsflow.engine.results.Results`, a list of typed records
with ``.rows()`` (the REST API's field names), ``.to_pandas()`` and ``.to_polars()``. Arguments are checked as on the
command line (analyze/arguments.py): a bad one raises ValueError with one sentence.
"""
from __future__ import annotations

import os
from functools import cached_property
from typing import Iterable

from armsflow.engine.results import Results


def _source(source: str) -> str | None:
    """The register a ``source`` argument names (None for all of them); another value is refused."""
    if source not in ("all", "news", "sipri"):
        raise ValueError(f"source {source!r}: choose all, news or sipri")
    return None if source == "all" else source


def open_store(target: str | os.PathLike | None = None) -> "ArmsflowStore":
    """The store at a SQLite file or a database URL (default: $ARMSFLOW_DB, else ~/.armsflow/armsflow.db), created
    or migrated to the current schema. Raises armsflow.store.StoreError when it cannot be opened."""
    from armsflow.store import open_store as open_db

    return ArmsflowStore(open_db(os.fspath(target) if target is not None else None))


class ArmsflowStore:
    """A knowledge store with its use cases. ``.db`` is the underlying store (store/repo.py) for what is not here."""

    def __init__(self, db):
        self.db = db
        self._extractor = None

    def __repr__(self) -> str:
        return f"<armsflow store {self.db.engine.url.render_as_string(hide_password=True)}>"

    # -- what every use case shares -------------------------------------------------------------------------------
    @cached_property
    def catalog(self):
        from armsflow.catalog import load_catalog

        return load_catalog()

    @cached_property
    def names(self) -> dict[str, str]:
        from armsflow.export.lookups import actor_names

        return actor_names(self.catalog)

    def _families(self):
        from armsflow.engine.review import default_families

        return self._extractor[1] if self._extractor else default_families()

    def _extract(self, time_limit: float | None = None):
        """The extractor and fusion families, built on first use (loading spaCy takes seconds) and kept."""
        if self._extractor is None:
            from armsflow.extract.pipeline import Extractor
            from armsflow.fuse.family import Families
            from armsflow.store.locks import writer_lock

            with writer_lock(self.db.engine):
                self.db.sync_entities(self.catalog)
            ex = Extractor(self.catalog)
            self._extractor = (ex, Families(ex.gazetteer))
        self._extractor[0].time_limit = time_limit
        return self._extractor

    # -- ingest ---------------------------------------------------------------------------------------------------
    def ingest(self, paths: Iterable | str | os.PathLike, fetch: bool = False, limits=None):
        """Read files, folders, ``.list`` files (and with ``fetch`` URLs) into the store, as `armsflow ingest`:
        documents, claims, echoes, then the records they touch fused. Returns the IngestSummary; ``.errors`` on it
        lists one line per input that failed."""
        from armsflow.ingest.limits import DEFAULT
        from armsflow.ingest.sources import iter_documents

        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        limits = limits or DEFAULT
        fetcher = None
        if fetch:
            from armsflow.ingest.fetch import http_fetcher
            fetcher = http_fetcher()
        return self._run_ingest(iter_documents([os.fspath(p) for p in paths], fetch=fetcher, limits=limits),
                                limits)

    def ingest_bytes(self, data: bytes, name: str, limits=None):
        """Ingest a document held in memory (text, Markdown, HTML, PDF or a feed, told by its content; ``name``
        gives the suffix and the id's wording), as the web upload does. Returns the IngestSummary."""
        from armsflow.ingest.isolate import IsolatedReader
        from armsflow.ingest.limits import UPLOAD
        from armsflow.ingest.sources import read_named

        if not isinstance(data, (bytes, bytearray)):
            raise TypeError("ingest_bytes takes bytes (encode text first)")
        limits = limits or UPLOAD
        reader = IsolatedReader(limits)
        try:
            return self._run_ingest(list(read_named(bytes(data), name, reader=reader, limits=limits)), limits)
        finally:
            reader.close()

    def _run_ingest(self, items, limits):
        from armsflow.engine.ingest import ingest

        ex, families = self._extract(limits.seconds)
        errors: list[str] = []
        summary = ingest(items, self.db, ex, families, on_error=errors.append)
        summary.errors = errors
        return summary

    # -- queries --------------------------------------------------------------------------------------------------
    def record_filter(self, supplier=None, recipient=None, region=None, category=None, since=None, until=None,
                      status=None, source: str = "all", min_sources: int = 0, system=None):
        """A store.queries.RecordFilter from the arguments of `armsflow transfers`, each checked."""
        from armsflow.analyze import arguments as A
        from armsflow.store.queries import RecordFilter

        register = _source(source)
        if not isinstance(min_sources, int) or min_sources < 0:
            raise ValueError(f"min_sources {min_sources!r}: must be a whole number, 0 or more")
        lo, hi = A.period(since, until, "since", "until")
        members = A.region(region, "region", self.catalog)[1] if region else None
        return RecordFilter(supplier=A.actor(supplier, "supplier", self.catalog),
                            recipient=A.actor(recipient, "recipient", self.catalog),
                            members=set(members) if members is not None else None,
                            category=A.category(category, "category"), since=lo, until=hi,
                            status=A.status(status, "status"), source=register,
                            min_sources=min_sources, system=system or None)

    def transfers(self, **filters) -> Results:
        """Transfer records (TransferRecord), filtered as `armsflow transfers` (supplier, recipient, region,
        category, since, until, status, source, min_sources, system)."""
        from armsflow.engine.listing import record_rows
        from armsflow.store.queries import records

        rows = records(self.db, self.record_filter(**filters))
        return Results(rows, lambda items: record_rows(items, self.names))

    def claims(self, supplier=None, recipient=None, category=None, status=None, review=None, doc=None,
               record_id: int | None = None, limit: int | None = None) -> Results:
        """Extracted claims (ClaimView) with their evidence, oldest document first."""
        from armsflow.analyze import arguments as A
        from armsflow.engine.listing import claim_rows
        from armsflow.store import browse

        if review not in (None, "extracted", "accepted", "rejected", "edited"):
            raise ValueError(f"review {review!r}: choose extracted, accepted, rejected or edited")
        f = browse.ClaimFilter(supplier=A.actor(supplier, "supplier", self.catalog),
                               recipient=A.actor(recipient, "recipient", self.catalog),
                               category=A.category(category, "category"), status=A.status(status, "status"),
                               review=review, doc=doc, record_id=record_id)
        _, rows = browse.claims_page(self.db, f, limit or 2**62, 0)
        return Results(rows, lambda items: claim_rows(self.db, items, self.names))

    def documents(self, publisher=None, kind=None, echo: bool | None = None, since=None, until=None,
                  limit: int | None = None) -> Results:
        """Ingested documents (DocumentView, without their text), oldest first."""
        from armsflow.engine.listing import document_rows
        from armsflow.store import browse

        if kind not in (None, "text", "html", "pdf", "feed"):
            raise ValueError(f"kind {kind!r}: choose text, html, pdf or feed")
        f = browse.DocumentFilter(publisher=publisher, kind=kind, echo=echo, since=since, until=until)
        _, rows = browse.documents_page(self.db, f, limit or 2**62, 0)
        return Results(rows, document_rows)

    def sources(self) -> Results:
        """The documents with their source cluster and the documents each repeats (SourceView), as `armsflow
        sources`."""
        from armsflow.store.queries import sources

        return Results(sources(self.db))

    # -- analyses -------------------------------------------------------------------------------------------------
    def dataset(self, region=None, recipient=None, since=None, until=None, min_sources: int = 0,
                exclude_hedged: bool = False, source: str = "all", side: str = "recipient",
                with_evidence: bool = False, members: Iterable[str] | None = None):
        """The analysis dataset (analyze/dataset.py) of a region (or one recipient, or the recipients ``members``),
        period, threshold and source."""
        from armsflow.analyze import arguments as A
        from armsflow.analyze.dataset import load_dataset

        if region and recipient:
            raise ValueError("give region or recipient, not both")
        _source(source)
        lo, hi = A.period(since, until, "since", "until")
        if members is not None:
            where = set(members)
        elif recipient:
            where = A.actor(recipient, "recipient", self.catalog)
        else:
            where = A.region(region, "region", self.catalog)[0]
        return load_dataset(self.db, where, lo, hi, min_sources, exclude_hedged, source, side,
                            with_evidence=with_evidence, catalog=self.catalog)

    def shares(self, by: str = "count", per: str | None = None, **selection) -> Results:
        """Supplier shares per recipient (or per region) with the concentration, as `armsflow shares`."""
        from armsflow.analyze.shares import supplier_shares

        ds = self.dataset(**selection)
        return Results(supplier_shares(ds, by, per or ("region" if selection.get("region") else "recipient")))

    def concentration(self, by: str = "count", per: str | None = None, **selection) -> Results:
        """Supplier concentration (HHI) per recipient or region."""
        from armsflow.analyze.shares import concentration

        ds = self.dataset(**selection)
        return Results(concentration(ds, by, per or ("region" if selection.get("region") else "recipient")))

    def blocs(self, by: str = "count", per: str | None = None, bucket: int = 5, **selection) -> Results:
        """Bloc alignment: each supplier group's share per time bucket, as `armsflow blocs`."""
        from armsflow.analyze.shares import bloc_alignment, load_alignment

        ds = self.dataset(**selection)
        per = per or ("region" if selection.get("region") else "recipient")
        return Results(bloc_alignment(ds, load_alignment(None, self.catalog), by, per, bucket))

    def drones(self, by: str = "supplier", bucket: int = 5, limit: int | None = None, **selection) -> Results:
        """Drone transfers by supplier per time bucket, or (``by="operator"``) the largest operators."""
        from armsflow.analyze import drones as D

        ds = self.dataset(**selection)
        if by not in ("supplier", "operator"):
            raise ValueError(f"by {by!r}: choose supplier or operator")
        return Results(D.drone_operators(ds, limit=limit) if by == "operator" else D.drone_flows(ds, bucket))

    def network(self, state: str | None = None, **selection) -> Results:
        """The transfer network's figures per year, or one state's in- and out-degree per year."""
        from armsflow.analyze import arguments as A
        from armsflow.analyze.network import degrees, network_figures

        code = A.actor(state, "state", self.catalog)
        ds = self.dataset(**selection)
        return Results(degrees(ds, code) if code else network_figures(ds))

    def entrants(self, scope: str = "both", **selection) -> Results:
        """New entrants of the period, as `armsflow entrants` (each with the claims behind its entry)."""
        from armsflow.analyze.dataset import load_dataset
        from armsflow.analyze.entrants import new_entrants

        ds = self.dataset(with_evidence=True, **selection)
        history = load_dataset(self.db, ds.members, catalog=self.catalog)
        return Results(new_entrants(ds, history, scope))

    def dyads(self, pair: str | None = None, region: str | None = None, weight: str = "confidence", bucket: int = 5,
              escalation: bool = False, rivals: str | os.PathLike | None = None, since=None, until=None,
              min_sources: int = 0, exclude_hedged: bool = False, source: str = "all") -> Results:
        """Rival dyads as `armsflow dyads`: each side's acquisitions by category and bucket (DyadRow), or with
        ``escalation`` the escalation indicator per bucket (Escalation); one ``pair`` ("SRB-XKX"), else the pairs
        of the rivals file (default: analyze/data/rivals.yaml) with a side in ``region`` (all without)."""
        from armsflow.analyze import arguments as A
        from armsflow.analyze import dyads as D

        if pair and region:
            raise ValueError("give pair or region, not both")
        if weight not in D.WEIGHTS:
            raise ValueError(f"weight {weight!r}: choose {', '.join(D.WEIGHTS)}")
        if not isinstance(bucket, int) or bucket < 1:
            raise ValueError(f"bucket {bucket!r}: give a whole number of years, 1 or more")
        sides = A.pair(pair, "pair", self.catalog)
        members = A.region(region, "region", self.catalog)[1]
        chosen = D.chosen_pairs(D.load_rivals(rivals), sides, members)
        ds = self.dataset(since=since, until=until, min_sources=min_sources, exclude_hedged=exclude_hedged,
                          source=source, members=D.sides_of(chosen))
        return Results(D.dyad_rows(ds, chosen, bucket, weight, escalation))

    def components(self, state: str, embargo: bool = False, summary: bool = False, category: str | None = None,
                   exact: bool = False, foreign_only: bool = False, since=None, source: str = "all",
                   hosts: bool = False, curated: str | os.PathLike | None = None) -> Results:
        """Component dependence as `armsflow components depends`: the chains from the state's weapons (of a
        ``category``) to the components' makers (DependenceRow; ``summary``: one StateSummary per maker state).
        With ``embargo``, as `armsflow components embargo`: the export records an embargo on the state's
        components would touch (EmbargoRow; ``summary``: per recipient; ``hosts``: the touched hosts)."""
        from armsflow.analyze import arguments as A
        from armsflow.analyze import components as C

        code = A.actor(state, "state", self.catalog, states_only=True)
        if embargo:
            lo = A.year(since, "since")
            src = _source(source)
            graph = C.graph_from_store(self.db, self.catalog, curated_path=curated)
            touched, rows, _ = C.embargo_from_store(self.db, graph, code, self.catalog, since=lo, source=src)
            if hosts:
                return Results([C.host_view(r) for r in touched])
            return Results(C.summarise_embargo(rows) if summary else rows)
        try:
            C.line_categories(category, exact)
        except ValueError as exc:
            raise ValueError(f"category: {exc}") from None
        graph = C.graph_from_store(self.db, self.catalog, curated_path=curated)
        rows = C.depends(graph, code, category, exact, include_domestic=not foreign_only)
        return Results(C.summarise_depends(rows) if summary else rows)

    def ceilings(self, treaty: str = "dayton-iv", since=None, until=None, source: str = "all") -> Results:
        """Treaty ceilings per Party and category against holdings and acquisitions (CeilingRow), as `armsflow
        ceilings`; acquisitions from ten years back when ``since`` is not given."""
        from armsflow.analyze.ceilings import acquisition_period, ceilings_from_store

        lo, hi = acquisition_period(since, until, "since", "until")
        _, rows = ceilings_from_store(self.db, treaty, since=lo, until=hi, source=_source(source), cat=self.catalog)
        return Results(rows)

    def brief(self, region: str, out: Iterable | str | os.PathLike | None = None, since=None, until=None,
              min_sources: int = 0, exclude_hedged: bool = False):
        """The briefing of a region and period (report/build.py), written to each of ``out`` (.md, .html, .pdf)
        when given. Returns (the Briefing, the paths written)."""
        from armsflow.analyze import arguments as A
        from armsflow.report import write_briefing
        from armsflow.report.build import build_briefing

        label = A.region(region, "region", self.catalog)[0]
        lo, hi = A.period(since, until, "since", "until")
        briefing = build_briefing(self.db, label, lo, hi, min_sources, exclude_hedged, catalog=self.catalog)
        outs = [out] if isinstance(out, (str, os.PathLike)) else list(out or [])
        return briefing, [write_briefing(briefing, p) for p in outs]

    # -- writing --------------------------------------------------------------------------------------------------
    @cached_property
    def review(self) -> "Review":
        return Review(self)

    @cached_property
    def watches(self) -> "Watches":
        return Watches(self)

    def export(self, format: str, out, **filters):
        """Write the records the filters admit (those of :meth:`transfers`) as ``format`` (csv, json, jsonl,
        parquet, graphml, geojson) to a path (replaced whole) or a binary file. Returns the ExportResult."""
        from armsflow.engine.exports import export
        from armsflow.export.registry import Lookups

        return export(self.db, format, out, self.record_filter(**filters), Lookups(self.catalog, self.names))


class Review:
    """An analyst's changes (engine/review.py), each audited under ``user`` and followed by the fusion it needs."""

    def __init__(self, store: ArmsflowStore):
        self._s = store

    def _claim(self, claim_id, user, action, changes, note):
        from armsflow.engine.review import review_claim

        return review_claim(self._s.db, claim_id, user, action, changes, note, self._s._families())

    def accept(self, claim_id: int, user: str, note: str | None = None):
        return self._claim(claim_id, user, "accept", None, note)

    def reject(self, claim_id: int, user: str, note: str | None = None):
        return self._claim(claim_id, user, "reject", None, note)

    def edit(self, claim_id: int, user: str, note: str | None = None, **changes):
        """Correct fields: supplier, recipient, system, category, quantity, status, year, hedged."""
        return self._claim(claim_id, user, "edit", changes, note)

    def merge(self, record_ids: Iterable[int], user: str, note: str | None = None):
        from armsflow.engine.review import merge

        return merge(self._s.db, record_ids, user, note, self._s._families())

    def split(self, record_id: int, claim_ids: Iterable[int], user: str, note: str | None = None):
        from armsflow.engine.review import split

        return split(self._s.db, record_id, claim_ids, user, note, self._s._families())

    def unpin(self, claim_ids: Iterable[int], user: str, note: str | None = None):
        from armsflow.engine.review import unpin

        return unpin(self._s.db, claim_ids, user, note, self._s._families())


class Watches:
    """Saved watches (store/watches.py) and their runs (engine/watches.py)."""

    def __init__(self, store: ArmsflowStore):
        self._s = store

    def add(self, name: str, kind: str = "claims", user: str | None = None, backfill: bool = False, **criteria):
        """Save a watch; ``criteria`` are watch.match.Criteria's fields (region, supplier, category, ...)."""
        from armsflow.store.watches import add_watch
        from armsflow.watch.match import Criteria

        return add_watch(self._s.db, name, kind, Criteria(**criteria), user, backfill)

    def list(self) -> Results:
        from armsflow.store.watches import list_watches

        return Results(list_watches(self._s.db), lambda items: [w.to_json() for w in items])

    def remove(self, name: str) -> None:
        from armsflow.store.watches import remove_watch

        remove_watch(self._s.db, name)

    def run(self, names: Iterable[str] | None = None, advance: bool = True) -> Results:
        """Run the watches (all, or ``names``); their matches (WatchMatch) since each one's last run. With
        ``advance`` (the default) the marks move, as `armsflow watch run`; False is a dry run."""
        from armsflow.engine.watches import fuse_if_needed, run_watches

        fuse_if_needed(self._s.db, names, self._s._families())
        runs = run_watches(self._s.db, names, advance=advance)
        return Results([m for r in runs for m in r.matches], lambda items: [m.to_json() for m in items])
