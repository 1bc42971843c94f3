"""Register imports in the store: SIPRI exports of both layouts as deals and records, on SQLite and PostgreSQL.

Fixtures in tests/store/data/ are written for these tests (figures shaped like SIPRI's): a classic export of March
2025 and a by-delivery export of February 2026 that states most of the same deals differently (base designations,
no number ordered, deliveries from 1995 only). The real exports in ../shared/data/sipri/ are used when present.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from armsflow.engine.registers import import_register
from armsflow.ingest.sipri import RegisterError, read_register, register_info
from armsflow.store import open_store
from armsflow.store import registers as store_registers
from armsflow.store.queries import RecordFilter, records
from armsflow.store.schema import RecordRow, RegisterFile, RegisterRow

DATA = Path(__file__).parent / "data"
CLASSIC = DATA / "sipri-2025-classic.csv"              # layout 1, Latin-1, 12 deals
BY_DELIVERY = DATA / "sipri-2026-by-delivery.csv"      # layout 2, UTF-8, CRLF, 17 rows, 10 deals
REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SIPRI = SHARED / "data" / "sipri"
REAL_1 = SIPRI / "trade-register-2025-03.csv"
REAL_2 = SIPRI / "trade-register-by-delivery-2026-02.csv"
PG_BASE = os.environ.get("ARMSFLOW_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


# --- stores: SQLite and PostgreSQL ----------------------------------------------------------------------------------

def _postgres_schema():
    """A fresh schema on the test PostgreSQL server: (url, drop function); skips (or fails when
    ARMSFLOW_REQUIRE_POSTGRES=1) when the server cannot be reached."""
    import psycopg

    conninfo = PG_BASE.replace("postgresql+psycopg://", "postgresql://")
    name = f"t_{uuid.uuid4().hex[:12]}"
    try:
        with psycopg.connect(conninfo, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE SCHEMA "{name}"')
    except psycopg.Error as exc:
        reason = f"PostgreSQL at {conninfo} is not reachable ({str(exc).strip().splitlines()[0]})"
        if os.environ.get("ARMSFLOW_REQUIRE_POSTGRES") == "1":
            pytest.fail(reason + " and ARMSFLOW_REQUIRE_POSTGRES=1")
        pytest.skip(reason + "; set ARMSFLOW_REQUIRE_POSTGRES=1 to make this a failure")

    def drop():
        with psycopg.connect(conninfo, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')

    sep = "&" if "?" in PG_BASE else "?"
    return f"{PG_BASE}{sep}options=-csearch_path%3D{name}", drop


def _open(backend: str, tmp: Path):
    if backend == "sqlite":
        return open_store(f"sqlite:///{tmp / 'store.db'}"), (lambda: None)
    url, drop = _postgres_schema()
    return open_store(url), drop


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    st, drop = _open(request.param, tmp_path)
    yield st
    st.engine.dispose()
    drop()


@pytest.fixture(scope="session")
def family():
    from armsflow.catalog.gazetteer import gazetteer_for
    from armsflow.catalog.loader import load_catalog
    from armsflow.fuse.family import Families

    return Families(gazetteer_for(load_catalog(include_user=False))).family


def _count(store, table, *where) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(table).where(*where)) or 0


def _sipri(store) -> dict[str, object]:
    return {r.key: r for r in records(store, RecordFilter(source="sipri"))}


# --- fixtures in each layout ----------------------------------------------------------------------------------------

def test_register_info_reads_the_preamble():
    a, b = register_info(CLASSIC), register_info(BY_DELIVERY)
    assert (a.layout, a.generated.isoformat(), a.years) == (1, "2025-03-13", (None, None))
    assert (b.layout, b.generated.isoformat(), b.years) == (2, "2026-02-12", (1995, 2025))


def test_classic_import_rows_and_records(store, family):
    result = import_register(store, CLASSIC, family=family)
    assert not result.already
    assert (result.file.rows, result.file.deals, result.file.layout) == (12, 12, 1)
    assert result.changes.added == 12
    assert _count(store, RegisterRow) == 12 and _count(store, RecordRow, RecordRow.source == "sipri") == 12
    recs = _sipri(store)
    hq = recs["sipri|CHN|SRB|HQ-22|2020|n3"]
    assert (hq.supplier, hq.recipient, hq.system, hq.category) == ("CHN", "SRB", "HQ-22", "air_defence")
    assert (hq.period_start, hq.period_end, hq.status) == (2020, 2023, "delivered")
    assert (hq.quantity_min, hq.quantity_max, hq.sources, hq.confidence) == (3, 3, 1, 0.95)
    assert [(e.status, e.year) for e in hq.timeline] == [("ordered", 2020), ("delivered", 2022), ("delivered", 2023)]
    assert str(hq.first_seen) == "2025-03-13"
    # partial delivery: still an open order, 10 of 50 so far
    lav = recs["sipri|CAN|UKR|Piranha LAV-6|2023|n50"]
    assert (lav.status, lav.quantity_min, lav.quantity_max, lav.period_end) == ("ordered", 10, 50, 2024)
    # nothing delivered yet: ordered, the period is the order year
    berlin = recs["sipri|DEU|NOR|Berlin|2023|n1"]
    assert (berlin.status, berlin.period_start, berlin.period_end) == ("ordered", 2023, 2023)
    assert [e.status for e in berlin.timeline] == ["ordered"]
    # an unknown supplier is NULL; a non-state recipient is its slug; a number ordered SIPRI lacks
    houthi = recs["sipri|?|houthis|Qasef-2X|2016|n50"]
    assert houthi.supplier is None and houthi.category == "loitering_munition"
    stinger = recs["sipri|USA|UKR|Stinger|2022|n?"]
    assert (stinger.status, stinger.quantity_min, stinger.quantity_max) == ("delivered", 3250, 3250)
    # two deals with the same content key stay two records
    assert {"sipri|USA|DZA|C-130J Hercules|2018|n2", "sipri|USA|DZA|C-130J Hercules|2018|n2#2"} <= set(recs)
    assert recs["sipri|TUR|EST|Sjöbjörn-2|2022|n2"].supplier == "TUR"
    # the record points at its register row
    with store.session() as s:
        row = s.get(RegisterRow, s.scalar(select(RecordRow.register_row_id).where(RecordRow.key == hq.key)))
        assert (row.designation, row.number_ordered, row.delivery_years, row.comments) == \
            ("HQ-22", 3, [2022, 2023], "FK-3 version")


def test_same_file_again_adds_nothing(store, family):
    first = import_register(store, CLASSIC, family=family)
    again = import_register(store, CLASSIC, family=family)
    assert again.already and again.file.id == first.file.id
    assert "already imported" in again.line()
    assert _count(store, RegisterFile) == 1 and _count(store, RegisterRow) == 12
    assert _count(store, RecordRow) == 12


def test_by_delivery_rows_become_one_deal_each(store, family):
    result = import_register(store, BY_DELIVERY, family=family)
    assert (result.file.rows, result.file.deals, result.file.layout) == (17, 10, 2)
    assert _count(store, RegisterRow) == 10
    recs = _sipri(store)
    assert len(recs) == 10
    mi = recs["sipri|CHN|SRB|HQ-22 MI|2020|65403"]
    assert (mi.quantity_max, mi.period_end, mi.status) == (300, 2023, "delivered")
    with store.session() as s:
        row = s.scalar(select(RegisterRow).where(RegisterRow.deal_id == "72000"))
        assert (row.number_delivered, row.delivery_years, row.category) == (3250, [2022, 2023, 2024], "air_defence")
        assert row.tiv_delivered == pytest.approx(130.0)
    assert recs["sipri|TUR|EST|Sjobjorn-2|2022|71234"].supplier == "TUR"
    assert recs["sipri|CAN|UKR|LAV-6 APC|2023|57811"].system == "LAV-6 APC"        # SIPRI's trailing " -" dropped


def test_overlapping_exports_do_not_double_records(store, family):
    import_register(store, CLASSIC, family=family)
    second = import_register(store, BY_DELIVERY, family=family)
    recs = _sipri(store)
    # 12 classic deals; 9 of the 10 by-delivery deals are among them, one (TB2 to Kosovo) is new
    assert len(recs) == 13, sorted(recs)
    assert _count(store, RegisterRow) == 22                          # both files' deals stay as the files state them
    assert (second.changes.added, second.changes.removed) == (10, 9)  # 9 records now keyed by their deal id
    # the newest export wins for what it states; the older fills in the number ordered and earlier deliveries
    lav = recs["sipri|CAN|UKR|LAV-6 APC|2023|57811"]
    assert (lav.status, lav.quantity_min, lav.quantity_max) == ("ordered", 10, 50)
    sm1 = recs["sipri|USA|TWN|SM-1MR|1994|25690"]
    assert (sm1.period_start, sm1.period_end, sm1.quantity_max, sm1.status) == (1994, 1998, 207, "delivered")
    assert [e.year for e in sm1.timeline if e.status == "delivered"] == [1994, 1995, 1996, 1997, 1998]
    assert (str(sm1.first_seen), str(sm1.last_seen)) == ("2025-03-13", "2026-02-12")
    # same designation, same years: told apart by the numbers
    assert recs["sipri|CHN|SRB|HQ-22|2020|63743"].quantity_max == 3
    assert recs["sipri|CHN|SRB|HQ-22 MI|2020|65403"].quantity_max == 300
    # the two C-130J pairs are matched by their delivery years
    with store.session() as s:
        for deal_id, year in (("70001", 2019), ("70002", 2021)):
            rec = s.scalar(select(RecordRow).where(RecordRow.key == f"sipri|USA|DZA|C-130J|2018|{deal_id}"))
            assert rec.period_end == year
    assert "sipri|TUR|XKX|Bayraktar TB2|2023|80001" in recs
    assert {"sipri|DEU|NOR|Berlin|2023|n1", "sipri|SUN|AFG|An-26|1987|n3"} <= set(recs)


def _comparable(store) -> dict:
    out = {}
    with store.session() as s:
        for rec in s.scalars(select(RecordRow).where(RecordRow.source == "sipri")):
            row = s.get(RegisterRow, rec.register_row_id)
            cols = {c: getattr(rec, c) for c in store_registers.RECORD_COLUMNS if c != "register_row_id"}
            out[rec.key] = (cols, row.deal_id, row.designation)
    return out


def test_import_order_does_not_matter(family, tmp_path):
    a = open_store(f"sqlite:///{tmp_path / 'a.db'}")
    b = open_store(f"sqlite:///{tmp_path / 'b.db'}")
    import_register(a, CLASSIC, family=family)
    import_register(a, BY_DELIVERY, family=family)
    import_register(b, BY_DELIVERY, family=family)
    second = import_register(b, CLASSIC, family=family)
    assert second.changes.added == 3            # only the classic-only deals are new
    assert _comparable(a) == _comparable(b)


def test_a_failed_import_leaves_nothing(store, family):
    import_register(store, CLASSIC, family=family)
    before = (_count(store, RegisterFile), _count(store, RegisterRow), _count(store, RecordRow))

    def broken(_files):
        raise RuntimeError("killed half-way")

    with pytest.raises(RuntimeError):
        store_registers.import_file(store, register="sipri", name="x.csv", content_hash="0" * 64, rows=1, layout=2,
                                    generated=None, years=(None, None),
                                    deals=[{c: None for c in store_registers.ROW_COLUMNS} | {
                                        "supplier_name": "China", "recipient_name": "Serbia", "category": "other",
                                        "deal_id": "1"}],
                                    rebuild=broken)
    assert (_count(store, RegisterFile), _count(store, RegisterRow), _count(store, RecordRow)) == before
    assert store_registers.find_file(store, "0" * 64) is None


def test_bad_file_raises_register_error_and_writes_nothing(store, family, tmp_path):
    bad = tmp_path / "notes.csv"
    bad.write_text("just,some\ncsv,text\n", encoding="utf-8")
    with pytest.raises(RegisterError):
        import_register(store, bad, family=family)
    with pytest.raises(RegisterError):
        import_register(store, tmp_path / "missing.csv", family=family)
    assert _count(store, RegisterFile) == 0


def test_news_records_are_untouched(store, family):
    from armsflow.model import TransferRecord
    from armsflow.store.registers import record_columns

    with store.session() as s, s.begin():
        s.add(RecordRow(**record_columns(TransferRecord(
            id=None, supplier="CHN", recipient="SRB", system="FK-3", category="air_defence", period_start=2022,
            period_end=2022, status="delivered", source="news", key="news|CHN|SRB|FK-3|2022", sources=2), None)))
    import_register(store, CLASSIC, family=family)
    import_register(store, BY_DELIVERY, family=family)
    assert [r.key for r in records(store, RecordFilter(source="news"))] == ["news|CHN|SRB|FK-3|2022"]


# --- the command line -----------------------------------------------------------------------------------------------

def _cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "armsflow", *args], capture_output=True, text=True, cwd=REPO,
                          env={**os.environ, "ARMSFLOW_HOME": str(env)} if env else None, timeout=300)


def test_cli_import_register_and_transfers(tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    home = tmp_path / "home"
    run = _cli("import-register", "sipri", str(CLASSIC), "--db", db, env=home)
    assert run.returncode == 0, run.stderr
    assert "12 deals from 12 rows" in run.stdout and "12 added" in run.stdout
    run = _cli("import-register", "sipri", str(CLASSIC), "--db", db, env=home)
    assert run.returncode == 0 and "already imported" in run.stdout
    run = _cli("import-register", "sipri", str(BY_DELIVERY), "--db", db, env=home)
    assert run.returncode == 0, run.stderr
    run = _cli("transfers", "--source", "sipri", "--format", "jsonl", "--db", db, env=home)
    assert run.returncode == 0, run.stderr
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(rows) == 13 and {r["source"] for r in rows} == {"sipri"}
    ch92 = next(r for r in rows if r["system"] == "CH-92")
    assert (ch92["supplier"], ch92["recipient"], ch92["period_start"], ch92["confidence"]) == ("CHN", "SRB", 2019, 0.95)
    run = _cli("transfers", "--recipient", "SRB", "--since", "2015", "--source", "sipri", "--format", "csv",
               "--db", db, env=home)
    assert run.returncode == 0 and "HQ-22 MI" in run.stdout and "CH-92" in run.stdout


def test_cli_import_register_bad_input(tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"")
    run = _cli("import-register", "sipri", str(bad), "--db", db, env=tmp_path / "home")
    assert run.returncode == 1 and run.stderr.startswith("armsflow: ") and "Traceback" not in run.stderr
    run = _cli("import-register", "nato", str(CLASSIC), "--db", db, env=tmp_path / "home")
    assert run.returncode == 2


def test_cli_diff_register(tmp_path):
    from armsflow.model import TransferRecord
    from armsflow.store.registers import record_columns

    path = tmp_path / "diff.db"
    st = open_store(f"sqlite:///{path}")
    with st.session() as s, s.begin():
        for key, system, cat, year in (("news|CHN|SRB|FK-3|2022", "FK-3", "air_defence", 2022),
                                       ("news|CHN|SRB|Wing Loong|2023", "Wing Loong", "uav", 2023)):
            s.add(RecordRow(**record_columns(TransferRecord(
                id=None, supplier="CHN", recipient="SRB", system=system, category=cat, period_start=year,
                period_end=year, status="delivered", source="news", key=key, sources=1), None)))
    st.engine.dispose()
    db = f"sqlite:///{path}"
    assert _cli("import-register", "sipri", str(BY_DELIVERY), "--db", db, env=tmp_path / "home").returncode == 0
    run = _cli("diff-register", "--region", "western-balkans", "--since", "2015", "--format", "jsonl", "--db", db,
               env=tmp_path / "home")
    assert run.returncode == 0, run.stderr
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    sides = {(r["side"], r["system"]) for r in rows}
    # the news FK-3 is the register's HQ-22 (and its missiles); Wing Loong is not in the register
    assert ("news-only", "Wing Loong") in sides and ("news-only", "FK-3") not in sides
    assert ("register-only", "CH-92") in sides and ("register-only", "Bayraktar TB2") in sides
    assert not any(r["system"] in ("HQ-22", "HQ-22 MI") for r in rows)
    assert not any(r["recipient"] in ("TWN", "DZA") for r in rows)             # outside the region
    run = _cli("diff-register", "--region", "nowhere", "--db", db, env=tmp_path / "home")
    assert run.returncode == 2 and "unknown region" in run.stderr


# --- the real SIPRI exports -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def real_store(request, tmp_path_factory, family):
    if not (REAL_1.exists() and REAL_2.exists()):
        pytest.skip(f"SIPRI exports not found under {SIPRI} (../shared is absent)")
    st, drop = _open(request.param, tmp_path_factory.mktemp(request.param))
    for path in (REAL_1, REAL_2):
        result = import_register(st, path, family=family)
        print(f"\n{request.param}: {result.line()}")
    yield st
    st.engine.dispose()
    drop()


def test_real_files_row_counts(real_store):
    by_name = {f.name: f for f in store_registers.files(real_store, "sipri")}
    assert (by_name[REAL_1.name].deals, by_name[REAL_1.name].rows) == (29_515, 29_515)
    assert (by_name[REAL_2.name].deals, by_name[REAL_2.name].rows) == (12_571, 25_024)
    for f in by_name.values():
        assert _count(real_store, RegisterRow, RegisterRow.file_id == f.id) == f.deals
    # the by-delivery deals are all deals of the classic export: importing both does not double the records
    n = _count(real_store, RecordRow, RecordRow.source == "sipri")
    assert 29_515 <= n <= 29_515 + 30, n


def test_real_files_every_name_maps(real_store, catalog):
    from armsflow.catalog.sipri_codes import lookup_name, sipri_names

    known = set(catalog.states) | set(catalog.nonstate) | {g.slug for g in catalog.groups.values()}
    table = sipri_names()
    names = set()
    for path in (REAL_1, REAL_2):
        for r in read_register(path):
            names.update((r.supplier_name, r.recipient_name))
    for name in sorted(names):
        found, code = lookup_name(name)
        assert found, f"SIPRI name {name!r} maps to nothing"
        if code is None:
            assert name in table and table[name] is None, f"{name!r} is null without an explicit table entry"
        else:
            assert code in known, f"{name!r} -> {code!r}, not a catalogue state, actor or bloc"
    # what was stored agrees
    with real_store.session() as s:
        stored = {tuple(r) for r in s.execute(select(RegisterRow.supplier_name, RegisterRow.supplier))}
        stored |= {tuple(r) for r in s.execute(select(RegisterRow.recipient_name, RegisterRow.recipient))}
    assert all(lookup_name(name)[1] == code for name, code in stored)


def test_real_files_serbia_chinese_deals(real_store, family):
    recs = records(real_store, RecordFilter(recipient="SRB", since=2015, source="sipri"))
    chinese = [r for r in recs if r.supplier == "CHN"]
    fk3 = [r for r in chinese if family(r.system, r.category) == "FK-3"]
    ch92 = [r for r in chinese if family(r.system, r.category) == "CH-92"]
    assert any(r.system in ("HQ-22", "FK-3") for r in fk3), [r.system for r in chinese]
    assert ch92 and ch92[0].period_start == 2019 and ch92[0].quantity_max == 6
    assert all(r.confidence == 0.95 and r.sources == 1 for r in chinese)
    # one record per deal, not one per export
    assert len({(r.system, r.period_start, r.quantity_max) for r in chinese}) == len(chinese)


# --- killed imports -------------------------------------------------------------------------------------------------

def _big_classic(path: Path, n: int) -> None:
    """A classic export with n distinct deals (invented): an import larger than SQLite's page cache."""
    pairs = [("Serbia", "China"), ("Egypt", "France"), ("India", "Russia"), ("Kenya", "Turkiye"), ("Chile", "Germany")]
    lines = CLASSIC.read_text(encoding="latin-1").splitlines()[:12]
    for i in range(n):
        recipient, supplier = pairs[i % len(pairs)]
        year = 1990 + i % 34
        lines.append(f"{recipient},{supplier},{year},,{i % 40 + 1},,Test-{i},armoured personnel carrier,"
                     f"{i % 40 + 1},,{year + 1},New,,1,{i % 40 + 1},{i % 40 + 1}")
    path.write_text("\n".join(lines) + "\n", encoding="latin-1")


