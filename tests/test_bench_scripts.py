"""The benchmark scripts run from a clean checkout: on a small generated corpus, and politely without one."""
from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"

README = """# A small corpus

Some words about it.

## Contains a transfer in passing

These mention a transfer:

- `doc-b`: says something in passing
- `doc-c`: another one

## Near misses kept on purpose

- `doc-a`: not this one
"""

DOCS = {
    "doc-a": "---\ntitle: Weather\npublished: 2023-04-01\n---\nRain fell on the capital for a third day.\n",
    "doc-b": ("---\ntitle: Jets\npublished: 2021-06-01\n---\n"
              "In 2021, Serbia purchased MiG-29 fighter jets from Russia.\n"),
    "doc-c": "Markets rose on Tuesday after the central bank held rates.\n",
}


def make_corpus(root: Path) -> Path:
    docs = root / "news" / "docs"
    docs.mkdir(parents=True)
    (root / "news" / "README.md").write_text(README, encoding="utf-8")
    for name, text in DOCS.items():
        (docs / f"{name}.md").write_text(text, encoding="utf-8")
    return docs


def run(script: str, *args, cwd) -> subprocess.CompletedProcess:
    env = {**os.environ, "ARMSFLOW_HOME": str(cwd / "no-armsflow-home")}    # the user's catalogue stays out
    proc = subprocess.run([sys.executable, str(BENCH / script), *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=900, env=env)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 0, proc.stderr
    return proc


def test_in_passing_list_is_parsed_from_the_readme(tmp_path):
    spec = importlib.util.spec_from_file_location("false_alarms", BENCH / "false_alarms.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    (tmp_path / "README.md").write_text(README, encoding="utf-8")
    assert module.in_passing(tmp_path / "README.md") == {"doc-b", "doc-c"}


def test_false_alarms_on_a_small_corpus(tmp_path):
    docs = make_corpus(tmp_path)
    proc = run("false_alarms.py", "--corpus", docs, cwd=tmp_path)
    assert "documents: 3; listed as containing a transfer in passing: 2 (doc-b, doc-c)" in proc.stdout
    assert re.search(r"^total_claims=\d+ false_alarms=\d+$", proc.stdout.splitlines()[-1])


TABLE_ROW = re.compile(r"^\| (dense|news) \| (\d+) \| ([\d.]+) \| ([\d,]+) \| ([\d,]+) \| ([\d,]+) "
                       r"\| ([\d.]+) \| ([\d.]+) \| ([\d.]+|inf) \| (5|10)x \| (yes|no) \|$")


def speed_rows(stdout: str) -> dict[str, tuple]:
    """The rows of extract_speed's Markdown table, by corpus; no wall time or ratio is judged (machines are busy),
    only that both corpora were measured and reported."""
    rows = {m.group(1): m.groups() for m in map(TABLE_ROW.match, stdout.splitlines()) if m}
    assert set(rows) == {"dense", "news"}, stdout
    for name, row in rows.items():
        seconds_a, seconds_b, ratio = float(row[6]), float(row[7]), float(row[8])
        assert seconds_a > 0 and seconds_b > 0 and ratio > 0, row
        assert int(row[3].replace(",", "")) > 0 and int(row[4].replace(",", "")) > 0, row     # words, sentences
    return rows


def test_extract_speed_on_a_small_corpus(tmp_path):
    news = make_corpus(tmp_path)
    dense_from = tmp_path / "dense-from"
    dense_from.mkdir()
    for name in ("doc-a", "doc-b"):
        (dense_from / f"{name}.md").write_text(DOCS[name], encoding="utf-8")
    proc = run("extract_speed.py", "--news", news, "--dense-from", dense_from, "--dense-bytes", 5000,
               "--file-bytes", 2000, "--runs", 1, cwd=tmp_path)
    rows = speed_rows(proc.stdout)
    assert rows["news"][1] == "3" and rows["dense"][1] == "3"        # files: 3 news, 5000 bytes in 2000-byte files
    assert int(rows["dense"][5]) > 0                                  # the Serbian jets, claimed again and again
    assert re.search(r"^ratio_dense=[\d.]+ ratio_news=[\d.]+ goals_met=(True|False) peak_rss_ratio_4x=[\d.]+$",
                     proc.stdout.splitlines()[-1])


def test_extract_speed_on_the_shared_corpora_in_small(tmp_path, shared):
    proc = run("extract_speed.py", "--dense-bytes", 20000, "--runs", 1, "--news-docs", 5, "--no-memory",
               cwd=tmp_path)
    rows = speed_rows(proc.stdout)
    assert rows["news"][1] == "5"
    assert re.search(r"^ratio_dense=[\d.]+ ratio_news=[\d.]+ goals_met=(True|False)$", proc.stdout.splitlines()[-1])


@pytest.mark.parametrize("script", ["extract_speed.py", "false_alarms.py"])
def test_missing_corpus_is_a_clean_exit(tmp_path, script):
    proc = run(script, "--corpus", tmp_path / "absent", cwd=tmp_path)
    assert "not found" in proc.stdout


def test_scale_on_a_small_corpus(tmp_path):
    from pgscratch import postgres_or_skip as _postgres_or_skip
    from sqlalchemy import text

    admin, schema = _postgres_or_skip()          # the benchmark makes schemas of its own; this one only checks
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()
    docs = make_corpus(tmp_path)
    proc = run("scale.py", "--corpus", docs, "--engine", "processes", cwd=tmp_path)
    assert "same documents, claims and records in every configuration: True" in proc.stdout
    assert re.search(r"^speedup_2_workers=[\d.]+ docs_per_s_local=[\d.]+ docs_per_s_2_workers=[\d.]+ "
                     r"same_results=True$", proc.stdout.splitlines()[-1])


def test_eval_scores_each_corpus_with_the_scorer(tmp_path, shared):
    corpus = tmp_path / "tiny"
    (corpus / "docs").mkdir(parents=True)
    (corpus / "docs" / "jets.md").write_text(DOCS["doc-b"], encoding="utf-8")
    (corpus / "docs" / "rain.md").write_text(DOCS["doc-a"], encoding="utf-8")
    gold = [{"doc": "jets", "transfers": [{"supplier": "RUS", "recipient": "SRB", "system": "MiG-29",
                                           "category": "combat_aircraft", "quantity": None, "status": ["ordered"],
                                           "year": 2021, "hedged": False}]},
            {"doc": "rain", "transfers": []}]
    (corpus / "gold.jsonl").write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    proc = run("eval.py", "--corpus", corpus, "--scorer", shared / "eval" / "score.py", "--keep", tmp_path / "out",
               cwd=tmp_path)
    row = next(line for line in proc.stdout.splitlines() if line.startswith("| tiny |"))
    assert row.split(" | ")[1:5] == ["2", "1", "0", "0"]              # documents, tp, fp, fn
    assert proc.stdout.splitlines()[-1] == "corpora=1 mean_tuple_f1=1.000"
    assert json.loads((tmp_path / "out" / "tiny.jsonl").read_text().splitlines()[0])["doc"] == "jets"
    absent = run("eval.py", "--corpus", tmp_path / "absent", cwd=tmp_path)
    assert "nothing to score" in absent.stdout


def test_eval_ablation_lists_every_rule_and_ranks_them(tmp_path, shared):
    from armsflow.extract.grammar import load_rules

    corpus = tmp_path / "tiny"
    (corpus / "docs").mkdir(parents=True)
    (corpus / "docs" / "jets.md").write_text(DOCS["doc-b"], encoding="utf-8")
    gold = [{"doc": "jets", "transfers": [{"supplier": "RUS", "recipient": "SRB", "system": "MiG-29",
                                           "category": "combat_aircraft", "quantity": None, "status": ["ordered"],
                                           "year": 2021, "hedged": False}]}]
    (corpus / "gold.jsonl").write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    proc = run("eval.py", "--corpus", corpus, "--scorer", shared / "eval" / "score.py", "--ablate", cwd=tmp_path)
    rows = {line.split(" | ")[0].lstrip("| "): line for line in proc.stdout.splitlines()
            if line.startswith("| ") and line.count("|") == 6}
    assert set(load_rules()) <= set(rows)
    # "Serbia purchased MiG-29s from Russia": without the subject rule the buyer is lost; without the from-phrase
    # rule the catalogue's maker (Russia) still supplies, and without that fill the from-phrase does
    assert rows["subject"].split(" | ")[3] == "-1.000"
    assert rows["from"].split(" | ")[3] == rows["catalogue-origin"].split(" | ")[3] == "+0.000"
    most = next(line for line in proc.stdout.splitlines() if line.startswith("most useful"))
    assert most.startswith("most useful (largest loss when off): subject -1.000")
    off = run("eval.py", "--corpus", corpus, "--scorer", shared / "eval" / "score.py", "--disable", "from",
              "--disable", "catalogue-origin", cwd=tmp_path)
    assert off.stdout.splitlines()[-1] == "corpora=1 mean_tuple_f1=0.000"


def test_eval_ablation_reads_headlines_again(tmp_path, shared):
    """A headline whose verb the parser misreads is parsed a second time (extract/headline.py): the ablation's
    parse cache serves that parse too, and the rule that does it shows what it is worth."""
    corpus = tmp_path / "heads"
    (corpus / "docs").mkdir(parents=True)
    (corpus / "docs" / "eyes.md").write_text("Chile eyes Swedish Gripen fighters\n", encoding="utf-8")
    gold = [{"doc": "eyes", "transfers": [{"supplier": "SWE", "recipient": "CHL", "system": "Gripen",
                                           "category": "combat_aircraft", "quantity": None, "status": ["interest"],
                                           "year": None, "hedged": False}]}]
    (corpus / "gold.jsonl").write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    proc = run("eval.py", "--corpus", corpus, "--scorer", shared / "eval" / "score.py", "--ablate", cwd=tmp_path)
    rows = {line.split(" | ")[0].lstrip("| "): line for line in proc.stdout.splitlines()
            if line.startswith("| ") and line.count("|") == 6}
    assert rows["headline-verb"].split(" | ")[3] == "-1.000"


def test_eval_ablation_reads_clauses_again(tmp_path, shared):
    """A sentence of clauses set side by side is parsed clause by clause (extract/units.py), from words already
    split: the ablation's parse cache serves those parses too."""
    corpus = tmp_path / "units"
    (corpus / "docs").mkdir(parents=True)
    (corpus / "docs" / "semi.md").write_text("Chile ordered Gripen jets from Sweden; Peru bought K2 tanks from Korea.\n",
                                              encoding="utf-8")
    gold = [{"doc": "semi", "transfers": [
        {"supplier": "SWE", "recipient": "CHL", "system": "Gripen", "category": "combat_aircraft", "quantity": None,
         "status": ["ordered"], "year": None, "hedged": False},
        {"supplier": "KOR", "recipient": "PER", "system": "K2", "category": "tank", "quantity": None,
         "status": ["ordered"], "year": None, "hedged": False}]}]
    (corpus / "gold.jsonl").write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    proc = run("eval.py", "--corpus", corpus, "--scorer", shared / "eval" / "score.py", "--ablate", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    rows = {line.split(" | ")[0].lstrip("| "): line for line in proc.stdout.splitlines()
            if line.startswith("| ") and line.count("|") == 6}
    assert "clause-units" in rows


def test_calibrate_reports_cross_validated_precision(tmp_path, shared):
    corpus = tmp_path / "tiny"
    (corpus / "docs").mkdir(parents=True)
    texts = {"a": "Chile bought two frigates from Britain in 2020.", "b": "Peru ordered K2 tanks from Korea.",
             "c": "Ghana bought six Turkish drones.", "d": "Kenya received helicopters from Italy."}
    for name, text in texts.items():
        (corpus / "docs" / f"{name}.md").write_text(text + "\n", encoding="utf-8")
    gold = [{"doc": "a", "transfers": [{"supplier": "GBR", "recipient": "CHL", "system": None, "category": "ship"}]},
            {"doc": "b", "transfers": []}, {"doc": "c", "transfers": []},
            {"doc": "d", "transfers": [{"supplier": "ITA", "recipient": "KEN", "system": None,
                                        "category": "helicopter"}]}]
    (corpus / "gold.jsonl").write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    proc = run("calibrate.py", "--corpus", corpus, "--scorer", shared / "eval" / "score.py", "--folds", "2",
               "--min-count", "1", "--no-earlier", cwd=tmp_path)
    line = next(x for x in proc.stdout.splitlines() if x.startswith("tiny:"))
    assert line.startswith("tiny: 4 claims, 2 right")
    assert "at >= 0.8: precision" in line and "Brier" in line
    if subprocess.run(["git", "-C", str(BENCH.parent), "rev-parse", "HEAD"], capture_output=True).returncode != 0:
        return
    # an earlier extractor's claims (here: the checkout's own HEAD) are learnt from, but only the current one's scored
    both = run("calibrate.py", "--corpus", corpus, "--scorer", shared / "eval" / "score.py", "--folds", "2",
               "--min-count", "1", "--earlier", "HEAD", cwd=tmp_path)
    assert "4 claims of the current extractor, 4 of HEAD (2 wrong)" in both.stdout
    line = next(x for x in both.stdout.splitlines() if x.startswith("tiny:"))
    assert line.startswith("tiny: 4 claims, 2 right")
    gone = run("calibrate.py", "--corpus", corpus, "--scorer", shared / "eval" / "score.py", "--folds", "2",
               "--min-count", "1", "--earlier", "0" * 40, cwd=tmp_path)
    assert f"earlier revision {'0' * 40} is not in this checkout" in gone.stdout
