"""System checks: find configuration mistakes before the first request does.

Importing this package registers the built-in checks (URLs, settings,
templates). Apps register their own with :func:`register`, usually from
``AppConfig.ready()``.
"""

from __future__ import annotations

# Imported for their side effect: each module registers its checks.
import framework.core.checks.settings
import framework.core.checks.templates
import framework.core.checks.urls  # noqa: F401
from framework.core.checks.messages import (
    CRITICAL,
    DEBUG,
    ERROR,
    INFO,
    WARNING,
    CheckMessage,
    Critical,
    Debug,
    Error,
    Info,
    Warning,
)
from framework.core.checks.registry import (
    CheckRegistry,
    Tags,
    register,
    registry,
    run_checks,
    silenced_ids,
    tag_exists,
)

__all__ = [
    "CRITICAL",
    "DEBUG",
    "ERROR",
    "INFO",
    "WARNING",
    "CheckMessage",
    "CheckRegistry",
    "Critical",
    "Debug",
    "Error",
    "Info",
    "Tags",
    "Warning",
    "register",
    "registry",
    "run_checks",
    "silenced_ids",
    "tag_exists",
]
