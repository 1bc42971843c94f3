"""Sessions that can be ended, throttled sign-in, and the web hardening around them, on the real app (in-process
ASGI client over a real SQLite store; the CLI where an administrator would use it).

A session cookie is worth something only while its session stands in the store: sign-out ends that session,
disabling a user or changing a password ends all of theirs, and the old cookie then neither reads signed-in pages
nor writes. Sign-in attempts past the limit are answered 429, in a window that ends.
"""
from __future__ import annotations

import base64
import datetime as dt
import json
import re

import pytest
from itsdangerous import TimestampSigner
from fastapi.testclient import TestClient
from sqlalchemy import text, update
from typer.testing import CliRunner

from armsflow.cli import app as cli
from armsflow.store import users as U
from armsflow.store.repo import now
from armsflow.store.schema import LoginFailures
from armsflow.store.throttle import counts
from websupport import PASSWORD, USER, make_app, sign_in

API = "/api/v1"
COOKIE = "armsflow_session"
ARTICLE = {"text": "Ruritania received four patrol boats from Freedonia in 2024, the ministry said.",
           "title": "Patrol boats for Ruritania", "published": "2024-05-02"}


def _claim_id(client) -> int:
    return client.get(f"{API}/claims", params={"supplier": "TUR", "recipient": "ALB"}).json()["items"][0]["id"]


def _as(app, cookie: str) -> TestClient:
    """A client that presents only ``cookie``, as a copy of it taken by someone else would be."""
    return TestClient(app, cookies={COOKIE: cookie})


def _signed_in_page(c: TestClient) -> bool:
    r = c.get("/review", follow_redirects=False)
    if r.status_code == 303:
        assert r.headers["location"].startswith("/login")
        return False
    assert r.status_code == 200 and "Sign out" in r.text
    return True


def _writes(c: TestClient, csrf: str, claim_id: int) -> int:
    return c.post(f"{API}/claims/{claim_id}/accept", json={"note": "checked"},
                  headers={"X-CSRF-Token": csrf}).status_code


def _cli(store_path, *args, env=None):
    out = CliRunner().invoke(cli, ["user", *args, "--db", f"sqlite:///{store_path}"], env=env or {})
    return out


# -- ending sessions ------------------------------------------------------------------------------------------

def test_sign_out_ends_the_session_for_every_copy_of_the_cookie(app, client, web_store):
    csrf = sign_in(client)
    cookie = client.cookies[COOKIE]
    claim = _claim_id(client)
    copy = _as(app, cookie)
    assert _signed_in_page(copy) and _writes(copy, csrf, claim) == 200       # the copy works while signed in
    assert U.count_sessions(web_store, USER) == 1

    r = client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303
    assert U.count_sessions(web_store, USER) == 0
    assert not _signed_in_page(copy)
    assert _writes(_as(app, cookie), csrf, claim) == 401
    r = _as(app, cookie).get("/records")
    assert r.status_code == 200 and "Sign out" not in r.text
    assert re.search(rf"{COOKIE}=null;.*expires=Thu, 01 Jan 1970", r.headers.get("set-cookie", ""))  # dropped


def test_signing_in_again_makes_a_new_session_and_the_old_one_stays_ended(app, client):
    csrf = sign_in(client)
    old = client.cookies[COOKIE]
    client.post("/logout", data={"csrf_token": csrf})
    sign_in(client)
    new = client.cookies[COOKIE]
    assert new != old
    assert _signed_in_page(_as(app, new)) and not _signed_in_page(_as(app, old))


def test_disabling_a_user_ends_sessions_and_refuses_tokens(app, client, web_store, store_path):
    csrf = sign_in(client)
    cookie = client.cookies[COOKIE]
    token = U.issue_token(web_store, USER, "notebook")
    bearer = {"Authorization": f"Bearer {token}"}
    claim = _claim_id(client)
    assert client.get(f"{API}/records", headers=bearer).status_code == 200
    with web_store.engine.connect() as conn:
        documents = conn.execute(text("SELECT count(*) FROM documents")).scalar()

    out = _cli(store_path, "disable", USER)
    assert out.exit_code == 0, out.output
    assert "1 browser session ended" in out.output and "1 API token refused" in out.output

    assert not _signed_in_page(_as(app, cookie))
    assert _writes(_as(app, cookie), csrf, claim) == 401
    r = _as(app, cookie).post(f"{API}/documents", json=ARTICLE, headers={"X-CSRF-Token": csrf})
    assert r.status_code == 401                                           # no ingest as the disabled user
    for path in (f"{API}/records", f"/records"):
        r = client.get(path, headers=bearer)
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    r = client.post(f"{API}/documents", json=ARTICLE, headers=bearer)
    assert r.status_code == 401
    with web_store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM documents")).scalar() == documents
        assert conn.execute(text("SELECT count(*) FROM edits WHERE action = 'accept'")).scalar() == 0
    r = client.post("/login", data={"name": USER, "password": PASSWORD, "next": "/",
                                    "csrf_token": _form_csrf(client)})
    assert r.status_code == 401                                           # nor sign in again

    assert _cli(store_path, "enable", USER).exit_code == 0
    assert client.get(f"{API}/records", headers=bearer).status_code == 200   # tokens are honoured again
    assert not _signed_in_page(_as(app, cookie))                             # sessions are not
    assert _cli(store_path, "token", "revoke", USER, "notebook").exit_code == 0
    assert client.get(f"{API}/records", headers=bearer).status_code == 401


