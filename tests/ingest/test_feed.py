"""RSS/Atom feeds -> Documents (armsflow.ingest.feed). Every feed and page is written here for these tests."""
from __future__ import annotations

import datetime as dt

import pytest

from armsflow.ingest.feed import read_feed
from armsflow.ingest.text import IngestError
from armsflow.model import Document

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Baltic Defence Brief</title>
  <link>https://baltic-brief.example/</link>
  <description>News on procurement around the Baltic Sea</description>
  <language>en-us</language>
  <item>
    <title>Estonia buys &lt;b&gt;HIMARS&lt;/b&gt; launchers</title>
    <link>https://baltic-brief.example/2023/estonia-himars-launchers</link>
    <guid isPermaLink="false">bdb-101</guid>
    <pubDate>Tue, 14 Mar 2023 23:30:00 -0500</pubDate>
    <description>&lt;p&gt;Estonia signed a deal for six HIMARS launchers.&lt;/p&gt;</description>
    <content:encoded><![CDATA[<p>Estonia has signed a contract with the United States for six HIMARS rocket
    launchers.</p><p>Deliveries are due in 2024, the defence ministry in Tallinn said.</p>
    <script>track()</script>]]></content:encoded>
  </item>
  <item>
    <title>Latvia considers coastal missiles</title>
    <link>https://baltic-brief.example/2023/latvia-coastal-missiles.html</link>
    <pubDate>Wed, 15 Mar 2023 08:00:00 +0200</pubDate>
    <description>Latvia is in talks about a coastal anti-ship missile battery, officials said.</description>
  </item>
  <item>
    <title>Podcast: the week in review</title>
    <link>https://baltic-brief.example/podcast/42</link>
  </item>
</channel>
</rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title type="text">Andes Security Wire</title>
  <id>urn:uuid:3d1c8f0e-0000-4000-8000-000000000001</id>
  <updated>2024-02-03T10:00:00Z</updated>
  <entry>
    <title>Chile orders radars</title>
    <id>tag:andes-wire.example,2024:77</id>
    <link rel="alternate" href="https://andes-wire.example/articles/chile-orders-radars"/>
    <published>2024-02-02T23:00:00-03:00</published>
    <updated>2024-02-03T10:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Chile has ordered two Ground Master 400
      radars from France, the air force said.</p><p>They will be installed in the north.</p></div></content>
  </entry>
  <entry>
    <title>Peru weighs patrol vessels</title>
    <id>tag:andes-wire.example,2024:78</id>
    <updated>2024-02-05T09:00:00Z</updated>
    <summary>Peru is studying offers for two offshore patrol vessels.</summary>
  </entry>
