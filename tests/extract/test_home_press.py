"""National and regional papers tell their own state's purchases without naming it: "the ministry signed", "the
service has inducted", "the IAF", "the Kfirs bought from Israel". The paper's own state (its home) is the state
whose own service the opening sentences name, else the state of the dateline's city. For each rule, sentences it
must read and near misses it must not; every sentence is written for this test."""
from __future__ import annotations

import pytest
from sentences import claims, find, tuples

from armsflow.extract.pipeline import Extractor


# --- home-state: a bare defence organ or service with no state in focus is the paper's own --------------------------
@pytest.mark.parametrize("text, sup, rec, what", [
    ("ACCRA -- The Defence Ministry has signed a contract to buy four C-295 aircraft from Spain.",
     "ESP", "GHA", "C-295"),
    ("The Ghana Air Force has received two K-8 jets from China. The ministry also ordered five Z-9 helicopters "
     "from China.", "CHN", "GHA", "Z-9"),
    ("MANILA -- The service will receive two more Pohang-class corvettes from South Korea next year, officials "
     "said.", "KOR", "PHL", "Pohang-class"),
    # an accented capital in the dateline
    ("ASUNCIÓN -- The Ministry of National Defence has bought six Super Tucano aircraft from Brazil.",
     "BRA", "PRY", "Super Tucano"),
])
def test_a_bare_organ_is_the_papers_own_state(extractor, text, sup, rec, what):
    c = find(claims(extractor, text), sup, rec, what)
    assert c, tuples(claims(extractor, text))
    assert "home-state" in c[0].rules


@pytest.mark.parametrize("text", [
    # no dateline and no service of a state named: whose ministry is not told
    "The ministry ordered five Z-9 helicopters from China.",
    # two states' services open the text: neither is the paper's own
    "The Ghana Navy and the Nigerian Navy held a joint drill in the Gulf of Guinea. The ministry ordered six patrol "
    "boats from France.",
])
def test_no_home_state_to_name(extractor, text):
    assert not claims(extractor, text)


def test_home_rules_switched_off(catalog, extractor):
    # with the organ unresolved, the unnamed buyer of "to buy ... from Spain" is still the paper's own state
    text = "ACCRA -- The Defence Ministry has signed a contract to buy four C-295 aircraft from Spain."
    one_off = Extractor(catalog, nlp=extractor.nlp, disabled_rules={"home-state"})
    assert [c.rules for c in claims(one_off, text) if "home-recipient" in c.rules]
    both_off = Extractor(catalog, nlp=extractor.nlp, disabled_rules={"home-state", "home-recipient"})
    assert not claims(both_off, text)


# --- national-acronym: "the Ghana Air Force (GAF)" defines GAF; an undefined xAF of the home state's initial ------
@pytest.mark.parametrize("text, sup, rec, what", [
    ("The Ghana Air Force (GAF) has received two K-8 jets from China. Later the GAF also took delivery of four Z-9 "
     "helicopters from China.", "CHN", "GHA", "Z-9"),
    ("DHAKA -- The Bangladesh Navy got two frigates last year. The BAF has also inducted 16 K-8W trainers from "
     "China.", "CHN", "BGD", "K-8"),
])
def test_a_service_acronym(extractor, text, sup, rec, what):
    c = find(claims(extractor, text), sup, rec, what)
    assert c, tuples(claims(extractor, text))
    assert "national-acronym" in c[0].rules


def test_another_states_acronym_is_no_home_service(extractor):
    # "IAF" does not start as Bangladesh does: another state's force, which the paper does not place
    text = "DHAKA -- The Bangladesh Navy got two frigates last year. The IAF has also inducted 16 K-8W trainers " \
           "from China."
    assert not find(claims(extractor, text), "CHN", "BGD", "K-8")


