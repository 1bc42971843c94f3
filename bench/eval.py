"""Score the extractor on the evaluation corpora with their own scorer, in one run.

Each corpus is a folder with ``docs/`` and ``gold.jsonl`` (``../shared/eval/dev`` and ``../shared/eval/dev2`` by
default; ``--corpus DIR`` adds or replaces them). Every document goes through the readers and the extractor that
``armsflow extract`` uses (the model is loaded once); the predictions are written as JSON Lines and scored by
``../shared/eval/score.py`` (``--scorer``), whose figures are printed as they are, one row per corpus. ``--keep DIR``
keeps the predictions (``DIR/NAME.jsonl``) to read them with ``score.py --verbose``.

``--invented`` adds the articles written for the project in the styles of six genres of defence writing
(``bench/corpora/invented/``, see its README): our own text, annotated before the extractor read them.

``--disable RULE`` switches grammar rules off (``extract/rules.yaml``). ``--ablate`` scores the corpora again with
each rule switched off alone and prints every rule's change of tuple F1 per corpus, then the ten most useful rules
(the largest loss when off) and the ten least useful (the largest gain when off: rules that do harm). Parses are
kept between runs, so a full ablation costs one parse of the corpora plus the rule reading, once per rule.

    python bench/eval.py [--corpus DIR ...] [--invented] [--scorer FILE] [--keep DIR] [--disable RULE ...] [--ablate]

The last line of the scores is ``corpora=… mean_tuple_f1=…``. When the corpora are absent it says so and exits 0.
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
INVENTED = ROOT / "bench" / "corpora" / "invented"
FIGURES = ("documents", "tp", "fp", "fn", "precision", "recall", "tuple_f1", "dyad_f1", "status_acc", "hedge_acc")


def read_documents(docs: Path) -> tuple[list, list[str]]:
    """The documents ``armsflow extract`` reads under ``docs``, and one line per failure."""
    from armsflow.ingest.sources import iter_documents
    from armsflow.ingest.text import TEXT_SUFFIXES, IngestError

    out, failures = [], []
    for doc in iter_documents([str(docs)], folder_suffixes=TEXT_SUFFIXES):
        if isinstance(doc, IngestError):
            failures.append(f"{doc.path}: {doc.problem}")
        else:
            out.append(doc)
    return out, failures


def predict(extractor, documents) -> list[str]:
    """The JSON lines ``armsflow extract`` writes for ``documents``."""
    return [json.dumps(c.to_json(), ensure_ascii=False) for doc in documents for c in extractor.extract(doc)]


class ParseCache:
    """The spaCy pipeline with its parses kept by sentence text: an ablation reads the same sentences each run."""

    def __init__(self, nlp):
        self.nlp, self.parses = nlp, {}

    def __call__(self, text):
        """A text, or a Doc already split into words (a clause of extract/units.py), parsed once."""
        key = text if isinstance(text, str) else (text.text, tuple(t.text for t in text),
                                                  tuple(bool(t.whitespace_) for t in text))
        if key not in self.parses:
            self.parses[key] = self.nlp(text)
        return self.parses[key]

    def pipe(self, items, as_tuples=False, **kw):
        if as_tuples:
            for text, ctx in items:
                yield self(text), ctx
        else:
            for text in items:
                yield self(text)

    def __getattr__(self, name):            # vocab, pipe_names, ...: the pipeline's own
        return getattr(self.nlp, name)


def score(scorer: Path, gold: Path, predictions: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, str(scorer), str(gold), str(predictions)], capture_output=True, text=True,
                         check=True).stdout
    return {k: float(v) for k, v in re.findall(r"(\w+)=([0-9.]+)", out)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", action="append", type=Path, help="a folder with docs/ and gold.jsonl (repeatable)")
    ap.add_argument("--scorer", type=Path, default=EVAL / "score.py")
    ap.add_argument("--keep", type=Path, help="write the predictions here as NAME.jsonl")
    ap.add_argument("--disable", action="append", default=[], metavar="RULE", help="switch a grammar rule off")
    ap.add_argument("--ablate", action="store_true", help="score with each grammar rule switched off alone")
    ap.add_argument("--invented", action="store_true",
                    help="also score the articles written for the project, by genre (bench/corpora/invented/*)")
    args = ap.parse_args()
    corpora = args.corpus or [EVAL / "dev", EVAL / "dev2"]
    if args.invented:
        corpora = corpora + sorted(p for p in INVENTED.iterdir() if (p / "gold.jsonl").is_file())
    missing = [c for c in corpora if not (c / "docs").is_dir() or not (c / "gold.jsonl").is_file()]
    if missing or not args.scorer.is_file():
        print(f"no corpus or scorer at {', '.join(map(str, missing or [args.scorer]))}: nothing to score")
        return 0

    from armsflow.catalog import load_catalog
    from armsflow.extract.pipeline import Extractor

    t0 = time.perf_counter()
    try:
        extractor = Extractor(load_catalog(), disabled_rules=set(args.disable))
    except ValueError as exc:
        print(f"eval: {exc}", file=sys.stderr)
        return 2
    if args.ablate:
        extractor._nlp = ParseCache(extractor.nlp)
    extractor.nlp
    print(f"extractor loaded in {time.perf_counter() - t0:.1f} s")
    print("| corpus | " + " | ".join(FIGURES) + " | seconds |")
    print("|---|" + "---|" * (len(FIGURES) + 1))
    f1s, baseline, counts = [], {}, {}
    documents = {}
    with tempfile.TemporaryDirectory() as tmp:
        out_dir = args.keep or Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        for corpus in corpora:
            t = time.perf_counter()
            documents[corpus], failures = read_documents(corpus / "docs")
            for line in failures:
                print(f"  ! {line}", file=sys.stderr)
            lines = predict(extractor, documents[corpus])
            for line in lines:
                for rule in json.loads(line).get("rules", []):
                    counts[rule] = counts.get(rule, 0) + 1
            pred = out_dir / f"{corpus.name}.jsonl"
            pred.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
            figures = score(args.scorer, corpus / "gold.jsonl", pred)
            baseline[corpus] = figures.get("tuple_f1", 0.0)
            f1s.append(baseline[corpus])
            cells = [f"{figures[k]:g}" if k in figures else "-" for k in FIGURES]
            print(f"| {corpus.name} | " + " | ".join(cells) + f" | {time.perf_counter() - t:.1f} |")
        print(f"corpora={len(corpora)} mean_tuple_f1={sum(f1s) / len(f1s):.3f}")
        if args.ablate:
            ablate(extractor, corpora, documents, baseline, counts, args, Path(tmp))
    return 0


def ablate(extractor, corpora, documents, baseline, counts, args, tmp: Path) -> None:
    """Each grammar rule switched off alone: its change of tuple F1 on each corpus."""
    from armsflow.extract.grammar import load_rules

    rows = []
    for rule in load_rules().values():
        if rule.name in args.disable:
            continue
        extractor.disabled_rules = frozenset(args.disable) | {rule.name}
        deltas = []
        for corpus in corpora:
            pred = tmp / f"ablate-{corpus.name}.jsonl"
            pred.write_text("".join(line + "\n" for line in predict(extractor, documents[corpus])), encoding="utf-8")
            deltas.append(score(args.scorer, corpus / "gold.jsonl", pred).get("tuple_f1", 0.0) - baseline[corpus])
        rows.append((rule.name, rule.kind, counts.get(rule.name, 0), deltas))
    extractor.disabled_rules = frozenset(args.disable)
    names = [c.name for c in corpora]
    print("\n## Ablation: tuple F1 change with the rule switched off (negative: the rule helps)\n")
    print("| rule | kind | claims citing it | " + " | ".join(f"{n} Δ" for n in names) + " | mean Δ |")
    print("|---|---|---|" + "---|" * (len(names) + 1))
    for name, kind, n, deltas in rows:
        print(f"| {name} | {kind} | {n} | " + " | ".join(f"{d:+.3f}" for d in deltas) +
              f" | {sum(deltas) / len(deltas):+.3f} |")
    ranked = sorted(rows, key=lambda r: sum(r[3]))
    print("\nmost useful (largest loss when off): " +
          ", ".join(f"{n} {sum(d) / len(d):+.3f}" for n, _, _, d in ranked[:10]))
    print("least useful (largest gain when off): " +
          ", ".join(f"{n} {sum(d) / len(d):+.3f}" for n, _, _, d in reversed(ranked[-10:])))


if __name__ == "__main__":
    sys.exit(main())
