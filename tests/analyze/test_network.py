"""Network figures: a hand-built graph, and the whole SIPRI register against an independent computation with
networkx on the raw CSV (skipped when ../shared is absent)."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from armsflow.analyze.dataset import load_dataset, make_dataset, make_item
from armsflow.analyze.network import degrees, network_figures

REPO = Path(__file__).resolve().parents[2]
REGISTER = REPO.parent / "shared" / "data" / "sipri" / "trade-register-2025-03.csv"
NAMES = REPO / "src" / "armsflow" / "catalog" / "data" / "sipri_names.yaml"


def items():
    return [
        make_item("AAA", "BBB", start=2019, delivered=[2020, 2021], source="sipri"),     # 2019-2021
        make_item("AAA", "CCC", start=2020),
        make_item("BBB", "CCC", start=2020),
        make_item("BBB", "CCC", start=2020, delivered=[2020], source="sipri"),          # a parallel record
        make_item("CCC", "CCC", start=2020),                                             # to itself: no edge
        make_item(None, "BBB", start=2020, source="sipri"),                              # unknown supplier
        make_item("DDD", "AAA", start=2021),
    ]


def test_figures_per_year():
    rows = network_figures(make_dataset(items()))
    # 2019: A->B (2 nodes, 1 edge, 1/2); 2020: A->B, A->C, B->C (3 nodes, 3 edges, 3/6, from 4 records);
    # 2021: A->B, D->A (3 nodes, 2 edges, 2/6)
    assert [(r.year, r.nodes, r.edges, r.density, r.records) for r in rows] == [
        (2019, 2, 1, 0.5, 1), (2020, 3, 3, 0.5, 4), (2021, 3, 2, pytest.approx(1 / 3), 2)]
    assert [r.source for r in rows] == ["register", "news+register", "news+register"]


def test_degrees_over_time():
    rows = degrees(make_dataset(items()), "AAA")
    assert [(r.year, r.in_degree, r.out_degree, r.suppliers, r.recipients) for r in rows] == [
        (2019, 0, 1, [], ["BBB"]), (2020, 0, 2, [], ["BBB", "CCC"]), (2021, 1, 1, ["DDD"], ["BBB"])]
    assert [(r.in_degree, r.out_degree) for r in degrees(make_dataset(items()), "CCC", [2020, 2022])] == \
        [(2, 0), (0, 0)]


# --- the register, computed twice ----------------------------------------------------------------------------------

YEARS = [1955, 1975, 1990, 2000, 2010, 2014, 2020, 2023, 2024]
STATES = ["SRB", "RUS", "CHN", "USA", "TUR", "IND", "UKR", "SUN"]


def raw_deals(path: Path):
    """(supplier name, recipient name, order year, delivery years) from the CSV, read with csv alone. Four deals
    are broken over two lines by a newline inside Comments: a short row is joined with the next one."""
    with path.open(encoding="latin-1", newline="") as fh:
        rows = list(csv.reader(fh))
    header = next(i for i, r in enumerate(rows) if r[:2] == ["Recipient", "Supplier"])
    body, i = rows[header + 1:], 0
    while i < len(body):
        row = body[i]
        i += 1
        if not row:
            continue
        while len(row) < 16 and i < len(body):
            nxt = body[i]
            i += 1
            row = row[:-1] + [row[-1] + "\n" + nxt[0]] + nxt[1:]
        recipient, supplier, order = row[0], row[1], row[2].strip()
        delivered = [int(y) for y in row[10].replace(" ", "").split(";") if y]
        yield supplier, recipient, int(order) if order else None, delivered


def independent_graphs(path: Path, years):
    import networkx as nx
    import yaml

    names = yaml.safe_load(NAMES.read_text(encoding="utf-8"))
    graphs = {y: nx.DiGraph() for y in years}
    for supplier, recipient, order, delivered in raw_deals(path):
        s, r = names[supplier], names[recipient]
        ends = ([order] if order is not None else []) + delivered
        if s is None or r is None or s == r or not ends:
            continue
        for y in range(min(ends), max(ends) + 1):
            if y in graphs:
                graphs[y].add_edge(s, r)
    return graphs


@pytest.fixture(scope="module")
def register_store(tmp_path_factory):
    if not REGISTER.exists():
        pytest.skip(f"{REGISTER} is absent (../shared sits next to the repository in development and CI)")
    from armsflow.engine.registers import import_register
    from armsflow.store import open_store

    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('net') / 'register.db'}")
    import_register(store, REGISTER)
    yield store
    store.engine.dispose()


def test_register_network_agrees_with_networkx_on_the_raw_csv(register_store):
    import networkx as nx

    graphs = independent_graphs(REGISTER, YEARS)
    ds = load_dataset(register_store, source="sipri")
    assert len(ds.items) == 29_515
    ours = {r.year: r for r in network_figures(ds, YEARS)}
    for y in YEARS:
        g = graphs[y]
        assert (ours[y].nodes, ours[y].edges) == (g.number_of_nodes(), g.number_of_edges()), y
        assert ours[y].density == pytest.approx(nx.density(g)), y
        assert ours[y].source == "register"
    for state in STATES:
        for d in degrees(ds, state, YEARS):
            g = graphs[d.year]
            want = (g.in_degree(state), g.out_degree(state)) if state in g else (0, 0)
            assert (d.in_degree, d.out_degree) == want, (state, d.year)
    print({y: (ours[y].nodes, ours[y].edges, round(ours[y].density, 5)) for y in YEARS})
    assert ours[2020].edges > 400 and ours[1975].edges > 400          # the comparison is not of empty graphs
