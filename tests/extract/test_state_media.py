"""Constructions of state-media and conflict reporting: weapons used in a war (not received), the level of a
market's demand (no buyer), "the Islamic Republic" for the state in focus, and transliterated designations kept
apart from their neighbours in the catalogue. Every sentence was written for this test."""
from __future__ import annotations

import pytest

from sentences import claims, find, tuples

# weapons a side uses in a war: the make says where they come from, not that they were handed over
COMBAT_USE_NOT_READ = [
    ("Iranian-made Shahed drones are being used by Russian forces in Ukraine.", ("IRN", "RUS")),
    ("Russian troops have used Iranian-made Geran drones to attack Ukrainian power plants.", ("IRN", "RUS")),
    ("The army employed Turkish-made TB2 drones against rebel convoys, Ethiopian officials said.", ("TUR", "ETH")),
    ("The Russian army has used Iranian-made drones to carry out strikes on Odesa.", ("IRN", "RUS")),
    ("Moscow has employed Iranian-made Shahed drones to launch attacks on Ukrainian ports.", ("IRN", "RUS")),
    ("Houthi fighters have used Iranian-made missiles in attacks on merchant shipping.", ("IRN", "houthis")),
    ("Chinese-made Wing Loong drones were used by Sudanese forces during the offensive.", ("CHN", "SDN")),
]


@pytest.mark.parametrize("text, pair", COMBAT_USE_NOT_READ, ids=[f"combat-{i}" for i in range(len(COMBAT_USE_NOT_READ))])
def test_weapons_used_in_a_war_are_no_transfer(extractor, text, pair):
    cs = claims(extractor, text)
    assert pair not in {(c.supplier, c.recipient) for c in cs}, sorted(tuples(cs), key=str)


# near misses: holding a foreign-made weapon in peacetime still says it came; a transfer told beside the use stays
COMBAT_USE_READ = [
    ("The Egyptian Air Force uses French-made Rafale jets.", "FRA", "EGY", "Rafale"),
    ("Morocco operates Chinese-made Wing Loong drones in the Sahara.", "CHN", "MAR", "Wing Loong"),
    ("Russia uses Iranian-made drones it received from Tehran in 2022 to strike Ukrainian cities.", "IRN", "RUS",
     "uav"),
]


@pytest.mark.parametrize("text, sup, rec, what", COMBAT_USE_READ, ids=[f"held-{i}" for i in range(len(COMBAT_USE_READ))])
def test_weapons_held_or_received_are_still_read(extractor, text, sup, rec, what):
    cs = claims(extractor, text)
    assert find(cs, sup, rec, what), sorted(tuples(cs), key=str)


# the level of a market's demand with no buyer of its own borrows none from the transfer just read
DEMAND = [
    ("Russia sold Yak-130 jets to Laos. Interest in Russian helicopters remains high, the agency said.",
     ("RUS", "LAO", "helicopter"), False),
    ("Turkey sold TB2 drones to Kuwait. Demand for Turkish armoured vehicles is growing, he added.",
     ("TUR", "KWT", "armoured_vehicle"), False),
    ("China delivered frigates to Pakistan. Appetite for Chinese drones has risen sharply.",
     ("CHN", "PAK", "uav"), False),
    # near misses: a buyer of its own, by name, by a possessive, or as the subject of the interest
    ("Russia sold Yak-130 jets to Laos. Laos's interest in Russian helicopters remains high.",
     ("RUS", "LAO", "helicopter"), True),
    ("Russia sold Yak-130 jets to Laos. Vientiane has also shown interest in Russian helicopters.",
     ("RUS", "LAO", "helicopter"), True),
]


@pytest.mark.parametrize("text, record, present", DEMAND, ids=[f"demand-{i}" for i in range(len(DEMAND))])
def test_the_level_of_demand_names_no_buyer(extractor, text, record, present):
    cs = claims(extractor, text)
    assert bool(find(cs, *record)) == present, sorted(tuples(cs), key=str)


# "the Islamic Republic": the state in focus whose official name says it is one
ISLAMIC_REPUBLIC = [
    ("Russia and Iran signed a defence pact. The Islamic Republic will receive Su-35 jets next year.",
     ("RUS", "IRN", "Su-35"), True),
    ("China and Pakistan held talks. The Islamic Republic has since ordered J-10C fighters from Beijing.",
     ("CHN", "PAK", "J-10C"), True),
    ("Iran's defence minister said the purchase of Russian Yak-130 jets is complete and the jets will be "
     "delivered to the Islamic Republic in May.", ("RUS", "IRN", "Yak-130"), True),
    # near miss: Egypt is no Islamic republic, so the phrase does not name it
    ("France sold Rafale jets to Egypt. The Islamic Republic has bought Su-35 jets from Russia.",
     ("RUS", "EGY", "Su-35"), False),
]


