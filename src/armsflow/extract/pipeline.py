"""Document in, transfer claims out: gate, parse, read roles, assemble claims, merge per document.

Order of work, cheapest first: a rule sentence splitter; one gazetteer pass (a block of sentences at a time); a
gate that keeps only sentences with a weapon term, an actor (or a reference back to one) and a transfer word; only
those reach spaCy, a batch at a time as they are read; one whose clauses stand side by side with a semicolon, colon
or dash, or with an aside between dashes or brackets, is parsed again clause by clause into one tree of the same
sentence (extract/units.py). Claims are then assembled sentence by sentence in reading
order, because a sentence may lean on the one before it ("The package also contains: - Six M777 howitzers.", "Both
states have shown interest ...").

Web text comes with a page around the story (extract/webtext.py): link lists of other headlines, tags, share lines
and the withdrawn words of a correction are read by nobody; captions, background boxes, corrections, updates and an
interviewer's questions are read, and marked, so that the merge knows how much each may say; a table rendered as
text gives its claims row by row, without parsing.

A per-document time limit (``Extractor.time_limit`` seconds, or a ``deadline`` given to ``extract``) is checked
between sentences, in both passes: a pathological document raises :class:`ExtractionTimeout`, which the caller
reports as one line, instead of holding the run (and a web request) for as long as it takes.
"""
from __future__ import annotations

import re
import time
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain

from armsflow.catalog import Catalog, load_catalog
from armsflow.catalog.gazetteer import fold, gazetteer_for, near_misses_for
from armsflow.extract.assemble import Place, SentenceClaims
from armsflow.extract.citation import citations
from armsflow.extract.confidence import confidence, crowds
from armsflow.extract.context import FOCUS, NEAR, SAME_AGAIN, refresh
from armsflow.extract.discourse import DiscourseMemory
from armsflow.extract.grammar import load_rules
from armsflow.extract.headline import reparse, verbs_of
from armsflow.extract.lexicon import Lexicon, load_lexicon
from armsflow.extract.mentions import DATELINE, sentence_mentions, shifted, slip_mentions
from armsflow.extract.merge import merge_claims
from armsflow.extract.nlp import load_nlp
from armsflow.extract.parallel import ParsePool, can_fork
from armsflow.extract.sentences import split_sentences
from armsflow.extract.tokens import Sentence
from armsflow.extract.units import clause_units
from armsflow.extract.webtext import Table, answer_stance, furniture, interview_answer, split_at, status_word, tables
from armsflow.extract.when import resolution_spans, written_year
from armsflow.model import Claim, Document, Mention
from armsflow.resolve.references import HOME_REACH, state_forms

EXTRACTOR_VERSION = "0.2.0"
_CONTINUES = re.compile(r"\b(?:includes|included|include|comprises|comprised|consists|contains|covers)\b")
_MADE = re.compile(r"\w made\b|\b(?:made|produced|built|manufactured|supplied) by\b")
PARALLEL_CHARS = 40_000       # a text this long is parsed by worker processes (if any): forking two costs ~20 ms
GAZETTEER_BLOCK = 256_000     # characters of whole sentences looked up at once: any article, a tenth of a yearbook
_DEMONSTRATIVE = re.compile(r"\b(?:these|those)\b")
_FOR_TO = re.compile(r"\b(?:for|to)\b|^[^:]{2,40}:.*\bfrom\b", re.I)
# "Deliveries began in 2023", "The first of them arrived in May", "They were handed over in March": the deliveries
# of the transfer just read, told with no weapon and no party
_DELIVERED_BACK = re.compile(r"^\W*(?:the\s+)?(?:(?:first|initial|final|last|second)\s+)?(?:deliver(?:y|ies)|"
                             r"shipments?|handovers?)\b|\bof\s+(?:them|these|those)\b|^\W*they\b")
_BULLET = ("-", "\u2022", "*", "\u2013", "\u25aa", "\u00b7")
# "Poland: 96 Apache helicopters from the US.": a factbox line that opens on a name and a colon or dash
_TOPIC_LINE = re.compile(r"^\W*[A-Z][\w .'-]{1,40}?\s*([:\u2013\u2014]|\s-)\s")
_TERMINAL = (".", "!", "?", '"', "\u201d", ":", ")")
# what may set clauses apart (extract/units.py): a semicolon, colon, bracket, or a dash, not a hyphen ("F-16")
_UNIT_MARKS = re.compile("[;:(\\[\u2014\u2015]|--|\\s[-\u2013]\\s")


