"""SQLite connection wrapper on the standard library's ``sqlite3``.

The driver runs with ``isolation_level=None`` (autocommit) and transactions are
explicit: ``BEGIN IMMEDIATE`` takes the write lock up front, so concurrent
writers queue on ``busy_timeout`` instead of failing later with "database is
locked" when a read lock cannot be upgraded. Each connection turns on WAL
(readers never block the writer), ``foreign_keys`` and ``synchronous=NORMAL``.

``OPTIONS``: ``timeout`` (seconds to wait for a lock, default 5),
``transaction_mode`` (DEFERRED / IMMEDIATE / EXCLUSIVE, default IMMEDIATE),
``journal_mode`` (default WAL), ``synchronous`` (default NORMAL),
``init_command`` (SQL run on every new connection).
"""

from __future__ import annotations

import datetime
import decimal
import functools
import re
import sqlite3
import uuid
from types import ModuleType
from typing import Any, ClassVar

from framework.core.exceptions import ImproperlyConfigured
from framework.db.backends.base.base import BaseDatabaseWrapper
from framework.db.backends.base.operations import to_utc_naive
from framework.db.backends.sqlite3 import functions
from framework.db.backends.sqlite3.client import DatabaseClient
from framework.db.backends.sqlite3.creation import DatabaseCreation
from framework.db.backends.sqlite3.features import DatabaseFeatures
from framework.db.backends.sqlite3.introspection import DatabaseIntrospection
from framework.db.backends.sqlite3.operations import DatabaseOperations
from framework.db.backends.sqlite3.schema import DatabaseSchemaEditor

__all__ = ["DatabaseWrapper", "convert_query"]

_TRANSACTION_MODES = ("DEFERRED", "IMMEDIATE", "EXCLUSIVE")
_PRAGMA_WORD = re.compile(r"^[A-Za-z]+$")


def _adapt_datetime(value: datetime.datetime) -> str:
    if value.tzinfo is not None:
        value = to_utc_naive(value)
    return value.isoformat(" ")


# Explicit adapters: Python 3.12 deprecates sqlite3's implicit date/datetime
# ones, and Decimal/UUID have none (they would fail or lose precision).
sqlite3.register_adapter(datetime.datetime, _adapt_datetime)
sqlite3.register_adapter(datetime.date, lambda value: value.isoformat())
sqlite3.register_adapter(datetime.time, lambda value: value.isoformat())
sqlite3.register_adapter(decimal.Decimal, str)
sqlite3.register_adapter(uuid.UUID, lambda value: value.hex)

# A string literal, quoted identifier or comment (copied, with "%%" undoubled
# so the SQL means what it would on PostgreSQL), or a placeholder.
_TOKEN = re.compile(
    r"""'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|/\*.*?\*/"""
    r"""|%%|%s|%\(([A-Za-z_][A-Za-z0-9_]*)\)s""",
    re.DOTALL,
)


def _convert_token(match: re.Match[str]) -> str:
    token = match.group(0)
    if token == "%%":
        return "%"
    if token == "%s":
        return "?"
    if match.group(1):
        return ":" + match.group(1)
    return token.replace("%%", "%")


@functools.lru_cache(maxsize=1024)
def convert_query(sql: str) -> str:
    """Rewrite ``%s`` / ``%(name)s`` placeholders to sqlite3's ``?`` / ``:name``.

    ``%%`` becomes ``%``. Placeholder-looking text inside string literals,
    quoted identifiers and comments is left alone.
    """
    return _TOKEN.sub(_convert_token, sql)


class SQLiteCursor(sqlite3.Cursor):
    """A cursor taking the ``%s`` placeholder style the ORM writes."""

    def execute(self, sql: str, params: Any = None) -> SQLiteCursor:
        if params is None:
            return super().execute(sql)
        return super().execute(convert_query(sql), params)

    def executemany(self, sql: str, param_list: Any) -> SQLiteCursor:
        return super().executemany(convert_query(sql), param_list)


