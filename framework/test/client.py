"""``RequestFactory``, ``Client`` and their async twins: the real handler, in process.

The factories build requests exactly as the WSGI and ASGI faces do (an environ
or a scope); the clients push them through the project's full middleware chain
and URLconf, keep cookies between requests, follow redirects on request, and
re-raise exceptions from views so a failing test shows the real traceback.
"""

from __future__ import annotations

import io
import json
import mimetypes
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http import cookies
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

from framework.conf import settings
from framework.core import signals
from framework.core.handlers.asgi import ASGIRequest
from framework.core.handlers.base import BaseHandler
from framework.core.handlers.wsgi import WSGIRequest
from framework.core.serializers.json import JSONEncoder
from framework.http import HttpRequest, HttpResponseBase
from framework.http.hosts import RequestConfig
from framework.urls import resolve

__all__ = ["AsyncClient", "AsyncRequestFactory", "Client", "RequestFactory"]

BOUNDARY = "BoUnDaRyStRiNg"
MULTIPART_CONTENT = f"multipart/form-data; boundary={BOUNDARY}"
_REDIRECTS = (301, 302, 303, 307, 308)
_generation = 0


def _bump_generation(**_: Any) -> None:
    global _generation
    _generation += 1


signals.setting_changed.connect(_bump_generation, dispatch_uid="framework.test.client")


def encode_multipart(boundary: str, data: Mapping[str, Any]) -> bytes:
    """Encode ``data`` as multipart/form-data; file-like values become file parts."""
    lines: list[bytes] = []
    for key, value in data.items():
        values = value if isinstance(value, list | tuple) else [value]
        for item in values:
            lines.append(f"--{boundary}".encode())
            if hasattr(item, "read"):
                name = os.path.basename(str(getattr(item, "name", "") or "file"))
                ctype = mimetypes.guess_type(name)[0] or "application/octet-stream"
                content = item.read()
                lines.append(
                    f'Content-Disposition: form-data; name="{key}"; '
                    f'filename="{name}"'.encode()
                )
                lines.append(f"Content-Type: {ctype}".encode())
                lines.append(b"")
                lines.append(
                    content if isinstance(content, bytes) else content.encode()
                )
            else:
                lines.append(f'Content-Disposition: form-data; name="{key}"'.encode())
                lines.append(b"")
                lines.append(_as_text(item).encode())
    lines.extend([f"--{boundary}--".encode(), b""])
    return b"\r\n".join(lines)


def _as_text(value: Any) -> str:
    if value is None:
        raise TypeError("Cannot encode None as form data; pass '' instead.")
    return str(value)


