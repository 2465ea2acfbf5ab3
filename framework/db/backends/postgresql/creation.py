"""PostgreSQL test databases: ``CREATE DATABASE test_<name>`` on the server."""

from __future__ import annotations

import logging
from typing import Any

from framework.db.backends.base.creation import BaseDatabaseCreation
from framework.db.utils import DatabaseError

__all__ = ["DatabaseCreation"]

logger = logging.getLogger("framework.db.backends")


class DatabaseCreation(BaseDatabaseCreation):
    """Create the test database through the ``postgres`` maintenance database."""

    def _maintenance_connection(self) -> Any:
        """Return a new wrapper on the ``postgres`` database (same server)."""
        entry = {**self.connection.settings_dict, "NAME": "postgres"}
        return type(self.connection)(entry, self.connection.alias)

    def _create_test_db(self, verbosity: int, keepdb: bool) -> str:
        name = self.get_test_db_name()
        quoted = self.connection.ops.quote_name(name)
        other = self._maintenance_connection()
        try:
            with other.cursor() as cursor:
                if self._exists(cursor, name):
                    if keepdb:
                        return name
                    cursor.execute(f"DROP DATABASE {quoted} WITH (FORCE)")
                cursor.execute(f"CREATE DATABASE {quoted}")
        finally:
            other.close()
        return name

    def _destroy_test_db(self, test_name: str, verbosity: int) -> None:
        other = self._maintenance_connection()
        quoted = self.connection.ops.quote_name(test_name)
        try:
            with other.cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")
        except DatabaseError:
            logger.warning("Could not drop test database %s.", test_name, exc_info=True)
        finally:
            other.close()

    @staticmethod
    def _exists(cursor: Any, name: str) -> bool:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None
