"""Register names and designations cleaned as before, in time linear in their length.

A register export is input like any other: a field of a million spaces, " -" markers or "(" used to cost n^2
steps in the patterns that strip trailing markers (each started again at every space or parenthesis and read to the
field's end). They are now matched once, from the end.
"""
from __future__ import annotations

import re

from hang_guard import run_bounded
from hypothesis import given, settings
from hypothesis import strategies as st

from armsflow.catalog.sipri import clean_designation as catalog_designation
from armsflow.catalog.sipri_codes import _strip_marks
from armsflow.fuse.register_deals import clean_designation as deal_designation


def old_catalog_designation(raw):
    return re.sub(r"(\s+-+)+$", "", re.sub(r"\s+", " ", raw.strip())).strip()


def old_deal_designation(s):
    return re.sub(r"\s+-+$", "", s.strip()).strip()


def old_strip_marks(name):
    name = name.strip().rstrip("*").strip()
    return re.sub(r"\s*\([^)]*\)\s*$", "", name).strip()


FIELDS = st.lists(st.sampled_from([" ", "  ", "-", "--", "a", "T-72", "(", ")", "*", "\t", "\n", "(Yemen)", "1",
                                   "\u00a0", "Mk"]), max_size=16).map("".join)


@settings(max_examples=3000, deadline=None)
@given(FIELDS)
def test_cleaning_is_that_of_the_old_patterns(field):
    assert catalog_designation(field) == old_catalog_designation(field)
    assert deal_designation(field) == old_deal_designation(field)
    assert _strip_marks(field) == old_strip_marks(field)


def test_written_examples():
    assert catalog_designation("  T-72B3 -- - ") == "T-72B3"
    assert catalog_designation("Mi-17V-5") == "Mi-17V-5"
    assert deal_designation("Su-30MKI --") == "Su-30MKI"
    assert _strip_marks("Houthi rebels (Yemen)*") == "Houthi rebels"
    assert _strip_marks("Libya (GNC) (Tripoli)") == "Libya (GNC)"


def test_fields_of_a_million_characters_in_linear_time():
    got = run_bounded("""
        import json
        from armsflow.catalog.sipri import clean_designation as catalog_designation
        from armsflow.catalog.sipri_codes import _strip_marks
        from armsflow.fuse.register_deals import clean_designation as deal_designation
        n = 10**6
        print(json.dumps([len(catalog_designation("x" + " -" * n + "y")), len(catalog_designation("x" + " -" * n)),
                          len(deal_designation("x" + " " * n + "y")), len(_strip_marks("(" * n)),
                          len(_strip_marks("x" + " " * n + "y"))]))
    """)
    assert got == [2 * 10**6 + 2, 1, 10**6 + 2, 10**6, 10**6 + 2]
