"""The WSGI face: translate an environ into a request and a response back.

Protocol work only; everything else happens in :class:`BaseHandler`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from io import BytesIO
from typing import IO, Any

from asgiref.sync import async_to_sync

from framework.core import signals
from framework.core.handlers.base import BaseHandler
from framework.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    StreamingHttpResponse,
)
from framework.http.hosts import RequestConfig
from framework.urls import set_script_prefix

__all__ = ["LimitedStream", "WSGIHandler", "WSGIRequest"]

StartResponse = Callable[..., Any]


class LimitedStream:
    """Read at most ``limit`` bytes from a WSGI input stream.

    Servers may hand over a socket that blocks past the body's end, so the
    request never reads beyond Content-Length.
    """

    def __init__(self, stream: IO[bytes], limit: int) -> None:
        self._stream = stream
        self._left = limit

    def read(self, size: int = -1) -> bytes:
        if self._left <= 0:
            return b""
        if size < 0 or size > self._left:
            size = self._left
        data = self._stream.read(size)
        self._left -= len(data)
        return data

    def readline(self, size: int = -1) -> bytes:
        if self._left <= 0:
            return b""
        if size < 0 or size > self._left:
            size = self._left
        line = self._stream.readline(size)
        self._left -= len(line)
        return line


class WSGIRequest(HttpRequest):
    """A request whose data comes from a WSGI environ (``META`` is the environ)."""

    def __init__(
        self, environ: dict[str, Any], config: RequestConfig | None = None
    ) -> None:
        super().__init__(config)
        self.META = environ
        self.method = str(environ.get("REQUEST_METHOD", "GET")).upper()
        self.script_name = _decode_path(self, environ.get("SCRIPT_NAME", ""))
        self.path_info = _decode_path(self, environ.get("PATH_INFO", "")) or "/"
        self.path = f"{self.script_name.rstrip('/')}{self.path_info}"
        self._query_string = environ.get("QUERY_STRING", "")
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        stream = environ.get("wsgi.input")
        self._stream = LimitedStream(stream, max(length, 0)) if stream else BytesIO()  # type: ignore[assignment]

    def _get_scheme(self) -> str:
        return str(self.META.get("wsgi.url_scheme", "http"))


def _decode_path(request: HttpRequest, raw: str) -> str:
    """WSGI gives paths as latin-1 text of the raw bytes; decode them as UTF-8."""
    if raw.isascii():
        return raw
    try:
        return raw.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        request._path_error = True
        return raw.encode("latin-1", errors="replace").decode("utf-8", errors="replace")


class WSGIHandler(BaseHandler):
    """A WSGI application: ``application(environ, start_response)``."""

    def __init__(self) -> None:
        super().__init__()
        self.load_middleware(is_async=False)

    def __call__(
        self, environ: dict[str, Any], start_response: StartResponse
    ) -> Iterable[bytes]:
        if signals.request_started.has_listeners():
            signals.request_started.send(sender=type(self), environ=environ)
        request = WSGIRequest(environ, self.request_config)
        if request.script_name:
            set_script_prefix(request.script_name)
        response = self.get_response(request)
        if signals.request_finished.has_listeners():
            response.add_closer(
                lambda: signals.request_finished.send(sender=type(self))
            )
        headers = response.header_items()
        if isinstance(response, HttpResponse) and "Content-Length" not in response:
            headers.append(("Content-Length", str(len(response.content))))
        status = f"{response.status_code} {response.reason_phrase}"
        start_response(status, [(k, _latin1(v)) for k, v in headers])
        if request.method == "HEAD":
            return _ClosingIterator(iter(()), response)
        file_wrapper = environ.get("wsgi.file_wrapper")
        file = getattr(response, "file_to_stream", None)
        if file is not None and file_wrapper is not None and hasattr(file, "fileno"):
            # Let the server use sendfile(); it calls close() on what we return.
            wrapped = file_wrapper(file, getattr(response, "block_size", 8192))
            response.add_closer(getattr(wrapped, "close", lambda: None))
            return _ClosingIterator(iter(wrapped), response)
        if isinstance(response, StreamingHttpResponse) and response.is_async:
            # WSGI can't await: gather the async stream in one event-loop run.
            chunks = async_to_sync(_collect)(response.streaming_content)
            return _ClosingIterator(iter(chunks), response)
        return _ClosingIterator(iter(response), response)  # type: ignore[call-overload]


async def _collect(stream: Any) -> list[bytes]:
    return [chunk async for chunk in stream]


class _ClosingIterator:
    """An iterable whose ``close()`` releases the response, as WSGI requires."""

    def __init__(self, iterator: Iterator[bytes], response: HttpResponseBase) -> None:
        self._iterator = iterator
        self._response = response

    def __iter__(self) -> Iterator[bytes]:
        return self._iterator

    def close(self) -> None:
        self._response.close()


def _latin1(value: str) -> str:
    """Header values must be latin-1 text under WSGI; re-encode anything else."""
    try:
        value.encode("latin-1")
        return value
    except UnicodeEncodeError:
        return value.encode("utf-8").decode("latin-1")
