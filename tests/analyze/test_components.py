"""Component dependence: graphs built by hand from register rows, claims and curated entries written for these tests,
with the answers worked out by hand; the shipped curated file checked; one run on the real SIPRI register."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from armsflow.analyze import components as C
from armsflow.model import TransferRecord

SIPRI_FILE = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "sipri" / "trade-register-2025-03.csv"


# --- fixtures written for the tests -----------------------------------------------------------------------------------

def reg_row(id, supplier, recipient, designation, description, category, comments, order_year=2018,
            delivery_years=(2019,), supplier_name=None, recipient_name=None):
    return {"id": id, "register": "sipri", "supplier": supplier, "recipient": recipient,
            "supplier_name": supplier_name or supplier, "recipient_name": recipient_name or recipient,
            "designation": designation, "description": description, "category": category, "comments": comments,
            "order_year": order_year, "delivery_years": list(delivery_years)}


ROWS = [
    # an engine with a generic designation: the comments name the engine and the host
    reg_row(1, "CAN", "ISR", "aircraft engine", "aircraft engine", "other",
            "Pratt & Whitney Canada PT-6A-67A (1200hp) turboprop; for 10 Heron-TP UAV produced in Israel"),
    # a turret for a host the catalogue does not know: named from the phrase, made where the phrase says
    reg_row(2, "RUS", "IRN", "BMP-2 turret", "infantry fighting vehicle turret", "other",
            "For 40 Boraq IFV produced in Iran; status uncertain", order_year=2001, delivery_years=(2002, 2003)),
    # a retrofit: the dependence starts with the modernization
    reg_row(3, "USA", "TUR", "vehicle engine", "vehicle engine", "other",
            "Detroit Diesel 6V-53T (275hp) diesel engine; for modernization of 300 M-113 APC", order_year=1995,
            delivery_years=(1996, 1997)),
    # no host: a radar bought on its own
    reg_row(4, "SWE", "SRB", "Giraffe-AMB", "air search radar", "sensor", "Part of $50 m deal"),
    # not a component row
    reg_row(5, "TUR", "AZE", "Bayraktar TB2", "armed UAV", "uav", "For border patrol"),
]

CLAIMS = [
    {"id": 11, "doc": "akinci", "supplier": "UKR", "recipient": "TUR", "system": "AI-450", "category": "other",
     "status": "delivered", "year": 2021, "hedged": False, "review": "extracted",
     "evidence": "Turkey's Akinci drones are powered by AI-450 engines made by Motor Sich."},
    {"id": 12, "doc": "wescam", "supplier": "CAN", "recipient": "TUR", "system": "WESCAM MX-15", "category": "sensor",
     "status": "cancelled", "year": 2020, "hedged": False, "review": "extracted",
     "evidence": "Canada suspended exports of WESCAM MX-15 sensors used on Bayraktar TB2 drones in 2020."},
    {"id": 13, "doc": "rejected", "supplier": "FRA", "recipient": "TUR", "system": "Safran M88", "category": "other",
     "status": "delivered", "year": 2022, "hedged": False, "review": "rejected",
     "evidence": "Kaan jets will fly on Safran M88 engines."},
    {"id": 14, "doc": "giraffe", "supplier": "SWE", "recipient": "SRB", "system": "Giraffe AMB", "category": "sensor",
     "status": "delivered", "year": 2020, "hedged": False, "review": "extracted",
     "evidence": "Serbia bought Giraffe AMB radars from Sweden."},
    {"id": 15, "doc": "mtu", "supplier": "DEU", "recipient": "CHN", "system": "MTU 396", "category": "other",
     "status": "delivered", "year": 2019, "hedged": True, "review": "extracted",
     "evidence": "Germany reportedly delivered MTU 396 engines to China."},
]

CURATED = [
    C.CuratedComponent(host="Bayraktar TB2", component="Rotax 912", kind="engine", maker="BRP-Rotax", state="AUT",
                       note="test entry", citation="test citation", until=2020),
    C.CuratedComponent(host="Shahed-136", component="US-made microelectronics", kind="electronics",
                       maker="various US-based firms", state="USA", note="test entry", citation="test citation"),
    C.CuratedComponent(host="Mohajer-6", component="Foreign electronics", kind="electronics", maker="various",
                       state="various", note="test entry", citation="test citation", uncertain=True),
    # makes the MX-15 a known component, so the sensor claim above counts
    C.CuratedComponent(host="Anka", component="WESCAM MX-15", kind="sensor", maker="L3Harris WESCAM", state="CAN",
                       note="test entry", citation="test citation", uncertain=True),
]


@pytest.fixture(scope="module")
def graph(catalog):
    return C.build_graph(catalog, ROWS, CLAIMS, CURATED)


def rec(id, supplier, recipient, system, category, start, end, qty=None, source="sipri", status="delivered"):
    return TransferRecord(id=id, supplier=supplier, recipient=recipient, system=system, category=category,
                          period_start=start, period_end=end, status=status, quantity_min=qty, quantity_max=qty,
                          source=source)


RECORDS = [
    rec(1, "TUR", "POL", "Bayraktar TB2", "uav", 2021, 2022, 24),      # after the 2020 cut-offs
    rec(2, "TUR", "AZE", "Bayraktar TB2", "uav", 2020, 2020, 12),
    rec(3, "ISR", "DEU", "Heron-TP", "uav", 2018, 2021, 5),
    rec(4, "CAN", "USA", "Heron TP", "uav", 2019, 2019, 1),             # the embargoing state's own export
    rec(5, "TUR", "UKR", "Bayraktar Akinci", "uav", 2022, 2023, 2),
    rec(6, "TUR", "AZE", "TB2", "uav", 2019, 2019, 6, source="news"),   # an alias: the same family
    rec(7, "USA", "EGY", "M-113", "armoured_vehicle", 1980, 1985, 100),  # before the retrofit
    rec(8, "TUR", "JOR", "M-113A2", "armoured_vehicle", 2005, 2006, 50), # a variant, after the retrofit
]


# --- parsing the register's phrases -----------------------------------------------------------------------------------

def test_for_phrases():
    assert C.for_phrases("Part of $10 m deal; for 5 Heron-TP UAV from Israel; spares") == ["5 Heron-TP UAV from Israel"]
    assert C.for_phrases("For use with GDF 35mm AA guns") == ["use with GDF 35mm AA guns"]
    assert C.for_phrases(None) == []


def test_hosts_in_phrases(catalog):
    from armsflow.catalog.gazetteer import gazetteer_for

    gaz, fam = gazetteer_for(catalog), C.families(catalog)
    [h] = C.hosts_in_phrase("5 Heron-TP UAV from Israel", gaz, fam)
    assert (h.name, h.category, h.origin, h.matched) == ("Heron TP", "uav", "ISR", True)
    [h] = C.hosts_in_phrase("4 Al-Muhandis FAC produced in Iran", gaz, fam)
    assert (h.name, h.category, h.origin, h.matched) == ("Al-Muhandis", "ship", "IRN", False)
    [h] = C.hosts_in_phrase("modernization of 12 Kolibri-9 trainer aircraft", gaz, fam)
    assert (h.name, h.category, h.retrofit) == ("Kolibri-9", "aircraft", True)
    assert C.hosts_in_phrase("testing of sensors", gaz, fam) == []
    assert C.hosts_in_phrase("coast guard", gaz, fam) == []


def test_register_component_names(catalog):
    from armsflow.catalog.gazetteer import gazetteer_for

    gaz, fam = gazetteer_for(catalog), C.families(catalog)
    assert C.register_component(ROWS[0], gaz, fam) == ("PT6", "Pratt & Whitney Canada", "CAN")
    assert C.register_component(ROWS[2], gaz, fam)[0] == "Detroit Diesel 6V-53T diesel engine"
    assert C.register_component(ROWS[1], gaz, fam)[0] == "BMP-2 turret"


# --- the graph ----------------------------------------------------------------------------------------------------------

def test_graph_structure(graph):
    g = graph.g
    # system → component → maker → state
    assert g.edges["system:Heron TP", "system:PT6"]["kind"] == "uses"
    assert g.edges["system:PT6", "maker:Pratt & Whitney Canada|CAN"]["kind"] == "made_by"
    assert g.edges["maker:Pratt & Whitney Canada|CAN", "state:CAN"]["kind"] == "based_in"
    assert graph.system("Boraq") == {"kind": "system", "name": "Boraq", "category": "armoured_vehicle",
                                     "origin": "IRN", "matched": False, "maker": None}
    # the rejected claim, the lone radar (row and claim) and the non-component row left no trace
    assert graph.system("Safran M88") is None
    assert graph.system("Giraffe AMB") is None and not graph.uses("Bayraktar TB2") == []
    assert sorted(graph.components_made_in("CAN")) == ["PT6", "WESCAM MX-15"]
    # an engine claim without a named host goes to the recipient's unspecified system
    [(comp, [ev])] = graph.uses("unspecified CHN system")
    assert (comp, ev.state, ev.uncertain, ev.source) == ("MTU 396", "DEU", True, "claim")


def test_depends_turkish_uav_line(graph):
    rows = C.depends(graph, "TUR", "uav")
    got = {(r.host, r.component, r.state, r.sources, r.until) for r in rows}
    assert got == {
        ("Bayraktar TB2", "Rotax 912", "AUT", "curated", 2020),
        ("Bayraktar TB2", "WESCAM MX-15", "CAN", "claim", 2020),       # the cancelled claim ends it in 2020
        ("Bayraktar Akinci", "AI-450", "UKR", "claim", None),
        ("Anka", "WESCAM MX-15", "CAN", "curated", None),
    }
    assert all(r.foreign for r in rows)
    summary = {s.state: (s.hosts, s.components) for s in C.summarise_depends(rows)}
    assert summary == {"CAN": (2, 1), "AUT": (1, 1), "UKR": (1, 1)}


def test_depends_iranian_uav_line(graph):
    line = {(r.host, r.state) for r in C.depends(graph, "IRN", "uav")}
    assert line == {("Shahed-136", "USA"), ("Mohajer-6", "various")}        # loitering munitions are in the line
    assert {(r.host, r.state) for r in C.depends(graph, "IRN", "uav", exact=True)} == {("Mohajer-6", "various")}
    [row] = C.depends(graph, "IRN", "armoured_vehicle")
    assert (row.host, row.component, row.state, row.foreign) == ("Boraq", "BMP-2 turret", "RUS", True)
    with pytest.raises(ValueError):
        C.depends(graph, "IRN", "spaceship")


def test_embargo_canada(graph, catalog):
    touched, rows = C.embargo(graph, "CAN", RECORDS, C.families(catalog))
    assert {r.host for r in touched} == {"Heron TP", "Bayraktar TB2", "Anka"}
    # record 1 starts after the 2020 cut-off, 4 is Canada's own export, 5 uses no Canadian part
    assert sorted(r.record_id for r in rows) == [2, 3, 6]
    summary = {s.recipient: (s.records, s.quantity) for s in C.summarise_embargo(rows)}
    assert summary == {"AZE": (2, 18), "DEU": (1, 5)}
    _, later = C.embargo(graph, "CAN", RECORDS, C.families(catalog), since=2021)
    assert [r.record_id for r in later] == [3]


def test_embargo_austria_and_retrofit(graph, catalog):
    _, rows = C.embargo(graph, "AUT", RECORDS, C.families(catalog))
    assert sorted(r.record_id for r in rows) == [2, 6]
    # the US engine was fitted to M-113s from 1995: the 1980s export is not touched, the later variant is
    touched, rows = C.embargo(graph, "USA", RECORDS, C.families(catalog))
    [m113] = [t for t in touched if t.host == "M113"]
    assert m113.since == 1995
    assert [r.record_id for r in rows] == [8]


def test_nested_components(catalog):
    g = C.ComponentGraph(catalog)
    ev = lambda host, comp, state: C.Evidence(source="curated", ref="t", host=host, component=comp, maker="m",
                                              state=state, text="t")
    g.add(C.HostRef("Vehicle-X", "armoured_vehicle", "POL", False), "Turret-Y", "other",
          ev("Vehicle-X", "Turret-Y", "ISR"))
    g.add(C.HostRef("Turret-Y", "other", "ISR", False), "Gun-Z", "other", ev("Turret-Y", "Gun-Z", "USA"))
    rows = C.depends(g, "POL", "armoured_vehicle")
    assert {(r.component, r.via, r.state) for r in rows} == {("Turret-Y", None, "ISR"), ("Gun-Z", "Turret-Y", "USA")}
    touched = {r.host: r.components for r in C.reach(g, "USA")}
    assert touched == {"Turret-Y": ["Gun-Z"], "Vehicle-X": ["Turret-Y > Gun-Z"]}
    recs = [rec(1, "POL", "UKR", "Vehicle-X", "armoured_vehicle", 2023, 2024, 10)]
    _, rows = C.embargo(g, "USA", recs)
    assert [(r.recipient, r.via) for r in rows] == [("UKR", "Turret-Y > Gun-Z")]
    assert json.dumps(g.to_json())                                 # serialisable, evidence included


# --- the shipped curated file ------------------------------------------------------------------------------------------

def test_curated_file_is_valid(catalog):
    entries = C.load_curated()
    assert len(entries) >= 10
    assert C.validate_curated(entries, catalog) == []
    for e in entries:
        assert e.state == C.VARIOUS or e.state in catalog.states, e
        assert e.citation and e.note, e
        host = catalog.systems.get(e.host)
        assert (host.category if host else e.host_category) in C.CATEGORIES
    tb2 = {e.component: e for e in entries if e.host == "Bayraktar TB2"}
    assert (tb2["Rotax 912"].state, tb2["Rotax 912"].until) == ("AUT", 2020)
    assert (tb2["WESCAM MX-15"].state, tb2["WESCAM MX-15"].maker) == ("CAN", "L3Harris WESCAM")


def test_validate_curated_finds_problems(catalog):
    bad = [C.CuratedComponent(host="Nonesuch-1", component="Widget", kind="engine", maker=None, state="XXX",
                              note="", citation="", since=2020, until=2010)]
    problems = " | ".join(C.validate_curated(bad, catalog))
    for needle in ("unknown state", "no valid category", "no valid origin", "no citation", "no note", "after until"):
        assert needle in problems


# --- the command line ----------------------------------------------------------------------------------------------------

CSV_HEAD = """Transfers of major conventional arms. armsflow test fixture: rows written for the tests, not SIPRI's data.
Line two.
Line three.
Line four.
Line five.
Line six.
Line seven.
Line eight.

