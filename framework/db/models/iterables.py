"""Turn result rows into model instances, dicts or tuples.

``ModelIterable`` is the hot path: it builds instances with ``Model.from_db``,
which fills ``__dict__`` from the row directly; related rows from
``select_related`` are attached to the instance's relation cache.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from framework.db.models.sql.compiler import CURSOR, MULTI, RowInfo

if TYPE_CHECKING:
    from framework.db.models.query import QuerySet


class BaseIterable:
    """Iterate a QuerySet's rows in some shape."""

    def __init__(self, queryset: QuerySet[Any], chunked_fetch: bool = False) -> None:
        self.queryset = queryset
        self.chunked_fetch = chunked_fetch

    def _rows(self, compiler: Any) -> Iterator[Any]:
        if self.chunked_fetch:
            for chunk in compiler.execute_sql(CURSOR):
                yield from chunk
        else:
            yield from compiler.execute_sql(MULTI)

    def __iter__(self) -> Iterator[Any]:
        raise NotImplementedError


def _build(info: RowInfo, db: str, row: Any) -> Any:
    values = row[info.start : info.end]
    obj = info.model.from_db(db, info.attnames, values)
    for field, sub in info.related:
        pk_index = sub.attnames.index(sub.model._meta.pk.attname)
        related = (
            None if values_at(row, sub, pk_index) is None else _build(sub, db, row)
        )
        obj._state.fields_cache[field.name] = related
    return obj


def values_at(row: Any, info: RowInfo, index: int) -> Any:
    return row[info.start + index]


class ModelIterable(BaseIterable):
    """Yield model instances (annotations become attributes)."""

    def __iter__(self) -> Iterator[Any]:
        queryset = self.queryset
        db = queryset.db
        compiler = queryset.query.get_compiler(using=db)
        rows = self._rows(compiler)
        first = next(rows, None)
        if first is None:
            return
        info = compiler.klass_info
        if info is None:
            raise RuntimeError("A model query compiled without model columns.")
        annotations = [
            (index, alias)
            for index, (_, alias) in enumerate(compiler.select)
            if alias is not None
        ]
        from_db = info.model.from_db
        attnames, start, end = info.attnames, info.start, info.end
        simple = not info.related and not annotations and start == 0
        for row in _chain(first, rows):
            if simple:
                yield from_db(db, attnames, row if len(row) == end else row[:end])
                continue
            obj = _build(info, db, row)
            for index, alias in annotations:
                setattr(obj, alias, row[index])
            yield obj


def _chain(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    yield first
    yield from rest


def _names(queryset: QuerySet[Any]) -> list[str]:
    query = queryset.query
    fields = [n for n in query.values_select if n not in query.annotations]
    return [*fields, *query.annotation_select]


def _reorder(queryset: QuerySet[Any]) -> list[int] | None:
    # The SELECT lists fields before annotations; values() keeps the user order.
    names = _names(queryset)
    wanted = list(queryset.query.values_select) or names
    if wanted == names:
        return None
    return [names.index(n) for n in wanted]


class ValuesIterable(BaseIterable):
    """Yield a dict per row (``values()``)."""

    def __iter__(self) -> Iterator[dict[str, Any]]:
        queryset = self.queryset
        compiler = queryset.query.get_compiler(using=queryset.db)
        names = _names(queryset)
        for row in self._rows(compiler):
            yield dict(zip(names, row, strict=False))


class ValuesListIterable(BaseIterable):
    """Yield a tuple per row (``values_list()``)."""

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        queryset = self.queryset
        compiler = queryset.query.get_compiler(using=queryset.db)
        order = _reorder(queryset)
        for row in self._rows(compiler):
            yield tuple(row) if order is None else tuple(row[i] for i in order)


class NamedValuesListIterable(ValuesListIterable):
    """Yield a named tuple per row (``values_list(named=True)``)."""

    def __iter__(self) -> Iterator[Any]:
        names = list(self.queryset.query.values_select) or _names(self.queryset)
        row_class = namedtuple("Row", names)  # type: ignore[misc]
        for row in super().__iter__():
            yield row_class(*row)


class FlatValuesListIterable(BaseIterable):
    """Yield the single selected value per row (``values_list(flat=True)``)."""

    def __iter__(self) -> Iterator[Any]:
        queryset = self.queryset
        compiler = queryset.query.get_compiler(using=queryset.db)
        for row in self._rows(compiler):
            yield row[0]
