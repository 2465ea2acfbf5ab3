"""The ASGI face: HTTP and lifespan scopes in, ASGI messages out.

Protocol work only: read the body, build the request, send the response.
Everything else happens in :class:`BaseHandler`.
"""

from __future__ import annotations

import io
import logging
import tempfile
from collections.abc import Awaitable, Callable, MutableMapping
from functools import cached_property
from typing import IO, Any
from urllib.parse import unquote_to_bytes

from asgiref.sync import iscoroutinefunction, sync_to_async

from framework.apps import apps
from framework.conf import settings
from framework.core import signals
from framework.core.exceptions import (
    ImproperlyConfigured,
    RequestAborted,
    RequestDataTooBig,
)
from framework.core.handlers.base import BaseHandler
from framework.core.handlers.exception import response_for_exception
from framework.http import HttpRequest, HttpResponseBase
from framework.http.hosts import RequestConfig
from framework.urls import set_script_prefix
from framework.utils.module_loading import import_string

__all__ = ["ASGIHandler", "ASGIRequest"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

logger = logging.getLogger("framework.request")
_CHUNK = 64 * 1024


class ASGIRequest(HttpRequest):
    """A request built from an ASGI HTTP scope; ``META`` is derived on first use."""

    def __init__(
        self, scope: Scope, body: IO[bytes], config: RequestConfig | None = None
    ) -> None:
        self.config = config or RequestConfig()
        self.scope = scope
        self.method = scope["method"].upper()
        self.script_name = scope.get("root_path", "") or ""
        self.path_info = self._decode_path(scope)
        if self.script_name and self.path_info.startswith(self.script_name):
            self.path_info = self.path_info[len(self.script_name) :] or "/"
        self.path = f"{self.script_name.rstrip('/')}{self.path_info}"
        self._query_string = scope.get("query_string", b"")
        self._stream = body
        self._body = None
        self._read_started = False

    def _decode_path(self, scope: Scope) -> str:
        raw = scope.get("raw_path")
        if raw is None:
            return str(scope["path"]) or "/"
        raw = raw.split(b"?", 1)[0]
        try:
            return (unquote_to_bytes(raw) if b"%" in raw else raw).decode(
                "utf-8"
            ) or "/"
        except UnicodeDecodeError:
            self._path_error = True
            return str(scope["path"]) or "/"

    @cached_property
    def META(self) -> dict[str, Any]:  # type: ignore[override]  # noqa: N802
        scope = self.scope
        server = scope.get("server") or ("", 0)
        client = scope.get("client") or ("", 0)
        meta: dict[str, Any] = {
            "REQUEST_METHOD": self.method,
            "QUERY_STRING": self.query_string,
            "SCRIPT_NAME": self.script_name,
            "PATH_INFO": self.path_info,
            "SERVER_NAME": str(server[0]) if server[0] is not None else "",
            "SERVER_PORT": str(server[1]) if server[1] is not None else "",
            "REMOTE_ADDR": client[0],
            "REMOTE_PORT": client[1],
            "SERVER_PROTOCOL": f"HTTP/{scope.get('http_version', '1.1')}",
            "wsgi.url_scheme": scope.get("scheme", "http"),
        }
        for raw_name, raw_value in scope.get("headers", ()):
            name = raw_name.decode("latin-1").upper().replace("-", "_")
            if name not in ("CONTENT_TYPE", "CONTENT_LENGTH"):
                name = f"HTTP_{name}"
            value = raw_value.decode("latin-1")
            if name == "HTTP_HOST" and name in meta:
                continue  # the first Host header wins, as in _get_raw_host
            if name in meta:
                joiner = "; " if name == "HTTP_COOKIE" else ","
                value = f"{meta[name]}{joiner}{value}"
            meta[name] = value
        return meta

    def _get_scheme(self) -> str:
        return str(self.scope.get("scheme", "http"))

    def _get_raw_host(self) -> str:
        if not self.config.use_x_forwarded_host:
            for name, value in self.scope.get("headers", ()):
                if name == b"host":
                    return str(value.decode("latin-1"))
        return super()._get_raw_host()


class ASGIHandler(BaseHandler):
    """An ASGI application handling the ``http`` and ``lifespan`` scopes."""

    def __init__(self) -> None:
        super().__init__()
        self.load_middleware(is_async=True)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind == "http":
            await self.handle_http(scope, receive, send)
        elif kind == "lifespan":
            await Lifespan().run(receive, send)
        else:
            raise ValueError(f"The framework cannot handle ASGI {kind!r} scopes yet.")

    async def handle_http(self, scope: Scope, receive: Receive, send: Send) -> None:
        if signals.request_started.has_listeners():
            await signals.request_started.asend(sender=type(self), scope=scope)
        try:
            body = await self.read_body(scope, receive)
        except RequestAborted:
            return
        request = ASGIRequest(scope, body, self.request_config)
        if request.script_name:
            set_script_prefix(request.script_name)
        if isinstance(body, _TooBig):
            response = await sync_to_async(response_for_exception)(request, body.error)
        else:
            response = await self.get_response_async(request)
        try:
            await self.send_response(response, send, head=request.method == "HEAD")
        finally:
            # Closers release files and the like: quick, so no thread hop.
            response.close()
            body.close()
            if signals.request_finished.has_listeners():
                await signals.request_finished.asend(sender=type(self))

    async def read_body(self, scope: Scope, receive: Receive) -> IO[bytes]:
        """Read the body into a spooled file, refusing early what cannot be used.

        A body that is not multipart and exceeds DATA_UPLOAD_MAX_MEMORY_SIZE
        could never be read by the view, so reading stops there and the request
        is answered with 413 instead of buffering the rest.
        """
        config = self.request_config
        limit = None if _is_multipart(scope) else config.max_memory_size
        message = await receive()
        if message["type"] == "http.disconnect":
            raise RequestAborted()
        chunk = message.get("body", b"")
        if not message.get("more_body", False):
            # The common case (no body, or one small message): no spooling.
            if limit is not None and len(chunk) > limit:
                return _TooBig()
            return io.BytesIO(chunk)
        body: IO[bytes] = tempfile.SpooledTemporaryFile(  # noqa: SIM115
            max_size=config.file_memory_size, dir=config.temp_dir
        )
        size = 0
        while True:
            size += len(chunk)
            if limit is not None and size > limit:
                body.close()
                return _TooBig()
            body.write(chunk)
            if not message.get("more_body", False):
                break
            message = await receive()
            if message["type"] == "http.disconnect":
                body.close()
                raise RequestAborted()
            chunk = message.get("body", b"")
        body.seek(0)
        return body

    async def send_response(
        self, response: HttpResponseBase, send: Send, head: bool
    ) -> None:
        """Send the start message and the body, streaming when the response does."""
        headers = [
            (name.encode("latin-1"), value.encode("latin-1", errors="replace"))
            for name, value in response.header_items()
        ]
        if not response.streaming:
            content: bytes = response.content  # type: ignore[attr-defined]
            if "Content-Length" not in response.headers:
                headers.append((b"content-length", str(len(content)).encode()))
            await send(
                {
                    "type": "http.response.start",
                    "status": response.status_code,
                    "headers": headers,
                }
            )
            await send({"type": "http.response.body", "body": b"" if head else content})
            return
        await send(
            {
                "type": "http.response.start",
                "status": response.status_code,
                "headers": headers,
            }
        )
        if not head:
            await _stream(response, send)
        await send({"type": "http.response.body", "body": b"", "more_body": False})


async def _stream(response: HttpResponseBase, send: Send) -> None:
    content = response.streaming_content  # type: ignore[attr-defined]
    if getattr(response, "is_async", False):
        async for chunk in content:
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
        return
    iterator = iter(content)
    next_chunk = sync_to_async(_next_or_none, thread_sensitive=True)
    while (chunk := await next_chunk(iterator)) is not None:
        await send({"type": "http.response.body", "body": chunk, "more_body": True})


def _next_or_none(iterator: Any) -> bytes | None:
    chunk: bytes | None = next(iterator, None)
    return chunk


def _is_multipart(scope: Scope) -> bool:
    for name, value in scope.get("headers", ()):
        if name == b"content-type":
            return bool(value.lower().startswith(b"multipart/form-data"))
    return False


class _TooBig(tempfile.SpooledTemporaryFile):  # type: ignore[type-arg]
    """Stands in for a body that was refused for its size."""

    def __init__(self) -> None:
        super().__init__(max_size=0)
        self.error = RequestDataTooBig(
            "The request body exceeds DATA_UPLOAD_MAX_MEMORY_SIZE; raise that setting "
            "if such bodies are expected."
        )


_PHASES = {"lifespan.startup": "startup", "lifespan.shutdown": "shutdown"}


class Lifespan:
    """Run start-up and shut-down hooks for the ASGI lifespan protocol.

    Hooks are each installed app's ``AppConfig.startup()``/``shutdown()`` and the
    dotted paths in ``STARTUP_HANDLERS``/``SHUTDOWN_HANDLERS``; sync hooks run in
    a thread, async ones on the loop. A failing start-up is reported to the
    server, which then refuses to start, with the error in its log.
    """

    async def run(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            phase = _PHASES.get(message["type"])
            if phase is None:
                continue
            handlers = getattr(settings, f"{phase.upper()}_HANDLERS")
            try:
                await self._call_hooks(phase, handlers)
            except Exception as exc:
                logger.exception("Lifespan %s failed", phase)
                kind = f"{message['type']}.failed"
                await send({"type": kind, "message": repr(exc)})
                return
            await send({"type": f"{message['type']}.complete"})
            if phase == "shutdown":
                return

    async def _call_hooks(self, name: str, dotted: list[str]) -> None:
        """Run hooks in order (shut-down in reverse), stopping at the first failure."""
        hooks = [getattr(config, name) for config in apps.get_app_configs()]
        hooks += [_import_hook(path, name) for path in dotted]
        if name == "shutdown":
            hooks.reverse()
        for hook in hooks:
            if iscoroutinefunction(hook):
                await hook()
            else:
                await sync_to_async(hook, thread_sensitive=True)()


def _import_hook(path: str, name: str) -> Callable[[], Any]:
    try:
        hook: Callable[[], Any] = import_string(path)
    except ImportError as exc:
        setting = f"{name.upper()}_HANDLERS"
        raise ImproperlyConfigured(
            f"{setting} entry {path!r} cannot be imported: {exc}"
        ) from exc
    return hook
