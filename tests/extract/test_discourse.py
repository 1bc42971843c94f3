"""The discourse memory (extract/discourse.py): speakers, systems in focus, and the actors "They" and "the latter"
point back to. For each rule, sentences it must read and one it must not; every sentence is written for this test."""
from __future__ import annotations

import datetime as dt

import pytest
from sentences import claims

from armsflow.extract.discourse import DiscourseMemory
from armsflow.extract.pipeline import Extractor
from armsflow.model import Document, Mention


def read(extractor, text):
    return extractor.extract(Document(id="t", text=text, published=dt.date(2024, 6, 15)))


def found(cs, sup, rec, what):
    return [c for c in cs if (c.supplier, c.recipient) == (sup, rec) and (c.system or c.category) == what]


def pairs(cs):
    return {(c.supplier, c.recipient) for c in cs}


# --- speakers: "we", "our" and a bare organ inside a quote are the speaker's state -------------------------------
@pytest.mark.parametrize("text, sup, rec, what, rule", [
    ('"We have ordered 20 Leopard 2 tanks from Germany," the Dutch defence minister told parliament on Monday.',
     "DEU", "NLD", "Leopard 2", "speaker-first-person"),
    ('"We are buying Bayraktar TB2 drones from Turkey," said a spokesman for the Polish defence ministry.',
     "TUR", "POL", "Bayraktar TB2", "speaker-first-person"),
    ('The Norwegian defence secretary said: "Our navy will receive four Type 212 submarines from Germany."',
     "DEU", "NOR", "Type 212", "speaker-first-person"),
    ('A Finnish general said: "The ministry ordered 40 K9 howitzers from South Korea in 2022."',
     "KOR", "FIN", "K9", "speaker-organ"),
    ('"The army received eight Patriot batteries from the US," a Romanian government spokeswoman said.',
     "USA", "ROU", "Patriot", "speaker-organ"),
    # "she said": the titled person named last
    ('The Greek minister visited Rome. "We signed for four Italian frigates," she said.', "ITA", "GRC", "ship",
     "speaker-pronoun"),
    # "you" is whom the quote is told to
    ('The Chilean minister visited Madrid. "We have agreed to buy four frigates from you," she told her Spanish '
     'counterpart.', "ESP", "CHL", "ship", "addressee-second-person"),
    ('"We will buy your radars," the Peruvian minister told his Spanish host.', "ESP", "PER", "sensor",
     "addressee-second-person"),
])
def test_first_person_and_organs_in_a_quote_are_the_speakers_state(extractor, text, sup, rec, what, rule):
    got = found(read(extractor, text), sup, rec, what)
    assert got, pairs(read(extractor, text))
    assert rule in got[0].rules


@pytest.mark.parametrize("text", [
    'An analyst wrote that "we should buy K2 tanks from Korea", in an opinion column.',   # no state speaks
    '"We will never buy Russian jets," the analyst said. Peru later ordered Su-30 fighters.',
])
def test_a_quote_without_a_states_voice_names_no_party(extractor, text):
    cs = read(extractor, text)
    assert not any(set(c.rules) & {"speaker-first-person", "speaker-organ", "speaker-pronoun"} for c in cs)
    assert ("KOR", "KOR") not in pairs(cs)


def test_you_without_a_named_addressee_names_no_party(extractor):
    cs = read(extractor, '"We will buy your radars," the Peruvian minister told reporters.')
    assert not any("addressee-second-person" in c.rules for c in cs)


def test_a_named_organ_in_a_quote_keeps_its_own_state(extractor):
    cs = read(extractor, '"The government of Peru bought ten T-50 jets," the Chilean minister said.')
    assert ("KOR", "PER") in pairs(cs) and not any(c.recipient == "CHL" for c in cs)


def test_the_speaker_replaces_the_makers_state(extractor):
    """Without the speaker, the catalogue's origin of the tanks would stand in for the unresolved "we"."""
    text = 'The Spanish minister spoke in Seville. "We handed six Leopard 2 tanks over to Kyiv," she said.'
    assert ("ESP", "UKR") in pairs(read(extractor, text))


# --- systems in focus: definite generics point back to the named system -------------------------------------------
@pytest.mark.parametrize("text, sup, rec, what", [
    # a generic claim in between does not replace the topic
    ("Chile bought the Gripen from Sweden in 2020. Activists urged Santiago to stop buying European weapons. "
     "In 2023, Peru bought eight more jets of this type.", "SWE", "PER", "Gripen"),
    ("Finland selected the F-35 in 2021. Two years later, Switzerland ordered 36 of these aircraft.",
     "USA", "CHE", "F-35"),
    ("At the show the navy displayed new Italian FREMM frigates. Morocco bought them in 2020.", "FRA", "MAR", "FREMM"),
    # the maker's adjective on the generic agrees with the system's maker
    ("Kuwait will buy 12 more Rafale jets. The emirate ordered 24 of the French aircraft in 2015.", "FRA", "KWT",
     "Rafale"),
])
def test_a_definite_generic_names_the_system_in_focus(extractor, text, sup, rec, what):
    got = found(read(extractor, text), sup, rec, what)
    assert got, pairs(read(extractor, text))
    assert {"equipment-anaphor", "pronoun-topic"} & set(got[0].rules)


@pytest.mark.parametrize("text, absent", [
    # another category
    ("Finland selected the F-35 in 2021. Switzerland ordered the helicopters in 2023.", ("USA", "CHE")),
    # indefinite and contrastive
    ("Greece operates the Rafale. Egypt is buying other jets, such as the MiG-29.", ("FRA", "EGY")),
    ("Greece operates the Rafale. Egypt bought the other jets in 2015.", ("FRA", "EGY")),
    # another maker's adjective
    ("Kuwait will buy 12 more Rafale jets. Egypt ordered 24 of the American aircraft in 2015.", ("FRA", "EGY")),
    # a pronoun that is not a transfer's object
    ("Russia displayed its Su-57 fighters at the show. The pilots flew them well.", ("RUS", "RUS")),
])
def test_a_generic_that_does_not_point_back_stays_unnamed(extractor, text, absent):
    cs = read(extractor, text)
    assert absent not in pairs(cs)
    assert not any(set(c.rules) & {"equipment-anaphor", "pronoun-topic"} for c in cs)


def _memory_topic(sentences: list[tuple[str, list[Mention]]], last: str) -> list[Mention]:
    memory = DiscourseMemory()
    for i, (text, mentions) in enumerate(sentences):
        memory.observe(i, text, mentions)
    return [m for m in memory.resolve(len(sentences), 0, last, []) if "equipment-anaphor" in m.rules]


def _system(text, name, category):
    i = text.index(name)
    return Mention(i, i + len(name), name, "system", name, category, "XXX")


