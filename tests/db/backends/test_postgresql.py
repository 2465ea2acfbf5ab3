"""The PostgreSQL backend: session setup, native types, locking clauses."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from framework.db import connections, transaction
from framework.db.backends.base.base import BaseDatabaseWrapper
from framework.db.backends.postgresql.client import DatabaseClient
from framework.db.backends.postgresql.operations import DatabaseOperations
from framework.test.utils import override_settings
from tests.db.conftest import _Server


@pytest.fixture
def pg(postgres_server: _Server) -> Iterator[BaseDatabaseWrapper]:
    name = postgres_server.create_database()
    entry = postgres_server.get().settings(name)
    try:
        with override_settings(DATABASES={"default": entry}):
            yield connections["default"]
            connections.close_all()
    finally:
        postgres_server.drop_database(name)


def scalar(conn: BaseDatabaseWrapper, sql: str, params: list[object] | None = None):  # type: ignore[no-untyped-def]
    with conn.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def test_session_runs_in_utc_with_use_tz(pg: BaseDatabaseWrapper) -> None:
    assert scalar(pg, "SHOW TIME ZONE") == "UTC"


def test_session_uses_time_zone_without_use_tz(
    postgres_server: _Server, settings: object
) -> None:
    setattr(settings, "USE_TZ", False)  # noqa: B010
    setattr(settings, "TIME_ZONE", "Europe/Paris")  # noqa: B010
    name = postgres_server.create_database()
    try:
        with override_settings(
            DATABASES={"default": postgres_server.get().settings(name)}
        ):
            conn = connections["default"]
            assert scalar(conn, "SHOW TIME ZONE") == "Europe/Paris"
            connections.close_all()
    finally:
        postgres_server.drop_database(name)


def test_connection_is_autocommit_outside_atomic(pg: BaseDatabaseWrapper) -> None:
    pg.ensure_connection()
    assert pg.connection.autocommit is True
    with transaction.atomic():
        assert scalar(pg, "SELECT now() = statement_timestamp()") in (True, False)
        status = pg.connection.info.transaction_status
        assert status.name == "INTRANS"
    assert pg.connection.info.transaction_status.name == "IDLE"


def test_untyped_parameters_work_with_client_side_binding(
    pg: BaseDatabaseWrapper,
) -> None:
    assert scalar(pg, "SELECT %s", ["text"]) == "text"
    assert scalar(pg, "SELECT %s + %s", [1, 2]) == 3


def test_native_types(pg: BaseDatabaseWrapper) -> None:
    value = uuid.uuid4()
    assert scalar(pg, "SELECT %s::uuid", [value]) == value
    doc = pg.ops.adapt_json_value({"k": [1, "é"]})
    assert scalar(pg, "SELECT %s::jsonb -> 'k'", [doc]) == [1, "é"]


def test_identity_primary_key_and_returning(pg: BaseDatabaseWrapper) -> None:
    suffix = pg.data_types_suffix["BigAutoField"]
    with pg.cursor() as cursor:
        cursor.execute(
            f'CREATE TABLE t ("id" bigint NOT NULL PRIMARY KEY {suffix}, x int)'
        )
        cursor.execute("INSERT INTO t (x) VALUES (%s), (%s) RETURNING id", [5, 6])
        assert cursor.fetchall() == [(1,), (2,)]
        cursor.execute("INSERT INTO t (id, x) VALUES (%s, %s)", [10, 7])
        for sql in pg.ops.sequence_reset_sql("t", "id"):
            cursor.execute(sql)
        cursor.execute("INSERT INTO t (x) VALUES (%s) RETURNING id", [8])
        assert cursor.fetchone() == (11,)


def test_select_for_update_blocks_nothing_in_one_session(
    pg: BaseDatabaseWrapper,
) -> None:
    with pg.cursor() as cursor:
        cursor.execute("CREATE TABLE t (id int PRIMARY KEY)")
        cursor.execute("INSERT INTO t VALUES (1)")
    with transaction.atomic():
        sql = f"SELECT id FROM t WHERE id = %s {pg.ops.for_update_sql()}"
        assert scalar(pg, sql, [1]) == 1


def test_for_update_clauses() -> None:
    ops = DatabaseOperations.__new__(DatabaseOperations)
    assert ops.for_update_sql() == "FOR UPDATE"
    assert ops.for_update_sql(nowait=True) == "FOR UPDATE NOWAIT"
    assert ops.for_update_sql(skip_locked=True) == "FOR UPDATE SKIP LOCKED"
    with pytest.raises(ValueError):
        ops.for_update_sql(nowait=True, skip_locked=True)
    assert ops.date_extract_sql("year", '"d"') == 'EXTRACT(YEAR FROM "d")::integer'
    assert ops.datetime_trunc_sql("month", '"d"') == "DATE_TRUNC('month', \"d\")"
    assert ops.pattern_lookup_sql("icontains", '"t"."w"') == '("t"."w")::text ILIKE %s'
    assert ops.regex_lookup_sql("iregex", '"w"') == '("w")::text ~* %s'


def test_test_database_lifecycle(pg: BaseDatabaseWrapper) -> None:
    original = pg.settings_dict["NAME"]
    name = pg.creation.create_test_db()
    assert name == f"test_{original}"
    assert scalar(pg, "SELECT current_database()") == name
    pg.creation.destroy_test_db()
    assert pg.settings_dict["NAME"] == original
    assert (
        scalar(pg, "SELECT count(*) FROM pg_database WHERE datname = %s", [name]) == 0
    )


def test_dbshell_arguments_keep_the_password_off_the_command_line() -> None:
    args, env = DatabaseClient.settings_to_cmd_args_env(
        {
            "NAME": "db",
            "USER": "u",
            "PASSWORD": "secret",
            "HOST": "h",
            "PORT": "5433",
            "OPTIONS": {"sslmode": "require"},
        },
        ["-c", "select 1"],
    )
    assert args == ["psql", "-U", "u", "-h", "h", "-p", "5433", "db", "-c", "select 1"]
    assert "secret" not in " ".join(args)
    assert env == {"PGPASSWORD": "secret", "PGSSLMODE": "require"}


def test_quote_value(pg: BaseDatabaseWrapper) -> None:
    pg.ensure_connection()
    assert pg.ops.quote_value("it's") == "'it''s'"
    assert pg.ops.quote_value(None) == "NULL"
