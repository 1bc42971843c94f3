"""bench/linearity.py and bench/ingest_growth.py run from a clean checkout, on tiny sizes (the figures themselves are
the benchmark's business, not the test's)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"


def run(script: str, *args, cwd) -> subprocess.CompletedProcess:
    env = {**os.environ, "ARMSFLOW_HOME": str(cwd / "no-armsflow-home")}    # the user's catalogue stays out
    proc = subprocess.run([sys.executable, str(BENCH / script), *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=900, env=env)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 0, proc.stderr
    return proc


def test_linearity_prints_a_ratio_per_case(tmp_path):
    proc = run("linearity.py", "--scale", "0.01", "--repeat", "1", "--only", "sentences,gazetteer", cwd=tmp_path)
    rows = [ln for ln in proc.stdout.splitlines() if re.match(r"^(sentences|gazetteer): ", ln)]
    assert len(rows) == 4
    assert re.search(r"^worst_ratio=[\d.]+ linear_would_be=10 quadratic_would_be=100$", proc.stdout.splitlines()[-1])


def test_ingest_growth_on_small_stores(tmp_path):
    proc = run("ingest_growth.py", "--sizes", "40,80", "--runs", "1", "--keep", tmp_path / "stores", cwd=tmp_path)
    assert len(re.findall(r"^stored=\s+(40|80) ingest_s=", proc.stdout, re.M)) == 2
    assert re.search(r"^time_ratio_80=[\d.]+ peak_rss_ratio_80=[\d.]+$", proc.stdout.splitlines()[-1])
