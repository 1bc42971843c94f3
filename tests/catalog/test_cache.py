"""The compiled catalogue cache (catalog/cache.py): what a process reads from it is what it would have built, a change
to any file it was built from is seen at once, and a cache that cannot be used is no error."""
from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from armsflow.catalog import cache
from armsflow.catalog.gazetteer import Gazetteer, NearMisses, gazetteer_for, near_misses_for
from armsflow.catalog.loader import Catalog, System, load_catalog, _load_cached

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A user catalogue folder and a cache folder of the test's own; the process caches start empty."""
    monkeypatch.setenv("ARMSFLOW_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("ARMSFLOW_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "home" / "catalog").mkdir(parents=True)
    _load_cached.cache_clear()
    yield tmp_path
    _load_cached.cache_clear()


def user_system(home: Path, name: str, origin: str = "FRA") -> None:
    (home / "home" / "catalog" / "systems_user.yaml").write_text(
        f"- {{name: {name}, category: uav, origin: {origin}}}\n", encoding="utf-8")


def entries(home: Path, name: str) -> list[Path]:
    return sorted((home / "cache").glob(f"{name}-*.pickle"))


def test_a_cached_catalogue_is_the_built_one_and_a_changed_user_file_is_seen(home):
    user_system(home, "Zorblax-7")
    built = load_catalog()
    assert "Zorblax-7" in built.systems and len(entries(home, "catalog")) == 1
    _load_cached.cache_clear()
    again = load_catalog()
    assert again is not built and repr(again) == repr(built)

    user_system(home, "Zorblax-9", origin="ITA")              # the user's catalogue changes: a new key
    _load_cached.cache_clear()
    changed = load_catalog()
    assert "Zorblax-9" in changed.systems and "Zorblax-7" not in changed.systems
    assert changed.systems["Zorblax-9"].origin == "ITA"
    assert len(entries(home, "catalog")) == 2

    (home / "home" / "catalog" / "systems_user.yaml").unlink()
    _load_cached.cache_clear()
    assert not any(s.startswith("Zorblax") for s in load_catalog().systems)


def test_the_gazetteer_of_a_catalogue_changed_in_memory_is_built_for_it(home):
    cat = load_catalog(include_user=False)
    gazetteer_for(cat), near_misses_for(cat)
    assert entries(home, "gazetteer") and entries(home, "nearmisses")

    other = Catalog(**{f: dict(v) if isinstance(v, dict) else list(v) for f, v in vars(cat).items()})
    other.systems["Quibblefant-12"] = System("Quibblefant-12", "uav", "FRA")
    gaz = gazetteer_for(other)
    assert gaz.catalog is other
    assert [m.key for m in gaz.find("six Quibblefant-12 drones") if m.kind == "system"] == ["Quibblefant-12"]
    assert near_misses_for(other).lookup("Quibblefant-13") is None          # digits differ: no slip
    assert near_misses_for(other).lookup("Quibblefamt-12") == "Quibblefant-12"
    assert len(entries(home, "gazetteer")) == 2


def test_an_unpickled_gazetteer_finds_what_a_built_one_finds(home):
    cat = load_catalog(include_user=False)
    text = "Ruritania bought Su-35s, Pantsir-S1 systems and a CH92 drone from the U.S. and New Mexico."
    fresh = Gazetteer(cat).find(text)
    loaded = cache.built_from(Gazetteer, cat, "gazetteer", ["test"])        # built and stored
    reread = cache.built_from(Gazetteer, cat, "gazetteer", ["test"])        # read back
    assert reread is not loaded and reread.catalog is cat
    assert loaded.find(text) == fresh == reread.find(text) and fresh
    near = cache.built_from(NearMisses, cat, "nearmisses", ["test"])
    assert near.catalog is cat and near.lookup("Rafalle") == NearMisses(cat).lookup("Rafalle") == "Rafale"


def test_a_cache_that_cannot_be_written_read_or_trusted_is_passed_over(home, monkeypatch):
    blocker = home / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("ARMSFLOW_CACHE_DIR", str(blocker / "cache"))      # cannot be made: built in memory
    assert "F-16" in load_catalog(include_user=False).systems
    assert cache.cached("thing", "k", lambda: {"built": 1}) == {"built": 1}

    monkeypatch.setenv("ARMSFLOW_CACHE_DIR", str(home / "cache"))
    assert cache.cached("thing", "k", lambda: {"built": 2}) == {"built": 2}
    assert cache.cached("thing", "k", lambda: {"built": 3}) == {"built": 2}     # stored, then read
    path = home / "cache" / "thing-k.pickle"

    path.write_bytes(path.read_bytes()[:10])                               # truncated: rebuilt and rewritten
    assert cache.cached("thing", "k", lambda: {"built": 4}) == {"built": 4}
    assert cache.cached("thing", "k", lambda: {"built": 5}) == {"built": 4}

    path.write_bytes(pickle.dumps(["a list"]))                             # not what was asked for
    assert cache.cached("thing", "k", lambda: {"built": 6}, dict) == {"built": 6}

    path.write_bytes(pickle.dumps({"planted": True}))                      # writable by others: never unpickled
    os.chmod(path, 0o666)
    assert cache.cached("thing", "k", lambda: {"built": 7}) == {"built": 7}

    monkeypatch.setenv("ARMSFLOW_CACHE_DIR", "")                           # turned off
    assert cache.cache_dir() is None
    assert cache.cached("other", "k", lambda: 8) == 8
    assert not list((home / "cache").glob("other-*"))


def test_old_entries_are_pruned(home):
    for k in range(cache.KEEP + 3):
        cache.cached("thing", f"k{k}", lambda: k)
    assert len(entries(home, "thing")) == cache.KEEP


def test_extract_sees_a_user_catalogue_change_between_runs(home, tmp_path):
    text = tmp_path / "note.txt"
    text.write_text("Chile bought six Zorblax-7 drones from France in 2021.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}

    def systems():
        out = subprocess.run([sys.executable, "-m", "armsflow", "extract", str(text)], capture_output=True,
                             text=True, env=env, timeout=300)
        assert out.returncode == 0, out.stderr
        return [json.loads(line)["system"] for line in out.stdout.splitlines()]

    assert systems() == [None]                    # an unknown name: the generic "drones" only
    user_system(home, "Zorblax-7")
    assert systems() == ["Zorblax-7"]
    assert systems() == ["Zorblax-7"]             # now from the cache
    user_system(home, "Zorblax-8")
    assert systems() == [None]
