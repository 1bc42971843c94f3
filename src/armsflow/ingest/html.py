"""HTML pages -> Document: the article's main text and its metadata, through trafilatura; nothing is fetched.

trafilatura drops navigation, link lists, footers and comments and finds the title, site name, author, date and
canonical URL. Its text is rebuilt here one paragraph per line, because the sentence splitter cuts at every line
break: a ``<br>`` inside a paragraph becomes a space unless it ends a sentence (or is doubled), list items become
"- item" lines, table rows "cell | cell". The headline is the first line, as in the Markdown samples, so the
extractor sees it as a headline.

The publication date comes from markup and the URL first. Only when they have none are dates in the visible text
searched (htmldate's extensive search), and a date that comes out as 1 January is then dropped: it is the year of
a copyright line, not a publication date, and a wrong date anchors "last year" wrongly.

:func:`fragment_text` turns an HTML fragment (a feed entry's content) into the same kind of plain text, with the
standard library's parser: a fragment has no boilerplate to remove.

Budget: elements nested at most ``limits.depth`` deep (lxml itself stops at 256 and drops what is deeper, which
would lose the article without saying why); time and memory are bounded by the reader's process (isolate.py).
"""
from __future__ import annotations

import codecs
import datetime as dt
import logging
import re
from html.parser import HTMLParser
from pathlib import Path

from armsflow.ingest.text import MAX_BYTES, IngestError, _printable, binary_kind, detect, read_bytes
from armsflow.model import Document

# trafilatura and its helpers log parse trouble; without a handler Python would print it on stderr, where the
# command line keeps one line per bad file
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""\A\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)""", re.I)
# labels browsers read as another encoding (WHATWG Encoding Standard)
_ALIASES = {"iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
            "us-ascii": "cp1252", "ascii": "cp1252", "gb2312": "gb18030", "gbk": "gb18030", "x-sjis": "shift_jis"}
_TERMINAL = re.compile(r"""[.!?:;]["'\u201d\u2019)]*$""")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def decode_html(data: bytes, where) -> str:
    """UTF-8 when the bytes are UTF-8 (whatever the page declares: mislabelled pages are common), else the
    declared charset, else detection as for text files."""
    if not data.startswith(_BOMS):
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        head = data[:4096]
        m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
        if m:
            label = m.group(1).decode("ascii").lower()
            try:
                return data.decode(codecs.lookup(_ALIASES.get(label, label)).name)
            except (LookupError, UnicodeDecodeError):
                pass
    found = detect(data)
    if found is None:
        raise IngestError(where, "binary or undecodable: not text in any known encoding")
    return found[0]


def _language(tree) -> str | None:
    """The primary subtag of <html lang>, Content-Language or og:locale ("en-GB" -> "en")."""
    values = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    for meta in tree.iter("meta"):
        key = (meta.get("http-equiv") or meta.get("property") or meta.get("name") or "").lower()
        if key in ("content-language", "og:locale", "language", "dc.language"):
            values.append(meta.get("content"))
    for value in values:
        m = re.match(r"\s*([A-Za-z]{2,3})(?:[-_,\s]|$)", value or "")
        if m:
            return m.group(1).lower()
    return None


def _date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _text_date(html: str, url: str | None) -> dt.date | None:
    """A date from the visible text, when markup and URL have none; 1 January is a copyright year."""
    from htmldate import find_date

    try:
        found = _date(find_date(html, url=url, extensive_search=True, original_date=True, outputformat="%Y-%m-%d"))
    except Exception:           # htmldate on odd markup: no date rather than no document
        return None
    return None if found is None or (found.month, found.day) == (1, 1) else found


# -- the extracted tree -> lines ---------------------------------------------------------------------------------

_BLOCK = {"p", "head", "item", "quote", "row", "code", "list", "table", "div", "body", "doc", "main"}
_SOFT = object()     # a <br>
_HARD = object()     # a block boundary


def _flatten(el, out: list) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _BLOCK:
        out.append(_HARD)
        if tag == "item":
            out.append("- ")
    elif tag == "lb":
        out.append(_SOFT)
    elif tag == "cell" and el.getprevious() is not None:
        out.append(" | ")
    if el.text and tag != "lb":
        out.append(el.text)
    for child in el:
        _flatten(child, out)
    if tag in _BLOCK:
        out.append(_HARD)
    if el.tail:
        out.append(el.tail)


def join_pieces(pieces: list) -> str:
    """Text pieces and break markers -> one block per line, whitespace collapsed, empty lines dropped."""
    lines: list[str] = []
    current: list[str] = []
    softs = 0

    def flush() -> None:
        lines.append(re.sub(r"\s+", " ", "".join(current)).strip())
        current.clear()

    for piece in [*pieces, _HARD]:
        if piece is _SOFT:
            softs += 1
            continue
        if isinstance(piece, str) and not piece.strip():
            current.append(piece)               # whitespace between two <br> keeps them a pair
            continue
        if softs:
            # a single <br> is a line wrap inside a paragraph, unless the text before it ends a sentence
            if softs > 1 or _TERMINAL.search("".join(current).rstrip()):
                flush()
            else:
                current.append(" ")
            softs = 0
        if piece is _HARD:
            flush()
        else:
            current.append(piece)
    return "\n".join(s for s in lines if s and s != "-")


