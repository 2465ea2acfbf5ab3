"""Path converters (the ``int`` in ``path("<int:pk>/", view)``) and route parsing.

A converter is any object with a ``regex`` string, ``to_python(value)`` that
turns the matched text into the view argument, and ``to_url(value)`` that turns
an argument back into text for reverse(). ``to_python`` raising ValueError
means "this pattern does not match", so resolution moves on to the next one.

Converters are looked up when ``path()`` is called, so
:func:`register_converter` must run before the URLconf that uses it is
imported (an app's ``urls.py`` or ``AppConfig.ready()`` are good places).
"""

from __future__ import annotations

import re
import uuid
from typing import Any, NamedTuple, Protocol

from framework.core.exceptions import ImproperlyConfigured

__all__ = [
    "Converter",
    "IntConverter",
    "PathConverter",
    "SlugConverter",
    "StringConverter",
    "Segment",
    "UUIDConverter",
    "get_converter",
    "get_converters",
    "parse_route",
    "register_converter",
]


class Converter(Protocol):
    """What ``path()`` needs from a converter."""

    regex: str

    def to_python(self, value: str) -> Any: ...

    def to_url(self, value: Any) -> str: ...


class IntConverter:
    """Match digits and pass an ``int`` to the view."""

    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: Any) -> str:
        return str(value)


class StringConverter:
    """Match one non-empty path segment (no slash); the default converter."""

    regex = "[^/]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: Any) -> str:
        return str(value)


class SlugConverter(StringConverter):
    """Match ASCII letters, digits, hyphens and underscores."""

    regex = "[-a-zA-Z0-9_]+"


class PathConverter(StringConverter):
    """Match any non-empty text, slashes included (for file-like paths)."""

    regex = ".+"


class UUIDConverter:
    """Match a lower-case hyphenated UUID and pass a ``uuid.UUID``."""

    regex = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

    def to_python(self, value: str) -> uuid.UUID:
        return uuid.UUID(value)

    def to_url(self, value: Any) -> str:
        return str(value)


_converters: dict[str, Converter] = {
    "int": IntConverter(),
    "path": PathConverter(),
    "slug": SlugConverter(),
    "str": StringConverter(),
    "uuid": UUIDConverter(),
}


def register_converter(converter_class: type[Any], type_name: str) -> None:
    """Make ``<type_name:...>`` available in routes, backed by ``converter_class``.

    Registering the same class again under the same name is a no-op (modules
    can be imported twice in tests); replacing a different converter is an
    error because routes built earlier would silently keep the old one.
    """
    missing = [
        attr
        for attr in ("regex", "to_python", "to_url")
        if not hasattr(converter_class, attr)
    ]
    if missing:
        raise TypeError(
            f"Converter {converter_class!r} lacks {', '.join(missing)}; a converter "
            "needs a 'regex' string and to_python()/to_url() methods."
        )
    existing = _converters.get(type_name)
    if existing is not None:
        if type(existing) is converter_class:
            return
        raise ValueError(
            f"Converter {type_name!r} is already registered "
            f"({type(existing).__qualname__}); register yours under another name."
        )
    _converters[type_name] = converter_class()


def get_converter(type_name: str) -> Converter:
    """Return the converter registered as ``type_name``."""
    try:
        return _converters[type_name]
    except KeyError:
        known = ", ".join(sorted(_converters))
        raise ImproperlyConfigured(
            f"No URL converter is registered as {type_name!r} (known: {known}). "
            "Fix the route, or call register_converter() before the URLconf "
            "is imported."
        ) from None


def get_converters() -> dict[str, Converter]:
    """Return a copy of the registry, name -> converter instance."""
    return dict(_converters)


_PARAMETER = re.compile(r"<(?:(?P<converter>[^<>:]+):)?(?P<parameter>[^<>]+)>")


class Segment(NamedTuple):
    """One piece of a ``path()`` route: literal text, or a parameter name."""

    text: str
    param: str | None = None


def parse_route(route: str) -> tuple[tuple[Segment, ...], dict[str, Converter]]:
    """Split a ``path()`` route into segments and find each parameter's converter.

    Raises ImproperlyConfigured for malformed parameters, naming the route.
    """
    segments: list[Segment] = []
    converters: dict[str, Converter] = {}
    pos = 0
    for found in _PARAMETER.finditer(route):
        _add_literal(segments, route, route[pos : found.start()])
        name = found["parameter"]
        if any(ch.isspace() for ch in found[0]):
            raise ImproperlyConfigured(
                f"URL route {route!r} has whitespace inside angle brackets "
                f"{found[0]!r}; write parameters like '<int:pk>'."
            )
        if not name.isidentifier():
            raise ImproperlyConfigured(
                f"URL route {route!r} uses parameter name {name!r}, which is not a "
                "valid Python identifier. Rename it (e.g. '<int:pk>')."
            )
        if name in converters:
            raise ImproperlyConfigured(
                f"URL route {route!r} uses parameter name {name!r} twice; "
                "give each parameter its own name."
            )
        try:
            converters[name] = get_converter(found["converter"] or "str")
        except ImproperlyConfigured as exc:
            raise ImproperlyConfigured(f"URL route {route!r}: {exc}") from None
        segments.append(Segment("", name))
        pos = found.end()
    _add_literal(segments, route, route[pos:])
    return tuple(segments), converters


def _add_literal(segments: list[Segment], route: str, text: str) -> None:
    if "<" in text or ">" in text:
        raise ImproperlyConfigured(
            f"URL route {route!r} has an unbalanced '<' or '>'. Parameters look "
            "like '<int:pk>' or '<slug>'."
        )
    if text:
        segments.append(Segment(text))
