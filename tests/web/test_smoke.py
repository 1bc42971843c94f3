"""The web app starts over a real store: sign-in page, security headers, errors as HTML or JSON."""
from __future__ import annotations

from websupport import sign_in


def test_login_page_has_strict_security_headers(client):
    r = client.get("/login")
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"


def test_unknown_page_is_html_and_unknown_api_path_is_json(client):
    page = client.get("/no-such-page")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    api = client.get("/api/v1/no-such-thing")
    assert api.status_code == 404 and api.json()["detail"]


def test_wrong_password_is_refused_and_right_one_signs_in(client):
    import re

    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    bad = client.post("/login", data={"name": "analyst", "password": "nope", "csrf_token": token})
    assert bad.status_code == 401 and "Wrong name or password" in bad.text
    sign_in(client)
    assert "Sign out" in client.get("/login").text


def test_login_form_without_csrf_token_is_refused(client):
    r = client.post("/login", data={"name": "analyst", "password": "x"})
    assert r.status_code == 403


def test_browser_signs_in(browser):
    from selenium.webdriver.common.by import By

    from websupport import PASSWORD, USER, navigates

    browser.get(browser.base + "/login")
    browser.find_element(By.NAME, "name").send_keys(USER)
    browser.find_element(By.NAME, "password").send_keys(PASSWORD)
    # wait for the page the sign-in leads to: under load the old page is still there for a moment
    navigates(browser, browser.find_element(By.CSS_SELECTOR, "form.stack button[type=submit]").click)
    assert browser.find_element(By.CSS_SELECTOR, ".who .user").text == USER
