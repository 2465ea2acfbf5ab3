"""Number, text, boolean, UUID and binary fields."""

from __future__ import annotations

import decimal
import uuid
from collections.abc import Callable
from typing import Any, ClassVar

from framework.core.exceptions import ValidationError
from framework.db.models.fields.base import Field
from framework.db.models.fields.validators import (
    DecimalValidator,
    MaxLengthValidator,
    RangeValidator,
    validate_email,
    validate_slug,
    validate_url,
)


def _invalid(field: Field[Any], value: Any, kind: str) -> ValidationError:
    return ValidationError(
        "%(value)r must be " + kind + ".", code="invalid", params={"value": value}
    )


class IntegerField(Field[int]):
    """A 32-bit signed integer column."""

    empty_strings_allowed = False
    # Range the column type can hold; validation rejects values outside it.
    integer_range: ClassVar[tuple[int, int]] = (-2147483648, 2147483647)

    @property
    def validators(self) -> list[Callable[[Any], None]]:
        return [RangeValidator(*self.integer_range), *super().validators]

    def to_python(self, value: Any) -> Any:
        if value is None or isinstance(value, int) and not isinstance(value, bool):
            return value
        try:
            return int(value)
        except (TypeError, ValueError):
            raise _invalid(self, value, "an integer") from None

    def get_prep_value(self, value: Any) -> Any:
        if value is None or hasattr(value, "resolve_expression"):
            return value
        try:
            return int(value)
        except (TypeError, ValueError) as exc:
            raise type(exc)(
                f"Field '{getattr(self, 'name', '?')}' expected a number but got "
                f"{value!r}."
            ) from exc

    def rel_db_type(self, connection: Any) -> str | None:
        return self.db_type(connection)


class SmallIntegerField(IntegerField):
    """A 16-bit signed integer column."""

    integer_range = (-32768, 32767)


class BigIntegerField(IntegerField):
    """A 64-bit signed integer column."""

    integer_range = (-9223372036854775808, 9223372036854775807)


class PositiveIntegerField(IntegerField):
    """A non-negative 32-bit integer with a CHECK constraint."""

    integer_range = (0, 2147483647)


class PositiveSmallIntegerField(IntegerField):
    """A non-negative 16-bit integer with a CHECK constraint."""

    integer_range = (0, 32767)


class PositiveBigIntegerField(IntegerField):
    """A non-negative 64-bit integer with a CHECK constraint."""

    integer_range = (0, 9223372036854775807)


class AutoField(IntegerField):
    """An auto-incrementing integer primary key."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["blank"] = True
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[str | None, str, list[Any], dict[str, Any]]:
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("blank", None)
        return name, path, args, kwargs

    def rel_db_type(self, connection: Any) -> str | None:
        return IntegerField().db_type(connection)

    def validate(self, value: Any, model_instance: Any) -> None:
        """Skip validation: the database assigns the value."""


class BigAutoField(AutoField):
    """A 64-bit auto-incrementing primary key (the default ``id``)."""

    integer_range = BigIntegerField.integer_range

    def rel_db_type(self, connection: Any) -> str | None:
        return BigIntegerField().db_type(connection)


class SmallAutoField(AutoField):
    """A 16-bit auto-incrementing primary key."""

    integer_range = SmallIntegerField.integer_range

    def rel_db_type(self, connection: Any) -> str | None:
        return SmallIntegerField().db_type(connection)


class FloatField(Field[float]):
    """A double-precision floating point column."""

    empty_strings_allowed = False

    def to_python(self, value: Any) -> Any:
        if value is None:
            return value
        try:
            return float(value)
        except (TypeError, ValueError):
            raise _invalid(self, value, "a float") from None

    def get_prep_value(self, value: Any) -> Any:
        if value is None or hasattr(value, "resolve_expression"):
            return value
        return float(value)


class DecimalField(Field[decimal.Decimal]):
    """A fixed-precision decimal column (``max_digits``, ``decimal_places``)."""

    empty_strings_allowed = False
    extra_defaults: ClassVar[dict[str, Any]] = {
        "max_digits": None,
        "decimal_places": None,
    }

    def __init__(
        self,
        *args: Any,
        max_digits: int | None = None,
        decimal_places: int | None = None,
        **kwargs: Any,
    ) -> None:
        self.max_digits, self.decimal_places = max_digits, decimal_places
        super().__init__(*args, **kwargs)

    @property
    def validators(self) -> list[Callable[[Any], None]]:
        own = DecimalValidator(self.max_digits, self.decimal_places)
        return [own, *super().validators]

    def to_python(self, value: Any) -> Any:
        if value is None or isinstance(value, decimal.Decimal):
            return value
        if isinstance(value, float):
            return decimal.Decimal(str(value))
        try:
            return decimal.Decimal(value)
        except (decimal.InvalidOperation, TypeError, ValueError):
            raise _invalid(self, value, "a decimal number") from None

    def get_prep_value(self, value: Any) -> Any:
        if hasattr(value, "resolve_expression"):
            return value
        return self.to_python(value)

    def get_db_prep_value(
        self, value: Any, connection: Any, prepared: bool = False
    ) -> Any:
        if not prepared:
            value = self.get_prep_value(value)
        if value is None or hasattr(value, "as_sql"):
            return value
        return connection.ops.adapt_decimalfield_value(
            value, self.max_digits, self.decimal_places
        )


class BooleanField(Field[bool]):
    """A true/false column."""

    empty_strings_allowed = False
    _truthy = ("t", "true", "1", "yes", "on")
    _falsy = ("f", "false", "0", "no", "off")

    def to_python(self, value: Any) -> Any:
        if value is None and self.null:
            return None
        if value in (True, False):
            return bool(value)
        text = str(value).lower()
        if text in self._truthy:
            return True
        if text in self._falsy:
            return False
        raise _invalid(self, value, "either True or False")

    def get_prep_value(self, value: Any) -> Any:
        if value is None or hasattr(value, "resolve_expression"):
            return value
        return self.to_python(value)

    def get_db_prep_value(
        self, value: Any, connection: Any, prepared: bool = False
    ) -> Any:
        if not prepared:
            value = self.get_prep_value(value)
        if value is None or hasattr(value, "as_sql"):
            return value
        return connection.ops.adapt_bool_value(value)


class CharField(Field[str]):
    """A bounded string column; ``max_length`` is required."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.max_length is None and type(self).max_length_required():
            raise TypeError(
                f"{type(self).__name__} needs max_length, e.g. "
                f"{type(self).__name__}(max_length=200)."
            )

    @classmethod
    def max_length_required(cls) -> bool:
        return True

    @property
    def validators(self) -> list[Callable[[Any], None]]:
        own = [] if self.max_length is None else [MaxLengthValidator(self.max_length)]
        return [*own, *super().validators]

    def to_python(self, value: Any) -> Any:
        if value is None or isinstance(value, str):
            return value
        return str(value)

    def get_prep_value(self, value: Any) -> Any:
        return self.to_python(value)


