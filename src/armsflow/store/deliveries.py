"""The monitor's outbox: one row per (watch, claim, channel) to deliver, kept until the channel has taken it.

Why a table: a monitor that is killed must neither lose a match nor send it twice. A watch run moves its marks past
the claims it read (store/watches.py), so a match must be written down *before* the marks move, and sent only
after: the monitor queues its matches here, then runs the watches, then delivers what is pending. The unique key
(watch, claim_id, channel) makes queuing idempotent: a match queued again after a crash (its watch's marks had not
moved) is the row already there, delivered or not. A row is marked delivered once its channel has acknowledged it
(HTTP 2xx, SMTP accepted, file written and synced); a row left pending by a killed or failed delivery is sent by
the next run. The one repeat left is a crash between the channel's acknowledgement and that mark; each delivery
carries its row's key so a receiver can drop it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import JSON, DateTime, Index, Integer, String, Text, UniqueConstraint, select, update
from sqlalchemy.orm import Mapped, mapped_column

from armsflow.store.repo import Store, _insert_ignoring_conflicts, now
from armsflow.store.schema import Base


class MonitorDelivery(Base):
    """A match to deliver to one channel (``"webhook <url>"``, ``"email <to>"``, ``"file <path>"``)."""
    __tablename__ = "monitor_deliveries"
    __table_args__ = (UniqueConstraint("watch", "claim_id", "channel", name="uq_monitor_deliveries_key"),
                      Index("ix_monitor_deliveries_pending", "channel", "delivered_at"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    watch: Mapped[str] = mapped_column(String(100))
    claim_id: Mapped[int] = mapped_column(Integer)       # no foreign key: a delivered alert outlives its claim
    channel: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict] = mapped_column(JSON)          # the match as `watch run --format json` writes it
    queued_at: Mapped[dt.datetime] = mapped_column(DateTime)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)


@dataclass(frozen=True)
class Pending:
    id: int
    watch: str
    claim_id: int
    payload: dict

    @property
    def key(self) -> str:
        """What names this match for a receiver that drops repeats."""
        return f"{self.watch}/{self.claim_id}"


def queue(store: Store, rows: list[tuple[str, int, str, dict]]) -> int:
    """Queue (watch, claim_id, channel, payload) rows; those queued before (delivered or not) are left as they are.
    Returns how many were new."""
    if not rows:
        return 0
    at = now()
    with store.session() as s, s.begin():
        before = s.scalar(select(MonitorDelivery.id).order_by(MonitorDelivery.id.desc()).limit(1)) or 0
        s.execute(_insert_ignoring_conflicts(s, MonitorDelivery), [
            {"watch": w, "claim_id": c, "channel": ch, "payload": p, "queued_at": at, "attempts": 0}
            for w, c, ch, p in rows])
        return len(s.scalars(select(MonitorDelivery.id).where(MonitorDelivery.id > before)).all())


def pending(store: Store, channel: str) -> list[Pending]:
    """The rows of ``channel`` not yet delivered, oldest first."""
    with store.session() as s:
        return [Pending(r.id, r.watch, r.claim_id, r.payload) for r in s.scalars(
            select(MonitorDelivery).where(MonitorDelivery.channel == channel, MonitorDelivery.delivered_at.is_(None))
            .order_by(MonitorDelivery.id))]


def delivered(store: Store, ids: list[int]) -> None:
    with store.session() as s, s.begin():
        s.execute(update(MonitorDelivery).where(MonitorDelivery.id.in_(ids)).values(
            delivered_at=now(), attempts=MonitorDelivery.attempts + 1, last_error=None))


def failed(store: Store, ids: list[int], problem: str) -> None:
    with store.session() as s, s.begin():
        s.execute(update(MonitorDelivery).where(MonitorDelivery.id.in_(ids)).values(
            attempts=MonitorDelivery.attempts + 1, last_error=problem[:1000]))


def other_channels(store: Store, channels: list[str]) -> dict[str, int]:
    """Pending rows of channels other than ``channels`` (a monitor started with other targets): channel -> count."""
    from sqlalchemy import func

    with store.session() as s:
        return dict(s.execute(select(MonitorDelivery.channel, func.count())
                              .where(MonitorDelivery.delivered_at.is_(None), MonitorDelivery.channel.not_in(channels))
                              .group_by(MonitorDelivery.channel)).all())
