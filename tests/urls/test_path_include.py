"""Tests for framework/urls/conf.py: path(), re_path() and include()."""

from __future__ import annotations

import sys
import types
from typing import Any

import pytest

from framework.core.exceptions import ImproperlyConfigured
from framework.urls import URLPattern, URLResolver, include, path, re_path, resolve


def view(request: Any = None, **kwargs: Any) -> None:
    return None


@pytest.fixture
def blog_module(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """Register an importable URLconf module named ``urlconf_blog``."""
    module = types.ModuleType("urlconf_blog")
    module.app_name = "blog"  # type: ignore[attr-defined]
    module.urlpatterns = [path("<int:pk>/", view, name="detail")]  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "urlconf_blog", module)
    return module


def test_path_builds_a_urlpattern_with_name_and_default_kwargs() -> None:
    pattern = path("about/", view, {"page": "about"}, name="about")
    assert isinstance(pattern, URLPattern)
    assert pattern.callback is view
    assert pattern.name == "about"
    assert pattern.default_args == {"page": "about"}
    assert repr(pattern) == "<URLPattern 'about/' [name='about']>"


def test_re_path_with_an_invalid_regex_says_so() -> None:
    with pytest.raises(ImproperlyConfigured, match="not a valid regular expression"):
        re_path(r"^(?P<year>[0-9]{4}/$", view)


def test_path_rejects_a_view_class_passed_without_as_view() -> None:
    class ArticleView:
        @classmethod
        def as_view(cls) -> Any:
            return view

    with pytest.raises(TypeError, match=r"ArticleView\.as_view\(\)"):
        path("a/", ArticleView)


@pytest.mark.parametrize("bad", ["myapp.views.index", 42, None])
def test_path_rejects_a_view_that_is_not_callable(bad: Any) -> None:
    with pytest.raises(TypeError, match="must be a callable or the result of include"):
        path("a/", bad)


def test_path_rejects_kwargs_that_are_not_a_dict() -> None:
    with pytest.raises(TypeError, match="must be a dict, not list"):
        path("a/", view, ["x"])  # type: ignore[call-overload]


def test_include_by_dotted_path_reads_app_name(blog_module: types.ModuleType) -> None:
    included = include("urlconf_blog")
    assert included.urlconf_module is blog_module
    assert (included.app_name, included.namespace) == ("blog", "blog")
    resolver = path("blog/", included)
    assert isinstance(resolver, URLResolver)
    assert resolver.url_patterns == blog_module.urlpatterns


def test_include_module_object_with_a_custom_namespace(
    blog_module: types.ModuleType,
) -> None:
    included = include(blog_module, namespace="blog2")
    assert (included.app_name, included.namespace) == ("blog", "blog2")


def test_include_a_patterns_app_name_tuple() -> None:
    included = include(([path("x/", view)], "shop"))
    assert (included.app_name, included.namespace) == ("shop", "shop")
    conf = types.ModuleType("conf")
    conf.urlpatterns = [path("s/", included)]  # type: ignore[attr-defined]
    assert resolve("/s/x/", conf).app_names == ["shop"]


def test_include_a_plain_list_has_no_namespace() -> None:
    included = include([path("x/", view)])
    assert (included.app_name, included.namespace) == (None, None)


def test_include_namespace_without_app_name_names_the_fix() -> None:
    with pytest.raises(ImproperlyConfigured) as info:
        include([path("x/", view)], namespace="shop")
    assert "namespace='shop'" in str(info.value)
    assert "app_name" in str(info.value)


def test_include_rejects_a_three_tuple() -> None:
    with pytest.raises(ImproperlyConfigured, match="2-tuple"):
        include(([path("x/", view)], "shop", "extra"))


def test_include_of_a_missing_module_names_it() -> None:
    with pytest.raises(ImproperlyConfigured, match="'no_such_urlconf_module'"):
        include("no_such_urlconf_module")


def test_include_of_something_that_is_not_a_urlconf() -> None:
    with pytest.raises(TypeError, match="include\\(\\) cannot use 42"):
        include(42)
