"""The must-show paths of the overview area in a real headless Chromium: the overview, a state page, the briefing
and the watches load without any script running from document text or any CSP violation; a filter changes the
page; a number leads to the records behind it; a watch is saved through the form."""
from __future__ import annotations

import sqlite3
from urllib.parse import parse_qs, urlparse

import pytest

from overview_support import add_albania
from websupport import PASSWORD, USER, navigates, no_alert



@pytest.fixture
def albania(store_path, tmp_path, live_server, browser) -> int:
    browser.get_log("browser")                  # the session's browser: drop what earlier tests left in its log
    return add_albania(store_path, tmp_path)


def _clean(driver) -> None:
    """No dialog, no payload ran, and the console holds no CSP violation or script error."""
    assert no_alert(driver)
    assert driver.execute_script("return window.__pwned === undefined")
    problems = [e["message"] for e in driver.get_log("browser")
                if e["level"] == "SEVERE" and "favicon" not in e["message"]]
    assert not problems, problems


def _click_and_wait(driver, element) -> None:
    """Click something that loads a new page, and wait until the new page has replaced the old one."""
    navigates(driver, element.click)


def _query(url: str) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}


def test_overview_filter_and_a_number_leading_to_its_records(browser, albania, store_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(browser.base + "/")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Overview"
    assert browser.find_element(By.CSS_SELECTOR, "svg.flowmap").is_displayed()
    _clean(browser)
    # change a filter: the region
    Select(browser.find_element(By.NAME, "region")).select_by_value("western-balkans")
    _click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]"))
    assert _query(browser.current_url) .get("region") == "western-balkans"
    rows = browser.find_elements(By.CSS_SELECTOR, "table.overview-flows tbody tr")
    assert rows and any("Albania" in r.text for r in rows)
    _clean(browser)
    # the count of the TUR -> ALB flow leads to the records behind it
    link = next(a for a in browser.find_elements(By.CSS_SELECTOR, "table.overview-flows td.num a")
                if _query(a.get_attribute("href")).get("recipient") == "ALB"
                and _query(a.get_attribute("href")).get("supplier") == "TUR")
    with sqlite3.connect(store_path) as c:
        n = c.execute("select count(*) from records where supplier='TUR' and recipient='ALB'").fetchone()[0]
    assert link.text == str(n)
    href = link.get_attribute("href")
    assert urlparse(href).path == "/records"
    _click_and_wait(browser, link)
    assert _query(browser.current_url) == {"region": "western-balkans", "supplier": "TUR", "recipient": "ALB"}
    assert no_alert(browser)
    if browser.find_element(By.TAG_NAME, "h1").text != "Not found":     # /records is another helper's page
        assert "Albania" in browser.find_element(By.TAG_NAME, "main").text


def test_state_page_number_and_latest_claim(browser, albania):
    from selenium.webdriver.common.by import By

    browser.get(browser.base + "/states/ALB")
    assert "Albania" in browser.find_element(By.TAG_NAME, "h1").text
    _clean(browser)
    link = next(a for a in browser.find_elements(By.CSS_SELECTOR, "table.state-partners td.num a")
                if _query(a.get_attribute("href")).get("supplier") == "TUR")
    assert _query(link.get_attribute("href")) == {"recipient": "ALB", "supplier": "TUR"}
    # change a filter on the state page
    box = browser.find_element(By.NAME, "since")
    box.send_keys("2023")
    _click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]"))
    assert _query(browser.current_url).get("since") == "2023"
    link = next(a for a in browser.find_elements(By.CSS_SELECTOR, "table.state-partners td.num a")
                if _query(a.get_attribute("href")).get("supplier") == "TUR")
    assert _query(link.get_attribute("href")).get("since") == "2023"
    # the overview's latest claim leads to its evidence
    browser.get(browser.base + "/")
    claim = browser.find_element(By.CSS_SELECTOR, ".overview-claim a[href^='/claims/']")
    assert urlparse(claim.get_attribute("href")).path == f"/claims/{albania}"
    assert "<said>" in browser.find_element(By.CSS_SELECTOR, ".overview-claim blockquote").text   # shown as text


def test_briefing_renders_its_charts_under_the_strict_policy(browser, albania):
    from selenium.webdriver.common.by import By

    browser.get(browser.base + "/briefing")
    box = browser.find_element(By.NAME, "region")
    box.send_keys("western-balkans")
    _click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]"))
    assert _query(browser.current_url).get("region") == "western-balkans"
    assert "Western Balkans" in browser.find_element(By.CSS_SELECTOR, ".briefing-title").text
    chart = browser.find_element(By.CSS_SELECTOR, ".briefing-chart svg")
    assert chart.size["width"] > 300 and chart.size["height"] > 100
    # the chart's colours survived the CSP: some shape is filled with a colour other than black
    fills = browser.execute_script(
        "return Array.from(document.querySelectorAll('.briefing-chart svg path')).slice(0, 400)"
        ".map(p => getComputedStyle(p).fill)")
    assert any(f not in ("rgb(0, 0, 0)", "none") for f in fills)
    _clean(browser)


