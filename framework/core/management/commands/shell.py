"""``shell``: a Python prompt (or one snippet) with the project set up."""

from __future__ import annotations

import code
import sys
from typing import Any

from framework.apps import apps
from framework.conf import settings
from framework.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Start an interactive Python prompt with settings and apps loaded, or run "
        "the code given with -c."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "-c",
            "--command",
            help="Run this code and exit instead of starting a prompt.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        namespace = _namespace()
        if options["command"] is not None:
            exec(options["command"], namespace)
            return
        if not sys.stdin.isatty():
            # Piped input: run it as a script, like `python < file.py`.
            exec(sys.stdin.read(), namespace)
            return
        code.interact(banner=_banner(), local=namespace, exitmsg="")


def _namespace() -> dict[str, Any]:
    """Return the globals the prompt starts with."""
    return {"__name__": "__main__", "settings": settings, "apps": apps}


def _banner() -> str:
    module = settings.SETTINGS_MODULE or "configured in code"
    return (
        f"Python {sys.version.split()[0]} with settings {module}.\n"
        "`settings` and `apps` are imported. Exit with Ctrl-D (Ctrl-Z on Windows)."
    )
