"""``Options`` (``Model._meta``): what a model is called and what it holds.

Built from the ``class Meta`` of a model. Field lists are computed on demand
and cached until a field or reverse relation is added.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from framework.apps import apps as global_apps
from framework.core.exceptions import FieldDoesNotExist
from framework.db.models.manager import Manager

# The Meta attributes a model may set; any other name is a typo.
META_NAMES = frozenset(
    {
        "abstract", "app_label", "apps", "base_manager_name", "constraints",
        "db_table", "default_manager_name", "default_permissions",
        "default_related_name", "get_latest_by", "indexes", "managed",
        "ordering", "permissions", "proxy", "unique_together", "verbose_name",
        "verbose_name_plural", "auto_created", "db_table_comment",
        "required_db_features", "select_on_save",
    }
)  # fmt: skip


def _camel_to_words(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).lower().strip()


def normalize_together(value: Any) -> tuple[tuple[str, ...], ...]:
    """Turn ``("a", "b")`` or ``[("a", "b")]`` into ``(("a", "b"),)``."""
    if not value:
        return ()
    items = list(value)
    if all(isinstance(item, str) for item in items):
        return (tuple(items),)
    return tuple(tuple(item) for item in items)


class Options:
    """Per-model metadata, available as ``Model._meta``."""

    def __init__(self, meta: type | None, app_label: str | None = None) -> None:
        self.meta = meta
        self.app_label = app_label or ""
        self.model: Any = None
        self.local_fields: list[Any] = []
        self.local_many_to_many: list[Any] = []
        self.related_objects_list: list[Any] = []
        self.managers: list[Any] = []
        self.pk: Any = None
        self.abstract = False
        self.managed = True
        self.auto_created: Any = False
        self.proxy = False
        self.ordering: Sequence[Any] = []
        self.unique_together: tuple[tuple[str, ...], ...] = ()
        self.indexes: list[Any] = []
        self.constraints: list[Any] = []
        self.db_table = ""
        self.db_table_comment = ""
        self.verbose_name: str = ""
        self.verbose_name_plural: str = ""
        self.default_related_name: str | None = None
        self.get_latest_by: Any = None
        self.default_manager_name: str | None = None
        self.base_manager_name: str | None = None
        self.permissions: list[tuple[str, str]] = []
        self.default_permissions: tuple[str, ...] = ("add", "change", "delete", "view")
        self.required_db_features: list[str] = []
        self.select_on_save = False
        self.apps: Any = global_apps
        self._cache: dict[str, Any] = {}

    def __repr__(self) -> str:
        return f"<Options for {self.object_name}>"

    def __str__(self) -> str:
        return self.label_lower

    # -- set-up --------------------------------------------------------------
    def contribute_to_class(self, cls: type[Any], name: str) -> None:
        cls._meta = self
        self.model = cls
        self.object_name = cls.__name__
        self.model_name = self.object_name.lower()
        self.verbose_name = _camel_to_words(self.object_name)
        given = {
            key: value
            for key, value in vars(self.meta or type("Meta", (), {})).items()
            if not key.startswith("_")
        }
        unknown = set(given) - META_NAMES
        if unknown:
            raise TypeError(
                f"'class Meta' of {cls.__name__} got invalid attribute(s): "
                f"{', '.join(sorted(unknown))}."
            )
        for key, value in given.items():
            setattr(self, key, value)
        self.unique_together = normalize_together(self.unique_together)
        self.ordering = list(self.ordering)
        self.indexes = list(self.indexes)
        self.constraints = list(self.constraints)
        if not self.verbose_name_plural:
            self.verbose_name_plural = f"{self.verbose_name}s"
        if not self.db_table and not self.abstract:
            self.db_table = f"{self.app_label}_{self.model_name}"
        self._name_constraints()

    def _name_constraints(self) -> None:
        for item in [*self.indexes, *self.constraints]:
            name = getattr(item, "name", None)
            if isinstance(name, str) and "%(" in name:
                item.name = name % {
                    "app_label": self.app_label.lower(),
                    "class": self.model_name,
                }

    @property
    def label(self) -> str:
        return f"{self.app_label}.{self.object_name}"

    @property
    def label_lower(self) -> str:
        return f"{self.app_label}.{self.model_name}"

    def add_field(self, field: Any) -> None:
        """Record ``field`` in definition order (called by contribute_to_class)."""
        target = self.local_many_to_many if field.many_to_many else self.local_fields
        target.append(field)
        target.sort()
        if field.primary_key:
            if self.pk is not None and self.pk is not field:
                raise TypeError(
                    f"{self.object_name} has more than one primary key field "
                    f"({self.pk.name}, {field.name}); keep exactly one."
                )
            self.pk = field
        self._cache.clear()

    def add_related_object(self, rel: Any) -> None:
        """Record a reverse relation pointing at this model."""
        if rel not in self.related_objects_list:
            self.related_objects_list.append(rel)
        self._cache.clear()

    def add_manager(self, manager: Any) -> None:
        self.managers.append(manager)
        self.managers.sort(key=lambda m: m.creation_counter)
        self._cache.clear()

    # -- field lists --------------------------------------------------------
    @property
    def fields(self) -> list[Any]:
        """Forward fields with a column or a FK, in definition order (no M2M)."""
        return list(self.local_fields)

    @property
    def concrete_fields(self) -> list[Any]:
        cached = self._cache.get("concrete")
        if cached is None:
            cached = self._cache["concrete"] = [
                f for f in self.local_fields if f.concrete
            ]
        return list(cached)

    @property
    def many_to_many(self) -> list[Any]:
        return list(self.local_many_to_many)

    @property
    def related_objects(self) -> list[Any]:
        """Reverse relations (``post.comment_set``), excluding hidden ones."""
        return [r for r in self.related_objects_list if not r.hidden]

    def get_fields(self, include_hidden: bool = False) -> list[Any]:
        """Return forward fields, M2M fields, then reverse relations."""
        reverse = self.related_objects_list if include_hidden else self.related_objects
        return [*self.local_fields, *self.local_many_to_many, *reverse]

    def _name_map(self) -> dict[str, Any]:
        cached = self._cache.get("names")
        if cached is None:
            cached = {}
            for rel in self.related_objects_list:
                if not rel.hidden:
                    cached[rel.related_query_name_value()] = rel
            for f in [*self.local_fields, *self.local_many_to_many]:
                cached[f.name] = f
            self._cache["names"] = cached
            # Foreign keys are also reachable by their column attribute (author_id).
            attnames = {f.attname: f for f in self.local_fields if f.attname != f.name}
            self._cache["attnames"] = attnames
        return cached

    def get_field_or_none(self, name: str) -> Any:
        """Return the field or reverse relation called ``name``, or None."""
        found = self._name_map().get(name)
        if found is None:
            found = self._cache["attnames"].get(name)
        return found

    def get_field(self, name: str) -> Any:
        """Return a field by name; FieldDoesNotExist lists the names there are."""
        found = self.get_field_or_none(name)
        if found is None:
            raise FieldDoesNotExist(
                f"{self.object_name} has no field named {name!r}. Choices are: "
                f"{', '.join(sorted(self.query_names()))}."
            )
        return found

    def get_field_by_attname(self, attname: str) -> Any:
        for f in self.local_fields:
            if f.attname == attname or f.name == attname:
                return f
        return None

    def query_names(self) -> list[str]:
        """Every name usable in filter() and friends ("pk" included)."""
        return [*self._name_map(), "pk"]

    # -- managers -------------------------------------------------------------
    @property
    def default_manager(self) -> Any:
        if self.default_manager_name:
            for manager in self.managers:
                if manager.name == self.default_manager_name:
                    return manager
            raise ValueError(
                f"{self.object_name} has no manager named "
                f"{self.default_manager_name!r} (Meta.default_manager_name)."
            )
        return self.managers[0] if self.managers else None

    @property
    def base_manager(self) -> Any:
        manager = self._cache.get("base_manager")
        if manager is None:
            manager = Manager()
            manager.name = "_base_manager"
            manager.model = self.model
            self._cache["base_manager"] = manager
        return manager

    def get_unique_checks(self) -> list[tuple[str, ...]]:
        """Return the field-name tuples that must be unique together."""
        checks: list[tuple[str, ...]] = [
            (f.name,) for f in self.local_fields if f.unique
        ]
        checks += list(self.unique_together)
        for constraint in self.constraints:
            fields = getattr(constraint, "fields", None)
            if fields and getattr(constraint, "condition", None) is None:
                checks.append(tuple(fields))
        return checks
