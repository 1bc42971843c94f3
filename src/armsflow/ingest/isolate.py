"""PDF, HTML and feed bytes parsed in a worker process that can be killed: the hard bound on time and memory.

pdfminer, trafilatura/lxml and feedparser cannot be bounded from the inside: a 200-byte PDF whose object is a
reference to itself sends pdfminer round a loop for ever, and a few hundred KB can ask for gigabytes. The readers'
own budgets (limits.py: pages, inflated bytes, nesting, entries) stop the known cases early with a precise message;
this module bounds the rest. :class:`IsolatedReader` hands each document to a worker process (``python -m
armsflow.ingest.isolate``, reused for the next document) and waits for its answer at most ``limits.seconds``; a
worker that overran is killed. Before each document the worker caps its own address space (RLIMIT_AS) at its size
plus ``limits.memory`` MB, so a runaway allocation is a MemoryError in the worker, and its CPU time (RLIMIT_CPU) in
case its parent is gone. A worker that was killed, ran out of memory or died is replaced for the next document.
The caller's process never parses, so a hang, a crash or a memory blow-up in a parser never reaches it: the CLI
goes on with the next file, the web server keeps answering.

Protocol over the worker's stdin/stdout: one JSON line (``ready``) when its libraries are loaded; then per document
a JSON header line followed by the raw bytes, answered by one JSON line. JSON, not pickle, back from the worker:
what it sends is built from hostile input.

:class:`LocalReader` has the same interface and reads in the calling process, under the counted budgets only
(tests, library use). :class:`ReaderPool` shares a few workers between threads (the web server's uploads).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import queue
import select
import signal
import subprocess
import sys
import threading
import time
import weakref

from armsflow.ingest.limits import DEFAULT, Limits
from armsflow.ingest.text import IngestError
from armsflow.model import Document

KINDS = ("pdf", "html", "feed")
START_SECONDS = 120.0            # a worker's start (loading pdfminer, trafilatura, feedparser) is not the document's


def read_kind(kind: str, data: bytes, where, doc_id: str | None, path: str | None, url: str | None,
              limits: Limits):
    """The one dispatch, in whatever process runs it: a Document (PDF, HTML) or a feed's entries."""
    if kind == "pdf":
        from armsflow.ingest.pdf import read_pdf_bytes
        return read_pdf_bytes(data, doc_id, where, path=path, url=url, limits=limits)
    if kind == "html":
        from armsflow.ingest.html import read_html_bytes
        return read_html_bytes(data, doc_id, where, path=path, url=url, limits=limits)
    if kind == "feed":
        from armsflow.ingest.feed import parse_feed
        return parse_feed(data, where, limits)
    raise ValueError(f"no isolated reader for {kind!r}")


class _OutOfMemory(IngestError):
    pass


_NAMES = {"pdf": "PDF", "html": "HTML", "feed": "feed"}


def _guarded(kind, data, where, doc_id, path, url, limits):
    """read_kind with every failure an IngestError: a library's surprise on one file is that file's problem."""
    try:
        return read_kind(kind, data, where, doc_id, path, url, limits)
    except IngestError:
        raise
    except MemoryError:
        raise _OutOfMemory(where, f"needs over {limits.memory} MB of memory to read (the memory limit)") from None
    except RecursionError:
        raise IngestError(where, f"cannot read the {_NAMES[kind]}: nested too deeply") from None
    except Exception as exc:
        raise IngestError(where, f"cannot read the {_NAMES[kind]} ({type(exc).__name__}: {exc})") from None


class LocalReader:
    """Reads in this process: the counted budgets apply, time and memory do not."""

    def __init__(self, limits: Limits | None = None):
        self.limits = limits or DEFAULT

    def read(self, kind: str, data: bytes, where, doc_id: str | None = None, path: str | None = None,
             url: str | None = None):
        return _guarded(kind, data, where, doc_id, path, url, self.limits)

    def close(self) -> None:
        pass


# -- the wire format ------------------------------------------------------------------------------------------------

def _doc_out(doc: Document) -> dict:
    out = dataclasses.asdict(doc)
    out["published"] = doc.published.isoformat() if doc.published else None
    return out


def _doc_in(data: dict) -> Document:
    published = data.get("published")
    return Document(**{**data, "published": dt.date.fromisoformat(published) if published else None})


