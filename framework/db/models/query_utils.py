"""Small building blocks of queries: ``Q`` objects, the lookup registry and
the descriptor that loads deferred fields on first access.

They live apart from ``query.py`` because fields, lookups and the SQL layer
all need them and must not import the QuerySet machinery.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from framework.db.models.fields.base import Field


class Q:
    """Combine filter conditions with ``&``, ``|`` and ``~``.

    A Q is a tree: its children are ``(lookup, value)`` pairs or other Qs, joined
    by ``connector`` (AND / OR) and optionally negated.
    """

    AND = "AND"
    OR = "OR"

    def __init__(
        self,
        *args: Q | tuple[str, Any],
        _connector: str = "AND",
        _negated: bool = False,
        **kwargs: Any,
    ) -> None:
        self.children: list[Q | tuple[str, Any]] = [*args, *sorted(kwargs.items())]
        self.connector = _connector
        self.negated = _negated

    def _combine(self, other: object, connector: str) -> Q:
        if not isinstance(other, Q):
            raise TypeError(
                f"Cannot combine Q with {type(other).__name__}; wrap it in Q()."
            )
        if not other.children:
            return copy.deepcopy(self)
        if not self.children:
            return copy.deepcopy(other)
        return Q(self, other, _connector=connector)

    def __and__(self, other: object) -> Q:
        return self._combine(other, self.AND)

    def __or__(self, other: object) -> Q:
        return self._combine(other, self.OR)

    def __invert__(self) -> Q:
        return Q(self, _negated=True)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Q)
            and self.children == other.children
            and self.connector == other.connector
            and self.negated == other.negated
        )

    def __hash__(self) -> int:
        return hash((self.connector, self.negated, repr(self.children)))

    def __repr__(self) -> str:
        prefix = "NOT " if self.negated else ""
        return f"<Q: {prefix}({self.connector}: {self.children!r})>"

    def deconstruct(self) -> tuple[str, tuple[Any, ...], dict[str, Any]]:
        """Return ``(path, args, kwargs)`` so migrations can write the Q out."""
        kwargs: dict[str, Any] = {}
        if self.connector != self.AND:
            kwargs["_connector"] = self.connector
        if self.negated:
            kwargs["_negated"] = True
        return "framework.db.models.Q", tuple(self.children), kwargs

    def flatten(self) -> Iterable[tuple[str, Any]]:
        """Yield every ``(lookup, value)`` leaf of the tree."""
        for child in self.children:
            if isinstance(child, Q):
                yield from child.flatten()
            else:
                yield child


_LOOKUP_CACHE: dict[type[Any], dict[str, type[Any]]] = {}


class RegisterLookupMixin:
    """Give a class a registry of lookups and transforms, inherited along the MRO."""

    class_lookups: ClassVar[dict[str, type[Any]]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.class_lookups = {}

    @classmethod
    def get_class_lookups(cls) -> dict[str, type[Any]]:
        """Return every lookup registered on this class or its bases."""
        cached = _LOOKUP_CACHE.get(cls)
        if cached is None:
            cached = {}
            for klass in reversed(cls.__mro__):
                cached.update(vars(klass).get("class_lookups", {}))
            _LOOKUP_CACHE[cls] = cached
        return cached

    @classmethod
    def register_lookup(cls, lookup: type[Any], name: str | None = None) -> type[Any]:
        """Make ``lookup`` usable as ``field__<name>`` on this class and subclasses."""
        cls.class_lookups[name or lookup.lookup_name] = lookup
        _LOOKUP_CACHE.clear()
        return lookup

    def get_lookup(self, name: str) -> type[Any] | None:
        """Return the lookup class (a comparison) called ``name``, if any."""
        found = type(self).get_class_lookups().get(name)
        if found is not None and not getattr(found, "is_transform", False):
            return found
        return None

    def get_transform(self, name: str) -> type[Any] | None:
        """Return the transform class (changes the value compared) called ``name``."""
        found = type(self).get_class_lookups().get(name)
        if found is not None and getattr(found, "is_transform", False):
            return found
        return None

    def lookup_names(self) -> list[str]:
        return sorted(type(self).get_class_lookups())


class DeferredAttribute:
    """Class attribute for a concrete field; loads the value when it was deferred.

    A non-data descriptor: values live in the instance ``__dict__`` (so reading a
    loaded field costs one dict lookup); this only runs when the value is missing.
    """

    def __init__(self, field: Field[Any]) -> None:
        self.field = field

    def __get__(self, instance: Any, owner: type[Any] | None = None) -> Any:
        if instance is None:
            return self
        attname = self.field.attname
        data = instance.__dict__
        if attname not in data:
            instance.refresh_from_db(fields=[attname])
        return data[attname]
