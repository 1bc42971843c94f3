"""Reading and writing the store. Every write is one transaction: a document lands with all its claims or not at
all, so a killed ingest leaves nothing half-written and re-running it picks up where it stopped."""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
import secrets
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict, dataclass, field

from sqlalchemy import (BigInteger, Engine, Text, cast, delete, func, insert, or_, select, text, tuple_, union,
                        union_all, update)
from sqlalchemy.orm import Session

from armsflow.model import Claim, Document, StatusEvent, TransferRecord
from armsflow.pausepoints import pause
from armsflow.store.schema import (ActorRevision, CitedSource, ClaimRow, DocumentRow, EchoKey, EchoLink, Edit, Entity,
                                   Meta, Publisher, RecordClaim, RecordRow, Summary)

EDITABLE = ("supplier", "recipient", "system", "category", "quantity", "status", "year", "hedged")


def content_hash(text_: str) -> str:
    """The identity of a document: its text with whitespace and case normalised."""
    return hashlib.sha256(re.sub(r"\s+", " ", text_).strip().lower().encode("utf-8")).hexdigest()


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


_READING: ContextVar = ContextVar("armsflow_reading", default=None)


class _Borrowed:
    """The shared session of a ``Store.reading()`` block, lent to one ``with store.session()``: not closed after."""

    def __init__(self, session: Session):
        self.session = session

    def __enter__(self) -> Session:
        return self.session

    def __exit__(self, *exc) -> bool:
        return False


