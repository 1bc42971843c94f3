"""Echo links many-to-many, never overwritten, and independent sources counted by cluster, through a real ingest
into a real store (SQLite and PostgreSQL), and the migration of single ``original_id`` links to them.

The articles are written here for the purpose, about a fictional deal: two wire services report Chile ordering
twelve K9 howitzers from South Korea, each in its own words; two sites rewrite the first wire keeping several of its
sentences; an outlet reports the deal on its own, quoting the same minister word for word; one site runs a copy
made of both wires; and one site keeps only the first wire's background paragraphs (no transfer claim in it).
"""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

from sqlalchemy import select, text

from armsflow.engine.ingest import ingest
from armsflow.fuse.family import Families
from armsflow.model import Document
from armsflow.store import open_store
from armsflow.store.engine import make_engine
from armsflow.store.migrate import upgrade
from armsflow.store.queries import RecordFilter, records, sources
from armsflow.store.schema import ClaimRow, DocumentRow, EchoLink

from migrating import downgrade

QUOTE = ("\u201cThese guns give our brigades the range and speed they have lacked for a generation,\u201d "
         "Defence Minister Rosa Valdivieso said.")
WIRE_A = [
    "Chile has ordered twelve K9 self-propelled howitzers from South Korea's Hanwha Aerospace, the defence "
    "ministry in Santiago said on Tuesday.",
    QUOTE,
    "The contract, worth some 310 million dollars, follows two years of trials in the Atacama desert, where the "
    "guns fired more than four thousand rounds in heat and dust.",
    "Officials said the first four guns would be shipped from Changwon next spring and the rest within eighteen "
    "months, with a maintenance workshop to be built near Antofagasta.",
    "The army's ageing M109 guns, bought second-hand from the Netherlands in the nineties, will be retired as the "
    "new batteries enter service.",
]
WIRE_B = [
    "South Korea will supply twelve K9 howitzers to Chile under a contract signed this week, people familiar with "
    "the matter said, in a deal that extends the gun's run of export wins in Latin America.",
    QUOTE,
    "The package also covers ammunition carriers and a simulator, according to a procurement notice seen by "
    "reporters in the Chilean capital.",
    "Hanwha shares rose two percent in Seoul trading after the announcement, their highest close in a month.",
    "Analysts in Seoul expect Peru and Colombia to study the same package before the end of the decade.",
]
REWRITE_1 = [
    "Santiago has picked the Korean K9 to modernise its artillery.",
    WIRE_A[2],
    WIRE_A[3],
    "Local commentators welcomed the choice but asked how the guns will be moved along the country's narrow roads.",
]
REWRITE_2 = [
    "A big week for Chilean artillery: the K9 is coming.",
    WIRE_A[2].replace("some 310 million dollars", "about 310 million dollars"),
    WIRE_A[4],
    "Our readers will remember the long debate in Congress over the cost of the trials.",
]
INDEPENDENT = [
    "Chile's army will get twelve K9 howitzers built by Hanwha Aerospace, the Ministry of Defence confirmed in a "
    "statement on Tuesday evening.",
    QUOTE,
    "Retired general Marcos Ibieta told this newspaper that the purchase was overdue and that the northern "
    "regiments had been asking for modern guns since 2015.",
    "The ministry did not say how the order would be paid for, and the budget committee is due to meet next week.",
]
TWO_WIRES = [WIRE_A[0], WIRE_A[2], WIRE_A[3], WIRE_B[2], WIRE_B[3], WIRE_B[4]]
BACKGROUND_ONLY = [
    "What the artillery trials in the north taught the army.",
    WIRE_A[2].split(", worth some 310 million dollars,")[0].replace("The contract", "The programme")
    + " ran for two years of trials in the Atacama desert, where the guns fired more than four thousand rounds in "
      "heat and dust.",
    WIRE_A[4],
    "Gunners interviewed at the range said the heat was the hardest part of the work.",
]


