"""Turn model changes into DDL: the schema editor migrations drive.

Use it as a context manager: ``with connection.schema_editor() as editor:``.
With ``atomic=True`` (and a backend that can roll back DDL) everything runs in
one transaction; statements that must wait until every table exists (foreign
keys on PostgreSQL, indexes) are queued in ``deferred_sql`` and run on exit.
With ``collect_sql=True`` nothing runs: statements are recorded, with values
inlined as literals, in ``collected_sql`` (``manage.py sqlmigrate``).

Models and fields are read only through the attributes the ORM brief names
(``_meta.db_table``, ``field.column``, ``field.db_parameters(connection)``...),
so historical models rendered by migrations work the same as real ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any

from framework.db.backends.utils import names_digest
from framework.db.transaction import Atomic

if TYPE_CHECKING:
    from framework.db.backends.base.base import BaseDatabaseWrapper

__all__ = ["BaseDatabaseSchemaEditor"]


def meta_list(meta: Any, name: str, fallback: str = "") -> list[Any]:
    """Return ``meta.<name>`` as a list (or ``meta.<fallback>``; [] if neither)."""
    value = getattr(meta, name, None)
    if value is None and fallback:
        value = getattr(meta, fallback, None)
    return list(value or ())


def is_m2m(field: Any) -> bool:
    """Say whether ``field`` is a many-to-many field (no column of its own)."""
    return bool(getattr(field, "many_to_many", False))


def has_column(field: Any) -> bool:
    """Say whether ``field`` is stored in a column of its model's table."""
    return bool(getattr(field, "concrete", True)) and not is_m2m(field)


def auto_through(field: Any) -> Any | None:
    """Return the auto-created through model of an M2M field, else None."""
    through = getattr(getattr(field, "remote_field", None), "through", None)
    meta = getattr(through, "_meta", None)
    return (
        through if meta is not None and getattr(meta, "auto_created", False) else None
    )


