"""What a document has said so far: the last transfer read, for the sentences that lean on it.

"The package also contains: - Six M777 howitzers." and "Lima's suspension of the purchase" state no supplier or
no weapon of their own; they continue the transfer just read. That transfer (a Frame) stays in focus while the text
keeps naming its systems, and fades after a few sentences otherwise.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from armsflow.model import Mention

# "Latvia did the same", "Lithuania followed suit": the transfer just read, again, for another party
SAME_AGAIN = re.compile(r"\b(?:(?:did|does|do|done|doing|will\s+do|would\s+do)\s+(?:the\s+)?same\b(?!\s+(?:with|for|to)\b)|"
                        r"follow(?:s|ed|ing)?\s+(?:suit\b|with\s+(?:an?\s+)?(?:its|their)\s+own\s+(?:order|deal|contract|"
                        r"purchase)\b|with\s+an?\s+(?:order|deal|contract|purchase)\s+of\s+(?:its|their)\s+own\b)|"
                        r"(?:placed|places|signed|signs)\s+(?:a\s+similar|its\s+own|their\s+own)\s+"
                        r"(?:order|deal|contract|agreement)\b)", re.I)
NEAR = 3        # sentences within which a list or a continuation may inherit the frame whole
FOCUS = 6       # sentences within which a frame may lend its weapons or fill one missing side


@dataclass
class Frame:
    """The parties and status of the last transfer read."""
    suppliers: list[str]
    recipients: list[str]
    status: str
    hedged: bool
    sentence: int
    systems: list[tuple[str | None, str, str, str | None]] = field(default_factory=list)  # name, category, text, origin
    year: int | None = None     # the year of the transfer read, for the items a later sentence adds to it
    rule: str | None = None     # the rule that made a frame of a sentence with no weapon ("deal-frame")
    parties: list[str] = field(default_factory=list)   # a deal's two parties, sides untold ("A and B signed a deal")
    subject: str | None = None  # the side ("S", "R") its sentence's subject played: "Peru bought ...": "R"
    sellers: int = 1            # its sentence's suppliers: "jets from France and tanks from Korea": 2
    buyer: str | None = None    # the one state this and the transfer before it went to: the buyer the text follows

    def age(self, index: int) -> int:
        return index - self.sentence


def refresh(frame: Frame, topics: list[set[str]], index: int) -> int:
    """A transfer stays in focus while the text keeps naming its systems ("Akinci entered service in 2021 ...").

    Only the last FOCUS + 1 sentences are looked at: a frame older than FOCUS is out of focus however much older
    it is, so a longer look back changes nothing but would make a long document quadratic."""
    names = {name for name, *_ in frame.systems if name}
    for i in range(index - 1, max(frame.sentence, index - FOCUS - 2), -1):
        if topics[i] & names:
            return i
    return frame.sentence


def anaphor(m: Mention, supplier: str, frame: Frame | None, index: int) -> Mention:
    """A generic noun that refers back to a system just named ("the Su-35s ... the 24 jets") takes its name."""
    if m.kind != "equipment" or frame is None or frame.age(index) > NEAR or supplier not in frame.suppliers:
        return m
    for system, category, _, _ in frame.systems:
        if system and category == m.category:
            return Mention(m.start, m.end, m.text, "system", system, category, m.origin)
    return m
