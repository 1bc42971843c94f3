"""The Western Balkans briefing for 2021–2024 on the store of the dev and dev2 documents and both SIPRI exports (March
2025 and the by-delivery export of February 2026), read as an analyst reads it: every key finding is recomputed
from the store, and a sentence whose numbers or hedging differ fails. Skipped when ../shared is absent."""
from __future__ import annotations

import json
import re

import pytest

SINCE, UNTIL = 2021, 2024


@pytest.fixture(scope="module")
def wb_store(shared, tmp_path_factory):
    from evalstore import build_eval_store

    store = build_eval_store(tmp_path_factory.mktemp("wb") / "wb.db", shared, ["dev", "dev2"],
                             ["trade-register-2025-03.csv", "trade-register-by-delivery-2026-02.csv"])
    yield store
    store.engine.dispose()


@pytest.fixture(scope="module")
def brief(wb_store):
    from armsflow.report.build import build_briefing

    return build_briefing(wb_store, "western-balkans", SINCE, UNTIL)


@pytest.fixture(scope="module")
def stored(wb_store):
    """Every record of the store by id, and the register row behind each register record."""
    from armsflow.store.queries import RecordFilter, records, register_rows_of, undated

    # each source on its own: with every source, a news record linked to its register deal stands behind it
    recs = {r.id: r for source in ("news", "sipri")
            for r in records(wb_store, RecordFilter(source=source)) + undated(wb_store, RecordFilter(source=source))}
    return recs, register_rows_of(wb_store, [i for i, r in recs.items() if r.source != "news"])


def _name(code):
    from armsflow.catalog import load_catalog
    from armsflow.report.build import _the

    return _the(load_catalog(include_user=False).actor_name(code) or code)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)


