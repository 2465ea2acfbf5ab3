"""Cross-backend database fixtures: every ORM test runs on SQLite and PostgreSQL.

``db_backend`` (parametrized "sqlite" / "postgresql") points
``DATABASES['default']`` at a fresh database for the test — a file in
``tmp_path`` for SQLite, a new database on the session's throwaway server for
PostgreSQL — and yields ``connections['default']``. PostgreSQL tests skip with
an install hint when the server binaries are missing (tests/conftest.py turns
that skip into a failure under ``CI=true``).

``create_models(*models)`` is a context manager creating the models' tables
with the schema editor and dropping them afterwards.

The terminal summary ends with a line naming the databases that ran.
"""

from __future__ import annotations

import itertools
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

import pytest

from framework.db import connections
from framework.db.backends.base.base import BaseDatabaseWrapper
from framework.test.utils import override_settings
from tests.db import pgserver

BACKENDS = ["sqlite", "postgresql"]
_ran: dict[str, str] = {}
_counter = itertools.count()


class _Server:
    """The session's PostgreSQL server, started on first use."""

    def __init__(self) -> None:
        self.server: pgserver.PostgresServer | None = None
        self.error: str | None = None
        self.admin: Any = None

    def get(self) -> pgserver.PostgresServer:
        if self.server is None and self.error is None:
            try:
                self.server = pgserver.start_server()
            except RuntimeError as exc:
                self.error = str(exc)
        if self.server is None:
            pytest.skip(f"PostgreSQL tests need a server: {self.error}")
        return self.server

    def create_database(self) -> str:
        self.get()
        name = f"t{os.getpid()}_{next(_counter)}"
        self._admin().execute(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        self._admin().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _admin(self) -> Any:
        import psycopg

        if self.admin is None:
            server = self.get()
            self.admin = psycopg.connect(
                host="127.0.0.1",
                port=server.port,
                user=server.user,
                dbname="postgres",
                autocommit=True,
            )
        return self.admin

    def stop(self) -> None:
        if self.admin is not None:
            self.admin.close()
        if self.server is not None:
            self.server.stop()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[_Server]:
    """The session's throwaway PostgreSQL server (started lazily)."""
    holder = _Server()
    yield holder
    holder.stop()


def database_settings(
    backend: str, tmp_path: Any, server: _Server
) -> tuple[dict[str, Any], Callable[[], None]]:
    """Return a fresh DATABASES entry for ``backend`` and its cleanup."""
    if backend == "sqlite":
        entry = {
            "ENGINE": "framework.db.backends.sqlite3",
            "NAME": str(tmp_path / "db.sqlite3"),
        }
        return entry, lambda: None
    name = server.create_database()
    return server.get().settings(name), lambda: server.drop_database(name)


@pytest.fixture(params=BACKENDS)
def db_backend(
    request: pytest.FixtureRequest, tmp_path: Any, postgres_server: _Server
) -> Iterator[BaseDatabaseWrapper]:
    """Yield ``connections['default']`` on a fresh database of each backend."""
    entry, cleanup = database_settings(request.param, tmp_path, postgres_server)
    try:
        with override_settings(DATABASES={"default": entry}):
            conn = connections["default"]
            _record(request.param, conn)
            yield conn
            connections.close_all()
    finally:
        cleanup()


def _record(backend: str, conn: BaseDatabaseWrapper) -> None:
    if backend in _ran:
        return
    if backend == "postgresql":
        version = conn.server_version()  # type: ignore[attr-defined]
        _ran[backend] = f"postgresql {version}"
    else:
        _ran[backend] = f"sqlite {sqlite3.sqlite_version}"


@pytest.fixture
def create_models(
    db_backend: BaseDatabaseWrapper,
) -> Callable[..., AbstractContextManager[None]]:
    """Return ``create_models(*models)``: tables exist inside the ``with`` block."""

    @contextmanager
    def create(*models: Any) -> Iterator[None]:
        conn = connections["default"]
        with conn.schema_editor() as editor:
            for model in models:
                editor.create_model(model)
        try:
            yield
        finally:
            with connections["default"].schema_editor() as editor:
                for model in reversed(models):
                    editor.delete_model(model)

    return create


def pytest_sessionfinish(session: pytest.Session) -> None:
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["framework_databases"] = dict(_ran)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    _ran.update(getattr(node, "workeroutput", {}).get("framework_databases", {}))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _ran:
        names = ", ".join(_ran[key] for key in BACKENDS if key in _ran)
        terminalreporter.write_line(f"databases: {names}")
