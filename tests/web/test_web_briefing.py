"""/briefing over a real store: the `armsflow brief` briefing in the site layout under the strict CSP (charts as
inline SVG without any inline style), downloads as HTML and PDF, and bad input."""
from __future__ import annotations

import html
import re

import pytest

from overview_support import add_albania



@pytest.fixture
def albania(store_path, tmp_path, client) -> int:
    return add_albania(store_path, tmp_path)


def test_without_a_region_the_page_says_what_to_do(client):
    r = client.get("/briefing")
    assert r.status_code == 200 and "<h1>Briefing</h1>" in r.text and 'class="lede"' in r.text
    assert "No region chosen yet" in r.text and 'href="/briefing?region=western-balkans"' in r.text


def test_briefing_is_the_report_builders_in_the_site_layout(client, web_store, albania):
    from armsflow.report.build import build_briefing

    r = client.get("/briefing", params={"region": "western-balkans"})
    assert r.status_code == 200
    expected = build_briefing(web_store, "western-balkans")
    assert expected.title in r.text
    assert expected.summary
    for f in expected.summary:
        assert f.text in html.unescape(r.text)
    csp = r.headers["content-security-policy"]
    assert "style-src 'self'" in csp and "unsafe-inline" not in csp
    assert "<svg" in r.text and "style=" not in r.text and "<style" not in r.text
    assert "<script" not in r.text.split("</head>", 1)[1]          # only the site's own script in <head>
    # the evidence of our document is quoted, escaped
    assert "&lt;said&gt;" in r.text and "<said>" not in r.text
    assert 'href="/briefing.pdf?region=western-balkans"' in r.text


def test_state_code_period_and_thresholds(client):
    r = client.get("/briefing", params={"region": "srb", "since": "2015", "until": "2024", "min_sources": "1",
                                        "exclude_hedged": "1"})
    assert r.status_code == 200 and "Serbia" in r.text and "2015–2024" in r.text
    assert "Hedged reports were left out." in r.text


@pytest.mark.parametrize("params, words", [
    ({"region": "atlantis"}, "unknown region"), ({"region": "SRB", "since": "then"}, "since"),
    ({"region": "SRB", "since": "2024", "until": "2000"}, "after"), ({"region": "SRB", "min_sources": "-1"}, "0 to"),
    ({"region": "SRB", "min_sources": "x"}, "whole number"),
])
def test_bad_parameters_are_422_pages(client, params, words):
    r = client.get("/briefing", params=params)
    assert r.status_code == 422 and words in r.text and "Traceback" not in r.text


def test_html_download_is_the_self_contained_report_with_its_own_policy(client):
    r = client.get("/briefing.html", params={"region": "SRB"})
    assert r.status_code == 200 and r.headers["content-disposition"].startswith("attachment;")
    assert "<style>" in r.text and "Serbia" in r.text
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp and "style-src 'unsafe-inline'" in csp
    # the rest of the site keeps its strict policy
    assert "unsafe-inline" not in client.get("/briefing").headers["content-security-policy"]
    assert client.get("/briefing.html").status_code == 422


def test_pdf_download(client):
    r = client.get("/briefing.pdf", params={"region": "SRB"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")


def test_large_charts_come_as_same_origin_images_without_inline_style(client, monkeypatch):
    from armsflow.web.pages import briefing as page

    monkeypatch.setattr(page, "INLINE_CHART_DATA", 0)          # every chart counts as large
    r = client.get("/briefing", params={"region": "SRB", "since": "2015"})
    srcs = re.findall(r'<img src="(/briefing/chart/\d+\.svg\?[^"]*)"', r.text)
    assert srcs and "<svg" not in r.text.split('<article class="briefing">', 1)[1]
    chart = client.get(html.unescape(srcs[0]))
    assert chart.status_code == 200 and chart.headers["content-type"].startswith("image/svg+xml")
    assert "<svg" in chart.text and "style=" not in chart.text and "<style" not in chart.text
    assert "<script" not in chart.text
    assert client.get(f"/briefing/chart/{len(srcs) + 1}.svg", params={"region": "SRB", "since": "2015"}) \
        .status_code == 404
    assert client.get("/briefing/chart/1.svg").status_code == 422
