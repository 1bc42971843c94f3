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
