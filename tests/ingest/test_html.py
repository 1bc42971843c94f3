"""HTML pages -> Document (armsflow.ingest.html). Every page is written here for these tests."""
from __future__ import annotations

import datetime as dt

import pytest

from armsflow.ingest.html import fragment_text, read_html_bytes, read_html_document
from armsflow.ingest.text import IngestError

NAV = """<header><div class="logo">Nordic Defence Wire</div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/land">Land</a></li><li><a href="/air">Air</a></li>
<li><a href="/sea">Sea</a></li><li><a href="/subscribe">Subscribe to our newsletter</a></li></ul></nav></header>"""
ASIDE = """<aside><h3>Most read</h3><ul><li><a href="/a">Coastal patrol boats tested in winter storms</a></li>
<li><a href="/b">Parliament debates the reserve budget again</a></li></ul></aside>
<footer><p>&copy; 2023 Nordic Defence Wire. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>"""
ARTICLE = """<article><h1>Norway orders more K9 howitzers</h1>
<p class="byline">By Ingrid Halvorsen</p>
<p>Norway has signed a contract with South Korea for 18 additional K9 Thunder self-propelled howitzers, the
defence ministry in Oslo said on Tuesday.</p>
<p>The new guns will join the 24 K9 howitzers delivered to the Norwegian army between 2019 and 2021.
Deliveries of the new batch are due to start in 2025, according to the ministry.</p>
<p>The value of the order was not disclosed, but officials described it as part of a wider effort to rebuild
artillery stocks after donations to Ukraine.</p>
</article>"""


def page(head: str = "", body: str = ARTICLE, lang: str = "en-GB") -> str:
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">{head}</head>'
            f"<body>{NAV}<main>{body}</main>{ASIDE}</body></html>")


FULL_HEAD = """<title>Norway orders more K9 howitzers | Nordic Defence Wire</title>
<meta property="og:site_name" content="Nordic Defence Wire">
<meta name="author" content="Ingrid Halvorsen">
<meta property="article:published_time" content="2023-03-14T09:30:00+01:00">
<link rel="canonical" href="https://defence-wire.example/news/2023/norway-k9-howitzers">"""


def read(html: str | bytes, **kw):
    data = html.encode("utf-8") if isinstance(html, str) else html
    return read_html_bytes(data, "page", "page.html", **kw)


def problem(html: str | bytes) -> str:
    with pytest.raises(IngestError) as info:
        read(html)
    return info.value.problem


def test_main_text_one_paragraph_per_line_without_boilerplate():
    doc = read(page(FULL_HEAD))
    lines = doc.text.split("\n")
    assert lines[0] == "Norway orders more K9 howitzers"
    assert ("Norway has signed a contract with South Korea for 18 additional K9 Thunder self-propelled howitzers, "
            "the defence ministry in Oslo said on Tuesday.") in lines
    assert any(ln.startswith("The new guns will join") and ln.endswith("according to the ministry.") for ln in lines)
    assert lines[-1].endswith("after donations to Ukraine.")
    for boilerplate in ("Subscribe", "Most read", "Coastal patrol", "Privacy", "All rights reserved", "Home"):
        assert boilerplate not in doc.text


def test_metadata():
    doc = read(page(FULL_HEAD))
    assert doc.title == "Norway orders more K9 howitzers"
    assert doc.publisher == "Nordic Defence Wire"
    assert doc.published == dt.date(2023, 3, 14)
    assert doc.url == "https://defence-wire.example/news/2023/norway-k9-howitzers"
    assert doc.language == "en"
    assert (doc.kind, doc.body_offset) == ("html", 0)


def test_the_fetch_url_is_kept_when_the_page_names_none():
    doc = read(page("<title>K9 order</title>"), url="https://wire.example/2023/03/14/k9-order")
    assert doc.url == "https://wire.example/2023/03/14/k9-order"
    assert doc.published == dt.date(2023, 3, 14)              # the date in the URL


def test_author_is_the_publisher_when_no_site_name():
    doc = read(page('<title>K9 order</title><meta name="author" content="Ingrid Halvorsen">'))
    assert doc.publisher == "Ingrid Halvorsen"


def test_date_in_a_byline_is_found_but_a_copyright_year_is_not_a_date():
    byline = ARTICLE.replace("By Ingrid Halvorsen", "By Ingrid Halvorsen, 14 March 2023")
    assert read(page("<title>K9 order</title>", byline)).published == dt.date(2023, 3, 14)
    assert read(page("<title>K9 order</title>")).published is None     # only "(c) 2023" in the footer


