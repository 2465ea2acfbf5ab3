"""Tests for framework/urls/base.py: reverse(), reverse_lazy(), the script prefix."""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from typing import Any

import pytest

from framework.http.datastructures import QueryDict
from framework.urls import (
    LazyURL,
    NoReverseMatch,
    get_script_prefix,
    include,
    path,
    re_path,
    resolve,
    reverse,
    reverse_lazy,
    set_script_prefix,
)


def view(request: Any = None, *args: Any, **kwargs: Any) -> None:
    return None


def other(request: Any = None, *args: Any, **kwargs: Any) -> None:
    return None


def make_urlconf(*patterns: Any) -> types.ModuleType:
    module = types.ModuleType("urlconf_under_test")
    module.urlpatterns = list(patterns)  # type: ignore[attr-defined]
    return module


@pytest.fixture
def prefix() -> Iterator[None]:
    yield
    set_script_prefix("/")


COMMENTS = ([path("<int:pk>/", view, name="detail")], "comments")
BLOG = (
    [
        path("", view, name="index"),
        path("<slug:slug>/", view, name="post"),
        path("comments/", include(COMMENTS)),
    ],
    "blog",
)
CONF = make_urlconf(
    path("", view, name="home"),
    path("articles/<int:year>/<slug:slug>/", view, name="article"),
    path("blog/", include(BLOG)),
    path("files/<path:name>", view, name="file"),
    path("s/<str:s>/", view, name="s"),
    path("cb/<int:n>/", other),
    path("<path:rest>", view, name="rest"),
)


def test_reverse_with_kwargs_args_and_none() -> None:
    assert reverse("home", CONF) == "/"
    assert reverse("article", CONF, kwargs={"year": 2024, "slug": "hi"}) == (
        "/articles/2024/hi/"
    )
    assert reverse("article", CONF, args=[2024, "hi"]) == "/articles/2024/hi/"


def test_reverse_round_trips_through_resolve() -> None:
    url = reverse("blog:comments:detail", CONF, kwargs={"pk": 7})
    assert url == "/blog/comments/7/"
    match = resolve(url, CONF)
    assert (match.view_name, match.kwargs) == ("blog:comments:detail", {"pk": 7})


def test_reverse_by_callable() -> None:
    assert reverse(other, CONF, args=[3]) == "/cb/3/"


def test_args_and_kwargs_together_are_refused() -> None:
    with pytest.raises(ValueError, match="args or kwargs, not both"):
        reverse("article", CONF, args=[1], kwargs={"slug": "x"})


def test_values_are_percent_quoted_but_sub_delimiters_kept() -> None:
    assert reverse("s", CONF, kwargs={"s": "a b?#é"}) == "/s/a%20b%3F%23%C3%A9/"
    assert reverse("s", CONF, kwargs={"s": "~:@!$&'()*+,;="}) == "/s/~:@!$&'()*+,;=/"


def test_reverse_never_builds_a_scheme_relative_url() -> None:
    assert reverse("rest", CONF, kwargs={"rest": "/evil.example"}) == "/%2Fevil.example"
    assert reverse("file", CONF, kwargs={"name": "a//b"}) == "/files/a//b"


def test_a_value_the_pattern_would_not_match_is_refused() -> None:
    with pytest.raises(NoReverseMatch) as info:
        reverse("s", CONF, kwargs={"s": "a/b"})
    message = str(info.value)
    assert "'s'" in message and "keyword arguments {'s': 'a/b'}" in message
    assert "1 pattern(s) tried: ['s/<str:s>/']" in message


def test_mismatched_arguments_list_the_patterns_tried() -> None:
    with pytest.raises(NoReverseMatch, match=r"with arguments \(1,\) not found"):
        reverse("article", CONF, args=[1])
    with pytest.raises(NoReverseMatch, match="with no arguments not found"):
        reverse("article", CONF)


def test_unknown_name_suggests_close_and_namespaced_names() -> None:
    with pytest.raises(NoReverseMatch) as info:
        reverse("artcle", CONF)
    assert "'artcle' is not a valid view function or pattern name" in str(info.value)
    assert "Did you mean 'article'?" in str(info.value)
    with pytest.raises(NoReverseMatch, match="Did you mean 'blog:post'"):
        reverse("post", CONF, kwargs={"slug": "x"})


def test_unknown_namespace_lists_the_registered_ones() -> None:
    with pytest.raises(NoReverseMatch) as info:
        reverse("shop:index", CONF)
    message = str(info.value)
    assert "'shop' is not a registered namespace (registered: 'blog')" in message
    with pytest.raises(
        NoReverseMatch, match="'x' is not a registered namespace inside"
    ):
        reverse("blog:x:index", CONF)