class DatabaseWrapper(BaseDatabaseWrapper):
    """A connection to one SQLite file (or in-memory database)."""

    vendor = "sqlite"
    display_name = "SQLite"
    Database: ClassVar[ModuleType] = sqlite3
    data_types = {
        "AutoField": "integer",
        "BigAutoField": "integer",
        "SmallAutoField": "integer",
        "BinaryField": "BLOB",
        "BooleanField": "bool",
        "CharField": "varchar(%(max_length)s)",
        "EmailField": "varchar(%(max_length)s)",
        "SlugField": "varchar(%(max_length)s)",
        "URLField": "varchar(%(max_length)s)",
        "FileField": "varchar(%(max_length)s)",
        "DateField": "date",
        "DateTimeField": "datetime",
        "DecimalField": "decimal",
        "DurationField": "bigint",
        "FloatField": "real",
        "IntegerField": "integer",
        "BigIntegerField": "bigint",
        "SmallIntegerField": "smallint",
        "PositiveIntegerField": "integer unsigned",
        "PositiveBigIntegerField": "bigint unsigned",
        "PositiveSmallIntegerField": "smallint unsigned",
        "GenericIPAddressField": "char(39)",
        "JSONField": "text",
        "TextField": "text",
        "TimeField": "time",
        "UUIDField": "char(32)",
    }
    data_types_suffix = {
        "AutoField": "AUTOINCREMENT",
        "BigAutoField": "AUTOINCREMENT",
        "SmallAutoField": "AUTOINCREMENT",
    }
    data_type_check_constraints = {
        "PositiveIntegerField": '"%(column)s" >= 0',
        "PositiveBigIntegerField": '"%(column)s" >= 0',
        "PositiveSmallIntegerField": '"%(column)s" >= 0',
        "JSONField": '(JSON_VALID("%(column)s") OR "%(column)s" IS NULL)',
    }
    operators = {
        **BaseDatabaseWrapper.operators,
        "contains": "GLOB %s",
        "icontains": "LIKE %s ESCAPE '\\'",
        "regex": "REGEXP %s",
        "iregex": "REGEXP '(?i)' || %s",
    }

    features_class = DatabaseFeatures
    ops_class = DatabaseOperations
    introspection_class = DatabaseIntrospection
    creation_class = DatabaseCreation
    client_class = DatabaseClient
    SchemaEditorClass = DatabaseSchemaEditor

    def get_connection_params(self) -> dict[str, Any]:
        name = self.settings_dict["NAME"]
        if not name:
            raise ImproperlyConfigured(
                f"DATABASES[{self.alias!r}]['NAME'] is empty. Set it to a file "
                "path such as BASE_DIR / 'db.sqlite3' (or ':memory:')."
            )
        options = self.settings_dict.get("OPTIONS") or {}
        return {
            "database": str(name),
            "timeout": float(options.get("timeout", 5)),
            "isolation_level": None,
            "check_same_thread": False,
            "uri": str(name).startswith("file:"),
            "factory": sqlite3.Connection,
        }

    def get_new_connection(self, conn_params: dict[str, Any]) -> sqlite3.Connection:
        conn: sqlite3.Connection = sqlite3.connect(**conn_params)
        for name, num_args, func in functions.FUNCTIONS:
            conn.create_function(name, num_args, func, deterministic=True)
        return conn

    def init_connection_state(self) -> None:
        options = self.settings_dict.get("OPTIONS") or {}
        timeout_ms = int(float(options.get("timeout", 5)) * 1000)
        synchronous = self._pragma_word(options, "synchronous", "NORMAL")
        pragmas = [
            f"PRAGMA busy_timeout = {timeout_ms}",
            "PRAGMA foreign_keys = ON",
            f"PRAGMA synchronous = {synchronous}",
        ]
        if not self.is_in_memory_db():
            mode = self._pragma_word(options, "journal_mode", "WAL")
            pragmas.append(f"PRAGMA journal_mode = {mode}")
        for statement in pragmas:
            self.connection.execute(statement)
        if options.get("init_command"):
            self.connection.executescript(str(options["init_command"]))

    def _pragma_word(self, options: dict[str, Any], key: str, default: str) -> str:
        value = str(options.get(key, default))
        if not _PRAGMA_WORD.match(value):
            raise ImproperlyConfigured(
                f"DATABASES[{self.alias!r}]['OPTIONS'][{key!r}] = {value!r} is not a "
                f"valid value; use a single word such as {default!r}."
            )
        return value

    def transaction_mode(self) -> str:
        """Return how ``BEGIN`` locks: IMMEDIATE unless OPTIONS says otherwise."""
        options = self.settings_dict.get("OPTIONS") or {}
        mode = str(options.get("transaction_mode") or "IMMEDIATE").upper()
        if mode not in _TRANSACTION_MODES:
            raise ImproperlyConfigured(
                f"DATABASES[{self.alias!r}]['OPTIONS']['transaction_mode'] must be "
                f"one of {', '.join(_TRANSACTION_MODES)}, not {mode!r}."
            )
        return mode

    def create_cursor(self, name: str | None = None) -> SQLiteCursor:
        return self.connection.cursor(factory=SQLiteCursor)  # type: ignore[no-any-return]

    def is_usable(self) -> bool:
        if self.connection is None:
            return False
        try:
            self.connection.execute("SELECT 1")
        except sqlite3.Error:
            return False
        return True

    def is_in_memory_db(self) -> bool:
        """Say whether NAME is an in-memory database (closing would lose it)."""
        name = str(self.settings_dict.get("NAME") or "")
        return name == ":memory:" or "mode=memory" in name

    def close(self) -> None:
        # Closing an in-memory database destroys it; keep it for the thread.
        if not self.is_in_memory_db():
            super().close()

    def force_close(self) -> None:
        """Close even an in-memory database (test database teardown)."""
        super().close()
