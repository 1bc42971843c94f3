"""Web text as a scraper hands it over (extract/webtext.py): link lists of other headlines, page furniture,
captions, corrections, Q&A interviews and tables rendered as text. Every text here is invented."""
from __future__ import annotations

from armsflow.extract.webtext import furniture, tables
from tests.sentences import claims, find, one, tuples


def test_a_read_more_list_of_other_headlines_states_nothing(extractor):
    text = ("Chile ordered six K9 howitzers from South Korea on Monday.\nRead more:\n"
            "Peru buys 12 Gripen jets from Sweden\n- Spain delivers Patriot batteries to Turkey\n")
    assert tuples(claims(extractor, text)) == {("KOR", "CHL", "K9")}


def test_an_inline_related_line_states_nothing(extractor):
    text = ("Ghana received two Super Tucano trainers from Brazil.\n"
            "Related: Kenya orders Turkish drones | Algeria eyes Chinese Wing Loong II drones\n")
    assert {c.recipient for c in claims(extractor, text)} == {"GHA"}


def test_a_sentence_that_opens_like_a_heading_is_still_read(extractor):
    # not a heading: "More" opens a sentence, and the list below "Related:" ends at a sentence
    text = ("More K2 tanks from South Korea arrived in Poland on Monday.\nRelated:\nNorway weighs new tanks\n"
            "Norway ordered 54 Leopard 2A8 tanks from Germany last year.")
    cs = claims(extractor, text)
    one(cs, "KOR", "POL", "K2")
    one(cs, "DEU", "NOR", "Leopard 2A8")


def test_page_furniture_lines_are_known():
    text = "Tags: Poland, K2, tanks\nShare this article: Facebook | Email\nSubscribe to our newsletter.\nBody."
    assert len(furniture(text).skip) == 3


def test_a_caption_never_decides_a_status(extractor):
    text = ("Peru signed for K2 tanks from South Korea.\n"
            "Photo: Peruvian soldiers unload K2 tanks delivered by South Korea at Callao. (Reuters)")
    assert one(claims(extractor, text), "KOR", "PER", "K2").status == "ordered"
    text = ("Photo: South Korea delivered the first K2 tanks to Peru in May. (Reuters)\n"
            "Peru signed a contract for 40 K2 tanks from South Korea in 2023.")
    assert one(claims(extractor, text), "KOR", "PER", "K2").status == "ordered"


def test_a_caption_alone_may_still_tell_a_transfer(extractor):
    text = "Photo: China delivered two Z-9 helicopters to Ghana in May. (Xinhua)"
    assert find(claims(extractor, text), "CHN", "GHA", "Z-9")


def test_a_correction_withdraws_its_earlier_wording(extractor):
    text = ("Peru has bought 10 Gripen E fighters from Sweden.\nThe jets replace the Mirage 2000 fleet.\n"
            "Correction: an earlier version of this article said Peru bought 12 jets; it bought 10.")
    cs = claims(extractor, text)
    assert one(cs, "SWE", "PER", "Gripen E").quantity == 10
    assert not find(cs, "FRA", "PER", "Mirage 2000")


def test_a_correction_replacing_a_weapon_drops_the_old_one(extractor):
    text = ("Kenya to get Italian helicopters\nKenya ordered 12 M-346 trainer jets from Italy.\n"
            "Correction: this article previously said the aircraft were AW109 helicopters; the order is for M-346 "
            "trainer jets.")
    cs = claims(extractor, text)
    one(cs, "ITA", "KEN", "M-346")
    assert not find(cs, "ITA", "KEN", "helicopter")


def test_a_correction_statement_wins_but_an_editors_note_does_not(extractor):
    text = ("Chile has ordered two Avante 2200 corvettes from Spain.\n"
            "Correction: Chile ordered three Avante 2200 corvettes from Spain, not two.")
    assert one(claims(extractor, text), "ESP", "CHL", "Avante 2200").quantity == 3
    text = ("Chile has ordered two Avante 2200 corvettes from Spain.\n"
            "Editor's note: this story was updated; Spain will deliver the Avante 2200 corvettes to Chile in 2027.")
    assert one(claims(extractor, text), "ESP", "CHL", "Avante 2200").status == "ordered"


def test_an_interview_answer_speaks_for_the_interviewees_state(extractor):
    text = ("Ghana's defence minister spoke to our correspondent.\nQ: And the navy?\n"
            "A: China delivered two patrol boats to us last year.")
    one(claims(extractor, text), "CHN", "GHA", "ship")
    text = ("Chile's navy chief spoke to us.\nQ: What about submarines?\nA: Germany sold us two Type 209 boats.")
    one(claims(extractor, text), "DEU", "CHL", "Type 209")


def test_without_questions_an_a_line_is_no_answer(extractor):
    text = "Ghana's defence minister spoke to our correspondent.\nA: China delivered two patrol boats to us."
    assert not find(claims(extractor, text), "CHN", "GHA", "ship")


def test_a_pipe_table_of_deliveries(extractor):
    text = ("Deliveries confirmed in March:\n| Recipient | System | Qty |\n|---|---|---|\n| Ukraine | CAESAR | 6 |\n"
            "| Poland | K2 | 10 |\n")
    cs = claims(extractor, text)
    assert (one(cs, "FRA", "UKR", "CAESAR").status, one(cs, "FRA", "UKR", "CAESAR").quantity) == ("delivered", 6)
    assert one(cs, "KOR", "POL", "K2").status == "delivered"


def test_a_tab_table_with_a_status_column(extractor):
    text = "Supplier\tRecipient\tSystem\tStatus\nFrance\tQatar\tRafale\tordered\nChina\tPakistan\tJ-10C\tdelivered\n"
    cs = claims(extractor, text)
    assert one(cs, "FRA", "QAT", "Rafale").status == "ordered"
    assert one(cs, "CHN", "PAK", "J-10C").status == "delivered"


def test_a_table_that_says_no_transfer_gives_no_claim(extractor):
    # an inventory: what each army fields, not what was passed
    text = "Fleet sizes:\n| Country | System | Qty |\n|---|---|---|\n| Poland | K2 | 180 |\n| Chile | Leopard 2 | 140 |\n"
    assert tables(text) and claims(extractor, text) == []


def test_a_story_sentence_above_a_table_does_not_set_its_status(extractor):
    text = ("Poland signed a contract for Apache helicopters last year.\nThe army lists its fleet below.\n"
            "| Country | System | Qty |\n|---|---|---|\n| Poland | K2 | 180 |\n")
    assert not find(claims(extractor, text), "KOR", "POL", "K2")


def test_an_interviewers_question_states_nothing(extractor):
    text = ("Ghana's defence minister spoke to our correspondent.\nQ: Will Ghana buy Turkish Bayraktar TB2 drones?\n"
            "A: We have no plans for that.")
    assert not find(claims(extractor, text), "TUR", "GHA", "Bayraktar TB2")
    text = ("Ghana's defence minister spoke to our correspondent.\nQ: Will you buy more drones?\n"
            "A: We are negotiating with Turkey over Bayraktar TB2 drones.")
    assert one(claims(extractor, text), "TUR", "GHA", "Bayraktar TB2").status == "negotiating"


def test_a_wire_dateline_names_no_party(extractor):
    # "CITY, State (agency) —" and "CITY/CITY (agency) -": the place of writing, not a seller or a buyer
    text = "WARSAW, Poland — The United States approved the sale of Apache helicopters to Romania."
    assert tuples(claims(extractor, text)) == {("USA", "ROU", "AH-64")}
    text = "ANKARA/ISLAMABAD (Reuters) - Turkey delivered the first MILGEM corvette to Pakistan on Friday."
    assert {(c.supplier, c.recipient) for c in claims(extractor, text)} == {("TUR", "PAK")}
    # not a dateline: a headline's topic before a colon is still read
    one(claims(extractor, "Chile: more Leopard 2 tanks from Germany"), "DEU", "CHL", "Leopard 2")


def test_a_captions_credit_names_no_party(extractor):
    text = ("Romania is in talks with South Korea over K2 tanks.\n"
            "Image: Romanian soldiers inspect a K2 tank delivered for trials / Hyundai Rotem")
    assert tuples(claims(extractor, text)) == {("KOR", "ROU", "K2")}
    for text, credit in (("Photo: A TB2 drone at Teknofest. (Reuters)", "(Reuters)"),
                         ("Photo: A TB2 drone at Teknofest. Credit: Baykar", "Credit: Baykar")):
        assert [text[a:b].strip(" .") for a, b in furniture(text).skip] == [credit]
    # no credit: a caption that ends on its own words keeps them
    assert furniture("Photo caption: BrahMos missiles loaded at Nagpur.").skip == []


def test_a_caption_fills_no_year_or_number_of_the_bodys_record(extractor):
    text = ("Romania has ordered 54 K2 tanks from South Korea, the ministry said.\n"
            "Photo: A K2 tank of the Polish army, which received 180 of them from South Korea in 2022. (Reuters)")
    k2 = one(claims(extractor, text), "KOR", "ROU", "K2")
    assert (k2.quantity, k2.year) == (54, None)


def test_a_table_written_as_rows_of_bars(extractor):
    # an HTML table as the reader renders it: "cell | cell | cell", no outer bars, no rule line
    text = "Deliveries in March\nRecipient | System | Qty\nUkraine | CAESAR | 6\nPoland | K2 | 10\n"
    assert tuples(claims(extractor, text)) == {("FRA", "UKR", "CAESAR"), ("KOR", "POL", "K2")}


def test_an_update_moves_the_story_on_but_never_back(extractor):
    text = ("Chile has ordered two Avante 2200 corvettes from Spain.\n"
            "UPDATE, May 20: Spain delivered the first Avante 2200 corvette to Chile on Friday.")
    assert one(claims(extractor, text), "ESP", "CHL", "Avante 2200").status == "delivered"
    text = ("Qatar has ordered 12 Rafale jets from France.\n"
            "Updated: France delivered the first Rafale jets to Qatar in May.")
    assert one(claims(extractor, text), "FRA", "QAT", "Rafale").status == "delivered"
    text = ("Chile has ordered two Avante 2200 corvettes from Spain.\n"
            "Update: Chile is also in talks with Spain over more Avante 2200 corvettes.")
    assert one(claims(extractor, text), "ESP", "CHL", "Avante 2200").status == "ordered"


def test_a_wire_trailer_is_furniture():
    text = "Body.\nReporting by Jan Kowalski in Warsaw; Editing by John Smith\nAdditional reporting by Kim in Seoul"
    assert len(furniture(text).skip) == 2


def test_an_answer_tells_the_question_it_answers(extractor):
    # "we" and "you" are the interviewee's state, which the intro names
    text = ("Egypt's defence minister spoke to our correspondent.\nQ: Will Egypt buy more Rafales?\n"
            "A: We are studying it.")
    rafale = one(claims(extractor, text), "FRA", "EGY", "Rafale")
    assert (rafale.status, rafale.hedged) == ("interest", False)
    text = ("Ghana's defence minister spoke to our correspondent.\nQ: Did you receive Z-9 helicopters from China?\n"
            "A: Yes, two arrived in May.")
    assert one(claims(extractor, text), "CHN", "GHA", "Z-9").status == "delivered"
    # a denial answers nothing
    text = ("Egypt's defence minister spoke to our correspondent.\nQ: Will Egypt buy more Rafales?\n"
            "A: No, we have no such plans.")
    assert claims(extractor, text) == []


def test_a_page_of_many_table_rows_and_captions_stays_linear():
    # 50,000 rows and 50,000 captions: seconds for a linear reading, hours for a quadratic one (hang_guard.py)
    from hang_guard import run_bounded

    got = run_bounded("""
        import datetime as dt, json
        from armsflow.extract.pipeline import Extractor
        from armsflow.model import Document
        ex = Extractor()
        rows = "Deliveries in 2023:\\n| Recipient | System | Qty |\\n|---|---|---|\\n" + "| Ukraine | CAESAR | 6 |\\n" * 50000
        caps = "".join(f"Photo: a tank at parade {i}. (Reuters)\\nRead more:\\nHeadline {i}\\n" for i in range(50000))
        day = dt.date(2024, 6, 15)
        found = [(c.supplier, c.recipient, c.system) for c in ex.extract(Document(id="r", text=rows, published=day))]
        print(json.dumps([sorted(set(found)), len(ex.extract(Document(id="c", text=caps, published=day)))]))
    """)
    assert got == [[["FRA", "UKR", "CAESAR"]], 0]
