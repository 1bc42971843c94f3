"""Which platform a register component row is for, resolved with category context: an engine goes to a vehicle,
an aircraft or a ship, never to a rifle that shares a designation; a name that only resembles a catalogue system's is
a probable match, said to be ("probably"). Register rows written for these tests (figures made up)."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from armsflow.analyze import components as C
from test_components import CSV_HEAD, reg_row


def _tools(catalog):
    from armsflow.catalog.gazetteer import gazetteer_for

    return gazetteer_for(catalog), C.families(catalog)


ENGINE = {"designation": "vehicle engine", "description": "vehicle engine"}
RADAR = {"designation": "Giraffe-1X", "description": "air search radar"}


def test_component_kinds_say_which_hosts_they_fit():
    engine, radar = C.host_categories(ENGINE), C.host_categories(RADAR)
    assert "armoured_vehicle" in engine and "combat_aircraft" not in engine and "ship" not in engine
    assert {"combat_aircraft", "ship", "air_defence"} <= radar
    assert "ship" in C.host_categories({"description": "ship engine"})
    assert "helicopter" in C.host_categories({"description": "aircraft engine"})
    for row in (ENGINE, RADAR, {"description": "tank turret"}, {"description": "anti-submarine sonar"}, None,
                {"description": "something else"}):
        assert "small_arms" not in C.host_categories(row)


def test_an_engine_never_goes_to_the_rifle_of_the_same_designation(catalog):
    gaz, fam = _tools(catalog)
    assert catalog.systems["M16"].category == "small_arms"            # the clash: the rifle and the APC
    [h] = C.hosts_in_phrase("60 M-16 Milos APC made in Serbia", gaz, fam, ENGINE)
    assert (h.name, h.category, h.uncertain) == ("BOV M16", "armoured_vehicle", True)
    [h] = C.hosts_in_phrase("20 M16 armoured vehicles", gaz, fam, ENGINE)
    assert h.name == "BOV M16" and h.uncertain
    # named as the catalogue names it: certain
    [h] = C.hosts_in_phrase("60 BOV M16 Milos APC", gaz, fam, ENGINE)
    assert (h.name, h.uncertain) == ("BOV M16", False)
    [h] = C.hosts_in_phrase("Lazar-3 APC made in Serbia", gaz, fam, ENGINE)
    assert (h.name, h.uncertain) == ("Lazar 3", False)


def test_no_resembling_name_is_guessed_across_a_designation(catalog):
    gaz, fam = _tools(catalog)
    # "M-21" is not part of "BM-21" (a rocket launcher): the host stays as the register names it
    [h] = C.hosts_in_phrase("10 M-21 APC made in Serbia", gaz, fam, ENGINE)
    assert (h.name, h.matched, h.uncertain) == ("M-21", False, False)


def test_a_type_word_belongs_to_the_name_before_it(catalog):
    gaz, fam = _tools(catalog)
    hosts = C.hosts_in_phrase("F-16 combat aircraft and Mi-17 helicopters", gaz, fam, {"description": "radar"})
    assert [(h.name, h.category) for h in hosts] == [("F-16", "combat_aircraft"), ("Mi-17", "helicopter")]


ROWS = [
    reg_row(21, "USA", "SRB", "vehicle engine", "vehicle engine", "other",
            "Cummins diesel engines for 60 M-16 Milos APC made in Serbia", order_year=2019, delivery_years=(2020,)),
    reg_row(22, "USA", "SRB", "vehicle engine", "vehicle engine", "other",
            "Cummins diesel engines for 40 Lazar-3 APC made in Serbia", order_year=2017, delivery_years=(2019,)),
]


def test_depends_says_probably(catalog):
    graph = C.build_graph(catalog, ROWS, [], curated=[])
    rows = {r.host: r for r in C.depends(graph, "SRB")}
    assert "M16" not in rows
    milos, lazar = rows["BOV M16"], rows["Lazar 3"]
    assert milos.platform_uncertain and milos.host_label == "probably BOV M16"
    assert not lazar.platform_uncertain and lazar.host_label == "Lazar 3"
    assert milos.evidence[0]["platform_uncertain"] is True
    [reach] = [r for r in C.reach(graph, "USA") if r.host == "BOV M16"]
    assert reach.platform_uncertain and reach.host_label == "probably BOV M16"


def test_cli_depends_shows_probably(tmp_path, monkeypatch):
    from armsflow.cli import app
    from armsflow.engine.registers import import_register
    from armsflow.store import open_store

    monkeypatch.setenv("ARMSFLOW_HOME", str(tmp_path / "home"))
    path = tmp_path / "register.csv"
    path.write_bytes((CSV_HEAD + "Serbia,United States,2019,,60,,vehicle engine,vehicle engine,60,,2020,New,"
                      "Cummins diesel engines for 60 M-16 Milos APC made in Serbia,0.03,1.8,1.8\n").encode("latin-1"))
    url = f"sqlite:///{tmp_path / 's.db'}"
    store = open_store(url)
    import_register(store, path)
    store.engine.dispose()
    empty = tmp_path / "curated.yaml"
    empty.write_text("[]\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["components", "depends", "--state", "SRB", "--curated", str(empty),
                                      "--db", url])
    assert result.exit_code == 0, result.output
    assert "probably BOV M16" in result.stdout and "M16 " not in result.stdout.replace("BOV M16", "")
    result = CliRunner().invoke(app, ["components", "depends", "--state", "SRB", "--curated", str(empty),
                                      "--format", "jsonl", "--db", url])
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert row["host"] == "BOV M16" and row["platform_uncertain"] is True and row["host_label"] == "probably BOV M16"
