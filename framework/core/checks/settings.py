"""Settings checks: a usable ``SECRET_KEY`` always, safe values for deployment.

The deployment checks (``--deploy``) use the ``security.W0xx`` ids Django users
already know, so ``SILENCED_SYSTEM_CHECKS`` entries carry over.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from framework.conf import settings
from framework.core.checks.messages import CheckMessage, Error, Warning
from framework.core.checks.registry import Tags, register
from framework.core.exceptions import ImproperlyConfigured

__all__ = [
    "INSECURE_KEY_PREFIX",
    "check_allowed_hosts",
    "check_debug",
    "check_secret_key",
    "check_secret_key_strength",
]

# startproject writes keys with this prefix so they are easy to spot in review.
INSECURE_KEY_PREFIX = "framework-insecure-"
_MIN_KEY_LENGTH = 50
_MIN_KEY_UNIQUE_CHARS = 5


def _secret_key() -> str:
    # settings refuses to hand out an empty key; the check reports it instead.
    try:
        return str(settings.SECRET_KEY)
    except ImproperlyConfigured:
        return ""


@register(Tags.settings)
def check_secret_key(
    app_configs: Sequence[Any] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """Report an empty ``SECRET_KEY``; signing cannot work without one."""
    if _secret_key():
        return []
    return [
        Error(
            "The SECRET_KEY setting must not be empty.",
            hint="Export SECRET_KEY in the environment or set SECRET_KEY in your "
            "settings module.",
            id="settings.E001",
        )
    ]


@register(Tags.security, deploy=True)
def check_secret_key_strength(
    app_configs: Sequence[Any] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """Warn when ``SECRET_KEY`` is short, repetitive or the scaffold's own key."""
    key = _secret_key()
    weakness = _key_weakness(key) if key else None
    if weakness is None:
        return []
    return [
        Warning(
            f"Your SECRET_KEY {weakness}.",
            hint="Export SECRET_KEY with a long random value in production, e.g. "
            'the output of: python -c "import secrets; '
            'print(secrets.token_urlsafe(50))"',
            id="security.W009",
        )
    ]


def _key_weakness(key: str) -> str | None:
    if key.startswith(INSECURE_KEY_PREFIX):
        return (
            f"starts with '{INSECURE_KEY_PREFIX}': it is the development key "
            "startproject wrote into your source code"
        )
    if len(key) < _MIN_KEY_LENGTH:
        return f"has fewer than {_MIN_KEY_LENGTH} characters, so it is easy to guess"
    if len(set(key)) < _MIN_KEY_UNIQUE_CHARS:
        return (
            f"has fewer than {_MIN_KEY_UNIQUE_CHARS} unique characters, so it is "
            "easy to guess"
        )
    return None


@register(Tags.security, deploy=True)
def check_debug(
    app_configs: Sequence[Any] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """Warn when ``DEBUG`` is on; debug pages leak source and settings."""
    if not settings.DEBUG:
        return []
    return [
        Warning(
            "DEBUG is True; error pages will show code, settings and request data.",
            hint="Set DEBUG = False in production (export DEBUG=0).",
            id="security.W018",
        )
    ]


@register(Tags.security, deploy=True)
def check_allowed_hosts(
    app_configs: Sequence[Any] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """Warn when ``ALLOWED_HOSTS`` is empty; every request would be refused."""
    if settings.ALLOWED_HOSTS:
        return []
    return [
        Warning(
            "ALLOWED_HOSTS is empty, so with DEBUG off every request is refused.",
            hint="Set ALLOWED_HOSTS to your domain names, e.g. export "
            "ALLOWED_HOSTS=example.com,www.example.com.",
            id="security.W020",
        )
    ]
