"""The ingest, in stages shared by the local engine and the distributed one (engine/distributed.py).

1. ``Driver.select(chunk)`` (driver): report bad inputs, hash each document, look the chunk's hashes up in one query,
   and keep only what needs extracting: new documents, and documents stored by an older extractor version.
2. ``prepare(doc, ...)`` -> :class:`Prepared` (anywhere: in this process, or on a worker): extract the claims and,
   for a new document, its echo signature. Pure: no store, no shared state.
3. ``Driver.commit(selection, prepared)`` (driver): in input order, match each new document against the
   documents stored and those of the chunk before it (so echo decisions do not depend on how the work was spread),
   then store the chunk's new documents, each whole with its claims and echo keys, in one transaction;
   re-extracted documents get their claims replaced. The stored documents a new one is compared with are read
   from the store's echo index by the new one's keys (fuse.echo.EchoMatcher): a run never loads every signature,
   so its memory and time per document do not grow with the store. Should the chunk's transaction fail on the
   data, its documents are stored again one at a time: the bad one is reported (one line) and left out of the
   echo matching, the good ones are stored.
4. ``Driver.finish()``: under the store's writer lock, fuse the records of the (supplier, recipient) pairs the run
   touched and of those marked unfused (an interrupted run's, and those of stored documents whose source cluster a
   new echo link changed), and clear those marks.

The local engine (:func:`ingest`) runs the stages one after the other on chunks of 64 documents. Idempotent and
resumable: a document is known by the hash of its text, so re-reading a source adds nothing, and after a crash the
next run skips what was stored and re-fuses (the store remembers that claims changed since the last fusion). A
killed run loses at most the chunk in flight, which the next run redoes. Several ingests (and the web API) may run
on one store at once: extraction and storing run side by side (a document two of them store at once is stored
once), fusion one after the other.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from itertools import islice

from armsflow.engine.fusion import refuse
from armsflow.pausepoints import pause
from armsflow.store.repo import NewDocument, content_hash

BATCH_DOCS = 64


@dataclass
class IngestSummary:
    read: int = 0
    new: int = 0
    unchanged: int = 0
    reextracted: int = 0
    duplicates: int = 0
    echoes: int = 0
    claims: int = 0
    failed: int = 0
    records: int = 0
    errors: list[str] = field(default_factory=list)     # filled by callers that collect the failures' lines

    def line(self) -> str:
        return (f"{self.read} documents read: {self.new} new ({self.duplicates} copies, {self.echoes} echoes), "
                f"{self.unchanged} already stored, {self.reextracted} re-extracted, {self.failed} failed; "
                f"{self.claims} claims stored; {self.records} records fused")


@dataclass
class Prepared:
    """What the work on one document found: its claims and, for a new document, its echo signature (keyed by
    the content hash). ``error`` is set, and ``claims`` is None, when the extraction failed."""
    hash: str
    claims: list | None
    signature: object | None = None          # fuse.echo.DocSignature
    error: str | None = None


def _where(doc) -> str:
    from armsflow.ingest.text import printable

    return printable(doc.path or doc.url or doc.id)


def prepare(doc, h: str, extractor, embedder=None, sign: bool = True) -> Prepared:
    """Extract ``doc`` (hash ``h``) and, when ``sign``, compute its echo signature. Runs on a worker or locally."""
    from armsflow.extract.pipeline import ExtractionTimeout
    from armsflow.fuse import echo

    try:
        claims = extractor.extract(doc)
    except ExtractionTimeout as exc:      # over the time limit: one line, as for a file that cannot be read
        return Prepared(h, None, None, f"{_where(doc)}: {exc}")
    except Exception as exc:  # one bad document must not stop the run
        problem = " ".join(f"{type(exc).__name__}: {exc}".split())
        return Prepared(h, None, None, f"{_where(doc)}: extraction failed ({problem})")
    # signatures are known by the content hash, so the index never waits for a database id
    sig = replace(echo.signature(doc, claims, embedder), doc_id=h) if sign else None
    return Prepared(h, claims, sig)


@dataclass
class Work:
    """A document to prepare: ``existing`` is the stored row when it is only to be re-extracted."""
    doc: object
    hash: str
    existing: object | None = None


@dataclass
class Selection:
    """One chunk after the hash lookup, in input order: ('work', Work) or ('unchanged', doc) entries."""
    entries: list = field(default_factory=list)

    @property
    def work(self) -> list[Work]:
        return [w for kind, w in self.entries if kind == "work"]


class Driver:
    """The driver's side of an ingest: hash lookups, echo matching, writes, fusion. One per run."""

    def __init__(self, store, families, version: str, on_error=print, on_document=None, progress=None):
        from armsflow.fuse.echo import EchoMatcher, keys_version

        self.store, self.families, self.version = store, families, version
        self.on_error, self.on_document = on_error, on_document
        self.progress = progress                # progress.py: hears the fusion's stages
        self.summary = IngestSummary()
        # signatures stored before the store had an echo index (or under other keys) are filed first, once; those
        # made by an older version are completed from their text
        store.index_echo_keys(_filing, keys_version(), needs_text=_needs_text, complete=_complete)
        self.echo = EchoMatcher(self._echo_candidates)
        self.dyads: set[tuple] = set()
        self._pending_hashes: set[str] = set()  # selected, not yet committed (distributed: chunks in flight)

    def select(self, chunk) -> Selection:
        """Report the chunk's bad inputs, and split its documents into the stored ones and those to prepare."""
        from armsflow.ingest.clean import clean_document
        from armsflow.ingest.text import IngestError

        docs = []
        for item in chunk:
            if isinstance(item, IngestError):
                self.on_error(str(item))
                self.summary.failed += 1
            else:
                item = clean_document(item)       # storable whoever made it (the readers already did)
                docs.append((item, content_hash(item.text)))
        known = self.store.known_hashes([h for _, h in docs])     # one query for the chunk
        out = Selection()
        for doc, h in docs:
            self.summary.read += 1
            existing = known.get(h)
            if h in self._pending_hashes or (existing is not None and existing.extractor_version == self.version):
                out.entries.append(("unchanged", doc))
                continue
            self._pending_hashes.add(h)
            out.entries.append(("work", Work(doc, h, existing)))
        return out

    def commit(self, selection: Selection, prepared: list[Prepared]) -> None:
        """Echo matching in input order, then the chunk's new documents in one transaction (one at a time should
        that fail on one of them)."""
        from armsflow.fuse.echo import DocSignature

        summary, echo_index = self.summary, self.echo
        echo_index.flush()                      # the last chunk's signatures are in the store, or were not stored
        results = iter(prepared)
        pending: list[NewDocument] = []
        for kind, entry in selection.entries:
            if kind == "unchanged":
                summary.unchanged += 1
                if self.on_document:
                    self.on_document(entry, "unchanged")
                continue
            doc, h, existing = entry.doc, entry.hash, entry.existing
            result = next(results)
            if result.hash != h:
                raise RuntimeError(f"{doc.id}: prepared out of order ({result.hash[:12]} for {h[:12]})")
            if result.error is not None:
                self.on_error(result.error)
                summary.failed += 1
                continue
            claims = result.claims
            if existing is not None:
                try:
                    self.dyads |= self.store.replace_claims(existing.id, claims, self.version)
                except Exception as exc:
                    if _not_the_data(exc):
                        raise
                    self._store_failed(doc, exc)
                    continue
                summary.reextracted += 1
                summary.claims += len(claims)
                if self.on_document:
                    self.on_document(doc, "stored")
                continue
            sig = result.signature
            if isinstance(sig, dict):
                sig = DocSignature.from_dict(sig)
            # every link, either way round: the new document may repeat several, and be the original of stored ones
            links = [{"doc": m.echo, "echo_of": m.original, "kind": m.kind, "score": round(m.score, 3),
                      "reasons": list(m.reasons)} for m in echo_index.match(sig)]
            pending.append(NewDocument(doc, claims, self.version, getattr(doc, "kind", "text"), None,
                                       sig.to_dict(), links, h, _filing(sig)))
            echo_index.add(sig)
            self.dyads |= {(c.supplier, c.recipient) for c in claims}
        if next(results, None) is not None:
            raise RuntimeError("more prepared documents than selected")
        # the chunk's new documents, each whole, in one transaction; those another writer stored meanwhile are
        # found stored, as if the lookup had seen them
        try:
            _ids, already = self.store.store_documents(pending)
            stored = pending
        except Exception as exc:
            if _not_the_data(exc):
                raise
            stored, already = self._one_at_a_time(pending)
        for item in stored:
            if item.content_hash in already:
                summary.unchanged += 1
                if self.on_document:
                    self.on_document(item.doc, "unchanged")
            else:
                self._count_new(item)
        self._pending_hashes.difference_update(w.hash for w in selection.work)

    def _one_at_a_time(self, pending: list[NewDocument]) -> tuple[list[NewDocument], set[str]]:
        """The chunk's transaction failed: each document in its own, so only a bad one is lost (and reported).
        Returns the documents stored or found stored, and the hashes of those another writer had stored."""
        stored, already = [], set()
        for item in pending:
            try:
                already |= self.store.store_documents([item])[1]
            except Exception as exc:
                if _not_the_data(exc):
                    raise
                self._store_failed(item.doc, exc)
                self.echo.discard(item.content_hash)    # later documents must not count as its echoes
                continue
            stored.append(item)
        return stored, already

    def _count_new(self, item: NewDocument) -> None:
        summary = self.summary
        summary.new += 1
        summary.claims += len(item.claims)
        if item.links:                          # counted once, by its strongest link
            summary.echoes += item.links[0]["kind"] == "echo"
            summary.duplicates += item.links[0]["kind"] != "echo"
        if self.on_document:
            self.on_document(item.doc, "stored")

    def _store_failed(self, doc, exc: Exception) -> None:
        problem = " ".join(str(getattr(exc, "orig", None) or exc).split())[:300]
        self.on_error(f"{_where(doc)}: cannot store the document ({type(exc).__name__}: {problem})")
        self.summary.failed += 1

    def _echo_candidates(self, keys, published, window_days: int) -> list:
        """The stored signatures an EchoMatcher asks for (see fuse.echo.EchoMatcher), read by key."""
        from armsflow.fuse.echo import DocSignature

        rows = self.store.echo_candidates(list(keys.exact), keys.counted, published, window_days)
        return [DocSignature.from_dict(r) for r in rows]

    def finish(self) -> IngestSummary:
        """Fuse the records the run touched (and any an interrupted run left unfused), under the store's writer lock:
        parallel ingests store their documents concurrently and fuse one after the other. Raises IngestFailed when
        the documents are stored and their fusion (or the summaries' refresh) failed."""
        from armsflow.engine.fusion import SummariesFailed

        pause("ingest.fuse")
        try:
            self.summary.records = refuse(self.store, self.families, self.dyads, progress=self.progress)
        except SummariesFailed as exc:
            raise IngestFailed(self.summary, "summaries", str(exc)) from exc
        except Exception as exc:  # noqa: BLE001 - the documents are stored: the caller says so, in one line
            raise IngestFailed(self.summary, "fusion", f"{type(exc).__name__}: {exc}") from exc
        return self.summary


