"""Expressions: the SQL nodes for columns, values, arithmetic and functions.

Every node renders itself with ``as_sql(compiler, connection) -> (sql, params)``
and the compiler stitches the pieces together. Unresolved nodes (``F("name")``)
name fields; ``resolve_expression(query)`` validates those names against the
model and turns them into ``Col`` nodes, so user strings never reach SQL.
"""

from __future__ import annotations

import copy
import datetime
import decimal
import uuid
from collections.abc import Callable, Hashable, Sequence
from typing import TYPE_CHECKING, Any

from framework.core.exceptions import FieldError
from framework.db.models import fields as f
from framework.db.models.fields.base import Field

if TYPE_CHECKING:
    from framework.db.models.sql.compiler import SQLCompiler
    from framework.db.models.sql.query import Query

SqlParams = tuple[str, list[Any]]


class Combinable:
    """Arithmetic operators that build ``CombinedExpression`` trees."""

    ADD, SUB, MUL, DIV, MOD = "+", "-", "*", "/", "%%"

    def _combine(self, other: Any, connector: str, reversed_: bool) -> Expression:
        rhs = other if hasattr(other, "resolve_expression") else Value(other)
        lhs: Any = self
        if reversed_:
            lhs, rhs = rhs, lhs
        return CombinedExpression(lhs, connector, rhs)

    def __add__(self, other: Any) -> Expression:
        return self._combine(other, self.ADD, False)

    def __sub__(self, other: Any) -> Expression:
        return self._combine(other, self.SUB, False)

    def __mul__(self, other: Any) -> Expression:
        return self._combine(other, self.MUL, False)

    def __truediv__(self, other: Any) -> Expression:
        return self._combine(other, self.DIV, False)

    def __mod__(self, other: Any) -> Expression:
        return self._combine(other, self.MOD, False)

    def __radd__(self, other: Any) -> Expression:
        return self._combine(other, self.ADD, True)

    def __rsub__(self, other: Any) -> Expression:
        return self._combine(other, self.SUB, True)

    def __rmul__(self, other: Any) -> Expression:
        return self._combine(other, self.MUL, True)

    def __rtruediv__(self, other: Any) -> Expression:
        return self._combine(other, self.DIV, True)

    def __neg__(self) -> Expression:
        return self._combine(-1, self.MUL, False)


class Expression(Combinable):
    """Base SQL node. Subclasses implement ``as_sql`` and list their children."""

    contains_aggregate = False
    _output_field: Field[Any] | None = None

    def __init__(self, output_field: Field[Any] | None = None) -> None:
        if output_field is not None:
            self._output_field = output_field

    # children ------------------------------------------------------------
    def get_source_expressions(self) -> list[Any]:
        return []

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        if exprs:
            raise TypeError(f"{type(self).__name__} takes no source expressions.")

    def resolve_expression(self, query: Query, allow_joins: bool = True) -> Any:
        """Return a copy whose children reference validated columns."""
        clone = copy.copy(self)
        clone.set_source_expressions(
            [
                e.resolve_expression(query, allow_joins) if e is not None else None
                for e in self.get_source_expressions()
            ]
        )
        clone.contains_aggregate = clone.contains_aggregate or any(
            getattr(e, "contains_aggregate", False)
            for e in clone.get_source_expressions()
        )
        return clone

    # rendering -----------------------------------------------------------
    def as_sql(self, compiler: SQLCompiler, connection: Any) -> SqlParams:
        raise NotImplementedError(f"{type(self).__name__} must implement as_sql().")

    @property
    def output_field(self) -> Field[Any]:
        field = self._output_field or self._resolve_output_field()
        if field is None:
            raise FieldError(
                f"Cannot infer the type of {self!r}; pass output_field=..."
            )
        return field

    def _resolve_output_field(self) -> Field[Any] | None:
        for source in self.get_source_expressions():
            field: Field[Any] | None = (
                getattr(source, "output_field", None) if source is not None else None
            )
            if field is not None:
                return field
        return None

    def get_db_converters(self, connection: Any) -> list[Callable[..., Any]]:
        try:
            converters: list[Callable[..., Any]] = self.output_field.get_db_converters(
                connection
            )
        except FieldError:
            return []
        return converters

    def get_group_by_cols(self) -> list[Expression]:
        if self.contains_aggregate:
            return [
                col
                for source in self.get_source_expressions()
                for col in source.get_group_by_cols()
            ]
        return [self]

    def signature(self) -> Hashable | None:
        """Return what decides the SQL text (values excluded), or None."""
        parts = [s.signature() for s in self.get_source_expressions()]
        if any(p is None for p in parts):
            return None
        return (type(self).__name__, *parts)

    def asc(self) -> OrderBy:
        return OrderBy(self)

    def desc(self) -> OrderBy:
        return OrderBy(self, descending=True)


