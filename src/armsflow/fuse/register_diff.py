"""What the news says that a register does not have yet, and the reverse (a pure function).

A news record and a register record are the same transfer when (fuse/register_link.py has the whole rule, and
writes the reason of each link)

- the recipient is the same, and named on both sides; the supplier agrees, or one side leaves it open (``None``: the
  text named no supplier, or SIPRI's "unknown supplier(s)");
- they are about the same thing: the same system family (``family(system, category)``, so that SIPRI's "HQ-22" and
  the news' "FK-3", or "CH-92" and "CH-92A", are one) when the news record names a system, else the same category.
  A family that extends the other as a variant also agrees: SIPRI often writes the base model ("T-72") where the
  news names the version ("T-72MS"); the extension must begin where a letter meets a digit, so "Su-3" never
  swallows "Su-35";
- their periods overlap once the news period is widened by ``slack`` years on each side (news dates a deal by when
  it was reported; SIPRI by the order year and the delivery years). A news record without any year matches only
  when exactly one register record of its dyad and family does.

Matching is many to many: one news record about an air-defence deal can be covered by SIPRI's separate rows for
the launchers and the missiles, and one register record by several news records.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from armsflow.model import TransferRecord

FamilyFn = Callable[[str | None, str], str]
SLACK_YEARS = 2


def _norm(s: str) -> str:
    return re.sub(r"[^0-9a-z]", "", s.lower())


def families_agree(a: str, b: str) -> bool:
    """The same family, or one a variant of the other ("T-72" / "T-72MS", "MiG-29" / "MiG-29K")."""
    na, nb = _norm(a), _norm(b)
    if na == nb:
        return bool(na)
    short, long_ = sorted((na, nb), key=len)
    if len(short) < 3 or not long_.startswith(short):
        return False
    return short[-1].isdigit() != long_[len(short)].isdigit()


def _agree(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def _span(r: TransferRecord) -> tuple[int | None, int | None]:
    start = r.period_start if r.period_start is not None else r.period_end
    end = r.period_end if r.period_end is not None else r.period_start
    return start, end


def periods_overlap(news: TransferRecord, reg: TransferRecord, slack: int = SLACK_YEARS) -> bool:
    ns, ne = _span(news)
    rs, re_ = _span(reg)
    if ns is None or rs is None:
        return True
    return ns - slack <= re_ and rs <= ne + slack


def same_transfer(news: TransferRecord, reg: TransferRecord, news_family: str, reg_family: str,
                  slack: int = SLACK_YEARS) -> bool:
    if not (_agree(news.supplier, reg.supplier) and _agree(news.recipient, reg.recipient)):
        return False
    if news.system:
        if not families_agree(news_family, reg_family):
            return False
    elif news.category != reg.category:
        return False
    return periods_overlap(news, reg, slack)


def register_diff(news: list[TransferRecord], register: list[TransferRecord], family: FamilyFn,
                  slack: int = SLACK_YEARS) -> tuple[list[TransferRecord], list[TransferRecord]]:
    """(news records that no register record matches, register records that no news record matches), each in
    its input order. Matching is linking (fuse/register_link.py), which requires a known recipient on both sides."""
    from armsflow.fuse.register_link import link_records

    n_ = [replace(r, id=i) for i, r in enumerate(news)]
    r_ = [replace(r, id=j) for j, r in enumerate(register)]
    links = link_records(n_, r_, family, slack)
    linked_news = {k.news_id for k in links}
    linked_reg = {k.register_id for k in links}
    return ([r for i, r in enumerate(news) if i not in linked_news],
            [r for j, r in enumerate(register) if j not in linked_reg])
