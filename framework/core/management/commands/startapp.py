"""``startapp``: create an app package from ``app_template``."""

from __future__ import annotations

from typing import Any

from framework.core.management.base import BaseCommand, CommandParser
from framework.core.management.templates import (
    app_context,
    find_template_dir,
    plan_scaffold,
    resolve_target,
    validate_name,
    write_scaffold,
)


class Command(BaseCommand):
    help = "Create an app: models, views, admin, tests and migrations modules."
    requires_system_checks: list[str] = []
    requires_settings = False
    missing_args_message = "Give the app a name, e.g. 'startapp blog'."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="Name of the app package, e.g. blog.")
        parser.add_argument(
            "directory",
            nargs="?",
            help="Folder to write into (created if missing); default ./NAME.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name: str = options["name"]
        # Target first: "already exists" explains more than a module clash.
        target = resolve_target(name, options["directory"])
        validate_name(name, "app")
        planned = plan_scaffold(find_template_dir("app_template"), target, {})
        write_scaffold(planned, app_context(name))
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(f"Created app {name!r} in {target}"))
            self.stdout.write(
                f"Next: add {name!r} to INSTALLED_APPS in your settings module."
            )
