"""What a record is about: a system family ("CH-92A" and "CH-92" are one), or a category for generic claims."""
from __future__ import annotations

import re
from functools import lru_cache

from armsflow.catalog.gazetteer import Gazetteer


def _norm(s: str) -> str:
    return re.sub(r"[^0-9a-z]", "", s.lower())


class Families:
    """Maps a system name as written to its catalogue entry, so variants fuse into one record."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.names = {_norm(n): n for n in gazetteer.catalog.systems}
        self._cache = lru_cache(maxsize=4096)(self._family)

    def family(self, system: str | None, category: str) -> str:
        if not system:
            return category
        return self._cache(system)

    def _family(self, system: str) -> str:
        key = system
        for m in self.gazetteer.find(system):
            if m.kind == "system":
                key = m.key
                break
        n = _norm(key)
        if n in self.names:
            return self.names[n]
        # a variant as written ("T-72B3"): the longest catalogue name it extends
        best = max((k for k in self.names if n.startswith(k) and len(k) >= 3), key=len, default=None)
        return self.names[best] if best else key
