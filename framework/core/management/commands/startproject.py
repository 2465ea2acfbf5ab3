"""``startproject``: create a project folder from ``project_template``."""

from __future__ import annotations

from typing import Any

from framework.core.management.base import BaseCommand, CommandParser
from framework.core.management.templates import (
    find_template_dir,
    plan_scaffold,
    project_context,
    resolve_target,
    validate_name,
    write_scaffold,
)


class Command(BaseCommand):
    help = (
        "Create a project: manage.py plus a package holding settings, URLs and the "
        "WSGI/ASGI entry points."
    )
    requires_system_checks: list[str] = []
    requires_settings = False
    missing_args_message = "Give the project a name, e.g. 'startproject mysite'."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="Name of the project package, e.g. mysite.")
        parser.add_argument(
            "directory",
            nargs="?",
            help="Folder to write into (created if missing); default ./NAME.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        name: str = options["name"]
        # Target first: "already exists" explains more than a module clash.
        target = resolve_target(name, options["directory"])
        validate_name(name, "project")
        planned = plan_scaffold(
            find_template_dir("project_template"), target, {"project_name": name}
        )
        write_scaffold(planned, project_context(name))
        if options["verbosity"] >= 1:
            self.stdout.write(
                self.style.SUCCESS(f"Created project {name!r} in {target}")
            )
            self.stdout.write(f"Next: cd {target} && python manage.py runserver")
