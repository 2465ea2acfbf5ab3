"""The built-in context processors."""

from __future__ import annotations

from markupsafe import Markup

from framework.http import HttpRequest
from framework.template import context_processors as cp


def test_request_processor():
    request = HttpRequest()
    assert cp.request(request) == {"request": request}


def test_debug_processor(settings):
    settings.DEBUG = True
    assert cp.debug(HttpRequest()) == {"debug": True}


def test_static_processor_anchors_the_prefix(settings):
    settings.STATIC_URL = "static"
    assert cp.static(HttpRequest()) == {"STATIC_URL": "/static/"}
    settings.STATIC_URL = None
    assert cp.static(HttpRequest()) == {"STATIC_URL": ""}


def test_csrf_without_provider_is_empty():
    values = cp.csrf(HttpRequest())
    assert values["csrf_token"] == ""
    assert isinstance(values["csrf_input"], Markup)
    assert str(values["csrf_input"]) == ""


def test_csrf_with_provider_is_lazy_and_cached():
    calls = []
    request = HttpRequest()
    request.csrf_token = lambda: calls.append(1) or "abc"  # type: ignore[attr-defined]
    values = cp.csrf(request)
    assert calls == []
    token = values["csrf_token"]
    assert str(token) == "abc" and token == "abc" and bool(token)
    assert calls == [1]
    assert 'value="abc"' in values["csrf_input"].__html__()
