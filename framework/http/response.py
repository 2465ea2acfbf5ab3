"""Response classes: what views return.

Headers are validated as they are set (no CR/LF, so responses cannot be split),
content is held as bytes, and the server-facing handlers read ``status_code``,
``header_items()`` and the body; nothing here knows about WSGI or ASGI.
"""

from __future__ import annotations

import json
import mimetypes
import os
from collections.abc import AsyncIterable, AsyncIterator, Callable, Iterable, Iterator
from datetime import datetime, timedelta
from http import HTTPStatus, cookies
from typing import IO, Any
from urllib.parse import quote, urlsplit

from framework.core.exceptions import DisallowedRedirect
from framework.core.serializers.json import JSONEncoder
from framework.http.cookies import build_set_cookie
from framework.http.datastructures import MutableHeaders
from framework.http.exceptions import BadHeaderError

__all__ = [
    "FileResponse",
    "HttpResponse",
    "HttpResponseBadRequest",
    "HttpResponseBase",
    "HttpResponseForbidden",
    "HttpResponseGone",
    "HttpResponseNotAllowed",
    "HttpResponseNotFound",
    "HttpResponseNotModified",
    "HttpResponsePermanentRedirect",
    "HttpResponseRedirect",
    "HttpResponseServerError",
    "JsonResponse",
    "StreamingHttpResponse",
]

_REASONS = {s.value: s.phrase for s in HTTPStatus}
_TOKEN = frozenset(
    "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
)
# Compressed files are sent as-is, so their type is the compression format's.
_COMPRESSED_TYPES = {
    "bzip2": "application/x-bzip",
    "gzip": "application/gzip",
    "xz": "application/x-xz",
    "br": "application/x-brotli",
    "compress": "application/x-compress",
}


_DEFAULT_TYPE = "text/html; charset=utf-8"
_ENCODER = JSONEncoder()


class ResponseHeaders(MutableHeaders):
    """Response headers that refuse names and values which could split a response."""

    def __setitem__(self, key: str, value: Any) -> None:
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        value = value if isinstance(value, str) else str(value)
        _check_header_value(value)
        if not isinstance(key, str) or not key or not _TOKEN.issuperset(key):
            raise BadHeaderError(f"Invalid header name {key!r}.")
        super().__setitem__(key, value)

    def set_trusted(self, key: str, value: str) -> None:
        """Set a header the framework built itself, skipping validation."""
        self._store[key.lower()] = (key, value)

    def pairs(self) -> list[tuple[str, str]]:
        """Return ``(name, value)`` pairs in the case they were set in."""
        return list(self._store.values())


def _check_header_value(value: str) -> None:
    if "\n" in value or "\r" in value or "\x00" in value:
        raise BadHeaderError(
            f"Header values can't contain newlines or NUL (got {value!r})."
        )


class HttpResponseBase:
    """Status, headers and cookies shared by every response class."""

    status_code = 200
    streaming = False

    def __init__(
        self,
        content_type: str | None = None,
        status: int | None = None,
        reason: str | None = None,
        charset: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.headers = ResponseHeaders(headers)
        self._cookies: cookies.SimpleCookie | None = None
        if status is not None:
            try:
                self.status_code = int(status)
            except (TypeError, ValueError):
                raise TypeError("HTTP status code must be an integer.") from None
            if not 100 <= self.status_code <= 599:
                raise ValueError("HTTP status code must be an integer from 100 to 599.")
        if reason is not None:
            _check_header_value(reason)
        self._reason_phrase = reason
        self._charset = charset
        self._closers: list[Callable[[], Any]] = []
        if headers and "Content-Type" in self.headers:
            if content_type is not None:
                raise ValueError(
                    "Give content_type or a 'Content-Type' header, not both."
                )
        elif content_type is None:
            # The common case: a known-good value, set without re-validating it.
            default = (
                _DEFAULT_TYPE if charset is None else f"text/html; charset={charset}"
            )
            self.headers.set_trusted("Content-Type", default)
        else:
            self.headers["Content-Type"] = content_type

    @property
    def cookies(self) -> cookies.SimpleCookie:
        """Cookies to set, created on first use (most responses set none)."""
        if self._cookies is None:
            self._cookies = cookies.SimpleCookie()
        return self._cookies

    @cookies.setter
    def cookies(self, value: cookies.SimpleCookie) -> None:
        self._cookies = value

    @property
    def reason_phrase(self) -> str:
        if self._reason_phrase is not None:
            return self._reason_phrase
        return _REASONS.get(self.status_code, "Unknown Status Code")

    @reason_phrase.setter
    def reason_phrase(self, value: str) -> None:
        _check_header_value(value)
        self._reason_phrase = value

    @property
    def charset(self) -> str:
        if self._charset is not None:
            return self._charset
        content_type = (
            self.headers.get("Content-Type", "") if hasattr(self, "headers") else ""
        )
        for param in content_type.split(";")[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "charset":
                return value.strip().strip('"')
        return "utf-8"

    @charset.setter
    def charset(self, value: str) -> None:
        self._charset = value

    # Dict-style header access, as Django users write it.
    def __setitem__(self, header: str, value: Any) -> None:
        self.headers[header] = value

    def __getitem__(self, header: str) -> str:
        return self.headers[header]

    def __delitem__(self, header: str) -> None:
        self.headers.pop(header, None)

    def __contains__(self, header: str) -> bool:
        return header in self.headers

    has_header = __contains__

    def get(self, header: str, default: str | None = None) -> str | None:
        return self.headers.get(header, default)

    def setdefault(self, key: str, value: str) -> None:
        if key not in self.headers:
            self.headers[key] = value

    def items(self) -> Iterable[tuple[str, str]]:
        return self.headers.items()

    def set_cookie(
        self,
        key: str,
        value: str = "",
        max_age: int | float | timedelta | None = None,
        expires: datetime | str | None = None,
        path: str | None = "/",
        domain: str | None = None,
        secure: bool = False,
        httponly: bool = True,
        samesite: str | None = "Lax",
    ) -> None:
        """Set a cookie; ``HttpOnly`` and ``SameSite=Lax`` are on unless turned off."""
        self.cookies[key] = build_set_cookie(
            key,
            value,
            max_age=max_age,
            expires=expires,
            path=path,
            domain=domain,
            secure=secure,
            httponly=httponly,
            samesite=samesite,
        )

    def delete_cookie(
        self,
        key: str,
        path: str = "/",
        domain: str | None = None,
        samesite: str | None = None,
    ) -> None:
        """Expire a cookie in the browser.

        ``__Secure-``/``__Host-`` names and ``SameSite=None`` keep ``Secure``, or
        browsers would ignore the deletion.
        """
        secure = key.startswith(("__Secure-", "__Host-")) or (
            samesite is not None and samesite.lower() == "none"
        )
        self.set_cookie(
            key,
            max_age=0,
            path=path,
            domain=domain,
            secure=secure,
            expires="Thu, 01 Jan 1970 00:00:00 GMT",
            samesite=samesite,
        )

    def header_items(self) -> list[tuple[str, str]]:
        """Every header line to send, ``Set-Cookie`` lines included."""
        items = self.headers.pairs()
        if self._cookies:
            for morsel in self._cookies.values():
                items.append(("Set-Cookie", morsel.OutputString()))
        return items

    def add_closer(self, closer: Callable[[], Any]) -> None:
        """Run ``closer`` when the server has finished with this response."""
        self._closers.append(closer)

    def close(self) -> None:
        """Release resources: called once by the handler or the WSGI server.

        Every closer runs even if one fails; the first failure is re-raised.
        """
        closers, self._closers = self._closers, []
        error: BaseException | None = None
        for closer in closers:
            try:
                closer()
            except Exception as exc:
                error = error or exc
        if error is not None:
            raise error

    def serialize_headers(self) -> bytes:
        return b"\r\n".join(
            f"{k}: {v}".encode("latin-1", errors="replace")
            for k, v in self.header_items()
        )


class HttpResponse(HttpResponseBase):
    """A response whose body is known up front, held as bytes."""

    def __init__(self, content: Any = b"", *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.content = content

    def __repr__(self) -> str:
        content_type = self.headers.get("Content-Type", "")
        return (
            f'<{type(self).__name__} status_code={self.status_code}, "{content_type}">'
        )

    @property
    def content(self) -> bytes:
        return b"".join(self._chunks)

    @content.setter
    def content(self, value: Any) -> None:
        if isinstance(value, bytes | bytearray | memoryview | str) or not hasattr(
            value, "__iter__"
        ):
            self._chunks = [self._encode(value)]
            return
        chunks = [self._encode(chunk) for chunk in value]
        if hasattr(value, "close"):
            value.close()
        self._chunks = chunks

    @property
    def text(self) -> str:
        return self.content.decode(self.charset, errors="replace")

    def _encode(self, value: Any) -> bytes:
        if isinstance(value, bytes):
            return value
        if isinstance(value, bytearray | memoryview):
            return bytes(value)
        return str(value).encode(self.charset)

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._chunks)

    def write(self, content: Any) -> None:
        self._chunks.append(self._encode(content))

    def writelines(self, lines: Iterable[Any]) -> None:
        for line in lines:
            self.write(line)

    def getvalue(self) -> bytes:
        return self.content

    def tell(self) -> int:
        return len(self.content)

    def writable(self) -> bool:
        return True


class StreamingHttpResponse(HttpResponseBase):
    """A response whose body is produced by a sync or async iterable.

    Under ASGI an async iterable is consumed on the event loop and a sync one in
    a worker thread; under WSGI a sync one is passed straight to the server.
    """

    streaming = True

    def __init__(
        self,
        streaming_content: Iterable[Any] | AsyncIterable[Any] = (),
        *args: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.streaming_content = streaming_content

    @property
    def content(self) -> bytes:
        raise AttributeError(
            f"This {type(self).__name__} has no 'content'; iterate over "
            "'streaming_content' instead."
        )

    @property
    def streaming_content(self) -> Iterable[bytes] | AsyncIterable[bytes]:
        if self.is_async:
            return self._aencoded(self._iterator)  # type: ignore[arg-type]
        return (self._encode(chunk) for chunk in self._iterator)  # type: ignore[union-attr]

    @streaming_content.setter
    def streaming_content(self, value: Iterable[Any] | AsyncIterable[Any]) -> None:
        if isinstance(value, str | bytes | bytearray | memoryview):
            value = [value]  # one chunk, not a stream of characters or ints
        self._iterator: Iterator[Any] | AsyncIterator[Any]
        if isinstance(value, AsyncIterable):
            self.is_async = True
            self._iterator = value.__aiter__()
        else:
            self.is_async = False
            self._iterator = iter(value)
        if hasattr(value, "close"):
            self.add_closer(value.close)

    def _encode(self, chunk: Any) -> bytes:
        if isinstance(chunk, bytes):
            return chunk
        if isinstance(chunk, bytearray | memoryview):
            return bytes(chunk)
        return str(chunk).encode(self.charset)

    async def _aencoded(self, iterator: AsyncIterator[Any]) -> AsyncIterator[bytes]:
        async for chunk in iterator:
            yield self._encode(chunk)

    def __iter__(self) -> Iterator[bytes]:
        if self.is_async:
            raise TypeError(
                "This response streams an async iterator; serve it over ASGI or "
                "iterate it with 'async for'."
            )
        return iter(self.streaming_content)  # type: ignore[arg-type]

    def getvalue(self) -> bytes:
        # iter() first: bytes.join would replace our TypeError with its own.
        return b"".join(iter(self))


class FileResponse(StreamingHttpResponse):
    """Stream an open binary file, setting type, length and disposition headers."""

    block_size = 64 * 1024

    def __init__(
        self,
        file: IO[bytes],
        *args: Any,
        as_attachment: bool = False,
        filename: str = "",
        **kwargs: Any,
    ) -> None:
        self.file_to_stream = file
        self.as_attachment = as_attachment
        self.filename = filename
        headers = kwargs.get("headers") or {}
        explicit_type = (
            bool(args)
            or kwargs.get("content_type") is not None
            or any(key.lower() == "content-type" for key in headers)
        )
        super().__init__(self._blocks(file), *args, **kwargs)
        self.add_closer(file.close)
        self._set_file_headers(file, explicit_type)

    def _blocks(self, file: IO[bytes]) -> Iterator[bytes]:
        while block := file.read(self.block_size):
            yield block

    def _set_file_headers(self, file: IO[bytes], explicit_type: bool) -> None:
        file_name = getattr(file, "name", "")
        name = self.filename or (
            os.path.basename(file_name) if isinstance(file_name, str) else ""
        )
        size = _remaining_size(file)
        if size is not None:
            self.headers["Content-Length"] = str(size)
        if not explicit_type:
            guessed, encoding = mimetypes.guess_type(name)
            if encoding:  # a .gz file is sent as-is, not as the type it wraps
                guessed = _COMPRESSED_TYPES.get(encoding, "application/octet-stream")
            self.headers["Content-Type"] = guessed or "application/octet-stream"
        if name or self.as_attachment:
            self.headers["Content-Disposition"] = _disposition(name, self.as_attachment)


def _remaining_size(file: IO[bytes]) -> int | None:
    """Return how many bytes are left to read, or None when that is unknown."""
    try:
        return max(os.fstat(file.fileno()).st_size - file.tell(), 0)
    except (AttributeError, OSError, ValueError):
        pass
    try:
        if not file.seekable():
            return None
        start = file.tell()
        end = file.seek(0, os.SEEK_END)
        file.seek(start)
        return max(end - start, 0)
    except (AttributeError, OSError, ValueError):
        return None


def _disposition(name: str, attachment: bool) -> str:
    kind = "attachment" if attachment else "inline"
    if not name:
        return kind
    if name.isascii() and name.isprintable():
        escaped = name.replace("\\", "\\\\").replace('"', r"\"")
        return f'{kind}; filename="{escaped}"'
    return f"{kind}; filename*=utf-8''{quote(name, safe='')}"


class HttpResponseRedirectBase(HttpResponse):
    """A redirect; only http, https, ftp and relative targets are allowed."""

    allowed_schemes = ("http", "https", "ftp")

    def __init__(self, redirect_to: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        target = str(redirect_to)
        try:
            scheme = urlsplit(target).scheme
        except ValueError as exc:  # e.g. an unclosed "[" in an IPv6 host
            raise DisallowedRedirect(
                f"Invalid redirect URL {target!r}: {exc}"
            ) from None
        if scheme and scheme not in self.allowed_schemes:
            raise DisallowedRedirect(
                f"Unsafe redirect to URL with protocol {scheme!r}."
            )
        self.headers["Location"] = quote(target, safe="/#%[]=:;$&()+,!?*@'~")

    @property
    def url(self) -> str:
        return self.headers["Location"]


class HttpResponseRedirect(HttpResponseRedirectBase):
    status_code = 302


class HttpResponsePermanentRedirect(HttpResponseRedirectBase):
    status_code = 301


class HttpResponseNotModified(HttpResponse):
    status_code = 304

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.headers["Content-Type"]


class HttpResponseBadRequest(HttpResponse):
    status_code = 400


class HttpResponseNotFound(HttpResponse):
    status_code = 404


class HttpResponseForbidden(HttpResponse):
    status_code = 403


class HttpResponseNotAllowed(HttpResponse):
    """405, with the ``Allow`` header listing what the resource accepts."""

    status_code = 405

    def __init__(
        self, permitted_methods: Iterable[str], *args: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.headers["Allow"] = ", ".join(permitted_methods)


class HttpResponseGone(HttpResponse):
    status_code = 410


class HttpResponseServerError(HttpResponse):
    status_code = 500


class JsonResponse(HttpResponse):
    """Serialise ``data`` to JSON; non-dicts need ``safe=False`` on purpose."""

    def __init__(
        self,
        data: Any,
        encoder: type[json.JSONEncoder] = JSONEncoder,
        safe: bool = True,
        json_dumps_params: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        if safe and not isinstance(data, dict):
            raise TypeError(
                "In order to allow non-dict objects to be serialized set the "
                "safe parameter to False."
            )
        kwargs.setdefault("content_type", "application/json")
        if encoder is JSONEncoder and not json_dumps_params:
            text = _ENCODER.encode(data)  # one shared encoder: no per-call set-up
        else:
            text = json.dumps(data, cls=encoder, **(json_dumps_params or {}))
        super().__init__(text.encode(), **kwargs)
