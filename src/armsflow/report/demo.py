"""A sample briefing built by hand, to render and look at every format without a store.

The values are made up but shaped like the real thing (a Western Balkans briefing, 2021–2025); the publishers
are invented and the URLs point at example.org. The method note says so, and so does the subtitle.

    python -m armsflow.report.demo OUT_DIR        # writes brief.md (+ brief_files/), brief.html, brief.pdf
"""
from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path

from armsflow.report.briefing import Briefing, Chart, Finding, Footnote, Section, Table

NAMES = {
    "SRB": "Serbia", "ALB": "Albania", "XKX": "Kosovo", "MKD": "North Macedonia", "BIH": "Bosnia and Herzegovina",
    "MNE": "Montenegro", "RUS": "Russia", "CHN": "China", "FRA": "France", "TUR": "Türkiye", "USA": "United States",
    "ISR": "Israel", "DEU": "Germany", "CZE": "Czechia", "BLR": "Belarus", "ARE": "United Arab Emirates",
}
REGION = ["ALB", "BIH", "XKX", "MNE", "MKD", "SRB"]


def _fn(n, evidence, doc, title, publisher, published, hedged=False, source="news", note=None, url=True):
    return Footnote(n=n, evidence=evidence, doc=doc, title=title, publisher=publisher, published=published,
                    url=f"https://example.org/sample/{doc}" if url else None, hedged=hedged, source=source,
                    note=note)


