"""Watch matching as a pure function over hand-built claims: no store, no catalogue."""
from __future__ import annotations

import pytest

from armsflow.watch.match import Criteria, WatchedClaim, claim_matches, match_claims, new_entrants, same_system

BALKANS = frozenset({"ALB", "BIH", "XKX", "MNE", "MKD", "SRB"})


def claim(id_, supplier="RUS", recipient="SRB", system=None, category="uav", status="delivered", **kw):
    return WatchedClaim(id=id_, supplier=supplier, recipient=recipient, system=system, category=category,
                        status=status, **kw)


def ids(claims):
    return [c.id for c in claims]


def test_every_given_criterion_must_hold():
    claims = [claim(1), claim(2, recipient="HRV"), claim(3, category="tank"), claim(4, supplier="CHN"),
              claim(5, status="ordered")]
    assert ids(match_claims(Criteria(recipient="SRB", category="uav"), claims)) == [1, 4, 5]
    assert ids(match_claims(Criteria(recipient="SRB", category="uav", supplier="RUS", status="delivered"),
                            claims)) == [1]
    assert ids(match_claims(Criteria(), claims)) == [1, 2, 3, 4, 5]
    assert claim_matches(Criteria(supplier="CHN"), claims[3]) and not claim_matches(Criteria(supplier="CHN"), claims[0])


def test_region_side():
    claims = [claim(1, supplier="RUS", recipient="SRB"), claim(2, supplier="SRB", recipient="CYP"),
              claim(3, supplier="FRA", recipient="HRV")]
    assert ids(match_claims(Criteria(region="wb"), claims, BALKANS)) == [1, 2]
    assert ids(match_claims(Criteria(region="wb", region_side="recipient"), claims, BALKANS)) == [1]
    assert ids(match_claims(Criteria(region="wb", region_side="supplier"), claims, BALKANS)) == [2]
    with pytest.raises(ValueError):              # the caller must resolve the region's members
        match_claims(Criteria(region="wb"), claims)


def test_hedged_rejected_echoes_reextracted_and_sources():
    claims = [claim(1), claim(2, hedged=True), claim(3, review="rejected"), claim(4, review="accepted"),
              claim(5, echo=True), claim(6, reextracted=True), claim(7, review="edited", sources=3)]
    assert ids(match_claims(Criteria(), claims)) == [1, 2, 4, 5, 7]
    assert ids(match_claims(Criteria(include_hedged=False, include_echoes=False), claims)) == [1, 4, 7]
    assert ids(match_claims(Criteria(include_rejected=True, include_reextracted=True), claims)) == [1, 2, 3, 4, 5,
                                                                                                   6, 7]
    assert ids(match_claims(Criteria(min_sources=2), claims)) == [7]


def test_system_family():
    assert same_system("T-72B3", "T-72") and same_system("Leopard 2A6", "Leopard")
    assert same_system("Bayraktar TB2", "bayraktar tb-2") and same_system("Bayraktar TB2", "Bayraktar")
    assert not same_system("MiG-29", "MiG-2") and not same_system(None, "T-72")
    assert not same_system("Bayraktar TB2", "TB2")
    families = {"TB2": "Bayraktar TB2", "Bayraktar TB2": "Bayraktar TB2"}
    assert same_system("Bayraktar TB2", "TB2", lambda s: families.get(s, s))
    claims = [claim(1, system="Orlan-10"), claim(2, system="Orlan-30"), claim(3)]
    assert ids(match_claims(Criteria(system="Orlan-10"), claims)) == [1]