def _figures(value):
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, (int, float)):
        yield value
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _figures(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _figures(v)
    elif isinstance(value, str) and re.fullmatch(r"\d{4}(-\d{4})?", value):
        yield from (int(x) for x in value.split("-"))


def _stated_numbers(text: str, fact) -> list[float]:
    """The numbers a sentence states, once the names it quotes (systems such as "57-E6", "Mi-35M") are taken out."""
    for s in sorted(set(_strings(fact.subject)), key=len, reverse=True):
        if any(ch.isdigit() for ch in s):
            text = text.replace(s, " ")
    text = re.sub(r"\[\^\d+\]", " ", text)
    out = []
    for m in re.finditer(r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)(%?)", text):
        v = float(m.group(1).replace(",", ""))
        out.append(v / 100 if m.group(2) else v)
    return out


def _close(v: float, figures) -> bool:
    for f in figures:
        for cand in (f, round(f, 2), round(f * 100) / 100 if 0 <= f <= 1 else f):
            if abs(v - cand) < 0.005 or (0 <= f <= 1 and abs(v - round(f, 2)) < 0.006):
                return True
        if abs(v - round(f)) < 1e-9 and abs(f - round(f)) < 0.5 and f > 1:        # "1,552" for 1552.4
            return True
    return False


def _hedged(recs, ids) -> bool:
    rs = [recs[i] for i in ids]
    return bool(rs) and all(r.source == "news" and r.unhedged == 0 for r in rs)


def _same_deal(wb_store, recs):
    """news record id → register record id of the same deal: the store's link when it keeps one, else the rule."""
    from armsflow.analyze.components import families
    from armsflow.analyze.dataset import Item
    from armsflow.analyze.facts import deal_links
    from armsflow.catalog import load_catalog
    from armsflow.report.build import _stored_links

    items = [Item(r) for r in recs.values()]
    return deal_links(items, families(load_catalog(include_user=False)), _stored_links(wb_store))


# --- the key findings, recomputed ------------------------------------------------------------------------------------

def test_the_key_findings_are_the_analysts_list(brief):
    kinds = [f.fact.kind for f in brief.summary]
    print("\n" + "\n".join(f"{f.fact.kind:12} {f.fact.weight:.3f}  {f.text}" for f in brief.summary))
    assert {"deal", "undelivered", "escalation", "ceiling", "bloc_shift"} <= set(kinds)
    weights = [f.fact.weight for f in brief.summary]
    assert weights == sorted(weights, reverse=True)
    text = "\n".join(f.text for f in brief.summary)
    assert re.search(r"Serbia ordered 12 Rafale F4 \(combat aircraft\) from France in 2024, none delivered", text)
    assert re.search(r"of Serbia's 2021 orders from Russia show no delivery by 2024: .*Pantsyr", text)
    assert "Arms-control ceilings" in [s.title for s in brief.sections]


def test_every_sentence_is_its_fact_rendered(brief):
    from armsflow.report.sentences import sentence

    for f in brief.findings():
        assert f.fact is not None, f.text
        assert sentence(f.fact, _name) == f.text


def test_no_sentence_states_a_number_its_fact_does_not_carry(brief):
    for f in brief.findings():
        figures = list(_figures(f.fact.numbers))
        if f.fact.kind == "ceiling":
            n = f.fact.numbers
            figures += [q for _, q, _ in f.fact.subject["systems"] if q]
            if n["headroom"] is None:
                figures.append(n["ceiling"] - n["acquired"])
        if f.fact.kind == "undelivered":
            figures += [q for _, _, q, _ in f.fact.subject["items"] if q]
        for v in _stated_numbers(f.text, f.fact):
            assert _close(v, figures), (v, f.text, f.fact.numbers)


def test_every_key_finding_recomputes_from_the_store(brief, wb_store, stored):
    from armsflow.analyze.ceilings import load_treaty
    from armsflow.analyze.dataset import record_years

    recs, rows = stored
    for f in brief.summary:
        fact, n = f.fact, f.fact.numbers
        # hedging: worded as reported exactly when every record behind it is news that every source hedges
        assert fact.hedged == _hedged(recs, fact.records), f.text
        assert ("reportedly" in f.text or "nconfirmed" in f.text) == fact.hedged, f.text
        if fact.kind == "deal":
            reg = [i for i in fact.records if recs[i].source != "news"]
            deal = recs[reg[0]] if reg else recs[fact.records[0]]
            assert n["quantity"] == (deal.quantity_max if deal.quantity_max is not None else deal.quantity_min)
            if reg:
                row = rows[reg[0]]
                assert n["year"] == row.order_year
                assert n["tiv"] == (max(row.tiv_total or 0, row.tiv_delivered or 0) or None)
                assert n["delivered"] == any(y <= UNTIL for y in row.delivery_years)
            assert (deal.supplier, deal.recipient) == (fact.subject["supplier"], fact.subject["recipient"])
        elif fact.kind == "undelivered":
            reg = [rows[i] for i in fact.register_rows]
            assert all(not [y for y in r.delivery_years if y <= UNTIL] for r in reg)
            assert all(SINCE <= r.order_year <= UNTIL for r in reg)
            assert n["tiv"] == round(sum(r.tiv_total or 0 for r in reg), 2)
            assert n["register_deals"] == len(reg)
        elif fact.kind == "ceiling":
            t = load_treaty()
            ceiling = next(c.ceiling for c in t.ceilings if t.holders[c.holder].name == fact.subject["holder"]
                           and t.categories[c.category].name == fact.subject["category"])
            assert n["ceiling"] == ceiling
            assert n["acquired"] == sum(recs[i].quantity_max if recs[i].quantity_max is not None
                                        else (recs[i].quantity_min or 0) for i in fact.records)
        elif fact.kind == "bloc_shift":
            dated = [recs[i] for i in fact.records]
            assert all(record_years(r) for r in dated)
        elif fact.kind == "escalation":
            _check_escalation(fact, wb_store)


def _check_escalation(fact, wb_store):
    """The sentence agrees with the project's escalation indicator, asked through the CLI for the same periods."""
    from typer.testing import CliRunner

    from armsflow.cli import app

    n = fact.numbers
    length = UNTIL - SINCE + 1
    url = wb_store.engine.url.render_as_string(hide_password=False)
    res = CliRunner().invoke(app, ["dyads", "--pair", f"{fact.subject['a']}-{fact.subject['b']}", "--since",
                                   str(SINCE - length), "--until", str(UNTIL), "--bucket", str(length),
                                   "--escalation", "--format", "jsonl", "--db", url])
    assert res.exit_code == 0, res.output
    rows = [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]
    last, prev = rows[-1], rows[-2]
    assert (last["bucket"], prev["bucket"]) == (n["bucket"], n["previous"])
    assert round(last["mutual"], 2) == n["mutual"] and round(prev["mutual"], 2) == n["previous_mutual"]
    assert last["escalating"] == n["escalating"]


def test_the_escalation_sentence_says_what_the_indicator_says(brief, wb_store):
    [f] = [f for f in brief.findings() if f.fact.kind == "escalation" and f.fact.subject["b"] == "XKX"]
    _check_escalation(f.fact, wb_store)
    assert f.fact.numbers["escalating"] and "acquired more in the same categories in 2021–2024 than in " \
                                             "2017–2020" in f.text
    assert "no rise" not in f.text


def test_a_tie_is_stated_as_a_tie(brief):
    [f] = [f for f in brief.findings() if f.fact.kind == "drones"]
    if len(f.fact.subject["recipients"]) > 1:
        assert " each hold " in f.text and "holds the most" not in f.text
    else:
        assert "holds the most" in f.text


# --- undated, and one deal once ------------------------------------------------------------------------------------

def test_no_undated_claim_appears_with_a_year(brief, wb_store, stored):
    from armsflow.store.queries import RecordFilter, record_claims, undated

    recs, _ = stored
    undated_ids = {r.id for r in undated(wb_store, RecordFilter(since=SINCE, until=UNTIL))}
    assert undated_ids, "the store has undated records (Iran's hedged reports)"
    used = {i for f in brief.findings() for i in f.fact.records}
    assert not used & undated_ids
    undated_sentences = {c.evidence for cs in record_claims(wb_store, undated_ids).values() for c in cs}
    dated_sentences = {c.evidence for cs in record_claims(wb_store, [i for i in used if recs[i].source == "news"]
                                                          ).values() for c in cs}
    cited = {fn.evidence for fn in brief.footnotes if fn.source == "news"}
    assert not (cited & undated_sentences) - dated_sentences
    for f in brief.findings():
        assert "Iran" not in f.text


def test_no_deal_is_counted_twice(brief, wb_store, stored):
    recs, _ = stored
    links = _same_deal(wb_store, recs)
    seen: dict[int, str] = {}
    for f in brief.findings():
        fact = f.fact
        if fact.kind not in ("deal", "undelivered", "ceiling"):
            continue
        counted = [i for i in fact.records if recs[i].source != "news" or i not in links]
        if fact.kind == "undelivered":
            assert fact.numbers["deals"] == len(counted), f.text
        if fact.kind == "deal":
            assert len(counted) == 1, f.text
        if fact.kind == "ceiling":
            # a news record counted beside the register deal it reports would count that deal twice
            assert not [i for i in fact.records if links.get(i) in fact.records], f.text
        if fact.kind in ("deal", "undelivered"):
            for i in counted:
                assert i not in seen, (f.text, seen.get(i))
                seen[i] = f.text
    # the Rafale: the news report and the register row are one deal
    [rafale] = [f for f in brief.findings() if f.fact.kind == "deal" and f.fact.subject["system"] == "Rafale F4"]
    assert {recs[i].source for i in rafale.fact.records} == {"news", "sipri"}
    assert "also reported in the news" in rafale.text


# --- footnotes, sources and charts ---------------------------------------------------------------------------------

def test_footnotes_carry_title_link_date_hedging_and_register_rows(brief):
    fmap = brief.footnote_map()
    [rafale] = [f for f in brief.summary if "Rafale" in f.text]
    notes = [fmap[n] for n in rafale.footnotes]
    news = [fn for fn in notes if fn.source == "news"]
    register = [fn for fn in notes if fn.source == "register"]
    assert news and all(fn.title and fn.url and fn.url.startswith("http") and fn.published and fn.publisher
                        for fn in news)
    assert register and any("Rafale F4" in row and "2024" in row for fn in register for row in fn.rows)
    for fn in brief.footnotes:
        if fn.source == "register":
            assert fn.rows
    n_sources, _ = brief.cited_sources()
    cited = {fmap[n].doc if fmap[n].source == "news" else "register:" + fmap[n].doc
             for f in brief.findings() for n in f.footnotes}
    assert n_sources == len(cited)


def test_the_shares_chart_shows_every_supplier_above_five_percent(brief):
    from armsflow.report.briefing import fold_shares

    [chart] = [c for c in brief.charts() if c.kind == "shares"]
    serbia = chart.data["recipients"]["SRB"]
    shown, folded = fold_shares(serbia)
    assert "CHN" in [s for s, _, _ in shown]
    assert all(share > 0.05 for _, share, _ in shown) and all(share <= 0.05 for _, share, _ in folded)
    for s, share, _ in folded:
        assert f"{chart.data['names'][s]} {share:.0%}" in chart.caption


def test_the_briefing_renders_in_every_format(brief, tmp_path):
    from armsflow.report import write_briefing

    for suffix in ("md", "html", "pdf"):
        assert write_briefing(brief, tmp_path / f"brief.{suffix}").stat().st_size > 1000
    md = (tmp_path / "brief.md").read_text(encoding="utf-8")
    n_sources, _ = brief.cited_sources()
    assert f"{n_sources} cited source" in md and "Register rows:" in md
