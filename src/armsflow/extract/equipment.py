"""Which equipment mentions of a sentence are separate records.

"MiG-29 fighter jets" is one record (the generic noun qualifies the designation); "Wing Loong drones and
air defence missiles" is two; "attack aircraft, including Su-25 and L-39" is two systems, not a third generic
record: a generic noun heading a list of designations only announces them. A mention preceded by "own", "indigenous" or "domestic" is the speaker's own production, not a transfer.
"""
from __future__ import annotations

import re

from armsflow.extract.lexicon import load_lexicon, particle
from armsflow.model import Mention

_GLUE_AFTER = re.compile(r"^[\s\-\u2010\u2011]*(?:[A-Za-z0-9\-/.]+[\s\-\u2010\u2011]+){0,3}$")
_GLUE_BEFORE = re.compile(r"^[\s\-\u2010\u2011]*(?:[A-Za-z\-]+[\s\-\u2010\u2011]+)?$")
# "the Akash, an Indian missile[,.]", "..., an Israeli drone built under licence": a generic noun in apposition
_APPOSED = re.compile(r"^\s*,\s*(?:a|an)\s+(?:[A-Za-z\-]+[\s\-]+){0,3}$")
_APPOSITION_END = re.compile(r"^(?:s?\s*(?:[.;)]|$)|s?\s*,(?!\s*(?:and|or)\b)|"
                             r"s?\s+(?:\w+ed|built|made|sold|bought|that|which|with)\b)")
_BREAK = re.compile(r"\b(?:and|or|as well as|with|from|to|for|by|of|in|on|at|into|onto|against|near|over|under|"
                    r"after|before|during|via|through|towards?|across|than|while|which|that|including|such as)\b"
                    r"|[,;:()]", re.I)
_LIST = re.compile(r"^[\s,]*(?:including|such as|like|notably|namely|among them|e\.g\.|consisting of|comprising|"
                   r"made up of|:)\s", re.I)
# "its own Altay tanks", "domestically built frigates"; not "its own order for Leopard tanks" nor "builds its own
# tanks and sells drones" (a preposition or a conjunction between: what is its own is another thing)
_OWN = re.compile(r"\b(?:own|indigenous|indigenously|domestic|domestically|home-?grown|locally[- ]?(?:made|built|"
                  r"produced))\b(?![\w\s\-]*\b(?:for|of|from|with|to|by|and|or|but|while|which|that)\b)[\w\s\-]{0,30}$", re.I)


# what a named system can modify without being transferred: "the F-35 programme", "a JF-17 production line"
NOT_ITEM_HEADS = frozenset({"program", "programme", "project", "consortium", "line", "factory", "plant", "facility",
                            "production", "development", "partnership", "initiative", "crash", "accident", "incident",
                            "competition", "tender", "contest", "pilot", "pilots", "simulator", "maintenance"})
REPLACED = frozenset({"replace", "retire", "decommission", "supersede", "succeed", "substitute", "phase", "scrap"})
# "to replace part of its Tornado fleet", "retiring the rest of its MiG-21s": a share of what is replaced
PARTS_OF = frozenset({"part", "portion", "half", "rest", "remainder", "some", "most", "all", "bulk", "share"})
# what a weapon does with another, said of it in a relative clause: "a drone that carries guided bombs"
PAYLOAD_VERBS = frozenset({"carry", "fire", "launch", "mount", "use", "employ", "deploy", "house", "hold", "accommodate"})


def _passed_over(prep) -> bool:
    """Is this preposition the one that introduces the alternative not taken ("rather than", "instead of", "over"
    after a verb of choosing)?"""
    before = prep.doc[prep.i - 1].lower_ if prep.i > 0 else ""
    if (prep.lower_, before) in (("than", "rather"), ("of", "instead")):
        return True
    if prep.lower_ != "over":
        return False
    chooser = prep.head
    if chooser.dep_ in ("dobj", "obj") and chooser.head.i != chooser.i:
        chooser = chooser.head      # "chose the Gripen over the Rafale": the parse may hang "over" on the choice
    return chooser.lemma_.lower() in load_lexicon().word_classes["choice_verbs"]


# verbs whose object is an enemy's weapon, fought, not moved; "intercept" only of what flies (a shipment
# intercepted on its way is still on its way to someone)
FOUGHT = frozenset({"destroy", "shoot", "strike", "attack", "target", "hit", "defeat", "neutralise", "neutralize",
                    "jam", "down", "counter", "repel", "repulse", "sink", "damage"})