class ExtractionTimeout(Exception):
    """The document's time budget ran out; the message is the problem, for a line naming the document."""


def _check(deadline: float | None, limit: float | None) -> None:
    if deadline is not None and time.monotonic() > deadline:
        raise ExtractionTimeout(f"extraction stopped after {limit:g} s (the seconds limit)" if limit else
                                "extraction stopped at its deadline (the seconds limit)")


@dataclass
class _Pending:
    """A sentence that passed the gate, waiting for its parse."""
    index: int
    start: int
    end: int
    mentions: list[Mention]
    list_item: bool
    text: str
    headline: bool = False
    before_list: bool = False       # the next sentence heads a list ("It includes:")
    prior_year: int | None = None   # the one year the sentence before writes ("In 2018 ... Two years later, ...")
    aside: str | None = None        # what the page made it (extract/webtext.py): aside (a caption), background,
                                    # corrected, updated, asked (an interviewer's question)


class Extractor:
    """Reusable extractor: build once (catalogue automaton, spaCy model), then call ``extract`` per document."""

    version = EXTRACTOR_VERSION

    def __init__(self, catalog: Catalog | None = None, nlp=None, time_limit: float | None = None,
                 disabled_rules: frozenset[str] | set[str] = frozenset(), parse_workers: int = 1):
        unknown = set(disabled_rules) - set(load_rules())
        if unknown:
            raise ValueError(f"no such grammar rule: {', '.join(sorted(unknown))} (see extract/rules.yaml)")
        self.disabled_rules = frozenset(disabled_rules)   # switched off, to measure what they contribute
        self.catalog = catalog if catalog is not None else load_catalog()
        self.gazetteer = gazetteer_for(self.catalog)
        self.near_misses = near_misses_for(self.catalog)     # designations written with a one-letter slip
        self._regions = {g.slug: frozenset(g.members) for g in self.catalog.groups.values() if g.kind == "region"}
        # "the kingdom" may name only a state whose official name does not say it is something else
        self._forms = {c: state_forms([st.name, *st.aliases]) | ({"island"} if st.island else set())
                       for c, st in self.catalog.states.items()}
        # "IAF" in a paper of India's: the first letters of a state's names, for its services' acronyms
        self._initials = {c: frozenset(n[0] for n in (st.name, *st.adjectives) if n[:1].isupper())
                          for c, st in self.catalog.states.items()}
        self.lex: Lexicon = load_lexicon()
        self._headline_verbs = verbs_of(self.lex)
        # "Under the contract, 40 tanks will be delivered": a sentence that continues the deal just read
        # "Stinger Block I missiles": the parser reads the roman numeral as the pronoun and "missiles" as its verb; it
        # is parsed as the figure it stands for (the same length, so every offset holds)
        self._series_i = re.compile(r"\b((?i:%s)\.? )I\b(?!')" % "|".join(
            map(re.escape, self.lex.word_classes["series_words"])))
        self._under_deal = re.compile(r"\b(?:under|as part of) (?:(?:the|this|that) (?:%s)|it,)" % "|".join(
            sorted(self.lex.word_classes["deal_nouns"])))
        # "The contract covers 40 tanks": a sentence that opens on the deal just read and lists what it includes
        self._deal_opens = re.compile(r"^\W*(?:the|this|that) (?:%s)\b[^.;]{0,40}?%s" % ("|".join(
            sorted(self.lex.word_classes["deal_nouns"])), _CONTINUES.pattern))
        self._deal_ends = re.compile(r"\b(?:the|this|that) (?:%s)s?\b" % "|".join(
            sorted({*self.lex.word_classes["deal_nouns"], "talk", "negotiation", "sale", "purchase"})))
        # "exports of Wescam sensors": a component noun named by its maker is equipment enough to read on
        self._component_words = re.compile(r"\b(?:%s)s?\b" % "|".join(sorted(self.lex.component_nouns)))
        self._nlp = nlp
        self.time_limit = time_limit       # seconds per document (None: no limit)
        # processes that parse a long document's sentences (extract/parallel.py); 1: all in this process
        self.parse_workers = parse_workers

    @property
    def nlp(self):
        if self._nlp is None:
            self._nlp = load_nlp()
        return self._nlp

    def is_party(self, code: str | None) -> bool:
        return code is not None and self.catalog.is_actor(code)

    def extract(self, doc: Document, deadline: float | None = None) -> list[Claim]:
        """The document's claims; ExtractionTimeout past ``deadline`` (``time.monotonic()``; default: now plus
        ``time_limit``), checked between sentences."""
        limit = self.time_limit
        if deadline is None and limit:
            self.nlp                            # loading the model (seconds, once) is not the document's time
            deadline = time.monotonic() + limit
        memory = DiscourseMemory(off=self.disabled_rules)   # actors, speakers, systems in focus, the deal frame
        memory.actors.regions = self._regions
        memory.actors.forms = self._forms
        memory.actors.initials = self._initials
        topics = memory.topics
        # the sentences to parse come as they are read, a batch at a time, so that a text of megabytes is never
        # held as parsed material all at once; a frame only looks back, at the topics read so far
        off = self.disabled_rules
        tabs = tables(doc.text) if "table-row" not in off else []
        pending = self._read(doc, memory, deadline, limit, tabs)
        first = next(pending, None)
        claims: list[Claim] = self._table_claims(doc, tabs, deadline, limit)
        if first is None:
            # nothing to parse: the model is not even loaded
            return self._finish(claims, deadline, limit) if claims else []
        cites = citations(doc.text)
        starts = [cs for cs, _, _ in cites]         # in text order: each sentence finds its own by bisection
        parsed = self._parse(doc, ((self._numerals(p.text), p) for p in chain([first], pending)))
        try:
            for sdoc, p in parsed:
                _check(deadline, limit)
                units = bool(sdoc.user_data.get("clause-units"))
                # "Chile eyes Swedish jets": the headline's verb read as a verb (extract/headline.py), and so in a
                # sentence that opens the same way ("Peru fields tanks bought from Korea.")
                stood_in = "headline-verb" not in off and (alt := reparse(
                    self.nlp, sdoc, p.mentions, self.lex, self._headline_verbs,
                    p.headline or not any(t.pos_ in ("VERB", "AUX") for t in sdoc),
                    "participle-headline" not in off)) is not None
                if stood_in:
                    sdoc = alt
                sent = Sentence.build(sdoc, p.start, p.mentions)
                own = cites[bisect_left(starts, p.start):bisect_left(starts, p.end)]
                skip = [(cs - p.start, ce - p.start) for cs, ce, _ in own]
                if "resolution-number" not in off:
                    skip += resolution_spans(sent.text)
                cite = "; ".join(c for _, _, c in own) or None
                if memory.frame is not None:
                    memory.frame.sentence = refresh(memory.frame, topics, p.index)
                since = memory.frame.sentence if memory.frame is not None else -1
                sighted = memory.sighted(p.index, since, NEAR)
                place = Place(p.index, p.list_item, p.before_list, p.prior_year, memory.actors.home, sighted)
                new, memory.frame = SentenceClaims(self, doc, sent, place, memory.frame, skip, cite).claims()
                for c in new:
                    c.extras["headline"] = p.headline
                    if p.aside:
                        c.extras["_" + p.aside] = True
                    if p.aside == "asked":
                        c.extras["_answer"] = memory.answers.get(p.start, "")
                    if stood_in:
                        c.rules = [*c.rules, sdoc.user_data.get("stand-in", "headline-verb")]
                    if units:
                        c.rules = [*c.rules, "clause-units"]
                claims.extend(new)
        finally:
            parsed.close()                          # worker processes, if any, stop here, also on a time-out
        # a correction withdraws only what its own statement replaces ("... were AW109s; the order is for M-346s"),
        # not what it restates with another number ("... said 12 jets; it bought 10")
        withdrawn = memory.withdrawn - memory.restated if memory.restated and "page-furniture" not in off else set()
        return self._finish(claims, deadline, limit, withdrawn)

    def _finish(self, claims: list[Claim], deadline: float | None, limit: float | None,
                withdrawn: set[str] = frozenset()) -> list[Claim]:
        _check(deadline, limit)
        claims = [c for c in claims if not c.extras.get("_asked") or self._answered(c)]
        if withdrawn:
            # "Correction: this article previously said the helicopters were AW109s; the order is for M-346 jets":
            # what the correction replaces with something else is no claim of the text
            claims = [c for c in claims if c.extras.get("_corrected") or (c.system or c.category) not in withdrawn]
        merged = merge_claims(claims, self.catalog.systems, self.disabled_rules)
        for c, crowd in zip(merged, crowds(merged)):
            c.confidence = confidence(c, crowd)
        return merged

    def _answered(self, claim: Claim) -> bool:
        """A question's claim, as its answer tells it: "Q: Will Egypt buy Rafales? A: We are studying it." is
        Egypt's interest; "A: Yes." keeps what was asked; any other answer, or the rule off, drops it."""
        if "interview-answer" in self.disabled_rules:
            return False
        answered, status = answer_stance(claim.extras.get("_answer", ""))
        if not answered:
            return False
        claim.status = status or claim.status
        claim.hedged = False
        claim.rules = [*claim.rules, "interview-answer"]
        return True

    def _table_claims(self, doc: Document, tabs: list[Table], deadline: float | None = None,
                      limit: float | None = None) -> list[Claim]:
        """One claim per row of a table rendered as text ("| Recipient | System | Qty |"): the parties and the
        system from their columns (the system's maker's state when no supplier column), the status from a status
        column or else from the line that introduces the table ("deliveries confirmed in May"), which must say
        one; the year from a year column or that line."""
        text, out = doc.text, []
        folded = fold(text) if tabs else ""
        for tab in tabs:
            intro = text[tab.before[0]:tab.before[1]] if tab.before else ""
            title = str(doc.title or "")
            shared = status_word(intro) or status_word(title)
            shared_year = written_year(intro) or written_year(title)
            for cells in tab.rows:
                _check(deadline, limit)
                got: dict[str, tuple[int, int]] = {}
                for col, (a, b) in zip(tab.columns, cells):
                    if col is not None and col not in got:
                        got[col] = (a, b)

                def found(col, kinds):
                    if col not in got:
                        return []
                    a, b = got[col]
                    hits = [shifted(m, a) for m in self.gazetteer.find(text, folded, a, b)]
                    return [m for m in sentence_mentions(text[a:b], hits, self.catalog) if m.kind in kinds]

                systems = found("system", ("system", "equipment"))
                recipients = [m.key for m in found("recipient", ("state", "adjective", "nonstate", "organ", "seat",
                                                                 "people"))]
                suppliers = [m.key for m in found("supplier", ("state", "adjective", "nonstate", "organ", "seat",
                                                               "firm", "people"))]
                if not systems or len(set(recipients)) > 1 or len(set(suppliers)) > 1:
                    continue
                system = systems[0]
                supplier = suppliers[0] if suppliers else system.origin
                recipient = recipients[0] if recipients else None
                if "status" in got:
                    status = status_word(text[got["status"][0]:got["status"][1]])
                else:
                    status = shared
                if status is None or not self.is_party(supplier) or not self.is_party(recipient) or \
                        supplier == recipient:
                    continue
                qty = None
                if "quantity" in got and re.fullmatch(r"\d{1,5}", text[got["quantity"][0]:got["quantity"][1]]):
                    qty = int(text[got["quantity"][0]:got["quantity"][1]])
                year = written_year(text[got["year"][0]:got["year"][1]]) if "year" in got else None
                lo, hi = cells[0][0], cells[-1][1]
                out.append(Claim(doc=doc.id, supplier=supplier, recipient=recipient,
                                 system=system.key if system.kind == "system" else None, category=system.category,
                                 quantity=qty, status=status, year=year or shared_year, hedged=False,
                                 evidence=text[lo:hi], start=lo, end=hi, rules=["table-row"],
                                 extras={"headline": False}))
        return out

    def _numerals(self, text: str) -> str:
        off = self.disabled_rules
        if not ("block-numeral" not in off and " I" in text):
            return text
        return self._series_i.sub(lambda m: m.group(1) + "1", text)

    def _parse(self, doc: Document, items: Iterator[tuple[str, _Pending]]) -> Iterator[tuple[object, _Pending]]:
        """The gated sentences parsed, in order: by ``parse_workers`` processes for a long document (the parse is
        three quarters of the time on weapon-dense text), else here."""
        if self.parse_workers > 1 and len(doc.text) >= PARALLEL_CHARS and can_fork():
            parsed = ParsePool(self.nlp, self.parse_workers).pipe(items)
        else:
            parsed = self.nlp.pipe(items, as_tuples=True)
        off = self.disabled_rules
        try:
            for sdoc, p in parsed:
                yield (self._units(sdoc, p) if "clause-units" not in off else sdoc), p
        finally:
            close = getattr(parsed, "close", None)
            if close is not None:
                close()

    def _units(self, sdoc, p: _Pending):
        """The sentence parsed clause by clause where English sets clauses side by side with a semicolon, colon or
        dash, or one off as an aside (extract/units.py); the same sentence, one Doc, else."""
        if not _UNIT_MARKS.search(p.text):
            return sdoc
        units = clause_units(sdoc, self.nlp, self.lex.word_classes["speech_verbs"])
        if units is None:
            return sdoc
        units.user_data["clause-units"] = True
        return units

    def _read(self, doc: Document, memory: DiscourseMemory, deadline: float | None = None,
              limit: float | None = None, tabs: list[Table] = ()) -> Iterator[_Pending]:
        """One cheap pass: sentences, their mentions and references; yields those that need parsing, and tells
        ``memory`` what each sentence names (its ``topics``: the systems)."""
        text = doc.text
        folded = fold(text)
        memory.read_quotes(text, lambda lo, hi: sentence_mentions(
            text[lo:hi], [shifted(m, lo) for m in self.gazetteer.find(text, folded, lo, hi)], self.catalog))
        mentions: list[Mention] = []
        mi, block_end = 0, -1
        prev_colon = prev_list = False
        last_equipment = -100
        _check(deadline, limit)
        spans = split_sentences(text)
        off = self.disabled_rules
        page = furniture(text) if "page-furniture" not in off else None
        if page is not None:
            # a correction's withdrawn words end where its own statement begins: two sentences
            spans = split_at(text, spans, [hi for _, hi in page.retracted + page.aside])
            page.table = [line for tab in tabs for line in tab.lines]
        for idx, (s, e) in enumerate(spans):
            _check(deadline, limit)
            if e > block_end:
                # the catalogue names of the next block of whole sentences (an article is one block): memory and
                # time between two deadline checks stay bounded however long the text
                last = idx
                while last + 1 < len(spans) and spans[last + 1][1] - s <= GAZETTEER_BLOCK:
                    last += 1
                block_end = spans[last][1]
                mentions, mi = self.gazetteer.find(text, folded, s, block_end), 0
            while mi < len(mentions) and mentions[mi].start < s:
                mi += 1
            j = mi
            while j < len(mentions) and mentions[j].end <= e:
                j += 1
            stext = text[s:e]
            if idx < HOME_REACH and memory.actors.dateline is None and (dl := DATELINE.match(stext)) is not None:
                # "JAKARTA --": the city the paper writes from is in its own state
                seats = {m.key for m in mentions[mi:j] if m.kind in ("seat", "state") and m.end - s <= dl.end()}
                if len(seats) == 1:
                    memory.actors.dateline = seats.pop()
            local = sentence_mentions(stext, [shifted(m, s) for m in mentions[mi:j]], self.catalog)
            local = slip_mentions(stext, folded[s:e], local, self.near_misses, self.lex.gate)
            aside = page.kind(s, e) if page is not None else None
            if aside in ("retracted", "corrected"):
                names = {m.key if m.kind == "system" else m.category for m in local if m.is_equipment}
                (memory.withdrawn if aside == "retracted" else memory.restated).update(names)
            if aside in ("skip", "retracted", "table"):
                # other articles' headlines, tags, a correction's withdrawn words, a table's rows (read whole):
                # no statement of this text, and nothing it refers back to
                memory.observe(idx, stext, [])
                continue
            local = memory.resolve(idx, s, stext, local)
            memory.observe(idx, stext, local)
            if memory.sightings and memory.sightings[-1][0] == idx:
                last_equipment = idx    # weapons reported seen in someone's hands: a later sentence may tell their way
            if aside == "asked":
                # "Q: Will Egypt buy more Rafales?": the interviewer asks, and states nothing; what the answer says
                # of it ("A: We are studying it.") is read with the question
                nxt = idx + 1 < len(spans) and text[spans[idx + 1][0]:spans[idx + 1][1]]
                memory.answers[s] = nxt if nxt and interview_answer(nxt) else ""
            bullet = stext.startswith(_BULLET)
            list_item = bullet or prev_colon or (prev_list and bullet)
            prev_colon, prev_list = stext.rstrip().endswith(":"), list_item
            # a sentence just before a list heading ("Norway announced a package for Ukraine. It includes:") may
            # name the parties of the list's weapons
            heading_next = idx + 1 < len(spans) and text[spans[idx + 1][0]:spans[idx + 1][1]].rstrip().endswith(":")
            # "Peru signed an agreement with Spain. Under the agreement, ..." / "The agreement covers ...": the deal
            # the next sentence continues may name its parties without a weapon
            after = folded[spans[idx + 1][0]:spans[idx + 1][1]] if idx + 1 < len(spans) else ""
            deal_next = self._under_deal.search(after) or self._deal_opens.search(after)
            if not self._gate(stext, folded[s:e], local, list_item,
                              idx - last_equipment <= FOCUS or heading_next or bool(deal_next)) \
                    and not self._verbless_headline(stext, folded[s:e], local, list_item):
                continue
            body = stext.lstrip("".join(_BULLET) + " ")
            shift = len(stext) - len(body)
            if shift:
                local = [shifted(m, shift) for m in local if m.start >= shift]
            headline = (not list_item and not body.rstrip().endswith(_TERMINAL)) or (
                doc.title is not None and body.strip() == str(doc.title).strip())
            if any(m.is_equipment for m in local) or deal_next:
                last_equipment = idx        # a deal named without a weapon is as near as one with it
            prior = written_year(text[spans[idx - 1][0]:spans[idx - 1][1]]) if idx else None
            yield _Pending(idx, s + shift, e, local, list_item, body, headline and aside is None, heading_next, prior,
                           aside)

    @staticmethod
    def _verbless_headline(text: str, folded: str, mentions: list[Mention], list_item: bool) -> bool:
        """ "Rafales for Serbia", "Patriots to Ukraine": a headline that joins a weapon to a state with no transfer
        word at all (extract/roles.py reads it)."""
        topic = _TOPIC_LINE.match(text)
        return (not list_item and not text.rstrip().endswith(_TERMINAL) or topic is not None and any(
                    m.is_actor and m.start <= topic.start(1) for m in mentions)) and len(text) < 120 and \
            any(m.is_equipment for m in mentions) and any(m.is_actor for m in mentions) and \
            _FOR_TO.search(folded) is not None

    def _gate(self, text: str, folded: str, mentions: list[Mention], list_item: bool, near: bool) -> bool:
        """Cheap test: could this sentence state a transfer at all?

        It needs a weapon term (or one in the last few sentences it may refer back to), an actor or a reference
        to one, and a transfer word; list items under a heading need only the weapon term."""
        has_equipment = any(m.is_equipment for m in mentions) or (
            any(m.kind == "firm" for m in mentions) and self._component_words.search(folded) is not None)
        if has_equipment and (list_item or _CONTINUES.search(folded) or near and self._under_deal.search(folded)):
            return True
        if not (has_equipment or near or text.rstrip().endswith(":")):
            return False
        component = any(m.kind == "system" and m.category in ("other", "sensor") for m in mentions) or (
            _MADE.search(folded) is not None and any(m.kind == "system" for m in mentions))
        if text.rstrip().endswith(":") and _CONTINUES.search(folded):
            return True         # "The package includes:": a heading whose list continues the transfer just read
        if near and not has_equipment and self._deal_ends.search(folded) is not None:
            return True         # "The deal collapsed in May.": the end of the transfer just read
        if near and not has_equipment and _DELIVERED_BACK.search(folded) is not None and \
                not any(m.is_actor for m in mentions) and self.lex.gated(folded):
            return True         # "The first of them arrived in May.": the weapons just told of, delivered
        if not any(m.is_actor for m in mentions):
            # "Later versions will use the AI-322 engine": a component system needs no named state
            # "These drones, the TB2 and the Akinci, were handed over ...": names for the weapons just told of
            # "The Hermes 900 drones arrived on Monday": a named weapon for the kind the transfer just read told
            return has_equipment and near and (component or (_DEMONSTRATIVE.search(folded) is not None or any(
                m.kind == "system" for m in mentions)) and self.lex.gated(folded))
        return component or self.lex.gated(folded) or near and SAME_AGAIN.search(text) is not None
