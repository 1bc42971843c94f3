"""The SIPRI register reader: both layouts, encodings, broken records, flags, bad input; and the real exports."""
from __future__ import annotations

from pathlib import Path

import pytest

from armsflow.ingest.sipri import RegisterError, deal_count, read_register, register_layout

DATA = Path(__file__).parent / "data"
CLASSIC = DATA / "sipri-classic.csv"            # layout 1, Latin-1, LF (one embedded CRLF), a broken record
BY_DELIVERY = DATA / "sipri-by-delivery.csv"    # layout 2, UTF-8, CRLF, ';' line ends

REPO = Path(__file__).resolve().parents[2]
SIPRI = REPO.parent / "shared" / "data" / "sipri"
REAL_1 = SIPRI / "trade-register-2025-03.csv"
REAL_2 = SIPRI / "trade-register-by-delivery-2026-02.csv"


def _real(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"SIPRI export {path.name} not found under {SIPRI} (../shared is absent)")
    return path


# --- layout 1 -------------------------------------------------------------------------------------------------------

def test_classic_layout_is_detected_and_counted():
    assert register_layout(CLASSIC) == 1
    rows = list(read_register(CLASSIC))
    assert len(rows) == 12            # 13 physical lines, one record broken over two
    assert deal_count(CLASSIC) == (12, 12)
    assert all(r.layout == 1 and r.deal_id is None and r.armament_category is None for r in rows)
    assert rows[0].line == 13          # 11 metadata lines, the header, then the first record


def test_classic_row_fields_and_uncertainty_flags():
    first, second = list(read_register(CLASSIC))[:2]
    assert (first.recipient_name, first.supplier_name) == ("Serbia", "China")
    assert (first.recipient, first.supplier) == ("SRB", "CHN")
    assert first.designation == "Tarasque-4" and first.description == "armed UAV"
    assert first.order_year == 2020 and first.order_year_estimated is False
    assert first.number_ordered == 6 and first.number_delivered == 6
    assert first.delivery_years == (2021, 2022)
    assert first.status == "New" and first.comments == "Armed version"
    assert (first.tiv_unit, first.tiv_total, first.tiv_delivered) == (2.5, 15.0, 15.0)
    # '?' columns follow the figure they qualify
    assert second.order_year_estimated is True
    assert second.number_ordered_estimated is True
    assert second.number_delivered_estimated is True


def test_record_broken_over_two_lines_is_rejoined():
    rows = list(read_register(CLASSIC))
    broken = next(r for r in rows if r.designation == "Zuzka-9 152mm")
    assert broken.comments == "Delivery delayed; remainder due 2025"
    assert (broken.tiv_unit, broken.tiv_total, broken.tiv_delivered) == (3.0, 30.0, 15.0)
    assert broken.line == 17
    # the record after it starts on the line after the continuation
    assert rows[rows.index(broken) + 1].line == 19


def test_latin1_names_are_decoded_and_resolved():
    row = next(r for r in read_register(CLASSIC) if r.recipient_name == "Estonia")
    assert row.supplier_name == "Türkiye" and row.supplier == "TUR"
    assert row.designation == "Sjöbjörn-2"
    assert row.comments == "Second-hand; ex-Göteborg"


def test_non_state_unknown_and_international_parties():
    rows = {r.designation: r for r in read_register(CLASSIC)}
    houthi = rows["Qasef-2X"]
    assert houthi.recipient == "houthis" and houthi.supplier is None
    assert houthi.supplier_name == "unknown supplier(s)"
    assert rows["DHC-6 Twin Otter"].recipient == "un"


def test_blank_figures_are_none():
    row = next(r for r in read_register(CLASSIC) if r.designation == "Berlin")
    assert row.number_delivered is None and row.delivery_years == () and row.tiv_delivered is None


# --- layout 2 -------------------------------------------------------------------------------------------------------

def test_by_delivery_layout_counts_rows_and_deals():
    assert register_layout(BY_DELIVERY) == 2
    rows = list(read_register(BY_DELIVERY))
    assert len(rows) == 6
    assert deal_count(BY_DELIVERY) == (6, 5)
    assert [r.delivery_years for r in rows[:2]] == [(2023,), (2024,)]
    assert {r.deal_id for r in rows[:2]} == {"900001"}