def _body_text(body) -> str:
    pieces: list = []
    _flatten(body, pieces)
    return join_pieces(pieces)


_SENTENCE_END = re.compile(r"""[.!?]["'\u201d\u2019)]*$""")


def _has_article(text: str) -> bool:
    """Menus and link lists ("Home Land Air Subscribe to our newsletter") are not an article: some line must be a
    sentence of a few words."""
    return any(_SENTENCE_END.search(ln) and len(ln.split()) >= 4 for ln in text.splitlines())


def _same(a: str, b: str) -> bool:
    return re.sub(r"\W+", " ", a).strip().lower() == re.sub(r"\W+", " ", b).strip().lower()


# -- reading -----------------------------------------------------------------------------------------------------

LXML_MAX_DEPTH = 255             # libxml2 without XML_PARSE_HUGE: deeper elements are dropped


def tree_depth(tree, stop: int) -> int:
    """How deep ``tree`` nests (counted no further than ``stop``), without recursion."""
    from lxml import etree

    depth = deepest = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > deepest:
            deepest = depth
            if deepest >= stop:
                break
    return deepest


def read_html_bytes(data: bytes, doc_id: str, where, path: str | None = None, url: str | None = None,
                    limits=None) -> Document:
    """HTML bytes (a file named ``path``, or a page fetched from ``url``) -> Document; ``where`` names the input
    in error messages."""
    import trafilatura
    from trafilatura.utils import load_html

    from armsflow.ingest.limits import DEFAULT

    limits = limits or DEFAULT

    if not data.strip():
        raise IngestError(where, "file is empty" if not data else "file is empty (only whitespace)")
    kind = binary_kind(data)
    if kind is not None:
        raise IngestError(where, f"binary file, not HTML: {kind}")
    html = decode_html(data, where)
    tree = load_html(html)
    if tree is None:
        raise IngestError(where, "no article text found (not an HTML page)")
    stop = min(limits.depth, LXML_MAX_DEPTH)
    if tree_depth(tree, stop) >= stop:
        raise IngestError(where, f"HTML nested {stop} or more levels deep (the depth limit)")
    language = _language(tree)
    try:
        found = trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, include_comments=False, include_tables=True,
            date_extraction_params={"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"})
    except MemoryError:
        raise
    except Exception as exc:      # a parser failure on one odd page must not stop the run
        raise IngestError(where, f"cannot parse the HTML ({type(exc).__name__}: {exc})") from None
    body = _body_text(found.body) if found is not None and found.body is not None else ""
    if not body or not _has_article(body):
        raise IngestError(where, "no article text found")
    title = (found.title or "").strip() or None
    if title and not _same(body.split("\n", 1)[0], title):
        body = f"{title}\n{body}"
    published = _date(found.date) or _text_date(html, url)
    publisher = found.sitename or found.hostname or found.author
    return Document(id=doc_id, text=body, title=title, publisher=(publisher or "").strip() or None,
                    url=found.url or url, published=published, path=path, body_offset=0,
                    language=language, kind="html")


def read_html_document(path, max_bytes: int = MAX_BYTES, limits=None) -> Document:
    """Read one saved HTML page (in this process); IngestError with a one-line reason when it holds no usable
    article."""
    path = Path(path)
    return read_html_bytes(read_bytes(path, max_bytes), _printable(path.stem), path, path=str(path), limits=limits)


# -- fragments ---------------------------------------------------------------------------------------------------

class _Fragment(HTMLParser):
    _BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre", "tr",
               "table", "section", "article", "header", "footer", "figure", "figcaption", "dd", "dt", "hr"}
    _SKIP = {"script", "style", "noscript", "template", "head", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self.skipping += 1
        elif tag == "br":
            self.pieces.append(_SOFT)
        elif tag in self._BLOCKS:
            self.pieces.append(_HARD)
            if tag == "li":
                self.pieces.append("- ")
        elif tag in ("td", "th"):
            self.pieces.append(" | ")

    def handle_endtag(self, tag):
        if tag in self._SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self._BLOCKS:
            self.pieces.append(_HARD)

    def handle_data(self, data):
        if not self.skipping:
            self.pieces.append(data)


def fragment_text(html: str) -> str:
    """An HTML fragment -> plain text, one block per line."""
    parser = _Fragment()
    parser.feed(html)
    parser.close()
    lines = join_pieces(parser.pieces).split("\n")
    return "\n".join(re.sub(r"^\|\s*", "", ln) for ln in lines)
