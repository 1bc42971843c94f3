"""Headlines read as clauses: a stand-in parse for the telegraphic verb.

Headline English drops the auxiliary and writes events in the present ("Chile eyes Swedish jets", "Peru nears
tank deal", "Oman, Italy seal frigate deal", "Ghana to buy Turkish drones"). The parser, trained on running text,
often reads the bare verb after a name as a plural noun ("eyes", "signs") or the headline infinitive as a relative
clause, so no transfer verb is found. A past-tense form is unambiguous to it ("Chile eyed Swedish jets"), and so is
"will" for the headline's "to". The stand-in is parsed and its tree is grafted onto the headline's own words, so
offsets, mentions and the words the rules read stay those of the text.
"""
from __future__ import annotations

_IRREGULAR_PAST = {"sell": "sold", "buy": "bought", "send": "sent", "give": "gave", "seek": "sought",
                   "choose": "chose", "get": "got", "win": "won", "lend": "lent", "make": "made", "build": "built",
                   "bring": "brought", "take": "took", "strike": "struck", "eye": "eyed", "ok": "approved",
                   "okay": "okayed"}
_VOWELS = set("aeiou")


def past(base: str) -> str:
    """The past tense of a regular verb ("near" neared, "ship" shipped, "eye" eyed), or a known irregular one."""
    if base in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[base]
    if base.endswith("e"):
        return base + "d"
    if base.endswith("y") and base[-2:-1] not in _VOWELS:
        return base[:-1] + "ied"
    if len(base) <= 4 and base[-1] not in _VOWELS | set("wxy") and base[-2:-1] in _VOWELS and \
            base[-3:-2] not in _VOWELS:
        return base + base[-1] + "ed"
    return base + "ed"


def _is_form(word: str, base: str) -> bool:
    """Is ``word`` the bare, third-person or -ing form of ``base`` ("eyes", "handing": a headline's "is handing")?"""
    return word in (base, base + "s", base + "es", base + "ing", base[:-1] + "ing", base + base[-1:] + "ing") or \
        base.endswith("y") and word == base[:-1] + "ies"


# words of status that are no verbs: "Peru close to tank deal" is "is close to", not "closed"
_NOT_VERBS = frozenset({"will", "shall", "set", "due", "close", "verge", "poised", "poise", "potential", "ready",
                        "willing", "keen", "eager", "interested", "possible", "proposed", "prospective", "prospect"})


def verbs_of(lex) -> frozenset[str]:
    """Lemmas a headline may use as its verb: the transfer verbs, the words of status that are verbs, the verbs of
    possession and the headline verbs."""
    status = {w for w in lex.status_words if " " not in w and w not in _NOT_VERBS and w not in lex.adjectives and
              (w in lex.verbs or w not in lex.nouns) and not w.endswith(("tion", "sion", "ment", "al", "ance", "ence"))}
    # "First K9s for Estonia arrive in Tallinn", "Frigates for Egypt leave Kiel": the verbs of moving weapons
    moving = {w for k in ("arrival_verbs", "departure_verbs") for w in lex.word_classes.get(k, ()) if " " not in w}
    return frozenset(lex.verbs) | frozenset(status) | lex.possession | \
        lex.word_classes.get("headline_verbs", frozenset()) | frozenset(moving)


def _verb_base(w, word: str, verbs) -> str | None:
    """The lemma of ``verbs`` that the headline word ``w`` (written ``word``) is a bare, third-person or -ing form
    of, or None."""
    low = word.lower()
    return next((b for b in (w.lemma_.lower(), low, low[:-1], low[:-2], low[:-3], low[:-3] + "e", low[:-4])
                 if b in verbs and _is_form(low, b)), None)


def _closing_verb(sdoc, words, verbs, deal_words) -> tuple[list[str], int, str, list[str]] | None:
    """ "Peru's K2 deal with Korea stalls", "Su-35 sale to Egypt collapses": a headline whose subject is a deal
    and whose verb closes it, which the parser reads as one long noun phrase."""
    i = len(sdoc) - 1
    w = sdoc[i]
    if i < 2 or not (w.is_alpha and words[i].islower()) or w.pos_ in ("VERB", "AUX"):
        return None
    if not any(t.lemma_.lower() in deal_words for t in sdoc[:i]):
        return None
    base = _verb_base(w, words[i], verbs)
    if base is None or base in deal_words:
        return None
    return words, i, base, [past(base)]


def _abbreviated(word: str) -> bool:
    """ "US OKs sale of jets": a verb written as an abbreviation in capitals."""
    return word[:2] == "OK" and word[2:] in ("", "s", "d", "'d", "ed")