def test_sigkill_during_import_leaves_all_or_nothing(tmp_path):
    """Killed inside its transaction, with every row and record written (more than SQLite's page cache holds, so
    uncommitted pages are in its write-ahead log by then), an import leaves nothing; the next one imports it all.
    Each run is stopped at that point (src/armsflow/pausepoints.py) before it is killed, so the kill lands there
    however loaded the machine is."""
    from pausing import HANG_GUARD, paused_env, wait_until_paused

    n = 15_000
    big = tmp_path / "big.csv"
    _big_classic(big, n)
    env = {**os.environ, "ARMSFLOW_HOME": str(tmp_path / "home")}
    db = f"sqlite:///{tmp_path / 'killed.db'}"
    flag = tmp_path / "paused"

    def start(env):
        return subprocess.Popen([sys.executable, "-m", "armsflow", "import-register", "sipri", str(big), "--db", db],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=REPO)

    def state():
        st = open_store(db)
        try:
            assert st.integrity_check() == []
            return _count(st, RegisterFile), _count(st, RegisterRow), _count(st, RecordRow)
        finally:
            st.engine.dispose()

    for _ in range(2):
        proc = start(paused_env(env, "store.register", 1, flag))
        wait_until_paused(proc, flag)
        proc.kill()
        proc.wait(timeout=HANG_GUARD)
        assert state() == (0, 0, 0)
    done = start(env)
    out, err = done.communicate(timeout=HANG_GUARD)
    assert done.returncode == 0, err.decode()
    assert state() == (1, n, n)
