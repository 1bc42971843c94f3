"""Echo detection: copies, near copies and rewrites are linked to their original; independent reports are not.

The articles in articles/ were written for these tests: an original report of a (fictional) Peruvian FA-50 order,
a rewrite of it by another outlet (new lead, its own wording, two paragraphs kept almost as they were), and an
independent report of the same deal with its own facts and quotes. Their claims are written out here rather
than extracted, so that these tests do not move with the extractor.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
from pathlib import Path

import pytest

from armsflow.fuse import embed
from armsflow.fuse.echo import DocSignature, EchoIndex, echo_evidence, signature
from armsflow.ingest.text import parse_text, read_text_document
from armsflow.model import Claim

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1].parent / "shared"
DEV_DOCS = SHARED / "eval" / "dev" / "docs"

# (supplier, recipient, system) as a careful reader would annotate each article
DEAL = [("KOR", "PER", "FA-50"), ("ITA", "PER", "M-346"), ("IND", "PER", "Tejas"),
        ("KOR", "POL", "FA-50"), ("KOR", "MYS", "FA-50"), ("KOR", "PHL", "FA-50")]
CLAIMS = {"original": DEAL, "rewrite": DEAL, "independent": [DEAL[0]] + DEAL[3:]}


def _claims(doc_id, triples):
    return [Claim(doc_id, s, r, system, "combat_aircraft", None, "ordered", None, False, "", 0, 0)
            for s, r, system in triples]


@pytest.fixture(scope="module")
def docs():
    docs = {p.stem: parse_text(p.read_text(encoding="utf-8"), p.stem) for p in sorted((HERE / "articles").glob("*.md"))}
    original = docs["original"]
    docs["copy"] = dataclasses.replace(original, id="copy", publisher="Reprint Site", published=dt.date(2025, 3, 5))
    headline = "Peru signs for ten FA-50 light fighters from South Korea"
    assert headline in original.text
    docs["near"] = dataclasses.replace(
        original, id="near", publisher="Aggregator", published=dt.date(2025, 3, 6),
        text=original.text.replace(headline, "South Korean jets win Peruvian contract worth $460 million")
        + "\nCompiled by our news desk.\n")
    return docs


@pytest.fixture(scope="module")
def embedder():
    reasons = []
    found = embed.load_embedder(warn=reasons.append)
    if found is None:
        pytest.skip(reasons[0])
    return found


@pytest.fixture(scope="module", params=["lexical", "semantic"])
def sigs(request, docs):
    """Signatures of every test article, without and with sentence embeddings."""
    emb = request.getfixturevalue("embedder") if request.param == "semantic" else None
    return {k: signature(d, _claims(k, CLAIMS.get(k, DEAL)), emb) for k, d in docs.items()}


def _one(matches):
    """The only link found."""
    assert len(matches) == 1, matches
    return matches[0]


def test_exact_copy_is_a_duplicate(sigs):
    m = _one(EchoIndex([sigs["original"]]).match(sigs["copy"]))
    assert (m.kind, m.original, m.echo, m.score) == ("duplicate", "original", "copy", 1.0)


def test_near_copy_with_a_new_headline_is_a_near_duplicate(sigs):
    m = _one(EchoIndex([sigs["original"]]).match(sigs["near"]))
    assert (m.kind, m.original, m.echo) == ("near-duplicate", "original", "near")
    assert 0.8 <= m.score < 1


def test_rewrite_is_an_echo_of_the_original(sigs):
    m = _one(EchoIndex([sigs["original"], sigs["independent"]]).match(sigs["rewrite"]))
    assert (m.kind, m.original, m.echo) == ("echo", "original", "rewrite")
    assert m.score >= 0.06 and m.reasons


def test_the_earlier_document_is_the_original_whatever_the_order_of_arrival(sigs):
    m = _one(EchoIndex([sigs["rewrite"]]).match(sigs["original"]))
    assert (m.kind, m.original, m.echo) == ("echo", "original", "rewrite")


def test_independent_report_of_the_same_deal_stays_independent(sigs):
    index = EchoIndex([sigs["original"], sigs["rewrite"]])
    assert index.match(sigs["independent"]) == []
    # even in the worst case, where it names exactly the same claims as the original
    same_claims = dataclasses.replace(sigs["independent"], claim_keys=sigs["original"].claim_keys,
                                      actors=sigs["original"].actors, systems=sigs["original"].systems)
    assert index.match(same_claims) == []
    _, confirmed, _ = echo_evidence(same_claims, sigs["original"])
    assert not confirmed                   # claim overlap alone never makes an echo


def test_a_rewrite_outside_the_date_window_is_not_a_candidate(sigs):
    late = dataclasses.replace(sigs["rewrite"], published=dt.date(2025, 6, 1))
    assert EchoIndex([sigs["original"]]).match(late) == []
    undated = dataclasses.replace(sigs["rewrite"], published=None)
    m = _one(EchoIndex([sigs["original"]]).match(undated))
    assert (m.kind, m.original, m.echo) == ("echo", "original", "rewrite")


def test_signatures_are_plain_json_and_rebuild_the_index(sigs):
    saved = json.dumps([s.to_dict() for s in EchoIndex(sigs[k] for k in ("original", "independent"))])
    back = [DocSignature.from_dict(d) for d in json.loads(saved)]
    assert back == [sigs["original"], sigs["independent"]]
    m = _one(EchoIndex(back).match(sigs["rewrite"]))
    assert (m.kind, m.original) == ("echo", "original")


def test_load_embedder_without_the_extra_returns_none_and_says_why(monkeypatch):
    real = embed.importlib.util.find_spec
    monkeypatch.setattr(embed.importlib.util, "find_spec",
                        lambda name, *a: None if name == embed.MODEL_PACKAGE else real(name, *a))
    said = []
    assert embed.load_embedder(warn=said.append) is None
    assert len(said) == 1 and "\n" not in said[0] and embed.MODEL_PACKAGE in said[0]


# -- the real dev documents ----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def dev_docs(extractor):
    if not DEV_DOCS.is_dir():
        pytest.skip(f"{DEV_DOCS} is absent (the evaluation folder sits next to the repository)")
    docs = [read_text_document(p) for p in sorted(DEV_DOCS.glob("*.md"))]
    return [(d, extractor.extract(d)) for d in docs]


@pytest.mark.parametrize("mode", ["lexical", "semantic"])
def test_dev_set_links_only_the_seed_rewrite(mode, dev_docs, request):
    emb = request.getfixturevalue("embedder") if mode == "semantic" else None
    sigs = [signature(d, claims, emb) for d, claims in dev_docs]
    assert len(sigs) == 32
    links = []
    for a, b in itertools.permutations(sigs, 2):        # every pair, each way round
        links += [(m.kind, m.original, m.echo) for m in EchoIndex([a]).match(b)]
    assert set(links) == {("echo", "seed-000", "seed-001")} and len(links) == 2
