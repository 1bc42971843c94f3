"""Which register deal a news record reports: the link that makes a news report and its SIPRI row one deal (a pure
function).

Under ``--source all`` a deal that both the news and the register hold must count once; ``diff-register`` lists the
news records that have no link. A news record is linked to a register record when

- **dyad**: both name the same recipient (a record that names none is never linked: the news record would vanish
  behind a deal of some other recipient); the suppliers agree, or one side leaves it open (the text named no
  supplier, or SIPRI's "unknown supplier(s)");
- **family**: the same system family, or one a variant of the other ("T-72" / "T-72MS"), when the news names a
  system (``register_diff.families_agree``); the same category when it names none;
- **years**: the news period, widened by ``SLACK_YEARS`` on each side, overlaps the register's (order year to last
  delivery). A news record with no year (no claim behind it states one; it is never dated by its publication) is
  linked by dyad and family only when exactly one register record matches them: with two, which deal it reports is
  not known, and it stays unlinked.

A news record may link to several register records (SIPRI's separate rows for an air-defence system's launchers and
missiles), and a register record to several news records. Each link carries its reason in words.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable

from armsflow.fuse.register_diff import SLACK_YEARS, families_agree, periods_overlap
from armsflow.model import TransferRecord

FamilyFn = Callable[[str | None, str], str]


@dataclass(frozen=True)
class Link:
    """News record ``news_id`` reports register record ``register_id``; ``reason`` says why."""
    news_id: int
    register_id: int
    reason: str


def plain_family(system: str | None, category: str) -> str:
    """The family when no catalogue is at hand: the system as written, else the category."""
    return system or category


def _years(r: TransferRecord) -> str:
    a = r.period_start if r.period_start is not None else r.period_end
    b = r.period_end if r.period_end is not None else r.period_start
    if a is None:
        return "no year"
    return str(a) if a == b else f"{a}-{b}"


def _dyad(news: TransferRecord, reg: TransferRecord) -> str | None:
    """The dyad part of the reason, or None when the dyads differ."""
    if news.recipient is None or news.recipient != reg.recipient:
        return None
    if news.supplier is not None and reg.supplier is not None:
        return f"dyad {news.supplier}->{news.recipient}" if news.supplier == reg.supplier else None
    if news.supplier is None and reg.supplier is None:
        return f"recipient {news.recipient} (no supplier named on either side)"
    if news.supplier is None:
        return f"dyad {reg.supplier}->{news.recipient} (the news names no supplier)"
    return f"dyad {news.supplier}->{news.recipient} (the register's supplier is unknown)"


def _what(news: TransferRecord, reg: TransferRecord, nf: str, rf: str) -> str | None:
    """The family part of the reason, or None when they are about different things."""
    if news.system:
        if not families_agree(nf, rf):
            return None
        return f"family {rf}" if nf == rf else f"family {nf} / {rf}"
    if news.category != reg.category:
        return None
    return f"category {news.category} (the news names no system)"


def link_records(news: Iterable[TransferRecord], register: Iterable[TransferRecord], family: FamilyFn | None = None,
                 slack: int = SLACK_YEARS) -> list[Link]:
    """Every link between ``news`` and ``register`` records (both with ids), by the rules of the module docstring;
    in news order, then register order."""
    family = family or plain_family
    register = list(register)
    by_recipient: dict[str, list[TransferRecord]] = defaultdict(list)
    for r in register:
        if r.recipient is not None:
            by_recipient[r.recipient].append(r)
    rfam: dict[int, str] = {}
    out: list[Link] = []
    for n in news:
        if n.recipient is None:
            continue
        nf = family(n.system, n.category)
        matches = []
        for r in by_recipient.get(n.recipient, ()):
            dyad = _dyad(n, r)
            if dyad is None:
                continue
            if id(r) not in rfam:
                rfam[id(r)] = family(r.system, r.category)
            what = _what(n, r, nf, rfam[id(r)])
            if what is not None:
                matches.append((r, f"{dyad}; {what}"))
        undated = n.period_start is None and n.period_end is None
        if undated:
            if len(matches) == 1:
                r, why = matches[0]
                out.append(Link(n.id, r.id, f"{why}; the news states no year: the only register deal of this "
                                            f"dyad and family ({_years(r)})"))
            continue
        for r, why in matches:
            if periods_overlap(n, r, slack):
                out.append(Link(n.id, r.id, f"{why}; years {_years(n)} within {slack} of the register's "
                                            f"{_years(r)}"))
    return out
