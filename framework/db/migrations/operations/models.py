"""Operations on whole models: create, delete, rename, options, indexes, constraints."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from framework.db.migrations.operations.base import (
    Operation,
    SchemaEditor,
    allow_migrate_model,
)
from framework.db.migrations.state import ModelState, ProjectState, related_label

__all__ = [
    "AlterModelOptions",
    "AlterModelTable",
    "AlterUniqueTogether",
    "CreateModel",
    "DeleteModel",
    "ModelOperation",
    "RenameModel",
]


class ModelOperation(Operation):
    """An operation on the model called ``name``."""

    def __init__(self, name: str) -> None:
        self.name = name

    @property
    def name_lower(self) -> str:
        return self.name.lower()

    def references_model(self, name: str, app_label: str) -> bool:
        return name.lower() == self.name_lower


class CreateModel(ModelOperation):
    """Create a model's table (and its many-to-many tables)."""

    def __init__(
        self,
        name: str,
        fields: Sequence[tuple[str, Any]],
        options: dict[str, Any] | None = None,
        bases: tuple[Any, ...] | None = None,
    ) -> None:
        super().__init__(name)
        self.fields = list(fields)
        self.options = dict(options or {})
        self.bases = bases
        names = [n for n, _ in self.fields]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(
                f"CreateModel {name} lists field(s) {', '.join(duplicates)} more than "
                "once; keep one of each."
            )

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        kwargs: dict[str, Any] = {"name": self.name, "fields": self.fields}
        if self.options:
            kwargs["options"] = self.options
        if self.bases:
            kwargs["bases"] = self.bases
        return ("CreateModel", [], kwargs)

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        state.add_model(
            ModelState(
                app_label,
                self.name,
                [(n, f.clone()) for n, f in self.fields],
                dict(self.options),
                self.bases,
            )
        )

    def database_forwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        model = to_state.apps.get_model(app_label, self.name)
        if allow_migrate_model(schema_editor, model):
            schema_editor.create_model(model)

    def database_backwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        model = from_state.apps.get_model(app_label, self.name)
        if allow_migrate_model(schema_editor, model):
            schema_editor.delete_model(model)

    def describe(self) -> str:
        return f"Create model {self.name}"

    @property
    def migration_name_fragment(self) -> str:
        return self.name_lower

    def references_model(self, name: str, app_label: str) -> bool:
        label = f"{app_label}.{name}".lower()
        return super().references_model(name, app_label) or any(
            related_label(f) == label for _, f in self.fields
        )


class DeleteModel(ModelOperation):
    """Drop a model's table."""

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return ("DeleteModel", [], {"name": self.name})

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        state.remove_model(app_label, self.name_lower)

    def database_forwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        model = from_state.apps.get_model(app_label, self.name)
        if allow_migrate_model(schema_editor, model):
            schema_editor.delete_model(model)

    def database_backwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        model = to_state.apps.get_model(app_label, self.name)
        if allow_migrate_model(schema_editor, model):
            schema_editor.create_model(model)

    def describe(self) -> str:
        return f"Delete model {self.name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"delete_{self.name_lower}"


class RenameModel(Operation):
    """Rename a model: its table (when defaulted) and relations pointing at it."""

    def __init__(self, old_name: str, new_name: str) -> None:
        self.old_name = old_name
        self.new_name = new_name

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (
            "RenameModel",
            [],
            {"old_name": self.old_name, "new_name": self.new_name},
        )

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        state.rename_model(app_label, self.old_name, self.new_name)

    def database_forwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        self._rename(
            app_label, schema_editor, from_state, to_state, self.old_name, self.new_name
        )

    def database_backwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        self._rename(
            app_label, schema_editor, from_state, to_state, self.new_name, self.old_name
        )

    def _rename(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
        old: str,
        new: str,
    ) -> None:
        old_model = from_state.apps.get_model(app_label, old)
        new_model = to_state.apps.get_model(app_label, new)
        if not allow_migrate_model(schema_editor, new_model):
            return
        schema_editor.alter_db_table(
            new_model, old_model._meta.db_table, new_model._meta.db_table
        )
        old_label = f"{app_label}.{old}".lower()
        for model in to_state.apps.get_models():
            for field in model._meta.local_fields:
                if related_label(field) != f"{app_label}.{new}".lower():
                    continue
                label = model._meta.label_lower
                old_owner = from_state.apps.get_model(
                    old_label if label == f"{app_label}.{new}".lower() else label
                )
                schema_editor.alter_field(
                    model, old_owner._meta.get_field(field.name), field
                )

    def describe(self) -> str:
        return f"Rename model {self.old_name} to {self.new_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"rename_{self.old_name.lower()}_{self.new_name.lower()}"

    def references_model(self, name: str, app_label: str) -> bool:
        return name.lower() in (self.old_name.lower(), self.new_name.lower())