Source: armsflow tests.
Data generated: 13 Mar 2025 10:02:49 AM
Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,SIPRI TIV for total order,SIPRI TIV of delivered weapons
"""
CSV_ROWS = [
    "Israel,Canada,2016,,10,,aircraft engine,aircraft engine,10,,2017; 2018,New,"
    "Pratt & Whitney Canada PT-6A-67A (1200hp) turboprop; for 10 Heron-TP UAV produced in Israel,0.5,5,5",
    "Germany,Israel,2018,,5,,Heron-TP,armed UAV,5,,2020; 2021,New,Lease,10,50,50",
    "Azerbaijan,Turkiye,2020,,12,,Bayraktar TB2,armed UAV,12,,2020,New,,2.4,28.8,28.8",
    "Poland,Turkiye,2021,,24,,Bayraktar TB2,armed UAV,24,,2022; 2023,New,,2.4,57.6,57.6",
]


@pytest.fixture
def db(tmp_path, monkeypatch):
    from armsflow.engine.registers import import_register
    from armsflow.store import open_store

    monkeypatch.setenv("ARMSFLOW_HOME", str(tmp_path / "home"))
    path = tmp_path / "register.csv"
    path.write_bytes((CSV_HEAD + "\n".join(CSV_ROWS) + "\n").encode("latin-1"))
    url = f"sqlite:///{tmp_path / 's.db'}"
    store = open_store(url)
    import_register(store, path)
    store.engine.dispose()
    return url


def run(*args):
    from armsflow.cli import app

    return CliRunner().invoke(app, list(args))


def test_cli_depends(db):
    result = run("components", "depends", "--state", "tur", "--category", "uav", "--format", "jsonl", "--db", db)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    tb2 = {(r["component"], r["state"]) for r in rows if r["host"] == "Bayraktar TB2"}
    assert {("Rotax 912", "AUT"), ("WESCAM MX-15", "CAN")} <= tb2          # the shipped curated file
    assert all(r["evidence"] and r["evidence"][0]["citation"] for r in rows)
    result = run("components", "depends", "--state", "ISR", "--category", "uav", "--summary", "--format", "csv",
                 "--db", db)
    assert result.exit_code == 0, result.output
    assert "CAN,Canada,True,1,1,Heron TP,PT6,register" in result.stdout
    assert run("components", "depends", "--state", "XYZ", "--db", db).exit_code == 2
    assert run("components", "depends", "--state", "IRN", "--category", "boat", "--db", db).exit_code == 2


def test_cli_embargo(db):
    result = run("components", "embargo", "--state", "CAN", "--format", "jsonl", "--db", db)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    # Heron TP to Germany (Canadian engines); TB2 to Azerbaijan in 2020 (MX-15 until 2020); not TB2 to Poland (2021)
    assert sorted((r["recipient"], r["host"]) for r in rows) == [("AZE", "Bayraktar TB2"), ("DEU", "Heron TP")]
    result = run("components", "embargo", "--state", "AUT", "--summary", "--format", "csv", "--db", db)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].startswith("AZE,Azerbaijan,1,Bayraktar TB2,TUR,12,0")
    result = run("components", "embargo", "--state", "CAN", "--hosts", "--db", db)
    assert result.exit_code == 0 and "Heron TP" in result.stdout


# --- the real register ----------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real_store(tmp_path_factory):
    if not SIPRI_FILE.exists():
        pytest.skip(f"{SIPRI_FILE} is absent (../shared sits next to the repository in development and CI)")
    from armsflow.catalog import load_catalog
    from armsflow.engine.registers import import_register
    from armsflow.store import open_store

    tmp = tmp_path_factory.mktemp("sipri")
    store = open_store(f"sqlite:///{tmp}/s.db")
    import_register(store, SIPRI_FILE, family=C.families(load_catalog(include_user=False)))
    yield store
    store.engine.dispose()


def test_real_register(real_store, catalog):
    graph = C.graph_from_store(real_store, catalog)
    iran = C.depends(graph, "IRN", "uav")
    foreign = [r for r in iran if r.foreign and r.state in catalog.states]
    assert foreign, "the Iranian UAV line depends on no foreign state's components"
    assert all(set(r.sources.split(",")) <= {"register", "curated"} for r in foreign)
    # the register itself knows foreign components of Iranian-made systems (the Boraq IFV's BMP-2 turret)
    assert any(r.sources == "register" and r.foreign for r in C.depends(graph, "IRN"))
    records = C.embargo_records(real_store)
    for state in ("CAN", "AUT"):
        _, rows = C.embargo(graph, state, records, C.families(catalog))
        turkish = [r for r in rows if r.supplier == "TUR" and r.host.startswith("Bayraktar")]
        assert turkish, f"an embargo on {state}'s components touches no Turkish drone export"
        assert all(r.period_start <= 2020 for r in turkish)            # the 2020 cut-offs hold
