"""A large store for load tests: real extracted claims replayed with other actors and dates, then really fused.

Why replay rather than invent: the web pages' cost depends on what real claims look like (evidence length, systems,
families, hedges, how claims of a dyad spread over years), so the bulk is made of claims the extractor actually
produced. A seed of real documents (``../shared/eval/dev/docs`` beside the repository when present, else
``samples/``) goes through the real ingest; its claims are then copied into many synthetic documents, each one
moving the seed's actors to other states of the catalogue (suppliers and recipients drawn with a skew, so a few
dyads are large as in reality) and its years to another year. A synthetic document's text is the replayed
evidence sentences, with the state names and years rewritten, so every claim's offsets point at its evidence.

Writes are bulk core inserts in large transactions (documents and claims with explicit ids); then the store's own
fusion (engine/fusion.py ``refuse``, as ``Driver.finish`` calls it after an ingest) builds the records of every
pair and keeps the summary of every state (engine/summaries.py). The store is built once per path: a store carrying the ``bench_bulk`` fact for at least the wanted number of
claims is reused.

    python bench/bigstore.py --store /tmp/big.db [--claims 1000000] [--db postgresql://...]
"""
from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import random
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
META_KEY = "bench_bulk"
CLAIMS_PER_DOC = 5
BATCH_DOCS = 10_000


def seed_folder() -> Path:
    dev = REPO.parent / "shared" / "eval" / "dev" / "docs"
    return dev if dev.is_dir() and any(dev.iterdir()) else REPO / "samples"


def url_for(store: str | None, db: str | None) -> str:
    if db:
        return db
    if not store:
        raise SystemExit("bigstore: give --store FILE (SQLite) or --db URL")
    return f"sqlite:///{Path(store).expanduser().resolve()}"


def built(store) -> dict | None:
    """The bulk fact of a store built earlier, or None."""
    from sqlalchemy import select

    from armsflow.store.schema import Meta
    with store.session() as s:
        value = s.scalar(select(Meta.value).where(Meta.key == META_KEY))
    return json.loads(value) if value else None


def ingest_seed(store, folder: Path, log) -> tuple:
    """The real pipeline over the seed documents; returns (catalog, families)."""
    from armsflow.catalog import load_catalog
    from armsflow.engine.ingest import ingest
    from armsflow.extract.pipeline import Extractor
    from armsflow.fuse.family import Families
    from armsflow.ingest.sources import iter_documents

    catalog = load_catalog()
    store.sync_entities(catalog)
    extractor = Extractor(catalog)
    families = Families(extractor.gazetteer)
    summary = ingest(iter_documents([str(folder)]), store, extractor, families, embedder=None,
                     on_error=lambda m: log(f"seed: {m}"))
    log(f"seed: {folder}: {summary.line()}")
    return catalog, families


def seed_claims(store) -> list[dict]:
    """The seed's claims with their evidence, supplier and recipient set (the ones worth replaying)."""
    from sqlalchemy import select

    from armsflow.store.schema import ClaimRow, DocumentRow
    with store.session() as s:
        rows = s.execute(select(ClaimRow, DocumentRow.published).join(
            DocumentRow, ClaimRow.document_id == DocumentRow.id)).all()
    out = []
    for c, published in rows:
        if not c.evidence or c.supplier is None or c.recipient is None:
            continue
        out.append(dict(supplier=c.supplier, recipient=c.recipient, system=c.system, category=c.category,
                        quantity=c.quantity, status=c.status, year=c.year, hedged=c.hedged, evidence=c.evidence,
                        citation=c.citation, mention=c.mention, headline=c.headline,
                        extractor_version=c.extractor_version,
                        base_year=c.year or (published.year if published else None)))
    return out


