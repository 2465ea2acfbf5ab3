"""INSERT, UPDATE, DELETE and aggregate statements built from a ``Query``.

UPDATE and DELETE filter by the query's WHERE; when that WHERE needs joins they
match rows with ``pk IN (SELECT pk ...)`` because neither statement joins
portably. Aggregates over sliced, distinct or grouped queries wrap the query in
a subquery.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from framework.core.exceptions import FieldError
from framework.db.models.aggregates import Count
from framework.db.models.expressions import Col, Ref
from framework.db.models.sql.compiler import SINGLE, SQLCompiler, get_connection
from framework.db.models.sql.query import Query


def _returning(connection: Any, columns: Sequence[str]) -> str:
    return connection.ops.return_insert_columns_sql(columns) if columns else ""


def insert_sql(
    connection: Any,
    model: Any,
    fields: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    returning: Sequence[Any] = (),
) -> tuple[str, list[Any]]:
    """Return a multi-row INSERT of ``rows`` (values already DB-prepared)."""
    qn = connection.ops.quote_name
    table = qn(model._meta.db_table)
    tail = _returning(connection, [f.column for f in returning])
    if not fields:
        sql = f"INSERT INTO {table} DEFAULT VALUES {tail}".strip()
        return sql, []
    columns = ", ".join(qn(f.column) for f in fields)
    marks = "(" + ", ".join(["%s"] * len(fields)) + ")"
    values = ", ".join([marks] * len(rows))
    params = [value for row in rows for value in row]
    sql = f"INSERT INTO {table} ({columns}) VALUES {values} {tail}".strip()
    return sql, params


def execute_insert(
    connection: Any,
    model: Any,
    fields: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    returning: Sequence[Any] = (),
) -> list[Any]:
    """Run an INSERT; return the RETURNING rows (converted) when asked."""
    if not fields and len(rows) > 1:
        results: list[Any] = []
        for row in rows:
            results.extend(execute_insert(connection, model, fields, [row], returning))
        return results
    sql, params = insert_sql(connection, model, fields, rows, returning)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        if not returning:
            return []
        fetched = cursor.fetchall()
    converters = [f.get_db_converters(connection) for f in returning]
    result = []
    for row in fetched:
        values = list(row)
        for index, funcs in enumerate(converters):
            for func in funcs:
                values[index] = func(values[index])
        result.append(values)
    return result


def _where_for_write(compiler: SQLCompiler, query: Query) -> tuple[str, list[Any]]:
    """Return the WHERE clause of an UPDATE/DELETE (subquery when joined)."""
    if len(query.alias_map) <= 1:
        sql, params = compiler.compile(query.where)
        return (f" WHERE {sql}" if sql else ""), params
    inner = query.clone()
    pk = query.get_meta().pk
    inner.select = (Col(inner.get_initial_alias(), pk),)
    inner.default_cols = False
    inner.clear_ordering()
    inner_sql, params = SQLCompiler(inner, compiler.connection).as_sql()
    qn = compiler.quote_name
    base = qn(query.get_initial_alias())
    return f" WHERE {base}.{qn(pk.column)} IN ({inner_sql})", params


def execute_update(
    query: Query, values: Sequence[tuple[Any, Any]], using: str | None
) -> int:
    """Run ``UPDATE ... SET`` for ``(field, value)`` pairs; return rows matched."""
    connection = get_connection(using)
    compiler = SQLCompiler(query, connection)
    qn = compiler.quote_name
    assignments, params = [], []
    for field, value in values:
        if hasattr(value, "resolve_expression"):
            expr = value.resolve_expression(query, allow_joins=False)
            if expr.contains_aggregate:
                raise FieldError(
                    f"Aggregates are not allowed in update() ({field.name})."
                )
            sql, p = compiler.compile(expr)
        else:
            if hasattr(value, "_meta") and field.is_relation:
                value = value.pk
            sql, p = "%s", [field.get_db_prep_save(value, connection)]
        assignments.append(f"{qn(field.column)} = {sql}")
        params.extend(p)
    where_sql, where_params = _where_for_write(compiler, query)
    table = qn(query.get_meta().db_table)
    statement = f"UPDATE {table} SET {', '.join(assignments)}{where_sql}"
    with connection.cursor() as cursor:
        cursor.execute(statement, [*params, *where_params])
        return int(cursor.rowcount)


def execute_delete(query: Query, using: str | None) -> int:
    """Run ``DELETE FROM`` for the rows the query matches; return the count."""
    connection = get_connection(using)
    compiler = SQLCompiler(query, connection)
    where_sql, params = _where_for_write(compiler, query)
    table = compiler.quote_name(query.get_meta().db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}{where_sql}", params)
        return int(cursor.rowcount)


def _needs_subquery(query: Query) -> bool:
    return (
        query.is_sliced
        or query.distinct
        or query.group_by is not None
        or query.has_aggregate_annotations
    )


def get_aggregation(
    query: Query, aggregates: dict[str, Any], using: str | None
) -> dict[str, Any]:
    """Compute ``aggregates`` over the rows of ``query`` in one SELECT."""
    if not aggregates:
        return {}
    connection = get_connection(using)
    if _needs_subquery(query):
        return _wrapped_aggregation(query, aggregates, connection)
    outer = query.clone()
    outer.select, outer.default_cols = (), False
    outer.select_related = False
    outer.clear_ordering()
    outer.annotation_mask = ()
    for alias, aggregate in aggregates.items():
        outer.add_annotation(alias, aggregate, summary=True)
    compiler = SQLCompiler(outer, connection)
    row = compiler.execute_sql(SINGLE)
    return dict(zip(aggregates, row or [None] * len(aggregates), strict=True))


def _wrapped_aggregation(
    query: Query, aggregates: dict[str, Any], connection: Any
) -> dict[str, Any]:
    inner = query.clone()
    inner.select_related = False
    if not inner.is_sliced:
        inner.clear_ordering()
    outer_parts, params = [], []
    inner_compiler = SQLCompiler(inner, connection)
    resolved = {}
    for alias, aggregate in aggregates.items():
        resolved[alias] = aggregate.resolve_expression(inner)
    for alias, expr in resolved.items():
        source = expr.get_source_expressions()[0]
        if isinstance(source, Ref):
            inner_name = source.refs
        elif isinstance(source, Col):
            inner_name = f"__col_{alias}"
            inner.annotations[inner_name] = source
            if inner.annotation_mask is not None:
                inner.annotation_mask = (*inner.annotation_mask, inner_name)
        else:
            inner_name = None
        expr.set_source_expressions([_OuterColumn(inner_name)])
        sql, p = inner_compiler.compile(expr)
        outer_parts.append(f"{sql} AS {inner_compiler.quote_name(alias)}")
        params.extend(p)
    inner_sql, inner_params = SQLCompiler(inner, connection).as_sql()
    sql = f"SELECT {', '.join(outer_parts)} FROM ({inner_sql}) subquery"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *inner_params])
        row = cursor.fetchone()
    values = list(row) if row else [None] * len(aggregates)
    result = {}
    for (alias, expr), value in zip(resolved.items(), values, strict=True):
        for func in expr.get_db_converters(connection):
            value = func(value)
        result[alias] = value
    return result


class _OuterColumn:
    """A column of the wrapping subquery (``subquery."alias"``), or ``*``."""

    contains_aggregate = False
    output_field = None

    def __init__(self, name: str | None) -> None:
        self.name = name

    def as_sql(self, compiler: SQLCompiler, connection: Any) -> tuple[str, list[Any]]:
        if self.name is None:
            return "*", []
        return f"subquery.{compiler.quote_name(self.name)}", []

    def get_group_by_cols(self) -> list[Any]:
        return []


def get_count(query: Query, using: str | None) -> int:
    """Return how many rows ``query`` matches."""
    connection = get_connection(using)
    if query.is_empty():
        return 0
    if _needs_subquery(query) or query.values_select:
        inner = query.clone()
        inner.select_related = False
        if not inner.is_sliced:
            inner.clear_ordering()
        inner_sql, params = SQLCompiler(inner, connection).as_sql()
        sql = f"SELECT COUNT(*) FROM ({inner_sql}) subquery"
    else:
        outer = query.clone()
        outer.select, outer.default_cols = (), False
        outer.select_related = False
        outer.clear_ordering()
        outer.annotations = {"__count": Count().resolve_expression(outer)}
        outer.annotation_mask = None
        sql, params = SQLCompiler(outer, connection).as_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return int(row[0]) if row else 0
