"""An importable app for process managers: ``uvicorn armsflow.web.asgi:app --workers 4``.

Configured from the environment: ``ARMSFLOW_DB`` (the store), ``ARMSFLOW_SECRET`` (shared by every worker, so a
session signed by one is honoured by all), ``ARMSFLOW_REQUIRE_LOGIN=1``, ``ARMSFLOW_INSECURE_COOKIES=1`` for plain
HTTP outside loopback, ``ARMSFLOW_UPLOAD_LIMITS`` (``seconds=30,pages=100``: the budgets of an uploaded document,
as ``armsflow serve --limit``), ``ARMSFLOW_LOGIN_LIMITS`` (``10,50,900``: sign-in attempts per account and per
address in a window of so many seconds, as ``armsflow serve --login-limit --login-address-limit --login-window``).
"""
from __future__ import annotations

import os

from armsflow.ingest.limits import UPLOAD
from armsflow.store import open_store
from armsflow.web.app import create_app
from armsflow.web.settings import Settings, secret_key


def _login_limits() -> dict:
    raw = os.environ.get("ARMSFLOW_LOGIN_LIMITS", "")
    if not raw:
        return {}
    account, address, window = (int(v) for v in raw.split(","))
    return {"login_limit": account, "login_address_limit": address, "login_window_seconds": window}


app = create_app(open_store(), Settings(**_login_limits(), secret_key=secret_key(),
                                        require_login=os.environ.get("ARMSFLOW_REQUIRE_LOGIN") == "1",
                                        secure_cookies=os.environ.get("ARMSFLOW_INSECURE_COOKIES") != "1",
                                        upload_limits=UPLOAD.with_(
                                            [s for s in os.environ.get("ARMSFLOW_UPLOAD_LIMITS", "").split(",") if s])))