def test_title_is_the_first_line_even_when_the_page_has_no_h1():
    body = ARTICLE.replace("<h1>Norway orders more K9 howitzers</h1>", "")
    doc = read(page("<title>Oslo adds 18 K9 guns</title>", body))
    assert doc.text.split("\n")[0] == "Oslo adds 18 K9 guns"
    assert doc.text.count("Oslo adds 18 K9 guns") == 1


def test_line_breaks_inside_a_paragraph_are_spaces_unless_a_sentence_ends():
    body = ("<article><h1>Radar deal</h1><p>Chile has ordered two Ground Master 400 radars<br>from France, the air "
            "force said.<br>A third may follow.</p><p>Installation is planned<br>\n<br>for the north.</p></article>")
    lines = read(page("<title>Radar deal</title>", body)).text.split("\n")
    assert "Chile has ordered two Ground Master 400 radars from France, the air force said." in lines
    assert "A third may follow." in lines
    assert "Installation is planned" in lines and "for the north." in lines     # <br><br> is a paragraph break


def test_lists_keep_one_item_per_line():
    body = ("<article><h1>Deliveries</h1><p>The ministry listed the deliveries made so far this year to the "
            "army:</p><ul><li>12 K9 howitzers</li><li>4 radars</li></ul><p>More will follow in the spring.</p>"
            "</article>")
    lines = read(page("<title>Deliveries</title>", body)).text.split("\n")
    assert "- 12 K9 howitzers" in lines and "- 4 radars" in lines


def test_declared_legacy_charset_and_mislabelled_utf8():
    body = ARTICLE.replace("South Korea", "South Korea\u2019s Hanwha of Changw\u00f6n")
    legacy = page(FULL_HEAD, body).replace('charset="utf-8"', 'charset="windows-1252"').encode("cp1252")
    assert "South Korea\u2019s Hanwha of Changw\u00f6n" in read(legacy).text
    mislabelled = page(FULL_HEAD, body).replace('charset="utf-8"', 'charset="iso-8859-1"').encode("utf-8")
    assert "South Korea\u2019s Hanwha of Changw\u00f6n" in read(mislabelled).text


def test_language_from_meta_when_html_has_no_lang():
    html = page(FULL_HEAD + '<meta http-equiv="Content-Language" content="fr-FR">').replace(' lang="en-GB"', "")
    assert read(html).language == "fr"


@pytest.mark.parametrize("html", [
    page("<title>Home</title>", ""),                                              # navigation only
    "<html><head><title>Only a title</title></head><body></body></html>",
    "<html><body><script>var x = 'Norway ordered howitzers from Korea today.';</script></body></html>",
])
def test_page_without_article_text(html):
    assert problem(html) == "no article text found"


def test_empty_and_binary_input():
    assert problem(b"") == "file is empty"
    assert problem(b"  \n ") == "file is empty (only whitespace)"
    assert problem(b"\x89PNG\r\n\x1a\n\x00\x00") == "binary file, not HTML: a PNG image"


def test_read_html_document_names_the_file(tmp_path):
    p = tmp_path / "k9-order.html"
    p.write_text(page(FULL_HEAD), encoding="utf-8")
    doc = read_html_document(p)
    assert (doc.id, doc.path) == ("k9-order", str(p))
    empty = tmp_path / "empty.htm"
    empty.write_text(page("<title>x</title>", ""), encoding="utf-8")
    with pytest.raises(IngestError) as info:
        read_html_document(empty)
    assert str(info.value) == f"{empty}: no article text found"
    with pytest.raises(IngestError, match="no such file or directory"):
        read_html_document(tmp_path / "missing.html")


def test_fragment_text():
    html = ("<p>Estonia has signed a deal for <b>six</b> HIMARS launchers &amp; ammunition.</p>"
            "<p>Deliveries are due<br>in 2024.</p><ul><li>six launchers</li><li>training</li></ul>"
            "<p>Two short lines<br>\n<br>apart</p>"
            "<script>alert('x')</script><style>p {}</style>Closing words.")
    assert fragment_text(html).split("\n") == [
        "Estonia has signed a deal for six HIMARS launchers & ammunition.",
        "Deliveries are due in 2024.",
        "- six launchers",
        "- training",
        "Two short lines",
        "apart",
        "Closing words.",
    ]
    assert fragment_text("Plain words, no markup.") == "Plain words, no markup."
