"""SQLite test databases: a shared in-memory database, or a file when named."""

from __future__ import annotations

import os

from framework.db.backends.base.creation import BaseDatabaseCreation

__all__ = ["DatabaseCreation"]


def _is_memory(name: str) -> bool:
    return name == ":memory:" or "mode=memory" in name


class DatabaseCreation(BaseDatabaseCreation):
    """Use ``TEST['NAME']`` as a file, else one in-memory database per alias."""

    def get_test_db_name(self) -> str:
        explicit = (self.connection.settings_dict.get("TEST") or {}).get("NAME")
        if explicit and not _is_memory(str(explicit)):
            return str(explicit)
        # A named shared-cache memory database: every thread's connection to
        # this URI sees the same tables, unlike plain ":memory:".
        return f"file:memorydb_{self.connection.alias}?mode=memory&cache=shared"

    def _create_test_db(self, verbosity: int, keepdb: bool) -> str:
        name = self.get_test_db_name()
        if not _is_memory(name) and not keepdb:
            _remove_files(name)
        return name

    def _destroy_test_db(self, test_name: str, verbosity: int) -> None:
        if not _is_memory(test_name):
            _remove_files(test_name)

    def destroy_test_db(
        self, old_name: str | None = None, verbosity: int = 0, keepdb: bool = False
    ) -> None:
        force_close = getattr(self.connection, "force_close", None)
        if callable(force_close):
            force_close()
        super().destroy_test_db(old_name, verbosity, keepdb)


def _remove_files(name: str) -> None:
    for path in (name, f"{name}-wal", f"{name}-shm", f"{name}-journal"):
        if os.path.exists(path):
            os.remove(path)
