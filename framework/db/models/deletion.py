"""Deleting objects: the ``on_delete`` handlers and the ``Collector``.

Cascades run in Python so every backend behaves the same and signals fire for
each deleted object: the collector walks reverse relations, asks each foreign
key's ``on_delete`` what to do, then deletes children before parents in one
transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from framework.db import IntegrityError, transaction
from framework.db.models import signals
from framework.db.models.query_utils import Q
from framework.db.models.sql import subqueries
from framework.db.models.sql.query import Query

__all__ = [
    "CASCADE",
    "DO_NOTHING",
    "PROTECT",
    "RESTRICT",
    "SET",
    "SET_DEFAULT",
    "SET_NULL",
    "Collector",
    "ProtectedError",
    "RestrictedError",
]


class ProtectedError(IntegrityError):
    """Deleting would orphan rows whose foreign key uses ``PROTECT``."""

    def __init__(self, msg: str, protected_objects: Iterable[Any]) -> None:
        self.protected_objects = set(protected_objects)
        super().__init__(msg, self.protected_objects)


class RestrictedError(IntegrityError):
    """Deleting would orphan rows whose foreign key uses ``RESTRICT``."""

    def __init__(self, msg: str, restricted_objects: Iterable[Any]) -> None:
        self.restricted_objects = set(restricted_objects)
        super().__init__(msg, self.restricted_objects)


OnDelete = Callable[["Collector", Any, list[Any], str], None]


def CASCADE(collector: Collector, field: Any, sub_objs: list[Any], using: str) -> None:  # noqa: N802
    """Delete the referencing rows too."""
    collector.collect(sub_objs, source=field)


def PROTECT(collector: Collector, field: Any, sub_objs: list[Any], using: str) -> None:  # noqa: N802
    """Refuse to delete while referencing rows exist."""
    model = field.remote_field.model._meta.object_name
    raise ProtectedError(
        f"Cannot delete some instances of {model} because they are referenced "
        f"through protected foreign key {field.model._meta.object_name}.{field.name}.",
        sub_objs,
    )


def RESTRICT(collector: Collector, field: Any, sub_objs: list[Any], using: str) -> None:  # noqa: N802
    """Refuse unless the referencing rows are deleted by another cascade."""
    collector.restricted.append((field, sub_objs))


def SET_NULL(collector: Collector, field: Any, sub_objs: list[Any], using: str) -> None:  # noqa: N802
    """Set the foreign key to NULL (the field needs null=True)."""
    collector.add_field_update(field, None, sub_objs)


def SET_DEFAULT(
    collector: Collector, field: Any, sub_objs: list[Any], using: str
) -> None:  # noqa: N802
    """Set the foreign key to its default."""
    collector.add_field_update(field, field.get_default(), sub_objs)


def SET(value: Any) -> OnDelete:  # noqa: N802
    """Set the foreign key to ``value`` (called first when callable)."""

    def set_on_delete(
        collector: Collector, field: Any, sub_objs: list[Any], using: str
    ) -> None:
        collector.add_field_update(
            field, value() if callable(value) else value, sub_objs
        )

    set_on_delete.deconstruct = lambda: (  # type: ignore[attr-defined]
        "framework.db.models.SET",
        (value,),
        {},
    )
    return set_on_delete


def DO_NOTHING(
    collector: Collector, field: Any, sub_objs: list[Any], using: str
) -> None:  # noqa: N802
    """Leave referencing rows alone (the database may still refuse)."""


class Collector:
    """Gather everything a delete touches, then delete it in a safe order."""

    def __init__(self, using: str) -> None:
        self.using = using
        # model -> {pk: instance}, in discovery order (parents first).
        self.data: dict[Any, dict[Any, Any]] = {}
        self.field_updates: list[tuple[Any, Any, list[Any]]] = []
        self.restricted: list[tuple[Any, list[Any]]] = []

    def add(self, objs: Iterable[Any]) -> list[Any]:
        """Record ``objs``; return the ones not seen before."""
        new = []
        for obj in objs:
            bucket = self.data.setdefault(type(obj), {})
            if obj.pk not in bucket:
                bucket[obj.pk] = obj
                new.append(obj)
        return new

    def add_field_update(self, field: Any, value: Any, objs: list[Any]) -> None:
        if objs:
            self.field_updates.append((field, value, objs))

    def collect(self, objs: Iterable[Any], source: Any = None) -> None:
        """Add ``objs`` and, recursively, what their deletion affects."""
        new = self.add(objs)
        if not new:
            return
        model = type(new[0])
        for rel in model._meta.related_objects_list:
            field = rel.field
            if field.many_to_many:
                continue
            related_model = field.model
            sub_objs = list(
                related_model._meta.base_manager.using(self.using).filter(
                    **{f"{field.name}__in": [o.pk for o in new]}
                )
            )
            if sub_objs:
                field.remote_field.on_delete(self, field, sub_objs, self.using)
        if source is None:
            self._check_restricted()

    def _check_restricted(self) -> None:
        for field, objs in self.restricted:
            remaining = [o for o in objs if o.pk not in self.data.get(type(o), {})]
            if remaining:
                model = field.remote_field.model._meta.object_name
                raise RestrictedError(
                    f"Cannot delete some instances of {model} because they are "
                    f"referenced through restricted foreign key "
                    f"{field.model._meta.object_name}.{field.name}.",
                    remaining,
                )

    def delete(self) -> tuple[int, dict[str, int]]:
        """Delete everything collected; return (total, {label: count})."""
        counts: dict[str, int] = {}
        with transaction.atomic(using=self.using, savepoint=False):
            for model, objs in self.data.items():
                for obj in objs.values():
                    signals.pre_delete.send(
                        sender=model, instance=obj, using=self.using
                    )
            for field, value, updated in self.field_updates:
                query = Query(field.model)
                query.add_q(Q(pk__in=[o.pk for o in updated]))
                subqueries.execute_update(query, [(field, value)], self.using)
                for obj in updated:
                    setattr(obj, field.attname, value)
            for model, instances in reversed(list(self.data.items())):
                query = Query(model)
                query.add_q(Q(pk__in=list(instances)))
                deleted = subqueries.execute_delete(query, self.using)
                if deleted:
                    counts[model._meta.label] = (
                        counts.get(model._meta.label, 0) + deleted
                    )
            for model, objs in self.data.items():
                for obj in objs.values():
                    signals.post_delete.send(
                        sender=model, instance=obj, using=self.using
                    )
        for model, objs in self.data.items():
            for obj in objs.values():
                setattr(obj, model._meta.pk.attname, None)
        return sum(counts.values()), counts
