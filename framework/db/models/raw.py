"""``Manager.raw()``: run hand-written SQL and get model instances back.

Columns are matched to fields by column name (or through ``translations``);
columns that match no field become attributes. Parameters go through the
driver, never into the SQL text.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from framework.core.exceptions import FieldDoesNotExist
from framework.db import DEFAULT_DB_ALIAS, connections


class RawQuerySet:
    """Iterate the rows of raw SQL as instances of ``model``."""

    def __init__(
        self,
        raw_query: str,
        model: Any,
        params: Sequence[Any] | Mapping[str, Any] = (),
        translations: Mapping[str, str] | None = None,
        using: str | None = None,
    ) -> None:
        self.raw_query = raw_query
        self.model = model
        self.params = params
        self.translations = dict(translations or {})
        self._db = using
        self._result_cache: list[Any] | None = None

    @property
    def db(self) -> str:
        return self._db or DEFAULT_DB_ALIAS

    def __repr__(self) -> str:
        return f"<RawQuerySet: {self.raw_query}>"

    def using(self, alias: str) -> RawQuerySet:
        return RawQuerySet(
            self.raw_query, self.model, self.params, self.translations, alias
        )

    def __iter__(self) -> Iterator[Any]:
        if self._result_cache is None:
            self._result_cache = list(self._iterate())
        return iter(self._result_cache)

    def __len__(self) -> int:
        return len(list(iter(self)))

    def __getitem__(self, index: int) -> Any:
        return list(iter(self))[index]

    def _iterate(self) -> Iterator[Any]:
        connection = connections[self.db]
        meta = self.model._meta
        by_column = {f.column: f for f in meta.concrete_fields}
        with connection.cursor() as cursor:
            params = self.params
            cursor.execute(
                self.raw_query, dict(params) if isinstance(params, Mapping) else params
            )
            columns = [self.translations.get(d[0], d[0]) for d in cursor.description]
            rows = cursor.fetchall()
        if meta.pk.column not in columns:
            raise FieldDoesNotExist(
                f"Raw query must include the primary key column {meta.pk.column!r}."
            )
        fields = [by_column.get(c) for c in columns]
        converters = [
            f.get_db_converters(connection) if f is not None else [] for f in fields
        ]
        attnames = [f.attname for f in fields if f is not None]
        for row in rows:
            values, extra = [], {}
            for column, field, funcs, value in zip(
                columns, fields, converters, row, strict=True
            ):
                for func in funcs:
                    value = func(value)
                if field is None:
                    extra[column] = value
                else:
                    values.append(value)
            obj = self.model.from_db(self.db, attnames, values)
            for name, value in extra.items():
                setattr(obj, name, value)
            yield obj
