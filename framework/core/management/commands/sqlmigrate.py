"""``sqlmigrate``: print the SQL a migration runs, without running it."""

from __future__ import annotations

from typing import Any

import sqlparse

from framework.core.management.base import BaseCommand, CommandError, CommandParser
from framework.db import DEFAULT_DB_ALIAS, connections
from framework.db.migrations.exceptions import MigrationError
from framework.db.migrations.executor import MigrationExecutor
from framework.db.migrations.planning import resolve_targets


class Command(BaseCommand):
    help = "Print the SQL statements of a migration."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("app_label", help="App label of the migration.")
        parser.add_argument("migration_name", help="Migration name (a prefix works).")
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help="Database alias."
        )
        parser.add_argument(
            "--backwards", action="store_true", help="Show the SQL that unapplies it."
        )

    def handle(self, *args: Any, **options: Any) -> str | None:
        connection = connections[options["database"]]
        executor = MigrationExecutor(connection)
        try:
            [key] = resolve_targets(
                executor.loader, options["app_label"], options["migration_name"]
            )
            if key[1] is None:
                raise MigrationError("Name one migration, not 'zero'.")
            migration = executor.loader.graph.nodes[(key[0], key[1])]
            statements = executor.collect_sql([(migration, options["backwards"])])
        except MigrationError as exc:
            raise CommandError(str(exc)) from exc
        if not statements:
            return "-- No SQL: the migration has no operations that touch the database."
        features = connection.features
        transactional = migration.atomic and getattr(
            features,
            "can_rollback_ddl",
            getattr(features, "supports_transactional_ddl", False),
        )
        if transactional:
            statements = ["BEGIN;", *statements, "COMMIT;"]
        return "\n".join(_pretty(sql) for sql in statements)


def _pretty(sql: str) -> str:
    if sql.startswith("--") or sql in ("BEGIN;", "COMMIT;"):
        return sql
    if sql.upper().startswith("CREATE TABLE"):
        text = _table_layout(sql)
    else:
        text = str(sqlparse.format(sql, reindent=True, indent_width=4)).strip()
    return text if text.endswith(";") else text + ";"


def _table_layout(sql: str) -> str:
    """Put each column and constraint of a CREATE TABLE on its own line."""
    start = sql.index("(")
    end = sql.rstrip().rstrip(";").rstrip().rindex(")")
    parts = [p.strip() for p in _split_top_level(sql[start + 1 : end])]
    body = ",\n".join(f"    {part}" for part in parts)
    return f"{sql[:start].rstrip()} (\n{body}\n){sql[end + 1 :].strip()}"


def _split_top_level(text: str) -> list[str]:
    """Split on commas outside parentheses and quotes."""
    parts: list[str] = []
    depth, quote = 0, ""
    current: list[str] = []
    for char in text:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts
