"""The project holds no text of the evaluation and news corpora: they are third-party articles.

Code comments, docstrings, tests, fixtures and docs use sentences written for the project; a fact (a designation,
a maker, a date) may be shared with an article, a run of eight words may not. Every file of src/, tests/, bench/,
docs/ and the README is compared with every document of ../shared/eval/*/docs/ and ../shared/data/news/docs/ by
runs of eight words (letters and digits, case folded).
"""
from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RUN = 8
WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")
TEXT_SUFFIXES = {".py", ".md", ".txt", ".yaml", ".yml", ".json", ".jsonl", ".html", ".xml", ".rss", ".csv", ".j2",
                 ".toml", ".cfg", ".js", ".css", ".list", ".atom", ".htm"}


def runs(text: str, n: int = RUN) -> set[str]:
    words = WORD.findall(text.lower())
    return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}


def project_files():
    for top in ("src", "tests", "bench", "docs"):
        for path in sorted((REPO / top).rglob("*")):
            if path.is_file() and path.suffix in TEXT_SUFFIXES and ".egg-info" not in str(path):
                yield path
    yield REPO / "README.md"


def test_runs_find_a_copied_sentence_and_not_shared_facts():
    article = "The navy said on Monday that it had received the second of four frigates ordered in 2021."
    assert runs(article) & runs("# as the article puts it: it had received the second of four frigates ordered")
    assert not runs(article) & runs("The navy received the second frigate; four were ordered in 2021.")


def test_no_run_of_eight_words_from_the_corpora(shared):
    corpus: dict[str, str] = {}
    docs = list(shared.glob("eval/*/docs/*")) + list(shared.glob("data/news/docs/*"))
    assert docs
    for doc in docs:
        for run in runs(doc.read_text(encoding="utf-8", errors="replace")):
            corpus.setdefault(run, doc.name)
    copied = []
    for path in project_files():
        if path.resolve() == Path(__file__).resolve():
            continue
        found = runs(path.read_text(encoding="utf-8", errors="replace")) & corpus.keys()
        copied += [f"{path.relative_to(REPO)}: '{run}' (from {corpus[run]})" for run in sorted(found)[:3]]
    assert not copied, "text of the corpora in the project:\n" + "\n".join(copied)
