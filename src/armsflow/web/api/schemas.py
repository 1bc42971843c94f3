"""The shapes the REST API answers with (Pydantic models): they are the OpenAPI schema clients and tests read.

Names of states and groups travel beside their codes (``supplier_name``) so a client needs no catalogue of its own.
Dates are ISO strings; a figure that has no finite value (NaN) is null.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, Field


class Error(BaseModel):
    detail: Any = Field(description="What was wrong: a sentence, or for invalid parameters a list of problems.")


class TimelineEvent(BaseModel):
    status: str
    year: int | None
    first_seen: str | None = Field(description="When a source first reported this stage (ISO date).")
    claim_ids: list[int]


class Record(BaseModel):
    """A transfer record: claims fused across documents (source news) or a register row (source sipri)."""
    id: int | None
    key: str
    source: str
    supplier: str | None
    supplier_name: str | None
    recipient: str | None
    recipient_name: str | None
    system: str | None
    category: str
    status: str
    period_start: int | None
    period_end: int | None
    quantity_min: int | None
    quantity_max: int | None
    first_seen: str | None
    last_seen: str | None
    claims: int
    sources: int = Field(description="Independent sources (echoes of one article count once).")
    hedged: int
    unhedged: int
    confidence: float | None
    timeline: list[TimelineEvent]
    confirmation: str | None = Field(None, description="\"confirmed by SIPRI (record 7)\" on a news record that a "
                                     "register deal confirms; \"news record 12, confirmed by SIPRI\" on that deal. "
                                     "With source all, the news record is not listed: the deal is one row.")
    linked: list[int] = Field(default_factory=list, description="The records on the other side of the deal.")


class Claim(BaseModel):
    """One transfer claim as extracted from a document (or as an analyst corrected it), with its evidence."""
    id: int
    document_id: int
    doc: str = Field(description="The document's key.")
    title: str | None = Field(None, description="The document's title.")
    url: str | None = Field(None, description="Where the document was read from, if it came from the web.")
    publisher: str | None
    published: dt.date | None
    original_id: int | None = Field(description="The document this one repeats (its strongest echo link), if any.")
    echo_kind: str | None
    source_id: int | None = Field(None, description="The document's source cluster: claims whose documents share "
                                  "it count as one independent source.")
    supplier: str | None
    supplier_name: str | None
    recipient: str | None
    recipient_name: str | None
    system: str | None
    category: str
    quantity: int | None
    status: str
    year: int | None
    hedged: bool
    evidence: str = Field(description="The sentence the claim was read from (untrusted document text).")
    citation: str | None
    review: Literal["extracted", "accepted", "rejected", "edited"] | str
    pin: str | None
    rules: list[str] = Field(default_factory=list,
                             description="The grammar rules that read the claim (extract/rules.yaml).")
    confidence: float | None = Field(None, description="How likely the claim is right, 0-1; null when an older "
                                                       "extractor read it.")
    records: list[int] = Field(description="The records this claim was fused into.")


class RecordDetail(Record):
    claim_items: list[Claim] = Field(description="The claims behind the record, oldest document first.")


class Page(BaseModel):
    total: int = Field(description="How many items the filters admit in all.")
    next: str | None = Field(description="The URL of the next page, or null on the last one.")


class RecordPage(Page):
    items: list[Record]


class ClaimPage(Page):
    items: list[Claim]


class EchoLink(BaseModel):
    """This document repeats document ``id``: a duplicate, near-duplicate or echo, with the detector's evidence."""
    id: int
    doc: str
    kind: str
    score: float | None
    reasons: list[str]


class Document(BaseModel):
    id: int
    doc: str
    title: str | None
    url: str | None
    publisher: str | None
    published: dt.date | None
    kind: str
    language: str | None
    ingested_at: dt.datetime
    claims: int
    original_id: int | None = Field(description="The document this one repeats (its strongest echo link), if any.")
    echo_kind: str | None
    echo_score: float | None
    cluster: int | None = Field(None, description="Its source cluster: the same for a document and every copy or "
                                "echo of it (one independent source).")
    echo_of: list[EchoLink] = Field([], description="Every document this one repeats, strongest link first.")


class DocumentPage(Page):
    items: list[Document]


class DocumentDetail(Document):
    text: str = Field(description="The document's text as stored (untrusted: escape it before display).")
    claim_items: list[Claim]
    original: Document | None = Field(description="The document this one repeats (its strongest echo link).")
    echoes: list[Document] = Field(description="Documents that repeat this one.")


class StateSummary(BaseModel):
    code: str
    name: str
    exports: int = Field(description="Records with this actor as supplier.")
    imports: int = Field(description="Records with this actor as recipient.")


class StateList(BaseModel):
    total: int
    items: list[StateSummary]


class Partner(BaseModel):
    code: str | None
    name: str | None
    records: int
    delivered: int
    first_year: int | None
    last_year: int | None


class StateDetail(StateSummary):
    kind: str | None
    suppliers: list[Partner] = Field(description="Who supplies this actor (its imports), most records first.")
    recipients: list[Partner] = Field(description="Whom this actor supplies (its exports), most records first.")


class AnalysisResult(BaseModel):
    analysis: str
    title: str = Field(description="What was selected, as the command line's table title.")
    columns: list[str]
    rows: list[dict[str, Any]]
    undated_left_out: int = Field(0, description="Records that match everything else but have no year (no claim "
                                                 "behind them states one), left out by the period or by an analysis "
                                                 "that splits time.")
    note: str = Field("", description="The same in a sentence, as under the command line's table (empty: none).")


class Segment(BaseModel):
    text: str
    match: bool


class DocumentHit(BaseModel):
    id: int
    doc: str
    title: str | None
    published: dt.date | None
    publisher: str | None
    snippet: list[Segment]


class ClaimHit(BaseModel):
    id: int
    document_id: int
    doc: str
    published: dt.date | None
    supplier: str | None
    recipient: str | None
    system: str | None
    category: str
    status: str
    year: int | None
    review: str
    snippet: list[Segment]


class DocumentHits(BaseModel):
    total: int
    items: list[DocumentHit]


class ClaimHits(BaseModel):
    total: int
    items: list[ClaimHit]


class SearchResult(BaseModel):
    q: str
    documents: DocumentHits
    claims: ClaimHits


class PostedDocument(BaseModel):
    """A document posted as JSON; ``text`` may carry YAML front matter like a Markdown file."""
    text: str = Field(min_length=1, description="The article text (plain text or Markdown).")
    title: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=2000)
    publisher: str | None = Field(None, max_length=300)
    published: dt.date | None = None


class StoredDocument(BaseModel):
    id: int
    doc: str
    title: str | None
    echo_kind: str | None
    original_id: int | None
    cluster: int | None = None
    claims: list[Claim]


class IngestResult(BaseModel):
    status: Literal["stored", "already stored"]
    documents: list[StoredDocument]
    records: list[int] = Field(description="The records the documents' claims were fused into.")
    summary: str


class ReviewRequest(BaseModel):
    note: str | None = Field(None, max_length=2000)


class EditRequest(ReviewRequest):
    changes: dict[str, Any] = Field(description="Fields to correct: supplier, recipient, system, category, quantity, "
                                                "status, year, hedged.")


class ReviewResult(BaseModel):
    claim: Claim
    action: str
    user: str
