"""Template checks: each ``TEMPLATES`` backend imports and engine names are unique."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from framework.conf import settings
from framework.core.checks.messages import CheckMessage, Error
from framework.core.checks.registry import Tags, register
from framework.template.engines import engine_alias
from framework.utils.module_loading import import_string

__all__ = ["check_template_backends"]


@register(Tags.templates)
def check_template_backends(
    app_configs: Sequence[Any] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """Report backends that cannot be imported and duplicate engine names."""
    messages: list[CheckMessage] = []
    for index, config in enumerate(settings.TEMPLATES):
        messages.extend(_check_backend(index, config))
    names = Counter(engine_alias(c) for c in settings.TEMPLATES if isinstance(c, dict))
    duplicates = sorted(name for name, count in names.items() if count > 1)
    if duplicates:
        messages.append(
            Error(
                f"Template engine names are not unique: {', '.join(duplicates)}.",
                hint="Give each TEMPLATES entry a distinct 'NAME'.",
                id="templates.E002",
            )
        )
    return messages


def _check_backend(index: int, config: Any) -> list[CheckMessage]:
    if not isinstance(config, dict) or not config.get("BACKEND"):
        return [
            Error(
                f"TEMPLATES[{index}] has no BACKEND.",
                hint="Set 'BACKEND' to a dotted path such as "
                "'framework.template.backends.jinja2.Jinja2'.",
                id="templates.E001",
            )
        ]
    try:
        import_string(config["BACKEND"])
    except ImportError as exc:
        return [
            Error(
                f"TEMPLATES[{index}] BACKEND {config['BACKEND']!r} cannot be "
                f"imported: {exc}",
                hint="Fix the dotted path, or install the package that provides it.",
                id="templates.E001",
            )
        ]
    return []