def test_of_two_rivals_the_one_whose_maker_the_sentence_names_is_meant(extractor):
    cs = read(extractor, "The Leopard 2 and the K2 competed in the tender. Poland ordered 180 of the tanks from "
                         "Seoul.")
    got = found(cs, "KOR", "POL", "K2")
    assert got and "equipment-anaphor" in got[0].rules
    # no maker named: still ambiguous
    cs = read(extractor, "The Leopard 2 and the K2 competed in the tender. Poland ordered 180 of the tanks.")
    assert not any("equipment-anaphor" in c.rules for c in cs)


def test_a_topic_too_far_back_or_with_a_rival_is_not_resolved():
    named = ("Norway flies the F-35.", [_system("Norway flies the F-35.", "F-35", "combat_aircraft")])
    filler = ("It rained.", [])
    assert _memory_topic([named], "Denmark wants the jets.")                   # the one system in focus
    assert not _memory_topic([named] + [filler] * 5, "Denmark wants jets of this type.")    # too far back
    # a definite generic beyond the window names the article's one system of its kind (rule article-system)
    assert _memory_topic([named] + [filler] * 5, "Denmark wants the jets.")
    rival = ("Sweden offered the Gripen.", [_system("Sweden offered the Gripen.", "Gripen", "combat_aircraft")])
    assert not _memory_topic([named, rival], "Denmark wants jets of this type.")    # a new system in between
    assert not _memory_topic([named], "Denmark wants other jets.")


# --- "They", "the latter", "the former": the subject, and only actors ---------------------------------------------
def test_they_is_the_previous_sentences_subject(extractor):
    cs = read(extractor, "Chile and Peru bought Gripen fighters from Sweden last year. "
                         "They also ordered RBS 70 missiles from Sweden.")
    got = found(cs, "SWE", "PER", "RBS 70")
    assert got and "they-subject" in got[0].rules
    assert found(cs, "SWE", "CHL", "RBS 70")


def test_they_is_not_an_actor_inside_a_prepositional_phrase(extractor):
    cs = read(extractor, "Kenya has received six Hermes 900 drones from Israel. Delays in Cyprus and Malta "
                         "slowed their ferry flight. They were received by the air force in Nairobi on Monday.")
    assert pairs(cs) == {("ISR", "KEN")}
    cs = read(extractor, "Technicians from Chile and Peru inspected Swedish radars. "
                         "They ordered RBS 70 missiles from Sweden.")
    assert not any("they-subject" in c.rules for c in cs)


@pytest.mark.parametrize("text, speaker", [
    ("Houthi fighters attacked a tanker. They received the Shahed drones from Iran, US officials say.", "USA"),
    ("Hezbollah fighters lost ground in May. They got Kornet missiles from Iran, Israeli officials said.", "ISR"),
])
def test_they_before_its_speaker_is_not_the_speaker(extractor, text, speaker):
    """An attribution after the clause names who says it; the clause's "They" points back, not to the speaker."""
    cs = read(extractor, text)
    assert not any(c.recipient == speaker for c in cs), pairs(cs)


def test_it_after_its_speaker_is_the_speaker(extractor):
    cs = read(extractor, "Spain said they would buy Hurjet trainers from Turkey.")
    assert ("TUR", "ESP") in pairs(cs)


@pytest.mark.parametrize("text, sup, rec, what", [
    ("Brazil and Chile watched the show. The latter ordered Gripen jets from Sweden.", "SWE", "CHL", "Gripen"),
    ("Ecuador and Bolivia have held talks with Spain. The former ordered two frigates from Madrid.", "ESP", "ECU",
     "ship"),
])
def test_the_latter_and_the_former_pick_from_coordinated_actors(extractor, text, sup, rec, what):
    got = found(read(extractor, text), sup, rec, what)
    assert got and "latter-former" in got[0].rules


def test_the_latter_after_coordinated_weapons_is_no_actor(extractor):
    cs = read(extractor, "Brazil and Chile watched. Poland bought Leopard 2 tanks and CV90 vehicles from Sweden; "
                         "the latter were delivered in 2023.")
    assert not any("latter-former" in c.rules for c in cs)
    assert not any(c.recipient in ("BRA", "CHL") for c in cs)


# --- "It" + an active verb: the state the previous sentence is about ----------------------------------------------
@pytest.mark.parametrize("text, sup, rec, what", [
    ("Peru is one of Korea's newest customers. It ordered 40 K2 tanks in 2024.", "KOR", "PER", "K2"),
    # irregular past tenses continue the state as regular ones do
    ("Peru is one of Korea's newest customers. It bought 40 K2 tanks in 2024.", "KOR", "PER", "K2"),
    ("Chile is a long-standing customer of Britain. It got two Type 23 frigates in 2006.", "GBR", "CHL", "Type 23"),
    # a capital as the subject stands for its state
    ("Yerevan has turned to India for arms. It ordered Pinaka launchers from New Delhi in 2022.", "IND", "ARM",
     "Pinaka"),
    ("Hanoi is widening its list of suppliers. It bought Spyder systems from Israel.", "ISR", "VNM", "SPYDER"),
    # an intent in the present
    ("Singapore received F-35B jets in 2024. It plans to buy eight F-35A fighters as well.", "USA", "SGP", "F-35A"),
    ("Laos is one of Russia's oldest customers. It is now buying T-90S tanks from Moscow.", "RUS", "LAO", "T-90S"),
])
def test_it_continues_the_previous_state(extractor, text, sup, rec, what):
    got = found(read(extractor, text), sup, rec, what)
    assert got and "it-subject" in got[0].rules


def test_it_before_a_copula_is_not_the_previous_state(extractor):
    cs = read(extractor, "Peru is one of Korea's newest customers. It is a tank that Spain sold to Chile.")
    assert not any("it-subject" in c.rules for c in cs)
    # a state body as the subject is no state that buys
    cs = read(extractor, "The Kremlin praised the parade. It bought Shahed-136 drones from Iran.")
    assert not any("it-subject" in c.rules for c in cs)
    # "It is set to" after a weapon as the subject is the weapon
    cs = read(extractor, "The K9 is a Korean gun. It is set to replace old guns in Latvia, which ordered K9s.")
    assert not any("it-subject" in c.rules for c in cs)


# --- "the West African state": the last state named that belongs to the region ---------------------------------
@pytest.mark.parametrize("text, sup, rec, what", [
    ("Senegal has ordered patrol boats from France. The West African state also received Chinese VN-22 vehicles.",
     "CHN", "SEN", "VN22"),
    ("Spain sold corvettes to Qatar in 2016. The Gulf kingdom also ordered NH90 helicopters from Italy.",
     "ITA", "QAT", "NH90"),
    # another state named between: the region picks the one it contains, not the nearest
    ("Chile bought frigates from Britain, which had retired them. The South American nation also ordered "
     "Exocet missiles from France.", "FRA", "CHL", "Exocet"),
])
def test_a_regional_epithet_is_the_last_state_of_that_region(extractor, text, sup, rec, what):
    got = found(read(extractor, text), sup, rec, what)
    assert got and "regional-epithet" in got[0].rules


