"""Logging set-up: framework defaults merged with the project's ``LOGGING``.

Request errors go to ``framework.request`` and suspicious input to
``framework.security.<Name>``; both print to stderr by default so that a server
log shows them without any configuration.
"""

from __future__ import annotations

import logging
from typing import Any

from framework.utils.module_loading import import_string

DEFAULT_LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "framework.server": {
            "format": "[%(asctime)s] %(message)s",
            "datefmt": "%d/%b/%Y %H:%M:%S",
        },
    },
    "handlers": {
        "console": {"level": "INFO", "class": "logging.StreamHandler"},
        "framework.server": {
            "level": "INFO",
            "class": "logging.StreamHandler",
            "formatter": "framework.server",
        },
    },
    "loggers": {
        "framework": {"handlers": ["console"], "level": "INFO"},
        "framework.server": {
            "handlers": ["framework.server"],
            "level": "INFO",
            "propagate": False,
        },
    },
}

_configured = False


def configure_logging(
    logging_config: str | None, logging_settings: dict[str, Any]
) -> None:
    """Apply the defaults once, then the project's dict over them."""
    global _configured
    if not logging_config:
        return
    configure = import_string(logging_config)
    if not _configured:
        configure(DEFAULT_LOGGING)
        _configured = True
    if logging_settings:
        configure(logging_settings)


def log_response(
    logger: logging.Logger, message: str, status: int, exc_info: Any = None
) -> None:
    """Log a 4xx as a warning and a 5xx as an error, escaping control characters."""
    text = message.encode("unicode_escape").decode("ascii")
    if status >= 500:
        logger.error(text, exc_info=exc_info)
    elif status >= 400:
        logger.warning(text, exc_info=exc_info)
