"""The readers' budgets (ingest/limits.py) and the worker process that bounds time and memory (ingest/isolate.py).

Each budget is shown both ways: an input over it fails with one line naming the file and the budget, and the same
kind of input within it is read. Every malformed input is built here; the sentences are written for these tests.
No test measures time: the time limit is shown by a PDF that never finishes and by what the reader does next.
"""
from __future__ import annotations

import datetime as dt
import time

import pytest

from pdfmaker import column, inflating_pdf, looping_pdf, make_pdf, raw_pdf, stream_pdf

from armsflow.ingest.isolate import IsolatedReader, LocalReader
from armsflow.ingest.limits import DEFAULT, Limits
from armsflow.ingest.sources import iter_documents
from armsflow.ingest.text import IngestError, parse_text, printable
from armsflow.model import Document

LINES = ["Peru has ordered four coastal patrol boats from a Korean", "yard, the navy said on Monday.", ""]
SENTENCE = "Chile has ordered two Ground Master 400 radars from France, the air force said."


def good_pdf(pages: int = 1) -> bytes:
    # each page its own words: lines repeated on most pages are running headers, dropped
    return make_pdf([column([f"Batch {'ABCDEFGHIJ'[n]}. " + LINES[0], *LINES[1:]]) for n in range(pages)],
                    info={"Title": "Patrol boats for Peru"})


def rss(items: str, prolog: str = "") -> bytes:
    return (f'<?xml version="1.0"?>{prolog}<rss version="2.0"><channel><title>Andes Brief</title>{items}'
            f"</channel></rss>").encode()


def item(n: int, extra: str = "") -> str:
    return (f"<item><title>Order {n}</title><link>https://andes.example/orders/{n}</link>{extra}"
            f"<description>{SENTENCE}</description></item>")


def errors(items) -> list[str]:
    return [str(i) for i in items if isinstance(i, IngestError)]


def docs(items) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def read_local(kind, data, limits=DEFAULT, where="in.bin"):
    return LocalReader(limits).read(kind, data, where, "in")


# -- the limits themselves -------------------------------------------------------------------------------------

def test_limits_are_changed_by_name_and_refuse_nonsense():
    got = DEFAULT.with_(["pages=20", "seconds=2.5", " Depth = 40 "])
    assert (got.pages, got.seconds, got.depth, got.entries) == (20, 2.5, 40, DEFAULT.entries)
    for bad in ("pages", "pages=x", "pages=0", "seconds=-1", "colour=red", "pages=1.5", "seconds=inf"):
        with pytest.raises(ValueError) as exc:
            DEFAULT.with_([bad])
        assert "\n" not in str(exc.value) and bad.split("=")[0] in str(exc.value)


# -- PDF: pages, inflated bytes --------------------------------------------------------------------------------

def test_pdf_pages_budget():
    assert read_local("pdf", good_pdf(3), Limits(pages=3)).text.count("Peru") == 3
    with pytest.raises(IngestError) as exc:
        read_local("pdf", good_pdf(3), Limits(pages=2))
    assert str(exc.value) == "in.bin: over 2 pages (the pages limit)"


def test_pdf_decompressed_budget():
    # a content stream of 3 MB, mostly blank, deflated to a few KB
    data = stream_pdf(b"BT /F1 11 Tf 72 720 Td (" + SENTENCE.encode() + b") Tj ET\n" + b" " * 3 * 2**20)
    assert len(data) < 100_000
    with pytest.raises(IngestError) as exc:
        read_local("pdf", data, Limits(decompressed=2))
    assert str(exc.value) == "in.bin: its streams inflate to over 2 MB (the decompressed limit)"
    assert SENTENCE in read_local("pdf", data, Limits(decompressed=8)).text


def test_a_flate_bomb_stops_at_the_budget_not_at_the_end_of_the_stream():
    with pytest.raises(IngestError) as exc:
        read_local("pdf", inflating_pdf(64), Limits(decompressed=4))
    assert "(the decompressed limit)" in str(exc.value)


