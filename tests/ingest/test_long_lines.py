"""A text file whose lines are megabytes long is read in time linear in its size.

The mojibake score (``oddity``) looks at the runs of non-spaces that hold a non-ASCII character. Its pattern used to
be tried at every character of every run: n^2 steps for a run of n ASCII characters (12 s for 20,000), and the
score runs on up to 100,000 characters for each of a dozen candidate encodings of a file that is not UTF-8.
"""
from __future__ import annotations

import re

from hang_guard import run_bounded
from hypothesis import given, settings
from hypothesis import strategies as st

from armsflow.ingest import text as reader

REFERENCE = re.compile(r"\S*[^\x00-\x7f]\S*")       # the pattern as it was


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["a", "Z", "é", "ı", "€", " ", "\t", "\n", "-", "'", "x9", "\u00a0"]),
                max_size=30).map("".join))
def test_the_runs_scored_are_those_of_the_reference_pattern(text):
    assert [m.span() for m in reader._TOKEN.finditer(text)] == [m.span() for m in REFERENCE.finditer(text)]


def test_scores_of_ordinary_text_and_of_mojibake():
    assert reader.oddity("Le café de la gare, déjà fermé.")[0] == 0
    assert reader.oddity("Ðîññèÿ ïîñòàâèëà")[0] > 0          # Cyrillic read as Windows-1252


def test_a_file_in_windows_1252_with_a_line_of_a_million_characters(tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(("x" * 10**6 + " Le café est fermé.\n").encode("cp1252"))
    got = run_bounded(f"""
        import json
        from armsflow.ingest.text import read_text_document
        text = read_text_document({str(path)!r}).text
        print(json.dumps([len(text), text[-20:]]))
    """)
    assert got == [10**6 + 20, " Le café est fermé.\n"]
