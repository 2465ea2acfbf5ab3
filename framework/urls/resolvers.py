"""Match request paths to views: patterns, resolvers and the resolver cache.

``path()``/``re_path()`` build a :class:`URLPattern` (a route plus a view) or a
:class:`URLResolver` (a route plus an included URLconf). The root resolver for
a URLconf is built by :func:`get_resolver` and cached; its module is imported
on first use, never when this package is imported.

Resolution keeps Django's rule that the first matching pattern wins, but does
not try patterns one by one when it can avoid it. On first use each resolver
flattens its tree into an ordered list of entries and records:

* ``_static``: the literal text of every entry whose routes have no
  parameters, mapped to the index of the first such entry;
* ``_dynamic``: the children that can match more than one text.

A path is looked up in ``_static`` first; then only dynamic children that come
*before* the literal hit are tried, so an earlier regex still wins, exactly as
an ordered scan would decide.
"""

from __future__ import annotations

import importlib
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from types import ModuleType
from typing import Any, NamedTuple

from framework.conf import settings
from framework.core.exceptions import ImproperlyConfigured
from framework.core.signals import setting_changed
from framework.urls.converters import Converter, parse_route
from framework.urls.exceptions import Resolver404

__all__ = [
    "RegexPattern",
    "ResolverMatch",
    "RoutePattern",
    "URLPattern",
    "URLResolver",
    "clear_url_caches",
    "get_resolver",
    "import_urlconf",
]

View = Callable[..., Any]
# What a pattern's match() returns: the unmatched rest, positional and keyword args.
Match = tuple[str, tuple[Any, ...], dict[str, Any]]

_REGEX_META = frozenset(".^$*+?{}[]\\|()")
_NO_ARGS: tuple[Any, ...] = ()


class _BasePattern:
    """What both pattern kinds share: the literal fast path and labels."""

    regex: re.Pattern[str]
    converters: dict[str, Converter]

    def __init__(self, route: str, name: str | None, is_endpoint: bool) -> None:
        if not isinstance(route, str):
            raise TypeError(f"A URL route must be a str, not {type(route).__name__}.")
        self.route = route
        self.name = name
        self.is_endpoint = is_endpoint
        # Set when the route matches one text only: comparing strings is much
        # cheaper than running a regex.
        self.literal: str | None = None
        # Text every match starts with; lets resolvers skip the regex call.
        self.head = ""

    def match(self, path: str) -> Match | None:
        """Match the start of ``path`` (all of it, for an endpoint)."""
        literal = self.literal
        if literal is None:
            return self._match_regex(path)
        if self.is_endpoint:
            return ("", _NO_ARGS, {}) if path == literal else None
        if path.startswith(literal):
            return path[len(literal) :], _NO_ARGS, {}
        return None

    def _match_regex(self, path: str) -> Match | None:
        raise NotImplementedError

    def check(self) -> list[str]:
        """Return warnings about routes that are probably mistakes."""
        if self.route.removeprefix("^").startswith("/"):
            return [
                f"Your URL pattern {self.describe()} has a route beginning with a "
                "'/'. Remove the slash: paths are matched without their leading "
                "'/'. If this pattern is included, end the include() route with '/'."
            ]
        return []

    def describe(self) -> str:
        return f"'{self.route}'" + (f" [name='{self.name}']" if self.name else "")

    def __str__(self) -> str:
        return self.route


