"""Discourse memory: what a document has established so far, for the phrases that point back to it.

A reader recovers many parties and weapons from the discourse rather than from the sentence: "we" in a quote is the
speaker's state, "this model" is the system the text is about, "They" is what the last sentence was about. One
memory per document keeps four things, each filled as the text is read in order and each with its own rules for
what may resolve to it:

* actors (``resolve.references.ReferenceMemory``): the last coordinated group, the last sentence's subject;
* speakers: every quotation with the state of the person or organ it is attributed to;
* systems in focus: the named systems in order of mention. Only *named* systems enter it, so a generic claim in
  between ("... stop buying French weapons") does not replace the topic;
* the deal frame: the last transfer read (``context.Frame``), which the parsing pass keeps here.

Every resolution that reaches a claim is a named rule of rules.yaml (kind fill): the claim lists it among its
``rules`` and the rule can be switched off. The cheap pass (``pipeline.Extractor._read``) asks the memory about each
sentence before the gate, so a sentence whose parties or weapon are all recovered can still be read.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from itertools import chain
from dataclasses import dataclass, field, replace

from armsflow.extract.context import Frame
from armsflow.extract.lexicon import load_lexicon
from armsflow.extract.webtext import interview, interview_intro, questions
from armsflow.model import Mention
from armsflow.resolve.references import _INTRO, _PREPOSITIONS, ReferenceMemory

SPEAKER_KINDS = frozenset({"state", "adjective", "people", "seat", "organ", "firm", "nonstate"})
TOPIC_REACH = 4        # sentences back within which a definite generic may name the system in focus
OFFICIAL_REACH = 6     # sentences back within which "she said" may name the state of the last titled person

# -- speakers -------------------------------------------------------------------------------------------------------
_SAY = (r"(?:said|says|say|added|adds|told|tells|stated|states|noted|notes|stressed|stresses|explained|declared|"
        r"announced|announces|wrote|writes|insisted|argued|continued|claimed|claims|confirmed|confirms|remarked|"
        r"emphasi[sz]ed|underlined|recalled|replied|warned|asserted)")
# '"...," the Polish minister said' / '"...," said the Polish minister'
_AFTER = re.compile(r"[\s,]*(?P<who>[^.!?\"\u201c\u201d;:,()]{1,60}?)\s+" + _SAY + r"\b", re.S)
_AFTER_INV = re.compile(r"[\s,]*" + _SAY + r"\s+(?P<who>[^.!?\"\u201c\u201d;:,]{1,90})", re.S)
# 'The Czech defence chief said: "...' / '... told reporters: "...'
_BEFORE = re.compile(r"(?P<who>[^.!?\"\u201c\u201d;:]{1,90}?)\s+" + _SAY + r"(?:\s+[\w ]{1,30}?)?\s*[:,]\s*$", re.S)
_PRONOUN = re.compile(r"^\s*(?:he|she)\s*$", re.I)
_TITLE = re.compile(r"\b(?:minister|ministry|secretary|president|presidency|premier|chancellor|spokes(?:man|woman|"
                    r"person)|ambassador|envoy|chief|commander|general|admiral|official|officials|government|"
                    r"diplomat|king|emir|head|leader|embassy|army|navy|military|office)\b", re.I)
_TITLED = re.compile(r"(?:['\u2019]s)?\s+(?:[A-Za-z-]+\s+){0,2}?" + _TITLE.pattern, re.I)
_HE_SHE = re.compile(r"^\s*(?:(?:but|and|then)\s+)?(he|she)\b(?!\s+(?:said|says|added|told)\b)", re.I)
# "..., where he signed", "and she ordered": the titled person just named, as the subject of a clause after
_HE_SHE_AFTER = re.compile(r"(?:,\s*(?:where|when|and|as|after|before|but)|\band|\bwhere)\s+(he|she)\b"
                           r"(?!\s+(?:said|says|added|told)\b)", re.I)
# the name after a state's title: "Chilean President Ana Soto", "Peru's defence minister, Jorge Salas"
_NAME_PART = r"(?:[A-Z][\w'\u2019.-]*|(?:al|el|bin|ibn|van|von|de|da|di|du|le)-?[A-Z]?[\w'\u2019-]*)"
_NAME_AFTER = re.compile(r",?\s+(?P<name>[A-Z][\w'\u2019.-]*(?:\s+" + _NAME_PART + r"){1,3})(?![\w-])")
# the name before it: "Jorge Salas, Peru's defence minister", "Ana Soto, the Chilean president"
_NAME_BEFORE = re.compile(r"(?P<name>[A-Z][\w'\u2019.-]*(?:\s+" + _NAME_PART + r"){1,3}),\s+(?:the\s+)?$")
_HIS_COUNTRY = re.compile(r"\b((?:his|her)\s+(?:country|nation|government))\b", re.I)
_FIRST_PERSON = re.compile(r"\b(we|our|us|ours)\b", re.I)
_SECOND_PERSON = re.compile(r"\b(you|your|yours)\b", re.I)
# '"...," she told her Spanish counterpart' / '"...," the minister said to his Turkish host'
_TOLD = re.compile(r"[\s,]*[^.!?\"\u201c\u201d;:,()]{1,60}?\s+(?:told|tells|said\s+to|says\s+to|wrote\s+to)\s+"
                   r"(?P<to>[^.!?\"\u201c\u201d;:,()]{1,60})", re.S)
# an unqualified organ inside a quote: "The Ministry has shipped ..." is the speaker's own ministry
_BARE_ORGAN = re.compile(r"\b(?:the|our)\s+((?:defen[cs]e\s+)?ministry|government|army|navy|air\s+force|armed\s+"
                         r"forces|military)\b(?!\s+of\b)", re.I)

# -- equipment anaphora -----------------------------------------------------------------------------------------------
_ANY = "*"
_NOUN_CATEGORIES: dict[str, frozenset[str] | str] = {}
for _words, _cats in (
        ("model models type types variant variants version versions platform platforms system systems", _ANY),
        ("aircraft jet jets plane planes fighter fighters warplane warplanes", "combat_aircraft aircraft"),
        ("helicopter helicopters chopper choppers", "helicopter"),
        ("drone drones uav uavs", "uav loitering_munition"),
        ("tank tanks", "tank"),
        ("ship ships vessel vessels frigate frigates corvette corvettes submarine submarines boat boats", "ship"),
        ("missile missiles", "missile air_defence anti_tank"),
        ("howitzer howitzers gun guns", "artillery air_defence"),
        # a missile system is fielded as launchers in batteries: "the first BrahMos batteries", "HIMARS launchers"
        # ... and an anti-tank missile is fired from its launcher ("a Kornet launcher")
        ("launcher launchers battery batteries", "artillery air_defence missile anti_tank"),
        ("vehicle vehicles", "armoured_vehicle"),
        ("rifle rifles", "small_arms")):
    for _w in _words.split():
        _NOUN_CATEGORIES[_w] = _cats if _cats == _ANY else frozenset(_cats.split())
_NOUNS = "|".join(sorted(_NOUN_CATEGORIES, key=len, reverse=True))
_NOUN_SET = frozenset(_NOUN_CATEGORIES)
_WORD = re.compile(r"[a-z]+")
_NUMBER = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen)"
# "this model", "these aircraft", "the 24 jets", "the same type", "the new helicopters", "the French aircraft"
_DEFINITE = re.compile(r"\b(?:this|that|these|those|the)\s+(?:(?:same|new|first|" + _NUMBER + r"|(?-i:[A-Z][a-z]+)"
                       r"(?:-(?:made|built))?)\s+){0,2}(" + _NOUNS + r")\b", re.I)
# "50 such missiles", "such drones": weapons of the kind just named, unless an "as" names them ("such jets as the
# F-16": an indefinite kind, told by its examples)
_SUCH = re.compile(r"\bsuch\s+(?:(?:new|modern|advanced|heavy|light)\s+)?(" + _NOUNS + r")\b(?!\s+as\b)", re.I)
# "fighters of this model", "six more of the same type": the head before names the category, if any
_OF_THIS = re.compile(r"\b(?:(" + _NOUNS + r")|more|" + _NUMBER + r")\s+of\s+(?:this|that|the\s+same)\s+"
                      r"(?:model|type|class|kind|make|design)\b", re.I)
# "Egypt ordered 24 aircraft", "India's purchase of 36 jets": a count of a weapon noun of one kind, in a text that has
# named a single system of that kind (the number not part of a name: "F-35 aircraft")
_KIND_NOUNS = "|".join(sorted((w for w, c in _NOUN_CATEGORIES.items() if c != _ANY), key=len, reverse=True))
_COUNTED = re.compile(r"(?<![\w.,$-])(?:" + _NUMBER + r")\s+(?:(?:more|new|used|additional|further|second-hand|"
                      r"refurbished)\s+)?(" + _KIND_NOUNS + r")\b", re.I)
# an indefinite or contrastive context: "such as the ...", "for instance" never point back
_NOT_BACK = re.compile(r"(?:such as|like|for instance|for example|e\.g\.|including|other|another)\s*$", re.I)
# "Warsaw bought them in 2022": a pronoun object of a transfer verb, in a sentence that names no weapon
_TRANSFER_VERB = (r"\b(?:buy|buys|bought|buying|purchased?|purchases|order(?:s|ed)?|acquired?|acquires|"
                  r"receive[sd]?|s[eo]ld|sells|deliver(?:s|ed)?|suppl(?:y|ies|ied)|ship(?:s|ped)|sent|"
                  r"sends|transferred|transfers|donated?|donates|gave|gives|handed|leased?|exported)\s+")
_PRONOUN_OBJECT = re.compile(_TRANSFER_VERB + r"(them|it)\b", re.I)
# "Riyadh may order 48 more of them", "Cairo bought two of these": a part of the weapons just named
_PARTITIVE = re.compile(_TRANSFER_VERB + r"(?:" + _NUMBER + r"\s+)?((?:more|several|some|a\s+few|" + _NUMBER +
                        r")\s+(?:more\s+)?of\s+(?:them|these|those))\b", re.I)
# "Egypt bought two from Italy", "Peru will order six more next year": a count with its noun left out
_COUNT_ONLY = re.compile(_TRANSFER_VERB + r"(" + _NUMBER + r"(?:\s+more)?)(?=\s*(?:[,.;]|$)|\s+(?:from|to|in|for|"
                         r"under|last|this|next|by|before|after|each|apiece)\b)", re.I)

# "We signed the contract in May": a definite deal in a sentence that names no weapon is the deal for the one
# system the text is about
_THE_DEAL = re.compile(r"\b(?:signed|inked|concluded|finali[sz]ed|approved|cleared|cancelled|canceled|scrapped|"
                       r"suspended|froze|completed)\s+(?:the|this|that)\s+((?:deal|contract|agreement|purchase|"
                       r"order|sale|acquisition))\b", re.I)

# "The deal was signed on Monday", "The contract has been cancelled"
# "The contract, worth $3 billion, was signed on Monday": a parenthetical may stand between the deal and its verb
_THE_DEAL_PASSIVE = re.compile(r"\b(?:the|this|that)\s+(deal|contract|agreement|purchase|order|sale|acquisition)\s*"
                               r"(?:,[^,.;:]{1,60},\s*|\s)(?:was|has\s+been|had\s+been|is|will\s+be)\s+"
                               r"(?:formally\s+|finally\s+)?(?:signed|inked|concluded|finali[sz]ed|approved|cleared|"
                               r"cancell?ed|scrapped|suspended|frozen|completed)\b", re.I)

# the words a sentence's subject may follow: none, or an opening phrase set off by a comma ("Since 2015, the jets")
_SUBJECT_START = re.compile(r"\W*(?:[^,.;:]{0,60},\s*)?")
_OPENS = re.compile(r"\W*(?:the|this|that|its|their)?\s*", re.I)     # the words before a sentence's subject name
# "It was sold to four navies": a sentence-initial pronoun that a transfer verb says was moved
_PRONOUN_SUBJECT = re.compile(r"^\W*(It)\s+(?:has|have|had|was|is|will|would|could)?\s*(?:also\s+|now\s+|since\s+)?"
                              r"(?:been\s+|be\s+)?(?:exported|sold|delivered|supplied|shipped|transferred|offered|"
                              r"ordered|bought|acquired|purchased|marketed)\b")

# a weapon seen in a place or in someone's hands: "in the hands of the RSF", "at a barracks in Mali", "near Juba",
# "in Nigerian service"; the words between the preposition and the actor stay inside one phrase (no comma)
_IN_HANDS = re.compile(r"\b(?:in|into)\s+the\s+(?:hands|possession|inventory|arsenal)\s+of\s+(?:the\s+)?$", re.I)
_AT_PLACE = re.compile(r"\b(?:in|at|near|inside|around|outside|over)\s+(?:(?:the|an?)\s+)?(?:[\w'\u2019-]+\s+){0,3}$",
                       re.I)
_IN_SERVICE = re.compile(r"^\s*(?:service|use)\b", re.I)
_LEX = load_lexicon()
_POLICY = frozenset(_LEX.word_classes["arms_policy_nouns"])
_NEXT_WORD = re.compile(r"[\s-]+([A-Za-z]+)")
_SIGHTED = frozenset(_LEX.word_classes["sighting_words"])
_NOT_HELD = frozenset(_LEX.word_classes["not_held_words"])
_NOT_NAMES = _LEX.word_classes["not_name_words"]   # capitalised words after a title that are no part of a name


# "Their serial numbers match a batch sold to Chad", "Its lot markings were traced to a shipment": the marks that
# identify a weapon stand for the weapon just named (a sentence that names none of its own)
_MARKINGS = re.compile(r"\b((?:its|their)\s+(?:(?:serial|lot|production|batch|factory|manufacturing|export)\s+"
                       r"(?:numbers?|markings?|marks|codes?|stamps?)|markings?|marks|stamps?))\b", re.I)


# "Customers include A and B", "Its operators now include A", "It is flown by A and B": the holders of the one
# system the text is about, in a sentence that names no weapon of its own
_RECIPIENT_NOUNS = "|".join(sorted((n + ("s" if not n.endswith("s") else "")) for n, r in
                                   load_lexicon().role_nouns.items() if r == "R"))
_USERS_SUBJECT = re.compile(r"^\W*(?:(?:its|their|the|other|earlier|existing|current|export|foreign|known|further)\s+)*"
                            r"(" + _RECIPIENT_NOUNS + r")\b(?:\s+(?:in|across|from|outside)\s+(?:the\s+)?"
                            r"[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)?\s+(?:now\s+|also\s+|so\s+far\s+|already\s+)?"
                            r"(?:include|includes|included|comprise|comprises|comprised)\b", re.I)
_USED_BY = re.compile(r"^\W*(It)\s+(?:is|was|has\s+been|had\s+been)\s+(?:also\s+|now\s+|since\s+|already\s+)?"
                      r"(?:operated|flown|used|fielded|adopted)\s+by\b")


@dataclass
class Quote:
    """A quotation and the state of whoever it is attributed to (None: unattributed or not a state's voice)."""
    start: int
    end: int
    speaker: str | None
    via_pronoun: bool = False
    addressee: str | None = None     # '"... from you," she told her Spanish counterpart': Spain
    rules: tuple[str, ...] = ()      # how the speaker was found, when not from the quote's own attribution


@dataclass
class Topic:
    """A named system as the text mentioned it."""
    sentence: int
    name: str
    category: str | None
    origin: str | None
    opening: bool = False       # the sentence opens with it ("The K9, built by Hanwha, is ..."): its likely subject


@dataclass
class DiscourseMemory:
    """One document's memory of actors, speakers, systems in focus and the last deal frame (see the module)."""
    off: frozenset[str] = frozenset()
    actors: ReferenceMemory = field(default_factory=ReferenceMemory)
    quotes: list[Quote] = field(default_factory=list)
    systems: list[Topic] = field(default_factory=list)          # named systems, in order of mention
    # (sentence, holder, systems) of each sentence that reports named weapons seen in one actor's place or hands
    sightings: list[tuple[int, str, frozenset[str]]] = field(default_factory=list)
    by_opener: bool = False     # the last _topic chose the system the sentence before opened with
    topics: list[set[str]] = field(default_factory=list)        # per sentence: the systems it names
    official: tuple[int, str] | None = None                     # (sentence, state) of the last titled person
    persons: dict[str, tuple[str, int]] = field(default_factory=dict)   # a titled person's surname -> (state,
                                                                        # the sentence that introduced them)
    _official_at: int = 0                                       # ... and where its sentence names them
    frame: Frame | None = None                                  # the last transfer read (the parsing pass)
    # what a correction's withdrawn words and its own statement name (systems, and categories of generic nouns)
    withdrawn: set[str] = field(default_factory=set)
    restated: set[str] = field(default_factory=set)
    answers: dict[int, str] = field(default_factory=dict)      # an interview question's offset -> its answer

    def __post_init__(self):
        self.actors.off = self.off

    def on(self, rule: str) -> bool:
        return rule not in self.off

    # -- the whole text, once ---------------------------------------------------------------------------------
    def read_quotes(self, text: str, actors_in: Callable[[int, int], list[Mention]]) -> None:
        """Find the document's quotations and who says each (``actors_in(lo, hi)``: the actor mentions there).

        A speaker is the state of an actor named in the attribution ("the Polish defence minister said", "said a
        spokeswoman for Spain's ministry"), or, for "he said"/"she added", the state of the titled person named
        last (resolved when the quote's sentence is read)."""
        self.quotes = []
        for start, end in _quote_spans(text):
            who = _attribution(text, start, end)
            if who is None:
                last = self.quotes[-1] if self.quotes else None
                if last is not None and _goes_on(text, last.end, start) and self.on("speaker-goes-on"):
                    # '"...," the Slovak minister said. "We will buy ..."': the same voice goes on
                    self.quotes.append(replace(last, start=start, end=end, rules=last.rules + ("speaker-goes-on",)))
                else:
                    self.quotes.append(Quote(start, end, None))
                continue
            lo, hi = who
            addressee = None
            if (to := _addressee(text, end)) is not None:
                codes = list(dict.fromkeys(m.key for m in actors_in(*to) if m.kind in SPEAKER_KINDS))
                addressee = codes[0] if len(codes) == 1 else None
            if _PRONOUN.match(text[lo:hi]):
                self.quotes.append(Quote(start, end, None, via_pronoun=True, addressee=addressee))
                continue
            speakers = [m for m in actors_in(lo, hi) if m.kind in SPEAKER_KINDS]
            codes = list(dict.fromkeys(m.key for m in speakers))
            speaker = codes[0] if len(codes) == 1 else None
            self.quotes.append(Quote(start, end, speaker, addressee=addressee if addressee != speaker else None))
        if self.on("interview-answer"):
            self._interview(text, actors_in)

    def _interview(self, text: str, actors_in: Callable[[int, int], list[Mention]]) -> None:
        """Q&A: each answer line ("A: We are studying it.") is the interviewee's words, and the intro before the
        first question says whose: the state of the titled person it names ("Egypt's defence minister"), or the one
        state it names."""
        intro = interview_intro(text)
        answers = interview(text) if intro is not None else []
        if not answers:
            return
        actors = [m for m in actors_in(*intro) if m.kind in SPEAKER_KINDS]
        titled = [m for m in actors if _TITLED.match(text, m.end, min(intro[1], m.end + 40))]
        for group in (titled, actors):
            codes = list(dict.fromkeys(m.key for m in group))
            if len(codes) == 1:
                break
        else:
            return
        taken = [(q.start, q.end) for q in self.quotes]
        for lo, hi in answers:
            if not any(a < hi and lo < b for a, b in taken):
                self.quotes.append(Quote(lo, hi, codes[0], rules=("interview-answer",)))
        for lo, hi in questions(text):      # "Q: Will you buy more Rafales?": 'you' is the interviewee's state
            if not any(a < hi and lo < b for a, b in taken):
                self.quotes.append(Quote(lo, hi, None, addressee=codes[0], rules=("interview-answer",)))
        self.quotes.sort(key=lambda q: q.start)

    # -- one sentence ------------------------------------------------------------------------------------------
    def resolve(self, index: int, start: int, text: str, mentions: list[Mention]) -> list[Mention]:
        """The sentence's mentions with what points back resolved: references to actors (kind 'ref'), first
        person and bare organs in quotes, and definite generics that name the system in focus (kind 'system').
        ``start``: the sentence's offset in the document."""
        self._note_official(index, text, mentions)
        extra = self._leader_pronoun(index, text)
        extra += self._surnames(index, text, mentions)
        refs = self.actors.resolve(text, mentions)
        # "the West African state" is a state, no longer the region its adjective names
        mentions = [m for m in mentions if not (m.kind == "group" and any(
            r.start <= m.start and m.end <= r.end for r in refs if "regional-epithet" in r.rules))]
        # "the Swedish company" is the firm in focus, no longer the adjective of its state
        mentions = [m for m in mentions if not (m.kind == "adjective" and any(
            r.start <= m.start and m.end <= r.end for r in refs if "firm-reference" in r.rules))]
        spoken = self._speaker_refs(start, text, mentions)
        # in a quote, "the army" is the speaker's own before it is the state in focus
        extra += [r for r in refs if not ("the-service" in r.rules and any(
            s.start < r.end and r.start < s.end for s in spoken))]
        extra += spoken
        out = _add(mentions, extra)
        return self._equipment(index, text, out)

    def observe(self, index: int, text: str, mentions: list[Mention]) -> None:
        """Remember the sentence (after its references are resolved)."""
        self.actors.observe(text, mentions)
        named = [m for m in mentions if m.kind == "system"]
        self.topics.append({m.key for m in named})
        first = min(mentions, key=lambda m: m.start, default=None)
        self.systems.extend(Topic(index, m.key, m.category, m.origin, opening=m is first and
                                  _OPENS.fullmatch(text[:m.start]) is not None) for m in named)
        if len(self.systems) > 64:
            del self.systems[:-32]
        if named and self.on("sighted-holder"):
            holder = _holder(text, mentions, named)
            if holder is not None:
                self.sightings.append((index, holder, frozenset(m.key for m in named)))
                del self.sightings[:-4]

    def sighted(self, index: int, since: int, reach: int) -> tuple[str, frozenset[str]] | None:
        """The holder and weapons of the last sighting before sentence ``index``, within ``reach`` sentences and
        after sentence ``since`` (the transfer read last: a transfer told after it is what the text follows)."""
        for at, holder, names in reversed(self.sightings):
            if since < at < index and index - at <= reach:
                return holder, names
        return None

    # -- speakers ------------------------------------------------------------------------------------------------
    def _note_official(self, index: int, text: str, mentions: list[Mention]) -> None:
        """ "The Spanish minister visited ...", "..., Kenya's defence chief said": the state of a titled person who
        is the sentence's subject or a speaker, for a later "she said" or "He". One met or addressed ("met French
        officials") is not who the text follows."""
        lo = _INTRO.match(text).end()
        for m in mentions:
            if m.kind not in SPEAKER_KINDS:
                continue
            title = _TITLED.match(text, m.end)
            if title is None:
                continue
            self._note_persons(index, text, mentions, m, title)
            words = re.findall(r"[\w'\u2019-]+", text[lo:m.start])
            subject = m.start >= lo and len(words) <= 2 and not any(w.lower() in _PREPOSITIONS for w in words)
            if subject or re.match(r"\s+" + _SAY + r"\b", text[title.end():]):
                self.official = (index, m.key)
                self._official_at = title.end()     # where in this sentence the titled person is named

    def _note_persons(self, index: int, text: str, mentions: list[Mention], m: Mention, title) -> None:
        """ "Chilean President Ana Soto", "Peru's defence minister, Jorge Salas", "Jorge Salas, Peru's defence
        minister": a titled person named with their state, whose surname alone later stands for that state
        (rule person-surname)."""
        if not self.on("person-surname"):
            return
        taken = [(x.start, x.end) for x in mentions]
        found = _NAME_AFTER.match(text, title.end())
        if found is None:
            found = _NAME_BEFORE.search(text[:m.start])
            # "the Serbian president": the article stands before the adjective, the name before the article
        if found is None:
            return
        lo, hi = found.span("name")
        if any(a < hi and lo < b for a, b in taken):
            return              # the "name" is a state, a firm or a weapon the catalogue knows
        words = found.group("name").split()
        if len(words) < 2 or any(w.lower() in _NOT_NAMES for w in words):
            return              # a surname is told with a first name; "President Says" is no name
        self.persons[words[-1]] = (m.key, index)

    def _surnames(self, index: int, text: str, mentions: list[Mention]) -> list[Mention]:
        """The surname of a titled person introduced earlier with their state ("Soto signed a deal to buy ...")
        is that state (rule person-surname). Not in the sentence that introduced them, which names the state."""
        if not self.persons or not self.on("person-surname"):
            return []
        out = []
        for name, (state, at) in self.persons.items():
            if at >= index:
                continue
            for hit in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text):
                if any(x.start < hit.end() and hit.start() < x.end for x in mentions):
                    continue
                before = re.search(r"([A-Z][\w'\u2019.-]*)\s+$", text[max(0, hit.start() - 30):hit.start()])
                if before is not None and before.group(1).lower() not in _NOT_NAMES and \
                        not _TITLE.fullmatch(before.group(1)):
                    continue    # "Luis Soto": another person of that surname, named in full
                out.append(Mention(hit.start(), hit.end(), hit.group(0), "ref", state, rules=("person-surname",)))
        return out

    def _leader_pronoun(self, index: int, text: str) -> list[Mention]:
        """ "The Estonian prime minister met Swedish officials. She is in talks with France about ...": a
        sentence-initial He/She is the titled person the text follows, for the state they speak for; so is "his
        country" ("Chile's president said his country had bought ...")."""
        if self.official is None or index - self.official[0] > OFFICIAL_REACH or not self.on("leader-pronoun"):
            return []
        out = [Mention(m.start(1), m.end(1), m.group(1), "ref", self.official[1], rules=("leader-pronoun",))
               for m in _HIS_COUNTRY.finditer(text)]
        m = _HE_SHE.match(text)
        if m is not None:
            out.insert(0, Mention(m.start(1), m.end(1), m.group(1), "ref", self.official[1],
                                  rules=("leader-pronoun",)))
        elif self.official[0] == index:
            # "India's defence minister visited Paris, where he signed a deal": the clause after is the minister's
            out += [Mention(h.start(1), h.end(1), h.group(1), "ref", self.official[1], rules=("leader-pronoun",))
                    for h in _HE_SHE_AFTER.finditer(text, self._official_at)]
        return out

    def _speaker_refs(self, start: int, text: str, mentions: list[Mention]) -> list[Mention]:
        out: list[Mention] = []
        for q in self.quotes:
            if q.end <= start or q.start >= start + len(text):
                continue
            speaker = q.speaker
            rules: tuple[str, ...] = q.rules
            if speaker is None and q.via_pronoun and self.official is not None and self.on("speaker-pronoun"):
                speaker = self.official[1]          # "..., she said": the titled person named last
                rules = q.rules + ("speaker-pronoun",)
            if speaker is None and q.addressee is None:
                continue
            lo, hi = max(q.start - start, 0), min(q.end - start, len(text))
            if speaker is not None and self.on("speaker-first-person"):
                for m in _FIRST_PERSON.finditer(text, lo, hi):
                    if m.group(1).lower() == "our" and any(
                            x.is_actor and 0 <= x.start - m.end() <= 2 for x in mentions):
                        continue        # "to our Armenian friends": the phrase names its own state
                    out.append(Mention(m.start(1), m.end(1), m.group(1), "ref", speaker,
                                       rules=rules + ("speaker-first-person",)))
            if q.addressee is not None and q.addressee != speaker and self.on("addressee-second-person"):
                for m in _SECOND_PERSON.finditer(text, lo, hi):
                    out.append(Mention(m.start(1), m.end(1), m.group(1), "ref", q.addressee,
                                       rules=("addressee-second-person",)))
            if speaker is not None and self.on("speaker-organ"):
                for m in _BARE_ORGAN.finditer(text, lo, hi):
                    if any(x.start < m.end() and m.start() < x.end for x in mentions):
                        continue
                    out.append(Mention(m.start(1), m.end(1), m.group(1), "ref", speaker,
                                       rules=rules + ("speaker-organ",)))
        return out

    # -- systems in focus ---------------------------------------------------------------------------------------
    def _equipment(self, index: int, text: str, mentions: list[Mention]) -> list[Mention]:
        """Definite generics ("this model", "the jets", "fighters of this type"), pronoun objects ("bought
        them") and counts ("ordered 30 more of them", "bought two from Italy") that point back to the named system
        in focus.

        They may resolve only to a named system of an agreeing category named in the last TOPIC_REACH sentences;
        not when another system of that category was named there too (a new system named in between, or two side
        by side: which one?), not when the sentence names one of its own, and never an indefinite or contrastive
        phrase ("other jets", "such as the ...")."""
        if not self.systems:
            return mentions
        own = {m.category for m in mentions if m.kind == "system"}
        found: list[Mention] = []
        # both patterns need one of their nouns: a set lookup spares the patterns most sentences
        if self.on("equipment-anaphor") and not _NOUN_SET.isdisjoint(_WORD.findall(text.lower())):
            for rx in (_OF_THIS, _DEFINITE, _SUCH):
                if rx is _SUCH and not self.on("such-anaphor"):
                    continue
                for m in rx.finditer(text):
                    if _NOT_BACK.search(text[max(0, m.start() - 20):m.start()]):
                        continue
                    noun = (m.group(1) or "").lower()
                    cats = _NOUN_CATEGORIES.get(noun, _ANY)
                    if cats != _ANY and own & cats or cats == _ANY and own:
                        continue
                    # "The K9, derived from the M109, ... . The howitzer was sold to Chile": a definite noun
                    # that opens its sentence, as its subject, takes up the system the sentence before opened with
                    opening = rx is _DEFINITE and _SUBJECT_START.fullmatch(text[:m.start()]) is not None
                    topic = self._topic(index, cats, makers={x.key for x in mentions if x.is_actor},
                                        article=rx is not _OF_THIS, opening=opening)
                    if topic is None:
                        continue
                    if any(x.is_actor and m.start() <= x.start < m.end() and x.key != topic.origin
                           for x in mentions):
                        continue        # "the American jets" are not the French ones just named
                    lo, hi = (m.start(1), m.end(1)) if rx is not _OF_THIS else m.span()
                    found.append(Mention(lo, hi, text[lo:hi], "system", topic.name, topic.category, topic.origin,
                                         rules=("equipment-anaphor",) + (("subject-antecedent",) if self.by_opener
                                                                         else ()) +
                                         (("such-anaphor",) if rx is _SUCH else ())))
        if self.on("counted-generic-topic") and not _NOUN_SET.isdisjoint(_WORD.findall(text.lower())):
            found += self._counted_generics(text, mentions, found)
        if not any(m.is_equipment and not self._policy_noun(text, m) for m in mentions) and self.on("pronoun-topic"):
            for rx in (_PARTITIVE, _COUNT_ONLY):
                for m in rx.finditer(text):
                    topic = self._topic(index, _ANY, reach=1)
                    if topic is not None:
                        found.append(Mention(m.start(1), m.end(1), m.group(1), "system", topic.name,
                                             topic.category, topic.origin, rules=("pronoun-topic",)))
            for m in _MARKINGS.finditer(text) if self.on("markings-topic") else ():
                topic = self._topic(index, _ANY, reach=2, single=True)
                if topic is not None:
                    found.append(Mention(m.start(1), m.end(1), m.group(1), "system", topic.name, topic.category,
                                         topic.origin, rules=("markings-topic",)))
            for m in _PRONOUN_OBJECT.finditer(text):
                after = text[m.end(1):m.end(1) + 30]
                if any(x.is_equipment and m.end(1) <= x.start < m.end(1) + 30 for x in mentions) or \
                        re.match(r"\s+(?:the|a|an|\d)", after):
                    continue                           # "sold them jets": 'them' is the receiver
                topic = self._topic(index, _ANY, reach=1, single=m.group(1).lower() == "it")
                if topic is not None:
                    found.append(Mention(m.start(1), m.end(1), m.group(1), "system", topic.name, topic.category,
                                         topic.origin, rules=("pronoun-topic",)))
            for m in chain(_THE_DEAL.finditer(text), _THE_DEAL_PASSIVE.finditer(text)):
                topic = self._topic(index, _ANY, reach=2, single=True)
                if topic is not None and self.on("deal-topic"):
                    found.append(Mention(m.start(1), m.end(1), m.group(1), "system", topic.name, topic.category,
                                         topic.origin, rules=("deal-topic",)))
            users = (_USERS_SUBJECT.match(text) or _USED_BY.match(text)) if self.on("users-of-the-topic") else None
            named = {t.name for t in self.systems if index - t.sentence <= TOPIC_REACH}
            topic = self._topic(index, _ANY, single=True) if users and len(named) == 1 else None
            if topic is not None:       # the holders of the one system in focus: "Customers include A and B"
                found.append(Mention(users.start(1), users.end(1), users.group(1), "system", topic.name,
                                     topic.category, topic.origin, rules=("users-of-the-topic",)))
            subject = _PRONOUN_SUBJECT.match(text)
            topic = self._topic(index, _ANY, single=True) if subject else None
            if topic is not None:       # the one system the text has been about, named within a few sentences
                took = ("subject-antecedent",) if self.by_opener else ()
                found.append(Mention(subject.start(1), subject.end(1), subject.group(1), "system", topic.name,
                                     topic.category, topic.origin, rules=("pronoun-topic", *took)))
        if not found:
            return mentions
        # a resolved generic takes the place of the generic equipment mention on the same words
        kept = [m for m in mentions if not any(f.start < m.end and m.start < f.end for f in found)]
        return sorted(kept + found, key=lambda m: m.start)

    def _policy_noun(self, text: str, m: Mention) -> bool:
        """ "the arms embargo", "weapons inspectors": a generic weapon word that only qualifies a noun of policy or
        office names no weapon that 'them' could stand beside."""
        return m.kind == "equipment" and m.category == "other" and self.on("arms-policy-noun") and \
            (w := _NEXT_WORD.match(text, m.end)) is not None and w.group(1).lower() in _POLICY

    def _counted_generics(self, text: str, mentions: list[Mention], found: list[Mention]) -> list[Mention]:
        """ "Greece bought 18 aircraft in 2021" in a text about one fighter: that fighter, when it is the only
        system of the noun's kind the text has named so far, the sentence names none of that kind, and no seller
        but the system's maker's state is stated ("24 aircraft from Russia" are others)."""
        out = []
        for m in _COUNTED.finditer(text):
            if _NOT_BACK.search(text[max(0, m.start() - 20):m.start()]) or \
                    any(f.start < m.end() and m.start() < f.end for f in found):
                continue
            cats = _NOUN_CATEGORIES[m.group(1).lower()]
            named = [t for t in self.systems if t.category in cats]
            if not named or len({t.name for t in named}) != 1 or not named[-1].origin:
                continue
            topic = named[-1]
            if any(x.kind == "system" and x.category in cats and x.key != topic.name for x in mentions):
                continue        # another system of the kind in the sentence: which one?
            if any(x.start < m.end() and m.start() < x.end and x.kind != "equipment" for x in mentions) or \
                    re.match(r"\s+of\s+(?:this|that|these|those|the\s+same)\b", text[m.end():]):
                continue        # a number in a name ("Avante 2200 corvettes"); "jets of this model" is the anaphor's
            if not self._from_origin(text, mentions, topic.origin):
                continue
            out.append(Mention(m.start(1), m.end(1), text[m.start(1):m.end(1)], "system", topic.name, topic.category,
                               topic.origin, rules=("counted-generic-topic",)))
        return out

    @staticmethod
    def _from_origin(text: str, mentions: list[Mention], origin: str) -> bool:
        """Does every seller the sentence names after "from" stand for ``origin`` ("from France", but not "from
        Russia", nor "from the yard" that no state stands for yet)? Dates ("from 2015") name no seller."""
        for f in re.finditer(r"\bfrom\s+(?:the\s+|a\s+|its\s+|their\s+)?", text, re.I):
            if re.match(r"\d", text[f.end():]):
                continue
            x = next((x for x in mentions if f.end() <= x.start <= f.end() + 2 and x.is_actor), None)
            if x is None or x.key != origin:
                return False
        return True

    def _topic(self, index: int, cats, reach: int = TOPIC_REACH, single: bool = False,
               makers: set[str] = frozenset(), article: bool = False, opening: bool = False) -> Topic | None:
        """The most recent named system of an agreeing category within ``reach`` sentences, if unambiguous; of two,
        the one whose maker's state the sentence names ("The Leopard 2 and the K2 competed. Poland ordered 180 of
        the tanks from Seoul": the K2)."""
        self.by_opener = False
        near = [t for t in self.systems if index - t.sentence <= reach]
        fits = [t for t in near if cats == _ANY or t.category in cats]
        if not fits and article and cats != _ANY and self.on("article-system"):
            # "the missile", paragraphs after the one missile the article is about: the only system of its kind
            # the text has named so far
            named = [t for t in self.systems if t.category in cats]
            return named[-1] if named and len({t.name for t in named}) == 1 else None
        if not fits:
            return None
        if len({t.name for t in (near if single else fits)}) > 1:
            opener = [t for t in fits if t.opening and t.sentence == index - 1] if single or opening else []
            if opener and self.on("subject-antecedent"):
                # "The K9, derived from the M109, is a howitzer made by Hanwha. It was sold to Chile ...": a
                # pronoun that opens a sentence takes up the subject the sentence before opened with
                self.by_opener = True
                return opener[-1]
            made = [t for t in fits if t.origin in makers] if not single else []
            if made and len({t.name for t in made}) == 1 and len({t.origin for t in fits}) == len(
                    {t.name for t in fits}):
                return made[-1]      # each rival from another maker, and the sentence names one of them
            return None              # "the F-35 ... compared with the Gripen ... jets of this type": which one?
        return fits[-1]