# --- home-recipient: a word of getting with a seller and no buyer named is the paper's own state's purchase ---------
@pytest.mark.parametrize("text, sup, rec, what", [
    ("NAIROBI -- The Kenya Navy got two patrol boats. The Mi-17 helicopters purchased from Russia in 2019 fly from "
     "Laikipia.", "RUS", "KEN", "Mi-17"),
    ("ISLAMABAD -- The Pakistan Army has inducted new tanks. The VT-4 tanks were ordered from China in 2017.",
     "CHN", "PAK", "VT-4"),
])
def test_the_unnamed_buyer_is_the_papers_own_state(extractor, text, sup, rec, what):
    c = find(claims(extractor, text), sup, rec, what)
    assert c, tuples(claims(extractor, text))
    assert "home-recipient" in c[0].rules


@pytest.mark.parametrize("text, absent", [
    # a word of giving with no recipient: to whom is not told
    ("NAIROBI -- The Kenya Defence Forces got new trucks. Turkey exports Bayraktar TB2 drones widely.",
     ("TUR", "KEN", "Bayraktar TB2")),
    # no home: nobody
    ("The VT-4 tanks were ordered from China in 2017.", ("CHN", None, "VT-4")),
    # the sentence names its own buyer
    ("ISLAMABAD -- The Pakistan Army has new tanks. Bangladesh ordered VT-4 tanks from China in 2017.",
     ("CHN", "PAK", "VT-4")),
    # the weapon that replaces is not the one the clause of buying describes
    ("NAIROBI -- The Kenya Air Force got trainers. The new Super Tucano aircraft will replace the F-5 fighters "
     "bought from the United States in 1982.", ("USA", "KEN", "Super Tucano")),
])
def test_no_unnamed_buyer(extractor, text, absent):
    cs = claims(extractor, text)
    assert not find(cs, *absent) and not any(c.recipient is None for c in cs)


# --- replaced-bought: a weapon going out of service that tells from whom it came in --------------------------------
@pytest.mark.parametrize("text, sup, rec, what", [
    ("Peru will replace the Mi-24 helicopters bought from Russia in 1983 with new attack helicopters.",
     "RUS", "PER", "Mi-24"),
    ("NAIROBI -- The Kenya Air Force got trainers. The new Super Tucano aircraft will replace the F-5 fighters "
     "bought from the United States in 1982.", "USA", "KEN", "F-5"),
])
def test_a_replaced_weapon_with_its_own_purchase(extractor, text, sup, rec, what):
    assert find(claims(extractor, text), sup, rec, what), tuples(claims(extractor, text))


def test_a_replaced_weapon_with_no_seller_is_not_moving(extractor):
    # the clause names no seller: the sentence is about what replaces the F-5s
    cs = claims(extractor, "Chile will replace its F-5 fighters bought in 1976 with Gripen jets from Sweden.")
    assert not [c for c in cs if (c.system or "").startswith("F-5")]
    assert find(cs, "SWE", "CHL", "Gripen")


# --- with-partner-per-item: "talks with A over X, and with B over Y" pairs each partner with its own weapon ---------
@pytest.mark.parametrize("text, expected", [
    ("Ghana is in talks with Brazil over Super Tucano aircraft and with China about K-8 trainers.",
     {("BRA", "GHA", "Super Tucano"), ("CHN", "GHA", "K-8")}),
    ("Peru is negotiating with Germany for Leopard 2 tanks and with South Korea for K2 tanks.",
     {("DEU", "PER", "Leopard 2"), ("KOR", "PER", "K2")}),
    ("Chile signed deals with France for Rafale jets and with Sweden for Gripen fighters.",
     {("FRA", "CHL", "Rafale"), ("SWE", "CHL", "Gripen")}),
])
def test_each_deal_partner_its_own_weapon(extractor, text, expected):
    assert tuples(claims(extractor, text)) == expected


@pytest.mark.parametrize("text, expected", [
    # a second "with" after the weapon names no partner of the weapon before it
    ("Chile signed a contract with France for Rafale jets, in a deal coordinated with the United States.",
     {("FRA", "CHL", "Rafale")}),
    ("Kenya signed a deal with Turkey on Bayraktar TB2 drones, officials told reporters in a meeting with Israel.",
     {("TUR", "KEN", "Bayraktar TB2")}),
])
def test_a_later_with_is_no_partner_of_an_earlier_weapon(extractor, text, expected):
    assert tuples(claims(extractor, text)) == expected
