"""Map anchors (catalog/data/places.yaml): every state has one, every anchor is a real position of a known actor."""
from __future__ import annotations

import math

import pytest

from armsflow.catalog.loader import CatalogError
from armsflow.catalog.places import load_places, read_places


@pytest.fixture(scope="module")
def places():
    return load_places(include_user=False)


def test_every_state_has_coordinates(catalog, places):
    missing = sorted(code for code in catalog.states if code not in places)
    assert not missing, f"states without coordinates in places.yaml: {missing}"


def test_every_based_nonstate_actor_has_coordinates(catalog, places):
    missing = sorted(ns.slug for ns in catalog.nonstate.values() if ns.based_in and ns.slug not in places)
    assert not missing, f"non-state actors with based_in but no coordinates: {missing}"


def test_coordinates_are_in_range(places):
    for key, (lat, lon) in places.items():
        assert math.isfinite(lat) and math.isfinite(lon), key
        assert -90 <= lat <= 90, f"{key}: latitude {lat}"
        assert -180 <= lon <= 180, f"{key}: longitude {lon}"


def test_every_key_is_a_known_actor(catalog, places):
    known = set(catalog.states) | set(catalog.nonstate) | set(catalog.groups)
    assert sorted(set(places) - known) == []


@pytest.mark.parametrize("code, lat, lon", [
    ("SRB", 44.79, 20.45),     # Belgrade
    ("USA", 38.90, -77.04),    # Washington: western longitudes are negative
    ("AUS", -35.28, 149.13),   # Canberra: southern latitudes are negative
    ("XKX", 42.66, 21.17), ("TWN", 25.03, 121.57), ("PSE", 31.90, 35.20),
    ("SUN", 55.76, 37.62),     # historic: Moscow
])
def test_known_capitals(places, code, lat, lon):
    assert places[code] == pytest.approx((lat, lon), abs=0.01)


def test_anchor_lies_in_the_based_in_states_neighbourhood(catalog, places):
    """A swapped lat/lon or a sign slip puts an anchor far from its state's capital: 2,500 km is generous
    (Tindouf for Polisario, Kidal for the MNLA) yet catches a slip."""
    def km(a, b):
        (la1, lo1), (la2, lo2) = (tuple(map(math.radians, p)) for p in (a, b))
        h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
        return 2 * 6371 * math.asin(math.sqrt(h))

    far = [(ns.slug, round(km(places[ns.slug], places[ns.based_in]))) for ns in catalog.nonstate.values()
           if ns.based_in and ns.slug in places and ns.based_in in places
           and km(places[ns.slug], places[ns.based_in]) > 2500]
    assert far == []


def test_malformed_file_names_the_key(tmp_path):
    p = tmp_path / "places.yaml"
    p.write_text("SRB: [44.79]\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="SRB"):
        read_places(p)
    p.write_text("SRB: [144.79, 20.45]\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="latitude"):
        read_places(p)


def test_user_file_overrides_and_adds(tmp_path, monkeypatch):
    (tmp_path / "catalog").mkdir()
    (tmp_path / "catalog" / "places.yaml").write_text("SRB: [45.25, 19.84]\nmy-group: [1.5, 2.5]\n",
                                                      encoding="utf-8")
    monkeypatch.setenv("ARMSFLOW_HOME", str(tmp_path))
    places = load_places()
    assert places["SRB"] == (45.25, 19.84) and places["my-group"] == (1.5, 2.5)
    assert places["RUS"] == (55.76, 37.62)
