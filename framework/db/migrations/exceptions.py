"""Every exception the migration system raises, in one tree.

::

    MigrationError
    ├── BadMigrationError             a migrations module has no Migration class
    ├── AmbiguityError                a name prefix matches several migrations
    ├── NodeNotFoundError             a dependency names a migration that is not there
    ├── CircularDependencyError       the dependency graph has a cycle
    ├── InconsistentMigrationHistory  an applied migration's parent is not applied
    ├── InvalidMigrationPlan          a plan mixes forwards and backwards steps
    ├── IrreversibleError             an operation cannot be undone
    ├── MigrationSchemaMissing        the framework_migrations table cannot be made
    └── QuestionerAbort               a question needs an answer nobody can give

Commands turn these into ``CommandError`` with the same message.
"""

from __future__ import annotations

__all__ = [
    "AmbiguityError",
    "BadMigrationError",
    "CircularDependencyError",
    "InconsistentMigrationHistory",
    "InvalidMigrationPlan",
    "IrreversibleError",
    "MigrationError",
    "MigrationSchemaMissing",
    "NodeNotFoundError",
    "QuestionerAbort",
]


class MigrationError(Exception):
    """Base of the migration errors; the message names the fix."""


class BadMigrationError(MigrationError):
    """A module in a migrations package does not define ``Migration``."""


class AmbiguityError(MigrationError):
    """A migration name prefix matches more than one migration."""


class NodeNotFoundError(MigrationError):
    """A migration or dependency refers to a migration that does not exist."""

    def __init__(self, message: str, node: tuple[str, str]) -> None:
        super().__init__(message)
        self.node = node


class CircularDependencyError(MigrationError):
    """Migration dependencies form a cycle."""


class InconsistentMigrationHistory(MigrationError):
    """A migration is recorded as applied but one of its parents is not."""


class InvalidMigrationPlan(MigrationError):
    """A plan would both apply and unapply migrations."""


class IrreversibleError(MigrationError):
    """An operation has no backwards step."""


class MigrationSchemaMissing(MigrationError):
    """The table recording applied migrations could not be created."""


class QuestionerAbort(MigrationError):
    """A change needs a decision (such as a default) and no one can be asked."""
