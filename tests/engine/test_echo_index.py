"""Echo detection against the store's echo index (echo_keys), on SQLite and PostgreSQL.

An ingest used to load the signature of every stored document before its first new one (52 s and 3.9 GB with
2 x 10^5 stored). Now each new document's candidates are read from the store by key. The decisions must be those of
one in-memory index holding everything; the work per document must not depend on how much is stored (counted here
in signatures read, not timed); stores made before the index, and signatures stored without keys, are filed.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random

import pytest
from sqlalchemy import func, inspect, select, text

from armsflow.engine.ingest import Driver, ingest
from armsflow.fuse import echo
from armsflow.fuse.echo import DocSignature, EchoIndex, EchoMatcher, lookup_keys, signature
from armsflow.model import Claim, Document
from armsflow.store import open_store
from armsflow.store.engine import make_engine
from armsflow.store.migrate import upgrade
from armsflow.store.repo import NewDocument, Store, content_hash
from armsflow.store.schema import EchoKey

FIRST = dt.date(2024, 1, 1)
VOCAB = [f"w{i}" for i in range(300)]
PAIRS = [("RUS", "SRB"), ("CHN", "SRB"), ("TUR", "POL"), ("FRA", "GRC"), ("KOR", "EGY")]
SYSTEMS = ["MiG-29", "CH-92", "Bayraktar TB2", "Rafale", "K9"]
PHRASES = [f"{n} phrase {n * 7}" for n in range(40)]


def _claims(doc_id, triples):
    return [Claim(doc_id, s, r, system, "combat_aircraft", None, "ordered", None, False, "", 0, 0)
            for s, r, system in triples]


def _sig(text_, published, triples, phrases) -> DocSignature:
    doc = Document(id="x", text=text_, published=published)
    sig = signature(doc, _claims("x", triples))
    return dataclasses.replace(sig, doc_id=content_hash(text_), rare_phrases=tuple(phrases))


def synthetic(n: int, seed: int = 11) -> list[tuple[str, DocSignature]]:
    """Documents in arrival order: fresh reports, and copies, near copies and rewrites of earlier ones, with
    dates over four months (some unknown), so that every branch of the rule is taken."""
    rng = random.Random(seed)
    made: list[tuple[str, DocSignature, list, list]] = []
    for i in range(n):
        published = None if rng.random() < 0.1 else FIRST + dt.timedelta(days=rng.randint(0, 120))
        roll = rng.random()
        if made and roll < 0.12:                       # a copy: same words, other punctuation
            base = rng.choice(made)
            text_, triples, phrases = base[0].replace(" ", ", ", 1 + i % 5), base[2], base[3]
        elif made and roll < 0.24:                     # a near copy: a few words changed
            base = rng.choice(made)
            words = base[0].split()
            for _ in range(3):
                words[rng.randrange(len(words))] = rng.choice(VOCAB)
            text_, triples, phrases = " ".join(words), base[2], base[3]
        elif made and roll < 0.5:                      # a rewrite: a run of the base's words among others
            base = rng.choice(made)
            if base[1].published and published:
                published = base[1].published + dt.timedelta(days=rng.randint(-40, 40))
            kept = base[0].split()[:rng.choice((3, 25))]  # too short to count, or enough
            text_ = " ".join([rng.choice(VOCAB) for _ in range(rng.randint(30, 60))] + kept
                             + [rng.choice(VOCAB) for _ in range(rng.randint(30, 60))])
            triples = base[2]
            phrases = rng.sample(base[3], 7) + rng.sample(PHRASES, 3)
        else:
            text_ = " ".join(rng.choice(VOCAB) for _ in range(rng.randint(60, 120)))
            triples = [(*rng.choice(PAIRS), rng.choice(SYSTEMS)) for _ in range(rng.randint(1, 3))]
            phrases = rng.sample(PHRASES, 10)
        if any(m[0] == text_ or content_hash(m[0]) == content_hash(text_) for m in made):
            text_ += f" w{i}x"                         # one document per content hash, as in a store
        made.append((text_, _sig(text_, published, triples, phrases), triples, phrases))
    return [(t, s) for t, s, _, _ in made]


def _new(text_: str, sig: DocSignature, keys: bool = True) -> NewDocument:
    doc = Document(id=sig.doc_id[:12], text=text_, published=sig.published)
    return NewDocument(doc, [], "test", signature=sig.to_dict(), content_hash=sig.doc_id,
                       echo_keys=(sig.published, lookup_keys(sig).filed) if keys else None)


def _fetch(store: Store):
    def fetch(keys, published, days):
        return [DocSignature.from_dict(d) for d in store.echo_candidates(list(keys.exact), keys.counted,
                                                                         published, days)]
    return fetch


def test_decisions_against_the_store_are_those_of_one_index_holding_everything(store):
    docs = synthetic(160)
    whole = EchoIndex()
    matcher = EchoMatcher(_fetch(store))
    chunk: list = []
    kinds = []
    for text_, sig in docs:
        expected = whole.match(sig)
        assert matcher.match(sig) == expected
        kinds += [m.kind for m in expected] or [None]
        whole.add(sig)
        matcher.add(sig)                         # not stored yet: matched from memory, as within a chunk
        chunk.append(_new(text_, sig))
        if len(chunk) == 5:
            store.add_documents(chunk)
            matcher.flush()
            chunk = []
    # every branch of the rule was taken, so agreement means something
    assert {"duplicate", "near-duplicate", "echo", None} <= set(kinds), kinds


def _store_with(url: str, n: int) -> Store:
    """A store of ``n`` documents, one a day from FIRST, each naming the same two transfers."""
    store = open_store(url)
    rng = random.Random(n)
    triples = [("RUS", "SRB", "MiG-29"), ("CHN", "SRB", "CH-92")]
    batch = []
    for i in range(n):
        text_ = " ".join(rng.choice(VOCAB) for _ in range(80)) + f" number {i}"
        batch.append(_new(text_, _sig(text_, FIRST + dt.timedelta(days=i), triples, rng.sample(PHRASES, 10))))
        if len(batch) == 500:
            store.add_documents(batch)
            batch = []
    store.add_documents(batch)
    return store


class Counting:
    """Counts the signatures decoded from the store."""

    def __init__(self, monkeypatch):
        self.n = 0
        real = DocSignature.from_dict.__func__

        def counted(cls, data):
            self.n += 1
            return real(cls, data)
        monkeypatch.setattr(DocSignature, "from_dict", classmethod(counted))


NEW = ("---\npublished: 2024-07-19\n---\n"      # day 200 of the stores below
       "Serbia bought six MiG-29 fighter jets from Russia, the ministry said on Friday. China delivered "
       "CH-92 drones to Serbia last month.\n")


def test_the_work_of_an_ingest_does_not_grow_with_the_store(tmp_path, extractor, monkeypatch):
    from armsflow.fuse.family import Families
    from armsflow.ingest.text import text_document

    families = Families(extractor.gazetteer)
    read = {}
    for n in (400, 4000):
        store = _store_with(f"sqlite:///{tmp_path / f'{n}.db'}", n)
        Driver(store, families, extractor.version)                 # the first run files what is stored, once
        counter = Counting(monkeypatch)
        Driver(store, families, extractor.version)                 # the index is current: nothing is read
        assert counter.n == 0
        summary = ingest([text_document(NEW.encode(), "new.md", "new")], store, extractor, families,
                         on_error=pytest.fail)
        assert summary.new == 1 and summary.echoes == 0
        read[n] = counter.n
        store.engine.dispose()
    # the candidates: the stored documents within 30 days of day 200, the same in both stores
    assert read[400] == read[4000] == 61, read


def test_a_store_made_before_the_index_is_filed_on_the_next_ingest(store_url, extractor):
    from armsflow.fuse.family import Families
    from armsflow.ingest.text import text_document

    engine = make_engine(store_url)
    upgrade(engine, "0005")
    docs = synthetic(30, seed=5)
    # as an older armsflow stored them: documents with signatures of the first format, no echo_keys table
    with engine.begin() as conn:
        for t, s in docs:
            old = s.to_dict()
            old.pop("grams")
            conn.execute(text("INSERT INTO documents (doc_key, content_hash, kind, text, body_offset, ingested_at, "
                              "published, signature) VALUES (:k, :h, 'text', :t, 0, '2024-01-01', :p, :sig)"),
                         {"k": s.doc_id[:12], "h": s.doc_id, "t": t, "p": s.published, "sig": json.dumps(old)})
    engine.dispose()

    store = open_store(store_url)                                  # migrated: the table exists, empty
    assert "echo_keys" in inspect(store.engine).get_table_names()
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(EchoKey)).scalar() == 0
    families = Families(extractor.gazetteer)
    text_, sig = docs[0]
    copy = text_.replace(" ", "; ", 2)                             # same words: a duplicate of the first
    summary = ingest([text_document(copy.encode(), "copy.md", "copy")], store, extractor, families,
                     on_error=pytest.fail)
    assert summary.duplicates == 1
    with store.engine.connect() as conn:
        filed = conn.execute(select(func.count()).select_from(EchoKey)).scalar()
        original = conn.execute(text("SELECT o.content_hash FROM documents d JOIN echo_links l ON l.document_id = "
                                     "d.id JOIN documents o ON l.echo_of_id = o.id WHERE d.doc_key = 'copy'")).scalar()
        completed = conn.execute(text("SELECT signature FROM documents WHERE content_hash = :h"),
                                 {"h": sig.doc_id}).scalar()
    assert original == sig.doc_id
    # the old signature was completed from its text: the grams are those a new signature has
    completed = completed if isinstance(completed, dict) else json.loads(completed)
    assert DocSignature.from_dict(completed).narrative == sig.narrative != ()
    expected = sum(len(lookup_keys(s).filed) for _, s in docs)
    assert filed > expected                                        # all 30, and the copy's own keys
    store.engine.dispose()


def test_a_signature_stored_without_keys_makes_the_next_ingest_file_again(tmp_path, extractor):
    from armsflow.fuse.family import Families

    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    families = Families(extractor.gazetteer)
    (t1, s1), (t2, s2) = synthetic(2, seed=3)
    store.add_documents([_new(t1, s1)])
    Driver(store, families, extractor.version)
    store.add_documents([_new(t2, s2, keys=False)])               # a writer that did not file it
    with store.engine.connect() as conn:
        before = conn.execute(select(func.count()).select_from(EchoKey)).scalar()
    Driver(store, families, extractor.version)
    with store.engine.connect() as conn:
        after = conn.execute(select(func.count()).select_from(EchoKey)).scalar()
        docs = conn.execute(select(func.count(func.distinct(EchoKey.document_id)))).scalar()
    assert before == len(lookup_keys(s1).filed)
    assert after == before + len(lookup_keys(s2).filed) and docs == 2


def test_lookup_keys_of_a_signature():
    (_, sig), = synthetic(1, seed=9)
    keys = lookup_keys(sig)
    bands, _rows = echo._lsh_params()
    assert len(keys.exact) == 1 + bands                            # content hash and one key per LSH band
    assert len(keys.claims) == len(sig.claim_keys) and len(keys.entities) == len(sig.entities)
    assert (keys.min_claims, keys.min_entities) == (echo.MIN_SHARED_KEYS, echo.MIN_SHARED_ENTITIES)
    assert lookup_keys(DocSignature.from_dict(sig.to_dict())) == keys     # stable through the store
    other = dataclasses.replace(sig, minhash=(sig.minhash[0] + 1,) + sig.minhash[1:])
    assert set(lookup_keys(other).exact) ^ set(keys.exact) != set()      # the first band differs
    assert len(set(lookup_keys(other).exact) & set(keys.exact)) == bands  # the others do not
