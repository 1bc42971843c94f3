"""Streaming reader for SIPRI Arms Transfers Database trade-register exports (CSV) -> typed rows.

SIPRI exports come in two layouts, told apart by their header line (found after ~11 lines of metadata):

- layout 1, the classic trade register: one row per deal, no deal id, '?' flag columns after the uncertain
  figures, delivery years as "1979; 1980". Latin-1 encoded; a newline inside Comments breaks a few records
  over two physical lines, which are joined again here.
- layout 2, "by delivery": one row per deal per delivery year with a database id, Yes/No estimate columns,
  UTF-8, CRLF line ends and a ';' closing every line.

Lines are decoded one by one (UTF-8, else Windows-1252/Latin-1), so a file is never held in memory. Country names
are resolved to catalogue codes through catalog/sipri_codes.py. Bad input raises RegisterError with one line that
names the file and the problem.
"""
from __future__ import annotations

import csv
import datetime as dt
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from armsflow.catalog.sipri_codes import resolve_name


class RegisterError(Exception):
    """Input that is not a readable SIPRI trade-register export; the message names the file and the problem."""


@dataclass(frozen=True)
class RegisterRow:
    """One record of a register: a deal (layout 1) or one delivery year of a deal (layout 2)."""
    deal_id: str | None
    supplier_name: str
    recipient_name: str
    supplier: str | None              # state code, non-state slug, bloc slug; None for an unknown party
    recipient: str | None
    designation: str
    description: str
    armament_category: str | None     # layout 2 only
    order_year: int | None
    order_year_estimated: bool | None
    number_ordered: int | None        # layout 1 only
    number_ordered_estimated: bool | None
    number_delivered: int | None
    number_delivered_estimated: bool | None
    delivery_years: tuple[int, ...]
    delivery_years_estimated: bool | None
    status: str | None                # New | Second hand | Second hand but modernized
    comments: str | None              # layout 1 only
    tiv_unit: float | None            # TIV per unit for this deal (second-hand discount applied)
    tiv_total: float | None           # layout 1 only: TIV of the whole order
    tiv_delivered: float | None       # layout 1: all deliveries; layout 2: this year's
    tiv_estimate: float | None        # layout 2 only: SIPRI's TIV estimate for a new unit
    local_production: bool | None     # layout 2 only
    layout: int
    line: int                         # physical line where the record starts (1-based)


_MAX_PREAMBLE = 40          # metadata lines tolerated before the header
_LAYOUT1_HEAD = ("recipient", "supplier", "year of order")
_LAYOUT2_HEAD = ("sipri at database id", "supplier", "recipient")


def _decode(raw: bytes, state: dict) -> str:
    if state.get("enc") is None:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            state["enc"] = "cp1252"
    try:
        return raw.decode(state["enc"])
    except UnicodeDecodeError:      # bytes cp1252 leaves undefined
        return raw.decode("latin-1")


