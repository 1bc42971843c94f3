"""Latency of the web pages and API calls on a store of 10^6 claims, under 50 concurrent clients on loopback.

The store is made by bench/bigstore.py (real extracted claims replayed with other actors and dates, then really
fused, which also computes the state summaries) and cached at ``--store``. ``armsflow serve --workers N`` runs it
in subprocesses (default: one per core). The load generator is wrk (Debian package ``wrk``; C, one thread) when it
is on the PATH, else a Python one in this process (``--generator``): ``--clients`` closed-loop connections (each
sends its next request when the last one answered) hit one route at a time for ``--seconds``, after ``--warmup``
seconds that are not counted. Each route gets a server of its own (started afresh, so a slow route's unfinished
work is not charged to the next; the warm-up fills its caches, as a running server's would be). A request's latency
is from send to the last byte of the body. Ids, state codes and search words are drawn at random from the store
(a few thousand URLs per route), so caches see a realistic spread.

Baseline: a static file (/static/armsflow.css) under the same load in the same run. It costs the server almost
nothing, so its latency is what the loopback, the event loop and the load generator add; every route's p95 is
also given as a multiple of it. The machine is shared by the server and the load generator (2 cores here), so the
absolute figures are pessimistic.

A route whose page does not exist yet (404 on an id that exists) is reported as missing, not measured. Errors are
non-2xx answers and failed requests; the exit status is 1 when there is any. The goal of issue 6: p95 under
100 ms for the record and state pages.

    python bench/web_latency.py --store /tmp/big.db [--claims 1000000] [--clients 50] [--seconds 10]
                                [--warmup 3] [--routes record,state] [--workers 2] [--generator auto|wrk|python]
                                [--json out.json] [--db postgresql://...]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bigstore  # noqa: E402

GOAL_MS = 100.0
GOAL_ROUTES = ("record", "state")
BASELINE = "static"

# name -> (URL template, what it exercises); {record} {state} {supplier} {document} {word} are drawn per request
ROUTES = {
    "static": ("/static/armsflow.css", "a vendored asset: the floor of the measurement"),
    "overview": ("/", "overview page"),
    "record": ("/records/{record}", "transfer record page"),
    "state": ("/states/{state}", "state page"),
    "records": ("/records?supplier={supplier}", "records list filtered by supplier"),
    "document": ("/documents/{document}", "document page"),
    "search": ("/search?q={word}", "full-text search page"),
    "api_records": ("/api/v1/records?supplier={supplier}", "API: records of a supplier"),
    "api_record": ("/api/v1/records/{record}", "API: one record"),
    "api_state": ("/api/v1/states/{state}", "API: one state"),
}


class Samples:
    """Values to put in URLs, drawn from the store once (a few thousand of each)."""

    def __init__(self, url: str, rng: random.Random, n: int = 2000):
        from sqlalchemy import create_engine, func, select

        from armsflow.store.engine import normalise_url
        from armsflow.store.schema import ClaimRow, DocumentRow, Entity, RecordRow

        engine = create_engine(normalise_url(url))
        with engine.connect() as conn:
            self.records = list(conn.scalars(select(RecordRow.id).order_by(func.random()).limit(n)))
            self.documents = list(conn.scalars(select(DocumentRow.id).order_by(func.random()).limit(n)))
            self.suppliers = sorted(c for c in conn.scalars(select(RecordRow.supplier).distinct()) if c)
            recipients = set(c for c in conn.scalars(select(RecordRow.recipient).distinct()) if c)
            states = set(conn.scalars(select(Entity.code).where(Entity.kind == "state")))
            self.states = sorted((set(self.suppliers) | recipients) & states)     # not armed groups: no state page
            systems = conn.execute(select(ClaimRow.system, func.count()).where(ClaimRow.system.is_not(None))
                                   .group_by(ClaimRow.system).order_by(func.count().desc()).limit(40)).all()
        engine.dispose()
        words = {w.strip("()-,.") for s, _ in systems for w in s.split()}
        self.words = sorted(w for w in words if len(w) >= 3 and w.isalnum()) or ["delivered"]
        self.rng = rng

    def fill(self, template: str) -> str:
        r = self.rng
        return template.format(record=r.choice(self.records or [1]), state=r.choice(self.states or ["USA"]),
                               supplier=r.choice(self.suppliers or ["USA"]),
                               document=r.choice(self.documents or [1]), word=r.choice(self.words))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(url: str, port: int, workers: int, home: Path) -> subprocess.Popen:
    env = {**os.environ, "ARMSFLOW_HOME": str(home), "ARMSFLOW_SECRET": "bench-" + os.urandom(8).hex()}
    cmd = [sys.executable, "-m", "armsflow", "serve", "--db", url, "--host", "127.0.0.1", "--port", str(port),
           "--workers", str(workers)]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def stop_server(server: subprocess.Popen) -> None:
    """The server and its worker processes (uvicorn's supervisor forwards SIGTERM; a hung one is killed)."""
    import signal

    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
    except ProcessLookupError:
        server.wait()


def wait_ready(proc: subprocess.Popen, base: str, timeout: float = 180.0) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"web_latency: the server exited ({proc.returncode}): {proc.stderr.read()[-2000:]}")
        try:
            if httpx.get(base + ROUTES[BASELINE][0], timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"web_latency: the server did not answer within {timeout:.0f} s")