def test_a_regional_epithet_with_no_state_of_that_region_names_nobody(extractor):
    cs = read(extractor, "Spain has ordered patrol boats from France. The West African state also received "
                         "Chinese VN-22 vehicles.")
    assert not any(c.recipient == "ESP" and c.system == "VN22" for c in cs)
    assert not any("regional-epithet" in c.rules for c in cs)


# --- every discourse rule can be switched off -------------------------------------------------------------------
@pytest.mark.parametrize("rule, text, pair", [
    ("speaker-first-person", 'The Spanish minister spoke. "We handed six Leopard 2 tanks over to Kyiv," she said.',
     ("ESP", "UKR")),
    ("speaker-pronoun", 'The Spanish minister spoke. "We handed six Leopard 2 tanks over to Kyiv," she said.',
     ("ESP", "UKR")),
    ("speaker-organ", 'A Finnish general said: "The ministry ordered 40 K9 howitzers from South Korea."',
     ("KOR", "FIN")),
    ("they-subject", "Chile and Peru signed deals with Spain. They ordered RBS 70 missiles from Sweden.",
     ("SWE", "PER")),
    ("latter-former", "Brazil and Chile watched the show. The latter ordered Gripen jets from Sweden.",
     ("SWE", "CHL")),
    ("regional-epithet", "Kenya bought trucks. The East African state also ordered Bayraktar TB2 drones from "
     "Turkey.", ("TUR", "KEN")),
    ("equipment-anaphor", "Greece signed for the Rafale in 2021. Critics urged Athens to stop buying French "
     "weapons. In 2024, Serbia bought twelve more jets of this model.", ("FRA", "SRB", "Rafale")),
    ("pronoun-topic", "At the show the navy displayed new Italian FREMM frigates. Morocco bought them in 2020.",
     ("FRA", "MAR")),
    ("speaker-goes-on", '"Our army needs new vehicles," the Slovak minister said. "We will buy 152 CV90 vehicles '
     'from Sweden."', ("SWE", "SVK")),
    ("deal-frame", "Latvia signed a contract with Sweden on Tuesday. The contract covers RBS 70 launchers.",
     ("SWE", "LVA")),
    ("the-country", "Egypt and Jordan held talks. The kingdom will buy four Black Hawk helicopters from the US.",
     ("USA", "JOR")),
    ("the-service", "Ghana ordered trainers from Brazil. The air force also bought K-8 jets from China.",
     ("CHN", "GHA")),
])
def test_a_discourse_rule_switched_off_resolves_nothing(catalog, extractor, rule, text, pair):
    def got(cs):
        return {(c.supplier, c.recipient, c.system)[:len(pair)] for c in cs}

    assert pair in got(read(extractor, text))
    assert pair not in got(read(Extractor(catalog, nlp=extractor.nlp, disabled_rules={rule}), text))


def test_a_counted_generic_takes_the_frames_system_but_a_contrastive_one_does_not(extractor):
    cs = read(extractor, "France sold Rafale jets to India in 2016. France delivered the 36 jets by 2022.")
    assert not any(c.system is None for c in cs)
    cs = read(extractor, "Spain sold Eurofighter jets to Peru. Spain also sold other helicopters, such as "
                         "light helicopters, to Peru.")
    assert not any(c.system == "Eurofighter" and c.category == "helicopter" for c in cs)


# --- a leader's pronoun: "She" opening a sentence is the titled person the text follows -------------------------
@pytest.mark.parametrize("text, sup, rec, what", [
    ("The Estonian prime minister met Swedish officials in Tallinn. She is in talks with Paris about buying "
     "CAESAR howitzers.", "FRA", "EST", "CAESAR"),
    ("The Latvian defence minister flew to Seoul on Monday. He ordered 12 K9 howitzers from South Korea.",
     "KOR", "LVA", "K9"),
    # "his country": the state of the titled person who speaks
    ("Chile's president said on Monday that his country had received Type 23 frigates from Britain.", "GBR",
     "CHL", "Type 23"),
    ("The Kenyan defence minister spoke in Nairobi. She said her government had ordered Bayraktar TB2 drones.",
     "TUR", "KEN", "Bayraktar TB2"),
])
def test_a_leaders_pronoun_is_the_state_of_the_titled_subject(extractor, text, sup, rec, what):
    got = found(read(extractor, text), sup, rec, what)
    assert got and "leader-pronoun" in got[0].rules


def test_his_country_with_no_titled_person_names_no_state(extractor):
    cs = read(extractor, "A farmer said his country had received Type 23 frigates from Britain.")
    assert not any("leader-pronoun" in c.rules for c in cs)


def test_our_before_a_named_state_is_that_state(extractor):
    """ "our Armenian friends" names Armenia, not the speaker's state; "our" alone is the speaker's."""
    cs = read(extractor, 'The Indian army chief visited Yerevan. "We will supply Pinaka launchers to our Armenian '
                         'partners," he told reporters.')
    assert ("IND", "ARM") in pairs(cs)
    cs = read(extractor, '"Germany will send IRIS-T systems to our army," the Ukrainian minister said.')
    assert ("DEU", "UKR") in pairs(cs)
    # a firm's partner is some other firm, not the firm's state
    cs = read(extractor, "Egypt already flies Rafale jets, which were delivered by Dassault, Leonardo's partner.")
    assert ("ITA", "EGY") not in pairs(cs)


def test_a_pronoun_with_no_titled_person_before_it_names_no_state(extractor):
    # officials who were met are not whom "She" follows; nor is a state named without a title
    cs = read(extractor, "Officials from Italy met in Rome. She bought K9 howitzers from South Korea.")
    assert not any("leader-pronoun" in c.rules for c in cs)
    cs = read(extractor, "Swedish officials were met by an envoy in Tallinn. She bought Archer guns from Sweden.")
    assert not any(c.recipient == "SWE" or "leader-pronoun" in c.rules for c in cs)


# --- "the country", "the kingdom": one state, of the form the noun says -----------------------------------------
@pytest.mark.parametrize("text, sup, rec, what", [
    ("Colombia ordered radars last year. The country will also receive six Black Hawk helicopters from the US.",
     "USA", "COL", "UH-60"),
    # two states opened the sentence before, but only one of them is a kingdom
    ("Egypt and Jordan held talks in Amman. The kingdom will buy four Black Hawk helicopters from the US.",
     "USA", "JOR", "UH-60"),
    ("Tunisia and Morocco met in Rabat on Friday. The kingdom has ordered Caesar howitzers from France.",
     "FRA", "MAR", "CAESAR"),
    # the state named last that is a kingdom or an island, when the one the sentence opened on is not
    ("The US sold F-16 jets to Morocco in 2020. The kingdom will also receive Patriot batteries from the US.",
     "USA", "MAR", "Patriot"),
    ("France sold Rafale jets to Indonesia. The island nation will also buy Scorpene submarines from France.",
     "FRA", "IDN", "Scorpene"),
])
def test_the_country_is_the_one_state_that_fits(extractor, text, sup, rec, what):
    got = found(read(extractor, text), sup, rec, what)
    assert got and "the-country" in got[0].rules


