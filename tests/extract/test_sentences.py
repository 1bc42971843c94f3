"""Sentence splitting around abbreviations in capitals ("U.S.", "U.K."): a sentence ends there only where another
begins. Sentences written for this test."""
from __future__ import annotations

import pytest

from armsflow.extract.sentences import split_sentences
from sentences import claims, tuples


@pytest.mark.parametrize("text, parts", [
    ("Chile bought jets from the U.S. Peru signed a deal for tanks.", 2),
    ("The radars came from the U.S. The deal was signed in May.", 2),
    ("The U.S. Army received new tanks.", 1),
    ("He met U.S. President Biden in Lima.", 1),
    ("The U.S. said it would sell jets.", 1),
    ("The U.K. Ministry of Defence said so.", 1),
    ("A U.N. panel found drones in Libya.", 1),
])
def test_a_sentence_ends_after_capitals_only_where_another_begins(text, parts):
    assert len(split_sentences(text)) == parts


def test_the_next_sentence_keeps_its_own_subject(extractor):
    got = tuples(claims(extractor, "Chile ordered six F-16 jets from the U.S. Peru said it would acquire Gripen "
                                   "fighters from Sweden."))
    assert {("USA", "CHL", "F-16"), ("SWE", "PER", "Gripen")} <= got
    assert ("CHL", "USA", "F-16") not in got


def test_a_time_between_subject_and_verb(extractor):
    got = tuples(claims(extractor, "After years of talks, Chile last month signed a contract for the purchase of "
                                   "F-16 jets from the U.S."))
    assert ("USA", "CHL", "F-16") in got


# --- the units a sentence is parsed in (extract/units.py): its clauses set side by side with a semicolon, colon or
# dash, and clauses set off between dashes or in brackets; each side must be a clause of its own --------------------
def _units(extractor, text):
    from armsflow.extract.units import piece_doc, plan

    nlp = extractor.nlp
    doc = nlp(text)

    def parse(units, commas=frozenset()):
        return list(nlp.pipe(piece_doc(doc, u, commas) for u in units))

    p = plan(doc, parse, extractor.lex.word_classes["speech_verbs"])
    if p is None:
        return None
    return [" ".join(doc[i].text for i in g) for g in p.groups], [doc[a + 1:b].text for a, b in p.asides]


@pytest.mark.parametrize("text, groups, asides", [
    ("Egypt ordered Rafale jets from France; Qatar has F-15 jets from the US.",
     ["Egypt ordered Rafale jets from France", "Qatar has F-15 jets from the US ."], []),
    ("Hungary bought Leopard 2 tanks; Slovakia ordered CV90 vehicles; Czechia is still studying offers.",
     ["Hungary bought Leopard 2 tanks", "Slovakia ordered CV90 vehicles", "Czechia is still studying offers ."], []),
    ("Spain ordered Hurjet trainers from Turkey: the first will arrive in 2027.",
     ["Spain ordered Hurjet trainers from Turkey", "the first will arrive in 2027 ."], []),
    ("Kenya bought TB2 drones from Turkey \u2014 Nairobi paid in cash.",
     ["Kenya bought TB2 drones from Turkey", "Nairobi paid in cash ."], []),
    # a heading that is no clause goes with the clause after it
    ("Deliveries in 2023: Poland received 40 K2 tanks; Romania got 20 K9 howitzers.",
     ["Deliveries in 2023 : Poland received 40 K2 tanks", "Romania got 20 K9 howitzers ."], []),
    # an aside: the line around it is one clause, the closing dash before "and" read as its comma
    ("Poland bought K2 tanks from Korea - the first arrived in 2022 - and Romania is studying the type.",
     ["Poland bought K2 tanks from Korea - and Romania is studying the type ."], ["the first arrived in 2022"]),
    ("Ukraine received Leopard 2 tanks (Berlin had hesitated for months) and Patriot systems from the US.",
     ["Ukraine received Leopard 2 tanks ) and Patriot systems from the US ."], ["Berlin had hesitated for months"]),
])
def test_clauses_side_by_side_are_parsed_apart(extractor, text, groups, asides):
    assert _units(extractor, text) == (groups, asides)


