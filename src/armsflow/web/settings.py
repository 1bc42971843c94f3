"""How a web server is configured: who may read, how sessions are signed and how long they last, how many failed
sign-ins are let through, how big an upload may be."""
from __future__ import annotations

import ipaddress
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from armsflow.ingest.limits import UPLOAD, Limits

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
UPLOAD_TYPES = {".txt", ".md", ".html", ".htm", ".pdf", ".xml", ".rss", ".atom"}


@dataclass(frozen=True)
class Settings:
    secret_key: str
    require_login: bool = False          # anonymous visitors read unless this is set
    secure_cookies: bool = True          # session cookie only over HTTPS (browsers treat localhost as secure)
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    session_hours: int = 12              # a session ends this long after sign-in (or at sign-out, whichever first)
    # sign-in attempts let through per window (web/limits.py): per account name, and per client address (higher:
    # colleagues behind one NAT share it); the next attempt in the window is answered 429 with Retry-After
    login_limit: int = 10
    login_address_limit: int = 50
    login_window_seconds: int = 900
    upload_limits: Limits = UPLOAD       # budgets for reading and extracting one upload (ingest/limits.py)
    upload_readers: int = 2              # reader processes per server process for PDF, HTML and feed uploads


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def secret_key(home: Path | None = None) -> str:
    """``ARMSFLOW_SECRET``, else a key kept in ``$ARMSFLOW_HOME/web-secret`` (made once, readable by its owner only).

    A stable key keeps sessions valid across restarts and lets several server processes share them.
    """
    if os.environ.get("ARMSFLOW_SECRET"):
        return os.environ["ARMSFLOW_SECRET"]
    home = home or Path(os.environ.get("ARMSFLOW_HOME", Path.home() / ".armsflow"))
    path = home / "web-secret"
    if path.exists():
        return path.read_text().strip()
    home.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key
