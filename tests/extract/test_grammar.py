"""The grammar's named rules: each claim says which rules read it, a rule switched off reads nothing, and the rule
file and the code agree. Sentences written for this test."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from armsflow.extract.confidence import WEIGHTS, features
from armsflow.extract.grammar import Rule, load_rules, rule_names
from armsflow.extract.pipeline import Extractor
from armsflow.model import Document

SRC = Path(__file__).resolve().parents[2] / "src" / "armsflow" / "extract"


def read(extractor, text):
    return extractor.extract(Document(id="t", text=text, published=dt.date(2024, 6, 15)))


def pairs(cs):
    return {(c.supplier, c.recipient) for c in cs}


# sentence, the pair, rules its claim must cite
@pytest.mark.parametrize("text, pair, rules", [
    ("Sweden sold eight fighter jets to Thailand last year.", ("SWE", "THA"), {"subject", "to-trigger"}),
    ("Chile bought two frigates from Britain.", ("GBR", "CHL"), {"subject", "from"}),
    ("Ghana has bought Turkish drones.", ("TUR", "GHA"), {"nationality-on-equipment", "subject"}),
    ("Moscow sold Hanoi two submarines.", ("RUS", "VNM"), {"subject", "object-of-give"}),
    ("Norway's decision to send howitzers to Kyiv was welcomed.", ("NOR", "UKR"), {"possessor-of-decision"}),
    ("Spain signed a contract with Italy to buy four tanker aircraft.", ("ITA", "ESP"), {"deal-subject-embedded"}),
    ("Kenya ordered six Super Tucano trainers last month.", ("BRA", "KEN"), {"subject", "catalogue-origin"}),
    ("Two German frigates for Peru left Kiel.", ("DEU", "PER"), {"sets-off-for", "for-equipment-or-trigger"}),
])
def test_a_claim_names_the_rules_that_read_it(extractor, text, pair, rules):
    found = [c for c in read(extractor, text) if (c.supplier, c.recipient) == pair]
    assert found, f"no {pair} in {pairs(read(extractor, text))}"
    assert rules <= set(found[0].rules), found[0].rules
    assert set(found[0].rules) <= set(load_rules())


@pytest.mark.parametrize("text, rule, pair", [
    ("Chile bought two frigates from Britain.", "from", ("GBR", "CHL")),
    ("Sweden sold eight fighter jets to Thailand last year.", "to-trigger", ("SWE", "THA")),
    ("Ghana has bought Turkish drones.", "nationality-on-equipment", ("TUR", "GHA")),
    ("Kenya ordered six Super Tucano trainers last month.", "catalogue-origin", ("BRA", "KEN")),
    ("Two German frigates for Peru left Kiel.", "sets-off-for", ("DEU", "PER")),
])
def test_a_rule_switched_off_reads_nothing(catalog, extractor, text, rule, pair):
    assert pair in pairs(read(extractor, text))
    without = Extractor(catalog, nlp=extractor.nlp, disabled_rules={rule})
    assert pair not in pairs(read(without, text))
    other = next(n for n in rule_names("role") if n != rule and n not in ("subject", "to-trigger", "from"))
    assert pair in pairs(read(Extractor(catalog, nlp=extractor.nlp, disabled_rules={other}), text))


def test_an_unknown_rule_is_refused(catalog):
    with pytest.raises(ValueError, match="no such grammar rule: no-such-rule"):
        Extractor(catalog, disabled_rules={"no-such-rule"})


def test_the_code_and_the_rule_file_name_the_same_rules():
    code = "\n".join((SRC / f).read_text(encoding="utf-8") for f in ("roles.py", "assemble.py", "parties.py", "equipment.py",
                                                                     "ellipsis.py", "conjuncts.py", "discourse.py",
                                                                     "pipeline.py", "merge.py",
                                                                     "../resolve/references.py"))
    used = set(re.findall(r"""(?:hit|on)\(\s*["']([a-z0-9-]+)["']""", code))
    used |= set(re.findall(r"""["']([a-z0-9-]+)["'] not in off""", code))
    used |= set(re.findall(r"""fills\.append\(["']([a-z0-9-]+)["']\)""", code))
    assert used - set(load_rules()) == set(), "rules used in code but not in rules.yaml"
    assert set(load_rules()) - used == set(), "rules in rules.yaml that no code reads"


def test_every_rule_says_what_it_reads():
    for rule in load_rules().values():
        assert rule.kind in ("role", "guard", "fill", "frame") and rule.example, rule.name
        if rule.kind in ("guard", "frame"):
            assert rule.role is None, rule.name


@pytest.mark.parametrize("role, frame, named, gives", [
    ({"give": "S", "get": "R"}, "give", None, "S"),
    ({"give": "S", "get": "R"}, "get", None, "R"),
    ({"give": "S", "get": "R"}, "deal", None, None),          # a frame the rule has no role for reads nothing
    ("named", None, "R", "R"),
    ("opposite", None, "S", "R"),
    ("P", "give", None, "P"),
])
def test_a_rule_gives_the_role_its_data_says(role, frame, named, gives):
    assert Rule("r", "role", role, "").gives(frame, named) == gives


def test_every_claim_has_a_confidence_between_0_and_1(extractor):
    text = ("Chile bought two frigates from Britain. Peru is reportedly considering Korean tanks. "
            "Ghana has bought Turkish drones. Kenya ordered six Super Tucano trainers.")
    cs = read(extractor, text)
    assert len(cs) >= 3
    assert all(c.confidence is not None and 0.0 <= c.confidence <= 1.0 for c in cs)
    assert all(json.loads(json.dumps(c.to_json()))["confidence"] == c.confidence for c in cs)


def test_the_confidence_weights_name_only_traces_a_claim_can_have():
    weights = json.loads(WEIGHTS.read_text(encoding="utf-8"))["weights"]
    fixed = {"named", "generic", "hedged", "headline", "no-role", "fills:2+", "undated", "no-origin",
             "origin-agrees", "origin-differs", "long-sentence", "crowded"}
    known = fixed | {f"rule:{r}" for r in load_rules()} | {f"status:{s}" for s in
                                                           ("interest", "negotiating", "ordered", "delivered",
                                                            "cancelled")}
    assert set(weights) <= known
    assert set(features.__code__.co_consts) & fixed       # the fixed traces are the ones features() writes


def test_the_readme_example_of_rules_and_confidence_is_what_the_cli_prints(tmp_path):
    """The README shows a claim's rules and confidence; the example must be what `armsflow extract` prints."""
    import subprocess
    import sys

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    block = readme.split("$ printf '", 1)[1].split("```", 1)[0]
    sentence = block.split("\\n'", 1)[0]
    shown = json.loads(block.strip().splitlines()[-1])
    (tmp_path / "note.txt").write_text(sentence + "\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "armsflow", "extract", "note.txt"], cwd=tmp_path, capture_output=True,
                         text=True, check=True).stdout
    [claim] = [json.loads(line) for line in out.splitlines()]
    assert {k: claim[k] for k in shown} == shown


def test_the_readme_counts_the_rules_the_rule_file_holds():
    """The README says how many named rules there are, and of which kind: the numbers are the rule file's."""
    from collections import Counter

    readme = " ".join((Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8").split())
    said = re.search(r"rules\.yaml` \((\d+): (\d+) role, (\d+) fill, (\d+) guard and (\d+) frame rules", readme)
    assert said, "the README no longer counts the rules"
    kinds = Counter(rule.kind for rule in load_rules().values())
    assert [int(n) for n in said.groups()] == [sum(kinds.values()), kinds["role"], kinds["fill"], kinds["guard"],
                                               kinds["frame"]]