@pytest.mark.parametrize("text", [
    # two states, and nothing tells them apart
    "Peru and Chile are both modernising their fleets. The country will receive four patrol boats from Korea.",
    # a republic is no kingdom, and Egypt no island
    "Algeria held a parade in May. The kingdom will receive four patrol boats from Korea.",
    "Egypt held a parade in May. The island nation will receive four patrol boats from Korea.",
])
def test_the_country_with_no_single_fitting_state_names_nobody(extractor, text):
    cs = read(extractor, text)
    assert not any("the-country" in c.rules for c in cs), [(c.recipient, c.rules) for c in cs]


# --- an armed service with no state of its own is the one buying state in focus ----------------------------------
@pytest.mark.parametrize("text, sup, rec, what", [
    ("Ghana ordered Super Tucano trainers from Brazil. The air force already flies K-8 jets from China.",
     "CHN", "GHA", "K-8"),
    ("Indonesia signed for Rafale jets in 2022. The navy took delivery of two frigates from Italy.",
     "ITA", "IDN", "ship"),
    # the seller of the sentence before is not the service's owner: "Italy sold ... to Indonesia"
    ("Italy sold two frigates to Indonesia. The navy will also buy four Scorpene submarines from France.",
     "FRA", "IDN", "Scorpene"),
    # "its": the state before it in the sentence, else the previous sentence's subject
    ("Kenya bought trucks from Japan. Its air force ordered six AW139 helicopters from Italy.",
     "ITA", "KEN", "AW139"),
    # a state named as the agent of an offer is the seller, not the service's owner
    ("Indonesia signed for Rafale jets. Jakarta is weighing the submarine offered by Italy's Fincantieri, and the "
     "navy will buy two frigates from Italy.", "ITA", "IDN", "ship"),
])
def test_a_bare_service_is_the_buying_state_in_focus(extractor, text, sup, rec, what):
    got = found(read(extractor, text), sup, rec, what)
    assert got and "the-service" in got[0].rules, pairs(read(extractor, text))


@pytest.mark.parametrize("text", [
    # two buyers, and nothing tells them apart
    "Chile and Peru signed deals last year. The navy will buy two frigates from Italy.",
    # the service named with its own state
    "Indonesia signed for Rafale jets. The Indian Navy took delivery of two frigates from Italy.",
    # a service noun that modifies another noun is no actor
    "Indonesia signed for Rafale jets. The army chief said that Russia had sold helicopters to Mali.",
    # the only state before is the seller, and the one it sold to is not named
    "Italy exported two frigates last year. The navy will also buy four Scorpene submarines from France.",
    # too far back: two sentences with no state between
    "Ghana ordered trainers. Deliveries were slow. Crews were scarce. The air force ordered radars from Italy.",
])
def test_a_service_with_no_single_buying_state_names_nobody(extractor, text):
    cs = read(extractor, text)
    assert not any("the-service" in c.rules for c in cs), [(c.supplier, c.recipient, c.rules) for c in cs]


def test_a_service_in_a_quote_is_the_speakers_not_the_state_in_focus(extractor):
    cs = read(extractor, 'Peru bought radars from Spain. "The army received eight Patriot batteries from the US," '
                         'a Romanian government spokeswoman said.')
    got = found(cs, "USA", "ROU", "Patriot")
    assert got and "speaker-organ" in got[0].rules
    assert not found(cs, "USA", "PER", "Patriot")


# --- a deal that names no weapon: the next sentence that continues it lists what it covers ----------------------
@pytest.mark.parametrize("text, sup, rec, what, year", [
    ("Brazil signed a defence agreement with France in 2018. Under the agreement, Naval Group will build four "
     "Scorpene submarines in Brazil.", "FRA", "BRA", "Scorpene", 2018),
    ("Latvia signed a contract with Sweden on Tuesday. The contract covers RBS 70 launchers and training.",
     "SWE", "LVA", "RBS 70", 2024),
    ("Peru has signed an agreement with South Korea. Under this agreement, Seoul will deliver 20 K9 howitzers.",
     "KOR", "PER", "K9", None),
    # two parties in one coordination: the next sentence tells who supplies, by a name or by the maker's state
    ("South Korea and Poland signed a framework deal in 2022. Under the deal, Seoul will supply 672 K9 "
     "howitzers.", "KOR", "POL", "K9", 2022),
    ("A deal between Japan and the Philippines was signed in 2023. Under the deal, six Abukuma-class ships will "
     "be handed over.", "JPN", "PHL", "Abukuma-class", 2023),
    # "Under it": the deal just read
    ("Vietnam and Russia signed an agreement in 2023. Under it, Moscow will deliver 12 Su-30 jets.", "RUS", "VNM",
     "Su-30", 2023),
    # a deal for arms between two states: the maker's state of what it includes sells
    ("Turkey and Malaysia have agreed on an arms package. The two countries said it includes 24 Hurjet trainers.",
     "TUR", "MYS", "Hurjet", None),
])
def test_a_deal_with_no_weapon_frames_the_sentence_that_continues_it(extractor, text, sup, rec, what, year):
    got = found(read(extractor, text), sup, rec, what)
    assert got and "deal-frame" in got[0].rules
    assert got[0].year == year


@pytest.mark.parametrize("text, absent", [
    # a deal of another kind, and a weapon sentence that does not continue it
    ("Vietnam signed a trade agreement with Japan in March. The navy also wants new patrol ships from Tokyo.",
     "deal-frame"),
    # "a separate agreement" is not the one just read
    ("Greece signed a memorandum with France on Monday. Under a separate agreement, ten M-346 trainers will be "
     "delivered.", "deal-frame"),
    # neither party makes the tanks, and no sentence says which of them sells
    ("Chile and Peru signed a framework deal in 2022. Under the deal, 100 K2 tanks will be supplied.", "deal-frame"),
])
def test_a_deal_with_no_weapon_lends_nothing_to_an_unrelated_sentence(extractor, text, absent):
    cs = read(extractor, text)
    assert not any(absent in c.rules for c in cs), [(c.supplier, c.recipient, c.rules) for c in cs]


def test_a_deal_between_two_parties_is_not_read_the_wrong_way_round(extractor):
    cs = read(extractor, "Turkey and Malaysia have agreed on an arms package. The two countries said it includes "
                         "24 Hurjet trainers.")
    assert pairs(cs) == {("TUR", "MYS")}


