"""Is a new document a copy or an echo of one already seen? Corroboration must count independent sources, and a
story reprinted by ten sites, or rewritten by a second outlet from the first, is one source.

Works on plain data: a :class:`DocSignature` per document (made by :func:`signature`, saved by the store as
``to_dict()`` JSON) and an in-memory :class:`EchoIndex`. No database, no network. Against a large collection kept
elsewhere (the store), an :class:`EchoMatcher` asks a lookup function for the signatures filed under the new
document's :func:`lookup_keys` and applies the same rule to those only: memory and time per document follow its
candidates, not the size of the collection.

The rule, for a new document N against each candidate C already in the index:

1. **duplicate**: same content hash (sha256 of the text reduced to folded words). Score 1.
2. **near-duplicate**: MinHash estimate of the Jaccard similarity of the 5-word shingle sets >= 0.8
   (:data:`NEAR_DUPLICATE`). Candidates come from MinHash LSH. Score = that estimate. No date window: a reprint
   a year later is still a reprint.
3. **echo** (a rewrite in other words, which shingles miss: the Atalayar rewrite of the Jamestown piece in the
   dev set shares ~1% of its shingles). Candidates share >= 2 claim keys (supplier, recipient, system or
   category) or >= 3 actors/systems, or enough shingles for LSH to return them (a partial copy), and were
   published within 30 days of N (a document without a date stays a candidate). The pair is scored::

       score = 0.30 * entities + 0.35 * semantic + 0.25 * rare + 0.10 * date

   - entities: Jaccard similarity of the two sets of actors and systems named in the claims;
   - semantic: each sentence of the document with fewer sentences is matched to its most similar sentence in the
     other (cosine of all-MiniLM-L6-v2 embeddings); the mean of those best cosines m is rescaled,
     (m - 0.40) / 0.40 clipped to [0, 1]: two articles on the same topic reach about 0.45-0.52, a rewrite
     0.65-0.75, a paraphrase 0.80;
   - rare: shared rare phrases (numbers with units, quotations, multi-word names; one counts as shared when it
     equals or is contained in one of the other's, word for word) over the smaller of the two phrase lists;
   - date: 1 - days apart / 30, and 0.5 when a date is missing.

   It is an echo when score >= 0.50 (:data:`ECHO_SCORE`) **and** the texts themselves agree beyond their
   claims. A sentence "has a paraphrase" when its best cosine is >= 0.70; of the shorter side's sentences,

   - with embeddings: >= 60% (and >= 3) have one; or >= 30% (and >= 3) have one and >= 4 rare phrases, >= 30%
     of the smaller list, are shared;
   - without (the ``semantic`` extra is not installed, or the signatures come from different models): >= 6 rare
     phrases, >= 40% of the smaller list, are shared. The semantic term is dropped from the score and the other
     weights are rescaled to sum to 1. Fewer rewrites are found this way.

   Two independent reports of one deal share claim keys, actors and a sentence or two about the deal; they do
   not share most of their sentences, their background, their quotes and their numbers. The second condition
   keeps them apart. Its levels come from real same-day reports of one event by different outlets (the news
   corpus beside the repository, with every pair given the same claims): independent ones reached at most 50%
   paraphrased sentences with 0-3 shared rare phrases, or 5 rare phrases with under 10% paraphrased, while
   the dev rewrite (seed-001 of seed-000) has 40% (10 of 25) and 7, and wire rewrites 60-100%.

The earlier-published document is the original and the later one the echo; when a date is missing, the document
already in the index is taken as the original. Thresholds were set on the dev documents (seed-001 against
seed-000: see tests/fuse/test_echo.py) and on test articles written for the purpose.
"""
from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property
from itertools import islice

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from armsflow.fuse import text as tx
from armsflow.model import Claim, Document

NUM_PERM, SEED, SCHEME, SHINGLE = 128, 1, "affine32", 5
NEAR_DUPLICATE = 0.8           # MinHash Jaccard for a near-duplicate
LSH_THRESHOLD = 0.5            # LSH recall threshold, below NEAR_DUPLICATE so that few near-duplicates are missed
WINDOW_DAYS = 30
MIN_SHARED_KEYS, MIN_SHARED_ENTITIES = 2, 3
WEIGHTS = {"entities": 0.30, "semantic": 0.35, "rare": 0.25, "date": 0.10}
SEM_FLOOR, SEM_SPAN = 0.40, 0.40
MATCH_COSINE = 0.70            # a sentence "has a paraphrase" in the other document
MIN_MATCHED = 3                # paraphrased sentences, at least
MOST_MATCHED, SOME_MATCHED = 0.60, 0.30     # share of paraphrased sentences: enough alone / with rare phrases
MIN_RARE, MIN_RARE_SHARE = 4, 0.30          # shared rare phrases, with sentence evidence
LEXICAL_RARE, LEXICAL_RARE_SHARE = 6, 0.40  # shared rare phrases, without embeddings
ECHO_SCORE = 0.50
FORMAT = 1                     # to_dict() layout version
SHINGLE_BATCH = 4096


