"""SQLite's SQL dialect and value conversion.

SQLite stores datetimes, dates, times, UUIDs and JSON as text, decimals as
NUMERIC and durations as integer microseconds; the converters turn them back.
With ``USE_TZ`` datetimes are stored as UTC and come back aware (UTC).
"""

from __future__ import annotations

import datetime
import decimal
import json
import uuid
from typing import Any

from framework.db.backends.base.operations import (
    BaseDatabaseOperations,
    Converter,
    _wildcards,
    parse_uuid,
    to_utc_naive,
    validate_extract,
    validate_trunc,
)

__all__ = ["DatabaseOperations"]

_GLOB_SPECIAL = str.maketrans({"*": "[*]", "?": "[?]", "[": "[[]"})


def _convert_datetime(value: Any) -> Any:
    if value is None or isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.fromisoformat(str(value))


def _convert_datetime_aware(value: Any) -> Any:
    parsed = _convert_datetime(value)
    if parsed is None or parsed.tzinfo is not None:
        return parsed
    return parsed.replace(tzinfo=datetime.UTC)


def _convert_date(value: Any) -> Any:
    if value is None or isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


def _convert_time(value: Any) -> Any:
    if value is None or isinstance(value, datetime.time):
        return value
    return datetime.time.fromisoformat(str(value))


def _convert_decimal(value: Any) -> Any:
    if value is None or isinstance(value, decimal.Decimal):
        return value
    # str() of a float is its shortest round-tripping form: 1.1 -> "1.1".
    return decimal.Decimal(str(value))


def _convert_bool(value: Any) -> Any:
    return value if value is None else bool(value)


def _convert_duration(value: Any) -> Any:
    if value is None or isinstance(value, datetime.timedelta):
        return value
    return datetime.timedelta(microseconds=int(value))


def _convert_json(value: Any) -> Any:
    if value is None or not isinstance(value, str | bytes):
        return value
    return json.loads(value)


_CONVERTERS: dict[str, list[Converter]] = {
    "DateField": [_convert_date],
    "TimeField": [_convert_time],
    "DecimalField": [_convert_decimal],
    "UUIDField": [parse_uuid],
    "BooleanField": [_convert_bool],
    "NullBooleanField": [_convert_bool],
    "DurationField": [_convert_duration],
    "JSONField": [_convert_json],
}


