"""The extractor against the evaluation corpus next to the repository (../shared), scored by its own scorer."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

pytestmark = pytest.mark.eval


def _run_cli(args, **kw):
    return subprocess.run([sys.executable, "-m", "armsflow", *args], capture_output=True, text=True, **kw)


# Floors that guard against regressions on both corpora without rewarding special cases: dev was written against,
# dev2 only read for the mechanisms behind its misses (measured 2026-12-07: dev 0.957, dev2 0.855).
FLOORS = {"dev": 0.85, "dev2": 0.80}


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_scores_meet_the_floors(shared, tmp_path, corpus):
    docs = sorted((shared / "eval" / corpus / "docs").glob("*.md"))
    assert len(docs) == 32
    out = _run_cli(["extract", *map(str, docs)])
    assert out.returncode == 0, out.stderr
    pred = tmp_path / "pred.jsonl"
    pred.write_text(out.stdout, encoding="utf-8")
    for line in out.stdout.splitlines():
        claim = json.loads(line)
        assert {"doc", "supplier", "recipient", "system", "category", "status", "hedged", "evidence", "rules",
                "confidence"} <= set(claim)
        assert claim["rules"] and 0.0 <= claim["confidence"] <= 1.0
    score = subprocess.run([sys.executable, str(shared / "eval" / "score.py"),
                            str(shared / "eval" / corpus / "gold.jsonl"), str(pred)],
                           capture_output=True, text=True, check=True).stdout
    figures = dict(re.findall(r"(\w+)=([0-9.]+)", score.splitlines()[-1]))
    print(score)
    assert float(figures["tuple_f1"]) >= FLOORS[corpus]
    assert float(figures["status_acc"]) >= 0.85
    assert float(figures["hedge_acc"]) >= 0.85


def test_evidence_is_the_documents_own_text(shared, extractor):
    from armsflow.ingest.text import read_text_document

    path = shared / "eval" / "dev" / "docs" / "seed-000.md"
    raw = path.read_text(encoding="utf-8")
    claims = extractor.extract(read_text_document(path))
    assert claims
    for c in claims:
        assert raw[c.start:c.end] == c.evidence


def test_few_false_alarms_on_general_news(shared, extractor):
    """At most 3 claims in the news documents its README does not list as containing a transfer in passing."""
    from armsflow.ingest.text import read_text_document

    news = shared / "data" / "news"
    readme = (news / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^- `([^`]+)`", readme.split("## Contains a transfer in passing", 1)[1]
                            .split("##", 1)[0], re.M))
    assert len(listed) == 5
    alarms = []
    for path in sorted((news / "docs").glob("*.md")):
        if path.stem in listed:
            continue
        alarms += [(path.stem, c.supplier, c.recipient, c.system or c.category)
                   for c in extractor.extract(read_text_document(path))]
    assert len(alarms) <= 3, alarms


def test_sipri_enrichment_keeps_precision(shared, tmp_path, monkeypatch):
    """Thousands of register designations ("Tobruk", "Albatros") must not turn place names into weapons."""
    from armsflow.catalog.loader import Catalog, DATA_DIR, load_into
    from armsflow.catalog.sipri import import_sipri
    from armsflow.extract.pipeline import Extractor
    from armsflow.ingest.text import read_text_document

    home = tmp_path / "home"
    for name in ("trade-register-2025-03.csv", "trade-register-by-delivery-2026-02.csv"):
        import_sipri(shared / "data" / "sipri" / name, home / "catalog")
    cat = Catalog()
    load_into(cat, DATA_DIR, "armsflow")
    load_into(cat, home / "catalog", "user")
    assert len(cat.systems) > 4000
    extractor = Extractor(cat)
    gold = {}
    for line in (shared / "eval" / "dev" / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        gold[obj["doc"]] = obj["transfers"]
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as fh:
        for path in sorted((shared / "eval" / "dev" / "docs").glob("*.md")):
            for c in extractor.extract(read_text_document(path)):
                fh.write(json.dumps(c.to_json()) + "\n")
    score = subprocess.run([sys.executable, str(shared / "eval" / "score.py"),
                            str(shared / "eval" / "dev" / "gold.jsonl"), str(pred)],
                           capture_output=True, text=True, check=True).stdout
    figures = dict(re.findall(r"(\w+)=([0-9.]+)", score))
    assert float(figures["precision"]) >= 0.95
    assert float(figures["tuple_f1"]) >= 0.90
