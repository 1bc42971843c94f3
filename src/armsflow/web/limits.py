"""Request size limits, enforced before a handler reads the body: an upload cannot fill memory or disk."""
from __future__ import annotations

import json


class BodyLimit:
    """Pure ASGI middleware: 413 for a declared Content-Length over the limit, or a body that grows past it."""

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        for k, v in scope.get("headers", []):
            if k == b"content-length":
                try:
                    declared = int(v)
                except ValueError:
                    return await _reply(send, 400, "bad Content-Length header")
                if declared > self.max_bytes:
                    return await _reply(send, 413, f"request body over the {self.max_bytes:,}-byte limit")
        seen = 0

        async def counting_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge()
            return message

        try:
            await self.app(scope, counting_receive, send)
        except BodyTooLarge:
            await _reply(send, 413, f"request body over the {self.max_bytes:,}-byte limit")


class BodyTooLarge(Exception):
    pass


async def _reply(send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
