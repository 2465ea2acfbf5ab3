"""``Migration``: one step of an app's schema history.

Migration files subclass it and set ``dependencies`` and ``operations``; the
loader builds one instance per file with its name and app label.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, Any

from framework.db.migrations.exceptions import IrreversibleError
from framework.db.migrations.operations.base import Operation
from framework.db.migrations.state import ProjectState

if TYPE_CHECKING:
    from framework.db.backends.base.schema import BaseDatabaseSchemaEditor

__all__ = ["Migration", "swappable_dependency"]

# Longer generated names fall back to auto_<timestamp>.
MAX_NAME_LENGTH = 52


class Migration:
    """A list of operations plus the migrations they must run after.

    ``atomic`` (default true) runs the whole migration in one transaction, so
    a failure leaves neither schema changes nor a record behind.
    """

    operations: list[Operation] = []
    dependencies: list[tuple[str, str]] = []
    run_before: list[tuple[str, str]] = []
    initial: bool | None = None
    atomic: bool = True

    def __init__(self, name: str, app_label: str) -> None:
        self.name = name
        self.app_label = app_label
        # Copies, so building or mutating one instance never touches the class.
        self.operations = list(type(self).operations)
        self.dependencies = list(type(self).dependencies)
        self.run_before = list(type(self).run_before)

    @property
    def key(self) -> tuple[str, str]:
        return (self.app_label, self.name)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Migration) and self.key == other.key

    def __hash__(self) -> int:
        return hash(self.key)

    def __repr__(self) -> str:
        return f"<Migration {self.app_label}.{self.name}>"

    def __str__(self) -> str:
        return f"{self.app_label}.{self.name}"

    def mutate_state(
        self, project_state: ProjectState, preserve: bool = True
    ) -> ProjectState:
        """Return the state after this migration's operations.

        With ``preserve`` the given state is copied first and left untouched.
        """
        state = project_state.clone() if preserve else project_state
        for operation in self.operations:
            operation.state_forwards(self.app_label, state)
        return state

    def apply(
        self,
        project_state: ProjectState,
        schema_editor: BaseDatabaseSchemaEditor,
        collect_sql: bool = False,
    ) -> ProjectState:
        """Run the operations forwards against the database; return the new state.

        ``project_state`` is mutated in place and returned.
        """
        for operation in self.operations:
            if collect_sql and not operation.reduces_to_sql:
                _comment_unsqlable(schema_editor, operation)
                operation.state_forwards(self.app_label, project_state)
                continue
            old_state = project_state.clone()
            operation.state_forwards(self.app_label, project_state)
            operation.database_forwards(
                self.app_label, schema_editor, old_state, project_state
            )
        return project_state

    def unapply(
        self,
        project_state: ProjectState,
        schema_editor: BaseDatabaseSchemaEditor,
        collect_sql: bool = False,
    ) -> ProjectState:
        """Undo the operations, last first; ``project_state`` is the state before."""
        steps: list[tuple[Operation, ProjectState, ProjectState]] = []
        state = project_state.clone()
        for operation in self.operations:
            if not operation.reversible:
                raise IrreversibleError(
                    f"Operation {operation.describe()!r} in {self} is not reversible; "
                    "give it a reverse (reverse_code / reverse_sql) or do not migrate "
                    "backwards past it."
                )
            before = state.clone()
            operation.state_forwards(self.app_label, state)
            steps.insert(0, (operation, before, state))
            state = state.clone()
        for operation, before, after in steps:
            if collect_sql and not operation.reduces_to_sql:
                _comment_unsqlable(schema_editor, operation)
                continue
            operation.database_backwards(self.app_label, schema_editor, after, before)
        return project_state

    def suggest_name(self) -> str:
        """Name this migration from its operations: 'initial', 'post_published'..."""
        if self.initial:
            return "initial"
        fragments = [op.migration_name_fragment for op in self.operations]
        if not fragments or any(f is None for f in fragments):
            return _auto_name()
        name = "_".join(f for f in fragments if f)
        return name if len(name) <= MAX_NAME_LENGTH else _auto_name()


def _auto_name() -> str:
    return "auto_" + datetime.now().strftime("%Y%m%d_%H%M")


def _comment_unsqlable(schema_editor: Any, operation: Operation) -> None:
    schema_editor.collected_sql.append(
        "-- MIGRATION NOW PERFORMS OPERATION THAT CANNOT BE WRITTEN AS SQL:"
    )
    schema_editor.collected_sql.append(f"-- {operation.describe()}")


def swappable_dependency(value: str) -> tuple[str, str]:
    """Depend on the first migration of the app holding the model ``value``."""
    return (value.split(".", 1)[0], "__first__")


_VALID_NAME = re.compile(r"^[A-Za-z_]\w*$")


def is_valid_name(name: str) -> bool:
    """Say whether ``name`` can be a migration module name."""
    return bool(_VALID_NAME.match(name))