class F(Combinable):
    """Reference a field (or annotation) by name: ``F("views") + 1``."""

    contains_aggregate = False

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"F({self.name!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, F) and other.name == self.name

    def __hash__(self) -> int:
        return hash(("F", self.name))

    def resolve_expression(self, query: Query, allow_joins: bool = True) -> Any:
        return query.resolve_ref(self.name, allow_joins)

    def asc(self) -> OrderBy:
        return OrderBy(self)

    def desc(self) -> OrderBy:
        return OrderBy(self, descending=True)

    def deconstruct(self) -> tuple[str, tuple[Any, ...], dict[str, Any]]:
        return "framework.db.models.F", (self.name,), {}


_VALUE_FIELDS: list[tuple[type[Any], Callable[[], Field[Any]]]] = [
    (bool, f.BooleanField),
    (int, f.IntegerField),
    (float, f.FloatField),
    (decimal.Decimal, f.DecimalField),
    (str, f.TextField),
    (datetime.datetime, f.DateTimeField),
    (datetime.date, f.DateField),
    (datetime.time, f.TimeField),
    (datetime.timedelta, f.DurationField),
    (uuid.UUID, f.UUIDField),
    (bytes, f.BinaryField),
]


class Value(Expression):
    """A literal sent as a query parameter."""

    def __init__(self, value: Any, output_field: Field[Any] | None = None) -> None:
        super().__init__(output_field)
        self.value = value

    def __repr__(self) -> str:
        return f"Value({self.value!r})"

    def _resolve_output_field(self) -> Field[Any] | None:
        for kind, factory in _VALUE_FIELDS:
            if isinstance(self.value, kind):
                return factory()
        return None

    def as_sql(self, compiler: SQLCompiler, connection: Any) -> SqlParams:
        value = self.value
        field = self._output_field or self._resolve_output_field()
        if field is not None and value is not None:
            value = field.get_db_prep_value(value, connection)
        return "%s", [value]

    def get_group_by_cols(self) -> list[Expression]:
        return []

    def signature(self) -> Hashable | None:
        # The value is a parameter, so it never changes the SQL text.
        return None


class Col(Expression):
    """A column of a table alias in the query."""

    def __init__(
        self, alias: str, target: Field[Any], output_field: Field[Any] | None = None
    ) -> None:
        super().__init__(output_field or target)
        self.alias, self.target = alias, target

    def __repr__(self) -> str:
        return f"Col({self.alias}, {self.target})"

    def as_sql(self, compiler: SQLCompiler, connection: Any) -> SqlParams:
        qn = compiler.quote_name
        return f"{qn(self.alias)}.{qn(self.target.column)}", []

    def resolve_expression(self, query: Query, allow_joins: bool = True) -> Any:
        return self

    def signature(self) -> Hashable | None:
        return ("Col", self.alias, self.target.column)


class Ref(Expression):
    """Refer to an annotation by its alias; renders the annotated expression."""

    def __init__(self, refs: str, source: Any) -> None:
        super().__init__()
        self.refs, self.source = refs, source
        self.contains_aggregate = getattr(source, "contains_aggregate", False)

    def get_source_expressions(self) -> list[Any]:
        return [self.source]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        (self.source,) = exprs

    def resolve_expression(self, query: Query, allow_joins: bool = True) -> Any:
        return self

    def as_sql(self, compiler: SQLCompiler, connection: Any) -> SqlParams:
        return compiler.compile(self.source)

    def get_group_by_cols(self) -> list[Expression]:
        return [] if self.contains_aggregate else [self.source]


