"""``MigrationRecorder``: which migrations are applied, in table framework_migrations.

The table is created on first need with the schema editor from a small model
kept in its own registry, so it never shows up among the project's models.
Reads and writes use plain SQL on the given connection, so a record written
while a migration runs shares that migration's transaction.
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime
from typing import Any

from framework.db import DatabaseError, models
from framework.db.migrations.exceptions import MigrationSchemaMissing
from framework.db.migrations.state import StateApps

__all__ = ["MigrationRecorder"]

TABLE = "framework_migrations"


@functools.cache
def record_model() -> Any:
    """Return the model describing the recorder table (built once)."""
    meta = type(
        "Meta", (), {"apps": StateApps(), "app_label": "migrations", "db_table": TABLE}
    )
    return type(
        "MigrationRecord",
        (models.Model,),
        {
            "__module__": __name__,
            "id": models.BigAutoField(primary_key=True),
            "app": models.CharField(max_length=255),
            "name": models.CharField(max_length=255),
            "applied": models.DateTimeField(),
            "Meta": meta,
        },
    )


class MigrationRecorder:
    """Read and write the applied-migrations table of one connection."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection
        self._has_table = False

    def has_table(self) -> bool:
        """Say whether framework_migrations exists (cached once it does)."""
        if not self._has_table:
            with self.connection.cursor() as cursor:
                tables = self.connection.introspection.table_names(cursor)
            self._has_table = TABLE in tables
        return self._has_table

    def ensure_schema(self) -> None:
        """Create framework_migrations if it is missing."""
        if self.has_table():
            return
        try:
            with self.connection.schema_editor() as editor:
                editor.create_model(record_model())
        except DatabaseError as exc:
            raise MigrationSchemaMissing(
                f"Unable to create the {TABLE} table ({exc}). Check the database user "
                "may create tables in DATABASES['default']."
            ) from exc
        self._has_table = True

    def applied_migrations(self) -> set[tuple[str, str]]:
        """Return the ``(app, name)`` keys applied (none when the table is missing)."""
        if not self.has_table():
            return set()
        sql = f"SELECT {self._q('app')}, {self._q('name')} FROM {self._q(TABLE)}"
        with self.connection.cursor() as cursor:
            cursor.execute(sql)
            rows = cursor.fetchall()
        return {(str(app), str(name)) for app, name in rows}

    def record_applied(self, app: str, name: str) -> None:
        """Record ``app.name`` as applied now."""
        self.ensure_schema()
        columns = ", ".join(self._q(c) for c in ("app", "name", "applied"))
        now = datetime.now(UTC)
        applied = self.connection.ops.adapt_datetimefield_value(now)
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {self._q(TABLE)} ({columns}) VALUES (%s, %s, %s)",
                [app, name, applied],
            )

    def record_unapplied(self, app: str, name: str) -> None:
        """Forget that ``app.name`` was applied."""
        self.ensure_schema()
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {self._q(TABLE)} WHERE {self._q('app')} = %s "
                f"AND {self._q('name')} = %s",
                [app, name],
            )

    def flush(self) -> None:
        """Forget every applied migration (tests)."""
        if self.has_table():
            with self.connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {self._q(TABLE)}")

    def _q(self, name: str) -> str:
        return str(self.connection.ops.quote_name(name))
