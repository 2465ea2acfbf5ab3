"""The FROM clause: the base table and the joins added to reach related models."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from framework.db.models.sql.compiler import SQLCompiler

INNER = "INNER JOIN"
LOUTER = "LEFT OUTER JOIN"


def _table_sql(compiler: SQLCompiler, table: str, alias: str) -> str:
    qn = compiler.quote_name
    return qn(table) if table == alias else f"{qn(table)} {qn(alias)}"


@dataclass
class BaseTable:
    """The first table in FROM."""

    table_name: str
    table_alias: str

    def as_sql(self, compiler: SQLCompiler, connection: Any) -> tuple[str, list[Any]]:
        return _table_sql(compiler, self.table_name, self.table_alias), []

    def identity(self) -> tuple[Any, ...]:
        return ("base", self.table_name)


@dataclass
class Join:
    """``<join_type> table alias ON parent.col = alias.col``.

    ``path`` identifies the relation walked (parent alias + relation name), so
    a second filter through the same relation reuses this join.
    """

    table_name: str
    parent_alias: str
    table_alias: str
    join_type: str
    join_cols: tuple[tuple[str, str], ...]
    nullable: bool
    path: tuple[str, str]

    def as_sql(self, compiler: SQLCompiler, connection: Any) -> tuple[str, list[Any]]:
        qn = compiler.quote_name
        conditions = " AND ".join(
            f"{qn(self.parent_alias)}.{qn(parent)} = {qn(self.table_alias)}.{qn(child)}"
            for parent, child in self.join_cols
        )
        table = _table_sql(compiler, self.table_name, self.table_alias)
        return f"{self.join_type} {table} ON ({conditions})", []

    def identity(self) -> tuple[Any, ...]:
        return ("join", self.table_name, self.table_alias, self.join_type, self.path)
