"""Large test and benchmark corpora made from real text, mostly reporting no transfer.

``generate(out, docs, seed, sources)`` writes ``docs`` Markdown files (front matter: title, publisher, published)
under ``out`` in folders of 1,000, and ``out/corpus.json`` with what it made. The text comes from the sources:

- text and Markdown files (a folder is searched recursively): the news articles and dev documents beside the
  repository, or any English text. Each is split into sentences. A sentence that states a transfer (it holds the
  evidence of a claim the extractor finds in its file) goes to the *transfer* pool, the others to the *plain* pool;
  titles and publishers are kept for the front matter;
- SIPRI trade-register exports (``.csv``): one sentence per deal, written from the row (recipient, supplier,
  number, weapon, year, SIPRI's comment), into the transfer pool.

A document is 5 to 14 plain sentences in paragraphs of up to 4 (about 1-2 KB, like a short news item). Most are only
that (:data:`PLAIN` by default: 80 %), some get 1-3 transfer sentences among them (:data:`TRANSFER`, 16 %), and a
few (:data:`REPRINT`, 4 %) repeat a recent document under another publisher with one sentence dropped or added, so
that copies and echoes are found as in real news. The published dates are spread over 2015-2025, so that echo
detection's 30-day window holds a realistic number of candidates. Every document is distinct (a content hash is
kept for each, and a repeat is drawn again). The same sources, count and seed give the same files.

The sources are third-party text: a generated corpus must stay out of the repository (write it to a temporary
folder, as the tests and benchmarks do).
"""
from __future__ import annotations

import datetime as dt
import json
import random
import re
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

PLAIN, TRANSFER, REPRINT = 0.80, 0.16, 0.04
FIRST_DAY, DAYS = dt.date(2015, 1, 1), 11 * 365
PER_FOLDER = 1000
_MIN_WORDS = 5


@dataclass
class Pool:
    """Sentences and metadata drawn from the sources."""
    plain: list[str] = field(default_factory=list)
    transfer: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    publishers: list[str] = field(default_factory=list)
    files: int = 0
    register_rows: int = 0

    def usable(self) -> bool:
        return len(self.plain) >= 20


def default_sources() -> list[Path]:
    """The shared folder beside a repository checkout (news, dev documents, SIPRI registers), when present."""
    shared = Path(__file__).resolve().parents[3].parent / "shared"
    found = [shared / "data" / "news" / "docs", shared / "eval" / "dev" / "docs", shared / "data" / "sipri"]
    return [p for p in found if p.exists()]


def _sentences(text: str) -> list[tuple[int, int, str]]:
    from armsflow.extract.sentences import split_sentences

    out = []
    for s, e in split_sentences(text):
        sent = " ".join(text[s:e].split())
        if len(sent.split()) >= _MIN_WORDS and sent[-1:] in '.!?"\u201d' and not sent.startswith(("#", "|", "-")):
            out.append((s, e, sent))
    return out


def load_pool(sources, extractor=None, register_rows: int = 4000, seed: int = 0) -> Pool:
    """Read ``sources`` (files or folders) into a :class:`Pool`. ``extractor`` tells transfer sentences from
    plain ones (one is built when None); at most ``register_rows`` deals are taken from each register."""
    from armsflow.ingest.text import IngestError, read_text_document

    pool = Pool()
    texts, registers = [], []
    for src in map(Path, sources):
        paths = [src] if src.is_file() else sorted(p for p in src.rglob("*") if p.is_file()
                                                   and not any(part.startswith(".") for part in p.parts))
        for p in paths:
            if p.suffix.lower() in (".md", ".txt", ".markdown", ".text"):
                texts.append(p)
            elif p.suffix.lower() == ".csv":
                registers.append(p)
    if texts and extractor is None:
        from armsflow.catalog import load_catalog
        from armsflow.extract.pipeline import Extractor
        extractor = Extractor(load_catalog(include_user=False))
    titles, publishers = set(), set()
    for p in texts:
        try:
            doc = read_text_document(p)
        except IngestError:
            continue
        if p.name.lower().startswith("readme"):
            continue
        pool.files += 1
        evidence = [(c.start - doc.body_offset, c.end - doc.body_offset) for c in extractor.extract(doc)]
        for s, e, sent in _sentences(doc.text):
            hit = any(s < ce and cs < e for cs, ce in evidence)
            (pool.transfer if hit else pool.plain).append(sent)
        if doc.title:
            titles.add(" ".join(doc.title.split()))
        if doc.publisher:
            publishers.add(" ".join(doc.publisher.split()))
    rng = random.Random(seed)
    for p in registers:
        sents = _register_sentences(p)
        rng.shuffle(sents)
        pool.transfer += sents[:register_rows]
        pool.register_rows += len(sents[:register_rows])
    pool.plain = sorted(set(pool.plain))
    pool.transfer = sorted(set(pool.transfer))
    pool.titles = sorted(titles) or ["News update"]
    pool.publishers = sorted(publishers) or ["Wire"]
    return pool