def _encode(result) -> dict:
    if isinstance(result, Document):
        return {"doc": _doc_out(result)}
    items = []
    for item in result:
        if isinstance(item, IngestError):
            items.append({"error": [item.path, item.problem]})
        else:
            items.append({"entry": _doc_out(item.doc), "key": item.key, "n": item.n})
    return {"items": items}


def _decode(reply: dict):
    from armsflow.ingest.feed import Entry

    if "error" in reply:
        raise IngestError(*reply["error"])
    if "doc" in reply:
        return _doc_in(reply["doc"])
    return [IngestError(*i["error"]) if "error" in i else Entry(_doc_in(i["entry"]), i["key"], i["n"])
            for i in reply["items"]]


# -- the parent's side ----------------------------------------------------------------------------------------------

class _Overrun(Exception):
    pass


class _Gone(Exception):
    pass


def _describe_exit(code: int | None) -> str:
    if code is None:
        return "no exit status"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        return {"SIGXCPU": "over its CPU time limit", "SIGKILL": "killed", "SIGSEGV": "crashed (SIGSEGV)"}.get(
            name, f"ended by {name}")
    return f"exit status {code}"


def _stop(proc) -> int | None:
    if proc is None:
        return None
    try:
        proc.kill()
    except OSError:
        pass
    for stream in (proc.stdin, proc.stdout):
        try:
            stream.close()
        except (OSError, ValueError):
            pass
    try:
        return proc.wait(timeout=30)
    except subprocess.TimeoutExpired:        # unkillable (D state): leave it to the kernel
        return None


class IsolatedReader:
    """Reads in a worker process under ``limits`` (time and memory included); one document at a time."""

    def __init__(self, limits: Limits | None = None):
        self.limits = limits or DEFAULT
        self._proc: subprocess.Popen | None = None
        self._finalizer = None
        self.started = 0                  # workers started so far (a replaced worker counts again)

    # the process
    def _start(self, where) -> None:
        env = dict(os.environ)
        env.setdefault("PYTHONDONTWRITEBYTECODE", "1")
        try:
            proc = subprocess.Popen([sys.executable, "-m", "armsflow.ingest.isolate"], stdin=subprocess.PIPE,
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, close_fds=True, env=env)
        except OSError as exc:
            raise IngestError(where, f"cannot start a reader process ({exc.strerror or exc})") from None
        self._proc = proc
        self._finalizer = weakref.finalize(self, _stop, proc)
        self.started += 1
        try:
            line = self._line(time.monotonic() + max(START_SECONDS, self.limits.seconds))
            if json.loads(line).get("ready") is not True:
                raise _Gone
        except (_Overrun, _Gone, ValueError):
            code = self._kill()
            raise IngestError(where, f"cannot start a reader process ({_describe_exit(code)})") from None

    def _kill(self) -> int | None:
        proc, self._proc = self._proc, None
        if self._finalizer is not None:
            self._finalizer.detach()
            self._finalizer = None
        return _stop(proc)

    def _line(self, deadline: float) -> bytes:
        """The worker's next line, or _Overrun at ``deadline``, or _Gone when its stdout closes."""
        fd = self._proc.stdout.fileno()
        buf = bytearray()
        while True:
            nl = buf.find(b"\n")
            if nl >= 0:
                return bytes(buf[:nl])
            left = deadline - time.monotonic()
            if left <= 0:
                raise _Overrun
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    raise _Gone
                buf += chunk

    # a document
    def read(self, kind: str, data: bytes, where, doc_id: str | None = None, path: str | None = None,
             url: str | None = None):
        """A Document (``kind`` pdf or html) or a list of feed entries and IngestErrors (``feed``); IngestError
        when the input is bad, over a budget, or its worker overran the time limit or died."""
        head = json.dumps({"kind": kind, "where": str(where), "doc_id": doc_id, "path": path, "url": url,
                           "limits": self.limits.as_dict(), "size": len(data)}).encode("ascii") + b"\n"
        for attempt in (1, 2):
            if self._proc is None or self._proc.poll() is not None:
                self._kill()
                self._start(where)
            try:
                self._proc.stdin.write(head)
                self._proc.stdin.write(data)
                self._proc.stdin.flush()
            except (BrokenPipeError, OSError, ValueError):    # it died since its last document: a fresh one
                self._kill()
                if attempt == 2:
                    raise IngestError(where, "the reader process died before reading") from None
                continue
            try:
                reply = json.loads(self._line(time.monotonic() + self.limits.seconds))
                break
            except _Overrun:
                self._kill()
                raise IngestError(where, f"not read within {self.limits.seconds:g} s (the seconds limit); "
                                         f"stopped") from None
            except (_Gone, ValueError):
                # dead before its answer: killed since its last document (the OOM killer), or by this one; a
                # fresh worker tries once more, so only a document that kills two is reported
                code = self._kill()
                if attempt == 2:
                    raise IngestError(where, f"the reader process died while reading ({_describe_exit(code)})"
                                      ) from None
        if reply.get("fatal"):
            self._kill()                  # it ran out of memory: a fresh process for the next document
        return _decode(reply)

    def close(self) -> None:
        self._kill()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class ReadersBusy(IngestError):
    """No reader process came free in time (the web server's uploads)."""


