"""Read the live schema: tables, columns and constraints.

Migrations and tests use this to see what the database holds; every backend
returns the same shapes (:class:`ColumnInfo`, :class:`ConstraintInfo` dicts).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple, TypedDict

if TYPE_CHECKING:
    from framework.db.backends.base.base import BaseDatabaseWrapper
    from framework.db.backends.utils import CursorWrapper

__all__ = ["BaseDatabaseIntrospection", "ColumnInfo", "ConstraintInfo"]


class ColumnInfo(NamedTuple):
    """One column as the database describes it."""

    name: str
    data_type: str
    null_ok: bool
    default: Any
    pk: bool


class ConstraintInfo(TypedDict):
    """One constraint or index on a table, keyed by name in ``get_constraints``."""

    columns: list[str]
    primary_key: bool
    unique: bool
    foreign_key: tuple[str, str] | None
    check: bool
    index: bool


def constraint_info(
    columns: list[str],
    *,
    primary_key: bool = False,
    unique: bool = False,
    foreign_key: tuple[str, str] | None = None,
    check: bool = False,
    index: bool = False,
) -> ConstraintInfo:
    """Build a :class:`ConstraintInfo` with every key present."""
    return {
        "columns": columns,
        "primary_key": primary_key,
        "unique": unique,
        "foreign_key": foreign_key,
        "check": check,
        "index": index,
    }


class BaseDatabaseIntrospection:
    """Schema queries; each backend implements the three readers."""

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection

    def table_names(self, cursor: CursorWrapper | None = None) -> list[str]:
        """Return the user tables, sorted by name."""
        if cursor is not None:
            return sorted(self.get_table_list(cursor))
        with self.connection.cursor() as own:
            return sorted(self.get_table_list(own))

    def get_table_list(self, cursor: CursorWrapper) -> list[str]:
        """Return the names of the user tables (any order)."""
        raise NotImplementedError

    def get_table_description(
        self, cursor: CursorWrapper, table_name: str
    ) -> list[ColumnInfo]:
        """Return the columns of ``table_name`` in table order."""
        raise NotImplementedError

    def get_constraints(
        self, cursor: CursorWrapper, table_name: str
    ) -> dict[str, ConstraintInfo]:
        """Return every constraint and index on ``table_name`` by name."""
        raise NotImplementedError

    def get_primary_key_column(
        self, cursor: CursorWrapper, table_name: str
    ) -> str | None:
        """Return the single primary key column of ``table_name``, if any."""
        for info in self.get_constraints(cursor, table_name).values():
            if info["primary_key"] and len(info["columns"]) == 1:
                return info["columns"][0]
        return None
