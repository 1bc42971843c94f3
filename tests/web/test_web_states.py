"""The states list and a state's page over a real store: counts equal the records behind them, shares and HHI as
`armsflow shares` computes them, a state named by code or name, an unknown one a 404 page with a hint."""
from __future__ import annotations

import pytest

from overview_support import add_albania, db_count



@pytest.fixture
def albania(store_path, tmp_path, client) -> int:
    return add_albania(store_path, tmp_path)


def test_states_list_counts_imports_and_exports(client, store_path, albania):
    r = client.get("/states")
    assert r.status_code == 200 and "<h1>States</h1>" in r.text and 'class="lede"' in r.text
    for code in ("ALB", "TUR", "SRB"):
        row = next(tr for tr in r.text.split("<tr>") if f'href="/states/{code}"' in tr)
        imports = db_count(store_path, "recipient = ?", (code,))
        exports = db_count(store_path, "supplier = ?", (code,))
        if imports:
            assert f'href="/records?recipient={code}">{imports}</a>' in row
        if exports:
            assert f'href="/records?supplier={code}">{exports}</a>' in row
    assert "style=" not in r.text


def test_state_page_by_code_and_by_name(client, store_path, albania):
    by_code = client.get("/states/ALB")
    assert by_code.status_code == 200 and "Albania" in by_code.text
    n = db_count(store_path, "supplier = 'TUR' and recipient = 'ALB'")
    assert f'href="/records?recipient=ALB&amp;supplier=TUR">{n}</a>' in by_code.text
    by_name = client.get("/states/albania")
    assert by_name.status_code == 200
    main = lambda html: html.split('<main id="main">', 1)[1]             # noqa: E731 (the nav's "next" differs)
    assert main(by_name.text) == main(by_code.text)
    assert client.get("/states/alb").status_code == 200


def test_state_shares_and_hhi_are_those_of_the_analysis(client, web_store):
    from armsflow.analyze.dataset import load_dataset
    from armsflow.analyze.shares import concentration, supplier_shares

    r = client.get("/states/SRB")
    assert r.status_code == 200
    ds = load_dataset(web_store, "SRB")
    shares = supplier_shares(ds, "count", "recipient")
    conc = concentration(ds, "count", "recipient")[0]
    section = r.text.split('id="shares-h"', 1)[1].split("</section>", 1)[0]
    assert f"HHI <b>{conc.hhi:,.0f}</b>" in section
    for s in shares:
        row = next(tr for tr in section.split("<tr>") if f'href="/states/{s.supplier}"' in tr)
        assert f"{100 * s.share:.0f}%" in row and f">{s.records}</a>" in row
    assert 'id="blocs-h"' in r.text and 'id="dyads-h"' in r.text


def test_state_period_filter_narrows_and_is_kept_in_links(client, store_path):
    all_years = client.get("/states/SRB")
    recent = client.get("/states/SRB", params={"since": "2021"})
    assert recent.status_code == 200
    n_all = db_count(store_path, "recipient = 'SRB'")
    n_recent = db_count(store_path, "recipient = 'SRB' and coalesce(period_end, period_start) >= 2021")
    assert n_recent < n_all
    assert f'href="/records?recipient=SRB">{n_all} records</a>' in all_years.text
    assert f'href="/records?since=2021&amp;recipient=SRB">{n_recent} records</a>' in recent.text


def test_unknown_state_is_a_404_page_with_a_hint(client):
    r = client.get("/states/Atlantis")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "ISO code such as SRB" in r.text and "Atlantis" in r.text


def test_bad_state_filters_are_422(client):
    assert client.get("/states/SRB", params={"since": "soon"}).status_code == 422
    assert client.get("/states", params={"source": "rumour"}).status_code == 422


def test_hostile_name_in_url_is_escaped(client):
    r = client.get("/states/<script>alert(1)</script>")
    assert r.status_code == 404 and "<script>alert(1)</script>" not in r.text

