"""Render a ``Query`` into SQL with parameters, and run it.

One compiler renders every node (``compile(node)`` calls ``node.as_sql``), so
quoting and parameter order live in one place. SELECT SQL for repeated query
shapes is cached: the key is the query's structural ``signature()`` (values
excluded), and a hit only re-collects the WHERE parameters.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from framework.core.exceptions import FieldError
from framework.db import DEFAULT_DB_ALIAS, connections
from framework.db.models.expressions import Col

if TYPE_CHECKING:
    from framework.db.models.sql.query import Query

MULTI = "multi"
SINGLE = "single"
CURSOR = "cursor"
# Rows fetched per round trip by iterator().
CHUNK_SIZE = 2000
# Compiled SELECTs kept per process; cleared wholesale when full.
_CACHE_LIMIT = 4096
_SQL_CACHE: dict[Hashable, tuple[str, list[Any], RowInfo | None, Any]] = {}


def get_connection(using: str | None) -> Any:
    return connections[using or DEFAULT_DB_ALIAS]


def clear_sql_cache() -> None:
    """Forget compiled SQL (tests that redefine models call this)."""
    _SQL_CACHE.clear()


@dataclass
class RowInfo:
    """Where one model's columns sit in a result row (select_related nests)."""

    model: Any
    attnames: tuple[str, ...]
    start: int
    end: int
    related: list[tuple[Any, RowInfo]] = field(default_factory=list)