# --- "48 more of them", "bought two from Italy": a count of the weapons just named -------------------------------
@pytest.mark.parametrize("text, sup, rec, what", [
    ("Qatar flies Rafale jets bought from France. Egypt may order 30 more of them next year.", "FRA", "EGY",
     "Rafale"),
    ("Turkey sold Bayraktar TB2 drones to Ukraine in 2019. Poland bought 24 in 2021.", "TUR", "POL",
     "Bayraktar TB2"),
    ("Italy and France both build FREMM frigates. Egypt bought two from the former in 2020.", "ITA", "EGY", "FREMM"),
    ("Chile showed its new Gripen jets at the parade. Peru will buy six of these from Sweden.", "SWE", "PER",
     "Gripen"),
])
def test_a_count_or_part_of_them_names_the_system_just_named(extractor, text, sup, rec, what):
    got = found(read(extractor, text), sup, rec, what)
    assert got and "pronoun-topic" in got[0].rules


@pytest.mark.parametrize("text", [
    # a count of something else
    "Russia showed its Su-35 jets at the show. Later, Moscow sold 2 percent of the firm to investors.",
    # two systems named just before: which one?
    "Chile flies the Gripen and the F-16. Peru bought six more in 2023.",
    # the named system is too far back
    "Spain showed its Leopard 2 tanks. The parade lasted hours. Rain fell all day. Peru bought six more in 2023.",
])
def test_a_count_with_no_single_system_just_named_names_none(extractor, text):
    cs = read(extractor, text)
    assert not any("pronoun-topic" in c.rules for c in cs), [(c.supplier, c.recipient, c.system) for c in cs]


# --- a quote with no attribution of its own, right after one that has it: the same voice goes on -----------------
@pytest.mark.parametrize("text, sup, rec, what", [
    ('"Our army needs new vehicles," the Slovak defence minister said on Friday. "We will buy 152 CV90 vehicles '
     'from Sweden."', "SWE", "SVK", "CV90"),
    ('The Danish minister said: "The guns are needed." "We have ordered 19 CAESAR howitzers from France."',
     "FRA", "DNK", "CAESAR"),
])
def test_the_speaker_goes_on_into_the_next_quote(extractor, text, sup, rec, what):
    got = found(read(extractor, text), sup, rec, what)
    assert got and "speaker-goes-on" in got[0].rules


@pytest.mark.parametrize("text", [
    # a sentence of narrative in between: the next quote may be anyone's
    '"Our army needs new vehicles," the Slovak defence minister said. Sweden has a large industry. '
    '"We will buy 152 CV90 vehicles from Sweden."',
    # a new paragraph
    '"Our army needs new vehicles," the Slovak defence minister said.\n\n"We will buy 152 CV90 vehicles from '
    'Sweden."',
])
def test_the_speaker_does_not_go_on_past_other_words(extractor, text):
    cs = read(extractor, text)
    assert not any("speaker-goes-on" in c.rules for c in cs)
    assert ("SWE", "SVK") not in pairs(cs)


# --- a named weapon for the kind the transfer just read told: the same transfer, told more exactly --------------
@pytest.mark.parametrize("text, sup, rec, what", [
    ("Egypt bought drones from China last year. The Wing Loong II drones were delivered on Monday.", "CHN", "EGY",
     "Wing Loong II"),
    ("Peru orders helicopters from Russia\n\nThe Mi-17 helicopters will be shipped in May, the ministry said.",
     "RUS", "PER", "Mi-17"),
])
def test_a_named_weapon_tells_the_frames_generic_more_exactly(extractor, text, sup, rec, what):
    got = found(read(extractor, text), sup, rec, what)
    assert got and "frame-elaboration" in got[0].rules


@pytest.mark.parametrize("text", [
    # made by someone other than the frame's supplier
    "Egypt bought drones from China last year. The Bayraktar TB2 drones were delivered on Monday.",
    # the frame named its own system of that kind
    "Egypt bought Wing Loong I drones from China. The Wing Loong II drones were delivered on Monday.",
    # sent somewhere that is no party
    "Egypt bought drones from China last year. Wing Loong II drones have been exported to 17 countries.",
])
def test_a_named_weapon_of_another_maker_or_destination_does_not_elaborate(extractor, text):
    cs = read(extractor, text)
    assert not any("frame-elaboration" in c.rules for c in cs), [(c.supplier, c.recipient, c.system) for c in cs]


# --- "Latvia did the same": the transfer just read, again, with the new subject in the old subject's place --------
@pytest.mark.parametrize("text, sup, rec, what, year", [
    ("Estonia ordered HIMARS launchers from the US in 2022. Latvia did the same in 2023.", "USA", "LVA", "HIMARS",
     2023),
    ("Norway bought K9 howitzers from South Korea. Finland followed suit in 2018.", "KOR", "FIN", "K9", 2018),
    ("Indonesia bought T-50 trainers from South Korea in 2011. Iraq followed with its own order in 2013.", "KOR",
     "IRQ", "T-50", 2013),
    ("Chile bought Leopard tanks from Germany. Ecuador followed with an order of its own.", "DEU", "ECU", "Leopard",
     None),
    # the subject sold before: the new subject sells, to the same buyer
    # "a year later" counts from the one year the sentence before writes
    ("Britain sold Challenger 2 tanks to Ukraine in 2023. Poland did the same a year later.", "POL", "UKR",
     "Challenger 2", 2024),
])
def test_the_same_again_repeats_the_frame_for_the_new_subject(extractor, text, sup, rec, what, year):
    got = found(read(extractor, text), sup, rec, what)
    assert got and got[0].rules == ["same-again"]
    assert got[0].year == year


@pytest.mark.parametrize("text", [
    # "the same with ...": something else is done likewise
    "Norway bought K9 howitzers from South Korea. Finland did the same with its old guns.",
    # no transfer just before: a sentence in between that is about something else has no frame to repeat
    "Poland bought FA-50 jets from South Korea. The weather was poor. Officials said the same.",
    # the subject is already a party
    "Norway bought K9 howitzers from South Korea. Norway did the same in 2022.",
    # a path of one's own is no order
    "Peru bought K2 tanks from South Korea. Chile followed its own path.",
])
def test_the_same_again_without_a_new_party_or_frame_repeats_nothing(extractor, text):
    cs = read(extractor, text)
    assert not any("same-again" in c.rules for c in cs), [(c.supplier, c.recipient, c.system) for c in cs]


# --- "signed the contract": the deal for the one system the text is about ------------------------------------------
@pytest.mark.parametrize("text, sup, rec, what", [
    ('"Our air force will fly the F-35 from 2028," the Swiss defence minister said. "We signed the contract with '
     'Washington in September."', "USA", "CHE", "F-35"),
    ("Serbia displayed its new Rafale jets on Monday. Belgrade signed the contract with Paris in 2024.", "FRA",
     "SRB", "Rafale"),
])
def test_a_definite_deal_names_the_system_in_focus(extractor, text, sup, rec, what):
    got = [c for c in found(read(extractor, text), sup, rec, what) if "deal-topic" in c.rules]
    assert got and got[0].status == "ordered"


@pytest.mark.parametrize("text, status, year", [
    ("Serbia buys 12 Rafale jets from France\n\nThe deal was signed in Belgrade in March 2024.", "ordered", 2024),
    # what is done to the deal is its new stage, in its own year
    ("Peru ordered 12 K9 howitzers from South Korea in 2021. The contract was cancelled in 2023.", "cancelled", 2023),
])
def test_the_deal_just_read_takes_what_is_done_to_it(extractor, text, status, year):
    got = [c for c in read(extractor, text) if "deal-topic" in c.rules]
    assert got and (got[0].status, got[0].year) == (status, year)


