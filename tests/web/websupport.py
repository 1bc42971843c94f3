"""Helpers for the web tests (a module of its own: ``from conftest import`` is ambiguous across folders)."""
from __future__ import annotations

import socket
import threading
import time

# A document of our own whose text tries every way into the page; it also reports a transfer, so its claim is
# highlighted (the highlighter is where escaping is most easily lost).
HOSTILE = """# Drones for the coast guard <script>window.__pwned = 1; fetch('/pwned-script')</script>

Published 2024-03-02. <img src="/pwned-img" onerror="window.__pwned = 2; alert(1)">

In 2023 Turkey delivered six Bayraktar TB2 drones to Albania (Tirana Times, May 3). <b onmouseover="alert(2)">Bold</b>
A click <a href="javascript:alert(3)">here</a> <svg onload="alert(4)"></svg> and "quotes" & ampersands stay text.
"""

USER, PASSWORD = "analyst", "correct horse battery staple"



def make_app(store, **settings):
    from armsflow.web import create_app
    from armsflow.web.settings import Settings

    settings.setdefault("secure_cookies", False)
    return create_app(store, Settings(secret_key="test-secret-not-for-use", **settings))


def sign_in(client, name: str = USER, password: str = PASSWORD) -> str:
    """Sign ``client`` in through the login form; returns the session's CSRF token (read from the next page)."""
    import re

    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    r = client.post("/login", data={"name": name, "password": password, "next": "/", "csrf_token": token},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    home = client.get("/login")
    return re.search(r'name="csrf_token" value="([^"]+)"', home.text).group(1)


class LiveServer:
    """uvicorn serving an app on a free loopback port, in a thread of the test process."""

    def __init__(self, app):
        import uvicorn

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                                    access_log=False, lifespan="off"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(10)



def no_alert(driver) -> bool:
    """True when no JavaScript dialog is open."""
    from selenium.common.exceptions import NoAlertPresentException

    try:
        driver.switch_to.alert
    except NoAlertPresentException:
        return True
    return False


def navigates(driver, act) -> None:
    """Do ``act`` (a click that loads a page) and wait until the new page has replaced the old one and loaded."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait

    old = driver.find_element("tag name", "html")
    act()

    def replaced(d) -> bool:
        try:
            return EC.staleness_of(old)(d)
        except WebDriverException as exc:      # Chromium may say the node left the document instead of "stale"
            return "does not belong to the document" in str(exc)

    WebDriverWait(driver, 60).until(replaced)
    WebDriverWait(driver, 60).until(lambda d: d.execute_script("return document.readyState") == "complete")