AIRBORNE = frozenset({"uav", "loitering_munition", "missile", "combat_aircraft", "aircraft", "helicopter"})


def _fought(verb, mention: Mention) -> bool:
    lemma = verb.lemma_.lower()
    return verb.pos_ == "VERB" and (lemma in FOUGHT or lemma == "intercept" and mention.category in AIRBORNE)


def _own_purchase(phrase, is_trigger) -> bool:
    """Does the weapon that goes out of service tell how it came in, and from whom, by a clause of its own ("to
    replace the Kfirs bought from Israel in 1989", "the Mirages, which were supplied by France")? That clause is a
    transfer. Not one that names no seller ("the Mirages bought in 1998"): the sentence is about what replaces them."""
    return any(c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" and is_trigger(c) and any(
        p.dep_ in ("prep", "agent") and p.lower_ in ("from", "by") for p in c.children) for c in phrase.children)


def not_transferred(mention: Mention, span, is_equipment, is_trigger, on=lambda rule: True) -> bool:
    """Equipment named but not moving: "to replace its MiG-21s", "missile attacks", "a drone factory"."""
    root = span.root
    head = root.head
    first = root
    while first.dep_ == "conj" and first.head.i < first.i and first.head.i != first.i:
        first = first.head
    if first.i != root.i and first.dep_ in ("compound", "amod", "nmod") and first.head.i > root.i and \
            first.head.i >= span.end and not (is_equipment(first.head) or is_trigger(first.head)) and \
            (mention.kind == "equipment" or first.head.lemma_.lower() in NOT_ITEM_HEADS) and \
            on("coordinated-modifier"):
        # "after missile and drone attacks": the second of two weapon words on a noun names its kind too
        return True
    phrase = root
    while phrase.head.i != phrase.i and (phrase.dep_ in ("compound", "amod", "nummod", "nmod") or (
            phrase.dep_ == "pobj" and phrase.head.lower_ == "of" and phrase.head.head.lemma_.lower() in
            ("fleet", "batch", "squadron", "number", "inventory", "stock")) or (
            phrase.dep_ == "pobj" and phrase.head.lower_ == "of" and phrase.head.head.lemma_.lower() in PARTS_OF and
            phrase.head.head.head.lemma_.lower() in REPLACED and on("part-replaced"))):
        # "replacing Soviet-era Osa batteries", "to replace its old fleet of Mirage jets"
        phrase = phrase.head if phrase.dep_ != "pobj" else phrase.head.head
    # what is scrapped or struck may be the deal for the weapons: "scrapped its Rafale order", "struck a K2 deal"
    deal = phrase.i != root.i and load_lexicon().frame(phrase.lemma_.lower(), "NOUN") is not None
    if phrase.dep_ in ("dobj", "obj", "nsubjpass") and phrase.head.lemma_.lower() in REPLACED and not deal and \
            not (_own_purchase(phrase, is_trigger) and on("replaced-bought")):
        return True         # "to replace its MiG-21s", "the MiG-21s will be replaced with J-10Cs"
    if phrase.dep_ in ("dobj", "obj") and not deal and phrase.head.lemma_.lower() in \
            load_lexicon().word_classes["swap_for_verbs"] and \
            any(c.dep_ == "prep" and c.lower_ == "for" for c in (*phrase.head.children, *phrase.children)) and \
            not any(c.dep_ in ("prep", "dative") and c.lower_ in ("to", "with") for c in phrase.head.children):
        return True         # "Thailand swaps its F-5s for Gripens": the F-5s go out of service
    if phrase.dep_ in ("dobj", "obj") and _fought(phrase.head, mention) and not deal:
        return True         # "destroyed a Russian Pantsir", "deployed a destroyer to intercept Houthi drones"
    host = phrase
    while host.dep_ == "conj" and host.head.i != host.i:
        host = host.head
    if host.dep_ == "pobj" and host.head.lower_ == "for" and \
            host.head.head.lemma_.lower() in load_lexicon().word_classes["supply_nouns"]:
        return True         # "shells for its Leopard 2 tanks": the tanks are what the shells are for
    if any(c.dep_ == "det" and c.lower_ == "no" for c in (*phrase.children, *root.children)) and not (
            phrase.dep_ in ("nsubj", "nsubjpass") and any(c.lower_ == "yet" for c in phrase.head.children)):
        return True         # "Kenya received no drones from Turkey": the transfer is denied for this item (but "no
        #                     Rafales have been delivered yet": they are still to come)
    if host.dep_ == "pobj" and host.head.lower_ in ("without", "minus", "excluding"):
        return True         # "the jets came without their missiles": what was left out of the transfer
    if host.dep_ == "pobj" and _passed_over(host.head):
        return True         # "chose the Gripen over the F-16", "bought Rafales rather than F-35s": the alternative
    verb = phrase.head
    aside = load_lexicon().word_classes["circumstance_preps"]
    if phrase.dep_ in ("dobj", "obj") and verb.pos_ == "VERB" and not is_trigger(verb) and (
            verb.dep_ == "pcomp" and verb.head.lower_ in aside or verb.dep_ == "advcl" and verb.tag_ == "VBG"
            and any(c.dep_ == "mark" and c.lower_ in aside for c in verb.children)):
        return True         # "bought the K2 after testing the Leopard 2": what was tried, flown or weighed on the way
    if phrase.dep_ in ("dobj", "obj") and _made_beside_a_transfer(verb, is_trigger):
        return True         # "Turkey builds Altay tanks and sells drones to Qatar": what it builds is not sold
    if phrase.dep_ in ("dobj", "obj") and verb.lemma_.lower() in PAYLOAD_VERBS and verb.dep_ in ("relcl", "acl") and \
            is_equipment(verb.head):
        return True         # "the Mohajer-6, a drone that carries guided bombs": what it carries, not a second item
    # "the Reaper drones Poland bought from the US are based at Lask": a relative clause without "that", which the
    # parse reads as the weapons buying, with the state in apposition to them
    contact_relative = any(c.dep_ == "appos" and c.pos_ == "PROPN" and c.i == root.i + 1 for c in root.children)
    if root.dep_ == "nsubj" and is_trigger(head) and head.pos_ == "VERB" and not contact_relative and \
            not (head.tag_ in ("VBN", "VBD") and head.dep_ in ("csubj", "csubjpass") and
                 not any(c.dep_ in ("aux", "auxpass", "mark") for c in head.children)) and \
            not _carries_itself(head) and \
            any(c.dep_ in ("dobj", "obj", "dative") for c in head.children):
        return True         # "Russian cargo planes delivered the S-400": the carrier is not the cargo (but
        #                     what arrives, leaves, joins a navy or finds its way somewhere is the cargo: "the
        #                     first jets arrived in Ghana", "frigates for Egypt left Kiel"; and with no object the
        #                     verb is a headline's passive: "Chinese drones delivered to Serbia")
    if mention.kind == "system" and root.dep_ in ("compound", "amod", "nmod") and head.i >= span.end and \
            head.lemma_.lower() in NOT_ITEM_HEADS and not _left_programme(head, is_trigger):
        return True
    if phrase.dep_ == "pobj" and phrase.head.head.lemma_.lower() in ("competition", "contest", "rivalry", "race"):
        return True         # "after a lengthy competition with China's JF-17": the loser
    if mention.kind == "equipment" and root.dep_ in ("compound", "amod", "nmod") and head.i != root.i and \
            head.i >= span.end:
        # a weapon noun modifying another noun names that noun's kind, unless it is a deal or another weapon
        return not (is_equipment(head) or is_trigger(head))
    return False


