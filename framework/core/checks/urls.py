"""URL configuration checks: ``ROOT_URLCONF`` imports and its patterns are valid."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from framework.conf import settings
from framework.core.checks.messages import CheckMessage, Error, Warning
from framework.core.checks.registry import Tags, register
from framework.core.exceptions import ImproperlyConfigured
from framework.urls import get_resolver

__all__ = ["check_url_config"]

# Resolver warnings may carry their own id ("urls.W002: ..."); keep it if so.
_ID_PREFIX = re.compile(r"^(urls\.[EWI]\d{3}):\s*(.*)$", re.DOTALL)


@register(Tags.urls)
def check_url_config(
    app_configs: Sequence[Any] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """Import the root URLconf and report what its resolver finds wrong."""
    if not settings.ROOT_URLCONF:
        return []
    try:
        problems = get_resolver().check()
    except (ImproperlyConfigured, ImportError) as exc:
        return [
            Error(
                f"The URLconf could not be loaded: {exc}",
                hint=f"Check ROOT_URLCONF ({settings.ROOT_URLCONF!r}) and the "
                "modules it includes.",
                id="urls.E001",
            )
        ]
    return [_as_message(problem) for problem in problems]


def _as_message(problem: Any) -> CheckMessage:
    if isinstance(problem, CheckMessage):
        return problem
    match = _ID_PREFIX.match(str(problem))
    if match:
        return Warning(match.group(2), id=match.group(1))
    return Warning(str(problem), id="urls.W001")
