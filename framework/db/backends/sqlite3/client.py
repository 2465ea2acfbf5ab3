"""``dbshell`` for SQLite: the ``sqlite3`` command-line program."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from framework.db.backends.base.client import BaseDatabaseClient

__all__ = ["DatabaseClient"]


class DatabaseClient(BaseDatabaseClient):
    executable_name = "sqlite3"

    @classmethod
    def settings_to_cmd_args_env(
        cls, settings_dict: dict[str, Any], parameters: Sequence[str]
    ) -> tuple[list[str], dict[str, str] | None]:
        return [cls.executable_name, str(settings_dict["NAME"]), *parameters], None
