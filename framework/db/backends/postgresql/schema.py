"""PostgreSQL DDL: columns change in place with ALTER TABLE.

DDL is transactional, so a migration's changes commit or vanish together.
Foreign keys are added after every table exists (deferred statements) and
are ``DEFERRABLE INITIALLY DEFERRED`` so rows may arrive in any order within a
transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from framework.db.backends.base.schema import (
    BaseDatabaseSchemaEditor,
    auto_through,
    has_column,
    is_m2m,
)
from framework.db.utils import NotSupportedError

__all__ = ["DatabaseSchemaEditor"]

_AUTO = frozenset({"AutoField", "BigAutoField", "SmallAutoField"})


class DatabaseSchemaEditor(BaseDatabaseSchemaEditor):
    """Schema changes on PostgreSQL."""

    def _table(self, model: Any) -> str:
        return self.quote_name(model._meta.db_table)

    def _constraint_names(
        self, model: Any, columns: list[str], **flags: Any
    ) -> list[str]:
        """Return names of constraints on exactly ``columns`` matching ``flags``."""
        with self.connection.cursor() as cursor:
            found = self.connection.introspection.get_constraints(
                cursor, model._meta.db_table
            )
        return [
            name
            for name, info in found.items()
            if info["columns"] == columns
            and all(info.get(key) == value for key, value in flags.items())
        ]

    # -- fields -----------------------------------------------------------------

    def add_field(self, model: Any, field: Any) -> None:
        """Add a column (existing rows get the field's default, then it is dropped)."""
        if is_m2m(field):
            through = auto_through(field)
            if through is not None:
                self.create_model(through)
            return
        definition = self.column_sql(model, field, include_default=True)
        if definition is None:
            return
        table = self._table(model)
        self.execute(f"ALTER TABLE {table} ADD COLUMN {definition}")
        if self.effective_default(field) is not None:
            # Defaults live in Python; the database keeps none after the add.
            self.execute(
                f"ALTER TABLE {table} ALTER COLUMN "
                f"{self.quote_name(field.column)} DROP DEFAULT"
            )
        target = self.fk_target(field)
        if target is not None:
            self.deferred_sql.append(
                self.create_fk_sql(model._meta.db_table, field, target)
            )
        index = self.field_index_sql(model, field)
        if index:
            self.deferred_sql.append(index)

    def remove_field(self, model: Any, field: Any) -> None:
        """Drop a column with everything that depends on it."""
        if is_m2m(field):
            through = auto_through(field)
            if through is not None:
                self.delete_model(through)
            return
        if has_column(field):
            self.execute(
                f"ALTER TABLE {self._table(model)} DROP COLUMN "
                f"{self.quote_name(field.column)} CASCADE"
            )

    def alter_field(
        self, model: Any, old_field: Any, new_field: Any, strict: bool = False
    ) -> None:
        """Change a column in place: name, type, null, unique, index, FK."""
        if is_m2m(old_field) or is_m2m(new_field):
            self._alter_m2m(old_field, new_field)
            return
        if not self.field_definition_changed(model, old_field, new_field):
            return
        old_fk, new_fk = self.fk_target(old_field), self.fk_target(new_field)
        if old_fk is not None and old_fk != new_fk:
            self._drop(model, [old_field.column], "CONSTRAINT", foreign_key=old_fk)
        self._drop_index_and_unique(model, old_field, new_field)
        if old_field.column != new_field.column:
            self.execute(
                f"ALTER TABLE {self._table(model)} RENAME COLUMN "
                f"{self.quote_name(old_field.column)} TO "
                f"{self.quote_name(new_field.column)}"
            )
        self._alter_type(model, old_field, new_field)
        self._alter_null(model, old_field, new_field)
        self._add_index_and_unique(model, old_field, new_field)
        if new_fk is not None and old_fk != new_fk:
            self.deferred_sql.append(
                self.create_fk_sql(model._meta.db_table, new_field, new_fk)
            )

    def _drop(self, model: Any, columns: list[str], kind: str, **flags: Any) -> None:
        for name in self._constraint_names(model, columns, **flags):
            if kind == "INDEX":
                self.execute(f"DROP INDEX {self.quote_name(name)}")
            else:
                self.execute(
                    f"ALTER TABLE {self._table(model)} DROP CONSTRAINT "
                    f"{self.quote_name(name)}"
                )

    def _drop_index_and_unique(self, model: Any, old: Any, new: Any) -> None:
        columns = [old.column]
        if old.unique and not old.primary_key and not (new.unique or new.primary_key):
            self._drop(
                model,
                columns,
                "CONSTRAINT",
                unique=True,
                primary_key=False,
                index=True,
                check=False,
            )
        if getattr(old, "db_index", False) and not getattr(new, "db_index", False):
            self._drop(
                model, columns, "INDEX", unique=False, index=True, primary_key=False
            )
        old_check = old.db_parameters(connection=self.connection).get("check")
        new_check = new.db_parameters(connection=self.connection).get("check")
        if old_check and old_check != new_check:
            self._drop(model, columns, "CONSTRAINT", check=True)

    def _add_index_and_unique(self, model: Any, old: Any, new: Any) -> None:
        table = self._table(model)
        column = self.quote_name(new.column)
        if new.unique and not new.primary_key and not (old.unique or old.primary_key):
            name = self._name(model._meta.db_table, [new.column], "_uniq")
            self.execute(
                f"ALTER TABLE {table} ADD CONSTRAINT {self.quote_name(name)} "
                f"UNIQUE ({column})"
            )
        if getattr(new, "db_index", False) and not getattr(old, "db_index", False):
            index = self.field_index_sql(model, new)
            if index:
                self.execute(index)
        old_check = old.db_parameters(connection=self.connection).get("check")
        new_check = new.db_parameters(connection=self.connection).get("check")
        if new_check and old_check != new_check:
            name = self._name(model._meta.db_table, [new.column], "_check")
            self.execute(
                f"ALTER TABLE {table} ADD CONSTRAINT {self.quote_name(name)} "
                f"CHECK ({new_check})"
            )

    def _alter_type(self, model: Any, old: Any, new: Any) -> None:
        old_type = old.db_parameters(connection=self.connection)["type"]
        new_type = new.db_parameters(connection=self.connection)["type"]
        table, column = self._table(model), self.quote_name(new.column)
        old_auto = old.get_internal_type() in _AUTO
        new_auto = new.get_internal_type() in _AUTO
        if old_type != new_type:
            self.execute(
                f"ALTER TABLE {table} ALTER COLUMN {column} TYPE {new_type} "
                f"USING {column}::{new_type}"
            )
        if old_auto and not new_auto:
            self.execute(
                f"ALTER TABLE {table} ALTER COLUMN {column} DROP IDENTITY IF EXISTS"
            )
        elif new_auto and not old_auto:
            self.execute(
                f"ALTER TABLE {table} ALTER COLUMN {column} "
                "ADD GENERATED BY DEFAULT AS IDENTITY"
            )
            for sql in self.connection.ops.sequence_reset_sql(
                model._meta.db_table, new.column
            ):
                self.execute(sql)

    def _alter_null(self, model: Any, old: Any, new: Any) -> None:
        table, column = self._table(model), self.quote_name(new.column)
        if old.null == new.null or new.primary_key:
            return
        if new.null:
            self.execute(f"ALTER TABLE {table} ALTER COLUMN {column} DROP NOT NULL")
            return
        default = self.effective_default(new)
        if default is not None:
            self.execute(
                f"UPDATE {table} SET {column} = %s WHERE {column} IS NULL", [default]
            )
        self.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET NOT NULL")

    def _alter_m2m(self, old: Any, new: Any) -> None:
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
        """Drop the unique sets that went away and add the new ones."""
        old = {tuple(names) for names in old_unique_together or ()}
        new = {tuple(names) for names in new_unique_together or ()}
        meta = model._meta
        for names in sorted(old - new):
            columns = [meta.get_field(name).column for name in names]
            self._drop(model, columns, "CONSTRAINT", unique=True, primary_key=False)
        for names in sorted(new - old):
            columns = [meta.get_field(name).column for name in names]
            name = self._name(meta.db_table, columns, "_uniq")
            quoted = ", ".join(self.quote_name(c) for c in columns)
            self.execute(
                f"ALTER TABLE {self._table(model)} ADD CONSTRAINT "
                f"{self.quote_name(name)} UNIQUE ({quoted})"
            )
