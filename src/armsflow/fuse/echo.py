"""Is a new document a copy or an echo of others already seen? Corroboration must count independent sources, and a
story reprinted by ten sites, or rewritten from a wire, is one source.

Works on plain data: a :class:`DocSignature` per document (made by :func:`signature`, saved by the store as
``to_dict()`` JSON) and an in-memory :class:`EchoIndex`. No database, no network. Against a large collection kept
elsewhere (the store), an :class:`EchoMatcher` asks a lookup function for the signatures filed under the new
document's :func:`lookup_keys` and applies the same rule to those only.

A document may echo several others (a copy of two wires echoes both): :meth:`EchoIndex.match` returns every link,
each with its evidence, and the store keeps them all (never replacing one). The links make clusters (union-find,
fuse/clusters.py), and a cluster is one independent source.

The rule, for a new document N against each candidate C:

1. **duplicate**: same content hash (sha256 of the text reduced to folded words). Score 1.
2. **near-duplicate**: MinHash estimate of the Jaccard similarity of the 5-word shingle sets >= 0.8
   (:data:`NEAR_DUPLICATE`). No date window: a reprint a year later is still a reprint.
3. **echo**: the two texts share the reporter's own wording. A copy carries over its original's sentences, verbatim
   or lightly reworded, with a new lead or other material around them; two independent reports of one event share
   its facts (names, titles, figures, the words of an official statement) but each says them in its own words.
   So the evidence is the *narrative* 4-word sequences (word 4-grams with at least one content word, outside
   quotation marks in both texts: words quoted from a speaker, a post or a statement are everybody's to quote and
   are no evidence) that the two share, counted against the narrative 4-grams of the shorter text: a rewrite with
   a new lead, or a short copy of a long article, is measured on what it has. It is an echo when

       shared >= max(MIN_SHARED, SHARED_SHARE * narrative 4-grams of the shorter)

   with :data:`SHARED_SHARE` = 0.06 and :data:`MIN_SHARED` = 10 (about two copied sentences: one shared sentence
   of plain fact, "Turkey delivered six TB2 drones to Albania in 2023", is not enough). The levels come from
   real pairs (../shared/eval/echo-dev, bench/echo_eval.py): same-event independent reports shared at most 5.3 % of
   the shorter's narrative 4-grams (names, titles, a translated remark), reports of different events at most 2 %,
   and echoes from 7 % (a wire machine-translated and back, a site reusing two sentences of a wire) to 90 %.
   Candidates for this test share >= 2 of a fixed sample of narrative grams (:func:`_key_wording`), >= 2 rare
   phrases (numbers with units, multi-word names, quotations), >= 2 claim keys or >= 3 actors/systems with N, or
   enough shingles for LSH to return them, and were published within 30 days of it (a document without a date
   stays a candidate). A document from which no claim was extracted is compared all the same: its wording, phrases
   and shingles make it a candidate.

   Sentence embeddings (the ``semantic`` extra, ``--semantic``) add the share of paraphrased sentences to the
   reasons, and decide nothing: on echo-dev, also accepting a pair whose shorter text has >= 60 % of its sentences
   paraphrased (cosine >= 0.70) in the other linked four independent pairs of short wire stories (same event, same
   facts, in the same order) through their clusters (precision 0.81), and no echo the wording had missed, for
   about four times the ingest time. A full paraphrase that keeps no wording (every sentence rewritten) is missed.

Each link is oriented: the earlier-published document is the original (``echo_of``), the later the echo; when a
date is missing, the document already in the index is taken as the original. A score goes with each link (1 for a
duplicate, the Jaccard estimate for a near-duplicate, the shared share for an echo) and its reasons.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field, replace
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
MIN_SHARED_KEYS, MIN_SHARED_ENTITIES, MIN_SHARED_PHRASES, MIN_SHARED_WORDING = 2, 3, 2, 2
PHRASE_KEYS = 24               # the rarest phrases a signature is filed under
WORDING_KEYS, WORDING_SAMPLE = 128, 2   # narrative grams filed: those whose hash is even, the lowest 128
GRAM = 4                       # words in a narrative gram
SHARED_SHARE, MIN_SHARED = 0.06, 10
GRAM_CAP = 4096                # narrative grams kept: the lowest hashes (all of them in a text of up to ~4,000 words)
MATCH_COSINE = 0.70            # a sentence "has a paraphrase" in the other document (with embeddings)
FORMAT = 2                     # to_dict() layout version (1: before narrative grams)
SHINGLE_BATCH = 4096
_FULL = 1 << 32                # hashes are 32-bit: a signature holding all its grams has cap _FULL
_TOKEN = re.compile(r"[\"\u201c\u201d]|\w+(?:[-'.\u2019]\w+)*")


@dataclass(frozen=True)
class DocSignature:
    """What echo detection keeps of a document. ``narrative`` and ``quoted`` hold the 32-bit hashes of its word
    4-grams outside and inside quotation marks, sorted, those below ``cap`` only (a long text keeps a uniform sample,
    the same hashes in every text, so shares are still measured on what two texts both kept). ``vectors`` holds the
    sentence embeddings as float16 rows."""
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
    narrative: tuple[int, ...] = ()
    quoted: tuple[int, ...] = ()
    cap: int = _FULL
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

    @cached_property
    def narrative_set(self) -> frozenset[int]:
        return frozenset(self.narrative)

    @cached_property
    def quoted_set(self) -> frozenset[int]:
        return frozenset(self.quoted)

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
            "grams": {"n": GRAM, "cap": self.cap, "narrative": _pack(self.narrative), "quoted": _pack(self.quoted)},
            "embedding": None if self.vectors is None else {
                "model": self.model, "dim": self.dim, "dtype": "float16",
                "vectors": base64.b64encode(self.vectors).decode("ascii")},
        }

    @classmethod
    def from_dict(cls, data: dict) -> DocSignature:
        """The signature saved by :meth:`to_dict`. One saved before narrative grams (format 1) reads back without
        them: :func:`with_text` completes it from the document's text."""
        mh = data["minhash"]
        if (mh["num_perm"], mh["seed"], mh["scheme"], mh["shingle"]) != (NUM_PERM, SEED, SCHEME, SHINGLE):
            raise ValueError(f"signature {data['doc_id']}: MinHash made with other settings; recompute it")
        emb, grams = data.get("embedding"), data.get("grams")
        if grams is not None and grams.get("n") != GRAM:
            raise ValueError(f"signature {data['doc_id']}: grams of {grams.get('n')} words; recompute it")
        return cls(
            doc_id=data["doc_id"], content_hash=data["content_hash"], minhash=tuple(mh["values"]),
            actors=frozenset(data["actors"]), systems=frozenset(data["systems"]),
            claim_keys=frozenset(tuple(k) for k in data["claim_keys"]),
            rare_phrases=tuple(data["rare_phrases"]),
            published=date.fromisoformat(data["published"]) if data.get("published") else None,
            publisher=data.get("publisher"), words=data.get("words", 0),
            narrative=_unpack(grams["narrative"]) if grams else (), quoted=_unpack(grams["quoted"]) if grams else (),
            cap=grams["cap"] if grams else _FULL,
            model=emb["model"] if emb else None, dim=emb["dim"] if emb else 0,
            vectors=base64.b64decode(emb["vectors"]) if emb else None,
        )


