"""Fuzz the readers, the ingest and the upload route with generated bad input beside good articles, in one run.

Every input is generated from ``--seed``: broken, hostile and odd files of every kind the readers take (text with
hostile front matter, huge lines and runs, control characters and legacy encodings; HTML nested and mangled; PDFs
that loop, inflate, lie or are cut short; feeds with impossible dates, NUL characters, entity bombs, too many
entries; chains and loops of list files; file names that are not UTF-8 or hold escape sequences; FIFOs and broken
links; JSON bodies for the upload route), and, mixed in with them, good articles, each carrying a reference word of
its own so that the run can check it was stored.

The CLI part runs ``armsflow ingest`` on batches of ``--batch`` inputs, each batch in a fresh process, all into one
store that grows across the batches. Each batch is checked: no traceback, exit status 0 or 1, every stderr line a
printable ``armsflow:`` line, every good file stored, the peak RSS of the process and every reader process it ran
(wait4; the ingest process's own peak is reported apart), and the time each document took to be read and to be
extracted (the child process times the reader and the extractor it calls). A document read or extracted for longer than the ``seconds`` budget plus a grace is a
hang; so is a batch that must be killed.

The upload part (``--upload N``) starts ``armsflow serve`` on loopback and posts N inputs one at a time (files as
multipart uploads, the JSON kinds as JSON bodies), while another thread fetches a static file every half second:
no 5xx, every error one JSON ``detail`` line, every good upload stored, the server's peak RSS (its processes
sampled) and the slowest static answer.

    python bench/fuzz.py [--count 10000] [--batch 500] [--upload 0] [--seed 1] [--seconds 10] [--kinds K,...]
                         [--db URL] [--keep DIR]

The last line is ``inputs=… tracebacks=… hangs=… bad_lines=… lost_good=… server_errors=… peak_rss_mb=…
rss_ratio_last_first=…``; the exit status is 1 when any of those counts is not zero.
"""
from __future__ import annotations

import argparse
import atexit
import json
import os
import random
import re
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "ingest"))
from pdfmaker import column, inflating_pdf, looping_pdf, make_pdf, raw_pdf, stream_pdf, wrap  # noqa: E402

GRACE = 5.0                 # seconds past the budget before a document counts as a hang (a process is killed)
PAIRS = [("Russia", "Serbia", "MiG-29 fighter jets"), ("France", "India", "Rafale fighter jets"),
         ("Turkey", "Albania", "Bayraktar TB2 drones"), ("South Korea", "Poland", "K2 tanks"),
         ("United States", "Taiwan", "F-16 fighter jets"), ("China", "Pakistan", "J-10C fighter jets"),
         ("Germany", "Egypt", "IRIS-T air defence systems"), ("Israel", "Azerbaijan", "Harop drones")]
VERBS = ["{r} ordered {n} {w} from {s} in {y}, the defence ministry said.",
         "{s} delivered {n} {w} to {r} in {y}, according to officials.",
         "In {y}, {r} signed a contract with {s} for {n} {w}.",
         "{s} agreed to sell {n} {w} to {r} in {y}, a spokesman said."]
FILLER = ["The ministry gave no price for the deal.", "Officials declined to comment on the delivery schedule.",
          "Analysts said the purchase reflects a wider shift in the region.", "Parliament approved the budget."]
CONTROL = ["\x1b]0;owned\x07", "\x1b[2J", "\n", "\r", "\u202e", "\u2028", "\x00", "\x7f", "\ufeff", "\t"]


@dataclass
class Input:
    """One generated input: the files it wrote, the arguments it adds to the command, what must be stored."""
    kind: str
    files: list = field(default_factory=list)          # Paths written in the batch folder (for the upload part)
    args: list = field(default_factory=list)           # extra command-line sources (list files)
    good: list = field(default_factory=list)           # reference words that must be found in stored text
    json_body: bytes | None = None                     # upload part only


# -- good articles -------------------------------------------------------------------------------------------------

def article(rng: random.Random, ref: str) -> tuple[str, list[str]]:
    """A title and a few paragraphs of invented news: one or two transfer sentences and the reference word."""
    s, r, w = rng.choice(PAIRS)
    year = rng.randint(2005, 2025)
    body = [rng.choice(VERBS).format(s=s, r=r, w=w, n=rng.randint(2, 48), y=year)]
    body += rng.sample(FILLER, 2)
    body.insert(rng.randrange(len(body) + 1), f"The report carries the reference {ref}.")
    return f"{r} buys {w.split()[0]} ({ref})", body


def front(title: str, extra: str = "", published: str = "2022-03-14") -> str:
    return f"---\ntitle: \"{title}\"\npublisher: Fuzz Wire\npublished: {published}\n{extra}---\n"


def good_text(rng, ref):
    title, body = article(rng, ref)
    return (front(title) + "\n\n".join(body) + "\n").encode()


def good_html(rng, ref):
    title, body = article(rng, ref)
    paras = "".join(f"<p>{p}</p>" for p in body)
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head><body><nav>Home | "
            f"World</nav><article><h1>{title}</h1>{paras}</article><footer>All rights reserved</footer></body>"
            f"</html>").encode()