def _physical_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, text without its line end) for each physical line, decoded lazily."""
    state: dict = {}
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise RegisterError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    with fh:
        try:
            for n, raw in enumerate(fh, 1):
                if b"\x00" in raw:
                    raise RegisterError(f"{path}: not a text file (binary data on line {n})")
                yield n, _decode(raw.rstrip(b"\r\n"), state)
        except OSError as exc:
            raise RegisterError(f"{path}: cannot read the file ({exc.strerror or exc})") from None


def _fields(text: str) -> list[str]:
    return next(csv.reader([text]), [])


def _header(path: Path, lines: Iterator[tuple[int, str]],
            preamble: list[str] | None = None) -> tuple[int, list[str], int]:
    """Consume the metadata and the header; return (layout, column names, header line number). The metadata lines
    are appended to ``preamble`` when one is given."""
    seen_any = False
    for n, text in lines:
        seen_any = seen_any or bool(text.strip())
        if n > _MAX_PREAMBLE:
            break
        if preamble is not None:
            preamble.append(text)
        cols = [c.strip().lower() for c in _fields(text.rstrip(";"))]
        if tuple(cols[:3]) == _LAYOUT1_HEAD:
            return 1, cols, n
        if tuple(cols[:3]) == _LAYOUT2_HEAD:
            return 2, cols, n
    if not seen_any:
        raise RegisterError(f"{path}: empty file, not a SIPRI trade-register export")
    raise RegisterError(f"{path}: not a SIPRI trade-register export (no 'Recipient,Supplier,...' or "
                        f"'SIPRI AT Database ID,...' header in the first {_MAX_PREAMBLE} lines)")


INT_LIMIT = 2**31 - 1       # the store's integer columns: a figure beyond it ("1e20", "inf") is no figure


def _int(value: str) -> int | None:
    v = value.strip().rstrip("?").strip()
    if not v:
        return None
    try:
        n = int(v)
    except ValueError:
        try:
            n = int(float(v))
        except (ValueError, OverflowError):
            return None
    return n if -INT_LIMIT <= n <= INT_LIMIT else None


def _float(value: str) -> float | None:
    v = value.strip()
    if not v:
        return None
    try:
        f = float(v)
    except ValueError:
        return None
    return f if math.isfinite(f) else None


def _flag(value: str) -> bool | None:
    """Layout 1's '?' column (True when present) or layout 2's Yes/No; None when blank in layout 2."""
    v = value.strip().lower()
    if v in ("?", "yes", "y", "true"):
        return True
    if v in ("no", "n", "false"):
        return False
    return None


def _years(value: str) -> tuple[int, ...]:
    out = []
    for part in value.replace(",", ";").split(";"):
        y = _int(part)
        if y is not None:
            out.append(y)
    return tuple(out)


def _text(value: str) -> str | None:
    v = value.strip()
    return v or None


class _Columns:
    """Column positions by header name; layout 1's unnamed '?' columns follow the figure they qualify."""

    def __init__(self, path: Path, cols: list[str], required: tuple[str, ...]):
        self.pos = {}
        for i, c in enumerate(cols):
            if c and c not in self.pos:
                self.pos[c] = i
        missing = [r for r in required if r not in self.pos]
        if missing:
            raise RegisterError(f"{path}: header lacks column(s) {', '.join(repr(m) for m in missing)}")
        self.width = len(cols)

    def get(self, row: list[str], name: str, offset: int = 0) -> str:
        i = self.pos.get(name)
        if i is None or i + offset >= len(row):
            return ""
        return row[i + offset]


_L1_REQUIRED = ("recipient", "supplier", "year of order", "number ordered", "weapon designation",
                "weapon description", "number delivered", "year(s) of delivery", "status", "comments")
_L2_REQUIRED = ("sipri at database id", "supplier", "recipient", "designation", "description",
                "armament category", "order date", "numbers delivered", "delivery year", "status")


def _records(path: Path, lines: Iterator[tuple[int, str]], width: int, layout: int):
    """(start line, fields) per record; layout 1 records broken by a newline inside Comments are rejoined."""
    pending: list[str] | None = None
    start = 0
    for n, text in lines:
        if layout == 2:
            text = text[:-1] if text.endswith(";") else text
        if pending is None and not text.strip():
            continue
        row = _fields(text)
        if pending is not None:
            # the break fell inside the last field read so far: glue its two halves back together
            row = pending[:-1] + [f"{pending[-1].rstrip()} {row[0].lstrip()}".strip() if row else pending[-1]] + row[1:]
        else:
            start = n
        if len(row) < width and layout == 1 and n - start < 3:
            pending = row
            continue
        pending = None
        if len(row) != width:
            raise RegisterError(f"{path}:{start}: record has {len(row)} fields, the header has {width}")
        yield start, row
    if pending is not None:
        raise RegisterError(f"{path}:{start}: the file ends inside a record")


def _layout1(path: Path, cols: _Columns, start: int, r: list[str]) -> RegisterRow:
    g = cols.get
    supplier, recipient = g(r, "supplier").strip(), g(r, "recipient").strip()
    return RegisterRow(
        deal_id=None, supplier_name=supplier, recipient_name=recipient,
        supplier=resolve_name(supplier), recipient=resolve_name(recipient),
        designation=g(r, "weapon designation").strip(), description=g(r, "weapon description").strip(),
        armament_category=None,
        order_year=_int(g(r, "year of order")), order_year_estimated=bool(_flag(g(r, "year of order", 1))),
        number_ordered=_int(g(r, "number ordered")),
        number_ordered_estimated=bool(_flag(g(r, "number ordered", 1))),
        number_delivered=_int(g(r, "number delivered")),
        number_delivered_estimated=bool(_flag(g(r, "number delivered", 1))),
        delivery_years=_years(g(r, "year(s) of delivery")), delivery_years_estimated=None,
        status=_text(g(r, "status")), comments=_text(g(r, "comments")),
        tiv_unit=_float(g(r, "sipri tiv per unit")), tiv_total=_float(g(r, "sipri tiv for total order")),
        tiv_delivered=_float(g(r, "sipri tiv of delivered weapons")), tiv_estimate=None,
        local_production=None, layout=1, line=start)


