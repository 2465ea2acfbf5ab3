"""Read settings from environment variables, twelve-factor style.

A project's ``settings.py`` calls these helpers so the same code runs in
development (defaults) and production (values exported by the platform). Each
helper raises :class:`ImproperlyConfigured` naming the variable when a value
cannot be parsed, because a typo in a deploy config should stop start-up, not
silently fall back to a default.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from framework.core.exceptions import ImproperlyConfigured

__all__ = ["database_url", "env_bool", "env_int", "env_list", "env_str"]

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})

_ENGINES = {
    "sqlite": "framework.db.backends.sqlite3",
    "postgres": "framework.db.backends.postgresql",
    "postgresql": "framework.db.backends.postgresql",
    "pgsql": "framework.db.backends.postgresql",
}


def env_str(name: str, default: str = "") -> str:
    """Return variable ``name``, or ``default`` when it is unset."""
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    """Return variable ``name`` read as a boolean (1/0, true/false, yes/no, on/off)."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"Environment variable {name}={raw!r} is not a boolean. Set it to one of "
        "1/0, true/false, yes/no or on/off (any case)."
    )


def env_int(name: str, default: int = 0) -> int:
    """Return variable ``name`` read as an integer."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(
            f"Environment variable {name}={raw!r} is not an integer. "
            f"Set {name} to a whole number such as 8000."
        ) from None


def env_list(name: str, default: list[str] | None = None, sep: str = ",") -> list[str]:
    """Return variable ``name`` split on ``sep``, items stripped, empties dropped."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default) if default is not None else []
    return [item.strip() for item in raw.split(sep) if item.strip()]


def database_url(url: str) -> dict[str, Any]:
    """Turn a database URL into a ``DATABASES`` entry.

    Supported forms::

        sqlite:///relative/path.db      (relative to the working directory)
        sqlite:////absolute/path.db
        sqlite://:memory:
        postgres://user:password@host:5432/name?sslmode=require
        postgresql://...                (same as postgres://)

    User name and password are percent-decoded, so a password containing ``@``
    or ``/`` can be written as ``%40`` or ``%2F``. Query parameters become
    ``OPTIONS``.
    """
    scheme, sep, _ = url.partition("://")
    engine = _ENGINES.get(scheme.lower()) if sep else None
    if engine is None:
        supported = ", ".join(f"{s}://" for s in sorted(_ENGINES))
        raise ImproperlyConfigured(
            f"Unsupported database URL {_redact(url)!r}. Use one of: {supported} "
            "(e.g. sqlite:///db.sqlite3 or postgres://user:pw@host:5432/name)."
        )
    if engine.endswith("sqlite3"):
        return _sqlite_config(url, engine)
    return _server_config(url, engine)


def _sqlite_config(url: str, engine: str) -> dict[str, Any]:
    rest = url.partition("://")[2]
    path, _, query = rest.partition("?")
    if path in (":memory:", "/:memory:", ""):
        name = ":memory:"
    elif path.startswith("/"):
        # "sqlite:///db.sqlite3" leaves "/db.sqlite3": one slash is the URL
        # separator, so drop it; "sqlite:////abs" keeps the absolute path.
        name = unquote(path[1:])
    else:
        raise ImproperlyConfigured(
            f"Database URL {url!r} has a host part; SQLite URLs look like "
            "sqlite:///relative.db or sqlite:////absolute/path.db."
        )
    return _entry(engine, name, options=dict(parse_qsl(query)))


def _server_config(url: str, engine: str) -> dict[str, Any]:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured(
            f"Database URL {_redact(url)!r} has an invalid host or port. Use "
            "a host name and a number, "
            "e.g. postgres://user:pw@localhost:5432/name."
        ) from None
    return _entry(
        engine,
        unquote(parts.path.lstrip("/")),
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        host=unquote(parts.hostname or ""),
        port="" if port is None else str(port),
        options=dict(parse_qsl(parts.query)),
    )


def _entry(
    engine: str,
    name: str,
    *,
    user: str = "",
    password: str = "",
    host: str = "",
    port: str = "",
    options: dict[str, str],
) -> dict[str, Any]:
    return {
        "ENGINE": engine,
        "NAME": name,
        "USER": user,
        "PASSWORD": password,
        "HOST": host,
        "PORT": port,
        "OPTIONS": options,
    }


def _redact(url: str) -> str:
    """Hide the password so error messages can be logged safely."""
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:
        return "<unparsable URL>"
    if password is None:
        return url
    netloc = parts.netloc.replace(f":{password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()
