"""Tests for framework/http/request.py, through the WSGI and ASGI request classes."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from framework.core.exceptions import (
    BadRequest,
    DisallowedHost,
    RequestDataTooBig,
    TooManyFieldsSent,
)
from framework.core.files.uploadedfile import InMemoryUploadedFile
from framework.core.handlers.asgi import ASGIRequest
from framework.core.handlers.wsgi import WSGIRequest
from framework.http import HttpRequest, MultiPartParserError, RawPostDataException
from framework.http.hosts import HostValidator, RequestConfig

BOUNDARY = "xYzBoundary"


def config(**kwargs: Any) -> RequestConfig:
    kwargs.setdefault("hosts", HostValidator(["testserver", ".example.com"], False))
    return RequestConfig(**kwargs)


def environ(
    path: str = "/",
    method: str = "GET",
    query: str = "",
    body: bytes = b"",
    content_type: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    env: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
    }
    if body:
        env["CONTENT_LENGTH"] = str(len(body))
    if content_type is not None:
        env["CONTENT_TYPE"] = content_type
    env.update(extra)
    return env


def wsgi(conf: RequestConfig | None = None, /, **kwargs: Any) -> WSGIRequest:
    return WSGIRequest(environ(**kwargs), conf or config())


def multipart(*parts: tuple[str, str | bytes, str | None]) -> bytes:
    """Build a body from ``(name, content, filename)`` triples."""
    out = []
    for name, content, filename in parts:
        disposition = f'form-data; name="{name}"'
        if filename is not None:
            disposition += f'; filename="{filename}"'
        data = content.encode() if isinstance(content, str) else content
        out.append(
            f"--{BOUNDARY}\r\nContent-Disposition: {disposition}\r\n".encode()
            + (b"Content-Type: text/plain\r\n" if filename is not None else b"")
            + b"\r\n"
            + data
            + b"\r\n"
        )
    return b"".join(out) + f"--{BOUNDARY}--\r\n".encode()


MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"


# -- path ---------------------------------------------------------------------------


def test_path_is_decoded_from_latin1_utf8() -> None:
    raw = "/café/".encode().decode("latin-1")
    request = wsgi(path=raw)
    assert request.path == request.path_info == "/café/"
    assert request._path_error is False


def test_non_utf8_path_sets_path_error() -> None:
    request = wsgi(path="/\xff/")
    assert request._path_error is True


def test_script_name_prefixes_path() -> None:
    request = wsgi(path="/x/", SCRIPT_NAME="/app")
    assert request.script_name == "/app"
    assert request.path_info == "/x/"
    assert request.path == "/app/x/"


def test_empty_path_info_is_root() -> None:
    assert wsgi(path="").path == "/"


def test_method_is_upper_case() -> None:
    assert wsgi(method="post").method == "POST"


def test_repr() -> None:
    assert repr(wsgi(path="/a b", query="x=1")) == "<WSGIRequest: GET '/a%20b?x=1'>"


# -- GET, COOKIES, headers ----------------------------------------------------------


def test_get_parses_query_string() -> None:
    request = wsgi(query="a=1&a=2&name=" + "José".encode().decode("latin-1"))
    assert request.GET.getlist("a") == ["1", "2"]
    assert request.GET["name"] == "José"
    with pytest.raises(AttributeError):
        request.GET["a"] = "x"


def test_get_invalid_utf8_is_bad_request() -> None:
    with pytest.raises(BadRequest):
        _ = wsgi(query="a=%FF").GET


def test_get_respects_max_fields() -> None:
    request = wsgi(config(max_fields=2), query="a=1&b=2&c=3")
    with pytest.raises(TooManyFieldsSent):
        _ = request.GET


def test_cookies() -> None:
    request = wsgi(HTTP_COOKIE="a=1; b=2; a=3")
    assert request.COOKIES == {"a": "1", "b": "2"}
    assert wsgi().COOKIES == {}


def test_headers_are_case_insensitive_and_include_content_headers() -> None:
    request = wsgi(
        method="POST",
        body=b"x=1",
        content_type="application/x-www-form-urlencoded",
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    headers = request.headers
    assert (
        headers["x-requested-with"] == headers["X-Requested-With"] == "XMLHttpRequest"
    )
    assert headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert headers["content-length"] == "3"
    assert "wsgi.input" not in headers
    assert "Server-Name" not in headers


def test_content_type_and_params() -> None:
    request = wsgi(content_type='Text/HTML; Charset="latin-1"; foo=bar')
    assert request.content_type == "text/html"
    assert request.content_params == {"charset": "latin-1", "foo": "bar"}
    assert request.encoding == "latin-1"


def test_unknown_charset_falls_back_to_default() -> None:
    request = wsgi(content_type="text/plain; charset=bogus-charset")
    assert request.encoding == "utf-8"


# -- body ---------------------------------------------------------------------------


def test_body_is_read_once_and_cached() -> None:
    request = wsgi(method="POST", body=b"hello")
    assert request.body == b"hello"
    assert request.body == b"hello"
    assert request.read() == b"hello"


def test_body_stops_at_content_length() -> None:
    env = environ(method="POST", body=b"hello world")
    env["CONTENT_LENGTH"] = "5"
    assert WSGIRequest(env, config()).body == b"hello"


def test_missing_content_length_reads_nothing_under_wsgi() -> None:
    env = environ(method="POST", body=b"unannounced")
    del env["CONTENT_LENGTH"]
    assert WSGIRequest(env, config()).body == b""


def test_content_length_over_limit_is_refused_before_reading() -> None:
    class Exploding(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            raise AssertionError("the body must not be read")

    env = environ(method="POST", body=b"x" * 11)
    env["wsgi.input"] = Exploding()
    with pytest.raises(RequestDataTooBig, match="DATA_UPLOAD_MAX_MEMORY_SIZE"):
        _ = WSGIRequest(env, config(max_memory_size=10)).body


def test_lying_content_length_cannot_read_past_limit() -> None:
    env = environ(method="POST", body=b"x" * 100)
    env["CONTENT_LENGTH"] = "100"
    request = WSGIRequest(env, config(max_memory_size=200))
    assert len(request.body) == 100
    # A stream with more data than announced, and no announcement at all.
    bare = HttpRequest(config(max_memory_size=10))
    bare.method = "POST"
    bare._stream = io.BytesIO(b"y" * 1000)
    with pytest.raises(RequestDataTooBig):
        _ = bare.body
    lying = HttpRequest(config(max_memory_size=10))
    lying.META["CONTENT_LENGTH"] = "5"
    lying._stream = io.BytesIO(b"y" * 1000)
    with pytest.raises(RequestDataTooBig):
        _ = lying.body


def test_body_exactly_at_limit_is_fine() -> None:
    assert (
        wsgi(config(max_memory_size=5), method="POST", body=b"12345").body == b"12345"
    )


def test_no_limit() -> None:
    request = wsgi(config(max_memory_size=None), method="POST", body=b"z" * 5000)
    assert len(request.body) == 5000


@pytest.mark.parametrize("length", ["abc", "-1", "1.5"])
def test_invalid_content_length_is_bad_request(length: str) -> None:
    request = wsgi(method="POST", body=b"abc", CONTENT_LENGTH=length)
    with pytest.raises(BadRequest, match="Content-Length"):
        _ = request.body


def test_body_setter() -> None:
    request = wsgi()
    request.body = b"replaced"
    assert request.body == b"replaced"
    assert request.read(3) == b"rep"


def test_body_after_read_raises() -> None:
    request = wsgi(method="POST", body=b"streamed")
    assert request.read(3) == b"str"
    with pytest.raises(RawPostDataException, match=r"request\.body first"):
        _ = request.body


def test_readline() -> None:
    request = wsgi(method="POST", body=b"one\ntwo\n")
    assert request.readline() == b"one\n"
    assert request.read() == b"two\n"


# -- POST and FILES -----------------------------------------------------------------


def post(body: bytes, content_type: str, **kwargs: Any) -> WSGIRequest:
    conf = kwargs.pop("conf", None)
    return wsgi(conf, method="POST", body=body, content_type=content_type, **kwargs)


def test_post_urlencoded() -> None:
    request = post(b"a=1&a=2&b=x+y", "application/x-www-form-urlencoded")
    assert request.POST.getlist("a") == ["1", "2"]
    assert request.POST["b"] == "x y"
    assert len(request.FILES) == 0
    assert request.body == b"a=1&a=2&b=x+y"


def test_post_urlencoded_with_charset() -> None:
    request = post(b"name=%E9", "application/x-www-form-urlencoded; charset=latin-1")
    assert request.POST["name"] == "é"


def test_post_urlencoded_invalid_is_bad_request() -> None:
    with pytest.raises(BadRequest):
        _ = post(b"a=%FF", "application/x-www-form-urlencoded").POST


def test_post_urlencoded_max_fields() -> None:
    request = post(
        b"a=1&b=2", "application/x-www-form-urlencoded", conf=config(max_fields=1)
    )
    with pytest.raises(TooManyFieldsSent):
        _ = request.POST


def test_post_urlencoded_too_big() -> None:
    request = post(
        b"a=" + b"x" * 50,
        "application/x-www-form-urlencoded",
        conf=config(max_memory_size=10),
    )
    with pytest.raises(RequestDataTooBig):
        _ = request.POST


def test_post_is_empty_for_other_methods_and_types() -> None:
    put = wsgi(
        method="PUT", body=b"a=1", content_type="application/x-www-form-urlencoded"
    )
    assert len(put.POST) == 0
    assert put.body == b"a=1"
    as_json = post(b'{"a": 1}', "application/json")
    assert len(as_json.POST) == 0
    assert as_json.json() == {"a": 1}


def test_post_multipart_fields_and_files() -> None:
    body = multipart(
        ("title", "Hello", None),
        ("tags", "a", None),
        ("tags", "b", None),
        ("doc", b"file\r\ncontent", "notes.txt"),
    )
    request = post(body, MULTIPART)
    assert request.POST["title"] == "Hello"
    assert request.POST.getlist("tags") == ["a", "b"]
    upload = request.FILES["doc"]
    assert isinstance(upload, InMemoryUploadedFile)
    assert upload.name == "notes.txt"
    assert upload.content_type == "text/plain"
    assert upload.read() == b"file\r\ncontent"
    with pytest.raises(AttributeError):
        request.POST["title"] = "changed"


def test_body_after_multipart_stream_raises() -> None:
    request = post(multipart(("a", "1", None)), MULTIPART)
    assert request.POST["a"] == "1"
    with pytest.raises(RawPostDataException):
        _ = request.body


def test_body_then_multipart_both_work() -> None:
    body = multipart(("a", "1", None))
    request = post(body, MULTIPART)
    assert request.body == body
    assert request.POST["a"] == "1"


def test_multipart_with_zero_length_is_empty() -> None:
    request = post(b"", MULTIPART, CONTENT_LENGTH="0")
    assert len(request.POST) == 0
    assert len(request.FILES) == 0


def test_multipart_error_leaves_post_empty_for_error_handlers() -> None:
    request = post(b"--" + BOUNDARY.encode() + b"\r\ngarbage", MULTIPART)
    with pytest.raises(MultiPartParserError):
        _ = request.POST
    assert len(request.POST) == 0
    assert len(request.FILES) == 0


def test_multipart_without_boundary_is_bad_request() -> None:
    with pytest.raises(BadRequest):
        _ = post(multipart(("a", "1", None)), "multipart/form-data").POST


def test_post_setter() -> None:
    request = wsgi()
    from_elsewhere = request.GET.copy()
    request.POST = from_elsewhere
    assert request.POST is from_elsewhere


# -- json ---------------------------------------------------------------------------


def test_json() -> None:
    assert post(b'{"a": [1, 2]}', "application/json").json() == {"a": [1, 2]}


@pytest.mark.parametrize("body", [b"{bad", b"", b'{"a": "\xff"}', b"[" * 100000])
def test_bad_json_is_bad_request(body: bytes) -> None:
    request = post(body, "application/json", conf=config(max_memory_size=None))
    with pytest.raises(BadRequest, match="not valid JSON"):
        request.json()


def test_deeply_nested_closed_json_is_bad_request() -> None:
    body = b"[" * 100000 + b"]" * 100000
    request = post(body, "application/json", conf=config(max_memory_size=None))
    with pytest.raises(BadRequest):
        request.json()


def test_json_too_big() -> None:
    request = post(
        b'{"a": "' + b"x" * 100 + b'"}',
        "application/json",
        conf=config(max_memory_size=50),
    )
    with pytest.raises(RequestDataTooBig):
        request.json()


# -- host, port, scheme ---------------------------------------------------------------


def test_get_host_from_host_header() -> None:
    assert wsgi(HTTP_HOST="www.example.com:8000").get_host() == "www.example.com:8000"


def test_get_host_disallowed() -> None:
    with pytest.raises(DisallowedHost, match="ALLOWED_HOSTS"):
        wsgi(HTTP_HOST="evil.org").get_host()


def test_get_host_falls_back_to_server_name() -> None:
    env = environ(SERVER_NAME="testserver", SERVER_PORT="8080")
    del env["HTTP_HOST"]
    assert WSGIRequest(env, config()).get_host() == "testserver:8080"
    env.update(SERVER_PORT="443", **{"wsgi.url_scheme": "https"})
    assert WSGIRequest(env, config()).get_host() == "testserver"


def test_x_forwarded_host_ignored_unless_enabled() -> None:
    request = wsgi(HTTP_X_FORWARDED_HOST="www.example.com")
    assert request.get_host() == "testserver"


def test_x_forwarded_host_used_when_enabled() -> None:
    conf = config(use_x_forwarded_host=True)
    request = wsgi(conf, HTTP_X_FORWARDED_HOST="evil.org, www.example.com")
    assert request.get_host() == "www.example.com"
    with pytest.raises(DisallowedHost):
        wsgi(conf, HTTP_X_FORWARDED_HOST="evil.org").get_host()


def test_get_port() -> None:
    assert wsgi(SERVER_PORT="8000").get_port() == "8000"
    assert wsgi(SERVER_PORT="8000", HTTP_X_FORWARDED_PORT="443").get_port() == "8000"
    conf = config(use_x_forwarded_port=True)
    assert (
        wsgi(conf, SERVER_PORT="8000", HTTP_X_FORWARDED_PORT="443").get_port() == "443"
    )


def test_scheme_from_environ() -> None:
    assert wsgi().scheme == "http"
    assert not wsgi().is_secure()
    assert wsgi(**{"wsgi.url_scheme": "https"}).is_secure()


def test_secure_proxy_ssl_header() -> None:
    conf = config(secure_proxy_ssl_header=("HTTP_X_FORWARDED_PROTO", "https"))
    assert wsgi(conf, HTTP_X_FORWARDED_PROTO="https").is_secure()
    assert wsgi(conf, HTTP_X_FORWARDED_PROTO="https, http").is_secure()
    assert not wsgi(conf, HTTP_X_FORWARDED_PROTO="http").is_secure()
    forged_by_client = wsgi(
        conf, HTTP_X_FORWARDED_PROTO="http", **{"wsgi.url_scheme": "https"}
    )
    assert not forged_by_client.is_secure()
    assert wsgi(conf, **{"wsgi.url_scheme": "https"}).is_secure()


def test_proxy_header_ignored_without_setting() -> None:
    assert not wsgi(HTTP_X_FORWARDED_PROTO="https").is_secure()


# -- URLs ---------------------------------------------------------------------------


def test_get_full_path_quotes_path_and_keeps_query() -> None:
    request = wsgi(path="/a b/ü%/".encode().decode("latin-1"), query="q=a%20b&x=1")
    assert request.get_full_path() == "/a%20b/%C3%BC%25/?q=a%20b&x=1"
    assert (
        request.get_full_path(force_append_slash=True)
        == "/a%20b/%C3%BC%25/?q=a%20b&x=1"
    )


def test_get_full_path_force_append_slash() -> None:
    assert wsgi(path="/a").get_full_path(force_append_slash=True) == "/a/"
    assert wsgi(path="/a", query="b=1").get_full_path(True) == "/a/?b=1"


def test_get_full_path_encodes_raw_query_bytes() -> None:
    raw = "q=café &x".encode().decode("latin-1")
    assert wsgi(query=raw).get_full_path() == "/?q=caf%C3%A9%20&x"


def test_get_full_path_info_drops_script_name() -> None:
    request = wsgi(path="/x", SCRIPT_NAME="/app", query="a=1")
    assert request.get_full_path() == "/app/x?a=1"
    assert request.get_full_path_info() == "/x?a=1"


def test_build_absolute_uri_for_current_request() -> None:
    request = wsgi(path="/a b/", query="x=1")
    assert request.build_absolute_uri() == "http://testserver/a%20b/?x=1"


def test_build_absolute_uri_of_double_slash_path_stays_on_host() -> None:
    request = wsgi(path="//evil.example/x")
    assert request.build_absolute_uri() == "http://testserver//evil.example/x"
    assert request.build_absolute_uri("y").startswith("http://testserver/")


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("/other/", "http://testserver/other/"),
        ("sibling", "http://testserver/dir/sibling"),
        ("../up", "http://testserver/up"),
        ("?q=1", "http://testserver/dir/page?q=1"),
        ("#frag", "http://testserver/dir/page#frag"),
        ("https://example.org/x", "https://example.org/x"),
        ("//other.example/x", "http://other.example/x"),
        ("/café/a b", "http://testserver/caf%C3%A9/a%20b"),
        ("/\\evil.example", "http://testserver/%5Cevil.example"),
    ],
)
def test_build_absolute_uri_with_location(location: str, expected: str) -> None:
    assert wsgi(path="/dir/page").build_absolute_uri(location) == expected


def test_build_absolute_uri_uses_secure_scheme_and_host() -> None:
    request = wsgi(HTTP_HOST="www.example.com", **{"wsgi.url_scheme": "https"})
    assert request.build_absolute_uri("/x") == "https://www.example.com/x"
    assert (
        request.build_absolute_uri("//cdn.example.com/a") == "https://cdn.example.com/a"
    )


def test_build_absolute_uri_validates_host() -> None:
    with pytest.raises(DisallowedHost):
        wsgi(HTTP_HOST="evil.org").build_absolute_uri("/x")


@pytest.mark.parametrize(
    ("accept", "media_type", "expected"),
    [
        (None, "text/html", True),
        ("", "application/json", True),
        ("text/html", "text/html", True),
        ("text/html", "application/json", False),
        ("text/*", "text/plain", True),
        ("*/*", "image/png", True),
        ("application/json; q=0.5, text/html", "application/json", True),
        ("Text/HTML", "text/html", True),
        ("text/html", "TEXT/HTML", True),
        ("text/html;q=0, */*", "text/html", True),
        ("text/html;q=0", "text/html", False),
        ("text/html;q=0.0", "text/html", False),
        ("text/html;q=abc", "text/html", True),
    ],
)
def test_accepts(accept: str | None, media_type: str, expected: bool) -> None:
    extra = {} if accept is None else {"HTTP_ACCEPT": accept}
    assert wsgi(**extra).accepts(media_type) is expected


# -- ASGI request -------------------------------------------------------------------


def scope(**kwargs: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "type": "http",
        "method": "GET",
        "path": "/",
        "raw_path": b"/",
        "root_path": "",
        "query_string": b"",
        "scheme": "http",
        "http_version": "1.1",
        "server": ("testserver", 80),
        "client": ("10.0.0.1", 5000),
        "headers": [(b"host", b"testserver")],
    }
    base.update(kwargs)
    return base


def asgi(
    body: bytes = b"", conf: RequestConfig | None = None, **kwargs: Any
) -> ASGIRequest:
    return ASGIRequest(scope(**kwargs), io.BytesIO(body), conf or config())


def test_asgi_meta_from_scope() -> None:
    request = asgi(
        method="post",
        query_string=b"a=1",
        headers=[
            (b"host", b"testserver"),
            (b"content-type", b"text/plain"),
            (b"content-length", b"0"),
            (b"x-multi", b"1"),
            (b"x-multi", b"2"),
            (b"cookie", b"a=1"),
            (b"cookie", b"b=2"),
        ],
    )
    meta = request.META
    assert meta["REQUEST_METHOD"] == "POST"
    assert meta["QUERY_STRING"] == "a=1"
    assert meta["SERVER_NAME"] == "testserver"
    assert meta["SERVER_PORT"] == "80"
    assert meta["REMOTE_ADDR"] == "10.0.0.1"
    assert meta["CONTENT_TYPE"] == "text/plain"
    assert meta["CONTENT_LENGTH"] == "0"
    assert meta["HTTP_X_MULTI"] == "1,2"
    assert meta["HTTP_COOKIE"] == "a=1; b=2"
    assert request.COOKIES == {"a": "1", "b": "2"}
    assert request.headers["X-Multi"] == "1,2"
    assert request.GET["a"] == "1"


def test_asgi_raw_path_is_percent_decoded() -> None:
    request = asgi(path="/ignored", raw_path=b"/caf%C3%A9/a%20b")
    assert request.path == "/café/a b"
    assert request._path_error is False


def test_asgi_path_without_raw_path() -> None:
    request = asgi(path="/plain/", raw_path=None)
    assert request.path == "/plain/"


@pytest.mark.parametrize("raw", [b"/%FF", b"/\xff"])
def test_asgi_invalid_utf8_path_sets_path_error(raw: bytes) -> None:
    assert asgi(path="/x", raw_path=raw)._path_error is True


def test_asgi_root_path() -> None:
    request = asgi(path="/app/x/", raw_path=b"/app/x/", root_path="/app")
    assert request.script_name == "/app"
    assert request.path_info == "/x/"
    assert request.path == "/app/x/"
    assert request.META["SCRIPT_NAME"] == "/app"


def test_asgi_scheme_and_host() -> None:
    request = asgi(scheme="https", headers=[(b"host", b"www.example.com")])
    assert request.is_secure()
    assert request.get_host() == "www.example.com"
    assert request.build_absolute_uri("/a") == "https://www.example.com/a"


def test_asgi_body_and_post() -> None:
    request = asgi(
        b"a=1&b=2",
        method="POST",
        headers=[
            (b"host", b"testserver"),
            (b"content-type", b"application/x-www-form-urlencoded"),
            (b"content-length", b"7"),
        ],
    )
    assert request.POST.dict() == {"a": "1", "b": "2"}
    assert request.body == b"a=1&b=2"


def test_asgi_body_without_content_length_is_still_limited() -> None:
    request = asgi(b"x" * 100, conf=config(max_memory_size=10), method="POST")
    with pytest.raises(RequestDataTooBig):
        _ = request.body


def test_asgi_multipart() -> None:
    body = multipart(("f", "v", None), ("up", b"data", "a.txt"))
    request = asgi(
        body,
        method="POST",
        headers=[(b"host", b"testserver"), (b"content-type", MULTIPART.encode())],
    )
    assert request.POST["f"] == "v"
    assert request.FILES["up"].read() == b"data"


def test_asgi_json_and_utf8_query() -> None:
    request = asgi(
        json.dumps({"k": "ü"}).encode(), method="POST", query_string="q=ü".encode()
    )
    assert request.json() == {"k": "ü"}
    assert request.GET["q"] == "ü"
