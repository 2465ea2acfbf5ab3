"""Date, date-time, time and duration fields.

With ``USE_TZ = True`` date-times are aware: naive values are read as being in
``TIME_ZONE`` and ``auto_now`` stamps are UTC. Backends store them (SQLite as UTC
text, PostgreSQL as ``timestamptz``) through ``connection.ops``.
"""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from framework.conf import settings
from framework.core.exceptions import ValidationError
from framework.db.models.fields.base import Field


def now() -> datetime.datetime:
    """Return the current time: aware UTC when USE_TZ, else naive local."""
    if settings.USE_TZ:
        return datetime.datetime.now(datetime.UTC)
    return datetime.datetime.now()


def make_aware(value: datetime.datetime) -> datetime.datetime:
    """Attach ``TIME_ZONE`` to a naive date-time."""
    return value.replace(tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))


def _parse_error(value: Any, kind: str) -> ValidationError:
    return ValidationError(
        "%(value)r is not a valid " + kind + ".",
        code="invalid",
        params={"value": value},
    )


class _AutoNowMixin:
    """``auto_now`` (stamp every save) and ``auto_now_add`` (stamp on insert)."""

    extra_defaults: dict[str, Any] = {"auto_now": False, "auto_now_add": False}
    attname: str

    def _init_auto(self, kwargs: dict[str, Any], auto_now: bool, add: bool) -> None:
        self.auto_now, self.auto_now_add = auto_now, add
        if auto_now or add:
            kwargs["editable"] = False
            kwargs["blank"] = True

    def _strip_auto(self, kwargs: dict[str, Any]) -> None:
        if self.auto_now or self.auto_now_add:
            kwargs.pop("editable", None)
            kwargs.pop("blank", None)

    def _stamp(self) -> Any:
        raise NotImplementedError

    def pre_save(self, model_instance: Any, add: bool) -> Any:
        if self.auto_now or (self.auto_now_add and add):
            value = self._stamp()
            setattr(model_instance, self.attname, value)
            return value
        return getattr(model_instance, self.attname)


class DateField(_AutoNowMixin, Field[datetime.date]):
    """A calendar date."""

    empty_strings_allowed = False

    def __init__(
        self,
        *args: Any,
        auto_now: bool = False,
        auto_now_add: bool = False,
        **kwargs: Any,
    ) -> None:
        self._init_auto(kwargs, auto_now, auto_now_add)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[str | None, str, list[Any], dict[str, Any]]:
        name, path, args, kwargs = super().deconstruct()
        self._strip_auto(kwargs)
        return name, path, args, kwargs

    def _stamp(self) -> Any:
        return now().date()

    def to_python(self, value: Any) -> Any:
        if value is None:
            return value
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            raise _parse_error(value, "date (YYYY-MM-DD)") from None

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
        return connection.ops.adapt_datefield_value(value)


class DateTimeField(DateField):
    """A date and time; aware when ``USE_TZ`` is on."""

    def _stamp(self) -> Any:
        return now()

    def to_python(self, value: Any) -> Any:
        if value is None:
            return value
        if isinstance(value, datetime.datetime):
            parsed = value
        elif isinstance(value, datetime.date):
            parsed = datetime.datetime(value.year, value.month, value.day)
        else:
            try:
                parsed = datetime.datetime.fromisoformat(str(value))
            except ValueError:
                raise _parse_error(value, "date-time (YYYY-MM-DD HH:MM)") from None
        if settings.USE_TZ and parsed.tzinfo is None:
            return make_aware(parsed)
        return parsed

    def get_db_prep_value(
        self, value: Any, connection: Any, prepared: bool = False
    ) -> Any:
        if not prepared:
            value = self.get_prep_value(value)
        if value is None or hasattr(value, "as_sql"):
            return value
        return connection.ops.adapt_datetimefield_value(value)


class TimeField(_AutoNowMixin, Field[datetime.time]):
    """A time of day."""

    empty_strings_allowed = False

    def __init__(
        self,
        *args: Any,
        auto_now: bool = False,
        auto_now_add: bool = False,
        **kwargs: Any,
    ) -> None:
        self._init_auto(kwargs, auto_now, auto_now_add)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[str | None, str, list[Any], dict[str, Any]]:
        name, path, args, kwargs = super().deconstruct()
        self._strip_auto(kwargs)
        return name, path, args, kwargs

    def _stamp(self) -> Any:
        return datetime.datetime.now().time()

    def to_python(self, value: Any) -> Any:
        if value is None or isinstance(value, datetime.time):
            return value
        if isinstance(value, datetime.datetime):
            return value.time()
        try:
            return datetime.time.fromisoformat(str(value))
        except ValueError:
            raise _parse_error(value, "time (HH:MM[:ss])") from None

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
        return connection.ops.adapt_timefield_value(value)


class DurationField(Field[datetime.timedelta]):
    """A ``timedelta`` (native ``interval`` on PostgreSQL, microseconds elsewhere)."""

    empty_strings_allowed = False

    def to_python(self, value: Any) -> Any:
        if value is None or isinstance(value, datetime.timedelta):
            return value
        if isinstance(value, int | float):
            return datetime.timedelta(microseconds=value)
        raise _parse_error(value, "duration")

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
        return connection.ops.adapt_duration_value(value)
