"""Scaling the ingest out: the local engine against the distributed engine with 1 and 2 workers, in one run.

Corpus: ``--docs`` documents made by armsflow.engine.corpus from the real text beside the repository (news
articles, dev documents, SIPRI register deals; most report no transfer), written to a temporary folder. Every
measurement is end to end: read the files, extract, sign, match echoes, store into PostgreSQL (a fresh schema
each time), fuse. Ray itself is started once before the runs, as an existing cluster would be; each run's start-up
(its worker processes, loading spaCy in each) is included, and also reported apart. Configurations run interleaved, ``--repeat`` times; the best run of each is kept (the machine may
be shared). Every configuration must store the same documents, claims and records.

Reported per configuration: documents/s, the speed-up over the local engine, the driver's CPU time per 1,000
documents (the driver is the serial part: it bounds how many workers one driver can feed), and, for the 2-worker
run, core-hours and dollars per 10^6 documents at ``--price`` dollars per core-hour.

    python bench/scale.py [--docs N] [--seed S] [--repeat R] [--compare] [--semantic] [--postgres URL]
                          [--ceiling N] [--price DOLLARS] [--ray-niceness N] [--json FILE]

The cost per 10^6 documents is extrapolated from the run: wall time and core-hours on 2 workers here, worker
core-hours from the 1-worker run, the driver's CPU time, and the PostgreSQL storage (pg_total_relation_size of the
run's tables, per document).

``--compare`` also measures plain multiprocessing (``processes``) and Dask (this file's DaskPool: the same
``prepare_partition`` as Ray; Dask is measured here, not supported by the CLI).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


class DaskPool:
    """Dask distributed: a LocalCluster of single-threaded worker processes (measurement only)."""

    name = "dask"

    def __init__(self, setup, workers: int):
        import logging

        from dask.distributed import Client, LocalCluster

        self.workers = workers
        self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                    dashboard_address=None, silence_logs=logging.ERROR)
        self.client = Client(self.cluster)
        [self._setup] = self.client.scatter([setup], broadcast=True)

    def submit(self, work):
        from armsflow.engine.distributed import prepare_partition
        return self.client.submit(prepare_partition, self._setup, work, pure=False)

    def result(self, handle):
        return handle.result()

    def close(self):
        self.client.close()
        self.cluster.close()


class InstantPool:
    """Partitions prepared beforehand: what one driver (with PostgreSQL) can take when workers are never late."""

    name = "instant"
    workers = 8

    def __init__(self, ready: dict):
        self.ready = ready

    def submit(self, work):
        from armsflow.engine.distributed import PartitionResult
        from armsflow.extract.pipeline import EXTRACTOR_VERSION
        return PartitionResult([self.ready[h] for _doc, h, _sign in work], os.getpid(), "driver",
                               EXTRACTOR_VERSION, 0.0)

    def result(self, handle):
        return handle

    def close(self):
        pass


def driver_ceiling(corpus: Path, n: int, catalog, base: str) -> float:
    """Documents/s of the driver alone (read, hash, look up, match echoes, store, fuse) on ``n`` documents."""
    from itertools import islice

    from armsflow.catalog.gazetteer import gazetteer_for
    from armsflow.engine.distributed import ingest_distributed
    from armsflow.engine.ingest import prepare
    from armsflow.extract.pipeline import EXTRACTOR_VERSION, Extractor
    from armsflow.fuse.family import Families
    from armsflow.ingest.sources import iter_documents
    from armsflow.store import open_store
    from armsflow.store.repo import content_hash

    extractor = Extractor(catalog)
    docs = list(islice(iter_documents([str(corpus)]), n))
    ready = {}
    for d in docs:
        h = content_hash(d.text)
        ready[h] = prepare(d, h, extractor)
    url, drop = pg_schema(base)
    try:
        store = open_store(url)
        store.sync_entities(catalog)
        t0 = time.perf_counter()
        ingest_distributed(iter(docs), store, Families(gazetteer_for(catalog)), InstantPool(ready),
                           EXTRACTOR_VERSION, on_error=lambda m: None)
        wall = time.perf_counter() - t0
        store.engine.dispose()
    finally:
        drop()
    return len(docs) / wall


def cpu_seconds() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def schema_bytes(engine) -> int:
    """The run's schema on disk: pg_total_relation_size (table, its indexes and TOAST) summed over its tables."""
    from sqlalchemy import text

    with engine.connect() as conn:
        return int(conn.execute(text(
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'm')")).scalar())


def pg_schema(base: str):
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    schema = f"scale_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base)
    try:
        with admin.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    except OperationalError as exc:
        admin.dispose()
        raise SystemExit(f"PostgreSQL at {base} unavailable: {str(exc.orig).splitlines()[0]}")

    def drop():
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
    return f"{base}?options=-csearch_path%3D{schema}", drop


def measure(engine: str, workers: int | None, corpus: Path, catalog, url: str, semantic: bool) -> dict:
    from armsflow.catalog.gazetteer import gazetteer_for
    from armsflow.engine.distributed import ingest_distributed, make_setup, open_pool
    from armsflow.engine.ingest import ingest
    from armsflow.extract.pipeline import EXTRACTOR_VERSION, Extractor
    from armsflow.fuse.embed import load_embedder
    from armsflow.fuse.family import Families
    from armsflow.ingest.sources import iter_documents
    from armsflow.store import open_store

    store = open_store(url)
    store.sync_entities(catalog)
    families = Families(gazetteer_for(catalog))
    errors: list[str] = []
    cpu0, t0 = cpu_seconds(), time.perf_counter()
    first, worker_cpu = [], [0.0]

    def on_partition(r):
        if not first:
            first.append(time.perf_counter())
        worker_cpu[0] += r.cpu
    if engine == "local":
        extractor = Extractor(catalog)              # spaCy loads inside the measurement, as in the workers
        embedder = load_embedder() if semantic else None
        summary = ingest(iter_documents([str(corpus)]), store, extractor, families, embedder=embedder,
                         on_error=errors.append)
        started = 0.0
    else:
        setup = make_setup(catalog, semantic)
        pool = DaskPool(setup, workers) if engine == "dask" else open_pool(engine, setup, workers)
        try:
            started = time.perf_counter() - t0
            summary = ingest_distributed(iter_documents([str(corpus)]), store, families, pool, EXTRACTOR_VERSION,
                                         on_error=errors.append,
                                         on_partition=on_partition)
        finally:
            pool.close()
    wall = time.perf_counter() - t0
    cpu = cpu_seconds() - cpu0
    counts = store.counts()
    db_bytes = schema_bytes(store.engine)
    store.engine.dispose()
    return {"engine": engine, "workers": workers, "wall": wall, "startup": started, "driver_cpu": cpu,
            "worker_cpu": worker_cpu[0],
            "first_result": (first[0] - t0) if first else None, "summary": summary.line(), "errors": len(errors),
            "docs": summary.read, "db_bytes": db_bytes,
            "counts": {k: counts[k] for k in ("documents", "claims", "records")}}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=4000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--engine", default="ray", help="the distributed engine to measure (ray or processes)")
    ap.add_argument("--compare", action="store_true", help="also measure processes and dask")
    ap.add_argument("--semantic", action="store_true", help="sentence embeddings for echoes (armsflow[semantic])")
    ap.add_argument("--postgres", default=PG)
    ap.add_argument("--corpus", type=Path, help="an existing corpus folder instead of a generated one")
    ap.add_argument("--price", type=float, default=0.05, help="dollars per core-hour for the cost estimate")
    ap.add_argument("--ray-niceness", type=int, metavar="N",
                    help="nice value of Ray's worker processes (Ray's default: 15, below every ordinary process)")
    ap.add_argument("--json", type=Path, help="also write the measurements here")
    ap.add_argument("--ceiling", type=int, default=0, metavar="N",
                    help="also measure the driver alone (workers never late) on N documents")
    args = ap.parse_args()

    from armsflow.catalog import load_catalog
    from armsflow.engine.corpus import default_sources, generate

    if args.corpus is None and not default_sources():
        print("no corpus sources found beside the repository (../shared): nothing to measure")
        return 0
    catalog = load_catalog(include_user=False)
    engines = [args.engine] + ([e for e in ("processes", "dask") if e != args.engine] if args.compare else [])
    configs = [("local", None)] + [(e, w) for e in engines for w in (1, 2)]
    if "ray" in engines:            # the engine runs before the ingest, as an existing cluster would
        from armsflow.engine.distributed import start_local_ray

        if args.ray_niceness is not None:
            os.environ["RAY_worker_niceness"] = str(args.ray_niceness)
        t = time.perf_counter()
        start_local_ray(os.cpu_count())         # as the engine starts its own
        print(f"Ray started once for all runs in {time.perf_counter() - t:.1f} s (an existing cluster); each run "
              "still starts its worker processes and loads spaCy in them")
    if "dask" in engines:
        try:
            import dask.distributed  # noqa: F401
        except ImportError:
            print("dask is not installed (pip install 'dask[distributed]'): not measured")
            engines.remove("dask")
            configs = [c for c in configs if c[0] != "dask"]
    with tempfile.TemporaryDirectory(prefix="armsflow-scale-") as tmp:
        corpus = args.corpus
        if corpus is None:
            corpus = Path(tmp) / "corpus"
            info = generate(corpus, args.docs, args.seed)
            print(f"corpus: {args.docs} documents, seed {args.seed}: {info['kinds']} from {info['pool']}")
        size = sum(p.stat().st_size for p in corpus.rglob("*.md"))
        print(f"machine: {os.cpu_count()} cores; corpus {size / 2**20:.1f} MB; PostgreSQL {args.postgres}")
        best: dict[tuple, dict] = {}
        for r in range(args.repeat):
            for engine, workers in configs:
                url, drop = pg_schema(args.postgres)
                try:
                    m = measure(engine, workers, corpus, catalog, url, args.semantic)
                finally:
                    drop()
                key = (engine, workers)
                print(f"  run {r + 1}: {engine:<9} workers={workers or '-'}: {m['wall']:.1f} s "
                      f"({m['docs'] / m['wall']:.0f} docs/s), start-up {m['startup']:.1f} s, "
                      f"driver CPU {m['driver_cpu']:.1f} s, workers' CPU {m['worker_cpu']:.1f} s; {m['counts']}, "
                      f"{m['db_bytes'] / 2**20:.1f} MiB in PostgreSQL", flush=True)
                if key not in best or m["wall"] < best[key]["wall"]:
                    best[key] = m
    local = best[("local", None)]
    print("\nbest of", args.repeat, "run(s):")
    print(f"{'engine':<10}{'workers':>8}{'docs/s':>9}{'speed-up':>10}{'w/o start-up':>14}{'driver CPU/1k':>15}")
    out = []
    for (engine, workers), m in best.items():
        rate = m["docs"] / m["wall"]
        steady = m["docs"] / (m["wall"] - m["startup"])
        row = {"engine": engine, "workers": workers, "docs_per_s": round(rate, 1),
               "speedup": round(local["wall"] / m["wall"], 2), "docs_per_s_without_startup": round(steady, 1),
               "startup_s": round(m["startup"], 2), "driver_cpu_s_per_1000": round(1000 * m["driver_cpu"] /
                                                                                   m["docs"], 2),
               "counts": m["counts"]}
        out.append(row)
        print(f"{engine:<10}{workers or '-':>8}{rate:>9.1f}{row['speedup']:>9.2f}x{steady:>14.1f}"
              f"{row['driver_cpu_s_per_1000']:>14.2f}s")
    same = len({json.dumps(m["counts"], sort_keys=True) for m in best.values()}) == 1
    print(f"same documents, claims and records in every configuration: {same}")
    two, one = best[(args.engine, 2)], best[(args.engine, 1)]
    rate2 = two["docs"] / (two["wall"] - two["startup"])
    core_hours = 1e6 / rate2 / 3600 * 2
    # CPU time rather than wall time: what the work costs, whatever else the machine was running meanwhile
    cpu_per_doc = (two["driver_cpu"] + two["worker_cpu"]) / two["docs"]
    per_worker = two["docs"] / two["worker_cpu"] if two["worker_cpu"] else 0.0   # a worker with a core of its own
    db_per_doc = sum(m["db_bytes"] for m in best.values()) / sum(m["docs"] for m in best.values())
    cost = {"hours_2_workers_here": round(1e6 / rate2 / 3600, 2), "core_hours_2_workers_here": round(core_hours, 2),
            "cpu_core_hours": round(cpu_per_doc * 1e6 / 3600, 2),
            "driver_cpu_hours": round(two["driver_cpu"] / two["docs"] * 1e6 / 3600, 2),
            "docs_per_s_per_worker_cpu": round(per_worker, 1), "db_bytes_per_doc": round(db_per_doc),
            "db_gb_per_million": round(db_per_doc * 1e6 / 1e9, 2), "price_per_core_hour": args.price}
    print(f"\nper 10^6 documents (extrapolated from {two['docs']} documents):")
    print(f"  here, {args.engine} on 2 workers, start-up left out (driver and PostgreSQL on the same 2 cores): "
          f"{cost['hours_2_workers_here']:.2f} h wall, {core_hours:.1f} core-hours of the machine")
    print(f"  CPU time of the driver and the workers (PostgreSQL and the engine's daemons not counted): "
          f"{cost['cpu_core_hours']:.1f} core-hours (driver {cost['driver_cpu_hours']:.2f}), "
          f"${cost['cpu_core_hours'] * args.price:.2f} at ${args.price}/core-hour; one worker does "
          f"{per_worker:.0f} docs/s of CPU")
    print(f"  PostgreSQL: {db_per_doc / 1024:.1f} KiB per document (pg_total_relation_size of the run's tables) -> "
          f"{cost['db_gb_per_million']:.1f} GB per 10^6 documents")
    ceiling = None
    if args.ceiling:
        with tempfile.TemporaryDirectory(prefix="armsflow-scale-") as tmp:
            corpus = args.corpus
            if corpus is None:
                corpus = Path(tmp) / "corpus"
                generate(corpus, min(args.docs, args.ceiling), args.seed)
            ceiling = driver_ceiling(corpus, args.ceiling, catalog, args.postgres)
        print(f"one driver with PostgreSQL, workers never late: {ceiling:.0f} docs/s on {args.ceiling} documents "
              f"(about {ceiling / max(per_worker, 1e-9):.1f} workers' worth at {per_worker:.0f} docs/s per worker)")
    for n in (2, 8, 32) if per_worker else ():
        rate = n * per_worker if ceiling is None else min(n * per_worker, ceiling)
        print(f"  {n:>2} workers with cores of their own{'' if ceiling else ' (driver ceiling not measured)'}: "
              f"{1e6 / rate / 3600:.2f} h wall per 10^6 documents")
    if args.json:
        args.json.write_text(json.dumps({"docs": local["docs"], "rows": out, "same": same, "driver_ceiling": ceiling,
                                         "core_hours_per_million": round(core_hours, 2), "cost_per_million": cost},
                                        indent=2) + "\n")
    print(f"speedup_2_workers={local['wall'] / two['wall']:.2f} docs_per_s_local={local['docs'] / local['wall']:.1f} "
          f"docs_per_s_2_workers={two['docs'] / two['wall']:.1f} same_results={same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