class Actors:
    """States drawn with a skew: a few big suppliers, a long tail of recipients (as in the real trade)."""

    def __init__(self, catalog, rng: random.Random):
        states = sorted(code for code, st in catalog.states.items() if not st.historic)
        self.names = {code: catalog.states[code].name for code in catalog.states}
        self.rng = rng
        suppliers = states[:]
        rng.shuffle(suppliers)
        recipients = states[:]
        rng.shuffle(recipients)
        self.suppliers, self.sup_w = suppliers, _cumulative([1 / (r + 1) for r in range(len(suppliers))])
        self.recipients, self.rec_w = recipients, _cumulative([1 / (r + 1) ** 0.5 for r in range(len(recipients))])

    def supplier(self) -> str:
        return self.rng.choices(self.suppliers, cum_weights=self.sup_w)[0]

    def recipient(self, not_: str) -> str:
        while True:
            code = self.rng.choices(self.recipients, cum_weights=self.rec_w)[0]
            if code != not_:
                return code


def _cumulative(weights: list[float]) -> list[float]:
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


def synthesise(seeds: list[dict], first_doc: int, actors: Actors, publishers: list[int], rng: random.Random,
               version_at: dt.datetime):
    """Yield (document row, claim rows) for synthetic documents with ids from ``first_doc``, without end."""
    from armsflow.store.repo import content_hash

    for doc_id in itertools.count(first_doc):
        chosen = [rng.choice(seeds) for _ in range(rng.randint(CLAIMS_PER_DOC - 2, CLAIMS_PER_DOC + 2))]
        # one story per document: every seed supplier becomes one new supplier, every seed recipient one recipient
        codes: dict[str, str] = {}
        for c in chosen:
            if c["supplier"] not in codes:
                codes[c["supplier"]] = actors.supplier()
        for c in chosen:
            if c["recipient"] not in codes:
                codes[c["recipient"]] = actors.recipient(codes.get(c["supplier"], ""))
        year = rng.randint(1995, 2025)
        anchor = next((c["base_year"] for c in chosen if c["base_year"]), year)
        shift = year - anchor
        published = dt.date(min(year + rng.randint(0, 1), 2025), rng.randint(1, 12), rng.randint(1, 28))
        title = (f"{actors.names.get(codes[chosen[0]['supplier']], '?')} and "
                 f"{actors.names.get(codes[chosen[0]['recipient']], '?')}: arms report {doc_id}")
        parts, claims, pos = [title, ""], [], len(title) + 2
        for c in chosen:
            evidence = _rewrite(c["evidence"], codes, actors.names, c["base_year"], shift)
            claims.append(dict(document_id=doc_id, supplier=codes[c["supplier"]], recipient=codes[c["recipient"]],
                               system=c["system"], category=c["category"], quantity=c["quantity"],
                               status=c["status"], year=c["year"] + shift if c["year"] else None,
                               hedged=c["hedged"], evidence=evidence, start=pos, end=pos + len(evidence),
                               citation=c["citation"], mention=c["mention"], headline=c["headline"],
                               extractor_version=c["extractor_version"], review="extracted", pin=None))
            parts.append(evidence)
            pos += len(evidence) + 1
        text = "\n".join(parts)
        doc = dict(id=doc_id, doc_key=f"bulk-{doc_id}", content_hash=content_hash(text), url=None, path=None,
                   title=title, publisher_id=rng.choice(publishers) if publishers else None, published=published,
                   language="en", kind="text", text=text, body_offset=0,
                   extractor_version=chosen[0]["extractor_version"], ingested_at=version_at, original_id=None,
                   echo_kind=None, echo_score=None, echo_reasons=None, signature=None)
        yield doc, claims


def _rewrite(evidence: str, codes: dict, names: dict, base_year, shift: int) -> str:
    """The evidence sentence told of the new actors and years (state names and the seed's year replaced)."""
    for old, new in codes.items():
        if old in names and new in names:
            evidence = evidence.replace(names[old], names[new])
    if base_year and shift:
        evidence = re.sub(rf"\b{base_year}\b", str(base_year + shift), evidence)
    return evidence


