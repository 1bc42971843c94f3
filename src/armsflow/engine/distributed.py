"""The ingest spread over worker processes: on a Ray cluster, or on local processes.

The stages are those of the local engine (engine/ingest.py), unchanged: the driver reads the sources, hashes and
looks up each chunk (:meth:`Driver.select`), sends the documents still to extract to the workers as a partition,
and commits the prepared partitions strictly in input order (:meth:`Driver.commit`: echo matching against the store's
echo index, one transaction per partition), then fuses what the run touched (:meth:`Driver.finish`). Workers run
only :func:`armsflow.engine.ingest.prepare`, with the extractor (catalogue automaton, spaCy model) and the
embedder built once per worker process and kept for the next partitions. So the same sources give the same claims,
echo links and records whichever engine ran them, and however many workers.

Back-pressure: at most ``inflight`` partitions (default 2 x workers + 1) are out at a time; the driver reads the
next chunk only when one has been committed, so the memory of the driver, of the cluster's object store and of
each worker (one partition at a time) stays bounded whatever the size of the corpus.

Fault tolerance: a partition whose worker dies is run again (by the engine itself, and by the driver when the
engine gives up, up to ``retries`` times); nothing of a partition is stored before its results are all back, and a
document is stored in the same transaction as its chunk. A killed driver loses at most the partitions in flight:
a rerun skips what is stored (by content hash) and re-fuses.

Engines: ``ray`` (a local Ray instance with ``workers`` CPUs, or an existing cluster at ``address``) and
``processes`` (a local pool of ``workers`` processes, no extra packages). ``dask`` is not supported: see
docs/scaling.md for the measurements behind the choice.
"""
from __future__ import annotations

import os
import time
from collections import deque
from dataclasses import dataclass

from armsflow.engine.ingest import BATCH_DOCS, Driver, chunks, prepare

ENGINES = ("local", "processes", "ray")
UNSUPPORTED = {"dask": "the dask engine is not supported (armsflow runs on Ray: see docs/scaling.md); "
                       "use --engine ray"}


class EngineError(Exception):
    """The engine cannot start or the run cannot go on; the message is one line for the user."""


@dataclass(frozen=True)
class WorkerSetup:
    """What a worker needs to build its extractor: sent once per run, built once per worker process."""
    key: str                  # identifies the catalogue and options: a worker rebuilds only when it changes
    catalog: object
    semantic: bool
    time_limit: float | None = None     # seconds to extract one document (Extractor.time_limit)


@dataclass
class PartitionResult:
    prepared: list
    pid: int
    host: str
    version: str
    seconds: float            # wall time in the worker
    cpu: float = 0.0          # CPU time of the worker process for this partition (user + system)
    finished: float = 0.0     # when the worker was done with it (time.time() on the worker's host)


_WORKER: dict = {}


def _worker_state(setup: WorkerSetup):
    """The extractor and embedder of this worker process, built on its first partition."""
    state = _WORKER.get(setup.key)
    if state is None:
        from armsflow.extract.pipeline import Extractor
        from armsflow.fuse.embed import load_embedder

        _WORKER.clear()
        extractor = Extractor(setup.catalog)
        extractor.nlp                                  # load spaCy now, not inside the first document
        embedder = None
        if setup.semantic:
            problems: list[str] = []
            embedder = load_embedder(warn=problems.append)
            if embedder is None:               # the driver's echo signatures would not compare with these
                raise RuntimeError(f"worker {os.getpid()}: {problems[0] if problems else 'no embedder'}; install "
                                   "armsflow[semantic] on every node, or ingest with --no-semantic")
        state = _WORKER[setup.key] = (extractor, embedder)
    state[0].time_limit = setup.time_limit
    return state


def prepare_partition(setup: WorkerSetup, work: list) -> PartitionResult:
    """Worker side: prepare each (document, hash, sign) of a partition, in order."""
    import socket

    t0, c0 = time.perf_counter(), time.process_time()
    extractor, embedder = _worker_state(setup)
    prepared = [prepare(doc, h, extractor, embedder, sign) for doc, h, sign in work]
    return PartitionResult(prepared, os.getpid(), socket.gethostname(), extractor.version,
                           time.perf_counter() - t0, time.process_time() - c0, time.time())


def make_setup(catalog, semantic: bool, time_limit: float | None = None) -> WorkerSetup:
    import hashlib
    import pickle

    from armsflow.extract.pipeline import EXTRACTOR_VERSION

    digest = hashlib.sha256(pickle.dumps(catalog, protocol=5)).hexdigest()[:16]
    return WorkerSetup(f"{EXTRACTOR_VERSION}:{digest}:{int(semantic)}", catalog, semantic, time_limit)


# -- pools: submit a partition, get its result ---------------------------------------------------------------------