class Store:
    def __init__(self, engine: Engine):
        self.engine = engine
        self._publishers: dict[str, int] = {}

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def session(self) -> Session:
        shared = _READING.get()
        if shared is not None and shared[0] is self:
            return _Borrowed(shared[1])          # type: ignore[return-value]
        return Session(self.engine, expire_on_commit=False)

    @contextmanager
    def reading(self):
        """One session for a burst of reads (the queries behind one web page): every ``store.session()`` inside the
        block reuses it, which saves a pool checkout and a transaction per query. Reads only: a write inside the
        block would join the shared transaction."""
        shared = _READING.get()
        if shared is not None and shared[0] is self:
            yield shared[1]
            return
        with Session(self.engine, expire_on_commit=False) as s:
            token = _READING.set((self, s))
            try:
                yield s
            finally:
                _READING.reset(token)

    # -- entities ------------------------------------------------------------------------------------------
    def sync_entities(self, catalog) -> None:
        """States and non-state actors of the catalogue, so every code in a claim has a name in the store. Two
        processes syncing a fresh store at once both succeed: a name another has just added is left alone."""
        rows = [(code, "state", st.name) for code, st in catalog.states.items()]
        rows += [(slug, ns.kind, ns.name) for slug, ns in catalog.nonstate.items()]
        with self.session() as s, s.begin():
            have = {code: (kind, name) for code, kind, name in s.execute(select(Entity.code, Entity.kind,
                                                                                 Entity.name))}
            new = [{"code": code, "kind": kind, "name": name} for code, kind, name in rows if code not in have]
            changed = [(code, kind, name) for code, kind, name in rows if code in have and have[code] != (kind, name)]
            if new:
                s.execute(_insert_ignoring_conflicts(s, Entity), new)
            for code, kind, name in changed:
                s.execute(update(Entity).where(Entity.code == code).values(kind=kind, name=name))
            if new or changed:   # names show in analyses; an unchanged catalogue (every ingest) is no new revision
                _bump(s)
                touch_actors(s, {EVERY_ACTOR})

    # -- documents -----------------------------------------------------------------------------------------
    def document_by_hash(self, h: str) -> DocumentRow | None:
        with self.session() as s:
            return s.scalar(select(DocumentRow).where(DocumentRow.content_hash == h))

    def stored_urls(self, urls: list[str]) -> set[str]:
        """Those of ``urls`` that a stored document came from (a feed's entries already read)."""
        found: set[str] = set()
        with self.session() as s:
            for i in range(0, len(urls), 500):
                found.update(s.scalars(select(DocumentRow.url).where(DocumentRow.url.in_(urls[i:i + 500]))))
        return found

    # -- the echo index (echo_keys): what a new document's signature is compared with ------------------------------
    def echo_candidates(self, exact: list[int], counted: list[tuple[list[int], int]], published: dt.date | None,
                        days: int) -> list[dict]:
        """The stored signatures filed under any of the ``exact`` keys, or under at least ``n`` of the keys of each
        (keys, n) of ``counted`` with a date within ``days`` of ``published`` (any date when that is None) or
        none: the candidates echo detection compares a new document with. Read by range scans of the
        (key, published) index: the work follows the keys that match, not the size of the store."""
        ek = EchoKey.__table__
        found = []
        if exact:
            found.append(select(ek.c.document_id).where(ek.c.key.in_(sorted(set(exact)))))
        for keys, least in counted:
            keys = sorted(set(keys))
            if not keys or len(keys) < least:
                continue
            if published is None:
                hits = select(ek.c.document_id).where(ek.c.key.in_(keys))
            else:
                lo, hi = _shift(published, -days), _shift(published, days)
                hits = union_all(select(ek.c.document_id).where(ek.c.key.in_(keys), ek.c.published.between(lo, hi)),
                                 select(ek.c.document_id).where(ek.c.key.in_(keys), ek.c.published.is_(None)))
            hits = hits.subquery()
            found.append(select(hits.c.document_id).group_by(hits.c.document_id).having(func.count() >= least))
        if not found:
            return []
        ids = union(*found).subquery()
        with self.session() as s:
            return list(s.scalars(select(DocumentRow.signature).where(DocumentRow.id.in_(select(ids.c.document_id)),
                                                                      DocumentRow.signature.is_not(None))
                                  .order_by(DocumentRow.id)))

    def index_echo_keys(self, keys_of, version: str, batch: int = 500, needs_text=None, complete=None) -> int:
        """File every stored signature in ``echo_keys`` under its keys (``keys_of(signature) -> (date, keys)``),
        unless the store records that they are filed under ``version`` already; returns how many were filed.
        A signature for which ``needs_text(signature)`` is true (made by an older version) is first completed from
        its document's text, ``complete(signature, text)``, and stored in its place.

        Needed once after the migration that made the table, when the keys change, and after a signature was
        stored without its keys. Batch by batch, each in one transaction, so memory stays bounded and an
        interrupted filing resumes (it is redone from the start, harmlessly: a batch replaces its rows)."""
        with self.session() as s:
            if s.scalar(select(Meta.value).where(Meta.key == ECHO_INDEX)) == version:
                return 0
        filed, last = 0, 0
        while True:
            with self.session() as s:
                rows = s.execute(select(DocumentRow.id, DocumentRow.signature)
                                 .where(DocumentRow.id > last, DocumentRow.signature.is_not(None))
                                 .order_by(DocumentRow.id).limit(batch)).all()
            if not rows:
                break
            last = rows[-1][0]
            completed = {}
            old = [d for d, sig in rows if needs_text is not None and needs_text(sig)]
            if old:
                with self.session() as s:
                    texts = dict(s.execute(select(DocumentRow.id, DocumentRow.text)
                                           .where(DocumentRow.id.in_(old))).all())
                completed = {d: complete(sig, texts[d]) for d, sig in rows if d in texts}
                rows = [(d, completed.get(d, sig)) for d, sig in rows]
            entries = [_echo_rows(doc_id, *keys_of(sig)) for doc_id, sig in rows]
            with self.session() as s, s.begin():
                for doc_id, sig in completed.items():
                    s.execute(update(DocumentRow).where(DocumentRow.id == doc_id).values(signature=sig))
                s.execute(delete(EchoKey).where(EchoKey.document_id.in_([doc_id for doc_id, _ in rows])))
                values = [row for entry in entries for row in entry]
                if values:
                    s.execute(insert(EchoKey), values)
            filed += len(rows)
        with self.session() as s, s.begin():
            s.execute(delete(Meta).where(Meta.key == ECHO_INDEX))
            s.execute(_insert_ignoring_conflicts(s, Meta), [{"key": ECHO_INDEX, "value": version}])
        return filed

    def add_document(self, doc: Document, claims: list[Claim], extractor_version: str, kind: str = "text",
                     echo: dict | None = None, signature: dict | None = None) -> int:
        """Store a new document with its claims and cited sources, atomically; returns its id."""
        return self.add_documents([NewDocument(doc, claims, extractor_version, kind, echo, signature)])[0]

    def add_documents(self, batch: list["NewDocument"]) -> list[int]:
        """Store several new documents in one transaction (each whole, with its claims); returns their ids (that of
        the stored copy for a document another writer stored meanwhile). See :meth:`store_documents`."""
        return self.store_documents(batch)[0]

    def store_documents(self, batch: list["NewDocument"]) -> tuple[list[int], set[str]]:
        """Store several new documents in one transaction (each whole, with its claims), in a few bulk statements;
        returns their ids and the content hashes of those that were stored already.

        Another writer (a parallel ingest, the web API) may store the same text meanwhile: that document is stored
        once, by whoever commits first, and the other finds it stored (its claims are not added twice), never a
        unique-key error. On PostgreSQL the batch first takes a transaction lock on each of its hashes, in order,
        so two batches holding the same documents in another order wait for each other instead of deadlocking.

        Echo links (``NewDocument.echo``, ``NewDocument.links``) name their documents by id or by content hash (also
        when the document is in the same batch). A link already stored is kept as it is, never replaced; the clusters
        the new links join are merged (:meth:`_merge_clusters`), and the records of the documents whose cluster
        changed are marked for fusing again."""
        if not batch:
            return [], set()
        with self.session() as s, s.begin():
            hashes = [i.content_hash or content_hash(i.doc.text) for i in batch]
            if self.dialect == "postgresql":
                s.execute(text("SELECT pg_advisory_xact_lock(:k, hashtext(h)) FROM "
                               "(SELECT DISTINCT unnest(CAST(:hashes AS text[])) AS h ORDER BY 1) AS held"),
                          {"k": _DOCUMENT_LOCK, "hashes": hashes})
            publishers = self._publisher_ids(s, {i.doc.publisher for i in batch if i.doc.publisher})
            at = now()
            rows = []
            for h, i in zip(hashes, batch):
                rows.append(dict(doc_key=i.doc.id, content_hash=h, url=i.doc.url, path=i.doc.path,
                                 title=i.doc.title, publisher_id=publishers.get(i.doc.publisher),
                                 published=i.doc.published, language=getattr(i.doc, "language", None), kind=i.kind,
                                 text=i.doc.text, body_offset=i.doc.body_offset, extractor_version=i.version,
                                 ingested_at=at, signature=i.signature))
            # a text stored meanwhile by another writer is skipped here (it is not returned), then looked up
            result = s.execute(_insert_ignoring_conflicts(s, DocumentRow)
                               .returning(DocumentRow.id, DocumentRow.content_hash), rows)
            ids_by_hash = {h: i for i, h in result}
            fresh = set(ids_by_hash)
            already = set(hashes) - fresh
            if already:
                ids_by_hash.update({h: i for i, h in s.execute(select(DocumentRow.id, DocumentRow.content_hash)
                                                               .where(DocumentRow.content_hash.in_(already)))})
            ids = [ids_by_hash[h] for h in hashes]
            if fresh:                              # each new document is its own source until a link says otherwise
                s.execute(update(DocumentRow).where(DocumentRow.id.in_([ids_by_hash[h] for h in fresh]))
                          .values(cluster_id=DocumentRow.id))
            claims, cites, keys, dyads, links = [], [], [], set(), []
            for doc_id, h, item in zip(ids, hashes, batch):
                if h not in fresh:
                    continue
                fresh.discard(h)                   # the same text twice in one batch: its first copy only
                if item.echo:
                    links.append({**item.echo, "doc": h, "echo_of": item.echo.get("original_id")
                                  or item.echo.get("original_hash")})
                links += item.links
                if item.echo_keys:
                    keys += _echo_rows(doc_id, *item.echo_keys)
                claims += [_claim_row(doc_id, c, item.version) for c in item.claims]
                cites += [{"document_id": doc_id, "text": t} for t in _citations(item.claims)]
                dyads |= {(c.supplier, c.recipient) for c in item.claims}
            if links:
                # stored documents whose cluster changed count their sources differently now: their records change
                moved = self._add_links(s, links, ids_by_hash)
                if moved:
                    dyads |= set(map(tuple, s.execute(
                        select(ClaimRow.supplier, ClaimRow.recipient).distinct()
                        .where(ClaimRow.document_id.in_(sorted(moved)))).all()))
            if claims:
                s.execute(insert(ClaimRow), claims)
            if cites:
                s.execute(insert(CitedSource), cites)
            if keys:
                s.execute(insert(EchoKey), keys)
            if any(item.signature is not None and item.echo_keys is None for item in batch):
                s.execute(delete(Meta).where(Meta.key == ECHO_INDEX))     # a signature not filed: file all again
            if len(already) < len(set(hashes)):
                self._mark_unfused(s, dyads)
                _bump(s)
            pause("store.documents")
        self._publishers.update(publishers)       # committed: safe to remember
        return ids, already

    def _add_links(self, s: Session, links: list[dict], ids_by_hash: dict[str, int]) -> set[int]:
        """Store echo links ({doc, echo_of: id or content hash, kind, score, reasons}) that are not stored yet, and
        merge the clusters they join. Returns the ids of the documents whose cluster changed."""
        named = {x for link in links for x in (link["doc"], link["echo_of"]) if isinstance(x, str)}
        missing = sorted(named - ids_by_hash.keys())
        known = dict(ids_by_hash)
        if missing:
            known.update({h: i for i, h in s.execute(select(DocumentRow.id, DocumentRow.content_hash)
                                                     .where(DocumentRow.content_hash.in_(missing)))})
        rows, pairs = [], []
        for link in links:
            doc, of = (known.get(x) if isinstance(x, str) else x for x in (link["doc"], link["echo_of"]))
            if doc is None or of is None or doc == of:
                continue                       # a document that could not be stored: no link to it
            rows.append({"document_id": doc, "echo_of_id": of, "kind": link["kind"], "score": link.get("score"),
                         "reasons": link.get("reasons")})
            pairs.append((doc, of))
        if not rows:
            return set()
        s.execute(_insert_ignoring_conflicts(s, EchoLink), rows)      # a link stored already stays as it was
        return self._merge_clusters(s, pairs)

    def _merge_clusters(self, s: Session, pairs: list[tuple[int, int]]) -> set[int]:
        """Union the clusters of each linked pair (fuse/clusters.py): every member of a merged cluster gets the
        representative of the result. Returns the ids of the documents whose cluster changed. On PostgreSQL one
        transaction at a time merges (an advisory lock held to commit), so two never merge from stale clusters."""
        from armsflow.fuse.clusters import UnionFind, rank

        if self.dialect == "postgresql":
            s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _CLUSTER_LOCK})
        ids = sorted({d for pair in pairs for d in pair})
        cluster = {d: c for d, c in s.execute(select(DocumentRow.id, func.coalesce(DocumentRow.cluster_id,
                                                                                   DocumentRow.id))
                                              .where(DocumentRow.id.in_(ids)))}
        uf = UnionFind(cluster.values())
        for a, b in pairs:
            uf.union(cluster[a], cluster[b])
        groups = [g for g in uf.groups() if len(g) > 1]
        if not groups:
            return set()
        reps = sorted({c for g in groups for c in g})
        published = dict(s.execute(select(DocumentRow.id, DocumentRow.published)
                                   .where(DocumentRow.id.in_(reps))).all())
        moved: set[int] = set()
        for group in groups:
            best = min(group, key=lambda c: rank(c, published.get(c)))
            others = [c for c in group if c != best]
            moved |= set(s.scalars(select(DocumentRow.id).where(
                func.coalesce(DocumentRow.cluster_id, DocumentRow.id).in_(others))))
            s.execute(update(DocumentRow).where(func.coalesce(DocumentRow.cluster_id, DocumentRow.id).in_(others))
                      .values(cluster_id=best))
        return moved

    def _publisher_ids(self, s: Session, names: set[str]) -> dict[str, int]:
        """Ids for publisher names, creating the new ones: two statements for a whole batch."""
        out = {n: self._publishers[n] for n in names if n in self._publishers}
        missing = names - out.keys()
        if missing:
            out.update({n: i for i, n in s.execute(select(Publisher.id, Publisher.name)
                                                   .where(Publisher.name.in_(missing)))})
            new = sorted(missing - out.keys())
            if new:
                # another writer (a second ingest, the web API) may add the same name meanwhile: skip, then read
                s.execute(_insert_ignoring_conflicts(s, Publisher), [{"name": n} for n in new])
                out.update({n: i for i, n in s.execute(select(Publisher.id, Publisher.name)
                                                       .where(Publisher.name.in_(new)))})
        return out

    def known_hashes(self, hashes: list[str]) -> dict[str, DocumentRow]:
        """The stored documents among ``hashes`` (one query for a whole batch of candidates)."""
        if not hashes:
            return {}
        with self.session() as s:
            return {d.content_hash: d for d in s.scalars(select(DocumentRow)
                                                         .where(DocumentRow.content_hash.in_(set(hashes))))}

    def replace_claims(self, document_id: int, claims: list[Claim], extractor_version: str) -> set[tuple]:
        """Re-extraction: extracted claims are replaced; claims an analyst reviewed stay and win. Returns the
        (supplier, recipient) pairs of the claims replaced, whose records need fusing again."""
        with self.session() as s, s.begin():
            # written first, so that it takes the write lock (SQLite) or the document's row (PostgreSQL) before the
            # reads: a second re-extraction of the document at the same time waits, then replaces this one's claims
            # instead of adding its own beside them
            s.execute(update(DocumentRow).where(DocumentRow.id == document_id)
                      .values(extractor_version=extractor_version))
            old_dyads = set(tuple(r) for r in s.execute(select(ClaimRow.supplier, ClaimRow.recipient)
                                      .where(ClaimRow.document_id == document_id)).all())
            # reviewed or pinned (store/review.py) claims are an analyst's work: they stay
            reviewed = s.scalars(select(ClaimRow).where(ClaimRow.document_id == document_id,
                                                        or_(ClaimRow.review != "extracted",
                                                            ClaimRow.pin.is_not(None)))).all()
            keep = {_claim_key(r) for r in reviewed}
            for r in reviewed:       # the claim as first extracted, before the analyst's corrections
                original = {f: getattr(r, f) for f in EDITABLE}
                for e in s.scalars(select(Edit).where(Edit.claim_id == r.id).order_by(Edit.id.desc())):
                    for f, (old, _new) in (e.changes or {}).items():
                        original[f] = old
                keep.add((original["supplier"], original["recipient"], (original["system"] or "").lower(),
                          original["category"], r.start))
            # the new claims are inserted before the old ones are deleted, so they get ids above every id ever
            # used: SQLite hands out max(id) + 1, and deleting the newest claims first would let a new claim reuse
            # an id that a watch's high-water mark (store/watches.py) has already passed
            replaced = s.scalars(select(ClaimRow.id).where(ClaimRow.document_id == document_id,
                                                           ClaimRow.review == "extracted",
                                                           ClaimRow.pin.is_(None))).all()
            s.execute(delete(CitedSource).where(CitedSource.document_id == document_id))
            self._add_claims(s, document_id, [c for c in claims if _claim_key(c) not in keep], extractor_version)
            if replaced:
                s.execute(delete(ClaimRow).where(ClaimRow.id.in_(replaced)))
            self._mark_unfused(s, old_dyads | {(c.supplier, c.recipient) for c in claims})
            _bump(s)
            return old_dyads

    def stale_documents(self, extractor_version: str) -> list[DocumentRow]:
        with self.session() as s:
            return list(s.scalars(select(DocumentRow).where(
                (DocumentRow.extractor_version != extractor_version) | DocumentRow.extractor_version.is_(None))))

    def _add_claims(self, s: Session, document_id: int, claims: list[Claim], version: str) -> None:
        if claims:
            s.execute(insert(ClaimRow), [_claim_row(document_id, c, version) for c in claims])
        cites = _citations(claims)
        if cites:
            s.execute(insert(CitedSource), [{"document_id": document_id, "text": t} for t in cites])

    # -- claims and edits ----------------------------------------------------------------------------------
    def claims_for_fusion(self, dyads: set[tuple] | None = None):
        """(claim row, source id, published) for every claim, or those of the given (supplier, recipient) pairs."""
        with self.session() as s:
            q = select(ClaimRow, func.coalesce(DocumentRow.cluster_id, DocumentRow.id), DocumentRow.published) \
                .join(DocumentRow, ClaimRow.document_id == DocumentRow.id)
            if dyads is not None:     # only the suppliers' claims are read: a large store is not read whole
                suppliers = {sup for sup, _rec in dyads}
                named = sorted(sup for sup in suppliers if sup is not None)
                wanted = ([ClaimRow.supplier.in_(named)] if named else []) + \
                    ([ClaimRow.supplier.is_(None)] if None in suppliers else [])
                if not wanted:
                    return []
                q = q.where(or_(*wanted))
            rows = s.execute(q.order_by(ClaimRow.id)).all()
        if dyads is not None:
            rows = [r for r in rows if (r[0].supplier, r[0].recipient) in dyads]
        return rows

    def claim_dyad(self, claim_id: int) -> tuple | None:
        with self.session() as s:
            row = s.execute(select(ClaimRow.supplier, ClaimRow.recipient).where(ClaimRow.id == claim_id)).first()
            return tuple(row) if row is not None else None

    def edit_claim(self, claim_id: int, user: str, action: str, changes: dict | None = None,
                   note: str | None = None) -> ClaimRow:
        """Accept, reject or correct a claim; the edit is kept in the audit trail with who and when. A claim moved to
        another supplier or recipient leaves its record: its pin (store/review.py), if any, is dropped with the edit."""
        if action not in ("accept", "reject", "edit"):
            raise ValueError(f"unknown action {action!r}")
        with self.session() as s, s.begin():
            row = s.get(ClaimRow, claim_id)
            if row is None:
                raise KeyError(claim_id)
            diff = {}
            for field_, value in (changes or {}).items():
                if field_ not in EDITABLE:
                    raise ValueError(f"field {field_!r} cannot be edited")
                old = getattr(row, field_)
                if old != value:
                    diff[field_] = [old, value]
                    setattr(row, field_, value)
            if row.pin is not None and ("supplier" in diff or "recipient" in diff):
                diff["pin"] = [row.pin, None]
                row.pin = None
            row.review = {"accept": "accepted", "reject": "rejected", "edit": "edited"}[action]
            old_dyad = (diff.get("supplier", [row.supplier])[0], diff.get("recipient", [row.recipient])[0])
            self._mark_unfused(s, {old_dyad, (row.supplier, row.recipient)})
            _bump(s)
            s.add(Edit(claim_id=claim_id, user=user, at=now(), action=action, changes=diff or None, note=note))
            return row

    # -- fusion bookkeeping --------------------------------------------------------------------------------
    # Claims changed since their records were last fused are marked, in the transaction that changes them, so a
    # crash before the fusion cannot lose the fact: one mark per (supplier, recipient) pair (``unfused:`` and a
    # hash of the pair: the key column is short) or ``unfused`` alone for every pair. Each mark holds a token new
    # with every change. Fusion (engine/fusion.py) reads the marks before the claims, fuses the marked pairs too,
    # then clears only the marks it read whose token has not changed since: a writer that changed claims in the
    # meantime (a parallel ingest still running) keeps its mark until its own fusion, or the next one after a crash.
    @staticmethod
    def _mark_unfused(s: Session, dyads: set[tuple] | None = None) -> None:
        """Mark the claims of ``dyads`` (None: of every pair) as changed since their records were fused."""
        token = secrets.token_hex(8)
        if dyads is None:
            rows = [{"key": UNFUSED, "value": token}]
        else:
            rows = sorted(({"key": _unfused_key(d), "value": json.dumps([list(d), token])} for d in set(dyads)),
                          key=lambda r: r["key"])     # in key order: two writers lock the rows in one order
        if rows:
            _upsert(s, Meta, rows, ["key"], ["value"])

    def unfused(self) -> bool:
        """Whether some claims changed since their records were last fused."""
        with self.session() as s:
            return s.scalar(select(Meta.key).where(_UNFUSED_ROWS).limit(1)) is not None

    def unfused_marks(self) -> "UnfusedMarks":
        """The marks of claims changed since their records were last fused (fusion reads them before the claims)."""
        with self.session() as s:
            rows = dict(s.execute(select(Meta.key, Meta.value).where(_UNFUSED_ROWS)).all())
        dyads = {tuple(json.loads(v)[0]) for k, v in rows.items() if k != UNFUSED}
        return UnfusedMarks(UNFUSED in rows, dyads, rows)

    def mark_fused(self, marks: "UnfusedMarks | None" = None) -> None:
        """Clear the marks read before a fusion that covered their pairs, those unchanged since (None: every mark,
        whatever changed; for a caller that holds the writer lock and knows no writer runs)."""
        if marks is not None and not marks.rows:
            return
        with self.session() as s, s.begin():
            if marks is None:
                s.execute(delete(Meta).where(_UNFUSED_ROWS))
                return
            rows = sorted(marks.rows.items())
            for i in range(0, len(rows), 500):
                s.execute(delete(Meta).where(tuple_(Meta.key, Meta.value).in_(rows[i:i + 500])))

    def revision(self) -> int:
        """A number that grows with every committed write of documents, claims, reviews or records (not watches,
        users or tokens): the web layer keys its caches of expensive analyses on it."""
        with self.session() as s:
            value = s.scalar(select(Meta.value).where(Meta.key == "revision"))
        return int(value) if value else 0

    # -- records -------------------------------------------------------------------------------------------
    def replace_records(self, results: list[tuple[TransferRecord, list[int]]], dyads: set[tuple] | None,
                        source: str = "news", linker=None) -> None:
        """Swap in freshly fused records (all of them, or those of the given dyads), atomically; with a ``linker``
        (store/links.py), the new news records are linked to the register deals they report in the same
        transaction (the old records' links go with them)."""
        with self.session() as s, s.begin():
            q = delete(RecordRow).where(RecordRow.source == source)
            if dyads is not None:
                sides = ({a for a, _ in dyads}, {b for _, b in dyads})
                # the pairs' candidates by index (supplier and recipient among the pairs'), the exact pairs in Python
                near = select(RecordRow.id, RecordRow.supplier, RecordRow.recipient).where(RecordRow.source == source)
                for col, values in zip((RecordRow.supplier, RecordRow.recipient), sides):
                    known = sorted(v for v in values if v is not None)
                    near = near.where(col.in_(known) | col.is_(None) if None in values else col.in_(known))
                old = [rid for rid, sup, rec in s.execute(near) if (sup, rec) in dyads]
                if not old and not results:
                    return
                q = None
                for i in range(0, len(old), 10_000):
                    s.execute(delete(RecordRow).where(RecordRow.id.in_(old[i:i + 10_000])))
            if q is not None:
                s.execute(q)
            if results:
                rows = [_record_columns(r) for r, _ in results]
                if self.dialect == "sqlite":
                    # with SQLite's write lock held (the bump writes), ids can be handed out here, and a plain
                    # executemany is linear where INSERT ... RETURNING in parameter order grows with the square
                    # of the rows on SQLite (55 s for 19,000 records)
                    _bump(s)
                    first = (s.scalar(select(func.max(RecordRow.id))) or 0) + 1
                    ids = list(range(first, first + len(rows)))
                    for rid, row in zip(ids, rows):
                        row["id"] = rid
                    for i in range(0, len(rows), 20_000):
                        s.execute(insert(RecordRow), rows[i:i + 20_000])
                else:
                    ids = s.scalars(insert(RecordRow).returning(RecordRow.id, sort_by_parameter_order=True),
                                    rows).all()
                links = [{"record_id": rid, "claim_id": cid} for rid, (_, claim_ids) in zip(ids, results)
                         for cid in claim_ids]
                for i in range(0, len(links), 50_000):
                    s.execute(insert(RecordClaim), links[i:i + 50_000])
                if linker is not None and source == "news":
                    from armsflow.store.links import write_links
                    write_links(s, linker, list(ids))
            if not (results and self.dialect == "sqlite"):
                _bump(s)
            touch_actors(s, {EVERY_ACTOR} if dyads is None else
                         {a for pair in dyads for a in pair} | {a for r, _ in results for a in (r.supplier, r.recipient)})

    # -- summaries: analyses kept while the records behind them stay as they are ------------------------------
    def basis(self, actors) -> int:
        """The revision at which the records of any of ``actors`` last changed (a full re-fusion counts for all)."""
        with self.session() as s:
            return _basis(s, actors)

    def summary(self, key: str, actors) -> tuple[str | None, int]:
        """(the kept value of ``key`` if it is current for ``actors``, else None; the current basis)."""
        with self.session() as s:
            basis = _basis(s, actors)
            row = s.execute(select(Summary.basis, Summary.value).where(Summary.key == key)).first()
        return (row.value if row is not None and row.basis == basis else None), basis

    def put_summary(self, key: str, basis: int, value: str) -> None:
        """Keep ``value`` for ``key``, computed from the records as they were at ``basis`` (read it before them)."""
        self.put_summaries([(key, basis, value)])

    def put_summaries(self, rows: list[tuple[str, int, str]]) -> None:
        """Keep several (key, basis, value) in one transaction."""
        if not rows:
            return
        at = now()
        latest = {}
        for k, b, v in rows:
            if k not in latest or b >= latest[k]["basis"]:
                latest[k] = {"key": k, "basis": b, "value": v, "computed_at": at}
        with self.session() as s, s.begin():
            # an upsert in key order: a state page and a fusion's refresh may keep one summary at the same time; a
            # summary computed from older records never replaces one computed from newer
            _upsert(s, Summary, [latest[k] for k in sorted(latest)], ["key"], ["basis", "value", "computed_at"],
                    where=lambda t, new: t.basis <= new.basis)

    def summary_bases(self, wanted: dict[str, set[str]]) -> dict[str, tuple[int | None, int]]:
        """For each key (with the actors it depends on): (the basis of its kept summary or None, the current basis),
        in two queries whatever the number of keys. A summary is current when the two are equal."""
        actors = sorted({a for deps in wanted.values() for a in deps if a} | {EVERY_ACTOR})
        with self.session() as s:
            revs: dict[str, int] = {}
            for i in range(0, len(actors), 500):
                revs.update(s.execute(select(ActorRevision.code, ActorRevision.revision)
                                      .where(ActorRevision.code.in_(actors[i:i + 500]))).all())
            kept: dict[str, int] = {}
            keys = sorted(wanted)
            for i in range(0, len(keys), 500):
                kept.update(s.execute(select(Summary.key, Summary.basis)
                                      .where(Summary.key.in_(keys[i:i + 500]))).all())
        every = revs.get(EVERY_ACTOR, 0)
        return {k: (kept.get(k), max([every, *(revs.get(a, 0) for a in deps if a)])) for k, deps in wanted.items()}

    # -- checks --------------------------------------------------------------------------------------------
    def integrity_check(self) -> list[str]:
        """Problems the database itself reports (SQLite's integrity and foreign-key checks); empty when sound."""
        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                problems = [r[0] for r in conn.execute(text("PRAGMA integrity_check")) if r[0] != "ok"]
                problems += [str(tuple(r)) for r in conn.execute(text("PRAGMA foreign_key_check"))]
                return problems
            conn.execute(text("SELECT 1"))
            return []

    def counts(self) -> dict[str, int]:
        with self.session() as s:
            return {name: s.scalar(select(func.count()).select_from(table)) or 0 for name, table in
                    (("documents", DocumentRow), ("claims", ClaimRow), ("records", RecordRow),
                     ("publishers", Publisher), ("edits", Edit))}


