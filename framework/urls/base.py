"""Build URLs from names (reverse) and resolve paths, under a script prefix.

reverse() looks names up in an index built once per root resolver: each
namespace holds a dict from pattern name (and view callable) to the patterns
that carry it, last-defined first as in Django. Each candidate turns its
routes into a template once, so reversing is formatting plus one regex check
per route; routes without parameters are formatted ahead of time.

re_path() regexes are reversible when made of literal text, ``.`` and capturing
groups, with ``?``/``*``/``+`` on single characters; other constructs
(alternation, character classes outside groups, non-capturing groups) make
that pattern unreversible, and the NoReverseMatch message says so.
"""

from __future__ import annotations

import difflib
import re
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from types import ModuleType
from typing import Any, NamedTuple
from urllib.parse import quote, urlencode

from framework.urls.converters import Converter
from framework.urls.exceptions import NoReverseMatch
from framework.urls.resolvers import (
    RegexPattern,
    ResolverMatch,
    RoutePattern,
    URLPattern,
    URLResolver,
    get_resolver,
)

__all__ = [
    "LazyURL",
    "get_script_prefix",
    "resolve",
    "reverse",
    "reverse_lazy",
    "set_script_prefix",
]

# Characters reverse() leaves unquoted: RFC 3986 sub-delimiters plus "/~:@".
_SAFE = "/~:@!$&'()*+,;="
_NEEDS_QUOTING = re.compile(r"[^A-Za-z0-9_.\-~/:@!$&'()*+,;=]")
_ZERO_WIDTH_ESCAPES = frozenset("AZbB")

_script_prefix = "/"


def set_script_prefix(prefix: str) -> None:
    """Set the prefix reverse() puts before every URL (from SCRIPT_NAME)."""
    global _script_prefix
    _script_prefix = prefix if prefix.endswith("/") else prefix + "/"


def get_script_prefix() -> str:
    """Return the prefix reverse() puts before every URL; ``"/"`` by default."""
    return _script_prefix


def resolve(path: str, urlconf: str | ModuleType | None = None) -> ResolverMatch:
    """Return the ResolverMatch for ``path`` (which starts with "/")."""
    return get_resolver(urlconf).resolve(path)


class _Param(NamedTuple):
    """A placeholder in a URL template."""

    name: str


Template = list[str | _Param]


class _Level(NamedTuple):
    """One route of a chain: its template and the regex its text must match."""

    template: Template
    pattern: RoutePattern | RegexPattern


class _Candidate:
    """One pattern chain that reverse() can format for a name."""

    def __init__(
        self, chain: Sequence[URLResolver | URLPattern], defaults: dict[str, Any]
    ):
        self.defaults = defaults
        self.static_url: str | None = None
        self.route = "".join(str(item.pattern).removeprefix("^") for item in chain)
        self.converters: dict[str, Converter] = {}
        self.levels: list[_Level] | None = []
        self.params: list[str] = []
        for item in chain:
            template = _template(item.pattern, len(self.params))
            if template is None:
                self.levels = None
                return
            self.levels.append(_Level(template, item.pattern))
            self.params.extend(p.name for p in template if isinstance(p, _Param))
            self.converters.update(item.pattern.converters)
        self.static_url = None if self.params else self._format({})

    def build(self, args: Sequence[Any], kwargs: Mapping[str, Any]) -> str | None:
        """Return the quoted URL (without prefix), or None if the values don't fit."""
        if self.levels is None:
            return None
        if not args and not kwargs and self.static_url is not None:
            return self.static_url
        if args:
            if len(args) != len(self.params):
                return None
            values = dict(zip(self.params, args, strict=True))
        else:
            if set(kwargs).symmetric_difference(self.params).difference(self.defaults):
                return None
            if any(kwargs.get(k, v) != v for k, v in self.defaults.items()):
                return None
            values = {
                p: kwargs[p] if p in kwargs else self.defaults[p] for p in self.params
            }
        texts: dict[str, str] = {}
        for name, value in values.items():
            converter = self.converters.get(name)
            try:
                texts[name] = (
                    str(value) if converter is None else converter.to_url(value)
                )
            except ValueError:
                return None
        return self._format(texts)

    def _format(self, texts: dict[str, str]) -> str | None:
        pieces = []
        for template, pattern in self.levels or ():
            text = "".join(p if isinstance(p, str) else texts[p.name] for p in template)
            if pattern.regex.fullmatch(text) is None:
                return None
            pieces.append(text)
        url = "".join(pieces)
        return quote(url, safe=_SAFE) if _NEEDS_QUOTING.search(url) else url


def _template(pattern: RoutePattern | RegexPattern, offset: int) -> Template | None:
    if isinstance(pattern, RoutePattern):
        return [
            s.text if s.param is None else _Param(s.param) for s in pattern.segments
        ]
    return _regex_template(pattern.route, offset)