class CombinedExpression(Expression):
    """``lhs <connector> rhs``, e.g. ``"n" + %s``."""

    def __init__(self, lhs: Any, connector: str, rhs: Any) -> None:
        super().__init__()
        self.lhs, self.connector, self.rhs = lhs, connector, rhs

    def __repr__(self) -> str:
        return f"<{self.lhs!r} {self.connector} {self.rhs!r}>"

    def get_source_expressions(self) -> list[Any]:
        return [self.lhs, self.rhs]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        self.lhs, self.rhs = exprs

    def as_sql(self, compiler: SQLCompiler, connection: Any) -> SqlParams:
        lhs_sql, lhs_params = compiler.compile(self.lhs)
        rhs_sql, rhs_params = compiler.compile(self.rhs)
        sql = connection.ops.combine_expression(self.connector, [lhs_sql, rhs_sql])
        return f"({sql})", [*lhs_params, *rhs_params]

    def _resolve_output_field(self) -> Field[Any] | None:
        for source in (self.lhs, self.rhs):
            if isinstance(source, Value):
                continue
            field: Field[Any] | None = getattr(source, "output_field", None)
            if field is not None:
                return field
        return super()._resolve_output_field()


class Func(Expression):
    """An SQL function call: ``FUNCTION(arg, ...)``."""

    function = ""
    template = "%(function)s(%(expressions)s)"
    arg_joiner = ", "

    def __init__(
        self, *expressions: Any, output_field: Field[Any] | None = None
    ) -> None:
        super().__init__(output_field)
        self.source_expressions = [_parse(e) for e in expressions]

    def __repr__(self) -> str:
        args = ", ".join(repr(e) for e in self.source_expressions)
        return f"{type(self).__name__}({args})"

    def get_source_expressions(self) -> list[Any]:
        return list(self.source_expressions)

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        self.source_expressions = list(exprs)

    def as_sql(self, compiler: SQLCompiler, connection: Any) -> SqlParams:
        parts, params = [], []
        for expr in self.source_expressions:
            sql, p = compiler.compile(expr)
            parts.append(sql)
            params.extend(p)
        data = {"function": self.function, "expressions": self.arg_joiner.join(parts)}
        return self.template % data, params


class Star(Expression):
    """``*`` inside ``COUNT(*)``."""

    def as_sql(self, compiler: SQLCompiler, connection: Any) -> SqlParams:
        return "*", []

    def signature(self) -> Hashable | None:
        return ("Star",)


class OrderBy(Expression):
    """An ORDER BY term: an expression plus a direction."""

    def __init__(self, expression: Any, descending: bool = False) -> None:
        super().__init__()
        self.expression, self.descending = expression, descending

    def __repr__(self) -> str:
        return f"OrderBy({self.expression!r}, descending={self.descending})"

    def get_source_expressions(self) -> list[Any]:
        return [self.expression]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        (self.expression,) = exprs

    def as_sql(self, compiler: SQLCompiler, connection: Any) -> SqlParams:
        sql, params = compiler.compile(self.expression)
        return f"{sql} {'DESC' if self.descending else 'ASC'}", params

    def reverse_ordering(self) -> OrderBy:
        return OrderBy(self.expression, not self.descending)

    def signature(self) -> Hashable | None:
        inner = super().signature()
        return None if inner is None else (inner, self.descending)


class Random(Expression):
    """``RANDOM()``, for ``order_by("?")``."""

    def as_sql(self, compiler: SQLCompiler, connection: Any) -> SqlParams:
        return connection.ops.random_function_sql(), []

    def get_group_by_cols(self) -> list[Expression]:
        return []

    def signature(self) -> Hashable | None:
        return ("Random",)


def _parse(value: Any) -> Any:
    """Turn a bare field name into ``F(name)``; keep expressions as they are."""
    if isinstance(value, str):
        return F(value)
    return value
