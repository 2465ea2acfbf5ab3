"""Tests for framework/urls/resolvers.py: matching, ResolverMatch, the cache."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from typing import Any

import pytest

from framework.core.exceptions import ImproperlyConfigured
from framework.core.signals import setting_changed
from framework.http.exceptions import Http404
from framework.urls import (
    Resolver404,
    ResolverMatch,
    URLPattern,
    URLResolver,
    clear_url_caches,
    get_resolver,
    include,
    path,
    re_path,
    resolve,
)


def make_view(label: str) -> Any:
    def view(request: Any = None, *args: Any, **kwargs: Any) -> str:
        return label

    view.__qualname__ = label
    return view


v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12 = (
    make_view(f"v{n}") for n in range(1, 13)
)


def make_urlconf(*patterns: Any, name: str = "urlconf_under_test") -> types.ModuleType:
    module = types.ModuleType(name)
    module.urlpatterns = list(patterns)  # type: ignore[attr-defined]
    return module


# -- matching ------------------------------------------------------------------------


def test_trailing_slash_must_match_exactly() -> None:
    conf = make_urlconf(path("a/", v1), path("b", v2))
    assert resolve("/a/", conf).func is v1
    assert resolve("/b", conf).func is v2
    for missing in ("/a", "/b/", "a/", "/a/x"):
        with pytest.raises(Resolver404):
            resolve(missing, conf)


def test_empty_route_matches_the_root() -> None:
    conf = make_urlconf(path("", v1, name="home"))
    assert resolve("/", conf).url_name == "home"


def test_re_path_named_groups_become_kwargs_and_unnamed_ones_args() -> None:
    conf = make_urlconf(
        re_path(r"^named/(?P<year>[0-9]{4})/$", v1),
        re_path(r"^pos/([0-9]+)/([a-z]+)/$", v2),
        re_path(r"^mixed/(?P<a>[0-9]+)/([a-z]+)/$", v3),
        re_path(r"^prefix/", v4),
    )
    assert resolve("/named/2024/", conf).kwargs == {"year": "2024"}
    match = resolve("/pos/7/ab/", conf)
    assert (match.args, match.kwargs) == (("7", "ab"), {})
    match = resolve("/mixed/7/ab/", conf)
    assert (match.args, match.kwargs) == ((), {"a": "7"})
    # Without "$" an endpoint regex only needs to match the start, as in Django.
    assert resolve("/prefix/anything/else", conf).func is v4


def test_include_merges_captured_and_default_kwargs_like_django() -> None:
    inner = [path("<int:pk>/", v1, {"source": "endpoint"}), path("x/", v2)]
    conf = make_urlconf(
        path("<slug:user>/", include(inner), {"source": "include", "flag": True})
    )
    match = resolve("/bob/5/", conf)
    assert match.kwargs == {"user": "bob", "pk": 5, "source": "endpoint", "flag": True}
    assert resolve("/bob/x/", conf).kwargs == {
        "user": "bob",
        "source": "include",
        "flag": True,
    }


def test_positional_args_accumulate_across_includes_without_kwargs() -> None:
    conf = make_urlconf(re_path(r"^([a-z]+)/", include([re_path(r"^([0-9]+)/$", v1)])))
    match = resolve("/abc/12/", conf)
    assert (match.args, match.kwargs) == (("abc", "12"), {})


def test_namespaces_route_and_view_name_are_joined_across_includes() -> None:
    comments = ([path("<int:pk>/", v1, name="detail")], "comments")
    blog = ([path("c/", include(comments, namespace="c1"))], "blog")
    conf = make_urlconf(path("blog/", include(blog)))
    match = resolve("/blog/c/3/", conf)
    assert match.app_names == ["blog", "comments"]
    assert match.app_name == "blog:comments"
    assert match.namespaces == ["blog", "c1"]
    assert match.namespace == "blog:c1"
    assert match.view_name == "blog:c1:detail"
    assert match.url_name == "detail"
    assert match.route == "blog/c/<int:pk>/"


def test_regex_routes_are_joined_without_inner_carets() -> None:
    conf = make_urlconf(re_path(r"^blog/", include([re_path(r"^(?P<y>[0-9]+)/$", v1)])))
    assert resolve("/blog/1/", conf).route == "^blog/(?P<y>[0-9]+)/$"


def test_unnamed_view_name_is_the_dotted_path() -> None:
    conf = make_urlconf(path("x/", v1))
    assert resolve("/x/", conf).view_name == f"{__name__}.v1"


def test_resolver_match_unpacks_like_a_tuple() -> None:
    conf = make_urlconf(path("<int:pk>/", v1, name="d"))
    match = resolve("/9/", conf)
    func, args, kwargs = match
    assert (func, args, kwargs) == (v1, (), {"pk": 9})
    assert match[0] is v1 and match[2] == {"pk": 9}
    assert "url_name='d'" in repr(match) and "route='<int:pk>/'" in repr(match)


def test_match_tried_lists_the_patterns_before_the_match() -> None:
    first, second = path("a/", v1), path("<int:n>/", v2)
    conf = make_urlconf(first, second, path("b/", v3))
    assert resolve("/a/", conf).tried == []
    assert resolve("/b/", conf).tried == [[first], [second]]


def test_resolver404_is_http404_with_path_and_tried() -> None:
    inner = path("x/", v2)
    conf = make_urlconf(path("a/", v1), path("i/", include([inner])))
    with pytest.raises(Resolver404) as info:
        resolve("/nope/", conf)
    error = info.value
    assert isinstance(error, Http404)
    assert error.path == "/nope/"
    assert len(error.tried) == 2
    assert isinstance(error.tried[1][0], URLResolver) and error.tried[1][1] is inner
    assert "'/nope/'" in str(error) and "2 pattern(s) tried" in str(error)


def test_a_path_without_leading_slash_never_matches() -> None:
    with pytest.raises(Resolver404):
        resolve("a/", make_urlconf(path("a/", v1)))


# -- first match wins, with the static fast path -------------------------------------


def test_an_earlier_regex_beats_a_later_literal() -> None:
    conf = make_urlconf(re_path(r"^(?P<page>[a-z]+)/$", v1), path("about/", v2))
    assert resolve("/about/", conf).func is v1


def test_an_earlier_literal_beats_a_later_converter() -> None:
    conf = make_urlconf(path("new/", v1), path("<slug:slug>/", v2))
    assert resolve("/new/", conf).func is v1
    assert resolve("/old/", conf).func is v2


def scan(patterns: list[Any], path_: str) -> Any:
    """Resolve the slow way: try each pattern in order, recursing into includes."""
    for pattern in patterns:
        found = pattern.pattern.match(path_)
        if found is None:
            continue
        if isinstance(pattern, URLPattern):
            return pattern.callback
        result = scan(pattern.url_patterns, found[0])
        if result is not None:
            return result
    return None


def test_fast_path_agrees_with_an_ordered_scan() -> None:
    shop = [
        path("<int:pk>/", v4),
        path("cart/", v5),
        re_path(r"^c[a-z]+/$", v6),
        path("cx/", v7),
    ]
    patterns = [
        re_path(r"^(?P<slug>[a-z]+)/$", v1),
        path("about/", v2),
        path("Upper/", v3),
        path("shop/", include(shop)),
        path("shop/cart/", v8),
        path("<str:x>/cart/", include([path("", v9)])),
        path("x/<int:n>/", v10),
        path("x/1/", v11),
        path("y/", include([path("", v12)])),
        re_path(r"^y/$", v1),
        path("", include([path("deep/", include([path("z/", v3)]))])),
        re_path(r"^Ab?c/$", v4),
        re_path(r"^Abc/$", v5),
        re_path(r"^Fixed/$", v6),
        re_path(r"^q/", include([re_path(r"^Fixed/$", v7)])),
    ]
    conf = make_urlconf(*patterns)
    paths = [
        "/about/", "/Upper/", "/shop/1/", "/shop/cart/", "/shop/cx/", "/shop/cy/",
        "/abc/cart/", "/Abc/cart/", "/x/1/", "/x/2/", "/y/", "/deep/z/", "/zzz/cart/",
        "/nomatch", "/", "/shop/", "/x/1", "/Ac/", "/Abc/", "/Fixed/", "/q/Fixed/",
    ]  # fmt: skip
    for path_ in paths:
        expected = scan(patterns, path_[1:])
        try:
            got = resolve(path_, conf).func
        except Resolver404:
            got = None
        assert got is expected, path_
    assert scan(patterns, "shop/cart/") is v5  # the include wins over the later literal
    assert scan(patterns, "x/1/") is v10  # the converter wins over the later literal


# -- the resolver cache and settings -------------------------------------------------


def test_get_resolver_is_cached_per_urlconf_and_cleared_on_demand() -> None:
    conf = make_urlconf(path("a/", v1))
    first = get_resolver(conf)
    assert get_resolver(conf) is first
    clear_url_caches()
    assert get_resolver(conf) is not first


def test_root_urlconf_change_clears_the_cache() -> None:
    resolver = get_resolver("urlconf_signal_test")
    setting_changed.send(sender=None, setting="DEBUG", value=True, enter=True)
    assert get_resolver("urlconf_signal_test") is resolver
    setting_changed.send(sender=None, setting="ROOT_URLCONF", value="x", enter=True)
    assert get_resolver("urlconf_signal_test") is not resolver


def test_default_urlconf_is_read_from_settings_at_call_time(
    settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "urlconf_one", make_urlconf(path("one/", v1)))
    monkeypatch.setitem(sys.modules, "urlconf_two", make_urlconf(path("two/", v2)))
    settings.ROOT_URLCONF = "urlconf_one"
    assert resolve("/one/").func is v1
    settings.ROOT_URLCONF = "urlconf_two"
    assert resolve("/two/").func is v2
    assert get_resolver().urlconf_name == "urlconf_two"


def test_missing_root_urlconf_names_the_setting(settings: Any) -> None:
    settings.ROOT_URLCONF = None
    with pytest.raises(ImproperlyConfigured, match="ROOT_URLCONF setting is not set"):
        get_resolver()


def test_urlconf_module_is_imported_on_first_use(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    resolver = get_resolver("urlconf_imported_later")
    monkeypatch.setitem(
        sys.modules, "urlconf_imported_later", make_urlconf(path("", v1))
    )
    assert resolver.resolve("/").func is v1


def test_importing_framework_urls_reads_no_settings() -> None:
    env = {k: v for k, v in os.environ.items() if k != "FRAMEWORK_SETTINGS_MODULE"}
    code = (
        "import framework.urls; from framework.conf import settings; "
        "print(settings.configured)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "False"


def test_unimportable_urlconf_names_the_setting() -> None:
    with pytest.raises(ImproperlyConfigured, match="'no_such_urlconf'.*ROOT_URLCONF"):
        resolve("/", "no_such_urlconf")


def test_urlconf_without_urlpatterns_names_the_fix() -> None:
    with pytest.raises(ImproperlyConfigured, match="has no 'urlpatterns'. Add"):
        resolve("/", types.ModuleType("urlconf_empty"))


def test_bad_urlpatterns_entry_is_named() -> None:
    conf = make_urlconf(path("a/", v1), "b/")
    with pytest.raises(ImproperlyConfigured, match=r"urlpatterns\[1\] .* is 'b/'"):
        resolve("/a/", conf)


def test_urlpatterns_must_be_a_list() -> None:
    conf = types.ModuleType("urlconf_bad")
    conf.urlpatterns = path("a/", v1)  # type: ignore[attr-defined]
    with pytest.raises(ImproperlyConfigured, match="must be a list"):
        resolve("/a/", conf)


# -- checks --------------------------------------------------------------------------


def test_check_reports_likely_mistakes() -> None:
    blog = ([path("x/", v1)], "blog")
    conf = make_urlconf(
        path("/slash/", v1),
        path("^regex/(?P<pk>[0-9]+)/$", v2),
        path("named/", v3, name="a:b"),
        re_path(r"^inc/$", include([path("y/", v4)])),
        path("b1/", include(blog)),
        path("b2/", include(blog)),
        path("fine/<int:pk>/", v5, name="fine"),
    )
    warnings = get_resolver(conf).check()
    assert len(warnings) == 5
    assert "'/slash/'" in warnings[0] and "beginning with a '/'" in warnings[0]
    assert "use re_path()" in warnings[1]
    assert "name containing ':'" in warnings[2]
    assert "ending in '$'" in warnings[3]
    assert "namespace 'blog' isn't unique" in warnings[4]


def test_check_is_empty_for_a_clean_urlconf() -> None:
    conf = make_urlconf(path("a/<int:pk>/", v1, name="a"), path("b/", include([])))
    assert get_resolver(conf).check() == []


def test_urlpattern_resolve_on_its_own() -> None:
    pattern = path("<int:pk>/", v1, {"extra": 1}, name="p")
    match = pattern.resolve("3/")
    assert isinstance(match, ResolverMatch)
    assert match.kwargs == {"pk": 3, "extra": 1}
    assert pattern.resolve("x/") is None