def _doc(key: str, paragraphs: list[str], day: int, publisher: str) -> Document:
    return Document(id=key, text="\n\n".join(paragraphs) + "\n", title=key, publisher=publisher,
                    published=dt.date(2025, 5, day))


DOCS = {
    "wire-a": _doc("wire-a", WIRE_A, 6, "Andes Wire"),
    "wire-b": _doc("wire-b", WIRE_B, 6, "Pacific Wire"),
    "rewrite-1": _doc("rewrite-1", REWRITE_1, 7, "Norte Hoy"),
    "rewrite-2": _doc("rewrite-2", REWRITE_2, 8, "Sur Digital"),
    "independent": _doc("independent", INDEPENDENT, 7, "El Observador Militar"),
    "two-wires": _doc("two-wires", TWO_WIRES, 9, "Aggregator One"),
    "background": _doc("background", BACKGROUND_ONLY, 10, "Desert Notes"),
}


def _ingest(store, extractor, keys) -> None:
    ingest([DOCS[k] for k in keys], store, extractor, Families(extractor.gazetteer), on_error=print)


def _links(store) -> dict[tuple[str, str], tuple]:
    with store.engine.connect() as conn:
        rows = conn.execute(text("SELECT d.doc_key, o.doc_key, l.kind, l.score, l.reasons FROM echo_links l "
                                 "JOIN documents d ON d.id = l.document_id JOIN documents o ON o.id = l.echo_of_id"))
        return {(d, o): (kind, score, reasons if isinstance(reasons, list) else json.loads(reasons))
                for d, o, kind, score, reasons in rows}


def _clusters(store) -> dict[str, int]:
    return {s.doc: s.cluster for s in sources(store)}


def _record_sources(store) -> int:
    (rec,) = [r for r in records(store, RecordFilter(source="news")) if r.recipient == "CHL" and r.supplier == "KOR"]
    return rec.sources


def test_a_wire_and_its_rewrites_are_one_source_and_two_wires_are_two(store, extractor):
    _ingest(store, extractor, ["wire-a", "wire-b", "rewrite-1", "rewrite-2", "independent"])
    links = _links(store)
    assert {("rewrite-1", "wire-a"), ("rewrite-2", "wire-a")} <= set(links)
    # the same official quote, the same facts, other words: no link between the wires or to the independent report
    assert not {pair for pair in links if "wire-b" in pair or "independent" in pair}, links
    c = _clusters(store)
    assert c["wire-a"] == c["rewrite-1"] == c["rewrite-2"]
    assert len({c["wire-a"], c["wire-b"], c["independent"]}) == 3
    assert _record_sources(store) == 3            # Andes Wire with its rewrites, Pacific Wire, the independent report
    kind, score, reasons = links[("rewrite-1", "wire-a")]
    assert kind == "echo" and score >= 0.06 and any("narrative" in r for r in reasons)


def test_a_copy_of_two_wires_keeps_both_links(store, extractor):
    _ingest(store, extractor, ["wire-a", "wire-b", "independent", "two-wires"])
    links = _links(store)
    assert {("two-wires", "wire-a"), ("two-wires", "wire-b")} <= set(links)
    # the links make one cluster of the two wires and their copy (union-find over the links)
    c = _clusters(store)
    assert c["two-wires"] == c["wire-a"] == c["wire-b"] != c["independent"]
    assert _record_sources(store) == 2


def test_a_document_without_claims_is_still_linked(store, extractor):
    _ingest(store, extractor, ["wire-a", "background"])
    with store.session() as s:
        doc_id = s.scalar(select(DocumentRow.id).where(DocumentRow.doc_key == "background"))
        assert s.scalar(select(ClaimRow.id).where(ClaimRow.document_id == doc_id)) is None
    assert ("background", "wire-a") in _links(store)
    c = _clusters(store)
    assert c["background"] == c["wire-a"]


