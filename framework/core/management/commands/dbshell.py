"""``dbshell``: open the database's command-line client with the project's settings."""

from __future__ import annotations

import subprocess
from typing import Any

from framework.core.management.base import BaseCommand, CommandError, CommandParser
from framework.db import DEFAULT_DB_ALIAS, connections


class Command(BaseCommand):
    help = "Run the command-line client (sqlite3, psql) for the database."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--database", default=DEFAULT_DB_ALIAS, help="Database alias."
        )
        parser.add_argument(
            "parameters",
            nargs="*",
            help="Extra arguments for the client; put them after '--'.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        connection = connections[options["database"]]
        client = connection.client
        try:
            client.runshell(options["parameters"])
        except FileNotFoundError:
            program = getattr(client, "executable_name", "") or "the database client"
            raise CommandError(
                f"You appear not to have the {program!r} program installed or on your "
                f"PATH. Install it (for example 'apt install {_package(program)}') and "
                "try again."
            ) from None
        except subprocess.CalledProcessError as exc:
            command = " ".join(str(part) for part in exc.cmd)
            raise CommandError(
                f"{command!r} exited with status {exc.returncode}.",
                returncode=exc.returncode,
            ) from None


def _package(program: str) -> str:
    return {"psql": "postgresql-client"}.get(program, program)
