"""``makemigrations``: write migration files for changes to the models."""

from __future__ import annotations

import os
import sys
from typing import Any

from framework.core.management.base import BaseCommand, CommandError, CommandParser
from framework.db.migrations.autodetector import MigrationAutodetector
from framework.db.migrations.exceptions import MigrationError
from framework.db.migrations.loader import MigrationLoader, conflict_message
from framework.db.migrations.migration import Migration
from framework.db.migrations.planning import (
    current_state,
    empty_migrations,
    merge_migrations,
    validate_app_labels,
    validate_name,
)
from framework.db.migrations.questioner import (
    InteractiveMigrationQuestioner,
    MigrationQuestioner,
)
from framework.db.migrations.writer import MigrationWriter


class Command(BaseCommand):
    help = "Create new migrations from the changes made to your models."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("app_label", nargs="*", help="Only these apps.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show, do not write."
        )
        parser.add_argument("--merge", action="store_true", help="Merge conflicts.")
        parser.add_argument(
            "--empty", action="store_true", help="Make an empty migration."
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Never prompt; fail where an answer is needed.",
        )
        parser.add_argument("-n", "--name", help="Name the new migration(s).")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Exit with status 1 when models have changes without migrations.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            labels = validate_app_labels(options["app_label"])
            validate_name(options["name"])
        except MigrationError as exc:
            raise CommandError(str(exc)) from exc
        try:
            changes = self._changes(labels, options)
        except MigrationError as exc:
            raise CommandError(str(exc)) from exc
        if not changes:
            self._no_changes(labels, options["verbosity"])
            return
        self._report_and_write(changes, options)
        if options["check"]:
            sys.exit(1)

    def _changes(
        self, labels: list[str], options: dict[str, Any]
    ) -> dict[str, list[Migration]]:
        loader = MigrationLoader(None)
        questioner = self._questioner(labels, options)
        name: str | None = options["name"]
        conflicts = {
            app: leaves
            for app, leaves in loader.detect_conflicts().items()
            if not labels or app in labels
        }
        if options["merge"]:
            if not conflicts:
                return {}
            return merge_migrations(loader, conflicts, questioner, name)
        if conflicts:
            raise CommandError(conflict_message(conflicts))
        if options["empty"]:
            return empty_migrations(loader, labels, name)
        detector = MigrationAutodetector(
            loader.project_state(), current_state(), questioner
        )
        return detector.changes(loader.graph, labels or None, name)

    def _questioner(
        self, labels: list[str], options: dict[str, Any]
    ) -> MigrationQuestioner:
        kwargs: dict[str, Any] = {
            "specified_apps": labels,
            "dry_run": options["dry_run"],
            "migrations_module": MigrationLoader.migrations_module,
        }
        if options["interactive"] and not options["check"]:
            return InteractiveMigrationQuestioner(**kwargs, stdout=self.stdout)
        return MigrationQuestioner(**kwargs)

    def _no_changes(self, labels: list[str], verbosity: int) -> None:
        if verbosity < 1:
            return
        if len(labels) == 1:
            self.stdout.write(f"No changes detected in app '{labels[0]}'")
        elif labels:
            self.stdout.write(f"No changes detected in apps '{', '.join(labels)}'")
        else:
            self.stdout.write("No changes detected")

    def _report_and_write(
        self, changes: dict[str, list[Migration]], options: dict[str, Any]
    ) -> None:
        write = not options["dry_run"] and not options["check"]
        for app_label in sorted(changes):
            if options["verbosity"] >= 1:
                self.stdout.write(
                    self.style.MIGRATE_HEADING(f"Migrations for '{app_label}':")
                )
            for migration in changes[app_label]:
                writer = MigrationWriter(migration)
                self._describe(writer, options["verbosity"])
                if write:
                    writer.write()
                elif options["verbosity"] >= 3:
                    self.stdout.write(
                        self.style.MIGRATE_HEADING(
                            f"Full migrations file '{writer.filename}':"
                        )
                    )
                    self.stdout.write(writer.as_string())

    def _describe(self, writer: MigrationWriter, verbosity: int) -> None:
        if verbosity < 1:
            return
        self.stdout.write(f"  {self.style.MIGRATE_LABEL(_relative(writer.path))}")
        for operation in writer.migration.operations:
            self.stdout.write(f"    - {operation.describe()}")


def _relative(path: str) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return path