class BaseDatabaseSchemaEditor:
    """DDL in standard SQL with PostgreSQL's ALTER abilities."""

    # Foreign keys are written inside CREATE TABLE (SQLite) instead of as
    # ALTER TABLE ... ADD CONSTRAINT statements run once every table exists.
    inline_foreign_keys = False
    sql_delete_table = "DROP TABLE %(table)s CASCADE"

    def __init__(
        self,
        connection: BaseDatabaseWrapper,
        collect_sql: bool = False,
        atomic: bool = True,
    ) -> None:
        self.connection = connection
        self.collect_sql = collect_sql
        self.collected_sql: list[str] = []
        self.deferred_sql: list[str] = []
        self.atomic_migration = bool(
            atomic and connection.features.can_rollback_ddl and not collect_sql
        )
        self._atomic: Atomic | None = None

    # -- context manager ------------------------------------------------------

    def __enter__(self) -> BaseDatabaseSchemaEditor:
        self.deferred_sql = []
        if self.atomic_migration:
            self._atomic = Atomic(None, True, False, connection=self.connection)
            self._atomic.__enter__()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if exc_type is None:
            try:
                self.finish()
            except BaseException as error:
                self._leave_atomic(type(error), error, error.__traceback__)
                raise
        self._leave_atomic(exc_type, exc_value, traceback)

    def _leave_atomic(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._atomic is not None:
            block, self._atomic = self._atomic, None
            block.__exit__(exc_type, exc_value, traceback)

    def finish(self) -> None:
        """Run the deferred statements (before the transaction commits)."""
        while self.deferred_sql:
            self.execute(self.deferred_sql.pop(0))

    # -- statements ---------------------------------------------------------------

    def quote_name(self, name: str) -> str:
        return self.connection.ops.quote_name(name)

    def quote_value(self, value: Any) -> str:
        """Render ``value`` as a literal (DDL cannot take parameters)."""
        return self.connection.ops.quote_value(value)

    def execute(self, sql: Any, params: Sequence[Any] | None = ()) -> None:
        """Run (or, when collecting, record) one statement; params are inlined."""
        text = str(sql)
        if params:
            text = text % tuple(self.quote_value(p) for p in params)
        if self.collect_sql:
            self.collected_sql.append(text if text.endswith(";") else f"{text};")
            return
        with self.connection.cursor() as cursor:
            cursor.execute(text)

    # -- column and table SQL -------------------------------------------------

    def effective_default(self, field: Any) -> Any:
        """Return the value a new NOT NULL column gets in existing rows."""
        if field.has_default():
            value = field.get_default()
        elif field.null or not getattr(field, "empty_strings_allowed", False):
            return None
        elif getattr(field, "blank", False) or not field.null:
            value = "" if field.get_internal_type() != "BinaryField" else b""
        else:
            return None
        prep = getattr(field, "get_db_prep_save", None) or field.get_db_prep_value
        return prep(value, connection=self.connection)

    def column_sql(
        self, model: Any, field: Any, include_default: bool = False
    ) -> str | None:
        """Return one column's definition, or None for fields without a column."""
        if not has_column(field):
            return None
        params = field.db_parameters(connection=self.connection)
        if params.get("type") is None:
            return None
        parts = [self.quote_name(field.column), str(params["type"])]
        if include_default:
            default = self.effective_default(field)
            if default is not None:
                parts.append(f"DEFAULT {self.quote_value(default)}")
        if not field.null or field.primary_key:
            parts.append("NOT NULL")
        if field.primary_key:
            parts.append("PRIMARY KEY")
        elif field.unique:
            parts.append("UNIQUE")
        suffix = self.connection.data_types_suffix.get(field.get_internal_type())
        if suffix:
            parts.append(suffix)
        if params.get("check"):
            name = self._name(model._meta.db_table, [field.column], "_check")
            parts.append(
                f"CONSTRAINT {self.quote_name(name)} CHECK ({params['check']})"
            )
        return " ".join(parts)

    def fk_target(self, field: Any) -> tuple[str, str] | None:
        """Return (table, column) a foreign key column must reference, if any."""
        if not has_column(field) or not getattr(field, "is_relation", False):
            return None
        if not getattr(field, "db_constraint", True):
            return None
        remote = field.remote_field
        target = getattr(field, "target_field", None)
        if target is None:
            target = remote.model._meta.get_field(remote.field_name)
        return remote.model._meta.db_table, target.column

    def references_sql(self, target: tuple[str, str]) -> str:
        table, column = target
        return (
            f"REFERENCES {self.quote_name(table)} ({self.quote_name(column)}) "
            "DEFERRABLE INITIALLY DEFERRED"
        )

    def create_fk_sql(self, table: str, field: Any, target: tuple[str, str]) -> str:
        name = self._name(table, [field.column], f"_fk_{target[0]}_{target[1]}")
        return (
            f"ALTER TABLE {self.quote_name(table)} ADD CONSTRAINT "
            f"{self.quote_name(name)} FOREIGN KEY ({self.quote_name(field.column)}) "
            f"{self.references_sql(target)}"
        )

    def table_sql(
        self,
        model: Any,
        fields: Sequence[Any] | None = None,
        table: str | None = None,
        unique_together: Iterable[Sequence[str]] | None = None,
        constraints: Sequence[Any] | None = None,
    ) -> str:
        """Return CREATE TABLE for ``model`` (optionally other fields/name)."""
        meta = model._meta
        table = table or meta.db_table
        fields = [f for f in (fields or meta_list(meta, "local_fields", "fields"))]
        definitions = []
        for field in fields:
            column = self.column_sql(model, field)
            if column is None:
                continue
            target = self.fk_target(field)
            if target is not None and self.inline_foreign_keys:
                column = f"{column} {self.references_sql(target)}"
            elif target is not None:
                self.deferred_sql.append(
                    self.create_fk_sql(meta.db_table, field, target)
                )
            definitions.append(column)
        together = meta.unique_together if unique_together is None else unique_together
        definitions.extend(self._unique_together_sql(meta.db_table, fields, together))
        for constraint in (
            meta_list(meta, "constraints") if constraints is None else constraints
        ):
            inline = constraint.constraint_sql(model, self)
            if inline:
                definitions.append(str(inline))
        return f"CREATE TABLE {self.quote_name(table)} ({', '.join(definitions)})"

    def _unique_together_sql(
        self, table: str, fields: Sequence[Any], together: Iterable[Sequence[str]]
    ) -> list[str]:
        columns_by_name = {f.name: f.column for f in fields if has_column(f)}
        sql = []
        for names in together or ():
            if not all(name in columns_by_name for name in names):
                continue  # A field of the set is being removed.
            columns = [columns_by_name[name] for name in names]
            name = self._name(table, columns, "_uniq")
            quoted = ", ".join(self.quote_name(c) for c in columns)
            sql.append(f"CONSTRAINT {self.quote_name(name)} UNIQUE ({quoted})")
        return sql

    def field_index_sql(self, model: Any, field: Any) -> str | None:
        """Return CREATE INDEX for a ``db_index`` field (None if it needs none)."""
        if not has_column(field) or not getattr(field, "db_index", False):
            return None
        if field.unique or field.primary_key:
            return None
        table = model._meta.db_table
        name = self._name(table, [field.column], "")
        return (
            f"CREATE INDEX {self.quote_name(name)} ON {self.quote_name(table)} "
            f"({self.quote_name(field.column)})"
        )

    def model_indexes_sql(
        self, model: Any, fields: Sequence[Any] | None = None
    ) -> list[str]:
        """Return the CREATE INDEX statements for fields and ``Meta.indexes``."""
        meta = model._meta
        fields = (
            fields if fields is not None else meta_list(meta, "local_fields", "fields")
        )
        statements = [sql for f in fields if (sql := self.field_index_sql(model, f))]
        for index in meta_list(meta, "indexes"):
            statements.append(str(index.create_sql(model, self)))
        return statements

    def _name(self, table: str, columns: Sequence[str], suffix: str) -> str:
        """Return a stable constraint/index name no longer than the DB allows."""
        digest = names_digest(table, *columns, suffix, length=8)
        name = f"{table}_{'_'.join(columns)}_{digest}{suffix}"
        limit = min(self.connection.ops.max_name_length(), 120)
        if len(name) <= limit:
            return name
        budget = limit - len(digest) - len(suffix) - 1
        return f"{name[:budget]}_{digest}{suffix}"

    # -- models -------------------------------------------------------------------

    def create_model(self, model: Any) -> None:
        """Create the table, its indexes, and auto-created M2M through tables."""
        self.execute(self.table_sql(model))
        self.deferred_sql.extend(self.model_indexes_sql(model))
        for field in meta_list(model._meta, "local_many_to_many", "many_to_many"):
            through = auto_through(field)
            if through is not None:
                self.create_model(through)

    def delete_model(self, model: Any) -> None:
        """Drop the table and its auto-created M2M through tables."""
        for field in meta_list(model._meta, "local_many_to_many", "many_to_many"):
            through = auto_through(field)
            if through is not None:
                self.delete_model(through)
        table = model._meta.db_table
        self.execute(self.sql_delete_table % {"table": self.quote_name(table)})
        quoted = self.quote_name(table)
        self.deferred_sql = [sql for sql in self.deferred_sql if quoted not in sql]

    def alter_db_table(self, model: Any, old_db_table: str, new_db_table: str) -> None:
        """Rename a table."""
        if old_db_table == new_db_table:
            return
        self.execute(
            f"ALTER TABLE {self.quote_name(old_db_table)} "
            f"RENAME TO {self.quote_name(new_db_table)}"
        )

    def add_index(self, model: Any, index: Any) -> None:
        self.execute(index.create_sql(model, self))

    def remove_index(self, model: Any, index: Any) -> None:
        self.execute(index.remove_sql(model, self))

    def add_constraint(self, model: Any, constraint: Any) -> None:
        sql = constraint.create_sql(model, self)
        if sql:
            self.execute(sql)

    def remove_constraint(self, model: Any, constraint: Any) -> None:
        sql = constraint.remove_sql(model, self)
        if sql:
            self.execute(sql)

    # -- fields: implemented per backend ----------------------------------------

    def add_field(self, model: Any, field: Any) -> None:
        raise NotImplementedError

    def remove_field(self, model: Any, field: Any) -> None:
        raise NotImplementedError

    def alter_field(
        self, model: Any, old_field: Any, new_field: Any, strict: bool = False
    ) -> None:
        raise NotImplementedError

    def alter_unique_together(
        self,
        model: Any,
        old_unique_together: Iterable[Sequence[str]],
        new_unique_together: Iterable[Sequence[str]],
    ) -> None:
        raise NotImplementedError

    def field_definition_changed(self, model: Any, old: Any, new: Any) -> bool:
        """Say whether the database must change for ``old`` -> ``new``."""
        return (
            self.column_sql(model, old) != self.column_sql(model, new)
            or self.fk_target(old) != self.fk_target(new)
            or bool(getattr(old, "db_index", False))
            != bool(getattr(new, "db_index", False))
        )
