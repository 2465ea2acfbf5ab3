"""``Query``: the structure of one SELECT, built by QuerySet methods.

A Query holds tables and joins, the WHERE tree, selected columns, annotations,
ordering and limits -- all as nodes that reference validated model metadata.
Every name from user code (``filter(author__name=...)``, ``order_by("-x")``)
is resolved here against ``_meta``; unknown names raise ``FieldError`` listing
the valid choices, so nothing unvalidated reaches SQL. Rendering is the
compiler's job (``sql/compiler.py``).
"""

from __future__ import annotations

import copy
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from framework.core.exceptions import FieldError
from framework.db.models.constants import LOOKUP_SEP
from framework.db.models.expressions import Col, F, OrderBy, Random, Ref
from framework.db.models.lookups import Exact, IsNull, Lookup
from framework.db.models.query_utils import Q
from framework.db.models.sql.compiler import SQLCompiler, get_connection
from framework.db.models.sql.datastructures import INNER, LOUTER, BaseTable, Join
from framework.db.models.sql.where import AND, NothingNode, WhereNode


@dataclass(frozen=True)
class PathInfo:
    """One hop across a relation: the table reached and how it is joined."""

    to_opts: Any
    join_cols: tuple[tuple[str, str], ...]
    nullable: bool
    multi: bool
    name: str


@dataclass
class _Path:
    """Where a lookup path led: the final field, its hops, and what remains."""

    field: Any
    hops: list[PathInfo]
    remaining: list[str]
    trimmed: bool  # the last relation is compared through the local FK column


def _choices(opts: Any) -> str:
    return ", ".join(sorted(opts.query_names()))


