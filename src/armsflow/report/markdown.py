"""A briefing as Markdown (GitHub-flavoured: footnotes ``[^n]``, pipe tables), charts as PNG files beside it.

``write_markdown(b, "out/brief.md")`` writes ``out/brief.md`` and ``out/brief_files/chart-N.png``, which the
Markdown links to by relative path. Document text is escaped for Markdown: it cannot open a link, an image, an
HTML tag, emphasis or math, and a ``|`` cannot break a table. A document's URL is linked only when it is an
absolute http(s) URL.
"""
from __future__ import annotations

import re
from pathlib import Path

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

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_BLOCK_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])")


def md(text) -> str:
    """Plain text as Markdown inline text: whitespace collapsed, every character that could start markup escaped."""
    text = " ".join(str(text).split())
    text = _ENTITY.sub("&amp;", text)
    return _SPECIAL.sub(r"\\\1", text)


def md_block(text) -> str:
    """``md`` for text that starts a line, where "#", ">", "-" or "1." would start a block."""
    return _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), md(text), count=1)


def md_url(url: str) -> str:
    """An http(s) URL as a Markdown link destination in angle brackets."""
    return "<" + "".join(f"%{ord(c):02X}" if c in "<>()\\" else c for c in url) + ">"


def _markers(numbers: list[int]) -> str:
    return "".join(f"[^{int(n)}]" for n in numbers)


def _confidence(word: str | None) -> str:
    if not word:
        return ""
    if conf_class(word) != "other":
        return f" *({md(word.lower())} confidence)*"
    return f" *({md(word)})*"


def _finding(f: Finding) -> str:
    return md(f.text) + _markers(list(f.footnotes)) + _confidence(f.confidence)


def _footnote(fn: Footnote) -> str:
    url = safe_url(fn.url)
    title = md(fn.title or fn.doc)
    source = f"[{title}]({md_url(url)})" if url else f"*{title}*"
    parts = [source] + [md(x) for x in (fn.publisher, format_date(fn.published)) if x]
    text = f"“{md(fn.evidence)}” — " + ", ".join(parts)
    if fn.title:
        text += f" (`{fn.doc.replace('`', '')}`)"
    text += f". **{source_words(fn).capitalize()}.**"
    if fn.url and not url:
        text += f" URL: {md(fn.url)}"
    if fn.note:
        text += f" {md(fn.note)}"
    if fn.rows:
        text += " Register rows: " + "; ".join(md(r) for r in fn.rows) + "."
    return f"[^{int(fn.n)}]: {text}"


def _table(t, n: int) -> list[str]:
    cells = [[format_cell(v) for v in row] for row in t.rows]
    cols = len(t.columns)
    numeric = [bool(cells) and all(r[j][1] or r[j][0] == "" for r in cells) and any(r[j][1] for r in cells)
               for j in range(cols)]
    lines = [f"**Table {n}. {md(t.title)}**", ""]
    lines.append("| " + " | ".join(md(c) for c in t.columns) + " |")
    lines.append("|" + "|".join("---:" if numeric[j] else "---" for j in range(cols)) + "|")
    for row in cells:
        lines.append("| " + " | ".join(md(text) for text, _ in row) + " |")
    lines.append("")
    if t.note:
        lines += [f"*{md(t.note)}*", ""]
    return lines


def render_markdown(b: Briefing, files_dir: str = "brief_files", dpi: int = 150) -> tuple[str, dict[str, bytes]]:
    """The Markdown text and ``{file name: PNG bytes}`` for the charts, which it links as ``files_dir/name``."""
    b.check()
    out: list[str] = [f"# {md(b.title)}", ""]
    if b.subtitle:
        out += [f"*{md(b.subtitle)}*", ""]
    n_sources, hedged = b.cited_sources()
    n_findings = sum(1 for _ in b.findings())
    where = " · ".join(md(x) for x in (b.region, b.period) if x)
    meta = (f"Generated {format_generated(b.generated)} · {n_findings} finding{'s' if n_findings != 1 else ''} · "
            f"{n_sources} cited source{'s' if n_sources != 1 else ''}" + (f" ({hedged} hedged)" if hedged else ""))
    out += [(f"**{where}** · " if where else "") + md(meta), ""]
    if b.summary:
        out += ["## Key findings", ""]
        out += [f"{i}. {_finding(f)}" for i, f in enumerate(b.summary, 1)]
        out.append("")
    files: dict[str, bytes] = {}
    fig_n = table_n = 0
    for s in b.sections:
        out += [f"## {md(s.title)}", ""]
        if s.findings:
            out += [f"- {_finding(f)}" for f in s.findings]
            out.append("")
        for block in s.blocks():
            if isinstance(block, Chart):
                fig_n += 1
                name = f"chart-{fig_n}.png"
                files[name] = charts_mod.to_png(block, dpi=dpi)
                out += [f"![{md(block.title)}]({files_dir}/{name})", "",
                        f"*Figure {fig_n}. {md(block.caption or block.title)}*", ""]
            else:
                table_n += 1
                out += _table(block, table_n)
    method = [p.strip() for p in re.split(r"\n\s*\n", b.method_note or "") if p.strip()]
    if method:
        out += ["## Method", ""]
        for p in method:
            out += [md_block(p), ""]
    if b.footnotes:
        out += ["## Sources", ""]
        for fn in sorted(b.footnotes, key=lambda fn: fn.n):
            out += [_footnote(fn), ""]
    return "\n".join(out).rstrip() + "\n", files


def write_markdown(b: Briefing, path: str | Path) -> Path:
    """Write ``path`` and its charts into ``<stem>_files/`` beside it; stale chart files there are removed."""
    path = Path(path)
    files_dir = f"{path.stem}_files"
    text, files = render_markdown(b, files_dir)
    folder = path.parent / files_dir
    if files:
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            atomic_write(folder / name, data)
    if folder.is_dir():
        for old in folder.glob("chart-*.png"):
            if old.name not in files:
                old.unlink()
    return atomic_write(path, text.encode("utf-8"))
