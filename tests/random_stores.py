"""Random small stores for the totality tests (tests/analyze/test_total.py, tests/web/test_web_total.py): hypothesis
strategies for documents with claims and for register rows, incomplete in every way a real store can be (no year,
no system, no supplier or recipient, an unknown category or status, hedged only, rejected, echoes, zero or huge
quantities, strange years such as 0 or 9999, duplicate and unicode names), and ``build_store`` that writes one into
a real SQLite file through the store API: documents and claims stored, claims fused into records by the real fusion
(engine/fusion.py, which also keeps the state summaries), register rows imported by the real register import.

The sentences are made up here from the codes and designations; no third-party text.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import strategies as st

from armsflow.model import CATEGORIES, STATUSES

# catalogue states of rival pairs and of the Balkans, a non-state actor, a code the catalogue lacks, a unicode slug
CODES = ["SRB", "XKX", "HRV", "RUS", "CHN", "TUR", "USA", "FRA", "ARM", "AZE", "UKR", "BIH", "houthis", "ZZZ",
         "ünï-milícia"]
SYSTEMS = ["T-72", "Bayraktar TB2", "MiG-29", "Mi-35M", "HQ-22", "Rafale", "Shahed-136", "Т-72Б3", "J-10CE",
           "WESCAM MX-15", "<b>X</b> & \"Y\"", "", "Z" * 200]
WEIRD_YEARS = [0, 1, 999, 1899, 9999, -1]
DOC_KEYS = ["report", "report", "wire-1", "ünï-cødé ☃", "a/b\\c", "k" * 300]
PUBLISHERS = [None, "Wire A", "Wire A", "Ⓐ Ünïcode Times", "<i>Daily</i>", ""]
DATES = [None, dt.date(2023, 5, 2), dt.date(2019, 1, 31), dt.date(1, 1, 1), dt.date(9999, 12, 31)]

REGISTER_NAMES = ["Serbia", "Kosovo", "Russia", "China", "Armenia", "Azerbaijan", "Turkiye", "France",
                  "unknown supplier(s)", "unknown recipient(s)", "Hezbollah (Lebanon)*", "NATO**", "Atlantis",
                  "Côte d'Ivoire"]
REGISTER_DESCRIPTIONS = ["fighter aircraft", "combat helicopter", "APC", "armed UAV", "aircraft engine",
                         "SAM system", "towed gun", "", "ünknown thing"]
REGISTER_DESIGNATIONS = ["MiG-29", "Mi-35M", "Bayraktar TB2", "Rotax-914", "HQ-22", "M-57 60mm", "", "Ⓧ-1"]
REGISTER_COMMENTS = ["", "for 5 Bayraktar TB2 UAV", "Spares for MiG-29 combat aircraft", "for Boraq IFV produced "
                     "in Iran", "aid; possibly second-hand"]


def years() -> st.SearchStrategy:
    return st.one_of(st.none(), st.integers(2005, 2025), st.sampled_from(WEIRD_YEARS))


@dataclass
class ClaimSpec:
    supplier: str | None
    recipient: str | None
    system: str | None
    category: str
    quantity: int | None
    status: str
    year: int | None
    hedged: bool
    review: str                   # extracted | accepted | rejected


@dataclass
class DocSpec:
    key: str
    publisher: str | None
    published: dt.date | None
    title: str | None
    claims: list[ClaimSpec]
    echo_of: int | None           # index of an earlier document this one repeats


@dataclass
class RegisterSpec:
    """A row of a register export; a figure is a number, None (blank) or a string as a cell may hold it."""
    recipient: str
    supplier: str
    order_year: int | str | None
    ordered: int | str | None
    designation: str
    description: str
    delivered: int | None
    delivery_years: list[int | str]
    status: str
    comments: str
    tiv_unit: float | None
    tiv_total: float | str | None
    tiv_delivered: float | str | None


@dataclass
class StoreSpec:
    docs: list[DocSpec] = field(default_factory=list)
    register: list[RegisterSpec] = field(default_factory=list)
    watches: bool = False         # saved watches over every claim (their alerts show on the overview)


claims_ = st.builds(
    ClaimSpec,
    supplier=st.one_of(st.none(), st.sampled_from(CODES)),
    recipient=st.one_of(st.none(), st.sampled_from(CODES)),
    system=st.one_of(st.none(), st.sampled_from(SYSTEMS)),
    category=st.one_of(st.sampled_from(CATEGORIES), st.sampled_from(["", "spaceship"])),
    quantity=st.one_of(st.none(), st.sampled_from([0, 1, 12, 1_000_000])),
    status=st.one_of(st.sampled_from(STATUSES), st.just("rumoured")),
    year=years(),
    hedged=st.booleans(),
    review=st.sampled_from(["extracted", "extracted", "accepted", "rejected"]),
)


@st.composite
def docs_(draw) -> list[DocSpec]:
    n = draw(st.integers(0, 5))
    out = []
    for i in range(n):
        out.append(DocSpec(
            key=draw(st.sampled_from(DOC_KEYS)), publisher=draw(st.sampled_from(PUBLISHERS)),
            published=draw(st.sampled_from(DATES)), title=draw(st.one_of(st.none(), st.sampled_from(
                ["A title", "Ⓣ ünïcode <script>", ""]))),
            claims=draw(st.lists(claims_, max_size=3)),
            echo_of=draw(st.one_of(st.none(), st.integers(0, i - 1))) if i else None))
    return out


# figures a register cell may hold that are no figure: infinite, beyond any integer column, not a number
GARBLED = st.sampled_from(["inf", "1e20", "nan", "-inf", "2016?"])

register_ = st.builds(
    RegisterSpec,
    recipient=st.sampled_from(REGISTER_NAMES), supplier=st.sampled_from(REGISTER_NAMES),
    order_year=st.one_of(years(), GARBLED), ordered=st.one_of(st.none(), st.sampled_from([0, 1, 10]), GARBLED),
    designation=st.sampled_from(REGISTER_DESIGNATIONS), description=st.sampled_from(REGISTER_DESCRIPTIONS),
    delivered=st.one_of(st.none(), st.sampled_from([0, 1, 10])),
    delivery_years=st.lists(st.one_of(st.integers(2005, 2025), st.sampled_from([0, 9999]), GARBLED), max_size=3),
    status=st.sampled_from(["New", "Second hand", ""]), comments=st.sampled_from(REGISTER_COMMENTS),
    tiv_unit=st.one_of(st.none(), st.sampled_from([0.0, 2.5])),
    tiv_total=st.one_of(st.none(), st.sampled_from([0.0, 30.0, 1e6]), GARBLED),
    tiv_delivered=st.one_of(st.none(), st.sampled_from([0.0, 20.0]), GARBLED),
)

stores = st.builds(StoreSpec, docs=docs_(), register=st.lists(register_, max_size=4), watches=st.booleans())


# --- writing a spec into a store ---------------------------------------------------------------------------------

PREAMBLE = """Transfers of major conventional arms from All countries  to All countries . armsflow totality tests.
A '?' in a column indicates uncertain data. armsflow test fixture: figures made up for the tests, not SIPRI's data.
An empty field for 'Number ordered' indicates that data is not yet available.
SIPRI trend-indicator values (TIVs) are in millions.
Line five.
Line six.
Line seven.
Line eight.