@dataclass(frozen=True)
class DocSignature:
    """What echo detection keeps of a document. ``vectors`` holds the sentence embeddings as float16 rows."""
    doc_id: str
    content_hash: str
    minhash: tuple[int, ...]
    actors: frozenset[str] = frozenset()
    systems: frozenset[str] = frozenset()
    claim_keys: frozenset[tuple[str | None, str | None, str]] = frozenset()
    rare_phrases: tuple[str, ...] = ()
    published: date | None = None
    publisher: str | None = None
    words: int = 0
    model: str | None = None        # the embedding model, None when there are no vectors
    dim: int = 0
    vectors: bytes | None = None

    @cached_property
    def matrix(self) -> np.ndarray | None:
        """Sentence embeddings as a float32 (sentences x dim) array of unit rows, or None."""
        if not self.vectors:
            return None
        return np.frombuffer(self.vectors, dtype=np.float16).reshape(-1, self.dim).astype(np.float32)

    @cached_property
    def lean_minhash(self) -> LeanMinHash:
        return LeanMinHash(seed=SEED, hashvalues=self.minhash, scheme=SCHEME)

    @property
    def entities(self) -> frozenset[str]:
        """Actors and systems, tagged so that an actor slug never equals a system name."""
        return frozenset({"a:" + a for a in self.actors} | {"s:" + s for s in self.systems})

    def to_dict(self) -> dict:
        """JSON-able plain data; :meth:`from_dict` reads it back."""
        return {
            "format": FORMAT, "doc_id": self.doc_id, "content_hash": self.content_hash,
            "minhash": {"num_perm": NUM_PERM, "seed": SEED, "scheme": SCHEME, "shingle": SHINGLE,
                        "values": list(self.minhash)},
            "actors": sorted(self.actors), "systems": sorted(self.systems),
            "claim_keys": sorted((list(k) for k in self.claim_keys), key=str),
            "rare_phrases": list(self.rare_phrases),
            "published": self.published.isoformat() if self.published else None,
            "publisher": self.publisher, "words": self.words,
            "embedding": None if self.vectors is None else {
                "model": self.model, "dim": self.dim, "dtype": "float16",
                "vectors": base64.b64encode(self.vectors).decode("ascii")},
        }

    @classmethod
    def from_dict(cls, data: dict) -> DocSignature:
        mh = data["minhash"]
        if (mh["num_perm"], mh["seed"], mh["scheme"], mh["shingle"]) != (NUM_PERM, SEED, SCHEME, SHINGLE):
            raise ValueError(f"signature {data['doc_id']}: MinHash made with other settings; recompute it")
        emb = data.get("embedding")
        return cls(
            doc_id=data["doc_id"], content_hash=data["content_hash"], minhash=tuple(mh["values"]),
            actors=frozenset(data["actors"]), systems=frozenset(data["systems"]),
            claim_keys=frozenset(tuple(k) for k in data["claim_keys"]),
            rare_phrases=tuple(data["rare_phrases"]),
            published=date.fromisoformat(data["published"]) if data.get("published") else None,
            publisher=data.get("publisher"), words=data.get("words", 0),
            model=emb["model"] if emb else None, dim=emb["dim"] if emb else 0,
            vectors=base64.b64decode(emb["vectors"]) if emb else None,
        )


@dataclass(frozen=True)
class EchoMatch:
    """``echo`` repeats ``original``. ``original`` is the earlier-published of the two, which may be the new
    document when it predates the one in the index."""
    original: str
    echo: str
    kind: str                      # duplicate | near-duplicate | echo
    score: float
    reasons: list[str] = field(default_factory=list)


