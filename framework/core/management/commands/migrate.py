"""``migrate``: bring the database schema up to date with the migrations."""

from __future__ import annotations

from typing import Any

from framework.core.management.base import BaseCommand, CommandError, CommandParser
from framework.db import DEFAULT_DB_ALIAS, connections
from framework.db.migrations.exceptions import MigrationError
from framework.db.migrations.executor import MigrationExecutor
from framework.db.migrations.loader import conflict_message
from framework.db.migrations.migration import Migration
from framework.db.migrations.planning import (
    describe_plan,
    pending_changes,
    resolve_targets,
)
from framework.db.models.signals import emit_migrate_signal, post_migrate, pre_migrate

_ACTIONS = {
    "apply_start": "Applying",
    "unapply_start": "Unapplying",
}


class Command(BaseCommand):
    help = "Apply (or unapply) migrations: 'migrate [app_label] [migration_name|zero]'."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("app_label", nargs="?", help="Only this app.")
        parser.add_argument(
            "migration_name",
            nargs="?",
            help="Migrate to this migration (a prefix works); 'zero' unapplies all.",
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Never prompt.",
        )
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help="Database alias."
        )
        parser.add_argument(
            "--fake",
            action="store_true",
            help="Record the migrations as applied or unapplied without running them.",
        )
        parser.add_argument(
            "--plan", action="store_true", help="Show the operations that would run."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        self.verbosity: int = options["verbosity"]
        connection = connections[options["database"]]
        executor = MigrationExecutor(connection, self._progress)
        try:
            executor.loader.check_consistent_history()
            conflicts = executor.loader.detect_conflicts()
            if conflicts:
                raise CommandError(conflict_message(conflicts))
            targets = resolve_targets(
                executor.loader, options["app_label"], options["migration_name"]
            )
            plan = executor.migration_plan(targets)
            if options["plan"]:
                self.stdout.write("Planned operations:")
                self.stdout.write("\n".join(describe_plan(plan)))
                return
            self._heading(options["app_label"], targets)
            signal_args = (self.verbosity, options["interactive"], connection.alias)
            emit_migrate_signal(pre_migrate, *signal_args, plan=plan)
            if plan:
                executor.migrate(targets, plan=plan, fake=options["fake"])
            elif self.verbosity >= 1:
                self.stdout.write("  No migrations to apply.")
                self._warn_pending(executor)
            emit_migrate_signal(post_migrate, *signal_args, plan=plan)
        except MigrationError as exc:
            raise CommandError(str(exc)) from exc

    def _heading(
        self, app_label: str | None, targets: list[tuple[str, str | None]]
    ) -> None:
        if self.verbosity < 1:
            return
        self.stdout.write(self.style.MIGRATE_HEADING("Operations to perform:"))
        if app_label is None:
            labels = sorted({app for app, _ in targets})
            self.stdout.write(
                f"  Apply all migrations: {', '.join(labels) or '(none)'}"
            )
        elif targets and targets[0][1] is None:
            self.stdout.write(f"  Unapply all migrations: {app_label}")
        else:
            self.stdout.write(
                f"  Target specific migration: {targets[0][1]}, from {app_label}"
            )
        self.stdout.write(self.style.MIGRATE_HEADING("Running migrations:"))

    def _warn_pending(self, executor: MigrationExecutor) -> None:
        changed = pending_changes(executor.loader)
        if changed:
            apps = ", ".join(f"'{label}'" for label in changed)
            self.stdout.write(
                self.style.NOTICE(
                    f"  Your models in app(s): {apps} have changes that are not yet "
                    "reflected in a migration, and so won't be applied.\n"
                    "  Run 'manage.py makemigrations' to make new migrations, and then "
                    "re-run 'manage.py migrate' to apply them."
                )
            )

    def _progress(self, action: str, migration: Migration | None, fake: bool) -> None:
        if self.verbosity < 1:
            return
        if action in _ACTIONS:
            self.stdout.write(f"  {_ACTIONS[action]} {migration}...", ending="")
            self.stdout.flush()
        elif action.endswith("_success"):
            self.stdout.write(self.style.SUCCESS(" FAKED" if fake else " OK"))
