"""Concurrent writers on one store: four `armsflow ingest` processes over overlapping and disjoint folders and a
two-process `armsflow serve --workers 2` taking uploads, all released at once (SQLite file and PostgreSQL schema).

Afterwards every document is stored once with the claims the extractor finds in it, no process printed an error,
no claims are left marked unfused, no state summary is stale, and fusing every claim again gives the records that
are stored. The start line is a file: each ingest process has done its imports and waits for it, the server answers
and every process is up before it is written. Timeouts only bound a hang."""
from __future__ import annotations

import datetime as dt
import os
import random
import re
import subprocess
import sys
import textwrap
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
from serving import children, free_port, stop

HANG = 300                                   # seconds: only a hang takes this long

# sentences written for this test; the names are the catalogue's
DEALS = [("Russia", "Serbia", "MiG-29 fighter jets"), ("Turkey", "Albania", "Bayraktar TB2 drones"),
         ("France", "Greece", "Rafale fighters"), ("South Korea", "Poland", "K9 howitzers"),
         ("Israel", "Azerbaijan", "Harop loitering munitions"), ("Germany", "Ukraine", "IRIS-T air defence systems")]
DEAL_SENTENCES = [
    "{s} delivered {n} {sys} to {r} in {year}, the defence ministry confirmed.",
    "{r} received {n} {sys} from {s} in {year}.",
    "In {year}, {r} ordered {n} {sys} from {s}.",
]
FILLER = [
    "Engineers inspected the runway at dawn before the first flights.",
    "The committee postponed its hearing until the spring session.",
    "Local officials opened a new training centre near the border.",
    "Rain kept most of the crowd away from the afternoon parade.",
    "The finance minister presented a revised budget to the cabinet.",
    "Several reporters asked about the timetable but got no answer.",
    "A naval band played as the delegation arrived at the harbour.",
]
DOCS = 60                                    # 0-23: folders a and b (overlapping), 30-59: c and d (overlapping)
FOLDERS = {"a": range(0, 18), "b": range(12, 30), "c": range(30, 48), "d": range(42, 60)}
UPLOADS = [14, 15, 44, 45, 60, 61, 62, 63]   # two in a and b, two in c and d, four only uploaded
ALL = DOCS + 4


def article(i: int) -> str:
    rng = random.Random(i)
    s, r, sys_ = DEALS[i % len(DEALS)]
    body = rng.sample(FILLER, 3)
    if i % 5:                                # one in five reports no transfer
        body.insert(rng.randint(0, 3), rng.choice(DEAL_SENTENCES).format(
            s=s, r=r, sys=sys_, n=2 + i % 4, year=2019 + i % 3))
    body.append(f"This is dispatch number {i} of the series.")
    published = dt.date(2024, 1, 1) + dt.timedelta(days=i)
    return (f"---\ntitle: \"Dispatch {i}\"\npublisher: \"Bulletin {i % 4}\"\npublished: {published}\n---\n\n"
            + " ".join(body) + "\n")


# an `armsflow ingest` process that does its imports, says it is ready, and waits for the start line
INGEST = textwrap.dedent("""
    import sys, time
    from pathlib import Path

    ready, go = Path(sys.argv[1]), Path(sys.argv[2])
    import armsflow.cli, armsflow.cli.store, armsflow.engine.ingest, armsflow.extract.pipeline
    import armsflow.extract.nlp; armsflow.extract.nlp.import_spacy()
    ready.touch()
    deadline = time.monotonic() + 300
    while not go.exists():
        if time.monotonic() > deadline:
            sys.exit("armsflow: no start signal")
        time.sleep(0.005)
    sys.argv = ["armsflow", *sys.argv[3:]]
    armsflow.cli.main()
""")


