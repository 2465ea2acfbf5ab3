"""``QuerySet``: a lazy, chainable, cacheable query over one model.

Chaining methods (``filter``, ``order_by`` ...) return a new QuerySet with a
cloned ``Query``; nothing runs until the QuerySet is iterated, sliced with a
step, ``len()``-ed or a terminal method (``get``, ``count``, ``exists``...) is
called. Results are cached on the QuerySet after the first evaluation.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, ClassVar, Generic, TypeVar, overload

from framework.core.exceptions import FieldError
from framework.db import DEFAULT_DB_ALIAS, IntegrityError, connections, transaction
from framework.db.models.bulk import bulk_insert, bulk_update
from framework.db.models.constants import LOOKUP_SEP
from framework.db.models.deletion import Collector
from framework.db.models.expressions import Col
from framework.db.models.iterables import (
    BaseIterable,
    FlatValuesListIterable,
    ModelIterable,
    NamedValuesListIterable,
    ValuesIterable,
    ValuesListIterable,
)
from framework.db.models.prefetch import prefetch_related_objects
from framework.db.models.query_async import AsyncQuerySetMixin
from framework.db.models.query_utils import Q
from framework.db.models.sql import subqueries
from framework.db.models.sql.compiler import SINGLE
from framework.db.models.sql.query import Query
from framework.db.models.sql.where import OR, WhereNode

_M = TypeVar("_M")
# How many rows get() fetches to report "returned N" without loading them all.
MAX_GET_RESULTS = 21
# How many objects repr() shows.
REPR_OUTPUT_SIZE = 20


class QuerySet(AsyncQuerySetMixin, Generic[_M]):
    """A lazy database lookup for a set of objects."""

    # Set by framework.db.models.manager, which builds on this class.
    manager_base: ClassVar[Any] = None

    def __init__(
        self,
        model: Any = None,
        query: Query | None = None,
        using: str | None = None,
        hints: dict[str, Any] | None = None,
    ) -> None:
        self.model = model
        self._db = using
        self.query = query if query is not None else Query(model)
        self._result_cache: list[Any] | None = None
        self._iterable_class: type[BaseIterable] = ModelIterable
        self._fields: tuple[str, ...] | None = None
        self._prefetch_related_lookups: tuple[Any, ...] = ()
        self._prefetch_done = False

    # -- plumbing -------------------------------------------------------------
    @property
    def db(self) -> str:
        return self._db or DEFAULT_DB_ALIAS

    def _chain(self) -> QuerySet[_M]:
        clone = type(self).__new__(type(self))
        clone.__dict__.update(self.__dict__)
        clone.query = self.query.chain()
        clone._result_cache = None
        clone._prefetch_done = False
        return clone

    def _fetch_all(self) -> None:
        if self._result_cache is None:
            self._result_cache = list(self._iterable_class(self))
        if self._prefetch_related_lookups and not self._prefetch_done:
            prefetch_related_objects(
                self._result_cache, *self._prefetch_related_lookups
            )
            self._prefetch_done = True

    def _not_sliced(self, action: str) -> None:
        if self.query.is_sliced:
            raise TypeError(f"Cannot {action} a query once a slice has been taken.")

    def __iter__(self) -> Iterator[_M]:
        self._fetch_all()
        return iter(self._result_cache or [])

    def __len__(self) -> int:
        self._fetch_all()
        return len(self._result_cache or [])

    def __bool__(self) -> bool:
        self._fetch_all()
        return bool(self._result_cache)

    def __repr__(self) -> str:
        data: list[Any] = list(self[: REPR_OUTPUT_SIZE + 1])
        if len(data) > REPR_OUTPUT_SIZE:
            data[-1] = "...(remaining elements truncated)..."
        return f"<{type(self).__name__} {data!r}>"

    def __deepcopy__(self, memo: dict[int, Any]) -> QuerySet[_M]:
        clone = self._chain()
        memo[id(self)] = clone
        return clone

    def __getstate__(self) -> dict[str, Any]:
        self._fetch_all()
        return self.__dict__

    @overload
    def __getitem__(self, key: int) -> _M: ...

    @overload
    def __getitem__(self, key: slice) -> QuerySet[_M] | list[_M]: ...

    def __getitem__(self, key: int | slice) -> Any:
        """Index or slice; unevaluated slices become LIMIT/OFFSET."""
        if not isinstance(key, int | slice):
            raise TypeError(
                f"QuerySet indices must be integers or slices, not {key!r}."
            )
        if (isinstance(key, int) and key < 0) or (
            isinstance(key, slice)
            and ((key.start or 0) < 0 or (key.stop is not None and key.stop < 0))
        ):
            raise ValueError("Negative indexing is not supported.")
        if self._result_cache is not None:
            return self._result_cache[key]
        clone = self._chain()
        if isinstance(key, slice):
            clone.query.set_limits(key.start, key.stop)
            if key.step:
                return list(clone)[:: key.step]
            return clone
        clone.query.set_limits(key, key + 1)
        clone._fetch_all()
        if not clone._result_cache:
            raise IndexError("QuerySet index out of range.")
        return clone._result_cache[0]

    def __and__(self, other: QuerySet[_M]) -> QuerySet[_M]:
        self._merge_check(other)
        combined = self._chain()
        combined.query.where.add(other.query.where.clone())
        combined.query.alias_map.update(other.query.alias_map)
        return combined

    def __or__(self, other: QuerySet[_M]) -> QuerySet[_M]:
        self._merge_check(other)
        combined = self._chain()
        combined.query.where = WhereNode(
            [self.query.where.clone(), other.query.where.clone()], OR
        )
        combined.query.alias_map.update(other.query.alias_map)
        return combined

    def _merge_check(self, other: QuerySet[Any]) -> None:
        if other.model is not self.model:
            raise TypeError("Cannot combine QuerySets of different models.")
        self._not_sliced("combine")
        other._not_sliced("combine")

    # -- chaining -------------------------------------------------------------
    def all(self) -> QuerySet[_M]:
        return self._chain()

    def filter(self, *args: Any, **kwargs: Any) -> QuerySet[_M]:
        """Keep rows matching every condition (``Q`` objects and lookups)."""
        return self._filter_or_exclude(False, args, kwargs)

    def exclude(self, *args: Any, **kwargs: Any) -> QuerySet[_M]:
        """Drop rows matching all the conditions."""
        return self._filter_or_exclude(True, args, kwargs)

    def _filter_or_exclude(
        self, negate: bool, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> QuerySet[_M]:
        if args or kwargs:
            self._not_sliced("filter")
        clone = self._chain()
        for arg in args:
            if not isinstance(arg, Q):
                raise TypeError(
                    f"filter() positional arguments must be Q objects, not {arg!r}."
                )
        condition = Q(*args, **kwargs)
        if condition.children:
            clone.query.add_q(~condition if negate else condition)
        return clone

    def complex_filter(self, filter_obj: Q | dict[str, Any]) -> QuerySet[_M]:
        if isinstance(filter_obj, Q):
            return self.filter(filter_obj)
        return self.filter(**filter_obj)

    def none(self) -> QuerySet[_M]:
        """Return an empty QuerySet that never queries the database."""
        clone = self._chain()
        clone.query.set_empty()
        return clone

    def order_by(self, *fields: Any) -> QuerySet[_M]:
        """Replace the ordering: ``"name"``, ``"-created"``, ``"?"``, ``F(...)``."""
        self._not_sliced("reorder")
        clone = self._chain()
        # order_by() with no fields also drops Meta.ordering.
        clone.query.clear_ordering(force_empty=not fields)
        clone.query.add_ordering(*fields)
        return clone

    def reverse(self) -> QuerySet[_M]:
        self._not_sliced("reverse")
        clone = self._chain()
        clone.query.standard_ordering = not clone.query.standard_ordering
        return clone

    def distinct(self, *fields: str) -> QuerySet[_M]:
        if fields:
            raise NotImplementedError(
                "distinct(*fields) (DISTINCT ON) is not supported."
            )
        self._not_sliced("make distinct")
        clone = self._chain()
        clone.query.distinct = True
        return clone

    def select_related(self, *fields: str) -> QuerySet[_M]:
        """Fetch forward foreign keys in the same query (JOINs)."""
        if self._fields is not None:
            raise TypeError("Cannot call select_related() after values().")
        clone = self._chain()
        if fields == (None,):  # type: ignore[comparison-overlap]
            clone.query.select_related = False
        elif not fields:
            clone.query.select_related = True
        else:
            tree = clone.query.select_related
            tree = tree if isinstance(tree, dict) else {}
            for name in fields:
                node = tree
                for part in name.split(LOOKUP_SEP):
                    node = node.setdefault(part, {})
            clone.query.select_related = tree
        return clone

    def prefetch_related(self, *lookups: Any) -> QuerySet[_M]:
        """Fetch related sets with one extra query per relation."""
        clone = self._chain()
        if lookups == (None,):
            clone._prefetch_related_lookups = ()
        else:
            clone._prefetch_related_lookups = (
                *self._prefetch_related_lookups,
                *lookups,
            )
        return clone

    def annotate(self, *args: Any, **kwargs: Any) -> QuerySet[_M]:
        """Add a computed value per row (aggregates group by the row)."""
        self._not_sliced("annotate")
        clone = self._chain()
        for arg in args:
            kwargs.setdefault(arg.default_alias, arg)
        for alias, expression in kwargs.items():
            clone.query.add_annotation(alias, expression)
        if clone._fields is not None and clone.query.has_aggregate_annotations:
            clone.query.group_by = clone.query.select
        return clone

    def defer(self, *fields: str) -> QuerySet[_M]:
        """Skip loading ``fields`` until they are accessed."""
        clone = self._chain()
        if fields == (None,):  # type: ignore[comparison-overlap]
            clone.query.deferred = (frozenset(), True)
        else:
            clone.query.add_deferred(fields, defer=True)
        return clone

    def only(self, *fields: str) -> QuerySet[_M]:
        """Load only ``fields`` (and the primary key) now."""
        clone = self._chain()
        clone.query.add_deferred(fields, defer=False)
        return clone

    def using(self, alias: str) -> QuerySet[_M]:
        clone = self._chain()
        clone._db = alias
        return clone

    def select_for_update(
        self, nowait: bool = False, skip_locked: bool = False
    ) -> QuerySet[_M]:
        """Lock the selected rows until the transaction ends (PostgreSQL)."""
        clone = self._chain()
        clone.query.select_for_update = True
        clone.query.select_for_update_nowait = nowait
        clone.query.select_for_update_skip_locked = skip_locked
        return clone

    def values(self, *fields: str, **expressions: Any) -> QuerySet[Any]:
        """Return dicts instead of instances."""
        clone = self._values(fields, expressions)
        clone._iterable_class = ValuesIterable
        return clone

    def values_list(
        self, *fields: str, flat: bool = False, named: bool = False
    ) -> QuerySet[Any]:
        """Return tuples (or single values with ``flat=True``)."""
        if flat and named:
            raise TypeError("values_list() takes flat=True or named=True, not both.")
        if flat and len(fields) > 1:
            raise TypeError("values_list(flat=True) needs exactly one field.")
        clone = self._values(fields, {})
        if flat:
            clone._iterable_class = FlatValuesListIterable
        elif named:
            clone._iterable_class = NamedValuesListIterable
        else:
            clone._iterable_class = ValuesListIterable
        return clone

    def _values(
        self, fields: Sequence[str], expressions: dict[str, Any]
    ) -> QuerySet[Any]:
        clone: QuerySet[Any] = self._chain()
        for alias, expression in expressions.items():
            clone.query.add_annotation(alias, expression)
        names = [*fields, *expressions]
        clone._fields = tuple(names)
        clone.query.set_values(names)
        return clone

    # -- terminal methods --------------------------------------------------------
    def iterator(self, chunk_size: int | None = None) -> Iterator[_M]:
        """Stream rows in chunks without filling the result cache."""
        if self._prefetch_related_lookups and chunk_size is None:
            yield from iter(self)
            return
        yield from self._iterable_class(self, chunked_fetch=True)

    def count(self) -> int:
        if self._result_cache is not None:
            return len(self._result_cache)
        return subqueries.get_count(self.query, self.db)

    def exists(self) -> bool:
        if self._result_cache is not None:
            return bool(self._result_cache)
        if self.query.is_empty():
            return False
        query = self.query.clone()
        query.select = (Col(query.get_initial_alias(), query.get_meta().pk),)
        query.default_cols = False
        query.annotation_mask = ()
        query.select_related = False
        query.clear_ordering()
        query.set_limits(high=1)
        return query.get_compiler(using=self.db).execute_sql(SINGLE) is not None

    def aggregate(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """Return a dict of aggregate values over the whole QuerySet."""
        for arg in args:
            kwargs.setdefault(arg.default_alias, arg)
        for alias, aggregate in kwargs.items():
            if not getattr(aggregate, "contains_aggregate", False):
                raise TypeError(
                    f"{alias}={aggregate!r} is not an aggregate expression."
                )
            if not alias.isidentifier():
                raise ValueError(f"Aggregate alias {alias!r} must be an identifier.")
        return subqueries.get_aggregation(self.query, kwargs, self.db)

    def get(self, *args: Any, **kwargs: Any) -> _M:
        """Return the one matching object, else DoesNotExist/MultipleObjectsReturned."""
        clone = self.filter(*args, **kwargs) if args or kwargs else self._chain()
        if not clone.query.is_sliced:
            clone.query.clear_ordering()
            clone.query.set_limits(high=MAX_GET_RESULTS)
        clone._fetch_all()
        results = clone._result_cache or []
        if len(results) == 1:
            return results[0]  # type: ignore[no-any-return]
        name = self.model._meta.object_name
        if not results:
            raise self.model.DoesNotExist(f"{name} matching query does not exist.")
        more = "more than " if len(results) == MAX_GET_RESULTS else ""
        raise self.model.MultipleObjectsReturned(
            f"get() returned more than one {name} -- it returned {more}{len(results)}!"
        )

    def create(self, **kwargs: Any) -> _M:
        obj = self.model(**kwargs)
        obj.save(force_insert=True, using=self.db)
        return obj  # type: ignore[no-any-return]

    def get_or_create(
        self, defaults: dict[str, Any] | None = None, **kwargs: Any
    ) -> tuple[_M, bool]:
        """Get the object matching ``kwargs`` or create it (with ``defaults``)."""
        try:
            return self.get(**kwargs), False
        except self.model.DoesNotExist:
            params = self._create_params(kwargs, defaults)
            try:
                with transaction.atomic(using=self.db):
                    return self.create(**params), True
            except IntegrityError:
                try:
                    return self.get(**kwargs), False
                except self.model.DoesNotExist:
                    pass
                raise

    def update_or_create(
        self,
        defaults: dict[str, Any] | None = None,
        create_defaults: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> tuple[_M, bool]:
        """Update the object matching ``kwargs`` with ``defaults``, or create it."""
        defaults = defaults or {}
        with transaction.atomic(using=self.db):
            obj, created = self.select_for_update().get_or_create(
                create_defaults if create_defaults is not None else defaults, **kwargs
            )
            if created:
                return obj, True
            for name, value in defaults.items():
                setattr(obj, name, value() if callable(value) else value)
            update_fields = {self.model._meta.get_field(name).name for name in defaults}
            for field in self.model._meta.concrete_fields:
                if getattr(field, "auto_now", False):
                    update_fields.add(field.name)
            obj.save(using=self.db, update_fields=update_fields or None)  # type: ignore[attr-defined]
        return obj, False

    def _create_params(
        self, lookup: dict[str, Any], defaults: dict[str, Any] | None
    ) -> dict[str, Any]:
        params = {k: v for k, v in lookup.items() if LOOKUP_SEP not in k}
        for name, value in (defaults or {}).items():
            params[name] = value() if callable(value) else value
        meta = self.model._meta
        for name in params:
            if (
                meta.get_field_or_none(name) is None
                and meta.get_field_by_attname(name) is None
            ):
                raise FieldError(
                    f"Invalid field name {name!r} in get_or_create() defaults. "
                    f"Choices are: {', '.join(sorted(meta.query_names()))}."
                )
        return params

    def first(self) -> _M | None:
        ordered = self if self.ordered else self.order_by("pk")
        for obj in ordered[:1]:
            return obj
        return None

    def last(self) -> _M | None:
        ordered = self.reverse() if self.ordered else self.order_by("-pk")
        for obj in ordered[:1]:
            return obj
        return None

    def earliest(self, *fields: str) -> _M:
        return self._latest(fields, reverse=False)

    def latest(self, *fields: str) -> _M:
        return self._latest(fields, reverse=True)

    def _latest(self, fields: Sequence[str], reverse: bool) -> _M:
        order = list(fields) or _as_list(self.model._meta.get_latest_by)
        if not order:
            raise ValueError("Pass field names or set Meta.get_latest_by.")
        if reverse:
            order = [n[1:] if n.startswith("-") else f"-{n}" for n in order]
        clone = self._chain()
        clone.query.clear_ordering(force_empty=True)
        clone.query.add_ordering(*order)
        clone.query.set_limits(high=1)
        return clone.get()

    def in_bulk(
        self, id_list: Iterable[Any] | None = None, *, field_name: str = "pk"
    ) -> dict[Any, _M]:
        """Return ``{value: object}`` for ``id_list`` (or every object)."""
        self._not_sliced("use in_bulk() on")
        meta = self.model._meta
        if field_name != "pk" and not meta.get_field(field_name).unique:
            raise ValueError(
                f"in_bulk()'s field_name must be unique; {field_name!r} is not."
            )
        attname = (
            meta.pk.attname
            if field_name == "pk"
            else meta.get_field(field_name).attname
        )
        if id_list is not None:
            ids = list(id_list)
            if not ids:
                return {}
            objs = list(self.filter(**{f"{field_name}__in": ids}).order_by())
        else:
            objs = list(self._chain())
        return {getattr(obj, attname): obj for obj in objs}

    def delete(self) -> tuple[int, dict[str, int]]:
        """Delete matching rows, cascading in Python; return counts per model."""
        self._not_sliced("delete")
        if self._fields is not None:
            raise TypeError("Cannot call delete() after values() or values_list().")
        collector = Collector(using=self.db)
        delete_qs = self._chain()
        delete_qs.query.select_related = False
        delete_qs.query.clear_ordering()
        collector.collect(list(delete_qs))
        return collector.delete()

    delete.queryset_only = True  # type: ignore[attr-defined]

    def _raw_delete(self, using: str) -> int:
        return subqueries.execute_delete(self.query, using)

    def update(self, **kwargs: Any) -> int:
        """Update matching rows with values or ``F()`` expressions; return the count."""
        self._not_sliced("update")
        if not kwargs:
            raise TypeError("update() needs at least one field=value.")
        meta = self.model._meta
        values = []
        for name, value in kwargs.items():
            field = meta.get_field_or_none(name) or meta.get_field_by_attname(name)
            if field is None or not field.concrete or field.many_to_many:
                raise FieldError(
                    f"Cannot update {meta.object_name}.{name}: not a concrete field. "
                    f"Choices are: {', '.join(f.name for f in meta.concrete_fields)}."
                )
            values.append((field, value))
        query = self.query.clone()
        query.clear_ordering()
        with transaction.mark_for_rollback_on_error(using=self.db):
            rows = subqueries.execute_update(query, values, self.db)
        self._result_cache = None
        return rows

    def bulk_create(
        self,
        objs: Iterable[_M],
        batch_size: int | None = None,
        ignore_conflicts: bool = False,
    ) -> list[_M]:
        """Insert many objects in few queries; set their primary keys."""
        objs = list(objs)
        if not objs:
            return objs
        if ignore_conflicts:
            raise NotImplementedError(
                "bulk_create(ignore_conflicts=True) is not supported."
            )
        bulk_insert(self.model, objs, self.db, batch_size)
        return objs

    def bulk_update(
        self, objs: Iterable[_M], fields: Sequence[str], batch_size: int | None = None
    ) -> int:
        """Update ``fields`` of many saved objects with CASE expressions."""
        return bulk_update(self.model, list(objs), fields, self.db, batch_size)

    # -- introspection -----------------------------------------------------------
    @property
    def ordered(self) -> bool:
        """Whether the results come in a defined order."""
        query = self.query
        return bool(
            query.order_by or (query.default_ordering and query.get_meta().ordering)
        )

    def explain(self) -> str:
        sql, params = self.query.get_compiler(using=self.db).as_sql()
        with connections[self.db].cursor() as cursor:
            cursor.execute(f"EXPLAIN {sql}", params)
            return "\n".join(" ".join(str(c) for c in row) for row in cursor.fetchall())

    @classmethod
    def as_manager(cls) -> Any:
        """Return a Manager whose methods include this QuerySet's."""
        # manager.py registers BaseManager here (it imports this module).
        manager = cls.manager_base.from_queryset(cls)()
        manager._built_with_as_manager = True
        return manager

    as_manager.queryset_only = True  # type: ignore[attr-defined]


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


class EmptyQuerySet:
    """Marker: ``isinstance(qs, EmptyQuerySet)`` is true for ``qs.none()``."""

    def __init__(self) -> None:
        raise TypeError("EmptyQuerySet can't be instantiated; use .none().")
