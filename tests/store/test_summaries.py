"""Kept summaries on SQLite and PostgreSQL: a summary is current until the records of an actor it depends on
change (by fusion, by a register import, by a renamed state), and fusion refreshes the states it touched, so the
kept figures equal a fresh computation."""
from __future__ import annotations

from sqlalchemy import text

from armsflow.analyze.dataset import make_record
from armsflow.analyze.state import depends_on, from_json, state_summary, summary_key
from armsflow.engine.summaries import affected, refresh_summaries


def _records(store, pairs, dyads=None, year=2020):
    """Replace the news records of ``dyads`` (None: all) by one record per (supplier, recipient) of ``pairs``."""
    results = [(make_record(s, r, "uav", year, id=None, key=f"{s}>{r}:uav:{year}"), []) for s, r in pairs]
    store.replace_records(results, dyads)


def test_a_summary_is_current_until_an_actor_it_depends_on_changes(store):
    _records(store, [("TUR", "SRB"), ("RUS", "SRB"), ("USA", "XKX"), ("FRA", "POL")])
    deps = depends_on("SRB")
    assert "XKX" in deps and "POL" not in deps          # Serbia and Kosovo are rivals (analyze/data/rivals.yaml)
    kept, basis = store.summary("t/SRB", deps)
    assert kept is None
    store.put_summary("t/SRB", basis, '{"x": 1}')
    assert store.summary("t/SRB", deps) == ('{"x": 1}', basis)

    _records(store, [("FRA", "POL"), ("DEU", "POL")], {("FRA", "POL"), ("DEU", "POL")})
    assert store.summary("t/SRB", deps)[0] == '{"x": 1}', "Poland's records are not Serbia's"

    _records(store, [("CHN", "XKX")], {("CHN", "XKX")})
    kept, newer = store.summary("t/SRB", deps)
    assert kept is None and newer > basis, "a rival's records changed: Serbia's rival-pair figures are stale"

    store.put_summary("t/SRB", newer, '{"x": 2}')
    assert store.summary("t/SRB", deps)[0] == '{"x": 2}'
    _records(store, [("TUR", "SRB")], None)                # a full re-fusion touches everyone
    assert store.summary("t/SRB", deps)[0] is None


def test_a_renamed_state_makes_every_summary_stale(store, catalog):
    import dataclasses

    store.sync_entities(catalog)
    _records(store, [("TUR", "ALB")])
    kept, basis = store.summary("t/ALB", {"ALB"})
    store.put_summary("t/ALB", basis, "{}")
    store.sync_entities(catalog)                            # unchanged catalogue: nothing moves
    assert store.summary("t/ALB", {"ALB"})[0] == "{}"
    renamed = dataclasses.replace(catalog, states={**catalog.states, "TUR": dataclasses.replace(
        catalog.states["TUR"], name="Türkiye")})
    store.sync_entities(renamed)
    assert store.summary("t/ALB", {"ALB"})[0] is None


def test_refresh_computes_the_stale_ones_only_and_equals_a_fresh_computation(store, catalog):
    _records(store, [("TUR", "SRB"), ("RUS", "SRB"), ("RUS", "ARM"), ("IRN", "ARM"), ("USA", "POL")])
    assert refresh_summaries(store, catalog=catalog) == 7     # every actor with records: TUR RUS SRB ARM IRN USA POL
    assert refresh_summaries(store, catalog=catalog) == 0     # all current
    for code in ("SRB", "ARM", "POL", "RUS"):
        kept, _ = store.summary(summary_key(code), depends_on(code))
        assert from_json(kept) == state_summary(store, code, catalog=catalog), code

    _records(store, [("CHN", "SRB")], {("CHN", "SRB")})
    # Serbia and China changed, and Kosovo's page reads Serbia's records (their rivalry); Kosovo has no records
    assert affected({"CHN", "SRB"}, []) == {"CHN", "SRB"}
    assert refresh_summaries(store, {"CHN", "SRB"}, catalog=catalog) == 2
    kept, _ = store.summary(summary_key("SRB"), depends_on("SRB"))
    srb = from_json(kept)
    assert {p.code for p in srb.suppliers} == {"TUR", "RUS", "CHN"}
    assert srb.conc.suppliers == 3 and round(srb.conc.hhi) == 3333


def test_an_ingest_leaves_the_touched_states_current(store, extractor):
    """The ingest's fusion (engine/fusion.refuse) refreshes the states whose records it changed."""
    import datetime as dt

    from armsflow.engine.ingest import ingest
    from armsflow.fuse.family import Families
    from armsflow.model import Document

    families = Families(extractor.gazetteer)
    first = Document("tb2-albania", "In 2023 Turkey delivered six Bayraktar TB2 drones to Albania.",
                     published=dt.date(2024, 3, 5))
    ingest([first], store, extractor, families, on_error=print)
    kept, _ = store.summary(summary_key("ALB"), depends_on("ALB"))
    assert kept is not None and [p.code for p in from_json(kept).suppliers] == ["TUR"]

    second = Document("akinci-albania", "Albania received two Akinci drones from Turkey in 2024, and Italy sold it "
                      "four patrol boats in 2022.", published=dt.date(2024, 6, 1))
    ingest([second], store, extractor, families, on_error=print)
    kept, _ = store.summary(summary_key("ALB"), depends_on("ALB"))
    assert kept is not None, "the second ingest touched Albania: its summary was computed again"
    alb = from_json(kept)
    assert alb == state_summary(store, "ALB")
    assert sum(p.records for p in alb.suppliers) >= 2


def test_migration_0005_both_ways_keeps_the_records(store_url):
    from alembic import command
    from sqlalchemy import inspect

    from armsflow.store import open_store
    from armsflow.store.engine import make_engine
    from armsflow.store.migrate import config

    store = open_store(store_url)
    _records(store, [("TUR", "ALB"), ("RUS", "SRB")])
    store.put_summary("t/ALB", store.basis({"ALB"}), "{}")
    store.engine.dispose()
    engine = make_engine(store_url)
    with engine.begin() as conn:
        cfg = config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
    tables = set(inspect(engine).get_table_names())
    assert not {"summaries", "actor_revisions"} & tables and "records" in tables
    engine.dispose()
    again = open_store(store_url)                          # back to head: empty tables, every summary to compute
    assert again.summary("t/ALB", {"ALB"}) == (None, 0)
    with again.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM records")).scalar() == 2
    again.engine.dispose()
