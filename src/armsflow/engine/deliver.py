"""Where the monitor sends its digests: an HTTP webhook (a JSON body), an email (SMTP), or a file (JSON lines).

A channel takes one digest (the pending matches of one cycle) and returns only once the other side has it: a 2xx
answer, an SMTP server that accepted the message, the lines written and synced. Anything else is a DeliveryError
with one line saying why; the matches then stay pending in the store's outbox (store/deliveries.py) and go with the
next digest. Each match carries ``delivery``, its key (watch/claim): a crash between the acknowledgement and its
record in the store sends the digest again, and the key lets a receiver drop the repeat; an email's Message-ID is
derived from the keys it carries for the same reason.

A channel's ``name`` says where it delivers (``webhook https://host/... (hash)``, ``email desk@example.org``): the
outbox keys a row by it, so a monitor pointed at a new address delivers there only what it finds from then on. A
DeliveryError's message names no address: the report prefixes the channel's name.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import smtplib
import ssl
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path

TIMEOUT = 30.0


class DeliveryError(Exception):
    """A digest was not delivered; the message is one line."""


def _body(items) -> list[dict]:
    return [{**p.payload, "delivery": p.key} for p in items]


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _digest_id(items) -> str:
    return _hash("\n".join(p.key for p in items))[:32]


@dataclass(frozen=True)
class Webhook:
    """POST ``{"digest": ID, "matches": [...]}`` as JSON to ``url``; any 2xx answer is an acknowledgement."""
    url: str
    timeout: float = TIMEOUT

    @property
    def name(self) -> str:
        """The host and a hash of the whole URL: a webhook's path often holds its secret, which must stay out of
        logs and the store."""
        parts = urllib.parse.urlsplit(self.url)
        return f"webhook {parts.scheme}://{parts.netloc.rpartition('@')[2]}/... ({_hash(self.url)[:12]})"

    def send(self, items) -> None:
        digest = _digest_id(items)
        data = json.dumps({"digest": digest, "matches": _body(items)}, ensure_ascii=False).encode("utf-8")
        req = urllib.request.Request(self.url, data=data, method="POST", headers={
            "Content-Type": "application/json; charset=utf-8", "Idempotency-Key": digest,
            "User-Agent": "armsflow-monitor"})
        try:
            # no proxy from the environment: the URL the user gave is the one reached
            opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
            with opener.open(req, timeout=self.timeout) as resp:
                resp.read(65536)
        except urllib.error.HTTPError as exc:
            raise DeliveryError(f"HTTP error {exc.code} ({exc.reason})") from None
        except urllib.error.URLError as exc:
            raise DeliveryError(f"cannot connect ({getattr(exc.reason, 'strerror', None) or exc.reason})") from None
        except (OSError, ValueError) as exc:
            raise DeliveryError(f"{type(exc).__name__}: {exc}") from None


@dataclass(frozen=True)
class Email:
    """One message per digest through an SMTP server; STARTTLS and a login (ARMSFLOW_SMTP_USER and
    ARMSFLOW_SMTP_PASSWORD from the environment, never the command line) when asked."""
    host: str
    port: int
    sender: str
    to: tuple[str, ...]
    starttls: bool = False
    timeout: float = TIMEOUT

    @property
    def name(self) -> str:
        return f"email {','.join(self.to)}"

    def message(self, items) -> EmailMessage:
        watches = sorted({p.watch for p in items})
        msg = EmailMessage()
        msg["Subject"] = (f"armsflow: {len(items)} new match{'es' if len(items) != 1 else ''} "
                          f"({', '.join(watches)})")
        msg["From"], msg["To"] = self.sender, ", ".join(self.to)
        msg["Date"] = formatdate(localtime=False)
        msg["Message-ID"] = f"<{_digest_id(items)}@armsflow.monitor>"
        msg.set_content(digest_text(items))
        return msg

    def send(self, items) -> None:
        msg = self.message(items)
        where = f"SMTP {self.host}:{self.port}"
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout) as smtp:
                if self.starttls:
                    smtp.starttls(context=ssl.create_default_context())
                user = os.environ.get("ARMSFLOW_SMTP_USER")
                if user:
                    smtp.login(user, os.environ.get("ARMSFLOW_SMTP_PASSWORD", ""))
                refused = smtp.send_message(msg)
        except smtplib.SMTPException as exc:
            raise DeliveryError(f"{where}: {' '.join(str(exc).split())}") from None
        except OSError as exc:
            raise DeliveryError(f"{where}: cannot connect ({exc.strerror or exc})") from None
        if refused:
            raise DeliveryError(f"{where}: recipients refused: {', '.join(sorted(refused))}")


@dataclass(frozen=True)
class File:
    """Append one JSON line per match to ``path``, then sync it to disk."""
    path: Path

    @property
    def name(self) -> str:
        return f"file {self.path}"

    def send(self, items) -> None:
        at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        lines = "".join(json.dumps({**m, "delivered_at": at}, ensure_ascii=False) + "\n" for m in _body(items))
        try:
            with open(self.path, "a", encoding="utf-8") as f:
                f.write(lines)
                f.flush()
                os.fsync(f.fileno())
        except OSError as exc:
            raise DeliveryError(f"{self.path}: cannot write ({exc.strerror or exc})") from None


def _party(code, name) -> str:
    if code is None:
        return "(unnamed)"
    return f"{name} ({code})" if name and name != code else code


def digest_text(items) -> str:
    """Readable text of a digest: each match's claim, its quoted evidence and its source."""
    lines = []
    for p in items:
        m, c = p.payload, p.payload["claim"]
        what = c.get("system") or c["category"]
        if c.get("system"):
            what += f" ({c['category']})"
        if c.get("quantity"):
            what = f"{c['quantity']} x {what}"
        facts = [c["status"]] + ([str(c["year"])] if c.get("year") else []) + (["hedged"] if c.get("hedged") else [])
        lines.append(f"[{p.watch}] claim {p.claim_id}: {_party(c['supplier'], c['supplier_name'])} -> "
                     f"{_party(c['recipient'], c['recipient_name'])}: {what}, {', '.join(facts)}")
        lines.append(f"    \u201c{' '.join(m['evidence'].split())}\u201d")
        source = ", ".join((m.get("publisher") or "unknown publisher", m.get("published") or "undated"))
        lines.append(f"    {m['doc']} ({source})" + (f" <{m['url']}>" if m.get("url") else ""))
        lines.append("")
    return "\n".join(lines)
