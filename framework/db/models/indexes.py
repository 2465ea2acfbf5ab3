"""``Index``: a named index declared in ``Meta.indexes``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from framework.db.models.constraints import condition_sql
from framework.db.models.query_utils import Q

__all__ = ["Index"]


class Index:
    """An index over ``fields`` (``"-name"`` for descending), maybe partial."""

    def __init__(
        self,
        *,
        fields: Sequence[str] = (),
        name: str | None = None,
        condition: Q | None = None,
    ) -> None:
        if not fields:
            raise ValueError("Index needs at least one field name.")
        if not name:
            raise ValueError("Index needs name=...; migrations refer to it by name.")
        self.fields = list(fields)
        self.name = name
        self.condition = condition

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Index) and self.deconstruct() == other.deconstruct()

    def __hash__(self) -> int:
        return hash(("Index", self.name))

    def __repr__(self) -> str:
        return f"<Index: fields={self.fields!r} name={self.name!r}>"

    def deconstruct(self) -> tuple[str, tuple[Any, ...], dict[str, Any]]:
        kwargs: dict[str, Any] = {"fields": self.fields, "name": self.name}
        if self.condition is not None:
            kwargs["condition"] = self.condition
        return "framework.db.models.Index", (), kwargs

    def clone(self) -> Index:
        _, args, kwargs = self.deconstruct()
        return Index(*args, **kwargs)

    def create_sql(self, model: Any, schema_editor: Any) -> str:
        qn = schema_editor.quote_name
        meta = model._meta
        columns = []
        for name in self.fields:
            field = meta.get_field(name.removeprefix("-"))
            order = " DESC" if name.startswith("-") else ""
            columns.append(f"{qn(field.column)}{order}")
        table = qn(meta.db_table)
        sql = f"CREATE INDEX {qn(self.name)} ON {table} ({', '.join(columns)})"
        if self.condition is not None:
            sql += f" WHERE {condition_sql(model, self.condition, schema_editor)}"
        return sql

    def remove_sql(self, model: Any, schema_editor: Any) -> str:
        return f"DROP INDEX {schema_editor.quote_name(self.name)}"
