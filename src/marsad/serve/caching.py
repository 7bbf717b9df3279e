"""HTTP caching: ETags on API reads, long caching of the UI's content-hashed assets, security headers.

An API read's ETag is the hash of its body, so it changes exactly when the answer does (after an ingest or
a merge) and a client that sends ``If-None-Match`` gets ``304 Not Modified`` without the body.
``Cache-Control: no-cache`` makes browsers revalidate every time instead of serving stale events.
Responses that set their own ``Cache-Control`` (exports, streamed) are passed through untouched.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

API_CACHE = "no-cache"
ASSET_CACHE = "public, max-age=31536000, immutable"
"""For /static files: their names carry a hash of their content (Vite), so they never change."""


def etag_of(body: bytes) -> str:
    """A weak tag: the same JSON may be sent gzipped or not, which a strong tag would have to tell apart."""
    return 'W/"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def matches(if_none_match: str | None, etag: str) -> bool:
    """RFC 9110 weak comparison of ``etag`` against an ``If-None-Match`` list (or ``*``)."""
    if not if_none_match:
        return False
    tags: Iterable[str] = (tag.strip().removeprefix("W/") for tag in if_none_match.split(","))
    return any(tag in ("*", etag.removeprefix("W/")) for tag in tags)


class CachingMiddleware:
    """Adds ETag/Cache-Control to GET responses under ``/api/`` and long caching under ``/static/``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        if path.startswith("/api/"):
            await self._api(scope, receive, send)
        elif path.startswith("/static/") and not path.endswith(".html"):
            await self.app(scope, receive, _with_header(send, "cache-control", ASSET_CACHE))
        else:
            await self.app(scope, receive, send)

    async def _api(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = _Buffered(Headers(scope=scope).get("if-none-match"), send)
        await self.app(scope, receive, response.receive_message)


class _Buffered:
    """Holds a 200 response's body to hash it; any other response goes straight through."""

    def __init__(self, if_none_match: str | None, send: Send) -> None:
        self.if_none_match = if_none_match
        self.send = send
        self.start: Message | None = None
        self.passthrough = False
        self.chunks: list[bytes] = []

    async def receive_message(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.passthrough = message["status"] != 200 or "cache-control" in Headers(raw=message["headers"])
            self.start = message
            if self.passthrough:
                await self.send(message)
            return
        if self.passthrough or self.start is None:
            await self.send(message)
            return
        self.chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            await self._finish(self.start, b"".join(self.chunks))

    async def _finish(self, start: Message, body: bytes) -> None:
        etag = etag_of(body)
        headers = MutableHeaders(raw=list(start["headers"]))
        headers["etag"] = etag
        headers["cache-control"] = API_CACHE
        if matches(self.if_none_match, etag):
            for name in ("content-length", "content-type"):
                del headers[name]
            await self.send({"type": "http.response.start", "status": 304, "headers": headers.raw})
            await self.send({"type": "http.response.body", "body": b""})
            return
        await self.send({**start, "headers": headers.raw})
        await self.send({"type": "http.response.body", "body": body})


def _with_header(send: Send, name: str, value: str) -> Send:
    """``send`` that sets a header on the response start, unless the app set it already."""

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(scope=message)
            headers.setdefault(name, value)
        await send(message)

    return sending
