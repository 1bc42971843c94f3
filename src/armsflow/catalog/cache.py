"""The compiled catalogue kept between runs, so that a process does not parse YAML and build automata on every start.

Reading the catalogue's YAML, building the gazetteer's automaton and the near-miss index, and reading the English
word list out of the spaCy model cost about half a second of every ``armsflow extract``; unpickled, the same objects
take a tenth of that. Each is stored in the user's cache folder (``$ARMSFLOW_CACHE_DIR``, else
``$XDG_CACHE_HOME/armsflow``, else ``~/.cache/armsflow``; ``ARMSFLOW_CACHE_DIR=`` with no value turns it off) under a
key that hashes everything it is built from: the bytes of the data files (the shipped ones and the user's
catalogue), the source of the code that builds it, and the Python version. A changed file is a new key, so a stale
entry is never read, only left to be pruned.

The cache is a convenience, never a requirement: a folder that cannot be made or written, a file that cannot be
read or unpickled, or one that another user could have written (a pickle runs code when loaded) is passed over
silently and the object is built in memory as before.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
FORMAT = b"armsflow-catalog-cache 1"
KEEP = 4                    # entries kept per name: the shipped and the user catalogue, and a change or two


def cache_dir() -> Path | None:
    """Where compiled objects are kept; None when caching is turned off."""
    configured = os.environ.get("ARMSFLOW_CACHE_DIR")
    if configured is not None:
        return Path(configured).expanduser() if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "armsflow"


def fingerprint(files: Iterable[Path] = (), texts: Iterable[str] = ()) -> str:
    """A key for what is built from ``files`` (a folder: its regular files, not its subfolders) and ``texts``."""
    h = hashlib.blake2b(FORMAT, digest_size=16)
    h.update(f"{sys.implementation.name} {sys.version_info[:3]}".encode())
    for path in files:
        members = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
        h.update(f"\0{path}\0{len(members)}".encode())
        for p in members:
            try:
                data = p.read_bytes()
            except OSError:
                data = b"\0unreadable"
            h.update(f"\0{p.name}\0{len(data)}\0".encode())
            h.update(data)
    for text in texts:
        h.update(b"\0" + text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def source_of(*modules) -> str:
    """The source text of ``modules`` (module objects), for a key: new code builds new objects."""
    return "\0".join(Path(m.__file__).read_text(encoding="utf-8") for m in modules)


def cached(name: str, key: str, build: Callable[[], T], kind: type | tuple[type, ...] = object) -> T:
    """The object stored as ``name`` under ``key``, or ``build()``, stored for the next process."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{key}.pickle"
    found = _read(path, kind)
    if found is not None:
        return found
    value = build()
    _write(folder, path, value, name)
    return value


def _read(path: Path, kind):
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o022):
                return None                 # not written by this user alone: never unpickled
            value = pickle.load(fh)
    except Exception:                       # absent, unreadable, truncated, from other code: build instead
        return None
    return value if isinstance(value, kind) else None


def _write(folder: Path, path: Path, value, name: str) -> None:
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)               # whole or not at all, also for a process reading meanwhile
        tmp = None
        _prune(folder, name, keep=path)
    except Exception:                       # read-only, full, or a value that does not pickle: no cache
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _prune(folder: Path, name: str, keep: Path) -> None:
    """Drop all but the KEEP most recent entries of ``name``."""
    entries = []
    for p in folder.glob(f"{name}-*.pickle"):
        try:
            entries.append((p.stat().st_mtime, p))
        except OSError:
            pass
    entries.sort(reverse=True)
    for _, p in entries[KEEP:]:
        if p != keep:
            try:
                p.unlink()
            except OSError:
                pass


def catalog_digest(cat) -> str:
    """A key for objects built from a catalogue: its whole content (a catalogue changed in memory is another)."""
    return hashlib.blake2b(repr(cat).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def built_from(kind: type, cat, name: str, texts: Iterable[str]):
    """``kind(cat)`` through the cache. Stored without the catalogue it points to (``catalog``), which is ``cat``
    again on load; keyed by the catalogue's content, so a catalogue changed in memory gets its own."""
    folder = cache_dir()
    if folder is None:
        return kind(cat)
    path = folder / f"{name}-{fingerprint(texts=[catalog_digest(cat), *texts])}.pickle"
    state = _read(path, dict)
    if state is not None and state.pop("__kind__", None) == kind.__qualname__:
        made = kind.__new__(kind)
        vars(made).update(state)
    else:
        made = kind(cat)
        state = {k: v for k, v in vars(made).items() if k != "catalog"}
        _write(folder, path, {**state, "__kind__": kind.__qualname__}, name)
    made.catalog = cat
    return made
