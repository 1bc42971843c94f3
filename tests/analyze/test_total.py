"""Every analysis, CLI analysis verb and briefing is total over incomplete stores: whatever records a real store holds
(no year, no system, no supplier or recipient, an unknown category, hedged only, register only, zero quantities,
strange years, duplicate and unicode names, one record, none), they answer without an exception.

Stores are random (tests/random_stores.py) and written into a real SQLite file through the store API, the news records
fused by the real fusion. Besides "no exception", the figures keep their invariants: shares of a scope sum to 1, an
HHI lies in 0..10,000, a density in 0..1, a kept state summary is the one computed afresh, a record with no year is
selected only when no period is asked for.

One explicit case goes through the whole pipeline: an undated sentence ingested by ``armsflow ingest``, then a dated
one (the ingest after it must work too), then every CLI verb and the briefing in every format.
"""
from __future__ import annotations

import math
import tempfile
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from random_stores import build_store, families, stores
from typer.testing import CliRunner

STATES = ["SRB", "RUS", "TUR", "USA", "ZZZ"]
EXAMPLES = 30
BRIEF_EXAMPLES = 8
PDF_EXAMPLES = 2


@dataclass(frozen=True)
class Query:
    """What one analysis run is asked: the dataset's selection and each analysis's options."""
    region: str | None
    since: int | None
    until: int | None
    source: str
    min_sources: int
    exclude_hedged: bool
    by: str
    per: str
    bucket: int
    weight: str


queries = st.builds(
    Query, region=st.sampled_from([None, "balkans", "western-balkans", "SRB", "XKX", "nato", "houthis"]),
    since=st.sampled_from([None, 2018, 2024, 0, 1000]), until=st.sampled_from([None, 2021, 2024, 9999]),
    source=st.sampled_from(["all", "news", "sipri"]), min_sources=st.sampled_from([0, 1, 2]),
    exclude_hedged=st.booleans(), by=st.sampled_from(["count", "tiv"]), per=st.sampled_from(["recipient", "region"]),
    bucket=st.sampled_from([1, 5, 200]), weight=st.sampled_from(["confidence", "count", "tiv"]),
).filter(lambda q: q.since is None or q.until is None or q.since <= q.until)

# every option value at least once, for the explicit cases
FIXED_QUERIES = [
    Query(None, None, None, "all", 0, False, "count", "recipient", 5, "confidence"),
    Query("balkans", 2018, 2024, "news", 2, True, "tiv", "region", 1, "tiv"),
    Query("SRB", 0, 9999, "sipri", 0, False, "count", "region", 200, "count"),
    Query("houthis", None, 2024, "all", 1, False, "tiv", "recipient", 5, "confidence"),
]


def catalog():
    """The shipped catalogue (loaded once: load_catalog keeps it), called rather than a fixture so that a failing
    example's report does not print it."""
    from armsflow.catalog import load_catalog

    return load_catalog(include_user=False)


