"""Transactions: ``atomic`` blocks, savepoints and on-commit hooks.

The outermost ``atomic`` block opens a transaction (``BEGIN`` on PostgreSQL,
``BEGIN IMMEDIATE`` on SQLite) and commits or rolls back on exit; nested blocks
become savepoints, so an exception caught outside an inner block undoes only
that block. Each block pushes a frame on ``connection.atomic_frames``, so one
``Atomic`` object may be reused as a decorator, even recursively.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ContextDecorator
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar, overload

from framework.db import connections
from framework.db.utils import (
    DEFAULT_DB_ALIAS,
    DatabaseError,
    Error,
    TransactionManagementError,
)

if TYPE_CHECKING:
    from framework.db.backends.base.base import BaseDatabaseWrapper

__all__ = [
    "Atomic",
    "TransactionManagementError",
    "atomic",
    "clean_savepoints",
    "commit",
    "get_autocommit",
    "get_connection",
    "get_rollback",
    "mark_for_rollback_on_error",
    "non_atomic_requests",
    "on_commit",
    "rollback",
    "savepoint",
    "savepoint_commit",
    "savepoint_rollback",
    "set_autocommit",
    "set_rollback",
]

_F = TypeVar("_F", bound=Callable[..., Any])


def get_connection(using: str | None = None) -> BaseDatabaseWrapper:
    """Return the wrapper for ``using`` (the default database when None)."""
    return connections[using or DEFAULT_DB_ALIAS]


def get_autocommit(using: str | None = None) -> bool:
    """Say whether the connection is outside any transaction."""
    return get_connection(using).get_autocommit()


def set_autocommit(autocommit: bool, using: str | None = None) -> None:
    """Open (False) or commit and leave (True) a manually managed transaction."""
    get_connection(using).set_autocommit(autocommit)


def commit(using: str | None = None) -> None:
    """Commit a manually managed transaction (not allowed inside ``atomic``)."""
    get_connection(using).commit()


def rollback(using: str | None = None) -> None:
    """Roll back a manually managed transaction (not allowed inside ``atomic``)."""
    get_connection(using).rollback()


def savepoint(using: str | None = None) -> str | None:
    """Create a savepoint and return its id (None outside a transaction)."""
    return get_connection(using).savepoint()


def savepoint_rollback(sid: str, using: str | None = None) -> None:
    """Roll back to savepoint ``sid``."""
    get_connection(using).savepoint_rollback(sid)


def savepoint_commit(sid: str, using: str | None = None) -> None:
    """Release savepoint ``sid``."""
    get_connection(using).savepoint_commit(sid)


def clean_savepoints(using: str | None = None) -> None:
    """Reset the savepoint id counter."""
    get_connection(using).clean_savepoints()


def get_rollback(using: str | None = None) -> bool:
    """Say whether the innermost atomic block will roll back on exit."""
    return get_connection(using).get_rollback()


def set_rollback(rollback: bool, using: str | None = None) -> None:
    """Force (True) or cancel (False) the rollback of the innermost atomic block."""
    get_connection(using).set_rollback(rollback)


def on_commit(
    func: Callable[[], Any], using: str | None = None, robust: bool = False
) -> None:
    """Run ``func`` after the current transaction commits (now, if none is open)."""
    get_connection(using).on_commit(func, robust=robust)


class mark_for_rollback_on_error:  # noqa: N801 - used like a function
    """Mark the enclosing atomic block for rollback if the body raises.

    For code that catches nothing but runs inside someone else's atomic block
    without a savepoint of its own.
    """

    def __init__(self, using: str | None = None) -> None:
        self.using = using

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: type[BaseException] | None, *rest: Any) -> None:
        if exc_type is None:
            return
        conn = get_connection(self.using)
        if conn.in_atomic_block:
            conn.needs_rollback = True
            conn.rollback_exc = rest[0] if rest else None


class _Frame:
    """One open atomic block: its savepoint, or the transaction it opened."""

    __slots__ = ("durable", "opened_transaction", "sid")

    def __init__(self, sid: str | None, opened_transaction: bool, durable: bool):
        self.sid = sid
        self.opened_transaction = opened_transaction
        self.durable = durable


class Atomic(ContextDecorator):
    """Context manager and decorator behind :func:`atomic`.

    ``connection`` binds the block to one wrapper instead of looking
    ``using`` up in ``connections`` (schema editors of standalone wrappers).
    """

    def __init__(
        self,
        using: str | None,
        savepoint: bool,
        durable: bool,
        connection: BaseDatabaseWrapper | None = None,
    ) -> None:
        self.using = using
        self.savepoint = savepoint
        self.durable = durable
        self.connection = connection

    def _connection(self) -> BaseDatabaseWrapper:
        return self.connection or get_connection(self.using)

    def __enter__(self) -> None:
        conn = self._connection()
        if self.durable and conn.in_atomic_block:
            raise RuntimeError(
                "A durable atomic block cannot be nested within another atomic "
                "block. Move the durable block out, or drop durable=True."
            )
        if not conn.in_atomic_block:
            conn.needs_rollback = False
            conn.rollback_exc = None
        if conn.get_autocommit():
            conn.set_autocommit(False)
            frame = _Frame(None, opened_transaction=True, durable=self.durable)
        else:
            use_savepoint = self.savepoint and not conn.needs_rollback
            sid = conn.savepoint() if use_savepoint else None
            frame = _Frame(sid, opened_transaction=False, durable=self.durable)
        conn.atomic_frames.append(frame)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        conn = self._connection()
        frame = conn.atomic_frames.pop()
        failed = exc_type is not None or conn.needs_rollback
        if frame.opened_transaction:
            _exit_transaction(conn, failed)
        elif not conn.closed_in_transaction:
            _exit_savepoint(conn, frame.sid, failed)


def _exit_transaction(conn: BaseDatabaseWrapper, failed: bool) -> None:
    """Commit or roll back the transaction an outermost block opened."""
    if conn.closed_in_transaction:
        # The connection was closed inside the block; nothing to end.
        conn.closed_in_transaction = False
        conn.run_on_commit.clear()
        conn.autocommit = True
        conn.needs_rollback = False
        return
    try:
        if failed:
            conn.run_on_commit.clear()
            _rollback_or_close(conn)
        else:
            try:
                conn.commit_transaction()
            except DatabaseError:
                conn.run_on_commit.clear()
                _rollback_or_close(conn)
                raise
    finally:
        conn.autocommit = True
        conn.needs_rollback = False
    if not failed:
        conn.run_and_clear_commit_hooks()


def _rollback_or_close(conn: BaseDatabaseWrapper) -> None:
    try:
        conn.rollback_transaction()
    except Error:
        # A rollback that fails leaves the connection in an unknown state.
        conn.close()


def _exit_savepoint(conn: BaseDatabaseWrapper, sid: str | None, failed: bool) -> None:
    """Release or roll back a nested block's savepoint."""
    if not failed:
        if sid is None:
            return
        try:
            conn.savepoint_commit(sid)
        except DatabaseError:
            try:
                conn.savepoint_rollback(sid)
                conn.savepoint_commit(sid)
            except Error:
                conn.needs_rollback = True
            raise
        return
    if sid is None:
        # No savepoint here: the enclosing block must roll back instead.
        conn.needs_rollback = True
        return
    conn.needs_rollback = False
    try:
        conn.savepoint_rollback(sid)
        conn.savepoint_commit(sid)
    except Error:
        conn.needs_rollback = True


@overload
def atomic(using: _F) -> _F: ...


@overload
def atomic(
    using: str | None = None, savepoint: bool = True, durable: bool = False
) -> Atomic: ...


def atomic(
    using: str | None | Callable[..., Any] = None,
    savepoint: bool = True,
    durable: bool = False,
) -> Any:
    """Run a block in a transaction: ``with atomic():`` or ``@atomic``.

    Nested blocks use savepoints unless ``savepoint=False``; ``durable=True``
    refuses to run nested, guaranteeing the block's commit is final.
    """
    if callable(using):
        return Atomic(DEFAULT_DB_ALIAS, savepoint, durable)(using)
    return Atomic(using, savepoint, durable)


def non_atomic_requests(using: str | None = None) -> Callable[[_F], _F]:
    """Exempt a view from ``ATOMIC_REQUESTS`` for database ``using``."""

    def decorator(view: _F) -> _F:
        exempt = set(getattr(view, "_non_atomic_requests", set()))
        exempt.add(using or DEFAULT_DB_ALIAS)
        view._non_atomic_requests = exempt  # type: ignore[attr-defined]
        return view

    return decorator
