"""Tests for framework/http/response.py."""

from __future__ import annotations

import datetime
import decimal
import gzip
import io
import json
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from framework.core.exceptions import DisallowedRedirect
from framework.core.serializers.json import JSONEncoder
from framework.http import (
    BadHeaderError,
    FileResponse,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseGone,
    HttpResponseNotAllowed,
    HttpResponseNotFound,
    HttpResponseNotModified,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    HttpResponseServerError,
    JsonResponse,
    StreamingHttpResponse,
)

# -- content ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("text", b"text"),
        ("café", "café".encode()),
        (b"raw", b"raw"),
        (bytearray(b"ba"), b"ba"),
        (memoryview(b"mv"), b"mv"),
        (42, b"42"),
        (["a", b"b", 3], b"ab3"),
        ((s for s in ("x", "y")), b"xy"),
        ("", b""),
    ],
)
def test_content_types(content: Any, expected: bytes) -> None:
    assert HttpResponse(content).content == expected


def test_iterable_content_is_consumed_and_closed() -> None:
    closed = []

    class Source:
        def __iter__(self) -> Iterator[str]:
            return iter(["a", "b"])

        def close(self) -> None:
            closed.append(True)

    response = HttpResponse(Source())
    assert closed == [True]
    assert response.content == b"ab"
    assert response.content == b"ab"  # stored, not re-read
    assert list(response) == [b"a", b"b"]


def test_default_content_type() -> None:
    response = HttpResponse()
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response.charset == "utf-8"


def test_charset_from_content_type() -> None:
    response = HttpResponse("é", content_type='text/plain; charset="latin-1"')
    assert response.charset == "latin-1"
    assert response.content == b"\xe9"
    assert response.text == "é"


def test_charset_argument() -> None:
    response = HttpResponse("é", charset="latin-1")
    assert response["Content-Type"] == "text/html; charset=latin-1"
    assert response.content == b"\xe9"


def test_content_type_and_header_together_is_an_error() -> None:
    with pytest.raises(ValueError, match="not both"):
        HttpResponse(content_type="text/plain", headers={"Content-Type": "text/html"})


def test_content_type_from_headers_argument() -> None:
    response = HttpResponse(headers={"content-type": "text/csv", "X-A": "1"})
    assert response["Content-Type"] == "text/csv"
    assert response["x-a"] == "1"


def test_write_tell_getvalue() -> None:
    response = HttpResponse("a")
    response.write("b")
    response.writelines([b"c", "d"])
    assert response.getvalue() == response.content == b"abcd"
    assert response.tell() == 4
    assert response.writable()


def test_content_can_be_replaced() -> None:
    response = HttpResponse("old")
    response.content = ["n", "ew"]
    assert response.content == b"new"


def test_repr() -> None:
    response = HttpResponseNotFound("x", content_type="text/plain")
    assert repr(response) == '<HttpResponseNotFound status_code=404, "text/plain">'


# -- status ------------------------------------------------------------------------


def test_status_and_reason() -> None:
    assert HttpResponse().status_code == 200
    assert HttpResponse(status=201).reason_phrase == "Created"
    assert HttpResponse(status="204").status_code == 204
    assert HttpResponse(status=299).reason_phrase == "Unknown Status Code"
    assert HttpResponse(status=200, reason="Fine").reason_phrase == "Fine"


@pytest.mark.parametrize("status", ["abc", None.__class__, 1.5j])
def test_status_must_be_an_integer(status: Any) -> None:
    with pytest.raises(TypeError, match="integer"):
        HttpResponse(status=status)


@pytest.mark.parametrize("status", [99, 600, -1, 0])
def test_status_range(status: int) -> None:
    with pytest.raises(ValueError, match="100 to 599"):
        HttpResponse(status=status)


def test_reason_phrase_cannot_split_the_status_line() -> None:
    with pytest.raises(BadHeaderError):
        HttpResponse(reason="OK\r\nX-Evil: 1")
    response = HttpResponse()
    with pytest.raises(BadHeaderError):
        response.reason_phrase = "x\ny"


@pytest.mark.parametrize(
    ("cls", "status"),
    [
        (HttpResponseBadRequest, 400),
        (HttpResponseForbidden, 403),
        (HttpResponseNotFound, 404),
        (HttpResponseGone, 410),
        (HttpResponseServerError, 500),
    ],
)
def test_status_subclasses(cls: type[HttpResponse], status: int) -> None:
    assert cls("x").status_code == status