async def probe(client, samples: Samples, template: str) -> str | None:
    """None when the route answers; else why it is not measured ("missing" for a page not written yet)."""
    import httpx

    try:
        resp = await client.get(samples.fill(template))
    except httpx.HTTPError as exc:
        return f"failed: {type(exc).__name__}"
    if resp.status_code in (404, 405):
        return "missing"
    return None


async def load(client, samples: Samples, template: str, clients: int, seconds: float) -> dict:
    """``clients`` closed-loop clients on one route for ``seconds``; latencies in ms, errors by kind."""
    import httpx

    latencies: list[float] = []
    errors: Counter = Counter()
    examples: list[str] = []
    stop = time.perf_counter() + seconds

    async def one_client():
        while time.perf_counter() < stop:
            path = samples.fill(template)
            t = time.perf_counter()
            try:
                resp = await client.get(path)
                await resp.aread()
                ok = 200 <= resp.status_code < 300
                kind = None if ok else f"HTTP {resp.status_code}"
            except httpx.HTTPError as exc:
                kind = type(exc).__name__
            latencies.append((time.perf_counter() - t) * 1000)
            if kind:
                errors[kind] += 1
                if len(examples) < 5:
                    examples.append(f"{kind} {path}")

    t0, c0 = time.perf_counter(), time.process_time()
    await asyncio.gather(*(one_client() for _ in range(clients)))
    elapsed = time.perf_counter() - t0
    # near 100%: the load generator, not the server, sets the pace (its own queueing shows as latency)
    generator_cpu = (time.process_time() - c0) / elapsed if elapsed else 0.0
    return {"requests": len(latencies), "generator_cpu": round(generator_cpu, 2), "errors": sum(errors.values()), "error_kinds": dict(errors),
            "error_examples": examples,
            "rps": len(latencies) / elapsed if elapsed else 0.0, **percentiles(latencies)}


def percentiles(values: list[float]) -> dict:
    if not values:
        return {"p50_ms": None, "p95_ms": None, "p99_ms": None, "max_ms": None}
    if len(values) == 1:
        return {k: values[0] for k in ("p50_ms", "p95_ms", "p99_ms", "max_ms")}
    q = statistics.quantiles(values, n=100, method="inclusive")
    return {"p50_ms": q[49], "p95_ms": q[94], "p99_ms": q[98], "max_ms": max(values)}


