"""/watches over a real store: the saved watches with their matches (a dry run that marks nothing as seen), and
adding and deleting a watch through the forms, with sign-in, CSRF and bad input checked."""
from __future__ import annotations

import re
import sqlite3

import pytest

from overview_support import add_albania
from websupport import sign_in



@pytest.fixture
def albania(store_path, tmp_path, client) -> int:
    return add_albania(store_path, tmp_path)


def test_anonymous_reader_sees_the_empty_state_and_no_form(client):
    r = client.get("/watches")
    assert r.status_code == 200 and "<h1>Watches</h1>" in r.text and 'class="lede"' in r.text
    assert "No watches saved yet" in r.text and 'action="/watches"' not in r.text


def test_anonymous_post_is_refused(client):
    r = client.post("/watches", data={"name": "x"})
    assert r.status_code == 401


def test_post_without_csrf_token_is_refused(client, web_store):
    from armsflow.store.watches import list_watches

    sign_in(client)
    r = client.post("/watches", data={"name": "no-token", "kind": "claims"})
    assert r.status_code == 403 and list_watches(web_store) == []


def test_add_watch_lists_its_matches_without_marking_them_seen(client, web_store, store_path, albania):
    from armsflow.store.watches import list_watches

    token = sign_in(client)
    r = client.post("/watches", data={"csrf_token": token, "name": "albania-drones", "kind": "claims",
                                      "recipient": "alb", "category": "uav", "backfill": "1"},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/watches"
    (w,) = list_watches(web_store)
    assert w.name == "albania-drones" and w.criteria.recipient == "ALB" and w.created_by == "analyst"
    page = client.get("/watches").text
    section = page.split(f'id="watch-{w.id}"', 1)[1].split("</section>", 1)[0]
    with sqlite3.connect(store_path) as c:
        expected = {i for (i,) in c.execute("select id from claims where recipient='ALB' and category='uav' "
                                            "and review != 'rejected'")}
    shown = {int(i) for i in re.findall(r'<td><a href="/claims/(\d+)">', section)}
    assert albania in shown and shown == expected
    assert "&lt;said&gt;" in section and "<said>" not in section
    assert list_watches(web_store)[0].last_run_at is None and list_watches(web_store)[0].last_claim_id == 0
    assert "recipient ALB, category uav" in section


def test_watch_without_backfill_waits_for_new_claims(client, web_store, store_path, tmp_path):
    token = sign_in(client)
    client.post("/watches", data={"csrf_token": token, "name": "turkish", "kind": "claims", "supplier": "TUR"})
    before = client.get("/watches").text
    assert "No new matches since the last run" in before
    claim = add_albania(store_path, tmp_path)
    after = client.get("/watches").text
    assert f'href="/claims/{claim}"' in after


@pytest.mark.parametrize("data, status, words", [
    ({"name": "bad-cat", "category": "spaceships"}, 422, "category"),
    ({"name": "", "kind": "claims"}, 422, "name"),
    ({"name": "bad-kind", "kind": "everything"}, 422, "kind"),
    ({"name": "bad-region", "region": "atlantis"}, 422, "unknown region"),
    ({"name": "bad-n", "min_sources": "many"}, 422, "whole number"),
    ({"name": "entrant-region", "kind": "new-entrant", "scope": "region"}, 422, "give the region"),
])
def test_bad_watch_is_a_clear_error_and_saves_nothing(client, web_store, data, status, words):
    from armsflow.store.watches import list_watches

    token = sign_in(client)
    r = client.post("/watches", data={"csrf_token": token, **data})
    assert r.status_code == status and words in r.text and "Traceback" not in r.text
    assert list_watches(web_store) == []
    assert 'action="/watches"' in r.text                      # the form is shown again, filled in
    if data.get("name"):
        assert f'value="{data["name"]}"' in r.text


def test_duplicate_name_is_409(client):
    token = sign_in(client)
    client.post("/watches", data={"csrf_token": token, "name": "twice"})
    r = client.post("/watches", data={"csrf_token": token, "name": "twice"})
    assert r.status_code == 409 and "exists already" in r.text


def test_delete_watch(client, web_store):
    from armsflow.store.watches import list_watches

    token = sign_in(client)
    client.post("/watches", data={"csrf_token": token, "name": "short-lived"})
    (w,) = list_watches(web_store)
    assert client.post(f"/watches/{w.id}/delete", data={}).status_code == 403          # no CSRF token
    r = client.post(f"/watches/{w.id}/delete", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303 and list_watches(web_store) == []
    again = client.post(f"/watches/{w.id}/delete", data={"csrf_token": token})
    assert again.status_code == 404 and "no watch" in again.text
    assert client.post("/watches/abc/delete", data={"csrf_token": token}).status_code == 422
