"""The units a sentence is parsed in: its clauses, where English sets independent clauses side by side with a
semicolon, a colon or a dash, or sets one off as an aside between dashes or in brackets.

spaCy's small model reads "Chile ordered jets from Sweden; Peru has tanks from Korea." as one tree, and a wrong one:
the first clause becomes a complement of the second clause's verb (as in "..., Peru said"), and the parties of one
transfer are then read as those of the other. Here a sentence with such a mark is looked at again: each side is
parsed alone, and where both sides are clauses (a finite verb with a subject of its own, not a relative pronoun),
their parses are joined into one tree of the whole sentence. A later clause, or an aside, hangs on the first
clause's verb as ``parataxis``, the relation it has in English, so the extractor still reads one sentence (one
index, its text and offsets, its citation, its frame and memory) with the clause walls it already knows
(``parties.separate_clauses``, ``assemble._walled_off``).

What is no clause stays with the clause before it: a list ("buyers: Chile (2021); Peru (2023)"), an apposition
("one buyer - Peru, its oldest client"), a gapped clause ("Chile ordered jets; Peru, tanks"). So does what a speech
verb introduces ("the minister said: ..."), and nothing inside quotation marks or brackets is cut.
"""
from __future__ import annotations

from dataclasses import dataclass, field

DASHES = frozenset({"-", "--", "\u2013", "\u2014", "\u2015"})
_OPEN = {"(": ")", "[": "]"}
_QUOTES = frozenset({'"', "\u201c", "\u201d"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_TENSED = _FINITE | {"VBN"}           # a past tense may be tagged a participle
_RELATIVE = frozenset({"WDT", "WP", "WP$"})
_WH = frozenset({"WDT", "WP", "WP$", "WRB"})
_NEGATIONS = frozenset({"not", "n't", "n\u2019t"})
_COORDINATORS = frozenset({"and", "but", "or", "yet", "while", "whereas", "so"})


@dataclass
class Plan:
    """How one sentence was parsed: its clauses in order (token indices, without the marks between them), the
    marks, and the asides set off inside them; ``parsed`` holds each unit's own parse, in ``pieces()`` order."""
    groups: list[list[int]]
    seps: list[int] = field(default_factory=list)       # the mark before each later group
    asides: list[tuple[int, int]] = field(default_factory=list)   # (opening mark, closing mark) token indices
    commas: set[int] = field(default_factory=set)       # closing marks the main line reads as a comma ("- and")
    parsed: list = field(default_factory=list)

    def pieces(self) -> list[list[int]]:
        return [*self.groups, *([*range(a + 1, b)] for a, b in self.asides)]


def _dash(doc, i: int) -> bool:
    """A dash between words, not a hyphen: spaced, or an em dash."""
    t = doc[i]
    if t.text not in DASHES:
        return False
    if t.text in ("\u2014", "\u2015", "--"):
        return True
    return bool(t.whitespace_) and i > 0 and bool(doc[i - 1].whitespace_)


def is_clause(unit, speech_verbs=frozenset()) -> bool:
    """Is a parsed unit an independent clause: is its root (or a conjunct of it) a finite verb with a subject of
    its own before it? Not "long seen as the best tank the army has bought" (the subject's verb is a clause
    inside), "until it was sold" (a subordinate clause), "Peru by ten, officials said" (a list and who said it)."""
    for t in unit:
        if t.dep_ not in ("nsubj", "nsubjpass", "expl") or t.tag_ in _RELATIVE or t.lower_ in _NEGATIONS:
            continue                    # "hasn’t" with a curly apostrophe: its "n’t" may be read as a subject
        v = t.head
        main = v.head.i == v.i or v.dep_ == "conj" and v.head.head.i == v.head.i
        if not main or any(c.dep_ == "mark" for c in v.children if c.i < t.i) or \
                any(u.tag_ in _WH for u in unit[:t.i]):
            continue                    # "until it was sold", "of which it is a member", "when it ended"
        if v.lemma_.lower() in speech_verbs and any(
                c.dep_ in ("nsubj", "nsubjpass") and c.left_edge.i > 0 and unit[c.left_edge.i - 1].text == ","
                for c in v.children):
            continue                    # "..., officials said": who said it, after what was said
        aux = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
        # "Lima paid in cash" alone may be tagged a participle (VBN); with an active subject and no auxiliary, it is
        # the past tense
        if v.i > t.i and v.pos_ in ("VERB", "AUX") and (v.tag_ in _FINITE or any(c.tag_ in _FINITE for c in aux) or
                                                        v.tag_ == "VBN" and t.dep_ == "nsubj" and not aux):
            return True
    return False


def _verbal(doc, tokens) -> bool:
    """Could ``tokens`` be a clause at all, by the whole sentence's tags (a cheap test before parsing them)?"""
    return len(tokens) >= 2 and any(doc[i].tag_ in _TENSED for i in tokens)


def marks(doc) -> tuple[list[int], list[tuple[int, int]]]:
    """The semicolons, colons and dashes outside brackets and quotes, and the brackets (outermost) outside quotes."""
    depth, quoted, opened = 0, False, -1
    closes: list[str] = []
    seps: list[int] = []
    brackets: list[tuple[int, int]] = []
    for t in doc:
        w = t.text
        if w in _QUOTES:
            quoted = not quoted if w == '"' else w == "\u201c"
        elif w in _OPEN:
            if depth == 0:
                opened = t.i
            depth += 1
            closes.append(_OPEN[w])
        elif closes and w == closes[-1]:
            closes.pop()
            depth -= 1
            if depth == 0 and not quoted:
                brackets.append((opened, t.i))
        elif not (depth or quoted) and (w in (";", ":") or _dash(doc, t.i)):
            seps.append(t.i)
    return ([], []) if depth or quoted else (seps, brackets)


def plan(doc, parse, speech_verbs=frozenset()) -> Plan | None:
    """The clause units of a parsed sentence, each parsed alone by ``parse`` (token lists -> parsed Docs), or None
    when the sentence is read in one piece."""
    n = len(doc)
    seps, brackets = marks(doc)
    if n < 6 or not (seps or brackets):
        return None
    dashes = [i for i in seps if doc[i].text not in (";", ":")]
    # dashes in pairs set off an aside, unless the second one only closes the sentence; a pair around what is no
    # clause ("three systems - the K9, the K2 and a radar - were ordered") is an apposition, and no cut either
    candidates = list(brackets)
    paired: set[int] = set()
    for a, b in zip(dashes[::2], dashes[1::2]):
        if any(u.is_alpha or u.is_digit for u in doc[b + 1:]) and not any(s in seps for s in range(a + 1, b)):
            candidates.append((a, b))
            paired |= {a, b}
    candidates = sorted(c for c in candidates if _verbal(doc, range(c[0] + 1, c[1])))
    inner = parse([list(range(a + 1, b)) for a, b in candidates]) if candidates else []
    asides = [(c, u) for c, u in zip(candidates, inner) if is_clause(u, speech_verbs)]
    # "Chile bought jets - the first came in May - and Peru is eyeing the type": without its aside the line reads
    # as "Chile bought jets, and Peru ...": the closing mark stays in it as that comma
    commas = {b for (a, b), _ in asides if b + 1 < n and doc[b + 1].lower_ in _COORDINATORS}
    hidden = {i for (a, b), _ in asides for i in range(a, b + 1)} - commas
    cuts = {i for i in seps if i not in paired and i not in hidden}
    segments: list[list[int]] = [[]]
    between: list[int] = []
    for i in range(n):
        if i in cuts:
            segments.append([])
            between.append(i)
        elif i not in hidden:
            segments[-1].append(i)
    verbal = [k for k, seg in enumerate(segments) if _verbal(doc, seg)]
    own = dict(zip(verbal, parse([segments[k] for k in verbal], commas))) if len(verbal) > 1 else {}
    # a segment that is no clause stays with the clause before it (or after it, if the sentence opens with it)
    groups: list[list[int]] = []
    parsed: list = []
    seps_kept: list[int] = []
    pending: list[int] = []
    for k, seg in enumerate(segments):
        mark = between[k - 1] if k else None
        unit = own.get(k)
        clause = unit is not None and is_clause(unit, speech_verbs)
        if clause and groups and doc[mark].text == ":" and _reports(doc, groups[-1], speech_verbs):
            clause = False              # "The ministry said: ...": the colon opens what was said
        if clause and groups:
            groups.append(seg)
            parsed.append(unit)
            seps_kept.append(mark)
        elif clause:
            groups.append([*pending, *([mark] if mark is not None else []), *seg])
            parsed.append(unit if not pending else None)
            pending = []
        elif groups:
            groups[-1].extend([mark, *seg])
            parsed[-1] = None
        else:
            pending.extend([*([mark] if mark is not None else []), *seg])
    if not groups:
        if not asides:
            return None
        groups, parsed = [sorted(pending)], [None]
    elif pending:
        groups[-1].extend(pending)
        parsed[-1] = None
    groups = [sorted(g) for g in groups]
    if len(groups) == 1 and not asides:
        return None
    redo = [k for k, u in enumerate(parsed) if u is None]
    for k, u in zip(redo, parse([groups[k] for k in redo], commas)):
        parsed[k] = u
    if len(groups) == 1 and not is_clause(parsed[0], speech_verbs):
        return None                     # an aside beside no clause: "Chile's new jets (it bought six) ..."
    return Plan(groups, seps_kept, [c for c, _ in asides], commas, [*parsed, *(u for _, u in asides)])


def _reports(doc, tokens, speech_verbs) -> bool:
    return any(doc[i].lemma_.lower() in speech_verbs and doc[i].pos_ == "VERB" for i in tokens)


def piece_doc(doc, tokens, commas=frozenset()):
    """The tokens of a unit as a Doc of their own (the sentence's tokens, so nothing to align)."""
    from spacy.tokens import Doc

    words = ["," if i in commas else doc[i].text for i in tokens]
    spaces = [bool(doc[i].whitespace_) for i in tokens]
    for k in range(len(tokens) - 1):
        if tokens[k + 1] != tokens[k] + 1:
            spaces[k] = True            # "... from Korea - the first came in 2022 - and ...": the gap is a space
    if spaces:
        spaces[-1] = False
    return Doc(doc.vocab, words=words, spaces=spaces)


def splice(doc, p: Plan) -> object:
    """One Doc of the whole sentence: each unit's own parse, the later clauses and the asides hung on the first
    clause as ``parataxis``, the marks between them as its punctuation."""
    from spacy.tokens import Doc

    heads = [t.head.i for t in doc]
    deps = [t.dep_ for t in doc]
    tags = [t.tag_ for t in doc]
    pos = [t.pos_ for t in doc]
    morphs = [str(t.morph) for t in doc]
    lemmas = [t.lemma_ for t in doc]
    roots: list[int] = []
    for tokens, pdoc in zip(p.pieces(), p.parsed):
        for j, pt in enumerate(pdoc):
            i = tokens[j]
            heads[i], deps[i] = tokens[pt.head.i], pt.dep_
            if i not in p.commas:       # a closing mark read as a comma keeps its own word's tags
                tags[i], pos[i], morphs[i], lemmas[i] = pt.tag_, pt.pos_, str(pt.morph), pt.lemma_
        own = [t for t in pdoc if t.head.i == t.i]
        root = max(own, key=lambda t: (t.pos_ in ("VERB", "AUX"), len(list(t.subtree)), -t.i))
        roots.append(tokens[root.i])
    first = roots[0]
    for k, mark in enumerate(p.seps):
        later = roots[k + 1]
        heads[later], deps[later] = first, "parataxis"
        heads[mark], deps[mark] = roots[k], "punct"
    for (a, b), root in zip(p.asides, roots[len(p.groups):]):
        anchor = _verb_above(a - 1, heads, pos) if a > 0 else first
        if anchor is None or a <= anchor <= b:
            anchor = first
        heads[root], deps[root] = anchor, "parataxis"
        for mark in (a, b):
            if mark not in p.commas:
                heads[mark], deps[mark] = root, "punct"
    return Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc], tags=tags,
               pos=pos, morphs=morphs, lemmas=lemmas, heads=heads, deps=deps)


def _verb_above(i: int, heads: list[int], pos: list[str]) -> int | None:
    """The nearest verb on the way from token ``i`` up to its root (or the root)."""
    for _ in range(len(heads)):
        if pos[i] in ("VERB", "AUX") or heads[i] == i:
            return i
        i = heads[i]
    return None


def clause_units(doc, nlp, speech_verbs=frozenset()):
    """``doc`` (a parsed sentence) parsed clause by clause where its marks set clauses apart, else None."""
    def parse(units, commas=frozenset()):
        return list(nlp.pipe(piece_doc(doc, t, commas) for t in units))

    p = plan(doc, parse, speech_verbs)
    return None if p is None else splice(doc, p)