class ReaderPool:
    """``size`` IsolatedReaders shared by threads: a caller waits for a free one (at most ``limits.seconds``)."""

    def __init__(self, size: int = 2, limits: Limits | None = None):
        self.limits = limits or DEFAULT
        self._free: queue.Queue = queue.Queue()
        self._all = [IsolatedReader(self.limits) for _ in range(max(1, size))]
        for reader in self._all:
            self._free.put(reader)
        self._lock = threading.Lock()
        self.busy = 0                     # documents being read now

    def read(self, kind: str, data: bytes, where, doc_id: str | None = None, path: str | None = None,
             url: str | None = None):
        try:
            reader = self._free.get(timeout=self.limits.seconds)
        except queue.Empty:
            raise ReadersBusy(where, "every reader process is busy; try again later") from None
        with self._lock:
            self.busy += 1
        try:
            return reader.read(kind, data, where, doc_id, path, url)
        finally:
            with self._lock:
                self.busy -= 1
            self._free.put(reader)

    def close(self) -> None:
        for reader in self._all:
            reader.close()


# -- the worker's side ----------------------------------------------------------------------------------------------

def _arm(limits: Limits) -> None:
    """Cap this process for one document: address space (its size now + the memory budget) and CPU time."""
    try:
        import resource
    except ImportError:                               # not a POSIX system: the parent's deadline still holds
        return
    try:
        with open("/proc/self/statm") as f:
            size = int(f.read().split()[0]) * resource.getpagesize()
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        soft = size + limits.memory * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))
    except (OSError, ValueError):
        pass
    try:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        soft = int(usage.ru_utime + usage.ru_stime + limits.seconds) + 10
        resource.setrlimit(resource.RLIMIT_CPU, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))
    except (OSError, ValueError):
        pass


def _disarm() -> None:
    try:
        import resource

        for which in (resource.RLIMIT_AS, resource.RLIMIT_CPU):
            _, hard = resource.getrlimit(which)
            resource.setrlimit(which, (hard, hard))
    except (ImportError, OSError, ValueError):
        pass


def _serve(head: dict, data: bytes) -> dict:
    limits = Limits(**head["limits"])
    where = head["where"]
    _arm(limits)
    try:
        result = _guarded(head["kind"], data, where, head["doc_id"], head["path"], head["url"], limits)
        reply = None
    except IngestError as exc:
        reply = {"error": [exc.path, exc.problem], "fatal": isinstance(exc, _OutOfMemory)}
    finally:
        _disarm()
    del data
    return reply if reply is not None else _encode(result)


def main() -> None:
    """The worker: load the readers, say ready, then answer one document after another until stdin closes."""
    out = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)                      # a library's print() must not write into the protocol
    os.close(devnull)
    sys.stdout = open(os.devnull, "w")
    import logging

    logging.disable(logging.CRITICAL)
    for module in ("armsflow.ingest.pdf", "armsflow.ingest.html", "armsflow.ingest.feed", "pdfminer.pdfpage",
                   "pdfminer.converter", "trafilatura", "htmldate", "feedparser", "lxml.etree"):
        __import__(module)
    out.write(b'{"ready": true}\n')
    out.flush()
    inp = sys.stdin.buffer
    while True:
        line = inp.readline()
        if not line:
            return
        head = json.loads(line)
        data = inp.read(head["size"])
        if len(data) < head["size"]:
            return
        reply = _serve(head, data)
        out.write(json.dumps(reply).encode("ascii") + b"\n")
        out.flush()
        if reply.get("fatal"):
            return


if __name__ == "__main__":
    main()
