"""A briefing as a PDF, drawn by reportlab: no browser, no network.

Layout (A4): a title block and the key findings on the first page, then one part per section (findings, charts,
tables), the method note and the sources. Findings carry superscript footnote numbers that link to their source;
each source links back to nothing but its document (an http(s) URL only). Every page but the first has a running
head; every page has "page N of M". Sections appear as PDF bookmarks.

Text is set in DejaVu Sans, the TrueType font that matplotlib ships (so it is there wherever the charts can be
drawn), embedded as a subset: "Türkiye", "Vučić" and Cyrillic render and can be searched and copied. All text is
escaped for reportlab's paragraph markup, so document text cannot add markup, links or images.
"""
from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape as _xml_escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from armsflow.report import charts as charts_mod
from armsflow.report.briefing import (
    Briefing,
    Chart,
    Finding,
    Footnote,
    format_date,
    safe_url,
    source_words,
)
from armsflow.report.files import atomic_write
from armsflow.report.html import conf_class, format_cell, format_generated

FONT = "ArmsflowSans"
INK = colors.HexColor("#1d232a")
MUTED = colors.HexColor("#5b6670")
RULE = colors.HexColor("#d9dee3")
ACCENT = colors.HexColor("#0b5394")
SOFT = colors.HexColor("#f1f5f9")
ZEBRA = colors.HexColor("#f7f9fb")
CONF = {"high": "#1b7a4c", "moderate": "#8a5a00", "low": "#a8322a", "other": "#5b6670"}
TAG = {"hedged": ("#7a4b00", "#fff1d6"), "stated": ("#1b5e3a", "#e3f1e8"), "register": ("#123f73", "#e4ecf7")}

PAGE = A4
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 20 * mm, 20 * mm, 20 * mm
FRAME_W = PAGE[0] - 2 * MARGIN_X
FRAME_H = PAGE[1] - MARGIN_TOP - MARGIN_BOTTOM

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@lru_cache(maxsize=1)
def register_fonts() -> str:
    """Register DejaVu Sans (regular, bold, oblique, bold oblique) from matplotlib's data folder as one family."""
    import matplotlib
    from reportlab.lib.fonts import addMapping

    ttf = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    faces = {"": "DejaVuSans.ttf", "-Bold": "DejaVuSans-Bold.ttf", "-Oblique": "DejaVuSans-Oblique.ttf",
             "-BoldOblique": "DejaVuSans-BoldOblique.ttf"}
    for suffix, file in faces.items():
        pdfmetrics.registerFont(TTFont(FONT + suffix, str(ttf / file)))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT + "-Bold")
    addMapping(FONT, 0, 1, FONT + "-Oblique")
    addMapping(FONT, 1, 1, FONT + "-BoldOblique")
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT + "-Bold", italic=FONT + "-Oblique",
                                  boldItalic=FONT + "-BoldOblique")
    return FONT


def esc(text) -> str:
    """Plain text made safe for a reportlab Paragraph: markup characters escaped, control characters dropped."""
    return _xml_escape(_CONTROL.sub("", " ".join(str(text).split())))


def esc_attr(text: str) -> str:
    return _xml_escape(_CONTROL.sub("", text), {'"': "&quot;", "'": "&#39;"})


