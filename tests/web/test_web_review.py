"""The review workflow through the pages: accept, reject, correct, merge and split, each an audited store change
followed by fusion, exactly as from the command line; and who may do it (sign-in, CSRF)."""
from __future__ import annotations

import re

from websupport import USER, sign_in

from armsflow.store.queries import RecordFilter, claims, records


def _pair(store, supplier, recipient):
    return records(store, RecordFilter(supplier=supplier, recipient=recipient))


def _edits(store):
    from sqlalchemy import select

    from armsflow.store.schema import Edit

    with store.session() as s:
        return list(s.scalars(select(Edit).order_by(Edit.id)))


def _one_claim(store, supplier="TUR", recipient="ALB"):
    rec = _pair(store, supplier, recipient)[0]
    return rec, claims(store, record_id=rec.id)[0]


def test_anonymous_and_forged_writes_are_refused(client, web_store):
    rec, claim = _one_claim(web_store)
    r = client.post(f"/claims/{claim.id}/accept", data={}, follow_redirects=False)
    assert r.status_code in (401, 303)
    r = client.get("/review", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    sign_in(client)
    for url in (f"/claims/{claim.id}/accept", f"/claims/{claim.id}/reject", f"/claims/{claim.id}/edit",
                "/records/merge", f"/records/{rec.id}/split"):
        r = client.post(url, data={"csrf_token": "forged"}, follow_redirects=False)
        assert r.status_code == 403, url
    assert _edits(web_store) == []


def test_signed_in_record_page_has_the_review_forms(client, web_store):
    rec, claim = _one_claim(web_store)
    token = sign_in(client)
    html = client.get(f"/records/{rec.id}").text
    for action in ("accept", "reject", "edit"):
        assert f'action="/claims/{claim.id}/{action}"' in html
    assert f'value="{token}"' in html
    assert 'name="quantity" value="6"' in html


def test_accept_is_audited_and_raises_confidence(client, web_store):
    rec, claim = _one_claim(web_store)
    token = sign_in(client)
    r = client.post(f"/claims/{claim.id}/accept", data={"csrf_token": token, "note": "checked the source"},
                    follow_redirects=False)
    assert r.status_code == 303
    now = _pair(web_store, "TUR", "ALB")[0]
    assert r.headers["location"] == f"/records/{now.id}#claim-{claim.id}"
    [e] = _edits(web_store)
    assert (e.claim_id, e.user, e.action, e.note) == (claim.id, USER, "accept", "checked the source")
    assert now.confidence > rec.confidence
    page = client.get(r.headers["location"]).text
    assert "Claim %d accepted by %s" % (claim.id, USER) in page
    assert '<span class="badge review-accepted">accepted</span>' in page
    assert re.search(r"<td>analyst</td><td><a href=\"#claim-%d\">%d</a></td>\s*<td>accept</td>" % (claim.id, claim.id),
                     page)


def test_correct_status_quantity_and_supplier_by_name(client, web_store):
    rec, claim = _one_claim(web_store)
    token = sign_in(client)
    form = {"csrf_token": token, "supplier": "TUR", "recipient": "Albania", "system": "Bayraktar TB2",
            "category": "uav", "status": "ordered", "year": "2023", "quantity": "8"}
    r = client.post(f"/claims/{claim.id}/edit", data=form, follow_redirects=False)
    assert r.status_code == 303
    now = _pair(web_store, "TUR", "ALB")[0]
    assert (now.status, now.quantity_min, now.quantity_max) == ("ordered", 8, 8)
    assert r.headers["location"] == f"/records/{now.id}#claim-{claim.id}"
    [e] = _edits(web_store)
    assert e.action == "edit" and e.user == USER
    assert e.changes == {"status": ["delivered", "ordered"], "quantity": [6, 8]}
    page = client.get(f"/records/{now.id}").text
    assert '<span class="badge ordered record-status">ordered</span>' in page
    assert re.search(r'class="record-quantity">8<', page)
    # moving the claim to another recipient moves it to that pair's record
    r = client.post(f"/claims/{claim.id}/edit", data={**form, "recipient": "Serbia"}, follow_redirects=False)
    moved = [x for x in _pair(web_store, "TUR", "SRB") if x.system == "Bayraktar TB2"]
    assert len(moved) == 1 and r.headers["location"] == f"/records/{moved[0].id}#claim-{claim.id}"
    assert _pair(web_store, "TUR", "ALB") == []


def test_bad_corrections_are_422_and_change_nothing(client, web_store):
    rec, claim = _one_claim(web_store)
    token = sign_in(client)
    base = {"csrf_token": token, "supplier": "TUR", "recipient": "ALB", "category": "uav", "status": "delivered"}
    for bad in ({"status": "stolen"}, {"category": "spaceship"}, {"quantity": "many"}, {"year": "20x3"},
                {"year": "1066"}, {"supplier": "Narnia"}, {"system": "x" * 500}):
        r = client.post(f"/claims/{claim.id}/edit", data={**base, **bad}, follow_redirects=False)
        assert r.status_code == 422, bad
        assert 'class="error"' in r.text
    r = client.post("/claims/987654/accept", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 404
    assert client.post("/claims/abc/accept", data={"csrf_token": token}).status_code == 422
    assert _edits(web_store) == []


def test_reject_leaves_the_record_and_lands_on_the_document(client, web_store):
    rec, claim = _one_claim(web_store)
    token = sign_in(client)
    r = client.post(f"/claims/{claim.id}/reject", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == f"/documents/{claim.document_id}?claim={claim.id}#claim-{claim.id}"
    assert _pair(web_store, "TUR", "ALB") == []
    assert [e.action for e in _edits(web_store)] == ["reject"]


def test_merge_then_split(client, web_store):
    pair = sorted(_pair(web_store, "KOR", "POL"), key=lambda r: r.id)
    assert len(pair) >= 3
    token = sign_in(client)
    listing = client.get("/records", params={"supplier": "KOR"}).text
    assert f'name="record" value="{pair[0].id}"' in listing and 'action="/records/merge"' in listing
    r = client.post("/records/merge", data={"csrf_token": token, "record": [str(pair[0].id), str(pair[1].id)],
                                            "note": "one package"}, follow_redirects=False)
    assert r.status_code == 303
    after = _pair(web_store, "KOR", "POL")
    assert len(after) == len(pair) - 1
    merged = int(r.headers["location"].rsplit("/", 1)[1])
    both = claims(web_store, record_id=merged)
    assert len(both) == 2
    assert {e.action for e in _edits(web_store)} == {"merge"} and len(_edits(web_store)) == 2
    page = client.get(f"/records/{merged}").text
    assert 'action="/records/%d/split"' % merged in page and "merged into one" in page
    r = client.post(f"/records/{merged}/split", data={"csrf_token": token, "claim": str(both[1].id)},
                    follow_redirects=False)
    assert r.status_code == 303
    assert len(_pair(web_store, "KOR", "POL")) == len(pair)
    assert [e.action for e in _edits(web_store)][-1] == "split"
    # refused changes are explained, not crashed on
    other, korean = _pair(web_store, "IND", "ARM")[0], _pair(web_store, "KOR", "POL")[0]
    r = client.post("/records/merge", data={"csrf_token": token, "record": [str(korean.id), str(other.id)]})
    assert r.status_code == 422 and "different supplier/recipient" in r.text
    r = client.post("/records/merge", data={"csrf_token": token, "record": [str(korean.id), "987654"]})
    assert r.status_code == 422 and "no record 987654" in r.text
    assert client.post("/records/merge", data={"csrf_token": token, "record": [str(korean.id)]}).status_code == 422
    assert client.post("/records/merge", data={"csrf_token": token, "record": ["x", "y"]}).status_code == 422
    one = _pair(web_store, "TUR", "ALB")[0]
    only = claims(web_store, record_id=one.id)[0]
    r = client.post(f"/records/{one.id}/split", data={"csrf_token": token, "claim": str(only.id)})
    assert r.status_code == 422 and "at least one" in r.text


def test_review_page_queue_weakest_first_and_the_audit_trail(client, web_store):
    token = sign_in(client)
    r = client.get("/review")
    assert r.status_code == 200
    pending = claims(web_store, review="extracted")
    assert f'class="review-total">{len(pending)}<' in r.text
    listed = [int(i) for i in re.findall(r'<tr data-href="/claims/(\d+)"', r.text)]
    hedged = {c.id for c in pending if c.hedged}
    assert hedged and set(listed[:len(hedged)]) == hedged            # hedged claims come first
    assert "No change has been made yet" in r.text
    h = client.get("/review", params={"only": "hedged"}).text
    assert sorted(int(i) for i in re.findall(r'<tr data-href="/claims/(\d+)"', h)) == sorted(hedged)
    k = client.get("/review", params={"supplier": "South Korea"}).text
    assert {c.supplier for c in pending if c.id in
            {int(i) for i in re.findall(r'<tr data-href="/claims/(\d+)"', k)}} == {"KOR"}
    target = listed[0]
    client.post(f"/claims/{target}/accept", data={"csrf_token": token})
    r = client.get("/review")
    assert f'class="review-total">{len(pending) - 1}<' in r.text
    audit = r.text.split('id="audit"')[1]
    assert f'href="/claims/{target}">claim {target}</a>' in audit and ">analyst</a>" in audit
    assert client.get("/review", params={"only": "everything"}).status_code == 422
