"""Time against input size for the passes that read untrusted text whole: each case at size n and at 10 n, in one run.

A linear pass takes about 10 times as long on the larger input (ratio ~10), a quadratic one about 100 times. The
inputs are the hostile ones the passes were fixed for (a line of capitals, a run of full stops, a sentence without
end, megabytes of names) and ordinary text for comparison. Each time is the best of ``--repeat`` runs.

    python bench/linearity.py [--scale S] [--factor F] [--repeat R] [--only NAME,...]

``--scale`` multiplies every base size (default 1: from 2,000 characters for a full extraction to 100,000 for the
cheap passes). Run it on an older checkout (PYTHONPATH=that/src) with a small ``--scale`` to see the ratios before.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import time

FILLER = ("The council met on Tuesday to discuss the budget. Officials said the talks went well. "
          "Rain is expected over the weekend in the north. ")
DENSE = "Russia delivered 12 Su-35 fighter jets to Iran in 2023 the ministry said "


def cases():
    """(name, base size, make(n) -> input, run(input))."""
    from armsflow.catalog.gazetteer import gazetteer_for
    from armsflow.catalog.loader import load_catalog
    from armsflow.extract.sentences import split_sentences
    from armsflow.fuse import text as tx
    from armsflow.fuse.echo import signature
    from armsflow.ingest.text import oddity
    from armsflow.model import Document

    catalog = load_catalog(include_user=False)
    gaz = gazetteer_for(catalog)
    extractor = []

    def extract(text):
        if not extractor:
            from armsflow.extract.pipeline import Extractor
            extractor.append(Extractor(catalog))
            extractor[0].extract(Document(id="warm", text=DENSE))
        return extractor[0].extract(Document(id="b", text=text, published=dt.date(2024, 1, 10)))

    def fill(unit, n):
        return (unit * (n // len(unit) + 1))[:n]

    return [
        ("sentences: ordinary text, one line", 100_000, lambda n: fill(FILLER, n), split_sentences),
        ("sentences: a run of full stops", 100_000, lambda n: "." * n, split_sentences),
        ("gazetteer: ordinary text", 100_000, lambda n: fill(FILLER + DENSE, n), gaz.find),
        ("gazetteer: names only", 100_000, lambda n: fill("Serbia and Russia, ", n), gaz.find),
        ("rare phrases: ordinary text", 100_000, lambda n: fill(FILLER + DENSE, n), tx.rare_phrases),
        ("rare phrases: one word of capitals", 100_000, lambda n: "A" * n, tx.rare_phrases),
        ("rare phrases: letters and digits", 100_000, lambda n: "a1" * (n // 2), tx.rare_phrases),
        ("signature: ordinary text", 100_000, lambda n: Document(id="s", text=fill(FILLER + DENSE, n)),
         lambda d: signature(d, [])),
        ("mojibake score: one long run", 100_000, lambda n: "x" * n + " é", oddity),
        ("extract: ordinary text, one line", 20_000, lambda n: fill(FILLER * 5 + DENSE, n), extract),
        ("extract: a sentence without end", 2_000, lambda n: fill(DENSE, n), extract),
    ]


def best(run, data, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        run(data)
        times.append(time.perf_counter() - t0)
    return min(times)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every base size")
    ap.add_argument("--factor", type=int, default=10, help="the larger input is this many times the smaller")
    ap.add_argument("--repeat", type=int, default=2, help="runs per size; the best is kept")
    ap.add_argument("--only", default="", help="comma-separated words: run only the cases naming one of them")
    args = ap.parse_args(argv)
    wanted = [w.strip() for w in args.only.split(",") if w.strip()]
    worst = 0.0
    print(f"{'case':42s} {'n':>9s} {'t(n) s':>9s} {'t(' + str(args.factor) + 'n) s':>10s} {'ratio':>7s}")
    for name, base, make, run in cases():
        if wanted and not any(w in name for w in wanted):
            continue
        n = max(10, int(base * args.scale))
        small, large = make(n), make(n * args.factor)
        run(small)                                   # warm caches (catalogue folding, regex compilation)
        t_small, t_large = best(run, small, args.repeat), best(run, large, args.repeat)
        ratio = t_large / t_small if t_small else float("inf")
        worst = max(worst, ratio)
        print(f"{name:42s} {n:9d} {t_small:9.4f} {t_large:10.4f} {ratio:7.1f}", flush=True)
    print(f"worst_ratio={worst:.1f} linear_would_be={args.factor} quadratic_would_be={args.factor ** 2}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