def signature(doc: Document, claims: list[Claim], embedder=None) -> DocSignature:
    """The signature of ``doc`` and its claims; sentence embeddings too when an embedder is given."""
    mh = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    digest, count = hashlib.sha256(), 0

    def tokens():                  # one pass over the words: hashed, counted and shingled as they come
        nonlocal count
        for word in tx.iter_words(doc.text):
            digest.update((" " + word if count else word).encode("utf-8"))
            count += 1
            yield word

    shingles = tx.shingles(tokens(), SHINGLE)
    # a few thousand at a time: update_batch makes a (shingles x NUM_PERM) array, 1 GB for a 10 MB text at once
    while batch := [s.encode("utf-8") for s in islice(shingles, SHINGLE_BATCH)]:
        mh.update_batch(batch)
    model, dim, vectors = None, 0, None
    if embedder is not None:
        vecs = embedder.encode(tx.sentences(doc.text))
        if len(vecs):
            model, dim, vectors = embedder.name, vecs.shape[1], np.asarray(vecs, dtype=np.float16).tobytes()
    return DocSignature(
        doc_id=doc.id,
        content_hash=digest.hexdigest(),
        minhash=tuple(int(v) for v in mh.hashvalues),
        actors=frozenset(a for c in claims for a in (c.supplier, c.recipient) if a),
        systems=frozenset(c.system for c in claims if c.system),
        claim_keys=frozenset((c.supplier, c.recipient, c.system or c.category) for c in claims),
        rare_phrases=tuple(tx.rare_phrases(doc.text)),
        published=doc.published, publisher=doc.publisher, words=count,
        model=model, dim=dim, vectors=vectors,
    )


class EchoIndex:
    """Signatures seen so far, with MinHash LSH for near-duplicates and inverted lists of claim keys and
    actors/systems for rewrites. Persist it as ``[s.to_dict() for s in index]``; rebuild with ``EchoIndex(sigs)``."""

    def __init__(self, signatures=(), window_days: int = WINDOW_DAYS):
        self.window_days = window_days
        self._sigs: dict[str, DocSignature] = {}
        self._by_hash: dict[str, set[str]] = {}
        self._by_key: dict[tuple, set[str]] = {}
        self._by_entity: dict[str, set[str]] = {}
        self._lsh = MinHashLSH(num_perm=NUM_PERM, params=_lsh_params())
        for sig in signatures:
            self.add(sig)

    def __len__(self) -> int:
        return len(self._sigs)

    def __iter__(self):
        return iter(self._sigs.values())

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._sigs

    def add(self, sig: DocSignature) -> None:
        """Index ``sig``; a signature with the same id replaces the old one."""
        if sig.doc_id in self._sigs:
            self.remove(sig.doc_id)
        self._sigs[sig.doc_id] = sig
        self._by_hash.setdefault(sig.content_hash, set()).add(sig.doc_id)
        for k in sig.claim_keys:
            self._by_key.setdefault(k, set()).add(sig.doc_id)
        for e in sig.entities:
            self._by_entity.setdefault(e, set()).add(sig.doc_id)
        self._lsh.insert(sig.doc_id, sig.lean_minhash)

    def remove(self, doc_id: str) -> None:
        sig = self._sigs.pop(doc_id)
        self._by_hash[sig.content_hash].discard(doc_id)
        for k in sig.claim_keys:
            self._by_key[k].discard(doc_id)
        for e in sig.entities:
            self._by_entity[e].discard(doc_id)
        self._lsh.remove(doc_id)

    def match(self, sig: DocSignature) -> EchoMatch | None:
        """The strongest link of ``sig`` to an indexed document (``sig`` itself is not added), or None when it is
        an independent source. Duplicates win over near-duplicates, which win over echoes."""
        same = sorted(self._by_hash.get(sig.content_hash, set()) - {sig.doc_id})
        if same:
            return _link(sig, self._sigs[min(same, key=lambda i: _when(self._sigs[i]))], "duplicate", 1.0,
                         ["same content hash"])
        near = [(sig.lean_minhash.jaccard(self._sigs[i].lean_minhash), i)
                for i in self._lsh.query(sig.lean_minhash) if i != sig.doc_id]
        best = max(((j, i) for j, i in near if j >= NEAR_DUPLICATE), default=None)
        if best:
            return _link(sig, self._sigs[best[1]], "near-duplicate", best[0],
                         [f"5-word shingle Jaccard ~{best[0]:.2f} (MinHash)"])
        found = []
        for cand in self._candidates(sig, [i for _, i in near]):
            score, confirmed, reasons = echo_evidence(sig, cand)
            if confirmed and score >= ECHO_SCORE:
                found.append((score, cand, reasons))
        if not found:
            return None
        score, cand, reasons = max(found, key=lambda f: (f[0], f[1].doc_id))
        return _link(sig, cand, "echo", score, reasons)

    def _candidates(self, sig: DocSignature, overlapping: list[str]) -> list[DocSignature]:
        """Documents sharing >= 2 claim keys or >= 3 actors/systems, or many shingles (``overlapping``, from
        LSH: a partial copy), published within the window."""
        keys, ents = Counter(), Counter()
        for k in sig.claim_keys:
            keys.update(self._by_key.get(k, ()))
        for e in sig.entities:
            ents.update(self._by_entity.get(e, ()))
        ids = {i for i, n in keys.items() if n >= MIN_SHARED_KEYS} | {i for i, n in ents.items()
                                                                       if n >= MIN_SHARED_ENTITIES}
        ids.update(overlapping)
        ids.discard(sig.doc_id)
        return [self._sigs[i] for i in sorted(ids) if _within(sig, self._sigs[i], self.window_days)]


