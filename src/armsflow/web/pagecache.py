"""Rendered pages kept for anonymous readers: the same URL over the same data is the same HTML for all of them.

A page that says what its data depends on (a tag: a summary's basis, the store revision) is rendered once per tag and
URL and then served as bytes, without templates. Signed-in analysts always get a fresh rendering: their pages carry
their name, review forms and a CSRF token. Only successful pages are kept, within a byte budget, least recently used
first out.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable, Hashable

from fastapi import Request
from starlette.responses import Response

MAX_BYTES = 64 * 1024 * 1024


class PageCache:
    def __init__(self, max_bytes: int = MAX_BYTES):
        self.max_bytes = max_bytes
        self.size = 0
        self._items: OrderedDict[tuple, tuple[bytes, str]] = OrderedDict()
        self._lock = threading.Lock()
        self.rendering: dict[tuple, object] = {}     # key -> asyncio.Future of the rendering under way

    def get(self, key: tuple) -> tuple[bytes, str] | None:
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
            return hit

    def put(self, key: tuple, body: bytes, media_type: str) -> None:
        if len(body) > self.max_bytes // 8:
            return
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self.size -= len(old[0])
            self._items[key] = (body, media_type)
            self.size += len(body)
            while self.size > self.max_bytes:
                _, (b, _) = self._items.popitem(last=False)
                self.size -= len(b)


def cached_page(request: Request, tag: Hashable, render: Callable[[], Response]) -> Response:
    """The page ``render`` makes, from the cache when an anonymous reader asks for a URL already rendered under
    ``tag``."""
    from armsflow.web.deps import viewer

    if viewer(request).signed_in:
        return render()
    key, hit = _lookup(request, tag)
    return hit if hit is not None else _kept(request, key, render())


async def cached_in_thread(request: Request, tag: Hashable, render: Callable[[], Response]) -> Response:
    """As :func:`cached_page`, for a page whose rendering reads much (a list's COUNT and its page of rows): a hit
    is served from the event loop, a miss is rendered in the thread pool, once: readers who ask for the same URL
    meanwhile (after a write, every reader of a popular page misses at the same moment) wait for that rendering
    instead of starting their own."""
    import asyncio

    from starlette.concurrency import run_in_threadpool

    from armsflow.web.deps import viewer

    if viewer(request).signed_in:
        return await run_in_threadpool(render)
    key, hit = _lookup(request, tag)
    if hit is not None:
        return hit
    cache: PageCache = request.app.state.pages
    pending = cache.rendering.get(key)
    if pending is not None:
        shared = await asyncio.shield(pending)
        if shared is not None:
            return Response(shared[0], media_type=shared[1])
        return await run_in_threadpool(render)       # the first rendering was not a page to keep: render our own
    done: asyncio.Future = asyncio.get_running_loop().create_future()
    cache.rendering[key] = done
    try:
        response = _kept(request, key, await run_in_threadpool(render))
        done.set_result(cache.get(key))
        return response
    finally:
        if not done.done():
            done.set_result(None)
        cache.rendering.pop(key, None)


def _lookup(request: Request, tag: Hashable) -> tuple[tuple, Response | None]:
    """The cache key of this URL under ``tag``, and the kept page if there is one."""
    key = (request.url.path, request.url.query, tag)
    hit = request.app.state.pages.get(key)
    return key, (Response(hit[0], media_type=hit[1]) if hit is not None else None)


def _kept(request: Request, key: tuple, response: Response) -> Response:
    if response.status_code == 200 and not response.headers.get("set-cookie"):
        request.app.state.pages.put(key, bytes(response.body),
                                    response.media_type or response.headers.get("content-type", "text/html"))
    return response