def test_watches_page_save_a_watch_and_see_its_match(browser, albania):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(browser.base + "/watches")
    assert "No watches saved yet" in browser.find_element(By.TAG_NAME, "main").text
    _clean(browser)
    browser.get(browser.base + "/login?next=/watches")
    browser.find_element(By.NAME, "name").send_keys(USER)
    browser.find_element(By.NAME, "password").send_keys(PASSWORD)
    _click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]"))
    form = browser.find_element(By.CSS_SELECTOR, "form.watch-form")
    form.find_element(By.NAME, "name").send_keys("albania watch")
    form.find_element(By.NAME, "recipient").send_keys("ALB")
    Select(form.find_element(By.NAME, "category")).select_by_value("uav")
    form.find_element(By.NAME, "backfill").click()
    _click_and_wait(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    section = browser.find_element(By.CSS_SELECTOR, "section.watch")
    assert "albania watch" in section.text and "recipient ALB" in section.text
    links = [a.get_attribute("href") for a in section.find_elements(By.CSS_SELECTOR, "a[href*='/claims/']")]
    assert any(urlparse(h).path == f"/claims/{albania}" for h in links)
    _clean(browser)
    _click_and_wait(browser, section.find_element(By.CSS_SELECTOR, "button.danger"))
    assert "No watches saved yet" in browser.find_element(By.TAG_NAME, "main").text


# --- the flow map ---------------------------------------------------------------------------------------------------

def _point_on_arc(driver, arc):
    """The viewport point halfway along an arc's curve (its bounding box's centre is off a curve), and whether the
    element there belongs to that arc, as a mouse would find it."""
    return driver.execute_script("""
        const a = arguments[0], path = a.querySelector('path');
        path.scrollIntoView({block: 'center'});
        const p = path.getPointAtLength(path.getTotalLength() / 2).matrixTransform(path.getScreenCTM());
        const hit = document.elementFromPoint(p.x, p.y);
        return [p.x, p.y, !!hit && a.contains(hit)];""", arc)


def _label_boxes(driver) -> list[dict]:
    return driver.execute_script("""
        return Array.from(document.querySelectorAll('svg.flowmap .map-label text')).map(t => {
            const r = t.getBoundingClientRect();
            return {text: t.textContent, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom};
        });""")


def _no_overlap(boxes: list[dict]) -> None:
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = a["x1"] <= b["x0"] or b["x1"] <= a["x0"] or a["y1"] <= b["y0"] or b["y1"] <= a["y0"]
            assert apart, (a, b)


def test_map_shows_land_and_an_arc_clicked_leads_to_its_dyads_record(browser, albania, store_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    with sqlite3.connect(store_path) as c:
        ids = [r[0] for r in c.execute("select id from records where supplier='TUR' and recipient='ALB'")]
    assert ids
    for query in ("/", "/?region=western-balkans"):
        browser.get(browser.base + query)
        svg = browser.find_element(By.CSS_SELECTOR, "svg.flowmap")
        land = svg.find_element(By.CSS_SELECTOR, "path.map-land")
        assert land.size["width"] > 0.5 * svg.size["width"]                 # the land is drawn, across the map
        assert svg.find_element(By.CSS_SELECTOR, "path.map-border").size["width"] > 0
        # the real text boxes of the names, in the browser's own font, do not overlap
        labels = _label_boxes(browser)
        assert any(b["text"] == "Albania" for b in labels)
        _no_overlap(labels)
        _clean(browser)
    # zoomed to the region, the map names where Turkey's arc comes from
    assert any(b["text"] == "from Turkey" for b in labels)
    arc = svg.find_element(By.CSS_SELECTOR, "a.map-flow[data-supplier='TUR'][data-recipient='ALB']")
    assert "Turkey → Albania" in arc.find_element(By.TAG_NAME, "title").get_attribute("textContent")
    x, y, on_arc = _point_on_arc(browser, arc)
    assert on_arc, "the middle of the arc is covered by something else"
    actions = ActionChains(browser)
    actions.w3c_actions.pointer_action.move_to_location(int(x), int(y))
    actions.w3c_actions.pointer_action.click()
    navigates(browser, actions.perform)
    assert urlparse(browser.current_url).path == "/records"
    assert _query(browser.current_url) == {"region": "western-balkans", "supplier": "TUR", "recipient": "ALB"}
    shown = {int(a.get_attribute("href").rsplit("/", 1)[1])
             for a in browser.find_elements(By.CSS_SELECTOR, "table.records-list td a[href^='/records/']")
             if a.get_attribute("href").rsplit("/", 1)[1].isdigit()}
    assert shown == set(ids)
    # and on to the record itself
    _click_and_wait(browser, browser.find_element(By.CSS_SELECTOR, f"table.records-list a[href='/records/{ids[0]}']"))
    main = browser.find_element(By.TAG_NAME, "main").text
    assert "Turkey" in main and "Albania" in main
    _clean(browser)