</feed>"""


def entries(data: bytes, **kw) -> list:
    return list(read_feed(data, where="brief.xml", **kw))


def test_rss_entries_become_documents():
    docs = entries(RSS)
    first, second, third = docs
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.id == "estonia-himars-launchers"
    assert first.title == "Estonia buys HIMARS launchers"
    assert first.url == "https://baltic-brief.example/2023/estonia-himars-launchers"
    assert first.publisher == "Baltic Defence Brief"
    assert first.published == dt.date(2023, 3, 14)        # the feed's own day, not the UTC one (the 15th)
    assert (first.language, first.kind, first.path) == ("en", "feed", "brief.xml")
    # the full content, not the short description; the title first; markup and scripts gone
    assert first.text.split("\n") == [
        "Estonia buys HIMARS launchers",
        "Estonia has signed a contract with the United States for six HIMARS rocket launchers.",
        "Deliveries are due in 2024, the defence ministry in Tallinn said.",
    ]
    assert second.id == "latvia-coastal-missiles"
    assert second.text == ("Latvia considers coastal missiles\n"
                           "Latvia is in talks about a coastal anti-ship missile battery, officials said.")
    assert second.published == dt.date(2023, 3, 15)
    # an entry with neither content nor summary is an error that names the feed and the entry
    assert isinstance(third, IngestError)
    assert str(third) == ("brief.xml: entry 3 (https://baltic-brief.example/podcast/42): no text "
                          "(no content or summary)")


def test_atom_entries():
    chile, peru = entries(ATOM)
    assert chile.id == "chile-orders-radars"
    assert chile.text.split("\n") == ["Chile orders radars",
                                      "Chile has ordered two Ground Master 400 radars from France, the air force said.",
                                      "They will be installed in the north."]
    assert chile.published == dt.date(2024, 2, 2)
    assert (chile.publisher, chile.language) == ("Andes Security Wire", "en")
    # no link: the id comes from the guid, with a hash since a tag URI is no URL
    assert peru.id.startswith("tag-andes-wire-example-2024-78-") and peru.url is None
    assert peru.published == dt.date(2024, 2, 5)                          # updated, when there is no published
    assert peru.text.endswith("Peru is studying offers for two offshore patrol vessels.")


def test_read_feed_from_a_path(tmp_path):
    p = tmp_path / "andes.atom"
    p.write_bytes(ATOM)
    docs = list(read_feed(p))
    assert [d.title for d in docs] == ["Chile orders radars", "Peru weighs patrol vessels"]
    assert all(d.path == str(p) for d in docs)
    (missing,) = read_feed(tmp_path / "gone.rss")
    assert isinstance(missing, IngestError) and missing.problem == "no such file or directory"


def test_same_link_twice_gets_distinct_ids():
    item = (b"<item><title>Same story</title><link>https://wire.example/news/same-story</link>"
            b"<description>Text of the story, told once.</description></item>")
    feed = b"<rss version='2.0'><channel><title>W</title>" + item + item.replace(b"once", b"twice").replace(
        b"same-story<", b"same-story?page=2<") + b"</channel></rss>"
    a, b = entries(feed)
    assert a.id != b.id and a.id == "same-story" and b.id.startswith("same-story-")


@pytest.mark.parametrize("data, message", [
    (b"", "file is empty"),
    (b"<html><body><p>Not a feed at all.</p></body></html>", "not a readable RSS/Atom feed"),
    (b"<rss version='2.0'><channel><title>Empty</title></channel></rss>", "the feed has no entries"),
    (b"<rss version='2.0'><channel><title>Cut", "not a readable RSS/Atom feed"),
])
def test_bad_feeds(data, message):
    (err,) = entries(data)
    assert isinstance(err, IngestError) and err.path == "brief.xml" and err.problem.startswith(message)


PAGE = """<!DOCTYPE html><html lang="en"><head><title>Estonia buys HIMARS | Baltic Defence Brief</title>
<meta property="article:published_time" content="2023-03-16"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Estonia buys HIMARS launchers</h1>
<p>Estonia has signed a contract with the United States for six HIMARS rocket launchers, the ministry said.</p>
<p>The launchers will be based near Tallinn, and crews will train in the United States next year.</p>
<p>The full story, as fetched, has this extra paragraph that the feed never carried.</p></article>
</body></html>"""


def test_fetch_reads_the_linked_page():
    calls = []

    def fetch(url: str) -> bytes | None:
        calls.append(url)
        if url.endswith("estonia-himars-launchers"):
            return PAGE.encode()
        raise OSError("connection refused")

    first, second, third = entries(RSS, fetch=fetch)
    assert calls == ["https://baltic-brief.example/2023/estonia-himars-launchers",
                     "https://baltic-brief.example/2023/latvia-coastal-missiles.html",
                     "https://baltic-brief.example/podcast/42"]
    assert first.kind == "html" and "extra paragraph that the feed never carried" in first.text
    assert "Home" not in first.text
    # the entry's metadata is kept: its title, its date, the feed as publisher
    assert (first.title, first.published, first.publisher) == (
        "Estonia buys HIMARS launchers", dt.date(2023, 3, 14), "Baltic Defence Brief")
    assert first.url == "https://baltic-brief.example/2023/estonia-himars-launchers"
    # a page that cannot be fetched: the entry's own text instead
    assert second.kind == "feed" and second.text.endswith("officials said.")
    # nothing to fall back on: the error names the URL
    assert isinstance(third, IngestError)
    assert str(third) == "https://baltic-brief.example/podcast/42: fetch failed (OSError: connection refused)"


def test_fetch_returning_nothing_or_an_empty_page_falls_back():
    empty_page = b"<html><body><nav><a href='/'>Home</a></nav></body></html>"
    docs = entries(RSS, fetch=lambda url: None if "latvia" in url else empty_page)
    assert [d.kind for d in docs[:2]] == ["feed", "feed"]
    assert docs[2].problem == "no article text found"
