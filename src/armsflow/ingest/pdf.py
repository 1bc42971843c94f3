"""PDF -> Document through pdfminer.six, one paragraph per line.

Why pdfminer.six and not pypdf: the sentence splitter cuts at every line break, so the visual lines of a PDF must
be joined back into paragraphs, which needs the page geometry. pdfminer's layout analysis groups lines into text
boxes (paragraphs) and reads a two-column page column by column; pypdf's text loses the gaps between paragraphs
and, when a page's content stream draws its columns line by line, interleaves them.

Reflowing: the lines of a box are joined with spaces, a line break after a hyphen is undone ("govern-" "ment"),
except in compounds ("Russian-" "made", "self-" "propelled": a known compound head, a compound that occurs
whole elsewhere in the document, or a designation "MiG-" "29"); a change of font size inside a box starts a new
line (a headline above its paragraph); a box that does not end a sentence and a box that starts in lower case
are one paragraph split by a column or page break. Page numbers and running headers repeated on most pages are
dropped.

Metadata from the document information: Title (not a file name such as "Microsoft Word - draft.docx"), Author
as publisher, CreationDate as published, the catalogue's /Lang as language. Encrypted files open when they need
no password (restrictions only); otherwise, and for image-only (scanned) files, an IngestError says so.

Budgets (limits.py): at most ``limits.pages`` pages, and ``limits.decompressed`` MB of stream data inflated per
document: pdfminer has no hook for the latter, so its module's ``zlib`` is replaced by one that counts (a 400 KB
file can inflate to gigabytes). What cannot be counted (a reference that resolves to itself loops in pdfminer for
ever) is bounded by the process the reader runs in (isolate.py).
"""
from __future__ import annotations

import datetime as dt
import io
import logging
import re
import threading
import zlib
from collections import Counter
from pathlib import Path

from armsflow.ingest.text import MAX_BYTES, IngestError, _printable, read_bytes
from armsflow.model import Document

logging.getLogger("pdfminer").addHandler(logging.NullHandler())     # its warnings would go to stderr

_TERMINAL = re.compile(r"""[.!?:;]["'\u201d\u2019)\]]*$""")
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-\u2013 ]*\d{1,4}[-\u2013 ]*(?:(?:of|/)\s*\d{1,4})?$", re.I)
_COMPOUND = re.compile(r"\b[A-Za-z]+(?:-[A-Za-z]+)+\b")
_COMPOUND_HEADS = {
    "made", "built", "designed", "supplied", "produced", "owned", "led", "backed", "based", "class", "type",
    "era", "range", "guided", "propelled", "launched", "powered", "armed", "funded", "operated", "manufactured",
    "developed", "controlled", "aligned", "affiliated", "origin", "style", "term", "scale", "level", "year",
    "speed", "tech", "air", "surface", "ship", "tank", "aircraft", "sea", "ground", "mounted",
}
_JUNK_TITLE = re.compile(r"^(?:microsoft \w+ - |untitled\b|document\d*$)|\.(?:docx?|pdf|indd|qxd|rtf|odt)$", re.I)


def _info_value(value) -> str | None:
    from pdfminer.pdftypes import resolve1
    from pdfminer.psparser import PSLiteral
    from pdfminer.utils import decode_text

    value = resolve1(value)
    if isinstance(value, bytes):
        value = decode_text(value)
    elif isinstance(value, PSLiteral):
        value = str(value.name)
    if not isinstance(value, str):
        return None
    value = re.sub(r"\s+", " ", value.replace("\x00", "")).strip()
    return value or None


def pdf_date(value: str | None) -> dt.date | None:
    """``D:20240529093000+02'00'`` -> the local date; None unless year, month and day are there and plausible."""
    m = re.match(r"\s*(?:D:)?(\d{4})(\d{2})(\d{2})", value or "")
    if not m:
        return None
    try:
        day = dt.date(*map(int, m.groups()))
    except ValueError:
        return None
    return day if dt.date(1980, 1, 1) <= day <= dt.date.today() + dt.timedelta(days=1) else None


# -- layout -> paragraphs ----------------------------------------------------------------------------------------

