"""The monitor's cycle against a real store (SQLite file, PostgreSQL), in this process: matches are queued before
the watches' marks move, also one stored between the two steps; queuing again adds nothing; a channel that fails
keeps its rows pending, counted; the delivery channels' own output; the --every durations."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from armsflow.engine import monitor as M
from armsflow.engine.deliver import DeliveryError, Email, File
from armsflow.model import Claim, Document
from armsflow.store import deliveries
from armsflow.store.watches import add_watch, get_watch
from armsflow.watch.match import Criteria


def _add(store, key, text_, supplier, recipient, system, category):
    doc = Document(id=key, text=text_, title=key, publisher="Test Wire", published=dt.date(2025, 3, 4),
                   url=f"https://wire.example/{key}")
    claim = Claim(doc=key, supplier=supplier, recipient=recipient, system=system, category=category, quantity=None,
                  status="delivered", year=2025, hedged=False, evidence=text_, start=0, end=len(text_))
    store.add_document(doc, [claim], "0.1.0")


class _Failing:
    name = "failing"

    def send(self, items):
        raise DeliveryError("the receiver is down")


def _monitor(store, channels):
    return M.Monitor(store, [], channels, fetch=None)


def test_a_match_stored_while_queuing_is_queued_before_the_marks_pass_it(store, tmp_path, monkeypatch):
    add_watch(store, "uav", "claims", Criteria(category="uav"))
    _add(store, "ghana", "Ghana received Bayraktar TB2 drones from Turkey.", "TUR", "GHA", "Bayraktar TB2", "uav")
    calls = []

    def another_ingest_commits(name):                # between the queuing run and the advancing run, once
        calls.append(name)
        if name == "monitor.queued" and len(calls) == 1:
            _add(store, "nigeria", "Nigeria received Wing Loong II drones from China.", "CHN", "NGA",
                 "Wing Loong II", "uav")

    monkeypatch.setattr(M, "pause", another_ingest_commits)
    channel = File(tmp_path / "out.jsonl")
    report = M.CycleReport()
    runs = _monitor(store, [channel]).queue(report)
    assert calls == ["monitor.queued", "monitor.queued"]        # the first advance was rolled back and redone
    queued = deliveries.pending(store, channel.name)
    assert [(p.watch, p.payload["claim"]["recipient"]) for p in queued] == [("uav", "GHA"), ("uav", "NGA")]
    assert sorted(m.recipient for r in runs for m in r.matches) == ["GHA", "NGA"]
    assert get_watch(store, "uav").last_claim_id == max(p.claim_id for p in queued)
    assert report.queued == 2

    # a second cycle's queuing finds nothing new, and leaves the rows as they are
    again = M.CycleReport()
    assert [r.matches for r in _monitor(store, [channel]).queue(again)] == [[]] and again.queued == 0
    assert deliveries.pending(store, channel.name) == queued


def test_queuing_again_adds_nothing_and_keeps_what_was_delivered(store):
    rows = [("uav", 7, "file x", {"n": 1}), ("uav", 8, "file x", {"n": 2})]
    assert deliveries.queue(store, rows) == 2
    [first, second] = deliveries.pending(store, "file x")
    deliveries.delivered(store, [first.id])
    assert deliveries.queue(store, rows + [("uav", 8, "email a@b", {"n": 2})]) == 1
    assert deliveries.pending(store, "file x") == [second]
    assert deliveries.other_channels(store, ["file x"]) == {"email a@b": 1}


def test_a_failing_channel_keeps_its_rows_and_the_others_deliver(store, tmp_path):
    add_watch(store, "kenya", "claims", Criteria(recipient="KEN"))
    _add(store, "kenya", "Kenya ordered Mi-171 helicopters from Russia.", "RUS", "KEN", "Mi-171", "helicopter")
    out = File(tmp_path / "out.jsonl")
    mon = _monitor(store, [_Failing(), out])
    report = M.CycleReport()
    mon.queue(report)
    mon.deliver(report)
    assert report.failed == {"failing": "the receiver is down"} and report.delivered == {out.name: 1}
    assert not report.ok and "kept for the next run" in report.line()
    [line] = out.path.read_text().splitlines()
    assert json.loads(line)["delivery"] == f"kenya/{json.loads(line)['claim']['id']}"
    [left] = deliveries.pending(store, "failing")
    with store.session() as s:
        row = s.get(deliveries.MonitorDelivery, left.id)
        assert (row.attempts, row.last_error, row.delivered_at) == (1, "the receiver is down", None)
    assert deliveries.pending(store, out.name) == []


def test_an_email_digest_names_its_matches_and_has_a_stable_message_id():
    payload = {"claim": {"id": 3, "supplier": "TUR", "supplier_name": "Turkey", "recipient": "GHA",
                         "recipient_name": "Ghana", "system": "Bayraktar TB2", "category": "uav", "quantity": 4,
                         "status": "delivered", "year": 2025, "hedged": False},
               "evidence": "Ghana received four Bayraktar TB2 drones from Turkey.", "doc": "ghana",
               "publisher": "Test Wire", "published": "2025-03-04", "url": "https://wire.example/ghana"}
    items = [deliveries.Pending(1, "uav", 3, payload)]
    mail = Email("127.0.0.1", 25, "monitor@example.org", ("desk@example.org",))
    msg = mail.message(items)
    assert msg["Subject"] == "armsflow: 1 new match (uav)"
    assert msg["Message-ID"] == mail.message(items)["Message-ID"]
    body = msg.get_content()
    assert "[uav] claim 3: Turkey (TUR) -> Ghana (GHA): 4 x Bayraktar TB2 (uav), delivered, 2025" in body
    assert "\u201cGhana received four Bayraktar TB2 drones from Turkey.\u201d" in body
    assert "ghana (Test Wire, 2025-03-04) <https://wire.example/ghana>" in body


@pytest.mark.parametrize("text, seconds", [("30s", 30), ("15m", 900), ("1h", 3600), ("1h30m", 5400), ("2d", 172800),
                                           (" 5 m ", 300)])
def test_every_reads_durations(text, seconds):
    assert M.parse_every(text) == seconds


@pytest.mark.parametrize("text", ["", "15", "fifteen minutes", "0m", "15x", "-5m", "1h-", "m15"])
def test_every_refuses_what_is_not_a_duration(text):
    with pytest.raises(ValueError):
        M.parse_every(text)


def test_a_schedule_goes_on_after_a_cycle_that_stopped():
    from sqlalchemy.exc import OperationalError

    class Cycles:
        n = 0

        def cycle(self):
            self.n += 1
            if self.n == 1:
                raise OperationalError("UPDATE watches", {}, Exception("database is locked"))
            return M.CycleReport()

    reports, naps = [], []

    def sleep(seconds):
        naps.append(seconds)
        if len(naps) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        M.run(Cycles(), 60.0, reports.append, sleep=sleep)
    assert [r.ok for r in reports] == [False, True]
    assert reports[0].line().startswith("the cycle stopped: OperationalError: database is locked;")
    assert all(0 <= s <= 60 for s in naps)


def test_a_webhook_is_named_without_its_secret_path():
    from armsflow.engine.deliver import Webhook

    a = Webhook("https://user:pw@hooks.example.org/services/T0/B0/s3cr3t?token=abc")
    b = Webhook("https://hooks.example.org/services/T0/B0/other")
    assert a.name.startswith("webhook https://hooks.example.org/... (") and a.name != b.name
    assert not any(secret in a.name for secret in ("s3cr3t", "abc", "pw", "services"))