def test_a_password_change_ends_every_session_of_the_user(app, web_store, store_path):
    with TestClient(app) as laptop, TestClient(app) as phone:
        sign_in(laptop)
        sign_in(phone)
        cookies = [laptop.cookies[COOKIE], phone.cookies[COOKIE]]
        assert all(_signed_in_page(_as(app, c)) for c in cookies)
        out = _cli(store_path, "passwd", USER, env={"ARMSFLOW_PASSWORD": "a brand new password"})
        assert out.exit_code == 0 and "2 browser sessions ended" in out.output, out.output
        assert not any(_signed_in_page(_as(app, c)) for c in cookies)
        sign_in(laptop, password="a brand new password")
        assert _signed_in_page(laptop)


def test_a_password_change_may_keep_the_session_it_was_made_from(app, web_store):
    """``set_password(keep_session=...)``: a user who changes their own password stays signed in there only."""
    with TestClient(app) as here, TestClient(app) as elsewhere:
        sign_in(here)
        sign_in(elsewhere)
        signed = here.cookies[COOKIE]
        data = TimestampSigner("test-secret-not-for-use").unsign(signed.encode())
        key = json.loads(base64.b64decode(data))["sid"]
        assert U.set_password(web_store, USER, "changed it myself", keep_session=key) == 1
        assert _signed_in_page(here) and not _signed_in_page(elsewhere)


def test_signing_a_user_out_everywhere_and_old_cookies_without_a_session(app, client, store_path):
    sign_in(client)
    cookie = client.cookies[COOKIE]
    out = _cli(store_path, "signout", USER)
    assert out.exit_code == 0 and "1 browser session of analyst ended" in out.output
    assert not _signed_in_page(_as(app, cookie))
    # a cookie signed with the server's key but naming a user the way cookies did before 0006: not honoured
    forged = TimestampSigner("test-secret-not-for-use").sign(
        base64.b64encode(json.dumps({"uid": 1, "name": USER, "role": "admin", "csrf": "x"}).encode())).decode()
    assert not _signed_in_page(_as(app, forged))
    assert _writes(_as(app, forged), "x", 1) == 401


def test_an_expired_session_is_refused(app, client, web_store):
    sign_in(client)
    with web_store.session() as s, s.begin():
        s.execute(update(U.SessionRow).values(expires_at=now()))
    assert not _signed_in_page(client)


# -- throttled sign-in ----------------------------------------------------------------------------------------

def _form_csrf(c) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)


def _try(c, password: str, name: str = USER):
    return c.post("/login", data={"name": name, "password": password, "next": "/", "csrf_token": _form_csrf(c)},
                  follow_redirects=False)


def _age_counters(store) -> None:
    """Move every counting window into the past: what waiting out the window would do, without the wait."""
    with store.session() as s, s.begin():
        s.execute(update(LoginFailures).values(window_start=LoginFailures.window_start - dt.timedelta(days=1)))


def test_sign_in_is_throttled_per_account_and_the_window_ends(web_store):
    app = make_app(web_store, login_limit=4, login_window_seconds=600)
    with TestClient(app) as c:
        for _ in range(4):
            assert _try(c, "wrong guess").status_code == 401
        r = _try(c, "wrong guess")
        assert r.status_code == 429 and "Too many sign-in attempts" in r.text
        assert 0 < int(r.headers["retry-after"]) <= 600
        r = _try(c, PASSWORD)
        assert r.status_code == 429                           # the right password waits too: no oracle
        assert _try(c, "anything", name="someone.else").status_code == 401     # another account is not locked
        _age_counters(web_store)
        assert _try(c, PASSWORD).status_code == 303
        assert _signed_in_page(c)


def test_success_clears_the_accounts_count(web_store):
    app = make_app(web_store, login_limit=3)
    with TestClient(app) as c:
        for _ in range(3):
            assert _try(c, "wrong guess").status_code == 401
            assert _try(c, PASSWORD).status_code == 303
        assert {k: v for k, v in counts(web_store).items() if k[0] == "name"} == {}
        for _ in range(3):
            assert _try(c, "wrong guess").status_code == 401
        assert _try(c, "wrong guess").status_code == 429


