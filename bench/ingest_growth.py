"""Time and peak memory of ingesting one small file, against the number of documents already stored, in one run.

Stores of ``--sizes`` documents (default 10^3, 10^4, 10^5) are made by inserting synthetic rows directly: documents
with echo signatures (random MinHash values; a fifth with one to three claims over 40 supplier/recipient pairs and
60 systems; rare phrases from a pool of 5,000; dates over 2015-2025 as engine/corpus.py spreads them, 3 % undated;
with ``--vectors``, ten 384-dimension sentence embeddings each, as the semantic extra stores them), and the store's
echo index when the code has one. Then, in a fresh process per measurement (``--runs`` per store), one small file is
ingested the way ``armsflow ingest`` does (lexical echo detection; the extractor is loaded before the clock starts):
reported are the seconds of the ingest and the growth of the process's peak RSS during it, and their ratios to the
smallest store. Before the echo index, every ingest loaded the signature of every stored document.

    python bench/ingest_growth.py [--sizes 1000,10000,100000] [--runs 2] [--vectors] [--keep DIR]

Run with an older checkout on PYTHONPATH to measure the code before (its stores are made without an echo index).
"""
from __future__ import annotations

import argparse
import base64
import datetime as dt
import hashlib
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

FIRST_DAY, DAYS = dt.date(2015, 1, 1), 11 * 365
PAIRS = [(f"S{i:02d}", f"R{i * 7 % 40:02d}") for i in range(40)]
SYSTEMS = [f"System-{i}" for i in range(60)]
ACTORS = ["RUS", "SRB", "CHN", "TUR", "POL", "FRA", "GRC", "KOR", "EGY", "USA", "IRN", "ISR", "IND", "UKR"]
_FINITE = bytes(b & 0x3B for b in range(256))       # every other byte, a float16's high one, kept below infinity
NEW_DOC = ("---\ntitle: A test report\npublisher: Bench Wire\npublished: 2020-06-{day:02d}\n---\n"
           "Serbia bought six MiG-29 fighter jets from Russia in 2020, the ministry said on Friday. The jets will "
           "replace older aircraft at a base near the capital, officials added. Report number {n}.\n")


def signature_dict(i: int, rng: random.Random, vectors: bool) -> dict:
    claims = []
    if rng.random() < 0.2:
        for _ in range(rng.randint(1, 3)):
            sup, rec = rng.choice(PAIRS)
            claims.append([sup, rec, rng.choice(SYSTEMS)])
    published = None if rng.random() < 0.03 else FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
    emb = None
    if vectors:
        raw = rng.randbytes(10 * 384 * 2).translate(_FINITE)
        emb = {"model": "all-MiniLM-L6-v2", "dim": 384, "dtype": "float16",
               "vectors": base64.b64encode(raw).decode("ascii")}
    return {"format": 1, "doc_id": hashlib.sha256(f"stored {i}".encode()).hexdigest(),
            "content_hash": hashlib.sha256(f"words {i}".encode()).hexdigest(),
            "minhash": {"num_perm": 128, "seed": 1, "scheme": "affine32", "shingle": 5,
                        "values": [rng.getrandbits(32) for _ in range(128)]},
            "actors": sorted({a for c in claims for a in c[:2]}), "systems": sorted({c[2] for c in claims}),
            "claim_keys": sorted(claims, key=str),
            "rare_phrases": [f"phrase {rng.randrange(5000)}" for _ in range(20)],
            "published": published.isoformat() if published else None, "publisher": f"Wire {i % 50}",
            "words": 300, "embedding": emb}


