"""Full-text search over documents and claims: the same hits on SQLite (FTS5) and PostgreSQL (tsvector), safe for
any input, with snippets as (text, is_match) segments."""
from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armsflow.model import Claim, Document
from armsflow.store.search import (Term, count_claims, count_documents, fts5_query, parse_query, search_claims,
                                   search_documents, snippet, ts_query)

DOCS = [   # key, title, published, text, [(supplier, recipient, system, category, evidence)]
    ("serbia-mig", "Serbia receives MiG-29 jets", "2017-10-05",
     "Serbia received six MiG-29 fighters from Russia on Wednesday.\nThe jets were delivered to Batajnica air base.",
     [("RUS", "SRB", "MiG-29", "combat_aircraft",
       "Serbia received six MiG-29 fighters from Russia on Wednesday.")]),
    ("morocco-tb2", "Morocco and its drones", "2022-03-10",
     "Morocco took delivery of 13 Bayraktar TB2 drones from Turkey, the ministry said. "
     "Rabat also ordered Harop loitering munitions.",
     [("TUR", "MAR", "Bayraktar TB2", "uav", "Morocco took delivery of 13 Bayraktar TB2 drones from Turkey, "
                                            "the ministry said."),
      ("ISR", "MAR", "Harop", "loitering_munition", "Rabat also ordered Harop loitering munitions.")]),
    ("hungary-tanks", "Leopard deliveries continue", "2023-06-01",
     "Hungary expects further Leopard 2A7HU tanks from Germany; deliveries of the tanks continue this year.",
     [("DEU", "HUN", "Leopard 2A7HU", "tank", "Hungary expects further Leopard 2A7HU tanks from Germany; "
                                              "deliveries of the tanks continue this year.")]),
    ("undated-note", "A note on Serbian air defence", None,
     "Belgrade showed its FK-3 air defence systems, delivered by China, at a parade.",
     [("CHN", "SRB", "FK-3", "air_defence", "Belgrade showed its FK-3 air defence systems, delivered by China, "
                                            "at a parade.")]),
]


@pytest.fixture
def filled(store):
    for key, title, published, text, claims in DOCS:
        doc = Document(id=key, text=text, title=title, publisher="Wire",
                       published=dt.date.fromisoformat(published) if published else None)
        store.add_document(doc, [Claim(doc=key, supplier=s, recipient=r, system=sy, category=cat, quantity=None,
                                       status="delivered", year=None, hedged=False, evidence=ev,
                                       start=text.index(ev), end=text.index(ev) + len(ev),
                                       extras={"mention": sy})
                                 for s, r, sy, cat, ev in claims], "0.1.0")
    return store


def doc_keys(store, q, **kw):
    return [h.doc_key for h in search_documents(store, q, **kw)]


def claim_systems(store, q, **kw):
    return [h.system for h in search_claims(store, q, **kw)]


@pytest.mark.parametrize("q, expected", [
    ("serbia", ["serbia-mig"]),                                  # newest first; the note says "Serbian"
    ("serbia*", ["serbia-mig", "undated-note"]),
    ("delivered", ["serbia-mig", "undated-note"]),
    ("deliver*", ["hungary-tanks", "morocco-tb2", "serbia-mig", "undated-note"]),
    ("MiG-29", ["serbia-mig"]),
    ("mig 29", ["serbia-mig"]),
    ('"29 mig"', []),                                            # a phrase keeps its order
    ('"bayraktar tb2" turkey', ["morocco-tb2"]),
    ("tanks germany", ["hungary-tanks"]),
    ("tanks russia", []),                                        # words are ANDed
    ("drones", ["morocco-tb2"]),                                 # in the title and the text
    ("Serbian", ["undated-note"]),                               # in the title only
    ("2a7hu", ["hungary-tanks"]),
    ("LEOPARD", ["hungary-tanks"]),
    ("", []), ("   ", []), ("*", []), ('""', []),
])
def test_documents_found_alike_on_both_engines(filled, q, expected):
    assert doc_keys(filled, q) == expected
    assert count_documents(filled, q) == len(expected)


@pytest.mark.parametrize("q, expected", [
    ("turkey", ["Bayraktar TB2"]),
    ("harop", ["Harop"]),                                        # the system and mention columns count too
    ("morocco", ["Bayraktar TB2"]),
    ("loiter*", ["Harop"]),
    ("china delivered", ["FK-3"]),
    ("fk 3", ["FK-3"]),
    ("from", ["Leopard 2A7HU", "Bayraktar TB2", "MiG-29"]),
    ("batajnica", []),                                           # only in the document, not in a claim
])
def test_claims_found_alike_on_both_engines(filled, q, expected):
    assert claim_systems(filled, q) == expected
    assert count_claims(filled, q) == len(expected)
    hit = search_claims(filled, q)[0] if expected else None
    if hit:
        assert hit.doc_key and hit.review == "extracted" and hit.status == "delivered"


