"""Aggregate functions: ``Count``, ``Sum``, ``Avg``, ``Min``, ``Max``.

Used by ``QuerySet.aggregate()`` (one row of results) and ``annotate()`` (one
value per group; the compiler adds the GROUP BY).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from framework.core.exceptions import FieldError
from framework.db.models import fields as f
from framework.db.models.expressions import F, Func, SqlParams, Star
from framework.db.models.fields.base import Field

if TYPE_CHECKING:
    from framework.db.models.sql.compiler import SQLCompiler
    from framework.db.models.sql.query import Query

__all__ = ["Aggregate", "Avg", "Count", "Max", "Min", "Sum"]


class Aggregate(Func):
    """An SQL aggregate over the rows of a group."""

    template = "%(function)s(%(distinct)s%(expressions)s)"
    allow_distinct = False

    def __init__(
        self,
        expression: Any,
        distinct: bool = False,
        output_field: Field[Any] | None = None,
    ) -> None:
        if distinct and not self.allow_distinct:
            raise TypeError(f"{type(self).__name__} does not allow distinct=True.")
        super().__init__(expression, output_field=output_field)
        self.distinct = distinct
        self.contains_aggregate = True

    @property
    def default_alias(self) -> str:
        """Name the result when none is given: ``Count("id")`` -> ``id__count``."""
        source = self.source_expressions[0]
        if isinstance(source, F):
            return f"{source.name}__{type(self).__name__.lower()}"
        raise TypeError(
            f"{self!r} needs an alias: pass it as a keyword, "
            "e.g. aggregate(total=Sum(F('a') * F('b')))."
        )

    def resolve_expression(self, query: Query, allow_joins: bool = True) -> Any:
        clone = super().resolve_expression(query, allow_joins)
        for source in clone.get_source_expressions():
            if getattr(source, "contains_aggregate", False):
                raise FieldError(
                    f"Cannot compute {type(self).__name__}() over {source!r}: "
                    "it is an aggregate already."
                )
        clone.contains_aggregate = True
        return clone

    def get_group_by_cols(self) -> list[Any]:
        return []

    def as_sql(self, compiler: SQLCompiler, connection: Any) -> SqlParams:
        sql, params = compiler.compile(self.source_expressions[0])
        data = {
            "function": self.function,
            "distinct": "DISTINCT " if self.distinct else "",
            "expressions": sql,
        }
        return self.template % data, params

    def get_db_converters(self, connection: Any) -> list[Callable[..., Any]]:
        # Drivers return aggregates in their own types (PostgreSQL sums integers
        # as numeric); coerce to the output field's Python type.
        field = self.output_field
        return [*super().get_db_converters(connection), _coerce(field)]

    def signature(self) -> Any:
        inner = super().signature()
        return None if inner is None else (inner, self.distinct)


def _coerce(field: Field[Any]) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        return None if value is None else field.to_python(value)

    return convert


class Count(Aggregate):
    """Count rows (``Count("*")``) or non-null values."""

    function = "COUNT"
    allow_distinct = True

    def __init__(self, expression: Any = "*", distinct: bool = False) -> None:
        if expression == "*":
            expression = Star()
        super().__init__(expression, distinct, output_field=f.IntegerField())

    @property
    def default_alias(self) -> str:
        if isinstance(self.source_expressions[0], Star):
            return "count"
        return super().default_alias


class Sum(Aggregate):
    """Sum values; the result has the summed field's type."""

    function = "SUM"
    allow_distinct = True


class Avg(Aggregate):
    """Average values (a float, or a Decimal for decimal columns)."""

    function = "AVG"
    allow_distinct = True

    def _resolve_output_field(self) -> Field[Any] | None:
        source = super()._resolve_output_field()
        if isinstance(source, f.DecimalField):
            return source
        return f.FloatField()


class Min(Aggregate):
    """The smallest value."""

    function = "MIN"


class Max(Aggregate):
    """The largest value."""

    function = "MAX"