def test_links_are_never_overwritten_by_a_rerun_or_a_later_match(store, extractor):
    _ingest(store, extractor, ["wire-a", "rewrite-1"])
    first = _links(store)
    assert set(first) == {("rewrite-1", "wire-a")}
    _ingest(store, extractor, ["wire-a", "rewrite-1"])             # a rerun stores nothing new
    assert _links(store) == first
    _ingest(store, extractor, ["rewrite-2", "two-wires", "wire-b"])  # later documents match the stored ones
    after = _links(store)
    assert after[("rewrite-1", "wire-a")] == first[("rewrite-1", "wire-a")]
    assert {("rewrite-2", "wire-a"), ("two-wires", "wire-a"), ("two-wires", "wire-b")} <= set(after)
    with store.session() as s:                                   # one row per pair
        assert len(s.scalars(select(EchoLink.id)).all()) == len(after)


def test_sources_json_names_each_documents_cluster_and_what_it_echoes(tmp_path, extractor):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    store = open_store(url)
    _ingest(store, extractor, ["wire-a", "wire-b", "rewrite-1", "two-wires"])
    env = {**os.environ, "HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-m", "armsflow", "sources", "--format", "jsonl", "--db", url],
                         capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    rows = {r["doc"]: r for r in map(json.loads, out.stdout.splitlines())}
    assert rows["rewrite-1"]["cluster"] == rows["wire-a"]["cluster"] == rows["two-wires"]["cluster"]
    assert rows["wire-a"]["echo_of"] == []
    (link,) = rows["rewrite-1"]["echo_of"]
    assert link["doc"] == "wire-a" and link["kind"] == "echo" and 0 < link["score"] <= 1 and link["reasons"]
    assert {"wire-a", "wire-b"} <= {e["doc"] for e in rows["two-wires"]["echo_of"]}


def test_migration_0009_moves_single_links_to_echo_links_and_clusters(store_url):
    engine = make_engine(store_url)
    upgrade(engine, "0008")
    with engine.begin() as conn:   # a chain as the old schema kept it: 3 repeats 2, which repeats 1; 4 alone
        conn.execute(text("INSERT INTO documents (id, doc_key, content_hash, kind, text, body_offset, ingested_at, "
                          "published, original_id, echo_kind, echo_score, echo_reasons) VALUES (:i, :k, :h, 'text', "
                          "'Words.', 0, '2024-01-01', :p, :o, :kind, :score, :why)"),
                     [{"i": 1, "k": "one", "h": "h1", "p": "2024-01-01", "o": None, "kind": None, "score": None,
                       "why": None},
                      {"i": 2, "k": "two", "h": "h2", "p": "2024-01-02", "o": 1, "kind": "echo", "score": 0.7,
                       "why": json.dumps(["shared wording"])},
                      {"i": 3, "k": "three", "h": "h3", "p": None, "o": 2, "kind": "near-duplicate", "score": 0.9,
                       "why": json.dumps(["shingles"])},
                      {"i": 4, "k": "four", "h": "h4", "p": "2024-01-01", "o": None, "kind": None, "score": None,
                       "why": None}])
    engine.dispose()
    store = open_store(store_url)
    links = _links(store)
    assert links == {("two", "one"): ("echo", 0.7, ["shared wording"]),
                     ("three", "two"): ("near-duplicate", 0.9, ["shingles"])}
    with store.engine.connect() as conn:
        cluster = dict(conn.execute(text("SELECT id, cluster_id FROM documents")).all())
    assert cluster == {1: 1, 2: 1, 3: 1, 4: 4}        # the chain is one source, named by its earliest document
    store.engine.dispose()
    downgrade(engine, "0008")
    with engine.connect() as conn:
        back = {r[0]: tuple(r[1:3]) for r in conn.execute(text("SELECT id, original_id, echo_kind FROM documents"))}
    assert back == {1: (None, None), 2: (1, "echo"), 3: (2, "near-duplicate"), 4: (None, None)}
    engine.dispose()
