"""The must-show path of records and review in a real headless Chromium: the records list, a supplier filter, a
source count leading to the highlighted evidence, signing in through the form, correcting a claim and seeing the
record change, and the change in the audit trail on /review — with no script from document text and no CSP
violation on the way."""
from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from websupport import PASSWORD, USER, navigates, no_alert


def _clean(driver) -> None:
    assert no_alert(driver)
    assert driver.execute_script("return window.__pwned === undefined")
    problems = [e["message"] for e in driver.get_log("browser")
                if e["level"] == "SEVERE" and "favicon" not in e["message"]]
    assert not problems, problems


def _rows(driver) -> list:
    return driver.find_elements(By.CSS_SELECTOR, "table.records-list tbody tr")


def test_filter_follow_evidence_sign_in_correct_and_audit(browser, web_store):
    from armsflow.store.queries import RecordFilter, records

    browser.get_log("browser")                      # drop what earlier tests left in the session's log
    everything = records(web_store)
    browser.get(browser.base + "/records")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Transfer records"
    assert len(_rows(browser)) == len(everything)
    _clean(browser)

    # filter by a supplier typed as a name
    box = browser.find_element(By.NAME, "supplier")
    box.send_keys("Turkey")
    navigates(browser, browser.find_element(By.CSS_SELECTOR, "form.records-filters button[type=submit]").click)
    assert parse_qs(urlparse(browser.current_url).query)["supplier"] == ["Turkey"]
    turkish = records(web_store, RecordFilter(supplier="TUR"))
    assert len(_rows(browser)) == len(turkish) >= 2
    assert browser.find_element(By.CSS_SELECTOR, ".records-total").text == str(len(turkish))

    # a status select submits the form on its own (progressive enhancement)
    navigates(browser, lambda: Select(browser.find_element(By.NAME, "status")).select_by_value("ordered"))
    assert parse_qs(urlparse(browser.current_url).query)["status"] == ["ordered"]
    assert parse_qs(urlparse(browser.current_url).query)["supplier"] == ["Turkey"]
    assert len(_rows(browser)) == len(records(web_store, RecordFilter(supplier="TUR", status="ordered")))
    browser.get(browser.base + "/records?supplier=Turkey&recipient=Albania")
    [row] = _rows(browser)

    # the source count leads to the evidence, marked, and on to the document with the claim focused
    navigates(browser, row.find_element(By.CSS_SELECTOR, "a.records-sources").click)
    assert urlparse(browser.current_url).fragment == "sources"
    claim = browser.find_element(By.CSS_SELECTOR, "article.records-claim")
    mark = claim.find_element(By.CSS_SELECTOR, "blockquote.evidence mark")
    assert "Turkey delivered six Bayraktar TB2 drones to Albania" in mark.text
    assert "<b onmouseover" in claim.find_element(By.CSS_SELECTOR, "blockquote.evidence").text   # shown as text
    claim_id = claim.get_attribute("id")
    _clean(browser)
    navigates(browser, claim.find_element(By.CSS_SELECTOR, "a.records-doc").click)
    assert urlparse(browser.current_url).fragment == claim_id
    target = browser.find_element(By.ID, claim_id)
    assert target.tag_name == "mark" and "Bayraktar TB2" in target.text
    _clean(browser)

    # sign in through the form, back on the record
    browser.get(browser.base + "/records?supplier=TUR&recipient=ALB")
    record_path = urlparse(_rows(browser)[0].find_element(By.CSS_SELECTOR, "td a").get_attribute("href")).path
    browser.get(browser.base + "/login?next=" + record_path)
    browser.find_element(By.NAME, "name").send_keys(USER)
    browser.find_element(By.NAME, "password").send_keys(PASSWORD)
    navigates(browser, browser.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]").click)
    assert urlparse(browser.current_url).path == record_path
    assert browser.find_element(By.CSS_SELECTOR, ".record-status").text == "delivered"
    assert browser.find_element(By.CSS_SELECTOR, ".record-quantity").text == "6"

    # correct the claim: it was an order of eight, not a delivery of six
    claim = browser.find_element(By.CSS_SELECTOR, "article.records-claim")
    claim.find_element(By.CSS_SELECTOR, "details.records-correct summary").click()
    form = claim.find_element(By.CSS_SELECTOR, "form.records-edit")
    Select(form.find_element(By.NAME, "status")).select_by_value("ordered")
    quantity = form.find_element(By.NAME, "quantity")
    quantity.clear()
    quantity.send_keys("8")
    form.find_element(By.NAME, "note").send_keys("the contract was for eight")
    navigates(browser, form.find_element(By.CSS_SELECTOR, "button[type=submit]").click)
    assert urlparse(browser.current_url).fragment == claim_id
    assert browser.find_element(By.CSS_SELECTOR, ".record-status").text == "ordered"
    assert browser.find_element(By.CSS_SELECTOR, ".record-quantity").text == "8"
    assert "corrected by analyst" in browser.find_element(By.CSS_SELECTOR, ".records-notice").text
    _clean(browser)

    # the change is in the audit trail
    navigates(browser, browser.find_element(By.LINK_TEXT, "Review").click)
    audit = browser.find_element(By.CSS_SELECTOR, "table.review-audit tbody tr")
    text = audit.text
    assert USER in text and "edit" in text and "status: delivered → ordered" in text and "quantity: 6 → 8" in text
    assert "the contract was for eight" in text
    navigates(browser, audit.find_element(By.PARTIAL_LINK_TEXT, "claim").click)
    assert urlparse(browser.current_url).fragment == claim_id
    _clean(browser)

