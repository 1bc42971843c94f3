"""PDF: valid, several pages, Unicode text extractable, hostile text printed as text."""
from __future__ import annotations

import re

import pypdfium2 as pdfium
from briefs import FINDING, GOOD_URL, SCRIPT, TURKIYE

from armsflow.report import write_briefing


def page_texts(data: bytes) -> list[str]:
    doc = pdfium.PdfDocument(data)
    try:
        out = []
        for page in doc:
            tp = page.get_textpage()
            out.append(" ".join(tp.get_text_range().split()))
            tp.close()
            page.close()
        return out
    finally:
        doc.close()


def test_pdf_opens_and_has_pages(pdf_bytes):
    assert pdf_bytes.startswith(b"%PDF-")
    assert len(page_texts(pdf_bytes)) > 1


def test_pdf_text(pdf_bytes):
    text = " ".join(page_texts(pdf_bytes))
    assert FINDING in text
    assert TURKIYE in text and "Türkiye" in text and "Vučić" in text
    assert SCRIPT in text                                   # printed as the document wrote it
    assert "page 1 of" in text


def test_pdf_links_only_to_documents(pdf_bytes):
    uris = {m.decode("latin-1") for m in re.findall(rb"/URI \((.*?)\)", pdf_bytes)}
    assert uris == {GOOD_URL, "http://wire.example/kosovo-tb2"}


def test_write_pdf(briefing, tmp_path):
    out = write_briefing(briefing, tmp_path / "b.pdf")
    assert out.read_bytes().startswith(b"%PDF-")