class DatabaseOperations(BaseDatabaseOperations):
    """SQLite-specific SQL pieces and adapters."""

    no_limit_value = -1

    def max_name_length(self) -> int:
        # SQLite has no identifier limit; this keeps generated names readable.
        return 1024

    def begin_transaction_sql(self) -> str:
        mode_of = getattr(self.connection, "transaction_mode", None)
        return f"BEGIN {mode_of()}" if callable(mode_of) else "BEGIN IMMEDIATE"

    def combine_expression(self, connector: str, sub_expressions: list[str]) -> str:
        if connector == "^":
            return f"framework_power({', '.join(sub_expressions)})"
        return super().combine_expression(connector, sub_expressions)

    def sql_flush(self, tables: Any, reset_sequences: bool = False) -> list[str]:
        statements = [f"DELETE FROM {self.quote_name(t)}" for t in tables]
        if reset_sequences and tables:
            names = ", ".join(f"'{t}'" for t in tables if "'" not in t)
            statements.append(f"DELETE FROM sqlite_sequence WHERE name IN ({names})")
        return statements

    def last_executed_query(self, cursor: Any, sql: str, params: Any) -> str:
        if not params:
            return sql
        if isinstance(params, dict):
            return f"{sql} -- params: {params!r}"
        try:
            return sql % tuple(self.quote_value(p) for p in params)
        except (TypeError, ValueError):
            return f"{sql} -- params: {params!r}"

    def quote_value(self, value: Any) -> str:
        """Render ``value`` as an SQL literal (DDL defaults, displayed SQL)."""
        if value is None:
            return "NULL"
        if isinstance(value, bool):
            return "1" if value else "0"
        if isinstance(value, int | float | decimal.Decimal):
            return str(value)
        if isinstance(value, bytes | bytearray | memoryview):
            return f"X'{bytes(value).hex()}'"
        if isinstance(value, datetime.datetime):
            value = self.adapt_datetimefield_value(value)
        elif isinstance(value, datetime.timedelta):
            return str(self.adapt_duration_value(value))
        elif isinstance(value, uuid.UUID):
            value = value.hex
        elif isinstance(value, datetime.date | datetime.time):
            value = value.isoformat()
        text = str(value)
        return "'" + text.replace("'", "''") + "'"

    # -- lookups -------------------------------------------------------------

    def pattern_lookup_sql(self, lookup_name: str, lhs_sql: str) -> str:
        # LIKE ignores ASCII case in SQLite, so case-sensitive lookups use GLOB.
        _wildcards(lookup_name)
        if lookup_name.startswith("i"):
            return f"{lhs_sql} LIKE %s ESCAPE '\\'"
        return f"{lhs_sql} GLOB %s"

    def prep_pattern(self, lookup_name: str, value: str) -> str:
        if lookup_name.startswith("i"):
            return super().prep_pattern(lookup_name, value)
        prefix, suffix = _wildcards(lookup_name)
        escaped = str(value).translate(_GLOB_SPECIAL)
        return f"{'*' if prefix else ''}{escaped}{'*' if suffix else ''}"

    def regex_lookup_sql(self, lookup_name: str, lhs_sql: str) -> str:
        if lookup_name == "iregex":
            return f"{lhs_sql} REGEXP ('(?i)' || %s)"
        if lookup_name == "regex":
            return f"{lhs_sql} REGEXP %s"
        raise ValueError(f"{lookup_name!r} is not 'regex' or 'iregex'.")

    def date_extract_sql(self, lookup_type: str, sql: str) -> str:
        validate_extract(lookup_type)
        return f"framework_date_extract('{lookup_type}', {sql})"

    def datetime_trunc_sql(self, kind: str, sql: str) -> str:
        validate_trunc(kind)
        return f"framework_datetime_trunc('{kind}', {sql})"

    def datetime_cast_date_sql(self, sql: str) -> str:
        return f"date({sql})"

    # -- adapters ------------------------------------------------------------

    def adapt_datetimefield_value(self, value: Any) -> Any:
        if value is None or not isinstance(value, datetime.datetime):
            return value
        if value.tzinfo is not None:
            if not self.use_tz():
                raise ValueError(
                    "SQLite cannot store timezone-aware datetimes when USE_TZ is "
                    "False. Set USE_TZ = True or pass naive datetimes."
                )
            value = to_utc_naive(value)
        return value.isoformat(" ")

    def adapt_datefield_value(self, value: Any) -> Any:
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value

    def adapt_timefield_value(self, value: Any) -> Any:
        if not isinstance(value, datetime.time):
            return value
        if value.utcoffset() is not None:
            raise ValueError("SQLite cannot store timezone-aware times.")
        return value.isoformat()

    def adapt_decimalfield_value(
        self,
        value: Any,
        max_digits: int | None = None,
        decimal_places: int | None = None,
    ) -> Any:
        adapted = super().adapt_decimalfield_value(value, max_digits, decimal_places)
        return None if adapted is None else str(adapted)

    def adapt_uuid_value(self, value: Any) -> Any:
        if value is None:
            return None
        if not isinstance(value, uuid.UUID):
            value = uuid.UUID(str(value))
        return value.hex

    def adapt_duration_value(self, value: Any) -> Any:
        if not isinstance(value, datetime.timedelta):
            return value
        return (value.days * 86400 + value.seconds) * 1_000_000 + value.microseconds

    def adapt_bool_value(self, value: Any) -> Any:
        return None if value is None else int(bool(value))

    # -- converters ----------------------------------------------------------

    def get_db_converters(self, internal_type: str) -> list[Converter]:
        if internal_type == "DateTimeField":
            if self.use_tz():
                return [_convert_datetime_aware]
            return [_convert_datetime]
        return list(_CONVERTERS.get(internal_type, ()))