@dataclass(frozen=True)
class LookupKeys:
    """The 64-bit keys a signature is filed under in an index kept outside memory (the store's ``echo_keys``),
    and what a new signature asks that index for. ``exact``: the content hash and each MinHash LSH band (a
    duplicate or near-duplicate, whatever its date); ``claims``, ``entities``: claim keys and actors/systems, of
    which a rewrite shares ``min_claims`` or ``min_entities`` (within the date window).

    Keys are hashes, so two different keys may (very rarely) share a number: the lookup then returns a document
    too many, which the rule, run on the signatures themselves, sets aside. So that it never returns one too
    few, a signature whose own keys share numbers asks for fewer of them."""
    exact: tuple[int, ...]
    claims: tuple[int, ...]
    entities: tuple[int, ...]
    min_claims: int = MIN_SHARED_KEYS
    min_entities: int = MIN_SHARED_ENTITIES

    @property
    def filed(self) -> list[int]:
        """Every key of the signature, once each: what to file it under."""
        return sorted(set(self.exact) | set(self.claims) | set(self.entities))


def lookup_keys(sig: DocSignature) -> LookupKeys:
    """The :class:`LookupKeys` of ``sig`` (stable across processes and versions of Python)."""
    bands, rows = _lsh_params()
    exact = {_key64("h", sig.content_hash)}
    exact |= {_key64(f"b{i}", ",".join(map(str, sig.minhash[i * rows:(i + 1) * rows]))) for i in range(bands)}
    claims = {_key64("k", json.dumps(list(k))) for k in sig.claim_keys}
    entities = {_key64("e", e) for e in sig.entities}
    return LookupKeys(tuple(sorted(exact)), tuple(sorted(claims)), tuple(sorted(entities)),
                      max(1, MIN_SHARED_KEYS - (len(sig.claim_keys) - len(claims))),
                      max(1, MIN_SHARED_ENTITIES - (len(sig.entities) - len(entities))))


def keys_version() -> str:
    """Changes whenever :func:`lookup_keys` would file a signature under other keys: a store filed under another
    version must be filed again."""
    return "1:%dx%d:%d" % (*_lsh_params(), NUM_PERM)