class RoutePattern(_BasePattern):
    """A ``path()`` route such as ``"articles/<int:year>/"``."""

    def __init__(self, route: str, name: str | None = None, is_endpoint: bool = True):
        super().__init__(route, name, is_endpoint)
        self.segments, self.converters = parse_route(route)
        source = "^" + "".join(
            re.escape(s.text)
            if s.param is None
            else f"(?P<{s.param}>{self.converters[s.param].regex})"
            for s in self.segments
        )
        self.regex = re.compile(source + (r"\Z" if is_endpoint else ""))
        self.literal = None if self.converters else route
        self.head = self.segments[0].text if self.segments else ""

    def _match_regex(self, path: str) -> Match | None:
        if self.is_endpoint:
            found = self.regex.fullmatch(path)
        else:
            found = self.regex.match(path)
        if found is None:
            return None
        kwargs = found.groupdict()
        try:
            for key, converter in self.converters.items():
                kwargs[key] = converter.to_python(kwargs[key])
        except ValueError:
            return None
        return path[found.end() :], _NO_ARGS, kwargs

    def check(self) -> list[str]:
        warnings = super().check()
        route = self.route
        if "(?P<" in route or route.startswith("^") or route.endswith("$"):
            warnings.append(
                f"Your URL pattern {self.describe()} has a route that contains "
                "'(?P<', begins with a '^', or ends with a '$'. path() routes are "
                "not regular expressions; use re_path() for a regex."
            )
        return warnings


class RegexPattern(_BasePattern):
    """A ``re_path()`` regex such as ``r"^articles/(?P<year>[0-9]{4})/$"``.

    Like Django, an endpoint ending in ``$`` must match the whole remaining
    path; other regexes are searched for, so they should start with ``^``.
    """

    def __init__(self, regex: str, name: str | None = None, is_endpoint: bool = True):
        super().__init__(regex, name, is_endpoint)
        self.converters = {}
        try:
            self.regex = re.compile(regex)
        except re.error as exc:
            raise ImproperlyConfigured(
                f"URL pattern {regex!r} is not a valid regular expression ({exc}). "
                "Fix the re_path() regex."
            ) from exc
        self._full = is_endpoint and regex.endswith("$")
        self.head, self.literal = _regex_text(regex, is_endpoint)

    def _match_regex(self, path: str) -> Match | None:
        """Match like Django: named groups become kwargs, else groups are args."""
        found = self.regex.fullmatch(path) if self._full else self.regex.search(path)
        if found is None:
            return None
        kwargs = {k: v for k, v in found.groupdict().items() if v is not None}
        args = _NO_ARGS if kwargs else found.groups()
        return path[found.end() :], args, kwargs

    def check(self) -> list[str]:
        warnings = super().check()
        route = self.route
        if not self.is_endpoint and route.endswith("$") and not route.endswith("\\$"):
            warnings.append(
                f"Your URL pattern {self.describe()} uses include() with a regex "
                "ending in '$'. Remove the '$' so the included patterns can match."
            )
        return warnings


Pattern = RoutePattern | RegexPattern


def _regex_text(regex: str, is_endpoint: bool) -> tuple[str, str | None]:
    """Return the text every match starts with, and the text if it is fixed."""
    if not regex.startswith("^") or "|" in regex:
        return "", None
    body = regex[1:]
    end = next((i for i, ch in enumerate(body) if ch in _REGEX_META), len(body))
    if body[end : end + 1] in ("?", "*", "{"):
        end -= 1  # the character before an optional quantifier may be absent
    head = body[:end]
    return head, head if body == head + ("$" if is_endpoint else "") else None


class URLPattern:
    """A route that ends at a view."""

    def __init__(
        self,
        pattern: Pattern,
        callback: View,
        default_args: dict[str, Any] | None = None,
        name: str | None = None,
    ) -> None:
        self.pattern = pattern
        self.callback = callback
        self.default_args = default_args or {}
        self.name = name

    @property
    def lookup_str(self) -> str:
        """Return the view's dotted path, for debug pages and messages."""
        return _func_path(self.callback)

    def resolve(self, path: str) -> ResolverMatch | None:
        """Match ``path`` (already relative to any include) against this route."""
        found = self.pattern.match(path)
        if found is None:
            return None
        _, args, kwargs = found
        kwargs = {**kwargs, **self.default_args}
        return ResolverMatch(
            self.callback, args, kwargs, self.name, route=str(self.pattern)
        )

    def check(self) -> list[str]:
        warnings = self.pattern.check()
        if self.name and ":" in self.name:
            warnings.append(
                f"Your URL pattern {self.pattern.describe()} has a name containing "
                "':'. Remove it: ':' separates namespaces in reverse()."
            )
        return warnings

    def __repr__(self) -> str:
        return f"<URLPattern {self.pattern.describe()}>"