def _styles() -> dict[str, ParagraphStyle]:
    f = register_fonts()
    base = ParagraphStyle("body", fontName=f, fontSize=9.6, leading=13.6, textColor=INK, spaceAfter=4)
    return {
        "body": base,
        "kicker": ParagraphStyle("kicker", base, fontName=f + "-Bold", fontSize=7.8, leading=10, textColor=MUTED,
                                 spaceAfter=5),
        "title": ParagraphStyle("title", base, fontName=f + "-Bold", fontSize=21, leading=25, spaceAfter=5),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=11.5, leading=15, textColor=colors.HexColor("#333d47"),
                                   spaceAfter=6),
        "meta": ParagraphStyle("meta", base, fontSize=8.2, leading=11, textColor=MUTED, spaceAfter=0),
        "h2": ParagraphStyle("h2", base, fontName=f + "-Bold", fontSize=13.5, leading=17, spaceBefore=6,
                             spaceAfter=7, keepWithNext=True),
        "h2box": ParagraphStyle("h2box", base, fontName=f + "-Bold", fontSize=12, leading=15, spaceAfter=2),
        "finding": ParagraphStyle("finding", base, leftIndent=13, firstLineIndent=0, bulletIndent=2,
                                  spaceAfter=5),
        "summary": ParagraphStyle("summary", base, fontSize=10, leading=14.2, leftIndent=16, bulletIndent=0,
                                  spaceAfter=0),
        "caption": ParagraphStyle("caption", base, fontSize=8.2, leading=11, textColor=MUTED, spaceBefore=3,
                                  spaceAfter=10),
        "table_title": ParagraphStyle("table_title", base, fontName=f + "-Bold", fontSize=9.2, leading=12,
                                      spaceBefore=4, spaceAfter=4, keepWithNext=True),
        "th": ParagraphStyle("th", base, fontName=f + "-Bold", fontSize=7.4, leading=9.4,
                             textColor=colors.HexColor("#38424c"), spaceAfter=0),
        "td": ParagraphStyle("td", base, fontSize=8.3, leading=10.8, spaceAfter=0),
        "note": ParagraphStyle("note", base, fontSize=7.9, leading=10.4, textColor=MUTED, spaceBefore=3,
                               spaceAfter=10),
        "fn": ParagraphStyle("fn", base, fontName=f + "-Oblique", fontSize=8.3, leading=11.2, leftIndent=17,
                             firstLineIndent=0, bulletIndent=0, bulletFontName=f + "-Bold", bulletFontSize=8.3,
                             bulletColor=ACCENT, spaceAfter=1.5),
        "fn_src": ParagraphStyle("fn_src", base, fontSize=7.7, leading=10.4, leftIndent=17, textColor=MUTED,
                                 spaceAfter=7),
    }


class _Rule(Flowable):
    """A horizontal line across the frame."""

    def __init__(self, width: float = 0.6, colour=RULE, space_before: float = 2, space_after: float = 6):
        super().__init__()
        self.line_width, self.colour = width, colour
        self.space_before, self.space_after = space_before, space_after

    def wrap(self, avail_w, avail_h):
        self.avail_w = avail_w
        return avail_w, self.space_before + self.space_after + self.line_width

    def draw(self):
        c = self.canv
        c.setStrokeColor(self.colour)
        c.setLineWidth(self.line_width)
        y = self.space_after
        c.line(0, y, self.avail_w, y)


class _Bookmark(Flowable):
    """A zero-size mark that adds a PDF outline entry where it lands."""

    def __init__(self, key: str, title: str, toc: bool = True):
        super().__init__()
        self.key, self.title, self.toc = key, title, toc

    def wrap(self, *_):
        return 0, 0

    def draw(self):
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, level=0)


def _markers(numbers: list[int]) -> str:
    if not numbers:
        return ""
    links = ",".join(f'<a href="#fn{int(n)}" color="#0b5394">{int(n)}</a>' for n in numbers)
    return f"<super><font size=\"6.8\">{links}</font></super>"


def _confidence(word: str | None) -> str:
    if not word:
        return ""
    colour = CONF[conf_class(word)]
    return f'  <font size="6.8" color="{colour}"><b>{esc(word.upper())}</b></font>'


def _finding_markup(f: Finding) -> str:
    return esc(f.text) + _markers(list(f.footnotes)) + _confidence(f.confidence)


def _tag(fn: Footnote) -> str:
    word = source_words(fn)
    fg, bg = TAG[word]
    return f'<font color="{fg}" backColor="{bg}" size="6.6"><b>&nbsp;{word.upper()}&nbsp;</b></font>'


