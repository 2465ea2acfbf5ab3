"""Tests for framework/http/cookies.py: parse_cookie and build_set_cookie."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

import pytest

from framework.core.exceptions import BadRequest
from framework.http.cookies import build_set_cookie, parse_cookie

# -- parse_cookie -----------------------------------------------------------------


def test_parse_simple() -> None:
    assert parse_cookie("a=1; b=two") == {"a": "1", "b": "two"}


def test_parse_empty() -> None:
    assert parse_cookie("") == {}
    assert parse_cookie(b"") == {}


def test_parse_tolerates_spacing_and_empty_chunks() -> None:
    assert parse_cookie(" a = 1 ;;; b=2 ;  ; c=3;") == {"a": "1", "b": "2", "c": "3"}


def test_parse_chunks_without_equals_are_skipped() -> None:
    assert parse_cookie("junk; a=1; more junk") == {"a": "1"}


def test_parse_empty_name_skipped_empty_value_kept() -> None:
    assert parse_cookie("=nameless; empty=") == {"empty": ""}


def test_parse_value_may_contain_equals() -> None:
    assert parse_cookie("token=abc==; x=a=b") == {"token": "abc==", "x": "a=b"}


def test_parse_first_duplicate_wins() -> None:
    assert parse_cookie("id=specific; id=general") == {"id": "specific"}


def test_parse_quoted_values_are_unquoted() -> None:
    cookies = parse_cookie('a="hello world"; b="x\\"y"; c="\\054"')
    assert cookies == {"a": "hello world", "b": 'x"y', "c": ","}


def test_parse_lone_quote_is_kept() -> None:
    assert parse_cookie('a="; b="x') == {"a": '"', "b": '"x'}


def test_parse_utf8_from_server_string_and_bytes() -> None:
    raw = "name=café".encode()
    assert parse_cookie(raw) == {"name": "café"}
    # WSGI/ASGI META holds the same bytes read as latin-1.
    assert parse_cookie(raw.decode("latin-1")) == {"name": "café"}


def test_parse_real_text_beyond_latin1() -> None:
    assert parse_cookie("emoji=☃") == {"emoji": "☃"}


@pytest.mark.parametrize("raw", [b"a=\xff", "a=\xe9", b"a=\xc3"])
def test_parse_invalid_utf8_is_bad_request(raw: str | bytes) -> None:
    with pytest.raises(BadRequest, match="Cookie header is not valid UTF-8"):
        parse_cookie(raw)


# -- build_set_cookie -------------------------------------------------------------


def output(**kwargs: object) -> str:
    return build_set_cookie("k", "v", **kwargs).OutputString()  # type: ignore[arg-type]


def test_defaults_are_httponly_lax_path_root() -> None:
    text = output()
    assert text.startswith("k=v")
    assert "HttpOnly" in text
    assert "SameSite=Lax" in text
    assert "Path=/" in text
    assert "Secure" not in text
    assert "expires" not in text.lower()


def test_switch_defaults_off() -> None:
    text = output(httponly=False, samesite=None, path=None)
    assert text == "k=v"


def test_secure_and_domain() -> None:
    text = output(secure=True, domain=".example.com")
    assert "Secure" in text
    assert "Domain=.example.com" in text


@pytest.mark.parametrize(
    ("given", "sent"), [("lax", "Lax"), ("STRICT", "Strict"), ("None", "None")]
)
def test_samesite_values_are_normalised(given: str, sent: str) -> None:
    assert f"SameSite={sent}" in output(samesite=given)


def test_invalid_samesite_raises() -> None:
    with pytest.raises(ValueError, match="samesite"):
        output(samesite="sometimes")


def test_max_age_sets_expires_too() -> None:
    before = datetime.now(UTC)
    morsel = build_set_cookie("k", "v", max_age=3600)
    assert morsel["max-age"] == "3600"
    expires = parsedate_to_datetime(morsel["expires"])
    assert timedelta(seconds=3590) < expires - before < timedelta(seconds=3610)
    assert morsel["expires"].endswith("GMT")


def test_max_age_as_timedelta_and_float() -> None:
    assert build_set_cookie("k", max_age=timedelta(days=1))["max-age"] == "86400"
    assert build_set_cookie("k", max_age=10.9)["max-age"] == "10"


def test_expires_datetime_aware_and_naive() -> None:
    aware = datetime(2030, 1, 2, 5, 0, tzinfo=timezone(timedelta(hours=2)))
    morsel = build_set_cookie("k", expires=aware)
    assert morsel["expires"] == "Wed, 02 Jan 2030 03:00:00 GMT"
    naive = datetime(2030, 1, 2, 3, 0)
    assert build_set_cookie("k", expires=naive)["expires"] == morsel["expires"]
    assert "max-age" not in morsel.OutputString().lower()


def test_expires_string_passes_through() -> None:
    text = output(expires="Thu, 01 Jan 1970 00:00:00 GMT")
    assert "expires=Thu, 01 Jan 1970 00:00:00 GMT" in text


@pytest.mark.parametrize("name", ["", "a b", "a;b", "a=b", "a,b", "expires", "Path"])
def test_bad_names_raise_value_error(name: str) -> None:
    with pytest.raises(ValueError, match="Invalid cookie name"):
        build_set_cookie(name, "v")


def test_value_with_special_characters_is_quoted() -> None:
    text = build_set_cookie("k", 'a b;c"\r\n').OutputString()
    assert "\r" not in text
    assert "\n" not in text
    assert text.startswith('k="a b\\073c\\"\\015\\012"')


@pytest.mark.parametrize(
    ("attribute", "value"),
    [
        ("path", "/\r\nSet-Cookie: evil=1"),
        ("path", "/; Domain=evil.example"),
        ("domain", "example.com\n"),
        ("expires", "Thu, 01 Jan 1970\r\nX: y"),
    ],
)
def test_attribute_injection_is_refused(attribute: str, value: str) -> None:
    with pytest.raises(ValueError, match=f"cookie {attribute}"):
        build_set_cookie("k", "v", **{attribute: value})  # type: ignore[arg-type]
