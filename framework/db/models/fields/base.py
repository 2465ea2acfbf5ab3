"""``Field``: one model attribute and its column.

A field knows its Python type (``to_python``), how values go to the database
(``get_db_prep_value``) and come back (``get_db_converters``), how it validates
(``clean``), and how migrations rebuild it (``deconstruct``). Column SQL types
come from ``connection.data_types``, so fields hold no backend knowledge.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar, overload

from framework.core.exceptions import ValidationError
from framework.db.models.query_utils import DeferredAttribute, RegisterLookupMixin

if TYPE_CHECKING:
    from typing import Self

_T = TypeVar("_T")

# Values that count as "empty" for blank=False validation.
EMPTY_VALUES: tuple[Any, ...] = (None, "", [], (), {})


class NOT_PROVIDED:
    """Sentinel: a field has no default (``None`` is a real default)."""


# Constructor arguments every field accepts, with the default deconstruct() omits.
_BASE_DEFAULTS: dict[str, Any] = {
    "verbose_name": None,
    "primary_key": False,
    "max_length": None,
    "unique": False,
    "blank": False,
    "null": False,
    "db_index": False,
    "default": NOT_PROVIDED,
    "editable": True,
    "serialize": True,
    "choices": None,
    "help_text": "",
    "db_column": None,
    "validators": [],
    "auto_created": False,
}


def _public_path(cls: type[Any]) -> str:
    # Built-in fields deconstruct to the path users import them from.
    if cls.__module__.startswith("framework.db.models"):
        return f"framework.db.models.{cls.__name__}"
    return f"{cls.__module__}.{cls.__qualname__}"


class Field(RegisterLookupMixin, Generic[_T]):
    """Base of every model field; subclasses set the Python type and column type."""

    # Creation order, so fields keep their definition order in _meta.fields.
    # Class-level counters hand out each instance's creation_counter.
    creation_counter: int = 0
    auto_creation_counter: ClassVar[int] = -1
    # Whether "" is a legal stored value (False for numbers, dates, ...).
    empty_strings_allowed: ClassVar[bool] = True
    descriptor_class: ClassVar[type[Any]] = DeferredAttribute
    # Extra keyword defaults a subclass adds for deconstruct().
    extra_defaults: ClassVar[dict[str, Any]] = {}
    default_validators: ClassVar[list[Callable[[Any], None]]] = []
    is_relation: ClassVar[bool] = False
    many_to_many: ClassVar[bool | None] = None
    many_to_one: ClassVar[bool | None] = None
    one_to_many: ClassVar[bool | None] = None
    one_to_one: ClassVar[bool | None] = None
    remote_field: Any = None
    related_model: Any = None

    name: str
    attname: str
    column: str
    model: Any

    def __init__(
        self,
        verbose_name: str | None = None,
        name: str | None = None,
        primary_key: bool = False,
        max_length: int | None = None,
        unique: bool = False,
        blank: bool = False,
        null: bool = False,
        db_index: bool = False,
        default: Any = NOT_PROVIDED,
        editable: bool = True,
        serialize: bool = True,
        choices: Iterable[Any] | None = None,
        help_text: str = "",
        db_column: str | None = None,
        validators: Sequence[Callable[[Any], None]] = (),
        auto_created: bool = False,
        error_messages: dict[str, str] | None = None,
    ) -> None:
        self.verbose_name = verbose_name
        self._verbose_name_given = verbose_name is not None
        self.primary_key = primary_key
        self.max_length = max_length
        self._unique = unique
        self.blank, self.null = blank, null
        self.db_index = db_index
        self.default = default
        self.editable = editable
        self.serialize = serialize
        self.choices = list(choices) if choices is not None else None
        self.help_text = help_text
        self.db_column = db_column
        self._validators = list(validators)
        self.auto_created = auto_created
        self.error_messages = error_messages or {}
        if name is not None:
            self.name = name
        if auto_created:
            self.creation_counter = Field.auto_creation_counter
            Field.auto_creation_counter -= 1
        else:
            self.creation_counter = Field.creation_counter
            Field.creation_counter += 1

    if TYPE_CHECKING:

        @overload
        def __get__(self, instance: None, owner: Any) -> Self: ...

        @overload
        def __get__(self, instance: object, owner: Any) -> _T: ...

        def __get__(self, instance: object | None, owner: Any) -> Self | _T: ...

        def __set__(self, instance: object, value: Any) -> None: ...

    # -- identity ---------------------------------------------------------
    @property
    def unique(self) -> bool:
        return self._unique or self.primary_key

    @property
    def validators(self) -> list[Callable[[Any], None]]:
        return [*self.default_validators, *self._validators]

    @property
    def concrete(self) -> bool:
        """Whether the field has a column of its own."""
        return getattr(self, "column", None) is not None

    def __repr__(self) -> str:
        path = f"{type(self).__module__}.{type(self).__qualname__}"
        name = getattr(self, "name", None)
        return f"<{path}: {name}>" if name else f"<{path}>"

    def __str__(self) -> str:
        model = getattr(self, "model", None)
        if model is None:
            return repr(self)
        return f"{model._meta.label}.{self.name}"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Field):
            return NotImplemented
        return self.creation_counter == other.creation_counter and getattr(
            self, "model", None
        ) == getattr(other, "model", None)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Field):
            return NotImplemented
        return self.creation_counter < other.creation_counter

    def __hash__(self) -> int:
        return hash((self.creation_counter, id(getattr(self, "model", None))))

    def __deepcopy__(self, memo: dict[int, Any]) -> Field[_T]:
        clone = copy.copy(self)
        clone._validators = list(self._validators)
        if self.remote_field is not None:
            clone.remote_field = copy.copy(self.remote_field)
            clone.remote_field.field = clone
        memo[id(self)] = clone
        return clone

    # -- attaching to a model ---------------------------------------------
    def set_attributes_from_name(self, name: str) -> None:
        """Derive ``name``, ``attname``, ``column`` and ``verbose_name``."""
        if not getattr(self, "name", None):
            self.name = name
        self.attname = self.get_attname()
        self.column = self.db_column or self.attname
        if self.verbose_name is None:
            self.verbose_name = self.name.replace("_", " ")

    def get_attname(self) -> str:
        return self.name

    def contribute_to_class(self, cls: type[Any], name: str) -> None:
        """Attach the field to ``cls`` as ``name`` and register it in ``_meta``."""
        self.set_attributes_from_name(name)
        self.model = cls
        cls._meta.add_field(self)
        if self.column:
            setattr(cls, self.attname, self.descriptor_class(self))
        if self.choices is not None and f"get_{self.name}_display" not in vars(cls):
            setattr(cls, f"get_{self.name}_display", _display_method(self))

    # -- database types -----------------------------------------------------
    def get_internal_type(self) -> str:
        """Name the column type family; backends map it to SQL in data_types."""
        return type(self).__name__

    def db_type_parameters(self) -> dict[str, Any]:
        return {
            "max_length": self.max_length,
            "max_digits": getattr(self, "max_digits", None),
            "decimal_places": getattr(self, "decimal_places", None),
            "column": getattr(self, "column", None),
        }

    def db_type(self, connection: Any) -> str | None:
        """Return the column's SQL type on ``connection`` (None: no column)."""
        template = connection.data_types.get(self.get_internal_type())
        if template is None:
            return None
        return str(template % self.db_type_parameters())

    def rel_db_type(self, connection: Any) -> str | None:
        """Return the type a foreign key pointing at this field uses."""
        return self.db_type(connection)

    def db_check(self, connection: Any) -> str | None:
        checks = getattr(connection, "data_type_check_constraints", {})
        template = checks.get(self.get_internal_type())
        return None if template is None else str(template % self.db_type_parameters())

    def db_parameters(self, connection: Any) -> dict[str, str | None]:
        return {"type": self.db_type(connection), "check": self.db_check(connection)}

    # -- values ---------------------------------------------------------------
    def to_python(self, value: Any) -> Any:
        """Convert input (form data, JSON, a DB value) to the Python type."""
        return value

    def get_prep_value(self, value: Any) -> Any:
        """Normalise a Python value before it is adapted for a backend."""
        return value

    def get_db_prep_value(
        self, value: Any, connection: Any, prepared: bool = False
    ) -> Any:
        """Return ``value`` as the driver should receive it."""
        return value if prepared else self.get_prep_value(value)

    def get_db_prep_save(self, value: Any, connection: Any) -> Any:
        return self.get_db_prep_value(value, connection)

    def get_db_converters(self, connection: Any) -> list[Callable[..., Any]]:
        """Return callables turning raw column values into Python values."""
        converters = list(connection.ops.get_db_converters(self.get_internal_type()))
        from_db = getattr(self, "from_db_value", None)
        if from_db is not None:
            converters.append(from_db)
        return converters

    def has_default(self) -> bool:
        return self.default is not NOT_PROVIDED

    def get_default(self) -> Any:
        """Return the default, calling it when it is callable."""
        if self.has_default():
            return self.default() if callable(self.default) else self.default
        if not self.empty_strings_allowed or self.null:
            return None
        return ""

    def pre_save(self, model_instance: Any, add: bool) -> Any:
        """Return the value to save (auto_now fields set it here)."""
        return getattr(model_instance, self.attname)

    def value_from_object(self, obj: Any) -> Any:
        return getattr(obj, self.attname)

    # -- validation -----------------------------------------------------------
    def run_validators(self, value: Any) -> None:
        if value in EMPTY_VALUES:
            return
        errors: list[ValidationError] = []
        for validator in self.validators:
            try:
                validator(value)
            except ValidationError as exc:
                errors.extend(exc.error_list)
        if errors:
            raise ValidationError(errors)

    def validate(self, value: Any, model_instance: Any) -> None:
        """Check choices, null and blank; raise ValidationError."""
        if not self.editable:
            return
        if self.choices is not None and value not in EMPTY_VALUES:
            if value not in {key for key, _ in self.flatchoices}:
                raise ValidationError(
                    "Value %(value)r is not a valid choice.",
                    code="invalid_choice",
                    params={"value": value},
                )
        if value is None and not self.null:
            raise ValidationError("This field cannot be null.", code="null")
        if not self.blank and value in EMPTY_VALUES:
            raise ValidationError("This field cannot be blank.", code="blank")

    def clean(self, value: Any, model_instance: Any) -> Any:
        """Convert, validate and run validators; return the cleaned value."""
        value = self.to_python(value)
        self.validate(value, model_instance)
        self.run_validators(value)
        return value

    @property
    def flatchoices(self) -> list[tuple[Any, Any]]:
        """Choices with option groups flattened into ``(value, label)`` pairs."""
        flat: list[tuple[Any, Any]] = []
        for key, label in self.choices or []:
            if isinstance(label, list | tuple):
                flat.extend(label)
            else:
                flat.append((key, label))
        return flat

    # -- migrations -------------------------------------------------------------
    def _constructor_values(self) -> dict[str, Any]:
        values = {
            "verbose_name": self.verbose_name if self._verbose_name_given else None,
            "primary_key": self.primary_key,
            "max_length": self.max_length,
            "unique": self._unique,
            "blank": self.blank,
            "null": self.null,
            "db_index": self.db_index,
            "default": self.default,
            "editable": self.editable,
            "serialize": self.serialize,
            "choices": self.choices,
            "help_text": self.help_text,
            "db_column": self.db_column,
            "validators": self._validators,
            "auto_created": self.auto_created,
        }
        for key in self.extra_defaults:
            values[key] = getattr(self, key)
        return values

    def deconstruct(self) -> tuple[str | None, str, list[Any], dict[str, Any]]:
        """Return ``(name, import path, args, kwargs)`` that rebuild the field."""
        defaults = {**_BASE_DEFAULTS, **self.extra_defaults}
        kwargs = {
            key: value
            for key, value in self._constructor_values().items()
            if value != defaults[key]
            or (key == "default" and value is not NOT_PROVIDED)
        }
        if "choices" in kwargs:
            kwargs["choices"] = list(kwargs["choices"])
        return getattr(self, "name", None), _public_path(type(self)), [], kwargs

    def clone(self) -> Field[Any]:
        """Return an unattached copy built from ``deconstruct()``."""
        _, _, args, kwargs = self.deconstruct()
        return type(self)(*args, **kwargs)


def _display_method(field: Field[Any]) -> Callable[[Any], Any]:
    def get_display(self: Any) -> Any:
        value = getattr(self, field.attname)
        labels = dict(field.flatchoices)
        try:
            return str(labels.get(value, value))
        except TypeError:  # unhashable value: never a choice
            return str(value)

    get_display.__name__ = f"get_{field.name}_display"
    return get_display
