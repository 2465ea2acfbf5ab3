"""Multi-valued and case-insensitive mappings used by requests and responses."""

from __future__ import annotations

import codecs
import copy
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from typing import Any, Self, TypeVar, cast, overload
from urllib.parse import unquote, unquote_to_bytes, urlencode

from framework.core.exceptions import BadRequest, TooManyFieldsSent

__all__ = ["CaseInsensitiveMapping", "HttpHeaders", "MultiValueDict", "QueryDict"]

_T = TypeVar("_T")


class MultiValueDict(dict[str, list[Any]]):
    """A dict whose keys map to lists; plain ``d[key]`` gives the last value.

    Forms send the same key several times (checkboxes, multi-selects); this keeps
    every value while the common single-value case stays a simple lookup.
    """

    def __init__(
        self, data: Iterable[tuple[str, Any]] | Mapping[str, Any] = ()
    ) -> None:
        super().__init__()
        if isinstance(data, MultiValueDict):
            for key, values in data.lists():
                dict.__setitem__(self, key, list(values))
        elif isinstance(data, Mapping):
            for key, values in data.items():
                dict.__setitem__(self, key, _as_list(values))
        else:
            for key, value in data:
                dict.setdefault(self, key, []).append(value)

    def __getitem__(self, key: str) -> Any:
        values = super().__getitem__(key)
        if not values:
            return []
        return values[-1]

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, [value])

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {super().__repr__()}>"

    # copy and pickle through lists(): the dict protocol would keep last values only.
    def __reduce__(self) -> tuple[Any, ...]:
        lists = {key: list(values) for key, values in self.lists()}
        return (_rebuild, (type(self), lists, self.__dict__.copy()))

    def __copy__(self) -> MultiValueDict:
        return _rebuild(type(self), dict(self.lists()), self.__dict__.copy())

    def __deepcopy__(self, memo: dict[int, Any]) -> MultiValueDict:
        result = _rebuild(type(self), {}, copy.deepcopy(self.__dict__, memo))
        memo[id(self)] = result
        for key, values in self.lists():
            dict.__setitem__(
                result, copy.deepcopy(key, memo), copy.deepcopy(values, memo)
            )
        return result

    @overload  # type: ignore[override]
    def get(self, key: str) -> Any: ...
    @overload
    def get(self, key: str, default: _T) -> Any | _T: ...
    def get(self, key: str, default: Any = None) -> Any:
        """Return the last value for ``key``, or ``default``."""
        values = super().get(key)
        if not values:
            return default
        return values[-1]

    def getlist(self, key: str, default: list[Any] | None = None) -> list[Any]:
        """Return every value for ``key`` (a copy), or ``default`` or []."""
        values = super().get(key)
        if values is None:
            return [] if default is None else default
        return list(values)

    def setlist(self, key: str, values: list[Any]) -> None:
        super().__setitem__(key, list(values))

    def appendlist(self, key: str, value: Any) -> None:
        self.setlistdefault(key).append(value)

    def setdefault(self, key: str, default: Any = None) -> Any:
        """Set ``key`` to the single value ``default`` if missing; return its value."""
        if key not in self:
            self[key] = default
        return self[key]

    def setlistdefault(self, key: str, default: list[Any] | None = None) -> list[Any]:
        """Set ``key`` to the list ``default`` if missing; return the stored list."""
        if key not in self:
            self.setlist(key, default or [])
        return super().__getitem__(key)

    def items(self) -> Iterator[tuple[str, Any]]:  # type: ignore[override]
        """Yield ``(key, last value)`` pairs."""
        for key in self:
            yield key, self[key]

    def lists(self) -> Iterator[tuple[str, list[Any]]]:
        """Yield ``(key, list of values)`` pairs."""
        yield from super().items()

    def values(self) -> Iterator[Any]:  # type: ignore[override]
        for key in self:
            yield self[key]

    def copy(self) -> MultiValueDict:
        """Return a copy whose lists are new (the values themselves are shared)."""
        return self.__copy__()

    def update(self, *args: Any, **kwargs: Any) -> None:
        """Append values rather than replacing them, as form data merges do."""
        if len(args) > 1:
            raise TypeError(f"update expected at most 1 argument, got {len(args)}.")
        for other in (*args, kwargs):
            if isinstance(other, MultiValueDict):
                for key, values in list(other.lists()):
                    self.setlistdefault(key).extend(values)
            else:
                pairs = other.items() if isinstance(other, Mapping) else other
                for key, value in pairs:
                    self.setlistdefault(key).append(value)

    def dict(self) -> dict[str, Any]:
        """Return a plain dict of last values."""
        return {key: self[key] for key in self}

    # ``|`` and ``|=`` would otherwise go through dict's C code, storing bare
    # values and skipping QueryDict's immutability check.
    def __ior__(self, other: Any) -> Self:  # type: ignore[override]
        self.update(other)
        return self

    def __or__(self, other: Any) -> MultiValueDict:  # type: ignore[override]
        result = self.__copy__()
        result.update(other)
        return result


