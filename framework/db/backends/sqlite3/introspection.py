"""Read SQLite's schema through PRAGMAs and the stored CREATE TABLE text.

SQLite does not name unique and check constraints in its catalog, so their
names come from ``CONSTRAINT "name" ...`` clauses in the table's SQL (which
the schema editor always writes).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from framework.db.backends.base.introspection import (
    BaseDatabaseIntrospection,
    ColumnInfo,
    ConstraintInfo,
    constraint_info,
)

if TYPE_CHECKING:
    from framework.db.backends.utils import CursorWrapper

__all__ = ["DatabaseIntrospection"]

_NAMED = re.compile(r'CONSTRAINT\s+"((?:[^"]|"")+)"\s+(UNIQUE|CHECK)\s*\(', re.I)
_IDENT = re.compile(r'"((?:[^"]|"")+)"|([A-Za-z_][A-Za-z0-9_$]*)')


def _balanced(sql: str, start: int) -> str:
    """Return the text inside the parenthesis opening at ``sql[start - 1]``."""
    depth = 1
    index = start
    quote = ""
    while index < len(sql) and depth:
        char = sql[index]
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        index += 1
    return sql[start : index - 1]


def _strip_literals(sql: str) -> str:
    """Blank out string literals so their words are not read as columns."""
    return re.sub(r"'(?:[^']|'')*'", "''", sql)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class DatabaseIntrospection(BaseDatabaseIntrospection):
    """SQLite schema reader."""

    def get_table_list(self, cursor: CursorWrapper) -> list[str]:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND substr(name, 1, 7) != 'sqlite_'"
        )
        return [row[0] for row in cursor.fetchall()]

    def get_table_description(
        self, cursor: CursorWrapper, table_name: str
    ) -> list[ColumnInfo]:
        cursor.execute(f"PRAGMA table_info({_quote(table_name)})")
        return [
            ColumnInfo(name, data_type, not notnull, default, bool(pk))
            for _, name, data_type, notnull, default, pk in cursor.fetchall()
        ]

    def _table_sql(self, cursor: CursorWrapper, table_name: str) -> str:
        cursor.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s",
            [table_name],
        )
        row = cursor.fetchone()
        return str(row[0]) if row and row[0] else ""

    def get_constraints(
        self, cursor: CursorWrapper, table_name: str
    ) -> dict[str, ConstraintInfo]:
        columns = [c.name for c in self.get_table_description(cursor, table_name)]
        constraints = self._named_constraints(
            self._table_sql(cursor, table_name), columns
        )
        named_unique = [c["columns"] for c in constraints.values() if c["unique"]]
        constraints.update(self._indexes(cursor, table_name, named_unique))
        constraints.update(self._foreign_keys(cursor, table_name))
        cursor.execute(f"PRAGMA table_info({_quote(table_name)})")
        pk = [row[1] for row in sorted(cursor.fetchall(), key=lambda r: r[5]) if row[5]]
        if pk:
            constraints["__primary__"] = constraint_info(
                pk, primary_key=True, unique=True
            )
        return constraints

    def _named_constraints(
        self, sql: str, columns: list[str]
    ) -> dict[str, ConstraintInfo]:
        found: dict[str, ConstraintInfo] = {}
        for match in _NAMED.finditer(sql):
            name = match.group(1).replace('""', '"')
            body = _balanced(sql, match.end())
            idents = [
                quoted.replace('""', '"') or bare
                for quoted, bare in _IDENT.findall(_strip_literals(body))
            ]
            used = [ident for ident in idents if ident in columns]
            if match.group(2).upper() == "UNIQUE":
                found[name] = constraint_info(used, unique=True)
            else:
                found[name] = constraint_info(list(dict.fromkeys(used)), check=True)
        return found

    def _indexes(
        self, cursor: CursorWrapper, table_name: str, named_unique: list[list[str]]
    ) -> dict[str, ConstraintInfo]:
        cursor.execute(f"PRAGMA index_list({_quote(table_name)})")
        found: dict[str, ConstraintInfo] = {}
        for _, name, unique, origin, _partial in cursor.fetchall():
            if origin == "pk":
                continue
            cursor.execute(f"PRAGMA index_info({_quote(name)})")
            cols = [row[2] for row in sorted(cursor.fetchall())]
            if origin == "u" and cols in named_unique:
                continue  # Reported under its CONSTRAINT name already.
            found[name] = constraint_info(
                cols, unique=bool(unique), index=origin == "c"
            )
        return found

    def _foreign_keys(
        self, cursor: CursorWrapper, table_name: str
    ) -> dict[str, ConstraintInfo]:
        cursor.execute(f"PRAGMA foreign_key_list({_quote(table_name)})")
        found: dict[str, ConstraintInfo] = {}
        for row in cursor.fetchall():
            fk_id, _, target_table, column, target_column = row[:5]
            found[f"fk_{table_name}_{column}_{fk_id}"] = constraint_info(
                [column], foreign_key=(target_table, target_column)
            )
        return found
