"""``HttpRequest``: what a view receives, the same object under WSGI and ASGI.

The server-specific subclasses (in ``framework.core.handlers``) only say where
the method, path, headers and body come from; everything users touch —
``GET``, ``POST``, ``COOKIES``, ``headers``, ``body`` — is parsed lazily here,
on first access, so a view that never reads a cookie never pays for parsing it.
"""

from __future__ import annotations

import codecs
import io
import json
from functools import cached_property
from typing import IO, Any
from urllib.parse import quote, urljoin, urlsplit

from framework.core.exceptions import BadRequest, RequestDataTooBig
from framework.http.cookies import parse_cookie, wsgi_bytes
from framework.http.datastructures import HttpHeaders, MultiValueDict, QueryDict
from framework.http.hosts import RequestConfig, split_host_port
from framework.http.multipart import MultiPartLimits, MultiPartParser

__all__ = ["HttpRequest", "RawPostDataException"]


class RawPostDataException(Exception):
    """``body`` was read after ``POST`` consumed a multipart stream."""


class HttpRequest:
    """An HTTP request. Build it with a handler or ``RequestFactory``."""

    method: str | None = None
    resolver_match: Any = None
    urlconf: str | None = None
    # Set by the server faces when the path's bytes are not UTF-8; the handler
    # answers such requests with 400 before any view runs.
    _path_error = False

    def __init__(self, config: RequestConfig | None = None) -> None:
        self.config = config or RequestConfig()
        self.path = ""
        self.path_info = ""
        self.script_name = ""
        self.META: dict[str, Any] = {}
        self._query_string: str | bytes = b""
        self._stream: IO[bytes] = io.BytesIO()
        self._body: bytes | None = None
        self._read_started = False

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self.method} {self.get_full_path()!r}>"

    # -- parsed on first access ------------------------------------------------

    @cached_property
    def GET(self) -> QueryDict:  # noqa: N802 - Django's public name
        raw = self._query_string
        return QueryDict(
            raw if isinstance(raw, bytes) else wsgi_bytes(raw),
            encoding=self.config.encoding,
            max_num_fields=self.config.max_fields,
        )

    @cached_property
    def COOKIES(self) -> dict[str, str]:  # noqa: N802
        return parse_cookie(self.META.get("HTTP_COOKIE", ""))

    @cached_property
    def headers(self) -> HttpHeaders:
        return HttpHeaders(self.META)

    @property
    def POST(self) -> QueryDict:  # noqa: N802
        if "_post" not in self.__dict__:
            self._load_post_and_files()
        post: QueryDict = self.__dict__["_post"]
        return post

    @POST.setter
    def POST(self, value: QueryDict) -> None:  # noqa: N802
        self.__dict__["_post"] = value

    @property
    def FILES(self) -> MultiValueDict:  # noqa: N802
        if "_files" not in self.__dict__:
            self._load_post_and_files()
        files: MultiValueDict = self.__dict__["_files"]
        return files

    @cached_property
    def _content_type_params(self) -> tuple[str, dict[str, str]]:
        return _parse_content_type(self.META.get("CONTENT_TYPE", ""))

    @property
    def content_type(self) -> str:
        """The media type of the body, lower case, without parameters."""
        return self._content_type_params[0]

    @property
    def content_params(self) -> dict[str, str]:
        return self._content_type_params[1]

    @property
    def encoding(self) -> str:
        """The body's charset: the Content-Type one if Python knows it."""
        charset = self.content_params.get("charset")
        if charset:
            try:
                codecs.lookup(charset)
            except LookupError:
                return self.config.encoding  # an unknown charset is ignored
            return charset
        return self.config.encoding

    # -- body --------------------------------------------------------------------

    def _content_length(self) -> int | None:
        raw = self.META.get("CONTENT_LENGTH")
        if not raw:
            return None
        try:
            length = int(raw)
        except ValueError:
            raise BadRequest(f"Invalid Content-Length header: {raw!r}.") from None
        if length < 0:
            raise BadRequest("Content-Length must not be negative.")
        return length

    @property
    def body(self) -> bytes:
        """The raw body, read at most once and capped by DATA_UPLOAD_MAX_MEMORY_SIZE."""
        if self._body is None:
            if self._read_started:
                raise RawPostDataException(
                    "You cannot access body after reading the request stream "
                    "(request.read() or POST on a multipart request); read "
                    "request.body first if you need both."
                )
            limit = self.config.max_memory_size
            length = self._content_length()
            if limit is not None and length is not None and length > limit:
                raise _too_big()
            self._read_started = True
            data = (
                self._stream.read() if limit is None else self._stream.read(limit + 1)
            )
            if limit is not None and len(data) > limit:
                raise _too_big()
            self._body = data
            self._stream = io.BytesIO(data)
        return self._body

    @body.setter
    def body(self, value: bytes) -> None:
        self._body = value
        self._stream = io.BytesIO(value)

    def read(self, size: int = -1) -> bytes:
        """Read the body as a stream (for large uploads handled by the view)."""
        self._read_started = True
        return self._stream.read(size)

    def readline(self, size: int = -1) -> bytes:
        self._read_started = True
        return self._stream.readline(size)

    def _load_post_and_files(self) -> None:
        empty = QueryDict(encoding=self.config.encoding), MultiValueDict()
        try:
            post, files = self._parse_post_and_files() or empty
        except Exception:
            # Error handlers may read POST again: let them see it empty rather
            # than re-parse a half-consumed stream and raise something else.
            self.__dict__["_post"], self.__dict__["_files"] = empty
            raise
        self.__dict__["_post"] = post
        self.__dict__["_files"] = files

    def _parse_post_and_files(self) -> tuple[QueryDict, MultiValueDict] | None:
        if self.method != "POST":
            return None
        content_type = self.content_type
        if content_type == "multipart/form-data":
            if self._content_length() == 0:
                return None
            return self._parse_multipart()
        if content_type == "application/x-www-form-urlencoded":
            post = QueryDict(
                self.body, encoding=self.encoding, max_num_fields=self.config.max_fields
            )
            return post, MultiValueDict()
        return None

    def _parse_multipart(self) -> tuple[QueryDict, MultiValueDict]:
        stream: IO[bytes] = self._stream
        if self._body is not None:
            stream = io.BytesIO(self._body)
        else:
            self._read_started = True
        config = self.config
        limits = MultiPartLimits(
            max_memory_size=config.max_memory_size,
            max_fields=config.max_fields,
            max_files=config.max_files,
            file_memory_size=config.file_memory_size,
            temp_dir=config.temp_dir,
        )
        boundary = self.content_params.get("boundary", "")
        return MultiPartParser(stream, boundary, limits, self.encoding).parse()

    def json(self) -> Any:
        """Decode the body as JSON; malformed or too deeply nested JSON is a 400."""
        try:
            return json.loads(self.body)
        except (ValueError, RecursionError) as exc:
            raise BadRequest(f"The request body is not valid JSON: {exc}.") from None

    # -- URL and host ------------------------------------------------------------

    @property
    def query_string(self) -> str:
        raw = self._query_string
        return raw.decode("latin-1") if isinstance(raw, bytes) else raw

    def get_full_path(self, force_append_slash: bool = False) -> str:
        """Return the path plus the query string, percent-encoded as in a URL."""
        return self._full(self.path, force_append_slash)

    def get_full_path_info(self, force_append_slash: bool = False) -> str:
        """Like ``get_full_path()`` but without the script prefix."""
        return self._full(self.path_info, force_append_slash)

    def _full(self, path: str, force_append_slash: bool) -> str:
        path = quote(path, safe=_PATH_SAFE)
        if force_append_slash and not path.endswith("/"):
            path += "/"
        raw = self._query_string
        if not raw:
            return path
        # Keep the client's escapes; encode raw non-ASCII bytes it did not escape.
        query = quote(
            raw if isinstance(raw, bytes) else wsgi_bytes(raw), safe=_URI_SAFE
        )
        return f"{path}?{query}"

    @property
    def scheme(self) -> str:
        header = self.config.secure_proxy_ssl_header
        if header is not None:
            name, secure_value = header
            value = self.META.get(name)
            if value is not None:
                first = str(value).split(",", 1)[0].strip()
                return "https" if first == secure_value else "http"
        return self._get_scheme()

    def _get_scheme(self) -> str:
        return "http"

    def is_secure(self) -> bool:
        return self.scheme == "https"

    def _get_raw_host(self) -> str:
        meta = self.META
        if self.config.use_x_forwarded_host and "HTTP_X_FORWARDED_HOST" in meta:
            return str(meta["HTTP_X_FORWARDED_HOST"]).split(",")[-1].strip()
        if "HTTP_HOST" in meta:
            return str(meta["HTTP_HOST"])
        server = str(meta.get("SERVER_NAME", ""))
        port = str(meta.get("SERVER_PORT", ""))
        default = "443" if self.is_secure() else "80"
        return server if port in ("", default) else f"{server}:{port}"

    def get_host(self) -> str:
        """Return the validated host (and port); raise DisallowedHost otherwise."""
        cached = self.__dict__.get("_validated_host")
        if cached is None:
            cached = self.config.hosts.validate(self._get_raw_host())
            self.__dict__["_validated_host"] = cached
        return cached

    def get_port(self) -> str:
        if self.config.use_x_forwarded_port and "HTTP_X_FORWARDED_PORT" in self.META:
            return str(self.META["HTTP_X_FORWARDED_PORT"])
        return str(self.META.get("SERVER_PORT", ""))

    def build_absolute_uri(self, location: str | None = None) -> str:
        """Turn ``location`` (default: this request's URL) into an absolute URL.

        A location with a scheme is returned as given, and a scheme-relative
        one (``//host/path``) gets this request's scheme: the caller named that
        host. The request's own path never names a host, even when it starts
        with ``//``, so ``build_absolute_uri()`` always stays on this host.
        """
        origin = f"{self.scheme}://{self.get_host()}"
        if location is None:
            full = self.get_full_path()
            return origin + (full if full.startswith("/") else f"/{full}")
        location = quote(str(location), safe=_URI_SAFE)
        bits = urlsplit(location)
        if bits.scheme:
            return location
        if bits.netloc or location.startswith("//"):
            return f"{self.scheme}:{location}"
        return urljoin(origin + quote(self.path, safe=_PATH_SAFE), location)

    def accepts(self, media_type: str) -> bool:
        """Say whether the Accept header admits ``media_type`` (no Accept: yes).

        Entries with ``q=0`` mean "not this", as RFC 9110 says.
        """
        accept = self.META.get("HTTP_ACCEPT", "*/*") or "*/*"
        wanted = media_type.split(";")[0].strip().lower()
        main = wanted.split("/")[0]
        for item in str(accept).split(","):
            token, params = _parse_content_type(item)
            if token in ("*/*", wanted, f"{main}/*") and not _is_zero(params.get("q")):
                return True
        return False

    # split_host_port is part of the request API in Django's spirit.
    split_host_port = staticmethod(split_host_port)


# What may stay unescaped in a path and in a whole URL (RFC 3986 reserved and
# unreserved characters, plus "%" so existing escapes survive).
_PATH_SAFE = "/:@&+$,-_.!~*'()"
_URI_SAFE = "/#%[]=:;$&()+,!?*@'~"


def _is_zero(q: str | None) -> bool:
    try:
        return q is not None and float(q) == 0
    except ValueError:
        return False


def _too_big() -> RequestDataTooBig:
    return RequestDataTooBig(
        "The request body exceeds DATA_UPLOAD_MAX_MEMORY_SIZE; raise that setting "
        "(or set it to None) if such bodies are expected."
    )


def _parse_content_type(value: str) -> tuple[str, dict[str, str]]:
    media, _, rest = value.partition(";")
    params: dict[str, str] = {}
    for item in rest.split(";"):
        key, sep, val = item.partition("=")
        if sep:
            params[key.strip().lower()] = val.strip().strip('"')
    return media.strip().lower(), params