class _Entry(NamedTuple):
    """One endpoint reachable from a resolver, with the includes leading to it."""

    includes: tuple[URLResolver, ...]
    endpoint: URLPattern
    defaults: dict[str, Any]

    @property
    def chain(self) -> tuple[URLResolver | URLPattern, ...]:
        return (*self.includes, self.endpoint)


class _Target(NamedTuple):
    """What a ResolverMatch needs for an entry, computed once."""

    func: View
    url_name: str | None
    app_names: list[str]
    namespaces: list[str]
    route: str


class URLResolver:
    """A route prefix plus an included URLconf (module, or list of patterns)."""

    def __init__(
        self,
        pattern: Pattern,
        urlconf_name: Any,
        default_kwargs: dict[str, Any] | None = None,
        app_name: str | None = None,
        namespace: str | None = None,
    ) -> None:
        self.pattern = pattern
        self.urlconf_name = urlconf_name
        self.default_kwargs = default_kwargs or {}
        self.app_name = app_name
        self.namespace = namespace
        self._module: Any = None if isinstance(urlconf_name, str) else urlconf_name
        self._patterns: list[URLPattern | URLResolver] | None = None
        self._lock = threading.Lock()
        self._populated = False
        self._entries: list[_Entry] = []
        self._static: dict[str, int] = {}
        self._dynamic: list[tuple[int, URLPattern | URLResolver]] = []
        self._targets: list[_Target] | None = None

    @property
    def urlconf_module(self) -> Any:
        """Return the URLconf, importing it on first use."""
        if self._module is None:
            self._module = import_urlconf(self.urlconf_name)
        return self._module

    @property
    def url_patterns(self) -> list[URLPattern | URLResolver]:
        """Return the validated ``urlpatterns`` of the URLconf."""
        if self._patterns is None:
            self._patterns = _load_patterns(self.urlconf_module, self.urlconf_name)
        return self._patterns

    def resolve(self, path: str) -> ResolverMatch:
        """Return the match for ``path`` or raise Resolver404."""
        if not self._populated:
            self._populate()
        found = self.pattern.match(path)
        if found is not None:
            rest, args, kwargs = found
            sub = self._match(rest, len(self._entries))
            if sub is not None:
                index, sub_args, sub_kwargs = sub
                if kwargs or self.default_kwargs:
                    sub_kwargs = {**kwargs, **self.default_kwargs, **sub_kwargs}
                return self._build_match(
                    index, sub_args if sub_kwargs else args + sub_args, sub_kwargs
                )
        raise Resolver404(path, [entry.chain for entry in self._entries])

    def _match(
        self, path: str, limit: int
    ) -> tuple[int, tuple[Any, ...], dict[str, Any]] | None:
        """Find the first entry before ``limit`` matching ``path``."""
        hit = self._static.get(path)
        if hit is not None and hit < limit:
            limit = hit
        for start, item in self._dynamic:
            if start >= limit:
                break
            pattern = item.pattern
            if not path.startswith(pattern.head):
                continue
            found = pattern.match(path)
            if found is None:
                continue
            rest, args, kwargs = found
            if isinstance(item, URLPattern):
                return start, args, {**kwargs, **item.default_args}
            sub = item._match(rest, limit - start)
            if sub is None:
                continue
            index, sub_args, sub_kwargs = sub
            merged = {**kwargs, **item.default_kwargs, **sub_kwargs}
            return start + index, sub_args if merged else args + sub_args, merged
        if hit is not None and hit == limit:
            return hit, _NO_ARGS, dict(self._entries[hit].defaults)
        return None

    def _build_match(
        self, index: int, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> ResolverMatch:
        targets = self._targets
        if targets is None:
            targets = self._targets = [self._target(e) for e in self._entries]
        target = targets[index]
        match = ResolverMatch(
            target.func,
            args,
            kwargs,
            target.url_name,
            target.app_names,
            target.namespaces,
            target.route,
        )
        match._tried_from = (self, index)
        return match

    def _target(self, entry: _Entry) -> _Target:
        includes = (self, *entry.includes)
        route = ""
        for item in entry.chain:
            route = _join_route(route, str(item.pattern))
        return _Target(
            entry.endpoint.callback,
            entry.endpoint.name,
            [r.app_name for r in includes if r.app_name],
            [r.namespace for r in includes if r.namespace],
            route,
        )

    def _populate(self) -> None:
        """Flatten the tree into entries, the static index and dynamic children."""
        with self._lock:
            if self._populated:
                return
            entries: list[_Entry] = []
            static: dict[str, int] = {}
            dynamic: list[tuple[int, URLPattern | URLResolver]] = []
            for item in self.url_patterns:
                start = len(entries)
                if isinstance(item, URLPattern):
                    entries.append(_Entry((), item, dict(item.default_args)))
                    if item.pattern.literal is None:
                        dynamic.append((start, item))
                    else:
                        static.setdefault(item.pattern.literal, start)
                    continue
                item._populate()
                entries.extend(
                    _Entry(
                        (item, *e.includes),
                        e.endpoint,
                        {**item.default_kwargs, **e.defaults},
                    )
                    for e in item._entries
                )
                prefix = item.pattern.literal
                if prefix is not None:
                    for text, index in item._static.items():
                        static.setdefault(prefix + text, start + index)
                if item._dynamic or (prefix is None and item._entries):
                    dynamic.append((start, item))
            self._entries, self._static, self._dynamic = entries, static, dynamic
            self._populated = True

    def check(self) -> list[str]:
        """Return human-readable warnings about this URLconf and its includes.

        The system-check framework turns each string into a warning with an id.
        """
        warnings = self._check_patterns()
        seen: set[str] = set()
        for namespace in self._namespace_paths(""):
            if namespace in seen:
                warnings.append(
                    f"URL namespace '{namespace}' isn't unique. You may not be able "
                    "to reverse all URLs in it; give each include() its own namespace."
                )
            seen.add(namespace)
        return warnings

    def _check_patterns(self) -> list[str]:
        warnings: list[str] = []
        for item in self.url_patterns:
            if isinstance(item, URLPattern):
                warnings.extend(item.check())
            else:
                warnings.extend(item.pattern.check())
                warnings.extend(item._check_patterns())
        return warnings

    def _namespace_paths(self, prefix: str) -> Iterator[str]:
        for item in self.url_patterns:
            if isinstance(item, URLResolver):
                inner = prefix
                if item.namespace:
                    inner = f"{prefix}{item.namespace}"
                    yield inner
                    inner += ":"
                yield from item._namespace_paths(inner)

    def __repr__(self) -> str:
        label = self.urlconf_name
        if not isinstance(label, str):
            label = getattr(label, "__name__", type(label).__name__)
        extra = f" (app_name='{self.app_name}', namespace='{self.namespace}')"
        return f"<URLResolver {label} {self.pattern.describe()}{extra}>"


def _join_route(left: str, right: str) -> str:
    return left + right.removeprefix("^") if left else right


def _func_path(func: Any) -> str:
    func = getattr(func, "view_class", func)
    name = getattr(func, "__qualname__", None) or type(func).__qualname__
    return f"{getattr(func, '__module__', '?')}.{name}"


class ResolverMatch:
    """The outcome of resolving a path: the view, its arguments and names.

    Unpacks like Django's: ``func, args, kwargs = resolve(path)``.
    """

    def __init__(
        self,
        func: View,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        url_name: str | None = None,
        app_names: Sequence[str | None] | None = None,
        namespaces: Sequence[str | None] | None = None,
        route: str = "",
        tried: list[list[Any]] | None = None,
    ) -> None:
        self.func = func
        self.args = args
        self.kwargs = kwargs
        self.url_name = url_name
        self.route = route
        self.app_names = [n for n in app_names if n] if app_names else []
        self.app_name = ":".join(self.app_names)
        self.namespaces = [n for n in namespaces if n] if namespaces else []
        self.namespace = ":".join(self.namespaces)
        self._tried = tried
        self._tried_from: tuple[URLResolver, int] | None = None

    @property
    def view_name(self) -> str:
        """Return ``"namespace:name"`` (the view's dotted path if unnamed)."""
        return ":".join([*self.namespaces, self.url_name or _func_path(self.func)])

    @property
    def tried(self) -> list[list[Any]]:
        """Return the pattern chains that came before the matching one."""
        if self._tried is None:
            if self._tried_from is None:
                return []
            resolver, index = self._tried_from
            self._tried = [list(e.chain) for e in resolver._entries[:index]]
        return self._tried

    def __getitem__(self, index: int) -> Any:
        return (self.func, self.args, self.kwargs)[index]

    def __iter__(self) -> Iterator[Any]:
        return iter((self.func, self.args, self.kwargs))

    def __repr__(self) -> str:
        return (
            f"ResolverMatch(func={_func_path(self.func)}, args={self.args!r}, "
            f"kwargs={self.kwargs!r}, url_name={self.url_name!r}, "
            f"app_names={self.app_names!r}, namespaces={self.namespaces!r}, "
            f"route={self.route!r})"
        )


def import_urlconf(name: str) -> ModuleType:
    """Import a URLconf module, saying which setting to fix if it is missing."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        missing = exc.name or ""
        if missing and (name == missing or name.startswith(missing + ".")):
            raise ImproperlyConfigured(
                f"The URLconf module {name!r} could not be imported ({exc}). Check "
                "the ROOT_URLCONF setting, the include() call or request.urlconf."
            ) from exc
        raise


def _load_patterns(module: Any, name: Any) -> list[URLPattern | URLResolver]:
    label = name if isinstance(name, str) else getattr(module, "__name__", repr(module))
    if isinstance(module, ModuleType) and not hasattr(module, "urlpatterns"):
        raise ImproperlyConfigured(
            f"The URLconf module {label!r} has no 'urlpatterns'. Add "
            "'urlpatterns = [path(...), ...]' to it (an empty list is fine)."
        )
    patterns = getattr(module, "urlpatterns", module)
    if isinstance(patterns, str) or not isinstance(patterns, Sequence):
        raise ImproperlyConfigured(
            f"'urlpatterns' in {label!r} must be a list of path()/re_path() results, "
            f"not {type(patterns).__name__}."
        )
    for position, item in enumerate(patterns):
        if not isinstance(item, URLPattern | URLResolver):
            raise ImproperlyConfigured(
                f"urlpatterns[{position}] in {label!r} is {item!r}, not a path() or "
                "re_path() result. Write path('route/', view) for views and "
                "path('prefix/', include(...)) for other URLconfs."
            )
    return list(patterns)


_resolvers: dict[Any, URLResolver] = {}


def get_resolver(urlconf: str | ModuleType | None = None) -> URLResolver:
    """Return the cached root resolver for ``urlconf`` (default: ROOT_URLCONF)."""
    if urlconf is None:
        urlconf = settings.ROOT_URLCONF
        if not urlconf:
            raise ImproperlyConfigured(
                "The ROOT_URLCONF setting is not set. Set it to the dotted path of the "
                "module holding your urlpatterns, e.g. ROOT_URLCONF = 'mysite.urls'."
            )
    resolver = _resolvers.get(urlconf)
    if resolver is None:
        resolver = _resolvers.setdefault(
            urlconf, URLResolver(RegexPattern("^/", is_endpoint=False), urlconf)
        )
    return resolver


def clear_url_caches() -> None:
    """Forget cached resolvers, so URLconf changes (in tests) take effect."""
    _resolvers.clear()


def _on_setting_changed(**kwargs: Any) -> None:
    if kwargs.get("setting") == "ROOT_URLCONF":
        clear_url_caches()


setting_changed.connect(_on_setting_changed, dispatch_uid="framework.urls.resolvers")
