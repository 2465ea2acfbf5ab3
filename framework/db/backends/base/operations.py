"""SQL fragments and value adaptation that differ between databases.

The query compiler asks ``connection.ops`` for every vendor-specific piece of
SQL (quoting, LIMIT, pattern lookups, date extraction) and for the functions
that turn Python values into driver parameters and driver values back into
Python. Everything returned uses ``%s`` placeholders; values never appear in
SQL text.
"""

from __future__ import annotations

import datetime
import decimal
import json
import uuid
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from framework.conf import settings

if TYPE_CHECKING:
    from framework.db.backends.base.base import BaseDatabaseWrapper

__all__ = ["BaseDatabaseOperations"]

Converter = Callable[[Any], Any]

# Lookup name -> (prefix wildcard, suffix wildcard) for LIKE patterns.
PATTERN_WILDCARDS: dict[str, tuple[bool, bool]] = {
    "contains": (True, True),
    "icontains": (True, True),
    "startswith": (False, True),
    "istartswith": (False, True),
    "endswith": (True, False),
    "iendswith": (True, False),
    "exact": (False, False),
    "iexact": (False, False),
}

EXTRACT_LOOKUPS = frozenset(
    {
        "year",
        "iso_year",
        "quarter",
        "month",
        "day",
        "week",
        "week_day",
        "iso_week_day",
        "hour",
        "minute",
        "second",
    }
)
TRUNC_KINDS = frozenset(
    {"year", "quarter", "month", "week", "day", "hour", "minute", "second"}
)


