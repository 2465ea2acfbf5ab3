"""Operations on one field of a model: add, remove, alter, rename."""

from __future__ import annotations

from typing import Any

from framework.db.migrations.operations.base import (
    Operation,
    SchemaEditor,
    allow_migrate_model,
)
from framework.db.migrations.state import ProjectState, related_label
from framework.db.models.fields import NOT_PROVIDED

__all__ = ["AddField", "AlterField", "FieldOperation", "RemoveField", "RenameField"]


class FieldOperation(Operation):
    """An operation on field ``name`` of model ``model_name``."""

    def __init__(self, model_name: str, name: str) -> None:
        self.model_name = model_name
        self.name = name

    @property
    def model_name_lower(self) -> str:
        return self.model_name.lower()

    @property
    def name_lower(self) -> str:
        return self.name.lower()

    def references_model(self, name: str, app_label: str) -> bool:
        field = getattr(self, "field", None)
        label = f"{app_label}.{name}".lower()
        return name.lower() == self.model_name_lower or (
            field is not None and related_label(field) == label
        )

    def _models(
        self, app_label: str, from_state: ProjectState, to_state: ProjectState
    ) -> tuple[Any, Any]:
        return (
            from_state.apps.get_model(app_label, self.model_name),
            to_state.apps.get_model(app_label, self.model_name),
        )


class AddField(FieldOperation):
    """Add a column (or a many-to-many table).

    With ``preserve_default=False`` the default only fills existing rows and
    is not kept on the field (a one-off default given to makemigrations).
    """

    def __init__(
        self, model_name: str, name: str, field: Any, preserve_default: bool = True
    ) -> None:
        super().__init__(model_name, name)
        self.field = field
        self.preserve_default = preserve_default

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        kwargs: dict[str, Any] = {
            "model_name": self.model_name,
            "name": self.name,
            "field": self.field,
        }
        if not self.preserve_default:
            kwargs["preserve_default"] = False
        return ("AddField", [], kwargs)

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        field = self.field.clone()
        if not self.preserve_default:
            field.default = NOT_PROVIDED
        state.add_field(app_label, self.model_name_lower, self.name, field)

    def database_forwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        from_model, to_model = self._models(app_label, from_state, to_state)
        if not allow_migrate_model(schema_editor, to_model):
            return
        field = to_model._meta.get_field(self.name)
        if not self.preserve_default:
            field.default = self.field.default
        schema_editor.add_field(from_model, field)
        if not self.preserve_default:
            field.default = NOT_PROVIDED

    def database_backwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        from_model = from_state.apps.get_model(app_label, self.model_name)
        if allow_migrate_model(schema_editor, from_model):
            schema_editor.remove_field(
                from_model, from_model._meta.get_field(self.name)
            )

    def describe(self) -> str:
        return f"Add field {self.name} to {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name_lower}_{self.name_lower}"


class RemoveField(FieldOperation):
    """Drop a column (or a many-to-many table)."""

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return ("RemoveField", [], {"model_name": self.model_name, "name": self.name})

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        state.remove_field(app_label, self.model_name_lower, self.name)

    def database_forwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        from_model = from_state.apps.get_model(app_label, self.model_name)
        if allow_migrate_model(schema_editor, from_model):
            schema_editor.remove_field(
                from_model, from_model._meta.get_field(self.name)
            )

    def database_backwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        from_model, to_model = self._models(app_label, from_state, to_state)
        if allow_migrate_model(schema_editor, to_model):
            schema_editor.add_field(from_model, to_model._meta.get_field(self.name))

    def describe(self) -> str:
        return f"Remove field {self.name} from {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"remove_{self.model_name_lower}_{self.name_lower}"


class AlterField(FieldOperation):
    """Change a field's definition (type, null, default, length...)."""

    def __init__(
        self, model_name: str, name: str, field: Any, preserve_default: bool = True
    ) -> None:
        super().__init__(model_name, name)
        self.field = field
        self.preserve_default = preserve_default

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        kwargs: dict[str, Any] = {
            "model_name": self.model_name,
            "name": self.name,
            "field": self.field,
        }
        if not self.preserve_default:
            kwargs["preserve_default"] = False
        return ("AlterField", [], kwargs)

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        field = self.field.clone()
        if not self.preserve_default:
            field.default = NOT_PROVIDED
        state.alter_field(app_label, self.model_name_lower, self.name, field)

    def database_forwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        from_model, to_model = self._models(app_label, from_state, to_state)
        if not allow_migrate_model(schema_editor, to_model):
            return
        from_field = from_model._meta.get_field(self.name)
        to_field = to_model._meta.get_field(self.name)
        if not self.preserve_default:
            to_field.default = self.field.default
        schema_editor.alter_field(from_model, from_field, to_field)
        if not self.preserve_default:
            to_field.default = NOT_PROVIDED

    def database_backwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        self.database_forwards(app_label, schema_editor, from_state, to_state)

    def describe(self) -> str:
        return f"Alter field {self.name} on {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"alter_{self.model_name_lower}_{self.name_lower}"


class RenameField(FieldOperation):
    """Rename a field (and its column when the column follows the name)."""

    def __init__(self, model_name: str, old_name: str, new_name: str) -> None:
        super().__init__(model_name, old_name)
        self.old_name = old_name
        self.new_name = new_name

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (
            "RenameField",
            [],
            {
                "model_name": self.model_name,
                "old_name": self.old_name,
                "new_name": self.new_name,
            },
        )

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        state.rename_field(
            app_label, self.model_name_lower, self.old_name, self.new_name
        )

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
        from_model, to_model = self._models(app_label, from_state, to_state)
        if allow_migrate_model(schema_editor, to_model):
            schema_editor.alter_field(
                from_model,
                from_model._meta.get_field(old),
                to_model._meta.get_field(new),
            )

    def describe(self) -> str:
        return f"Rename field {self.old_name} on {self.model_name} to {self.new_name}"

    @property
    def migration_name_fragment(self) -> str:
        old, new = self.old_name.lower(), self.new_name.lower()
        return f"rename_{old}_{self.model_name_lower}_{new}"
