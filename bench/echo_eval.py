"""Echo detection on the labelled pairs of echo-dev (../shared/eval/echo-dev), as an ingest makes it.

Ingests the set's documents into a temporary SQLite store (the default install: no sentence embeddings, unless
``--semantic``), then reads back what the store says:

- pairs: a labelled pair is judged an echo when its two documents are in one source cluster (the store's
  ``cluster``: a document and every document linked to it as a copy or echo, directly or through others). Echo
  recall and precision over the labelled pairs, and the share of independent pairs kept apart. The pairs linked
  directly (``echo_of``) are counted too.
- sources: for each event, the expected number of independent sources is the number of clusters the labels make
  among the event's documents (union-find over the echo pairs: a wire and its copies are one source, a single
  report one), and the store's is the ``sources`` of the event's record (the news record whose claims come from the
  most of the event's documents). A record can only count the documents that have a claim in it: the documents
  with none are listed, and the labels' clusters among the record's own documents are shown beside, since a
  missed extraction is not echo detection's doing.

    python bench/echo_eval.py [--set DIR] [--semantic] [--json]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SET = REPO.parent / "shared" / "eval" / "echo-dev"


class UnionFind:
    def __init__(self):
        self.parent: dict = {}

    def find(self, x):
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def event_of(slug: str) -> str:
    return "-".join(slug.split("-")[:2])


def load_set(root: Path):
    pairs = [json.loads(line) for line in (root / "pairs.jsonl").read_text().splitlines() if line.strip()]
    slugs = sorted(p.stem for p in (root / "docs").glob("*.md"))
    return slugs, pairs


def expected_sources(slugs, pairs) -> dict[str, int]:
    """Per event: the clusters the labelled echo pairs make among the event's documents."""
    uf = UnionFind()
    for s in slugs:
        uf.find(s)
    for p in pairs:
        if p["relation"] == "echo":
            uf.union(p["a"], p["b"])
    out: dict[str, set] = defaultdict(set)
    for s in slugs:
        out[event_of(s)].add(uf.find(s))
    return {e: len(c) for e, c in sorted(out.items())}


def store_view(store) -> tuple[dict, set, dict]:
    """(doc key -> cluster, direct links as frozensets of doc keys, doc key -> document id), from the store's
    ``sources`` listing (before the echo links existed, from its ``original_id`` links, followed to their end)."""
    from armsflow.store.queries import sources

    rows = sources(store)
    key = {r.id: r.doc for r in rows}
    links, cluster = set(), {}
    if rows and hasattr(rows[0], "cluster"):
        for r in rows:
            cluster[r.doc] = r.cluster
            for e in r.echo_of:
                links.add(frozenset((r.doc, e["doc"])))
    else:                                    # the store before many-to-many links: one original_id per document
        uf = UnionFind()
        for r in rows:
            uf.find(r.doc)
            if r.original_id:
                uf.union(r.doc, key[r.original_id])
                links.add(frozenset((r.doc, key[r.original_id])))
        cluster = {r.doc: uf.find(r.doc) for r in rows}
    return cluster, links, {r.doc: r.id for r in rows}