def build(url: str, claims: int, seed: int = 1, log=print) -> dict:
    """Build (or reuse) the store at ``url`` with about ``claims`` claims; returns its bulk fact."""
    from sqlalchemy import func, insert, select, text

    from armsflow.engine.fusion import refuse
    from armsflow.store import open_store
    from armsflow.store.schema import ClaimRow, DocumentRow, Meta, Publisher

    store = open_store(url)
    have = built(store)
    if have and have["claims"] >= claims:
        log(f"bigstore: reusing {url} ({have['claims']} claims, built in {have['seconds']:.0f} s)")
        return {**have, "reused": True}
    if store.counts()["documents"]:
        raise SystemExit(f"bigstore: {url} holds documents but no bulk of {claims} claims: give a fresh path")
    t0 = time.perf_counter()
    catalog, families = ingest_seed(store, seed_folder(), log)
    seeds = seed_claims(store)
    if not seeds:
        raise SystemExit("bigstore: the seed documents gave no claim with a supplier and a recipient")
    t_seed = time.perf_counter() - t0
    rng = random.Random(seed)
    actors = Actors(catalog, rng)
    with store.session() as s, s.begin():
        s.execute(insert(Publisher), [{"name": f"Bulk Wire {i}", "domain": f"wire{i}.example"}
                                      for i in range(1, 301)])
    with store.session() as s:
        publishers = list(s.scalars(select(Publisher.id)))
        first = (s.scalar(select(func.max(DocumentRow.id))) or 0) + 1
        seeded = s.scalar(select(func.count()).select_from(ClaimRow)) or 0
    at = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    made, docs_done, t1 = seeded, 0, time.perf_counter()
    stream = synthesise(seeds, first, actors, publishers, rng, at)
    while made < claims:
        docs, rows = [], []
        for doc, claim_rows in stream:
            docs.append(doc)
            rows += claim_rows
            if len(docs) == BATCH_DOCS or made + len(rows) >= claims:
                break
        with store.engine.begin() as conn:       # one transaction per batch: core executemany, no ORM objects
            conn.execute(insert(DocumentRow), docs)
            conn.execute(insert(ClaimRow), rows)
        docs_done += len(docs)
        made += len(rows)
        log(f"bigstore: {made}/{claims} claims in {docs_done} new documents ({time.perf_counter() - t1:.0f} s)",
            end="\r")
    log("")
    if store.dialect == "postgresql":            # explicit ids: the serial sequences must move past them
        with store.engine.begin() as conn:
            for table in ("documents", "claims"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"(SELECT max(id) FROM {table}))"))
            conn.execute(text("ANALYZE"))
    t_insert = time.perf_counter() - t1
    t2 = time.perf_counter()
    records = refuse(store, families, None)          # the store's own fusion, which also keeps the state summaries
    store.mark_fused()
    t_fuse = time.perf_counter() - t2
    with store.engine.begin() as conn:
        if store.dialect == "postgresql":
            conn.execute(text("SELECT setval(pg_get_serial_sequence('records', 'id'), (SELECT max(id) FROM records))"))
        conn.execute(text("ANALYZE"))
    fact = dict(claims=made, documents=docs_done, records=records, seed_claims=len(seeds),
                seconds=time.perf_counter() - t0, seed_seconds=t_seed, insert_seconds=t_insert,
                fuse_seconds=t_fuse)
    with store.session() as s, s.begin():
        s.merge(Meta(key=META_KEY, value=json.dumps(fact)))
    log(f"bigstore: {fact['claims']} claims in {docs_done} bulk documents, {records} records: "
        f"seed {t_seed:.0f} s, inserts {t_insert:.0f} s, fusion {t_fuse:.0f} s, total {fact['seconds']:.0f} s")
    store.engine.dispose()
    return {**fact, "reused": False}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", help="SQLite file to build or reuse")
    ap.add_argument("--db", help="a database URL instead (PostgreSQL)")
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    build(url_for(args.store, args.db), args.claims, args.seed,
          log=lambda m, end="\n": print(m, end=end, file=sys.stderr, flush=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
