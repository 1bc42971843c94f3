"""HTML: one self-contained file, every piece of document text escaped, only the documents' own links."""
from __future__ import annotations

import re
from html.parser import HTMLParser

from briefs import FINDING, GOOD_URL, IMG, OTHER_URL, SCRIPT

from armsflow.report import write_briefing

EVIDENCE_URL = "https://evil.example/x"      # in footnote 4's sentence, as text


class Collect(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Collect:
    p = Collect()
    p.feed(html)
    p.close()
    return p


def test_no_script_and_no_event_handlers(html_text):
    p = parse(html_text)
    names = {t for t, _ in p.tags}
    assert "script" not in names and "img" not in names and "iframe" not in names
    assert "svg" in names and "style" in names
    for tag, attrs in p.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert "javascript:" not in (value or "").lower(), (tag, name, value)


def test_document_text_appears_escaped(html_text):
    p = parse(html_text)
    text = "".join(p.text)
    assert SCRIPT in text and IMG in text and '"quotes"' in text      # shown to the reader as written
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html_text
    assert "&lt;img src=x onerror=alert(1)&gt;" in html_text
    assert "&#34;quotes&#34;" in html_text
    assert "Danube &lt;b&gt;Wire&lt;/b&gt;" in html_text
    assert FINDING in text


def test_only_the_documents_urls(html_text):
    p = parse(html_text)
    hrefs = [a["href"] for t, a in p.tags if t == "a"]
    external = [h for h in hrefs if not h.startswith("#")]
    assert sorted(external) == sorted([GOOD_URL, OTHER_URL])
    for t, a in p.tags:
        if t == "a" and not a["href"].startswith("#"):
            assert a.get("rel") == "noopener noreferrer"
    # any other URL in the page is document text, shown escaped and never in an attribute
    found = set(re.findall(r"https?://[^\s\"'<>)]+", html_text))
    assert found == {GOOD_URL.replace("&", "&amp;"), OTHER_URL, EVIDENCE_URL}
    assert not re.search(r'="[^"]*' + re.escape(EVIDENCE_URL), html_text)
    assert not re.search(r"<(link|script|img|iframe)\b", html_text)


def test_javascript_url_is_shown_as_text_not_linked(html_text):
    assert 'href="javascript' not in html_text.lower()
    assert "javascript:alert(1)" in html_text                          # escaped text, for the record


def test_footnote_links_resolve(html_text):
    p = parse(html_text)
    ids = {a["id"] for _, a in p.tags if "id" in a}
    internal = [a["href"][1:] for t, a in p.tags if t == "a" and a["href"].startswith("#")]
    assert internal and all(i in ids for i in internal)
    assert {"fn-1", "fn-2", "fn-3", "fn-4", "ref-1-1"} <= ids


def test_charts_are_inline_svg_with_unique_ids(html_text):
    assert html_text.count("<svg") == 5
    ids = re.findall(r'\bid="([^"]+)"', html_text)
    assert len(ids) == len(set(ids))


def test_write_html(briefing, tmp_path):
    out = write_briefing(briefing, tmp_path / "b.html")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not list(tmp_path.glob(".*.tmp"))
