"""Database exceptions, the error-translating wrapper, and the connection handler.

The exception tree every backend raises, whatever the driver::

    Exception
    ├── Error
    │   ├── InterfaceError            the driver itself failed (closed connection)
    │   └── DatabaseError
    │       ├── DataError             a value does not fit its column
    │       ├── OperationalError      the server went away, a lock timed out
    │       ├── IntegrityError        a unique / foreign key / check constraint failed
    │       ├── InternalError
    │       ├── ProgrammingError      bad SQL, a missing table
    │       │   └── TransactionManagementError
    │       └── NotSupportedError     the backend cannot do what was asked
    └── ConnectionDoesNotExist        ``connections[alias]`` for an unknown alias

The driver's original exception is always chained (``raise ... from exc``).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from types import ModuleType, TracebackType
from typing import TYPE_CHECKING, Any

from asgiref.local import Local

from framework.conf import settings
from framework.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from framework.db.backends.base.base import BaseDatabaseWrapper

__all__ = [
    "DEFAULT_DB_ALIAS",
    "ConnectionDoesNotExist",
    "ConnectionHandler",
    "DataError",
    "DatabaseError",
    "DatabaseErrorWrapper",
    "Error",
    "IntegrityError",
    "InterfaceError",
    "InternalError",
    "NotSupportedError",
    "OperationalError",
    "ProgrammingError",
    "TransactionManagementError",
    "load_backend",
]

DEFAULT_DB_ALIAS = "default"

_BUILTIN_BACKENDS = (
    "framework.db.backends.postgresql",
    "framework.db.backends.sqlite3",
)


class Error(Exception):
    """Base class of every database error."""


class InterfaceError(Error):
    """The database interface (driver) failed rather than the database."""


class DatabaseError(Error):
    """The database reported an error."""


class DataError(DatabaseError):
    """A value was out of range or of the wrong kind for its column."""


class OperationalError(DatabaseError):
    """The database could not do the operation (connection lost, lock timeout)."""


class IntegrityError(DatabaseError):
    """A unique, foreign key, not-null or check constraint failed."""


class InternalError(DatabaseError):
    """The database hit an internal problem (for example a broken transaction)."""


class ProgrammingError(DatabaseError):
    """The SQL was wrong: a syntax error, a missing table or column."""


class NotSupportedError(DatabaseError):
    """The backend does not support the requested feature."""


class TransactionManagementError(ProgrammingError):
    """Transaction calls were used in an order that cannot work."""


class ConnectionDoesNotExist(Exception):
    """``connections[alias]`` named an alias missing from ``DATABASES``."""


# Most specific first: the first class the driver's exception subclasses wins.
_TRANSLATION_ORDER: tuple[type[Error], ...] = (
    DataError,
    OperationalError,
    IntegrityError,
    InternalError,
    ProgrammingError,
    NotSupportedError,
    DatabaseError,
    InterfaceError,
    Error,
)


class DatabaseErrorWrapper:
    """Re-raise driver (DB-API) exceptions as this module's classes.

    Used as a context manager around every driver call, so callers catch
    ``framework.db.IntegrityError`` whichever backend runs.
    """

    def __init__(self, wrapper: BaseDatabaseWrapper) -> None:
        self.wrapper = wrapper

    def __enter__(self) -> None:
        return None

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if exc_type is None or exc_value is None:
            return
        translated = translate_exception(self.wrapper.Database, exc_value)
        if translated is None:
            return
        if not isinstance(translated, DataError | IntegrityError):
            # Anything but a bad value may mean the connection is broken; the
            # request-end health check then tests it before reuse.
            self.wrapper.errors_occurred = True
        raise translated.with_traceback(traceback) from exc_value


def translate_exception(driver: Any, exc: BaseException) -> Error | None:
    """Return our exception for driver exception ``exc``, or None if not a DB error."""
    if isinstance(exc, Error):
        return None
    for ours in _TRANSLATION_ORDER:
        theirs = getattr(driver, ours.__name__, None)
        if isinstance(theirs, type) and isinstance(exc, theirs):
            return ours(*exc.args)
    return None


def load_backend(engine: str) -> ModuleType:
    """Import and return ``<engine>.base`` (the module holding ``DatabaseWrapper``)."""
    try:
        return importlib.import_module(f"{engine}.base")
    except ImportError as exc:
        missing = getattr(exc, "name", None) or ""
        if missing and not (engine.startswith(missing) or missing.startswith(engine)):
            raise  # A dependency of an existing backend is missing: show it as is.
        builtin = ", ".join(repr(name) for name in _available_backends())
        raise ImproperlyConfigured(
            f"{engine!r} isn't an available database backend or couldn't be "
            f"imported ({exc}). Set DATABASES[...]['ENGINE'] to one of the "
            f"built-in backends: {builtin}, or to the dotted path of a package "
            "holding a base.py with a DatabaseWrapper class."
        ) from exc


def _available_backends() -> list[str]:
    package = importlib.import_module("framework.db.backends")
    found = [
        f"framework.db.backends.{info.name}"
        for info in pkgutil.iter_modules(package.__path__)
        if info.ispkg and info.name != "base"
    ]
    return sorted(found) or list(_BUILTIN_BACKENDS)


_DEFAULT_SETTINGS: dict[str, Any] = {
    "NAME": "",
    "USER": "",
    "PASSWORD": "",
    "HOST": "",
    "PORT": "",
    "OPTIONS": {},
    "ATOMIC_REQUESTS": False,
    "AUTOCOMMIT": True,
    "CONN_MAX_AGE": 0,
    "CONN_HEALTH_CHECKS": False,
    "TIME_ZONE": None,
}

_EXAMPLE = (
    "DATABASES = {'default': {'ENGINE': 'framework.db.backends.sqlite3', "
    "'NAME': BASE_DIR / 'db.sqlite3'}}"
)


def _configure_settings(databases: Any) -> dict[str, dict[str, Any]]:
    """Validate ``DATABASES`` and fill in every per-alias default."""
    if not isinstance(databases, dict):
        raise ImproperlyConfigured(
            f"The DATABASES setting must be a dict, not {type(databases).__name__}. "
            f"Use e.g. {_EXAMPLE}."
        )
    if databases and DEFAULT_DB_ALIAS not in databases:
        raise ImproperlyConfigured(
            f"DATABASES has no {DEFAULT_DB_ALIAS!r} entry (found "
            f"{', '.join(map(repr, databases))}). Add a 'default' database to "
            "DATABASES."
        )
    configured: dict[str, dict[str, Any]] = {}
    for alias, entry in databases.items():
        if not isinstance(entry, dict) or not entry.get("ENGINE"):
            raise ImproperlyConfigured(
                f"DATABASES[{alias!r}] has no ENGINE. Set it to "
                "'framework.db.backends.sqlite3' or "
                "'framework.db.backends.postgresql'."
            )
        merged = {**_DEFAULT_SETTINGS, **entry}
        merged["OPTIONS"] = dict(merged["OPTIONS"] or {})
        merged["TEST"] = {"NAME": None, **(entry.get("TEST") or {})}
        merged["NAME"] = str(merged["NAME"]) if merged["NAME"] else ""
        configured[alias] = merged
    return configured


class ConnectionHandler:
    """Hand out one database wrapper per alias and per thread.

    ``DATABASES`` is read on first use (never at import) and again after
    :meth:`reset`, which tests trigger by overriding the setting.
    """

    def __init__(self, databases: dict[str, dict[str, Any]] | None = None) -> None:
        self._explicit = databases
        self._settings: dict[str, dict[str, Any]] | None = None
        # thread_critical: a connection must never move between threads, even
        # when async code hops event-loop threads.
        self._connections = Local(thread_critical=True)

    @property
    def settings(self) -> dict[str, dict[str, Any]]:
        """Return the validated ``DATABASES`` mapping, defaults filled in."""
        if self._settings is None:
            raw = self._explicit if self._explicit is not None else settings.DATABASES
            self._settings = _configure_settings(raw)
        return self._settings

    def __getitem__(self, alias: str) -> BaseDatabaseWrapper:
        try:
            return getattr(self._connections, alias)  # type: ignore[no-any-return]
        except AttributeError:
            pass
        conn = self.create_connection(alias)
        setattr(self._connections, alias, conn)
        return conn

    def create_connection(self, alias: str) -> BaseDatabaseWrapper:
        """Build a new (not yet connected) wrapper for ``alias``."""
        databases = self.settings
        if alias not in databases:
            if not databases:
                raise ImproperlyConfigured(
                    "settings.DATABASES is empty, so there is no database to use. "
                    f"Configure one in your settings module, e.g. {_EXAMPLE}."
                )
            raise ConnectionDoesNotExist(
                f"The connection {alias!r} doesn't exist; DATABASES defines "
                f"{', '.join(map(repr, databases))}."
            )
        entry = databases[alias]
        backend = load_backend(entry["ENGINE"])
        wrapper: BaseDatabaseWrapper = backend.DatabaseWrapper(entry, alias)
        return wrapper

    def __iter__(self) -> Iterator[str]:
        return iter(self.settings)

    def __contains__(self, alias: object) -> bool:
        return alias in self.settings

    def all(self, initialized_only: bool = False) -> list[BaseDatabaseWrapper]:
        """Return this thread's wrappers (only already-built ones if asked)."""
        if initialized_only:
            return [
                getattr(self._connections, alias)
                for alias in self.settings
                if hasattr(self._connections, alias)
            ]
        return [self[alias] for alias in self.settings]

    def close_all(self) -> None:
        """Close every connection this thread opened."""
        for conn in self.all(initialized_only=True):
            conn.close()

    def reset(self) -> None:
        """Close this thread's connections and re-read ``DATABASES`` on next use."""
        try:
            if self._settings is not None:
                self.close_all()
        finally:
            self._settings = None
            self._connections = Local(thread_critical=True)


class ConnectionProxy:
    """Forward attribute access to ``connections[alias]`` of the calling thread."""

    def __init__(self, handler: ConnectionHandler, alias: str) -> None:
        self.__dict__["_handler"] = handler
        self.__dict__["_alias"] = alias

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handler[self._alias], name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._handler[self._alias], name, value)

    def __delattr__(self, name: str) -> None:
        delattr(self._handler[self._alias], name)

    def __eq__(self, other: object) -> bool:
        return bool(self._handler[self._alias] == other)

    def __hash__(self) -> int:
        return hash(self._handler[self._alias])

    def __repr__(self) -> str:
        return f"<ConnectionProxy {self._alias!r}>"