async def measure(base: str, samples: Samples, name: str, clients: int, seconds: float, warmup: float,
                  generator: str) -> dict:
    """Probe one route, warm it up (not counted), then measure it."""
    import httpx

    template = ROUTES[name][0]
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60.0) as client:
        why = await probe(client, samples, template)
        if why is not None:
            return {"path": template, "status": why, "errors": 0 if why == "missing" else 1}
        if generator == "wrk":
            paths = [samples.fill(template) for _ in range(5000)]
            if warmup > 0:
                wrk(base, paths, clients, warmup)
            return {"path": template, "status": "measured", **wrk(base, paths, clients, seconds)}
        if warmup > 0:
            await load(client, samples, template, clients, warmup)
        return {"path": template, "status": "measured", **(await load(client, samples, template, clients, seconds))}


WRK_SCRIPT = """
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do paths[#paths + 1] = line end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n * 7919) % #paths + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK {"requests": %d, "seconds": %.6f, "p50": %d, "p95": %d, "p99": %d, "max": %d, ' ..
    '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\\n', summary.requests,
    summary.duration / 1e6, latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def wrk(base: str, paths: list[str], clients: int, seconds: float) -> dict:
    """``clients`` connections of wrk (one thread) on ``paths`` for ``seconds``; latencies in ms, errors by kind."""
    with tempfile.TemporaryDirectory(prefix="armsflow-wrk-") as tmp:
        script, listing = Path(tmp) / "paths.lua", Path(tmp) / "paths.txt"
        script.write_text(WRK_SCRIPT, encoding="utf-8")
        listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
        proc = subprocess.run(["wrk", "-t1", f"-c{clients}", f"-d{max(1, round(seconds))}s", "--timeout", "60s",
                               "-s", str(script), base], capture_output=True, text=True,
                              env={**os.environ, "WRK_PATHS": str(listing)}, timeout=seconds + 120)
    line = next((x for x in proc.stdout.splitlines() if x.startswith("WRK ")), None)
    if line is None:
        raise SystemExit(f"web_latency: wrk failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
    r = json.loads(line[4:])
    kinds = {k: r[k] for k in ("connect", "read", "write", "status", "timeout") if r[k]}
    return {"requests": r["requests"], "generator_cpu": None, "errors": sum(kinds.values()),
            "error_kinds": kinds, "error_examples": [], "rps": r["requests"] / r["seconds"] if r["seconds"] else 0.0,
            "p50_ms": r["p50"] / 1000, "p95_ms": r["p95"] / 1000, "p99_ms": r["p99"] / 1000,
            "max_ms": r["max"] / 1000}


def run_routes(url: str, samples: Samples, names: list[str], args, log) -> dict:
    """Each route on a server of its own: a slow route's requests still running after its turn (a client gave up,
    the server did not) must not be charged to the next route."""
    out = {}
    with tempfile.TemporaryDirectory(prefix="armsflow-bench-home-") as home:
        for name in names:
            port = args.port or free_port()
            base = f"http://127.0.0.1:{port}"
            server = start_server(url, port, args.workers, Path(home))
            try:
                wait_ready(server, base)
                out[name] = r = asyncio.run(measure(base, samples, name, args.clients, args.seconds, args.warmup,
                                                    args.generator))
            finally:
                stop_server(server)
            if r["status"] != "measured":
                log(f"  {name:<12} {r['status']}")
            else:
                cpu = f"  load generator CPU {r['generator_cpu']:.0%}" if r["generator_cpu"] is not None else ""
                log(f"  {name:<12} {r['requests']:>7} requests  p95 {r['p95_ms']:.1f} ms{cpu}  errors {r['errors']} "
                    + " ".join(r["error_examples"]) + (f" {r['error_kinds']}" if r["errors"] else ""))
    return out


def table(results: dict) -> str:
    base = results.get(BASELINE, {}).get("p95_ms")
    lines = [f"{'route':<12} {'path':<38} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
             f"{'x static':>8} {'errors':>7}"]
    for name, r in results.items():
        if r["status"] != "measured":
            lines.append(f"{name:<12} {r['path']:<38} {r['status']}")
            continue
        ratio = f"{r['p95_ms'] / base:.1f}" if base and r["p95_ms"] is not None else "-"
        lines.append(f"{name:<12} {r['path']:<38} {r['rps']:>8.0f} {r['p50_ms']:>8.1f} {r['p95_ms']:>8.1f} "
                     f"{r['p99_ms']:>8.1f} {ratio:>8} {r['errors']:>7}")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, default=Path(tempfile.gettempdir()) / "armsflow-bench-1e6.db",
                    help="SQLite store to build once and reuse (default: %(default)s)")
    ap.add_argument("--db", help="a database URL instead of --store (PostgreSQL)")
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=10.0, help="measured seconds per route")
    ap.add_argument("--routes", default=",".join(ROUTES),
                    help=f"comma-separated, from: {', '.join(ROUTES)} (the static baseline always runs)")
    ap.add_argument("--warmup", type=float, default=3.0, help="seconds of load before each measurement, not counted")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="server processes (armsflow serve --workers; default: one per core, %(default)s here)")
    ap.add_argument("--generator", choices=("auto", "wrk", "python"), default="auto",
                    help="the load generator: wrk (apt-get install wrk), this process, or wrk when found (default)")
    ap.add_argument("--port", type=int, default=0, help="default: a free port")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", type=Path, help="also write the measurements here")
    args = ap.parse_args()

    names = [n.strip() for n in args.routes.split(",") if n.strip()]
    unknown = [n for n in names if n not in ROUTES]
    if unknown:
        print(f"web_latency: unknown route(s) {', '.join(unknown)}; choose from {', '.join(ROUTES)}",
              file=sys.stderr)
        return 2
    names = [BASELINE] + [n for n in names if n != BASELINE]
    if args.generator == "auto":
        args.generator = "wrk" if shutil.which("wrk") else "python"
    elif args.generator == "wrk" and not shutil.which("wrk"):
        print("web_latency: wrk is not on the PATH (Debian/Ubuntu: apt-get install wrk); or use --generator python",
              file=sys.stderr)
        return 2

    def log(message: str, end: str = "\n") -> None:
        print(message, end=end, file=sys.stderr, flush=True)

    url = bigstore.url_for(str(args.store), args.db)
    t0 = time.perf_counter()
    fact = bigstore.build(url, args.claims, args.seed, log=log)
    print(f"store: {fact['claims']} claims, {fact['documents']} documents, {fact['records']} records "
          f"({'reused; built' if fact['reused'] else 'built'} in {fact['seconds']:.0f} s: seed "
          f"{fact['seed_seconds']:.0f} s, inserts {fact['insert_seconds']:.0f} s, fusion {fact['fuse_seconds']:.0f} s)")
    samples = Samples(url, random.Random(args.seed))
    log(f"{args.clients} clients ({args.generator}), {args.seconds:g} s per route after {args.warmup:g} s of warm-up, "
        f"a fresh server of {args.workers} process(es) for each route")
    results = run_routes(url, samples, names, args, log)
    print(f"{args.clients} concurrent clients on loopback ({args.generator}), {args.seconds:g} s per route after "
          f"{args.warmup:g} s of warm-up, {args.workers} server process(es)")
    print(table(results))
    errors = sum(r.get("errors", 0) for r in results.values())
    goal = {}
    for name in GOAL_ROUTES:
        r = results.get(name)
        if r and r["status"] == "measured":
            goal[name] = r["p95_ms"] < GOAL_MS
            print(f"goal p95 < {GOAL_MS:.0f} ms, {name} page: {'met' if goal[name] else 'NOT met'} "
                  f"({r['p95_ms']:.1f} ms)")
    missing = [n for n, r in results.items() if r["status"] != "measured"]
    print(f"errors={errors} missing={','.join(missing) or '-'} total_seconds={time.perf_counter() - t0:.0f}")
    if args.json:
        args.json.write_text(json.dumps({"store": {**fact, "url": url}, "clients": args.clients,
                                         "seconds": args.seconds, "warmup": args.warmup, "workers": args.workers,
                                         "generator": args.generator, "baseline": BASELINE,
                                         "goal_ms": GOAL_MS, "goal_met": goal, "routes": results,
                                         "errors": errors}, indent=2), encoding="utf-8")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