class IngestFailed(Exception):
    """The documents are stored (``summary``), a later ``stage`` failed: "fusion" (the claims stay marked unfused,
    so the next ingest or review fuses them) or "summaries" (the records are fused; the state summaries are computed
    again when shown)."""

    def __init__(self, summary: IngestSummary, stage: str, problem: str):
        super().__init__(f"{stage} failed: {problem}")
        self.summary, self.stage, self.problem = summary, stage, problem


def _not_the_data(exc: Exception) -> bool:
    """A failure of the database itself (gone, locked, out of space), not of one document's data: the run stops
    rather than reporting every document as bad."""
    from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError

    return isinstance(exc, (OperationalError, InterfaceError, DisconnectionError)) or getattr(
        exc, "connection_invalidated", False)


def ingest(items, store, extractor, families, embedder=None, on_error=print, on_document=None,
           progress=None) -> IngestSummary:
    """Ingest ``items`` (Documents, or IngestErrors to report) into ``store``, in this process. ``on_document`` is
    called as each document is stored or found unchanged; ``progress`` (progress.py) hears the fusion."""
    driver = Driver(store, families, extractor.version, on_error, on_document, progress)
    for chunk in chunks(items, BATCH_DOCS):
        selection = driver.select(chunk)
        prepared = [prepare(w.doc, w.hash, extractor, embedder, sign=w.existing is None) for w in selection.work]
        driver.commit(selection, prepared)
        pause("ingest.chunk")
    return driver.finish()


def _needs_text(sig: dict) -> bool:
    from armsflow.fuse.echo import needs_text

    return needs_text(sig)


def _complete(sig: dict, text_: str) -> dict:
    """A stored signature of an older version, completed from its document's text."""
    from armsflow.fuse.echo import DocSignature, with_text

    return with_text(DocSignature.from_dict(sig), text_).to_dict()


def _filing(sig) -> tuple:
    """(date, keys) a signature (or its ``to_dict()``) is filed under in the store's echo index."""
    from armsflow.fuse.echo import DocSignature, lookup_keys

    if isinstance(sig, dict):
        sig = DocSignature.from_dict(sig)
    return sig.published, lookup_keys(sig).filed


def chunks(items, size: int):
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


_chunks = chunks
