"""Database access: ``connections``, the default ``connection`` and DB errors.

``connections[alias]`` returns this thread's wrapper for ``DATABASES[alias]``;
nothing connects until a cursor is needed. ``framework.db.models``,
``framework.db.migrations`` and ``framework.db.transaction`` are subpackages
imported on their own (``from framework.db import models``).

At import, this module connects :func:`close_old_connections` to the request
signals so connections past ``CONN_MAX_AGE`` or broken ones close at the
start and end of every request, and resets the connections whenever a test
overrides ``DATABASES``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from framework.core.signals import request_finished, request_started, setting_changed
from framework.db.utils import (
    DEFAULT_DB_ALIAS,
    ConnectionDoesNotExist,
    ConnectionHandler,
    ConnectionProxy,
    DatabaseError,
    DataError,
    Error,
    IntegrityError,
    InterfaceError,
    InternalError,
    NotSupportedError,
    OperationalError,
    ProgrammingError,
    TransactionManagementError,
    load_backend,
)

if TYPE_CHECKING:
    from framework.db.backends.base.base import BaseDatabaseWrapper

__all__ = [
    "DEFAULT_DB_ALIAS",
    "ConnectionDoesNotExist",
    "ConnectionHandler",
    "DataError",
    "DatabaseError",
    "Error",
    "IntegrityError",
    "InterfaceError",
    "InternalError",
    "NotSupportedError",
    "OperationalError",
    "ProgrammingError",
    "TransactionManagementError",
    "close_old_connections",
    "connection",
    "connections",
    "load_backend",
    "reset_queries",
]

connections = ConnectionHandler()

# Typed as the wrapper so ``connection.ops.quote_name(...)`` type-checks.
connection = cast("BaseDatabaseWrapper", ConnectionProxy(connections, DEFAULT_DB_ALIAS))


def close_old_connections(**kwargs: Any) -> None:
    """Close this thread's connections that are broken or past ``CONN_MAX_AGE``."""
    for conn in connections.all(initialized_only=True):
        conn.close_if_unusable_or_obsolete()


def reset_queries(**kwargs: Any) -> None:
    """Forget the queries logged under ``DEBUG`` (once per request)."""
    for conn in connections.all(initialized_only=True):
        conn.queries_log.clear()


def _databases_changed(*, setting: str, **kwargs: Any) -> None:
    if setting == "DATABASES":
        connections.reset()


request_started.connect(reset_queries, dispatch_uid="framework.db.reset_queries")
request_started.connect(
    close_old_connections, dispatch_uid="framework.db.close_old_connections.start"
)
request_finished.connect(
    close_old_connections, dispatch_uid="framework.db.close_old_connections.end"
)
setting_changed.connect(_databases_changed, dispatch_uid="framework.db.settings")
