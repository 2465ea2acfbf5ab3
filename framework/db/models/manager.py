"""Managers: the ``Model.objects`` entry point to QuerySets.

A manager hands out fresh QuerySets (``get_queryset()``) and exposes every
public QuerySet method as its own, so ``Post.objects.filter(...)`` works.
``Manager.from_queryset(MyQuerySet)`` and ``MyQuerySet.as_manager()`` build
managers for custom QuerySets.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from framework.db.models.query import QuerySet
from framework.db.models.raw import RawQuerySet

_M = TypeVar("_M")


def _proxy(name: str) -> Any:
    def method(self: BaseManager[Any], *args: Any, **kwargs: Any) -> Any:
        return getattr(self.get_queryset(), name)(*args, **kwargs)

    method.__name__ = name
    return method


class BaseManager(Generic[_M]):
    """Hand out QuerySets of ``_queryset_class`` for the model it is attached to."""

    creation_counter: int = 0
    _queryset_class: ClassVar[type[QuerySet[Any]]] = QuerySet
    _built_with_as_manager = False

    def __init__(self) -> None:
        self.model: Any = None
        self.name: str | None = None
        self._db: str | None = None
        self.creation_counter = BaseManager.creation_counter
        BaseManager.creation_counter += 1

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        for name, member in inspect.getmembers(cls._queryset_class, callable):
            if name.startswith("_") or getattr(member, "queryset_only", False):
                continue
            if not hasattr(cls, name):
                setattr(cls, name, _proxy(name))

    def __repr__(self) -> str:
        model = self.model._meta.label if self.model is not None else "unbound"
        return f"<{type(self).__name__} {self.name} of {model}>"

    def __class_getitem__(cls, item: Any) -> Any:
        return cls

    @classmethod
    def from_queryset(
        cls, queryset_class: type[QuerySet[Any]], class_name: str | None = None
    ) -> type[BaseManager[Any]]:
        """Return a manager class exposing ``queryset_class``'s methods."""
        name = class_name or f"{cls.__name__}From{queryset_class.__name__}"
        return type(name, (cls,), {"_queryset_class": queryset_class})

    def contribute_to_class(self, cls: type[Any], name: str) -> None:
        self.name = self.name or name
        self.model = cls
        setattr(cls, name, ManagerDescriptor(self))
        cls._meta.add_manager(self)

    def deconstruct(self) -> tuple[bool, str, None, tuple[Any, ...], dict[str, Any]]:
        """Describe the manager for migrations (``use_in_migrations`` only)."""
        path = f"{type(self).__module__}.{type(self).__qualname__}"
        return False, path, None, (), {}

    def db_manager(self, using: str | None = None) -> BaseManager[_M]:
        clone = type(self).__new__(type(self))
        clone.__dict__.update(self.__dict__)
        clone._db = using
        return clone

    @property
    def db(self) -> str | None:
        return self._db

    def get_queryset(self) -> QuerySet[_M]:
        """Return a new QuerySet; override to change what the manager returns."""
        return self._queryset_class(model=self.model, using=self._db)

    def all(self) -> QuerySet[_M]:
        return self.get_queryset()

    def raw(
        self,
        raw_query: str,
        params: Sequence[Any] | Mapping[str, Any] = (),
        translations: Mapping[str, str] | None = None,
        using: str | None = None,
    ) -> RawQuerySet:
        """Run ``raw_query`` (``%s`` placeholders) and yield model instances."""
        return RawQuerySet(
            raw_query, self.model, params, translations, using or self._db
        )

    if TYPE_CHECKING:

        def filter(self, *args: Any, **kwargs: Any) -> QuerySet[_M]: ...
        def exclude(self, *args: Any, **kwargs: Any) -> QuerySet[_M]: ...
        def get(self, *args: Any, **kwargs: Any) -> _M: ...
        def create(self, **kwargs: Any) -> _M: ...
        def __getattr__(self, name: str) -> Any: ...

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, BaseManager)
            and type(other) is type(self)
            and other.model is self.model
            and other.name == self.name
        )

    def __hash__(self) -> int:
        return id(self)


class Manager(BaseManager[_M]):
    """The default manager (``objects``)."""


class ManagerDescriptor:
    """Give the manager on the class; refuse access through instances."""

    def __init__(self, manager: BaseManager[Any]) -> None:
        self.manager = manager

    def __get__(self, instance: Any, owner: type[Any] | None = None) -> Any:
        if instance is not None:
            raise AttributeError(
                f"Manager isn't accessible via {type(instance).__name__} instances; "
                f"use {type(instance).__name__}.{self.manager.name}."
            )
        meta = getattr(owner, "_meta", None)
        if meta is not None and meta.abstract:
            raise AttributeError(
                f"Manager isn't available; {meta.object_name} is abstract."
            )
        return self.manager


class EmptyManager(Manager[Any]):
    """A manager whose QuerySets are always empty."""

    def __init__(self, model: Any) -> None:
        super().__init__()
        self.model = model

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().none()


QuerySet.manager_base = BaseManager
