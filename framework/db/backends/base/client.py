"""Run the database's own command-line client (``manage.py dbshell``)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from framework.db.backends.base.base import BaseDatabaseWrapper

__all__ = ["BaseDatabaseClient"]


class BaseDatabaseClient:
    """Build the client's command line and run it in the foreground."""

    # The client program's name, looked up on PATH.
    executable_name = ""

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection

    @classmethod
    def settings_to_cmd_args_env(
        cls, settings_dict: dict[str, Any], parameters: Sequence[str]
    ) -> tuple[list[str], dict[str, str] | None]:
        """Return the argument list and extra environment (None for none)."""
        raise NotImplementedError

    def runshell(self, parameters: Sequence[str] = ()) -> None:
        """Run the client until it exits; raise CalledProcessError on failure."""
        args, env = self.settings_to_cmd_args_env(
            self.connection.settings_dict, parameters
        )
        full_env = {**os.environ, **env} if env else None
        subprocess.run(args, env=full_env, check=True)
