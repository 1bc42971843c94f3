"""The input entry point (armsflow.ingest.sources): folders, .list files, URLs, format sniffing, ids.

All fixtures are written here: pages, feeds and PDFs (pdfmaker.py) about deals made up for these tests.
"""
from __future__ import annotations

import http.server
import os
import threading

import pytest
from pdfmaker import column, make_pdf

from armsflow.ingest.fetch import http_fetcher
from armsflow.ingest.ids import UniqueIds, url_id
from armsflow.ingest.sources import iter_documents, sniff
from armsflow.ingest.text import IngestError, read_text_document
from armsflow.model import Document

MD = ("---\ntitle: Serbia buys jets\npublisher: Balkan Desk\npublished: 2021-06-01\n---\n"
      "In 2021, Serbia purchased MiG-29 fighter jets from Russia.\n")
HTML = """<!DOCTYPE html><html lang="en"><head><title>Norway orders more K9 howitzers</title>
<meta property="og:site_name" content="Nordic Defence Wire"></head><body>
<nav><a href="/">Home</a> <a href="/land">Land</a></nav>
<article><h1>Norway orders more K9 howitzers</h1>
<p>Norway has signed a contract with South Korea for 18 additional K9 Thunder self-propelled howitzers, the defence
ministry in Oslo said on Tuesday.</p>
<p>Deliveries of the new batch are due to start in 2025, according to the ministry.</p></article></body></html>"""
RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Baltic Defence Brief</title>
<item><title>Estonia buys HIMARS</title><link>https://baltic-brief.example/2023/estonia-himars</link>
<description>Estonia has signed a contract with the United States for six HIMARS rocket launchers.</description></item>
<item><title>Poland orders Apaches</title><link>https://baltic-brief.example/2023/poland-apaches</link>
<description>Poland has ordered 96 AH-64E Apache helicopters from the United States.</description></item>
</channel></rss>"""
PDF_LINES = ["Chile has ordered two Ground Master 400 radars from", "France, the air force said.", "",
             "Installation is planned for the northern regions."]


def pdf() -> bytes:
    return make_pdf([column(PDF_LINES)], info={"Title": "Chile radar order"})


def write(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def run(*paths, **kw) -> list:
    return list(iter_documents([str(p) for p in paths], **kw))


def docs_of(items):
    return [i for i in items if isinstance(i, Document)]


def errors_of(items):
    return [str(i) for i in items if isinstance(i, IngestError)]


@pytest.fixture
def inbox(tmp_path):
    root = tmp_path / "inbox"
    write(root / "a-serbia.md", MD)
    write(root / "b-norway.html", HTML)
    write(root / "c-chile.pdf", pdf())
    write(root / "d-brief.rss", RSS)
    write(root / "sub" / "e-page.htm", HTML.replace("Norway orders more", "Oslo buys more"))
    write(root / "notes.csv", "not read from a folder")
    write(root / ".hidden.html", HTML)
    return root


def test_folder_yields_every_format_in_order(inbox):
    items = run(inbox)
    assert errors_of(items) == []
    got = [(d.id, d.kind) for d in items]
    assert got == [("a-serbia", "text"), ("b-norway", "html"), ("c-chile", "pdf"), ("estonia-himars", "feed"),
                   ("poland-apaches", "feed"), ("e-page", "html")]
    serbia, norway, chile = items[:3]
    assert serbia == read_text_document(inbox / "a-serbia.md")          # text files read as before
    assert norway.publisher == "Nordic Defence Wire" and norway.path == str(inbox / "b-norway.html")
    assert chile.text == ("Chile has ordered two Ground Master 400 radars from France, the air force said.\n"
                          "Installation is planned for the northern regions.")


def test_empty_folder_names_the_suffixes(tmp_path):
    write(tmp_path / "d" / "x.csv", "a,b")
    (err,) = run(tmp_path / "d")
    assert err.problem == ("no input files (.atom, .htm, .html, .markdown, .md, .pdf, .rss, .text, .txt, .xhtml, "
                           ".xml) in this folder")


def test_list_file(tmp_path, inbox):
    write(tmp_path / "abs.md", MD.replace("Serbia", "Hungary"))
    lst = write(tmp_path / "lists" / "today.list", "\n".join([
        "# sources for today",
        "",
        "../inbox/b-norway.html",
        f"  {tmp_path / 'abs.md'}  ",
        "../inbox/missing.md",
        "https://wire.example/news/2024/chile-radars",
        "../inbox/b-norway.html",                      # twice: read once
    ]) + "\n")
    items = run(lst)
    assert [d.id for d in docs_of(items)] == ["b-norway", "abs"]
    assert errors_of(items) == [f"{tmp_path / 'lists' / '../inbox/missing.md'}: no such file or directory",
                                "https://wire.example/news/2024/chile-radars: network fetch disabled"]

    pages = {"https://wire.example/news/2024/chile-radars": HTML.replace("Norway", "Chile").encode()}
    items = run(lst, fetch=pages.get)
    assert [d.id for d in docs_of(items)] == ["b-norway", "abs", "chile-radars"]
    web = docs_of(items)[-1]
    assert (web.kind, web.url, web.path) == ("html", "https://wire.example/news/2024/chile-radars", None)


def test_lists_nest_and_cycles_are_errors(tmp_path):
    write(tmp_path / "one.md", MD)
    inner = write(tmp_path / "inner.list", "one.md\nouter.list\n")
    outer = write(tmp_path / "outer.list", "inner.list\n")
    items = run(outer)
    assert [d.id for d in docs_of(items)] == ["one"]
    assert errors_of(items) == [f"{tmp_path / 'outer.list'}: list file includes itself"]
    write(tmp_path / "empty.list", "# nothing yet\n\n")
    assert errors_of(run(tmp_path / "empty.list", tmp_path / "absent.list")) == [
        f"{tmp_path / 'empty.list'}: list file names no inputs",
        f"{tmp_path / 'absent.list'}: no such file or directory"]
    assert inner.exists()


def test_a_list_line_no_system_call_takes_is_one_error_and_the_rest_is_read(tmp_path):
    write(tmp_path / "one.md", MD)
    lst = tmp_path / "odd.list"
    lst.write_bytes(b"bad\0name.md\n" + b"n" * 5000 + b".md\none.md\n")
    items = run(lst)
    assert [d.id for d in docs_of(items)] == ["one"]
    nul, long = errors_of(items)
    assert nul == f"{tmp_path / 'bad'}\\x00name.md: not a path: it contains a NUL character"
    assert long.endswith(": file name too long")


def test_urls_need_a_fetcher_and_every_failure_is_one_error():
    url = "https://wire.example/2023/03/14/k9-order"
    assert errors_of(run(url)) == [f"{url}: network fetch disabled"]

    def broken(u):
        raise TimeoutError("timed out")

    assert errors_of(run(url, fetch=broken)) == [f"{url}: fetch failed (TimeoutError: timed out)"]
    assert errors_of(run(url, fetch=lambda u: None)) == [f"{url}: fetch failed (nothing returned)"]
    assert errors_of(run(url, fetch=lambda u: b"")) == [f"{url}: empty response"]
    assert errors_of(run(url, fetch=lambda u: b"x" * 2000, max_bytes=1000)) == [
        f"{url}: download too large: over the 1000 bytes limit (raise it with --max-size)"]
    assert errors_of(run("ftp://wire.example/a.pdf")) == [
        "ftp://wire.example/a.pdf: unsupported URL scheme 'ftp' (only http and https)"]


def test_url_content_decides_the_reader():
    served = {"https://wire.example/files/chile-radar-order.pdf": pdf(),
              "https://wire.example/feeds/baltic": RSS.encode(),
              "https://wire.example/notes/serbia-jets.txt": MD.encode(),
              "https://wire.example/index.php?id=7": HTML.encode()}
    items = run(*served, fetch=served.get)
    assert errors_of(items) == []
    assert [(d.id, d.kind) for d in items] == [
        ("chile-radar-order", "pdf"), ("estonia-himars", "feed"), ("poland-apaches", "feed"),
        ("serbia-jets", "text"), (url_id("https://wire.example/index.php?id=7"), "html")]
    assert items[0].url == "https://wire.example/files/chile-radar-order.pdf"
    assert items[3].url == "https://wire.example/notes/serbia-jets.txt" and items[3].title == "Serbia buys jets"


@pytest.mark.parametrize("name, data, kind", [
    ("report.txt", b"%PDF-1.4\n...", "pdf"),                       # the signature wins over the suffix
    ("page.txt", b"<!DOCTYPE html><html><body>x</body></html>", "text"),   # .txt/.md stay text
    ("notes.md", b"<div>Markdown may start with HTML</div>", "text"),
    ("article.html", b"In 2021, Serbia purchased MiG-29 fighter jets from Russia.\n", "text"),   # no markup
    ("saved", b"\n  <!-- saved page --><!DOCTYPE html>\n<html>", "html"),
    ("feed", b"<?xml version='1.0'?><?xml-stylesheet href='x'?><feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
    ("news.xml", b"<?xml version='1.0'?><rdf:RDF xmlns:rdf='x'>", "feed"),
    ("data.xml", b"<?xml version='1.0'?><catalogue/>", "feed"),     # the feed reader says it is none
    ("utf16.xml", "<rss version='2.0'>".encode("utf-16"), "feed"),
    ("page.htm", b"<p>A fragment of a page.</p>", "html"),
    ("random.pdf", b"\x00\x17\x9c binary junk", "pdf"),                # the PDF reader reports it
    ("random.bin", b"\x00\x17\x9c binary junk", "text"),               # the text reader reports it
])
def test_sniff(name, data, kind):
    assert sniff(data, os.path.splitext(name)[1]) == kind


def test_bad_inputs_never_raise(tmp_path):
    write(tmp_path / "scan.pdf", make_pdf([], image_pages=1))
    write(tmp_path / "locked.pdf", make_pdf([column(PDF_LINES)], user_password="pw"))
    write(tmp_path / "menu.html", "<html><body><nav><a href='/'>Home</a><a href='/x'>News</a></nav></body></html>")
    write(tmp_path / "junk.xml", "<?xml version='1.0'?><catalogue><item/></catalogue>")
    write(tmp_path / "empty.rss", "")
    write(tmp_path / "fake.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\n")
    (tmp_path / "dangling.html").symlink_to(tmp_path / "nowhere.html")
    write(tmp_path / "ok.md", MD)
    names = ["scan.pdf", "locked.pdf", "menu.html", "junk.xml", "empty.rss", "fake.pdf", "dangling.html", "ok.md"]
    items = run(*[tmp_path / n for n in names])
    assert [d.id for d in docs_of(items)] == ["ok"]
    errs = errors_of(items)
    assert len(errs) == 7 and all("\n" not in e for e in errs)
    problems = [e.split(": ", 1)[1] for e in errs]
    assert problems[:5] == ["no text layer: the PDF holds only images (a scan?); OCR it first",
                            "encrypted PDF: a password is needed to open it",
                            "no article text found",
                            "not a readable RSS/Atom feed",
                            "file is empty"]
    assert problems[5].startswith("not a readable PDF (")
    assert problems[6].startswith("broken symbolic link")


def test_url_ids():
    assert url_id("https://defence-wire.example/news/2023/norway-k9-howitzers") == "norway-k9-howitzers"
    assert url_id("https://wire.example/story/latvia-missiles.html") == "latvia-missiles"
    assert url_id("https://wire.example/latvia-missiles/") == "latvia-missiles"
    assert url_id("https://wire.example/articles/12345/") .startswith("wire-example-")      # nothing readable
    assert url_id("https://wire.example/index.php?id=7") != url_id("https://wire.example/index.php?id=8")
    assert url_id("https://wire.example/a/b?id=7").startswith("b-")
    long = url_id("https://wire.example/" + "very-long-headline-" * 10)
    assert len(long) <= 60 and not long.endswith("-")
    assert url_id("https://wire.example/n/x") == url_id("https://wire.example/n/x")           # stable
    ids = UniqueIds()
    assert ids.take("k9", "https://a.example/k9") == "k9"
    assert ids.take("k9", "https://a.example/k9") == "k9"
    assert ids.take("k9", "https://b.example/k9").startswith("k9-")


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/article":
            body = HTML.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_error(404, "Not Found")

    def log_message(self, *args):
        pass


def test_http_fetcher_on_a_local_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        local = f"127.0.0.1:{server.server_address[1]}"
        base = f"http://{local}"
        items = run(f"{base}/article", f"{base}/gone", fetch=http_fetcher(allow=[local]))
        (doc,) = docs_of(items)
        assert doc.title == "Norway orders more K9 howitzers" and doc.url == f"{base}/article"
        assert errors_of(items) == [f"{base}/gone: HTTP error 404 (Not Found)"]
        assert errors_of(run(f"{base}/article", fetch=http_fetcher(max_bytes=100, allow=[local]))) == [
            f"{base}/article: download too large: over the 100 bytes limit"]
    finally:
        server.shutdown()
        server.server_close()


def test_claims_come_out_of_every_format(inbox, extractor):
    """The point of it all: paragraphs one per line let the extractor find the deals in each format."""
    found = set()
    for doc in iter_documents([inbox]):
        for c in extractor.extract(doc):
            found.add((doc.id, c.supplier, c.recipient))
    assert {("a-serbia", "RUS", "SRB"), ("b-norway", "KOR", "NOR"), ("c-chile", "FRA", "CHL"),
            ("estonia-himars", "USA", "EST"), ("poland-apaches", "USA", "POL")} <= found
