"""Fixtures for the ORM tests: a fake connection for SQL-string tests.

``sql(queryset)`` renders a QuerySet's SELECT with standard-SQL operations and
no database, so compiler tests are pure string comparisons. Behaviour tests
use ``db_backend``/``create_models`` from ``tests/db/conftest.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from framework.db.backends.base.operations import BaseDatabaseOperations
from framework.db.models.sql.compiler import SQLCompiler


class _Features:
    max_query_params = None
    has_native_json_field = False


class FakeConnection:
    """Enough of a connection to compile SQL: standard quoting and lookups."""

    vendor = "fake"
    data_types = {
        "BigAutoField": "bigint",
        "CharField": "varchar(%(max_length)s)",
        "IntegerField": "integer",
    }

    def __init__(self) -> None:
        self.ops = BaseDatabaseOperations(self)  # type: ignore[arg-type]
        self.ops.date_extract_sql = lambda kind, sql: f"EXTRACT({kind} FROM {sql})"  # type: ignore[method-assign]
        self.ops.datetime_cast_date_sql = lambda sql: f"CAST({sql} AS date)"  # type: ignore[method-assign]
        self.ops.regex_lookup_sql = lambda name, sql: f"{sql} ~ %s"  # type: ignore[method-assign]
        self.features = _Features()


@pytest.fixture
def fake_connection() -> FakeConnection:
    return FakeConnection()


@pytest.fixture
def sql(fake_connection: FakeConnection) -> Callable[[Any], tuple[str, list[Any]]]:
    """Return ``(sql, params)`` of a QuerySet's SELECT, without a database."""

    def render(queryset: Any) -> tuple[str, list[Any]]:
        return SQLCompiler(queryset.query, fake_connection).as_sql()

    return render