def _source_line(fn: Footnote) -> str:
    parts = [_tag(fn)]
    title = esc(fn.title or fn.doc)
    url = safe_url(fn.url)
    if url:
        parts.append(f'<a href="{esc_attr(url)}" color="#0b5394"><b>{title}</b></a>')
    else:
        parts.append(f'<font color="#1d232a"><b>{title}</b></font>')
    rest = [esc(x) for x in (fn.publisher, format_date(fn.published)) if x]
    text = parts[0] + " " + " · ".join([parts[1], *rest])
    second = [esc(fn.doc)] if fn.title else []
    if fn.url:
        second.append(esc(url or fn.url.strip()))
    if second:
        text += f'<br/><font color="#7b8690">{" · ".join(second)}</font>'
    if fn.note:
        text += f'<br/><font color="#38424c">{esc(fn.note)}</font>'
    if fn.rows:
        text += '<br/><font color="#38424c">Register rows: ' + "; ".join(esc(r) for r in fn.rows) + "</font>"
    return text


def _table(t, n: int, st) -> list[Flowable]:
    cells = [[format_cell(v) for v in row] for row in t.rows]
    cols = len(t.columns)
    numeric = [bool(cells) and all(r[j][1] or r[j][0] == "" for r in cells) and any(r[j][1] for r in cells)
               for j in range(cols)]
    # column widths: each column's natural width (its longest line), capped, then scaled to the frame
    font = register_fonts()
    natural, minimum = [], []
    for j in range(cols):
        texts = [str(t.columns[j])] + [r[j][0] for r in cells]
        widest = max(pdfmetrics.stringWidth(x, font, 8.3) for x in texts) + 12
        head_word = max(pdfmetrics.stringWidth(w, font + "-Bold", 7.4)
                        for w in str(t.columns[j]).upper().split() or [""])
        longest_word = max((pdfmetrics.stringWidth(w, font, 8.3) for x in texts for w in x.split()), default=0)
        natural.append(min(widest, FRAME_W * 0.5))
        minimum.append(min(max(head_word, longest_word) + 12, FRAME_W * 0.35))
    total = sum(natural)
    if total <= FRAME_W:
        widths = [w * FRAME_W / total for w in natural] if total > FRAME_W * 0.7 else natural
    else:
        spare = FRAME_W - sum(minimum)
        extra = [max(nat - mn, 0) for nat, mn in zip(natural, minimum, strict=True)]
        share = spare / sum(extra) if sum(extra) and spare > 0 else 0
        widths = [mn + e * share for mn, e in zip(minimum, extra, strict=True)]
        if spare < 0:
            widths = [w * FRAME_W / sum(widths) for w in widths]
    th_right = ParagraphStyle("th_r", st["th"], alignment=TA_RIGHT)
    td_right = ParagraphStyle("td_r", st["td"], alignment=TA_RIGHT)
    head = [Paragraph(esc(str(c)).upper(), th_right if numeric[j] else st["th"]) for j, c in enumerate(t.columns)]
    body = [[Paragraph(esc(text), td_right if num else st["td"]) for text, num in row] for row in cells]
    table = Table([head, *body], colWidths=widths, repeatRows=1, hAlign="LEFT")
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5), ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 3.2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3.6),
        ("LINEBELOW", (0, 0), (-1, 0), 1.1, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
    ]
    for i in range(1, len(body) + 1):
        if i % 2 == 0:
            style.append(("BACKGROUND", (0, i), (-1, i), ZEBRA))
    table.setStyle(TableStyle(style))
    out: list[Flowable] = [Paragraph(f"Table {n}. {esc(t.title)}", st["table_title"]), table]
    if t.note:
        out.append(Paragraph(esc(t.note), st["note"]))
    else:
        out.append(Spacer(1, 10))
    if len(body) <= 12:
        return [KeepTogether(out)]
    return out