class _RequestBuilder:
    """Turn ``get``/``post``/... calls into method, path, query, headers and body."""

    def __init__(
        self, *, headers: Mapping[str, str] | None = None, **defaults: Any
    ) -> None:
        self.defaults = defaults
        self.default_headers = dict(headers or {})
        self.cookies: cookies.SimpleCookie = cookies.SimpleCookie()

    def _encode_data(self, data: Any, content_type: str | None) -> tuple[bytes, str]:
        if content_type is None or content_type == MULTIPART_CONTENT:
            if isinstance(data, bytes | str):
                raise TypeError("Pass raw bytes with an explicit content_type.")
            return encode_multipart(BOUNDARY, data or {}), MULTIPART_CONTENT
        if content_type.startswith("application/json") and isinstance(
            data, dict | list | tuple
        ):
            return json.dumps(data, cls=JSONEncoder).encode(), content_type
        if content_type.startswith("application/x-www-form-urlencoded") and isinstance(
            data, Mapping
        ):
            return urlencode(data, doseq=True).encode(), content_type
        if isinstance(data, str):
            return data.encode(), content_type
        if data is not None and not isinstance(data, bytes | bytearray):
            raise TypeError(
                f"Cannot send {type(data).__name__} as {content_type!r}; pass bytes, "
                "or content_type='application/json' to send it as JSON."
            )
        return bytes(data or b""), content_type

    def _parts(
        self,
        method: str,
        path: str,
        data: Any = None,
        content_type: str | None = None,
        secure: bool = False,
        headers: Mapping[str, str] | None = None,
        query_params: Mapping[str, Any] | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        parsed = urlsplit(str(path))
        query = parsed.query
        body = b""
        if (
            method in ("GET", "HEAD", "DELETE", "OPTIONS", "TRACE")
            and data
            and content_type is None
        ):
            query = urlencode(data, doseq=True)
        elif data is not None or method in ("POST", "PUT", "PATCH"):
            if data is not None or content_type is not None:
                body, content_type = self._encode_data(data, content_type)
        if query_params:
            query = urlencode(query_params, doseq=True)
        all_headers = {**self.default_headers, **(headers or {})}
        cookie_header = "; ".join(
            f"{m.key}={m.coded_value}" for m in self.cookies.values() if m.value != ""
        )
        return {
            "method": method,
            "path": parsed.path or "/",
            "query": query,
            "body": body,
            "content_type": content_type,
            "secure": secure,
            "headers": all_headers,
            "cookie": cookie_header,
            "extra": {**self.defaults, **extra},
            "host": parsed.netloc or None,
            "scheme": parsed.scheme or None,
        }

    def _environ(self, parts: dict[str, Any]) -> dict[str, Any]:
        secure = parts["secure"] or parts["scheme"] == "https"
        host = parts["host"] or "testserver"
        environ: dict[str, Any] = {
            "REQUEST_METHOD": parts["method"],
            "PATH_INFO": parts["path"].encode("utf-8").decode("latin-1"),
            "SCRIPT_NAME": "",
            "QUERY_STRING": parts["query"],
            "SERVER_NAME": "testserver",
            "SERVER_PORT": "443" if secure else "80",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": host,
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "https" if secure else "http",
            "wsgi.input": io.BytesIO(parts["body"]),
            "wsgi.errors": io.StringIO(),
            "wsgi.multiprocess": True,
            "wsgi.multithread": False,
            "wsgi.run_once": False,
        }
        if parts["body"] or parts["content_type"]:
            environ["CONTENT_LENGTH"] = str(len(parts["body"]))
            environ["CONTENT_TYPE"] = parts["content_type"] or ""
        if parts["cookie"]:
            environ["HTTP_COOKIE"] = parts["cookie"]
        for name, value in parts["headers"].items():
            key = name.upper().replace("-", "_")
            environ[
                key if key in ("CONTENT_TYPE", "CONTENT_LENGTH") else f"HTTP_{key}"
            ] = value
        environ.update(parts["extra"])
        return environ

    def _scope(self, parts: dict[str, Any]) -> dict[str, Any]:
        secure = parts["secure"] or parts["scheme"] == "https"
        headers = [(b"host", (parts["host"] or "testserver").encode())]
        if parts["body"] or parts["content_type"]:
            headers.append((b"content-length", str(len(parts["body"])).encode()))
            headers.append((b"content-type", (parts["content_type"] or "").encode()))
        if parts["cookie"]:
            headers.append((b"cookie", parts["cookie"].encode("latin-1")))
        for name, value in parts["headers"].items():
            headers.append(
                (name.lower().encode("latin-1"), str(value).encode("latin-1"))
            )
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": parts["method"],
            "scheme": "https" if secure else "http",
            "path": parts["path"],
            "raw_path": parts["path"].encode("utf-8"),
            "query_string": parts["query"].encode("latin-1"),
            "root_path": "",
            "headers": headers,
            "client": ("127.0.0.1", 50000),
            "server": ("testserver", 443 if secure else 80),
        }
        scope.update(parts["extra"])
        return scope

    # One method per HTTP verb, as Django's clients have.
    def get(self, path: str, data: Any = None, **kw: Any) -> Any:
        return self.generic("GET", path, data, **kw)

    def head(self, path: str, data: Any = None, **kw: Any) -> Any:
        return self.generic("HEAD", path, data, **kw)

    def options(self, path: str, data: Any = None, **kw: Any) -> Any:
        return self.generic("OPTIONS", path, data, **kw)

    def trace(self, path: str, data: Any = None, **kw: Any) -> Any:
        return self.generic("TRACE", path, data, **kw)

    def delete(self, path: str, data: Any = None, **kw: Any) -> Any:
        return self.generic("DELETE", path, data, **kw)

    def post(
        self, path: str, data: Any = None, content_type: str | None = None, **kw: Any
    ) -> Any:
        return self.generic("POST", path, data, content_type=content_type, **kw)

    def put(
        self,
        path: str,
        data: Any = None,
        content_type: str | None = "application/octet-stream",
        **kw: Any,
    ) -> Any:
        return self.generic("PUT", path, data, content_type=content_type, **kw)

    def patch(
        self,
        path: str,
        data: Any = None,
        content_type: str | None = "application/octet-stream",
        **kw: Any,
    ) -> Any:
        return self.generic("PATCH", path, data, content_type=content_type, **kw)

    def generic(self, method: str, path: str, data: Any = None, **kw: Any) -> Any:
        raise NotImplementedError


def _request_config() -> RequestConfig:
    return RequestConfig.from_settings(settings)


class RequestFactory(_RequestBuilder):
    """Build ``HttpRequest`` objects as the WSGI face would, to call views directly."""

    def generic(
        self, method: str, path: str, data: Any = None, **kw: Any
    ) -> HttpRequest:
        environ = self._environ(self._parts(method.upper(), path, data, **kw))
        return WSGIRequest(environ, _request_config())


class AsyncRequestFactory(_RequestBuilder):
    """Build ``HttpRequest`` objects as the ASGI face would, for calling async views."""

    def generic(
        self, method: str, path: str, data: Any = None, **kw: Any
    ) -> HttpRequest:
        parts = self._parts(method.upper(), path, data, **kw)
        return ASGIRequest(
            self._scope(parts), io.BytesIO(parts["body"]), _request_config()
        )


class _ClientHandler(BaseHandler):
    """The real handler, rebuilt when a test changes settings."""

    def __init__(self, is_async: bool) -> None:
        super().__init__()
        self.load_middleware(is_async=is_async)
        self.generation = _generation