@pytest.mark.parametrize("text", [
    # two systems in focus: which deal?
    "Peru chose the K9 howitzer and the Gripen fighter in 2023. Lima signed the contract with Seoul in May 2024.",
    # an indefinite deal is a new one
    "Serbia displayed its new Rafale jets on Monday. Belgrade signed a contract with Paris in 2024.",
])
def test_a_deal_with_no_single_system_in_focus_names_none(extractor, text):
    cs = read(extractor, text)
    assert not any("deal-topic" in c.rules for c in cs)


# --- "respectively": each party with its own, in the order named --------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Armenia and Azerbaijan are rearming. They have bought drones from India and Turkey respectively.",
     {("IND", "ARM"), ("TUR", "AZE")}),
    ("Israel and Turkey sold Hermes 900 and Bayraktar TB2 drones to Chile and Peru, respectively.",
     {("ISR", "CHL"), ("TUR", "PER")}),
])
def test_respectively_pairs_the_parties_in_order(extractor, text, expected):
    assert pairs(read(extractor, text)) == expected


def test_without_respectively_every_pair_stands(extractor):
    cs = read(extractor, "Chile and Peru bought drones from Israel and Turkey.")
    assert pairs(cs) == {("ISR", "CHL"), ("ISR", "PER"), ("TUR", "CHL"), ("TUR", "PER")}


# --- "It" after an opening of time, and with a modal ----------------------------------------------------------------
def test_it_after_a_time_opening_and_a_modal_is_the_state(extractor):
    cs = read(extractor, "Chile bought F-16 jets from the Netherlands in 2005. Two decades later, the South "
                         "American country is looking for a successor. It may buy the Gripen from Sweden.")
    got = found(cs, "SWE", "CHL", "Gripen")
    assert got and "it-subject" in got[0].rules


def test_doing_the_same_after_several_transfers_copies_none(extractor):
    """Which of two sellers' transfers "followed suit" repeats, the text does not say; one seller's are copied."""
    text = ("Mali took delivery of Russian Mi-24 helicopters in 2021, and Bamako has since acquired Bayraktar TB2 "
            "drones from Turkey. Burkina Faso followed suit.")
    assert not [c for c in claims(extractor, text) if c.recipient == "BFA"]
    text = "Poland ordered K2 tanks and K9 howitzers from South Korea in 2022. Romania did the same in 2023."
    assert {(c.supplier, c.recipient, c.system) for c in claims(extractor, text) if c.recipient == "ROU"} == {
        ("KOR", "ROU", "K2"), ("KOR", "ROU", "K9")}


@pytest.mark.parametrize("text, expected", [
    # the article's only missile, named paragraphs before: "the missile" is it
    ("India delivered the first BrahMos batteries to the Philippines in 2023. The minister praised the crews. "
     "Officials gave no figures. The navy held a ceremony. Reporters toured the base. Indonesia has held talks with "
     "India about the missile.", {("IND", "IDN", "BrahMos")}),
    # two missiles named: which one, the text does not say
    ("India delivered BrahMos batteries to the Philippines in 2023, and Akash batteries to Armenia. The minister "
     "praised the crews. Officials gave no figures. The navy held a ceremony. Reporters toured the base. Indonesia "
     "has held talks with India about the missile.", {("IND", "IDN", None)}),
])
def test_a_definite_generic_far_from_the_articles_only_system_of_its_kind(extractor, text, expected):
    assert {(c.supplier, c.recipient, c.system) for c in claims(extractor, text) if c.recipient == "IDN"} == expected


# --- the transfer just read, continued by a sentence that names no party: its deliveries (frame-delivery) ------
def read_on(extractor, text, published):
    return extractor.extract(Document(id="t", text=text, published=dt.date.fromisoformat(published)))


@pytest.mark.parametrize("text, published, sup, rec, what, status, year", [
    ("Chile ordered K9 howitzers from South Korea. The first howitzers were handed over in March.", "2024-06-15",
     "KOR", "CHL", "K9", "delivered", 2024),
    ("Vietnam bought T-90 tanks from Russia in 2017. Deliveries began in 2019.", "2024-06-15",
     "RUS", "VNM", "T-90", "delivered", 2019),
    ("Ghana ordered 12 Bayraktar TB2 drones from Turkey. The first of them arrived in Accra in May.", "2024-06-15",
     "TUR", "GHA", "Bayraktar TB2", "delivered", 2024),
    ("Kenya is buying six Wing Loong II drones from China. Two Wing Loong II drones arrived on Monday.",
     "2024-06-15", "CHN", "KEN", "Wing Loong II", "delivered", 2024),
    ("Peru ordered 24 K2 tanks from South Korea in 2022. The first of them were delivered in December.",
     "2024-01-10",
     "KOR", "PER", "K2", "delivered", 2023),
    ("Romania bought F-16 jets from Norway in 2022. The handover took place in January.", "2024-06-15",
     "NOR", "ROU", "F-16", "delivered", 2024),
    ("Romania bought F-16 jets from Norway in 2022. Deliveries of the jets began in 2023.", "2024-06-15",
     "NOR", "ROU", "F-16", "delivered", 2023),
    # "They" after a sentence whose subject was the weapons themselves
    ("Twenty K2 tanks were ordered by Peru from South Korea in 2022. They arrived in December.", "2024-01-10",
     "KOR", "PER", "K2", "delivered", 2023),
    # a missile system arrives as launchers and batteries
    ("Indonesia ordered BrahMos missiles from India. The first batteries arrived in March.", "2024-06-15",
     "IND", "IDN", "BrahMos", "delivered", 2024),
    # the deal dated by the next sentence, against a January publication: December of the year before
    ("Poland orders K2 tanks from South Korea. The contract was signed on December 30.", "2024-01-10",
     "KOR", "POL", "K2", "ordered", 2023),
    ("Poland orders K2 tanks from South Korea. The contract, worth $6 billion, was signed on December 29.",
     "2024-01-10", "KOR", "POL", "K2", "ordered", 2023),
    # not a delivery: due in the future, only considered, or somewhere that is not the transfer's recipient
    ("Chile ordered K9 howitzers from South Korea. Deliveries will begin in 2027.", "2024-06-15",
     "KOR", "CHL", "K9", "ordered", None),
    ("Chile ordered Gripen jets from Sweden. The first jets will be delivered in 2027.", "2024-06-15",
     "SWE", "CHL", "Gripen", "ordered", None),
    ("Chile is considering K9 howitzers from South Korea. Deliveries began in 2023.", "2024-06-15",
     "KOR", "CHL", "K9", "interest", None),
    ("Chile ordered K9 howitzers from South Korea. The first of them arrived in Kyiv in May.", "2024-06-15",
     "KOR", "CHL", "K9", "ordered", None),
    ("Peru ordered K2 tanks from South Korea. The first batteries arrived in March.", "2024-06-15",
     "KOR", "PER", "K2", "ordered", None),
    ("Romania bought F-16 jets from Norway in 2022. Deliveries of fuel began in 2023.", "2024-06-15",
     "NOR", "ROU", "F-16", "ordered", 2022),
    # two transfers just read: whose deliveries began, the text does not say
    ("Egypt ordered Rafale jets from France and K9 howitzers from South Korea. Deliveries began in 2023.",
     "2024-06-15", "KOR", "EGY", "K9", "ordered", None),
    # "They" after people as the subject are those people; arriving on the seller's side is no delivery
    ("Polish officials ordered K2 tanks from South Korea. They arrived in Warsaw on Tuesday.", "2024-06-15",
     "KOR", "POL", "K2", "ordered", None),
    ("Poland ordered K2 tanks from South Korea. The first K2 tanks arrived in Seoul for testing in May.",
     "2024-06-15", "KOR", "POL", "K2", "ordered", None),
    # a delivery only reported leaves the order as it was, undated
    ("Nigeria ordered Bayraktar TB2 drones from Turkey. The first of them reportedly arrived in May.", "2024-06-15",
     "TUR", "NGA", "Bayraktar TB2", "ordered", None),
])
def test_a_later_sentence_delivers_or_dates_the_transfer_just_read(extractor, text, published, sup, rec, what,
                                                                   status, year):
    cs = read_on(extractor, text, published)
    assert [(c.status, c.year) for c in found(cs, sup, rec, what)] == [(status, year)]
    assert pairs(cs) - {("FRA", "EGY")} == {(sup, rec)}
    assert not any(c.system == "Rafale" and c.supplier != "FRA" for c in cs)


