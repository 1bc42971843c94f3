"""A parsed sentence with the catalogue mentions aligned to its tokens.

Everything the grammar needs to ask of a sentence ("is this token part of a weapon mention?", "which actor is
this?") is answered here once, so the role and status rules read as grammar, not as offset arithmetic.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from armsflow.model import Mention

# nouns that stand for a state's (or group's) institutions: "the Nigerian Army", "Saudi Arabia's Defense Ministry"
ORG_NOUNS = frozenset({
    "army", "navy", "force", "forces", "military", "militaries", "ministry", "government", "troops", "marines",
    "guard", "junta", "authorities", "administration", "regime", "rulers", "department", "command", "corps",
    "company", "firm", "manufacturer", "shipbuilder", "shipyard", "yard", "dockyard", "builder", "producer", "maker",
    "industry", "industries", "contractor", "agency",
    "militia", "fighters", "rebels", "group", "state", "country", "nation", "kingdom", "republic", "side",
    "counterpart", "counterparts", "officials", "service", "services", "unit", "units", "defence", "defense",
    "establishment", "arsenal", "arsenals", "fleet", "inventory", "personnel", "soldiers", "coast",
    # the state's holdings weapons are drawn from: "delivered from Belarusian stocks", "from Polish army reserves"
    "inventories", "stock", "stocks", "stockpile", "stockpiles", "reserve", "reserves", "surplus", "depot", "depots",
    # officials speak and sign for their state: "British Defence Secretary Ben Wallace announced ..."
    "secretary", "minister", "president", "premier", "chancellor", "envoy", "delegation", "leader", "chief",
    "centre", "center", "academy", "school", "base", "garrison", "brigade", "division", "regiment", "squadron",
    # organs that decide for their state: "Poland's parliament approved the purchase", "Qatar's emir"
    "parliament", "cabinet", "council", "legislature", "senate", "emir", "king", "sultan",
})
# what a state holds: "Egypt's arsenal includes Russian MiG-29 jets" says what it has, as "Egypt has" does
HOLDINGS = frozenset({"fleet", "inventory", "arsenal", "stock", "stockpile", "holding", "holdings"})


def holds(verb, content_verbs) -> bool:
    """Is ``verb`` "includes"/"comprises" with a state's holdings as its subject ("the navy's fleet includes ...")?"""
    return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in content_verbs and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in HOLDINGS for c in verb.children)


# a state named by the tie to it, by its adjective only: "will supply launchers to our Armenian partners" is Armenia,
# but "Fincantieri's partner" is some other firm
TIE_NOUNS = frozenset({"partner", "partners", "ally", "allies", "friend", "friends"})


@dataclass
class Sentence:
    """One sentence: its spaCy doc, its offset in the document, and its mentions by token."""
    doc: object                       # spacy.tokens.Doc of the sentence alone
    start: int                        # character offset of the sentence in the document text
    mentions: list[Mention]           # sentence-relative offsets
    spans: list = field(default_factory=list)         # token span per mention
    by_token: dict[int, int] = field(default_factory=dict)   # token index -> mention index
    # the text, read once: spaCy's Doc.text joins every token again at each call
    text: str = ""

    @classmethod
    def build(cls, sdoc, start: int, mentions: list[Mention]) -> "Sentence":
        s = cls(sdoc, start, mentions, text=sdoc.text)
        for idx, m in enumerate(mentions):
            span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
            s.spans.append(span)
            if span is None:
                continue
            for t in span:
                s.by_token.setdefault(t.i, idx)
        return s

    def mention_at(self, tok) -> Mention | None:
        idx = self.by_token.get(tok.i)
        return None if idx is None else self.mentions[idx]

    def index_at(self, tok) -> int | None:
        return self.by_token.get(tok.i)

    def is_equipment(self, tok) -> bool:
        m = self.mention_at(tok)
        return m is not None and m.is_equipment


def join_hyphenated(nlp, lex) -> None:
    """Keep the lexicon's hyphenated words whole ("re-exported", "re-export"): the tokenizer splits them at the
    hyphen, and the parser then reads "re" as the verb. Each form becomes one token with the lexicon's lemma."""
    from spacy.symbols import NORM, ORTH

    lemma_of = {}
    for lemma in (*lex.verbs, *lex.nouns):
        if "-" in lemma:
            for form in lex.forms(lemma):
                lemma_of[form] = lemma
    if not lemma_of:
        return
    for form in lemma_of:
        for variant in (form, form.capitalize()):
            # the tagger reads a token by its norm: an unknown "licence-built" is tagged an adjective, while its
            # norm "built" (the part after the last hyphen) is tagged the verb it is
            nlp.tokenizer.add_special_case(variant, [{ORTH: variant, NORM: form.rsplit("-", 1)[-1]}])
    if "attribute_ruler" in nlp.pipe_names:     # the lemmatiser keeps a lemma set before it
        ruler = nlp.get_pipe("attribute_ruler")
        for form, lemma in lemma_of.items():
            ruler.add([[{"LOWER": form}]], {"LEMMA": lemma})