def _regex_template(regex: str, offset: int) -> Template | None:
    """Turn a simple regex into a template; None if it is too complex to reverse.

    Positional groups get names ``_0``, ``_1``... counted from ``offset`` so
    they stay distinct across the routes of one chain.
    """
    parts: Template = []
    i = 1 if regex.startswith("^") else 0
    while i < len(regex):
        ch = regex[i]
        if ch == "\\" and i + 1 < len(regex):
            escaped = regex[i + 1]
            if escaped.isalnum() and escaped not in _ZERO_WIDTH_ESCAPES:
                return None
            if not escaped.isalnum():
                parts.append(escaped)
            i += 2
        elif ch == "$" and i == len(regex) - 1:
            i += 1
        elif ch == "(":
            end = _group_end(regex, i)
            inner = regex[i + 1 : end]
            if inner.startswith("?P<") and ">" in inner:
                parts.append(_Param(inner[3 : inner.index(">")]))
            elif inner.startswith("?") or end == len(regex):
                return None
            else:
                parts.append(_Param(f"_{offset}"))
                offset += 1
            i = end + 1
            if i < len(regex) and regex[i] in "?*+{":
                return None
        elif ch in "?*" and parts and isinstance(parts[-1], str):
            parts.pop()  # zero occurrences of the optional character
            i += 2 if regex[i + 1 : i + 2] == "?" else 1
        elif ch == "+" and parts and isinstance(parts[-1], str):
            i += 2 if regex[i + 1 : i + 2] == "?" else 1
        elif ch in "[]{}()|^$?*+\\":
            return None
        else:
            parts.append(ch)
            i += 1
    return parts


def _group_end(regex: str, start: int) -> int:
    """Return the index of the ")" closing the group opened at ``start``."""
    depth = 0
    in_class = False
    i = start
    while i < len(regex):
        ch = regex[i]
        if ch == "\\":
            i += 1
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return len(regex)


class _Namespace:
    """The names reachable in one namespace, and the namespaces inside it."""

    def __init__(self) -> None:
        self.names: dict[Any, list[_Candidate]] = {}
        self.children: dict[str, _Namespace] = {}
        self.apps: dict[str, list[str]] = {}

    def collect(
        self,
        resolver: URLResolver,
        prefix: tuple[URLResolver, ...],
        defaults: dict[str, Any],
    ) -> None:
        """Add the patterns of ``resolver``; named includes become children."""
        for item in resolver.url_patterns:
            if isinstance(item, URLPattern):
                candidate = _Candidate(
                    (*prefix, item), {**defaults, **item.default_args}
                )
                keys: list[Any] = [item.name] if item.name else []
                if getattr(item.callback, "__hash__", None) is not None:
                    keys.append(item.callback)
                for key in keys:
                    self.names.setdefault(key, []).append(candidate)
                continue
            chain, inner = (*prefix, item), {**defaults, **item.default_kwargs}
            if not item.namespace:
                self.collect(item, chain, inner)
                continue
            self.apps.setdefault(item.app_name or item.namespace, []).append(
                item.namespace
            )
            if item.namespace not in self.children:  # the first one wins, as in Django
                child = self.children[item.namespace] = _Namespace()
                child.collect(item, chain, inner)

    def finish(self) -> None:
        """Order candidates last-defined first, the order Django's reverse tries."""
        for candidates in self.names.values():
            candidates.reverse()
        for child in self.children.values():
            child.finish()

    def qualified_names(self, prefix: str = "") -> Iterator[str]:
        for name in self.names:
            if isinstance(name, str):
                yield prefix + name
        for namespace, child in self.children.items():
            yield from child.qualified_names(f"{prefix}{namespace}:")


_indexes: weakref.WeakKeyDictionary[URLResolver, _Namespace] = (
    weakref.WeakKeyDictionary()
)


# Most projects reverse against one resolver; remembering the last one skips the
# weak-reference lookup on the common path.
_last: tuple[URLResolver | None, _Namespace] = (None, _Namespace())


def _index(resolver: URLResolver) -> _Namespace:
    global _last
    if _last[0] is resolver:
        return _last[1]
    index = _indexes.get(resolver)
    if index is None:
        index = _Namespace()
        index.collect(resolver, (), dict(resolver.default_kwargs))
        index.finish()
        _indexes[resolver] = index
    _last = (resolver, index)
    return index


def reverse(
    viewname: str | Callable[..., Any],
    urlconf: str | ModuleType | None = None,
    args: Sequence[Any] | None = None,
    kwargs: Mapping[str, Any] | None = None,
    current_app: str | None = None,
    query: Any = None,
    fragment: str | None = None,
) -> str:
    """Return the URL path for a pattern name such as ``"blog:detail"``.

    ``query`` (a dict, QueryDict or list of pairs) becomes the query string
    and ``fragment`` the part after "#".
    """
    if args and kwargs:
        raise ValueError("reverse() takes args or kwargs, not both.")
    root = _index(get_resolver(urlconf))
    node, name = root, viewname
    if isinstance(viewname, str):
        *namespaces, name = viewname.split(":")
        node = _find_namespace(root, namespaces, current_app)
    candidates = node.names.get(name)
    if not candidates:
        raise NoReverseMatch(_unknown_name_message(viewname, root))
    for candidate in candidates:
        url = candidate.build(args or (), kwargs or {})
        if url is not None:
            break
    else:
        raise NoReverseMatch(_mismatch_message(viewname, args, kwargs, candidates))
    url = _script_prefix + url
    if url.startswith("//"):  # never produce a scheme-relative URL
        url = "/%2F" + url[2:]
    if query is not None:
        query_string = _encode_query(query)
        if query_string:
            url += "?" + query_string
    if fragment is not None:
        url += "#" + quote(fragment, safe=_SAFE + "?%")
    return url


