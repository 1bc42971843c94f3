"""Ingest speed into SQLite and PostgreSQL, against extraction alone, measured in one run.

Corpus: the real documents beside the repository (../shared/data/news/docs and ../shared/eval/dev/docs), repeated
``--copies`` times with a numbered marker appended ("[copy k]": a new document to the store, and too short to be
wording that all the documents share, which echo detection would take for a copied line). For each
backend the script reports documents/s and MB/s of a full ingest (read, extract, echo signatures, store, fuse) and
its parts, and the ratio of the time spent in the database (lookups, writes, fusion's reads and writes) to the
time spent extracting (goal < 25 %). Peak memory is measured in two
subprocesses that ingest the corpus once and four times: it must not grow with the corpus (streaming).

    python bench/ingest_speed.py [--copies N] [--postgres URL] [--no-postgres]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def corpus(copies: int):
    from armsflow.ingest.text import read_text_document

    paths = sorted((SHARED / "data" / "news" / "docs").glob("*.md")) + sorted((SHARED / "eval" / "dev" / "docs")
                                                                           .glob("*.md"))
    base = [read_text_document(p) for p in paths]
    for k in range(copies):
        for d in base:
            yield replace(d, id=f"{d.id}-{k}", text=d.text + f"\n[copy {k}]\n")


def timed_ingest(url: str, copies: int, embedder) -> dict:
    """Ingest into a fresh store at ``url``; returns seconds spent in each part."""
    from armsflow.catalog import load_catalog
    from armsflow.engine import ingest as ingest_mod
    from armsflow.extract.pipeline import Extractor
    from armsflow.fuse import echo
    from armsflow.fuse.family import Families
    from armsflow.store import open_store

    store = open_store(url)
    extractor = Extractor(load_catalog(include_user=False))
    extractor.extract(next(corpus(1)))                      # load the model outside the timing
    parts = {"extract": 0.0, "echo": 0.0}
    real_extract, real_signature = extractor.extract, echo.signature

    def extract(doc):
        t = time.perf_counter()
        out = real_extract(doc)
        parts["extract"] += time.perf_counter() - t
        return out

    def signature(doc, claims, emb=None):
        t = time.perf_counter()
        out = real_signature(doc, claims, emb)
        parts["echo"] += time.perf_counter() - t
        return out

    real_match = echo.EchoMatcher.match
    parts["match"] = 0.0

    def match(self, sig):                  # echo matching: candidates read from the store and compared
        t = time.perf_counter()
        out = real_match(self, sig)
        parts["match"] += time.perf_counter() - t
        return out

    extractor.extract = extract
    echo.signature = signature
    echo.EchoMatcher.match = match
    parts["storage"] = 0.0

    def timed(method):
        def wrapper(*a, **kw):
            t = time.perf_counter()
            try:
                return method(*a, **kw)
            finally:
                parts["storage"] += time.perf_counter() - t
        return wrapper

    # the database work proper: lookups, document writes, fusion's reads and writes
    for name in ("known_hashes", "store_documents", "replace_claims", "claims_for_fusion", "replace_records",
                 "unfused_marks", "mark_fused"):
        setattr(store, name, timed(getattr(store, name)))
    docs = list(corpus(copies))
    size = sum(len(d.text.encode("utf-8")) for d in docs)
    t0 = time.perf_counter()
    summary = ingest_mod.ingest(iter(docs), store, extractor, Families(extractor.gazetteer), embedder=embedder,
                                on_error=lambda m: None)
    total = time.perf_counter() - t0
    echo.signature = real_signature
    echo.EchoMatcher.match = real_match
    store.engine.dispose()
    return {"docs": len(docs), "bytes": size, "total": total, "summary": summary, **parts,
            "other": total - parts["extract"] - parts["echo"] - parts["match"] - parts["storage"]}


def extraction_alone(copies: int) -> tuple[float, int]:
    from armsflow.catalog import load_catalog
    from armsflow.extract.pipeline import Extractor

    extractor = Extractor(load_catalog(include_user=False))
    docs = list(corpus(copies))
    extractor.extract(docs[0])
    t0 = time.perf_counter()
    for d in docs:
        extractor.extract(d)
    return time.perf_counter() - t0, len(docs)


def peak_rss(copies: int, url: str) -> float:
    """Peak RSS (MB) of a subprocess that streams ``copies`` copies of the corpus into a fresh store."""
    code = (f"import sys; sys.path.insert(0, {str(REPO / 'bench')!r}); import ingest_speed as b, resource; "
            f"b.timed_ingest({url!r}, {copies}, None); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def pg_schema_url(base: str) -> tuple[str, callable] | None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base)
    try:
        with admin.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    except OperationalError as exc:
        print(f"PostgreSQL at {base} unavailable: {str(exc.orig).splitlines()[0]}")
        return None

    def drop():
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
    return f"{base}?options=-csearch_path%3D{schema}", drop


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=2)
    ap.add_argument("--postgres", default=PG)
    ap.add_argument("--no-postgres", action="store_true")
    ap.add_argument("--semantic", action="store_true", help="also compute sentence embeddings for echoes")
    args = ap.parse_args()
    if not (SHARED / "data" / "news" / "docs").is_dir():
        print(f"corpus not found under {SHARED}: nothing to measure")
        return 0
    embedder = None
    if args.semantic:
        from armsflow.fuse.embed import load_embedder
        embedder = load_embedder()
    alone, n = extraction_alone(args.copies)
    print(f"corpus: {n} documents ({args.copies} copies of the news and dev documents)")
    print(f"extraction alone: {alone:.2f} s, {n / alone:.0f} docs/s")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        targets = [("sqlite", f"sqlite:///{tmp}/bench.db", None)]
        if not args.no_postgres:
            pg = pg_schema_url(args.postgres)
            if pg:
                targets.append(("postgresql", pg[0], pg[1]))
        for name, url, cleanup in targets:
            r = timed_ingest(url, args.copies, embedder)
            if cleanup:
                cleanup()
            ratio = r["storage"] / r["extract"]
            rows.append((name, ratio))
            print(f"{name:<11} ingest {r['total']:.2f} s = {r['docs'] / r['total']:.0f} docs/s, "
                  f"{r['bytes'] / r['total'] / 2**20:.2f} MB/s; extract {r['extract']:.2f} s, echo signatures "
                  f"{r['echo']:.2f} s, echo matching {r['match']:.2f} s (echo detection "
                  f"{1000 * (r['echo'] + r['match']) / r['docs']:.1f} ms/document), database {r['storage']:.2f} s "
                  f"= {100 * ratio:.0f} % of extraction, rest (fusion in memory) {r['other']:.2f} s "
                  f"({r['summary'].line()})")
        rss1 = peak_rss(1, f"sqlite:///{tmp}/rss1.db")
        rss4 = peak_rss(4, f"sqlite:///{tmp}/rss4.db")
    print(f"peak RSS: corpus x1 {rss1:.0f} MB, x4 {rss4:.0f} MB")
    print(" ".join(f"storage_ratio_{name}={ratio:.2f}" for name, ratio in rows) + f" peak_rss_ratio_4x={rss4 / rss1:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