def _register_sentences(path: Path) -> list[str]:
    """One sentence per deal of a SIPRI export (deals only once in the by-delivery layout)."""
    from armsflow.ingest.sipri import RegisterError, read_register

    out, seen = [], set()
    try:
        for r in read_register(path):
            key = r.deal_id or r.line
            if key in seen or not r.designation or not r.supplier_name or not r.recipient_name:
                continue
            seen.add(key)
            supplier, recipient = _clean_name(r.supplier_name), _clean_name(r.recipient_name)
            if "unknown" in supplier.lower() or "unknown" in recipient.lower():
                continue
            n = r.number_ordered or r.number_delivered
            what = f"{n} {r.designation} {r.description}" if n else f"{r.designation} {r.description}"
            when = f" in {r.order_year}" if r.order_year else ""
            sent = f"{recipient} ordered {what} from {supplier}{when}"
            if r.delivery_years:
                sent += f", delivered in {r.delivery_years[0]}" + (f"-{r.delivery_years[-1]}"
                                                                    if len(r.delivery_years) > 1 else "")
            sent += "."
            if r.comments:
                sent += f" The register notes: {r.comments.strip().rstrip('.')}."
            out.append(sent)
    except (RegisterError, OSError, ValueError):
        return []
    return out


def _clean_name(name: str) -> str:
    return re.sub(r"\s*\*+$", "", name).strip()


@dataclass
class _Made:
    title: str
    publisher: str
    published: dt.date
    paragraphs: list[list[str]]
    kind: str


def _paragraphs(sentences: list[str], rng: random.Random) -> list[list[str]]:
    out, i = [], 0
    while i < len(sentences):
        n = rng.randint(1, 4)
        out.append(sentences[i:i + n])
        i += n
    return out


def _make(pool: Pool, rng: random.Random, recent: deque) -> _Made:
    r = rng.random()
    if r >= PLAIN + TRANSFER and recent:
        base: _Made = rng.choice(recent)
        sents = [s for p in base.paragraphs for s in p]
        if len(sents) > 5 and rng.random() < 0.5:
            del sents[rng.randrange(len(sents))]
        else:
            sents.insert(rng.randrange(len(sents) + 1), rng.choice(pool.plain))
        publisher = rng.choice([p for p in pool.publishers if p != base.publisher] or pool.publishers)
        return _Made(base.title, publisher, base.published + dt.timedelta(days=rng.randint(0, 3)),
                     _paragraphs(sents, rng), "reprint")
    sents = rng.sample(pool.plain, min(len(pool.plain), rng.randint(5, 14)))
    kind = "plain"
    if r >= PLAIN and pool.transfer:
        kind = "transfer"
        for s in rng.sample(pool.transfer, min(len(pool.transfer), rng.randint(1, 3))):
            sents.insert(rng.randrange(len(sents) + 1), s)
    return _Made(rng.choice(pool.titles), rng.choice(pool.publishers),
                 FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS)), _paragraphs(sents, rng), kind)


def _markdown(m: _Made) -> str:
    def q(s: str) -> str:
        return json.dumps(s, ensure_ascii=False)
    head = ["---", f"title: {q(m.title)}", f"publisher: {q(m.publisher)}", f"published: {m.published.isoformat()}",
            "---", ""]
    return "\n".join(head) + "\n\n".join(" ".join(p) for p in m.paragraphs) + "\n"


def documents(pool: Pool, n: int, seed: int):
    """(index, kind, markdown) for ``n`` distinct documents, deterministic for ``pool`` and ``seed``."""
    from armsflow.store.repo import content_hash

    if not pool.usable():
        raise ValueError(f"too little text in the sources ({len(pool.plain)} plain sentences; 20 at least)")
    rng = random.Random(seed)
    recent: deque = deque(maxlen=256)
    hashes: set[str] = set()
    for i in range(n):
        for _attempt in range(50):
            made = _make(pool, rng, recent)
            text = _markdown(made)
            body = text.split("---\n", 2)[2]
            h = content_hash(body)
            if h not in hashes:
                break
        else:
            raise ValueError("the sources are too small to make that many distinct documents")
        hashes.add(h)
        recent.append(made)
        yield i, made.kind, text


def generate(out, docs: int, seed: int = 0, sources=None, extractor=None, on_progress=None) -> dict:
    """Write ``docs`` documents under ``out``; returns (and writes to ``out/corpus.json``) a summary."""
    out = Path(out)
    sources = [Path(s) for s in (sources or default_sources())]
    if not sources:
        raise ValueError("no sources: name folders of text (or SIPRI .csv exports) with --source")
    for s in sources:
        if not s.exists():
            raise ValueError(f"{s}: no such file or folder")
    pool = load_pool(sources, extractor, seed=seed)
    kinds = {"plain": 0, "transfer": 0, "reprint": 0}
    out.mkdir(parents=True, exist_ok=True)
    for i, kind, text in documents(pool, docs, seed):
        folder = out / f"{i // PER_FOLDER:04d}"
        if i % PER_FOLDER == 0:
            folder.mkdir(exist_ok=True)
        (folder / f"doc-{i:07d}.md").write_text(text, encoding="utf-8")
        kinds[kind] += 1
        if on_progress:
            on_progress(i + 1)
    info = {"documents": docs, "seed": seed, "kinds": kinds, "sources": [str(s) for s in sources],
            "pool": {"files": pool.files, "register_deals": pool.register_rows, "plain_sentences": len(pool.plain),
                     "transfer_sentences": len(pool.transfer), "titles": len(pool.titles),
                     "publishers": len(pool.publishers)}}
    (out / "corpus.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return info