class BaseDatabaseOperations:
    """Defaults in standard SQL; backends override what their dialect needs."""

    # LIMIT value meaning "no limit", for dialects that need one with OFFSET.
    no_limit_value: int | None = None

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection

    # -- identifiers and statements ----------------------------------------

    def quote_name(self, name: str) -> str:
        """Double-quote an identifier (already quoted names are left alone)."""
        if name.startswith('"') and name.endswith('"') and len(name) > 1:
            return name
        return '"' + name.replace('"', '""') + '"'

    def max_name_length(self) -> int:
        """Return the longest identifier the database accepts."""
        return 63

    def begin_transaction_sql(self) -> str:
        """Return the statement that opens a transaction."""
        return "BEGIN"

    def limit_offset_sql(self, limit: int | None, offset: int | None) -> str:
        """Return ``LIMIT n OFFSET m`` (either part may be absent)."""
        parts = []
        if limit is not None:
            parts.append(f"LIMIT {int(limit)}")
        elif offset and self.no_limit_value is not None:
            parts.append(f"LIMIT {self.no_limit_value}")
        if offset:
            parts.append(f"OFFSET {int(offset)}")
        return " ".join(parts)

    def for_update_sql(self, nowait: bool = False, skip_locked: bool = False) -> str:
        """Return the row-locking clause, or "" where rows cannot be locked."""
        return ""

    def random_function_sql(self) -> str:
        """Return the SQL for a random ordering (``order_by("?")``)."""
        return "RANDOM()"

    def distinct_sql(self, fields: Sequence[str] = ()) -> str:
        """Return ``DISTINCT`` (``DISTINCT ON`` where supported)."""
        if fields:
            raise NotImplementedError("DISTINCT ON fields is not supported here.")
        return "DISTINCT"

    def return_insert_columns_sql(self, columns: Sequence[str]) -> str:
        """Return ``RETURNING "a", "b"`` for an INSERT."""
        return "RETURNING " + ", ".join(self.quote_name(c) for c in columns)

    def bulk_batch_size(self, num_fields: int, num_objs: int) -> int:
        """Return how many rows fit in one multi-row INSERT."""
        limit = self.connection.features.max_query_params
        if limit is None or num_fields <= 0:
            return max(num_objs, 1)
        return max(1, min(num_objs, limit // num_fields))

    def combine_expression(self, connector: str, sub_expressions: list[str]) -> str:
        """Join ``sub_expressions`` with an arithmetic ``connector``."""
        return f" {connector} ".join(sub_expressions)

    def sql_flush(
        self, tables: Sequence[str], reset_sequences: bool = False
    ) -> list[str]:
        """Return statements that empty ``tables``."""
        return [f"DELETE FROM {self.quote_name(t)}" for t in tables]

    def sequence_reset_sql(self, table: str, column: str) -> list[str]:
        """Return statements that move ``table``'s id sequence past its max id."""
        return []

    def quote_value(self, value: Any) -> str:
        """Render ``value`` as an SQL literal, for DDL defaults and display only."""
        raise NotImplementedError

    def last_executed_query(self, cursor: Any, sql: str, params: Any) -> str:
        """Return the query as sent, for the debug log (params shown apart)."""
        if params is None:
            return sql
        return f"{sql} -- params: {params!r}"

    # -- lookups -------------------------------------------------------------

    def pattern_lookup_sql(self, lookup_name: str, lhs_sql: str) -> str:
        """Return the SQL comparing ``lhs_sql`` with a pattern parameter ``%s``."""
        if lookup_name.startswith("i"):
            return f"UPPER({lhs_sql}) LIKE UPPER(%s) ESCAPE '\\'"
        return f"{lhs_sql} LIKE %s ESCAPE '\\'"

    def prep_pattern(self, lookup_name: str, value: str) -> str:
        """Escape LIKE wildcards in ``value`` and add the lookup's own ones."""
        prefix, suffix = _wildcards(lookup_name)
        escaped = str(value).replace("\\", "\\\\").replace("%", "\\%")
        escaped = escaped.replace("_", "\\_")
        return f"{'%' if prefix else ''}{escaped}{'%' if suffix else ''}"

    def regex_lookup_sql(self, lookup_name: str, lhs_sql: str) -> str:
        """Return the SQL matching ``lhs_sql`` against a regex parameter ``%s``."""
        raise NotImplementedError

    def date_extract_sql(self, lookup_type: str, sql: str) -> str:
        """Return SQL extracting ``lookup_type`` (year, month...) as an integer."""
        raise NotImplementedError

    def datetime_trunc_sql(self, kind: str, sql: str) -> str:
        """Return SQL truncating a datetime to ``kind`` (year ... second)."""
        raise NotImplementedError

    def datetime_cast_date_sql(self, sql: str) -> str:
        """Return SQL taking the date part of a datetime expression."""
        raise NotImplementedError

    # -- Python -> database -------------------------------------------------

    def adapt_datetimefield_value(self, value: Any) -> Any:
        """Return a datetime as the driver should receive it."""
        return value

    def adapt_datefield_value(self, value: Any) -> Any:
        return value

    def adapt_timefield_value(self, value: Any) -> Any:
        return value

    def adapt_decimalfield_value(
        self,
        value: Any,
        max_digits: int | None = None,
        decimal_places: int | None = None,
    ) -> Any:
        """Return a Decimal rounded to ``decimal_places`` when given."""
        if value is None:
            return None
        value = decimal.Decimal(str(value)) if isinstance(value, float) else value
        if decimal_places is not None and isinstance(value, decimal.Decimal):
            context = decimal.Context(prec=max_digits) if max_digits else None
            value = value.quantize(
                decimal.Decimal(1).scaleb(-decimal_places), context=context
            )
        return value

    def adapt_uuid_value(self, value: Any) -> Any:
        return value

    def adapt_json_value(
        self, value: Any, encoder: type[json.JSONEncoder] | None = None
    ) -> Any:
        """Return ``value`` serialized to JSON text."""
        return json.dumps(value, cls=encoder)

    def adapt_duration_value(self, value: Any) -> Any:
        return value

    def adapt_bool_value(self, value: Any) -> Any:
        return None if value is None else bool(value)

    # -- database -> Python ---------------------------------------------------

    def get_db_converters(self, internal_type: str) -> list[Converter]:
        """Return the functions that turn raw values of ``internal_type`` to Python."""
        return []

    @staticmethod
    def use_tz() -> bool:
        """Say whether datetimes are timezone-aware (``USE_TZ``)."""
        return bool(getattr(settings, "USE_TZ", False))


def _wildcards(lookup_name: str) -> tuple[bool, bool]:
    try:
        return PATTERN_WILDCARDS[lookup_name]
    except KeyError:
        raise ValueError(
            f"{lookup_name!r} is not a pattern lookup; use one of "
            f"{', '.join(sorted(PATTERN_WILDCARDS))}."
        ) from None


def validate_extract(lookup_type: str) -> None:
    """Reject a date part name that is not a known lookup."""
    if lookup_type not in EXTRACT_LOOKUPS:
        raise ValueError(
            f"Unknown date part {lookup_type!r}; use one of "
            f"{', '.join(sorted(EXTRACT_LOOKUPS))}."
        )


def validate_trunc(kind: str) -> None:
    """Reject a truncation kind that is not known."""
    if kind not in TRUNC_KINDS:
        raise ValueError(
            f"Unknown truncation {kind!r}; use one of {', '.join(sorted(TRUNC_KINDS))}."
        )


def to_utc_naive(value: datetime.datetime) -> datetime.datetime:
    """Return an aware datetime converted to UTC with the tzinfo dropped."""
    return value.astimezone(datetime.UTC).replace(tzinfo=None)


def parse_uuid(value: Any) -> Any:
    """Turn a stored value into a UUID (leaving None and UUIDs alone)."""
    if value is None or isinstance(value, uuid.UUID):
        return value
    return uuid.UUID(str(value))
