"""``check``: run the system checks and report what they find."""

from __future__ import annotations

from typing import Any

from framework.apps import AppConfig, apps
from framework.core import checks
from framework.core.management.base import BaseCommand, CommandError, CommandParser

_LEVELS = {
    "CRITICAL": checks.CRITICAL,
    "ERROR": checks.ERROR,
    "WARNING": checks.WARNING,
    "INFO": checks.INFO,
    "DEBUG": checks.DEBUG,
}


class Command(BaseCommand):
    help = "Look for problems in the project's configuration, code and URLs."
    # The command runs the checks itself, with the options it was given.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "app_labels", nargs="*", metavar="app_label", help="Only check these apps."
        )
        parser.add_argument(
            "--tag",
            "-t",
            action="append",
            dest="tags",
            help="Only run checks with this tag (repeatable).",
        )
        parser.add_argument(
            "--list-tags", action="store_true", help="List the available tags."
        )
        parser.add_argument(
            "--deploy", action="store_true", help="Also run the deployment checks."
        )
        parser.add_argument(
            "--fail-level",
            default="ERROR",
            choices=list(_LEVELS),
            help="Exit with status 1 on messages at this level or above "
            "(default: ERROR).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        deploy: bool = options["deploy"]
        if options["list_tags"]:
            self.stdout.write("\n".join(sorted(checks.registry.tags_available(deploy))))
            return
        tags: list[str] | None = options["tags"] or None
        _require_known_tags(tags or [], deploy)
        self.check(
            app_configs=_app_configs(options["app_labels"]),
            tags=tags,
            display_num_errors=True,
            include_deployment_checks=deploy,
            fail_level=_LEVELS[options["fail_level"]],
        )


def _app_configs(labels: list[str]) -> list[AppConfig] | None:
    if not labels:
        return None
    try:
        return [apps.get_app_config(label) for label in labels]
    except LookupError as exc:
        raise CommandError(str(exc)) from None


def _require_known_tags(tags: list[str], deploy: bool) -> None:
    unknown = [t for t in tags if not checks.tag_exists(t, deploy)]
    if unknown:
        available = ", ".join(sorted(checks.registry.tags_available(deploy)))
        raise CommandError(
            f"There is no system check with the {unknown[0]!r} tag. "
            f"Available tags: {available}."
        )
