"""Sentences from facts: one template per kind of ``analyze.facts.Fact``, and nothing else writes a finding.

A template states only the figures its fact carries, words a fact resting only on hedged reports as reported
("reportedly", "unconfirmed"), and names every party of a tie ("Serbia, Kosovo and Albania each hold 1"). ``name``
turns a code into running text ("the United States").
"""
from __future__ import annotations

from armsflow.analyze.facts import Fact

CATEGORY_WORDS = {"uav": "drones", "loitering_munition": "loitering munitions", "combat_aircraft": "combat aircraft",
                  "aircraft": "aircraft", "helicopter": "helicopters", "tank": "tanks",
                  "armoured_vehicle": "armoured vehicles", "artillery": "artillery", "air_defence": "air defence",
                  "anti_tank": "anti-tank weapons", "missile": "missiles", "ship": "ships",
                  "small_arms": "small arms and ammunition", "sensor": "sensors", "other": "other equipment"}


def words(category: str) -> str:
    """A category as running text: "armoured vehicles"; "equipment" when it is blank."""
    return CATEGORY_WORDS.get(category) or (category or "").replace("_", " ").strip() or "equipment"


def join(items) -> str:
    items = list(dict.fromkeys(items))
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def pct(share: float) -> str:
    return f"{share:.0%}"


def tiv(v: float) -> str:
    return f"{v:,.2f}".rstrip("0").rstrip(".")


def span(bucket: str | None) -> str:
    return (bucket or "").replace("-", "–")


def _what(system, category, quantity) -> str:
    thing = system or words(category)
    return f"{quantity:,} {thing}" if quantity else thing


def _source(source: str) -> str:
    return {"news": "news", "register": "register", "news+register": "news and register"}.get(source, source)


def sentence(f: Fact, name) -> str:
    """The finding's text for a fact."""
    return globals()[f"_{f.kind}"](f, name)


def _deal(f: Fact, name) -> str:
    s, n = f.subject, f.numbers
    said = "reportedly " if f.hedged else ""
    thing = _what(s["system"], s["category"], n["quantity"]) + (f" ({words(s['category'])})" if s["system"] else "")
    text = f"{name(s['recipient'])} {said}ordered {thing} from {name(s['supplier'])} in {n['year']}"
    if not n["delivered"]:
        text += ", none delivered yet"
    if f.source == "news":
        text += " (news" + ("; unconfirmed: every report hedges it" if f.hedged else "") + ")"
    else:
        value = f"TIV {tiv(n['tiv'])} million" if n["tiv"] else "the register gives no value yet"
        text += f" ({value}; register{', also reported in the news' if s.get('reported') else ''})"
    return text + "."


def _undelivered(f: Fact, name) -> str:
    s, n = f.subject, f.numbers
    years = join([str(y) for y in n["years"]])
    reg = [(sy, c, q) for sy, c, q, src in s["items"] if src == "register"]
    news = [(sy, c, q) for sy, c, q, src in s["items"] if src == "news"]
    parts = []
    if reg:
        value = (f"TIV {tiv(n['tiv'])} million" if n["tiv"] else "no value given")
        if n["tiv"] and n["unvalued"]:
            value += f", {n['unvalued']} not valued yet"
        parts.append(f"{join([_what(*x) for x in reg])} ({n['register_deals']} register "
                     f"deal{'s' if n['register_deals'] != 1 else ''}, {value})")
    if news:
        said = "reportedly " if f.hedged else ""
        parts.append(f"{said}{join([_what(*x) for x in news])} (news only)")
    upto = f" by {n['until']}" if n.get("until") else ""
    return (f"{n['deals']} of {name(s['recipient'])}'s {years} orders from {name(s['supplier'])} show no "
            f"delivery{upto}: {'; '.join(parts)}.")


def _entrant(f: Fact, name) -> str:
    s, n = f.subject, f.numbers
    said = "reportedly " if f.hedged else ""
    firmness = "unconfirmed: every source hedges it" if f.hedged else ("stated plainly" if "news" in f.source
                                                                      else "register")
    return (f"{name(s['supplier'])} is {said}a new entrant in {name(s['recipient'])}'s arms market: first recorded in "
            f"{n['year']} "
            f"({join([words(c) for c in s['categories']])}, status {s['status']}; {firmness}; "
            f"{n['sources']} independent source{'s' if n['sources'] != 1 else ''}).")


def _bloc_shift(f: Fact, name) -> str:
    s, n = f.subject, f.numbers
    move = "rose" if n["last"] > n["first"] else "fell"
    return (f"Suppliers aligned with {s['group_name']} {move} from {pct(n['first'])} of the region's "
            f"{n['first_n']} deals in {span(n['first_bucket'])} to {pct(n['last'])} of its {n['last_n']} deals in "
            f"{span(n['last_bucket'])} ({_source(f.source)}, one deal counted once).")


