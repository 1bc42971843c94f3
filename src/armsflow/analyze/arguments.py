"""The arguments a question about the records may carry, checked once for the command line and the web API.

A state or actor, a region, a year or date, a period and a rival pair are checked against the catalogue before any
store is read, so a typo is refused with one sentence instead of answering a question nobody asked ("no records for
ZZZ", or an empty briefing titled "all years"). Each check raises ``ArgumentError``, whose text names the argument
as the caller spells it (``--recipient`` on the command line, ``recipient`` on the web) and says what is wrong; the
CLI prints it and exits 2, the web API answers 422.

Actors are those of the catalogue (``catalog/data``, plus a user catalogue): a state by its ISO 3166-1 alpha-3 code
in any case (``srb``), a historic state SIPRI names (``SUN``, ``YUG``), a non-state actor by its slug (``wagner``), a
bloc the register names as a party (``nato``, ``eu``), or any of them by a name or alias the catalogue knows
(``Serbia``, ``Turkey``). Regions and blocs are those of
``regions.yaml`` and ``blocs.yaml`` (slug, name or alias), or one actor.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

from armsflow.analyze.dataset import RegionError, resolve_region

_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")


class ArgumentError(ValueError):
    """A value the catalogue or the calendar does not know, or a range that ends before it starts."""

    def __init__(self, argument: str, problem: str):
        super().__init__(f"{argument} {problem}")
        self.argument = argument
        self.problem = problem


def _catalog(catalog):
    if catalog is not None:
        return catalog
    from armsflow.catalog import load_catalog
    return load_catalog()


def actor(value: str | None, argument: str, catalog=None, states_only: bool = False) -> str | None:
    """The catalogue code of a state or actor (``srb`` → SRB, ``Serbia`` → SRB, ``wagner``); None for no value."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        raise ArgumentError(argument, "is empty: give a state code (SRB) or an actor's slug (wagner)")
    cat = _catalog(catalog)
    found = _actor_code(text, cat)
    if states_only and found is not None and found not in cat.states:
        raise ArgumentError(argument, f"{value!r}: not a state; give a state code (ISO 3166-1 alpha-3, such as IRN)")
    if found is None:
        what = "a state code of the catalogue (ISO 3166-1 alpha-3, such as IRN)" if states_only else \
            "a state code (SRB), an actor's slug (wagner) or a name of the catalogue"
        raise ArgumentError(argument, f"{value!r}: unknown state or actor; give {what}")
    return found


def _actor_code(text: str, cat) -> str | None:
    from armsflow.catalog.sipri_codes import lookup_name, sipri_names

    if text.upper() in cat.states:
        return text.upper()
    if text in cat.nonstate:
        return text
    if text.lower() in cat.nonstate:
        return text.lower()
    # a bloc is a party only where the register names it one (NATO, the EU, the African Union as suppliers)
    parties = {code for code in sipri_names().values() if code}
    if text.lower() in parties:
        return text.lower()
    known, code = lookup_name(text, cat)
    return code if known and code is not None and (cat.is_actor(code) or code in parties) else None


def region(value: str | None, argument: str, catalog=None) -> tuple[str | None, frozenset[str] | None]:
    """(label, member codes) of a region or bloc (slug, name or alias) or of one actor; (None, None) for none."""
    if value is None:
        return None, None
    if not value.strip():
        raise ArgumentError(argument, "is empty: give a region or bloc (western-balkans, nato) or a state code")
    cat = _catalog(catalog)
    try:
        return resolve_region(value, cat)
    except RegionError:
        pass
    code = _actor_code(value.strip(), cat)
    if code is not None:
        return code, frozenset({code})
    raise ArgumentError(argument, f"{value!r}: unknown region, bloc or state (see catalog/data/regions.yaml and "
                                  f"blocs.yaml, or give a state code such as SRB)")


def _bounds(value: str, argument: str) -> tuple[dt.date, dt.date]:
    """The first and last day a year, a month or a date stands for."""
    m = _DATE.match(value.strip())
    if not m:
        raise ArgumentError(argument, f"{value!r}: give a year (2015) or a date (2015-06-01)")
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if y < 1:
            raise ValueError
        if mo is None:
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        first = dt.date(y, int(mo), 1)
        if d is None:
            return first, first.replace(day=calendar.monthrange(y, first.month)[1])
        day = dt.date(y, int(mo), int(d))
        return day, day
    except ValueError:
        raise ArgumentError(argument, f"{value!r}: no such year or date") from None


def year(value: str | int | None, argument: str) -> int | None:
    """The year of ``2015``, ``2015-06`` or ``2015-06-01``; None for no value."""
    if value is None:
        return None
    if isinstance(value, int):
        value = f"{value:04d}" if value >= 0 else str(value)
    return _bounds(value, argument)[0].year


def period(since: str | int | None, until: str | int | None, since_argument: str = "--since",
           until_argument: str = "--until") -> tuple[int | None, int | None]:
    """The years of a period; refused when it ends before it starts (dates compared as dates: 2020-06 to
    2020-01 is reversed even though both are 2020)."""
    lo = hi = None
    if since is not None:
        lo = _bounds(f"{since:04d}" if isinstance(since, int) and since >= 0 else str(since), since_argument)
    if until is not None:
        hi = _bounds(f"{until:04d}" if isinstance(until, int) and until >= 0 else str(until), until_argument)
    if lo is not None and hi is not None and lo[0] > hi[1]:
        raise ArgumentError(since_argument, f"{since} is after {until_argument} {until}: the period ends before "
                                            f"it starts")
    return (lo[0].year if lo else None), (hi[0].year if hi else None)


def pair(value: str | None, argument: str, catalog=None) -> tuple[str, str] | None:
    """The two actor codes of a pair written ``SRB-XKX`` (any case; names with spaces allowed: ``Serbia-Kosovo``)."""
    if value is None:
        return None
    parts = [p.strip() for p in value.replace("–", "-").replace(":", "-").split("-") if p.strip()]
    if len(parts) != 2:
        raise ArgumentError(argument, f"{value!r}: give two state codes joined by '-', such as SRB-XKX")
    cat = _catalog(catalog)
    codes = []
    for p in parts:
        code = _actor_code(p, cat)
        if code is None:
            raise ArgumentError(argument, f"{value!r}: {p!r} is not a state code, actor slug or name of the "
                                          f"catalogue")
        codes.append(code)
    if codes[0] == codes[1]:
        raise ArgumentError(argument, f"{value!r}: a pair needs two different sides")
    return codes[0], codes[1]


def category(value: str | None, argument: str) -> str | None:
    """One of the model's categories (uav, tank, air_defence, ...); None for no value."""
    from armsflow.model import CATEGORIES

    if value is None:
        return None
    text = value.strip().lower().replace("-", "_").replace(" ", "_")
    if text not in CATEGORIES:
        raise ArgumentError(argument, f"{value!r}: unknown category; give one of {', '.join(CATEGORIES)}")
    return text


def status(value: str | None, argument: str) -> str | None:
    """One of the statuses (interest, negotiating, ordered, delivered, cancelled); None for no value."""
    from armsflow.model import STATUSES

    if value is None:
        return None
    text = value.strip().lower()
    if text not in STATUSES:
        raise ArgumentError(argument, f"{value!r}: unknown status; give one of {', '.join(STATUSES)}")
    return text
