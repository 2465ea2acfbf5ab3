"""``MigrationLoader``: find migration files on disk and build the graph.

For each installed app it imports ``<app>.migrations`` (or the module named
in ``settings.MIGRATION_MODULES``), builds one :class:`Migration` per module,
links them by their dependencies and reads which are applied from the
recorder. Apps with no migrations package are "unmigrated".
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from collections.abc import Iterable
from types import ModuleType
from typing import Any

from framework.apps import apps as global_apps
from framework.conf import settings
from framework.db.migrations.exceptions import (
    AmbiguityError,
    BadMigrationError,
    InconsistentMigrationHistory,
    NodeNotFoundError,
)
from framework.db.migrations.graph import Key, MigrationGraph
from framework.db.migrations.migration import Migration
from framework.db.migrations.recorder import MigrationRecorder
from framework.db.migrations.state import ProjectState

__all__ = ["MIGRATIONS_MODULE_NAME", "MigrationLoader"]

MIGRATIONS_MODULE_NAME = "migrations"


class MigrationLoader:
    """Load every app's migrations; know the graph and what is applied.

    ``connection`` may be None to work from disk only (makemigrations without a
    database).
    """

    def __init__(self, connection: Any | None, load: bool = True) -> None:
        self.connection = connection
        self.disk_migrations: dict[Key, Migration] = {}
        self.applied_migrations: set[Key] = set()
        self.migrated_apps: set[str] = set()
        self.unmigrated_apps: set[str] = set()
        self.graph = MigrationGraph()
        if load:
            self.build_graph()

    @staticmethod
    def migrations_module(app_label: str) -> str | None:
        """Return the dotted migrations module of an app (None: migrations off)."""
        overrides: dict[str, str | None] = (
            getattr(settings, "MIGRATION_MODULES", {}) or {}
        )
        if app_label in overrides:
            return overrides[app_label]
        config = global_apps.get_app_config(app_label)
        return f"{config.name}.{MIGRATIONS_MODULE_NAME}"

    def load_disk(self) -> None:
        """Import the migration modules of every installed app."""
        self.disk_migrations = {}
        self.migrated_apps = set()
        self.unmigrated_apps = set()
        importlib.invalidate_caches()
        for config in global_apps.get_app_configs():
            module = self._import_package(config.label)
            if module is None:
                self.unmigrated_apps.add(config.label)
                continue
            self.migrated_apps.add(config.label)
            for name in _migration_names(module):
                self.disk_migrations[(config.label, name)] = _load_migration(
                    module.__name__, name, config.label
                )

    def _import_package(self, app_label: str) -> ModuleType | None:
        dotted = self.migrations_module(app_label)
        if dotted is None:
            return None
        reload = dotted in sys.modules
        try:
            module = importlib.import_module(dotted)
        except ModuleNotFoundError as exc:
            if exc.name and dotted.startswith(exc.name):
                return None
            raise
        if not hasattr(module, "__path__"):
            return None  # a migrations.py module, not a package
        # Pick up files written since the package was first imported.
        return importlib.reload(module) if reload else module

    def build_graph(self) -> None:
        """Load from disk, link the graph, read applied migrations, validate."""
        self.load_disk()
        if self.connection is not None:
            self.applied_migrations = MigrationRecorder(
                self.connection
            ).applied_migrations()
        self.graph = MigrationGraph()
        for key, migration in self.disk_migrations.items():
            self.graph.add_node(key, migration)
        for key, migration in self.disk_migrations.items():
            for parent in migration.dependencies:
                resolved = self._resolve(key, parent)
                if resolved is not None:
                    self.graph.add_dependency(_label(key), key, resolved)
            for child in migration.run_before:
                resolved = self._resolve(key, child)
                if resolved is not None:
                    self.graph.add_dependency(_label(key), resolved, key)
        self.graph.ensure_not_cyclic()

    def _resolve(self, declaring: Key, target: tuple[str, str]) -> Key | None:
        """Turn ``__first__``/``__latest__`` into real keys; skip unmigrated apps."""
        app, name = target
        if name not in ("__first__", "__latest__"):
            return (app, name)
        if app in self.unmigrated_apps:
            return None
        nodes = (
            self.graph.root_nodes(app)
            if name == "__first__"
            else self.graph.leaf_nodes(app)
        )
        if not nodes:
            raise NodeNotFoundError(
                f"Migration {_label(declaring)} depends on app {app!r}, which has no "
                f"migrations. Run 'python manage.py makemigrations {app}' or add "
                f"{app!r} "
                "to INSTALLED_APPS.",
                (app, name),
            )
        return nodes[0]

    def get_migration(self, app_label: str, name: str) -> Migration:
        return self.graph.nodes[(app_label, name)]

    def get_migration_by_prefix(self, app_label: str, prefix: str) -> Migration:
        """Return the migration of ``app_label`` whose name starts with ``prefix``."""
        matches = sorted(
            key
            for key in self.disk_migrations
            if key[0] == app_label and key[1].startswith(prefix)
        )
        exact = (app_label, prefix)
        if exact in self.disk_migrations:
            return self.disk_migrations[exact]
        if len(matches) > 1:
            names = ", ".join(name for _, name in matches)
            raise AmbiguityError(
                f"More than one migration matches {prefix!r} in app {app_label!r} "
                f"({names}). Give more of the name."
            )
        if not matches:
            known = sorted(n for (a, n) in self.disk_migrations if a == app_label)
            raise KeyError(
                f"Cannot find a migration matching {prefix!r} in app {app_label!r}. "
                f"Its migrations are: {', '.join(known) or 'none'}."
            )
        return self.disk_migrations[matches[0]]

    def check_consistent_history(self) -> None:
        """Raise if an applied migration has a parent that is not applied."""
        for key in sorted(self.applied_migrations):
            if key not in self.graph.nodes:
                continue
            for parent in sorted(self.graph.node_map[key].parents):
                if parent not in self.applied_migrations:
                    raise InconsistentMigrationHistory(
                        f"Migration {_label(key)} is applied before its dependency "
                        f"{_label(parent)} on database "
                        f"{getattr(self.connection, 'alias', 'default')!r}. Apply "
                        f"{_label(parent)} with 'migrate --fake' if its changes are "
                        "already in the database, or rebuild the database."
                    )

    def detect_conflicts(self) -> dict[str, list[str]]:
        """Return apps with more than one leaf migration, and those leaves."""
        conflicts: dict[str, list[str]] = {}
        for app in sorted({key[0] for key in self.graph.nodes}):
            leaves = self.graph.leaf_nodes(app)
            if len(leaves) > 1:
                conflicts[app] = [name for _, name in leaves]
        return conflicts

    def project_state(
        self, nodes: Iterable[Key] | None = None, at_end: bool = True
    ) -> ProjectState:
        """Return the state after ``nodes`` (default: every leaf).

        Models of unmigrated apps render as they are now (``real_apps``), so
        relations to them work.
        """
        return self.graph.make_state(nodes, at_end, real_apps=self.unmigrated_apps)


def conflict_message(conflicts: dict[str, list[str]]) -> str:
    """Return the error shown when apps have several leaf migrations."""
    parts = "; ".join(
        f"{', '.join(names)} in {app}" for app, names in conflicts.items()
    )
    return (
        "Conflicting migrations detected; multiple leaf nodes in the migration graph: "
        f"({parts}). To fix them run 'python manage.py makemigrations --merge'"
    )


def _migration_names(module: ModuleType) -> list[str]:
    return sorted(
        info.name
        for info in pkgutil.iter_modules(module.__path__)
        if not info.ispkg and info.name[0] not in "_~"
    )


def _load_migration(package: str, name: str, app_label: str) -> Migration:
    module = importlib.import_module(f"{package}.{name}")
    migration_class = getattr(module, "Migration", None)
    if not (
        isinstance(migration_class, type) and issubclass(migration_class, Migration)
    ):
        raise BadMigrationError(
            f"Migration {name} in app {app_label!r} has no Migration class. Define "
            "'class Migration(migrations.Migration)' in it, or delete the file."
        )
    return migration_class(name, app_label)


def _label(key: Key) -> str:
    return f"{key[0]}.{key[1]}"