class ProcessPool:
    """Local worker processes (concurrent.futures). A killed worker breaks the pool: it is rebuilt, and the
    partitions that were out are submitted again by the driver."""

    name = "processes"

    def __init__(self, setup: WorkerSetup, workers: int | None = None):
        import multiprocessing as mp

        # A worker process that is still importing the main module has run into the code that starts the pool: a
        # script without an ``if __name__ == "__main__":`` guard. Refusing here lets it exit; letting it start its
        # own pool would leave it alive with the pool's threads, and the driver waiting for it for ever. (The flag
        # is what multiprocessing.spawn checks for the same mistake.)
        if getattr(mp.process.current_process(), "_inheriting", False):
            raise EngineError("a worker process is importing the script that starts the engine: put the script's "
                              "code under `if __name__ == \"__main__\":`")
        import pickle
        import tempfile
        import weakref

        self.workers = max(1, workers or os.cpu_count() or 1)
        self._ctx = mp.get_context("spawn")       # no inherited database connections, threads or locks
        # The setup (340 KB) reaches the workers as a file, not as an initializer argument: the parent writes a
        # spawned child's start-up data into a pipe whose read end it keeps open until done, so a child that dies
        # before reading it all would leave the parent blocked in that write for ever.
        fd, self._setup_file = tempfile.mkstemp(prefix="armsflow-setup-", suffix=".pickle")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(setup, f, protocol=5)
        self._cleanup = weakref.finalize(self, _remove, self._setup_file)
        self._pool = None
        self._start()

    def _start(self):
        from concurrent.futures import ProcessPoolExecutor

        self._pool = ProcessPoolExecutor(self.workers, mp_context=self._ctx, initializer=_init_process,
                                         initargs=(self._setup_file,))

    def submit(self, work):
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self._pool.submit(_prepare_in_process, work)
        except BrokenProcessPool:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._start()
            return self._pool.submit(_prepare_in_process, work)

    def result(self, handle):
        return handle.result()

    def close(self):
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._cleanup()


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


_SETUP: WorkerSetup | None = None


def _init_process(setup_file: str) -> None:
    import pickle

    global _SETUP
    with open(setup_file, "rb") as f:
        _SETUP = pickle.load(f)
    _worker_state(_SETUP)


def _prepare_in_process(work):
    return prepare_partition(_SETUP, work)


class Preparer:
    """A Ray actor's body: one worker process that builds its extractor once and prepares partitions. The setup
    (the catalogue, 340 KB) comes boxed in a list with each call, so that Ray hands over the reference and the actor
    fetches it once, and again after a restart. It is not a constructor argument: Ray warns that an actor whose
    constructor arguments live in the object store may not restart."""

    def __init__(self):
        self.setup: WorkerSetup | None = None

    def load(self, setup_box: list) -> None:
        if self.setup is None:
            import ray
            self.setup = ray.get(setup_box[0])
            _worker_state(self.setup)

    def run(self, setup_box: list, work: list) -> PartitionResult:
        self.load(setup_box)
        return prepare_partition(self.setup, work)


RAY_OPTIONS = dict(include_dashboard=False, log_to_driver=False, configure_logging=False)


def start_local_ray(cpus: int):
    """A Ray instance on this machine for the run, with Ray's defaults (its workers at nice 15: measured with the
    dispatch of RayPool, nice 0 made no difference, docs/scaling.md; RAY_worker_niceness in the environment
    sets it)."""
    import ray

    ray.init(num_cpus=cpus, **RAY_OPTIONS)


