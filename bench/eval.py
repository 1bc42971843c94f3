"""Score the extractor on the evaluation corpora with their own scorer, in one run.

Each corpus is a folder with ``docs/`` and ``gold.jsonl`` (``../shared/eval/dev`` and ``../shared/eval/dev2`` by
default; ``--corpus DIR`` adds or replaces them). Every document goes through the readers and the extractor that
``armsflow extract`` uses (the model is loaded once); the predictions are written as JSON Lines and scored by
``../shared/eval/score.py`` (``--scorer``), whose figures are printed as they are, one row per corpus. ``--keep DIR``
keeps the predictions (``DIR/NAME.jsonl``) to read them with ``score.py --verbose``.

    python bench/eval.py [--corpus DIR ...] [--scorer FILE] [--keep DIR]

The last line is ``corpora=… mean_tuple_f1=…``. When the corpora are absent it says so and exits 0.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
FIGURES = ("documents", "tp", "fp", "fn", "precision", "recall", "tuple_f1", "dyad_f1", "status_acc", "hedge_acc")


def predict(extractor, docs: Path) -> tuple[list[str], list[str]]:
    """The JSON lines ``armsflow extract`` writes for the text files under ``docs``, and one line per failure."""
    from armsflow.ingest.sources import iter_documents
    from armsflow.ingest.text import TEXT_SUFFIXES, IngestError

    lines, failures = [], []
    for doc in iter_documents([str(docs)], folder_suffixes=TEXT_SUFFIXES):
        if isinstance(doc, IngestError):
            failures.append(f"{doc.path}: {doc.problem}")
            continue
        lines += [json.dumps(c.to_json(), ensure_ascii=False) for c in extractor.extract(doc)]
    return lines, failures


def score(scorer: Path, gold: Path, predictions: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, str(scorer), str(gold), str(predictions)], capture_output=True, text=True,
                         check=True).stdout
    return {k: float(v) for k, v in re.findall(r"(\w+)=([0-9.]+)", out)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", action="append", type=Path, help="a folder with docs/ and gold.jsonl (repeatable)")
    ap.add_argument("--scorer", type=Path, default=EVAL / "score.py")
    ap.add_argument("--keep", type=Path, help="write the predictions here as NAME.jsonl")
    args = ap.parse_args()
    corpora = args.corpus or [EVAL / "dev", EVAL / "dev2"]
    missing = [c for c in corpora if not (c / "docs").is_dir() or not (c / "gold.jsonl").is_file()]
    if missing or not args.scorer.is_file():
        print(f"no corpus or scorer at {', '.join(map(str, missing or [args.scorer]))}: nothing to score")
        return 0

    from armsflow.catalog import load_catalog
    from armsflow.extract.pipeline import Extractor

    t0 = time.perf_counter()
    extractor = Extractor(load_catalog())
    extractor.nlp
    print(f"extractor loaded in {time.perf_counter() - t0:.1f} s")
    print("| corpus | " + " | ".join(FIGURES) + " | seconds |")
    print("|---|" + "---|" * (len(FIGURES) + 1))
    f1s = []
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = args.keep or Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        for corpus in corpora:
            t = time.perf_counter()
            lines, failures = predict(extractor, corpus / "docs")
            for line in failures:
                print(f"  ! {line}", file=sys.stderr)
            pred = out_dir / f"{corpus.name}.jsonl"
            pred.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
            figures = score(args.scorer, corpus / "gold.jsonl", pred)
            f1s.append(figures.get("tuple_f1", 0.0))
            cells = [f"{figures[k]:g}" if k in figures else "-" for k in FIGURES]
            print(f"| {corpus.name} | " + " | ".join(cells) + f" | {time.perf_counter() - t:.1f} |")
    print(f"corpora={len(corpora)} mean_tuple_f1={sum(f1s) / len(f1s):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
