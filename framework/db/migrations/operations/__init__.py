"""Migration operations, re-exported for ``migrations.CreateModel`` and friends."""

from framework.db.migrations.operations.base import Operation
from framework.db.migrations.operations.fields import (
    AddField,
    AlterField,
    RemoveField,
    RenameField,
)
from framework.db.migrations.operations.indexes import (
    AddConstraint,
    AddIndex,
    RemoveConstraint,
    RemoveIndex,
)
from framework.db.migrations.operations.models import (
    AlterModelOptions,
    AlterModelTable,
    AlterUniqueTogether,
    CreateModel,
    DeleteModel,
    RenameModel,
)
from framework.db.migrations.operations.special import (
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
    "CreateModel",
    "DeleteModel",
    "Operation",
    "RemoveConstraint",
    "RemoveField",
    "RemoveIndex",
    "RenameField",
    "RenameModel",
    "RunPython",
    "RunSQL",
    "SeparateDatabaseAndState",
]