def _wait(what: str, ok, procs=(), timeout: float = HANG) -> None:
    deadline = time.monotonic() + timeout
    while not ok():
        for p in procs:
            assert p.poll() is None, f"a process ended while waiting for {what}"
        assert time.monotonic() < deadline, f"{what}: timed out"
        time.sleep(0.05)


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def test_parallel_ingests_and_server_uploads_store_each_document_once(store_url, tmp_path, catalog, extractor):
    from armsflow.catalog.gazetteer import gazetteer_for
    from armsflow.engine.fusion import refuse
    from armsflow.engine.summaries import refresh_summaries
    from armsflow.fuse.family import Families
    from armsflow.ingest.text import read_text_document
    from armsflow.store import open_store
    from armsflow.store.queries import RecordFilter, claims, records
    from armsflow.store.repo import content_hash
    from armsflow.store.users import create_user, issue_token

    texts = {i: article(i) for i in range(ALL)}
    for name, members in FOLDERS.items():
        (tmp_path / name).mkdir()
        for i in members:
            (tmp_path / name / f"dispatch-{i:03d}.md").write_text(texts[i], encoding="utf-8")
    store = open_store(store_url)
    store.sync_entities(catalog)
    create_user(store, "uploader", "a long enough password")
    token = issue_token(store, "uploader", "concurrency test")
    store.engine.dispose()

    env = {**os.environ, "ARMSFLOW_HOME": str(tmp_path / "home")}
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server_log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "armsflow", "serve", "--db", store_url, "--port", str(port),
                               "--workers", "2"], env=env, start_new_session=True, stderr=server_log,
                              stdout=server_log)
    go = tmp_path / "go"
    ingests = []
    try:
        for name in FOLDERS:
            ingests.append(subprocess.Popen(
                [sys.executable, "-c", INGEST, str(tmp_path / f"ready-{name}"), str(go), "ingest",
                 str(tmp_path / name), "--db", store_url, "--quiet", "--no-semantic"],
                env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        _wait("the server", lambda: _answers(base + "/api/v1/states"), [server])
        _wait("two server processes", lambda: len(children(server.pid)) >= 2, [server])
        _wait("the ingests", lambda: all((tmp_path / f"ready-{n}").exists() for n in FOLDERS), ingests)

        def upload(i: int) -> httpx.Response:
            with httpx.Client(base_url=base, timeout=HANG) as c:
                return c.post("/api/v1/documents", headers={"Authorization": f"Bearer {token}"},
                              files={"file": (f"dispatch-{i:03d}.md", texts[i].encode(), "text/markdown")})

        go.touch()                                                      # everyone starts now
        with ThreadPoolExecutor(len(UPLOADS)) as pool:
            responses = list(pool.map(upload, UPLOADS))
        outputs = [p.communicate(timeout=HANG) for p in ingests]
    finally:
        for p in ingests:
            if p.poll() is None:
                p.kill()
                p.wait()
        stop(server, 60)
        server_log.close()

    # no process reported an error
    for p, (out, err), name in zip(ingests, outputs, FOLDERS):
        assert p.returncode == 0 and err == "", f"ingest of {name}: {err}"
        m = re.fullmatch(r"(\d+) documents read: (\d+) new .*, (\d+) already stored, 0 re-extracted, 0 failed; "
                         r"\d+ claims stored; \d+ records fused\n", out)
        assert m and int(m[1]) == len(FOLDERS[name]) == int(m[2]) + int(m[3]), out
    for i, r in zip(UPLOADS, responses):
        assert r.status_code in (200, 201), (i, r.text)
        [doc] = r.json()["documents"]
        assert doc["doc"].startswith(f"dispatch-{i:03d}"), r.text       # its file's key, or the upload's
    log = (tmp_path / "server.log").read_text()
    assert not re.search(r"Traceback|Error|error", log), log

    # every document once, with the claims the extractor finds in it
    store = open_store(store_url)
    try:
        with store.session() as s:
            from sqlalchemy import select

            from armsflow.store.schema import DocumentRow
            stored = list(s.execute(select(DocumentRow.content_hash, DocumentRow.doc_key)))
        paths = {i: tmp_path / f"dispatch-{i:03d}.md" for i in range(ALL)}
        for i, p in paths.items():
            p.write_text(texts[i], encoding="utf-8")
        docs = {i: read_text_document(p) for i, p in paths.items()}
        hashes = {content_hash(d.text): i for i, d in docs.items()}
        assert len(hashes) == ALL
        assert sorted(h for h, _ in stored) == sorted(hashes), "a document is missing or stored twice"
        index = {key: hashes[h] for h, key in stored}
        assert all(key.startswith(f"dispatch-{i:03d}") for key, i in index.items())
        found: dict[int, list] = {}
        for c in claims(store):
            found.setdefault(index[c.doc], []).append((c.supplier, c.recipient, c.system, c.year))
        for i, d in docs.items():
            want = sorted((c.supplier, c.recipient, c.system, c.year) for c in extractor.extract(d))
            assert sorted(found.get(i, [])) == want, f"dispatch {i}: its claims lost or stored twice"
        assert sum(map(len, found.values())) >= len(DEALS)

        # nothing left to fuse, no stale summary, and fusing everything again changes no record
        assert not store.unfused()
        assert refresh_summaries(store, catalog=catalog) == 0

        def snapshot():
            rows = records(store, RecordFilter(source="news"))
            return sorted((r.key, r.status, r.period_start, r.period_end, r.quantity_min, r.quantity_max,
                           r.claims, r.sources, r.hedged, r.unhedged, round(r.confidence, 6),
                           tuple(sorted(c.id for c in claims(store, record_id=r.id)))) for r in rows)

        before = snapshot()
        assert len(before) >= len(DEALS)
        refuse(store, Families(gazetteer_for(catalog)))
        assert snapshot() == before
    finally:
        store.engine.dispose()
