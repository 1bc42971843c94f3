"""References back to actors named earlier: "both countries", "the two nations", "the latter", "the former".

The document is read in order; every sentence that coordinates two or more actors ("Serbia and Armenia") becomes
the antecedent of the next plural reference. Capitals and organs ("Belgrade", "the Kremlin") need no help here:
the catalogue already resolves them to their state. A sentence-initial "They" or "It" is the previous sentence's
grammatical subject, and only when that subject is an actor: an actor inside a prepositional phrase ("stops in
Cyprus and Malta") or after equipment is not what the sentence is about. "the latter"/"the former" pick from the
coordination just before them, and not at all when that coordination is of weapons. A bare armed service ("the
navy", "its air force") is the one state in focus that is not named as the seller. Each resolution is a named
rule (extract/rules.yaml, kind fill) that a mention carries in its ``rules``. "The company", "the same yard", "the
Korean firm" are the one firm in focus, which stands for its state as a seller (as firms do elsewhere). This memory
is the actor part of ``extract.discourse.DiscourseMemory``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from armsflow.model import Mention

_REF = re.compile(r"\b(both (?:countries|nations|states|governments|sides)|the two (?:countries|nations|states|"
                  r"governments|sides)|the latter|the former|the (?:island nation|island|kingdom|emirate|"
                  r"sultanate|islamic republic(?!\s+of\b)|republic|island state|gulf state|city-state|country))\b",
                  re.I)
# an adverbial that opens a sentence before its pronoun subject: a prepositional or time phrase closed by a comma
# ("Under a deal signed in 2021, it bought ...", "As part of the same package, they ordered ..."), or a short phrase
# of time with no comma ("Over the past decade it has bought ...", "In 2019 it received ...", "Last year they ...")
_FRONTED = (r"(?:(?:(?:in|by|since|at|on|over|under|during|within|throughout|after|before|following|for|amid|besides|"
            r"as\s+part\s+of|apart\s+from|in\s+addition\s+to|alongside|last|earlier|later|this|next|two|three|"
            r"several|a)\b[^,.;:!?\"\u201c\u201d]{1,60}?,\s*)|"
            r"(?:(?:in|since|over|during|within|throughout|by|until|at\s+the\s+end\s+of)\s+(?:the\s+)?"
            r"(?:(?:past|last|next|same|following|early|late|mid|first|previous)\s+)?(?:(?:two|three|four|five|six|"
            r"seven|eight|nine|ten|few|several|\d+)\s+)?(?:\d{4}s?|years?|decades?|months?|weeks?|January|February|"
            r"March|April|May|June|July|August|September|October|November|December|spring|summer|autumn|winter)"
            r"(?:\s+\d{4})?\s+)|(?:(?:last|earlier\s+this|later\s+that|this|that)\s+(?:year|month|week|spring|"
            r"summer|autumn|winter)\s+))")
# a sentence that opens on "They" continues with the actors the previous sentence opened on
_LEAD = r"(?:(?:in|by|since|at the end of)\s+[\w\s]{1,20}?(?:,\s*|\s+))"     # "In 2021,", "Since May"
_THEY = re.compile(r"^(?:(?:and|but|then|so)\s+)?" + _LEAD + r"?(they)\b", re.I)
_THEY_FRONTED = re.compile(r"^(?:(?:and|but|then|so)\s+)?" + _FRONTED + r"(they)\b", re.I)
# "It ordered 42 Rafale fighters": an active verb after "It" (not "It is", "It has been") continues with the state
# the previous sentence opened on
_IT_VERB = (r"(?:"
            # "It is also buying ...", "It is set to receive ...": a state's intent, in the present
            r"is\s+(?:also\s+|now\s+)?(?:buying|acquiring|ordering|seeking|considering|negotiating|set\s+to|"
            r"expected\s+to|due\s+to|about\s+to|looking\s+to)|"
            # "It may buy ...", "It will also order ...": a modal and a bare verb of acquiring
            r"(?:will|would|may|might|could|can|should|must)\s+(?:also\s+|soon\s+|now\s+)?(?:buy|order|acquire|"
            r"receive|purchase|get|sign|procure|seek|lease|take\s+delivery)|"
            r"(?:also\s+|later\s+|then\s+|now\s+|has\s+(?:also\s+)?|had\s+|will\s+|would\s+)?"
            r"(?!is\b|was\b|has been\b|had been\b|will be\b|would be\b|remains\b|seems\b|appears\b)"
            r"(?:[a-z]+ed|bought|sold|sent|got|gave|took|chose|sought|won|paid|lent|struck|signed|"
            r"plans|wants|intends|seeks|hopes|aims|buys|orders|receives|acquires|operates|needs))\b")
_IT = re.compile(r"^(?:(?:and|but|then|so)\s+)?" + _LEAD + r"?(it)\s+" + _IT_VERB, re.I)
_IT_FRONTED = re.compile(r"^(?:(?:and|but|then|so)\s+)?" + _FRONTED + r"(it)\s+" + _IT_VERB, re.I)
# "the air force already flies K-8s", "its navy": an armed service with no state of its own named stands for the
# state in focus. Not a service noun that modifies another noun ("the army chief", "the military junta").
_SERVICE = re.compile(r"\b(the|its)\s+(air\s+force|navy|army|military|armed\s+forces|marines|marine\s+corps|"
                      r"coast\s+guard)\b(?!\s+of\b)(?!-)(?!\s+(?:chief|chiefs|commander|commanders|general|"
                      r"generals|officer|officers|official|officials|spokes\w+|head|base|bases|junta|government|"
                      r"regime|ruler|rulers|leader|leaders|leadership|coup|aid|assistance|cooperation|ties|exercise|"
                      r"exercises|drill|drills|attach\w+|academy|unit|units|personnel|budget|spending|parade|"
                      r"operation|operations|court|intelligence|industry|hardware|equipment|aviation)\b)", re.I)
# a state the sentence names as the side that sells: "from Italy", "Italy sold ...", "Italy will supply ..."
_FROM_BEFORE = re.compile(r"\b(?:from|by)\s+(?:the\s+)?$", re.I)     # "from Italy", "offered by France"
_SELLS_AFTER = re.compile(r"^(?:['\u2019]s\s+(?:[\w-]+\s+){0,2}?)?\s*(?:(?:has|had|have|will|would|is|was|has\s+been|"
                          r"also|already|now|agreed\s+to|plans\s+to)\s+){0,3}(?:sold|sells|sell|selling|supplied|"
                          r"supplies|supply|supplying|exported|exports|export|exporting|delivered|delivers|deliver|"
                          r"shipped|ships|ship|offered|offers|offer|transferred|transfers|transfer|donated|donates|"
                          r"donate|gave|gives|give|provided|provides|provide|handed|hands|lent|lends|leased|leases)\b",
                          re.I)
SERVICE_REACH = 2      # sentences back within which "the navy" may find the state it belongs to
# The paper's own state. National and regional papers tell their own state's purchases without naming it: "the
# ministry signed", "the Air Force has taken delivery", "the service", "our troops". The home state is the state
# whose own armed service or defence organ the opening sentences name ("the Nigerian Air Force", "the Kenya Defence
# Forces"), else the state of the dateline's city ("JAKARTA --").
HOME_REACH = 3         # sentences (the headline counted) in which the paper's own service may be named
_OWN_SERVICE = re.compile(r"\s+(?:Royal\s+)?(?:Navy|Army|Air\s+Force|Armed\s+Forces|Defen[cs]e\s+Forces?|Marines|"
                          r"Marine\s+Corps|Coast\s+Guard|(?:Ministry|Department)\s+of\s+(?:National\s+)?Defen[cs]e|"
                          r"Defen[cs]e\s+(?:Ministry|Department))\b")
_OWN_ORGAN_TEXT = re.compile(r"\b(?:Forces?|Army|Navy|Air\s+Force|Marines|Ministry|Department|Defen[cs]e)\b")
# a bare defence organ with no state of its own named: "the Defence Ministry", "the ministry", "the MoD", "the
# government", "the service", "the Department of National Defense"; and the writer's own "our troops"
_HOME_ORGAN = re.compile(r"\b(?:(?:the|The)\s+((?:(?:[Nn]ational\s+)?[Dd]efen[cs]e\s+)?(?:[Mm]inistry|[Dd]epartment)"
                         r"(?:\s+of\s+(?:[Nn]ational\s+)?[Dd]efen[cs]e)?|MoD|MOD|[Gg]overnment|[Ss]ervice)|"
                         r"((?:[Oo]ur)\s+(?:troops|soldiers|forces|armed\s+forces|military|army|navy|air\s+force)))\b"
                         r"(?!\s+of\b)(?!['\u2019-])(?!\s+(?:chief|chiefs|commander|commanders|general|generals|"
                         r"officer|officers|official|officials|spokes\w+|head|heads|life|record|rifle|pistol|"
                         r"secretary|minister|budget|providers?|members?|personnel|sector|area|areas|station)\b)")
# a service's acronym: "the Philippine Air Force (PAF)" defines PAF; an undefined "IAF", "PAF" is the home state's
# air force when its first letter is the home state's
_DEFINED = re.compile(r"\s*\(([A-Z]{2,6})\)")
_SERVICE_ACRONYM = re.compile(r"\b([A-Z]{1,2})(?:AF|DF)\b")
# "the company", "the same yard", "the Korean firm", "the Italian shipbuilder": a firm named before. Not one named
# right after ("the Korean firm Hanwha": an apposition) nor "the maker of ...", which says which maker it is.
_FIRM_REF = re.compile(r"\b(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:same\s+)?(?:(?P<adj>[A-Z][a-z]+)\s+)?(?:(?:defen[cs]e|arms|"
                       r"aerospace|naval|state-owned|private)\s+)?(?P<noun>company|firm|manufacturer|maker|"
                       r"shipbuilder|shipyard|yard|builder|contractor|producer)\b(?!\s+of\b)(?!\s+[A-Z])(?!-)")
# "a Turkish company", "the Emirati firm Edge": a firm named by its state's adjective
_FIRM_NOUN_AFTER = re.compile(r"\s+(?:(?:defen[cs]e|arms|aerospace|naval|state-owned|private)\s+)?(?:company|firm|"
                              r"manufacturer|maker|shipbuilder|shipyard|yard|builder|contractor|producer)\b(?!-)")
_FIRM_TO = re.compile(r"\b(?:to|for)\s+(?:the\s+)?(?:[\w-]+['\u2019]s?\s+)?$", re.I)
# "PGZ ordered ...", "the Polish firm PGZ has bought ...": a firm that buys is no seller to point back to
_BUYS_AFTER = re.compile(r"^(?:\s+(?:firm|company|shipyard|group))?(?:\s+[A-Z][\w-]+){0,2}\s+(?:(?:has|had|have|will|"
                         r"would|also|already|recently|later)\s+){0,2}(?:ordered|orders|order|bought|buys|buy|"
                         r"purchased|purchases|purchase|acquired|acquires|acquire|received|receives|receive|imported|"
                         r"leased)\b")
FIRM_REACH = 6         # sentences back within which "the company" may find the firm it names
# an armed service after a state's adjective is that state's organ: "the Philippine Navy", "the Polish Army"
_SERVICE_AFTER = re.compile(r"\s+(?:Royal\s+)?(?:Navy|Army|Air\s+Force|Armed\s+Forces|Marines|Marine\s+Corps|"
                            r"Coast\s+Guard|military)\b", re.I)
_COORD_GAP = re.compile(r"^\s*(?:,\s*(?:and|as well as)?|and|as well as|&)\s*$", re.I)
STATE_LIKE = frozenset({"state", "seat", "organ", "people", "nonstate", "adjective"})
# an adverbial that may open a sentence before its subject: "In 2021,", "On Monday,", "Last year,"
_INTRO = re.compile(r"^\s*(?:(?:(?:in|on|by|since|at|after|before|during|last|earlier|later|this|next|to|despite|following)\b|"
                    # "Two decades later,", "A year ago,", "Months later,"
                    r"(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|some|a\s+few|\d+)\s+)?"
                    r"(?:days?|weeks?|months?|years?|decades?)\s+(?:later|earlier|ago)\b)[^,]{0,40},\s*)?", re.I)
_PREPOSITIONS = frozenset({"in", "at", "from", "to", "with", "of", "by", "for", "on", "after", "before", "through",
                           "across", "via", "into", "over", "under", "between", "among", "during", "despite",
                           "against", "like", "near", "toward", "towards", "than", "about", "without", "within"})
# "the West African state", "the Gulf kingdom": a region's adjective before a singular state noun
_EPITHET_NOUN = re.compile(r"\s+(?:(?:island|coastal|landlocked|oil-rich|small|tiny)\s+)?"
                           r"(?:country|nation|state|kingdom|emirate|sultanate|republic|monarchy)\b(?!-)", re.I)
_THE_BEFORE = re.compile(r"\bthe\s+$", re.I)
FORMS = ("kingdom", "republic", "emirate", "sultanate")    # state nouns that say what form of state it is
# ... for which the catalogue knows every state that is one ("the Islamic Republic": Iran, Pakistan, Afghanistan,
# Mauritania, the states whose official names say so; state media call their own state so)
STRICT_FORMS = ("kingdom", "sultanate", "island", "islamic republic")
_FORM = re.compile(r"\b(Kingdom|Republic|Emirate|Sultanate)s?\b")
_ISLAMIC = re.compile(r"\bIslamic Republic\b")


def state_forms(names: list[str]) -> frozenset[str]:
    """The forms of state a state's official names give ("Kingdom of Morocco": kingdom; "United Arab Emirates":
    emirate; "Islamic Republic of Iran": republic and islamic republic)."""
    return frozenset([m.group(1).lower() for n in names for m in _FORM.finditer(n)] +
                     ["islamic republic" for n in names if _ISLAMIC.search(n)])
RECENT_STATES = 12     # states remembered for a regional epithet to point back to
SUBJECT_WORDS = 4      # words that may stand before the subject's actor: "The", "Kenyan", "air", "force"
LATTER_REACH = 2       # sentences back within which "the latter" may find its coordination


@dataclass
class ReferenceMemory:
    """The antecedents seen so far in one document."""
    group: list[str] = field(default_factory=list)     # last coordinated actors, in text order
    last_state: str | None = None                       # the state named most recently
    opening: list[str] = field(default_factory=list)   # the actors the last sentence opened on
    opening_state: bool = False                         # ... and the first of them is named as a state
    subject: list[str] = field(default_factory=list)   # the actors that were the last sentence's subject
    subject_state: bool = False                         # ... and the first of them is a state (or its capital)
    latter: tuple[str, int] = ("", -1)                  # the last coordination ("actor"|"equipment"), its sentence
    sentence: int = 0                                   # sentences observed so far
    off: frozenset[str] = frozenset()                   # rules switched off
    recent: list[str] = field(default_factory=list)    # the states named, most recent last
    buyers: tuple[list[str], int] = ([], -1)          # the states a sentence named and not as a seller, its index
    regions: dict[str, frozenset[str]] = field(default_factory=dict)   # region slug -> its member states
    forms: dict[str, frozenset[str]] = field(default_factory=dict)     # state -> "kingdom", "republic", ... it is
    firm: tuple[str | None, int] = (None, -1)          # the state of the one firm in focus (None: several, or
                                                        # the buyer's own), the sentence that named it
    home: str | None = None                             # the paper's own state (HOME_REACH)
    dateline: str | None = None                         # the state of the dateline's city
    own: str | None = None                              # the state whose own service the opening names
    acronyms: dict[str, str] = field(default_factory=dict)    # "PAF" -> PHL, as the text defines them
    initials: dict[str, frozenset[str]] = field(default_factory=dict)   # state -> first letters of its names

    def on(self, rule: str) -> bool:
        return rule not in self.off

    def observe(self, text: str, mentions: list[Mention]) -> None:
        """Remember the longest run of coordinated actors in a sentence (after its references are resolved)."""
        actors = [m for m in mentions if m.kind in STATE_LIKE or m.kind == "ref"]
        best: list[str] = []
        run: list[Mention] = []
        for m in actors:
            if run and _COORD_GAP.match(text[run[-1].end:m.start]):
                run.append(m)
            else:
                run = [m]
            codes = []
            for r in run:
                for c in r.key.split("+"):
                    if c not in codes:
                        codes.append(c)
            if len(codes) >= 2 and len(codes) >= len(best):
                best = codes
        if best:
            self.group = best
            self.latter = ("actor", self.sentence)
        equipment = [m for m in mentions if m.is_equipment]
        last_actor_run = max((m.end for m in actors), default=-1) if best else -1
        for a, b in zip(equipment, equipment[1:]):
            if _COORD_GAP.match(text[a.end:b.start]) and b.end > last_actor_run:
                self.latter = ("equipment", self.sentence)     # "Leopard tanks and CV90 vehicles; the latter"
        self.sentence += 1
        self._firm(text, mentions)
        self._subject(text, mentions)
        named, buyers = _buyers(text, mentions, len(text))
        if named:
            self.buyers = (buyers, self.sentence)
        for m in mentions:
            if m.kind in ("state", "people"):
                self.last_state = m.key
            if m.kind in ("state", "people", "seat", "organ") or m.kind == "ref" and "+" not in m.key:
                if m.key in self.recent:
                    self.recent.remove(m.key)
                self.recent.append(m.key)
        del self.recent[:-RECENT_STATES]
        # a service resolved to the state in focus ("to strengthen its air force, Jakarta ordered ...") is not
        # what the sentence opens on or is about
        nouns = [m for m in mentions if m.kind in ("state", "seat", "people", "organ", "nonstate", "ref")
                 and "the-service" not in m.rules]
        if nouns and nouns[0].start < max(40, len(text) // 3):
            self.opening = _coordinated(text, nouns)
            self.opening_state = nouns[0].kind in ("state", "ref")
        elif mentions:
            self.opening = []
            self.opening_state = False

    def _subject(self, text: str, mentions: list[Mention]) -> None:
        """The actors that are the sentence's grammatical subject, read without a parse: the first actor noun,
        with at most SUBJECT_WORDS words before it (after an opening adverbial) and no preposition or weapon among
        them, and the actors coordinated with it. A sentence with mentions but no such subject has none."""
        # a service resolved to the state in focus ("to strengthen its air force, Jakarta ordered ...") is not
        # what the sentence opens on or is about
        nouns = [m for m in mentions if m.kind in ("state", "seat", "people", "organ", "nonstate", "ref")
                 and "the-service" not in m.rules]
        if not mentions:
            return                      # a sentence that names nothing leaves the subject as it was
        self.subject, self.subject_state = [], False
        if not nouns:
            return
        first = nouns[0]
        lo = _INTRO.match(text).end()
        if first.start < lo:
            return
        words = re.findall(r"[\w'\u2019-]+", text[lo:first.start])
        if len(words) > SUBJECT_WORDS or any(w.lower() in _PREPOSITIONS for w in words) or \
                any(m.is_equipment and m.start < first.start for m in mentions):
            return
        self.subject = _coordinated(text, nouns)
        # a capital as subject stands for its state ("Yerevan has turned to India. It ordered ..."); a people or an
        # organ ("The Kremlin") does not make an "It" that buys
        self.subject_state = first.kind in ("state", "ref", "seat")

    def resolve(self, text: str, mentions: list[Mention] = ()) -> list[Mention]:
        """Mentions (kind 'ref') for the references in ``text``; the key joins several codes with '+'."""
        out = []
        # after a longer opening adverbial ("Under a deal signed in 2021, it ...", "Over the past decade they ..."),
        # the pronoun is still the sentence's subject (rule fronted-pronoun)
        fronted = ("fronted-pronoun",) if self.on("fronted-pronoun") else None
        they, extra = _THEY.match(text), ()
        if they is None and fronted:
            they, extra = _THEY_FRONTED.match(text), fronted
        if they and self.subject and self.on("they-subject"):
            out.append(Mention(they.start(1), they.end(1), they.group(1), "ref", "+".join(self.subject),
                               rules=("they-subject",) + extra))
        it, extra = _IT.match(text), ()
        if it is None and fronted:
            it, extra = _IT_FRONTED.match(text), fronted
        if it and len(self.subject) == 1 and self.subject_state and self.on("it-subject"):
            out.append(Mention(it.start(1), it.end(1), it.group(1), "ref", self.subject[0],
                               rules=("it-subject",) + extra))
        out += self._regional_epithets(text, mentions)
        self._note_home(text, mentions)
        out += self._acronyms(text, mentions)
        out += self._services(text, mentions)
        out += self._home_organs(text, mentions, out)
        out += self._firm_refs(text, mentions)
        for m in _REF.finditer(text):
            phrase = m.group(1).lower()
            if phrase.startswith("the ") and not phrase.startswith(("the two", "the latter", "the former")):
                # "the island nation", "the country": the state this sentence opened on, else the one the last
                # sentence opened on ("Peru is expected to ... The country already flies two KC-390s")
                before = [x.key for x in mentions if x.kind in ("state", "people") and x.end <= m.start()]
                key = self._the_country(phrase, before)
                if key and self.on("the-country"):
                    out.append(Mention(m.start(), m.end(), m.group(0), "ref", key, rules=("the-country",)))
                continue
            if not self.group:
                continue
            if phrase in ("the latter", "the former"):
                kind, at = self._coordination_before(text, mentions, m.start())
                if kind != "actor" or not self.on("latter-former"):
                    continue            # the coordination just before is of weapons, or too far back
                group = self._group_before(text, mentions, m.start()) or self.group
                key = group[-1] if phrase == "the latter" else group[0]
                out.append(Mention(m.start(), m.end(), m.group(0), "ref", key, rules=("latter-former",)))
                continue
            key = "+".join(self.group[-2:]) if len(self.group) > 2 and phrase.startswith("the two") \
                else "+".join(self.group)
            if self.on("both-countries"):
                out.append(Mention(m.start(), m.end(), m.group(0), "ref", key, rules=("both-countries",)))
        return out

    def _the_country(self, phrase: str, before: list[str]) -> str | None:
        """The one state "the country" / "the kingdom" names: the first state of this sentence before it, else the
        state the last sentence opened on, else the state named last. Not when the last sentence opened on several
        ("Peru and Chile met. The country ...": which one?), unless the noun tells them apart: "the kingdom" is no
        republic ("Egypt and Jordan met. The kingdom ..." is Jordan), "the republic" no kingdom."""
        noun = "island" if "island" in phrase else "islamic republic" if "islamic republic" in phrase \
            else phrase.split()[-1]
        if before:
            candidates = before[:1]
        elif self.opening:
            candidates = [c for c in self.opening if c.isupper()]      # a state, not an armed group's slug
        else:
            candidates = [self.last_state] if self.last_state else []
        fits = [c for c in candidates if self._agrees(noun, c)]
        if len(fits) == 1:
            return fits[0]
        if noun in STRICT_FORMS and not fits:
            # "The US sold F-16s to Taiwan. The island ...": the state named last that is one
            return next((c for c in reversed(self.recent + before) if self._agrees(noun, c)), None)
        return None

    def _services(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """ "Ghana ordered jets from Brazil. The air force already flies K-8s from China.": a bare armed service is
        the one state in focus that buys. A service operates what it holds; it does not sell, so a state named as
        the seller ("from Brazil", "Italy sold ...") is never its owner. The states are this sentence's before the
        service, else those of the last sentence (within SERVICE_REACH) that named any; with two buyers ("Chile and
        Peru signed deals. The navy ...") or none it names nobody. "its navy": the same, from the sentence's own
        states before it, else the previous sentence's subject when that is one state."""
        out = []
        if not self.on("the-service"):
            return out
        for m in _SERVICE.finditer(text):
            if any(x.start < m.end() and m.start() < x.end for x in mentions):
                continue                 # "the Navy" inside a name the catalogue read
            named, here = _buyers(text, mentions, m.start())
            if m.group(1).lower() == "its":
                if named:
                    codes = here[:1] if here else []
                else:
                    codes = self.subject if self.subject_state else []
            elif named:
                codes = here
            else:
                codes, at = self.buyers
                if at < 0 or self.sentence - at >= SERVICE_REACH:
                    codes = []
            if len(codes) == 1:
                out.append(Mention(m.start(), m.end(), m.group(0), "ref", codes[0], rules=("the-service",)))
            elif not codes and m.group(1).lower() == "the" and (home := self._home_here(text, mentions)):
                out.append(Mention(m.start(), m.end(), m.group(0), "ref", home, rules=("home-state",)))
        return out

    # -- the paper's own state ------------------------------------------------------------------------------------
    def _note_home(self, text: str, mentions: list[Mention]) -> None:
        """In the opening sentences, the state whose own service or defence organ is named ("the Pakistan Navy",
        "the Kenya Defence Forces (KDF)"), and the acronyms defined for it. Two states' services: no home."""
        if self.sentence >= HOME_REACH or self.own == "":
            self.home = self.own or self.dateline
            return
        found = []
        for m in mentions:
            if m.kind in ("state", "adjective") and (svc := _OWN_SERVICE.match(text, m.end)) is not None:
                end = svc.end()
            elif m.kind == "organ" and _OWN_ORGAN_TEXT.search(m.text):
                end = m.end
            else:
                continue
            if _FROM_BEFORE.search(text, max(0, m.start - 12), m.start) or _SELLS_AFTER.match(text[end:end + 60]):
                continue
            found.append(m.key)
            if (d := _DEFINED.match(text, end)) is not None and self.on("national-acronym"):
                self.acronyms.setdefault(d.group(1), m.key)
        keys = set(found)
        if len(keys) > 1 or self.own and keys and keys != {self.own}:
            self.own = ""                   # two states' own services: the paper's is not told
        elif keys:
            self.own = keys.pop()
        self.home = self.own or self.dateline

    def _home_here(self, text: str, mentions: list[Mention]) -> str | None:
        """The home state, unless switched off or named in this sentence as the seller ("bought from Pakistan")."""
        home = self.home
        if not home or not self.on("home-state"):
            return None
        for m in mentions:
            if home in m.key.split("+") and (_FROM_BEFORE.search(text, max(0, m.start - 12), m.start) or
                                             _SELLS_AFTER.match(text[m.end:m.end + 60])):
                return None
        return home

    def _home_organs(self, text: str, mentions: list[Mention], refs: list[Mention]) -> list[Mention]:
        """ "The Defence Ministry has cancelled ...", "the service had also taken delivery of ...": a bare defence
        organ is the paper's own state's, when the sentence names no buyer of its own before it."""
        out = []
        for m in _HOME_ORGAN.finditer(text):
            a, b = m.span(1) if m.group(1) else m.span(2)
            if any(x.start < b and a < x.end for x in list(mentions) + refs):
                continue                 # inside a name the catalogue read, or resolved already
            if m.group(1) and m.group(1).lower() == "service" and re.search(r"\b(?:in|into|out\s+of|from)\s+$",
                                                                              text[max(0, a - 12):a - 4]):
                continue                 # "entered into the service": no organ
            named, here = _buyers(text, mentions, a)
            if named and here:
                continue
            if (home := self._home_here(text, mentions)) is not None:
                out.append(Mention(a, b, text[a:b], "ref", home, rules=("home-state",)))
        return out

    def _acronyms(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """ "PAF", "NAF": an acronym the text defined for a state's service, or an undefined air force acronym
        whose first letter is the home state's ("IAF" in a paper of India's)."""
        out: list[Mention] = []
        if not self.on("national-acronym"):
            return out
        for m in re.finditer(r"\b[A-Z]{2,6}\b", text):
            if any(x.start < m.end() and m.start() < x.end for x in mentions):
                continue
            if text[m.start() - 1:m.start()] == "(" and text[m.end():m.end() + 1] == ")":
                continue                 # the definition itself, or an aside's
            key = self.acronyms.get(m.group())
            if key is None and (sa := _SERVICE_ACRONYM.fullmatch(m.group())) is not None and self.home and \
                    sa.group(1)[0] in self.initials.get(self.home, frozenset()):
                key = self.home
            if key is not None:
                out.append(Mention(m.start(), m.end(), m.group(), "ref", key, rules=("national-acronym",)))
        return out

    def _firm(self, text: str, mentions: list[Mention]) -> None:
        """Remember the firm a sentence names: the one in focus when it names exactly one firm and that firm is not
        the buyer's own (its state is not named as the buyer, it is not what is sold "to"); a sentence naming two
        ("Naval Group and Fincantieri") or a buyer's firm leaves none in focus. A sentence naming no firm keeps
        the focus as it was."""
        named = _firms(text, mentions)
        if not named:
            return
        key = _one_firm(named)
        if key is not None:
            firms = [m for _, _, m in named]
            _, buyers = _buyers(text, [x for x in mentions if not any(x is m for m in firms)], len(text))
            if key in buyers or any(_FIRM_TO.search(text, max(0, m.start - 40), m.start) or
                                    _BUYS_AFTER.match(text[m.end:m.end + 80]) for m in firms):
                key = None
        self.firm = (key, self.sentence)

    def _firm_refs(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """ "Saab sold jets to Hungary. Thailand later ordered six more from the manufacturer.": "the company", "the
        same yard", "the Swedish firm" are the one firm in focus (named before in this sentence, else within
        FIRM_REACH sentences), standing for its state as the seller. Nothing when no firm or two are in focus, when
        the firm was the buyer's own, when a nationality adjective on the noun is another state's ("the German
        company" is not Saab), or when the firm's state is what this sentence names as the buyer."""
        out: list[Mention] = []
        if not self.on("firm-reference"):
            return out
        for r in _FIRM_REF.finditer(text):
            here = [n for n in _firms(text, mentions) if n[2].end <= r.start()]
            if here:
                key = _one_firm(here)
            else:
                key, at = self.firm
                if at < 0 or self.sentence - at >= FIRM_REACH:
                    key = None
            if key is None:
                continue
            inside = [x for x in mentions if r.start() <= x.start < r.end()]
            if any(x.kind != "adjective" or x.key != key for x in inside) or r.group("adj") and not inside:
                continue    # "the German company" is another firm; "the Hellenic yard": an adjective not known
            _, buyers = _buyers(text, mentions, len(text))
            if key in buyers:
                continue    # "Korea ordered boats from the same yard": no sale of a firm to its own state
            out.append(Mention(r.start(), r.end(), r.group(0), "firm", key, rules=("firm-reference",)))
        return out

    def _agrees(self, noun: str, code: str) -> bool:
        """May "the <noun>" name this state? Only its official form can rule it out ("the kingdom" is not the Arab
        Republic of Egypt); a state whose form the catalogue does not give agrees with any. "The island nation" is
        a state the catalogue marks as one."""
        forms = self.forms.get(code, frozenset())
        if noun in STRICT_FORMS:        # the catalogue names every kingdom, sultanate and island state
            return not self.forms or noun in forms
        if noun in FORMS and forms:     # "the republic"; "the country" agrees with any state
            return noun in forms
        return True

    def _regional_epithets(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """ "Ghana ordered trucks. The West African state also ...": a region's adjective on a singular state noun
        is the state named most recently (in this sentence before it, else earlier) that belongs to the region;
        none when no state of that region has been named."""
        out = []
        for g in mentions:
            members = self.regions.get(g.key) if g.kind == "group" else None
            noun = _EPITHET_NOUN.match(text, g.end) if members else None
            if noun is None or not self.on("regional-epithet"):
                continue
            the = _THE_BEFORE.search(text, max(0, g.start - 6), g.start)
            if the is None and not g.text.lower().startswith("the "):
                continue
            start = the.start() if the is not None else g.start
            here = [m.key for m in mentions if m.end <= start and m.kind in ("state", "people", "seat", "organ")]
            key = next((c for c in reversed(self.recent + here) if c in members), None)
            if key is not None:
                out.append(Mention(start, noun.end(), text[start:noun.end()], "ref", key,
                                   rules=("regional-epithet",)))
        return out

    def _coordination_before(self, text: str, mentions: list[Mention], at: int) -> tuple[str, int]:
        """The kind of the last coordination before offset ``at``: in this sentence, else the remembered one if
        recent enough; ("", -1) when there is none."""
        before = [m for m in mentions if m.end <= at and (m.is_equipment or m.kind in STATE_LIKE)]
        for a, b in reversed(list(zip(before, before[1:]))):
            if _COORD_GAP.match(text[a.end:b.start]) and a.is_equipment == b.is_equipment:
                return ("equipment" if a.is_equipment else "actor"), self.sentence
        kind, sent = self.latter
        return (kind, sent) if sent >= 0 and self.sentence - sent <= LATTER_REACH else ("", -1)

    def _group_before(self, text: str, mentions: list[Mention], at: int) -> list[str]:
        """Coordinated actors in this sentence before offset ``at`` ("Chile and Peru ...; the latter")."""
        before = [m for m in mentions if m.end <= at and m.kind in STATE_LIKE]
        run: list[Mention] = []
        best: list[Mention] = []
        for m in before:
            run = run + [m] if run and _COORD_GAP.match(text[run[-1].end:m.start]) else [m]
            if len(run) >= 2:
                best = list(run)
        return list(dict.fromkeys(m.key for m in best))


def _buyers(text: str, mentions: list[Mention], at: int) -> tuple[bool, list[str]]:
    """Whether the text before offset ``at`` names a state, and the states it names that are not the seller
    ("from Italy", "Italy sold ..."); a state's adjective ("Italian frigates") is where the weapon comes from."""
    named = False
    buyers: list[str] = []
    for m in mentions:
        if m.end > at or m.kind not in ("state", "people", "seat", "organ", "ref", "adjective"):
            continue
        named = True
        # a state's adjective says where a weapon comes from, unless it names the state's service ("the Polish Navy")
        if m.kind == "adjective" and not _SERVICE_AFTER.match(text, m.end) or \
                _FROM_BEFORE.search(text, max(0, m.start - 12), m.start) or _SELLS_AFTER.match(text[m.end:m.end + 60]):
            continue
        for c in m.key.split("+"):
            if c.isupper() and c not in buyers:
                buyers.append(c)
    return named, buyers


def _firms(text: str, mentions: list[Mention]) -> list[tuple[str, str, Mention]]:
    """(name, state, mention) of each firm a sentence names: by the catalogue ("Saab") or by its state's adjective on
    a firm noun ("a Turkish company", "the Emirati firm Edge"); the name is the firm's first word, so "Hanwha" and
    "Hanwha Aerospace" are one firm."""
    out = []
    for m in mentions:
        if m.kind == "firm" and "firm-reference" not in m.rules:
            out.append((m.text.split()[0].lower(), m.key, m))
        elif m.kind == "adjective" and (noun := _FIRM_NOUN_AFTER.match(text, m.end)) is not None:
            name = re.match(r"\s+([A-Z][\w-]+)", text[noun.end():])
            out.append((name.group(1).lower() if name else "", m.key, m))
    return out


def _one_firm(named: list[tuple[str, str, Mention]]) -> str | None:
    """The state of the one firm among ``named``, or None when they are two; a firm named only by its adjective
    ("the Swedish company") is the named firm of that state, if there is one."""
    names = {n for n, _, _ in named if n}
    states = {k for _, k, _ in named}
    if len(states) != 1 or len(names) > 1:
        return None
    return next(iter(states))


def _coordinated(text: str, nouns: list[Mention]) -> list[str]:
    """The codes of the first actor noun and of those coordinated with it ("Chile, Peru and Ghana")."""
    run = [nouns[0]]
    for m in nouns[1:]:
        if not _COORD_GAP.match(text[run[-1].end:m.start]):
            break
        run.append(m)
    return list(dict.fromkeys(c for r in run for c in r.key.split("+")))
