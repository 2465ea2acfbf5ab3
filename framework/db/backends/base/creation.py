"""Create and destroy the throwaway database a test run uses."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from framework.db.backends.base.base import BaseDatabaseWrapper

__all__ = ["BaseDatabaseCreation", "TEST_DATABASE_PREFIX"]

TEST_DATABASE_PREFIX = "test_"
logger = logging.getLogger("framework.db.backends")


class BaseDatabaseCreation:
    """Point the connection at a fresh test database, and remove it afterwards."""

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection

    def get_test_db_name(self) -> str:
        """Return ``TEST['NAME']`` or ``test_<NAME>``."""
        settings_dict = self.connection.settings_dict
        explicit = (settings_dict.get("TEST") or {}).get("NAME")
        if explicit:
            return str(explicit)
        return TEST_DATABASE_PREFIX + str(settings_dict["NAME"])

    def create_test_db(self, verbosity: int = 0, keepdb: bool = False) -> str:
        """Create the test database, switch the connection to it, return its name.

        The connection's ``settings_dict`` is shared by every thread's wrapper
        for this alias, so connections opened later use the test database too.
        """
        old_name = str(self.connection.settings_dict["NAME"])
        test_name = self._create_test_db(verbosity, keepdb)
        self.connection.close()
        self.connection.settings_dict["NAME"] = test_name
        self.connection.settings_dict.setdefault("TEST", {})["_OLD_NAME"] = old_name
        if verbosity >= 1:
            logger.info("Created test database for alias %r.", self.connection.alias)
        return test_name

    def destroy_test_db(
        self, old_name: str | None = None, verbosity: int = 0, keepdb: bool = False
    ) -> None:
        """Drop the test database and point the connection back at ``old_name``."""
        self.connection.close()
        test_name = str(self.connection.settings_dict["NAME"])
        test_settings = self.connection.settings_dict.setdefault("TEST", {})
        restored = old_name or test_settings.pop("_OLD_NAME", None)
        if restored is not None:
            self.connection.settings_dict["NAME"] = restored
        if not keepdb:
            self._destroy_test_db(test_name, verbosity)

    def _create_test_db(self, verbosity: int, keepdb: bool) -> str:
        raise NotImplementedError

    def _destroy_test_db(self, test_name: str, verbosity: int) -> None:
        raise NotImplementedError
