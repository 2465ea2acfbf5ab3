"""Cursor behaviour on every backend: placeholders, fetching, errors, logging."""

from __future__ import annotations

from typing import Any

import pytest

from framework.db import (
    DatabaseError,
    DataError,
    Error,
    IntegrityError,
    ProgrammingError,
    connections,
)
from framework.db.backends.base.base import BaseDatabaseWrapper

TABLE = (
    "CREATE TABLE item (id integer PRIMARY KEY, name varchar(20) UNIQUE, "
    "n integer NOT NULL DEFAULT 0)"
)


@pytest.fixture
def item(db_backend: BaseDatabaseWrapper) -> BaseDatabaseWrapper:
    with db_backend.cursor() as cursor:
        cursor.execute(TABLE)
        cursor.executemany(
            "INSERT INTO item (id, name, n) VALUES (%s, %s, %s)",
            [(1, "apple", 3), (2, "pear", 5), (3, "100%", 7)],
        )
    return db_backend


def test_execute_binds_percent_s_parameters(item: BaseDatabaseWrapper) -> None:
    with item.cursor() as cursor:
        cursor.execute("SELECT name, n FROM item WHERE n > %s ORDER BY id", [4])
        assert cursor.fetchall() == [("pear", 5), ("100%", 7)]


def test_fetchone_fetchmany_and_iteration(item: BaseDatabaseWrapper) -> None:
    with item.cursor() as cursor:
        cursor.execute("SELECT id FROM item ORDER BY id")
        assert cursor.fetchone() == (1,)
        assert cursor.fetchmany(1) == [(2,)]
        assert [row[0] for row in cursor] == [3]
        assert cursor.fetchone() is None


def test_description_and_rowcount(item: BaseDatabaseWrapper) -> None:
    with item.cursor() as cursor:
        cursor.execute("UPDATE item SET n = n + %s WHERE id <= %s", [1, 2])
        assert cursor.rowcount == 2
        cursor.execute("SELECT id, name FROM item WHERE id = %s", [1])
        assert [col[0] for col in cursor.description] == ["id", "name"]


def test_doubled_percent_is_a_literal_percent_with_params(
    item: BaseDatabaseWrapper,
) -> None:
    with item.cursor() as cursor:
        cursor.execute("SELECT name FROM item WHERE name = '100%%' AND id = %s", [3])
        assert cursor.fetchall() == [("100%",)]


def test_sql_without_params_is_sent_unchanged(item: BaseDatabaseWrapper) -> None:
    with item.cursor() as cursor:
        cursor.execute("SELECT name FROM item WHERE name LIKE '100%'")
        assert cursor.fetchall() == [("100%",)]


def test_placeholder_inside_a_string_literal_is_not_a_parameter(
    item: BaseDatabaseWrapper,
) -> None:
    # '%%s' in a literal stays the text '%s' on both backends.
    with item.cursor() as cursor:
        cursor.execute("SELECT '%%s', n FROM item WHERE id = %s", [1])
        assert cursor.fetchall() == [("%s", 3)]


def test_named_parameters(item: BaseDatabaseWrapper) -> None:
    with item.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM item WHERE n = %(n)s OR id = %(id)s ORDER BY id",
            {"n": 5, "id": 1},
        )
        assert cursor.fetchall() == [("apple",), ("pear",)]


def test_values_are_never_interpolated(item: BaseDatabaseWrapper) -> None:
    hostile = "');DROP TABLE item--"
    with item.cursor() as cursor:
        cursor.execute("INSERT INTO item (id, name) VALUES (%s, %s)", [9, hostile])
        cursor.execute("SELECT name FROM item WHERE id = %s", [9])
        assert cursor.fetchone() == (hostile,)
        cursor.execute("SELECT count(*) FROM item")
        assert cursor.fetchone() == (4,)


def test_insert_returning(item: BaseDatabaseWrapper) -> None:
    with item.cursor() as cursor:
        cursor.execute(
            "INSERT INTO item (id, name) VALUES (%s, %s), (%s, %s) RETURNING id",
            [10, "a", 11, "b"],
        )
        assert sorted(cursor.fetchall()) == [(10,), (11,)]


def test_integrity_error_is_translated_and_chained(item: BaseDatabaseWrapper) -> None:
    with pytest.raises(IntegrityError) as info:
        with item.cursor() as cursor:
            cursor.execute("INSERT INTO item (id, name) VALUES (%s, %s)", [5, "apple"])
    driver = item.Database
    assert isinstance(info.value.__cause__, driver.IntegrityError)
    assert not isinstance(info.value, driver.Error)


def test_not_null_violation_is_integrity_error(item: BaseDatabaseWrapper) -> None:
    with pytest.raises(IntegrityError):
        with item.cursor() as cursor:
            cursor.execute("INSERT INTO item (id, n) VALUES (%s, %s)", [6, None])


def test_missing_table_is_a_database_error(db_backend: BaseDatabaseWrapper) -> None:
    with pytest.raises(DatabaseError) as info:
        with db_backend.cursor() as cursor:
            cursor.execute("SELECT * FROM no_such_table")
    assert "no_such_table" in str(info.value)
    assert isinstance(info.value.__cause__, db_backend.Database.Error)


def test_syntax_error_is_translated(db_backend: BaseDatabaseWrapper) -> None:
    with pytest.raises(Error) as info:
        with db_backend.cursor() as cursor:
            cursor.execute("SELEKT 1")
    assert isinstance(info.value, DatabaseError | ProgrammingError)


def test_too_long_value(item: BaseDatabaseWrapper) -> None:
    insert = "INSERT INTO item (id, name) VALUES (%s, %s)"
    if item.vendor == "sqlite":
        # SQLite ignores varchar lengths: the value is stored whole.
        with item.cursor() as cursor:
            cursor.execute(insert, [7, "x" * 30])
            cursor.execute("SELECT length(name) FROM item WHERE id = 7")
            assert cursor.fetchone() == (30,)
        return
    with pytest.raises(DataError):
        with item.cursor() as cursor:
            cursor.execute(insert, [7, "x" * 30])


def test_debug_cursor_logs_queries(item: BaseDatabaseWrapper) -> None:
    item.force_debug_cursor = True
    try:
        with item.cursor() as cursor:
            cursor.execute("SELECT name FROM item WHERE id = %s", [2])
    finally:
        item.force_debug_cursor = False
    assert "SELECT name FROM item WHERE id" in item.queries[-1]["sql"]
    assert float(item.queries[-1]["time"]) >= 0


def test_execute_wrapper_sees_every_query(item: BaseDatabaseWrapper) -> None:
    seen: list[tuple[str, Any]] = []

    def spy(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        seen.append((sql, params))
        assert context["connection"] is item
        return execute(sql, params, many, context)

    with item.execute_wrapper(spy):
        with item.cursor() as cursor:
            cursor.execute("SELECT n FROM item WHERE id = %s", [1])
            assert cursor.fetchone() == (3,)
    with item.cursor() as cursor:
        cursor.execute("SELECT 1")
    assert seen == [("SELECT n FROM item WHERE id = %s", [1])]


def test_connection_proxy_follows_the_default_alias(
    db_backend: BaseDatabaseWrapper,
) -> None:
    from framework.db import connection

    assert connection.vendor == db_backend.vendor
    assert connection.alias == "default"
    assert connections["default"] is db_backend
