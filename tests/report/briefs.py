"""A hand-built briefing for the renderer tests: every kind of chart, a table, and hostile document text."""
from __future__ import annotations

from datetime import date, datetime

from armsflow.report.briefing import Briefing, Chart, Finding, Footnote, Section, Table

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
QUOTES = '"quotes"'
JS_URL = "javascript:alert(1)"
GOOD_URL = "https://news.example/2024/serbia-rafale?id=7&lang=en"
OTHER_URL = "http://wire.example/kosovo-tb2"
FINDING = "Serbia ordered twelve Rafale fighters from France in 2024 after three years of talks."
TURKIYE = "Türkiye delivered Bayraktar TB2 drones to Kosovo in 2023, the ministry in Pristina said."


def hostile_briefing() -> Briefing:
    footnotes = [
        Footnote(1, f"Serbia signed for 12 Rafale jets, said President Vučić. {SCRIPT}", "serbia-rafale",
                 title=f"Rafale deal {IMG}", publisher=f"Wire {QUOTES}", published=date(2024, 8, 29),
                 url=GOOD_URL, hedged=False),
        Footnote(2, f"Kosovo reportedly received TB2 drones from Türkiye {IMG} and {QUOTES}.", "kosovo-tb2",
                 title="TB2 for Kosovo", publisher="Danube <b>Wire</b>", published=date(2023, 7, 4),
                 url=JS_URL, hedged=True, note=f"note with {SCRIPT}"),
        Footnote(3, "SIPRI register row: United States to North Macedonia, Stryker, ordered 2021.", "register-2025",
                 title=None, publisher="SIPRI", published=None, url=OTHER_URL, source="register"),
        Footnote(4, "A sentence with [brackets](https://evil.example/x) and *stars* and $5m and $6m.", "md-doc",
                 title="Markdown | pipes", publisher=None, published=date(2022, 1, 2), url="data:text/html,hi"),
    ]
    names = {"TUR": "Türkiye", "SRB": "Serbia", "XKX": "Kosovo", "FRA": "France", "CHN": "China",
             "RUS": "Russia", "USA": "United States", "MKD": "North Macedonia"}
    charts = [
        Chart("network", f"Network {SCRIPT}", {"edges": [
            ("FRA", "SRB", 3, f"Rafale {SCRIPT}"), ("CHN", "SRB", 5, "FK-3 $x$"), ("TUR", "XKX", 2, "TB2"),
            ("USA", "MKD", 2, "Stryker"), ("RUS", "SRB", 1, None)], "names": names}, f"caption {IMG}"),
        Chart("timeline", "Timeline", {"events": [
            (2021, "Serbia ← France: Rafale", "interest"), (2024, "Serbia ← France: Rafale", "ordered"),
            (2023, f"Kosovo ← Türkiye: TB2 {SCRIPT}", "delivered"), (2022, "Serbia ← Russia: Mi-35", "cancelled"),
            (2022, "Serbia ← China: FK-3", "negotiating")]}, "One row per deal."),
        Chart("shares", "Shares", {"recipients": {
            "SRB": [("CHN", 0.5, 5), ("FRA", 0.3, 3), ("RUS", 0.2, 2)], "XKX": [("TUR", 1.0, 2)]},
            "names": names}, "Shares of records."),
        Chart("dyad", "Dyad", {"sides": [
            {"label": "China → Serbia", "counts": {2021: {"uav": 2}, 2022: {"air_defence": 3}}},
            {"label": "Russia → Serbia", "counts": {2021: {"helicopter": 1}, 2022: {}}}]}, "By category."),
        Chart("flowmap", "Flow map", {"flows": [
            ("FRA", "SRB", 3), ("CHN", "SRB", 5), ("TUR", "XKX", 2), ("USA", "MKD", 2), ("nowhere", "SRB", 1)],
            "names": names, "focus": ["SRB", "XKX", "MKD"], "focus_label": "Western Balkans"}, "Map."),
    ]
    table = Table(f"Deals {SCRIPT}", ["Supplier", "Recipient", "Records", "Note"],
                  [["France", "Serbia", 3, f"{IMG} | pipe"], ["Türkiye", "Kosovo", 2, None],
                   ["China", "Serbia", 5.5, QUOTES]], note=f"note {SCRIPT}")
    return Briefing(
        title=f"Test briefing {SCRIPT}", subtitle=f"Subtitle {QUOTES}", region="Western Balkans",
        period="2021–2024", generated=datetime(2025, 1, 2, 3, 4),
        summary=[Finding(FINDING, [1], "high"), Finding(TURKIYE, [2, 3], "moderate"),
                 Finding(f"A hostile finding {SCRIPT} {IMG}", [4], "low")],
        sections=[Section("Suppliers", [Finding("France and China supply Serbia.", [1, 3], None)], [table],
                          charts[:2]),
                  Section(f"More {IMG}", [], [], charts[2:])],
        footnotes=footnotes,
        method_note=f"# Not a heading\n\nSecond paragraph {SCRIPT}.",
    )
