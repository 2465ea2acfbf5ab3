"""The WSGI face: protocol translation, validated by the standard library."""

from __future__ import annotations

import io
import logging
import warnings
from typing import Any
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import WSGIWarning, validator

import pytest

from framework.core.handlers.wsgi import WSGIHandler
from framework.urls import get_script_prefix, set_script_prefix


@pytest.fixture(autouse=True)
def _urlconf(settings):
    settings.ROOT_URLCONF = "tests.core.handlers.views"
    settings.MIDDLEWARE = []
    settings.DEBUG = False


def call(
    app: Any,
    method: str = "GET",
    path: str = "/sync/",
    body: bytes = b"",
    query: str = "",
    **extra: Any,
) -> tuple[str, list[tuple[str, str]], bytes]:
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "wsgi.input": io.BytesIO(body),
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_HOST": "testserver",
    }
    environ.update(extra)
    setup_testing_defaults(environ)
    got: dict[str, Any] = {}

    def start_response(
        status: str, headers: list[tuple[str, str]], exc_info: Any = None
    ) -> Any:
        got["status"], got["headers"] = status, headers
        return lambda data: None

    result = app(environ, start_response)
    try:
        content = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    return got["status"], got["headers"], content


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/sync/"),
        ("GET", "/async/"),
        ("HEAD", "/sync/"),
        ("GET", "/nope/"),
        ("GET", "/stream/"),
        ("GET", "/astream/"),
        ("POST", "/echo/"),
    ],
)
def test_passes_wsgiref_validator(method, path, caplog):
    app = validator(WSGIHandler())
    with warnings.catch_warnings():
        warnings.simplefilter("error", WSGIWarning)
        with caplog.at_level(logging.CRITICAL):
            status, _, _ = call(app, method, path)
    assert status[:3] in {"200", "404"}


def test_head_has_no_body_but_keeps_length():
    status, headers, content = call(WSGIHandler(), "HEAD", "/sync/")
    assert status == "200 OK"
    assert content == b""
    assert ("Content-Length", "9") in headers  # "sync HEAD"


def test_content_length_set():
    _, headers, content = call(WSGIHandler())
    assert dict(headers)["Content-Length"] == str(len(content))


def test_streaming_sync_and_async():
    assert call(WSGIHandler(), path="/stream/")[2] == b"abc"
    assert call(WSGIHandler(), path="/astream/")[2] == b"xyz"


@pytest.mark.parametrize(
    "extra",
    [
        {"PATH_INFO": "/sync/\xff\xfe/"},  # raw bytes that are not UTF-8
        {"PATH_INFO": "/query/", "QUERY_STRING": "q=%ff"},
        {"PATH_INFO": "/read-cookie/", "HTTP_COOKIE": "flavour=\xff"},
        {"HTTP_HOST": "bad host name"},
        {"HTTP_HOST": "evil.example"},
        {
            "PATH_INFO": "/body/",
            "CONTENT_LENGTH": "not-a-number",
            "REQUEST_METHOD": "POST",
        },
    ],
)
def test_bad_input_is_4xx_never_500(extra, caplog):
    with caplog.at_level(logging.CRITICAL):
        status, _, content = call(WSGIHandler(), **extra)
    assert status.startswith("400"), status
    assert b"Traceback" not in content


def test_body_over_limit_is_413(settings, caplog):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10
    with caplog.at_level(logging.CRITICAL):
        status, _, _ = call(
            WSGIHandler(),
            "POST",
            "/body/",
            body=b"x" * 11,
            CONTENT_TYPE="application/octet-stream",
        )
    assert status.startswith("413")


def test_percent_encoded_unicode_path_resolves():
    # Servers percent-decode PATH_INFO into latin-1 text of the UTF-8 bytes.
    status, _, _ = call(WSGIHandler(), path="/item/7/")
    assert status == "200 OK"


def test_script_name_prefix():
    try:
        status, _, content = call(WSGIHandler(), path="/sync/", SCRIPT_NAME="/app")
        assert get_script_prefix() == "/app/"
    finally:
        set_script_prefix("/")
    assert status == "200 OK"
    assert content == b"sync GET"


@pytest.mark.parametrize("method", ["FOO", "G\x00T", "X" * 100])
def test_unknown_method_is_405(method):
    status, headers, _ = call(WSGIHandler(), method, "/sync/")
    assert status.startswith("405")
    assert "GET" in dict(headers)["Allow"]


def test_webdav_method_reaches_the_view():
    status, _, content = call(WSGIHandler(), "PROPFIND", "/sync/")
    assert (status, content) == ("200 OK", b"sync PROPFIND")