_M = TypeVar("_M", bound=MultiValueDict)


def _rebuild(
    cls: type[_M], lists: Mapping[str, list[Any]], state: dict[str, Any]
) -> _M:
    """Recreate a (sub)class instance without running its ``__init__``."""
    result = cls.__new__(cls)
    for key, values in lists.items():
        dict.__setitem__(result, key, list(values))
    result.__dict__.update(state)
    return result


def _as_list(values: Any) -> list[Any]:
    # A lone string is one value, not a sequence of characters.
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        return [values]
    return list(values)


class QueryDict(MultiValueDict):
    """Parsed query string or form body; immutable unless copied.

    Parsing rejects invalid UTF-8 (``BadRequest``) and more than
    ``max_num_fields`` fields (``TooManyFieldsSent``), both answered with 400.
    """

    _mutable = True

    def __init__(
        self,
        query_string: str | bytes | None = None,
        mutable: bool = False,
        encoding: str = "utf-8",
        max_num_fields: int | None = None,
    ) -> None:
        super().__init__(_parse_query(query_string, encoding, max_num_fields))
        self.encoding = encoding
        self._mutable = mutable

    @classmethod
    def fromkeys(  # type: ignore[override]
        cls, iterable: Iterable[str], value: Any = "", mutable: bool = False
    ) -> QueryDict:
        q = cls(mutable=True)
        for key in iterable:
            q.appendlist(key, value)
        q._mutable = mutable
        return q

    def _assert_mutable(self) -> None:
        if not self._mutable:
            raise AttributeError(
                "This QueryDict instance is immutable; call .copy() to get a "
                "mutable one."
            )

    def __setitem__(self, key: str, value: Any) -> None:
        self._assert_mutable()
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self._assert_mutable()
        super().__delitem__(key)

    def setlist(self, key: str, values: list[Any]) -> None:
        self._assert_mutable()
        super().setlist(key, values)

    def appendlist(self, key: str, value: Any) -> None:
        self._assert_mutable()
        super().appendlist(key, value)

    def setlistdefault(self, key: str, default: list[Any] | None = None) -> list[Any]:
        self._assert_mutable()
        return super().setlistdefault(key, default)

    def pop(self, key: str, *args: Any) -> Any:
        self._assert_mutable()
        return super().pop(key, *args)

    def popitem(self) -> tuple[str, list[Any]]:
        self._assert_mutable()
        return super().popitem()

    def clear(self) -> None:
        self._assert_mutable()
        super().clear()

    def setdefault(self, key: str, default: Any = None) -> Any:
        self._assert_mutable()
        return super().setdefault(key, default)

    def update(self, *args: Any, **kwargs: Any) -> None:
        self._assert_mutable()
        super().update(*args, **kwargs)

    def copy(self) -> QueryDict:
        """Return a mutable copy (new lists; the string values are shared)."""
        return self.__copy__()

    def __copy__(self) -> QueryDict:
        result = _rebuild(type(self), dict(self.lists()), self.__dict__.copy())
        result._mutable = True
        return result

    def __deepcopy__(self, memo: dict[int, Any]) -> QueryDict:
        result = cast(QueryDict, super().__deepcopy__(memo))
        result._mutable = True
        return result

    def urlencode(self, safe: str = "") -> str:
        """Encode back to a query string, every value of every key."""
        pairs = [(k, v) for k, values in self.lists() for v in values]
        return urlencode(pairs, safe=safe, encoding=self.encoding)