def needs_text(data: dict) -> bool:
    """A saved signature made before narrative grams: :func:`with_text` must complete it."""
    return "grams" not in data


def with_text(sig: DocSignature, text_: str) -> DocSignature:
    """``sig`` with the narrative and quoted grams of its document's text ``text_``."""
    narrative, quoted, cap = narrative_grams(text_)
    return replace(sig, narrative=narrative, quoted=quoted, cap=cap)


def _pack(values: tuple[int, ...]) -> str:
    return base64.b64encode(np.asarray(values, dtype="<u4").tobytes()).decode("ascii")


def _unpack(packed: str) -> tuple[int, ...]:
    return tuple(int(v) for v in np.frombuffer(base64.b64decode(packed), dtype="<u4"))


def narrative_grams(text_: str) -> tuple[tuple[int, ...], tuple[int, ...], int]:
    """(narrative gram hashes, quoted gram hashes, cap) of ``text_``: the word 4-grams with at least one content
    word, split by whether any of their words stands inside quotation marks (straight quotes toggle, curly ones
    open and close; a quotation left open ends with its paragraph). Only hashes below ``cap`` are kept, ``cap``
    chosen so that at most :data:`GRAM_CAP` are (a fixed sample of the hash space, the same in every text)."""
    narrative, quoted = set(), set()
    for line in tx.pieces(text_.splitlines()):
        words: list[tuple[str, bool]] = []
        inside = False
        for m in _TOKEN.finditer(line):
            t = m.group(0)
            if t == "\u201c":
                inside = True
            elif t == "\u201d":
                inside = False
            elif t == '"':
                inside = not inside
            else:
                words.append((tx.fold(t), inside))
        for i in range(len(words) - GRAM + 1):
            window = words[i:i + GRAM]
            if all(w in tx.STOP for w, _ in window):
                continue
            h = _hash32(" ".join(w for w, _ in window))
            (quoted if any(q for _, q in window) else narrative).add(h)
    cap = _FULL
    if len(narrative) + len(quoted) > GRAM_CAP:
        cap = sorted(narrative | quoted)[GRAM_CAP]
    return (tuple(sorted(h for h in narrative if h < cap)), tuple(sorted(h for h in quoted if h < cap)), cap)


