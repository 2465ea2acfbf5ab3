"""``Model`` and its metaclass ``ModelBase``.

The metaclass collects the fields and managers written in a class body into
``_meta``, adds an ``id`` primary key when none is declared, gives the class
its own ``DoesNotExist``/``MultipleObjectsReturned`` and registers it in the
app registry. Abstract base classes share their fields by copying them;
multi-table and proxy inheritance are not supported.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any, ClassVar

from asgiref.sync import sync_to_async

from framework.apps import apps as global_apps
from framework.conf import settings
from framework.core.exceptions import (
    FieldDoesNotExist,
    MultipleObjectsReturned,
    ObjectDoesNotExist,
    ValidationError,
)
from framework.db import DEFAULT_DB_ALIAS, connections, transaction
from framework.db.models import signals
from framework.db.models.deletion import Collector
from framework.db.models.fields.base import EMPTY_VALUES, NOT_PROVIDED, Field
from framework.db.models.fields.related import do_pending_operations
from framework.db.models.manager import Manager
from framework.db.models.options import Options
from framework.db.models.query_utils import Q
from framework.db.models.sql import subqueries
from framework.db.models.sql.query import Query
from framework.utils.module_loading import import_string


class ModelState:
    """Per-instance bookkeeping: which database it came from, whether it is new."""

    __slots__ = ("adding", "db", "fields_cache")

    def __init__(self, db: str | None = None, adding: bool = True) -> None:
        self.db = db
        self.adding = adding
        self.fields_cache: dict[str, Any] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {"db": self.db, "adding": self.adding, "fields_cache": {}}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for key, value in state.items():
            setattr(self, key, value)


def _find_app_label(module: str, registry: Any) -> str | None:
    finder = getattr(registry, "get_containing_app_config", None)
    if finder is None:
        return None
    config = finder(module)
    return None if config is None else str(config.label)


def _default_pk_class(app_label: str, registry: Any) -> type[Field[Any]]:
    path = settings.DEFAULT_AUTO_FIELD
    config = getattr(registry, "app_configs", {}).get(app_label)
    if config is not None and getattr(config, "default_auto_field", None):
        path = config.default_auto_field
    field_class: type[Field[Any]] = import_string(path)
    return field_class


class ModelBase(type):
    """Metaclass of models: builds ``_meta`` from the class body."""

    _meta: Options

    def __new__(
        mcs, name: str, bases: tuple[type, ...], attrs: dict[str, Any], **kwargs: Any
    ) -> ModelBase:
        parents = [b for b in bases if isinstance(b, ModelBase)]
        if not parents:
            return super().__new__(mcs, name, bases, attrs, **kwargs)
        meta_class = attrs.pop("Meta", None)
        contributable = {k: v for k, v in attrs.items() if _contributes(v)}
        plain = {k: v for k, v in attrs.items() if k not in contributable}
        cls = super().__new__(mcs, name, bases, plain, **kwargs)
        _check_inheritance(cls, parents, meta_class)
        meta_class = meta_class or _inherited_meta(parents)
        registry = getattr(meta_class, "apps", None) or global_apps
        abstract = bool(getattr(meta_class, "abstract", False))
        app_label = getattr(meta_class, "app_label", None)
        if app_label is None and not abstract:
            app_label = _find_app_label(attrs["__module__"], registry)
        if app_label is None and not abstract:
            raise RuntimeError(
                f"Model class {attrs['__module__']}.{name} doesn't declare an "
                "explicit app_label and isn't in an application in INSTALLED_APPS; "
                "add the app to INSTALLED_APPS or set Meta.app_label."
            )
        Options(meta_class, app_label).contribute_to_class(cls, "_meta")
        if not abstract:
            cls._add_exceptions(parents)
        for attr_name, value in contributable.items():
            cls.add_to_class(attr_name, value)
        cls._copy_abstract_fields(parents, contributable)
        if abstract:
            cls._meta.abstract = True
            return cls
        cls._prepare()
        cls._meta.apps.register_model(cls._meta.app_label, cls)
        do_pending_operations(cls)
        signals.class_prepared.send(sender=cls)
        return cls

    def add_to_class(cls, name: str, value: Any) -> None:
        if _contributes(value):
            value.contribute_to_class(cls, name)
        else:
            setattr(cls, name, value)

    def _add_exceptions(cls, parents: list[Any]) -> None:
        module = cls.__module__
        for exc_name, base in (
            ("DoesNotExist", ObjectDoesNotExist),
            ("MultipleObjectsReturned", MultipleObjectsReturned),
        ):
            exc = type(exc_name, (base,), {"__module__": module})
            exc.__qualname__ = f"{cls.__qualname__}.{exc_name}"
            setattr(cls, exc_name, exc)

    def _copy_abstract_fields(cls, parents: list[Any], own: dict[str, Any]) -> None:
        for parent in parents:
            meta = getattr(parent, "_meta", None)
            if meta is None or not meta.abstract:
                continue
            for field in [*meta.local_fields, *meta.local_many_to_many]:
                if (
                    field.name not in own
                    and cls._meta.get_field_or_none(field.name) is None
                ):
                    cls.add_to_class(field.name, copy.deepcopy(field))
            for manager in meta.managers:
                if manager.name not in own and manager.name not in vars(cls):
                    cls.add_to_class(manager.name, copy.copy(manager))

    def _prepare(cls) -> None:
        meta = cls._meta
        if meta.pk is None:
            pk_class = _default_pk_class(meta.app_label, meta.apps)
            auto = pk_class(verbose_name="ID", primary_key=True, auto_created=True)
            cls.add_to_class("id", auto)
        if not meta.managers:
            if any(f.name == "objects" for f in meta.local_fields):
                raise ValueError(
                    f"Model {cls.__name__} must specify a custom Manager, because "
                    "it has a field named 'objects'."
                )
            cls.add_to_class("objects", Manager())
        if cls.__doc__ is None:
            names = ", ".join(f.name for f in meta.fields)
            cls.__doc__ = f"{cls.__name__}({names})"

    @property
    def _base_manager(cls) -> Any:
        return cls._meta.base_manager

    @property
    def _default_manager(cls) -> Any:
        return cls._meta.default_manager


def _contributes(value: Any) -> bool:
    return not isinstance(value, type) and hasattr(value, "contribute_to_class")


def _check_inheritance(cls: Any, parents: list[Any], meta_class: Any) -> None:
    if getattr(meta_class, "proxy", False):
        raise TypeError(
            f"{cls.__name__}: proxy models are not supported; use a custom "
            "manager or a separate model."
        )
    for parent in parents:
        meta = getattr(parent, "_meta", None)
        if meta is not None and not meta.abstract:
            raise TypeError(
                f"{cls.__name__} subclasses the concrete model {parent.__name__}: "
                "multi-table inheritance is not supported. Make the parent "
                "abstract (class Meta: abstract = True) or use a OneToOneField."
            )


def _inherited_meta(parents: list[Any]) -> Any:
    for parent in parents:
        meta = getattr(parent, "_meta", None)
        if meta is not None and meta.meta is not None:
            inherited = {
                k: v
                for k, v in vars(meta.meta).items()
                if not k.startswith("_") and k not in ("abstract", "db_table")
            }
            return type("Meta", (), inherited)
    return None


class Model(metaclass=ModelBase):
    """Base class of every model; see the module docstring."""

    _meta: ClassVar[Options]
    DoesNotExist: ClassVar[type[ObjectDoesNotExist]]
    MultipleObjectsReturned: ClassVar[type[MultipleObjectsReturned]]
    objects: ClassVar[Any]
    _state: ModelState

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        cls = type(self)
        meta = cls._meta
        if meta.abstract:
            raise TypeError(f"Abstract models cannot be instantiated ({cls.__name__}).")
        signals.pre_init.send(sender=cls, args=args, kwargs=kwargs)
        self._state = ModelState()
        fields = meta.concrete_fields
        if len(args) > len(fields):
            raise IndexError(
                f"Number of args exceeds number of fields of {cls.__name__}."
            )
        data = self.__dict__
        for field, value in zip(fields, args, strict=False):
            if field.name in kwargs or field.attname in kwargs:
                raise TypeError(
                    f"{cls.__name__}() got both positional and keyword {field.name!r}."
                )
            data[field.attname] = value
        for field in fields[len(args) :]:
            if field.is_relation and field.name in kwargs:
                setattr(self, field.name, kwargs.pop(field.name))
            elif field.attname in kwargs:
                data[field.attname] = kwargs.pop(field.attname)
            elif field.name in kwargs:
                data[field.attname] = kwargs.pop(field.name)
            else:
                data[field.attname] = field.get_default()
        for name, value in kwargs.items():
            self._set_extra(name, value)
        signals.post_init.send(sender=cls, instance=self)

    def _set_extra(self, name: str, value: Any) -> None:
        meta = self._meta
        field = meta.get_field_or_none(name)
        if field is not None and field.many_to_many:
            raise TypeError(
                f"Direct assignment to the forward side of a many-to-many set is "
                f"prohibited. Use {name}.set() instead."
            )
        prop = getattr(type(self), name, None)
        if isinstance(prop, property) and prop.fset is not None:
            setattr(self, name, value)
            return
        choices = ", ".join(f.name for f in meta.concrete_fields)
        raise TypeError(
            f"{type(self).__name__}() got an unexpected keyword argument {name!r}. "
            f"Fields are: {choices}."
        )

    @classmethod
    def from_db(
        cls, db: str | None, field_names: Iterable[str], values: Iterable[Any]
    ) -> Any:
        """Build an instance from a database row without per-field work."""
        obj = cls.__new__(cls)
        data = obj.__dict__
        data.update(zip(field_names, values, strict=False))
        state = ModelState(db, False)
        data["_state"] = state
        return obj

    # -- identity -----------------------------------------------------------
    def _get_pk_val(self) -> Any:
        return getattr(self, self._meta.pk.attname)

    def _set_pk_val(self, value: Any) -> None:
        setattr(self, self._meta.pk.attname, value)

    pk = property(_get_pk_val, _set_pk_val)

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self}>"

    def __str__(self) -> str:
        return f"{type(self).__name__} object ({self.pk})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Model):
            return NotImplemented
        if self._meta.label != other._meta.label:
            return False
        if self.pk is None:
            return self is other
        return bool(self.pk == other.pk)

    def __hash__(self) -> int:
        if self.pk is None:
            raise TypeError("Model instances without primary key value are unhashable.")
        return hash(self.pk)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_state"] = copy.copy(self._state)
        state["_state"].fields_cache = {}
        state.pop("_prefetched_objects_cache", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def get_deferred_fields(self) -> set[str]:
        """Return the attnames not loaded from the database."""
        return {
            f.attname
            for f in self._meta.concrete_fields
            if f.attname not in self.__dict__
        }

    # -- persistence -----------------------------------------------------------
    def _prepare_related_fields_for_save(self, operation: str) -> None:
        for field in self._meta.concrete_fields:
            if not field.is_relation:
                continue
            obj = self._state.fields_cache.get(field.name)
            if obj is None:
                continue
            if obj.pk is None:
                raise ValueError(
                    f"{operation}() prohibited to prevent data loss due to unsaved "
                    f"related object '{field.name}'; save it first."
                )
            if getattr(self, field.attname) is None:
                setattr(self, field.name, obj)

    def save(
        self,
        force_insert: bool = False,
        force_update: bool = False,
        using: str | None = None,
        update_fields: Iterable[str] | None = None,
    ) -> None:
        """Insert or update this object's row (only ``update_fields`` if given)."""
        self._prepare_related_fields_for_save("save")
        using = using or self._state.db or DEFAULT_DB_ALIAS
        if force_insert and (force_update or update_fields):
            raise ValueError("Cannot force both insert and updating in model saving.")
        fields = None
        if update_fields is not None:
            fields = self._resolve_update_fields(update_fields)
            if not fields:
                return
        elif not self._state.adding and self._state.db == using:
            # An instance loaded with only()/defer() saves just what it loaded.
            deferred = self.get_deferred_fields()
            if deferred:
                fields = [
                    f
                    for f in self._meta.concrete_fields
                    if f.attname not in deferred and not f.primary_key
                ]
        cls = type(self)
        signals.pre_save.send(sender=cls, instance=self, raw=False, using=using,
                              update_fields=update_fields)  # fmt: skip
        with transaction.mark_for_rollback_on_error(using=using):
            created = self._save_table(using, force_insert, force_update, fields)
        self._state.db = using
        self._state.adding = False
        signals.post_save.send(sender=cls, instance=self, created=created, raw=False,
                               using=using, update_fields=update_fields)  # fmt: skip

    def _resolve_update_fields(self, names: Iterable[str]) -> list[Any]:
        meta = self._meta
        fields = []
        for name in names:
            field = meta.get_field_or_none(name) or meta.get_field_by_attname(name)
            if field is None or not field.concrete or field.primary_key:
                raise ValueError(
                    f"The field {name!r} cannot be in update_fields: it is not a "
                    f"non-primary-key concrete field of {meta.object_name}."
                )
            fields.append(field)
        return fields

    def _save_table(
        self,
        using: str,
        force_insert: bool,
        force_update: bool,
        fields: list[Any] | None,
    ) -> bool:
        meta = self._meta
        pk_val = self.pk
        updatable = (
            fields
            if fields is not None
            else [f for f in meta.concrete_fields if not f.primary_key]
        )
        if pk_val is not None and not force_insert:
            skip_update = self._state.adding and meta.pk.has_default()
            if not skip_update:
                values = [(f, f.pre_save(self, False)) for f in updatable]
                if self._do_update(using, values):
                    return False
                if force_update or fields is not None:
                    raise self.DoesNotExist(
                        "Forced update did not affect any rows."
                        if force_update
                        else "Save with update_fields did not affect any rows."
                    )
        self._do_insert(using)
        return True

    def _do_update(self, using: str, values: list[tuple[Any, Any]]) -> bool:
        query = Query(type(self))
        query.add_q(Q(pk=self.pk))
        if not values:
            return bool(
                type(self)._base_manager.using(using).filter(pk=self.pk).exists()
            )
        return subqueries.execute_update(query, values, using) > 0

    def _do_insert(self, using: str) -> None:
        meta = self._meta
        connection = connections[using]
        auto_pk = self.pk is None
        fields = [f for f in meta.concrete_fields if not (auto_pk and f.primary_key)]
        row = [f.get_db_prep_save(f.pre_save(self, True), connection) for f in fields]
        returning = [meta.pk] if auto_pk else []
        results = subqueries.execute_insert(
            connection, type(self), fields, [row], returning
        )
        if auto_pk and results:
            setattr(self, meta.pk.attname, results[0][0])

    def delete(self, using: str | None = None) -> tuple[int, dict[str, int]]:
        """Delete the row and cascade as each foreign key's ``on_delete`` says."""
        if self.pk is None:
            raise ValueError(
                f"{self._meta.object_name} object can't be deleted because its "
                f"{self._meta.pk.attname} attribute is set to None."
            )
        collector = Collector(using=using or self._state.db or DEFAULT_DB_ALIAS)
        collector.collect([self])
        return collector.delete()

    def refresh_from_db(
        self, using: str | None = None, fields: Iterable[str] | None = None
    ) -> None:
        """Reload field values (all, or ``fields``) from the database."""
        meta = self._meta
        manager = type(self)._base_manager.db_manager(using or self._state.db)
        qs = manager.filter(pk=self.pk)
        wanted = None
        if fields is not None:
            wanted = {meta.get_field(name).attname for name in fields}
            qs = qs.only(*wanted)
        fresh = qs.get()
        for field in meta.concrete_fields:
            if wanted is not None and field.attname not in wanted:
                continue
            if field.attname in fresh.__dict__:
                self.__dict__[field.attname] = fresh.__dict__[field.attname]
                self._state.fields_cache.pop(field.name, None)
        if fields is None:
            self._state.fields_cache.clear()
            self.__dict__.pop("_prefetched_objects_cache", None)
        self._state.db = fresh._state.db

    # -- validation ---------------------------------------------------------------
    def clean_fields(self, exclude: Iterable[str] | None = None) -> None:
        """Validate every field value; raise ValidationError keyed by field."""
        exclude = set(exclude or ())
        errors: dict[str, list[Any]] = {}
        for field in self._meta.concrete_fields:
            if field.name in exclude or field.attname not in self.__dict__:
                continue
            raw = getattr(self, field.attname)
            if field.blank and raw in EMPTY_VALUES:
                continue
            try:
                setattr(self, field.attname, field.clean(raw, self))
            except ValidationError as exc:
                errors[field.name] = exc.error_list
        if errors:
            raise ValidationError(errors)

    def clean(self) -> None:
        """Hook for cross-field validation; raise ValidationError."""

    def validate_unique(self, exclude: Iterable[str] | None = None) -> None:
        """Check unique fields and unique_together against the database."""
        exclude = set(exclude or ())
        errors: dict[str, list[Any]] = {}
        for names in self._meta.get_unique_checks():
            if exclude & set(names):
                continue
            lookup = {}
            for name in names:
                field = self._meta.get_field(name)
                value = getattr(self, field.attname)
                if value is None or (value == "" and field.empty_strings_allowed):
                    break
                lookup[field.attname] = value
            else:
                qs = type(self)._default_manager.filter(**lookup)
                if self.pk is not None and not self._state.adding:
                    qs = qs.exclude(pk=self.pk)
                if qs.exists():
                    key = names[0] if len(names) == 1 else "__all__"
                    label = ", ".join(names)
                    errors.setdefault(key, []).append(
                        ValidationError(
                            f"{self._meta.verbose_name.capitalize()} with this "
                            f"{label} already exists.",
                            code="unique",
                        )
                    )
        if errors:
            raise ValidationError(errors)

    def full_clean(
        self, exclude: Iterable[str] | None = None, validate_unique: bool = True
    ) -> None:
        """Run clean_fields(), clean() and validate_unique(); collect all errors."""
        errors: dict[str, list[Any]] = {}
        exclude = set(exclude or ())
        try:
            self.clean_fields(exclude)
        except ValidationError as exc:
            _merge(errors, exc)
        try:
            self.clean()
        except ValidationError as exc:
            _merge(errors, exc)
        if validate_unique:
            try:
                # Fields that already failed are not checked for uniqueness.
                self.validate_unique(exclude | set(errors))
            except ValidationError as exc:
                _merge(errors, exc)
        if errors:
            raise ValidationError(errors)

    # -- async ------------------------------------------------------------------
    async def asave(self, *args: Any, **kwargs: Any) -> None:
        from_sync = _to_async(self.save)
        await from_sync(*args, **kwargs)

    async def adelete(self, using: str | None = None) -> tuple[int, dict[str, int]]:
        result: tuple[int, dict[str, int]] = await _to_async(self.delete)(using)
        return result

    async def arefresh_from_db(
        self, using: str | None = None, fields: Iterable[str] | None = None
    ) -> None:
        await _to_async(self.refresh_from_db)(using, fields)


def _merge(errors: dict[str, list[Any]], exc: ValidationError) -> None:
    if exc.error_dict is not None:
        for key, value in exc.error_dict.items():
            errors.setdefault(key, []).extend(value)
    else:
        errors.setdefault("__all__", []).extend(exc.error_list)


def _to_async(func: Any) -> Any:
    return sync_to_async(func, thread_sensitive=True)


__all__ = ["FieldDoesNotExist", "Model", "ModelBase", "ModelState", "NOT_PROVIDED"]