def test_not_modified_has_no_content_type() -> None:
    response = HttpResponseNotModified()
    assert response.status_code == 304
    assert "Content-Type" not in response


def test_not_allowed() -> None:
    response = HttpResponseNotAllowed(["GET", "POST"])
    assert response.status_code == 405
    assert response["Allow"] == "GET, POST"


# -- headers -----------------------------------------------------------------------


def test_dict_style_access() -> None:
    response = HttpResponse()
    response["X-Thing"] = "1"
    assert response["x-thing"] == "1"
    assert "X-THING" in response
    assert response.has_header("x-thing")
    assert response.get("X-Thing") == "1"
    assert response.get("Missing") is None
    assert response.get("Missing", "d") == "d"
    response.setdefault("X-Thing", "2")
    response.setdefault("X-Other", "3")
    assert response["X-Thing"] == "1"
    assert response["X-Other"] == "3"
    del response["x-thing"]
    del response["not-there"]  # no error, as in Django
    assert "X-Thing" not in response
    assert dict(response.items())["X-Other"] == "3"


def test_header_values_are_converted() -> None:
    response = HttpResponse()
    response["X-Int"] = 5
    response["X-Bytes"] = b"caf\xe9"
    assert response["X-Int"] == "5"
    assert response["X-Bytes"] == "café"


@pytest.mark.parametrize("value", ["a\nb", "a\rb", "a\r\nSet-Cookie: x=1", "nul\x00"])
def test_header_value_injection(value: str) -> None:
    response = HttpResponse()
    with pytest.raises(BadHeaderError):
        response["X-Test"] = value
    assert "X-Test" not in response


@pytest.mark.parametrize("name", ["", "Bad Name", "X:Y", "X\r\nY", "Ünïcode", "a(b)"])
def test_bad_header_names(name: str) -> None:
    with pytest.raises(BadHeaderError, match="header name"):
        HttpResponse()[name] = "v"


def test_bad_header_in_constructor() -> None:
    with pytest.raises(BadHeaderError):
        HttpResponse(headers={"X-A": "1\n2"})


def test_serialize_headers() -> None:
    response = HttpResponse(content_type="text/plain")
    response["X-A"] = "1"
    assert response.serialize_headers() == b"Content-Type: text/plain\r\nX-A: 1"


# -- cookies -----------------------------------------------------------------------


def set_cookie_lines(response: HttpResponse) -> list[str]:
    return [value for name, value in response.header_items() if name == "Set-Cookie"]


def test_set_cookie_in_header_items() -> None:
    response = HttpResponse()
    response.set_cookie("session", "abc", max_age=60, secure=True)
    response.set_cookie("pref", "dark", httponly=False, samesite="Strict")
    lines = set_cookie_lines(response)
    assert len(lines) == 2
    session, pref = lines
    assert session.startswith("session=abc;")
    for part in ("HttpOnly", "SameSite=Lax", "Secure", "Max-Age=60", "Path=/"):
        assert part in session
    assert "HttpOnly" not in pref
    assert "SameSite=Strict" in pref
    assert response.cookies["session"].value == "abc"


def test_set_cookie_twice_keeps_the_last() -> None:
    response = HttpResponse()
    response.set_cookie("a", "1")
    response.set_cookie("a", "2")
    assert [line.split(";")[0] for line in set_cookie_lines(response)] == ["a=2"]


def test_set_cookie_bad_name() -> None:
    with pytest.raises(ValueError):
        HttpResponse().set_cookie("bad name", "v")


def test_delete_cookie() -> None:
    response = HttpResponse()
    response.delete_cookie("gone", path="/app", domain="example.com")
    (line,) = set_cookie_lines(response)
    assert line.startswith('gone="";')
    assert "Max-Age=0" in line
    assert "expires=Thu, 01 Jan 1970 00:00:00 GMT" in line
    assert "Path=/app" in line
    assert "Domain=example.com" in line
    assert "Secure" not in line


@pytest.mark.parametrize(
    ("name", "samesite"), [("__Secure-x", None), ("__Host-x", None), ("x", "none")]
)
def test_delete_cookie_keeps_secure_where_browsers_need_it(
    name: str, samesite: str | None
) -> None:
    response = HttpResponse()
    response.delete_cookie(name, samesite=samesite)
    assert "Secure" in set_cookie_lines(response)[0]


# -- JsonResponse ------------------------------------------------------------------


def test_json_response() -> None:
    response = JsonResponse({"a": [1, "é"]})
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == {"a": [1, "é"]}


