"""GET /documents — the stored documents, paged and filtered; GET /documents/{id} — one document's text with every
claim's evidence marked, its claims, the document it echoes and the documents that echo it.

Document text is hostile input: it reaches the page only through autoescaping and the ``highlight`` filter (which
escapes every piece itself), and a URL becomes a link only when it is http(s).
"""
from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from armsflow.store import documents_view as dv
from armsflow.web.deps import reader
from armsflow.web.render import page

router = APIRouter(include_in_schema=False)
PER_PAGE = 50
MAX_PAGE = 100_000


def _date(name: str, value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(422, f"{name}: {value[:40]!r} is not a date; write it as YYYY-MM-DD") from None


def _choice(name: str, value: str | None, allowed: dict) -> str | None:
    if not value:
        return None
    if value not in allowed:
        raise HTTPException(422, f"{name}: choose one of {', '.join(allowed)}")
    return value


def _page_number(value: str | None) -> int:
    if not value:
        return 1
    if not value.isdigit() or not 1 <= int(value) <= MAX_PAGE:
        raise HTTPException(422, f"page: a whole number from 1 to {MAX_PAGE}")
    return int(value)


HAS_CLAIMS = {"yes": True, "no": False}
ECHO = {"originals": False, "echoes": True}


@router.get("/documents")
def documents_list(request: Request, publisher: str | None = None, since: str | None = None,
                   until: str | None = None, has_claims: str | None = None, echo: str | None = None,
                   sort: str | None = None, page_number: str | None = Query(None, alias="page"),
                   _v=Depends(reader)):
    store = request.app.state.store
    number = _page_number(page_number)
    f = dv.DocFilter(publisher=(publisher or "").strip()[:300] or None, since=_date("since", since),
                     until=_date("until", until),
                     has_claims=HAS_CLAIMS.get(_choice("has_claims", has_claims, HAS_CLAIMS) or ""),
                     echo=ECHO.get(_choice("echo", echo, ECHO) or ""),
                     sort=_choice("sort", sort, dv.SORTS) or "newest")
    total, rows = dv.documents_page(store, f, PER_PAGE, (number - 1) * PER_PAGE)
    pages = max(1, -(-total // PER_PAGE))
    publishers = request.app.state.cache.get(("documents.publishers",), lambda: dv.publishers(store))
    filtered = any([f.publisher, f.since, f.until, f.has_claims is not None, f.echo is not None])
    return page(request, "documents_list.html", nav="documents", rows=rows, total=total, f=f, number=number,
                pages=pages, per_page=PER_PAGE, publishers=publishers, sorts=dv.SORTS, filtered=filtered,
                has_claims=has_claims or "", echo=echo or "")


def safe_link(url: str | None) -> str | None:
    """``url`` when it may be a link (http or https with a host); anything else is only shown as text."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def claim_spans(d: dv.DocDetail, names, focus: int | None = None) -> tuple[list[tuple], dict[int, str]]:
    """The marks for ``highlight`` — (start, end, css class, title, anchor) — and each claim's anchor.

    Several claims often share one sentence: they share one mark, whose title lists them all and whose anchor is
    the first one's (or ``focus``'s, so a link to that claim lands on it); a claim whose offsets fall outside the
    text gets no mark and no anchor."""
    claims = sorted((c for c in d.claims if 0 <= c.start < c.end <= len(d.text)),
                    key=lambda c: (c.start, -c.end, c.id != focus, c.id))
    marks: list[dict] = []
    anchors: dict[int, str] = {}
    for c in claims:
        title = f"{names(c.supplier)} → {names(c.recipient)} · {c.system or c.category} · {c.status}"
        if c.hedged:
            title += " (hedged)"
        last = marks[-1] if marks else None
        if last is not None and c.end <= last["end"]:          # inside the previous mark: highlight would skip it
            last["titles"].append(title)
            last["hedged"] = last["hedged"] and c.hedged
            if c.id == focus:
                last["anchor"] = f"claim-{c.id}"
            anchors[c.id] = last["anchor"]
            last["members"].append(c.id)
            continue
        marks.append({"start": c.start, "end": c.end, "titles": [title], "hedged": c.hedged,
                      "anchor": f"claim-{c.id}", "members": [c.id]})
        anchors[c.id] = marks[-1]["anchor"]
    for m in marks:                                            # a focused claim may have taken over its mark
        for cid in m["members"]:
            anchors[cid] = m["anchor"]
    spans = [(m["start"], m["end"],
              ("claim-hedged" if m["hedged"] else "claim") + (" focus" if focus in m["members"] else ""),
              " | ".join(m["titles"]), m["anchor"]) for m in marks]
    return spans, anchors


@router.get("/documents/{document_id}")
async def document_page(request: Request, document_id: int = Path(ge=1, le=2**31 - 1),
                        claim: int | None = Query(None, ge=1, le=2**31 - 1), _v=Depends(reader)):
    """A coroutine, as the record page: a few indexed reads in one session, cheaper inline than in a thread."""
    store = request.app.state.store
    with store.reading():
        d = dv.document(store, document_id)
    if d is None:
        raise HTTPException(404, f"There is no document {document_id}. The documents list shows every stored one.")
    names = request.app.state.templates.env.globals["actor_name"]
    spans, anchors = claim_spans(d, names, claim)
    return page(request, "document.html", nav="documents", d=d, spans=spans, anchors=anchors, focus=claim,
                link=safe_link(d.url))
