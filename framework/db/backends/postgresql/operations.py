"""PostgreSQL's SQL dialect and value adaptation.

psycopg converts dates, times, decimals, UUIDs, intervals and jsonb natively;
JSON values go out wrapped in ``Jsonb`` so dicts and lists adapt.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Sequence
from functools import partial
from typing import Any

from psycopg import sql as pgsql
from psycopg.types.json import Jsonb

from framework.db.backends.base.operations import (
    BaseDatabaseOperations,
    Converter,
    _wildcards,
    validate_extract,
    validate_trunc,
)

__all__ = ["DatabaseOperations"]

_EXTRACT_SQL = {
    "year": "YEAR",
    "iso_year": "ISOYEAR",
    "quarter": "QUARTER",
    "month": "MONTH",
    "day": "DAY",
    "week": "WEEK",
    "iso_week_day": "ISODOW",
    "hour": "HOUR",
    "minute": "MINUTE",
    "second": "SECOND",
}


def _make_naive(value: Any) -> Any:
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


class DatabaseOperations(BaseDatabaseOperations):
    """PostgreSQL-specific SQL pieces and adapters."""

    def max_name_length(self) -> int:
        # NAMEDATALEN - 1: longer identifiers are silently truncated.
        return 63

    def for_update_sql(self, nowait: bool = False, skip_locked: bool = False) -> str:
        if nowait and skip_locked:
            raise ValueError("nowait and skip_locked cannot both be True.")
        if nowait:
            return "FOR UPDATE NOWAIT"
        if skip_locked:
            return "FOR UPDATE SKIP LOCKED"
        return "FOR UPDATE"

    def distinct_sql(self, fields: Sequence[str] = ()) -> str:
        if fields:
            return f"DISTINCT ON ({', '.join(fields)})"
        return "DISTINCT"

    def sql_flush(self, tables: Any, reset_sequences: bool = False) -> list[str]:
        if not tables:
            return []
        quoted = ", ".join(self.quote_name(t) for t in tables)
        restart = " RESTART IDENTITY" if reset_sequences else ""
        return [f"TRUNCATE {quoted}{restart} CASCADE"]

    def sequence_reset_sql(self, table: str, column: str) -> list[str]:
        quoted_table, quoted_column = self.quote_name(table), self.quote_name(column)
        return [
            f"SELECT setval(pg_get_serial_sequence('{quoted_table}', '{column}'), "
            f"coalesce(max({quoted_column}), 1), max({quoted_column}) IS NOT null) "
            f"FROM {quoted_table}"
        ]

    def quote_value(self, value: Any) -> str:
        context = self.connection.connection
        if isinstance(value, dict | list):
            value = Jsonb(value)
        return pgsql.quote(value, context)

    def last_executed_query(self, cursor: Any, sql: str, params: Any) -> str:
        query = getattr(cursor, "_query", None)
        if query is not None and getattr(query, "query", None):
            raw = query.query
            return raw.decode(errors="replace") if isinstance(raw, bytes) else str(raw)
        return super().last_executed_query(cursor, sql, params)

    # -- lookups -------------------------------------------------------------

    def pattern_lookup_sql(self, lookup_name: str, lhs_sql: str) -> str:
        _wildcards(lookup_name)
        operator = "ILIKE" if lookup_name.startswith("i") else "LIKE"
        return f"({lhs_sql})::text {operator} %s"

    def regex_lookup_sql(self, lookup_name: str, lhs_sql: str) -> str:
        if lookup_name == "regex":
            return f"({lhs_sql})::text ~ %s"
        if lookup_name == "iregex":
            return f"({lhs_sql})::text ~* %s"
        raise ValueError(f"{lookup_name!r} is not 'regex' or 'iregex'.")

    def date_extract_sql(self, lookup_type: str, sql: str) -> str:
        validate_extract(lookup_type)
        if lookup_type == "week_day":
            # PostgreSQL's DOW is 0 = Sunday; week_day counts 1 = Sunday.
            return f"(EXTRACT(DOW FROM {sql}) + 1)::integer"
        if lookup_type == "second":
            return f"FLOOR(EXTRACT(SECOND FROM {sql}))::integer"
        return f"EXTRACT({_EXTRACT_SQL[lookup_type]} FROM {sql})::integer"

    def datetime_trunc_sql(self, kind: str, sql: str) -> str:
        validate_trunc(kind)
        return f"DATE_TRUNC('{kind}', {sql})"

    def datetime_cast_date_sql(self, sql: str) -> str:
        return f"({sql})::date"

    # -- adapters ------------------------------------------------------------

    def adapt_json_value(
        self, value: Any, encoder: type[json.JSONEncoder] | None = None
    ) -> Any:
        if value is None:
            return None
        return Jsonb(value, dumps=partial(json.dumps, cls=encoder))

    def adapt_datetimefield_value(self, value: Any) -> Any:
        if (
            isinstance(value, datetime.datetime)
            and value.tzinfo is not None
            and not self.use_tz()
        ):
            raise ValueError(
                "Timezone-aware datetimes cannot be stored when USE_TZ is False. "
                "Set USE_TZ = True or pass naive datetimes."
            )
        return value

    def adapt_timefield_value(self, value: Any) -> Any:
        if isinstance(value, datetime.time) and value.utcoffset() is not None:
            raise ValueError("PostgreSQL TimeField values must be naive times.")
        return value

    # -- converters ----------------------------------------------------------

    def get_db_converters(self, internal_type: str) -> list[Converter]:
        if internal_type == "DateTimeField" and not self.use_tz():
            # The session runs in TIME_ZONE; drop the offset psycopg attaches.
            return [_make_naive]
        return []
