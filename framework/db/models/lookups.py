"""Lookups (``field__gt=3``) and transforms (``created__year=2024``).

A lookup compares a resolved left-hand side with a value or expression and
renders a boolean SQL condition; backend differences (LIKE escaping, regex,
date extraction) come from ``connection.ops``. Fields register the lookups they
support (bottom of this module), so ``get_lookup(name)`` is a dict access.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from framework.db.models import fields as f
from framework.db.models.expressions import Expression, SqlParams
from framework.db.models.fields.base import Field

if TYPE_CHECKING:
    from framework.db.models.sql.compiler import SQLCompiler

# A condition that is never true (``x IN ()`` is not valid SQL).
FALSE_SQL = "1 = 0"


def _is_expression(value: Any) -> bool:
    return hasattr(value, "as_sql")


class Lookup(Expression):
    """Base comparison: ``lhs <operator> rhs``."""

    lookup_name: ClassVar[str] = ""
    operator: ClassVar[str] = ""
    is_transform: ClassVar[bool] = False
    # Whether the value goes through the field's get_prep_value().
    prepare_rhs: ClassVar[bool] = True

    def __init__(self, lhs: Any, rhs: Any) -> None:
        super().__init__(f.BooleanField())
        self.lhs, self.rhs = lhs, rhs
        self.rhs = self.get_prep_lookup()
        self.contains_aggregate = getattr(lhs, "contains_aggregate", False) or getattr(
            rhs, "contains_aggregate", False
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.lhs!r}, {self.rhs!r})"

    def get_source_expressions(self) -> list[Any]:
        if _is_expression(self.rhs):
            return [self.lhs, self.rhs]
        return [self.lhs]

    @property
    def lhs_field(self) -> Field[Any]:
        return self.lhs.output_field  # type: ignore[no-any-return]

    def get_prep_lookup(self) -> Any:
        if _is_expression(self.rhs) or not self.prepare_rhs:
            return self.rhs
        return self.lhs_field.get_prep_value(self.rhs)

    def rhs_params(self, connection: Any) -> list[Any]:
        """Return the parameters the right-hand side sends (values only)."""
        return [self.lhs_field.get_db_prep_value(self.rhs, connection, prepared=True)]

    def process_rhs(self, compiler: SQLCompiler, connection: Any) -> SqlParams:
        if _is_expression(self.rhs):
            return compiler.compile(self.rhs)
        return "%s", self.rhs_params(connection)

    def as_sql(self, compiler: SQLCompiler, connection: Any) -> SqlParams:
        lhs_sql, lhs_params = compiler.compile(self.lhs)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs_sql} {self.operator} {rhs_sql}", [*lhs_params, *rhs_params]

    def get_group_by_cols(self) -> list[Expression]:
        return self.lhs.get_group_by_cols()  # type: ignore[no-any-return]

    def signature(self) -> Hashable | None:
        lhs = self.lhs.signature()
        if lhs is None or _is_expression(self.rhs):
            return None
        return (type(self).__name__, lhs, self.rhs_shape())

    def rhs_shape(self) -> Hashable:
        """Return what about the value changes the SQL text (usually nothing)."""
        return None


class Exact(Lookup):
    lookup_name = "exact"
    operator = "="


class GreaterThan(Lookup):
    lookup_name = "gt"
    operator = ">"


class GreaterThanOrEqual(Lookup):
    lookup_name = "gte"
    operator = ">="


class LessThan(Lookup):
    lookup_name = "lt"
    operator = "<"


class LessThanOrEqual(Lookup):
    lookup_name = "lte"
    operator = "<="


class IsNull(Lookup):
    lookup_name = "isnull"
    prepare_rhs = False

    def __init__(self, lhs: Any, rhs: Any) -> None:
        if not isinstance(rhs, bool):
            raise ValueError(f"The __isnull lookup takes True or False, not {rhs!r}.")
        super().__init__(lhs, rhs)

    def as_sql(self, compiler: SQLCompiler, connection: Any) -> SqlParams:
        sql, params = compiler.compile(self.lhs)
        return f"{sql} IS {'' if self.rhs else 'NOT '}NULL", params

    def rhs_params(self, connection: Any) -> list[Any]:
        return []

    def rhs_shape(self) -> Hashable:
        return bool(self.rhs)


class In(Lookup):
    lookup_name = "in"

    def get_prep_lookup(self) -> Any:
        if _is_expression(self.rhs):
            return self.rhs
        if isinstance(self.rhs, str) or not isinstance(self.rhs, Iterable):
            raise TypeError(
                f"The __in lookup takes a list of values, not {self.rhs!r}."
            )
        field = self.lhs_field
        prepped = (field.get_prep_value(v) for v in self.rhs if v is not None)
        return list(dict.fromkeys(prepped))

    def rhs_params(self, connection: Any) -> list[Any]:
        field = self.lhs_field
        return [field.get_db_prep_value(v, connection, prepared=True) for v in self.rhs]

    def as_sql(self, compiler: SQLCompiler, connection: Any) -> SqlParams:
        lhs_sql, lhs_params = compiler.compile(self.lhs)
        if _is_expression(self.rhs):
            rhs_sql, rhs_params = compiler.compile(self.rhs)
            return f"{lhs_sql} IN ({rhs_sql})", [*lhs_params, *rhs_params]
        if not self.rhs:
            return FALSE_SQL, []
        marks = ", ".join(["%s"] * len(self.rhs))
        return f"{lhs_sql} IN ({marks})", [*lhs_params, *self.rhs_params(connection)]

    def rhs_shape(self) -> Hashable:
        return len(self.rhs)


class Range(Lookup):
    lookup_name = "range"

    def get_prep_lookup(self) -> Any:
        try:
            low, high = self.rhs
        except (TypeError, ValueError):
            raise TypeError(
                f"The __range lookup takes (low, high), not {self.rhs!r}."
            ) from None
        field = self.lhs_field
        return [field.get_prep_value(low), field.get_prep_value(high)]

    def rhs_params(self, connection: Any) -> list[Any]:
        field = self.lhs_field
        return [field.get_db_prep_value(v, connection, prepared=True) for v in self.rhs]

    def as_sql(self, compiler: SQLCompiler, connection: Any) -> SqlParams:
        lhs_sql, lhs_params = compiler.compile(self.lhs)
        return f"{lhs_sql} BETWEEN %s AND %s", [
            *lhs_params,
            *self.rhs_params(connection),
        ]


class PatternLookup(Lookup):
    """LIKE-style lookups; the backend escapes wildcards in the value."""

    def get_prep_lookup(self) -> Any:
        if _is_expression(self.rhs):
            raise TypeError(
                f"The __{self.lookup_name} lookup compares with a value, not an "
                "expression."
            )
        return self.rhs

    def rhs_params(self, connection: Any) -> list[Any]:
        return [connection.ops.prep_pattern(self.lookup_name, str(self.rhs))]

    def as_sql(self, compiler: SQLCompiler, connection: Any) -> SqlParams:
        lhs_sql, lhs_params = compiler.compile(self.lhs)
        sql = connection.ops.pattern_lookup_sql(self.lookup_name, lhs_sql)
        return sql, [*lhs_params, *self.rhs_params(connection)]


class IExact(PatternLookup):
    lookup_name = "iexact"


class Contains(PatternLookup):
    lookup_name = "contains"


class IContains(PatternLookup):
    lookup_name = "icontains"


class StartsWith(PatternLookup):
    lookup_name = "startswith"


class IStartsWith(PatternLookup):
    lookup_name = "istartswith"


class EndsWith(PatternLookup):
    lookup_name = "endswith"


class IEndsWith(PatternLookup):
    lookup_name = "iendswith"


class Regex(Lookup):
    lookup_name = "regex"
    prepare_rhs = False

    def rhs_params(self, connection: Any) -> list[Any]:
        return [str(self.rhs)]

    def as_sql(self, compiler: SQLCompiler, connection: Any) -> SqlParams:
        lhs_sql, lhs_params = compiler.compile(self.lhs)
        sql = connection.ops.regex_lookup_sql(self.lookup_name, lhs_sql)
        return sql, [*lhs_params, *self.rhs_params(connection)]


class IRegex(Regex):
    lookup_name = "iregex"


class Transform(Expression):
    """Change the left-hand side before comparing: ``created__year``."""

    lookup_name: ClassVar[str] = ""
    is_transform: ClassVar[bool] = True
    output_field_class: ClassVar[type[Field[Any]]] = f.IntegerField

    def __init__(self, lhs: Any) -> None:
        super().__init__(self.output_field_class())
        self.lhs = lhs

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.lhs!r})"

    def get_source_expressions(self) -> list[Any]:
        return [self.lhs]

    def set_source_expressions(self, exprs: Any) -> None:
        (self.lhs,) = exprs

    def signature(self) -> Hashable | None:
        inner = self.lhs.signature()
        return None if inner is None else (type(self).__name__, inner)


class Extract(Transform):
    """Extract a date or time part as an integer."""

    def as_sql(self, compiler: SQLCompiler, connection: Any) -> SqlParams:
        sql, params = compiler.compile(self.lhs)
        return connection.ops.date_extract_sql(self.lookup_name, sql), params


class ExtractYear(Extract):
    lookup_name = "year"


class ExtractMonth(Extract):
    lookup_name = "month"


class ExtractDay(Extract):
    lookup_name = "day"


class ExtractWeekDay(Extract):
    lookup_name = "week_day"


class ExtractHour(Extract):
    lookup_name = "hour"


class ExtractMinute(Extract):
    lookup_name = "minute"


class ExtractSecond(Extract):
    lookup_name = "second"


class TruncDate(Transform):
    """Cast a date-time to its date: ``created__date=date(2024, 1, 2)``."""

    lookup_name = "date"
    output_field_class = f.DateField

    def as_sql(self, compiler: SQLCompiler, connection: Any) -> SqlParams:
        sql, params = compiler.compile(self.lhs)
        return connection.ops.datetime_cast_date_sql(sql), params


_COMPARISONS: list[type[Lookup]] = [
    Exact, IExact, GreaterThan, GreaterThanOrEqual, LessThan, LessThanOrEqual,
    In, Range, IsNull, Contains, IContains, StartsWith, IStartsWith, EndsWith,
    IEndsWith, Regex, IRegex,
]  # fmt: skip
for _lookup in _COMPARISONS:
    Field.register_lookup(_lookup)
_DATE_PARTS: list[type[Transform]] = [
    ExtractYear,
    ExtractMonth,
    ExtractDay,
    ExtractWeekDay,
]
_TIME_PARTS: list[type[Transform]] = [ExtractHour, ExtractMinute, ExtractSecond]
for _transform in _DATE_PARTS:
    f.DateField.register_lookup(_transform)
for _transform in [*_TIME_PARTS, TruncDate]:
    f.DateTimeField.register_lookup(_transform)
for _transform in _TIME_PARTS:
    f.TimeField.register_lookup(_transform)
