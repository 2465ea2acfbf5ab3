"""Table constraints declared in ``Meta.constraints``.

Each constraint renders its own DDL for the schema editor: ``constraint_sql``
(inside CREATE TABLE, or None when it cannot be inline), ``create_sql`` and
``remove_sql``. Conditions are ``Q`` objects compiled against the model with
unqualified column names and values inlined by ``ops.quote_value`` (DDL takes
no parameters).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from framework.db.models.expressions import Col
from framework.db.models.query_utils import Q
from framework.db.models.sql.compiler import SQLCompiler
from framework.db.models.sql.query import Query

__all__ = ["BaseConstraint", "CheckConstraint", "UniqueConstraint", "condition_sql"]


class _DDLCompiler(SQLCompiler):
    """Render columns without a table alias, as CHECK and index WHERE need."""

    def compile(self, node: Any) -> tuple[str, list[Any]]:
        if isinstance(node, Col):
            return self.quote_name(node.target.column), []
        return super().compile(node)


def condition_sql(model: Any, condition: Q, schema_editor: Any) -> str:
    """Render ``condition`` as SQL with literal values, for DDL."""
    query = Query(model)
    query.add_q(condition)
    connection = schema_editor.connection
    sql, params = _DDLCompiler(query, connection).compile(query.where)
    quote = schema_editor.quote_value
    return sql % tuple(quote(p) for p in params) if params else sql.replace("%%", "%")


class BaseConstraint:
    """A named constraint; subclasses render the SQL."""

    def __init__(self, *, name: str) -> None:
        if not name:
            raise ValueError("A constraint needs a name=... argument.")
        self.name = name

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BaseConstraint) or type(self) is not type(other):
            return False
        return self.deconstruct() == other.deconstruct()

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.name))

    def __repr__(self) -> str:
        _, args, kwargs = self.deconstruct()
        parts = ", ".join(f"{k}={v!r}" for k, v in kwargs.items())
        return f"<{type(self).__name__}: {parts}>"

    def deconstruct(self) -> tuple[str, tuple[Any, ...], dict[str, Any]]:
        return f"framework.db.models.{type(self).__name__}", (), {"name": self.name}

    def clone(self) -> BaseConstraint:
        _, args, kwargs = self.deconstruct()
        return type(self)(*args, **kwargs)

    def constraint_sql(self, model: Any, schema_editor: Any) -> str | None:
        raise NotImplementedError

    def create_sql(self, model: Any, schema_editor: Any) -> str:
        qn = schema_editor.quote_name
        inline = self.constraint_sql(model, schema_editor)
        return f"ALTER TABLE {qn(model._meta.db_table)} ADD {inline}"

    def remove_sql(self, model: Any, schema_editor: Any) -> str:
        qn = schema_editor.quote_name
        return f"ALTER TABLE {qn(model._meta.db_table)} DROP CONSTRAINT {qn(self.name)}"


class CheckConstraint(BaseConstraint):
    """``CHECK (condition)``; ``condition=Q(price__gte=0)`` (``check=`` also works)."""

    def __init__(
        self, *, name: str, condition: Q | None = None, check: Q | None = None
    ) -> None:
        condition = condition if condition is not None else check
        if not isinstance(condition, Q):
            raise TypeError("CheckConstraint needs condition=Q(...).")
        super().__init__(name=name)
        self.condition = condition

    def deconstruct(self) -> tuple[str, tuple[Any, ...], dict[str, Any]]:
        path, args, kwargs = super().deconstruct()
        kwargs["condition"] = self.condition
        return path, args, kwargs

    def constraint_sql(self, model: Any, schema_editor: Any) -> str | None:
        check = condition_sql(model, self.condition, schema_editor)
        return f"CONSTRAINT {schema_editor.quote_name(self.name)} CHECK ({check})"


class UniqueConstraint(BaseConstraint):
    """Unique values across ``fields``; with ``condition`` a partial unique index."""

    def __init__(
        self, *, fields: Sequence[str], name: str, condition: Q | None = None
    ) -> None:
        if not fields:
            raise ValueError("UniqueConstraint needs at least one field name.")
        super().__init__(name=name)
        self.fields = tuple(fields)
        self.condition = condition

    def deconstruct(self) -> tuple[str, tuple[Any, ...], dict[str, Any]]:
        path, args, kwargs = super().deconstruct()
        kwargs["fields"] = self.fields
        if self.condition is not None:
            kwargs["condition"] = self.condition
        return path, args, kwargs

    def _columns(self, model: Any, schema_editor: Any) -> str:
        meta = model._meta
        qn = schema_editor.quote_name
        return ", ".join(qn(meta.get_field(name).column) for name in self.fields)

    def constraint_sql(self, model: Any, schema_editor: Any) -> str | None:
        if self.condition is not None:
            return None  # a partial index, created by create_sql()
        columns = self._columns(model, schema_editor)
        return f"CONSTRAINT {schema_editor.quote_name(self.name)} UNIQUE ({columns})"

    def create_sql(self, model: Any, schema_editor: Any) -> str:
        if self.condition is None:
            return super().create_sql(model, schema_editor)
        qn = schema_editor.quote_name
        where = condition_sql(model, self.condition, schema_editor)
        return (
            f"CREATE UNIQUE INDEX {qn(self.name)} ON {qn(model._meta.db_table)} "
            f"({self._columns(model, schema_editor)}) WHERE {where}"
        )

    def remove_sql(self, model: Any, schema_editor: Any) -> str:
        if self.condition is None:
            return super().remove_sql(model, schema_editor)
        return f"DROP INDEX {schema_editor.quote_name(self.name)}"
