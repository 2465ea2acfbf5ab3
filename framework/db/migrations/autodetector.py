"""``MigrationAutodetector``: compare two project states and write the steps between.

The old state comes from the migration files, the new one from the models.
Each app with changes gets one new migration. Order inside a migration:
created models (related ones first), renamed fields, removals of indexes,
constraints and unique_together groups, removed fields, added and altered
fields, deleted models, then table/option changes and new indexes and
constraints. Relations to another app's model add a dependency on that app's
new migration, or on its latest one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from framework.db.migrations.exceptions import CircularDependencyError
from framework.db.migrations.graph import MigrationGraph
from framework.db.migrations.migration import Migration
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
)
from framework.db.migrations.operations.models import ALTER_OPTION_KEYS
from framework.db.migrations.questioner import MigrationQuestioner
from framework.db.migrations.state import ModelState, ProjectState, related_label
from framework.db.models.fields import NOT_PROVIDED

__all__ = ["MigrationAutodetector", "field_shape"]

ModelKey = tuple[str, str]
# A dependency: (app_label, migration name), "__new__" meaning this run's migration.
Dep = tuple[str, str]
NEW = "__new__"

# Buckets, in the order their operations appear in a migration.
_PHASES = ("create", "rename", "unconstrain", "remove", "field", "delete", "options")


def field_shape(field: Any) -> tuple[Any, ...]:
    """Return what identifies a field definition (path, args, kwargs)."""
    _, path, args, kwargs = field.deconstruct()
    if isinstance(kwargs.get("to"), str):
        kwargs["to"] = kwargs["to"].lower()
    return (path, args, sorted(kwargs.items(), key=lambda kv: kv[0]))


class MigrationAutodetector:
    """Work out the operations that turn ``from_state`` into ``to_state``."""

    def __init__(
        self,
        from_state: ProjectState,
        to_state: ProjectState,
        questioner: MigrationQuestioner | None = None,
    ) -> None:
        self.from_state = from_state
        self.to_state = to_state
        self.questioner = questioner or MigrationQuestioner()
        self._ops: dict[str, dict[str, list[Operation]]] = {}
        self._deps: dict[str, set[Dep]] = {}
        self._graph = MigrationGraph()

    def changes(
        self,
        graph: MigrationGraph,
        trim_to_apps: Iterable[str] | None = None,
        migration_name: str | None = None,
    ) -> dict[str, list[Migration]]:
        """Return ``{app_label: [new Migration]}`` for every app with changes."""
        self._graph = graph
        self._detect()
        changes = self._build(graph, migration_name)
        if trim_to_apps is not None:
            changes = _trim(changes, set(trim_to_apps))
        return changes

    # -- detection -------------------------------------------------------------

    def _detect(self) -> None:
        old, new = set(self.from_state.models), set(self.to_state.models)
        self._create_models(sorted(new - old))
        for key in sorted(old & new):
            self._compare_model(self.from_state.models[key], self.to_state.models[key])
        self._delete_models(sorted(old - new))

    def _add(self, app: str, phase: str, operation: Operation) -> None:
        self._ops.setdefault(app, {}).setdefault(phase, []).append(operation)

    def _depend_on_target(self, app: str, field: Any) -> None:
        """Record the dependency a relation field creates on another app."""
        label = related_label(field)
        if not label or "." not in label:
            return
        target_app, target_model = label.split(".", 1)
        if target_app == app:
            return
        target = (target_app, target_model)
        if target in self.to_state.models and target not in self.from_state.models:
            self._deps.setdefault(app, set()).add((target_app, NEW))
            return
        leaves = self._graph.leaf_nodes(target_app)
        if leaves:
            self._deps.setdefault(app, set()).add(leaves[-1])

    def _create_models(self, keys: list[ModelKey]) -> None:
        by_app: dict[str, list[ModelKey]] = {}
        for key in keys:
            by_app.setdefault(key[0], []).append(key)
        for app, app_keys in by_app.items():
            order, deferred = _creation_order(
                app, [self.to_state.models[k] for k in app_keys]
            )
            for state in order:
                self._create_model(state, deferred.get(state.key, set()))
            for state in order:
                for name in sorted(deferred.get(state.key, set())):
                    field = state.fields[name].clone()
                    self._add(app, "field", AddField(state.name, name, field))

    def _create_model(self, state: ModelState, deferred: set[str]) -> None:
        # Indexes and constraints go in the options, so create_model makes them
        # with the table.
        options = {k: v for k, v in state.options.items() if v or k == "managed"}
        fields = [
            (name, field.clone())
            for name, field in state.fields.items()
            if name not in deferred
        ]
        for _, field in fields:
            self._depend_on_target(state.app_label, field)
        self._add(
            state.app_label, "create", CreateModel(state.name, fields, options or None)
        )

    def _delete_models(self, keys: list[ModelKey]) -> None:
        deleted = set(keys)
        # Models pointing at other deleted models go first.
        ordered = sorted(
            keys,
            key=lambda k: (
                -sum(
                    1
                    for f in self.from_state.models[k].fields.values()
                    if _key_of(related_label(f)) in deleted - {k}
                )
            ),
        )
        for key in ordered:
            state = self.from_state.models[key]
            self._add(key[0], "delete", DeleteModel(state.name))
            label = f"{key[0]}.{key[1]}"
            for other_app in self._ops:
                if other_app != key[0] and self._references(other_app, label):
                    self._deps.setdefault(key[0], set()).add((other_app, NEW))

    def _references(self, app: str, label: str) -> bool:
        return any(
            related_label(state.fields[name]) == label
            for (a, _), state in self.from_state.models.items()
            if a == app
            for name in state.fields
        )

    def _compare_model(self, old: ModelState, new: ModelState) -> None:
        removed_fields = self._compare_fields(old, new)
        self._compare_options(old, new, removed_fields)

    def _compare_fields(self, old: ModelState, new: ModelState) -> set[str]:
        app = new.app_label
        added = [n for n in new.fields if n not in old.fields]
        removed = [n for n in old.fields if n not in new.fields]
        for name in list(added):
            renamed_from = self._find_rename(old, new, name, removed)
            if renamed_from is not None:
                added.remove(name)
                removed.remove(renamed_from)
                self._add(app, "rename", RenameField(new.name, renamed_from, name))
        for name in removed:
            self._add(app, "remove", RemoveField(new.name, name))
        for name in added:
            self._add_field(new, name)
        for name in new.fields:
            if name in old.fields:
                self._alter_field(old, new, name)
        return set(removed)

    def _find_rename(
        self, old: ModelState, new: ModelState, name: str, removed: list[str]
    ) -> str | None:
        shape = field_shape(new.fields[name])
        for old_name in removed:
            if field_shape(
                old.fields[old_name]
            ) == shape and self.questioner.ask_rename(
                new.name, old_name, name, new.fields[name]
            ):
                return old_name
        return None

    def _add_field(self, model: ModelState, name: str) -> None:
        field = model.fields[name].clone()
        self._depend_on_target(model.app_label, field)
        needs_default = not (
            field.null
            or field.has_default()
            or getattr(field, "many_to_many", False)
            or getattr(field, "auto_now", False)
            or getattr(field, "auto_now_add", False)
        )
        if needs_default:
            field.default = self.questioner.ask_not_null_addition(name, model.name)
            self._add(
                model.app_label, "field", AddField(model.name, name, field, False)
            )
        else:
            self._add(model.app_label, "field", AddField(model.name, name, field))

    def _alter_field(self, old: ModelState, new: ModelState, name: str) -> None:
        old_field, new_field = old.fields[name], new.fields[name]
        if field_shape(old_field) == field_shape(new_field):
            return
        app = new.app_label
        if getattr(old_field, "many_to_many", False) != getattr(
            new_field, "many_to_many", False
        ):
            self._add(app, "remove", RemoveField(new.name, name))
            self._add_field(new, name)
            return
        field = new_field.clone()
        self._depend_on_target(app, field)
        if old_field.null and not field.null and not field.has_default():
            default = self.questioner.ask_not_null_alteration(name, new.name)
            if default is not NOT_PROVIDED:
                field.default = default
                self._add(app, "field", AlterField(new.name, name, field, False))
                return
        self._add(app, "field", AlterField(new.name, name, field))

    def _compare_options(
        self, old: ModelState, new: ModelState, removed_fields: set[str]
    ) -> None:
        app, name = new.app_label, new.name
        if old.options.get("db_table") != new.options.get("db_table"):
            self._add(
                app, "options", AlterModelTable(name, new.options.get("db_table"))
            )
        old_opts = {k: old.options[k] for k in ALTER_OPTION_KEYS if k in old.options}
        new_opts = {k: new.options[k] for k in ALTER_OPTION_KEYS if k in new.options}
        if old_opts != new_opts:
            self._add(app, "options", AlterModelOptions(name, new_opts))
        old_ut = tuple(old.options.get("unique_together") or ())
        new_ut = tuple(new.options.get("unique_together") or ())
        if old_ut != new_ut:
            touches_removed = any(set(g) & removed_fields for g in old_ut)
            phase = "unconstrain" if touches_removed else "options"
            self._add(app, phase, AlterUniqueTogether(name, new_ut))
        self._compare_named(old, new, "indexes", AddIndex, RemoveIndex)
        self._compare_named(old, new, "constraints", AddConstraint, RemoveConstraint)

    def _compare_named(
        self, old: ModelState, new: ModelState, key: str, add: Any, remove: Any
    ) -> None:
        old_items = {i.name: i for i in old.options[key]}
        new_items = {i.name: i for i in new.options[key]}
        for item_name, item in old_items.items():
            other = new_items.get(item_name)
            if other is None or other.deconstruct() != item.deconstruct():
                self._add(new.app_label, "unconstrain", remove(new.name, item_name))
        for item_name, item in new_items.items():
            other = old_items.get(item_name)
            if other is None or other.deconstruct() != item.deconstruct():
                self._add(new.app_label, "options", add(new.name, item))

    # -- building migrations --------------------------------------------------

    def _build(
        self, graph: MigrationGraph, migration_name: str | None
    ) -> dict[str, list[Migration]]:
        migrations: dict[str, Migration] = {}
        for app in sorted(self._ops):
            operations = [
                op for phase in _PHASES for op in self._ops[app].get(phase, [])
            ]
            if not operations:
                continue
            leaves = graph.leaf_nodes(app)
            if not leaves and not self.questioner.ask_initial(app):
                continue
            migration = Migration("auto", app)
            migration.operations = operations
            migration.initial = not leaves
            migration.dependencies = [leaves[-1]] if leaves else []
            number = _next_number(leaves[-1][1]) if leaves else 1
            name = migration_name or migration.suggest_name()
            migration.name = f"{number:04d}_{name}"
            migrations[app] = migration
        for app, migration in migrations.items():
            for dep_app, dep_name in sorted(self._deps.get(app, set())):
                if dep_name != NEW:
                    migration.dependencies.append((dep_app, dep_name))
                elif dep_app in migrations:
                    migration.dependencies.append((dep_app, migrations[dep_app].name))
            migration.dependencies = sorted(set(migration.dependencies))
        _check_no_cycle(migrations)
        return {app: [migration] for app, migration in migrations.items()}


def _creation_order(
    app: str, states: list[ModelState]
) -> tuple[list[ModelState], dict[ModelKey, set[str]]]:
    """Order new models so targets come first; defer fields that close a cycle."""
    pending = {s.key: s for s in states}
    order: list[ModelState] = []
    deferred: dict[ModelKey, set[str]] = {}
    done: set[ModelKey] = set()

    def blockers(state: ModelState) -> dict[str, ModelKey]:
        found = {}
        for name, field in state.fields.items():
            target = _key_of(related_label(field))
            if target in pending and target != state.key and target not in done:
                found[name] = target
        return found

    while pending:
        ready = [s for s in pending.values() if not blockers(s)]
        if not ready:
            # A cycle of relations: create one model now, add its links later.
            state = pending[min(pending)]
            deferred[state.key] = set(blockers(state))
            ready = [state]
        for state in sorted(ready, key=lambda s: s.key):
            order.append(state)
            done.add(state.key)
            del pending[state.key]
    return order, deferred


def _key_of(label: str | None) -> ModelKey | None:
    if not label or "." not in label:
        return None
    app, model = label.split(".", 1)
    return (app, model)


def _next_number(name: str) -> int:
    digits = ""
    for char in name:
        if not char.isdigit():
            break
        digits += char
    return int(digits) + 1 if digits else 1


def _trim(
    changes: dict[str, list[Migration]], apps: set[str]
) -> dict[str, list[Migration]]:
    """Keep the requested apps and the new migrations they depend on."""
    wanted = set(apps)
    queue = list(apps)
    while queue:
        app = queue.pop()
        for migration in changes.get(app, []):
            for dep_app, _ in migration.dependencies:
                if dep_app in changes and dep_app not in wanted:
                    wanted.add(dep_app)
                    queue.append(dep_app)
    return {app: ms for app, ms in changes.items() if app in wanted}


def _check_no_cycle(migrations: dict[str, Migration]) -> None:
    graph = MigrationGraph()
    for migration in migrations.values():
        graph.add_node(migration.key, migration)
    for migration in migrations.values():
        for dep in migration.dependencies:
            if dep in graph.node_map:
                graph.add_dependency(str(migration), migration.key, dep)
    try:
        graph.ensure_not_cyclic()
    except CircularDependencyError as exc:
        raise CircularDependencyError(
            f"{exc} The new models relate to each other across apps; run "
            "makemigrations for one app first, then add the relation in the other."
        ) from None