def _escalation(f: Fact, name) -> str:
    s, n = f.subject, f.numbers
    who = f"{name(s['a'])} and {name(s['b'])}"
    said = "reportedly " if f.hedged else ""
    shared = f"; shared: {join([words(c) for c in s['shared']])}" if s["shared"] else ""
    src = f"; {_source(f.source)}" + ("; unconfirmed: every report hedges them" if f.hedged else "")
    if n["change"] is None:
        return (f"The escalation indicator has no earlier period to compare {who} with: mutual acquisition "
                f"{n['mutual']:g} in {span(n['bucket'])}{shared}{src}.")
    if n["escalating"]:
        return (f"By the escalation indicator, {who} {said}acquired more in the same categories in "
                f"{span(n['bucket'])} than in {span(n['previous'])}: mutual acquisition {n['mutual']:g} against "
                f"{n['previous_mutual']:g} (records weighted by confidence){shared}{src}.")
    return (f"By the escalation indicator, {who} did not acquire more in the same categories in {span(n['bucket'])} "
            f"than in {span(n['previous'])}: mutual acquisition {n['mutual']:g} against "
            f"{n['previous_mutual']:g}{shared}{src}.")


def _ceiling(f: Fact, name) -> str:
    s, n = f.subject, f.numbers
    listed = join([_what(sy, "", q) for sy, q, _ in s["systems"] if q])
    text = (f"Under the {s['treaty']}, {s['holder']} acquired {n['acquired']:,} {s['category'].lower()} in the period"
            + (f" ({listed})" if listed else ""))
    if n["unquantified"]:
        k = n["unquantified"]
        text += f", and {k} more deal{'s' if k != 1 else ''} of no stated number"
    text += f", against a ceiling of {n['ceiling']:,}"
    if n["headroom"] is not None:
        text += f"; with holdings of {n['holdings']:,} ({n['holdings_year']}) that leaves {n['headroom']:,}"
    else:
        text += f"; holdings are not known, so the headroom is at most {n['ceiling'] - n['acquired']:,}"
    if n["possible"]:
        text += f"; {n['possible']} more record{'s' if n['possible'] != 1 else ''} may count"
    return text + f" ({_source(f.source)})."


def _shares(f: Fact, name) -> str:
    s, n = f.subject, f.numbers
    who = f"{name(s['recipient'])}'s {s['period']} imports"
    if len(s["lead"]) > 1:
        text = (f"{who} come mainly from {join([name(x) for x in s['lead']])}, which each hold "
                f"{pct(n['lead_share'])} of {n['deals']} register deals")
        if s["second"] is not None:
            text += f", then {name(s['second'])} ({pct(n['second_share'])})"
    else:
        text = (f"{who} come mainly from {name(s['lead'][0])} ({pct(n['lead_share'])} of {n['deals']} register "
                f"deals)")
        if s["second"] is not None:
            text += f" and {name(s['second'])} ({pct(n['second_share'])})"
    if len(s["tiv_lead"]) == 2:
        a, b = s["tiv_lead"]
        x, y = n["tiv_shares"]
        text += (f"; by value (TIV delivered) {join([name(a), name(b)])} each {pct(x)}" if abs(x - y) < 1e-9 else
                 f"; by value (TIV delivered) {name(a)} {pct(x)} and {name(b)} {pct(y)}")
    text += f". Supplier concentration (HHI) is {n['hhi']:,.0f} by deals"
    if n["hhi_tiv"] is not None:
        text += f" and {n['hhi_tiv']:,.0f} by value"
    return text + " (register)."


_CLAUSES = {
    "supplied": lambda sup, who, what, said: f"{sup} {said}supplies {who} ({what})",
    "talked": lambda sup, who, what, said: (f"{who} {'are' if ' and ' in who else 'is'} {said}considering or "
                                            f"negotiating {sup}'s {what}"),
    "cancelled": lambda sup, who, what, said: f"deals of {sup} with {who} ({what}) were {said}cancelled",
}


def _supply(f: Fact, name) -> str:
    s, n = f.subject, f.numbers
    parts = [_CLAUSES[c["stage"]](name(s["supplier"]), join([name(r) for r in sorted(c["recipients"], key=name)]),
                                  join([words(x) for x in c["categories"]]), "reportedly " if c["hedged"] else "")
             for c in s["clauses"]]
    text = "; ".join(parts)
    text = text[:1].upper() + text[1:]
    docs = n["documents"]
    text += f", according to {docs} independent report{'s' if docs != 1 else ''} (news)."
    if f.hedged:
        text += " Unconfirmed: every report hedges it."
    if n.get("confirmed"):
        k = n["records"]
        text += f" {n['confirmed']} of these {k} record{'s' if k != 1 else ''} confirmed by SIPRI."
    return text


def _drones(f: Fact, name) -> str:
    s, n = f.subject, f.numbers
    said = "reportedly " if f.hedged else ""
    firm = "; unconfirmed: every report hedges them" if f.hedged else ""
    k = n["records"]
    rec = f"drone and loitering-munition record{'s' if k != 1 else ''}"
    if len(s["recipients"]) > 1:
        return (f"{join([name(r) for r in s['recipients']])} {said}each hold {k} {rec}, the most in the region "
                f"(from {join([name(x) for x in s['suppliers']])}; {_source(f.source)}{firm}).")
    return (f"{name(s['recipients'][0])} {said}holds the most {rec} in the region ({k}, from "
            f"{join([name(x) for x in s['suppliers']])}; {_source(f.source)}{firm}).")