def make_store(path: Path, size: int, vectors: bool) -> None:
    """``size`` synthetic documents, inserted in bulk (and filed in the echo index when the code has one)."""
    from sqlalchemy import insert, inspect

    from armsflow.fuse import echo
    from armsflow.store import open_store
    from armsflow.store.schema import DocumentRow, Meta

    store = open_store(f"sqlite:///{path}")
    filing = getattr(echo, "lookup_keys", None) and "echo_keys" in inspect(store.engine).get_table_names()
    rng = random.Random(size)
    now = dt.datetime(2025, 1, 1)
    with store.engine.begin() as conn:
        for start in range(0, size, 5000):
            docs, keys = [], []
            for i in range(start, min(size, start + 5000)):
                sig = signature_dict(i, rng, vectors)
                published = dt.date.fromisoformat(sig["published"]) if sig["published"] else None
                docs.append({"id": i + 1, "doc_key": f"stored-{i}", "content_hash": sig["doc_id"],
                             "published": published, "kind": "text", "text": f"Stored document {i}.",
                             "body_offset": 0, "extractor_version": "bench", "ingested_at": now, "signature": sig})
                if filing:
                    filed = echo.lookup_keys(echo.DocSignature.from_dict(sig)).filed
                    keys += [{"key": k, "document_id": i + 1, "published": published} for k in filed]
            conn.execute(insert(DocumentRow), docs)
            if keys:
                from armsflow.store.schema import EchoKey
                conn.execute(insert(EchoKey), keys)
        if filing:
            conn.execute(insert(Meta), [{"key": "echo_index", "value": echo.keys_version()}])
    store.engine.dispose()


def measure(db: str, doc: str) -> dict:
    """In this process: load the extractor, then ingest ``doc`` into ``db``; seconds and peak RSS growth (MB)."""
    from armsflow.catalog import load_catalog
    from armsflow.engine.ingest import ingest
    from armsflow.extract.pipeline import Extractor
    from armsflow.fuse.family import Families
    from armsflow.ingest.sources import iter_documents
    from armsflow.store import open_store

    store = open_store(db)
    catalog = load_catalog()                      # as the CLI does (fusion's summaries read the same, cached)
    store.sync_entities(catalog)
    extractor = Extractor(catalog)
    extractor.nlp
    families = Families(extractor.gazetteer)
    from armsflow.fuse import echo                # imports (datasketch, scipy) and LSH set-up outside the clock
    echo._lsh_params()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    summary = ingest(iter_documents([doc]), store, extractor, families, on_error=print)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert summary.new == 1, summary.line()
    return {"seconds": seconds, "rss_growth_mb": (peak - before) / 1024, "peak_rss_mb": peak / 1024}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000", help="stored documents, comma-separated")
    ap.add_argument("--runs", type=int, default=2, help="measurements per store (the best time is kept)")
    ap.add_argument("--vectors", action="store_true", help="stored signatures carry sentence embeddings")
    ap.add_argument("--keep", help="make the stores in this folder and keep them")
    ap.add_argument("--measure", nargs=2, metavar=("DB", "DOC"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(*args.measure)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="armsflow-growth-"))
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in sizes:
        db = folder / f"store-{size}.db"
        if not db.exists():
            t0 = time.perf_counter()
            make_store(db, size, args.vectors)
            print(f"made a store of {size} documents in {time.perf_counter() - t0:.1f} s", flush=True)
        best = None
        for run in range(args.runs):
            doc = folder / f"new-{size}-{run}.md"
            doc.write_text(NEW_DOC.format(day=1 + run, n=uuid.uuid4().hex), encoding="utf-8")   # new each time
            proc = subprocess.run([sys.executable, __file__, "--measure", str(db), str(doc)], capture_output=True,
                                  text=True)
            if proc.returncode != 0:
                print(proc.stderr, file=sys.stderr)
                return 1
            got = json.loads(proc.stdout.strip().splitlines()[-1])
            best = got if best is None or got["seconds"] < best["seconds"] else best
        rows.append((size, best))
        print(f"stored={size:>8d} ingest_s={best['seconds']:8.3f} rss_growth_mb={best['rss_growth_mb']:8.1f} "
              f"peak_rss_mb={best['peak_rss_mb']:8.1f}", flush=True)
    base = rows[0][1]
    for size, got in rows[1:]:
        print(f"ratio {size}/{rows[0][0]}: time {got['seconds'] / base['seconds']:.2f} "
              f"peak_rss {got['peak_rss_mb'] / base['peak_rss_mb']:.2f} "
              f"rss_growth {got['rss_growth_mb'] / max(base['rss_growth_mb'], 1):.2f}")
    size, last = rows[-1]
    print(f"time_ratio_{size}={last['seconds'] / base['seconds']:.2f} "
          f"peak_rss_ratio_{size}={last['peak_rss_mb'] / base['peak_rss_mb']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
