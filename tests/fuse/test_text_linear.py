"""Echo signatures of long or hostile texts: the same features as before, in time and memory linear in the text.

``rare_phrases("A" * 20000)`` took 8 s: the pattern of capitalised runs restarted at every capital of a word and
read to the word's end each time. :func:`cap_runs` finds exactly what that pattern found (checked here against it,
on written and on generated text) while trying only one start per word.
"""
from __future__ import annotations

import hashlib
import re

from hang_guard import run_bounded
from hypothesis import given, settings
from hypothesis import strategies as st

from armsflow.fuse import echo
from armsflow.fuse import text as tx
from armsflow.model import Document

# the pattern rare_phrases searched with before, kept here as the reference
REFERENCE = re.compile(r"(?:[A-Z][\w'’-]*|[A-Z0-9][\w-]*\d)(?:\s+(?:(?:of|and|the|de|al|von|van|bin|for)\s+)?"
                       r"(?:[A-Z][\w'’-]*|\d[\w-]*))+")


def spans(matches):
    return [(m.start(), m.end(), m.group(0)) for m in matches]


def test_capitalised_runs_on_written_text():
    line = ("The Islamic Revolutionary Guard Corps met Bank of America staff; x86 Processor Family and "
            "the Boeing 737's Flight Deck, al-Assad Regime Forces, F-16 Block 70 jets, Côte d’Ivoire Navy.")
    found = spans(tx.cap_runs(line))
    assert found == spans(REFERENCE.finditer(line))
    assert [g for _, _, g in found] == ["The Islamic Revolutionary Guard Corps", "Bank of America",
                                        "86 Processor Family", "Boeing 737", "Flight Deck", "Assad Regime Forces",
                                        "F-16 Block 70", "Ivoire Navy"]     # a run may start inside a word


PIECES = ["A", "B", "Q", "a", "x", "1", "7", "0", "-", "'", "’", " ", "  ", "\t", "of ", "and ", "the ", "de ",
          "É", "é", "_", ".", ",", "(", "F-16", "737's", "²", "٣", "Mc", "al-"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_capitalised_runs_are_those_of_the_reference_pattern(line):
    assert spans(tx.cap_runs(line)) == spans(REFERENCE.finditer(line))


def test_rare_phrases_of_an_ordinary_text():
    text = ('Peru signed for 24 fighter jets from Korea Aerospace Industries on Monday, the Defence Ministry said. '
            '"We are modernising the air force step by step," the minister told reporters in Lima.\n'
            'The first 2 aircraft arrive in 2026.')
    assert tx.rare_phrases(text) == ["korea aerospace industries", "we are modernising the air force",
                                     "2 aircraft arrive", "24 fighter jets", "defence ministry"]


def test_features_of_hostile_lines_in_linear_time():
    # each took n^2 steps or worse: "A" * 20,000 took 8 s in rare_phrases, so 10^6 would take about 6 hours
    got = run_bounded("""
        import json
        from armsflow.fuse import text as tx
        n = 10**6
        lines = {"capitals": "A" * n, "letters and digits": "a1" * (n // 2), "words": "Aa " * (n // 3),
                 "apostrophes": "A'" * (n // 2), "hyphens": "A-" * (n // 2), "stops": "." * n,
                 "quotes": '"' + "a" * (n - 1), "numbers": "1," * (n // 2)}
        print(json.dumps({k: [len(tx.rare_phrases(t)), len(tx.words(t)), len(tx.sentences(t))]
                          for k, t in lines.items()}))
    """)
    assert got["capitals"] == [0, 1, 0]
    # one endless run of capitalised words, read in pieces of at most tx.LINE_PIECE characters: the pieces cut at
    # the same place are one phrase, the last piece another
    assert got["words"][0] == 2 and got["words"][1] == 10**6 // 3
    assert got["apostrophes"][0] == 0 and got["letters and digits"][0] == 0


def test_signature_hashes_shingles_in_bounded_batches(monkeypatch):
    words = [f"w{i % 5000}x{i // 5000}" for i in range(30_000)]
    doc = Document(id="long", text=" ".join(words))
    sizes = []
    real = echo.MinHash.update_batch

    def recording(self, batch):
        sizes.append(len(batch))
        return real(self, batch)

    monkeypatch.setattr(echo.MinHash, "update_batch", recording)
    sig = echo.signature(doc, [])
    assert len(sizes) > 1 and max(sizes) <= echo.SHINGLE_BATCH       # never one array of 30,000 x 128
    assert sum(sizes) == 30_000 - echo.SHINGLE + 1
    whole = echo.MinHash(num_perm=echo.NUM_PERM, seed=echo.SEED, scheme=echo.SCHEME)
    real(whole, [" ".join(words[i:i + 5]).encode() for i in range(len(words) - 4)])
    assert sig.minhash == tuple(int(v) for v in whole.hashvalues)    # the same MinHash as all at once


def test_shingles_of_short_and_long_token_lists():
    assert list(tx.shingles([], 5)) == []
    assert list(tx.shingles(["a", "b"], 5)) == ["a b"]
    assert list(tx.shingles(list("abcdef"), 5)) == ["a b c d e", "b c d e f"]


def test_a_megabyte_line_is_read_for_phrases_in_pieces_cut_at_spaces():
    line = " ".join(f"Fort{i}" for i in range(40_000))        # one capitalised run of 300,000 characters
    pieces = list(tx.pieces([line, "short line"], size=1000))
    assert pieces[-1] == "short line"
    assert "".join(pieces[:-1]) == line and all(len(p) <= 1000 for p in pieces)
    assert all(p.startswith(" Fort") for p in pieces[1:-1])      # cut before a space, never inside a word
    assert list(tx.pieces(["x" * 2500], size=1000)) == ["x" * 1000, "x" * 1000, "x" * 500]
    short = "The Revolutionary Guard Corps received 24 fighter jets."
    assert tx.rare_phrases(short) == tx.rare_phrases(short + "\n" + "a " * 40_000)[:len(tx.rare_phrases(short))]


def test_signature_reads_the_words_once_without_holding_them(monkeypatch):
    text = "Peru’s navy received two Pohang-class corvettes from South Korea in 2025. " * 300
    expected_hash = hashlib.sha256(" ".join(tx.words(text)).encode("utf-8")).hexdigest()
    expected_words = len(tx.words(text))

    words = tx.words

    def no_whole_list(piece):           # a phrase's words, yes; every word of the text, no
        assert len(piece) < 1000, "the signature asked for the list of every word of the text"
        return words(piece)

    monkeypatch.setattr(tx, "words", no_whole_list)
    sig = echo.signature(Document(id="corvettes", text=text), [])
    assert sig.content_hash == expected_hash and sig.words == expected_words
    assert list(tx.shingles(iter(["a", "b"]), 5)) == ["a b"]
