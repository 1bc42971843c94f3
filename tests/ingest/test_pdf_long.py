"""Reflowing a PDF's lines into paragraphs in time linear in the text, with the same paragraphs as before.

The paragraph being built used to be a string grown by ``+`` at every line, and searched whole for a hyphenated
word at its end: 171 s for one text box of 5,000 lines. It is now kept as pieces, and only its last characters
are read.
"""
from __future__ import annotations

import re
from collections import Counter

from hang_guard import run_bounded
from hypothesis import given, settings
from hypothesis import strategies as st

from armsflow.ingest import pdf


def old_glue(left, right, compounds):
    if left.endswith("\u00ad"):
        return left[:-1] + right
    m = re.search(r"([A-Za-z][\w-]*)-$", left)
    if not m:
        return f"{left} {right}"
    head = re.match(r"[A-Za-z]+", right)
    if not head or not right[0].islower():
        return left + right
    whole = f"{m.group(1)}-{head.group()}".lower()
    keep = ("-" in m.group(1) or head.group().lower() in pdf._COMPOUND_HEADS or whole in compounds)
    return left + right if keep else left[:-1] + right


def old_paragraphs(pages):
    """The reflow as it was (armsflow 0.1), kept as the reference."""
    repeated = Counter()
    for boxes in pages:
        repeated.update({re.sub(r"\d+", "#", " ".join(t for t, _ in box)).lower() for box in boxes})
    common = {k for k, n in repeated.items() if len(pages) >= 3 and n * 2 > len(pages) and len(k) < 120}
    compounds = {m.group().lower() for boxes in pages for box in boxes for t, _ in box
                 for m in pdf._COMPOUND.finditer(t[:-1] if t.endswith("-") else t)}
    paras = []
    for boxes in pages:
        for box in boxes:
            joined = " ".join(t for t, _ in box)
            if pdf._PAGE_NUMBER.match(joined) or re.sub(r"\d+", "#", joined).lower() in common:
                continue
            current, size = box[0]
            out = []
            for text, s in box[1:]:
                if size and s and max(s, size) / min(s, size) > 1.2:
                    out.append(current)
                    current = text
                else:
                    current = old_glue(current, text, compounds)
                size = s
            out.append(current)
            if paras and out[0][:1].islower() and not pdf._TERMINAL.search(paras[-1]):
                paras[-1] = old_glue(paras[-1], out.pop(0), compounds)
            paras.extend(out)
    return [re.sub(r"\s+", " ", p).strip() for p in paras if p.strip()]


WORDS = ["govern-", "ment", "Russian-", "made", "MiG-", "29", "self-", "propelled", "the", "deal.", "and", "Page 3",
         "\u00ad", "co-", "operation", "x-", "", "\n", "A", "b", "said:", "(", "”", "5"]
LINE = st.lists(st.sampled_from(WORDS), min_size=0, max_size=5).map(" ".join)
BOX = st.lists(st.tuples(LINE, st.sampled_from([10.0, 10.0, 14.0, 0.0])), min_size=1, max_size=6)
PAGES = st.lists(st.lists(BOX, min_size=1, max_size=3), min_size=1, max_size=4)


@settings(max_examples=2000, deadline=None)
@given(PAGES)
def test_the_paragraphs_are_those_of_the_old_reflow(pages):
    assert pdf._paragraphs(pages) == old_paragraphs(pages)


def test_written_example():
    pages = [[[("The govern-", 10.0), ("ment bought Russian-", 10.0), ("made MiG-", 10.0), ("29 jets and", 10.0)]],
             [[("more jets.", 10.0)]]]
    assert pdf._paragraphs(pages) == ["The government bought Russian-made MiG-29 jets and more jets."]


def test_a_text_box_of_100000_lines_in_linear_time():
    got = run_bounded("""
        import json
        from armsflow.ingest.pdf import _paragraphs
        box = [("the quick brown fox jumps over the lazy dog again %d govern-" % i, 10.0) for i in range(100_000)]
        box += [("ment.", 10.0)]
        paras = _paragraphs([[box]])
        print(json.dumps([len(paras), len(paras[0]), paras[0][-11:]]))
    """)
    assert got[0] == 1 and got[1] > 5 * 10**6 and got[2] == "government."