def test_paging_and_orders(filled):
    every = doc_keys(filled, "deliver*")
    assert doc_keys(filled, "deliver*", limit=2) == every[:2]
    assert doc_keys(filled, "deliver*", limit=2, offset=2) == every[2:]
    assert doc_keys(filled, "deliver*", limit=0) == []
    assert sorted(doc_keys(filled, "deliver*", order="relevance")) == sorted(every)
    assert sorted(claim_systems(filled, "from", order="relevance")) == sorted(claim_systems(filled, "from"))
    for bad in (dict(limit=-1), dict(offset=-5), dict(order="random")):
        with pytest.raises(ValueError):
            search_documents(filled, "x", **bad)


def test_hits_carry_metadata_and_snippets(filled):
    [hit] = search_documents(filled, '"six mig"')
    assert (hit.title, hit.published, hit.publisher) == ("Serbia receives MiG-29 jets", dt.date(2017, 10, 5), "Wire")
    assert [part for part, match in hit.snippet if match] == ["six MiG"]
    assert "".join(part for part, _ in hit.snippet).startswith("Serbia received six MiG-29 fighters")
    [hit] = search_documents(filled, "serbian")
    assert hit.published is None and not any(m for _, m in hit.snippet)       # the match was in the title


@pytest.mark.parametrize("q", ['"; DROP TABLE documents; --', "NEAR(", "NEAR(a b", '"unbalanced', 'a"b"c',
                               "x AND OR NOT", "o'reilly", "tb2)", "(((", "col:value", "^start", "a -b", "a + b",
                               "\\", "'", "'':*", "&|!<->", "\x00", "\ud800 serbia", "é" * 5000, "a " * 2000,
                               '"*"*', "**", "* serbia"])
def test_hostile_queries_are_searched_as_words(filled, q):
    search_documents(filled, q), search_claims(filled, q), count_documents(filled, q), count_claims(filled, q)
    assert doc_keys(filled, '"; DROP TABLE documents; --') == []
    assert doc_keys(filled, "* serbia") == ["serbia-mig"]
    assert count_documents(filled, "serbia") == 1                            # the tables are still there


QUERIES = st.one_of(st.text(max_size=80),
                    st.text(alphabet=st.sampled_from(list('"*()-:^+\';&|!<>\\ \t\nNEARANDORNOTmigserbiaé29')),
                            max_size=40))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=QUERIES)
def test_no_query_raises_on_either_engine(filled, q):
    hits = search_documents(filled, q, limit=50)
    assert len(hits) == count_documents(filled, q)
    assert len(search_claims(filled, q, limit=50)) == count_claims(filled, q)


@settings(max_examples=500, deadline=None)
@given(q=QUERIES)
def test_generated_syntax_is_valid_fts5(q):
    con = sqlite3.connect(":memory:")
    con.execute("CREATE VIRTUAL TABLE t USING fts5(a)")
    con.execute("INSERT INTO t VALUES ('mig 29 serbia')")
    terms = parse_query(q)
    if terms:
        con.execute("SELECT count(*) FROM t WHERE t MATCH ?", (fts5_query(terms),)).fetchone()


def test_parsing():
    assert parse_query('MiG-29 "Bayraktar TB2" deliver* "unclosed') == [
        Term(("mig", "29")), Term(("bayraktar", "tb2")), Term(("deliver",), True), Term(("unclosed",))]
    assert parse_query('"harop drone"* a a') == [Term(("harop", "drone"), True), Term(("a",))]
    assert parse_query('NEAR( "; DROP') == [Term(("near",)), Term(("drop",))]
    terms = parse_query('mig-29 deliver*')
    assert fts5_query(terms) == '"mig 29" AND "deliver" *'
    assert ts_query(terms) == "('mig' <-> '29') & ('deliver':*)"
    assert len(parse_query(" ".join(f"w{i}" for i in range(100)))) == 16


def test_snippets_are_segments_around_the_first_match():
    text = ("Intro words. " * 30) + "Serbia received six MiG-29 fighters from Russia. " + ("More text here. " * 30)
    segs = snippet(text, parse_query("mig-29 russia"))
    assert segs[0][0].startswith("…Intro words.") and segs[-1][0].endswith("More…")
    assert [p for p, m in segs if m] == ["MiG-29", "Russia"]
    assert len("".join(p for p, _ in segs)) <= 260
    assert snippet("Short text\n\nwith  spaces.", parse_query("with")) == [("Short text ", False), ("with", True),
                                                                             (" spaces.", False)]
    assert snippet("", parse_query("x")) == []
    assert snippet("Türkiye delivered", parse_query("turkiye")) == [("Türkiye", True), (" delivered", False)]
