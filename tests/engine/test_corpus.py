"""The corpus generator (engine/corpus.py, `armsflow corpus generate`): deterministic, distinct documents, mostly
without a transfer."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from armsflow.engine.corpus import generate

SUBJECTS = ["The committee", "The mayor", "A spokesman", "The museum", "The league", "The court", "Researchers",
            "The council", "The airline", "Farmers"]
VERBS = ["opened a new office in the old harbour district", "published its report on water quality",
         "postponed the vote until the end of the month", "welcomed more visitors than in any earlier year",
         "announced a plan to repair the northern bridge", "said the schedule would not change this season"]


def small_sources(folder: Path) -> Path:
    """Plain English of our own, enough for the generator's minimum."""
    folder.mkdir(parents=True)
    for i in range(4):
        body = " ".join(f"{s} {v}." for s in SUBJECTS[i:] + SUBJECTS[:i] for v in VERBS[i:i + 2])
        (folder / f"source-{i}.md").write_text(f"---\ntitle: Local news {i}\npublisher: Paper {i}\n---\n{body}\n",
                                               encoding="utf-8")
    return folder


def texts(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.md"))}


def test_same_seed_same_files_and_every_document_distinct(tmp_path):
    src = small_sources(tmp_path / "src")
    a = generate(tmp_path / "a", 120, seed=3, sources=[src])
    generate(tmp_path / "b", 120, seed=3, sources=[src])
    generate(tmp_path / "c", 120, seed=4, sources=[src])
    ta, tb, tc = texts(tmp_path / "a"), texts(tmp_path / "b"), texts(tmp_path / "c")
    assert len(ta) == 120 and ta == tb and ta != tc
    bodies = [t.split("---\n", 2)[2] for t in ta.values()]
    assert len(set(bodies)) == 120
    assert sum(a["kinds"].values()) == 120 and a["kinds"]["plain"] > 80
    assert json.loads((tmp_path / "a" / "corpus.json").read_text())["documents"] == 120
    assert all(t.startswith("---\ntitle: ") and "\npublished: 20" in t for t in ta.values())


def test_too_little_text_is_refused(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "one.md").write_text("Only one sentence is here, and it is short.\n", encoding="utf-8")
    with pytest.raises(ValueError, match="too little text"):
        generate(tmp_path / "out", 10, sources=[src])


def test_real_corpus_mostly_reports_no_transfer(tmp_path, shared, extractor):
    from armsflow.ingest.text import read_text_document

    info = generate(tmp_path / "corpus", 300, seed=2, extractor=extractor)
    assert info["pool"]["files"] > 100 and info["pool"]["register_deals"] > 1000
    with_claims = sum(bool(extractor.extract(read_text_document(p)))
                      for p in sorted((tmp_path / "corpus").rglob("*.md")))
    assert 0.05 * 300 < with_claims < 0.5 * 300


def test_corpus_command(tmp_path):
    src = small_sources(tmp_path / "src")
    env = {**os.environ, "ARMSFLOW_HOME": str(tmp_path / "home")}

    def run(*args):
        return subprocess.run([sys.executable, "-m", "armsflow", "corpus", "generate", *args], capture_output=True,
                              text=True, env=env, timeout=300)

    ok = run("--out", str(tmp_path / "out"), "--docs", "30", "--seed", "1", "--source", str(src))
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith(f"30 documents in {tmp_path / 'out'}:")
    assert len(texts(tmp_path / "out")) == 30
    again = run("--out", str(tmp_path / "out"), "--docs", "30", "--source", str(src))
    assert again.returncode == 2 and "exists and is not empty" in again.stderr
    missing = run("--out", str(tmp_path / "other"), "--docs", "3", "--source", str(tmp_path / "absent"))
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr
