"""``showmigrations``: list each app's migrations and whether they are applied."""

from __future__ import annotations

from typing import Any

from framework.core.management.base import BaseCommand, CommandError, CommandParser
from framework.db import DEFAULT_DB_ALIAS, connections
from framework.db.migrations.exceptions import MigrationError
from framework.db.migrations.loader import MigrationLoader
from framework.db.migrations.planning import show_list, show_plan, validate_app_labels


class Command(BaseCommand):
    help = "List migrations: [X] applied, [ ] not applied."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("app_label", nargs="*", help="Only these apps.")
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help="Database alias."
        )
        parser.add_argument(
            "--plan",
            "-p",
            action="store_true",
            help="List every migration in the order it would be applied.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            labels = validate_app_labels(options["app_label"])
            loader = MigrationLoader(connections[options["database"]])
        except MigrationError as exc:
            raise CommandError(str(exc)) from exc
        if options["plan"]:
            lines = show_plan(loader, labels, options["verbosity"])
        else:
            lines = show_list(loader, labels)
        self.stdout.write("\n".join(lines))
