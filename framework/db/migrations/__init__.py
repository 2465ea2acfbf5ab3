"""Schema migrations: files describing each model change, and what runs them.

Migration files use ``from framework.db import migrations, models`` and
subclass :class:`Migration`; the operations below are what they list.
"""

from framework.db.migrations.exceptions import (
    AmbiguityError,
    BadMigrationError,
    CircularDependencyError,
    InconsistentMigrationHistory,
    InvalidMigrationPlan,
    IrreversibleError,
    MigrationError,
    MigrationSchemaMissing,
    NodeNotFoundError,
    QuestionerAbort,
)
from framework.db.migrations.migration import Migration, swappable_dependency
from framework.db.migrations.operations import (
    AddConstraint,
    AddField,
    AddIndex,
    AlterField,
    AlterModelOptions,
    AlterModelTable,
    AlterUniqueTogether,
    CreateModel,
    DeleteModel,
    Operation,
    RemoveConstraint,
    RemoveField,
    RemoveIndex,
    RenameField,
    RenameModel,
    RunPython,
    RunSQL,
    SeparateDatabaseAndState,
)

__all__ = [
    "AddConstraint",
    "AddField",
    "AddIndex",
    "AlterField",
    "AlterModelOptions",
    "AlterModelTable",
    "AlterUniqueTogether",
    "AmbiguityError",
    "BadMigrationError",
    "CircularDependencyError",
    "CreateModel",
    "DeleteModel",
    "InconsistentMigrationHistory",
    "InvalidMigrationPlan",
    "IrreversibleError",
    "Migration",
    "MigrationError",
    "MigrationSchemaMissing",
    "NodeNotFoundError",
    "Operation",
    "QuestionerAbort",
    "RemoveConstraint",
    "RemoveField",
    "RemoveIndex",
    "RenameField",
    "RenameModel",
    "RunPython",
    "RunSQL",
    "SeparateDatabaseAndState",
    "swappable_dependency",
]
