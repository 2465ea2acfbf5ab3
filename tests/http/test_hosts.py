"""Tests for framework/http/hosts.py: split_host_port, HostValidator, RequestConfig."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from framework.core.exceptions import DisallowedHost, ImproperlyConfigured
from framework.http.hosts import HostValidator, RequestConfig, split_host_port


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("example.com", ("example.com", "")),
        ("Example.COM:8000", ("example.com", "8000")),
        ("example.com.", ("example.com", "")),
        ("example.com.:443", ("example.com", "443")),
        ("127.0.0.1:80", ("127.0.0.1", "80")),
        ("[::1]", ("[::1]", "")),
        ("[::1]:8000", ("[::1]", "8000")),
        ("[2001:DB8::1]:443", ("[2001:db8::1]", "443")),
        ("[::ffff:127.0.0.1]", ("[::ffff:127.0.0.1]", "")),
        ("sub-domain.example", ("sub-domain.example", "")),
    ],
)
def test_split_valid(host: str, expected: tuple[str, str]) -> None:
    assert split_host_port(host) == expected


@pytest.mark.parametrize(
    "host",
    [
        "",
        ":80",
        "evil.com/x",
        "a@b",
        "user@example.com",
        "host:abc",
        "host:",
        "host:123456",
        "bücher.de",
        "\u212aelvin.example",  # lower() turns the Kelvin sign into ASCII "k"
        "example.com\n",
        "example.com\r\nX: y",
        "exa mple.com",
        "::1",
        "[::1",
        "[example.com]",
        "example.com:80:80",
        "example.com#",
        ".",
    ],
)
def test_split_rejects_junk(host: str) -> None:
    assert split_host_port(host) == ("", "")


def test_exact_pattern() -> None:
    v = HostValidator(["example.com"], debug=False)
    assert v.validate("example.com") == "example.com"
    assert v.validate("EXAMPLE.com:8080") == "EXAMPLE.com:8080"
    assert v.validate("example.com.") == "example.com."
    with pytest.raises(DisallowedHost):
        v.validate("www.example.com")
    with pytest.raises(DisallowedHost):
        v.validate("example.com.evil.org")


def test_subdomain_pattern() -> None:
    v = HostValidator([".example.com"], debug=False)
    assert v.is_allowed("example.com")
    assert v.is_allowed("a.b.example.com")
    assert not v.is_allowed("badexample.com")
    assert not v.is_allowed("example.com.evil")


def test_pattern_with_trailing_dot_and_case() -> None:
    v = HostValidator(["Example.COM."], debug=False)
    assert v.is_allowed("example.com")


def test_wildcard_allows_any_valid_host_only() -> None:
    v = HostValidator(["*"], debug=False)
    assert v.validate("anything.example:1234") == "anything.example:1234"
    with pytest.raises(DisallowedHost, match="not a valid host name"):
        v.validate("evil.com/path")
    with pytest.raises(DisallowedHost):
        v.validate("")


def test_disallowed_message_names_the_setting() -> None:
    v = HostValidator(["example.com"], debug=False)
    with pytest.raises(DisallowedHost) as info:
        v.validate("other.example:81")
    message = str(info.value)
    assert "ALLOWED_HOSTS" in message
    assert "'other.example'" in message
    assert "'other.example:81'" in message


def test_debug_with_empty_list_allows_local_hosts_only() -> None:
    v = HostValidator([], debug=True)
    for host in ("localhost", "localhost:8000", "127.0.0.1:8000", "[::1]:8000"):
        assert v.validate(host) == host
    assert v.is_allowed("sub.localhost")
    for host in ("example.com", "127.0.0.2", "[::2]", "localhost.evil.com"):
        with pytest.raises(DisallowedHost):
            v.validate(host)


def test_no_debug_and_empty_list_allows_nothing() -> None:
    v = HostValidator([], debug=False)
    with pytest.raises(DisallowedHost):
        v.validate("localhost")


def test_debug_with_explicit_list_uses_only_that_list() -> None:
    v = HostValidator(["example.com"], debug=True)
    with pytest.raises(DisallowedHost):
        v.validate("localhost")


def test_string_setting_is_a_configuration_error() -> None:
    with pytest.raises(ImproperlyConfigured, match=r"\['example.com'\]"):
        HostValidator("example.com", debug=False)  # type: ignore[arg-type]


def test_cache_is_bounded_and_verdicts_stay_right() -> None:
    v = HostValidator([".example.com"], debug=False)
    for i in range(1000):
        assert v.validate(f"h{i}.example.com") == f"h{i}.example.com"
        with pytest.raises(DisallowedHost):
            v.validate(f"h{i}.evil.com")
    assert len(v._cache) <= 256
    assert v.validate("h999.example.com") == "h999.example.com"
    with pytest.raises(DisallowedHost):
        v.validate("h0.evil.com")


def test_request_config_from_settings() -> None:
    conf = SimpleNamespace(
        DEFAULT_CHARSET="latin-1",
        DATA_UPLOAD_MAX_MEMORY_SIZE=10,
        DATA_UPLOAD_MAX_NUMBER_FIELDS=20,
        DATA_UPLOAD_MAX_NUMBER_FILES=30,
        FILE_UPLOAD_MAX_MEMORY_SIZE=40,
        FILE_UPLOAD_TEMP_DIR=None,
        SECURE_PROXY_SSL_HEADER=["HTTP_X_FORWARDED_PROTO", "https"],
        USE_X_FORWARDED_HOST=True,
        USE_X_FORWARDED_PORT=False,
        ALLOWED_HOSTS=["example.com"],
        DEBUG=False,
    )
    config = RequestConfig.from_settings(conf)
    assert config.encoding == "latin-1"
    assert (config.max_memory_size, config.max_fields, config.max_files) == (10, 20, 30)
    assert config.file_memory_size == 40
    assert config.secure_proxy_ssl_header == ("HTTP_X_FORWARDED_PROTO", "https")
    assert config.use_x_forwarded_host is True
    assert config.hosts.is_allowed("example.com")
    assert not config.hosts.is_allowed("other.com")


def test_request_config_rejects_bad_proxy_header() -> None:
    conf = SimpleNamespace(
        DEFAULT_CHARSET="utf-8",
        DATA_UPLOAD_MAX_MEMORY_SIZE=None,
        DATA_UPLOAD_MAX_NUMBER_FIELDS=None,
        DATA_UPLOAD_MAX_NUMBER_FILES=None,
        FILE_UPLOAD_MAX_MEMORY_SIZE=1,
        FILE_UPLOAD_TEMP_DIR=None,
        SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO",
        USE_X_FORWARDED_HOST=False,
        USE_X_FORWARDED_PORT=False,
        ALLOWED_HOSTS=[],
        DEBUG=False,
    )
    with pytest.raises(ImproperlyConfigured, match="SECURE_PROXY_SSL_HEADER"):
        RequestConfig.from_settings(conf)
