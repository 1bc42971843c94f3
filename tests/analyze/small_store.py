"""A small store written for the analyze tests: six register deals (a classic SIPRI-style CSV, figures made up) and two
news records with the claims behind them."""
from __future__ import annotations

import datetime as dt

PREAMBLE = """Transfers of major conventional arms from All countries  to All countries . armsflow analyze tests.
A '?' in a column indicates uncertain data. armsflow test fixture: figures made up for the tests, not SIPRI's data.
An empty field for 'Number ordered' indicates that data is not yet available.
SIPRI trend-indicator values (TIVs) are in millions.
Line five.
Line six.
Line seven.
Line eight.

Source: armsflow tests.
Data generated: 13 Mar 2025 10:02:49 AM
Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,SIPRI TIV for total order,SIPRI TIV of delivered weapons
"""
DEALS = """Serbia,Russia,2016,,10,,MiG-29,fighter aircraft,10,,2017,Second hand,,2,20,20
Serbia,China,2020,,3,,HQ-22,SAM system,3,,2022; 2023,New,,10,30,30
Serbia,Russia,2021,,5,,Mi-35M,combat helicopter,,,,New,,4,20,
Armenia,Russia,2012,,2,,Smerch,self-propelled MRL,2,,2013,New,,5,10,10
Kosovo,Turkiye,2023,,5,,Bayraktar TB2,armed UAV,5,,2023,New,,1,5,5
Croatia,France,2021,,12,,Rafale,FGA aircraft,6,,2023; 2024,Second hand,,8,96,48
"""


def build_small_store(store, folder):
    """The register deals above, then two news records: Iran -> Serbia drones (2023, hedged, one source) and
    Turkey -> Kosovo armoured vehicles (2023, plain, one source)."""
    from armsflow.analyze.dataset import make_record
    from armsflow.engine.registers import import_register
    from armsflow.model import Claim, Document
    from armsflow.store.queries import claims

    path = folder / "register.csv"
    path.write_text(PREAMBLE + DEALS, encoding="latin-1")
    import_register(store, path)
    iran = "Serbia has allegedly expressed interest in Iranian drones."
    turkey = "Kosovo took delivery of Turkish armoured vehicles in 2023."
    store.add_document(Document(id="iran-serbia", text=iran, publisher="Wire A", published=dt.date(2023, 12, 1)),
                       [Claim("iran-serbia", "IRN", "SRB", None, "uav", None, "interest", 2023, True, iran, 0,
                              len(iran))], "test")
    store.add_document(Document(id="turkey-kosovo", text=turkey, publisher="Wire B",
                                published=dt.date(2023, 5, 2)),
                       [Claim("turkey-kosovo", "TUR", "XKX", None, "armoured_vehicle", None, "delivered", 2023, False,
                              turkey, 0, len(turkey))], "test")
    ids = {c.doc: c.id for c in claims(store)}
    store.replace_records([
        (make_record("IRN", "SRB", "uav", 2023, status="interest", hedged=True, first_seen=dt.date(2023, 12, 1),
                     key="news|IRN|SRB|uav|2023"), [ids["iran-serbia"]]),
        (make_record("TUR", "XKX", "armoured_vehicle", 2023, first_seen=dt.date(2023, 5, 2),
                     key="news|TUR|XKX|armoured_vehicle|2023"), [ids["turkey-kosovo"]]),
    ], None)
    return store