def test_query_and_fragment() -> None:
    url = reverse("home", CONF, query={"q": "a b", "tag": ["x", "y"]}, fragment="top")
    assert url == "/?q=a+b&tag=x&tag=y#top"
    assert reverse("home", CONF, query=[("a", "1"), ("a", "2")]) == "/?a=1&a=2"
    assert reverse("home", CONF, query=QueryDict("a=1&a=2&b=3")) == "/?a=1&a=2&b=3"
    assert reverse("home", CONF, query={}) == "/"
    assert reverse("home", CONF, fragment="a b") == "/#a%20b"


def test_default_kwargs_must_agree_when_given() -> None:
    conf = make_urlconf(
        path("page/", view, {"page": 1}, name="page"),
        path("page/<int:page>/", view, name="page"),
    )
    assert reverse("page", conf, kwargs={"page": 5}) == "/page/5/"
    assert reverse("page", conf) == "/page/"
    # Both fit {"page": 1}; like Django, the last-defined pattern is tried first.
    assert reverse("page", conf, kwargs={"page": 1}) == "/page/1/"


def test_the_last_pattern_with_a_name_wins_when_both_fit() -> None:
    conf = make_urlconf(path("a/", view, name="x"), path("b/", view, name="x"))
    assert reverse("x", conf) == "/b/"


def test_app_namespace_picks_default_then_current_app_then_last_instance() -> None:
    polls = ([path("", view, name="index")], "polls")
    conf = make_urlconf(
        path("author/", include(polls, namespace="author-polls")),
        path("publisher/", include(polls, namespace="publisher-polls")),
    )
    assert reverse("polls:index", conf) == "/publisher/"
    assert reverse("polls:index", conf, current_app="author-polls") == "/author/"
    assert reverse("author-polls:index", conf) == "/author/"
    with_default = make_urlconf(
        path("default/", include(polls)),
        path("other/", include(polls, namespace="other")),
    )
    assert reverse("polls:index", with_default) == "/default/"


def test_reverse_simple_regexes() -> None:
    conf = make_urlconf(
        re_path(r"^archive/(?P<year>[0-9]{4})/$", view, name="archive"),
        re_path(r"^p/([0-9]+)/([a-z]+)/$", view, name="pos"),
        re_path(r"^opt/?$", view, name="opt"),
        re_path(r"^robots\.txt$", view, name="robots"),
        re_path(r"^r/", include([path("<int:n>/", view, name="mixed")])),
    )
    assert reverse("archive", conf, kwargs={"year": 2024}) == "/archive/2024/"
    assert reverse("pos", conf, args=[1, "ab"]) == "/p/1/ab/"
    assert reverse("opt", conf) == "/opt"
    assert reverse("robots", conf) == "/robots.txt"
    assert reverse("mixed", conf, kwargs={"n": 4}) == "/r/4/"
    with pytest.raises(NoReverseMatch):
        reverse("archive", conf, kwargs={"year": 24})


def test_an_unreversible_regex_is_named_as_such() -> None:
    conf = make_urlconf(re_path(r"^(?:a|b)/$", view, name="alt"))
    with pytest.raises(NoReverseMatch, match="too complex to reverse"):
        reverse("alt", conf)


def test_script_prefix_is_prepended(prefix: None) -> None:
    assert get_script_prefix() == "/"
    set_script_prefix("/mount")
    assert get_script_prefix() == "/mount/"
    assert reverse("blog:post", CONF, kwargs={"slug": "x"}) == "/mount/blog/x/"
    assert reverse("home", CONF) == "/mount/"


def test_reverse_lazy_waits_for_first_use(monkeypatch: pytest.MonkeyPatch) -> None:
    lazy = reverse_lazy("later", "urlconf_lazy_test", query={"a": "1"})
    assert isinstance(lazy, LazyURL)
    assert repr(lazy) == "LazyURL('later')"  # nothing imported or reversed yet
    conf = make_urlconf(path("later/", view, name="later"))
    monkeypatch.setitem(sys.modules, "urlconf_lazy_test", conf)
    assert str(lazy) == "/later/?a=1"
    monkeypatch.delitem(sys.modules, "urlconf_lazy_test")
    assert lazy == "/later/?a=1"  # cached: no second reverse
    assert hash(lazy) == hash("/later/?a=1")
    assert lazy + "&b=2" == "/later/?a=1&b=2"
    assert "x" + lazy == "x/later/?a=1"
    assert lazy.startswith("/later/") and "?" in lazy and len(lazy) == 11
    table: dict[object, int] = {lazy: 1}
    assert table["/later/?a=1"] == 1
