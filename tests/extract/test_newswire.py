"""Wire-style sentences (written for these tests) that exercise the grammar beyond the basic constructions:
relative clauses, reported speech, pronouns, exchanges, makers, route words and things that are not transfers."""
from __future__ import annotations

import datetime as dt

import pytest

from armsflow.model import Document

CASES = [
    # (text, claims that must be there as (supplier, recipient, system-or-category prefix, status or None),
    #  pairs that must not be there)
    ("Venezuela had taken possession of Iranian Mohajer-6 drones, sources told Reuters.",
     [("IRN", "VEN", "Mohajer-6", "delivered")], []),
    ("The Philippine Navy has taken delivery of its second Jose Rizal-class frigate from South Korea.",
     [("KOR", "PHL", "Jose Rizal", "delivered")], []),
    ("Ukraine will receive its first F-16 fighter jets from Denmark and the Netherlands this summer.",
     [("DNK", "UKR", "F-16", "ordered"), ("NLD", "UKR", "F-16", "ordered")], []),
    ("Greece has cancelled plans to buy Israeli PULS rocket launchers.",
     [("ISR", "GRC", "PULS", "cancelled")], []),
    ("Sweden said it would send Archer artillery systems to Ukraine.",
     [("SWE", "UKR", "Archer", "ordered")], []),
    ("Ethiopia has been using Chinese-made Wing Loong drones purchased from the UAE.",
     [("ARE", "ETH", "Wing Loong", None)], [("CHN", "ETH")]),
    ("A Chinese company shipped Wing Loong drones to the United Arab Emirates, which later passed them to "
     "Libyan forces.",
     [("CHN", "ARE", "Wing Loong", "delivered"), ("ARE", "LBY", "Wing Loong", "delivered")], [("CHN", "LBY")]),
    ("India has emerged as a supplier of artillery shells to Armenia, alongside France.",
     [("IND", "ARM", "small_arms", None), ("FRA", "ARM", "small_arms", None)], []),
    ("Croatia will donate its old Mi-8 helicopters to Ukraine and buy new Black Hawks from the US.",
     [("HRV", "UKR", "Mi-8", None), ("USA", "HRV", "UH-60", None)], [("USA", "UKR")]),
    ("Cyprus has bought Barak MX air defence systems from Israel, replacing Russian-made Tor-M1 batteries.",
     [("ISR", "CYP", "Barak", "ordered")], [("RUS", "CYP")]),
    ("Russian forces used Lancet drones against Ukrainian artillery positions near Bakhmut.", [],
     [("UKR", "RUS")]),
    ("Washington has blocked the sale of F-16 jets to Turkey until Ankara ratifies Sweden's NATO bid.",
     [("USA", "TUR", "F-16", "cancelled")], [("USA", "SWE")]),
    ("Egypt, which had also considered the Su-35, eventually chose Chinese J-10C fighters.",
     [("CHN", "EGY", "J-10", None), ("RUS", "EGY", "Su-35", "interest")], [("RUS", "CHN")]),
    ("In March, Moscow began delivering S-400 systems to India under a 2018 contract.",
     [("RUS", "IND", "S-400", "delivered")], []),
    ("Indonesia's defence ministry said it would acquire 12 Mirage 2000-5 fighters from Qatar.",
     [("QAT", "IDN", "Mirage 2000", "ordered")], []),
    ("In a swap with Russia, Iran gets Russian guns in return for its supply of drones and possibly "
     "ballistic missiles.",
     [("IRN", "RUS", "uav", None), ("IRN", "RUS", "missile", None)], []),
    ("The trucks were carried by ship from Saudi Arabia to the Libyan National Army.", [],
     [("SAU", "lna")]),
    ("Officials in Bamako said the helicopters were built by firms based in Russia and handed to the Malian "
     "air force in May.", [], []),
    ("Turkey produces the Altay tank for its own army.", [], [("TUR", "TUR")]),
    ("Argentina finalized the purchase of 24 used F-16 fighters from Denmark after a lengthy competition with "
     "China's JF-17.", [("DNK", "ARG", "F-16", "ordered")], [("CHN", "ARG")]),
    ("Colombia's government confirmed it was in negotiations with Sweden over the purchase of Gripen fighters, "
     "after talks with France over the Rafale stalled.",
     [("SWE", "COL", "Gripen", "negotiating")], [("FRA", "SWE"), ("SWE", "FRA")]),
    ("The contract, signed by Rosoboronexport and the Indian Navy, covers two Project 11356 frigates.",
     [("RUS", "IND", "Talwar", "ordered")], []),
    ("Morocco is negotiating the acquisition of Apache helicopters and has already received its first F-16V jets.",
     [("USA", "MAR", "AH-64", "negotiating"), ("USA", "MAR", "F-16", "delivered")], []),
    ("In 2019 Turkey took delivery of the S-400 system from Russia, prompting its removal from the F-35 programme.",
     [("RUS", "TUR", "S-400", "delivered")], [("USA", "TUR")]),
    ("Malaysia will lease four Black Hawk helicopters from a local firm rather than buy them from the United "
     "States.", [], [("USA", "MYS")]),
    ("The minister said Turkey would never sell drones to Armenia.", [], [("TUR", "ARM")]),
    ("Airbus delivered 30 A330 jets to Chinese airlines last year.", [], [("FRA", "CHN"), ("ESP", "CHN")]),
    ("Deliveries of Iranian Shahed drones to Russia continued throughout 2023.",
     [("IRN", "RUS", "Shahed", "delivered")], []),
    ("Hanoi has been in talks with Seoul about acquiring K9 howitzers for several years.",
     [("KOR", "VNM", "K9", "negotiating")], []),
    ("Britain's decision to send Storm Shadow missiles to Ukraine was followed by France's delivery of SCALP "
     "missiles.", [("GBR", "UKR", "Storm Shadow", None)], [("FRA", "GBR")]),
    ("The Netherlands handed over the last of its F-16 fighters to Romania's training centre.",
     [("NLD", "ROU", "F-16", "delivered")], []),
    ("Qatar, which operates French Rafale and American F-15QA jets, has also ordered Eurofighter Typhoons from "
     "Britain.", [("FRA", "QAT", "Rafale", "delivered"), ("GBR", "QAT", "Eurofighter", "ordered")], []),
]


