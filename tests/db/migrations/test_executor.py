"""The executor against real databases (SQLite and PostgreSQL via ``db_backend``).

Migrations go forwards, backwards and forwards again with rows kept (on
SQLite some steps rebuild the table); a migration that fails halfway leaves
neither its table nor its record; RunPython sees historical models.
"""

from __future__ import annotations

from typing import Any

import pytest

from framework.db import DatabaseError
from framework.db.migrations.executor import MigrationExecutor
from framework.db.migrations.recorder import MigrationRecorder
from tests.db.migrations.conftest import AppOnDisk

HEAD = "from framework.db import migrations, models\n\n\n"

INITIAL = (
    HEAD
    + """
class Migration(migrations.Migration):
    initial = True
    operations = [
        migrations.CreateModel(
            name="Post",
            fields=[
                ("id", models.BigAutoField(primary_key=True)),
                ("title", models.CharField(max_length=50)),
            ],
        ),
    ]
"""
)

ADD_FIELD = (
    HEAD
    + """
class Migration(migrations.Migration):
    dependencies = [("{app}", "0001_initial")]
    operations = [
        migrations.AddField("Post", "published", models.BooleanField(default=False)),
    ]
"""
)

ALTER_FIELD = (
    HEAD
    + """
class Migration(migrations.Migration):
    dependencies = [("{app}", "0002_published")]
    operations = [
        migrations.AlterField("Post", "title", models.CharField(max_length=200)),
        migrations.RenameField("Post", "title", "headline"),
    ]
"""
)


def _tables(connection: Any) -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def _columns(connection: Any, table: str) -> list[str]:
    with connection.cursor() as cursor:
        return [
            c.name
            for c in connection.introspection.get_table_description(cursor, table)
        ]


def _rows(connection: Any, sql: str) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [tuple(row) for row in cursor.fetchall()]


def _migrate(connection: Any, app: AppOnDisk, name: str | None) -> MigrationExecutor:
    MigrationExecutor(connection).migrate([(app.label, name)])
    return MigrationExecutor(connection)


def test_forwards_backwards_and_again_keep_rows(
    db_backend: Any, app_on_disk: AppOnDisk
) -> None:
    app_on_disk.write("0001_initial", INITIAL)
    app_on_disk.write("0002_published", ADD_FIELD)
    app_on_disk.write("0003_headline", ALTER_FIELD)
    table = f"{app_on_disk.label}_post"
    _migrate(db_backend, app_on_disk, "0001_initial")
    with db_backend.cursor() as cursor:
        cursor.execute(f'INSERT INTO "{table}" ("title") VALUES (%s)', ["kept"])
    executor = _migrate(db_backend, app_on_disk, "0003_headline")
    assert _columns(db_backend, table) == ["id", "headline", "published"]
    assert _rows(db_backend, f'SELECT "headline", "published" FROM "{table}"') == [
        ("kept", False)
    ]
    assert executor.loader.applied_migrations >= {(app_on_disk.label, "0003_headline")}
    _migrate(db_backend, app_on_disk, "0001_initial")
    assert _columns(db_backend, table) == ["id", "title"]
    assert _rows(db_backend, f'SELECT "title" FROM "{table}"') == [("kept",)]
    _migrate(db_backend, app_on_disk, "0003_headline")
    assert _rows(db_backend, f'SELECT "headline" FROM "{table}"') == [("kept",)]
    _migrate(db_backend, app_on_disk, None)
    assert table not in _tables(db_backend)
    assert not MigrationRecorder(db_backend).applied_migrations()


def test_plan_is_empty_once_applied(db_backend: Any, app_on_disk: AppOnDisk) -> None:
    app_on_disk.write("0001_initial", INITIAL)
    executor = MigrationExecutor(db_backend)
    plan = executor.migration_plan(executor.leaf_targets())
    assert [(m.name, back) for m, back in plan] == [("0001_initial", False)]
    executor.migrate(executor.leaf_targets(), plan=plan)
    again = MigrationExecutor(db_backend)
    assert again.migration_plan(again.leaf_targets()) == []


def test_fake_records_without_touching_schema(
    db_backend: Any, app_on_disk: AppOnDisk
) -> None:
    app_on_disk.write("0001_initial", INITIAL)
    MigrationExecutor(db_backend).migrate(
        [(app_on_disk.label, "0001_initial")], fake=True
    )
    assert f"{app_on_disk.label}_post" not in _tables(db_backend)
    assert (app_on_disk.label, "0001_initial") in MigrationRecorder(
        db_backend
    ).applied_migrations()


FAILING_SQL = 'migrations.RunSQL("INSERT INTO no_such_table VALUES (1)")'


def test_failure_halfway_leaves_no_table_and_no_record(
    db_backend: Any, app_on_disk: AppOnDisk
) -> None:
    app_on_disk.write(
        "0001_initial",
        INITIAL.replace("    ]\n", f"        {FAILING_SQL},\n    ]\n", 1),
    )
    with pytest.raises(DatabaseError):
        MigrationExecutor(db_backend).migrate([(app_on_disk.label, "0001_initial")])
    assert f"{app_on_disk.label}_post" not in _tables(db_backend)
    assert not MigrationRecorder(db_backend).applied_migrations()


RUN_PYTHON = (
    HEAD
    + """
def forwards(apps, schema_editor):
    Post = apps.get_model("{app}", "Post")
    assert Post.__module__ == "__fake__"
    Post.objects.create(title="from RunPython")


def backwards(apps, schema_editor):
    apps.get_model("{app}", "Post").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("{app}", "0001_initial")]
    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.RunSQL(
            "INSERT INTO {app}_post (title) VALUES ('from RunSQL')",
            "DELETE FROM {app}_post WHERE title = 'from RunSQL'",
        ),
    ]
"""
)


def test_run_python_and_run_sql_both_ways(
    db_backend: Any, app_on_disk: AppOnDisk
) -> None:
    app_on_disk.write("0001_initial", INITIAL)
    app_on_disk.write("0002_data", RUN_PYTHON)
    table = f"{app_on_disk.label}_post"
    _migrate(db_backend, app_on_disk, "0002_data")
    titles = sorted(r[0] for r in _rows(db_backend, f'SELECT "title" FROM "{table}"'))
    assert titles == ["from RunPython", "from RunSQL"]
    _migrate(db_backend, app_on_disk, "0001_initial")
    assert _rows(db_backend, f'SELECT "title" FROM "{table}"') == []


def test_collect_sql_runs_nothing(db_backend: Any, app_on_disk: AppOnDisk) -> None:
    app_on_disk.write("0001_initial", INITIAL)
    executor = MigrationExecutor(db_backend)
    migration = executor.loader.graph.nodes[(app_on_disk.label, "0001_initial")]
    statements = executor.collect_sql([(migration, False)])
    assert any("CREATE TABLE" in s.upper() for s in statements)
    assert f"{app_on_disk.label}_post" not in _tables(db_backend)