def every_analysis(store, cat, asked: list[Query]) -> None:
    """Every analysis of analyze/ over the store: those of a dataset for each query, the others once."""
    from armsflow.analyze import components as C
    from armsflow.analyze import drones as DR
    from armsflow.analyze import dyads as DY
    from armsflow.analyze import network as N
    from armsflow.analyze.ceilings import ceilings_from_store
    from armsflow.analyze.dataset import load_dataset
    from armsflow.analyze.entrants import SCOPES, find_entrants, new_entrants
    from armsflow.analyze.shares import (alignment_trend, bloc_alignment, concentration, load_alignment,
                                         supplier_shares)
    from armsflow.analyze.state import depends_on, from_json, state_summary, summary_key, to_json
    from armsflow.store.aggregates import state_counts
    from armsflow.store.queries import RecordFilter

    table = load_alignment(catalog=cat)
    rivals = DY.load_rivals()
    regions = {g.slug: frozenset(g.members) for g in cat.groups.values() if g.kind == "region"}
    for q in asked:
        ds = load_dataset(store, q.region, q.since, q.until, q.min_sources, q.exclude_hedged, q.source, catalog=cat)
        ds.describe()
        span = ds.span()
        assert span is None or span[0] <= span[1]
        if q.since is not None or q.until is not None:
            assert all(it.years for it in ds.items), "an undated record selected for a period"
        rows = supplier_shares(ds, q.by, q.per)
        for scope in {r.scope for r in rows}:
            assert math.isclose(sum(r.share for r in rows if r.scope == scope), 1.0, rel_tol=1e-9), (scope, rows)
        assert all(0 <= r.hhi <= 10_000 + 1e-6 for r in rows)
        for c in concentration(ds, q.by, q.per):
            assert 0 <= c.hhi <= 10_000 + 1e-6 and 0 <= c.top_share <= 1 + 1e-9
        blocs = bloc_alignment(ds, table, q.by, q.per, q.bucket)
        for key in {(r.scope, r.bucket) for r in blocs}:
            assert math.isclose(sum(r.share for r in blocs if (r.scope, r.bucket) == key), 1.0, rel_tol=1e-9)
        alignment_trend(blocs)
        history = load_dataset(store, ds.members, catalog=cat)
        for scope in SCOPES:
            new_entrants(ds, history, scope)
        find_entrants(store, q.region, q.since, q.until, q.min_sources, q.exclude_hedged, q.source, catalog=cat)
        for pair in DY.pairs_in(rivals, ds.members)[:4] + [DY.find_pair(rivals, "ZZZ-SRB")]:
            DY.dyad_acquisitions(ds, pair, q.bucket, q.weight)
            for e in DY.escalation(ds, pair, q.bucket, q.weight):
                assert e.mutual >= 0
        DR.drone_flows(ds, q.bucket)
        DR.drones_by_region(ds, regions, q.bucket)
        DR.drone_operators(ds, limit=3)
        for y in N.network_figures(ds):
            assert 0 <= y.density <= 1
        for code in STATES:
            N.degrees(ds, code)
        N.yearly_edges(ds)
        ceilings_from_store(store, since=q.since, until=q.until, source=None if q.source == "all" else q.source,
                            cat=cat)
    graph = C.graph_from_store(store, cat)
    graph.to_json()
    family = families(cat).family
    for state in STATES:
        for category in (None, "uav"):
            C.summarise_depends(C.depends(graph, state, category))
        _, rows = C.embargo(graph, state, C.embargo_records(store, 2015), family, 2015)
        C.summarise_embargo(rows)
    for code in sorted(state_counts(store, RecordFilter())) + ["ZZZ"]:
        kept, _ = store.summary(summary_key(code), depends_on(code, rivals))
        fresh = state_summary(store, code, catalog=cat, rivals=rivals, alignment=table)
        assert from_json(to_json(fresh)) == fresh
        if kept is not None:
            assert from_json(kept) == fresh, f"the kept summary of {code} is not the one computed afresh"
        state_summary(store, code, 2018, 2024, "news", catalog=cat, rivals=rivals, alignment=table)


CLI_VERBS = [
    ["transfers"], ["shares"], ["shares", "--by", "tiv", "--region", "balkans"], ["blocs", "--trend"],
    ["blocs", "--bucket", "1", "--by", "tiv"], ["entrants"], ["entrants", "--region", "western-balkans"],
    ["dyads"], ["dyads", "--escalation", "--weight", "tiv"], ["dyads", "--pair", "SRB-XKX"], ["drones"],
    ["drones", "--by", "region"], ["drones", "--by", "operator"], ["network"], ["network", "--state", "SRB"],
    ["network", "--region", "balkans", "--side", "either", "--since", "2020"], ["ceilings"],
    ["components", "depends", "--state", "TUR"], ["components", "embargo", "--state", "USA"], ["diff-register"],
]


def every_cli_verb(db: str, verbs=CLI_VERBS, formats=("table", "json")) -> None:
    from armsflow.cli import app

    runner = CliRunner()
    for verb in verbs:
        for fmt in formats:
            result = runner.invoke(app, [*verb, "--format", fmt, "--db", db])
            assert result.exception is None or isinstance(result.exception, SystemExit), \
                (verb, result.output[-2000:])
            assert result.exit_code == 0, (verb, fmt, result.output[-2000:])


BRIEFS = [("balkans", None, None, 0, False), ("SRB", 2018, 2024, 1, True), ("nato", 0, 9999, 0, False),
          ("houthis", None, 2024, 0, False)]


