"""What a URLconf calls: ``path()``, ``re_path()`` and ``include()``.

These only build objects; matching lives in :mod:`framework.urls.resolvers`.
``include("app.urls")`` imports the module straight away, as Django does:
``include()`` only runs while a URLconf is being imported, which itself happens
lazily on the first resolve() or reverse().
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any, NamedTuple, overload

from framework.core.exceptions import ImproperlyConfigured
from framework.urls.resolvers import (
    RegexPattern,
    RoutePattern,
    URLPattern,
    URLResolver,
    View,
    import_urlconf,
)

__all__ = ["Included", "include", "path", "re_path"]


class Included(NamedTuple):
    """The result of include(): pass it to path() or re_path() as the view."""

    urlconf_module: Any
    app_name: str | None
    namespace: str | None


def include(arg: Any, namespace: str | None = None) -> Included:
    """Mount another URLconf under a route prefix.

    ``arg`` is a dotted module path, a module, a list of patterns, or a
    ``(patterns, app_name)`` 2-tuple. The instance namespace defaults to the
    app name (the module's ``app_name`` attribute or the tuple's second item).
    """
    app_name = None
    if isinstance(arg, tuple):
        if len(arg) != 2:
            raise ImproperlyConfigured(
                f"include() was given a {len(arg)}-tuple. Pass a 2-tuple "
                "(patterns, app_name), and give the namespace as include()'s "
                "namespace argument."
            )
        arg, app_name = arg
    module = import_urlconf(arg) if isinstance(arg, str) else arg
    app_name = getattr(module, "app_name", app_name)
    if namespace and not app_name:
        raise ImproperlyConfigured(
            f"include() was given namespace={namespace!r} but the included URLconf "
            "has no app_name. Set app_name = '...' in the included module, or pass "
            "a 2-tuple (patterns, app_name) to include()."
        )
    if not isinstance(module, ModuleType | Sequence) and not hasattr(
        module, "urlpatterns"
    ):
        raise TypeError(
            f"include() cannot use {module!r}. Pass a dotted module path, a module, "
            "a list of path() results or a (patterns, app_name) tuple."
        )
    return Included(module, app_name, namespace or app_name)


@overload
def path(
    route: str,
    view: Included,
    kwargs: dict[str, Any] | None = None,
    name: str | None = None,
) -> URLResolver: ...


@overload
def path(
    route: str,
    view: View,
    kwargs: dict[str, Any] | None = None,
    name: str | None = None,
) -> URLPattern: ...


def path(
    route: str,
    view: View | Included,
    kwargs: dict[str, Any] | None = None,
    name: str | None = None,
) -> URLPattern | URLResolver:
    """Route ``route`` (e.g. ``"posts/<int:pk>/"``) to a view or an include()."""
    return _build(route, view, kwargs, name, RoutePattern)


@overload
def re_path(
    route: str,
    view: Included,
    kwargs: dict[str, Any] | None = None,
    name: str | None = None,
) -> URLResolver: ...


@overload
def re_path(
    route: str,
    view: View,
    kwargs: dict[str, Any] | None = None,
    name: str | None = None,
) -> URLPattern: ...


def re_path(
    route: str,
    view: View | Included,
    kwargs: dict[str, Any] | None = None,
    name: str | None = None,
) -> URLPattern | URLResolver:
    """Route a regular expression (e.g. ``r"^posts/(?P<pk>[0-9]+)/$"``)."""
    return _build(route, view, kwargs, name, RegexPattern)


def _build(
    route: str,
    view: View | Included,
    kwargs: dict[str, Any] | None,
    name: str | None,
    pattern_class: Callable[..., RoutePattern | RegexPattern],
) -> URLPattern | URLResolver:
    if kwargs is not None and not isinstance(kwargs, dict):
        raise TypeError(
            f"The kwargs argument of the URL pattern {route!r} must be a dict, "
            f"not {type(kwargs).__name__}."
        )
    if isinstance(view, tuple) and len(view) == 3:
        module, app_name, namespace = view
        pattern = pattern_class(route, name=name, is_endpoint=False)
        return URLResolver(pattern, module, kwargs, app_name, namespace)
    if isinstance(view, type) and hasattr(view, "as_view"):
        raise TypeError(
            f"URL route {route!r} should pass in '{view.__name__}.as_view()' "
            f"instead of '{view.__name__}'."
        )
    if not callable(view):
        raise TypeError(
            f"The view for URL route {route!r} must be a callable or the result of "
            f"include(), not {type(view).__name__}."
        )
    return URLPattern(
        pattern_class(route, name=name, is_endpoint=True), view, kwargs, name
    )
