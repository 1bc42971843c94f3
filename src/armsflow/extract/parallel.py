"""Parsing a long document on more than one core: its sentences parsed by forked worker processes, in order.

On a weapon-dense text three quarters of the time is spaCy parsing the sentences that passed the gate, and each is
parsed alone: nothing in a parse depends on another sentence (the discourse memory and the deal frame live in the
cheap pass and in the assembly, which stay in this process, in reading order). So the sentences go out in small
batches to workers forked from this process (the loaded model is shared, not loaded again), and come back in the
order they were sent while this process reads ahead and assembles.

Only the annotations cross back: per sentence, one array of tag, part of speech, morphology, dependency, head and
lemma, and the lemma and morphology strings; this process puts them on its own tokenisation of the same text (the
same tokenizer, so the same tokens). That is a tenth of the cost of spaCy's own ``n_process`` route, which
serialises whole Docs, the tok2vec tensor included, and would make this process the bottleneck.

Workers are used only when the machine has cores to spare (:func:`spare_cores`), are forked (never spawned: a
spawned worker would load the model again) and only from a process with a single thread; they ignore Ctrl-C, which is the parent's to handle, and are stopped when the parse ends, early
(a time limit, an error) or not.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

C = TypeVar("C")
BATCH = 64              # sentences per message: small enough to keep both workers busy to the end
IN_FLIGHT = 3           # batches sent ahead to each worker


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Forking is safe here: the platform forks, and no other thread could hold a lock across the fork."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def spare_cores() -> int:
    """Cores that other processes leave to this one (by the last minute's load average, of which this process
    is about 1): workers on a busy machine only queue behind its other processes, and every hand-over between
    them and this process then waits for a time slice (measured: a 2-core machine under a load of 5 to 6 parsed a
    document 1.1-1.6x slower with two workers than without)."""
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):
        return 1
    return max(1, int(usable_cores() + 1 - load))


def _attrs():
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

    return [TAG, POS, MORPH, DEP, HEAD, LEMMA]


class ParsePool:
    """``pipe`` parses (text, context) pairs on ``workers`` forked processes and yields (Doc, context) in order."""

    def __init__(self, nlp, workers: int = 2, batch: int = BATCH):
        self.nlp = nlp
        self.workers = max(1, workers)
        self.batch = max(1, batch)

    def pipe(self, items: Iterable[tuple[str, C]]) -> Iterator[tuple[object, C]]:
        ctx = multiprocessing.get_context("fork")
        attrs = _attrs()
        items = iter(items)
        procs, conns = [], []
        pending: deque = deque()          # (connection, texts, contexts), in the order sent

        def send(conn) -> None:
            batch = list(islice(items, self.batch))
            if batch:
                conn.send([text for text, _ in batch])
                pending.append((conn, [text for text, _ in batch], [c for _, c in batch]))

        try:
            for _ in range(self.workers):
                here, there = ctx.Pipe()
                proc = ctx.Process(target=_work, args=(self.nlp, there, attrs), daemon=True)
                proc.start()
                there.close()
                procs.append(proc)
                conns.append(here)
            for _ in range(IN_FLIGHT):
                for conn in conns:
                    send(conn)
            strings = self.nlp.vocab.strings
            while pending:
                conn, texts, contexts = pending.popleft()
                try:
                    reply = conn.recv()
                except EOFError:
                    raise RuntimeError("a parse worker died") from None
                if isinstance(reply, str):
                    raise RuntimeError(f"a parse worker failed: {reply.strip().splitlines()[-1]}")
                send(conn)                   # the worker's next batch, before this one is assembled
                for text, context, (array, words) in zip(texts, contexts, reply):
                    doc = self.nlp.make_doc(text)
                    if len(doc) != len(array):
                        raise RuntimeError("a parse worker tokenised a sentence differently")
                    for w in words:
                        strings.add(w)
                    doc.from_array(attrs, array)
                    yield doc, context
        finally:
            for conn in conns:
                try:
                    conn.send(None)
                except (OSError, ValueError):
                    pass
                conn.close()
            for proc in procs:
                proc.join(timeout=0.5 if not pending else 0)
                if proc.is_alive():
                    proc.terminate()
                    proc.join()


def _work(nlp, conn, attrs) -> None:
    """A worker: batches of texts in, their annotations out, until told to stop (None) or the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while True:
        try:
            texts = conn.recv()
        except (EOFError, OSError):
            return
        if texts is None:
            return
        try:
            out = [(doc.to_array(attrs), [t.lemma_ for t in doc] + [str(t.morph) for t in doc])
                   for doc in nlp.pipe(texts, batch_size=len(texts))]
        except Exception:
            out = traceback.format_exc()
        try:
            conn.send(out)
        except (OSError, ValueError):
            return
