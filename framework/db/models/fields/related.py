"""Relation fields: ``ForeignKey``, ``OneToOneField``, ``ManyToManyField``.

The target model may be named before it exists (``"blog.Post"``, ``"Post"``,
``"self"``); the relation resolves once that model is registered in the same
app registry (``lazy_related_operation``). Each relation has a reverse side
(a ``*Rel`` object in the target's ``_meta.related_objects_list``) that gives
reverse managers (``post.comment_set``) and reverse lookups (``comment__text``).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any, ClassVar

from framework.db.models.deletion import CASCADE
from framework.db.models.fields.base import Field
from framework.db.models.fields.related_descriptors import (
    ForwardManyToOneDescriptor,
    ManyToManyDescriptor,
    ReverseManyToOneDescriptor,
    ReverseOneToOneDescriptor,
)
from framework.db.models.query_utils import DeferredAttribute
from framework.db.models.sql.query import PathInfo

RECURSIVE_RELATIONSHIP_CONSTANT = "self"

_Pending = dict[tuple[str, str], list[Callable[[Any], None]]]
_PENDING: weakref.WeakKeyDictionary[Any, _Pending] = weakref.WeakKeyDictionary()


def _model_key(model: Any, related: str) -> tuple[str, str]:
    if related == RECURSIVE_RELATIONSHIP_CONSTANT:
        return model._meta.app_label, model._meta.model_name
    if "." in related:
        app_label, _, name = related.partition(".")
        return app_label, name.lower()
    return model._meta.app_label, related.lower()


def lazy_related_operation(
    function: Callable[[Any], None], model: Any, related: Any
) -> None:
    """Call ``function(related_model)`` now, or when that model registers."""
    if not isinstance(related, str):
        function(related)
        return
    key = _model_key(model, related)
    registry = model._meta.apps
    found = registry.all_models.get(key[0], {}).get(key[1])
    if found is not None:
        function(found)
        return
    _PENDING.setdefault(registry, {}).setdefault(key, []).append(function)


def do_pending_operations(model: Any) -> None:
    """Run the relation set-ups waiting for ``model`` (called on registration)."""
    pending = _PENDING.get(model._meta.apps)
    if not pending:
        return
    key = (model._meta.app_label, model._meta.model_name)
    for function in pending.pop(key, []):
        function(model)


def _label(model: Any) -> str:
    if isinstance(model, str):
        if "." in model:
            app_label, _, name = model.partition(".")
            return f"{app_label}.{name.lower()}"
        return model
    return str(model._meta.label_lower)


# -- the reverse side ---------------------------------------------------------
class ForeignObjectRel:
    """The reverse of a relation field, as seen from the target model."""

    auto_created = True
    concrete = False
    editable = False
    is_relation = True
    null = True
    primary_key = False
    column = None
    many_to_many: ClassVar[bool] = False
    many_to_one: ClassVar[bool] = False
    one_to_many: ClassVar[bool] = False
    one_to_one: ClassVar[bool] = False
    multiple: ClassVar[bool] = True

    def __init__(
        self,
        field: Any,
        to: Any,
        related_name: str | None = None,
        related_query_name: str | None = None,
        limit_choices_to: Any = None,
        on_delete: Any = None,
    ) -> None:
        self.field = field
        self.model = to
        self.related_name = related_name
        self.related_query_name = related_query_name
        self.limit_choices_to = limit_choices_to
        self.on_delete = on_delete
        self.symmetrical = False
        self.through: Any = None
        self.field_name: str | None = None

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self.field}>"

    @property
    def hidden(self) -> bool:
        """Whether the reverse accessor is switched off (``related_name="+"``)."""
        return bool(self.related_name) and str(self.related_name).endswith("+")

    @property
    def related_model(self) -> Any:
        return self.field.model

    @property
    def remote_field(self) -> Any:
        return self.field

    @property
    def name(self) -> str:
        return self.related_query_name_value()

    def related_query_name_value(self) -> str:
        return str(self.field.related_query_name())

    def get_accessor_name(self) -> str:
        """Return the attribute on the target model: ``comment_set``/``comments``."""
        if self.related_name:
            return self.related_name
        default = self.field.model._meta.default_related_name
        if default:
            return str(default) % {
                "class": self.field.model._meta.model_name,
                "model_name": self.field.model._meta.model_name,
                "app_label": self.field.model._meta.app_label,
            }
        name = self.field.model._meta.model_name
        return str(name) if not self.multiple else f"{name}_set"

    def get_path_info(self) -> list[PathInfo]:
        return self.field.get_reverse_path_info()  # type: ignore[no-any-return]

    def get_lookup(self, name: str) -> Any:
        return self.field.get_lookup(name)

    def get_transform(self, name: str) -> Any:
        return None

    def lookup_names(self) -> list[str]:
        return self.field.lookup_names()  # type: ignore[no-any-return]

    @property
    def target_field(self) -> Any:
        return self.field.model._meta.pk


class ManyToOneRel(ForeignObjectRel):
    one_to_many = True


class OneToOneRel(ManyToOneRel):
    one_to_many = False
    one_to_one = True
    multiple = False


class ManyToManyRel(ForeignObjectRel):
    many_to_many = True


# -- forward fields -------------------------------------------------------------
class RelatedField(Field[Any]):
    """Shared set-up for fields pointing at another model."""

    is_relation = True
    rel_class: ClassVar[type[ForeignObjectRel]] = ForeignObjectRel

    @property
    def related_model(self) -> Any:
        return self.remote_field.model

    def related_query_name(self) -> str:
        """Name the reverse relation in lookups: ``filter(comment__text=...)``."""
        rel = self.remote_field
        if rel.related_query_name:
            return str(rel.related_query_name)
        if rel.related_name and not rel.hidden:
            return str(rel.related_name)
        default = self.model._meta.default_related_name
        if default:
            return str(rel.get_accessor_name())
        return str(self.model._meta.model_name)

    def contribute_to_class(self, cls: type[Any], name: str) -> None:
        super().contribute_to_class(cls, name)
        if cls._meta.abstract:
            return

        def resolve(target: Any) -> None:
            self.remote_field.model = target
            self.resolved(cls, target)

        lazy_related_operation(resolve, cls, self.remote_field.model)

    def resolved(self, cls: type[Any], target: Any) -> None:
        """Finish set-up once the target class exists."""
        target._meta.add_related_object(self.remote_field)
        if not self.remote_field.hidden:
            self.contribute_to_related_class(target, self.remote_field)

    def contribute_to_related_class(self, target: Any, rel: ForeignObjectRel) -> None:
        raise NotImplementedError


def _check_on_delete(on_delete: Any) -> None:
    if not callable(on_delete):
        raise TypeError(
            "on_delete must be callable, e.g. on_delete=models.CASCADE "
            "(or PROTECT, SET_NULL, ...)."
        )


class ForeignKey(RelatedField):
    """A many-to-one relation stored as ``<name>_id``."""

    many_to_one = True
    rel_class = ManyToOneRel
    empty_strings_allowed = False
    related_accessor_class: ClassVar[type[Any]] = ReverseManyToOneDescriptor

    def __init__(
        self,
        to: Any,
        on_delete: Any,
        related_name: str | None = None,
        related_query_name: str | None = None,
        limit_choices_to: Any = None,
        to_field: str | None = None,
        db_constraint: bool = True,
        **kwargs: Any,
    ) -> None:
        _check_on_delete(on_delete)
        kwargs.setdefault("db_index", True)
        super().__init__(**kwargs)
        self.remote_field = self.rel_class(
            self, to, related_name, related_query_name, limit_choices_to, on_delete
        )
        self.remote_field.field_name = to_field
        self.to_field = to_field
        self.db_constraint = db_constraint

    def get_attname(self) -> str:
        return f"{self.name}_id"

    def contribute_to_class(self, cls: type[Any], name: str) -> None:
        super().contribute_to_class(cls, name)
        setattr(cls, self.name, ForwardManyToOneDescriptor(self))

    def contribute_to_related_class(self, target: Any, rel: ForeignObjectRel) -> None:
        setattr(target, rel.get_accessor_name(), self.related_accessor_class(rel))

    @property
    def target_field(self) -> Any:
        meta = self.remote_field.model._meta
        return meta.get_field(self.to_field) if self.to_field else meta.pk

    def get_internal_type(self) -> str:
        return "ForeignKey"

    def db_type(self, connection: Any) -> str | None:
        return self.target_field.rel_db_type(connection)  # type: ignore[no-any-return]

    def db_parameters(self, connection: Any) -> dict[str, str | None]:
        return {"type": self.db_type(connection), "check": None}

    def get_prep_value(self, value: Any) -> Any:
        if hasattr(value, "_meta") and not isinstance(value, type):
            value = getattr(value, self.target_field.attname)
        return self.target_field.get_prep_value(value)

    def get_db_prep_value(
        self, value: Any, connection: Any, prepared: bool = False
    ) -> Any:
        if not prepared:
            value = self.get_prep_value(value)
        return self.target_field.get_db_prep_value(value, connection, prepared=True)

    def get_db_converters(self, connection: Any) -> list[Callable[..., Any]]:
        return self.target_field.get_db_converters(connection)  # type: ignore[no-any-return]

    def to_python(self, value: Any) -> Any:
        return self.target_field.to_python(value)

    def get_default(self) -> Any:
        value = super().get_default()
        if hasattr(value, "_meta"):
            return getattr(value, self.target_field.attname)
        return value

    def get_path_info(self) -> list[PathInfo]:
        target = self.target_field
        return [
            PathInfo(
                to_opts=self.remote_field.model._meta,
                join_cols=((self.column, target.column),),
                nullable=self.null,
                multi=False,
                name=self.name,
            )
        ]

    def get_reverse_path_info(self) -> list[PathInfo]:
        return [
            PathInfo(
                to_opts=self.model._meta,
                join_cols=((self.target_field.column, self.column),),
                nullable=True,
                multi=self.remote_field.multiple,
                name=f"{self.model._meta.label}.{self.name}+",
            )
        ]

    def deconstruct(self) -> tuple[str | None, str, list[Any], dict[str, Any]]:
        name, path, args, kwargs = super().deconstruct()
        if self.db_index:
            kwargs.pop("db_index", None)
        else:
            kwargs["db_index"] = False
        kwargs["to"] = _label(self.remote_field.model)
        kwargs["on_delete"] = self.remote_field.on_delete
        rel = self.remote_field
        for key, value in (
            ("related_name", rel.related_name),
            ("related_query_name", rel.related_query_name),
            ("limit_choices_to", rel.limit_choices_to),
            ("to_field", self.to_field),
        ):
            if value is not None:
                kwargs[key] = value
        if not self.db_constraint:
            kwargs["db_constraint"] = False
        return name, path, args, kwargs

    def clone(self) -> Field[Any]:
        _, _, args, kwargs = self.deconstruct()
        return type(self)(*args, **kwargs)


class OneToOneField(ForeignKey):
    """A unique foreign key; the reverse side is a single object."""

    many_to_one = False
    one_to_one = True
    rel_class = OneToOneRel
    related_accessor_class = ReverseOneToOneDescriptor

    def __init__(self, to: Any, on_delete: Any, **kwargs: Any) -> None:
        kwargs["unique"] = True
        super().__init__(to, on_delete, **kwargs)

    def deconstruct(self) -> tuple[str | None, str, list[Any], dict[str, Any]]:
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("unique", None)
        return name, path, args, kwargs


class ManyToManyField(RelatedField):
    """A many-to-many relation through a join table (auto-created or ``through``)."""

    many_to_many = True
    rel_class = ManyToManyRel

    def __init__(
        self,
        to: Any,
        related_name: str | None = None,
        related_query_name: str | None = None,
        limit_choices_to: Any = None,
        symmetrical: bool | None = None,
        through: Any = None,
        through_fields: tuple[str, str] | None = None,
        db_constraint: bool = True,
        db_table: str | None = None,
        **kwargs: Any,
    ) -> None:
        if kwargs.get("null"):
            raise TypeError(
                "ManyToManyField has no column, so null=True means nothing."
            )
        super().__init__(**kwargs)
        self.remote_field = self.rel_class(
            self, to, related_name, related_query_name, limit_choices_to
        )
        if symmetrical is None:
            symmetrical = to == RECURSIVE_RELATIONSHIP_CONSTANT
        self.remote_field.symmetrical = symmetrical
        self.remote_field.through = through
        self.through_fields = through_fields
        self.db_constraint = db_constraint
        self.db_table = db_table

    def set_attributes_from_name(self, name: str) -> None:
        super().set_attributes_from_name(name)
        self.column = None  # type: ignore[assignment]

    def contribute_to_class(self, cls: type[Any], name: str) -> None:
        if self.remote_field.symmetrical and self.remote_field.model in (
            RECURSIVE_RELATIONSHIP_CONSTANT,
            cls.__name__,
        ):
            self.remote_field.related_name = f"{name}_rel_+"
        super().contribute_to_class(cls, name)
        setattr(cls, name, ManyToManyDescriptor(self.remote_field, reverse=False))

    def resolved(self, cls: type[Any], target: Any) -> None:
        through = self.remote_field.through
        if through is None:
            self.remote_field.through = create_auto_through(self, cls, target)
            super().resolved(cls, target)
            return

        def set_through(model: Any) -> None:
            self.remote_field.through = model
            super(ManyToManyField, self).resolved(cls, target)

        lazy_related_operation(set_through, cls, through)

    def contribute_to_related_class(self, target: Any, rel: ForeignObjectRel) -> None:
        setattr(
            target, rel.get_accessor_name(), ManyToManyDescriptor(rel, reverse=True)
        )

    def _through_field(self, source: bool) -> Any:
        """Return the through model's FK to the source (or target) model."""
        through = self.remote_field.through
        if self.through_fields:
            return through._meta.get_field(self.through_fields[0 if source else 1])
        model = self.model if source else self.remote_field.model
        candidates = [
            f
            for f in through._meta.concrete_fields
            if f.is_relation and f.remote_field.model is model
        ]
        if self.model is self.remote_field.model and len(candidates) == 2:
            return candidates[0 if source else 1]
        if not candidates:
            raise ValueError(
                f"{through._meta.object_name} has no foreign key to "
                f"{model._meta.object_name}; set through_fields on {self}."
            )
        return candidates[0]

    def m2m_field_name(self) -> str:
        return str(self._through_field(True).name)

    def m2m_reverse_field_name(self) -> str:
        return str(self._through_field(False).name)

    def m2m_db_table(self) -> str:
        return str(self.remote_field.through._meta.db_table)

    def get_internal_type(self) -> str:
        return "ManyToManyField"

    def db_type(self, connection: Any) -> str | None:
        return None

    def db_parameters(self, connection: Any) -> dict[str, str | None]:
        return {"type": None, "check": None}

    def _hops(self, source: bool) -> list[PathInfo]:
        src, dst = self._through_field(source), self._through_field(not source)
        through_opts = self.remote_field.through._meta
        to_model = dst.remote_field.model
        name = f"{self.model._meta.label}.{self.name}{'' if source else '+rev'}"
        into_through = ((src.target_field.column, src.column),)
        out_of_through = ((dst.column, dst.target_field.column),)
        return [
            PathInfo(through_opts, into_through, True, True, f"{name}+through"),
            PathInfo(to_model._meta, out_of_through, True, True, name),
        ]

    def get_path_info(self) -> list[PathInfo]:
        return self._hops(source=True)

    def get_reverse_path_info(self) -> list[PathInfo]:
        return self._hops(source=False)

    def value_from_object(self, obj: Any) -> Any:
        return [] if obj.pk is None else list(getattr(obj, self.attname).all())

    def deconstruct(self) -> tuple[str | None, str, list[Any], dict[str, Any]]:
        name, path, args, kwargs = super().deconstruct()
        rel = self.remote_field
        kwargs["to"] = _label(rel.model)
        through = rel.through
        if through is not None and not (
            not isinstance(through, str) and through._meta.auto_created
        ):
            kwargs["through"] = _label(through)
        if rel.related_name is not None and not str(rel.related_name).endswith(
            "_rel_+"
        ):
            kwargs["related_name"] = rel.related_name
        if rel.related_query_name is not None:
            kwargs["related_query_name"] = rel.related_query_name
        if self.db_table is not None:
            kwargs["db_table"] = self.db_table
        if self.through_fields is not None:
            kwargs["through_fields"] = self.through_fields
        return name, path, args, kwargs

    def clone(self) -> Field[Any]:
        _, _, args, kwargs = self.deconstruct()
        return type(self)(*args, **kwargs)


