"""``Operation``: the base of every migration step.

Each operation does three things: ``state_forwards`` changes the in-memory
project state, ``database_forwards``/``database_backwards`` change the
database through a schema editor using historical models rendered from the
states before and after. ``deconstruct`` returns what the writer needs to put
the operation back into a migration file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from framework.db.migrations.state import ProjectState

__all__ = ["Operation", "SchemaEditor", "allow_migrate_model"]

# The schema editor comes from the database backend; operations only call the
# methods the backend contract names, so they take it untyped.
SchemaEditor = Any


class Operation:
    """One step of a migration; subclasses implement the hooks below."""

    # Whether database_backwards() can undo database_forwards().
    reversible = True
    # Whether sqlmigrate can show the step as SQL (RunPython cannot).
    reduces_to_sql = True
    # Whether the step runs in its own transaction inside a non-atomic migration.
    atomic = False
    # Whether squashing may drop the step.
    elidable = False

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        """Return ``(class name, args, kwargs)`` that rebuild this operation."""
        raise NotImplementedError(f"{type(self).__name__} must define deconstruct().")

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        """Apply this step to ``state`` in place."""
        raise NotImplementedError(
            f"{type(self).__name__} must define state_forwards()."
        )

    def database_forwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        """Change the database from ``from_state`` to ``to_state``."""
        raise NotImplementedError(
            f"{type(self).__name__} must define database_forwards()."
        )

    def database_backwards(
        self,
        app_label: str,
        schema_editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        """Undo the step: ``from_state`` is after it, ``to_state`` before it."""
        raise NotImplementedError(
            f"{type(self).__name__} must define database_backwards()."
        )

    def describe(self) -> str:
        """Return a one-line human description ("Create model Post")."""
        return f"{type(self).__name__}: {self.deconstruct()[2]}"

    @property
    def migration_name_fragment(self) -> str | None:
        """Return a short name for migrations made of this step, or None."""
        return None

    def references_model(self, name: str, app_label: str) -> bool:
        """Say whether this step may touch ``app_label.name`` (conservative)."""
        return True

    def __repr__(self) -> str:
        name, args, kwargs = self.deconstruct()
        parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
        return f"<{name} {', '.join(parts)}>"


def allow_migrate_model(schema_editor: SchemaEditor, model: Any) -> bool:
    """Say whether the database should be changed for ``model`` (managed only)."""
    meta = model._meta
    return bool(getattr(meta, "managed", True)) and not getattr(meta, "proxy", False)