class _Figure(Flowable):
    """A chart image with a rule and its caption under it, kept together. When the space left on the page is a
    little short, the image shrinks (to ``min_scale`` at most) rather than leave most of a page blank."""

    TOP, GAP, BOTTOM = 6, 4, 12

    def __init__(self, png: bytes, width: float, height: float, caption: Paragraph, min_scale: float = 0.8):
        super().__init__()
        from reportlab.lib.utils import ImageReader

        self.image = ImageReader(io.BytesIO(png))
        self.img_w, self.img_h = width, height
        self.caption = caption
        self.min_scale = min_scale
        self.scale = 1.0

    def wrap(self, avail_w, avail_h):
        _, cap_h = self.caption.wrap(avail_w, avail_h)
        self.cap_h = cap_h
        fixed = self.TOP + self.GAP + 1 + self.GAP + cap_h + self.BOTTOM
        self.scale = 1.0
        if fixed + self.img_h > avail_h:
            room = (avail_h - fixed) / self.img_h
            if room >= self.min_scale:
                self.scale = room
        self.width, self.height = avail_w, fixed + self.img_h * self.scale
        return self.width, self.height

    def draw(self):
        c = self.canv
        w, h = self.img_w * self.scale, self.img_h * self.scale
        c.drawImage(self.image, 0, self.height - self.TOP - h, w, h)
        y_rule = self.BOTTOM + self.cap_h + self.GAP
        c.setStrokeColor(RULE)
        c.setLineWidth(0.5)
        c.line(0, y_rule, self.width, y_rule)
        self.caption.drawOn(c, 0, self.BOTTOM)


def _chart(chart, n: int, st) -> Flowable:
    rendered = charts_mod.render(chart, dpi=220)
    w = min(FRAME_W, rendered.width * 72 * 0.86)
    h = w * rendered.height / rendered.width
    max_h = FRAME_H * 0.8
    if h > max_h:
        w, h = w * max_h / h, max_h
    caption = Paragraph(f'<font color="#1d232a"><b>Figure {n}.</b></font> {esc(chart.caption or chart.title)}',
                        ParagraphStyle("caption0", st["caption"], spaceBefore=0, spaceAfter=0))
    return _Figure(rendered.png, w, h, caption)


def _summary_box(findings: list[Finding], st) -> Flowable:
    rows = [[Paragraph("Key findings", st["h2box"])]]
    for i, f in enumerate(findings, 1):
        rows.append([Paragraph(_finding_markup(f), st["summary"], bulletText=f"{i}.")])
    table = Table(rows, colWidths=[FRAME_W], hAlign="LEFT")
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), SOFT),
        ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
        ("LEFTPADDING", (0, 0), (-1, -1), 12), ("RIGHTPADDING", (0, 0), (-1, -1), 12),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, 0), 10), ("BOTTOMPADDING", (0, -1), (-1, -1), 11),
    ]))
    return table