def create_auto_through(field: ManyToManyField, cls: Any, target: Any) -> Any:
    """Build the join model ``<Model>_<field>`` with one FK to each side."""
    # base.py imports this module, so reach Model through the metaclass instead:
    # it is the root of cls's bases built by that metaclass.
    base = [c for c in cls.__mro__ if isinstance(c, type(cls))][-1]
    meta = cls._meta
    name = f"{meta.object_name}_{field.name}"
    source_name = meta.model_name
    target_name = target._meta.model_name
    if source_name == target_name:
        source_name, target_name = f"from_{source_name}", f"to_{target_name}"
    meta_class = type(
        "Meta",
        (),
        {
            "app_label": meta.app_label,
            "db_table": field.db_table or f"{meta.db_table}_{field.name}"[:63],
            "auto_created": cls,
            "apps": meta.apps,
            "unique_together": ((source_name, target_name),),
            "verbose_name": (
                f"{meta.object_name}-{target._meta.object_name} relationship"
            ),
        },
    )
    constraint = field.db_constraint
    attrs = {
        "Meta": meta_class,
        "__module__": cls.__module__,
        source_name: ForeignKey(
            cls, CASCADE, related_name=f"{name}+", db_constraint=constraint
        ),
        target_name: ForeignKey(
            target, CASCADE, related_name=f"{name}+", db_constraint=constraint
        ),
    }
    return type(cls)(name, (base,), attrs)


__all__ = [
    "DeferredAttribute",
    "ForeignKey",
    "ForeignObjectRel",
    "ManyToManyField",
    "ManyToManyRel",
    "ManyToOneRel",
    "OneToOneField",
    "OneToOneRel",
    "RelatedField",
    "do_pending_operations",
    "lazy_related_operation",
]
