"""Cursor wrappers shared by every backend, and identifier-name helpers.

:class:`CursorWrapper` translates driver errors, refuses queries in a broken
transaction and runs the connection's execute wrappers;
:class:`CursorDebugWrapper` also records each query's SQL and duration in
``connection.queries_log`` (``DEBUG = True`` or ``force_debug_cursor``).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from framework.db.backends.base.base import BaseDatabaseWrapper

__all__ = [
    "CursorDebugWrapper",
    "CursorWrapper",
    "names_digest",
    "split_identifier",
    "truncate_name",
]

Params = Sequence[Any] | dict[str, Any] | None


class CursorWrapper:
    """A DB-API cursor that raises ``framework.db`` exceptions."""

    def __init__(self, cursor: Any, db: BaseDatabaseWrapper) -> None:
        self.cursor = cursor
        self.db = db

    def __getattr__(self, name: str) -> Any:
        return getattr(self.cursor, name)

    def __iter__(self) -> Iterator[Any]:
        with self.db.wrap_database_errors:
            yield from self.cursor

    def __enter__(self) -> CursorWrapper:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def rowcount(self) -> int:
        return int(self.cursor.rowcount)

    @property
    def description(self) -> Any:
        return self.cursor.description

    def close(self) -> None:
        """Close the driver cursor; closing twice or after disconnect is fine."""
        try:
            self.cursor.close()
        except self.db.Database.Error:
            pass

    def fetchone(self) -> Any:
        with self.db.wrap_database_errors:
            return self.cursor.fetchone()

    def fetchmany(self, size: int | None = None) -> list[Any]:
        with self.db.wrap_database_errors:
            if size is None:
                return list(self.cursor.fetchmany())
            return list(self.cursor.fetchmany(size))

    def fetchall(self) -> list[Any]:
        with self.db.wrap_database_errors:
            return list(self.cursor.fetchall())

    def execute(self, sql: str, params: Params = None) -> CursorWrapper:
        """Run ``sql`` with ``%s`` placeholders; values only ever go in ``params``.

        With ``params=None`` the SQL is sent as is (``%`` needs no doubling).
        """
        return self._run(self._execute, sql, params, many=False)

    def executemany(self, sql: str, param_list: Sequence[Params]) -> CursorWrapper:
        """Run ``sql`` once per parameter sequence in ``param_list``."""
        return self._run(self._executemany, sql, param_list, many=True)

    def callproc(self, name: str, params: Sequence[Any] = ()) -> Any:
        with self.db.wrap_database_errors:
            return self.cursor.callproc(name, params)

    def _run(
        self, method: Callable[..., Any], sql: str, params: Any, many: bool
    ) -> CursorWrapper:
        self.db.validate_no_broken_transaction()
        wrappers = self.db.execute_wrappers
        if not wrappers:
            method(sql, params)
            return self
        call: Callable[..., Any] = lambda s, p, m, c: method(s, p)  # noqa: E731
        for wrapper in reversed(wrappers):
            call = _bind(wrapper, call)
        call(sql, params, many, {"connection": self.db, "cursor": self})
        return self

    def _execute(self, sql: str, params: Params) -> None:
        with self.db.wrap_database_errors:
            if params is None:
                self.cursor.execute(sql)
            else:
                self.cursor.execute(sql, params)

    def _executemany(self, sql: str, param_list: Sequence[Params]) -> None:
        with self.db.wrap_database_errors:
            self.cursor.executemany(sql, param_list)


def _bind(wrapper: Callable[..., Any], inner: Callable[..., Any]) -> Callable[..., Any]:
    def call(sql: str, params: Any, many: bool, context: dict[str, Any]) -> Any:
        return wrapper(inner, sql, params, many, context)

    return call


class CursorDebugWrapper(CursorWrapper):
    """A cursor wrapper that logs every query with its duration."""

    def execute(self, sql: str, params: Params = None) -> CursorWrapper:
        start = time.perf_counter()
        try:
            return super().execute(sql, params)
        finally:
            self._log(sql, params, start, many=False)

    def executemany(self, sql: str, param_list: Sequence[Params]) -> CursorWrapper:
        start = time.perf_counter()
        try:
            return super().executemany(sql, param_list)
        finally:
            self._log(sql, param_list, start, many=True)

    def _log(self, sql: str, params: Any, start: float, many: bool) -> None:
        duration = time.perf_counter() - start
        if many:
            shown = f"{len(params)} times: {sql}" if params is not None else sql
        else:
            shown = self.db.ops.last_executed_query(self.cursor, sql, params)
        self.db.queries_log.append({"sql": shown, "time": f"{duration:.3f}"})


def split_identifier(identifier: str) -> tuple[str, str]:
    """Split ``'schema"."table'`` (as quoted by some callers) into its parts."""
    try:
        namespace, name = identifier.split('"."')
    except ValueError:
        return "", identifier
    return namespace.strip('"'), name.strip('"')


def names_digest(*parts: str, length: int) -> str:
    """Return a stable hex digest of ``parts`` (for generated index names)."""
    digest = hashlib.md5(usedforsecurity=False)
    for part in parts:
        digest.update(part.encode())
    return digest.hexdigest()[:length]


def truncate_name(identifier: str, length: int | None = None, hash_len: int = 4) -> str:
    """Shorten ``identifier`` to ``length`` chars, keeping it unique with a hash."""
    namespace, name = split_identifier(identifier)
    if length is None or len(name) <= length:
        return identifier
    digest = names_digest(name, length=hash_len)
    short = f"{name[: length - hash_len]}{digest}"
    return f'{namespace}"."{short}' if namespace else short