EVERY_ACTOR = "*"
UNFUSED = "unfused"
_UNFUSED_ROWS = or_(Meta.key == UNFUSED, Meta.key.like(UNFUSED + ":%"))
_DOCUMENT_LOCK = 0x61726D64          # "armd": PostgreSQL advisory locks on content hashes while storing documents
_CLUSTER_LOCK = 0x61726D63           # "armc": PostgreSQL advisory lock while source clusters are merged


@dataclass
class UnfusedMarks:
    """What :meth:`Store.unfused_marks` read: every pair marked, the pairs marked, the rows as read (key: value)."""
    everything: bool
    dyads: set[tuple]
    rows: dict[str, str]


def _unfused_key(dyad: tuple) -> str:
    return f"{UNFUSED}:{hashlib.sha1(json.dumps(list(dyad)).encode()).hexdigest()[:40]}"


ECHO_INDEX = "echo_index"          # meta: the version of the keys every stored signature is filed under


def _echo_rows(doc_id: int, published: dt.date | None, keys) -> list[dict]:
    return [{"key": k, "document_id": doc_id, "published": published} for k in sorted(set(keys))]


def _shift(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, held inside the calendar (a front matter may say 9999-12-31)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def touch_actors(s: Session, actors) -> None:
    """Record, in the caller's transaction and after ``_bump``, that these actors' records changed at this
    revision: the summaries that depend on them are stale from now on."""
    actors = sorted({a for a in actors if a})
    if not actors:
        return
    revision = int(s.scalar(select(Meta.value).where(Meta.key == "revision")) or 0)
    # an upsert (in code order): two writers touching one actor never both insert its row
    _upsert(s, ActorRevision, [{"code": a, "revision": revision} for a in actors], ["code"], ["revision"])


def _basis(s: Session, actors) -> int:
    codes = sorted({a for a in actors if a} | {EVERY_ACTOR})
    return int(s.scalar(select(func.max(ActorRevision.revision)).where(ActorRevision.code.in_(codes))) or 0)


def _bump(s: Session) -> None:
    """Count one more store revision, in the caller's transaction, so it commits (or not) with the write. An upsert:
    two writers never both insert the row, and on PostgreSQL the second waits on the row until the first commits,
    so writers should bump last."""
    dialect = s.get_bind().dialect.name
    if dialect in ("postgresql", "sqlite"):
        if dialect == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as upsert
        else:
            from sqlalchemy.dialects.sqlite import insert as upsert
        s.execute(upsert(Meta).values(key="revision", value="1").on_conflict_do_update(
            index_elements=[Meta.key], set_={"value": cast(cast(Meta.value, BigInteger) + 1, Text)}))
        return
    row = s.get(Meta, "revision", with_for_update=True)
    if row is None:
        s.add(Meta(key="revision", value="1"))
    else:
        row.value = str(int(row.value) + 1)


@dataclass
class NewDocument:
    """A document about to be stored, with what the ingest learnt of it. ``echo`` is one link of the document,
    ``{original_id | original_hash, kind, score, reasons}``; ``links`` are echo links between it and other documents,
    ``{doc, echo_of, kind, score, reasons}`` with ``doc`` and ``echo_of`` an id or a content hash; ``echo_keys`` the
    keys its signature is filed under in echo_keys, and their date."""
    doc: Document
    claims: list[Claim]
    version: str
    kind: str = "text"
    echo: dict | None = None
    signature: dict | None = None
    links: list[dict] = field(default_factory=list)
    content_hash: str | None = None                # when the caller has it already
    echo_keys: tuple[dt.date | None, list[int]] | None = None


def _claim_row(document_id: int, c: Claim, version: str) -> dict:
    return dict(document_id=document_id, supplier=c.supplier, recipient=c.recipient, system=c.system,
                category=c.category, quantity=c.quantity, status=c.status, year=c.year, hedged=bool(c.hedged),
                evidence=c.evidence, start=c.start, end=c.end, citation=c.citation, mention=c.extras.get("mention"),
                headline=bool(c.extras.get("headline")), rules=" ".join(c.rules) or None, confidence=c.confidence,
                extractor_version=version, review="extracted")


def _citations(claims: list[Claim]) -> list[str]:
    """The inline sources cited by a document's claims ("Andes Wire, March 3; Pacific Post, May 9": two)."""
    return sorted({part.strip() for c in claims if c.citation for part in c.citation.split(";") if part.strip()})


def _claim_key(c) -> tuple:
    return (c.supplier, c.recipient, (c.system or "").lower(), c.category, c.start)


def _record_columns(r: TransferRecord) -> dict:
    data = asdict(r)
    data.pop("id")
    data.pop("links")                     # record_links rows, written by the linker (store/links.py)
    data["timeline"] = [{"status": e["status"], "year": e["year"],
                         "first_seen": e["first_seen"].isoformat() if e["first_seen"] else None,
                         "claims": e["claim_ids"]} for e in data["timeline"]]
    return data


def timeline_events(raw: list[dict] | None) -> list[StatusEvent]:
    # an analysis reads the timelines of every record of a region: the dates repeat, so they are parsed once each
    return [StatusEvent(e["status"], e["year"], _date(e["first_seen"]) if e["first_seen"] else None,
                        e.get("claims") or []) for e in raw or []]


@functools.lru_cache(maxsize=4096)
def _date(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def _upsert(s: Session, table, rows: list[dict], keys: list[str], columns: list[str], where=None) -> None:
    """``INSERT ... ON CONFLICT (keys) DO UPDATE SET columns`` (optionally only ``where``), for SQLite and
    PostgreSQL; delete-then-insert elsewhere."""
    dialect = s.get_bind().dialect.name
    if dialect not in ("postgresql", "sqlite"):
        for row in rows:
            s.execute(delete(table).where(*(getattr(table, k) == row[k] for k in keys)))
        s.execute(insert(table), rows)
        return
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    stmt = dialect_insert(table)
    stmt = stmt.on_conflict_do_update(index_elements=keys, set_={c: stmt.excluded[c] for c in columns},
                                      where=where(table, stmt.excluded) if where is not None else None)
    s.execute(stmt, rows)


def _insert_ignoring_conflicts(s: Session, table):
    """``INSERT ... ON CONFLICT DO NOTHING`` in the dialect of the session's database."""
    if s.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    return dialect_insert(table).on_conflict_do_nothing()
