"""The pipeline as extraction loads it (extract/nlp.py) annotates exactly as the stock pipeline does: the OpenBLAS
ops, the attribute ruler's lookup index and the lemma cache change the speed, never a tag, a parse or a lemma."""
from __future__ import annotations

import pytest

from armsflow.extract import nlp as nlp_module
from armsflow.extract.nlp import MODEL, RuleIndex, import_spacy, load_nlp

SENTENCES = [
    "Ruritania bought twelve F-16 fighters from Freedonia in 2019, officials said.",
    "The ministry re-exported the rifles it had re-exported before, didn't it?",
    "I ain't gonna let 's wait: we gotta see whether they're gonna sign.",
    "Y'all can't re-export howitzers to a state under embargo, can ya?",
    "  Two  spaces,\ta tab and a line\nbreak sit inside this one.",
    "Lemme see - the U.S. sold 12 AH-64E helicopters to Qatar ($3bn), didn't it?",
    "Deliveries of the K2 tanks began on 5 Dec. 2022 and will run until 2030.",
    "\"We will not sell them drones,\" the defence minister told reporters on Monday.",
    "Its navy operates four Type 212 submarines built by TKMS, and wants two more.",
    "Who'd've thought it?",
    "Gotta go.",
    "!",
]


def annotations(nlp, texts):
    return [[(t.text, t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, str(t.morph)) for t in doc]
            for doc in nlp.pipe(texts)]


@pytest.fixture(scope="module")
def fast():
    return load_nlp()


@pytest.fixture(scope="module")
def stock():
    from armsflow.extract.lexicon import load_lexicon
    from armsflow.extract.tokens import join_hyphenated

    nlp = import_spacy().load(MODEL, exclude=["ner"])
    join_hyphenated(nlp, load_lexicon())
    return nlp


def test_the_fast_pipeline_annotates_exactly_as_the_stock_one(fast, stock):
    assert isinstance(fast.get_pipe("attribute_ruler").match.__self__, RuleIndex)
    assert fast.pipe_names == [n for n in stock.pipe_names if n != "senter"]
    assert annotations(fast, SENTENCES) == annotations(stock, SENTENCES)


def _before_the_ruler(nlp, text):
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "attribute_ruler":
            return doc
        doc = proc(doc)
    raise AssertionError("no attribute ruler")


def test_the_index_finds_the_matchers_matches_in_the_matchers_order(fast):
    from spacy.pipeline import AttributeRuler

    ruler = fast.get_pipe("attribute_ruler")
    seen = 0
    for text in SENTENCES:
        doc = _before_the_ruler(fast, text)
        ours = ruler.match(doc)
        assert ours == AttributeRuler.match(ruler, doc), text
        seen += len(ours)
    assert seen > 3 * len(SENTENCES)          # tag rules fire on every token: the comparison compared something


def test_rules_added_later_are_indexed_and_unreadable_ones_keep_the_matcher():
    from spacy.pipeline import AttributeRuler

    nlp = load_nlp()
    ruler = nlp.get_pipe("attribute_ruler")
    text = "Freedonia will lease frigates and lease more frigates."
    ruler.add([[{"LOWER": "lease"}, {"TAG": {"IN": ["JJR", "RBR"]}}]], {"LEMMA": "LEASEPAIR"}, index=1)
    doc = _before_the_ruler(nlp, text)
    assert ruler.match(doc) == AttributeRuler.match(ruler, doc)
    assert [t.lemma_ for t in nlp(text) if t.lemma_ == "LEASEPAIR"] == ["LEASEPAIR"]      # "more", not "frigates"
    assert isinstance(ruler.match.__self__, RuleIndex)

    ruler.add([[{"LOWER": "frigates", "OP": "+"}]], {"LEMMA": "ONEORMORE"})      # an operator: not indexed
    doc = _before_the_ruler(nlp, text)
    assert ruler.match(doc) == AttributeRuler.match(ruler, doc)
    assert [t.lemma_ for t in nlp(text)].count("ONEORMORE") == 2
    assert RuleIndex.install(ruler) is None


def test_lemmas_from_the_cache_are_the_lemmatisers_own(fast, stock):
    """The second reading of the same words takes every lemma from the cache; it must equal a fresh lemmatiser's."""
    lemmatizer = fast.get_pipe("lemmatizer")
    assert hasattr(lemmatizer, "_lemma_by_key")
    annotations(fast, SENTENCES)
    assert len(lemmatizer._lemma_by_key) > 50
    mixed = ["The frigates were re-exported; the frigate was leased.", "She leases, he leased, they had been leasing.",
             "Freedonian officials said the Freedonians bought better radars than the best ones offered."]
    assert annotations(fast, SENTENCES + mixed) == annotations(stock, SENTENCES + mixed)
    assert [t.lemma_ for t in fast("They re-exported it.")][1] == "re-export"   # the ruler's lemma is kept


def test_the_lemma_cache_stays_bounded(monkeypatch):
    nlp = load_nlp()
    lemmatizer = nlp.get_pipe("lemmatizer")
    monkeypatch.setattr(nlp_module, "LEMMA_CACHE_SIZE", 5)
    words = "Ruritania ordered forty tanks, sixty trucks and nine radars from Freedonia last spring."
    assert [t.lemma_ for t in nlp(words)] == [t.lemma_ for t in nlp(words)]
    assert 0 < len(lemmatizer._lemma_by_key) <= 5
    assert [t.lemma_ for t in nlp(words)][1:4] == ["order", "forty", "tank"]