def _left_programme(noun, is_trigger) -> bool:
    """Is ``noun`` a weapon's programme that a transfer word says a state was expelled from or left ("dropped from
    the F-35 programme", "quit the Su-57 project")? The weapon is then the transfer cancelled
    (roles._programme_exit)."""
    words = load_lexicon().word_classes
    if noun.lemma_.lower() not in words["programme_nouns"]:
        return False
    verb = noun.head
    for _ in range(3):
        if verb.pos_ == "VERB":
            break
        if verb.head.i == verb.i or verb.dep_ not in ("prep", "pobj"):
            return False
        verb = verb.head
    lemma = verb.lemma_.lower()
    return verb.pos_ == "VERB" and is_trigger(verb) and (
        lemma in words["expel_verbs"] or lemma in words["programme_leave_verbs"])


def _made_beside_a_transfer(verb, is_trigger) -> bool:
    """Is ``verb`` a maker's verb that transfers nothing here, joined to a transfer verb with an object of its own
    ("builds Altay tanks and sells drones to Qatar", "sells drones to Qatar and builds Altay tanks")? "builds and
    sells Altay tanks" shares one object, "makes JF-17s and sold them" sells what it makes, and "will build frigates
    for Peru" is a transfer verb itself."""
    lex = load_lexicon()
    if verb.pos_ != "VERB" or is_trigger(verb) or verb.lemma_.lower() not in (
            *lex.word_classes["maker_verbs"], *lex.word_classes.get("assembly_verbs", ())):
        return False
    beside = [c for c in verb.children if c.dep_ == "conj"] + ([verb.head] if verb.dep_ == "conj" else [])
    return any(b.pos_ == "VERB" and is_trigger(b) and any(g.dep_ in ("dobj", "obj", "dative") and g.pos_ != "PRON"
                                                           for g in b.children)
               for b in beside)         # "makes JF-17 jets and sold them to Nigeria": them, the jets made


