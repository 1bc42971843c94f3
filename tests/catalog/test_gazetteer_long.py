"""The gazetteer on texts with very many mentions: overlaps are settled as before, in time linear in the text.

Each candidate used to be checked against every mention kept so far: n^2/2 comparisons for n mentions, hours for
the 400,000 of a few megabytes of names. The characters covered by the kept mentions are now marked, and a
candidate is checked against its own characters only.
"""
from __future__ import annotations

import pytest
from hang_guard import run_bounded

from armsflow.catalog.gazetteer import Gazetteer
from armsflow.catalog.loader import _load_cached


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer(_load_cached(()))


def found(gaz, text):
    return [(m.text, m.kind, m.key) for m in gaz.find(text)]


def test_the_longest_of_overlapping_names_wins(gaz):
    # the trap "New Mexico" covers "Mexico"; the plural is part of the designation; the second Mexico stands
    assert found(gaz, "From New Mexico, Su-35s flew to Mexico.") == [("Su-35s", "system", "Su-35"),
                                                                    ("Mexico", "state", "MEX")]


def test_repeated_names_are_each_found_once_in_order(gaz):
    text = "Serbia and Russia, " * 500
    got = gaz.find(text)
    assert [(m.start, m.key) for m in got] == [(19 * i + off, key) for i in range(500)
                                               for off, key in ((0, "SRB"), (11, "RUS"))]


def test_megabytes_of_names_in_linear_time():
    got = run_bounded("""
        import json
        from armsflow.catalog.gazetteer import Gazetteer
        from armsflow.catalog.loader import _load_cached
        text = "Serbia and Russia, " * 200_000                      # 3.8 MB, 400,000 mentions
        found = Gazetteer(_load_cached(())).find(text)
        print(json.dumps([len(found), found[-1].start, found[-1].key]))
    """)
    assert got == [400_000, 19 * 199_999 + 11, "RUS"]


def test_a_range_finds_what_the_whole_text_finds_inside_it(gaz):
    # ranges at sentence starts and ends: the names around a range's edges are read from the whole text
    sentences = ["Poland bought K2 tanks and K9 howitzers from South Korea.",
                 "The Su-35s flew from New Mexico to Mexico.", "Serbia and Russia signed a deal for T-72MS tanks."]
    text = " ".join(sentences)
    whole = gaz.find(text)
    start = 0
    for s in sentences:
        lo, hi = text.index(s, start), text.index(s, start) + len(s)
        start = hi
        inside = [(m.start, m.end, m.key) for m in whole if lo <= m.start and m.end <= hi]
        assert [(m.start, m.end, m.key) for m in gaz.find(text, lo=lo, hi=hi)] == inside
        assert inside
    assert [(m.start, m.key) for m in gaz.find(text, lo=0, hi=len(text))] == [(m.start, m.key) for m in whole]
    # a name cut by the range's end is not found, and does not hide a shorter name inside the range
    cut = text.index("New Mexico") + len("New Mex")
    assert [m.key for m in gaz.find(text, lo=text.index("The Su-35s"), hi=cut)] == ["Su-35"]
