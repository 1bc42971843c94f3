"""The catalogue's extra system names (system_names.yaml, weak names, design bureaus spelled out, near misses) and
the short canonical names: a name a store holds from before still finds the same system family."""
from __future__ import annotations

import pytest

from armsflow.catalog.gazetteer import Gazetteer, NearMisses, _osa1, spelled_out
from armsflow.catalog.loader import CatalogError, _load_cached, load_into, validate


@pytest.fixture(scope="module")
def cat():
    return _load_cached(())


@pytest.fixture(scope="module")
def gaz(cat) -> Gazetteer:
    return Gazetteer(cat)


def found(gaz, text):
    return [(m.text, m.key, m.weak) for m in gaz.find(text) if m.kind == "system"]


def test_the_shipped_catalogue_is_sound(cat):
    assert validate(cat) == []


def test_reporting_names_and_transliterations_name_catalogue_systems(gaz):
    assert found(gaz, "Fishbed, Frogfoot, Foxbat") == [("Fishbed", "MiG-21", False), ("Frogfoot", "Su-25", False),
                                                       ("Foxbat", "MiG-25", False)]
    assert found(gaz, "Shaheed-136 and Iskandar-M") == [("Shaheed-136", "Shahed-136", False),
                                                         ("Iskandar-M", "Iskander", False)]


def test_plain_word_names_are_weak(gaz):
    # weak mentions are kept by the gazetteer and dropped by the extractor unless a weapon noun backs them up
    assert found(gaz, "the Flanker and the Hind") == [("Flanker", "Su-27", True), ("Hind", "Mi-24", True)]
    assert found(gaz, "Hermes and Rainbow") == [("Hermes", "Hermes", True), ("Rainbow", "Rainbow", True)]
    assert found(gaz, "Hermes 450 and Cai Hong") == [("Hermes 450", "Hermes 450", False),
                                                     ("Cai Hong", "Rainbow", False)]
    # the title-case rule still holds: the lower-case word is not the name
    assert found(gaz, "a rainbow over the hind legs") == []


def test_design_bureau_spelled_out():
    assert spelled_out("Su-30MKI") == "Sukhoi-30MKI"
    assert spelled_out("Il-76MD") == "Ilyushin-76MD"
    assert spelled_out("Sukhoi Su-30") is None and spelled_out("MiG-29") is None


def test_spelled_out_names_match(gaz):
    assert found(gaz, "Sukhoi-57 and Tupolev-160") == [("Sukhoi-57", "Su-57", False), ("Tupolev-160", "Tu-160", False)]


@pytest.mark.parametrize("a, b, one", [
    ("rafale", "rafalle", True), ("rafale", "rafael", True), ("gripen", "gripin", True), ("kornet", "kornett", True),
    ("rafale", "rafale", False), ("gripen", "grpien", True), ("gripen", "gropan", False), ("mohajer6", "mohajir7", False),
])
def test_edit_distance_one(a, b, one):
    assert _osa1(a, b) is one and _osa1(b, a) is one


def test_near_misses_keep_digits_and_first_letter(cat):
    nm = NearMisses(cat)
    assert nm.lookup("Mohajir-6") == "Mohajer-6"
    assert nm.lookup("Rafalle") == "Rafale"
    assert nm.lookup("Su-36") is None           # another number is another system
    assert nm.lookup("Su-3") is None            # too short to be read as a slip
    assert nm.lookup("Striker") is None         # an English word
    assert nm.lookup("rafalle") is None         # a lower-case word is not a designation
    assert nm.lookup("Hafale") is None          # the first letter must agree
    assert nm.lookup("Rafale") is None          # written right: the gazetteer's business


@pytest.mark.parametrize("old, new", [
    ("MH-60R Seahawk", "MH-60R"), ("T129 ATAK", "T129"), ("BM-21 Grad", "BM-21"), ("AIM-120 AMRAAM", "AIM-120"),
    ("KF-21 Boramae", "KF-21"), ("2S19 Msta-S", "2S19"),
])
def test_former_canonical_names_are_aliases(cat, gaz, old, new):
    assert new in cat.systems and old not in cat.systems
    assert old in cat.systems[new].aliases
    assert [m.key for m in gaz.find(old) if m.kind == "system"] == [new]


@pytest.mark.parametrize("written", ["MH-60R Seahawk", "MH-60R", "Seahawk", "SH-60 Seahawk", "MH-60R Seahawk helicopter"])
def test_stored_names_fuse_into_one_family(gaz, written):
    from armsflow.fuse.family import Families
    assert Families(gaz).family(written, "helicopter") == "MH-60R"


def test_names_for_an_unknown_system_are_an_error(tmp_path):
    from armsflow.catalog.loader import Catalog
    (tmp_path / "system_names.yaml").write_text("- {system: No Such Jet, aliases: [Nosuch]}\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="No Such Jet"):
        load_into(Catalog(), tmp_path, "user")


def test_a_weak_name_must_be_a_name_of_the_system(tmp_path):
    from armsflow.catalog.loader import Catalog
    (tmp_path / "states.yaml").write_text("- {code: AAA, name: Aland}\n", encoding="utf-8")
    (tmp_path / "systems.yaml").write_text("- {name: Zephyr-9, aliases: [Zephyr], origin: AAA, category: uav, "
                                           "weak: [Breeze]}\n", encoding="utf-8")
    cat = Catalog()
    load_into(cat, tmp_path, "user")
    assert any("weak name 'Breeze'" in p for p in validate(cat))


@pytest.mark.parametrize("designation, family", [
    ("AIM-120C AMRAAM", "AIM-120"),        # a variant and a second name of one curated system
    ("CH-47D Chinook", "CH-47"),
    ("SH-60B Seahawk", "MH-60R"),
    ("S-70L Black Hawk", None),            # two systems named: not a spelling of either
    ("F-16C Block-50", None),              # says more than its family
    ("Hermes-450", None),                  # one name: the import matches it by its folded spelling instead
])
def test_register_spellings_of_curated_families(gaz, designation, family):
    from armsflow.catalog.sipri import variant_of
    assert variant_of(gaz, designation) == family