def _find_namespace(
    root: _Namespace, path: list[str], current_app: str | None
) -> _Namespace:
    """Walk ``path``, preferring ``current_app``'s instances of app namespaces."""
    current = current_app.split(":") if current_app else []
    node = root
    resolved: list[str] = []
    for namespace in path:
        current_ns = current.pop(0) if current else None
        instances = node.apps.get(namespace)
        if instances is not None:
            if current_ns and current_ns in instances:
                namespace = current_ns
            elif namespace not in instances:
                namespace = instances[-1]  # the last deployed instance
        if namespace != current_ns:
            current = []
        child = node.children.get(namespace)
        if child is None:
            where = f" inside {':'.join(resolved)!r}" if resolved else ""
            known = ", ".join(repr(n) for n in node.children) or "none"
            raise NoReverseMatch(
                f"{namespace!r} is not a registered namespace{where} (registered: "
                f"{known}). Set app_name in the included URLconf or pass "
                "namespace= to include()."
            )
        node = child
        resolved.append(namespace)
    return node


def _unknown_name_message(viewname: Any, root: _Namespace) -> str:
    label = viewname if isinstance(viewname, str) else _callable_name(viewname)
    message = (
        f"Reverse for {label!r} not found. {label!r} is not a valid view function "
        "or pattern name."
    )
    if not isinstance(viewname, str):
        return message
    known = list(root.qualified_names())
    short = viewname.rpartition(":")[2]
    hints = [n for n in known if n.rpartition(":")[2] == short and n != viewname]
    hints += [
        n for n in difflib.get_close_matches(viewname, known, n=3) if n not in hints
    ]
    if hints:
        message += " Did you mean " + ", ".join(repr(h) for h in hints[:5]) + "?"
    return message


def _mismatch_message(
    viewname: Any,
    args: Sequence[Any] | None,
    kwargs: Mapping[str, Any] | None,
    candidates: list[_Candidate],
) -> str:
    label = viewname if isinstance(viewname, str) else _callable_name(viewname)
    if args:
        given = f"arguments {tuple(args)!r}"
    elif kwargs:
        given = f"keyword arguments {dict(kwargs)!r}"
    else:
        given = "no arguments"
    tried = [
        c.route if c.levels is not None else f"{c.route} (regex too complex to reverse)"
        for c in candidates
    ]
    return (
        f"Reverse for {label!r} with {given} not found. {len(tried)} pattern(s) "
        f"tried: {tried!r}"
    )


def _callable_name(func: Any) -> str:
    return f"{getattr(func, '__module__', '?')}.{getattr(func, '__qualname__', func)}"


def _encode_query(query: Any) -> str:
    if hasattr(query, "lists"):  # QueryDict and other multi-value dicts
        return urlencode([(k, v) for k, values in query.lists() for v in values])
    if isinstance(query, Mapping):
        return urlencode(list(query.items()), doseq=True)
    return urlencode(list(query), doseq=True)


class LazyURL:
    """A URL reversed on first use; use it where a URL is needed at import time.

    ``str(url)`` reverses once and caches. It compares, hashes and concatenates
    like the str it stands for; pass ``str(url)`` to APIs that insist on a real
    str.
    """

    __slots__ = ("_args", "_value")

    def __init__(self, viewname: str | Callable[..., Any], **options: Any) -> None:
        self._args = (viewname, options)
        self._value: str | None = None

    def __str__(self) -> str:
        if self._value is None:
            viewname, options = self._args
            self._value = reverse(viewname, **options)
        return self._value

    def __repr__(self) -> str:
        return f"LazyURL({self._args[0]!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyURL | str):
            return str(self) == str(other)
        return NotImplemented

    def __lt__(self, other: object) -> bool:
        if isinstance(other, LazyURL | str):
            return str(self) < str(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(str(self))

    def __add__(self, other: str) -> str:
        return str(self) + other

    def __radd__(self, other: str) -> str:
        return other + str(self)

    def __len__(self) -> int:
        return len(str(self))

    def __contains__(self, item: str) -> bool:
        return item in str(self)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(str(self), name)


def reverse_lazy(
    viewname: str | Callable[..., Any],
    urlconf: str | ModuleType | None = None,
    args: Sequence[Any] | None = None,
    kwargs: Mapping[str, Any] | None = None,
    current_app: str | None = None,
    query: Any = None,
    fragment: str | None = None,
) -> LazyURL:
    """Return a LazyURL: reverse() deferred until the value is first used."""
    return LazyURL(
        viewname,
        urlconf=urlconf,
        args=args,
        kwargs=kwargs,
        current_app=current_app,
        query=query,
        fragment=fragment,
    )
