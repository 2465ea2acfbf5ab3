"""Read PostgreSQL's schema from the system catalogs (current search_path)."""

from __future__ import annotations

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

_CONSTRAINTS_SQL = """
SELECT c.conname, c.contype,
       array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(num, ord)
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num
             ORDER BY k.ord),
       ft.relname,
       (SELECT fa.attname FROM pg_attribute fa
         WHERE fa.attrelid = c.confrelid AND fa.attnum = c.confkey[1])
FROM pg_constraint c
JOIN pg_class t ON t.oid = c.conrelid
LEFT JOIN pg_class ft ON ft.oid = c.confrelid
WHERE t.relname = %s AND pg_table_is_visible(t.oid)
"""

_INDEXES_SQL = """
SELECT i.relname, ix.indisunique, ix.indisprimary,
       array(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY k(num, ord)
             JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.num
             ORDER BY k.ord)
FROM pg_index ix
JOIN pg_class t ON t.oid = ix.indrelid
JOIN pg_class i ON i.oid = ix.indexrelid
WHERE t.relname = %s AND pg_table_is_visible(t.oid)
"""


class DatabaseIntrospection(BaseDatabaseIntrospection):
    """PostgreSQL schema reader."""

    def get_table_list(self, cursor: CursorWrapper) -> list[str]:
        cursor.execute(
            "SELECT c.relname FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'p') AND pg_table_is_visible(c.oid) "
            "AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
        )
        return [row[0] for row in cursor.fetchall()]

    def get_table_description(
        self, cursor: CursorWrapper, table_name: str
    ) -> list[ColumnInfo]:
        cursor.execute(
            "SELECT a.attname, format_type(a.atttypid, a.atttypmod), "
            "NOT a.attnotnull, pg_get_expr(d.adbin, d.adrelid), "
            "coalesce(a.attnum = ANY(ix.indkey), false) "
            "FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid "
            "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
            "LEFT JOIN pg_index ix ON ix.indrelid = t.oid AND ix.indisprimary "
            "WHERE t.relname = %s AND pg_table_is_visible(t.oid) "
            "AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
            [table_name],
        )
        return [ColumnInfo(*row) for row in cursor.fetchall()]

    def get_constraints(
        self, cursor: CursorWrapper, table_name: str
    ) -> dict[str, ConstraintInfo]:
        found: dict[str, ConstraintInfo] = {}
        cursor.execute(_CONSTRAINTS_SQL, [table_name])
        for name, kind, columns, ftable, fcolumn in cursor.fetchall():
            found[name] = constraint_info(
                list(columns),
                primary_key=kind == "p",
                unique=kind in ("p", "u"),
                foreign_key=(ftable, fcolumn) if kind == "f" else None,
                check=kind == "c",
                index=False,
            )
        cursor.execute(_INDEXES_SQL, [table_name])
        for name, unique, primary, columns in cursor.fetchall():
            if name in found:
                found[name]["index"] = True
                continue
            found[name] = constraint_info(
                list(columns), primary_key=primary, unique=unique, index=True
            )
        return found
