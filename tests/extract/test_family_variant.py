"""One transfer, one record: a document that names a system once by its family ("Scorpene") and once by its variant
("Scorpene Evolved") for the same supplier and recipient states one transfer, unless the two statements disagree
(rule family-and-variant, extract/merge.py). Documents written for this test."""
from __future__ import annotations

import pytest

from armsflow.extract.merge import extends
from armsflow.extract.pipeline import Extractor
from sentences import claims


def records(cs, sup, rec):
    return sorted((c.system or c.category, c.status, c.year, c.quantity) for c in cs
                  if (c.supplier, c.recipient) == (sup, rec))


# each row: a document, the pair, and every record of that pair it must give (system, status, year, quantity)
MERGED = [
    # the family named again for the same deal: the variant's record, completed by the family's statement
    ("Chile signed a contract for three Scorpene Evolved submarines from France in 2023. France will build the "
     "three Scorpene boats for Chile in Cherbourg.", "FRA", "CHL", [("Scorpene Evolved", "ordered", 2023, 3)]),
    ("Romania ordered 24 F-16 Block 70 jets from the United States in 2023. Romania bought the F-16 jets from the "
     "United States to replace its MiG-21s.", "USA", "ROU", [("F-16 Block 70", "ordered", 2023, 24)]),
    ("Kazakhstan bought eight Su-30SM fighters from Russia in 2019. Russia sold the eight Su-30 jets to Kazakhstan "
     "at a discount.", "RUS", "KAZ", [("Su-30SM", "ordered", 2019, 8)]),
    ("Peru ordered two Scorpene Evolved submarines from France. Peru bought the Scorpene boats from France in "
     "2024.", "FRA", "PER", [("Scorpene Evolved", "ordered", 2024, 2)]),
    # the family of another category (the IRIS-T missile) counting nothing of its own: the system's short name
    ("Germany delivered an IRIS-T SLM battery to Slovenia in 2024. Slovenia received the IRIS-T from Germany in "
     "March.", "DEU", "SVN", [("IRIS-T SLM", "delivered", 2024, None)]),
    # a wish before the order of the same boats: the order stands
    ("Brazil is interested in buying Scorpene submarines from France. Brazil ordered four Scorpene Evolved boats "
     "from France in 2023.", "FRA", "BRA", [("Scorpene Evolved", "ordered", 2023, 4)]),
    # the family as the sum of two variants: each variant keeps its record and takes the deal's year
    ("Poland ordered 180 K2 tanks from South Korea in 2022. Poland bought K2GF tanks from South Korea and will "
     "assemble K2PL tanks under licence from South Korea.", "KOR", "POL",
     [("K2GF", "ordered", 2022, None), ("K2PL", "ordered", 2022, None)]),
]

KEPT = [
    # what the state has flown for decades is another transfer than what it has just ordered
    ("Taiwan flies 140 F-16 jets supplied by the United States in the 1990s. In 2019 Taiwan ordered 66 F-16 "
     "Block 70 jets from the United States.", "USA", "TWN",
     [("F-16", "delivered", None, 140), ("F-16 Block 70", "ordered", 2019, 66)]),
    # what it has is not what it wants
    ("Greece operates Su-30 fighters bought from Russia long ago. It is now eyeing Su-30SM jets from Russia.",
     "RUS", "GRC", [("Su-30", "delivered", None, None), ("Su-30SM", "interest", None, None)]),
    # another year and another number: two orders
    ("India ordered 26 Rafale M jets from France in 2025. India had bought 36 Rafale jets from France in 2016.",
     "FRA", "IND", [("Rafale", "ordered", 2016, 36), ("Rafale M", "ordered", 2025, 26)]),
    # another number, no year: two batches
    ("Bahrain ordered 16 F-16 Block 70 jets from the United States. Bahrain also bought 20 F-16 jets from the "
     "United States.", "USA", "BHR", [("F-16", "ordered", None, 20), ("F-16 Block 70", "ordered", None, 16)]),
    # one sentence naming both sets them apart: the whole and its part
    ("Norway ordered F-16 jets from the United States, among them F-16 Block 70s.", "USA", "NOR",
     [("F-16", "ordered", None, None), ("F-16 Block 70", "ordered", None, None)]),
    ("Chile bought Scorpene submarines from France, including two Scorpene Evolved boats.", "FRA", "CHL",
     [("Scorpene", "ordered", None, None), ("Scorpene Evolved", "ordered", None, 2)]),
    # the missile counted beside its launcher system: a record of its own
    ("Slovakia ordered IRIS-T SLM systems from Germany in 2023. Slovakia also bought 200 IRIS-T missiles from "
     "Germany.", "DEU", "SVK", [("IRIS-T", "ordered", None, 200), ("IRIS-T SLM", "ordered", 2023, None)]),
]


@pytest.mark.parametrize("text, sup, rec, expected", MERGED + KEPT,
                         ids=[f"merged-{i}" for i in range(len(MERGED))] + [f"kept-{i}" for i in range(len(KEPT))])
def test_one_transfer_one_record(extractor, text, sup, rec, expected):
    assert records(claims(extractor, text), sup, rec) == sorted(expected)


@pytest.mark.parametrize("text, sup, rec, expected", MERGED[:3], ids=[f"merged-{i}" for i in range(3)])
def test_the_merge_names_its_rule_and_can_be_switched_off(catalog, extractor, text, sup, rec, expected):
    merged = [c for c in claims(extractor, text) if (c.supplier, c.recipient) == (sup, rec)]
    assert all("family-and-variant" in c.rules for c in merged)
    off = Extractor(catalog, nlp=extractor.nlp, disabled_rules={"family-and-variant"})
    assert len(records(claims(off, text), sup, rec)) == 2


@pytest.mark.parametrize("variant, family, expected", [
    ("F-16 Block 70", "F-16", True),          # a new word
    ("Scorpene Evolved", "Scorpene", True),
    ("Su-30SM", "Su-30", True),               # letters after the number
    ("K2PL", "K2", True),
    ("S-300", "S-3", False),                  # the same number made longer
    ("Tornado", "Tor", False),                # the same word made longer
    ("F-16", "F-16", False),                  # the same name
    ("Su-30", "Su-30SM", False),              # the other way round
])
def test_a_variant_extends_its_family_at_a_boundary(variant, family, expected):
    assert extends(variant, family) is expected