def _norm(s):
    return "".join(ch for ch in (s or "").lower() if ch.isalnum())


@pytest.mark.parametrize("text, wanted, unwanted", CASES, ids=[c[0][:48] for c in CASES])
def test_newswire(extractor, text, wanted, unwanted):
    cs = extractor.extract(Document(id="w", text=text, published=dt.date(2024, 5, 10)))
    for sup, rec, what, status in wanted:
        hits = [c for c in cs if (c.supplier, c.recipient) == (sup, rec) and
                (_norm(c.system).startswith(_norm(what)) if c.system else c.category == what)]
        assert hits, f"missing {sup}->{rec} {what}: {[(c.supplier, c.recipient, c.system or c.category) for c in cs]}"
        if status:
            assert hits[0].status == status, (hits[0].status, status)
    for sup, rec in unwanted:
        assert not [c for c in cs if (c.supplier, c.recipient) == (sup, rec)]


def test_hedge_scoped_to_one_item(extractor):
    cs = extractor.extract(Document(id="w", text="Iran obtains Russian weapons in an exchange with Russia in return "
                                                 "for its supply of drones and possibly ballistic missiles."))
    by = {c.category: c.hedged for c in cs if c.supplier == "IRN"}
    assert by == {"uav": False, "missile": True}


def test_weak_register_names_need_support(extractor):
    """A register designation that is also a place ("Tobruk") counts only beside a weapon noun or as a class."""
    from armsflow.catalog.loader import Catalog, System
    from armsflow.extract.pipeline import Extractor

    cat = Catalog(states=extractor.catalog.states, nonstate=extractor.catalog.nonstate,
                  firms=extractor.catalog.firms, systems=dict(extractor.catalog.systems),
                  equipment=extractor.catalog.equipment, groups=extractor.catalog.groups, traps=extractor.catalog.traps)
    cat.systems["Tobruk"] = System("Tobruk", "ship", "GBR", aliases=(), ambiguous=True, source="sipri")
    ex = Extractor(cat, nlp=extractor.nlp)
    place = ex.extract(Document(id="w", text="The UAE delivered armoured trucks to forces in Tobruk."))
    assert all(c.system != "Tobruk" for c in place)
    ship = ex.extract(Document(id="w", text="Britain sold a Tobruk-class patrol ship to Libya."))
    assert [(c.supplier, c.recipient, c.system) for c in ship] == [("GBR", "LBY", "Tobruk")]
