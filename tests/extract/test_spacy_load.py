"""Loading the spaCy pipeline leaves PyTorch out (extract/pipeline.py: import_spacy): every process that extracts,
each distributed worker included, would otherwise import torch through thinc for nothing. A fresh interpreter per
test, since the question is what an import does to sys.modules."""
from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

LOAD = """
import sys
from armsflow.extract.pipeline import load_nlp
nlp = load_nlp()
doc = nlp("Serbia bought six drones from China.")
print("torch" in sys.modules, [t.dep_ for t in doc][:2])
"""

AFTER = LOAD + """
from armsflow.fuse.embed import load_embedder
vecs = load_embedder().encode(["Serbia bought drones.", "Belgrade purchased drones."])
print(vecs.shape, round(float(vecs[0] @ vecs[1]), 2) > 0.5)
"""


def run(code: str) -> list[str]:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.strip().splitlines()


def test_the_pipeline_loads_and_parses_without_importing_torch():
    if importlib.util.find_spec("torch") is None:
        pytest.skip("torch is not installed here, so there is nothing to keep out")
    assert run(LOAD) == ["False ['nsubj', 'ROOT']"]


def test_the_sentence_embedder_still_loads_torch_afterwards():
    from armsflow.fuse.embed import _problem

    if _problem():
        pytest.skip(f"no sentence embedder: {_problem()}")
    assert run(AFTER) == ["False ['nsubj', 'ROOT']", "(2, 384) True"]


CLI = """
import sys
from armsflow.extract.nlp import import_spacy, load_nlp
spacy = import_spacy()
nlp = load_nlp()
print(any(m.startswith("spacy.cli") for m in sys.modules), [t.dep_ for t in nlp("Peru received two jets.")][:2])
print(callable(spacy.cli.download), sorted(spacy.info()) == sorted(__import__("spacy.cli.info").cli.info()))
"""


def test_the_pipeline_loads_without_the_spacy_command_line_which_still_works_on_use():
    assert run(CLI) == ["False ['nsubj', 'ROOT']", "True True"]