def _parse_query(
    query: str | bytes | None, encoding: str, max_num_fields: int | None
) -> list[tuple[str, str]]:
    """Split and decode ``a=1&b=2`` strictly: bad bytes are a client error.

    Bytes are the raw query or body; a ``str`` is taken to be text already, so
    only its ``%xx`` escapes are decoded. Only ``&`` separates fields (``;``
    has not been a separator since HTML5 and treating it as one lets caches
    and the application disagree about the parameters).
    """
    if not query:
        return []
    fields: list[Any] = [f for f in _split(query, "&") if f]
    if max_num_fields is not None and len(fields) > max_num_fields:
        raise TooManyFieldsSent(
            f"The request has more than {max_num_fields} fields; raise "
            "DATA_UPLOAD_MAX_NUMBER_FIELDS if this is expected."
        )
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise BadRequest(f"Unknown character set {encoding!r}.") from None
    pairs = []
    try:
        for field in fields:
            name, value = (_split(field, "=", 1) + [field[:0]])[:2]
            pairs.append((_unquote(name, encoding), _unquote(value, encoding)))
    except UnicodeError:
        raise BadRequest(
            f"The query string or form data is not valid {encoding}."
        ) from None
    return pairs


def _split(text: str | bytes, sep: str, limit: int = -1) -> list[Any]:
    if isinstance(text, str):
        return text.split(sep, limit)
    return text.split(sep.encode("ascii"), limit)


def _unquote(raw: str | bytes, encoding: str) -> str:
    if isinstance(raw, str):
        return unquote(raw.replace("+", " "), encoding=encoding, errors="strict")
    if b"%" in raw or b"+" in raw:
        raw = unquote_to_bytes(raw.replace(b"+", b" "))
    return raw.decode(encoding)


class CaseInsensitiveMapping(Mapping[str, str]):
    """A read-only mapping whose string keys compare case-insensitively."""

    def __init__(
        self, data: Mapping[str, str] | Iterable[tuple[str, str]] = ()
    ) -> None:
        pairs = data.items() if isinstance(data, Mapping) else data
        self._store = {k.lower(): (k, v) for k, v in pairs}

    def __getitem__(self, key: str) -> str:
        return self._store[key.lower()][1]

    def __len__(self) -> int:
        return len(self._store)

    def __iter__(self) -> Iterator[str]:
        return (original for original, _ in self._store.values())

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key.lower() in self._store

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return {k.lower(): v for k, v in other.items()} == {
                k: v for k, (_, v) in self._store.items()
            }
        return NotImplemented

    def __repr__(self) -> str:
        return repr(dict(self._store.values()))


class HttpHeaders(CaseInsensitiveMapping):
    """Request headers by their HTTP names, built from a WSGI-style META dict.

    ``request.headers["User-Agent"]`` and ``["user-agent"]`` both work.
    """

    UNPREFIXED = frozenset({"CONTENT_TYPE", "CONTENT_LENGTH"})

    def __init__(self, environ: Mapping[str, Any]) -> None:
        pairs = []
        for key, value in environ.items():
            name = self.parse_header_name(key)
            if name:
                pairs.append((name, value))
        super().__init__(pairs)

    @classmethod
    def parse_header_name(cls, key: str) -> str | None:
        """Turn ``HTTP_USER_AGENT`` into ``User-Agent``; None for non-headers."""
        if key.startswith("HTTP_"):
            key = key[5:]
        elif key not in cls.UNPREFIXED:
            return None
        return key.replace("_", "-").title()


class MutableHeaders(MutableMapping[str, str]):
    """Response headers: case-insensitive keys that keep the case they were set in."""

    def __init__(self, data: Mapping[str, str] | None = None) -> None:
        self._store: dict[str, tuple[str, str]] = {}
        if data:
            for key, value in data.items():
                self[key] = value

    def __getitem__(self, key: str) -> str:
        return self._store[key.lower()][1]

    def __setitem__(self, key: str, value: str) -> None:
        self._store[key.lower()] = (key, value)

    def __delitem__(self, key: str) -> None:
        del self._store[key.lower()]

    def __iter__(self) -> Iterator[str]:
        return (original for original, _ in self._store.values())

    def __len__(self) -> int:
        return len(self._store)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key.lower() in self._store

    def __repr__(self) -> str:
        return repr(dict(self._store.values()))