def good_pdf(rng, ref):
    title, body = article(rng, ref)
    return make_pdf([column(wrap(body))], info={"Title": title})


def rss(items: str, title: str = "Fuzz Wire", prolog: str = "") -> bytes:
    return (f"<?xml version='1.0' encoding='utf-8'?>{prolog}<rss version='2.0'><channel><title>{title}</title>"
            f"<link>https://example.org/</link>{items}</channel></rss>").encode()


def item(title: str, text: str, slug: str, date: str = "Mon, 14 Mar 2022 10:00:00 GMT", extra: str = "") -> str:
    esc = text.replace("&", "&amp;").replace("<", "&lt;")
    return (f"<item><title>{title}</title><link>https://example.org/{slug}</link><pubDate>{date}</pubDate>"
            f"<description>{esc}</description>{extra}</item>")


def good_feed(rng, refs):
    out = []
    for ref in refs:
        title, body = article(rng, ref)
        out.append(item(title, " ".join(body), ref))
    return rss("".join(out))


# -- mutations -----------------------------------------------------------------------------------------------------

def mutate(rng: random.Random, data: bytes) -> bytes:
    """A few random edits: flipped bytes, a cut, a duplicated or deleted span, junk inserted."""
    b = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        if not b:
            break
        op, at = rng.randrange(5), rng.randrange(len(b))
        if op == 0:
            b[at] = rng.randrange(256)
        elif op == 1:
            del b[at:]
        elif op == 2:
            end = min(len(b), at + rng.randint(1, 400))
            b[at:at] = b[at:end] * rng.randint(1, 20)
        elif op == 3:
            del b[at:at + rng.randint(1, 400)]
        else:
            b[at:at] = rng.randbytes(rng.randint(1, 64))
    return bytes(b)


# -- the kinds -----------------------------------------------------------------------------------------------------
# each: (rng, ref, folder, name) -> Input. ``name`` starts with the kind's tag; ``ref`` is unique to the input.

def k_good_text(rng, ref, d, name):
    return _one(d / f"{name}.md", good_text(rng, ref), "good text", [ref])


def k_good_html(rng, ref, d, name):
    return _one(d / f"{name}.html", good_html(rng, ref), "good HTML", [ref])


def k_good_pdf(rng, ref, d, name):
    return _one(d / f"{name}.pdf", good_pdf(rng, ref), "good PDF", [ref])


def k_good_feed(rng, ref, d, name):
    refs = [f"{ref}e{j}" for j in range(rng.randint(1, 3))]
    return _one(d / f"{name}.xml", good_feed(rng, refs), "good feed", refs)


def k_legacy(rng, ref, d, name):
    title, body = article(rng, ref)
    text = front(title) + "\n".join(body) + "\nZürich, Türkiye, Beograd, Москва, Київ.\n"
    enc = rng.choice(["cp1252", "utf-16", "utf-8-sig", "cp1251", "koi8-r", "utf-32"])
    data = text.encode(enc, errors="ignore") if enc not in ("cp1252",) else text.encode(enc, errors="replace")
    return _one(d / f"{name}.txt", data, "good text, legacy or UTF-16/32 encoding", [ref])


def k_odd_name(rng, ref, d, name):
    """A good article under a file name that is not UTF-8, holds control characters or is very long."""
    tag = rng.choice(["bytes", "control", "long", "dash", "spaces"])
    if tag == "bytes":
        raw = name.encode() + bytes(rng.choice([0xff, 0xfe, 0xc3, 0x80, 0xed]) for _ in range(3)) + b".md"
        path = d / os.fsdecode(raw)
    elif tag == "control":
        path = d / f"{name}{rng.choice(CONTROL).replace(chr(0), '').replace('/', '')}x.md"
    elif tag == "long":
        path = d / (name + "n" * (250 - len(name.encode()) - 3) + ".md")
    elif tag == "dash":
        path = d / f"-{name}.md"
    else:
        path = d / f" {name} [bold red]x[reset] .md"
    return _one(path, good_text(rng, ref), f"good text, odd file name ({tag})", [ref])


