"""``MigrationExecutor``: plan and run migrations against one connection.

A plan is a list of ``(migration, backwards)`` pairs. Each migration runs in
one transaction (unless it sets ``atomic = False``): the schema changes and
the framework_migrations record commit together or not at all.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from framework.db import transaction
from framework.db.migrations.exceptions import InvalidMigrationPlan
from framework.db.migrations.graph import Key
from framework.db.migrations.loader import MigrationLoader
from framework.db.migrations.migration import Migration
from framework.db.migrations.recorder import MigrationRecorder
from framework.db.migrations.state import ProjectState

__all__ = ["MigrationExecutor", "Plan", "Target"]

# (app_label, name), or (app_label, None) for "zero": unapply the whole app.
Target = tuple[str, str | None]
Plan = list[tuple[Migration, bool]]
# progress(action, migration, fake): action is apply_start/apply_success/unapply_*.
Progress = Callable[[str, Migration | None, bool], None]


class MigrationExecutor:
    """Bring a database to target migrations, forwards or backwards."""

    def __init__(
        self, connection: Any, progress_callback: Progress | None = None
    ) -> None:
        self.connection = connection
        self.loader = MigrationLoader(connection)
        self.recorder = MigrationRecorder(connection)
        self.progress_callback = progress_callback

    def migration_plan(
        self, targets: Iterable[Target], clean_start: bool = False
    ) -> Plan:
        """Return the steps that reach ``targets`` from the applied state."""
        graph = self.loader.graph
        applied = set() if clean_start else set(self.loader.applied_migrations)
        plan: Plan = []
        for app, name in targets:
            if name is None:
                starts = [k for k in graph.root_nodes(app) if k in applied]
                plan += self._unapply_from(starts, applied)
            elif (app, name) in applied:
                # Migrating back to a migration undoes its same-app children.
                children = sorted(
                    c for c in graph.node_map[(app, name)].children if c[0] == app
                )
                plan += self._unapply_from(children, applied)
            else:
                for key in graph.forwards_plan((app, name)):
                    if key not in applied:
                        plan.append((graph.nodes[key], False))
                        applied.add(key)
        return plan

    def _unapply_from(self, starts: list[Key], applied: set[Key]) -> Plan:
        steps: Plan = []
        for start in starts:
            for key in self.loader.graph.backwards_plan(start):
                if key in applied:
                    steps.append((self.loader.graph.nodes[key], True))
                    applied.discard(key)
        return steps

    def leaf_targets(self) -> list[Target]:
        """Return every app's latest migration (the default of ``migrate``)."""
        return list(self.loader.graph.leaf_nodes())

    def migrate(
        self, targets: Iterable[Target], plan: Plan | None = None, fake: bool = False
    ) -> ProjectState | None:
        """Run ``plan`` (or the plan to ``targets``); return the final state."""
        self.recorder.ensure_schema()
        if plan is None:
            plan = self.migration_plan(targets)
        if not plan:
            return None
        directions = {backwards for _, backwards in plan}
        if len(directions) > 1:
            raise InvalidMigrationPlan(
                "The plan both applies and unapplies migrations: "
                + ", ".join(f"{m}{' (backwards)' if b else ''}" for m, b in plan)
                + ". Migrate to one target at a time."
            )
        if directions == {False}:
            return self._forwards(plan, fake)
        self._backwards(plan, fake)
        return None

    def _forwards(self, plan: Plan, fake: bool) -> ProjectState:
        state = self.loader.project_state(self._applied_leaves())
        for migration, _ in plan:
            state = self.apply_migration(state, migration, fake)
        return state

    def _backwards(self, plan: Plan, fake: bool) -> None:
        to_undo = {migration.key for migration, _ in plan}
        states: dict[Key, ProjectState] = {}
        state = self.loader.project_state(nodes=[], at_end=True)
        for key in self._full_plan():
            if key not in self.loader.applied_migrations:
                continue
            migration = self.loader.graph.nodes[key]
            if key in to_undo:
                states[key] = state.clone()
            state = migration.mutate_state(state, preserve=False)
        for migration, _ in plan:
            self.unapply_migration(states[migration.key], migration, fake)

    def _full_plan(self) -> list[Key]:
        order: list[Key] = []
        for leaf in self.loader.graph.leaf_nodes():
            order += [
                k for k in self.loader.graph.forwards_plan(leaf) if k not in order
            ]
        return order

    def _applied_leaves(self) -> list[Key]:
        applied = self.loader.applied_migrations & set(self.loader.graph.nodes)
        graph = self.loader.graph
        return sorted(
            k
            for k in applied
            if not any(c in applied for c in graph.node_map[k].children)
        )

    def apply_migration(
        self, state: ProjectState, migration: Migration, fake: bool = False
    ) -> ProjectState:
        """Apply one migration (and record it) in one transaction."""
        self._progress("apply_start", migration, fake)
        if fake:
            state = migration.mutate_state(state, preserve=False)
            self.recorder.record_applied(*migration.key)
        else:
            with self._migration_context(migration) as editor:
                state = migration.apply(state, editor)
                self.recorder.record_applied(*migration.key)
        self.loader.applied_migrations.add(migration.key)
        self._progress("apply_success", migration, fake)
        return state

    def unapply_migration(
        self, state: ProjectState, migration: Migration, fake: bool = False
    ) -> ProjectState:
        """Unapply one migration (and forget it) in one transaction."""
        self._progress("unapply_start", migration, fake)
        if fake:
            self.recorder.record_unapplied(*migration.key)
        else:
            with self._migration_context(migration) as editor:
                state = migration.unapply(state, editor)
                self.recorder.record_unapplied(*migration.key)
        self.loader.applied_migrations.discard(migration.key)
        self._progress("unapply_success", migration, fake)
        return state

    @contextlib.contextmanager
    def _migration_context(self, migration: Migration) -> Iterator[Any]:
        # The editor enters first: SQLite must switch foreign-key checks off
        # before the transaction begins. The atomic block inside makes sure the
        # schema changes and the record share one transaction.
        with self.connection.schema_editor(atomic=migration.atomic) as editor:
            if migration.atomic:
                with transaction.atomic(using=self.connection.alias):
                    yield editor
            else:
                yield editor

    def collect_sql(self, plan: Plan) -> list[str]:
        """Return the SQL the plan would run, without running it (sqlmigrate)."""
        statements: list[str] = []
        state: ProjectState | None = None
        for migration, backwards in plan:
            with self.connection.schema_editor(
                collect_sql=True, atomic=migration.atomic
            ) as editor:
                if state is None or backwards:
                    state = self.loader.project_state([migration.key], at_end=False)
                if backwards:
                    migration.unapply(state, editor, collect_sql=True)
                else:
                    state = migration.apply(state, editor, collect_sql=True)
            statements.extend(editor.collected_sql)
        return statements

    def _progress(self, action: str, migration: Migration, fake: bool) -> None:
        if self.progress_callback is not None:
            self.progress_callback(action, migration, fake)
