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