def test_sign_in_is_throttled_per_address_across_account_names(web_store):
    app = make_app(web_store, login_limit=100, login_address_limit=5, login_window_seconds=60)
    with TestClient(app) as c:
        for i in range(5):
            assert _try(c, "guess", name=f"name{i}").status_code == 401
        r = _try(c, PASSWORD)
        assert r.status_code == 429 and 0 < int(r.headers["retry-after"]) <= 60
        assert counts(web_store)[("address", "testclient")] >= 6
        _age_counters(web_store)
        assert _try(c, PASSWORD).status_code == 303


def test_forty_wrong_passwords_do_not_pass_by_default(client, web_store):
    statuses = [_try(client, f"guess number {i}").status_code for i in range(40)]
    assert statuses[:10] == [401] * 10 and set(statuses[10:]) == {429}


# -- bad tokens, caching, next, HEAD --------------------------------------------------------------------------

@pytest.mark.parametrize("require_login", [False, True])
@pytest.mark.parametrize("path", ["/", "/records", "/review", "/records?supplier=TUR", f"{API}/records",
                                  f"{API}/claims", "/no-such-page"])
def test_a_bad_token_is_401_everywhere(web_store, path, require_login):
    app = make_app(web_store, require_login=require_login)
    with TestClient(app, raise_server_exceptions=True) as c:
        for value in ("Bearer not-a-token", "Bearer ", "bearer " + "x" * 500, "Bearer \u00e9t\u00e9"):
            r = c.get(path, headers={"Authorization": value.encode("utf-8")}, follow_redirects=False)
            assert r.status_code == 401, (path, value, r.status_code)
            assert r.headers["www-authenticate"] == "Bearer"
            assert "Traceback" not in r.text
            if path.startswith(API):
                assert r.json()["detail"] == "invalid or revoked API token"
            else:
                assert r.headers["content-type"].startswith("text/html") and "revoked API token" in r.text


def test_signed_in_responses_are_not_stored(app, client, web_store):
    anonymous = client.get("/records")
    assert anonymous.status_code == 200 and "no-store" not in anonymous.headers.get("cache-control", "")
    login = client.get("/login")
    assert login.headers["cache-control"] == "no-store"
    csrf = sign_in(client)
    for path in ("/", "/records", "/review", f"{API}/records", "/no-such-page"):
        r = client.get(path)
        assert r.headers.get("cache-control") == "no-store", path
    token = U.issue_token(web_store, USER, "api")
    r = TestClient(app).get(f"{API}/records", headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 200 and r.headers["cache-control"] == "no-store"
    r = client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.headers["cache-control"] == "no-store"


def test_the_login_redirect_keeps_the_query_and_stays_on_the_site(web_store):
    from urllib.parse import parse_qs, urlsplit

    app = make_app(web_store, require_login=True)
    with TestClient(app) as c:
        r = c.get("/records?supplier=TUR&recipient=ALB", follow_redirects=False)
        assert r.status_code == 303
        target = parse_qs(urlsplit(r.headers["location"]).query)["next"][0]
        assert target == "/records?supplier=TUR&recipient=ALB"
        page = c.get(r.headers["location"])
        assert 'value="/records?supplier=TUR&amp;recipient=ALB"' in page.text
        r = c.post("/login", data={"name": USER, "password": PASSWORD, "next": target, "csrf_token": _form_csrf(c)},
                   follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/records?supplier=TUR&recipient=ALB"


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil.example", "\\\\evil",
                                    "/\t/evil.example", "/\n/evil.example", " /x", "javascript:alert(1)", "evil",
                                    "", "/x\x00y"])
def test_next_never_leaves_the_site(client, target):
    r = client.post("/login", data={"name": USER, "password": PASSWORD, "next": target,
                                    "csrf_token": _form_csrf(client)}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"


def test_head_is_answered_wherever_get_is(client, web_store):
    for path in ("/", "/records", "/login", "/static/armsflow.css", f"{API}/records", f"{API}/export.csv",
                 f"{API}/openapi.json"):
        get, head = client.get(path), client.head(path)
        assert get.status_code == head.status_code == 200, path
        assert head.content == b"", path
        assert head.headers["content-type"] == get.headers["content-type"], path
    assert client.head("/no-such-page").status_code == 404
    assert client.head(f"{API}/documents/999999").status_code == 404
    r = client.head("/logout")                      # a POST-only route: HEAD is no more allowed than GET
    assert r.status_code == 405 and client.get("/logout").status_code == 405


def test_head_over_a_real_server(live_server):
    """uvicorn itself sends no body for HEAD; the length announced is the GET's."""
    import httpx

    with httpx.Client(base_url=live_server.url, timeout=60) as c:
        for path in ("/records", f"{API}/records", f"{API}/export.csv", "/static/armsflow.js"):
            get, head = c.get(path), c.head(path)
            assert head.status_code == get.status_code == 200, path
            assert head.content == b""
            if "content-length" in get.headers:
                assert head.headers["content-length"] == str(len(get.content)), path
        assert c.get("/records").status_code == 200                  # the connection is still in step
