"""The actor catalogue (states, organs, non-state actors, firms, groups, traps) as the gazetteer sees it."""
from __future__ import annotations

import copy

import pytest

from armsflow.catalog.gazetteer import Gazetteer, catalog_entries, surface_keys
from armsflow.catalog.loader import DATA_DIR, Catalog, _load_cached, load_into, validate


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer(_load_cached(()))


def actors(gaz: Gazetteer, text: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.kind, m.key) for m in gaz.find(text) if m.is_actor]


def keys(gaz: Gazetteer, text: str) -> set[str]:
    return {m.key for m in gaz.find(text) if m.is_actor}


@pytest.mark.parametrize("text, key", [
    ("Belgrade bought six drones.", "SRB"),
    ("the Kremlin said on Monday", "RUS"),
    ("IRGC-made drones", "IRN"),
    ("Türkiye delivered", "TUR"), ("Turkiye delivered", "TUR"), ("Turkey delivered", "TUR"),
    ("the armed forces of BiH", "BIH"), ("Bosnia-Herzegovina ordered", "BIH"),
    ("Kosovo received", "XKX"), ("a Kosovar official", "XKX"), ("Pristina", "XKX"),
    ("Houthi rebels fired", "houthis"), ("Ansar Allah", "houthis"),
    ("US officials said", "USA"), ("U.S.-made jets", "USA"), ("the Pentagon", "USA"),
    ("the UK and Britain", "GBR"), ("North Korea (DPRK)", "PRK"), ("the ROK Army", "KOR"),
    ("Czechia", "CZE"), ("the Czech Republic", "CZE"), ("Ivory Coast", "CIV"), ("Côte d'Ivoire", "CIV"),
    ("Burma's junta", "MMR"), ("Rosoboronexport signed", "RUS"), ("Yugoimport SDPR", "SRB"),
    ("the Soviet Union", "SUN"), ("Soviet-era tanks", "SUN"), ("East Germany", "DDR"),
    ("Haftar's forces", "lna"), ("the Rapid Support Forces", "rsf"), ("Russia's Wagner Group", "wagner"),
    ("Baykar Makina", "TUR"), ("L3Harris Wescam", "CAN"), ("Embraer", "BRA"), ("Hanwha Aerospace", "KOR"),
    ("Israeli", "ISR"), ("Emirati", "ARE"), ("Azeri forces", "AZE"), ("Dutch", "NLD"),
])
def test_actor_surfaces(gaz, text, key):
    assert key in keys(gaz, text)


def test_capitalised_us_only(gaz):
    assert keys(gaz, "The US and Iran") == {"USA", "IRN"}
    assert keys(gaz, "let us see what they told us") == set()


@pytest.mark.parametrize("text, absent", [
    ("He was born in Atlanta, Georgia, in 1960.", "GEO"),
    ("Georgia Tech engineers", "GEO"),
    ("Bosnian Serbs rallied in Banja Luka.", "SRB"),
    ("Kosovo Serbs protested.", "SRB"),
    ("Washington state lawmakers", "USA"),
    ("the Washington Post reported", "USA"),
    ("New Mexico", "MEX"),
    ("the South China Sea", "CHN"),
    ("Michael Jordan scored", "JOR"),
    ("the Niger Delta", "NER"),
    ("the Indian Ocean", "IND"),
    ("Latin American governments", "USA"),
    ("Rafael Grossi of the IAEA", "ISR"),
])
def test_traps_veto_the_name_inside_them(gaz, text, absent):
    assert absent not in keys(gaz, text)


def test_republika_srpska_is_an_entity_not_a_state(gaz):
    found = actors(gaz, "Republika Srpska police")
    assert found == [("Republika Srpska", "nonstate", "republika-srpska")]
    assert _load_cached(()).nonstate["republika-srpska"].kind == "entity"


def test_longest_name_wins(gaz):
    assert keys(gaz, "Papua New Guinea") == {"PNG"}
    assert keys(gaz, "Guinea-Bissau") == {"GNB"}
    assert keys(gaz, "the Democratic Republic of the Congo") == {"COD"}
    assert keys(gaz, "the People's Republic of China") == {"CHN"}
    assert keys(gaz, "Kataib Hezbollah") == {"kataib-hezbollah"}
    assert keys(gaz, "Nigeria and Niger") == {"NGA", "NER"}


# --- the data itself -------------------------------------------------------------------------------------------------

def _actor_catalog() -> Catalog:
    """Only the actor files: systems and equipment nouns are another file's business."""
    cat = Catalog()
    load_into(cat, DATA_DIR, "armsflow")
    cat.systems.clear()
    cat.equipment.clear()
    return cat


def test_actor_data_is_sound():
    cat = _actor_catalog()
    assert validate(cat) == []
    members = [c for c, st in cat.states.items() if not st.historic]
    assert len(members) == 199            # 193 UN members + XKX, TWN, PSE, VAT, ESH, ABW
    assert {"XKX", "TWN", "PSE", "VAT", "ESH"} <= set(members)
    assert all(cat.states[c].historic for c in ("SUN", "YUG", "CSK", "DDR"))
    assert len(cat.groups["nato"].members) == 32 and len(cat.groups["eu"].members) == 27
    assert len(cat.firms) >= 150


def test_each_surface_lives_in_one_place():
    """The validator tolerates a surface repeated under the same key (an organ and a firm of one state); we don't."""
    seen: dict[str, tuple] = {}
    twice = []
    for surface, entry in catalog_entries(_actor_catalog()):
        for k in surface_keys(surface):
            prev = seen.setdefault(k, (surface, entry[:2]))
            if prev[1] != entry[:2]:
                twice.append((surface, entry[:2], prev))
    assert twice == []


def test_every_trap_vetoes_something():
    cat = Catalog()                            # traps guard weapon words too ("think tank"): the whole catalogue
    load_into(cat, DATA_DIR, "armsflow")
    bare = copy.copy(cat)
    bare.traps = []
    plain, guarded = Gazetteer(bare), Gazetteer(cat)
    dead = []
    for trap in cat.traps:
        texts = (trap, f"the {trap}")          # "the Gulf of Aden": the trap guards the region alias "the Gulf"
        if not any(plain.find(t) and not guarded.find(t) for t in texts):
            dead.append(trap)
    assert dead == []