# --- "go to": weapons that go to a party were delivered there (goes-to) ----------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Two of the Rafale jets went to Greece and three to Croatia.", {("FRA", "GRC"), ("FRA", "HRV")}),
    ("The K9 howitzer has gone to Norway and Estonia.", {("KOR", "NOR"), ("KOR", "EST")}),
    ("Turkey sold Bayraktar TB2 drones to Poland. Most of the Bayraktar TB2 drones went to Ukraine.",
     {("TUR", "POL"), ("TUR", "UKR")}),
    # people, wars, elections and exercises go somewhere with no weapon handed over
    ("Pakistan received J-10C jets from China. The country then went to the polls.", {("CHN", "PAK")}),
    ("Turkey sold Bayraktar TB2 drones to Ukraine. Most of the drones went to the front lines.", {("TUR", "UKR")}),
    ("India bought MiG-29 jets from Russia. India went to war with Pakistan in 1999.", {("RUS", "IND")}),
    ("Four French Rafale jets went to Egypt for an air show.", set()),
])
def test_weapons_that_go_to_a_party(extractor, text, expected):
    cs = read(extractor, text)
    assert pairs(cs) == expected
    assert all(c.status == "delivered" for c in cs if "goes-to" in c.rules)


def test_frame_delivery_and_goes_to_switched_off(catalog, extractor):
    text = "Vietnam bought T-90 tanks from Russia in 2017. Deliveries began in 2019."
    off = Extractor(catalog, nlp=extractor.nlp, disabled_rules={"frame-delivery", "goes-to"})
    assert [(c.status, c.year) for c in found(read(extractor, text), "RUS", "VNM", "T-90")] == [("delivered", 2019)]
    assert [(c.status, c.year) for c in found(read(off, text), "RUS", "VNM", "T-90")] == [("ordered", 2017)]
    assert not read(off, "Two of the Rafale jets went to Greece.")


@pytest.mark.parametrize("text, expected", [
    ("Indonesia wants new fighters. To strengthen its air force, Jakarta ordered 42 Rafale jets from France. It is "
     "also considering J-10 fighters from China.", ("CHN", "IDN", "J-10")),
    ("Poland wants tanks. Despite budget cuts, Warsaw ordered K2 tanks from South Korea. It is also considering "
     "Abrams tanks from the United States.", ("USA", "POL", "M1 Abrams")),
])
def test_it_after_a_sentence_opening_on_a_purpose_or_concession(extractor, text, expected):
    assert expected in {(c.supplier, c.recipient, c.system) for c in claims(extractor, text)}


@pytest.mark.parametrize("text, sup, rec, what", [
    # an opening phrase of time without its comma
    ("Ghana is a major buyer. In 2015 it ordered four Super Tucano aircraft from Brazil.", "BRA", "GHA",
     "Super Tucano"),
    ("Chile and Peru signed deals with Korea. In 2025 they will receive K9 howitzers.", "KOR", "PER", "K9"),
])
def test_it_and_they_after_an_opening_phrase_without_a_comma(extractor, text, sup, rec, what):
    assert found(read(extractor, text), sup, rec, what)


@pytest.mark.parametrize("text, sup, rec, what", [
    # "he" in a clause after the titled person the sentence opened on is that person, for their state
    ("Vietnam's defence minister visited Paris, where he signed a deal for Rafale jets.", "FRA", "VNM", "Rafale"),
    ("The Estonian minister visited Seoul, where he signed a contract for K9 howitzers.", "KOR", "EST", "K9"),
])
def test_he_after_the_titled_person_of_the_sentence(extractor, text, sup, rec, what):
    assert found(read(extractor, text), sup, rec, what)


# --- "It"/"They" after a longer opening adverbial (rule fronted-pronoun) -------------------------------------------
@pytest.mark.parametrize("text, sup, rec, what", [
    ("Chile is a loyal client of Paris. Under a 2019 accord, it bought two Scorpene submarines from France.",
     "FRA", "CHL", "Scorpene"),
    ("Vietnam is Russia's biggest customer in Asia. Over the past decade it has bought Su-30MK2 fighters.",
     "RUS", "VNM", "Su-30MK2"),
    ("Peru is a big buyer of Korean arms. After Chile ordered K9 guns, it bought 20 K2 tanks from Seoul.",
     "KOR", "PER", "K2"),
    ("Norway and Finland are long-time Swedish clients. As part of a joint package, they ordered CV90 vehicles "
     "from Sweden.", "SWE", "FIN", "CV90"),
])
def test_a_pronoun_after_an_opening_adverbial_is_the_previous_subject(extractor, text, sup, rec, what):
    got = found(read(extractor, text), sup, rec, what)
    assert got and "fronted-pronoun" in got[0].rules


@pytest.mark.parametrize("text, not_rec", [
    # the previous subject is a weapon: "it" is the weapon, no buyer
    ("The K9 howitzer is built in Korea. Over the past decade it has found buyers in Egypt and Poland.", None),
    # an "it" that only opens a report of what emerged is nobody's purchase
    ("Peru is a big buyer of arms. In a statement last week, it emerged that Chile had bought K2 tanks.", "PER"),
])
def test_a_pronoun_after_an_opening_adverbial_needs_a_state_to_point_back_to(extractor, text, not_rec):
    cs = read(extractor, text)
    assert not any("fronted-pronoun" in c.rules and (not_rec is None or c.recipient == not_rec) for c in cs), \
        [(c.supplier, c.recipient, c.system, c.rules) for c in cs]