def _line_size(line) -> float:
    from pdfminer.layout import LTChar

    sizes = sorted(round(ch.size, 1) for ch in line if isinstance(ch, LTChar))
    return sizes[len(sizes) // 2] if sizes else 0.0


def _walk(layout, boxes: list, state: dict) -> None:
    """Text boxes (each a list of (line text, font size)) in reading order; note images seen."""
    from pdfminer.layout import LTFigure, LTImage, LTTextBox, LTTextLine

    for item in layout:
        if isinstance(item, LTTextBox):
            lines = [(ln.get_text().strip(), _line_size(ln)) for ln in item if isinstance(ln, LTTextLine)]
            lines = [(t, s) for t, s in lines if t]
            if lines:
                boxes.append(lines)
        elif isinstance(item, LTImage):
            state["images"] = True
        elif isinstance(item, LTFigure):
            _walk(item, boxes, state)


_TAIL = 256              # how much of a paragraph's end the reflow reads: more than any hyphenated word
_HYPHENATED = re.compile(r"\n?-([\w-]*[A-Za-z])")    # "govern-" at the end of a paragraph, read backwards


def _tail(pieces: list[str]) -> str:
    """The last characters of the paragraph made of ``pieces``: a long paragraph is never read whole per line."""
    out, size = [], 0
    for piece in reversed(pieces):
        out.append(piece)
        size += len(piece)
        if size >= _TAIL:
            break
    return "".join(reversed(out))[-_TAIL:]


def _drop_last(pieces: list[str]) -> None:
    while len(pieces) > 1 and not pieces[-1]:
        pieces.pop()
    pieces[-1] = pieces[-1][:-1]


def _glue(pieces: list[str], right: str, compounds: set[str]) -> None:
    """Join a visual line to the paragraph being built, kept as pieces joined at the end (a string grown by ``+``
    is copied whole at every line: n^2 for a long paragraph)."""
    tail = _tail(pieces)
    if tail.endswith("\u00ad"):                                   # a soft hyphen: always a word break
        _drop_last(pieces)
        pieces.append(right)
        return
    m = _HYPHENATED.match(tail[::-1])
    if not m:
        pieces += [" ", right]
        return
    word = m.group(1)[::-1]
    head = re.match(r"[A-Za-z]+", right)
    if not head or not right[0].islower():
        pieces.append(right)                                     # "MiG-" "29", "Franco-" "German"
        return
    whole = f"{word}-{head.group()}".lower()
    if not ("-" in word or head.group().lower() in _COMPOUND_HEADS or whole in compounds):
        _drop_last(pieces)
    pieces.append(right)


def _paragraphs(pages: list[list[list[tuple[str, float]]]]) -> list[str]:
    repeated = Counter()
    for boxes in pages:
        repeated.update({re.sub(r"\d+", "#", " ".join(t for t, _ in box)).lower() for box in boxes})
    common = {k for k, n in repeated.items() if len(pages) >= 3 and n * 2 > len(pages) and len(k) < 120}
    compounds = {m.group().lower() for boxes in pages for box in boxes for t, _ in box
                 for m in _COMPOUND.finditer(t[:-1] if t.endswith("-") else t)}

    paras: list[list[str]] = []
    for boxes in pages:
        for box in boxes:
            joined = " ".join(t for t, _ in box)
            if _PAGE_NUMBER.match(joined) or re.sub(r"\d+", "#", joined).lower() in common:
                continue
            first, size = box[0]
            current = [first]
            out = []
            for text, s in box[1:]:
                if size and s and max(s, size) / min(s, size) > 1.2:     # a headline over its paragraph
                    out.append(current)
                    current = [text]
                else:
                    _glue(current, text, compounds)
                size = s
            out.append(current)
            # a paragraph split by a column or page break: no sentence end before, lower case after
            opening = "".join(out[0])
            if paras and opening[:1].islower() and not _TERMINAL.search(_tail(paras[-1])):
                _glue(paras[-1], opening, compounds)
                out.pop(0)
            paras.extend(out)
    paras = ["".join(p) for p in paras]
    return [re.sub(r"\s+", " ", p).strip() for p in paras if p.strip()]


# -- the inflated-bytes budget -----------------------------------------------------------------------------------

class _Inflated(BaseException):
    """Over the budget. A BaseException: pdfminer catches Exception around its decoding and would read on."""


_budget = threading.local()          # .left: bytes that may still be inflated in this thread (unset: no budget)


def _spend(n: int) -> None:
    left = getattr(_budget, "left", None)
    if left is not None:
        _budget.left = left - n
        if _budget.left < 0:
            raise _Inflated


def _room() -> int:
    left = getattr(_budget, "left", None)
    return -1 if left is None else left + 1


class _Decompressor:
    def __init__(self, inner):
        self._inner = inner

    def decompress(self, data, max_length=0):
        room = _room()
        if room >= 0:
            max_length = room if not max_length else min(max_length, room)
        out = self._inner.decompress(data, max_length) if max_length else self._inner.decompress(data)
        _spend(len(out))
        return out

    def flush(self, *args):
        out = self._inner.flush(*args)
        _spend(len(out))
        return out

    def __getattr__(self, name):
        return getattr(self._inner, name)


class _CountingZlib:
    """The part of ``zlib`` pdfminer uses, inflating no more than the thread's budget."""
    error = zlib.error
    MAX_WBITS = zlib.MAX_WBITS

    @staticmethod
    def decompressobj(*args, **kw):
        return _Decompressor(zlib.decompressobj(*args, **kw))

    @staticmethod
    def decompress(data, *args, **kw):
        room = _room()
        if room < 0:
            out = zlib.decompress(data, *args, **kw)
            return out
        d = zlib.decompressobj(*args, **kw)
        out = d.decompress(data, room)
        _spend(len(out))
        if not d.eof:
            raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
        return out

    def __getattr__(self, name):
        return getattr(zlib, name)


def _counted(decode):
    def counted(*args, **kw):
        out = decode(*args, **kw)
        _spend(len(out))                     # after the fact: LZW and run-length inflate a few thousand times at most
        return out
    counted.counted = True
    return counted


def _install_counting_zlib() -> None:
    from pdfminer import pdftypes

    if not isinstance(pdftypes.zlib, _CountingZlib):
        pdftypes.zlib = _CountingZlib()
        for name in ("lzwdecode", "rldecode"):
            if not getattr(getattr(pdftypes, name), "counted", False):
                setattr(pdftypes, name, _counted(getattr(pdftypes, name)))


# -- reading -----------------------------------------------------------------------------------------------------

def read_pdf_bytes(data: bytes, doc_id: str, where, path: str | None = None, url: str | None = None,
                   limits=None) -> Document:
    """PDF bytes (a file named ``path`` or a download from ``url``) -> Document; ``where`` names it in errors.
    IngestError when the file is unreadable or over a budget of ``limits`` (limits.Limits)."""
    from armsflow.ingest.limits import DEFAULT

    limits = limits or DEFAULT
    _install_counting_zlib()
    _budget.left = limits.decompressed * 2**20
    try:
        return _read_pdf(data, doc_id, where, path, url, limits)
    except _Inflated:
        raise IngestError(where, f"its streams inflate to over {limits.decompressed} MB (the decompressed "
                                 f"limit)") from None
    except RecursionError:
        raise IngestError(where, "not a readable PDF (objects nested too deeply)") from None
    finally:
        _budget.left = None


def _read_pdf(data: bytes, doc_id: str, where, path, url, limits) -> Document:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        doc = PDFDocument(PDFParser(io.BytesIO(data)), password="")
    except PDFPasswordIncorrect:
        raise IngestError(where, "encrypted PDF: a password is needed to open it") from None
    except PDFEncryptionError as exc:
        raise IngestError(where, f"encrypted PDF that cannot be opened ({exc})") from None
    except MemoryError:             # the reader's process is out of its memory budget: isolate.py says so
        raise
    except Exception as exc:        # pdfminer raises many kinds on a damaged file
        raise IngestError(where, f"not a readable PDF ({type(exc).__name__}: {exc})") from None

    info: dict = {}
    for part in doc.info:
        info.update(part)
    rsrc = PDFResourceManager()
    device = PDFPageAggregator(rsrc, laparams=LAParams())
    interpreter = PDFPageInterpreter(rsrc, device)
    pages: list = []
    state = {"images": False}
    try:
        for page in PDFPage.create_pages(doc):
            if len(pages) >= limits.pages:
                raise IngestError(where, f"over {limits.pages} pages (the pages limit)")
            interpreter.process_page(page)
            boxes: list = []
            _walk(device.get_result(), boxes, state)
            pages.append(boxes)
        lang = _info_value(doc.catalog.get("Lang"))
    except (IngestError, MemoryError):
        raise
    except Exception as exc:
        raise IngestError(where, f"not a readable PDF ({type(exc).__name__}: {exc})") from None

    paras = _paragraphs(pages)
    if not paras:
        if state["images"]:
            raise IngestError(where, "no text layer: the PDF holds only images (a scan?); OCR it first")
        raise IngestError(where, "no text found in the PDF")
    title = _info_value(info.get("Title"))
    if title and _JUNK_TITLE.search(title):
        title = None
    m = re.match(r"([A-Za-z]{2,3})(?:[-_]|$)", lang or "")
    return Document(id=doc_id, text="\n".join(paras), title=title, publisher=_info_value(info.get("Author")),
                    url=url, published=pdf_date(_info_value(info.get("CreationDate"))), path=path,
                    body_offset=0, language=m.group(1).lower() if m else None, kind="pdf")


def read_pdf_document(path, max_bytes: int = MAX_BYTES, limits=None) -> Document:
    """Read one PDF file (in this process); IngestError with a one-line reason when it gives no text."""
    path = Path(path)
    return read_pdf_bytes(read_bytes(path, max_bytes), _printable(path.stem), path, path=str(path), limits=limits)