def evaluate(root: Path, semantic: bool) -> dict:
    from armsflow.catalog import load_catalog
    from armsflow.engine.ingest import ingest
    from armsflow.extract.pipeline import Extractor
    from armsflow.fuse.family import Families
    from armsflow.ingest.text import read_text_document
    from armsflow.store import open_store
    from armsflow.store.queries import RecordFilter, record_claims, records

    slugs, pairs = load_set(root)
    embedder = None
    if semantic:
        from armsflow.fuse.embed import load_embedder
        embedder = load_embedder(warn=lambda m: print(m, file=sys.stderr))
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{tmp}/echo.db")
        extractor = Extractor(load_catalog(include_user=False))
        docs = [read_text_document(root / "docs" / f"{s}.md") for s in slugs]
        t0 = time.perf_counter()
        ingest(docs, store, extractor, Families(extractor.gazetteer), embedder=embedder, on_error=print)
        seconds = time.perf_counter() - t0
        cluster, links, ids = store_view(store)
        recs = [r for r in records(store, RecordFilter(source="news"))]
        by_record = record_claims(store, [r.id for r in recs])

    def judged(p):
        return cluster[p["a"]] == cluster[p["b"]]

    echo = [p for p in pairs if p["relation"] == "echo"]
    indep = [p for p in pairs if p["relation"] == "independent"]
    tp = sum(judged(p) for p in echo)
    fp = sum(judged(p) for p in indep)
    direct = sum(frozenset((p["a"], p["b"])) in links for p in echo)
    direct_fp = sum(frozenset((p["a"], p["b"])) in links for p in indep)
    expected = expected_sources(slugs, pairs)
    events = {}
    for ev, want in expected.items():
        members = [s for s in slugs if event_of(s) == ev]
        best, best_docs = None, set()
        for r in recs:
            docs_in = {c.doc for c in by_record[r.id] if c.review != "rejected"} & set(members)
            if len(docs_in) > len(best_docs) or (len(docs_in) == len(best_docs) and best is not None
                                                 and docs_in and r.sources > best.sources):
                best, best_docs = r, docs_in
        in_record = expected_sources(sorted(best_docs), pairs)
        events[ev] = {"expected": want, "record": best.key if best else None,
                      "expected_for_record_docs": sum(in_record.values()),
                      "sources": best.sources if best else 0,
                      "clusters_of_event_docs": len({cluster[s] for s in members}),
                      "docs_without_claim_in_record": sorted(set(members) - best_docs)}
    wrong = [(p["a"], p["b"], p["relation"]) for p in pairs if judged(p) != (p["relation"] == "echo")]
    return {
        "documents": len(slugs), "seconds": round(seconds, 2), "semantic": embedder is not None,
        "echo_pairs": len(echo), "independent_pairs": len(indep),
        "recall": tp / len(echo), "precision": tp / (tp + fp) if tp + fp else 1.0,
        "independent_apart": 1 - fp / len(indep),
        "direct_links": {"echo_pairs_linked": direct, "independent_pairs_linked": direct_fp},
        "events": events,
        "events_right": sum(e["sources"] == e["expected"] for e in events.values()),
        "records_right": sum(e["sources"] == e["expected_for_record_docs"] for e in events.values()),
        "wrong_pairs": wrong,
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", type=Path, default=DEFAULT_SET, help="the labelled set (docs/ and pairs.jsonl)")
    ap.add_argument("--semantic", action="store_true", help="with sentence embeddings (the semantic extra)")
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    a = ap.parse_args(argv)
    if not (a.set / "pairs.jsonl").is_file() or not (a.set / "docs").is_dir():
        print(f"{a.set}: not a labelled pair set (needs docs/ and pairs.jsonl)", file=sys.stderr)
        return 2
    out = evaluate(a.set, a.semantic)
    if a.json:
        print(json.dumps(out, indent=1))
        return 0
    print(f"{out['documents']} documents ingested in {out['seconds']} s "
          f"({'with' if out['semantic'] else 'without'} sentence embeddings)")
    print(f"echo pairs in one cluster: recall {out['recall']:.3f} ({round(out['recall'] * out['echo_pairs'])}/"
          f"{out['echo_pairs']}), precision {out['precision']:.3f}; independent pairs kept apart "
          f"{out['independent_apart']:.3f}")
    d = out["direct_links"]
    print(f"linked directly: {d['echo_pairs_linked']}/{out['echo_pairs']} echo pairs, "
          f"{d['independent_pairs_linked']}/{out['independent_pairs']} independent pairs")
    for a_, b_, rel in out["wrong_pairs"]:
        print(f"  wrong: {a_} / {b_} labelled {rel}")
    print(f"independent sources of each event's record: right in {out['events_right']} of {len(out['events'])} "
          f"against the event's labelled clusters, in {out['records_right']} against the labelled clusters among "
          f"the documents with a claim in the record")
    for ev, e in out["events"].items():
        mark = "ok " if e["sources"] == e["expected"] else "BAD"
        missing = f"; no claim in it: {', '.join(e['docs_without_claim_in_record'])}" \
            if e["docs_without_claim_in_record"] else ""
        print(f"  {mark} {ev:12} labels {e['expected']} ({e['expected_for_record_docs']} among the record's "
              f"documents), record {e['sources']} ({e['record']}); store's clusters among the event's documents "
              f"{e['clusters_of_event_docs']}{missing}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
