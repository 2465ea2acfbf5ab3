"""SQLite DDL: most ALTERs become a table rebuild.

SQLite can add a nullable column and rename columns and tables, but not change
or drop constrained columns. For those the editor rebuilds the table: create
``new__<table>`` with the new definition, copy the rows, drop the old table,
rename the new one, recreate the indexes — inside the migration's transaction.

Foreign key enforcement must be off while a referenced table is dropped and
renamed, and ``PRAGMA foreign_keys`` is ignored inside a transaction, so the
editor turns it off in ``__enter__`` (before its transaction opens), runs
``PRAGMA foreign_key_check`` before committing and turns it back on in
``__exit__``. Enter the editor outside ``transaction.atomic()`` for that.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from types import TracebackType
from typing import Any

from framework.db.backends.base.schema import (
    BaseDatabaseSchemaEditor,
    auto_through,
    has_column,
    is_m2m,
    meta_list,
)
from framework.db.transaction import Atomic
from framework.db.utils import IntegrityError, NotSupportedError

__all__ = ["DatabaseSchemaEditor"]


class DatabaseSchemaEditor(BaseDatabaseSchemaEditor):
    """Schema changes on SQLite, rebuilding tables where ALTER falls short."""

    inline_foreign_keys = True
    sql_delete_table = "DROP TABLE %(table)s"
    _fk_checks_disabled = False

    def __enter__(self) -> DatabaseSchemaEditor:
        self._fk_checks_disabled = False
        if not self.collect_sql and not self.connection.in_atomic_block:
            with self.connection.cursor() as cursor:
                cursor.execute("PRAGMA foreign_keys = OFF")
            self._fk_checks_disabled = True
        super().__enter__()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            super().__exit__(exc_type, exc_value, traceback)
        finally:
            if self._fk_checks_disabled and self.connection.connection is not None:
                with self.connection.cursor() as cursor:
                    cursor.execute("PRAGMA foreign_keys = ON")

    def finish(self) -> None:
        super().finish()
        if self._fk_checks_disabled:
            self._check_foreign_keys()

    def _check_foreign_keys(self) -> None:
        """Fail (rolling back) if the changes left a dangling foreign key."""
        with self.connection.cursor() as cursor:
            cursor.execute("PRAGMA foreign_key_check")
            problems = cursor.fetchall()
        if problems:
            table, rowid, parent, _ = problems[0]
            raise IntegrityError(
                f"The schema change left table {table!r} row {rowid} pointing at "
                f"a missing row of {parent!r} ({len(problems)} problem(s) in "
                "total). Fix or delete those rows in a data migration first."
            )

    def _require_fk_checks_off(self, table: str) -> None:
        if self.collect_sql or self._fk_checks_disabled:
            return
        with self.connection.cursor() as cursor:
            cursor.execute("PRAGMA foreign_keys")
            row = cursor.fetchone()
        if row and row[0]:
            raise NotSupportedError(
                f"Rebuilding SQLite table {table!r} needs foreign key checks off, "
                "which SQLite cannot do inside a transaction. Enter "
                "connection.schema_editor() outside transaction.atomic() (it "
                "opens its own transaction), as migrations do."
            )

    # -- fields -----------------------------------------------------------------

    def add_field(self, model: Any, field: Any) -> None:
        """Add a column: ALTER TABLE ADD COLUMN when SQLite allows, else rebuild."""
        if is_m2m(field):
            through = auto_through(field)
            if through is not None:
                self.create_model(through)
            return
        simple = (
            field.null
            and not field.unique
            and not field.primary_key
            and self.effective_default(field) is None
        )
        if not simple:
            self.remake_table(model, create_field=field)
            return
        column = self.column_sql(model, field)
        if column is None:
            return
        target = self.fk_target(field)
        if target is not None:
            column = f"{column} {self.references_sql(target)}"
        table = self.quote_name(model._meta.db_table)
        self.execute(f"ALTER TABLE {table} ADD COLUMN {column}")
        index = self.field_index_sql(model, field)
        if index:
            self.deferred_sql.append(index)

    def remove_field(self, model: Any, field: Any) -> None:
        """Drop a column by rebuilding the table (or drop an M2M through table)."""
        if is_m2m(field):
            through = auto_through(field)
            if through is not None:
                self.delete_model(through)
            return
        if has_column(field):
            self.remake_table(model, delete_field=field)

    def alter_field(
        self, model: Any, old_field: Any, new_field: Any, strict: bool = False
    ) -> None:
        """Change a column: rename in place when that is all, else rebuild."""
        if is_m2m(old_field) or is_m2m(new_field):
            self._alter_m2m(model, old_field, new_field)
            return
        if not self.field_definition_changed(model, old_field, new_field):
            return
        if self._is_pure_rename(model, old_field, new_field):
            self.execute(
                f"ALTER TABLE {self.quote_name(model._meta.db_table)} RENAME COLUMN "
                f"{self.quote_name(old_field.column)} TO "
                f"{self.quote_name(new_field.column)}"
            )
            return
        self.remake_table(model, alter=(old_field, new_field))

    def _is_pure_rename(self, model: Any, old: Any, new: Any) -> bool:
        if old.column == new.column:
            return False
        renamed_sql = self.column_sql(model, old)
        new_sql = self.column_sql(model, new)
        if renamed_sql is None or new_sql is None:
            return False
        quoted_old, quoted_new = (
            self.quote_name(old.column),
            self.quote_name(new.column),
        )
        return (
            renamed_sql.replace(quoted_old, quoted_new, 1) == new_sql
            and self.fk_target(old) == self.fk_target(new)
            and bool(getattr(old, "db_index", False))
            == bool(getattr(new, "db_index", False))
            and "_check" not in new_sql
        )

    def _alter_m2m(self, model: Any, old: Any, new: Any) -> None:
        old_through, new_through = auto_through(old), auto_through(new)
        if old_through is None or new_through is None:
            raise NotSupportedError(
                "Changing a field to or from ManyToManyField is not supported; "
                "remove the field and add a new one in separate migrations."
            )
        self.alter_db_table(
            new_through, old_through._meta.db_table, new_through._meta.db_table
        )

    def alter_unique_together(
        self,
        model: Any,
        old_unique_together: Iterable[Sequence[str]],
        new_unique_together: Iterable[Sequence[str]],
    ) -> None:
        old = {tuple(names) for names in old_unique_together or ()}
        new = [tuple(names) for names in new_unique_together or ()]
        if old != set(new):
            self.remake_table(model, unique_together=new)

    def add_constraint(self, model: Any, constraint: Any) -> None:
        if not constraint.constraint_sql(model, self):
            super().add_constraint(model, constraint)
            return
        others = [
            c
            for c in meta_list(model._meta, "constraints")
            if c.name != constraint.name
        ]
        self.remake_table(model, constraints=[*others, constraint])

    def remove_constraint(self, model: Any, constraint: Any) -> None:
        if not constraint.constraint_sql(model, self):
            super().remove_constraint(model, constraint)
            return
        others = [
            c
            for c in meta_list(model._meta, "constraints")
            if c.name != constraint.name
        ]
        self.remake_table(model, constraints=others)

    # -- the rebuild --------------------------------------------------------------

    def remake_table(
        self,
        model: Any,
        *,
        create_field: Any = None,
        delete_field: Any = None,
        alter: tuple[Any, Any] | None = None,
        unique_together: Sequence[Sequence[str]] | None = None,
        constraints: Sequence[Any] | None = None,
    ) -> None:
        """Rebuild ``model``'s table with one field added, removed or changed."""
        table = model._meta.db_table
        self._require_fk_checks_off(table)
        fields = [
            f for f in meta_list(model._meta, "local_fields", "fields") if has_column(f)
        ]
        copy = {f.column: self.quote_name(f.column) for f in fields}
        if delete_field is not None:
            fields = [f for f in fields if f.name != delete_field.name]
            copy.pop(delete_field.column, None)
        if alter is not None:
            fields, copy = self._apply_alter(fields, copy, *alter)
        if create_field is not None:
            fields = [f for f in fields if f.name != create_field.name]
            fields.append(create_field)
            default = self.effective_default(create_field)
            if default is not None:
                copy[create_field.column] = self.quote_value(default)
        temp = f"new__{table}"
        create = self.table_sql(
            model,
            fields,
            table=temp,
            unique_together=unique_together,
            constraints=constraints,
        )
        statements = [
            create,
            f"INSERT INTO {self.quote_name(temp)} "
            f"({', '.join(self.quote_name(c) for c in copy)}) "
            f"SELECT {', '.join(copy.values())} FROM {self.quote_name(table)}",
            f"DROP TABLE {self.quote_name(table)}",
            f"ALTER TABLE {self.quote_name(temp)} RENAME TO {self.quote_name(table)}",
            *self.model_indexes_sql(model, fields),
        ]
        if self.collect_sql:
            for sql in statements:
                self.execute(sql)
            return
        with Atomic(None, True, False, connection=self.connection):
            for sql in statements:
                self.execute(sql)

    def _apply_alter(
        self, fields: list[Any], copy: dict[str, str], old: Any, new: Any
    ) -> tuple[list[Any], dict[str, str]]:
        fields = [new if f.name == old.name else f for f in fields]
        source = copy.pop(old.column, self.quote_name(old.column))
        if old.null and not new.null:
            default = self.effective_default(new)
            if default is not None:
                source = f"coalesce({source}, {self.quote_value(default)})"
        copy[new.column] = source
        return fields, copy