class _ClientMixin:
    """Cookies, redirects and exception capture shared by both clients."""

    cookies: cookies.SimpleCookie
    _is_async = False

    def __init__(self, raise_request_exception: bool = True) -> None:
        self.raise_request_exception = raise_request_exception
        self._handler: _ClientHandler | None = None
        self.exc_info: Any = None

    @property
    def handler(self) -> _ClientHandler:
        if self._handler is None or self._handler.generation != _generation:
            self._handler = _ClientHandler(self._is_async)
        return self._handler

    @contextmanager
    def _capture(self) -> Iterator[None]:
        self.exc_info = None

        def store(**kwargs: Any) -> None:
            self.exc_info = sys.exc_info()

        uid = f"test-client-{id(self)}"
        signals.got_request_exception.connect(store, dispatch_uid=uid)
        try:
            yield
        finally:
            signals.got_request_exception.disconnect(dispatch_uid=uid)

    def _after(self, request: HttpRequest, response: HttpResponseBase) -> Any:
        if self.exc_info and self.raise_request_exception:
            exc = self.exc_info[1]
            self.exc_info = None
            raise exc
        for morsel in response.cookies.values():
            if morsel["max-age"] == "0" or morsel.value == "":
                self.cookies.pop(morsel.key, None)
            else:
                self.cookies[morsel.key] = morsel.value
        out: Any = response
        out.request = request
        out.client = self
        out.resolver_match = _LazyMatch(request)
        out.json = lambda: _json(response)
        return out

    def _redirect_target(self, response: Any) -> tuple[str, str, dict[str, Any]] | None:
        if response.status_code not in _REDIRECTS:
            return None
        location = response.headers.get("Location", "")
        url = urljoin(response.request.get_full_path(), location)
        parts = urlsplit(url)
        if parts.netloc and parts.netloc not in ("testserver", ""):
            extra = {"HTTP_HOST": parts.netloc} if not self._is_async else {}
        else:
            extra = {}
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        method = response.request.method
        if response.status_code in (307, 308) and method not in ("GET", "HEAD"):
            return method, target, extra
        return ("HEAD" if method == "HEAD" else "GET"), target, extra


class Client(_ClientMixin, RequestFactory):
    """Drive the project's handler in process, as a browser would."""

    def __init__(self, raise_request_exception: bool = True, **defaults: Any) -> None:
        RequestFactory.__init__(self, **defaults)
        _ClientMixin.__init__(self, raise_request_exception)

    def generic(self, method: str, path: str, data: Any = None, **kw: Any) -> Any:
        follow = kw.pop("follow", False)
        request = super().generic(method, path, data, **kw)
        with self._capture():
            response = self.handler.get_response(request)
        response = self._after(request, response)
        if follow:
            response = self._follow(response, kw)
        return response

    def _follow(self, response: Any, kw: dict[str, Any]) -> Any:
        chain: list[tuple[str, int]] = []
        while (target := self._redirect_target(response)) is not None:
            method, url, extra = target
            chain.append((url, response.status_code))
            if len(chain) > 20 or chain.count(chain[-1]) > 1:
                raise RedirectCycleError("Redirect loop detected.", chain)
            kw = {"headers": kw.get("headers"), **extra}
            response = self.generic(method, url, **kw)
        response.redirect_chain = chain
        return response


class AsyncClient(_ClientMixin, AsyncRequestFactory):
    """Drive the project's handler through its async (ASGI) chain, in process."""

    _is_async = True

    def __init__(self, raise_request_exception: bool = True, **defaults: Any) -> None:
        AsyncRequestFactory.__init__(self, **defaults)
        _ClientMixin.__init__(self, raise_request_exception)

    async def generic(self, method: str, path: str, data: Any = None, **kw: Any) -> Any:  # type: ignore[override]
        follow = kw.pop("follow", False)
        request = super().generic(method, path, data, **kw)
        with self._capture():
            response = await self.handler.get_response_async(request)
        response = self._after(request, response)
        if follow:
            chain: list[tuple[str, int]] = []
            while (target := self._redirect_target(response)) is not None:
                method, url, _ = target
                chain.append((url, response.status_code))
                if len(chain) > 20 or chain.count(chain[-1]) > 1:
                    raise RedirectCycleError("Redirect loop detected.", chain)
                response = await self.generic(method, url, headers=kw.get("headers"))
            response.redirect_chain = chain
        return response


class RedirectCycleError(Exception):
    """``follow=True`` found a redirect loop or more than 20 hops."""

    def __init__(self, message: str, chain: list[tuple[str, int]]) -> None:
        super().__init__(message)
        self.redirect_chain = chain


class _LazyMatch:
    """Resolve the request's path only if a test asks for ``resolver_match``."""

    def __init__(self, request: HttpRequest) -> None:
        self._request = request

    def __getattr__(self, name: str) -> Any:
        match = self._request.resolver_match or resolve(self._request.path_info)
        return getattr(match, name)


def _json(response: HttpResponseBase) -> Any:
    content_type = response.headers.get("Content-Type", "")
    if "json" not in content_type:
        raise ValueError(
            f'Content-Type header is "{content_type}", not "application/json".'
        )
    return json.loads(response.content)  # type: ignore[attr-defined]
