"""``dbshell`` for PostgreSQL: ``psql``, with the password in the environment."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from framework.db.backends.base.client import BaseDatabaseClient

__all__ = ["DatabaseClient"]


class DatabaseClient(BaseDatabaseClient):
    executable_name = "psql"

    @classmethod
    def settings_to_cmd_args_env(
        cls, settings_dict: dict[str, Any], parameters: Sequence[str]
    ) -> tuple[list[str], dict[str, str] | None]:
        args = [cls.executable_name]
        options = settings_dict.get("OPTIONS") or {}
        for flag, key in (("-U", "USER"), ("-h", "HOST"), ("-p", "PORT")):
            if settings_dict.get(key):
                args += [flag, str(settings_dict[key])]
        args.append(str(settings_dict.get("NAME") or "postgres"))
        args.extend(parameters)
        env: dict[str, str] = {}
        # A password on the command line would be visible in `ps`; psql reads
        # PGPASSWORD instead.
        if settings_dict.get("PASSWORD"):
            env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
        for key, variable in (
            ("sslmode", "PGSSLMODE"),
            ("sslrootcert", "PGSSLROOTCERT"),
            ("sslcert", "PGSSLCERT"),
            ("sslkey", "PGSSLKEY"),
        ):
            if options.get(key):
                env[variable] = str(options[key])
        return args, env or None