def test_criteria_round_trip_and_problems():
    c = Criteria(recipient="SRB", category="uav", include_hedged=False)
    assert Criteria.from_json({**c.to_json(), "from_a_newer_version": 1}) == c
    assert Criteria.from_json(None) == Criteria()
    assert c.problems("claims") == []
    assert "recipient SRB" in c.describe() and "unhedged only" in c.describe()
    assert Criteria(category="drones").problems("claims")
    assert Criteria(status="sold").problems("claims")
    assert Criteria().problems("rumours")
    assert Criteria(scope="region").problems("new-entrant")                  # which region?
    assert Criteria(scope="region", region="wb", recipient="SRB").problems("new-entrant")
    assert Criteria(min_sources=2).problems("new-entrant")
    assert Criteria(scope="region").problems("claims")
    assert Criteria(scope="region", region="wb").problems("new-entrant") == []


def test_new_entrant_per_recipient():
    history = [claim(1, supplier="RUS", recipient="SRB"), claim(2, supplier="CHN", recipient="BIH")]
    new = [claim(10, supplier="CHN", recipient="SRB", system="FK-3", category="air_defence"),
           claim(11, supplier="RUS", recipient="SRB"),                       # Russia was there before
           claim(12, supplier="CHN", recipient="SRB", category="uav"),       # repeats claim 10 in this run
           claim(13, supplier="TUR", recipient="HRV"),                       # outside the region
           claim(14, supplier=None, recipient="MNE"),                        # no supplier: no entrant
           claim(15, supplier="CHN", recipient="BIH")]                       # China was in Bosnia before
    got = new_entrants(Criteria(region="wb"), new, history + new, members=BALKANS)
    assert [(e.claim.id, e.scope, e.others) for e in got] == [(10, "SRB", [12])]
    # with no region and no recipient: anywhere
    got = new_entrants(Criteria(), new, history + new)
    assert [(e.claim.id, e.scope) for e in got] == [(10, "SRB"), (13, "HRV")]


def test_new_entrant_in_a_region():
    history = [claim(2, supplier="CHN", recipient="BIH")]
    new = [claim(10, supplier="CHN", recipient="SRB"), claim(11, supplier="ISR", recipient="MNE"),
           claim(12, supplier="ISR", recipient="SRB")]
    got = new_entrants(Criteria(region="wb", scope="region"), new, history, members=BALKANS)
    # China already supplied Bosnia: not new to the region; Israel is, once (its second claim rides along)
    assert [(e.claim.id, e.scope, e.others) for e in got] == [(11, "wb", [12])]


def test_new_entrant_register_and_rejected_and_filters():
    new = [claim(10, supplier="CHN", recipient="SRB", system="CH-92A", category="uav"),
           claim(11, supplier="FRA", recipient="SRB", system="Rafale", category="combat_aircraft")]
    history = [claim(3, supplier="FRA", recipient="SRB", review="rejected")]     # rejected: not knowledge
    register = [("CHN", "SRB", "HQ-22", "air_defence")]
    got = new_entrants(Criteria(recipient="SRB"), new, history, register)
    assert [e.claim.id for e in got] == [11]                                    # SIPRI knew China in Serbia
    # a category narrows the market: China's first UAV for Serbia is new although SIPRI has its air defence
    got = new_entrants(Criteria(recipient="SRB", category="uav"), new, history, register)
    assert [e.claim.id for e in got] == [10]
    # earlier hedged rumours do not count against the first unhedged claim when hedged claims are left out
    rumour = claim(5, supplier="FRA", recipient="SRB", hedged=True)
    assert [e.claim.id for e in new_entrants(Criteria(recipient="SRB"), new, [rumour], register)] == []
    assert [e.claim.id for e in new_entrants(Criteria(recipient="SRB", include_hedged=False), new, [rumour],
                                             register)] == [11]


def test_new_entrant_is_judged_by_storage_order():
    # a claim stored later about an older year does not make the first stored claim less new, and is not new itself
    new = [claim(20, supplier="KOR", recipient="POL", year=2022), claim(21, supplier="KOR", recipient="POL", year=2014)]
    got = new_entrants(Criteria(), new, new)
    assert [(e.claim.id, e.others) for e in got] == [(20, [21])]
    assert new_entrants(Criteria(), new[1:], new) == []           # a later run: claim 20 is earlier knowledge
