"""Parsing on worker processes (extract/parallel.py) gives the parse of this process, sentence for sentence and in
order, and leaves no process behind when the reader stops early."""
from __future__ import annotations

import multiprocessing

import pytest

from armsflow.extract.parallel import ParsePool, can_fork

pytestmark = pytest.mark.skipif(not can_fork(), reason="worker processes are forked, and this process cannot fork")

SENTENCES = [
    "Ruritania bought twelve F-16 fighters from Freedonia in 2019, officials said.",
    "The ministry re-exported the rifles it had re-exported before.",
    "Deliveries of the K2 tanks began on 5 Dec. 2022 and will run until 2030.",
    "\"We will not sell them drones,\" the defence minister told reporters on Monday.",
    "Its navy operates four Type 212 submarines built by TKMS, and wants two more.",
    "Gotta go.",
    "Zorblaxian officials said the Quibblefant-12 would be delivered next spring.",
]


def annotations(doc):
    return [(t.text, t.idx, t.whitespace_, t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, str(t.morph),
             t.is_sent_start, t.like_num, t.is_punct) for t in doc]


def test_workers_parse_as_this_process_does_in_order(extractor):
    nlp = extractor.nlp
    texts = [f"{s} ({i})" if i % 3 else s for i, s in enumerate(SENTENCES * 9)]       # 63: several batches
    items = [(t, {"n": i}) for i, t in enumerate(texts)]
    pooled = list(ParsePool(nlp, workers=2, batch=4).pipe(iter(items)))
    assert [c["n"] for _, c in pooled] == list(range(len(texts)))
    assert [annotations(d) for d, _ in pooled] == [annotations(d) for d in nlp.pipe(texts)]
    assert not multiprocessing.active_children()


def test_a_reader_that_stops_early_stops_the_workers(extractor):
    stream = ParsePool(extractor.nlp, workers=2, batch=2).pipe((s, None) for s in SENTENCES * 20)
    doc, _ = next(stream)
    assert doc.text == SENTENCES[0]
    assert len(multiprocessing.active_children()) == 2
    stream.close()
    assert not multiprocessing.active_children()


def test_a_long_document_gives_the_same_claims_with_workers(extractor, monkeypatch):
    from armsflow.extract import pipeline
    from armsflow.model import Document

    paragraph = ("Chile bought six F-16 fighters from the Netherlands in 2021. The jets arrived in 2022. "
                 "Peru said it would order two Type 212 submarines from Germany. Officials met in Lima on Monday.\n")
    text = paragraph * (pipeline.PARALLEL_CHARS // len(paragraph) + 2)
    doc = Document(id="long", text=text)
    alone = extractor.extract(doc)
    monkeypatch.setattr(extractor, "parse_workers", 2)
    used = []
    real = ParsePool.pipe

    def counted(self, items):                 # the real pool, counted: was it used?
        used.append(self.workers)
        return real(self, items)

    monkeypatch.setattr(ParsePool, "pipe", counted)
    forkable = can_fork()      # False when an earlier test of this process left a thread running: no fork then
    pooled = extractor.extract(doc)
    assert used == ([2] if forkable else [])
    assert [c.to_json() for c in pooled] == [c.to_json() for c in alone] and alone


def test_extract_workers_option_gives_the_same_claims(tmp_path):
    """`armsflow extract --workers N` parses a long document on N processes (1: in this one) and writes the same
    claims either way; a count out of range is one line and exit status 2."""
    import json
    import subprocess
    import sys

    text = " ".join(["Peru bought K2 tanks from South Korea in 2021.", "Chile sold two frigates to Ecuador.",
                     "The weather in Lima was mild that week, and the markets were calm."] * 300)
    path = tmp_path / "long.txt"
    path.write_text(text, encoding="utf-8")

    def claims(workers):
        done = subprocess.run([sys.executable, "-m", "armsflow", "extract", "--workers", str(workers), "--format",
                               "jsonl", str(path)], capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        return [(c["supplier"], c["recipient"], c["system"] or c["category"], c["start"])
                for c in map(json.loads, done.stdout.splitlines())]
    one = claims(1)
    assert ("KOR", "PER", "K2", 0) in one
    assert claims(2) == one
    bad = subprocess.run([sys.executable, "-m", "armsflow", "extract", "--workers", "0", str(path)],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and bad.stderr.strip().count("\n") == 0 and "--workers" in bad.stderr