def stand_in(sdoc, mentions, verbs, deal_words=frozenset()) -> tuple[list[str], int, str, list[str]] | None:
    """The headline's words, the position of its verb, the verb's lemma and the words to try in its place, each
    unambiguous to the parser; None when the headline does not open on its subject ("Chile eyes ...", "Brazil,
    Sweden seal ...") followed by a verb of ``verbs``, nor closes on one after a deal (``_closing_verb``)."""
    actor_chars = [(m.start, m.end) for m in mentions if m.is_actor]
    i, n, seen = 0, len(sdoc), False
    while i < n:
        t = sdoc[i]
        if any(a <= t.idx < b for a, b in actor_chars):
            seen = True
        elif not (seen and t.lower_ in (",", "and", "&") and i + 1 < n and
                  any(a <= sdoc[i + 1].idx < b for a, b in actor_chars)):
            break                   # "Brazil, Sweden seal ...": a comma or "and" only between two names
        i += 1
    opens = seen and i < n - 1
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in sdoc)
    dest = _after_destination(sdoc, mentions)
    if not opens and dest is None and (n == 0 or has_verb):
        return None                 # no verb to try (opening, after a destination) nor a verbless headline to close
    words = _plain_words(sdoc, mentions)
    opening = _opening_verb(sdoc, list(words), verbs, i) if opens else None
    if opening is None and dest is not None:
        opening = _opening_verb(sdoc, list(words), verbs, dest)
    if opening is None and n > 0 and not has_verb:
        return _closing_verb(sdoc, words, verbs, deal_words)
    return opening


def _plain_words(sdoc, mentions) -> list[str]:
    """ "Chile Eyes Swedish Jets", "CHILE BUYS SWEDISH JETS": a headline in title case or in capitals is read in lower
    case, but for the names it holds."""
    words = [t.text for t in sdoc]
    named = [(m.start, m.end) for m in mentions if m.kind != "equipment"]     # "Drones" is no name
    plain = [t for t in sdoc if t.is_alpha and not any(a <= t.idx < b for a, b in named)]
    long = [t for t in plain if len(t) > 3]
    if long and (sum(t.is_title for t in long) >= 0.6 * len(long) or all(t.is_upper for t in long)):
        words = [t.lower_ if t in plain else t.text for t in sdoc]
    return words


def participle_verbs(lex) -> frozenset[str]:
    """Lemmas whose bare participle a headline writes for "were ...": the verbs of transfer and of a ship's launch;
    not those of holding or use ("Ukraine's HIMARS used on Crimea"), nor those that take no object ("arrived" is
    the past itself)."""
    launches = {str(w).split()[0] for w in lex.word_classes.get("ship_launches", ())}
    return frozenset(lex.verbs) | frozenset(launches)