def test_by_delivery_fields_without_crlf_or_semicolon_residue():
    rows = list(read_register(BY_DELIVERY))
    tb = rows[1]
    assert (tb.supplier, tb.recipient) == ("TUR", "XKX")
    assert tb.armament_category == "Aircraft"
    assert tb.order_year == 2022 and tb.order_year_estimated is False
    assert tb.number_delivered == 2 and tb.number_delivered_estimated is True
    assert tb.delivery_years_estimated is True
    assert tb.local_production is False                  # "No;" -> False, not a string with ';'
    assert tb.number_ordered is None and tb.comments is None and tb.tiv_total is None
    mig = rows[2]
    assert (mig.supplier, mig.recipient) == ("SUN", "DDR")
    assert (mig.tiv_estimate, mig.tiv_unit, mig.tiv_delivered) == (30.0, 12.0, 240.0)
    assert rows[3].recipient == "houthis" and rows[3].delivery_years_estimated is None   # blank flag
    assert rows[4].local_production is True
    assert rows[5].supplier is None and rows[5].recipient == "lna"


# --- bad input --------------------------------------------------------------------------------------------------------

def _one_line_error(path: Path) -> str:
    with pytest.raises(RegisterError) as info:
        list(read_register(path))
    message = str(info.value)
    assert "\n" not in message and str(path) in message
    return message


def test_missing_file(tmp_path):
    assert "cannot read" in _one_line_error(tmp_path / "nope.csv")


def test_folder(tmp_path):
    assert "folder" in _one_line_error(tmp_path)


def test_empty_file(tmp_path):
    p = tmp_path / "empty.csv"
    p.write_bytes(b"")
    assert "empty" in _one_line_error(p)


def test_other_csv_is_not_a_sipri_export(tmp_path):
    p = tmp_path / "other.csv"
    p.write_text("name,value\nalpha,1\nbeta,2\n", encoding="utf-8")
    assert "not a SIPRI trade-register export" in _one_line_error(p)


def test_binary_file(tmp_path):
    p = tmp_path / "image.csv"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert "not a text file" in _one_line_error(p)


def test_header_without_required_columns(tmp_path):
    p = tmp_path / "cut.csv"
    p.write_text("SIPRI AT Database ID,Supplier,Recipient,Designation;\r\n1,France,India,Rafale;\r\n", encoding="utf-8")
    assert "lacks column" in _one_line_error(p)


def test_record_with_too_many_fields(tmp_path):
    text = BY_DELIVERY.read_text(encoding="utf-8").replace("15,No;", "15,No,extra;", 1)
    p = tmp_path / "extra.csv"
    p.write_text(text, encoding="utf-8", newline="")
    assert "fields" in _one_line_error(p)


def test_file_ending_inside_a_record(tmp_path):
    lines = CLASSIC.read_bytes().split(b"\n")
    p = tmp_path / "truncated.csv"
    p.write_bytes(b"\n".join(lines[:17]))          # stops after the first half of the broken record
    assert "ends inside a record" in _one_line_error(p)


# --- the real exports in ../shared ---------------------------------------------------------------------------------

def test_real_classic_register_has_29515_deals():
    path = _real(REAL_1)
    assert register_layout(path) == 1
    assert deal_count(path) == (29_515, 29_515)


def test_real_by_delivery_export_has_25024_rows_and_12571_deals():
    path = _real(REAL_2)
    assert register_layout(path) == 2
    assert deal_count(path) == (25_024, 12_571)


def test_real_classic_register_rejoins_its_four_broken_records():
    rows = list(read_register(_real(REAL_1)))
    spans = [b.line - a.line for a, b in zip(rows, rows[1:])]
    assert spans.count(2) == 4 and set(spans) == {1, 2}
    for a, b in zip(rows, rows[1:]):
        if b.line - a.line == 2:          # a record that had a newline inside its comments
            assert a.comments and a.tiv_unit is not None and a.tiv_total is not None


def test_real_rows_have_plausible_years():
    for path in (_real(REAL_1), _real(REAL_2)):
        for r in read_register(path):
            assert r.order_year is None or 1900 < r.order_year < 2100, r
            assert all(1900 < y < 2100 for y in r.delivery_years), r