class Query:
    """The description of a SELECT over ``model``."""

    def __init__(self, model: Any) -> None:
        self.model = model
        self.alias_map: dict[str, BaseTable | Join] = {}
        self.where = WhereNode()
        self.having = WhereNode()
        self.annotations: dict[str, Any] = {}
        self.annotation_mask: tuple[str, ...] | None = None
        self.values_select: tuple[str, ...] = ()
        self.select: tuple[Any, ...] = ()
        self.default_cols = True
        self.deferred: tuple[frozenset[str], bool] = (frozenset(), True)
        self.order_by: tuple[Any, ...] = ()
        self.default_ordering = True
        self.standard_ordering = True
        self.distinct = False
        self.low_mark = 0
        self.high_mark: int | None = None
        self.select_related: bool | dict[str, Any] = False
        self.group_by: tuple[Any, ...] | None = None
        self.select_for_update = False
        self.select_for_update_nowait = False
        self.select_for_update_skip_locked = False

    # -- copying -----------------------------------------------------------
    def clone(self) -> Query:
        obj = copy.copy(self)
        obj.alias_map = dict(self.alias_map)
        obj.where = self.where.clone()
        obj.having = self.having.clone()
        obj.annotations = dict(self.annotations)
        if isinstance(self.select_related, dict):
            obj.select_related = copy.deepcopy(self.select_related)
        return obj

    def chain(self) -> Query:
        return self.clone()

    def get_meta(self) -> Any:
        return self.model._meta

    # -- tables and joins --------------------------------------------------
    def get_initial_alias(self) -> str:
        if not self.alias_map:
            table = self.get_meta().db_table
            self.alias_map[table] = BaseTable(table, table)
        return next(iter(self.alias_map))

    @property
    def base_alias(self) -> str:
        return self.get_initial_alias()

    def join(self, parent_alias: str, hop: PathInfo, parent_nullable: bool) -> str:
        """Return the alias joining ``hop`` from ``parent_alias``, reusing one."""
        path = (parent_alias, hop.name)
        for alias, existing in self.alias_map.items():
            if isinstance(existing, Join) and existing.path == path:
                return alias
        table = hop.to_opts.db_table
        alias = table if table not in self.alias_map else f"T{len(self.alias_map) + 1}"
        outer = hop.nullable or hop.multi or parent_nullable
        self.alias_map[alias] = Join(
            table_name=table,
            parent_alias=parent_alias,
            table_alias=alias,
            join_type=LOUTER if outer else INNER,
            join_cols=hop.join_cols,
            nullable=outer,
            path=path,
        )
        return alias

    def _alias_nullable(self, alias: str) -> bool:
        entry = self.alias_map.get(alias)
        return isinstance(entry, Join) and entry.nullable

    # -- name resolution ---------------------------------------------------
    def names_to_path(self, names: Sequence[str], opts: Any = None) -> _Path:
        """Walk ``names`` through fields and relations without adding joins."""
        opts = opts or self.get_meta()
        hops: list[PathInfo] = []
        field: Any = None
        for index, raw in enumerate(names):
            name = opts.pk.name if raw == "pk" else raw
            candidate = opts.get_field_or_none(name)
            if candidate is None:
                if field is None:
                    raise FieldError(
                        f"Cannot resolve keyword {raw!r} into field of "
                        f"{opts.object_name}. Choices are: {_choices(opts)}."
                    )
                return _Path(field, hops, list(names[index:]), False)
            field = candidate
            if not field.is_relation:
                continue
            rest = names[index + 1 :]
            related_opts = field.related_model._meta
            follows = bool(rest) and (
                rest[0] == "pk" or related_opts.get_field_or_none(rest[0]) is not None
            )
            if field.concrete and not field.many_to_many:
                # Forward FK: compare the local column unless a field follows.
                target = field.target_field.name
                if not follows or (
                    rest[0] in ("pk", target)
                    and (
                        len(rest) == 1
                        or related_opts.get_field_or_none(rest[1]) is None
                    )
                ):
                    return _Path(field, hops, list(rest[1:] if follows else rest), True)
            hops.extend(field.get_path_info())
            if not follows:
                return _Path(field, hops, list(rest), False)
            opts = related_opts
        return _Path(field, hops, [], False)

    def setup_joins(
        self, names: Sequence[str], allow_joins: bool = True
    ) -> tuple[Any, Col, list[str], bool]:
        """Join along ``names``; return (field, column, leftover names, multi)."""
        path = self.names_to_path(names)
        if path.hops and not allow_joins:
            raise FieldError(
                f"Joined field references are not permitted here: "
                f"{LOOKUP_SEP.join(names)!r}."
            )
        alias = self.get_initial_alias()
        for hop in path.hops:
            alias = self.join(alias, hop, self._alias_nullable(alias))
        field = path.field
        if path.trimmed or not field.is_relation:
            col = Col(alias, field)
        else:
            opts = path.hops[-1].to_opts
            col = Col(alias, opts.pk)
        multi = any(hop.multi for hop in path.hops)
        return field, col, path.remaining, multi

    def resolve_ref(self, name: str, allow_joins: bool = True) -> Any:
        """Resolve ``F(name)``: an annotation or a (possibly joined) column."""
        if name in self.annotations:
            return Ref(name, self.annotations[name])
        names = name.split(LOOKUP_SEP)
        if names[0] in self.annotations:
            raise FieldError(f"Cannot follow annotation {names[0]!r} with lookups.")
        _, col, remaining, _ = self.setup_joins(names, allow_joins)
        if remaining:
            raise FieldError(
                f"Cannot resolve {name!r}: {remaining[0]!r} is not a field of "
                f"{col.target.model._meta.object_name if col.target.model else '?'}."
            )
        return col

    # -- filters -----------------------------------------------------------
    def add_q(self, q: Q) -> None:
        """AND the conditions of ``q`` into WHERE (or HAVING for aggregates)."""
        node = self._build_q(q, negated=False)
        if node.contains_aggregate:
            self.having.add(node)
        else:
            self.where.add(node)

    def _build_q(self, q: Q, negated: bool) -> WhereNode:
        branch_negated = negated ^ q.negated
        node = WhereNode(connector=q.connector, negated=q.negated)
        for child in q.children:
            if isinstance(child, Q):
                node.children.append(self._build_q(child, branch_negated))
            else:
                key, value = child
                node.children.append(self.build_filter(key, value, branch_negated))
        aggregates = {getattr(c, "contains_aggregate", False) for c in node.children}
        if len(aggregates) > 1 and node.connector != AND:
            raise FieldError(
                "Cannot OR a condition on an aggregate annotation with a plain "
                "field condition; filter them in separate filter() calls."
            )
        return node

    def build_filter(self, key: str, value: Any, negated: bool = False) -> Any:
        """Turn ``("author__name__startswith", "A")`` into a lookup node."""
        names = key.split(LOOKUP_SEP)
        value = self.resolve_lookup_value(value)
        if names[0] in self.annotations:
            lhs: Any = Ref(names[0], self.annotations[names[0]])
            return self.build_lookup(names[1:], lhs, value)
        path = self.names_to_path(names)
        if negated and any(hop.multi for hop in path.hops):
            return self.split_exclude(key, value)
        field, col, remaining, _ = self.setup_joins(names)
        if field.is_relation:
            value = _related_value(value)
        condition = self.build_lookup(remaining, col, value)
        if negated and self._may_be_null(col) and not isinstance(condition, IsNull):
            # NOT (x = 1) is NULL, not true, for NULL x; keep those rows.
            return WhereNode([condition, IsNull(col, False)], AND)
        return condition

    def _may_be_null(self, col: Col) -> bool:
        return bool(col.target.null) or self._alias_nullable(col.alias)

    def resolve_lookup_value(self, value: Any) -> Any:
        """Resolve F()/expressions; turn a QuerySet into a subquery."""
        if hasattr(value, "resolve_expression"):
            return value.resolve_expression(self)
        query = getattr(value, "query", None)
        if isinstance(query, Query):
            return query.as_subquery()
        return value

    def build_lookup(self, names: list[str], lhs: Any, value: Any) -> Any:
        """Apply transforms then the final lookup (``exact`` by default)."""
        *transforms, last = names or ["exact"]
        for name in transforms:
            lhs = self._transform(lhs, name)
        field = lhs.output_field
        lookup_class = field.get_lookup(last)
        if lookup_class is None:
            if field.get_transform(last) is not None:
                lhs = self._transform(lhs, last)
                lookup_class = Exact
            else:
                raise FieldError(
                    f"Unsupported lookup {last!r} for {type(field).__name__}. "
                    f"Choices are: {', '.join(field.lookup_names())}."
                )
        if value is None:
            if lookup_class is not Exact:
                raise ValueError(
                    f"Cannot use None with the __{last} lookup; use __isnull=True."
                )
            return IsNull(lhs, True)
        lookup: Lookup = lookup_class(lhs, value)
        return lookup

    def _transform(self, lhs: Any, name: str) -> Any:
        field = lhs.output_field
        transform = field.get_transform(name)
        if transform is None:
            raise FieldError(
                f"Unsupported lookup {name!r} for {type(field).__name__}. "
                f"Choices are: {', '.join(field.lookup_names())}."
            )
        return transform(lhs)

    def split_exclude(self, key: str, value: Any) -> Any:
        """Exclude across a multi-valued relation with ``pk IN (subquery)``.

        ``exclude(tags__name="x")`` must drop objects having *any* such tag, which
        a join cannot express; the subquery finds them instead.
        """
        inner = Query(self.model)
        inner.add_q(Q((key, value)))
        pk = self.get_meta().pk
        inner.select = (Col(inner.get_initial_alias(), pk),)
        inner.default_cols = False
        inner.default_ordering = False
        from_pk = Col(self.get_initial_alias(), pk)
        return _InSubquery(from_pk, inner)

    def set_empty(self) -> None:
        self.where.add(NothingNode())

    def is_empty(self) -> bool:
        return self.where.is_nothing()

    # -- limits, ordering, distinct ------------------------------------------
    def set_limits(self, low: int | None = None, high: int | None = None) -> None:
        """Narrow the current slice (slices of slices compose)."""
        if high is not None:
            if self.high_mark is not None:
                self.high_mark = min(self.high_mark, self.low_mark + high)
            else:
                self.high_mark = self.low_mark + high
        if low is not None:
            if self.high_mark is not None:
                self.low_mark = min(self.high_mark, self.low_mark + low)
            else:
                self.low_mark = self.low_mark + low

    def clear_limits(self) -> None:
        self.low_mark, self.high_mark = 0, None

    @property
    def is_sliced(self) -> bool:
        return self.low_mark != 0 or self.high_mark is not None

    def add_ordering(self, *items: Any) -> None:
        """Append ORDER BY terms, validating names now so typos fail early."""
        for item in items:
            if isinstance(item, str):
                self.check_order_name(item)
            elif not hasattr(item, "resolve_expression"):
                raise FieldError(
                    f"order_by() takes field names or expressions, not {item!r}."
                )
        self.order_by = (*self.order_by, *items)

    def check_order_name(self, item: str) -> None:
        if item == "?":
            return
        name = item.removeprefix("-")
        if name in self.annotations:
            return
        path = self.names_to_path(name.split(LOOKUP_SEP))
        if path.remaining:
            raise FieldError(
                f"Cannot order by {item!r}: {path.remaining[0]!r} is not a field."
            )

    def clear_ordering(self, force_empty: bool = True) -> None:
        self.order_by = ()
        if force_empty:
            self.default_ordering = False

    def resolve_ordering(self) -> list[OrderBy]:
        """Return ORDER BY nodes, with Meta.ordering and reverse() applied."""
        items: Iterable[Any] = self.order_by
        # Meta.ordering would add columns to a values().annotate() GROUP BY.
        if not items and self.default_ordering and self.group_by is None:
            items = self.get_meta().ordering
        result = [self._order_node(item) for item in items]
        if not self.standard_ordering:
            result = [node.reverse_ordering() for node in result]
        return result

    def _order_node(self, item: Any) -> OrderBy:
        if isinstance(item, OrderBy):
            return OrderBy(_resolve(item.expression, self), item.descending)
        if not isinstance(item, str):
            return OrderBy(_resolve(item, self))
        if item == "?":
            return OrderBy(Random())
        descending = item.startswith("-")
        name = item.removeprefix("-")
        if name in self.annotations:
            return OrderBy(Ref(name, self.annotations[name]), descending)
        _, col, _, _ = self.setup_joins(name.split(LOOKUP_SEP))
        return OrderBy(col, descending)

    # -- annotations, values, deferral -----------------------------------------
    def add_annotation(
        self, alias: str, expression: Any, summary: bool = False
    ) -> None:
        """Add ``alias = expression`` to the SELECT, validating the alias.

        ``summary`` aliases (aggregate() results, e.g. ``views__sum``) may
        contain ``__`` because nothing refers to them in lookups.
        """
        if not alias.isidentifier() or (LOOKUP_SEP in alias and not summary):
            raise ValueError(
                f"Annotation alias {alias!r} must be a Python identifier without '__'."
            )
        if self.get_meta().get_field_or_none(alias) is not None:
            raise ValueError(
                f"The annotation {alias!r} conflicts with a field on "
                f"{self.get_meta().object_name}; pick another alias."
            )
        self.annotations[alias] = expression.resolve_expression(self)
        if self.annotation_mask is not None:
            self.annotation_mask = (*self.annotation_mask, alias)

    @property
    def annotation_select(self) -> dict[str, Any]:
        if self.annotation_mask is None:
            return self.annotations
        return {k: v for k, v in self.annotations.items() if k in self.annotation_mask}

    @property
    def has_aggregate_annotations(self) -> bool:
        return any(a.contains_aggregate for a in self.annotation_select.values())

    def set_values(self, names: Sequence[str]) -> None:
        """Select ``names`` (fields, related paths or annotations) for values()."""
        self.select_related = False
        self.default_cols = False
        if not names:
            names = [f.attname for f in self.get_meta().concrete_fields]
            names += list(self.annotations)
        field_names = [n for n in names if n not in self.annotations]
        self.annotation_mask = tuple(n for n in names if n in self.annotations)
        self.values_select = tuple(names)
        self.select = tuple(self.resolve_select_name(n) for n in field_names)
        if self.has_aggregate_annotations or self.group_by is not None:
            self.group_by = self.select

    def resolve_select_name(self, name: str) -> Col:
        meta = self.get_meta()
        field = meta.get_field_by_attname(name)
        if field is not None:
            return Col(self.get_initial_alias(), field)
        _, col, remaining, _ = self.setup_joins(name.split(LOOKUP_SEP))
        if remaining:
            raise FieldError(
                f"Cannot resolve {name!r} into a field. Choices are: {_choices(meta)}."
            )
        return col

    def add_deferred(self, names: Iterable[str], defer: bool) -> None:
        """Record ``defer(*names)`` (defer=True) or ``only(*names)``."""
        names = frozenset(names)
        meta = self.get_meta()
        for name in names:
            if meta.get_field_or_none(name.split(LOOKUP_SEP)[0]) is None:
                raise FieldError(
                    f"Cannot defer/load {name!r}: {meta.object_name} has no such "
                    f"field. Choices are: {_choices(meta)}."
                )
        current, current_defer = self.deferred
        if defer:
            self.deferred = (
                (current | names, True) if current_defer else (current - names, False)
            )
        else:
            self.deferred = (names, False)

    def loaded_fields(self) -> list[Any]:
        """Return the concrete fields a model row loads (pk always included)."""
        names, defer = self.deferred
        fields = self.get_meta().concrete_fields
        if defer:
            return [f for f in fields if f.name not in names and f.attname not in names]
        return [
            f for f in fields if f.primary_key or f.name in names or f.attname in names
        ]

    # -- compiling -----------------------------------------------------------------
    def get_compiler(
        self, using: str | None = None, connection: Any = None
    ) -> SQLCompiler:
        """Return the compiler rendering this query for a connection."""
        if connection is None:
            connection = get_connection(using)
        return SQLCompiler(self, connection)

    def as_subquery(self) -> Query:
        """Return a copy selecting one column, for ``x__in=queryset``."""
        query = self.clone()
        if not query.select and not query.annotation_select:
            query.select = (Col(query.get_initial_alias(), query.get_meta().pk),)
        query.default_cols = False
        query.clear_ordering(force_empty=not query.is_sliced)
        return query

    def as_sql(self, compiler: SQLCompiler, connection: Any) -> tuple[str, list[Any]]:
        inner = type(compiler)(self, connection)
        return inner.as_sql()

    def signature(self) -> Hashable | None:
        """Return everything that decides the SQL text, or None (uncachable)."""
        where = self.where.signature()
        if where is None or self.having or self.annotations or self.group_by:
            return None
        order: list[Any] = []
        for item in self.order_by or ():
            if not isinstance(item, str):
                return None
            order.append(item)
        select = tuple(c.signature() for c in self.select)
        return (
            self.model, tuple(a.identity() for a in self.alias_map.values()), where,
            select, self.values_select, self.default_cols, self.deferred,
            tuple(order), self.default_ordering, self.standard_ordering,
            self.distinct, self.low_mark, self.high_mark,
            repr(self.select_related), self.select_for_update,
            self.select_for_update_nowait, self.select_for_update_skip_locked,
        )  # fmt: skip

    def __str__(self) -> str:
        sql, params = self.get_compiler().as_sql()
        return sql % tuple(repr(p) for p in params)


class _InSubquery(Lookup):
    """``col IN (SELECT ...)`` used by split_exclude()."""

    lookup_name = "in"
    prepare_rhs = False

    def as_sql(self, compiler: SQLCompiler, connection: Any) -> tuple[str, list[Any]]:
        lhs_sql, lhs_params = compiler.compile(self.lhs)
        rhs_sql, rhs_params = compiler.compile(self.rhs)
        return f"{lhs_sql} IN ({rhs_sql})", [*lhs_params, *rhs_params]

    def signature(self) -> Hashable | None:
        return None


def _resolve(expr: Any, query: Query) -> Any:
    if isinstance(expr, str):
        expr = F(expr)
    return expr.resolve_expression(query)


def _related_value(value: Any) -> Any:
    """Compare related objects by primary key: ``filter(author=some_author)``."""
    meta = getattr(value, "_meta", None)
    if meta is not None and not isinstance(value, type):
        return value.pk
    if isinstance(value, list | tuple | set | frozenset):
        return [_related_value(v) for v in value]
    return value


__all__ = ["PathInfo", "Query"]
