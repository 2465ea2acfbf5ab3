"""The SQLite backend: placeholder rewriting, connection pragmas, locking."""

from __future__ import annotations

import datetime
import threading
from pathlib import Path

import pytest

from framework.core.exceptions import ImproperlyConfigured
from framework.db import ConnectionHandler
from framework.db.backends.sqlite3.base import DatabaseWrapper, convert_query
from framework.db.backends.sqlite3.functions import FUNCTIONS


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT %s", "SELECT ?"),
        ("a = %s AND b = %s", "a = ? AND b = ?"),
        ("LIKE '100%%'", "LIKE '100%'"),
        ("x %% 2 = %s", "x % 2 = ?"),
        ("SELECT '%s' , %s", "SELECT '%s' , ?"),
        ("SELECT 'it''s %s', %s", "SELECT 'it''s %s', ?"),
        ('SELECT "col%s" FROM t WHERE a = %s', 'SELECT "col%s" FROM t WHERE a = ?'),
        ("a = %(name)s", "a = :name"),
        ("-- %s comment\nSELECT %s", "-- %s comment\nSELECT ?"),
        ("/* %s */ SELECT %s", "/* %s */ SELECT ?"),
        ("SELECT ?", "SELECT ?"),
    ],
)
def test_convert_query(sql: str, expected: str) -> None:
    assert convert_query(sql) == expected


def wrapper(path: Path, **options: object) -> DatabaseWrapper:
    handler = ConnectionHandler(
        {
            "default": {
                "ENGINE": "framework.db.backends.sqlite3",
                "NAME": str(path),
                "OPTIONS": options,
            }
        }
    )
    conn = handler["default"]
    assert isinstance(conn, DatabaseWrapper)
    return conn


def pragma(conn: DatabaseWrapper, name: str) -> object:
    with conn.cursor() as cursor:
        cursor.execute(f"PRAGMA {name}")
        return cursor.fetchone()[0]


def test_connection_pragmas(tmp_path: Path) -> None:
    conn = wrapper(tmp_path / "db.sqlite3", timeout=2.5)
    assert pragma(conn, "journal_mode") == "wal"
    assert pragma(conn, "foreign_keys") == 1
    assert pragma(conn, "busy_timeout") == 2500
    assert pragma(conn, "synchronous") == 1  # NORMAL
    conn.close()


def test_default_busy_timeout_is_five_seconds(tmp_path: Path) -> None:
    conn = wrapper(tmp_path / "db.sqlite3")
    assert pragma(conn, "busy_timeout") == 5000
    conn.close()


def test_bad_pragma_option_is_rejected(tmp_path: Path) -> None:
    conn = wrapper(tmp_path / "db.sqlite3", journal_mode="WAL; DROP TABLE x")
    with pytest.raises(ImproperlyConfigured, match="journal_mode"):
        conn.ensure_connection()


def test_atomic_begins_immediate(tmp_path: Path) -> None:
    conn = wrapper(tmp_path / "db.sqlite3")
    assert conn.ops.begin_transaction_sql() == "BEGIN IMMEDIATE"
    conn.settings_dict["OPTIONS"]["transaction_mode"] = "deferred"
    assert conn.ops.begin_transaction_sql() == "BEGIN DEFERRED"
    conn.settings_dict["OPTIONS"]["transaction_mode"] = "bogus"
    with pytest.raises(ImproperlyConfigured, match="transaction_mode"):
        conn.ops.begin_transaction_sql()


def test_writer_waits_for_lock_instead_of_failing(tmp_path: Path) -> None:
    """A second writer blocks on busy_timeout, then proceeds; none fails."""
    path = tmp_path / "db.sqlite3"
    first = wrapper(path)
    with first.cursor() as cursor:
        cursor.execute("CREATE TABLE c (n integer)")
        cursor.execute("INSERT INTO c VALUES (0)")
    errors: list[BaseException] = []
    holding = threading.Event()

    def other_writer() -> None:
        conn = wrapper(path)
        holding.wait()
        try:
            conn.set_autocommit(False)
            with conn.cursor() as cursor:
                cursor.execute("UPDATE c SET n = n + 1")
            conn.set_autocommit(True)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            conn.close()

    thread = threading.Thread(target=other_writer)
    thread.start()
    first.set_autocommit(False)  # BEGIN IMMEDIATE: holds the write lock.
    holding.set()
    with first.cursor() as cursor:
        cursor.execute("UPDATE c SET n = n + 10")
    threading.Event().wait(0.2)
    first.set_autocommit(True)
    thread.join()
    assert not errors
    with first.cursor() as cursor:
        cursor.execute("SELECT n FROM c")
        assert cursor.fetchone() == (11,)
    first.close()