def test_json_response_safe_flag() -> None:
    with pytest.raises(TypeError, match="safe parameter to False"):
        JsonResponse([1, 2])
    assert json.loads(JsonResponse([1, 2], safe=False).content) == [1, 2]
    assert JsonResponse(None, safe=False).content == b"null"


def test_json_response_encoder_handles_common_types() -> None:
    data = {
        "when": datetime.datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=datetime.UTC),
        "day": datetime.date(2024, 5, 6),
        "price": decimal.Decimal("1.10"),
        "id": uuid.UUID("12345678-1234-5678-1234-567812345678"),
    }
    assert json.loads(JsonResponse(data).content) == {
        "when": "2024-05-06T07:08:09.123Z",
        "day": "2024-05-06",
        "price": "1.10",
        "id": "12345678-1234-5678-1234-567812345678",
    }


def test_json_response_unknown_type_raises() -> None:
    with pytest.raises(TypeError):
        JsonResponse({"x": object()})


def test_json_response_custom_encoder_and_params() -> None:
    class SetEncoder(JSONEncoder):
        def default(self, o: Any) -> Any:
            if isinstance(o, set):
                return sorted(o)
            return super().default(o)

    response = JsonResponse(
        {"s": {2, 1}}, encoder=SetEncoder, json_dumps_params={"separators": (",", ":")}
    )
    assert response.content == b'{"s":[1,2]}'


def test_json_response_status_and_content_type() -> None:
    response = JsonResponse({}, status=201, content_type="application/vnd.api+json")
    assert response.status_code == 201
    assert response["Content-Type"] == "application/vnd.api+json"


# -- redirects ---------------------------------------------------------------------


def test_redirects() -> None:
    temporary = HttpResponseRedirect("/next/")
    permanent = HttpResponsePermanentRedirect("https://example.com/x")
    assert (temporary.status_code, temporary["Location"]) == (302, "/next/")
    assert (permanent.status_code, permanent.url) == (301, "https://example.com/x")


@pytest.mark.parametrize(
    ("target", "location"),
    [
        ("/a b/", "/a%20b/"),
        ("/café/", "/caf%C3%A9/"),
        ("/already%20quoted/?q=a%2Fb", "/already%20quoted/?q=a%2Fb"),
        ("/p?x=1&y=[2]#frag", "/p?x=1&y=[2]#frag"),
        ("ftp://files.example/f", "ftp://files.example/f"),
        ("../relative", "../relative"),
        ("/line\r\nbreak", "/line%0D%0Abreak"),
    ],
)
def test_redirect_location_is_quoted(target: str, location: str) -> None:
    assert HttpResponseRedirect(target)["Location"] == location


@pytest.mark.parametrize(
    "target",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:x",
        "http://[::1",
    ],
)
def test_unsafe_redirects(target: str) -> None:
    with pytest.raises(DisallowedRedirect):
        HttpResponseRedirect(target)


# -- streaming -----------------------------------------------------------------------


def test_streaming_sync() -> None:
    response = StreamingHttpResponse(iter(["a", b"b", 3]))
    assert response.streaming
    assert not response.is_async
    assert response.getvalue() == b"ab3"


def test_streaming_content_attribute_raises() -> None:
    response = StreamingHttpResponse(["a"])
    with pytest.raises(AttributeError, match="streaming_content"):
        _ = response.content


def test_streaming_string_is_one_chunk() -> None:
    assert list(StreamingHttpResponse(b"abc")) == [b"abc"]
    assert list(StreamingHttpResponse("é", charset="latin-1")) == [b"\xe9"]


def test_streaming_charset() -> None:
    response = StreamingHttpResponse(["é"], content_type="text/plain; charset=latin-1")
    assert list(response) == [b"\xe9"]


def test_streaming_closes_the_source_once() -> None:
    closed: list[int] = []

    def gen() -> Iterator[bytes]:
        try:
            yield b"a"
            yield b"b"
        finally:
            closed.append(1)

    source = gen()
    response = StreamingHttpResponse(source)
    assert next(iter(response)) == b"a"
    response.close()
    response.close()
    assert closed == [1]


async def agen(*chunks: Any) -> AsyncIterator[Any]:
    for chunk in chunks:
        yield chunk


def test_async_streaming_in_sync_code_raises_clearly() -> None:
    response = StreamingHttpResponse(agen(b"a"))
    assert response.is_async
    with pytest.raises(TypeError, match="async for"):
        iter(response)
    with pytest.raises(TypeError, match="ASGI"):
        response.getvalue()