def _key64(kind: str, value: str) -> int:
    digest = hashlib.blake2b(f"{kind}|{value}".encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class EchoMatcher:
    """Echo matching against signatures kept outside memory, as one :class:`EchoIndex` holding them all would.

    ``fetch(keys, published, window_days)`` returns signatures kept elsewhere: at least those filed under any of
    ``keys.exact``, and those filed under ``keys.min_claims`` of ``keys.claims`` or ``keys.min_entities`` of
    ``keys.entities`` that are dated within ``window_days`` of ``published`` (any date when it is None) or
    undated. Those are all the documents the rule can link the new one to: a duplicate shares its content hash, a
    near-duplicate or partial copy an LSH band, a rewrite claim keys or actors/systems in the window. The rule
    runs on them, and on the signatures :meth:`add`-ed since the last :meth:`flush` (not stored yet, so not
    fetched), and decides as it would with everything in one index; a few extra documents change nothing."""

    def __init__(self, fetch, window_days: int = WINDOW_DAYS):
        self.fetch, self.window_days = fetch, window_days
        self.pending = EchoIndex(window_days=window_days)

    def match(self, sig: DocSignature) -> EchoMatch | None:
        index = EchoIndex(self.fetch(lookup_keys(sig), sig.published, self.window_days), self.window_days)
        for other in self.pending:
            index.add(other)
        return index.match(sig)

    def add(self, sig: DocSignature) -> None:
        """``sig`` is about to be stored: later matches see it before ``fetch`` can."""
        self.pending.add(sig)

    def discard(self, doc_id: str) -> None:
        """An added signature that will not be stored after all: later matches must not see it."""
        if doc_id in self.pending:
            self.pending.remove(doc_id)

    def flush(self) -> None:
        """The added signatures are stored (or given up): from now on ``fetch`` alone answers for them."""
        self.pending = EchoIndex(window_days=self.window_days)


@cache
def _lsh_params() -> tuple[int, int]:
    """(bands, rows) for LSH_THRESHOLD: datasketch works them out by numerical integration, ~10 ms a time."""
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def echo_evidence(a: DocSignature, b: DocSignature) -> tuple[float, bool, list[str]]:
    """(score, confirmed by the texts, reasons) for the pair, by the rule in the module docstring."""
    ea, eb = a.entities, b.entities
    entities = len(ea & eb) / len(ea | eb) if ea | eb else 0.0
    shared = _shared_phrases(a.rare_phrases, b.rare_phrases)
    smaller = min(len(a.rare_phrases), len(b.rare_phrases))
    rare = len(shared) / smaller if smaller else 0.0
    days = _days(a, b)
    parts = {"entities": entities, "rare": min(1.0, rare),
             "date": 0.5 if days is None else max(0.0, 1 - days / WINDOW_DAYS)}
    reasons = [(f"actors/systems Jaccard {entities:.2f} ({len(ea & eb)} shared), "
                f"{len(a.claim_keys & b.claim_keys)} shared claim keys"),
               f"{len(shared)} shared rare phrases" + (": " + "; ".join(shared[:6]) if shared else ""),
               "publication date unknown" if days is None else f"published {days} days apart"]
    sem = _semantic(a, b)
    if sem is not None:
        mean, matched, n = sem
        parts["semantic"] = min(1.0, max(0.0, (mean - SEM_FLOOR) / SEM_SPAN))
        rare_ok = len(shared) >= MIN_RARE and rare >= MIN_RARE_SHARE
        enough = matched >= MIN_MATCHED and matched / n >= MOST_MATCHED
        some = matched >= MIN_MATCHED and matched / n >= SOME_MATCHED
        confirmed = enough or (some and rare_ok)
        reasons.append(f"{matched}/{n} sentences paraphrased (cosine >= {MATCH_COSINE}), "
                       f"mean best cosine {mean:.2f}")
    else:
        confirmed = len(shared) >= LEXICAL_RARE and rare >= LEXICAL_RARE_SHARE
        reasons.append("no sentence embeddings: lexical signals only")
    score = sum(WEIGHTS[k] * v for k, v in parts.items()) / sum(WEIGHTS[k] for k in parts)
    return round(score, 4), confirmed, reasons


def _semantic(a: DocSignature, b: DocSignature) -> tuple[float, int, int] | None:
    """(mean best cosine, sentences with a paraphrase, sentences) over the side with fewer sentences (the higher
    of the two sides when they have as many)."""
    ma, mb = a.matrix, b.matrix
    if ma is None or mb is None or a.model != b.model or ma.shape[1] != mb.shape[1]:
        return None
    sims = ma @ mb.T
    sides = [sims.max(axis=1), sims.max(axis=0)]
    if len(ma) != len(mb):
        sides = [sides[0] if len(ma) < len(mb) else sides[1]]
    best = max(sides, key=lambda x: float(x.mean()))
    return float(best.mean()), int((best >= MATCH_COSINE).sum()), len(best)


def _shared_phrases(a: tuple[str, ...], b: tuple[str, ...]) -> list[str]:
    """Phrases of one side equal to, inside or containing a phrase of the other, word for word; counted from
    the side with fewer such phrases, so that the count is the same either way round."""
    def hits(xs, ys):
        padded = [f" {y} " for y in ys]
        return [x for x in xs if any(f" {x} " in y or y in f" {x} " for y in padded)]
    return min(hits(a, b), hits(b, a), key=lambda h: (len(h), h))


def _days(a: DocSignature, b: DocSignature) -> int | None:
    return abs((a.published - b.published).days) if a.published and b.published else None


def _within(a: DocSignature, b: DocSignature, window: int) -> bool:
    days = _days(a, b)
    return days is None or days <= window


def _when(sig: DocSignature) -> tuple:
    return (sig.published is None, sig.published or date.min, sig.doc_id)


def _link(new: DocSignature, old: DocSignature, kind: str, score: float, reasons: list[str]) -> EchoMatch:
    """Orient the pair: the earlier-published is the original; without both dates, the indexed one."""
    if new.published and old.published and new.published < old.published:
        return EchoMatch(new.doc_id, old.doc_id, kind, round(score, 4), reasons)
    return EchoMatch(old.doc_id, new.doc_id, kind, round(score, 4), reasons)