def demo_briefing() -> Briefing:
    footnotes = [
        _fn(1, "Serbia signed a contract with France for 12 Rafale fighter jets on Thursday, during a two-day "
               "visit to Belgrade by the French president.", "sample-serbia-rafale-2024",
            "Serbia signs for twelve Rafale jets", "Danube Wire (sample)", date(2024, 8, 29)),
        _fn(2, "President Aleksandar Vučić said the first FK-3 batteries had arrived and would be shown to the "
               "public within weeks.", "sample-fk3-arrival-2022", "Chinese air defence system lands in Serbia",
            "Balkan Security Monitor (sample)", date(2022, 4, 11)),
        _fn(3, "Six Y-20 transport aircraft reportedly landed at Belgrade airport overnight, carrying what "
               "officials would only call \"equipment for the army\".", "sample-y20-belgrade-2022",
            "Chinese transport planes seen at Belgrade", "Regional Defence Digest (sample)", date(2022, 4, 10),
            hedged=True),
        _fn(4, "Kosovo has received a first batch of Bayraktar TB2 drones from Türkiye, the defence ministry "
               "in Pristina confirmed.", "sample-kosovo-tb2-2023", "Kosovo takes delivery of TB2 drones",
            "Danube Wire (sample)", date(2023, 7, 4)),
        _fn(5, "Albania bought three Bayraktar TB2 aircraft from Türkiye, the prime minister told parliament.",
            "sample-albania-tb2-2022", "Albania buys Turkish drones", "Adriatic Times (sample)",
            date(2022, 12, 21)),
        _fn(6, "Belgrade is said to be interested in additional CH-92A drones, according to two people familiar "
               "with the talks.", "sample-ch92-more-2024", "Serbia eyes more Chinese drones",
            "Regional Defence Digest (sample)", date(2024, 3, 2), hedged=True),
        _fn(7, "Russia will not deliver the remaining Mi-35 helicopters this year, a Serbian official "
               "acknowledged, citing sanctions.", "sample-mi35-delay-2022", "Russian helicopters stuck by sanctions",
            "Balkan Security Monitor (sample)", date(2022, 10, 18)),
        _fn(8, "SIPRI trade register: United States to North Macedonia, 2 Stryker armoured vehicles ordered "
               "2021, delivered 2023 (sample row).", "sample-register-2025-03", "Trade register (sample export)",
            "SIPRI Arms Transfers Database (sample)", date(2025, 3, 10), source="register", url=False),
        _fn(9, "Montenegro ordered 67 JLTV light armoured vehicles from the United States, the government said.",
            "sample-mne-jltv-2021", "Montenegro orders JLTVs", "Adriatic Times (sample)", date(2021, 11, 9)),
        _fn(10, "Bosnia and Herzegovina could receive surplus Black Hawk helicopters from the United States, "
                "an embassy spokesperson suggested.", "sample-bih-blackhawk-2023", "Black Hawks for Bosnia?",
            "Danube Wire (sample)", date(2023, 5, 16), hedged=True, note="No later report confirms it."),
        _fn(11, "North Macedonia received the last of its Czech-made 8x8 armoured vehicles in a ceremony at "
                "Petrovec.", "sample-mkd-czech-2024", "Last armoured vehicles handed over",
            "Regional Defence Digest (sample)", date(2024, 6, 12)),
        _fn(12, "Serbia's deal for Israeli-made surveillance drones was put on hold after the tender was "
                "challenged in court.", "sample-srb-isr-drones-2023", "Drone tender frozen",
            "Balkan Security Monitor (sample)", date(2023, 2, 27), hedged=False),
    ]
    summary = [
        Finding("Serbia ordered 12 Rafale fighters from France in 2024, the largest single deal in the region in "
                "the period and its first major Western combat-aircraft purchase.", [1], "high"),
        Finding("China delivered the FK-3 air-defence system to Serbia in 2022; two independent reports describe "
                "the arrival, one of them hedged.", [2, 3], "high"),
        Finding("Türkiye became the main drone supplier to Albania and Kosovo: both received Bayraktar TB2s "
                "in 2022–2023.", [4, 5], "high"),
        Finding("Russian deliveries to Serbia stalled after 2022; the last reported Mi-35 helicopters were held "
                "back under sanctions.", [7], "moderate"),
        Finding("Reports that Bosnia and Herzegovina will receive US Black Hawk helicopters rest on one hedged "
                "statement and remain unconfirmed.", [10], "low"),
    ]
    edges = [
        ("FRA", "SRB", 3, "Rafale, H145M"), ("CHN", "SRB", 5, "FK-3, CH-92A"), ("RUS", "SRB", 4, "Mi-35, T-72MS"),
        ("BLR", "SRB", 1, "MiG-29"), ("ISR", "SRB", 1, "Hermes 900"), ("TUR", "ALB", 2, "TB2"),
        ("TUR", "XKX", 2, "TB2, Kirpi"), ("USA", "XKX", 2, "Javelin"), ("USA", "MKD", 3, "Stryker, JLTV"),
        ("USA", "MNE", 2, "JLTV"), ("USA", "BIH", 1, "UH-60"), ("CZE", "MKD", 2, "8x8 APCs"),
        ("DEU", "ALB", 1, None), ("FRA", "ALB", 1, "H145"), ("ARE", "SRB", 1, None),
    ]
    network = Chart("network", "Who supplies whom, 2021–2025",
                    {"edges": edges, "names": NAMES, "focus": REGION},
                    "Arrow width: number of transfer records (news and register). Labels name the main systems.")
    shares = Chart("shares", "Supplier shares per recipient",
                   {"recipients": {
                       "SRB": [("CHN", 0.36, 5), ("RUS", 0.29, 4), ("FRA", 0.21, 3), ("BLR", 0.07, 1),
                               ("ISR", 0.07, 1)],
                       "XKX": [("TUR", 0.5, 2), ("USA", 0.5, 2)],
                       "ALB": [("TUR", 0.5, 2), ("DEU", 0.25, 1), ("FRA", 0.25, 1)],
                       "MKD": [("USA", 0.6, 3), ("CZE", 0.4, 2)],
                       "MNE": [("USA", 1.0, 2)],
                       "BIH": [("USA", 1.0, 1)],
                   }, "names": NAMES},
                   "Share of each recipient's transfer records, 2021–2025; n is the number of records.")
    events = [
        (2021, "Serbia ← France: Rafale", "interest"), (2022, "Serbia ← France: Rafale", "negotiating"),
        (2024, "Serbia ← France: Rafale", "ordered"),
        (2020, "Serbia ← China: FK-3", "ordered"), (2022, "Serbia ← China: FK-3", "delivered"),
        (2021, "Serbia ← China: CH-92A", "delivered"), (2024, "Serbia ← China: CH-92A", "interest"),
        (2021, "Serbia ← Russia: Mi-35", "ordered"), (2022, "Serbia ← Russia: Mi-35", "cancelled"),
        (2022, "Albania ← Türkiye: Bayraktar TB2", "ordered"), (2022, "Albania ← Türkiye: Bayraktar TB2", "delivered"),
        (2023, "Kosovo ← Türkiye: Bayraktar TB2", "ordered"), (2023, "Kosovo ← Türkiye: Bayraktar TB2", "delivered"),
        (2021, "Montenegro ← United States: JLTV", "ordered"), (2023, "Montenegro ← United States: JLTV", "delivered"),
        (2021, "North Macedonia ← United States: Stryker", "ordered"),
        (2023, "North Macedonia ← United States: Stryker", "delivered"),
        (2022, "North Macedonia ← Czechia: 8x8 APC", "ordered"),
        (2024, "North Macedonia ← Czechia: 8x8 APC", "delivered"),
        (2023, "Bosnia and Herzegovina ← United States: UH-60", "interest"),
        (2022, "Serbia ← Israel: Hermes 900", "negotiating"), (2023, "Serbia ← Israel: Hermes 900", "cancelled"),
    ]
    timeline = Chart("timeline", "Deals by status, 2020–2024", {"events": events},
                     "One row per deal; each marker is the first report of a status in that year.")
    dyad = Chart("dyad", "China and Russia as Serbia's suppliers", {
        "sides": [
            {"label": "China → Serbia", "counts": {2021: {"uav": 2}, 2022: {"air_defence": 3, "uav": 1},
                                                   2023: {"air_defence": 1}, 2024: {"uav": 2, "missile": 1},
                                                   2025: {"missile": 1}}},
            {"label": "Russia → Serbia", "counts": {2021: {"helicopter": 2, "tank": 2}, 2022: {"helicopter": 1},
                                                    2023: {}, 2024: {}, 2025: {"air_defence": 1}}},
        ],
        "buckets": [2021, 2022, 2023, 2024, 2025], "unit": "claims"},
        "Claims reported per year and equipment category; a claim is one report of one transfer.")
    flowmap = Chart("flowmap", "Where the equipment comes from", {
        "flows": [(s, r, w) for s, r, w, _ in edges], "names": NAMES, "focus": REGION,
        "focus_label": "Western Balkans"},
        "Arrows from the supplier's capital to the recipient's; width by number of records.")
    top_suppliers = Table(
        "Suppliers to the region", ["Supplier", "Recipients", "Records", "Delivered", "Main systems"],
        [["China", "Serbia", 5, 3, "FK-3 (HQ-22), CH-92A"],
         ["United States", "North Macedonia, Montenegro, Kosovo, Bosnia and Herzegovina", 8, 4,
          "Stryker, JLTV, Javelin, UH-60"],
         ["Russia", "Serbia", 4, 1, "Mi-35, T-72MS"],
         ["France", "Serbia, Albania", 4, 1, "Rafale, H145M"],
         ["Türkiye", "Albania, Kosovo", 4, 4, "Bayraktar TB2, Kirpi"],
         ["Czechia", "North Macedonia", 2, 1, "8x8 APC"]],
        "Records fuse the claims of several documents; 'Delivered' counts records that reached that status.")
    register = Table(
        "News against the register (sample)", ["Side", "Supplier → recipient", "System", "Years"],
        [["news only", "France → Serbia", "Rafale", "2024"],
         ["news only", "Türkiye → Kosovo", "Bayraktar TB2", "2023"],
         ["register only", "United States → North Macedonia", "Stryker", "2021–2023"],
         ["register only", "Germany → Albania", None, "2022"]],
        "News-only: the register does not have the deal yet. Register-only: no news record reports it.")
    sections = [
        Section("Suppliers and recipients", [
            Finding("Serbia has the most diverse supplier base in the region: five suppliers in five years, "
                    "with China and Russia together behind two thirds of its records.", [2, 7], "moderate"),
            Finding("The other five states buy almost only from NATO members, led by the United States.",
                    [8, 9, 11], "high"),
        ], [top_suppliers], [network, shares]),
        Section("Deals over time", [
            Finding("Two Serbian deals ended in cancellation: Russian helicopters under sanctions and Israeli "
                    "drones after a court challenge.", [7, 12], "moderate"),
        ], [], [timeline]),
        Section("Serbia between China and Russia", [
            Finding("China overtook Russia as Serbia's most reported supplier from 2022 on, mostly with drones and "
                    "air defence.", [2, 3, 6], "moderate"),
        ], [], [dyad]),
        Section("The map", [], [], [flowmap]),
        Section("News and the register", [
            Finding("The register does not yet list the Rafale order or Kosovo's TB2s; two register deals have "
                    "no news report in the corpus.", [1, 4, 8], None),
        ], [register], []),
    ]
    return Briefing(
        title="Arms transfers to the Western Balkans",
        subtitle="Sample briefing: invented data for layout review",
        region="Western Balkans", period="2021–2025", generated=datetime(2025, 11, 23, 9, 30),
        summary=summary, sections=sections, footnotes=footnotes,
        method_note=(
            "SAMPLE DATA. Every value, sentence, publisher and link in this briefing was written by hand to show "
            "the layout; none of it comes from a real document or register.\n\n"
            "A real briefing is built from the armsflow store: transfer records fused from news claims and "
            "register deals in the region and period. A finding cites the claim sentences it rests on; a hedged "
            "sentence (\"reportedly\", \"could\") is marked as hedged. Confidence is high with two or more "
            "independent unhedged sources, moderate with one, low when every source hedges."),
    )


def main(argv: list[str] | None = None) -> int:
    from armsflow.report import write_briefing

    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "brief-demo")
    out.mkdir(parents=True, exist_ok=True)
    b = demo_briefing()
    for suffix in (".md", ".html", ".pdf"):
        print(write_briefing(b, out / f"brief{suffix}"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