def _holder(text: str, mentions: list[Mention], named: list[Mention]) -> str | None:
    """ "Photos show two Type 85 tanks at a depot in Chad", "a Buk launcher seen in the hands of the militia": the one
    actor in whose place or hands a sentence reports named weapons seen; None when it names none or several, when
    the weapons were taken or wrecked there ("captured", "debris"), or when it is where they were made."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}
    if words.isdisjoint(_SIGHTED) or not words.isdisjoint(_NOT_HELD):
        return None
    origins = {m.origin for m in named if m.origin}
    found = set()
    for m in mentions:
        if m.kind not in ("state", "seat", "nonstate", "organ", "adjective") or m.key in origins:
            continue
        before = text[max(0, m.start - 40):m.start]
        if _IN_HANDS.search(before) or _AT_PLACE.search(before) and (
                m.kind != "adjective" or not re.match(r"\s*-?(?:made|built|designed|origin)\b", text[m.end:])):
            found.add(m.key)
        elif m.kind == "adjective" and re.search(r"\bin\s+$", before) and _IN_SERVICE.match(text[m.end:]):
            found.add(m.key)    # "in Nigerian service"
    return found.pop() if len(found) == 1 else None


def _add(mentions: list[Mention], extra: list[Mention]) -> list[Mention]:
    if not extra:
        return mentions
    new = [r for r in extra if not any(r.start < m.end and m.start < r.end for m in mentions)]
    return sorted(mentions + new, key=lambda m: m.start)


_OPEN = {'"': '"', "\u201c": "\u201d"}


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation, quote marks included; a quote left open ends at its paragraph's end."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in _OPEN:
            close = _OPEN[c]
            para = text.find("\n\n", i)
            para = n if para < 0 else para
            j = text.find(close, i + 1, para)
            if c == "\u201c":
                k = text.find('"', i + 1, para)
                j = k if j < 0 or 0 <= k < j else j
            if j < 0:
                out.append((i, para))
                i = para
                continue
            out.append((i, j + 1))
            i = j + 1
            continue
        i += 1
    return out


def _goes_on(text: str, end: int, start: int) -> bool:
    """Does a quote at ``start`` follow the one ending at ``end`` with nothing between but that one's attribution
    ('"...," the minister said on Friday. "We will ..."'), in the same paragraph?"""
    between = text[end:start]
    if not between.strip():
        return "\n\n" not in between          # 'The minister said: "We need radars." "We will buy ..."'
    return "\n" not in between.strip(" ") and len(between) <= 100 and between.rstrip().endswith(".") and \
        between.count(".") == 1 and re.search(_SAY, between) is not None


def _addressee(text: str, end: int) -> tuple[int, int] | None:
    """The span naming whom a quote is told to ('..., she told her Spanish counterpart'), after it."""
    m = _TOLD.match(text, end, min(len(text), end + 160))
    return m.span("to") if m is not None else None


def _attribution(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the words naming who says the quote ``text[start:end]``, from the words after or before it."""
    m = _AFTER.match(text, end, min(len(text), end + 140))
    if m is not None and "\n" not in m.group("who").strip():
        return m.span("who")
    m = _AFTER_INV.match(text, end, min(len(text), end + 140))
    if m is not None:
        return m.span("who")
    line = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start), start - 160, -1) + 1
    m = _BEFORE.search(text, line, start)
    if m is not None:
        return m.span("who")
    return None
