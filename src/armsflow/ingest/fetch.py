"""Fetching URLs, only when the caller asks: a fetcher is a plain callable ``url -> bytes`` (None: not available).

Readers never touch the network themselves; they get a fetcher or none. :func:`http_fetcher` is a small standard
library one (timeout, size cap, http/https only) for the command line to pass when the user enables fetching;
tests pass their own function instead.
"""
from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable

from armsflow.ingest.text import MAX_BYTES, IngestError, _limit

Fetch = Callable[[str], bytes | None]

_ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,"
           "application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5")


def fetch_bytes(fetch: Fetch, url: str, max_bytes: int = MAX_BYTES) -> bytes:
    """Call ``fetch`` and turn whatever goes wrong into an IngestError naming the URL."""
    try:
        data = fetch(url)
    except IngestError as exc:
        raise IngestError(url, exc.problem) from None
    except Exception as exc:           # a fetcher's own network or HTTP error
        raise IngestError(url, f"fetch failed ({type(exc).__name__}: {exc})") from None
    if data is None:
        raise IngestError(url, "fetch failed (nothing returned)")
    if len(data) > max_bytes:
        raise IngestError(url, f"download too large: over the {_limit(max_bytes)} limit (raise it with --max-size)")
    if not data.strip():
        raise IngestError(url, "empty response")
    return bytes(data)


def http_fetcher(timeout: float = 20.0, max_bytes: int = MAX_BYTES, user_agent: str = "armsflow/0.1") -> Fetch:
    """A fetcher over HTTP(S) with urllib: IngestError for HTTP errors, timeouts and oversized bodies."""

    def fetch(url: str) -> bytes:
        if not url.lower().startswith(("http://", "https://")):
            raise IngestError(url, "only http and https URLs are fetched")
        req = urllib.request.Request(url, headers={"User-Agent": user_agent, "Accept": _ACCEPT})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                data = resp.read(max_bytes + 1)
        except urllib.error.HTTPError as exc:
            raise IngestError(url, f"HTTP error {exc.code} ({exc.reason})") from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError):
                raise IngestError(url, f"timed out after {timeout:g} s") from None
            raise IngestError(url, f"cannot fetch ({getattr(reason, 'strerror', None) or reason})") from None
        except TimeoutError:
            raise IngestError(url, f"timed out after {timeout:g} s") from None
        except OSError as exc:
            raise IngestError(url, f"cannot fetch ({exc.strerror or exc})") from None
        if len(data) > max_bytes:
            raise IngestError(url, f"download too large: over the {_limit(max_bytes)} limit")
        return data

    return fetch