def participle(sdoc, mentions, verbs) -> int | None:
    """ "Rest of Iraq's F-16s delivered", "Last Rafales for Greece handed over": a headline that names weapons of
    an actor (its possessive, or "for" it) and then a participle of ``verbs``, with the "were" dropped; the
    participle's position, or None. A nationality is no owner ("Russian tanks shipped to the front"), and weapons
    that deliver something are no passive."""
    verb = next((t for t in sdoc if t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB") or t.tag_ == "MD"), None)
    if verb is None or verb.i < 2 or verb.tag_ not in ("VBN", "VBD") or verb.lemma_.lower() not in verbs or \
            sdoc[verb.i - 1].pos_ not in ("NOUN", "PROPN", "NUM") or \
            any(c.dep_ in ("dobj", "obj") or c.dep_ == "dative" and c.pos_ != "ADP" for c in verb.children):
        return None
    if not any(m.is_equipment and m.end <= verb.idx for m in mentions):
        return None
    owners = [m for m in mentions if m.is_actor and m.kind != "adjective" and m.end <= verb.idx]
    for m in owners:
        first = next((t for t in sdoc if t.idx >= m.start), None)
        after = next((t for t in sdoc if t.idx >= m.end), None)
        if first is not None and first.i > 0 and sdoc[first.i - 1].lower_ == "for" or \
                after is not None and after.tag_ == "POS":
            return verb.i
    return None


def _after_destination(sdoc, mentions) -> int | None:
    """ "First K9 howitzers for Estonia arrive in Tallinn": a headline that opens on weapons for an actor; the
    position of the word after the actor, where its verb stands, or None."""
    equipment = [m for m in mentions if m.is_equipment]
    for m in mentions:
        if not m.is_actor or m.kind == "adjective":
            continue
        first = next((t for t in sdoc if t.idx >= m.start), None)
        if first is None or first.i < 2 or sdoc[first.i - 1].lower_ != "for":
            return None     # the first actor named is the one the weapons are for
        if not any(e.end <= sdoc[first.i - 1].idx for e in equipment) or \
                any(t.pos_ in ("VERB", "AUX") for t in sdoc[:first.i]):
            return None
        return next((t.i for t in sdoc if t.idx >= m.end), None)
    return None


def _opening_verb(sdoc, words, verbs, i):
    """ "Chile eyes Swedish jets": the verb at ``i``, after the names the headline opens on."""
    w = sdoc[i]
    if _abbreviated(w.text):
        words[i] = w.lower_
    if w.lower_ == "to" and sdoc[i + 1].is_alpha and words[i + 1].islower():
        return words, i, "will", ["will"]                   # "Ghana to buy drones": "Ghana will buy drones"
    if not (w.is_alpha and words[i].islower()):
        return None
    base = _verb_base(w, words[i], verbs)
    if base is None:
        return None
    # its own past first ("eyed"); where the parser still reads that as an adjective, a past that is only a verb,
    # of the same shape (a subject and an object)
    return words, i, base, [past(base), "bought"]


def reparse(nlp, sdoc, mentions, lex, verbs=None, headline=True, participles=True):
    """The headline's parse with the stand-in's tree, or None when no stand-in applies or none reads better (its
    verb heads no clause, or the tokens do not line up). In a sentence that is no headline ("Peru
    fields tanks bought from Korea.") only a verb the parser did not read as a verb is stood in for."""
    got = stand_in(sdoc, mentions, verbs if verbs is not None else verbs_of(lex),
                   lex.word_classes.get("deal_lemmas", frozenset()) | frozenset(
                       w for w, fr in lex.nouns.items() if fr[0] in ("give", "get", "deal")))
    if got is None:
        return _with_be(nlp, sdoc, mentions, lex) if headline and participles else None
    words, i, lemma, tries = got
    verb = sdoc[i + 1] if lemma == "will" else sdoc[i]
    if not headline and verb.pos_ in ("VERB", "AUX") and verb.dep_ not in ("relcl", "acl", "amod"):
        return None         # read as a verb already ("Greece to buy frigates." may be read as a relative clause)
    for word in tries:
        words[i] = word
        alt = nlp("".join(w + t.whitespace_ for w, t in zip(words, sdoc)))
        if len(alt) != len(sdoc) or any(a.text != w for a, w in zip(alt, words)):
            return None
        verb = alt[i + 1] if lemma == "will" else alt[i]
        # a clause's verb: the root, or the first clause of a headline in two ("... eyed jets - deal could come")
        if verb.pos_ in ("VERB", "AUX") and verb.dep_ in ("ROOT", "ccomp", "parataxis", "conj"):
            break
    else:
        return None
    from spacy.tokens import Doc

    # the headline's words with the stand-in's tree; the verb keeps its own lemma ("eyes": eye), and "to" becomes
    # the auxiliary "will"
    lemmas = [a.lemma_ for a in alt]
    lemmas[i] = lemma
    return Doc(sdoc.vocab, words=[t.text for t in sdoc], spaces=[bool(t.whitespace_) for t in sdoc],
               tags=[a.tag_ for a in alt], pos=[a.pos_ for a in alt], morphs=[str(a.morph) for a in alt],
               lemmas=lemmas, heads=[a.head.i for a in alt], deps=[a.dep_ for a in alt])


def _with_be(nlp, sdoc, mentions, lex):
    """ "Rest of Iraq's F-16s delivered": the headline's parse with the stand-in "Rest of Iraq's F-16s were
    delivered" (``participle``), the inserted "were" dropped again, or None. "was" for a subject in the singular."""
    words = _plain_words(sdoc, mentions)
    plain = sdoc
    if any(w != t.text for w, t in zip(words, sdoc)):
        # "Rest Of Iraq's F-16s Delivered": a headline in title case is read in lower case, as it is parsed again
        plain = nlp("".join(w + t.whitespace_ for w, t in zip(words, sdoc)))
        if len(plain) != len(sdoc):
            return None
    i = participle(plain, mentions, participle_verbs(lex))
    if i is None:
        return None
    subj = next((c for c in plain[i].children if c.dep_ in ("nsubj", "nsubjpass")), plain[i - 1])
    for be in (("were", "was") if subj.tag_ in ("NNS", "NNPS") else ("was", "were")):
        text = "".join(w + t.whitespace_ for w, t in zip(words[:i], sdoc[:i])) + be + " " + \
            "".join(w + t.whitespace_ for w, t in zip(words[i:], sdoc[i:]))
        alt = nlp(text)
        if len(alt) != len(sdoc) + 1 or any(a.text != w for a, w in zip([*alt[:i], *alt[i + 1:]], words)):
            return None
        verb = alt[i + 1]
        if verb.dep_ in ("ROOT", "ccomp", "parataxis") and verb.tag_ == "VBN" and \
                any(c.dep_ == "nsubjpass" for c in verb.children):   # "..., says Seoul": a clause of speech
            break
    else:
        return None
    from spacy.tokens import Doc

    kept = [a for a in alt if a.i != i]
    at = {a.i: k for k, a in enumerate(kept)}
    doc = Doc(sdoc.vocab, words=[t.text for t in sdoc], spaces=[bool(t.whitespace_) for t in sdoc],
              tags=[a.tag_ for a in kept], pos=[a.pos_ for a in kept], morphs=[str(a.morph) for a in kept],
              lemmas=[a.lemma_ for a in kept], heads=[at.get(a.head.i, at[i + 1]) for a in kept],
              deps=[a.dep_ for a in kept])
    doc.user_data["stand-in"] = "participle-headline"
    return doc