def test_in_memory_database_survives_close() -> None:
    handler = ConnectionHandler(
        {"default": {"ENGINE": "framework.db.backends.sqlite3", "NAME": ":memory:"}}
    )
    conn = handler["default"]
    with conn.cursor() as cursor:
        cursor.execute("CREATE TABLE kept (id integer)")
    conn.close()
    assert conn.introspection.table_names() == ["kept"]


def test_test_database_creation_in_memory_and_file(tmp_path: Path) -> None:
    handler = ConnectionHandler(
        {"default": {"ENGINE": "framework.db.backends.sqlite3", "NAME": "x.db"}}
    )
    conn = handler["default"]
    name = conn.creation.create_test_db()
    assert "mode=memory" in name
    with conn.cursor() as cursor:
        cursor.execute("CREATE TABLE t (id integer)")
    conn.creation.destroy_test_db()
    assert conn.settings_dict["NAME"] == "x.db"

    target = tmp_path / "test.db"
    target.write_text("stale")
    conn.settings_dict["TEST"]["NAME"] = str(target)
    assert conn.creation.create_test_db() == str(target)
    assert not target.exists()  # The stale file was removed.
    conn.ensure_connection()
    assert target.exists()
    conn.creation.destroy_test_db()
    assert not target.exists()


def test_dbshell_arguments() -> None:
    from framework.db.backends.sqlite3.client import DatabaseClient

    args, env = DatabaseClient.settings_to_cmd_args_env(
        {"NAME": "/tmp/db.sqlite3"}, ["-cmd", ".tables"]
    )
    assert args == ["sqlite3", "/tmp/db.sqlite3", "-cmd", ".tables"]
    assert env is None


def test_sql_functions() -> None:
    functions = {name: func for name, _, func in FUNCTIONS}
    assert functions["REGEXP"]("^a", "abc") is True
    assert functions["REGEXP"]("^a", None) is None
    extract = functions["framework_date_extract"]
    assert extract("year", "2024-03-09 13:45:30") == 2024
    assert extract("week_day", "2024-03-10") == 1  # Sunday
    assert extract("hour", "13:45:30") == 13
    assert extract("day", None) is None
    trunc = functions["framework_datetime_trunc"]
    assert trunc("week", "2024-03-09 13:45:30.5") == "2024-03-04 00:00:00"
    assert trunc("quarter", "2024-05-09 13:45:30") == "2024-04-01 00:00:00"


def test_adapters_reject_aware_values_without_use_tz(
    tmp_path: Path, settings: object
) -> None:
    conn = wrapper(tmp_path / "db.sqlite3")
    aware = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    setattr(settings, "USE_TZ", False)  # noqa: B010 - the settings fixture
    with pytest.raises(ValueError, match="USE_TZ"):
        conn.ops.adapt_datetimefield_value(aware)
    with pytest.raises(ValueError, match="timezone-aware"):
        conn.ops.adapt_timefield_value(datetime.time(1, tzinfo=datetime.UTC))


def test_quote_value_renders_literals(tmp_path: Path) -> None:
    ops = wrapper(tmp_path / "db.sqlite3").ops
    assert ops.quote_value(None) == "NULL"
    assert ops.quote_value(True) == "1"
    assert ops.quote_value("it's") == "'it''s'"
    assert ops.quote_value(b"\x01\xff") == "X'01ff'"
    assert ops.quote_value(datetime.date(2024, 1, 2)) == "'2024-01-02'"


def test_schema_editor_transaction_rolls_back(tmp_path: Path) -> None:
    conn = wrapper(tmp_path / "db.sqlite3")
    with pytest.raises(RuntimeError):
        with conn.schema_editor() as editor:
            editor.execute("CREATE TABLE gone (id integer)")
            raise RuntimeError
    assert "gone" not in conn.introspection.table_names()
    assert pragma(conn, "foreign_keys") == 1  # Turned back on.
    assert conn.get_autocommit()
    conn.close()
