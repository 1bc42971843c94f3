"""System names the catalogue must read: families and brands, reporting names, transliterations, the design bureau
spelled out, one-letter slips in designations, and the short canonical names. Every sentence is written for this
test; see also tests/catalog/test_system_names.py for the catalogue side."""
from __future__ import annotations

import pytest

from sentences import claims, tuples


# --- a family or brand name alone names the family, with its origin --------------------------------------------
@pytest.mark.parametrize("text, sup, rec, system", [
    ("Azerbaijan bought Hermes drones from Israel in 2015.", "ISR", "AZE", "Hermes"),
    ("Beijing sold Rainbow drones to Nigeria last year.", "CHN", "NGA", "Rainbow"),
    ("Nigeria received several Cai Hong drones from China.", "CHN", "NGA", "Rainbow"),
    ("Iran shipped Mohajer drones to Venezuela.", "IRN", "VEN", "Mohajer"),
    ("Moscow has received hundreds of Shahed drones from Tehran.", "IRN", "RUS", "Shahed"),
    ("Egypt acquired Mirage jets from France in the 1970s.", "FRA", "EGY", "Mirage"),
    ("Spain agreed to send Leopard tanks to Ukraine.", "ESP", "UKR", "Leopard"),
    ("Kenya bought Bayraktar drones from Turkey.", "TUR", "KEN", "Bayraktar"),
    ("Saudi Arabia ordered more LAV armoured vehicles in 2014.", "CAN", "SAU", "LAV"),
    ("Chile bought LAV armored personnel carriers from Canada.", "CAN", "CHL", "LAV"),
    # "Lynx" alone is also the Westland helicopter: a vehicle's type noun names Rheinmetall's KF41
    ("Italy will buy Lynx combat vehicles from Germany.", "DEU", "ITA", "Lynx KF41"),
    ("Qatar ordered Lynx vehicles from Germany.", "DEU", "QAT", "Lynx KF41"),
    ("Tehran shipped Ababil drones to Sudan in 2019.", "IRN", "SDN", "Ababil"),
    ("Ankara offered Hisar air defence systems to Jakarta.", "TUR", "IDN", "Hisar"),
    ("Warsaw sent Grom missiles to Kyiv in 2022.", "POL", "UKR", "Grom"),
    # a numbered member is still read as itself
    ("Zambia ordered Hermes 900 drones from Israel.", "ISR", "ZMB", "Hermes 900"),
    ("Iran delivered Ababil-3 drones to Venezuela.", "IRN", "VEN", "Ababil-3"),
])
def test_family_name_alone(extractor, text, sup, rec, system):
    assert (sup, rec, system) in tuples(claims(extractor, text))


# --- reporting names, other names and transliterations ---------------------------------------------------------
@pytest.mark.parametrize("text, sup, rec, system", [
    ("Moscow delivered Fishbed fighters to Angola in 1999.", "RUS", "AGO", "MiG-21"),
    ("Egypt agreed to buy 12 Caracal transport helicopters from France.", "FRA", "EGY", "H225M"),
    ("Russia supplied twelve Flanker jets to Vietnam.", "RUS", "VNM", "Su-27"),
    ("Russia delivered the Fulcrum fighters to Serbia in 2017.", "RUS", "SRB", "MiG-29"),
    ("Russia delivered Hind helicopters to Mali in 2021.", "RUS", "MLI", "Mi-24"),
    ("Belarus bought Frogfoot attack aircraft from Russia.", "RUS", "BLR", "Su-25"),
    ("Algeria received Fencer bombers from Russia.", "RUS", "DZA", "Su-24"),
    ("Iran shipped Shaheed drones to Russia.", "IRN", "RUS", "Shahed"),
    ("Iran delivered Shahid-136 drones to Russia in 2022.", "IRN", "RUS", "Shahed-136"),
    ("Russia agreed to sell Iskandar missiles to Algeria.", "RUS", "DZA", "Iskander"),
    ("India will buy more Sukhoi-30MKI jets from Russia.", "RUS", "IND", "Su-30MKI"),
    ("Kazakhstan ordered Ilyushin-76 transport aircraft from Russia.", "RUS", "KAZ", "Il-76"),
    ("The United States approved the sale of eight Sea Hawk helicopters to Greece.", "USA", "GRC", "MH-60R"),
])
def test_other_names(extractor, text, sup, rec, system):
    assert (sup, rec, system) in tuples(claims(extractor, text))


# --- a system's name is not read as the weapon noun that runs into it ------------------------------------------
@pytest.mark.parametrize("text, sup, rec, system", [
    ("France sold Alpha Jet trainers to Togo in 2015.", "FRA", "TGO", "Alpha Jet"),
    ("Belgium gave its Alpha Jet training aircraft to France.", "BEL", "FRA", "Alpha Jet"),
    ("The US delivered Paladin howitzers to Kyiv.", "USA", "UKR", "M109"),
])
def test_name_before_weapon_noun(extractor, text, sup, rec, system):
    assert (sup, rec, system) in tuples(claims(extractor, text))