class SlugField(CharField):
    """Letters, numbers, hyphens and underscores; indexed by default."""

    default_validators = [validate_slug]

    def __init__(
        self, *args: Any, max_length: int = 50, db_index: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, max_length=max_length, db_index=db_index, **kwargs)

    def deconstruct(self) -> tuple[str | None, str, list[Any], dict[str, Any]]:
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 50:
            del kwargs["max_length"]
        if self.db_index:
            kwargs.pop("db_index", None)
        else:
            kwargs["db_index"] = False
        return name, path, args, kwargs


class EmailField(CharField):
    """An email address (validated by shape only)."""

    default_validators = [validate_email]

    def __init__(self, *args: Any, max_length: int = 254, **kwargs: Any) -> None:
        super().__init__(*args, max_length=max_length, **kwargs)


class URLField(CharField):
    """An http(s)/ftp(s) URL."""

    default_validators = [validate_url]

    def __init__(self, *args: Any, max_length: int = 200, **kwargs: Any) -> None:
        super().__init__(*args, max_length=max_length, **kwargs)


class TextField(CharField):
    """An unbounded string column."""

    @classmethod
    def max_length_required(cls) -> bool:
        return False


class UUIDField(Field[uuid.UUID]):
    """A UUID (native ``uuid`` on PostgreSQL, 32 hex chars elsewhere)."""

    empty_strings_allowed = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 32)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[str | None, str, list[Any], dict[str, Any]]:
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("max_length", None)
        return name, path, args, kwargs

    def to_python(self, value: Any) -> Any:
        if value is None or isinstance(value, uuid.UUID):
            return value
        try:
            return uuid.UUID(int=value) if isinstance(value, int) else uuid.UUID(value)
        except (AttributeError, ValueError):
            raise _invalid(self, value, "a valid UUID") from None

    def get_prep_value(self, value: Any) -> Any:
        if hasattr(value, "resolve_expression"):
            return value
        return self.to_python(value)

    def get_db_prep_value(
        self, value: Any, connection: Any, prepared: bool = False
    ) -> Any:
        if not prepared:
            value = self.get_prep_value(value)
        if value is None or hasattr(value, "as_sql"):
            return value
        return connection.ops.adapt_uuid_value(value)


class BinaryField(Field[bytes]):
    """Raw bytes; not editable in forms by default."""

    empty_strings_allowed = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[str | None, str, list[Any], dict[str, Any]]:
        name, path, args, kwargs = super().deconstruct()
        if self.editable:
            kwargs["editable"] = True
        else:
            kwargs.pop("editable", None)
        return name, path, args, kwargs

    def get_default(self) -> Any:
        if self.has_default() or self.null:
            return super().get_default()
        return b""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, memoryview | bytearray):
            return bytes(value)
        return value

    def from_db_value(self, value: Any, *args: Any) -> Any:
        return self.to_python(value)