class AlterModelTable(ModelOperation):
    """Rename a model's table to ``table`` (None = the default name)."""

    def __init__(self, name: str, table: str | None) -> None:
        super().__init__(name)
        self.table = table

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return ("AlterModelTable", [], {"name": self.name, "table": self.table})

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        options = {"db_table": self.table} if self.table else {}
        state.alter_model_options(app_label, self.name_lower, options, ["db_table"])

    def database_forwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        old_model = from_state.apps.get_model(app_label, self.name)
        new_model = to_state.apps.get_model(app_label, self.name)
        if allow_migrate_model(schema_editor, new_model):
            schema_editor.alter_db_table(
                new_model, old_model._meta.db_table, new_model._meta.db_table
            )

    def database_backwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        self.database_forwards(app_label, schema_editor, from_state, to_state)

    def describe(self) -> str:
        return f"Rename table for {self.name} to {self.table or '(default)'}"

    @property
    def migration_name_fragment(self) -> str:
        return f"alter_{self.name_lower}_table"


# Options AlterModelOptions owns; the rest have dedicated operations.
ALTER_OPTION_KEYS = (
    "ordering",
    "verbose_name",
    "verbose_name_plural",
    "get_latest_by",
    "managed",
    "default_related_name",
)


class AlterModelOptions(ModelOperation):
    """Change Meta options that do not touch the database (ordering, names)."""

    def __init__(self, name: str, options: dict[str, Any]) -> None:
        super().__init__(name)
        self.options = dict(options)

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return ("AlterModelOptions", [], {"name": self.name, "options": self.options})

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        state.alter_model_options(
            app_label, self.name_lower, self.options, ALTER_OPTION_KEYS
        )

    def database_forwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        """Nothing to do: these options live only in Python."""

    def database_backwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        """Nothing to do: these options live only in Python."""

    def describe(self) -> str:
        return f"Change Meta options on {self.name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"alter_{self.name_lower}_options"


class AlterUniqueTogether(ModelOperation):
    """Set a model's ``unique_together`` groups."""

    def __init__(
        self, name: str, unique_together: Iterable[Iterable[str]] | None
    ) -> None:
        super().__init__(name)
        self.unique_together = normalize_together(unique_together)

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (
            "AlterUniqueTogether",
            [],
            {"name": self.name, "unique_together": self.unique_together},
        )

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        options = (
            {"unique_together": self.unique_together} if self.unique_together else {}
        )
        state.alter_model_options(
            app_label, self.name_lower, options, ["unique_together"]
        )

    def database_forwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        old_model = from_state.apps.get_model(app_label, self.name)
        new_model = to_state.apps.get_model(app_label, self.name)
        if allow_migrate_model(schema_editor, new_model):
            schema_editor.alter_unique_together(
                new_model,
                normalize_together(old_model._meta.unique_together),
                normalize_together(new_model._meta.unique_together),
            )

    def database_backwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        self.database_forwards(app_label, schema_editor, from_state, to_state)

    def describe(self) -> str:
        count = len(self.unique_together)
        return f"Alter unique_together for {self.name} ({count} constraint(s))"

    @property
    def migration_name_fragment(self) -> str:
        return f"alter_{self.name_lower}_unique_together"


def normalize_together(
    value: Iterable[Iterable[str]] | None,
) -> tuple[tuple[str, ...], ...]:
    """Turn ``("a", "b")`` or ``[("a", "b")]`` into ``(("a", "b"),)``."""
    if not value:
        return ()
    groups = list(value)
    if all(isinstance(item, str) for item in groups):
        return (tuple(groups),)  # type: ignore[arg-type]
    return tuple(tuple(group) for group in groups)