async def test_async_streaming() -> None:
    response = StreamingHttpResponse(agen("a", b"b", 1))
    content = response.streaming_content
    assert hasattr(content, "__aiter__")
    assert [chunk async for chunk in content] == [b"a", b"b", b"1"]


def test_streaming_content_can_be_replaced() -> None:
    response = StreamingHttpResponse(agen(b"a"))
    response.streaming_content = [b"sync"]
    assert not response.is_async
    assert list(response) == [b"sync"]


# -- close -------------------------------------------------------------------------


def test_close_runs_closers_once() -> None:
    calls: list[str] = []
    response = HttpResponse()
    response.add_closer(lambda: calls.append("a"))
    response.add_closer(lambda: calls.append("b"))
    response.close()
    response.close()
    assert calls == ["a", "b"]


def test_close_runs_every_closer_even_if_one_fails() -> None:
    calls: list[str] = []

    def boom() -> None:
        raise RuntimeError("boom")

    response = HttpResponse()
    response.add_closer(boom)
    response.add_closer(lambda: calls.append("after"))
    with pytest.raises(RuntimeError, match="boom"):
        response.close()
    assert calls == ["after"]


# -- FileResponse ------------------------------------------------------------------


def test_file_response_headers(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(b"hello file")
    response = FileResponse(path.open("rb"))
    try:
        assert response["Content-Length"] == "10"
        assert response["Content-Type"].startswith("text/plain")
        assert response["Content-Disposition"] == 'inline; filename="report.txt"'
        assert response.getvalue() == b"hello file"
    finally:
        response.close()
    assert response.file_to_stream.closed


def test_file_response_attachment_and_filename(tmp_path: Path) -> None:
    path = tmp_path / "data.bin"
    path.write_bytes(b"\x00" * 5)
    with path.open("rb") as handle:
        response = FileResponse(handle, as_attachment=True, filename='my "q".csv')
        assert (
            response["Content-Disposition"] == 'attachment; filename="my \\"q\\".csv"'
        )
        assert response["Content-Type"] == "text/csv"


def test_file_response_non_ascii_filename() -> None:
    response = FileResponse(
        io.BytesIO(b"x"), as_attachment=True, filename="résumé 1.pdf"
    )
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''r%C3%A9sum%C3%A9%201.pdf"
    )
    assert response["Content-Type"] == "application/pdf"


def test_file_response_control_characters_in_filename_are_encoded() -> None:
    response = FileResponse(io.BytesIO(b"x"), filename="a\r\nb.txt")
    assert response["Content-Disposition"] == "inline; filename*=utf-8''a%0D%0Ab.txt"


def test_file_response_bytesio_length_and_default_type() -> None:
    buffer = io.BytesIO(b"0123456789")
    buffer.seek(4)
    response = FileResponse(buffer)
    assert response["Content-Length"] == "6"
    assert response["Content-Type"] == "application/octet-stream"
    assert "Content-Disposition" not in response
    assert response.getvalue() == b"456789"


def test_file_response_attachment_without_name() -> None:
    response = FileResponse(io.BytesIO(b""), as_attachment=True)
    assert response["Content-Disposition"] == "attachment"


def test_file_response_partially_read_file(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(b"abcdef")
    with path.open("rb") as handle:
        handle.read(2)
        response = FileResponse(handle)
        assert response["Content-Length"] == "4"
        assert response.getvalue() == b"cdef"


def test_file_response_compressed_file_keeps_its_own_type(tmp_path: Path) -> None:
    path = tmp_path / "archive.tar.gz"
    path.write_bytes(gzip.compress(b"x"))
    with path.open("rb") as handle:
        assert FileResponse(handle)["Content-Type"] == "application/gzip"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"content_type": "text/x-mine"},
        {"headers": {"content-type": "text/x-mine"}},
    ],
)
def test_file_response_explicit_type_is_kept(kwargs: dict[str, Any]) -> None:
    response = FileResponse(io.BytesIO(b"x"), filename="a.txt", **kwargs)
    assert response["Content-Type"] == "text/x-mine"


def test_file_response_positional_content_type_is_kept() -> None:
    response = FileResponse(io.BytesIO(b"x"), "text/x-mine", filename="a.txt")
    assert response["Content-Type"] == "text/x-mine"


def test_file_response_streams_in_blocks() -> None:
    response = FileResponse(io.BytesIO(b"x" * 10))
    response.block_size = 4
    assert list(response) == [b"xxxx", b"xxxx", b"xx"]
