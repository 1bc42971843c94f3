"""Inline source citations: "(Baltic Monitor, June 2)", "(Andes Wire, March 3; Pacific Post, May 9)"."""
from __future__ import annotations

import re

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_ONE = rf"[^();]{{2,80}}?,\s*(?:{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{4}}|{_MONTH}\s+\d{{4}})"
CITATION = re.compile(rf"\(\s*({_ONE}(?:\s*;\s*{_ONE})*)\s*\)")


def citations(text: str) -> list[tuple[int, int, str]]:
    """(start, end, inner text) of every inline citation in ``text``."""
    return [(m.start(), m.end(), m.group(1).strip()) for m in CITATION.finditer(text)]
