"""The WHERE (and HAVING) tree: conditions joined by AND/OR, maybe negated."""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

from framework.db.models.lookups import FALSE_SQL

if TYPE_CHECKING:
    from framework.db.models.sql.compiler import SQLCompiler

AND = "AND"
OR = "OR"


class NothingNode:
    """A condition matching no row (``QuerySet.none()``)."""

    contains_aggregate = False

    def as_sql(self, compiler: SQLCompiler, connection: Any) -> tuple[str, list[Any]]:
        return FALSE_SQL, []

    def signature(self) -> Hashable | None:
        return ("Nothing",)

    def rhs_params_all(self, connection: Any) -> list[Any]:
        return []


class WhereNode:
    """A tree of lookups; renders ``(a AND b)``, ``NOT (a OR b)`` and so on."""

    def __init__(
        self,
        children: list[Any] | None = None,
        connector: str = AND,
        negated: bool = False,
    ) -> None:
        self.children: list[Any] = children or []
        self.connector = connector
        self.negated = negated

    def __repr__(self) -> str:
        neg = "NOT " if self.negated else ""
        return f"<WhereNode {neg}{self.connector}: {self.children!r}>"

    def __bool__(self) -> bool:
        return bool(self.children)

    @property
    def contains_aggregate(self) -> bool:
        return any(getattr(c, "contains_aggregate", False) for c in self.children)

    def add(self, node: Any) -> None:
        """AND ``node`` into this tree."""
        if self.connector == AND and not self.negated:
            self.children.append(node)
        else:
            self.children = [
                WhereNode(self.children, self.connector, self.negated),
                node,
            ]
            self.connector, self.negated = AND, False

    def clone(self) -> WhereNode:
        children = [c.clone() if isinstance(c, WhereNode) else c for c in self.children]
        return WhereNode(children, self.connector, self.negated)

    def is_nothing(self) -> bool:
        """Whether an AND branch makes the whole tree match nothing."""
        if self.negated or self.connector != AND:
            return False
        return any(isinstance(c, NothingNode) for c in self.children)

    def as_sql(self, compiler: SQLCompiler, connection: Any) -> tuple[str, list[Any]]:
        parts: list[str] = []
        params: list[Any] = []
        for child in self.children:
            sql, child_params = compiler.compile(child)
            if sql:
                parts.append(sql)
                params.extend(child_params)
        if not parts:
            return ("NOT (1 = 1)" if self.negated else ""), []
        sql = f" {self.connector} ".join(parts)
        if len(parts) > 1 or self.negated:
            sql = f"({sql})"
        return (f"NOT {sql}" if self.negated else sql), params

    def signature(self) -> Hashable | None:
        parts = []
        for child in self.children:
            sig = child.signature()
            if sig is None:
                return None
            parts.append(sig)
        return (self.connector, self.negated, tuple(parts))

    def rhs_params_all(self, connection: Any) -> list[Any]:
        """Collect parameters in render order without rendering (cache hits)."""
        params: list[Any] = []
        for child in self.children:
            if isinstance(child, WhereNode | NothingNode):
                params.extend(child.rhs_params_all(connection))
            else:
                params.extend(child.rhs_params(connection))
        return params
