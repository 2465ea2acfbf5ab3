"""Operations that run the user's code: RunPython, RunSQL, SeparateDatabaseAndState."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import sqlparse

from framework.db import transaction
from framework.db.migrations.operations.base import Operation, SchemaEditor
from framework.db.migrations.state import ProjectState

__all__ = ["RunPython", "RunSQL", "SeparateDatabaseAndState"]

# RunPython code receives (apps, schema_editor): historical models and the editor.
PythonCode = Callable[[Any, Any], Any]
# RunSQL accepts one string, or a list of strings and (sql, params) pairs.
SQL = str | Sequence[str | tuple[str, Sequence[Any]]]


class RunPython(Operation):
    """Run a function with historical models: ``code(apps, schema_editor)``.

    Use ``apps.get_model("blog", "Post")``, never an import of the current
    model, so the migration keeps working after the model changes.
    """

    reduces_to_sql = False

    def __init__(
        self,
        code: PythonCode,
        reverse_code: PythonCode | None = None,
        atomic: bool | None = None,
        elidable: bool = False,
    ) -> None:
        for label, func in (("code", code), ("reverse_code", reverse_code)):
            if func is not None and not callable(func):
                raise TypeError(f"RunPython {label} must be callable, got {func!r}.")
        self.code = code
        self.reverse_code = reverse_code
        self.atomic = bool(atomic) if atomic is not None else True
        self._atomic_given = atomic
        self.elidable = elidable

    @property
    def reversible(self) -> bool:  # type: ignore[override]
        return self.reverse_code is not None

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        kwargs: dict[str, Any] = {"code": self.code}
        if self.reverse_code is not None:
            kwargs["reverse_code"] = self.reverse_code
        if self._atomic_given is not None:
            kwargs["atomic"] = self._atomic_given
        if self.elidable:
            kwargs["elidable"] = True
        return ("RunPython", [], kwargs)

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        """Python code changes data, never the state."""

    def database_forwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        self._run(self.code, schema_editor, from_state)

    def database_backwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        if self.reverse_code is None:
            raise NotImplementedError("This RunPython has no reverse_code.")
        self._run(self.reverse_code, schema_editor, to_state)

    def _run(
        self, code: PythonCode, schema_editor: SchemaEditor, state: ProjectState
    ) -> None:
        connection = schema_editor.connection
        # In a non-atomic migration, an atomic RunPython still gets a transaction.
        if self.atomic and not connection.in_atomic_block:
            with transaction.atomic(using=connection.alias):
                code(state.apps, schema_editor)
        else:
            code(state.apps, schema_editor)

    def describe(self) -> str:
        return "Raw Python operation"

    @staticmethod
    def noop(apps: Any, schema_editor: Any) -> None:
        """Do nothing: a reverse_code that makes a data migration reversible."""


class RunSQL(Operation):
    """Run raw SQL forwards (``sql``) and backwards (``reverse_sql``)."""

    noop = ""

    def __init__(
        self,
        sql: SQL,
        reverse_sql: SQL | None = None,
        state_operations: Sequence[Operation] | None = None,
        elidable: bool = False,
    ) -> None:
        self.sql = sql
        self.reverse_sql = reverse_sql
        self.state_operations = list(state_operations or [])
        self.elidable = elidable

    @property
    def reversible(self) -> bool:  # type: ignore[override]
        return self.reverse_sql is not None

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        kwargs: dict[str, Any] = {"sql": self.sql}
        if self.reverse_sql is not None:
            kwargs["reverse_sql"] = self.reverse_sql
        if self.state_operations:
            kwargs["state_operations"] = self.state_operations
        if self.elidable:
            kwargs["elidable"] = True
        return ("RunSQL", [], kwargs)

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        for operation in self.state_operations:
            operation.state_forwards(app_label, state)

    def database_forwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        run_sql(schema_editor, self.sql)

    def database_backwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        if self.reverse_sql is None:
            raise NotImplementedError("This RunSQL has no reverse_sql.")
        run_sql(schema_editor, self.reverse_sql)

    def describe(self) -> str:
        return "Raw SQL operation"


def run_sql(schema_editor: SchemaEditor, sql: SQL) -> None:
    """Execute each statement of ``sql``; plain strings are split on ``;``."""
    items = [sql] if isinstance(sql, str) else list(sql)
    for item in items:
        if isinstance(item, str):
            for statement in sqlparse.split(item):
                text = statement.strip().rstrip(";").strip()
                if text and not _only_comments(text):
                    schema_editor.execute(text, params=None)
        else:
            statement, params = item
            schema_editor.execute(statement, params=params)


def _only_comments(text: str) -> bool:
    return all(
        not line.strip() or line.strip().startswith("--") for line in text.splitlines()
    )


class SeparateDatabaseAndState(Operation):
    """Run some operations on the database and others on the state only."""

    def __init__(
        self,
        database_operations: Sequence[Operation] | None = None,
        state_operations: Sequence[Operation] | None = None,
    ) -> None:
        self.database_operations = list(database_operations or [])
        self.state_operations = list(state_operations or [])

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        kwargs: dict[str, Any] = {}
        if self.database_operations:
            kwargs["database_operations"] = self.database_operations
        if self.state_operations:
            kwargs["state_operations"] = self.state_operations
        return ("SeparateDatabaseAndState", [], kwargs)

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        for operation in self.state_operations:
            operation.state_forwards(app_label, state)

    def database_forwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        state = from_state.clone()
        for operation in self.database_operations:
            before = state.clone()
            operation.state_forwards(app_label, state)
            operation.database_forwards(app_label, schema_editor, before, state)

    def database_backwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        steps: list[tuple[Operation, ProjectState, ProjectState]] = []
        state = to_state.clone()
        for operation in self.database_operations:
            before = state.clone()
            operation.state_forwards(app_label, state)
            steps.insert(0, (operation, before, state.clone()))
        for operation, before, after in steps:
            operation.database_backwards(app_label, schema_editor, after, before)

    def describe(self) -> str:
        return "Custom state/database change combination"