# verbs whose subject is what moves, the cargo itself: "the first jets arrived in Ghana", "frigates for Egypt left Kiel"
_CARGO_VERBS = ("arrival_verbs", "joining_verbs", "onward_arrivals", "departure_verbs", "off_the_line",
                "ship_launches")


def _carries_itself(verb) -> bool:
    """Is ``verb`` one whose subject is the cargo ("arrived", "left Kiel", "rolled off the line")?"""
    words = load_lexicon().word_classes
    forms = (verb.lemma_.lower(), f"{verb.lemma_.lower()} {particle(verb)}")
    return any(f in words.get(k, ()) for k in _CARGO_VERBS for f in forms)


_DOMAINS = {"combat_aircraft": "air", "aircraft": "air", "helicopter": "air", "uav": "air",
            "tank": "land", "armoured_vehicle": "land", "artillery": "land", "ship": "sea"}


def _domain(category: str | None) -> str | None:
    return _DOMAINS.get(category or "")


def group_equipment(text: str, mentions: list[Mention]) -> tuple[list[int], dict[int, int]]:
    """(indices of mentions that are records, {absorbed generic index: system index})."""
    eq = [i for i, m in enumerate(mentions) if m.is_equipment]
    absorbed: dict[int, int] = {}
    for a, b in zip(eq, eq[1:]):
        ma, mb = mentions[a], mentions[b]
        gap = text[ma.end:mb.start]
        if ma.kind == "system" and mb.kind == "equipment" and _APPOSED.match(gap) and \
                _APPOSITION_END.match(text[mb.end:]):
            absorbed[b] = a         # "the Akash, an Indian missile, ...": the generic noun renames the system
            continue
        if _BREAK.search(gap):
            continue
        if ma.kind == "system" and mb.kind == "equipment" and _GLUE_AFTER.match(gap) and \
                _domain(ma.category) and _domain(mb.category) and _domain(ma.category) != _domain(mb.category):
            absorbed[a] = b         # "Typhoon armoured vehicles" are no Eurofighter jets: the type noun decides
            continue
        if ma.kind == "system" and mb.kind == "equipment" and ma.category in ("loitering_munition", "missile") and \
                mb.text.lower().startswith("munition") and _GLUE_AFTER.match(gap):
            absorbed[b] = a         # "Switchblade 300 munitions": the munitions are the system itself
        elif ma.kind == "system" and mb.kind == "equipment" and mb.category in ("small_arms", "other") and \
                ma.category not in ("small_arms", "other") and _GLUE_AFTER.match(gap):
            absorbed[a] = b         # "Leopard 1 tank ammunition", "F-16 spare parts": supplies for the system
        elif ma.kind == "system" and mb.kind == "system" and not gap.strip() and ma.category == mb.category:
            absorbed[b] = a         # "M1A2 Abrams", "Type 039 Yuan-class boat": two names for one thing
        elif ma.kind == "system" and mb.kind == "equipment" and _GLUE_AFTER.match(gap):
            absorbed[b] = a
        elif ma.kind == "equipment" and mb.kind == "system" and _GLUE_BEFORE.match(gap):
            absorbed[a] = b
        elif ma.kind == "equipment" and mb.kind == "equipment" and _GLUE_AFTER.match(gap) and \
                ma.category == mb.category:
            absorbed[a] = b
    # "attack aircraft, including Su-25 ..., L-39 ...": the generic head of a list of its own kind is not a record
    for i in eq:
        m = mentions[i]
        if m.kind != "equipment" or i in absorbed:
            continue
        after = text[m.end:m.end + 20]
        if _LIST.match(after):
            nxt = next((j for j in eq if j > i and j not in absorbed), None)
            if nxt is not None and mentions[nxt].kind == "system":
                absorbed[i] = nxt
    records = [i for i in eq if i not in absorbed and not _OWN.search(text[max(0, mentions[i].start - 40):
                                                                             mentions[i].start])]
    return records, absorbed
