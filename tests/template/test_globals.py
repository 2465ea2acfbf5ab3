"""url() and static(), the helpers every environment gets."""

from __future__ import annotations

import pytest

from framework.core.exceptions import ImproperlyConfigured
from framework.template.globals import make_static, static_url_prefix, url
from framework.urls import NoReverseMatch


def test_url_reverses_args_kwargs_query_and_fragment(settings):
    settings.ROOT_URLCONF = "tests.template.urls"
    assert url("post", 5) == "/posts/5/"
    assert url("post", pk=6, _query={"q": "a b"}) == "/posts/6/?q=a+b"
    assert url("home", _fragment="x") == "/#x"
    with pytest.raises(NoReverseMatch):
        url("no-such-name")


@pytest.mark.parametrize(
    ("setting", "prefix"),
    [
        ("static/", "/static/"),
        ("/assets", "/assets/"),
        ("https://cdn.example.com/s/", "https://cdn.example.com/s/"),
    ],
)
def test_static_url_prefix(settings, setting, prefix):
    settings.STATIC_URL = setting
    assert static_url_prefix() == prefix


def test_static_prefix_is_read_when_built(settings):
    settings.STATIC_URL = "one/"
    static = make_static()
    settings.STATIC_URL = "two/"
    assert static("a.css") == "/one/a.css"


def test_static_quotes_path():
    assert make_static("/s/")("img/a b?.png") == "/s/img/a%20b%3F.png"


def test_missing_static_url_says_what_to_set(settings):
    settings.STATIC_URL = ""
    with pytest.raises(ImproperlyConfigured, match="STATIC_URL"):
        static_url_prefix()