def _hash32(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8"), digest_size=4).digest(), "big")


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
    narrative, quoted, cap = narrative_grams(doc.text)
    return DocSignature(
        doc_id=doc.id,
        content_hash=digest.hexdigest(),
        minhash=tuple(int(v) for v in mh.hashvalues),
        actors=frozenset(a for c in claims for a in (c.supplier, c.recipient) if a),
        systems=frozenset(c.system for c in claims if c.system),
        claim_keys=frozenset((c.supplier, c.recipient, c.system or c.category) for c in claims),
        rare_phrases=tuple(tx.rare_phrases(doc.text)),
        published=doc.published, publisher=doc.publisher, words=count,
        narrative=narrative, quoted=quoted, cap=cap,
        model=model, dim=dim, vectors=vectors,
    )


class EchoIndex:
    """Signatures seen so far, with MinHash LSH for near-duplicates and inverted lists of claim keys,
    actors/systems and rare phrases for rewrites. Persist it as ``[s.to_dict() for s in index]``; rebuild with
    ``EchoIndex(sigs)``."""

    def __init__(self, signatures=(), window_days: int = WINDOW_DAYS):
        self.window_days = window_days
        self._sigs: dict[str, DocSignature] = {}
        self._by_hash: dict[str, set[str]] = {}
        self._by_key: dict[tuple, set[str]] = {}
        self._by_entity: dict[str, set[str]] = {}
        self._by_phrase: dict[str, set[str]] = {}
        self._by_wording: dict[int, set[str]] = {}
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
        for p in _key_phrases(sig):
            self._by_phrase.setdefault(p, set()).add(sig.doc_id)
        for g in _key_wording(sig):
            self._by_wording.setdefault(g, set()).add(sig.doc_id)
        self._lsh.insert(sig.doc_id, sig.lean_minhash)

    def remove(self, doc_id: str) -> None:
        sig = self._sigs.pop(doc_id)
        self._by_hash[sig.content_hash].discard(doc_id)
        for k in sig.claim_keys:
            self._by_key[k].discard(doc_id)
        for e in sig.entities:
            self._by_entity[e].discard(doc_id)
        for p in _key_phrases(sig):
            self._by_phrase[p].discard(doc_id)
        for g in _key_wording(sig):
            self._by_wording[g].discard(doc_id)
        self._lsh.remove(doc_id)

    def match(self, sig: DocSignature) -> list[EchoMatch]:
        """Every link of ``sig`` to an indexed document (``sig`` itself is not added), strongest first; empty when
        it is an independent source. A pair is a duplicate, else a near-duplicate, else an echo, else nothing."""
        found = []
        for i in sorted(self._by_hash.get(sig.content_hash, set()) - {sig.doc_id}):
            found.append(_link(sig, self._sigs[i], "duplicate", 1.0, ["same content hash"]))
        done = {m.original for m in found} | {m.echo for m in found}
        near = []
        for i in self._lsh.query(sig.lean_minhash):
            if i == sig.doc_id or i in done:
                continue
            j = sig.lean_minhash.jaccard(self._sigs[i].lean_minhash)
            if j >= NEAR_DUPLICATE:
                found.append(_link(sig, self._sigs[i], "near-duplicate", j,
                                   [f"5-word shingle Jaccard ~{j:.2f} (MinHash)"]))
                done.add(i)
            else:
                near.append(i)
        for cand in self._candidates(sig, near):
            if cand.doc_id in done:
                continue
            score, confirmed, reasons = echo_evidence(sig, cand)
            if confirmed:
                found.append(_link(sig, cand, "echo", score, reasons))
        order = {"duplicate": 0, "near-duplicate": 1, "echo": 2}
        return sorted(found, key=lambda m: (order[m.kind], -m.score, m.original, m.echo))

    def _candidates(self, sig: DocSignature, overlapping: list[str]) -> list[DocSignature]:
        """Documents sharing >= 2 sampled narrative grams, >= 2 rare phrases, >= 2 claim keys or >= 3
        actors/systems, or many shingles
        (``overlapping``, from LSH: a partial copy), published within the window."""
        keys, ents, phrases, wording = Counter(), Counter(), Counter(), Counter()
        for k in sig.claim_keys:
            keys.update(self._by_key.get(k, ()))
        for e in sig.entities:
            ents.update(self._by_entity.get(e, ()))
        for p in _key_phrases(sig):
            phrases.update(self._by_phrase.get(p, ()))
        for g in _key_wording(sig):
            wording.update(self._by_wording.get(g, ()))
        ids = {i for i, n in keys.items() if n >= MIN_SHARED_KEYS}
        ids |= {i for i, n in ents.items() if n >= MIN_SHARED_ENTITIES}
        ids |= {i for i, n in phrases.items() if n >= MIN_SHARED_PHRASES}
        ids |= {i for i, n in wording.items() if n >= MIN_SHARED_WORDING}
        ids.update(overlapping)
        ids.discard(sig.doc_id)
        return [self._sigs[i] for i in sorted(ids) if _within(sig, self._sigs[i], self.window_days)]


def _key_wording(sig: DocSignature) -> tuple[int, ...]:
    """The narrative grams a signature is found by: a fixed sample of the hash space (even hashes), the lowest
    :data:`WORDING_KEYS` of them. A copy sharing ten narrative grams with its original shares two of the sample with
    it 99 times in 100."""
    return tuple(h for h in sig.narrative if h % WORDING_SAMPLE == 0)[:WORDING_KEYS]


def _key_phrases(sig: DocSignature) -> tuple[str, ...]:
    """The rare phrases a signature is found by: the rarest :data:`PHRASE_KEYS` (``rare_phrases`` is sorted
    rarest first)."""
    return sig.rare_phrases[:PHRASE_KEYS]


@dataclass(frozen=True)
class LookupKeys:
    """The 64-bit keys a signature is filed under in an index kept outside memory (the store's ``echo_keys``),
    and what a new signature asks that index for. ``exact``: the content hash and each MinHash LSH band (a
    duplicate or near-duplicate, whatever its date); ``claims``, ``entities``, ``phrases``: claim keys,
    actors/systems and rare phrases, of which a rewrite shares ``min_claims``, ``min_entities`` or ``min_phrases``
    (within the date window).

    Keys are hashes, so two different keys may (very rarely) share a number: the lookup then returns a document
    too many, which the rule, run on the signatures themselves, sets aside. So that it never returns one too
    few, a signature whose own keys share numbers asks for fewer of them."""
    exact: tuple[int, ...]
    claims: tuple[int, ...]
    entities: tuple[int, ...]
    phrases: tuple[int, ...] = ()
    wording: tuple[int, ...] = ()
    min_claims: int = MIN_SHARED_KEYS
    min_entities: int = MIN_SHARED_ENTITIES
    min_phrases: int = MIN_SHARED_PHRASES
    min_wording: int = MIN_SHARED_WORDING

    @property
    def filed(self) -> list[int]:
        """Every key of the signature, once each: what to file it under."""
        return sorted(set(self.exact) | set(self.claims) | set(self.entities) | set(self.phrases) | set(self.wording))

    @property
    def counted(self) -> list[tuple[list[int], int]]:
        """The (keys, how many of them) groups a candidate in the window must share one of."""
        return [(list(self.claims), self.min_claims), (list(self.entities), self.min_entities),
                (list(self.phrases), self.min_phrases), (list(self.wording), self.min_wording)]


def lookup_keys(sig: DocSignature) -> LookupKeys:
    """The :class:`LookupKeys` of ``sig`` (stable across processes and versions of Python)."""
    bands, rows = _lsh_params()
    exact = {_key64("h", sig.content_hash)}
    exact |= {_key64(f"b{i}", ",".join(map(str, sig.minhash[i * rows:(i + 1) * rows]))) for i in range(bands)}
    claims = {_key64("k", json.dumps(list(k))) for k in sig.claim_keys}
    entities = {_key64("e", e) for e in sig.entities}
    wanted = _key_phrases(sig)
    phrases = {_key64("p", p) for p in wanted}
    grams = _key_wording(sig)
    wording = {_key64("g", str(g)) for g in grams}
    return LookupKeys(tuple(sorted(exact)), tuple(sorted(claims)), tuple(sorted(entities)), tuple(sorted(phrases)),
                      tuple(sorted(wording)),
                      max(1, MIN_SHARED_KEYS - (len(sig.claim_keys) - len(claims))),
                      max(1, MIN_SHARED_ENTITIES - (len(sig.entities) - len(entities))),
                      max(1, MIN_SHARED_PHRASES - (len(wanted) - len(phrases))),
                      max(1, MIN_SHARED_WORDING - (len(grams) - len(wording))))


def keys_version() -> str:
    """Changes whenever :func:`lookup_keys` would file a signature under other keys, or a stored signature must be
    completed (:func:`with_text`): a store filed under another version must be filed again."""
    return "2:%dx%d:%d:p%d:g%d/%d" % (*_lsh_params(), NUM_PERM, PHRASE_KEYS, WORDING_KEYS, WORDING_SAMPLE)


def _key64(kind: str, value: str) -> int:
    digest = hashlib.blake2b(f"{kind}|{value}".encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class EchoMatcher:
    """Echo matching against signatures kept outside memory, as one :class:`EchoIndex` holding them all would.

    ``fetch(keys, published, window_days)`` returns signatures kept elsewhere: at least those filed under any of
    ``keys.exact``, and those filed under enough keys of one group of ``keys.counted`` that are dated within
    ``window_days`` of ``published`` (any date when it is None) or undated. Those are all the documents the rule
    can link the new one to. The rule runs on them, and on the signatures :meth:`add`-ed since the last
    :meth:`flush` (not stored yet, so not fetched), and decides as it would with everything in one index; a few
    extra documents change nothing."""

    def __init__(self, fetch, window_days: int = WINDOW_DAYS):
        self.fetch, self.window_days = fetch, window_days
        self.pending = EchoIndex(window_days=window_days)

    def match(self, sig: DocSignature) -> list[EchoMatch]:
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


def shared_narrative(a: DocSignature, b: DocSignature) -> tuple[int, int]:
    """(narrative grams the two share, narrative grams of the one with fewer), on the hashes both kept."""
    cap = min(a.cap, b.cap)
    na = {h for h in a.narrative_set if h < cap} if a.cap != cap else a.narrative_set
    nb = {h for h in b.narrative_set if h < cap} if b.cap != cap else b.narrative_set
    shared = (na & nb) - a.quoted_set - b.quoted_set
    return len(shared), min(len(na), len(nb))


def echo_evidence(a: DocSignature, b: DocSignature) -> tuple[float, bool, list[str]]:
    """(score, an echo, reasons) for the pair, by the rule in the module docstring. The score is the share of the
    shorter text's narrative grams that the other has too."""
    shared, smaller = shared_narrative(a, b)
    share = shared / smaller if smaller else 0.0
    needed = max(MIN_SHARED, SHARED_SHARE * smaller)
    confirmed = shared >= needed
    phrases = _shared_phrases(a.rare_phrases, b.rare_phrases)
    days = _days(a, b)
    reasons = [f"{shared} of {smaller} narrative 4-word sequences of the shorter text shared ({share:.0%}; "
               f"an echo from {needed:.0f})",
               f"{len(phrases)} shared rare phrases" + (": " + "; ".join(phrases[:6]) if phrases else ""),
               "publication date unknown" if days is None else f"published {days} days apart"]
    sem = _semantic(a, b)
    if sem is not None:                    # shown, not decisive: see the module docstring
        mean, matched, n = sem
        reasons.append(f"{matched}/{n} sentences paraphrased (cosine >= {MATCH_COSINE}), mean best cosine {mean:.2f}")
    return round(share, 4), confirmed, reasons


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


def _link(new: DocSignature, old: DocSignature, kind: str, score: float, reasons: list[str]) -> EchoMatch:
    """Orient the pair: the earlier-published is the original; without both dates, the indexed one."""
    if new.published and old.published and new.published < old.published:
        return EchoMatch(new.doc_id, old.doc_id, kind, round(score, 4), reasons)
    return EchoMatch(old.doc_id, new.doc_id, kind, round(score, 4), reasons)
