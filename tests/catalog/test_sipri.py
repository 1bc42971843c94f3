"""SIPRI vocabulary (names -> codes, descriptions -> categories) and the designation import into the user catalogue."""
from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml

from armsflow.catalog import loader
from armsflow.catalog.gazetteer import Gazetteer
from armsflow.catalog.loader import Catalog, _load_cached, load_catalog, load_into, validate
from armsflow.catalog.sipri import OUT_NAME, generic_reason, import_sipri
from armsflow.catalog.sipri_codes import category_rule, lookup_name, resolve_name, sipri_category, sipri_names
from armsflow.ingest.sipri import RegisterError, read_register
from armsflow.model import CATEGORIES

FIXTURES = Path(__file__).resolve().parents[1] / "ingest" / "data"
CLASSIC = FIXTURES / "sipri-classic.csv"
BY_DELIVERY = FIXTURES / "sipri-by-delivery.csv"

REPO = Path(__file__).resolve().parents[2]
SIPRI = REPO.parent / "shared" / "data" / "sipri"
REAL = [SIPRI / "trade-register-2025-03.csv", SIPRI / "trade-register-by-delivery-2026-02.csv"]


def _real_files() -> list[Path]:
    missing = [p.name for p in REAL if not p.exists()]
    if missing:
        pytest.skip(f"SIPRI exports {', '.join(missing)} not found under {SIPRI} (../shared is absent)")
    return REAL


def _entries(out_dir: Path) -> dict[str, dict]:
    data = yaml.safe_load((out_dir / OUT_NAME).read_text(encoding="utf-8"))
    return {e["name"]: e for e in data}


@pytest.fixture
def home(tmp_path, monkeypatch):
    """An empty ARMSFLOW_HOME; the loader cache is cleared around the test so it sees the imported file."""
    monkeypatch.setenv("ARMSFLOW_HOME", str(tmp_path / "home"))
    _load_cached.cache_clear()
    yield tmp_path / "home" / "catalog"
    _load_cached.cache_clear()


# --- names and descriptions ----------------------------------------------------------------------------------------

def test_name_table_targets_exist_in_the_catalogue():
    cat = _load_cached(())
    known = set(cat.states) | set(cat.nonstate) | set(cat.groups)
    bad = {name: code for name, code in sipri_names().items() if code is not None and code not in known}
    assert not bad


@pytest.mark.parametrize("name, code", [
    ("Turkiye", "TUR"), ("Soviet Union", "SUN"), ("East Germany (GDR)", "DDR"), ("Viet Nam", "VNM"),
    ("Houthi rebels (Yemen)*", "houthis"), ("PRC (Israel/Palestine)*", "popular-resistance-committees"),
    ("United Nations**", "un"), ("NATO**", "nato"), ("Libya HoR*", "lna"), ("unknown supplier(s)", None),
    # not in the table: the catalogue fallback, after SIPRI's marks are stripped
    ("Türkiye", "TUR"), ("Hezbollah (Syria)*", "hezbollah"), ("Republic of Korea", "KOR"),
])
def test_resolve_name(name, code):
    assert resolve_name(name) == code


def test_unknown_name_is_reported_as_not_found():
    assert lookup_name("Atlantis") == (False, None)
    assert lookup_name("unknown supplier(s)") == (True, None)


@pytest.mark.parametrize("description, category", [
    ("trainer/combat aircraft", "combat_aircraft"), ("(armed) trainer aircraft", "aircraft"),
    ("SSM", None), ("surface-to-surface missile", "missile"), ("SAM system", "air_defence"),
    ("portable SAM", "air_defence"), ("long-range air-to-air missile/SAM", "missile"), ("APC", "armoured_vehicle"),
    ("tank destroyer", "armoured_vehicle"), ("self-propelled gun", "artillery"), ("turbofan", "other"),
    ("UAV", "uav"), ("armed UAV", "uav"), ("loitering munition", "loitering_munition"),
    ("one-way attack drone", "loitering_munition"), ("anti-tank/air-to-surface missile", "anti_tank"),
    ("anti-radar missile", "missile"), ("anti-submarine aircraft", "aircraft"), ("anti-ship helicopter", "helicopter"),
    ("aircraft carrier", "ship"), ("combat aircraft radar", "sensor"), ("tank turret", "other"),
    ("anti-aircraft gun", "air_defence"), ("multiple rocket launcher", "artillery"), ("destroyer", "ship"),
])
def test_category_rule(description, category):
    assert category_rule(description) == category