class SQLCompiler:
    """Render and execute a SELECT for one query on one connection."""

    def __init__(self, query: Query, connection: Any) -> None:
        self.query = query
        self.connection = connection
        self._quoted: dict[str, str] = {}
        self.select: list[tuple[Any, str | None]] = []
        self.klass_info: RowInfo | None = None
        self.converters: list[tuple[int, list[Callable[..., Any]]]] = []

    # -- helpers -------------------------------------------------------------
    def quote_name(self, name: str) -> str:
        quoted = self._quoted.get(name)
        if quoted is None:
            quoted = self._quoted[name] = self.connection.ops.quote_name(name)
        return quoted

    def compile(self, node: Any) -> tuple[str, list[Any]]:
        sql, params = node.as_sql(self, self.connection)
        return sql, list(params)

    # -- SELECT list -----------------------------------------------------------
    def setup_select(self) -> None:
        query = self.query
        columns: list[tuple[Any, str | None]] = []
        if query.default_cols:
            self.klass_info = self._model_columns(
                query.model, query.get_initial_alias(), query.loaded_fields(), columns
            )
            if query.select_related:
                self._add_related(
                    query.select_related,
                    query.model,
                    self.klass_info,
                    query.get_initial_alias(),
                    columns,
                    depth=0,
                )
        else:
            columns.extend((col, None) for col in query.select)
        for alias, annotation in query.annotation_select.items():
            columns.append((annotation, alias))
        self.select = columns

    def _model_columns(
        self,
        model: Any,
        alias: str,
        fields: list[Any],
        out: list[tuple[Any, str | None]],
    ) -> RowInfo:
        start = len(out)
        out.extend((Col(alias, f), None) for f in fields)
        return RowInfo(model, tuple(f.attname for f in fields), start, len(out))

    def _add_related(
        self,
        wanted: bool | dict[str, Any],
        model: Any,
        info: RowInfo,
        alias: str,
        out: list[tuple[Any, str | None]],
        depth: int,
    ) -> None:
        opts = model._meta
        candidates = [
            f for f in opts.concrete_fields if f.is_relation and not f.many_to_many
        ]
        if wanted is True:
            if depth >= 5:
                return
            chosen = {f.name: True for f in candidates if not f.null}
        else:
            chosen = dict(wanted) if isinstance(wanted, dict) else {}
        valid = {f.name: f for f in candidates}
        for name, nested in chosen.items():
            rel_field = valid.get(name)
            if rel_field is None:
                raise FieldError(
                    f"Invalid field name {name!r} in select_related(). Choices "
                    f"are: {', '.join(sorted(valid)) or '(none)'}."
                )
            (hop,) = rel_field.get_path_info()
            rel_alias = self.query.join(alias, hop, self.query._alias_nullable(alias))
            rel_model = rel_field.related_model
            sub = self._model_columns(
                rel_model, rel_alias, rel_model._meta.concrete_fields, out
            )
            info.related.append((rel_field, sub))
            if nested:
                self._add_related(nested, rel_model, sub, rel_alias, out, depth + 1)

    # -- clauses -------------------------------------------------------------
    def get_group_by(self, order_by: list[Any]) -> list[Any]:
        query = self.query
        if query.group_by is None and not query.has_aggregate_annotations:
            return []
        exprs: list[Any] = []
        for expr, _ in self.select:
            exprs.extend(expr.get_group_by_cols())
        for node in order_by:
            exprs.extend(node.expression.get_group_by_cols())
        seen: dict[str, Any] = {}
        for expr in exprs:
            sql, params = self.compile(expr)
            seen.setdefault(sql + repr(params), expr)
        return list(seen.values())

    def get_from_clause(self) -> tuple[list[str], list[Any]]:
        parts, params = [], []
        self.query.get_initial_alias()
        for entry in self.query.alias_map.values():
            sql, p = entry.as_sql(self, self.connection)
            parts.append(sql)
            params.extend(p)
        return parts, params

    # -- rendering -------------------------------------------------------------
    def as_sql(self, with_limits: bool = True) -> tuple[str, list[Any]]:
        """Return ``(sql, params)`` for the SELECT, from the cache when possible."""
        query = self.query
        signature = query.signature()
        key = None
        if signature is not None:
            key = (self.connection.vendor, with_limits, signature)
            cached = _SQL_CACHE.get(key)
            if cached is not None:
                sql, select, self.klass_info, self.converters = cached
                self.select = select
                return sql, query.where.rhs_params_all(self.connection)
        sql, params = self._render(with_limits)
        if key is not None:
            if len(_SQL_CACHE) >= _CACHE_LIMIT:
                _SQL_CACHE.clear()
            _SQL_CACHE[key] = (sql, self.select, self.klass_info, self.get_converters())
        return sql, params

    def _render(self, with_limits: bool) -> tuple[str, list[Any]]:
        query = self.query
        ops = self.connection.ops
        self.setup_select()
        order_by = query.resolve_ordering()
        select_sql, params = [], []
        for expr, alias in self.select:
            sql, p = self.compile(expr)
            select_sql.append(f"{sql} AS {self.quote_name(alias)}" if alias else sql)
            params.extend(p)
        where_sql, where_params = self.compile(query.where)
        having_sql, having_params = self.compile(query.having)
        group_by = self.get_group_by(order_by)
        from_parts, from_params = self.get_from_clause()
        distinct = f"{ops.distinct_sql()} " if query.distinct else ""
        parts = [f"SELECT {distinct}{', '.join(select_sql) or '*'}"]
        parts.append("FROM " + " ".join(from_parts))
        params.extend(from_params)
        if where_sql:
            parts.append(f"WHERE {where_sql}")
            params.extend(where_params)
        if group_by:
            group_sql = []
            for expr in group_by:
                sql, p = self.compile(expr)
                group_sql.append(sql)
                params.extend(p)
            parts.append("GROUP BY " + ", ".join(group_sql))
        if having_sql:
            parts.append(f"HAVING {having_sql}")
            params.extend(having_params)
        if order_by:
            order_sql = []
            for node in order_by:
                sql, p = self.compile(node)
                order_sql.append(sql)
                params.extend(p)
            parts.append("ORDER BY " + ", ".join(order_sql))
        if with_limits and query.is_sliced:
            limit = (
                None if query.high_mark is None else query.high_mark - query.low_mark
            )
            parts.append(ops.limit_offset_sql(limit, query.low_mark or None))
        if query.select_for_update:
            clause = ops.for_update_sql(
                nowait=query.select_for_update_nowait,
                skip_locked=query.select_for_update_skip_locked,
            )
            if clause:
                parts.append(clause)
        return " ".join(p for p in parts if p), params

    # -- execution -------------------------------------------------------------
    def get_converters(self) -> list[tuple[int, list[Callable[..., Any]]]]:
        result = []
        for index, (expr, _) in enumerate(self.select):
            converters = expr.get_db_converters(self.connection)
            if converters:
                result.append((index, converters))
        self.converters = result
        return result

    def apply_converters(self, rows: list[Any]) -> list[Any]:
        converters = self.converters
        if not converters:
            return rows
        converted = []
        for row in rows:
            values = list(row)
            for index, funcs in converters:
                value = values[index]
                for func in funcs:
                    value = func(value)
                values[index] = value
            converted.append(values)
        return converted

    def execute_sql(self, result_type: str = MULTI) -> Any:
        """Run the SELECT: all rows (MULTI), the first row (SINGLE) or chunks."""
        sql, params = self.as_sql()
        if not self.converters and self.select:
            self.get_converters()
        if result_type == CURSOR:
            return self._chunks(sql, params)
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            if result_type == SINGLE:
                row = cursor.fetchone()
                return None if row is None else self.apply_converters([row])[0]
            return self.apply_converters(cursor.fetchall())

    def _chunks(self, sql: str, params: list[Any]) -> Iterator[list[Any]]:
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(CHUNK_SIZE):
                yield self.apply_converters(rows)

    def results_iter(self) -> list[Any]:
        return list(self.execute_sql(MULTI))
