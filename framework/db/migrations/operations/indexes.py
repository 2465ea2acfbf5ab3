"""Operations on a model's named indexes and constraints."""

from __future__ import annotations

from typing import Any

from framework.db.migrations.operations.base import (
    Operation,
    SchemaEditor,
    allow_migrate_model,
)
from framework.db.migrations.state import ProjectState

__all__ = ["AddConstraint", "AddIndex", "RemoveConstraint", "RemoveIndex"]


class _OptionItemOperation(Operation):
    """Shared code of the index and constraint operations."""

    option_key = ""
    create_method = ""
    remove_method = ""

    def __init__(self, model_name: str) -> None:
        self.model_name = model_name

    @property
    def model_name_lower(self) -> str:
        return self.model_name.lower()

    def references_model(self, name: str, app_label: str) -> bool:
        return name.lower() == self.model_name_lower

    def _create(
        self,
        schema_editor: SchemaEditor,
        state: ProjectState,
        app_label: str,
        item: Any,
    ) -> None:
        model = state.apps.get_model(app_label, self.model_name)
        if allow_migrate_model(schema_editor, model):
            getattr(schema_editor, self.create_method)(model, item)

    def _remove(
        self,
        schema_editor: SchemaEditor,
        state: ProjectState,
        app_label: str,
        item: Any,
    ) -> None:
        model = state.apps.get_model(app_label, self.model_name)
        if allow_migrate_model(schema_editor, model):
            getattr(schema_editor, self.remove_method)(model, item)

    def _item(self, state: ProjectState, app_label: str, name: str) -> Any:
        model_state = state.get_model_state(app_label, self.model_name)
        if self.option_key == "indexes":
            return model_state.get_index_by_name(name)
        return model_state.get_constraint_by_name(name)


class AddIndex(_OptionItemOperation):
    """Create an index."""

    option_key, create_method, remove_method = "indexes", "add_index", "remove_index"

    def __init__(self, model_name: str, index: Any) -> None:
        super().__init__(model_name)
        if not getattr(index, "name", None):
            raise ValueError(
                f"Indexes passed to AddIndex need a name; give {index!r} name='...'."
            )
        self.index = index

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return ("AddIndex", [], {"model_name": self.model_name, "index": self.index})

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        state.add_option_item(app_label, self.model_name, "indexes", self.index)

    def database_forwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        self._create(schema_editor, to_state, app_label, self.index)

    def database_backwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        self._remove(schema_editor, from_state, app_label, self.index)

    def describe(self) -> str:
        fields = ", ".join(getattr(self.index, "fields", ()) or ())
        return (
            f"Create index {self.index.name} on field(s) {fields} of model "
            f"{self.model_name}"
        )

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name_lower}_{self.index.name.lower()}"


class RemoveIndex(_OptionItemOperation):
    """Drop the index called ``name``."""

    option_key, create_method, remove_method = "indexes", "add_index", "remove_index"

    def __init__(self, model_name: str, name: str) -> None:
        super().__init__(model_name)
        self.name = name

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return ("RemoveIndex", [], {"model_name": self.model_name, "name": self.name})

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        state.remove_option_item(app_label, self.model_name, "indexes", self.name)

    def database_forwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        self._remove(
            schema_editor,
            from_state,
            app_label,
            self._item(from_state, app_label, self.name),
        )

    def database_backwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        self._create(
            schema_editor,
            to_state,
            app_label,
            self._item(to_state, app_label, self.name),
        )

    def describe(self) -> str:
        return f"Remove index {self.name} from {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"remove_{self.model_name_lower}_{self.name.lower()}"


class AddConstraint(_OptionItemOperation):
    """Add a check or unique constraint."""

    option_key = "constraints"
    create_method, remove_method = "add_constraint", "remove_constraint"

    def __init__(self, model_name: str, constraint: Any) -> None:
        super().__init__(model_name)
        self.constraint = constraint

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (
            "AddConstraint",
            [],
            {"model_name": self.model_name, "constraint": self.constraint},
        )

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        state.add_option_item(
            app_label, self.model_name, "constraints", self.constraint
        )

    def database_forwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        self._create(schema_editor, to_state, app_label, self.constraint)

    def database_backwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        self._remove(schema_editor, from_state, app_label, self.constraint)

    def describe(self) -> str:
        return f"Create constraint {self.constraint.name} on model {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name_lower}_{self.constraint.name.lower()}"


class RemoveConstraint(_OptionItemOperation):
    """Drop the constraint called ``name``."""

    option_key = "constraints"
    create_method, remove_method = "add_constraint", "remove_constraint"

    def __init__(self, model_name: str, name: str) -> None:
        super().__init__(model_name)
        self.name = name

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (
            "RemoveConstraint",
            [],
            {"model_name": self.model_name, "name": self.name},
        )

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        state.remove_option_item(app_label, self.model_name, "constraints", self.name)

    def database_forwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        self._remove(
            schema_editor,
            from_state,
            app_label,
            self._item(from_state, app_label, self.name),
        )

    def database_backwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        self._create(
            schema_editor,
            to_state,
            app_label,
            self._item(to_state, app_label, self.name),
        )

    def describe(self) -> str:
        return f"Remove constraint {self.name} from model {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"remove_{self.model_name_lower}_{self.name.lower()}"
