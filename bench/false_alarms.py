"""False alarms on ordinary news: claims the extractor finds where the text states no transfer.

    python bench/false_alarms.py [--corpus DIR] [--readme FILE]

Runs ``Extractor().extract`` over the news noise corpus (default ``../shared/data/news/docs`` beside the
repository), prints the claims found per document and the total, and counts the claims that fall in documents
*not* listed under "Contains a transfer in passing" in the corpus README (read at run time; default
``DIR/../README.md``). Those are false alarms; the goal is at most 3. When the corpus is absent (a fresh clone
without shared/) the script says so and exits 0.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "data" / "news" / "docs"
SECTION = "contains a transfer in passing"
GOAL = 3


def in_passing(readme: Path) -> set[str]:
    """Slugs listed as bullets (``- `slug`: ...``) under the README heading "Contains a transfer in passing"."""
    slugs: set[str] = set()
    inside = False
    for line in readme.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"#+\s*(.*?)\s*$", line)
        if heading:
            inside = heading.group(1).strip().lower() == SECTION
            continue
        if inside:
            m = re.match(r"\s*[-*]\s+`([^`]+)`", line)
            if m:
                slugs.add(m.group(1).strip())
    return slugs


def describe(c) -> str:
    what = c.system or c.category
    qty = f"{c.quantity} " if c.quantity is not None else ""
    year = f" {c.year}" if c.year is not None else ""
    hedge = " (hedged)" if c.hedged else ""
    return f"{c.supplier or '?'} -> {c.recipient or '?'}: {qty}{what}, {c.status}{year}{hedge}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of .md/.txt documents")
    ap.add_argument("--readme", type=Path, default=None, help="README listing the documents with real transfers")
    ap.add_argument("--quiet", action="store_true", help="do not print each claim, only the counts per document")
    args = ap.parse_args(argv)

    if not args.corpus.is_dir():
        print(f"false_alarms: corpus {args.corpus} not found (it lives in shared/, beside the repository); "
              f"nothing to measure")
        return 0
    readme = args.readme or args.corpus.parent / "README.md"
    expected = in_passing(readme) if readme.is_file() else set()
    if not readme.is_file():
        print(f"false_alarms: no README at {readme}: every claim counts as a false alarm")
    elif not expected:
        print(f"false_alarms: {readme} lists no document under '{SECTION}'")

    from armsflow.extract.pipeline import Extractor
    from armsflow.ingest.text import IngestError, expand_paths, read_text_document

    extractor = Extractor()
    total = alarms = n_docs = 0
    unreadable = []
    for item in expand_paths([args.corpus]):
        try:
            if isinstance(item, IngestError):
                raise item
            doc = read_text_document(item)
        except IngestError as exc:
            unreadable.append(str(exc))
            continue
        n_docs += 1
        claims = extractor.extract(doc)
        if not claims:
            continue
        listed = doc.id in expected
        total += len(claims)
        if not listed:
            alarms += len(claims)
        tag = "listed as in passing" if listed else "FALSE ALARM"
        print(f"{doc.id}: {len(claims)} claim{'s' if len(claims) != 1 else ''} ({tag})")
        if not args.quiet:
            for c in claims:
                print(f"    {describe(c)}  | {c.evidence[:110]}")
    for line in unreadable:
        print(f"unreadable: {line}")
    listed_found = sorted(expected)
    print(f"documents: {n_docs}; listed as containing a transfer in passing: {len(listed_found)} "
          f"({', '.join(listed_found) or 'none'})")
    print(f"claims: {total}; in unlisted documents (false alarms): {alarms}; "
          f"goal <= {GOAL}: {'met' if alarms <= GOAL else 'missed'}")
    print(f"total_claims={total} false_alarms={alarms}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