# --- a plain-word name needs a weapon noun beside it -----------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Russia and Vietnam signed a trade deal at the Hermes hotel in Hanoi.",
    "A rainbow appeared as Israel delivered the aid to Cyprus.",
    "The flanker scored twice as France beat Italy, and Italy will buy the tickets.",
    "Rainbow said the United States sold the building to Japan.",
    "A Bayraktar family spokesman said Turkey would sell nothing to Greece.",
    "A GROM unit guarded the port where Poland sold nothing to Chile.",
    "The talks in Hisar ended as Turkey sold nothing to Greece.",
    "The LAV said that Canada would sell no grain to Peru.",
])
def test_plain_word_names_without_a_weapon_noun(extractor, text):
    cs = claims(extractor, text)
    assert not [c for c in cs if c.system], tuples(cs)


# --- a one-letter slip in a designation, only with a weapon noun or a transfer word near -------------------------
@pytest.mark.parametrize("text, sup, rec, system", [
    ("Greece ordered Rafalle jets from France in 2021.", "FRA", "GRC", "Rafale"),
    ("Iran sent Mohajir-6 drones to Sudan.", "IRN", "SDN", "Mohajer-6"),
    ("The Czech Republic ordered Gripin fighters from Sweden.", "SWE", "CZE", "Gripen"),
    ("Ukraine bought Switchblde drones from the United States.", "USA", "UKR", "Switchblade"),
    ("Russia delivered Iskender missiles to Belarus.", "RUS", "BLR", "Iskander"),
])
def test_one_letter_slip(extractor, text, sup, rec, system):
    assert (sup, rec, system) in tuples(claims(extractor, text))


# --- a slip in a designation's variant letters names the existing variant, not a new one --------------------------
@pytest.mark.parametrize("text, sup, rec, system", [
    # a lower-case "l" for a capital "I"
    ("India ordered 40 more Su-30MKl fighters from Russia.", "RUS", "IND", "Su-30MKI"),
    ("Russia shipped Su-30MKl jets to India in 2003.", "RUS", "IND", "Su-30MKI"),
    # variant letters in mixed case, one slip from one name
    ("Russia delivered Su-30Sn fighters to Kazakhstan.", "RUS", "KAZ", "Su-30SM"),
])
def test_variant_slip_names_the_existing_variant(extractor, text, sup, rec, system):
    assert (sup, rec, system) in tuples(claims(extractor, text))


@pytest.mark.parametrize("text, system", [
    # variant letters in capitals, one slip from several names: a variant of its own
    ("Russia sold Su-30MKV fighters to Venezuela.", "Su-30MKV"),
    ("Russia delivered T-72B3 tanks to Laos.", "T-72B3"),
])
def test_variant_in_capitals_stays_as_written(extractor, text, system):
    assert system in {c.system for c in claims(extractor, text)}


@pytest.mark.parametrize("text, not_system", [
    # a different number is a different system, never a slip
    ("Russia delivered Su-36 jets to Iran.", "Su-35"),
    ("Russia delivered Su-36 jets to Iran.", "Su-34"),
    # a person's name near the name of a system is not that system without a weapon noun beside it
    ("Gerard said that Germany would deliver more tanks to Ukraine.", "Gepard"),
    ("Gripin, the minister, said Sweden sold no weapons to Chile.", "Gripen"),
    # an English word near a system name is that word
    ("The striker said Germany would sell tanks to Qatar.", "Stryker"),
])
def test_no_slip(extractor, text, not_system):
    assert not_system not in {c.system for c in claims(extractor, text)}


# --- canonical names are the short designation, the nickname an alias ------------------------------------------
@pytest.mark.parametrize("text, sup, rec, system", [
    ("Norway ordered six MH-60R helicopters from the United States.", "USA", "NOR", "MH-60R"),
    ("Norway ordered six MH-60R Seahawk helicopters from the United States.", "USA", "NOR", "MH-60R"),
    ("Ukraine received BM-21 Grad launchers from Poland.", "POL", "UKR", "BM-21"),
    ("Ukraine received Grad rocket launchers from the Czech Republic.", "CZE", "UKR", "BM-21"),
    ("Nigeria bought T129 ATAK helicopters from Turkey.", "TUR", "NGA", "T129"),
])
def test_short_canonical_names(extractor, text, sup, rec, system):
    assert (sup, rec, system) in tuples(claims(extractor, text))


