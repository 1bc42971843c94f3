"""The tables of the knowledge store (SQLAlchemy 2 declarative models).

Plain columns and integer keys only, so the SQLite file opens unchanged in datasette and the same schema runs on
PostgreSQL. Dates are ISO dates; lists and timelines are JSON. Every claim the extractor ever produced is kept
(with the extractor version that produced it); transfer records are derived from claims and can be rebuilt.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import (JSON, BigInteger, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Publisher(Base):
    """An outlet or issuing body; corroboration counts independent publishers, not articles."""
    __tablename__ = "publishers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    domain: Mapped[str | None] = mapped_column(String(300))


class DocumentRow(Base):
    """One ingested document, identified by the hash of its normalised text."""
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_key: Mapped[str] = mapped_column(String(300), index=True)          # file stem or URL slug
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    url: Mapped[str | None] = mapped_column(Text)
    path: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    publisher_id: Mapped[int | None] = mapped_column(ForeignKey("publishers.id"))
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    language: Mapped[str | None] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16), default="text")        # text | html | pdf | feed
    text: Mapped[str] = mapped_column(Text)
    body_offset: Mapped[int] = mapped_column(Integer, default=0)
    extractor_version: Mapped[str | None] = mapped_column(String(32))
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime)
    # the independent source this document belongs to: the representative of its cluster of copies and echoes
    # (fuse/clusters.py; itself when it echoes nothing and nothing echoes it); NULL only while being stored
    cluster_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"), index=True)
    signature: Mapped[dict | None] = mapped_column(JSON)                   # the echo detector's fingerprint


class EchoLink(Base):
    """One echo link, with its evidence: ``document_id`` repeats ``echo_of_id`` (the earlier of the two). A document
    may echo several (a copy of two wires), and be echoed by several. Links are only ever added: a later match never
    replaces one. The links make the source clusters (``DocumentRow.cluster_id``)."""
    __tablename__ = "echo_links"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    echo_of_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))                          # duplicate | near-duplicate | echo
    score: Mapped[float | None] = mapped_column(Float)
    reasons: Mapped[list | None] = mapped_column(JSON)
    __table_args__ = (UniqueConstraint("document_id", "echo_of_id"),)


class EchoKey(Base):
    """The echo detector's index, kept on disk: one row per key a document's signature is filed under (its
    content hash, its MinHash LSH bands, its claim keys and actors/systems; fuse/echo.py ``lookup_keys``), with the
    date the window of echo detection is measured from. A new document's candidates are read by index range scans
    (key, then date), so an ingest holds and reads only those, however large the store."""
    __tablename__ = "echo_keys"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[int] = mapped_column(BigInteger)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    published: Mapped[dt.date | None] = mapped_column(Date)


class CitedSource(Base):
    """An inline citation inside a document ("(Balkan Insight, April 21)"): a source the text relies on."""
    __tablename__ = "cited_sources"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    __table_args__ = (UniqueConstraint("document_id", "text"),)


class ClaimRow(Base):
    """A transfer claim as extracted (fields of GUIDELINES.md), or as an analyst corrected it."""
    __tablename__ = "claims"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    supplier: Mapped[str | None] = mapped_column(String(64), index=True)
    recipient: Mapped[str | None] = mapped_column(String(64), index=True)
    system: Mapped[str | None] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(32), index=True)
    quantity: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    year: Mapped[int | None] = mapped_column(Integer)
    hedged: Mapped[bool] = mapped_column(Boolean, default=False)
    evidence: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    citation: Mapped[str | None] = mapped_column(Text)
    mention: Mapped[str | None] = mapped_column(Text)
    headline: Mapped[bool] = mapped_column(Boolean, default=False)
    rules: Mapped[str | None] = mapped_column(Text)             # the grammar rules that read it, space-separated
    confidence: Mapped[float | None] = mapped_column(Float)     # 0-1 (extract/confidence.py); None: older extractor
    extractor_version: Mapped[str] = mapped_column(String(32))
    review: Mapped[str] = mapped_column(String(16), default="extracted")  # extracted | accepted | rejected | edited
    # an analyst's grouping: claims sharing a pin fuse into one record of their dyad (store/review.py)
    pin: Mapped[str | None] = mapped_column(String(64), index=True)


class Entity(Base):
    """A state, armed group or organisation that claims and records refer to by code."""
    __tablename__ = "entities"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))                         # state | armed_group | organisation | ...
    name: Mapped[str] = mapped_column(String(300))


class RecordRow(Base):
    """A transfer record: claims fused across documents, or a row of an official register."""
    __tablename__ = "records"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(400), unique=True)
    source: Mapped[str] = mapped_column(String(16), default="news", index=True)   # news | sipri
    supplier: Mapped[str | None] = mapped_column(String(64), index=True)
    recipient: Mapped[str | None] = mapped_column(String(64), index=True)
    system: Mapped[str | None] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(32), index=True)
    period_start: Mapped[int | None] = mapped_column(Integer)
    period_end: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    timeline: Mapped[list | None] = mapped_column(JSON)
    first_seen: Mapped[dt.date | None] = mapped_column(Date)
    last_seen: Mapped[dt.date | None] = mapped_column(Date)
    quantity_min: Mapped[int | None] = mapped_column(Integer)
    quantity_max: Mapped[int | None] = mapped_column(Integer)
    claims: Mapped[int] = mapped_column(Integer, default=0)
    sources: Mapped[int] = mapped_column(Integer, default=0)
    hedged: Mapped[int] = mapped_column(Integer, default=0)
    unhedged: Mapped[int] = mapped_column(Integer, default=0)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    register_row_id: Mapped[int | None] = mapped_column(ForeignKey("register_rows.id", ondelete="CASCADE"))


class RecordClaim(Base):
    """Which claims a record was fused from."""
    __tablename__ = "record_claims"
    record_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True,
                                          index=True)


class RecordLink(Base):
    """A news record and a register record that are one deal (fuse/register_link.py), with the reason in words.
    Derived: rewritten when news records are fused and when a register export is imported (store/links.py)."""
    __tablename__ = "record_links"
    news_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), primary_key=True)
    register_id: Mapped[int] = mapped_column(ForeignKey("records.id", ondelete="CASCADE"), primary_key=True,
                                             index=True)
    reason: Mapped[str] = mapped_column(Text)


class Edit(Base):
    """The audit trail: who changed which claim, when, from what to what. Edits win over extraction."""
    __tablename__ = "edits"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    user: Mapped[str] = mapped_column(String(100))
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    action: Mapped[str] = mapped_column(String(16))                      # accept|reject|edit|merge|split|unpin
    changes: Mapped[dict | None] = mapped_column(JSON)                    # field -> [old, new]
    note: Mapped[str | None] = mapped_column(Text)


class RegisterFile(Base):
    """An imported register export; re-importing the same file (same hash) adds nothing."""
    __tablename__ = "register_files"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    register: Mapped[str] = mapped_column(String(16))                    # sipri
    name: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    rows: Mapped[int] = mapped_column(Integer, default=0)
    deals: Mapped[int] = mapped_column(Integer, default=0)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)


class RegisterRow(Base):
    """One deal of an official register (SIPRI trade register), as the register states it."""
    __tablename__ = "register_rows"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("register_files.id", ondelete="CASCADE"), index=True)
    register: Mapped[str] = mapped_column(String(16))
    deal_id: Mapped[str | None] = mapped_column(String(64))
    supplier_name: Mapped[str] = mapped_column(String(200))
    recipient_name: Mapped[str] = mapped_column(String(200))
    supplier: Mapped[str | None] = mapped_column(String(64), index=True)
    recipient: Mapped[str | None] = mapped_column(String(64), index=True)
    designation: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(32))
    order_year: Mapped[int | None] = mapped_column(Integer)
    number_ordered: Mapped[int | None] = mapped_column(Integer)
    number_delivered: Mapped[int | None] = mapped_column(Integer)
    delivery_years: Mapped[list | None] = mapped_column(JSON)
    status: Mapped[str | None] = mapped_column(String(64))
    comments: Mapped[str | None] = mapped_column(Text)
    tiv_unit: Mapped[float | None] = mapped_column(Float)
    tiv_total: Mapped[float | None] = mapped_column(Float)
    tiv_delivered: Mapped[float | None] = mapped_column(Float)


class Meta(Base):
    """Small facts about the store itself, such as records that need fusing again after an interrupted ingest."""
    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ActorRevision(Base):
    """The store revision at which an actor's records last changed ("*": every actor's, such as a full re-fusion or
    a renamed state). What is derived from some actors' records is current while none of theirs has moved on."""
    __tablename__ = "actor_revisions"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    revision: Mapped[int] = mapped_column(BigInteger)


class Summary(Base):
    """An analysis kept for reuse (a state page's figures), with the ``basis`` it was computed at: the highest
    ``ActorRevision`` of the actors it depends on. A summary whose basis is not the current one is stale."""
    __tablename__ = "summaries"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    basis: Mapped[int] = mapped_column(BigInteger)
    value: Mapped[str] = mapped_column(Text)                               # JSON
    computed_at: Mapped[dt.datetime] = mapped_column(DateTime)


class LoginFailures(Base):
    """Sign-in attempts counted per account name or client address (``scope``: name | address) in a window that
    starts at the first attempt; kept in the store so that every server process counts the same attempts."""
    __tablename__ = "login_failures"
    scope: Mapped[str] = mapped_column(String(8), primary_key=True)
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)
    window_start: Mapped[dt.datetime] = mapped_column(DateTime, index=True)


Index("ix_records_dyad", RecordRow.supplier, RecordRow.recipient)
Index("ix_claims_dyad", ClaimRow.supplier, ClaimRow.recipient)
Index("ix_echo_keys_lookup", EchoKey.key, EchoKey.published, EchoKey.document_id)
