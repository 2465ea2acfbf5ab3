"""What the migration commands work out before they act.

Resolving command-line app labels and targets, the current project state,
empty and merge migrations, and whether models have unmigrated changes live
here so each command's ``handle()`` stays a few lines of calls.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from framework.apps import apps as global_apps
from framework.db.migrations.autodetector import MigrationAutodetector
from framework.db.migrations.exceptions import MigrationError
from framework.db.migrations.executor import Plan, Target
from framework.db.migrations.graph import MigrationGraph
from framework.db.migrations.loader import MigrationLoader
from framework.db.migrations.migration import Migration, is_valid_name
from framework.db.migrations.questioner import MigrationQuestioner
from framework.db.migrations.state import ProjectState

__all__ = [
    "current_state",
    "describe_plan",
    "empty_migrations",
    "merge_migrations",
    "pending_changes",
    "resolve_targets",
    "show_list",
    "show_plan",
    "validate_app_labels",
    "validate_name",
]


def validate_app_labels(labels: Iterable[str]) -> list[str]:
    """Return the labels, raising MigrationError for any not installed."""
    labels = list(dict.fromkeys(labels))
    for label in labels:
        try:
            global_apps.get_app_config(label)
        except LookupError as exc:
            raise MigrationError(
                f"App '{label}' could not be found. Is it in INSTALLED_APPS? ({exc})"
            ) from None
    return labels


def validate_name(name: str | None) -> None:
    if name is not None and not is_valid_name(name):
        raise MigrationError(
            f"The migration name {name!r} is not a valid Python identifier; use "
            "letters, digits and underscores, e.g. --name add_slug."
        )


def current_state() -> ProjectState:
    """Return the state of the models as they are in the code now."""
    return ProjectState.from_apps(global_apps)


def resolve_targets(
    loader: MigrationLoader, app_label: str | None, name: str | None
) -> list[Target]:
    """Turn ``migrate [app [name|zero]]`` arguments into executor targets."""
    if app_label is None:
        return list(loader.graph.leaf_nodes())
    validate_app_labels([app_label])
    if app_label not in loader.migrated_apps:
        raise MigrationError(
            f"App '{app_label}' does not have migrations. Run 'python manage.py "
            f"makemigrations {app_label}' first."
        )
    if name is None:
        return list(loader.graph.leaf_nodes(app_label))
    if name == "zero":
        return [(app_label, None)]
    try:
        migration = loader.get_migration_by_prefix(app_label, name)
    except KeyError:
        raise MigrationError(
            f"Cannot find a migration matching '{name}' from app '{app_label}'. Run "
            f"'python manage.py showmigrations {app_label}' to list its migrations."
        ) from None
    return [migration.key]


def describe_plan(plan: Plan) -> list[str]:
    """Return the lines ``migrate --plan`` prints."""
    if not plan:
        return ["  No planned migration operations."]
    lines: list[str] = []
    for migration, backwards in plan:
        lines.append(f"  {migration}")
        operations = (
            reversed(migration.operations) if backwards else migration.operations
        )
        for operation in operations:
            text = operation.describe()
            if backwards:
                if not operation.reversible:
                    text = f"{text} (IRREVERSIBLE)"
                text = f"Undo {text}"
            lines.append(f"    {text}")
    return lines


class _LenientQuestioner(MigrationQuestioner):
    """Answers that never stop detection: a placeholder default for new fields."""

    def ask_not_null_addition(self, field_name: str, model_name: str) -> Any:
        return None


def pending_changes(loader: MigrationLoader) -> list[str]:
    """Return the migrated apps whose models changed since their last migration."""
    questioner = _LenientQuestioner(migrations_module=MigrationLoader.migrations_module)
    detector = MigrationAutodetector(
        loader.project_state(), current_state(), questioner
    )
    changes = detector.changes(loader.graph, trim_to_apps=loader.migrated_apps)
    return sorted(changes)


def empty_migrations(
    loader: MigrationLoader, labels: list[str], name: str | None
) -> dict[str, list[Migration]]:
    """Return one empty migration per app, for hand-written operations."""
    validate_name(name)
    if not labels:
        raise MigrationError(
            "makemigrations --empty needs at least one app label, e.g. "
            "'makemigrations --empty blog'."
        )
    changes: dict[str, list[Migration]] = {}
    for label in labels:
        leaves = loader.graph.leaf_nodes(label)
        migration = Migration("custom", label)
        migration.initial = not leaves
        migration.dependencies = [leaves[-1]] if leaves else []
        number = _number_after(leaves)
        suffix = name or ("initial" if not leaves else f"auto_{_stamp()}")
        migration.name = f"{number:04d}_{suffix}"
        changes[label] = [migration]
    return changes


def merge_migrations(
    loader: MigrationLoader,
    conflicts: dict[str, list[str]],
    questioner: MigrationQuestioner,
    name: str | None,
) -> dict[str, list[Migration]]:
    """Return a merge migration depending on every leaf, for each conflicting app."""
    validate_name(name)
    changes: dict[str, list[Migration]] = {}
    for label, leaf_names in conflicts.items():
        if not questioner.ask_merge(label):
            continue
        leaves = [(label, leaf) for leaf in leaf_names]
        migration = Migration("merge", label)
        migration.dependencies = leaves
        suffix = name or "merge_" + "_".join(sorted(leaf_names))
        if len(suffix) > 52:
            suffix = f"merge_{_stamp()}"
        migration.name = f"{_number_after(leaves):04d}_{suffix}"
        changes[label] = [migration]
    return changes


def _number_after(leaves: list[tuple[str, str]]) -> int:
    numbers = [
        int(n.split("_", 1)[0]) for _, n in leaves if n.split("_", 1)[0].isdigit()
    ]
    return max(numbers, default=0) + 1


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d_%H%M")


def show_list(loader: MigrationLoader, labels: list[str]) -> list[str]:
    """Return the lines of ``showmigrations``: each app and its [X]/[ ] migrations."""
    graph: MigrationGraph = loader.graph
    lines: list[str] = []
    wanted = labels or sorted(c.label for c in global_apps.get_app_configs())
    for label in wanted:
        lines.append(label)
        keys = _app_plan(graph, label)
        if not keys:
            lines.append(" (no migrations)")
        for key in keys:
            mark = "X" if key in loader.applied_migrations else " "
            lines.append(f" [{mark}] {key[1]}")
    return lines


def show_plan(loader: MigrationLoader, labels: list[str], verbosity: int) -> list[str]:
    """Return the lines of ``showmigrations --plan``, in apply order."""
    graph = loader.graph
    order: list[tuple[str, str]] = []
    leaves = [k for k in graph.leaf_nodes() if not labels or k[0] in labels]
    for leaf in leaves:
        order += [k for k in graph.forwards_plan(leaf) if k not in order]
    lines: list[str] = []
    for key in order:
        mark = "X" if key in loader.applied_migrations else " "
        line = f"[{mark}]  {key[0]}.{key[1]}"
        parents = sorted(graph.node_map[key].parents)
        if verbosity >= 2 and parents:
            line += " ... (" + ", ".join(f"{a}.{n}" for a, n in parents) + ")"
        lines.append(line)
    return lines or ["(no migrations)"]


def _app_plan(graph: MigrationGraph, label: str) -> list[tuple[str, str]]:
    keys: list[tuple[str, str]] = []
    for leaf in graph.leaf_nodes(label):
        keys += [
            k for k in graph.forwards_plan(leaf) if k[0] == label and k not in keys
        ]
    return keys