def _story(b: Briefing) -> list[Flowable]:
    st = _styles()
    story: list[Flowable] = []
    kicker = " · ".join(x for x in ("ARMSFLOW BRIEFING", (b.region or "").upper(), b.period or "") if x)
    story.append(Paragraph(esc(kicker), st["kicker"]))
    story.append(Paragraph(esc(b.title), st["title"]))
    if b.subtitle:
        story.append(Paragraph(esc(b.subtitle), st["subtitle"]))
    n_sources, hedged = b.cited_sources()
    n_findings = sum(1 for _ in b.findings())
    meta = (f"Generated {format_generated(b.generated)} · {n_findings} finding{'s' if n_findings != 1 else ''} · "
            f"{n_sources} cited source{'s' if n_sources != 1 else ''}" + (f" ({hedged} hedged)" if hedged else ""))
    story.append(Paragraph(esc(meta), st["meta"]))
    story.append(_Rule(2.2, INK, 6, 12))
    if b.summary:
        story.append(_summary_box(b.summary, st))
        story.append(Spacer(1, 14))
    if b.sections:
        toc = TableOfContents(dotsMinLevel=0, levelStyles=[ParagraphStyle(
            "toc", st["body"], fontSize=9.6, leading=14, leftIndent=0, firstLineIndent=0, spaceAfter=0)])
        story.append(Paragraph("Contents", st["h2box"]))
        story.append(Spacer(1, 4))
        story.append(toc)
        story.append(PageBreak())
    fig_n = table_n = 0
    for i, s in enumerate(b.sections, 1):
        head: list[Flowable] = [_Bookmark(f"s{i}", s.title)]
        if i > 1:
            story.append(CondPageBreak(70 * mm))
            head.append(_Rule(0.6, RULE, 6, 8))
        head.append(Paragraph(esc(s.title), st["h2"]))
        for f in s.findings:
            head.append(Paragraph(_finding_markup(f), st["finding"], bulletText="•"))
        if s.findings:
            head.append(Spacer(1, 4))
        body: list[Flowable] = []
        for block in s.blocks():
            if isinstance(block, Chart):
                fig_n += 1
                body.append(_chart(block, fig_n, st))
            else:
                table_n += 1
                body.extend(_table(block, table_n, st))
        # the heading and findings go to the next page with the section's first chart or table, not alone
        first = body[:1]
        story.append(KeepTogether(head + first) if first else KeepTogether(head))
        story.extend(body[1:])
    method = [p.strip() for p in re.split(r"\n\s*\n", b.method_note or "") if p.strip()]
    if method:
        story.append(CondPageBreak(40 * mm))
        story.append(_Bookmark("method", "Method"))
        story.append(_Rule(0.6, RULE, 6, 8))
        story.append(Paragraph("Method", st["h2"]))
        story.extend(Paragraph(esc(p), st["body"]) for p in method)
    if b.footnotes:
        story.append(CondPageBreak(50 * mm))
        story.append(_Bookmark("sources", "Sources"))
        story.append(_Rule(0.6, RULE, 6, 8))
        story.append(Paragraph("Sources", st["h2"]))
        for fn in sorted(b.footnotes, key=lambda fn: fn.n):
            story.append(KeepTogether([
                Paragraph(f'<a name="fn{int(fn.n)}"/>“{esc(fn.evidence)}”', st["fn"], bulletText=str(fn.n)),
                Paragraph(_source_line(fn), st["fn_src"]),
            ]))
    return story


class _Doc(BaseDocTemplate):
    """Sends each bookmark to the table of contents with the page it landed on."""

    def afterFlowable(self, flowable):
        if isinstance(flowable, _Bookmark) and flowable.toc:
            self.notify("TOCEntry", (0, esc(flowable.title), self.page, flowable.key))


def _numbered_canvas(head: str):
    """A canvas class that holds its pages until the end, to write "page N of M" and the running head."""

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._decorate(total)
                super().showPage()
            super().save()

        def _decorate(self, total: int):
            n = self._pageNumber
            self.saveState()
            self.setFont(FONT, 7.5)
            self.setFillColor(MUTED)
            if n > 1:
                self.drawString(MARGIN_X, PAGE[1] - 12 * mm, head[:120])
                self.setStrokeColor(RULE)
                self.setLineWidth(0.5)
                self.line(MARGIN_X, PAGE[1] - 13.5 * mm, PAGE[0] - MARGIN_X, PAGE[1] - 13.5 * mm)
            self.drawRightString(PAGE[0] - MARGIN_X, 11 * mm, f"page {n} of {total}")
            self.drawString(MARGIN_X, 11 * mm, "armsflow briefing")
            self.restoreState()

    return NumberedCanvas


def render_pdf(briefing: Briefing) -> bytes:
    """The briefing as PDF bytes."""
    from armsflow import __version__

    briefing.check()
    register_fonts()
    buf = io.BytesIO()
    doc = _Doc(
        buf, pagesize=PAGE, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, title=briefing.title, author="armsflow", creator=f"armsflow {__version__}",
        subject=" · ".join(x for x in (briefing.region, briefing.period) if x), lang="en")
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_W, FRAME_H, id="body", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    head = " · ".join(x for x in (briefing.title, briefing.region, briefing.period) if x)
    doc.multiBuild(_story(briefing), canvasmaker=_numbered_canvas(head))
    return buf.getvalue()


def write_pdf(briefing: Briefing, path: str | Path) -> Path:
    """Write the PDF to ``path`` (atomically). Returns the path."""
    return atomic_write(Path(path), render_pdf(briefing))