def test_armament_category_is_the_fallback():
    assert sipri_category("SSM", "Missiles") == "missile"
    assert sipri_category("something new", "Air-defence systems") == "air_defence"
    assert sipri_category("something new") == "other"
    assert sipri_category("UAV", "Missiles") == "uav"          # the description wins when a rule covers it


def test_every_real_name_maps():
    unmapped = Counter()
    for path in _real_files():
        for row in read_register(path):
            for name in (row.supplier_name, row.recipient_name):
                if not lookup_name(name)[0]:
                    unmapped[name] += 1
                if name not in sipri_names():
                    unmapped[f"(not pinned) {name}"] += 1
    assert not unmapped


def test_every_real_description_has_a_rule(capsys):
    by_category: Counter = Counter()
    descriptions: dict[str, set] = {}
    uncovered = set()
    for path in _real_files():
        for row in read_register(path):
            category = category_rule(row.description)
            if category is None:
                uncovered.add(row.description)
                continue
            by_category[category] += 1
            descriptions.setdefault(category, set()).add(row.description)
    assert not uncovered
    assert set(by_category) <= set(CATEGORIES)
    with capsys.disabled():
        print("\nSIPRI description -> category (rows, distinct descriptions):")
        for category, n in by_category.most_common():
            print(f"  {category:20} {n:6} {len(descriptions[category]):4}")


# --- what may become a surface ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("designation, reason", [
    ("aircraft engine", "lower-case phrase"), ("Castle", "plain English words"), ("Black Shark", "plain English words"),
    ("BTS", "short acronym"), ("VC", "too short"), ("K-9", None), ("Su-30MKK", None), ("Boxer APC", None),
    ("IRIS-T", None), ("MT-LB", None), ("Tarasque", None),
])
def test_generic_reason(designation, reason):
    assert generic_reason(designation) == reason


# --- the import ------------------------------------------------------------------------------------------------------

def test_import_classic_fixture(home):
    report = import_sipri(CLASSIC, home)
    assert (report.rows, report.deals, report.designations) == (12, 12, 10)
    assert report.skipped == 3 and sum(report.skip_reasons.values()) == 3
    assert report.skip_reasons["same as catalogue seat"] == 1          # "Berlin"
    assert report.skip_reasons["plain English words"] == 1              # "Castle"
    assert report.new_systems + report.matched == 7
    entries = _entries(home)
    assert {"aircraft engine", "Castle", "Berlin"}.isdisjoint(entries)
    tarasque = entries["Tarasque-4"]
    assert (tarasque["category"], tarasque["origin"], tarasque["source"]) == ("uav", "CHN", "sipri")
    # two second-hand Pakistani transfers do not outweigh the one new-built Chinese one
    assert entries["Vostok-7X"]["origin"] == "CHN" and entries["Vostok-7X"]["category"] == "combat_aircraft"
    assert entries["Zuzka-9 152mm"]["category"] == "artillery"
    assert entries["Qasef-2X"]["origin"] is None                  # only an unknown supplier
    # two spellings of one designation: one system, the other spelling an alias
    sjo = [e for e in entries.values() if {"Sjöbjörn-2", "Sjobjorn 2"} & {e["name"], *e["aliases"]}]
    assert len(sjo) == 1 and {"Sjöbjörn-2", "Sjobjorn 2"} == {sjo[0]["name"], *sjo[0]["aliases"]}
    assert not [p for p in home.iterdir() if p.name != OUT_NAME]  # no temporary file left behind