def k_huge_text(rng, ref, d, name):
    """One long line, a run of capitals or full stops, or catalogue names back to back."""
    n = rng.choice([10**4, 10**5, 10**6, 2 * 10**6]) * rng.randint(1, 9)     # up to 18 MB, under --max-size
    tag = rng.choice(["line", "capitals", "dots", "names", "spaces", "words"])
    unit = {"line": "serbia bought jets and ", "capitals": "A", "dots": ".", "names": "MiG-29 T-72 Pantsir-S1 ",
            "spaces": " \t", "words": "Russia Serbia "}[tag]
    data = (unit * (n // len(unit) + 1))[:n].encode()
    return _one(d / f"{name}.txt", data, f"huge text ({tag})")


def k_binary_text(rng, ref, d, name):
    tag = rng.choice(["random", "nul", "controls", "half", "png"])
    if tag == "random":
        data = rng.randbytes(rng.randint(1, 5000))
    elif tag == "nul":
        data = good_text(rng, ref).replace(b" ", b"\0", rng.randint(1, 5))
    elif tag == "controls":
        data = "".join(rng.choice(CONTROL + ["a", "b", " "]) for _ in range(rng.randint(1, 3000))).encode()
    elif tag == "half":
        data = good_text(rng, ref)[: rng.randint(0, 200)] + rng.randbytes(rng.randint(1, 200))
    else:
        data = b"\x89PNG\r\n\x1a\n" + rng.randbytes(300)
    return _one(d / f"{name}{rng.choice(['.txt', '.md', '.html', '.xml'])}", data, f"binary as text ({tag})")


def k_empty(rng, ref, d, name):
    data = rng.choice([b"", b"   \n\t\n", b"---\ntitle: x\n---\n", b"---\n---\n", b"\xef\xbb\xbf", b"---\n"])
    return _one(d / f"{name}.md", data, "empty or front matter only")


def k_front_matter(rng, ref, d, name):
    """Hostile or odd YAML front matter in front of a good article (stored unless the YAML is over a budget)."""
    title, body = article(rng, ref)
    tag = rng.choice(["aliases", "deep", "dates", "types", "long", "tags", "unclosed", "controls"])
    good = [ref]
    if tag == "aliases":
        lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"] + [
            f"a{i}: &a{i} [{', '.join(['*a%d' % (i - 1)] * 9)}]" for i in range(1, rng.randint(3, 12))]
        head = "---\n" + "\n".join(lines) + "\n---\n"
        good = [ref] if len(lines) - 1 <= 16 // 9 else []
    elif tag == "deep":
        depth = rng.choice([50, 300, 5000, 30000])
        head = "---\nx: " + "[" * depth + "]" * depth + "\n---\n"
        good = [ref] if depth < 256 else []
    elif tag == "dates":
        head = front(title, published=rng.choice(["0000-00-00", "9" * 5000, "2021-02-30", "-1", "1e400",
                                                  "2022-13-01", "yesterday", "'1999'", "[2020, 1]"]))
    elif tag == "types":
        head = "---\n" + rng.choice(["title: [1, 2]", "title: {a: b}", "publisher: 12345678901234567890",
                                     "title: !!binary aGVsbG8=", "published: {y: 1}", "title: null",
                                     "? [complex, key]\n: value"]) + "\n---\n"
    elif tag == "long":
        head = front(("T" * rng.randint(300, 5000)), extra=f"publisher: \"{'P' * rng.randint(250, 3000)}\"\n"
                     f"id: \"{'i' * rng.randint(250, 1000)}\"\n")
    elif tag == "tags":
        head = "---\n" + rng.choice(["title: !!python/object/apply:os.system ['true']",
                                     "title: !!python/name:os.system", "x: !custom 3"]) + "\n---\n"
    elif tag == "unclosed":
        head = "---\ntitle: never closed\n"
    else:
        ctl = "".join(rng.choice(CONTROL) for _ in range(5)).replace("\n", " ")
        head = front(f"t{json.dumps(ctl)[1:-1]}", extra=f"publisher: \"p{json.dumps(ctl)[1:-1]}\"\n")
    return _one(d / f"{name}.md", (head + "\n".join(body) + "\n").encode(), f"front matter ({tag})", good)


def k_html_hostile(rng, ref, d, name):
    tag = rng.choice(["deep", "huge", "mutated", "soup", "charset", "entities", "scripts"])
    if tag == "deep":
        depth = rng.choice([200, 1000, 20000, 100000])
        data = b"<html><body>" + b"<div>" * depth + b"deep" + b"</div>" * depth + b"</body></html>"
    elif tag == "huge":
        p = "<p>" + " ".join(rng.choice(["the", "jets", "Serbia", "bought", "of", "and"]) for _ in range(200))
        data = ("<html><body>" + p * rng.randint(100, 1200) + "</body></html>").encode()
    elif tag == "mutated":
        data = mutate(rng, good_html(rng, ref))
    elif tag == "soup":
        parts = ["<div", "</p>", "<!--", "-->", "<![CDATA[", "]]>", "<script>", "</script>", "<table><tr><td>",
                 "&#0;", "&#x110000;", "&bogus;", "<title>", "<meta charset='x-none'>", "Serbia bought jets ", "<"]
        data = "".join(rng.choice(parts) for _ in range(rng.randint(10, 4000))).encode()
    elif tag == "charset":
        data = good_html(rng, ref).replace(b"utf-8", rng.choice([b"utf-16", b"ebcdic", b"x-unknown", b"utf-7"]))
    elif tag == "entities":
        data = b"<html><body><p>" + b"&amp;" * rng.randint(1000, 200000) + b"</p></body></html>"
    else:
        data = b"<html><body>" + b"<script>var x=1;</script><style>p{}</style>" * rng.randint(1, 20000) + b"</body>"
    return _one(d / f"{name}.html", data, f"HTML ({tag})")


def k_pdf_hostile(rng, ref, d, name):
    tag = rng.choices(["loop", "bomb", "mutated", "cut", "lies", "pages", "encrypted", "stream"],
                      weights=[1, 1, 12, 6, 6, 1, 3, 6])[0]
    if tag == "loop":
        data = looping_pdf()
    elif tag == "bomb":
        data = inflating_pdf(rng.choice([64, 300, 400]))
    elif tag == "mutated":
        data = mutate(rng, good_pdf(rng, ref))
    elif tag == "cut":
        whole = good_pdf(rng, ref)
        data = whole[: rng.randrange(len(whole))]
    elif tag == "lies":
        data = raw_pdf(rng.choice([
            [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"],
            [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 999999999 >>",
             b"<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>", b"<< /Length -5 >>\nstream\nxx\nendstream"],
            [b"<< /Type /Catalog /Pages 9 0 R >>"],
            [b"<< /Type /Catalog /Pages 2 0 R >>", b"[" * 5000 + b"]" * 5000],
            [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< " * 3000 + b">> " * 3000]]))
    elif tag == "pages":
        data = make_pdf([column([f"page {i}"]) for i in range(rng.choice([1001, 1200]))])
    elif tag == "encrypted":
        title, body = article(rng, ref)
        data = make_pdf([column(wrap(body))], user_password=rng.choice(["secret", "x"]))
    else:
        data = stream_pdf(rng.choice([b"BT /F1 12 Tf (" + b"(" * 2000 + b") Tj ET",
                                      b"q " * 20000 + b"Q " * 20000,
                                      b"BT /F1 12 Tf 72 720 Td (" + b"A" * 200000 + b") Tj ET",
                                      rng.randbytes(5000)]), compress=rng.random() < 0.5)
    return _one(d / f"{name}.pdf", data, f"PDF ({tag})")


def k_feed_hostile(rng, ref, d, name):
    """Feeds with odd or hostile parts; the good entries in the odd ones must still be stored."""
    tag = rng.choice(["dates", "nul", "doctype", "many", "deep", "long", "links", "mutated", "atom", "empty"])
    title, body = article(rng, ref)
    good_item = item(title, " ".join(body), ref)
    good = []
    if tag == "dates":
        date = rng.choice(["0000-00-00", "9" * 5000, "Sun, 31 Feb 2021 00:00:00 GMT", "-0001-01-01", "NaN",
                           "Mon, 14 Mar 99999 10:00:00 GMT", ""])
        data, good = rss(item(title, " ".join(body), ref, date=date)), [ref]
    elif tag == "nul":
        data, good = rss(item(title, " ".join(body).replace(" ", " &#0; ", 1), ref)), [ref]
        if rng.random() < 0.5:
            data = data.replace(b"&#0;", b"\0")
            good = []
    elif tag == "doctype":
        prolog = ("<!DOCTYPE r [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
                  "<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'><!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;'>]>")
        data = rss(item("&d;", "&d;", "bomb") + good_item, prolog=prolog)
    elif tag == "many":
        n = rng.choice([10_001, 12_000])
        data = rss("".join(f"<item><title>t{i}</title><link>https://example.org/{ref}/{i}</link></item>"
                           for i in range(n)) + good_item)
    elif tag == "deep":
        depth = rng.choice([300, 5000, 50000])
        data = rss("<item>" + "<x>" * depth + "</x>" * depth + "</item>" + good_item)
    elif tag == "long":
        data = rss(good_item.replace("<title>", "<author>" + "A" * rng.randint(300, 5000) + "</author><title>"),
                   title="W" * rng.randint(300, 20000))
        good = [ref]
    elif tag == "links":
        bad = rng.choice(["http://127.0.0.1:1/x", "file:///etc/passwd", "javascript:alert(1)",
                          "https://example.org/\x1b]0;t\x07", "http://[::1]/", "http://169.254.169.254/", "\n"])
        esc = bad.replace("\x1b", "&#27;").replace("\x07", "&#7;").replace("\n", "&#10;")
        data = rss(good_item.replace(f"https://example.org/{ref}", esc))
    elif tag == "mutated":
        data = mutate(rng, good_feed(rng, [ref]))
    elif tag == "atom":
        data = (f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Fuzz</title><entry>"
                f"<title>{title}</title><id>urn:{ref}</id><updated>{rng.choice(['2022-03-14T10:00:00Z', 'x'])}"
                f"</updated><content type='html'>&lt;p&gt;{' '.join(body)}&lt;/p&gt;</content></entry>"
                f"</feed>").encode()
        good = [ref]
    else:
        data = rss("")
    return _one(d / f"{name}{rng.choice(['.xml', '.rss', '.atom'])}", data, f"feed ({tag})", good)


def k_lists(rng, ref, d, name):
    """List files: a chain (stored when within the lists budget), a loop, odd lines."""
    lists = d.parent / f"{d.name}-lists" / "lists"        # beside the batch folder, so only the lists lead there
    lists.mkdir(parents=True, exist_ok=True)
    tag = rng.choice(["chain", "loop", "odd"])
    target = lists.parent / "listed" / f"{name}.md"
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(good_text(rng, ref))
    if tag == "chain":
        n = rng.choice([1, 5, 31, 33, 100, 600])
        for i in range(n):
            nxt = f"{name}-{i + 1}.list" if i + 1 < n else f"../listed/{name}.md"
            (lists / f"{name}-{i}.list").write_text(nxt + "\n")
        return Input(f"list files ({tag})", [], [str(lists / f"{name}-0.list")], [ref] if n < 32 else [])
    if tag == "loop":
        (lists / f"{name}-a.list").write_text(f"{name}-b.list\n../listed/{name}.md\n")
        (lists / f"{name}-b.list").write_text(f"{name}-a.list\n")
        return Input(f"list files ({tag})", [], [str(lists / f"{name}-a.list")], [ref])
    lines = ["# a comment", "", "   ", "missing/file.md", "http://127.0.0.1/x", "\x1b]0;t\x07.md", "../listed",
             f"../listed/{name}.md", "/dev/null", "nul\0byte.md", "x" * 5000]
    rng.shuffle(lines)
    (lists / f"{name}.list").write_bytes("\n".join(lines).encode(errors="surrogateescape") + rng.choice(
        [b"", b"\n", b"\xff\xfe\n"]))
    return Input(f"list files ({tag})", [], [str(lists / f"{name}.list")], [ref])


def k_special(rng, ref, d, name):
    """What is not a regular file: a FIFO, broken or looping links, a folder with a text suffix."""
    tag = rng.choice(["fifo", "dangling", "loop", "folder", "socket"])
    p = d / f"{name}.txt"
    if tag == "fifo":
        os.mkfifo(p)
    elif tag == "dangling":
        p.symlink_to(d / "nowhere.txt")
    elif tag == "loop":
        p.symlink_to(d / f"{name}-b.txt")
        (d / f"{name}-b.txt").symlink_to(p)
    elif tag == "folder":
        p.mkdir()
        (p / "inside.bin").write_bytes(b"\0\1")
    else:
        s = socket.socket(socket.AF_UNIX)
        try:
            s.bind(str(p))
        except OSError:                # a path too long for a socket: a FIFO instead
            os.mkfifo(p)
        finally:
            s.close()
    return Input(f"not a regular file ({tag})", [], [], [])


def k_json(rng, ref, d, name):
    """Upload bodies: JSON that is deep, not JSON, or odd (the CLI part skips these)."""
    tag = rng.choice(["deep", "surrogate", "nan", "types", "huge", "good", "broken", "extra"])
    title, body = article(rng, ref)
    good = []
    if tag == "deep":
        n = rng.choice([300, 10_000, 100_000])
        raw = b'{"text": ' + b"[" * n + b"]" * n + b"}"
    elif tag == "surrogate":
        raw = json.dumps({"text": " ".join(body) + " \ud800 end", "title": "x\udfff"}).encode()
    elif tag == "nan":
        raw = b'{"text": "' + " ".join(body).encode() + b'", "published": NaN, "x": Infinity}'
    elif tag == "types":
        raw = json.dumps(rng.choice([{"text": 5}, {"text": None}, {"text": ["a"]}, [], "text", 1e308,
                                     {"text": "Serbia bought jets.", "published": "0000-00-00"},
                                     {"text": "Serbia bought jets.", "published": "9" * 5000}])).encode()
    elif tag == "huge":
        raw = json.dumps({"text": "Serbia bought jets. " * rng.randint(10_000, 60_000)}).encode()
    elif tag == "broken":
        raw = mutate(rng, json.dumps({"text": " ".join(body), "title": title}).encode())
    elif tag == "extra":
        raw = json.dumps({"text": " ".join(body), "title": title, "publisher": "P" * rng.randint(1, 300),
                          "url": "\x1b]0;t\x07",
                          "unknown": {"a": [1, 2]}}).encode()
        good = [ref]
    else:
        raw, good = json.dumps({"text": " ".join(body), "title": title, "publisher": "Fuzz Wire",
                                "published": "2022-03-14"}).encode(), [ref]
    return Input(f"JSON upload ({tag})", [], [], good, json_body=raw)


def _one(path: Path, data: bytes, kind: str, good=()) -> Input:
    path.write_bytes(data)
    return Input(kind, [path], [], list(good))


# weight, generator; the weights are per hundred inputs
KINDS = [(12, k_good_text), (6, k_good_html), (6, k_good_pdf), (5, k_good_feed), (4, k_legacy), (5, k_odd_name),
         (3, k_huge_text), (7, k_binary_text), (3, k_empty), (9, k_front_matter), (8, k_html_hostile),
         (11, k_pdf_hostile), (10, k_feed_hostile), (4, k_lists), (2, k_special), (5, k_json)]


def generate(rng: random.Random, seed: int, start: int, count: int, folder: Path, upload: bool,
             only: str = "") -> list[Input]:
    """``count`` inputs numbered from ``start``, written in ``folder``; JSON kinds only for uploads, specials and
    lists only for the CLI; with ``only``, the kinds whose generator's name holds one of its comma-separated words."""
    skip = (k_lists, k_special) if upload else (k_json,)
    kinds = [(w, g) for w, g in KINDS if g not in skip and (not only or any(word in g.__name__
                                                                            for word in only.split(",")))]
    if not kinds:
        raise SystemExit(f"--kinds {only!r}: no such kind for the {'upload' if upload else 'CLI'} part (the "
                         f"generators: {', '.join(g.__name__ for _, g in KINDS)})")
    out = []
    for i in range(start, start + count):
        gen = rng.choices([g for _, g in kinds], [w for w, _ in kinds])[0]
        ref = f"fuzzref{seed}x{i}"
        out.append(gen(rng, ref, folder, f"k{KINDS.index(next(k for k in KINDS if k[1] is gen)):02d}-{i}"))
    return out


# -- the CLI part ---------------------------------------------------------------------------------------------------

def probe_child(out: str, argv: list[str]) -> None:
    """Run ``armsflow ARGV`` in this process, timing each document's read and extraction into ``out``."""
    from armsflow.extract.pipeline import Extractor
    from armsflow.ingest import sources

    times: list = []
    read = sources._Run.read

    def timed_read(self, data, where, *a, **kw):
        t = time.monotonic()
        for doc in read(self, data, where, *a, **kw):
            now = time.monotonic()
            times.append(("read", str(getattr(doc, "path", None) or where), now - t))
            yield doc
            t = time.monotonic()

    extract = Extractor.extract

    def timed_extract(self, doc, *a, **kw):
        t = time.monotonic()
        try:
            return extract(self, doc, *a, **kw)
        finally:
            times.append(("extract", str(doc.path or doc.url or doc.doc_id), time.monotonic() - t))

    sources._Run.read, Extractor.extract = timed_read, timed_extract

    def save():
        status = Path("/proc/self/status").read_text()
        peak = int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) if "VmHWM" in status else 0
        with open(out, "w", encoding="utf-8", errors="surrogateescape") as f:
            json.dump({"times": times, "main_peak_kb": peak}, f)

    atexit.register(save)
    from armsflow.cli import app

    app(argv, prog_name="armsflow")


def run_batch(cmd: list[str], env: dict, deadline: float) -> tuple[int | None, str, str, float, int]:
    """Run ``cmd``; (exit status or None when killed at the deadline, stdout, stderr, seconds, peak RSS in kB of
    the process or any process it waited for)."""
    t = time.monotonic()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, start_new_session=True)
        killed = threading.Event()

        def kill():
            killed.set()
            try:
                os.killpg(proc.pid, 9)
            except ProcessLookupError:
                pass

        timer = threading.Timer(deadline, kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - t
        out.seek(0)
        err.seek(0)
        return (None if killed.is_set() else proc.returncode, out.read().decode(errors="replace"),
                err.read().decode(errors="replace"), seconds, usage.ru_maxrss)


def stored_text_since(url: str, last_id: int) -> tuple[str, int, int]:
    """The text, title and URL of the documents stored after ``last_id``, the largest id, the number of documents."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT id, text, title, url FROM documents WHERE id > :i"), {"i": last_id}).all()
            total = conn.execute(text("SELECT count(*) FROM documents")).scalar()
    finally:
        engine.dispose()
    return "\n".join(f"{r[1]} {r[2]} {r[3]}" for r in rows), max([last_id] + [r[0] for r in rows]), total


TAG = re.compile(r"k(\d\d)-(\d+)")
BAD_CHAR = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def cli_part(args, work: Path, report) -> dict:
    url = args.db or f"sqlite:///{work / 'fuzz.db'}"
    rng = random.Random(args.seed)
    env = {**os.environ, "ARMSFLOW_HOME": str(work / "home"), "PYTHONPATH": os.pathsep.join(
        [str(ROOT / "src")] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])}
    env.pop("ARMSFLOW_DEBUG", None)
    totals = Counter()
    slowest: dict = defaultdict(float)
    by_kind: dict = defaultdict(Counter)
    batches, last_id, done = [], 0, 0
    while done < args.count:
        n = min(args.batch, args.count - done)
        folder = work / f"batch-{len(batches):03d}"
        folder.mkdir()
        inputs = generate(rng, args.seed, done, n, folder, upload=False, only=args.kinds)
        for inp in inputs:
            by_kind[inp.kind]["inputs"] += 1
            by_kind[inp.kind]["good"] += len(inp.good)
        probe = work / f"times-{len(batches):03d}.json"
        cmd = [sys.executable, str(Path(__file__).resolve()), "--probe-child", str(probe), "--",
               "ingest", "--db", url, "--quiet", "--no-semantic", "--limit", f"seconds={args.seconds:g}",
               str(folder)] + [a for inp in inputs for a in inp.args]
        costly = sum(1 for inp in inputs if re.search(r"PDF \((loop|bomb)\)|huge", inp.kind))
        deadline = 300 + (2 * args.seconds + GRACE) * costly + 2.0 * n
        code, out, err, seconds, rss_kb = run_batch(cmd, env, deadline)
        if args.keep:
            (work / f"stderr-{len(batches):03d}.txt").write_text(err, errors="surrogateescape")
        text, last_id, stored = stored_text_since(url, last_id)
        lost = [(inp.kind, ref) for inp in inputs for ref in inp.good if ref not in text]
        lines = err.splitlines()
        bad_lines = [ln for ln in lines if not ln.startswith("armsflow: ") or BAD_CHAR.search(ln)]
        tracebacks = err.count("Traceback") + out.count("Traceback")
        probed = json.loads(probe.read_text(errors="surrogateescape")) if probe.exists() else {}
        times = probed.get("times", [])
        hangs = [t for t in times if t[2] > args.seconds + GRACE]
        for stage, where, secs in times:
            m = TAG.search(where)
            at = int(m.group(2)) - done if m else -1
            kind = inputs[at].kind if 0 <= at < n else "?"
            slowest[(kind, stage)] = max(slowest[(kind, stage)], secs)
        for kind, _ in lost:
            by_kind[kind]["lost"] += 1
        for ln in lines:
            m = TAG.search(ln)
            if m and 0 <= int(m.group(2)) - done < n:
                by_kind[inputs[int(m.group(2)) - done].kind]["lines"] += 1
        row = {"batch": len(batches), "inputs": n, "exit": code, "seconds": round(seconds, 1),
               "peak_rss_mb": round(rss_kb / 1024), "main_rss_mb": round(probed.get("main_peak_kb", 0) / 1024),
               "stored_total": stored, "error_lines": len(lines),
               "tracebacks": tracebacks, "hangs": len(hangs) + (code is None), "bad_lines": len(bad_lines),
               "lost_good": len(lost), "slowest_doc_s": round(max((t[2] for t in times), default=0), 1)}
        batches.append(row)
        totals["tracebacks"] += tracebacks
        totals["hangs"] += row["hangs"]
        totals["bad_lines"] += len(bad_lines) + (code not in (0, 1, None))
        totals["lost_good"] += len(lost)
        report(json.dumps(row))
        for ln in (bad_lines[:3] + [f"lost {k} {r}" for k, r in lost[:3]] + [f"hang {h}" for h in hangs[:3]]
                   + ([err[-2000:]] if tracebacks or code not in (0, 1) else [])):
            report(f"  ! {ln!r}")
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
            shutil.rmtree(work / f"{folder.name}-lists", ignore_errors=True)
        done += n
    return {"batches": batches, "totals": totals, "slowest": slowest, "by_kind": by_kind}


# -- the upload part ------------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tree_rss(pid: int) -> dict[int, int]:
    """kB resident per process of ``pid``'s tree, from /proc."""
    kids: dict[int, list[int]] = defaultdict(list)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            kids[ppid].append(int(entry))
    out, todo = {}, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    out[p] = int(line.split()[1])
        except OSError:
            pass
        todo += kids.get(p, [])
    return out


def upload_part(args, work: Path, report) -> dict:
    import httpx

    from armsflow.store import open_store
    from armsflow.store.users import create_user, issue_token

    url = f"sqlite:///{work / 'upload.db'}"
    store = open_store(url)
    create_user(store, "fuzzer", "a long fuzzing password", "analyst")
    token = issue_token(store, "fuzzer", "fuzz")
    store.engine.dispose()
    port = free_port()
    env = {**os.environ, "ARMSFLOW_HOME": str(work / "home"), "PYTHONPATH": str(ROOT / "src")}
    log = open(work / "server.log", "wb")
    server = subprocess.Popen([sys.executable, "-m", "armsflow", "serve", "--db", url, "--port", str(port),
                               "--limit", f"seconds={args.seconds:g}"], stdout=log, stderr=subprocess.STDOUT,
                              env=env, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    stop = threading.Event()
    peak: dict = {"rss_kb": 0, "static_s": 0.0, "static_fail": 0}
    statuses, by_kind, totals, expected = Counter(), defaultdict(Counter), Counter(), []

    def watch():
        while not stop.is_set():
            peak["rss_kb"] = max([peak["rss_kb"]] + list(tree_rss(server.pid).values()))
            t = time.monotonic()
            try:
                ok = httpx.get(f"{base}/static/armsflow.js", timeout=60).status_code == 200
            except httpx.HTTPError:
                ok = False
            if peak.get("up"):
                peak["static_s"] = max(peak["static_s"], time.monotonic() - t)
                peak["static_fail"] += not ok
            stop.wait(0.5)

    try:
        for _ in range(600):
            try:
                if httpx.get(f"{base}/static/armsflow.js", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        peak["up"] = True
        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        rng = random.Random(args.seed + 1)
        folder = work / "uploads"
        folder.mkdir()
        headers = {"Authorization": f"Bearer {token}"}
        for start in range(0, args.upload, 100):
            for inp in generate(rng, args.seed + 1, 10**7 + start, min(100, args.upload - start), folder, True,
                                args.kinds):
                by_kind[inp.kind]["inputs"] += 1
                try:
                    if inp.json_body is not None:
                        r = httpx.post(f"{base}/api/v1/documents", content=inp.json_body, timeout=600,
                                       headers={**headers, "Content-Type": "application/json"})
                    else:
                        path = inp.files[0]
                        name = os.fsencode(path.name).decode("utf-8", "replace")
                        r = httpx.post(f"{base}/api/v1/documents", headers=headers, timeout=600,
                                       files={"file": (name, path.read_bytes(), "application/octet-stream")})
                except httpx.HTTPError as exc:
                    totals["server_errors"] += 1
                    report(f"  ! {inp.kind}: {exc!r}")
                    continue
                statuses[r.status_code] += 1
                by_kind[inp.kind][r.status_code] += 1
                if r.status_code >= 500:
                    totals["server_errors"] += 1
                    report(f"  ! {inp.kind}: {r.status_code} {r.text[:300]!r}")
                elif r.status_code >= 400:
                    try:
                        detail = r.json()["detail"]
                        if not isinstance(detail, str) or "\n" in detail:
                            raise ValueError(detail)
                    except (ValueError, KeyError, TypeError):
                        totals["bad_lines"] += 1
                        report(f"  ! {inp.kind}: {r.status_code} not one detail line: {r.text[:300]!r}")
                if inp.good and r.status_code not in (200, 201):
                    report(f"  ! good {inp.kind} refused: {r.status_code} {r.text[:300]!r}")
                expected += [(inp.kind, ref) for ref in inp.good]
                for p in inp.files:
                    p.unlink(missing_ok=True)
            report(json.dumps({"uploads": min(start + 100, args.upload), "statuses": dict(statuses),
                               "peak_rss_mb": round(peak["rss_kb"] / 1024), "slowest_static_s":
                               round(peak["static_s"], 2)}))
    finally:
        stop.set()
        os.killpg(server.pid, 15)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, 9)
        log.close()
    text = stored_text_since(url, 0)[0]
    for kind, ref in expected:
        if ref not in text:
            totals["lost_good"] += 1
            by_kind[kind]["lost"] += 1
            report(f"  ! good {kind} not stored: {ref}")
    server_log = (work / "server.log").read_text(errors="replace")
    totals["tracebacks"] += server_log.count("Traceback")
    if "Traceback" in server_log:
        report(server_log[server_log.index("Traceback"):][:3000])
    return {"statuses": statuses, "by_kind": by_kind, "totals": totals, "peak": peak}


# -- the report ----------------------------------------------------------------------------------------------------

def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--probe-child":
        probe_child(sys.argv[2], sys.argv[4:])
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=10_000, help="inputs for the CLI part")
    ap.add_argument("--batch", type=int, default=500, help="inputs per armsflow ingest run")
    ap.add_argument("--upload", type=int, default=0, help="inputs posted to a server (default none)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--seconds", type=float, default=10.0, help="the per-document seconds budget given to armsflow")
    ap.add_argument("--kinds", default="", help="only these kinds: words of generator names, comma-separated "
                                                 "(huge_text,pdf,feed,...)")
    ap.add_argument("--db", help="store URL for the CLI part (default: a fresh SQLite file)")
    ap.add_argument("--keep", help="keep the inputs and stores in this folder")
    args = ap.parse_args()

    work = Path(args.keep or tempfile.mkdtemp(prefix="armsflow-fuzz-"))
    work.mkdir(parents=True, exist_ok=True)

    def report(line: str) -> None:
        print(line, flush=True)

    try:
        cli = cli_part(args, work, report) if args.count else {"batches": [], "totals": Counter(),
                                                               "slowest": {}, "by_kind": {}}
        up = upload_part(args, work, report) if args.upload else None
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    totals = Counter(cli["totals"]) + (Counter(up["totals"]) if up else Counter())
    print("\n| kind | inputs | good to store | lost | error lines | slowest read s | slowest extract s |")
    print("|---|---|---|---|---|---|---|")
    for kind in sorted(cli["by_kind"]):
        c = cli["by_kind"][kind]
        print(f"| {kind} | {c['inputs']} | {c['good']} | {c['lost']} | {c['lines']} | "
              f"{cli['slowest'].get((kind, 'read'), 0):.1f} | {cli['slowest'].get((kind, 'extract'), 0):.1f} |")
    if up:
        print("\n| upload kind | inputs | statuses |\n|---|---|---|")
        for kind in sorted(up["by_kind"]):
            c = up["by_kind"][kind]
            print(f"| {kind} | {c['inputs']} | "
                  f"{', '.join(f'{k}: {v}' for k, v in sorted(c.items(), key=str) if k != 'inputs')} |")
    rss = [b["peak_rss_mb"] for b in cli["batches"]]
    peak_mb = max(rss + ([round(up["peak"]["rss_kb"] / 1024)] if up else []), default=0)
    ratio = (sum(rss[-3:]) / len(rss[-3:])) / (sum(rss[:3]) / len(rss[:3])) if rss else 1.0
    inputs = args.count + (args.upload if up else 0)
    extra = (f" server_errors={totals['server_errors']} slowest_static_s={up['peak']['static_s']:.2f}"
             f" static_failures={up['peak']['static_fail']}") if up else " server_errors=0"
    print(f"\ninputs={inputs} tracebacks={totals['tracebacks']} hangs={totals['hangs']} "
          f"bad_lines={totals['bad_lines']} lost_good={totals['lost_good']}{extra} peak_rss_mb={peak_mb} "
          f"rss_ratio_last_first={ratio:.2f}")
    failed = sum(totals[k] for k in ("tracebacks", "hangs", "bad_lines", "lost_good", "server_errors"))
    return 1 if failed or (up and up["peak"]["static_fail"]) else 0


if __name__ == "__main__":
    sys.exit(main())