@pytest.mark.parametrize("text", [
    "Buyers of the K9 howitzer: Poland (2022); Romania (2023); Estonia (2024).",      # a list
    "Poland ordered 180 K2 tanks from Korea; Romania, 54.",                             # a gapped clause
    "The minister said: Egypt will receive 30 more Rafale jets from France.",           # what was said
    "Turkey supplies three customers - Poland, Ukraine and Qatar - with TB2 drones.",   # an apposition
    "India ordered Rafale jets from France \u2014 a deal that critics attacked \u2014 in 2016.",
    "Chile bought Gripen jets from Sweden (its old supplier) in 2020.",
    "Estonia received the following: K9 howitzers, delivered in 2022; and spare barrels, ordered in 2023.",
    '"We ordered Gripen jets; they arrive in May," the minister said.',                 # inside a quotation
    "Peru will lease guns from Spain - until its K2 tanks arrive from Korea.",            # a subordinate clause
    "Kenya bought TB2 drones (of which it already has six) from Turkey.",                # a relative clause
    "The tanks came from Korea; Poland by 180, Romania by 54, officials said.",          # a list, and who said it
    "The K2-PL tanks and the 2022-2023 orders were signed in Seoul.",                    # hyphens
])
def test_what_is_no_clause_stays_whole(extractor, text):
    assert _units(extractor, text) is None


def test_the_units_make_one_tree_of_the_whole_sentence(extractor):
    from armsflow.extract.units import clause_units

    text = "Egypt ordered Rafale jets from France; Qatar has F-15 jets from the US."
    doc = clause_units(extractor.nlp(text), extractor.nlp)
    assert doc.text == text
    roots = [t for t in doc if t.head.i == t.i]
    assert [t.text for t in roots] == ["ordered"]
    has = next(t for t in doc if t.text == "has")
    assert has.dep_ == "parataxis" and has.head.text == "ordered"
    assert next(t for t in doc if t.text == "Qatar").head.text == "has"


def test_the_gate_word_set_answers_as_its_pattern_does():
    """Lexicon.gated (a set lookup) finds exactly what the gate pattern finds, hyphens and underscores included."""
    from armsflow.extract.lexicon import load_lexicon

    lex = load_lexicon()
    for text in ("peru bought jets", "the re-sold tanks", "unsold tanks", "poland_to_purchase_jets", "an arms-sale",
                 "shipped", "the shipyard", "", "k2 tanks arrived", "it came from korea", "they agreed"):
        assert lex.gated(text) == (lex.gate.search(text) is not None), text


# a report's footnote marker after the stop still ends the sentence; a decimal number does not
@pytest.mark.parametrize("text, parts", [
    ("Chad got drones from the UAE in 2021.[14] The Panel wrote to Abu Dhabi.", 2),
    ("Peru received rifles from Serbia.7 The Panel has asked Lima for records.", 2),
    ("Benin took delivery of armoured cars (see annex 3).[8] Its army uses them.", 2),
    ("Mali bought helicopters from Russia.\u00b2\u00b3 The Panel has no record of payment.", 2),
    # near misses: a decimal figure, a bracket that opens the next sentence's own text
    ("The jets cost 2015.24 Million euros were paid in May.", 1),
    ("Peru bought tanks. [Photo: the army] The tanks arrived.", 2),
])
def test_footnote_markers_end_a_sentence(text, parts):
    assert len(split_sentences(text)) == parts


def test_a_footnote_marker_keeps_the_next_sentences_hedge_apart(extractor):
    cs = claims(extractor, "Russia sold Pantsir-S1 systems to the UAE in 2015.[9] The Panel assesses with moderate "
                           "confidence that one was later passed to Libya.")
    got = {(c.supplier, c.recipient): c for c in cs}
    assert ("RUS", "ARE") in got and not got[("RUS", "ARE")].hedged and got[("RUS", "ARE")].year == 2015
