"""``bulk_create`` and ``bulk_update``: many rows in few statements.

Rows are batched to stay under the backend's parameter limit
(``connection.ops.bulk_batch_size``). ``bulk_update`` sets each column with one
``CASE pk WHEN ... THEN ...`` expression per batch.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from framework.core.exceptions import FieldError
from framework.db import connections, transaction
from framework.db.models.query_utils import Q
from framework.db.models.sql.compiler import SQLCompiler
from framework.db.models.sql.query import Query
from framework.db.models.sql.subqueries import execute_insert


def _batches(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    return [items[i : i + size] for i in range(0, len(items), max(size, 1))]


def bulk_insert(
    model: Any, objs: list[Any], using: str, batch_size: int | None
) -> None:
    """Insert ``objs``; fill in database-generated primary keys."""
    connection = connections[using]
    meta = model._meta
    for obj in objs:
        obj._prepare_related_fields_for_save("bulk_create")
    with_pk = [o for o in objs if o.pk is not None]
    without_pk = [o for o in objs if o.pk is None]
    with transaction.atomic(using=using, savepoint=False):
        if with_pk:
            _insert_group(
                connection, model, meta.concrete_fields, with_pk, [], batch_size
            )
        if without_pk:
            fields = [f for f in meta.concrete_fields if f is not meta.pk]
            returning = [meta.pk] if _is_auto(meta.pk) else []
            if not returning:
                fields = meta.concrete_fields
            _insert_group(connection, model, fields, without_pk, returning, batch_size)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = using


def _is_auto(field: Any) -> bool:
    return field.get_internal_type() in ("AutoField", "BigAutoField", "SmallAutoField")


def _insert_group(
    connection: Any,
    model: Any,
    fields: list[Any],
    objs: list[Any],
    returning: list[Any],
    batch_size: int | None,
) -> None:
    size = connection.ops.bulk_batch_size(max(len(fields), 1), len(objs))
    if batch_size:
        size = min(size, batch_size)
    for batch in _batches(objs, size):
        rows = [
            [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
            for obj in batch
        ]
        results = execute_insert(connection, model, fields, rows, returning)
        for obj, result in zip(batch, results, strict=False):
            for field, value in zip(returning, result, strict=True):
                setattr(obj, field.attname, value)


def bulk_update(
    model: Any,
    objs: list[Any],
    field_names: Sequence[str],
    using: str,
    batch_size: int | None,
) -> int:
    """Update ``field_names`` of saved ``objs``; return the rows matched."""
    if not field_names:
        raise ValueError("bulk_update() needs the names of the fields to update.")
    meta = model._meta
    fields = []
    for name in field_names:
        field = meta.get_field_or_none(name)
        if (
            field is None
            or not field.concrete
            or field.many_to_many
            or field.primary_key
        ):
            raise FieldError(
                f"bulk_update() can only update concrete, non-primary-key fields; "
                f"{name!r} is not one of {model._meta.object_name}'s."
            )
        fields.append(field)
    if any(obj.pk is None for obj in objs):
        raise ValueError("All bulk_update() objects must have a primary key set.")
    connection = connections[using]
    size = connection.ops.bulk_batch_size(len(fields) * 2 + 1, len(objs))
    if batch_size:
        size = min(size, batch_size)
    updated = 0
    with transaction.atomic(using=using, savepoint=False):
        for batch in _batches(objs, size):
            updated += _update_batch(connection, model, fields, batch)
    return updated


def _update_batch(
    connection: Any, model: Any, fields: list[Any], objs: Sequence[Any]
) -> int:
    meta = model._meta
    query = Query(model)
    query.add_q(Q(pk__in=[o.pk for o in objs]))
    compiler = SQLCompiler(query, connection)
    qn = compiler.quote_name
    pk_col = f"{qn(meta.db_table)}.{qn(meta.pk.column)}"
    cast = connection.vendor == "postgresql"
    assignments, params = [], []
    for field in fields:
        whens = []
        marker = f"CAST(%s AS {field.db_type(connection)})" if cast else "%s"
        for obj in objs:
            whens.append(f"WHEN {pk_col} = %s THEN {marker}")
            value = field.get_db_prep_save(getattr(obj, field.attname), connection)
            params.extend([meta.pk.get_db_prep_value(obj.pk, connection), value])
        column = qn(field.column)
        assignments.append(f"{column} = CASE {' '.join(whens)} ELSE {column} END")
    where_sql, where_params = compiler.compile(query.where)
    sql = f"UPDATE {qn(meta.db_table)} SET {', '.join(assignments)} WHERE {where_sql}"
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *where_params])
        return int(cursor.rowcount)
