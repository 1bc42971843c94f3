"""The fuzz harness (bench/fuzz.py): a short seeded run through `armsflow ingest` and the upload route finds no
traceback, no hang, no bad error line and no lost good file; and every kind of input it knows can be generated.

The full run (10,000 inputs and more) is a benchmark, not a test: see the README's *Benchmarks*.
"""
from __future__ import annotations

import importlib.util
import random
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench" / "fuzz.py"


def load():
    spec = importlib.util.spec_from_file_location("fuzz_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module                     # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


def test_every_kind_writes_an_input(tmp_path):
    fuzz = load()
    for k, (_, gen) in enumerate(fuzz.KINDS):
        for seed in range(6):                   # each kind picks among its own variants at random
            folder = tmp_path / f"b{k}-{seed}"
            folder.mkdir()
            inp = gen(random.Random(seed), f"fuzzref0x{k}{seed}", folder, f"k{k:02d}-{seed}")
            assert inp.files or inp.args or inp.json_body or inp.kind.startswith("not a regular file"), inp
            for p in inp.files:
                assert p.exists()
            assert all(ref.startswith("fuzzref") for ref in inp.good)


def test_a_short_run_finds_nothing(tmp_path):
    proc = subprocess.run([sys.executable, str(BENCH), "--count", "48", "--batch", "24", "--upload", "24",
                           "--seconds", "20", "--seed", "11"], capture_output=True, text=True, timeout=1800,
                          cwd=tmp_path)
    assert "Traceback" not in proc.stderr, proc.stderr
    last = proc.stdout.strip().splitlines()[-1]
    fields = dict(kv.split("=", 1) for kv in last.split())
    problems = {k: fields[k] for k in ("tracebacks", "hangs", "bad_lines", "lost_good", "server_errors",
                                       "static_failures") if fields[k] != "0"}
    assert not problems, proc.stdout
    assert fields["inputs"] == "72"
    assert 0 < int(fields["peak_rss_mb"]) < 1024
    assert proc.returncode == 0, proc.stdout
    assert "| good text |" in proc.stdout                # the table of kinds is printed