Source: armsflow tests.
Data generated: 13 Mar 2025 10:02:49 AM
Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,Number delivered, ,\
Year(s) of delivery,status,Comments,SIPRI TIV per unit,SIPRI TIV for total order,SIPRI TIV of delivered weapons
"""


def register_csv(rows: list[RegisterSpec]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")

    def s(v) -> str:
        return "" if v is None else str(v)

    for r in rows:
        w.writerow([r.recipient, r.supplier, s(r.order_year), "", s(r.ordered), "", r.designation, r.description,
                    s(r.delivered), "", "; ".join(str(y) for y in r.delivery_years), r.status, r.comments,
                    s(r.tiv_unit), s(r.tiv_total), s(r.tiv_delivered)])
    return PREAMBLE + buf.getvalue()


_FAMILIES = {}


def families(catalog):
    from armsflow.catalog.gazetteer import gazetteer_for
    from armsflow.fuse.family import Families

    if id(catalog) not in _FAMILIES:
        _FAMILIES[id(catalog)] = (catalog, Families(gazetteer_for(catalog)))
    return _FAMILIES[id(catalog)][1]


def build_store(spec: StoreSpec, folder: Path, catalog):
    """The spec written into a fresh SQLite store in ``folder`` through the store API; returns the open store."""
    from armsflow.engine.fusion import refuse
    from armsflow.engine.registers import import_register
    from armsflow.model import Claim, Document
    from armsflow.store import open_store
    from armsflow.store.queries import claims as stored_claims

    store = open_store(f"sqlite:///{folder / 'store.db'}")
    store.sync_entities(catalog)
    ids: list[int] = []
    reviews: list[str] = []
    for i, d in enumerate(spec.docs):
        sentences, claims = [], []
        offset = 0
        for j, c in enumerate(d.claims):
            sentence = (f"Note {i}.{j}: {c.supplier or 'someone'} and {c.recipient or 'someone'}, "
                        f"{c.system or c.category or 'equipment'}, {c.quantity}, {c.year}.")
            claims.append(Claim(doc=d.key, supplier=c.supplier, recipient=c.recipient, system=c.system or None,
                                category=c.category, quantity=c.quantity, status=c.status, year=c.year,
                                hedged=c.hedged, evidence=sentence, start=offset, end=offset + len(sentence),
                                extras={"mention": c.system}))
            sentences.append(sentence)
            offset += len(sentence) + 1
            reviews.append(c.review)
        text = " ".join(sentences) or f"Document {i} says nothing about arms."
        echo = None
        if d.echo_of is not None:
            echo = {"original_id": ids[d.echo_of], "kind": "echo", "score": 0.9, "reasons": ["test"]}
        ids.append(store.add_document(Document(id=d.key, text=text, title=d.title, publisher=d.publisher,
                                               published=d.published), claims, "test", echo=echo))
    stored = sorted(stored_claims(store), key=lambda c: c.id)
    for c, review in zip(stored, reviews):
        if review != "extracted":
            store.edit_claim(c.id, "tester", "accept" if review == "accepted" else "reject")
    refuse(store, families(catalog))
    store.mark_fused()
    if spec.register:
        path = folder / "register.csv"
        path.write_text(register_csv(spec.register), encoding="utf-8")
        import_register(store, path, family=families(catalog).family)
    if spec.watches:
        from armsflow.store.watches import add_watch
        from armsflow.watch.match import Criteria

        add_watch(store, "balkan claims", "claims", Criteria(region="balkans"), backfill=True)
        add_watch(store, "new in the balkans", "new-entrant", Criteria(region="balkans", scope="region"),
                  backfill=True)
        add_watch(store, "new in serbia", "new-entrant", Criteria(recipient="SRB"), backfill=True)
        add_watch(store, "hedged drones", "claims", Criteria(category="uav", system="Bayraktar TB2",
                                                             status="delivered", min_sources=1), backfill=True)
    return store