@pytest.mark.parametrize("text, quantity", [
    ("Over the past three decades Egypt has bought MiG-29 fighters from Russia.", None),
    ("In the last three years Poland has ordered K2 tanks from South Korea.", None),
    ("Egypt has bought six MiG-29 fighters from Russia.", 6),
])
def test_a_number_of_years_or_decades_counts_no_weapon(extractor, text, quantity):
    cs = claims(extractor, text)
    assert cs and cs[0].quantity == quantity


# --- a titled person's surname stands for their state (rule person-surname) ----------------------------------------
@pytest.mark.parametrize("text, sup, rec, what", [
    ("Chilean President Ana Soto spoke in Santiago on Monday. Soto signed a deal to buy 12 F-16 jets from Norway.",
     "NOR", "CHL", "F-16"),
    # the name before the title, set off by commas
    ("Pedro Alves, Portugal's defence minister, visited Ankara. Alves later ordered six Bayraktar TB2 drones from "
     "Turkey.", "TUR", "PRT", "Bayraktar TB2"),
    # the name after the title, set off by commas; the surname as a possessor
    ("Ghana's defence minister, Kwame Mensah, met Chinese officials. Mensah's ministry bought four Z-9 helicopters "
     "from China.", "CHN", "GHA", "Z-9"),
])
def test_a_titled_persons_surname_is_their_state(extractor, text, sup, rec, what):
    got = found(read(extractor, text), sup, rec, what)
    assert got and "person-surname" in got[0].rules


@pytest.mark.parametrize("text, not_rec", [
    # the surname is the subject of another verb; the buyer is the state the relative clause tells of
    ("Chilean President Ana Soto hosted French officials. Soto criticised Peru, which bought F-16 jets from Norway.",
     "CHL"),
    # another person of that surname, named in full
    ("Chilean President Ana Soto hosted French officials. Later, Jorge Soto bought F-16 jets from Norway.", "CHL"),
    # a name with no state in its title names no state
    ("President Ana Soto hosted French officials. Soto later bought F-16 jets from Norway.", None),
])
def test_a_surname_names_a_state_only_for_the_titled_person(extractor, text, not_rec):
    cs = read(extractor, text)
    assert not any("person-surname" in c.rules and (not_rec is None or c.recipient == not_rec) for c in cs), \
        [(c.supplier, c.recipient, c.system, c.rules) for c in cs]


# --- a seller with no buyer named, in a text that follows one buyer (rule buyer-in-focus) --------------------------
_TWO_FOR_CHILE = "Chile bought Leopard 2 tanks from Germany in 2007. It ordered Type 23 frigates from Britain in 2005. "


@pytest.mark.parametrize("text, sup, rec, what", [
    (_TWO_FOR_CHILE + "Norway has agreed to supply NASAMS launchers.", "NOR", "CHL", "NASAMS"),
    ("Kenya bought Z-9 helicopters from China in 2019. It received AW139 helicopters from Italy in 2020. Israel "
     "will also deliver Hermes 900 drones next year.", "ISR", "KEN", "Hermes 900"),
    # a plan to buy with its seller and no buyer
    ("Egypt ordered Rafale jets from France in 2015. It received MiG-29M fighters from Russia in 2020. A plan to "
     "buy used F-16 jets from Jordan was dropped in 2021.", "JOR", "EGY", "F-16"),
])
def test_a_seller_without_a_buyer_supplies_the_buyer_in_focus(extractor, text, sup, rec, what):
    got = found(read(extractor, text), sup, rec, what)
    assert got and "buyer-in-focus" in got[0].rules


@pytest.mark.parametrize("text, not_pair", [
    # one transfer read is no buyer the text follows yet
    ("Chile bought Leopard 2 tanks from Germany. Norway has agreed to supply NASAMS launchers.", ("NOR", "CHL")),
    # the sentence names its own buyer
    (_TWO_FOR_CHILE + "Norway has agreed to supply NASAMS launchers to Peru.", ("NOR", "CHL")),
    # an open market, a running total
    ("Poland bought K2 tanks from Korea. It also ordered HIMARS launchers from the US. Germany has supplied "
     "Leopard 2 tanks to many countries.", ("DEU", "POL")),
    ("Poland bought K2 tanks from Korea. It also ordered HIMARS launchers from the US. Germany has sold more than "
     "3,500 Leopard 2 tanks since 1979.", ("DEU", "POL")),
    # the seller of another clause's weapons ("bought from Israel" is the retired jets')
])
def test_a_seller_without_a_buyer_needs_a_buyer_the_text_follows(extractor, text, not_pair):
    cs = read(extractor, text)
    assert not_pair not in pairs(cs), [(c.supplier, c.recipient, c.system, c.rules) for c in cs]


def test_the_seller_of_another_clauses_weapons_sells_no_buyer_in_focus(extractor):
    # "bought from Israel" is the retired jets'; the new jets' seller is not told here
    cs = read(extractor, _TWO_FOR_CHILE + "The Gripen jets will replace the Kfir fighters bought from Israel in 1989.")
    assert not found(cs, "ISR", "CHL", "Gripen"), [(c.supplier, c.recipient, c.system, c.rules) for c in cs]


# --- "turned to / relies on X, which sold ...": X supplies the subject (rule recourse-relative) --------------------
@pytest.mark.parametrize("text, sup, rec, what", [
    ("Hanoi has also turned to Israel, which delivered SPYDER systems in 2016.", "ISR", "VNM", "SPYDER"),
    ("Laos relies on Russia, which sold Yak-130 jets last year.", "RUS", "LAO", "Yak-130"),
    ("Uganda has long depended on Belarus, which shipped Mi-24 helicopters in 2012.", "BLR", "UGA", "Mi-24"),
])
def test_a_relative_clause_on_the_state_turned_to_supplies_the_subject(extractor, text, sup, rec, what):
    got = found(read(extractor, text), sup, rec, what)
    assert got and "recourse-relative" in got[0].rules


@pytest.mark.parametrize("text, not_pair", [
    # the relative clause names its own receiver
    ("Armenia has turned to France, which sold CAESAR howitzers to Ukraine.", ("FRA", "ARM")),
    # a clause that gives nothing
    ("Manila has also turned to India, which tested BrahMos missiles in April 2024.", ("IND", "PHL")),
    # a state praised, not turned to
    ("Manila has praised India, which delivered BrahMos missiles to Vietnam.", ("IND", "PHL")),
])
def test_a_relative_clause_on_a_state_needs_a_verb_of_recourse_and_no_receiver(extractor, text, not_pair):
    assert not_pair not in pairs(read(extractor, text))
