"""Huge or hostile input to the extractor: one line of megabytes, runs of punctuation, a sentence without end.

Ordinary text reads exactly as before; what would take time growing with the square of the input (or more) is
shown linear without timing it: either by what reaches the costly steps (every text spaCy parses is bounded, the
frame look-back reads a fixed number of sentences), or by an input so large that a quadratic pass would need hours,
run under a timeout that only bounds a hang (tests/hang_guard.py).
"""
from __future__ import annotations

import datetime as dt

from hang_guard import run_bounded

from armsflow.extract.context import FOCUS, Frame, refresh
from armsflow.extract.pipeline import Extractor
from armsflow.extract.sentences import MAX_SENTENCE, split_sentences
from armsflow.model import Document


def pieces(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_ordinary_text_splits_at_sentence_ends_only():
    text = ('Dr. Adams met the U.S. delegation on Monday. They discussed 12 drones! Was the deal signed? '
            '"It was," she said. The talks ended at 5 p.m. and everyone left.The next day began.\n'
            'A new line starts here')
    assert pieces(text) == ["Dr. Adams met the U.S. delegation on Monday.", "They discussed 12 drones!",
                            "Was the deal signed?", '"It was," she said.',
                            "The talks ended at 5 p.m. and everyone left.", "The next day began.",
                            "A new line starts here"]


def test_a_sentence_of_the_longest_ordinary_size_stays_whole():
    long = "The delegation discussed " + " ".join(["drones"] * ((MAX_SENTENCE - 35) // 7)) + " and tanks."
    assert MAX_SENTENCE - 10 <= len(long) <= MAX_SENTENCE
    assert pieces("Before it. " + long + " After it.") == ["Before it.", long, "After it."]


def test_an_endless_sentence_is_cut_into_windows_at_spaces():
    text = " ".join(f"word{i}" for i in range(4000))          # 34,000 characters, no full stop
    spans = split_sentences(text)
    assert len(spans) > len(text) // MAX_SENTENCE
    assert all(0 < e - s <= MAX_SENTENCE for s, e in spans)
    assert all(text[e] == " " for _, e in spans[:-1])            # cut between words, never inside one
    assert " ".join(text[s:e] for s, e in spans) == text          # nothing lost or repeated


def test_a_word_longer_than_a_window_is_cut_where_the_window_ends():
    text = "x" * (2 * MAX_SENTENCE + 10)
    assert split_sentences(text) == [(0, MAX_SENTENCE), (MAX_SENTENCE, 2 * MAX_SENTENCE),
                                     (2 * MAX_SENTENCE, 2 * MAX_SENTENCE + 10)]


def test_lines_of_a_million_stops_split_in_linear_time():
    # a run of n full stops cost n^2/2 steps (each stop restarted the run): 4 s for 20,000, a day for 10^6
    got = run_bounded("""
        import json
        from armsflow.extract.sentences import split_sentences
        n = 10**6
        texts = {"stops": "." * n, "marks": "!?" * (n // 2) + " Then", "stops and closers": ".)" * (n // 2) + " A",
                 "spaces": "Ends." + " " * n + "Next", "one word": "x" * n, "short sentences": "It went. " * (n // 9)}
        print(json.dumps({k: [len(s := split_sentences(t)), max(e - b for b, e in s)] for k, t in texts.items()}))
    """)
    windows = -(-10**6 // MAX_SENTENCE)
    assert got["stops"] == [windows, MAX_SENTENCE]
    assert got["marks"] == [windows + 1, MAX_SENTENCE]            # the run is one "sentence", then "Then"
    assert got["stops and closers"] == [windows + 1, MAX_SENTENCE]
    assert got["spaces"] == [2, 5]
    assert got["one word"] == [windows, MAX_SENTENCE]
    assert got["short sentences"] == [10**6 // 9, len("It went.")]


class RecordingNLP:
    """spaCy, noting the length of every text it is given."""

    def __init__(self, nlp):
        self.nlp, self.lengths = nlp, []

    def pipe(self, texts, as_tuples=False):
        texts = list(texts)
        self.lengths += [len(t[0] if as_tuples else t) for t in texts]
        return self.nlp.pipe(texts, as_tuples=as_tuples)


def test_a_text_without_full_stops_reaches_spacy_in_bounded_windows(extractor, catalog):
    nlp = RecordingNLP(extractor.nlp)
    reader = Extractor(catalog, nlp=nlp)
    text = "Russia delivered 12 Su-35 fighter jets to Iran in 2023 the ministry said " * 300      # 22,000 chars
    claims = reader.extract(Document(id="endless", text=text, published=dt.date(2024, 1, 10)))
    assert ("RUS", "IRN", "Su-35") in {(c.supplier, c.recipient, c.system) for c in claims}
    assert nlp.lengths and max(nlp.lengths) <= MAX_SENTENCE     # one 22,000-character parse took minutes
    assert sum(nlp.lengths) <= len(text)


def test_each_claim_keeps_the_citation_of_its_own_sentence(extractor):
    text = ("Serbia bought six CH-92 drones from China (Daily Wire, May 3). The weather was fine today. "
            "Hungary ordered Leopard 2A7 tanks from Germany (Border Post, June 9).")
    claims = extractor.extract(Document(id="cited", text=text, published=dt.date(2024, 6, 15)))
    assert {(c.supplier, c.recipient, c.citation) for c in claims} == {
        ("CHN", "SRB", "Daily Wire, May 3"), ("DEU", "HUN", "Border Post, June 9")}


class CountingList(list):
    """A list that counts the items read from it."""
    reads = 0

    def __getitem__(self, i):
        self.reads += 1
        return super().__getitem__(i)


def test_the_frame_look_back_reads_a_fixed_number_of_sentences():
    frame = Frame(["RUS"], ["SRB"], "delivered", False, 0, [("MiG-29", "combat_aircraft", "MiG-29", "RUS")])
    topics = CountingList([set()] * 100_000)
    assert 100_000 - refresh(frame, topics, 100_000) > FOCUS      # out of focus, as before
    assert topics.reads <= FOCUS + 1                               # not 100,000 reads back to sentence 0
    topics[100_000 - FOCUS] = {"MiG-29"}                           # named again, FOCUS sentences ago
    assert refresh(frame, topics, 100_000) == 100_000 - FOCUS      # so it is back in focus
    frame.sentence = 99_990
    topics[99_995] = {"MiG-29"}
    assert refresh(frame, topics, 99_997) == 99_995


def test_one_huge_line_of_news_is_read_whole_in_linear_time():
    got = run_bounded("""
        import datetime as dt, json
        from armsflow.catalog.loader import load_catalog
        from armsflow.extract.pipeline import Extractor
        from armsflow.model import Document
        filler = ("The council met on Tuesday to discuss the budget. Officials said the talks went well. "
                  "Rain is expected over the weekend in the north. ")
        deal = "Poland ordered 48 K9 howitzers from South Korea in 2022. "
        text = filler * 4000 + deal + filler * 4000                 # 1.3 MB, one line
        claims = Extractor(load_catalog(include_user=False)).extract(Document(id="line", text=text,
                                                                              published=dt.date(2023, 1, 5)))
        print(json.dumps([len(text), text.index(deal), [[c.supplier, c.recipient, c.system, c.start]
                                                         for c in claims]]))
    """)
    size, at, claims = got
    assert size > 10**6
    assert claims == [["KOR", "POL", "K9", at]]


def test_a_long_text_is_looked_up_a_block_of_sentences_at_a_time(extractor, catalog, monkeypatch):
    """Catalogue names are found a block of whole sentences at a time (an article is one block), so that memory
    and the time between two deadline checks stay bounded on megabytes of names; the claims do not change."""
    from armsflow.extract import pipeline

    text = " ".join(f"In {2000 + i % 20}, Peru ordered {i % 9 + 2} K2 tanks from South Korea, and Chile received "
                    f"Leopard 2 tanks from Germany; Serbia and Russia met again, report {i}." for i in range(400))
    doc = Document(id="long", text=text, published=dt.date(2024, 1, 10))
    whole = [(c.supplier, c.recipient, c.system, c.year, c.start) for c in extractor.extract(doc)]
    assert len(text) < pipeline.GAZETTEER_BLOCK and whole

    reader = Extractor(catalog, nlp=extractor.nlp)
    calls = []
    find = reader.gazetteer.find

    def recording(text, folded=None, lo=0, hi=None):
        calls.append((lo, hi))
        return find(text, folded, lo, hi)

    monkeypatch.setattr(reader.gazetteer, "find", recording)
    monkeypatch.setattr(pipeline, "GAZETTEER_BLOCK", 5_000)
    blocks = [(c.supplier, c.recipient, c.system, c.year, c.start) for c in reader.extract(doc)]
    assert blocks == whole
    assert len(calls) >= len(text) // 5_000 and all(hi - lo <= 5_000 for lo, hi in calls)
    assert calls[0][0] == 0 and all(a[1] <= b[0] for a, b in zip(calls, calls[1:]))


def test_sentences_are_parsed_while_the_text_is_still_being_read(extractor, catalog, monkeypatch):
    """The parse pass takes the gated sentences as the cheap pass yields them, so that the gated sentences of a
    text of megabytes are never all held at once."""
    from armsflow.extract import pipeline

    events: list[str] = []

    class Watching:
        def __init__(self, nlp):
            self.nlp = nlp

        def pipe(self, items, as_tuples=False):
            for out in self.nlp.pipe(items, as_tuples=as_tuples):
                events.append("parse")
                yield out

    reader = Extractor(catalog, nlp=Watching(extractor.nlp))
    find = reader.gazetteer.find
    monkeypatch.setattr(reader.gazetteer, "find", lambda *a, **k: events.append("read") or find(*a, **k))
    monkeypatch.setattr(pipeline, "GAZETTEER_BLOCK", 5_000)
    text = " ".join(f"Peru ordered {i % 7 + 2} K2 tanks from South Korea in {2000 + i % 25}." for i in range(2500))
    claims = reader.extract(Document(id="dense", text=text, published=dt.date(2024, 1, 10)))
    assert {(c.supplier, c.recipient, c.system) for c in claims} == {("KOR", "PER", "K2")}
    assert events.count("parse") == 2500
    assert events.index("parse") < len(events) - 1 - events[::-1].index("read")     # a parse before the last read