def _layout2(path: Path, cols: _Columns, start: int, r: list[str]) -> RegisterRow:
    g = cols.get
    supplier, recipient = g(r, "supplier").strip(), g(r, "recipient").strip()
    deal = g(r, "sipri at database id").strip()
    if not deal:
        raise RegisterError(f"{path}:{start}: record without a SIPRI AT Database ID")
    year = _int(g(r, "delivery year"))
    return RegisterRow(
        deal_id=deal, supplier_name=supplier, recipient_name=recipient,
        supplier=resolve_name(supplier), recipient=resolve_name(recipient),
        designation=g(r, "designation").strip(), description=g(r, "description").strip(),
        armament_category=_text(g(r, "armament category")),
        order_year=_int(g(r, "order date")), order_year_estimated=_flag(g(r, "order date is estimate")),
        number_ordered=None, number_ordered_estimated=None,
        number_delivered=_int(g(r, "numbers delivered")),
        number_delivered_estimated=_flag(g(r, "numbers delivered is estimate")),
        delivery_years=() if year is None else (year,),
        delivery_years_estimated=_flag(g(r, "delivery year is estimate")),
        status=_text(g(r, "status")), comments=None,
        tiv_unit=_float(g(r, "tiv deal unit")), tiv_total=None,
        tiv_delivered=_float(g(r, "tiv delivery values")), tiv_estimate=_float(g(r, "sipri estimate")),
        local_production=_flag(g(r, "local production")), layout=2, line=start)


def read_register(path: Path | str) -> Iterator[RegisterRow]:
    """Every record of a SIPRI export, in file order, whichever the layout."""
    path = Path(path)
    if path.is_dir():
        raise RegisterError(f"{path}: is a folder, not a SIPRI trade-register export")
    lines = _physical_lines(path)
    layout, names, _ = _header(path, lines)
    cols = _Columns(path, names, _L1_REQUIRED if layout == 1 else _L2_REQUIRED)
    build = _layout1 if layout == 1 else _layout2
    for start, fields in _records(path, lines, cols.width, layout):
        yield build(path, cols, start, fields)


def register_layout(path: Path | str) -> int:
    """1 for the classic one-row-per-deal register, 2 for the by-delivery export."""
    path = Path(path)
    lines = _physical_lines(path)
    try:
        return _header(path, lines)[0]
    finally:
        lines.close()


@dataclass(frozen=True)
class RegisterInfo:
    """What an export's metadata lines say about it."""
    layout: int
    generated: dt.date | None                 # "Data generated: 13 Mar 2025 10:02:49 AM"
    years: tuple[int | None, int | None]      # the delivery years the export was made for; None: not specified


_GENERATED = re.compile(r"data generated:\s*(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4})", re.I)
_YEAR_RANGE = re.compile(r"year range\s+'([^']*)'\s+to\s+'([^']*)'", re.I)
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                                      "dec"), 1)}


def register_info(path: Path | str) -> RegisterInfo:
    """The layout, the export date and the delivery-year range of an export, read from its metadata lines."""
    path = Path(path)
    lines = _physical_lines(path)
    preamble: list[str] = []
    try:
        layout = _header(path, lines, preamble)[0]
    finally:
        lines.close()
    generated, years = None, (None, None)
    for text in preamble:
        m = _GENERATED.search(text)
        if m and m.group(2).lower() in _MONTHS:
            try:
                generated = dt.date(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
            except ValueError:
                pass
        m = _YEAR_RANGE.search(text)
        if m:
            years = (_int(m.group(1)), _int(m.group(2)))
    return RegisterInfo(layout, generated, years)


def deal_count(path: Path | str) -> tuple[int, int]:
    """(records, distinct deals): equal in layout 1; layout 2 has a record per delivery year of a deal."""
    rows = 0
    deals: set[str] = set()
    anonymous = 0
    for row in read_register(path):
        rows += 1
        if row.deal_id is None:
            anonymous += 1
        else:
            deals.add(row.deal_id)
    return rows, len(deals) + anonymous