def test_reimport_is_idempotent(home):
    import_sipri(CLASSIC, home)
    first = (home / OUT_NAME).read_bytes()
    again = import_sipri(CLASSIC, home)
    assert (again.new_systems, again.new_aliases) == (0, 0)
    assert (home / OUT_NAME).read_bytes() == first


def test_second_register_merges_into_the_first(home):
    import_sipri(CLASSIC, home)
    before = _entries(home)
    report = import_sipri(BY_DELIVERY, home)
    assert (report.rows, report.deals) == (6, 5)
    entries = _entries(home)
    assert set(before) <= set(entries) and entries["Tarasque-4"] == before["Tarasque-4"]
    assert entries["Kestrel Mk-3"]["category"] == "armoured_vehicle"
    assert entries["Kestrel Mk-3"]["origin"] is None
    assert report.new_systems == 1
    names = [e["name"] for e in yaml.safe_load((home / OUT_NAME).read_text(encoding="utf-8"))]
    assert len(names) == len(set(names))


def test_loader_finds_imported_designations(home):
    before = set(validate(load_catalog()))
    import_sipri(CLASSIC, home)
    _load_cached.cache_clear()
    cat = load_catalog()
    assert set(validate(cat)) <= before          # the import adds no catalogue problem
    found = Gazetteer(cat).find("Kenya received three Vostok-7X jets and a Sjöbjörn 2 boat.")
    systems = {m.text: m for m in found if m.kind == "system"}
    assert systems["Vostok-7X"].category == "combat_aircraft" and systems["Vostok-7X"].origin == "CHN"
    assert "Sjöbjörn 2" in systems
    assert load_catalog(include_user=False).systems.get("Vostok-7X") is None


def test_spelling_of_a_curated_system_becomes_an_alias(home, tmp_path, monkeypatch):
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    shutil.copy(loader.DATA_DIR / "states.yaml", shipped / "states.yaml")
    (shipped / "systems.yaml").write_text("- {name: Tarasque 4, category: uav, origin: CHN}\n", encoding="utf-8")
    monkeypatch.setattr("armsflow.catalog.sipri.DATA_DIR", shipped)
    report = import_sipri(CLASSIC, home)
    assert report.new_aliases >= 1
    assert _entries(home)["Tarasque 4"]["aliases"] == ["Tarasque-4"]
    cat = Catalog()
    load_into(cat, shipped, "armsflow")
    load_into(cat, home, "user")
    merged = cat.systems["Tarasque 4"]
    assert merged.source == "armsflow" and "Tarasque-4" in merged.aliases and "Tarasque-4" not in cat.systems


def test_summary_is_one_line(home):
    line = import_sipri(CLASSIC, home).summary()
    assert "\n" not in line and "12 rows" in line and "new systems" in line and str(home / OUT_NAME) in line


def test_broken_existing_file_is_reported(home):
    home.mkdir(parents=True)
    (home / OUT_NAME).write_text("- {name: [unclosed\n", encoding="utf-8")
    with pytest.raises(RegisterError, match=OUT_NAME):
        import_sipri(CLASSIC, home)


def test_bad_register_is_reported_before_anything_is_written(home, tmp_path):
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(RegisterError):
        import_sipri(other, home)
    assert not (home / OUT_NAME).exists()


def test_real_import_is_idempotent_and_usable(home):
    path = _real_files()[0]
    before = set(validate(load_catalog()))
    first = import_sipri(path, home)
    assert first.rows == 29_515 and first.designations > 3_000 and first.new_systems > 1_000
    again = import_sipri(path, home)
    assert (again.new_systems, again.new_aliases) == (0, 0)
    _load_cached.cache_clear()
    cat = load_catalog()
    assert set(validate(cat)) <= before
    found = [m for m in Gazetteer(cat).find("Iran supplied Mohajer-6 drones and a 1L119 Nebo-SVU radar.")
             if m.kind == "system"]
    assert [(m.text, m.category) for m in found] == [("Mohajer-6", "uav"), ("1L119 Nebo-SVU", "sensor")]