def test_the_budget_is_per_call_and_leaves_pdfminer_working():
    with pytest.raises(IngestError):
        read_local("pdf", inflating_pdf(16), Limits(decompressed=1))
    assert "Peru" in read_local("pdf", good_pdf(), Limits(decompressed=1)).text


# -- HTML and feeds: nesting, entries, entity declarations -------------------------------------------------------

def nested_page(depth: int) -> bytes:
    return (f"<html><body>{'<div>' * depth}<p>{SENTENCE} Deliveries follow next year, officials added.</p>"
            f"{'</div>' * depth}</body></html>").encode()


def test_html_depth_budget():
    assert "Ground Master" in read_local("html", nested_page(20)).text
    with pytest.raises(IngestError) as exc:
        read_local("html", nested_page(20), Limits(depth=10))
    assert str(exc.value) == "in.bin: HTML nested 10 or more levels deep (the depth limit)"
    # lxml keeps 255 levels; deeper content would be dropped without a word, so it is an error at any setting
    with pytest.raises(IngestError) as exc:
        read_local("html", nested_page(100_000), Limits(depth=100_000))
    assert "(the depth limit)" in str(exc.value)


def test_feed_entries_budget():
    feed = rss("".join(item(n) for n in range(1, 6)))
    assert len(read_local("feed", feed, Limits(entries=5))) == 5
    (err,) = read_local("feed", feed, Limits(entries=4))
    assert str(err) == "in.bin: over 4 entries (the entries limit)"
    # a feed of a million items is refused before it is parsed (the cheap count)
    (err,) = read_local("feed", rss(item(1) * 1_000_000), Limits(entries=100))
    assert str(err) == "in.bin: over 100 entries (the entries limit)"


def test_feed_depth_budget():
    deep = rss(item(1, "<x>" * 100 + "</x>" * 100))
    assert len(read_local("feed", deep)) == 1
    (err,) = read_local("feed", deep, Limits(depth=50))
    assert str(err) == "in.bin: XML nested 50 or more levels deep (the depth limit)"
    (err,) = read_local("feed", rss(item(1, "<x>" * 100_000 + "</x>" * 100_000)))
    assert "(the depth limit)" in str(err)


def test_a_feed_declaring_entities_is_refused_not_half_read():
    laughs = "<!ENTITY l0 \"ha\">" + "".join(f"<!ENTITY l{i} \"{('&l%d;' % (i - 1)) * 10}\">" for i in range(1, 9))
    for prolog in (f"<!DOCTYPE rss [{laughs}]>", "<!DOCTYPE rss [<!ENTITY deal \"a radar deal\">]>",
                   "<!DOCTYPE rss [<!ELEMENT rss ANY>]>"):
        (err,) = read_local("feed", rss(item(1, "<category>&l8;</category>"), prolog))
        assert "internal subset" in str(err), prolog
    # the public DOCTYPE of RSS 0.91 declares nothing: read as before
    public = '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://x.example/rss-0.91.dtd">'
    (entry,) = read_local("feed", rss(item(1), public))
    assert entry.doc.text == SENTENCE


def test_impossible_feed_dates_are_no_dates():
    from armsflow.ingest.feed import read_feed

    data = rss(item(1, "<pubDate>0000-00-00</pubDate>") + item(2, "<pubDate>Tue, 14 Mar 2023 10:00 GMT</pubDate>"))
    first, second = read_feed(data, where="dates.xml")
    assert first.published is None and first.text.endswith(SENTENCE)
    assert second.published == dt.date(2023, 3, 14)


# -- text: front matter ----------------------------------------------------------------------------------------

def alias_bomb(levels: int = 9) -> str:
    lines = ["l0: &l0 [ha, ha, ha, ha, ha, ha, ha, ha, ha]"]
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]")
    return "\n".join(lines) + f"\ntitle: *l{levels - 1}\n"


def test_yaml_aliases_budget():
    with pytest.raises(IngestError) as exc:
        parse_text(f"---\n{alias_bomb()}---\n{SENTENCE}\n", "bomb", where="bomb.md")
    assert str(exc.value) == "bomb.md: front matter has over 16 YAML aliases (the aliases limit)"
    few = "---\nsource: &s Andes Brief\npublisher: *s\ntitle: Radars\n---\n" + SENTENCE
    assert parse_text(few, "few").publisher == "Andes Brief"
    with pytest.raises(IngestError):
        parse_text(few, "few", limits=Limits(aliases=0))


