"""Serve static files during development by wrapping an ASGI application.

``runserver`` wraps the project's application in :class:`StaticFilesHandler`
while ``DEBUG`` is on. Requests under ``STATIC_URL`` are answered from the
finders; every other request, and every non-HTTP scope (lifespan, websocket),
goes to the wrapped application untouched. This is meant for development: it
reads files from disk on every request and does no caching beyond
``If-Modified-Since``.
"""

from __future__ import annotations

import asyncio
import mimetypes
import os
from collections.abc import Awaitable, Callable, MutableMapping
from datetime import UTC
from email.utils import formatdate, parsedate_to_datetime
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from framework.conf import settings
from framework.contrib.staticfiles.finders import find_in_roots, get_search_roots
from framework.core.exceptions import ImproperlyConfigured

__all__ = ["StaticFilesHandler"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

_CHUNK = 64 * 1024
_ALLOWED_METHODS = ("GET", "HEAD")
# Compressed files are sent as the archive they are, not as what they contain.
_ENCODED_TYPES = {
    "gzip": "application/gzip",
    "bzip2": "application/x-bzip",
    "xz": "application/x-xz",
    "br": "application/x-brotli",
}


class StaticFilesHandler:
    """ASGI middleware answering ``STATIC_URL`` requests from the finders.

    Settings (``STATIC_URL``, ``STATICFILES_DIRS``) and the app folders are read
    once, when the handler is built.
    """

    def __init__(self, application: ASGIApp) -> None:
        self.application = application
        self.prefix = _static_prefix(settings.STATIC_URL)
        self.roots = get_search_roots()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        relative = self._static_path(scope)
        if relative is None:
            await self.application(scope, receive, send)
            return
        await self.serve(scope, relative, send)

    def _static_path(self, scope: Scope) -> str | None:
        """Return the path below ``STATIC_URL``, or None if not ours to answer."""
        if scope["type"] != "http" or self.prefix is None:
            return None
        path = str(scope.get("path", ""))
        root_path = str(scope.get("root_path", "") or "")
        if root_path and path.startswith(root_path):
            path = path[len(root_path) :]
        if not path.startswith(self.prefix):
            return None
        return path[len(self.prefix) :]

    async def serve(self, scope: Scope, relative: str, send: Send) -> None:
        """Send the file at ``relative`` (below ``STATIC_URL``), or an error."""
        method = str(scope.get("method", "GET")).upper()
        if method not in _ALLOWED_METHODS:
            await _send_text(
                send, 405, "Method Not Allowed", [(b"allow", b"GET, HEAD")]
            )
            return
        found = find_in_roots(self.roots, relative)
        try:
            stat = os.stat(found) if found else None
        except OSError:
            stat = None
        if found is None or stat is None:
            await _send_text(send, 404, f"Not Found: {scope.get('path', '')}")
            return
        if _not_modified(scope, stat.st_mtime):
            await send(_start(304, [(b"last-modified", _http_date(stat.st_mtime))]))
            await send({"type": "http.response.body", "body": b""})
            return
        await send(_start(200, _file_headers(found, stat.st_size, stat.st_mtime)))
        if method == "HEAD":
            await send({"type": "http.response.body", "body": b""})
            return
        await _send_file(send, found)


def _static_prefix(static_url: str | None) -> str | None:
    """Turn ``STATIC_URL`` into the path prefix to serve, or None for another host."""
    if not static_url:
        raise ImproperlyConfigured(
            "Serving static files needs STATIC_URL. Set STATIC_URL = 'static/' in "
            "your settings module."
        )
    parts = urlsplit(static_url)
    if parts.netloc:
        # Files live on another host (a CDN); nothing to serve locally.
        return None
    return "/" + parts.path.strip("/") + "/"


def _content_type(path: str) -> str:
    guessed, encoding = mimetypes.guess_type(path)
    if encoding:
        return _ENCODED_TYPES.get(encoding, "application/octet-stream")
    return guessed or "application/octet-stream"


def _http_date(timestamp: float) -> bytes:
    return formatdate(timestamp, usegmt=True).encode("ascii")


def _file_headers(path: str, size: int, mtime: float) -> list[tuple[bytes, bytes]]:
    return [
        (b"content-type", _content_type(path).encode("latin-1")),
        (b"content-length", str(size).encode("ascii")),
        (b"last-modified", _http_date(mtime)),
    ]


def _not_modified(scope: Scope, mtime: float) -> bool:
    """Say whether the client's ``If-Modified-Since`` copy is still current."""
    for name, value in scope.get("headers", []):
        if name.lower() == b"if-modified-since":
            try:
                since = parsedate_to_datetime(value.decode("latin-1"))
            except (TypeError, ValueError):
                return False
            if since.tzinfo is None:
                since = since.replace(tzinfo=UTC)
            return int(mtime) <= since.timestamp()
    return False


def _start(status: int, headers: list[tuple[bytes, bytes]]) -> Message:
    return {"type": "http.response.start", "status": status, "headers": headers}


async def _send_text(
    send: Send,
    status: int,
    text: str,
    extra: list[tuple[bytes, bytes]] | None = None,
) -> None:
    body = text.encode("utf-8")
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode("ascii")),
        *(extra or []),
    ]
    await send(_start(status, headers))
    await send({"type": "http.response.body", "body": body})


async def _send_file(send: Send, path: str) -> None:
    """Stream the file in chunks, reading off the event loop."""
    handle: BinaryIO = await asyncio.to_thread(open, path, "rb")
    try:
        while True:
            chunk = await asyncio.to_thread(handle.read, _CHUNK)
            more = len(chunk) == _CHUNK
            await send({"type": "http.response.body", "body": chunk, "more_body": more})
            if not more:
                return
    finally:
        handle.close()