def every_briefing(store, cat, folder: Path, asked=BRIEFS, formats=("md", "html", "pdf")) -> None:
    from armsflow.report import write_briefing
    from armsflow.report.build import build_briefing

    for region, since, until, ms, eh in asked:
        b = build_briefing(store, region, since, until, ms, eh, catalog=cat)
        assert b.problems() == []
        for fmt in formats:
            path = write_briefing(b, folder / f"brief-{region}.{fmt}")
            assert path.stat().st_size > 0


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(spec=stores, asked=st.lists(queries, min_size=1, max_size=3))
def test_every_analysis_is_total(spec, asked):
    cat = catalog()
    with tempfile.TemporaryDirectory() as tmp:
        store = build_store(spec, Path(tmp), cat)
        try:
            every_analysis(store, cat, asked)
        finally:
            store.engine.dispose()


@settings(max_examples=BRIEF_EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(spec=stores, verbs=st.lists(st.sampled_from(CLI_VERBS), min_size=2, max_size=5, unique_by=tuple),
       brief=st.sampled_from(BRIEFS))
def test_cli_verbs_and_briefings_are_total(spec, verbs, brief, monkeypatch, tmp_path_factory):
    cat = catalog()
    monkeypatch.setenv("ARMSFLOW_HOME", str(tmp_path_factory.getbasetemp() / "home"))
    with tempfile.TemporaryDirectory() as tmp:
        store = build_store(spec, Path(tmp), cat)
        try:
            every_cli_verb(f"sqlite:///{Path(tmp) / 'store.db'}", verbs, formats=("json",))
            every_briefing(store, cat, Path(tmp), [brief], formats=("md", "html"))
        finally:
            store.engine.dispose()


@settings(max_examples=PDF_EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(spec=stores.filter(lambda s: s.docs or s.register), brief=st.sampled_from(BRIEFS))
def test_pdf_briefings_are_total(spec, brief):
    cat = catalog()
    with tempfile.TemporaryDirectory() as tmp:
        store = build_store(spec, Path(tmp), cat)
        try:
            every_briefing(store, cat, Path(tmp), [brief], formats=("pdf",))
        finally:
            store.engine.dispose()


# --- one undated claim through the real pipeline ---------------------------------------------------------------

UNDATED = "Russia delivered T-72 tanks to Serbia."
DATED = "In 2021 China delivered six HQ-22 air defence systems to Serbia."


def test_an_undated_claim_leaves_every_analysis_and_briefing_working(tmp_path, monkeypatch):
    """One document with no date at all: its ingest, the next one, every analysis verb and the briefing work."""
    from armsflow.cli import app
    from armsflow.store import open_store
    from armsflow.store.queries import records

    cat = catalog()
    monkeypatch.setenv("ARMSFLOW_HOME", str(tmp_path / "home"))
    db = f"sqlite:///{tmp_path / 'store.db'}"
    runner = CliRunner()
    for name, text in (("undated", UNDATED), ("dated", DATED)):
        folder = tmp_path / name
        folder.mkdir()
        (folder / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
        result = runner.invoke(app, ["ingest", str(folder), "--db", db, "--quiet", "--no-semantic"])
        assert result.exit_code == 0 and result.exception is None, result.output
        assert "1 new" in result.output and "0 failed" in result.output, result.output
    store = open_store(db)
    try:
        recs = records(store)
        undated = [r for r in recs if r.system == "T-72"]
        assert len(undated) == 1 and undated[0].period_start is None and undated[0].period_end is None
        assert (undated[0].supplier, undated[0].recipient) == ("RUS", "SRB")
        assert any(r.supplier == "CHN" and r.period_start == 2021 for r in recs)
        every_analysis(store, cat, FIXED_QUERIES)
        every_briefing(store, cat, tmp_path, formats=("md", "html"))
        every_briefing(store, cat, tmp_path, BRIEFS[:1], formats=("pdf",))
    finally:
        store.engine.dispose()
    every_cli_verb(db, formats=("table",))
    out = tmp_path / "brief.md"
    result = runner.invoke(app, ["brief", "--region", "SRB", "--out", str(out), "--out", str(tmp_path / "b.html"),
                                 "--db", db])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "T-72" in text or "tanks" in text, "the undated record is missing from the unbounded briefing"