def test_a_list_built_from_aliases_is_no_title():
    # within the alias budget, but a title must be a scalar: printed, this one would be 9**5 items long
    doc = parse_text(f"---\n{alias_bomb(5)}---\n{SENTENCE}\n", "lol", limits=Limits(aliases=100))
    assert doc.title is None and doc.text == SENTENCE + "\n"


def test_yaml_depth_budget():
    # libyaml's parser recurses in C: 100,000 brackets crashed the process; now one line
    for n in (300, 30_000):
        with pytest.raises(IngestError) as exc:
            parse_text(f"---\ntags: {'[' * n}{']' * n}\n---\n{SENTENCE}\n", "deep", where="deep.md")
        assert str(exc.value) == "deep.md: front matter nested deeper than 256 levels (the depth limit)"
    # over 64 KB between the two rules it is no front matter: text, never given to YAML
    deep = f"---\ntags: {'[' * 100_000}{']' * 100_000}\n---\n{SENTENCE}\n"
    assert parse_text(deep, "deep").text == deep
    assert parse_text(f"---\ntags: {'[' * 5}{']' * 5}\ntitle: Radars\n---\n{SENTENCE}\n", "ok").title == "Radars"


def test_odd_front_matter_values_are_not_errors():
    doc = parse_text(f"---\npublished: {'7' * 5000}\ntitle: Radars\n---\n{SENTENCE}\n", "digits")
    assert doc.published is None and doc.text == SENTENCE + "\n"        # a 5,000-digit number: no YAML mapping
    doc = parse_text(f"---\npublished: '{'2' * 5000}'\ntitle: Radars\n---\n{SENTENCE}\n", "digits")
    assert (doc.title, doc.published) == ("Radars", None)
    # a Markdown rule at the top and another 100 KB later is not front matter
    text = "---\n" + ("Filler words of no consequence. " * 4000) + "\n---\n" + SENTENCE
    assert parse_text(text, "rules").text == text


# -- nested list files -------------------------------------------------------------------------------------------

def test_list_nesting_budget(tmp_path):
    (tmp_path / "radars.md").write_text(SENTENCE + "\n", encoding="utf-8")
    for i in range(500):
        (tmp_path / f"l{i}.list").write_text(f"l{i + 1}.list\n", encoding="utf-8")
    (tmp_path / "l500.list").write_text("radars.md\n", encoding="utf-8")
    items = list(iter_documents([tmp_path / "l0.list", tmp_path / "radars.md"], isolate=False))
    assert errors(items) == [f"{tmp_path / 'l32.list'}: list files nested over 32 deep (the lists limit)"]
    assert [d.id for d in docs(items)] == ["radars"]
    items = list(iter_documents([tmp_path / "l490.list"], isolate=False))
    assert [d.id for d in docs(items)] == ["radars"] and not errors(items)


# -- the worker process: time and memory -----------------------------------------------------------------------

def test_a_looping_pdf_is_stopped_at_the_time_limit_and_the_reader_goes_on():
    with IsolatedReader(Limits(seconds=3)) as reader:
        with pytest.raises(IngestError) as exc:
            reader.read("pdf", looping_pdf(), "loop.pdf", "loop")
        assert str(exc.value) == "loop.pdf: not read within 3 s (the seconds limit); stopped"
        doc = reader.read("pdf", good_pdf(), "boats.pdf", "boats")       # a fresh worker took over
        assert "Peru" in doc.text and reader.started == 2