# --- a ship named by its navy's prefix is a system of its own, with no maker assumed -----------------------------
@pytest.mark.parametrize("text, expected", [
    ("India gifted the corvette INS Kirpan to Vietnam in 2023.", {("IND", "VNM", "INS Kirpan")}),
    ("Britain sold ex-HMS Duncan (D37) to Chile.", {("GBR", "CHL", "HMS Duncan")}),
    ("Manila received BRP Jose Rizal from South Korea.", {("KOR", "PHL", "BRP Jose Rizal")}),
    # a shore base with a ship prefix is no ship, and a prefix alone names no maker
    ("Drones bought from Israel fly from the naval air station INS Rajali.", set()),
    ("Chile ordered HMS Duncan.", set()),
])
def test_a_ship_named_by_its_prefix(extractor, text, expected):
    assert {t for t in tuples(claims(extractor, text)) if t[2] not in ("uav",)} == expected


def test_every_ship_prefix_names_a_state(catalog):
    prefixes = catalog.ship_prefixes
    assert len(prefixes) >= 30
    assert all(code in catalog.states for code in prefixes.values())


# --- a named class of ship ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("South Korea delivered two Miguel Malvar-class frigates to the Philippines.",
     {("KOR", "PHL", "Miguel Malvar-class")}),
    ("Spain sold two Avante class patrol vessels to Venezuela.", {("ESP", "VEN", "Avante-class")}),
    ("The First class passengers flew to Rome on jets bought from Brazil.", set()),
])
def test_a_named_class_of_ship(extractor, text, expected):
    assert tuples(claims(extractor, text)) == expected


# --- a maker before its product, through a stock ticker; munitions that are the system itself ----------------------
@pytest.mark.parametrize("text, expected", [
    ("Lockheed Martin (NYSE: LMT) F-16 jets were sold to Bulgaria.", {("USA", "BGR", "F-16")}),
    ("Taiwan bought Switchblade 300 munitions from the United States.", {("USA", "TWN", "Switchblade 300")}),
    ("Spain sold Leopard 2 tank ammunition to Ukraine.", {("ESP", "UKR", "small_arms")}),   # supplies for the tank
])
def test_tickers_and_munitions(extractor, text, expected):
    assert tuples(claims(extractor, text)) == expected


# --- a designation ending in S and its plural -----------------------------------------------------------------
@pytest.mark.parametrize("text, system", [
    ("Vietnam bought T-90s from Russia in 2017.", "T-90"),          # the plural of the T-90
    ("Vietnam bought T-90S tanks from Russia in 2017.", "T-90S"),   # the export variant, in capitals
])
def test_a_plural_s_is_no_variant_letter(extractor, text, system):
    assert ("RUS", "VNM", system) in tuples(claims(extractor, text))


def test_the_barak_mx_is_its_own_system(extractor):
    # IAI's air-defence system keeps its name; the Barak 8 is the missile
    assert ("ISR", "AZE", "Barak MX") in tuples(claims(extractor, "Azerbaijan bought Barak MX systems from Israel."))
    assert ("ISR", "IND", "Barak 8") in tuples(claims(extractor, "India bought Barak 8 missiles from Israel."))


@pytest.mark.parametrize("text, system", [
    # Boeing's land-based system of launchers and radars is notified and sold as a system of its own
    ("The US approved the sale of 60 Harpoon Coastal Defense Systems to Norway.", "Harpoon Coastal Defense System"),
    ("Norway will buy the HCDS from the United States.", "Harpoon Coastal Defense System"),
    # the missile stays the missile
    ("Norway bought Harpoon Block II missiles from the United States.", "Harpoon"),
])
def test_the_harpoon_coastal_defense_system_is_its_own_system(extractor, text, system):
    assert {s for _, _, s in tuples(claims(extractor, text))} == {system}


@pytest.mark.parametrize("text, system", [
    # Saab's Giraffe models and Naval Group's lithium-ion Scorpene are sold under their own names
    ("Estonia bought Giraffe 1X radars from Sweden.", "Giraffe 1X"),
    ("Latvia ordered Giraffe 4A radars from Saab.", "Giraffe 4A"),
    ("Chile ordered two Scorpene Evolved submarines from France.", "Scorpene Evolved"),
    ("Chile ordered two Scorpene submarines from France.", "Scorpene"),
    # the RBS 70's missile, a plain word beside no weapon noun
    ("Latvia ordered Bolide missiles from Sweden.", "Bolide"),
])
def test_models_sold_under_their_own_names(extractor, text, system):
    assert {s for _, _, s in tuples(claims(extractor, text))} == {system}


def test_a_plain_word_that_names_a_missile(extractor):
    cs = claims(extractor, "A bolide lit up the sky over Riga as Latvia bought radars from Sweden.")
    assert cs and all(c.system != "Bolide" for c in cs)
