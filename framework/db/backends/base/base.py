"""The connection wrapper every backend subclasses.

One wrapper belongs to one thread (``connections`` hands them out per thread)
and owns at most one driver connection, opened lazily by :meth:`cursor`. The
driver always runs in autocommit mode; transactions are explicit ``BEGIN`` /
``COMMIT`` / ``SAVEPOINT`` statements issued by :mod:`framework.db.transaction`,
which keeps the state machine identical on every backend.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import TYPE_CHECKING, Any, ClassVar

from framework.conf import settings
from framework.db.backends.base.client import BaseDatabaseClient
from framework.db.backends.base.creation import BaseDatabaseCreation
from framework.db.backends.base.features import BaseDatabaseFeatures
from framework.db.backends.base.introspection import BaseDatabaseIntrospection
from framework.db.backends.base.operations import BaseDatabaseOperations
from framework.db.backends.utils import CursorDebugWrapper, CursorWrapper
from framework.db.utils import (
    DatabaseErrorWrapper,
    TransactionManagementError,
)

if TYPE_CHECKING:
    from framework.db.backends.base.schema import BaseDatabaseSchemaEditor
    from framework.db.transaction import _Frame

__all__ = ["BaseDatabaseWrapper"]

logger = logging.getLogger("framework.db.backends")

# How many queries ``queries_log`` keeps under DEBUG before dropping the oldest.
QUERIES_LOG_SIZE = 9000

CommitHook = tuple[frozenset[str], Callable[[], Any], bool]


class BaseDatabaseWrapper:
    """Connection lifecycle, transactions, savepoints and on-commit hooks."""

    vendor: ClassVar[str] = "unknown"
    display_name: ClassVar[str] = "unknown"
    # The driver module (DB-API 2), whose exception classes get translated.
    Database: ClassVar[ModuleType]
    # internal_type -> column type template (``%(max_length)s`` etc.).
    data_types: ClassVar[dict[str, str]] = {}
    # internal_type -> text added after the column definition.
    data_types_suffix: ClassVar[dict[str, str]] = {}
    # internal_type -> CHECK condition template on ``%(column)s``.
    data_type_check_constraints: ClassVar[dict[str, str]] = {}
    # lookup name -> SQL applied to the right-hand side ``%s``.
    operators: ClassVar[dict[str, str]] = {
        "exact": "= %s",
        "gt": "> %s",
        "gte": ">= %s",
        "lt": "< %s",
        "lte": "<= %s",
    }

    features_class: ClassVar[type[BaseDatabaseFeatures]] = BaseDatabaseFeatures
    ops_class: ClassVar[type[BaseDatabaseOperations]] = BaseDatabaseOperations
    introspection_class: ClassVar[type[BaseDatabaseIntrospection]] = (
        BaseDatabaseIntrospection
    )
    creation_class: ClassVar[type[BaseDatabaseCreation]] = BaseDatabaseCreation
    client_class: ClassVar[type[BaseDatabaseClient]] = BaseDatabaseClient
    SchemaEditorClass: ClassVar[type[BaseDatabaseSchemaEditor]]

    def __init__(self, settings_dict: dict[str, Any], alias: str) -> None:
        self.connection: Any = None
        self.settings_dict = settings_dict
        self.alias = alias
        self.queries_log: deque[dict[str, str]] = deque(maxlen=QUERIES_LOG_SIZE)
        self.force_debug_cursor = False
        # Transaction state; see framework.db.transaction.
        self.autocommit = True
        self.atomic_frames: list[_Frame] = []
        self.needs_rollback = False
        self.rollback_exc: BaseException | None = None
        self.closed_in_transaction = False
        self.run_on_commit: list[CommitHook] = []
        self.savepoint_state = 0
        self._savepoint_ids: list[str] = []
        # Connection persistence and health.
        self.close_at: float | None = None
        self.errors_occurred = False
        self.health_check_enabled = bool(settings_dict.get("CONN_HEALTH_CHECKS"))
        self.health_check_done = False
        self.execute_wrappers: list[Callable[..., Any]] = []
        self.wrap_database_errors = DatabaseErrorWrapper(self)
        self.features = self.features_class(self)
        self.ops = self.ops_class(self)
        self.introspection = self.introspection_class(self)
        self.creation = self.creation_class(self)
        self.client = self.client_class(self)

    def __repr__(self) -> str:
        return (
            f"<{type(self).__qualname__} vendor={self.vendor!r} alias={self.alias!r}>"
        )

    # -- backend hooks ------------------------------------------------------

    def get_connection_params(self) -> dict[str, Any]:
        """Return the keyword arguments for :meth:`get_new_connection`."""
        raise NotImplementedError

    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        """Open and return a driver connection in autocommit mode."""
        raise NotImplementedError

    def init_connection_state(self) -> None:
        """Configure a fresh connection (time zone, pragmas)."""

    def create_cursor(self, name: str | None = None) -> Any:
        """Return a new driver cursor."""
        return self.connection.cursor()

    def is_usable(self) -> bool:
        """Say whether the open connection still answers a trivial query."""
        raise NotImplementedError

    # -- connection lifecycle ----------------------------------------------

    @property
    def queries_logged(self) -> bool:
        """Say whether cursors record queries (``DEBUG`` or ``force_debug_cursor``)."""
        return self.force_debug_cursor or bool(settings.DEBUG)

    @property
    def queries(self) -> list[dict[str, str]]:
        """Return the logged queries, oldest first."""
        return list(self.queries_log)

    def connect(self) -> None:
        """Open a driver connection and reset the per-connection state."""
        self.atomic_frames = []
        self.needs_rollback = False
        self.autocommit = True
        self.closed_in_transaction = False
        self.savepoint_state = 0
        self.run_on_commit = []
        max_age = self.settings_dict.get("CONN_MAX_AGE", 0)
        self.close_at = None if max_age is None else time.monotonic() + max_age
        self.health_check_enabled = bool(self.settings_dict.get("CONN_HEALTH_CHECKS"))
        self.errors_occurred = False
        self.health_check_done = False
        params = self.get_connection_params()
        with self.wrap_database_errors:
            self.connection = self.get_new_connection(params)
            self.init_connection_state()

    def ensure_connection(self) -> None:
        """Connect if not connected (and re-check a reused one if configured)."""
        if self.connection is not None and self.health_check_enabled:
            if not self.health_check_done:
                if not self.is_usable():
                    self.close()
                self.health_check_done = True
        if self.connection is None:
            if self.in_atomic_block and self.closed_in_transaction:
                raise TransactionManagementError(
                    "Cannot open a new connection in an atomic block: the "
                    "connection was closed inside it. Leave the atomic block first."
                )
            self.connect()
            self.health_check_done = True

    def close(self) -> None:
        """Close the driver connection; inside an atomic block, mark it broken."""
        self.run_on_commit = []
        if self.connection is None:
            return
        try:
            with self.wrap_database_errors:
                self.connection.close()
        finally:
            self.connection = None
            if self.in_atomic_block:
                self.closed_in_transaction = True
                self.needs_rollback = True

    def close_if_unusable_or_obsolete(self) -> None:
        """Close a connection that is broken, mid-transaction or too old.

        Run at the start and end of each request, so a worker never reuses a
        connection an earlier request left in a bad state.
        """
        if self.connection is None:
            return
        self.health_check_done = False
        if not self.get_autocommit():
            self.close()
            return
        if self.errors_occurred:
            if self.is_usable():
                self.errors_occurred = False
                self.health_check_done = True
            else:
                self.close()
                return
        if self.close_at is not None and time.monotonic() >= self.close_at:
            self.close()

    @contextmanager
    def temporary_connection(self) -> Iterator[CursorWrapper]:
        """Yield a cursor, closing the connection afterwards if it was closed."""
        must_close = self.connection is None
        try:
            with self.cursor() as cursor:
                yield cursor
        finally:
            if must_close:
                self.close()

    # -- cursors ------------------------------------------------------------

    def cursor(self) -> CursorWrapper:
        """Return a cursor, connecting first if needed."""
        self.ensure_connection()
        with self.wrap_database_errors:
            raw = self.create_cursor()
        if self.queries_logged:
            return CursorDebugWrapper(raw, self)
        return CursorWrapper(raw, self)

    def chunked_cursor(self) -> CursorWrapper:
        """Return a cursor suited to fetching a large result in chunks."""
        return self.cursor()

    def validate_no_broken_transaction(self) -> None:
        """Refuse queries after an error inside an atomic block."""
        if self.needs_rollback:
            raise TransactionManagementError(
                "An error occurred in the current transaction. You can't execute "
                "queries until the end of the 'atomic' block."
            ) from self.rollback_exc

    @contextmanager
    def execute_wrapper(self, wrapper: Callable[..., Any]) -> Iterator[None]:
        """Call ``wrapper(execute, sql, params, many, context)`` around queries."""
        self.execute_wrappers.append(wrapper)
        try:
            yield
        finally:
            self.execute_wrappers.pop()

    def _run_control(self, sql: str) -> None:
        """Run a transaction-control statement on the driver connection."""
        self.ensure_connection()
        with self.wrap_database_errors:
            cursor = self.create_cursor()
            try:
                cursor.execute(sql)
            finally:
                cursor.close()
        if self.queries_logged:
            self.queries_log.append({"sql": sql, "time": "0.000"})

    # -- transactions -------------------------------------------------------

    @property
    def in_atomic_block(self) -> bool:
        """Say whether an ``atomic`` block is open on this connection."""
        return bool(self.atomic_frames)

    def get_autocommit(self) -> bool:
        """Say whether statements commit on their own (no transaction open)."""
        return self.autocommit

    def set_autocommit(self, autocommit: bool) -> None:
        """Open a transaction (False) or commit the open one and leave it (True)."""
        if autocommit == self.autocommit:
            return
        if autocommit:
            self._validate_no_atomic_block()
            self.commit_transaction()
            self.autocommit = True
            self.run_and_clear_commit_hooks()
            return
        self.begin_transaction()
        self.autocommit = False

    def begin_transaction(self) -> None:
        """Issue the backend's ``BEGIN`` statement."""
        self._run_control(self.ops.begin_transaction_sql())

    def commit_transaction(self) -> None:
        """Issue ``COMMIT`` (used by atomic; see :meth:`commit` for manual use)."""
        if self.connection is not None:
            self._run_control("COMMIT")

    def rollback_transaction(self) -> None:
        """Issue ``ROLLBACK`` (used by atomic; see :meth:`rollback`)."""
        if self.connection is not None:
            self._run_control("ROLLBACK")

    def commit(self) -> None:
        """Commit a manually managed transaction and start the next one."""
        self._validate_no_atomic_block()
        if self.autocommit:
            return
        self.commit_transaction()
        self.begin_transaction()
        self.run_and_clear_commit_hooks()

    def rollback(self) -> None:
        """Roll back a manually managed transaction and start the next one."""
        self._validate_no_atomic_block()
        self.run_on_commit = []
        if self.autocommit:
            return
        self.rollback_transaction()
        self.begin_transaction()
        self.needs_rollback = False

    def _validate_no_atomic_block(self) -> None:
        if self.in_atomic_block:
            raise TransactionManagementError(
                "This is forbidden when an 'atomic' block is active; let the block "
                "commit, or raise an exception inside it to roll back."
            )

    def get_rollback(self) -> bool:
        """Say whether the innermost atomic block will roll back."""
        if not self.in_atomic_block:
            raise TransactionManagementError(
                "The rollback flag doesn't work outside of an 'atomic' block."
            )
        return self.needs_rollback

    def set_rollback(self, rollback: bool) -> None:
        """Force or cancel the rollback of the innermost atomic block."""
        if not self.in_atomic_block:
            raise TransactionManagementError(
                "The rollback flag doesn't work outside of an 'atomic' block."
            )
        self.needs_rollback = rollback

    # -- savepoints ---------------------------------------------------------

    def savepoint(self) -> str | None:
        """Create a savepoint and return its id; None outside a transaction."""
        if self.get_autocommit():
            return None
        self.savepoint_state += 1
        sid = f"s{self.savepoint_state}"
        self._run_control(f"SAVEPOINT {self.ops.quote_name(sid)}")
        self._savepoint_ids.append(sid)
        return sid

    def savepoint_rollback(self, sid: str) -> None:
        """Roll back to ``sid`` and drop the on-commit hooks registered since."""
        self._run_control(f"ROLLBACK TO SAVEPOINT {self.ops.quote_name(sid)}")
        self.run_on_commit = [hook for hook in self.run_on_commit if sid not in hook[0]]

    def savepoint_commit(self, sid: str) -> None:
        """Release savepoint ``sid``."""
        self._run_control(f"RELEASE SAVEPOINT {self.ops.quote_name(sid)}")
        if sid in self._savepoint_ids:
            self._savepoint_ids.remove(sid)

    def clean_savepoints(self) -> None:
        """Reset the savepoint counter (ids restart at s1)."""
        self.savepoint_state = 0

    # -- on-commit hooks ----------------------------------------------------

    def on_commit(self, func: Callable[[], Any], robust: bool = False) -> None:
        """Run ``func`` after commit; at once when no transaction is open."""
        if not callable(func):
            raise TypeError("on_commit()'s callback must be a callable.")
        if self.get_autocommit():
            self._run_hook(func, robust)
            return
        sids = frozenset(f.sid for f in self.atomic_frames if f.sid is not None)
        self.run_on_commit.append((sids, func, robust))

    def run_and_clear_commit_hooks(self) -> None:
        """Run the queued hooks in order; the queue is empty afterwards."""
        hooks, self.run_on_commit = self.run_on_commit, []
        while hooks:
            _, func, robust = hooks.pop(0)
            self._run_hook(func, robust)

    @staticmethod
    def _run_hook(func: Callable[[], Any], robust: bool) -> None:
        if not robust:
            func()
            return
        try:
            func()
        except Exception:
            # robust=True: a failing hook is logged and the others still run.
            logger.exception("Error calling %r in on_commit() (ignored).", func)

    # -- schema -------------------------------------------------------------

    def schema_editor(
        self, collect_sql: bool = False, atomic: bool = True
    ) -> BaseDatabaseSchemaEditor:
        """Return a schema editor; use it as a context manager."""
        return self.SchemaEditorClass(self, collect_sql=collect_sql, atomic=atomic)