def test_memory_limit_of_the_reader_process():
    # 160 MB inflated with the decompressed budget set above it: the address-space cap stops it
    bomb = inflating_pdf(160)
    with IsolatedReader(Limits(memory=64, decompressed=1024)) as reader:
        with pytest.raises(IngestError) as exc:
            reader.read("pdf", bomb, "bomb.pdf", "bomb")
        assert str(exc.value) == "bomb.pdf: needs over 64 MB of memory to read (the memory limit)"
        assert "Peru" in reader.read("pdf", good_pdf(), "boats.pdf", "boats").text
        assert reader.started == 2                      # the worker that ran out was replaced
        with pytest.raises(IngestError) as exc:          # a smaller one fits: read through, no text in it
            reader.read("pdf", inflating_pdf(4), "small.pdf", "small")
        assert str(exc.value) == "small.pdf: no text found in the PDF"


def test_a_worker_that_dies_is_one_error_and_is_replaced():
    import os
    import signal

    with IsolatedReader(Limits(seconds=60)) as reader:
        assert "Peru" in reader.read("pdf", good_pdf(), "boats.pdf", "boats").text
        os.kill(reader._proc.pid, signal.SIGKILL)        # gone between two documents: a fresh one is started
        assert "Peru" in reader.read("pdf", good_pdf(), "boats.pdf", "boats").text
        assert reader.started == 2


def test_iter_documents_reads_through_one_worker_and_closes_it(tmp_path):
    (tmp_path / "a-boats.pdf").write_bytes(good_pdf())
    (tmp_path / "b-loop.pdf").write_bytes(looping_pdf())
    (tmp_path / "c-page.html").write_bytes(nested_page(3))
    (tmp_path / "d-feed.xml").write_bytes(rss(item(1) + item(2)))
    (tmp_path / "e-note.md").write_text(SENTENCE + "\n", encoding="utf-8")
    items = list(iter_documents([tmp_path], limits=Limits(seconds=3)))
    assert errors(items) == [f"{tmp_path / 'b-loop.pdf'}: not read within 3 s (the seconds limit); stopped"]
    assert [d.kind for d in docs(items)] == ["pdf", "html", "feed", "feed", "text"]


# -- extraction under a deadline -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def extractor():
    from armsflow.extract.pipeline import Extractor

    return Extractor()


def test_extraction_deadline_is_one_line(extractor):
    from armsflow.engine.ingest import prepare
    from armsflow.extract.pipeline import ExtractionTimeout

    doc = Document(id="radars", text=(SENTENCE + "\n") * 50, path="in/radars\x1b[2J.md")
    assert extractor.extract(doc)                               # no limit: claims
    with pytest.raises(ExtractionTimeout):
        extractor.extract(doc, deadline=time.monotonic() - 1)
    extractor.time_limit = 1e-9
    try:
        got = prepare(doc, "h", extractor, sign=False)
    finally:
        extractor.time_limit = None
    assert got.claims is None
    assert got.error == "in/radars\\x1b[2J.md: extraction stopped after 1e-09 s (the seconds limit)"


# -- what leaves the readers -------------------------------------------------------------------------------------

def test_documents_are_cleaned_for_storage():
    from armsflow.ingest.clean import MAX_PUBLISHER, clean_document

    doc = Document(id="deal\x1b]0;x\x07", text="Radars\x00 for\ud800 Chile", title="A\ntitle\twith\x85breaks",
                   publisher="P" * 400, url="https://x.example/a\x1bb", path="in/caf\udce9.md", language="en")
    got = clean_document(doc)
    assert got.text == "Radars for\ufffd Chile"
    assert got.id == "deal ]0;x" and got.title == "A title with breaks"
    assert got.publisher == "P" * MAX_PUBLISHER and got.url is None and got.path == "in/caf\\xe9.md"
    assert clean_document(got) is got
    clean = Document(id="a", text="b", url="https://x.example/a")
    assert clean_document(clean) is clean


def test_error_messages_are_one_printable_line():
    err = IngestError("feeds/caf\udce9\x1b]0;owned\x07.xml", "entry 1 (https://x.example/\x1b[31m\nred): no text")
    assert str(err) == ("feeds/caf\\xe9\\x1b]0;owned\\x07.xml: entry 1 (https://x.example/\\x1b[31m red): no text")
    assert printable("a\u202eb\u2028c") == "a\\u202eb\\u2028c"
    assert printable(printable("x\x1by")) == "x\\x1by"
