"""Tests for framework/urls/converters.py: built-in converters, registration, routes."""

from __future__ import annotations

import types
import uuid
from typing import Any

import pytest

from framework.core.exceptions import ImproperlyConfigured
from framework.urls import (
    Resolver404,
    converters,
    path,
    register_converter,
    resolve,
    reverse,
)
from framework.urls.converters import Segment, get_converter, parse_route


def view(request: Any = None, **kwargs: Any) -> None:
    return None


def other(request: Any = None, **kwargs: Any) -> None:
    return None


def make_urlconf(*patterns: Any) -> types.ModuleType:
    module = types.ModuleType("urlconf_under_test")
    module.urlpatterns = list(patterns)  # type: ignore[attr-defined]
    return module


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let a test register converters without leaking them into other tests."""
    monkeypatch.setattr(converters, "_converters", dict(converters._converters))


def test_int_converter_matches_digits_and_returns_int() -> None:
    conf = make_urlconf(path("n/<int:n>/", view))
    assert resolve("/n/0042/", conf).kwargs == {"n": 42}
    for bad in ("/n/-1/", "/n/1.5/", "/n//"):
        with pytest.raises(Resolver404):
            resolve(bad, conf)


def test_str_is_the_default_and_matches_one_nonempty_segment() -> None:
    conf = make_urlconf(path("s/<name>/", view))
    assert resolve("/s/hello world/", conf).kwargs == {"name": "hello world"}
    for bad in ("/s/a/b/", "/s//"):
        with pytest.raises(Resolver404):
            resolve(bad, conf)


def test_slug_converter_rejects_other_characters() -> None:
    slug = get_converter("slug")
    assert slug.to_python("a-b_C9") == "a-b_C9"
    conf = make_urlconf(path("<slug:s>/", view))
    assert resolve("/my-post_2/", conf).kwargs == {"s": "my-post_2"}
    with pytest.raises(Resolver404):
        resolve("/my.post/", conf)


def test_uuid_converter_returns_uuid_and_needs_lowercase() -> None:
    value = uuid.UUID("abcdef12-1234-5678-9abc-def012345678")
    conf = make_urlconf(path("u/<uuid:id>/", view, name="u"))
    match = resolve(f"/u/{value}/", conf)
    assert match.kwargs == {"id": value}
    assert isinstance(match.kwargs["id"], uuid.UUID)
    assert reverse("u", conf, kwargs={"id": value}) == f"/u/{value}/"
    with pytest.raises(Resolver404):
        resolve(f"/u/{str(value).upper()}/", conf)


def test_path_converter_spans_slashes() -> None:
    conf = make_urlconf(path("files/<path:rest>", view, name="f"))
    assert resolve("/files/a/b/c.txt", conf).kwargs == {"rest": "a/b/c.txt"}
    assert reverse("f", conf, kwargs={"rest": "a/b c"}) == "/files/a/b%20c"


class EvenConverter:
    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        if int(value) % 2:
            raise ValueError("odd")
        return int(value)

    def to_url(self, value: Any) -> str:
        return str(value)


def test_value_error_in_to_python_means_try_the_next_pattern(registry: None) -> None:
    register_converter(EvenConverter, "even")
    conf = make_urlconf(path("<even:n>/", view), path("<int:n>/", other))
    assert resolve("/4/", conf).func is view
    assert resolve("/4/", conf).kwargs == {"n": 4}
    assert resolve("/5/", conf).func is other


def test_register_converter_twice_is_harmless_but_replacing_fails(
    registry: None,
) -> None:
    register_converter(EvenConverter, "even")
    register_converter(EvenConverter, "even")
    with pytest.raises(ValueError, match="'even' is already registered"):
        register_converter(converters.IntConverter, "even")


def test_register_converter_checks_the_interface(registry: None) -> None:
    class NoRegex:
        def to_python(self, value: str) -> str:
            return value

    with pytest.raises(TypeError, match="lacks regex, to_url"):
        register_converter(NoRegex, "broken")


def test_unknown_converter_names_it_and_the_known_ones() -> None:
    with pytest.raises(ImproperlyConfigured) as info:
        path("<integer:pk>/", view)
    message = str(info.value)
    assert "'integer'" in message
    assert "int, path, slug, str, uuid" in message
    assert "'<integer:pk>/'" in message


@pytest.mark.parametrize(
    ("route", "fragment"),
    [
        ("<int:2pk>/", "not a valid Python identifier"),
        ("<int:pk/", "unbalanced"),
        ("int:pk>/", "unbalanced"),
        ("<<int:pk>/", "unbalanced"),
        ("< int:pk>/", "whitespace"),
        ("<int:pk>/<str:pk>/", "twice"),
    ],
)
def test_malformed_routes_are_rejected(route: str, fragment: str) -> None:
    with pytest.raises(ImproperlyConfigured, match=fragment):
        parse_route(route)


def test_parse_route_splits_literals_and_parameters() -> None:
    segments, found = parse_route("a/<int:pk>/b/<slug>")
    assert segments == (
        Segment("a/"),
        Segment("", "pk"),
        Segment("/b/"),
        Segment("", "slug"),
    )
    assert found["pk"] is get_converter("int")
    assert found["slug"] is get_converter("str")