@pytest.mark.parametrize("text, record, present", ISLAMIC_REPUBLIC,
                         ids=[f"islamic-republic-{i}" for i in range(len(ISLAMIC_REPUBLIC))])
def test_the_islamic_republic_is_the_state_in_focus(extractor, text, record, present):
    cs = claims(extractor, text)
    assert bool(find(cs, *record)) == present, sorted(tuples(cs), key=str)


# designations of state-media reporting the catalogue keeps apart from their neighbours
@pytest.mark.parametrize("text, record", [
    ("Pyongyang handed over 24 M1991 rocket launchers to Moscow.", ("PRK", "RUS", "M1991")),
    ("North Korea sold M-1985 multiple rocket launchers to Iran in 1986.", ("PRK", "IRN", "M1985")),
    ("Kazakhstan took delivery of four Su-30SM2 fighters from Russia.", ("RUS", "KAZ", "Su-30SM2")),
])
def test_transliterated_designations(extractor, text, record):
    assert record in tuples(claims(extractor, text))


def test_a_newer_variant_is_not_folded_onto_the_older(extractor):
    """Su-30SM and Su-30SM2 are two aircraft: a contract for one and a delivery of the other are two records."""
    cs = claims(extractor, "Armenia ordered Su-30SM jets from Russia in 2019. "
                           "It received its first Su-30SM2 fighters from Russia this year.")
    assert {("RUS", "ARM", "Su-30SM"), ("RUS", "ARM", "Su-30SM2")} <= tuples(cs)


# a hull's own name given to a definite or counted ship noun is one ship of the class just read
HULLS = [
    ("Spain sold two Avante-class corvettes to Peru. The first ship, BAP Grau, was handed over to Peru in May.",
     ("ESP", "PER"), {"Avante-class"}),
    ("China built four Type 054A/P frigates for Pakistan. The third frigate, named PNS Shamsheer, was handed "
     "over to Pakistan on Friday.", ("CHN", "PAK"), {"Type 054A"}),
    # near misses: a hull with no class before it stays itself; a hull of another navy is no hull of the class
    ("Russia handed the frigate INS Tamal to India in July.", ("RUS", "IND"), {"INS Tamal"}),
    ("Spain sold two Avante-class corvettes to Peru. A Chilean ship, BAP Grau, escorted them.",
     ("ESP", "PER"), {"Avante-class"}),
]


@pytest.mark.parametrize("text, pair, systems", HULLS, ids=[f"hull-{i}" for i in range(len(HULLS))])
def test_a_named_hull_is_one_of_the_class(extractor, text, pair, systems):
    cs = [c for c in claims(extractor, text) if (c.supplier, c.recipient) == pair]
    assert {c.system for c in cs} == systems, sorted(tuples(cs), key=str)


# weapons of the deal's kind, told bare after "under the deal", are the deal's weapons
DEAL_ITEMS = [
    ("Poland signed for K2 tanks from Korea. Under the deal, tanks will be delivered from 2026.",
     ("KOR", "POL"), {"K2"}),
    ("Egypt agreed to buy Rafale jets from France. It did not say how many jets would be supplied under the deal.",
     ("FRA", "EGY"), {"Rafale"}),
    # near misses: other or new weapons of the kind are weapons of their own
    ("Poland signed for K2 tanks from Korea. Under the deal, other tanks such as the K1 will follow.",
     ("KOR", "POL"), {"K2", "K1"}),
    ("Egypt agreed to buy Rafale jets from France. Under the deal, France will also supply new helicopters.",
     ("FRA", "EGY"), {"Rafale", "helicopter"}),
]


@pytest.mark.parametrize("text, pair, whats", DEAL_ITEMS, ids=[f"deal-items-{i}" for i in range(len(DEAL_ITEMS))])
def test_weapons_under_the_deal_are_the_deals(extractor, text, pair, whats):
    cs = [c for c in claims(extractor, text) if (c.supplier, c.recipient) == pair]
    assert {c.system or c.category for c in cs} == whats, sorted(tuples(cs), key=str)