class RayPool:
    """``workers`` Ray actors (one CPU each), on a local Ray instance started for the run, or on the cluster at
    ``address`` (``HOST:PORT`` of its head from a node of the cluster, or ``ray://HOST:10001`` through Ray Client
    from elsewhere; default: one actor per CPU of the cluster). An actor is one worker process that loads the
    extractor as soon as it starts and keeps it.

    Partitions wait in the driver and go to an actor only when it has fewer than ``depth`` of them (one running,
    one ready behind it): partitions take from 10 ms to seconds, and one assigned early to a busy actor would
    leave another idle while the driver waits for it. When an actor's process dies, Ray starts it again and runs
    its partitions again (``max_restarts``, ``max_task_retries``); an actor that cannot come back is replaced."""

    name = "ray"
    depth = 2

    def __init__(self, setup: WorkerSetup, workers: int | None = None, address: str | None = None,
                 max_restarts: int = 3):
        try:
            import ray
        except ImportError:
            raise EngineError("the ray engine needs Ray: pip install 'armsflow[distributed]'") from None
        self.ray = ray
        self._owns = not ray.is_initialized()
        if self._owns:
            try:
                if address:
                    ray.init(address=address, **RAY_OPTIONS)
                else:
                    start_local_ray(max(1, workers or os.cpu_count() or 1))
            except Exception as exc:  # ConnectionError, a version mismatch, ...
                raise EngineError(f"cannot start Ray{f' at {address}' if address else ''}: "
                                  f"{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None
        cpus = int(ray.cluster_resources().get("CPU", 0))
        if cpus < 1:
            raise EngineError(f"the Ray cluster{f' at {address}' if address else ''} has no CPU for workers")
        self.workers = workers or cpus
        if self.workers > cpus:
            raise EngineError(f"--workers {self.workers}: the Ray cluster has {cpus} CPUs")
        self._setup = [ray.put(setup)]       # held by the driver for the whole run
        self._actor_class = ray.remote(num_cpus=1, max_restarts=max_restarts,
                                       max_task_retries=max_restarts)(Preparer)
        self._actors = [self._new_actor() for _ in range(self.workers)]
        self._busy = [0] * self.workers
        self._waiting: deque = deque()       # (handle, work) not yet sent to an actor
        self._running: dict = {}             # ObjectRef -> (handle, actor index, actor)
        self._done: dict = {}                # handle -> (ObjectRef, actor index, actor)
        self._handles = 0

    def _new_actor(self):
        actor = self._actor_class.remote()
        actor.load.remote(self._setup)       # spaCy loads now, while the driver reads the first chunks
        return actor

    def submit(self, work):
        self._handles += 1
        self._waiting.append((self._handles, work))
        self._dispatch()
        return self._handles

    def _dispatch(self):
        while self._waiting:
            i = min(range(len(self._actors)), key=lambda k: (self._busy[k], k))
            if self._busy[i] >= self.depth:
                return
            handle, work = self._waiting.popleft()
            actor = self._actors[i]
            self._running[actor.run.remote(self._setup, work)] = (handle, i, actor)
            self._busy[i] += 1

    def result(self, handle):
        while handle not in self._done:         # meanwhile, every finished partition frees its actor at once
            if not self._running:
                raise EngineError(f"partition {handle} was never submitted")
            ready, _ = self.ray.wait(list(self._running), num_returns=1)
            for ref in ready:
                done, i, actor = self._running.pop(ref)
                self._done[done] = (ref, i, actor)
                if self._actors[i] is actor:       # not a partition of an actor replaced since
                    self._busy[i] -= 1
            self._dispatch()
        ref, i, actor = self._done.pop(handle)
        try:
            return self.ray.get(ref)
        except self.ray.exceptions.ActorDiedError:
            if self._actors[i] is actor:        # out of restarts: a fresh actor takes its place
                self._actors[i] = self._new_actor()
                self._busy[i] = 0
            raise

    def close(self):
        for actor in self._actors:
            try:
                self.ray.kill(actor)
            except Exception:
                pass
        self._actors, self._running, self._done = [], {}, {}
        self._waiting.clear()
        if self._owns and self.ray.is_initialized():
            self.ray.shutdown()


def open_pool(engine: str, setup: WorkerSetup, workers: int | None = None, address: str | None = None):
    if engine in UNSUPPORTED:
        raise EngineError(UNSUPPORTED[engine])
    if engine == "ray":
        return RayPool(setup, workers, address)
    if engine == "processes":
        if address:
            raise EngineError("--address needs a cluster engine (--engine ray)")
        return ProcessPool(setup, workers)
    raise EngineError(f"unknown engine {engine!r} (choose from {', '.join(ENGINES)})")


# -- the driver loop ------------------------------------------------------------------------------------------------

def ingest_distributed(items, store, families, pool, version: str, on_error=print, on_document=None,
                       partition: int = BATCH_DOCS, inflight: int | None = None, retries: int = 3,
                       on_partition=None, progress=None):
    """Ingest ``items`` into ``store`` with the partitions prepared by ``pool``; returns the IngestSummary.

    ``on_partition(result)`` is called with each partition's :class:`PartitionResult` as it is committed."""
    driver = Driver(store, families, version, on_error, on_document, progress)
    limit = max(1, inflight or 2 * pool.workers + 1)
    source = chunks(items, partition)
    queue: deque = deque()        # [selection, work, handle, tries], in input order
    exhausted = False
    try:
        while True:
            while not exhausted and len(queue) < limit:
                chunk = next(source, None)
                if chunk is None:
                    exhausted = True
                    break
                selection = driver.select(chunk)
                work = [(w.doc, w.hash, w.existing is None) for w in selection.work]
                queue.append([selection, work, pool.submit(work) if work else None, 0])
            if not queue:
                break
            head = queue[0]
            selection, work, handle, tries = head
            prepared = []
            if handle is not None:
                try:
                    result = pool.result(handle)
                except Exception as exc:        # its worker died, and the engine's own retries ran out
                    if tries >= retries:
                        raise EngineError(f"a partition failed {tries + 1} times; last: "
                                          f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
                                          ) from exc
                    head[2], head[3] = pool.submit(work), tries + 1
                    continue
                if result.version != version:
                    raise EngineError(f"worker {result.host}:{result.pid} runs extractor {result.version}, the "
                                      f"driver {version}: install the same armsflow on every node")
                prepared = result.prepared
                if on_partition:
                    on_partition(result)
            queue.popleft()
            driver.commit(selection, prepared)
    finally:
        queue.clear()
    return driver.finish()
