"""Whole articles written for these tests: context across sentences ("It ordered ...", "The shipment included ...",
"Bamako also received ..."), headlines, inventories and side claims."""
from __future__ import annotations

from pathlib import Path

import pytest

from armsflow.ingest.text import read_text_document

HERE = Path(__file__).parent / "articles"


def _norm(s):
    return "".join(ch for ch in (s or "").lower() if ch.isalnum())


EXPECTED = {
    "indonesia-frigates": (
        [("TUR", "IDN", "Istif", "ordered"), ("TUR", "IDN", "Bora", "negotiating"), ("FRA", "IDN", "Rafale", "ordered"),
         ("USA", "IDN", "F-15EX", "ordered"), ("NLD", "IDN", "Damen SIGMA", "delivered"),
         ("DEU", "IDN", "Type 209", "delivered")],
        # the headline's "Turkish frigates" is the body's Istif-class again; TB2 buyers are not named
        [("TUR", "IDN", "ship")]),
    "armenia-france-india": (
        [("FRA", "ARM", "Ground Master 200", "ordered"), ("FRA", "ARM", "Mistral", "ordered"),
         ("IND", "ARM", "Pinaka", "delivered"), ("IND", "ARM", "ATAGS", "delivered"),
         ("IND", "ARM", "Akash", "interest"), ("ISR", "AZE", "Harop", "delivered"),
         ("TUR", "AZE", "Bayraktar TB2", "delivered")],
        [("ISR", "AZE", "Bayraktar TB2"), ("TUR", "AZE", "Harop")]),
    "mali-helicopters": (
        [("RUS", "MLI", "helicopter", "delivered"), ("RUS", "MLI", "Mi-171", "delivered"),
         ("RUS", "MLI", "L-39", "delivered"), ("RUS", "MLI", "sensor", "delivered")],
        [("FRA", "MLI", "other")]),
    # web text as a scraper hands it over (extract/webtext.py): other articles' headlines under "Read more:" /
    # "Related:" / "You might also like:", tags and share lines state nothing of this article
    "web-poland-k2-readmore": (
        [("KOR", "POL", "K2", "ordered")],
        [("USA", "ROU", "Patriot"), ("DEU", "NOR", "Leopard 2A8"), ("USA", "CZE", "F-35")]),
    "web-morocco-captions": (
        [("TUR", "MAR", "Bayraktar Akinci", "delivered"), ("TUR", "MAR", "Bayraktar TB2", "ordered")],
        [("CHN", "TUN", "Wing Loong II"), ("TUR", "TUN", "Anka"), ("CHN", "DZA", "Wing Loong II")]),
    "web-philippines-also-like": (
        [("IND", "PHL", "BrahMos", "delivered"), ("IND", "PHL", "Akash", "negotiating")],
        [("IND", "VNM", "BrahMos"), ("IND", "IDN", "BrahMos")]),
    # a correction: its withdrawn words state nothing; its own statement wins
    "web-peru-correction": (
        [("SWE", "PER", "Gripen E", "ordered")],
        [("FRA", "PER", "Mirage 2000")]),
    "web-nigeria-correction": (
        [("ITA", "NGA", "M-346", "ordered"), ("USA", "NGA", "Super Tucano", "delivered")],
        [("ITA", "NGA", "helicopter"), ("ITA", "NGA", "AW109")]),
    "web-chile-correction-qty": ([("ESP", "CHL", "Avante 2200", "ordered")], []),
    # "A: Germany delivered four Type 209 submarines to us": the interviewee's state, from the intro
    # "Q: Will Egypt buy more Rafales? A: We are studying it.": Egypt's interest, as the answer tells the question
    "web-egypt-interview": ([("DEU", "EGY", "Type 209", "delivered"), ("FRA", "EGY", "Rafale", "interest")], []),
    # tables rendered as text: one delivery per row, the status from the line that introduces the table
    "web-ukraine-pipe-table": (
        [("DEU", "UKR", "IRIS-T SLM", "delivered"), ("USA", "UKR", "M1A1", "delivered"),
         ("FRA", "UKR", "CAESAR", "delivered")], []),
    "web-gulf-tab-table": (
        [("FRA", "QAT", "Rafale", "delivered"), ("USA", "SAU", "Patriot", "delivered"),
         ("CHN", "ARE", "L-15", "delivered")], []),
    # a background box and a quoted press release: the older deal is a record, the body's status stands
    "web-indonesia-background": (
        [("FRA", "IDN", "Rafale", "ordered"), ("FRA", "IDN", "Scorpene", "ordered"),
         ("USA", "IDN", "F-15EX", "ordered")], []),
    "web-vietnam-press-release": (
        [("IND", "VNM", "BrahMos", "ordered"), ("RUS", "VNM", "Gepard", "ordered")], []),
}

QUANTITIES = {("web-peru-correction", "Gripen E"): 10, ("web-chile-correction-qty", "Avante 2200"): 3,
              ("web-egypt-interview", "Type 209"): 4, ("web-ukraine-pipe-table", "M1A1"): 31,
              ("web-gulf-tab-table", "L-15"): 12, ("web-poland-k2-readmore", "K2"): 180}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_article(extractor, name):
    claims = extractor.extract(read_text_document(HERE / f"{name}.md"))
    wanted, unwanted = EXPECTED[name]

    def find(sup, rec, what):
        return [c for c in claims if (c.supplier, c.recipient) == (sup, rec) and
                (_norm(c.system).startswith(_norm(what)) if c.system else c.category == what)]

    for sup, rec, what, status in wanted:
        hits = find(sup, rec, what)
        assert hits, f"missing {sup}->{rec} {what}"
        assert hits[0].status == status, (what, hits[0].status)
    for sup, rec, what in unwanted:
        assert not find(sup, rec, what), f"unexpected {sup}->{rec} {what}"
    for (doc, what), qty in QUANTITIES.items():
        if doc == name:
            assert [c.quantity for c in claims if c.system and _norm(c.system).startswith(_norm(what))] == [qty]
    akash = find("IND", "ARM", "Akash")
    if akash:
        assert akash[0].hedged                       # "reportedly also interested"
