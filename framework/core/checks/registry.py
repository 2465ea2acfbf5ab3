"""The check registry: functions that inspect the project and report problems.

A check is a callable taking keyword arguments ``app_configs`` (a list of app
configs to limit itself to, or None for all) and ``databases``, plus
``**kwargs`` for arguments added later, and returning a list of
:class:`CheckMessage`. Register it with tags so ``manage.py check --tag urls``
can run a subset; ``deploy=True`` checks only run with ``--deploy``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar, overload

from framework.conf import settings
from framework.core.checks.messages import CheckMessage

__all__ = [
    "CheckFunction",
    "CheckRegistry",
    "Tags",
    "register",
    "registry",
    "run_checks",
    "silenced_ids",
    "tag_exists",
]

CheckFunction = Callable[..., Iterable[CheckMessage]]
_F = TypeVar("_F", bound=CheckFunction)


class Tags:
    """Built-in tag names; any string works as a tag."""

    database = "database"
    models = "models"
    security = "security"
    settings = "settings"
    staticfiles = "staticfiles"
    templates = "templates"
    urls = "urls"


class CheckRegistry:
    """Hold registered checks and run them, filtered by tag."""

    def __init__(self) -> None:
        # Dicts keep registration order, so output is stable from run to run.
        self.registered_checks: dict[CheckFunction, frozenset[str]] = {}
        self.deployment_checks: dict[CheckFunction, frozenset[str]] = {}

    @overload
    def register(self, check: _F, /, *tags: str, deploy: bool = ...) -> _F: ...

    @overload
    def register(self, *tags: str, deploy: bool = ...) -> Callable[[_F], _F]: ...

    def register(self, *args: Any, deploy: bool = False) -> Any:
        """Register a check; use bare (``@register``), with tags, or called directly.

        ``register(Tags.urls)`` returns a decorator; ``register(func, "urls")``
        registers at once and returns ``func``.
        """
        if args and callable(args[0]):
            check, tags = args[0], args[1:]
            self._add(check, tags, deploy)
            return check

        def decorator(check: _F) -> _F:
            self._add(check, args, deploy)
            return check

        return decorator

    def _add(self, check: CheckFunction, tags: Sequence[str], deploy: bool) -> None:
        for tag in tags:
            if not isinstance(tag, str):
                raise TypeError(f"Check tags must be strings, not {tag!r}.")
        target = self.deployment_checks if deploy else self.registered_checks
        target[check] = frozenset(tags)

    def get_checks(
        self, include_deployment_checks: bool = False
    ) -> dict[CheckFunction, frozenset[str]]:
        """Return the checks that would run, with their tags."""
        checks = dict(self.registered_checks)
        if include_deployment_checks:
            checks.update(self.deployment_checks)
        return checks

    def run_checks(
        self,
        app_configs: Sequence[Any] | None = None,
        tags: Iterable[str] | None = None,
        include_deployment_checks: bool = False,
        databases: Sequence[str] | None = None,
        include_silenced: bool = False,
    ) -> list[CheckMessage]:
        """Run the matching checks and return their messages.

        Messages whose id is in ``SILENCED_SYSTEM_CHECKS`` are left out unless
        ``include_silenced`` is true (the ``check`` command counts them).
        """
        wanted = set(tags) if tags else None
        messages: list[CheckMessage] = []
        for check, check_tags in self.get_checks(include_deployment_checks).items():
            if wanted is not None and not wanted & check_tags:
                continue
            messages.extend(_call(check, app_configs, databases))
        if include_silenced:
            return messages
        silenced = silenced_ids()
        return [m for m in messages if m.id not in silenced]

    def tag_exists(self, tag: str, include_deployment_checks: bool = False) -> bool:
        """Say whether any check carries ``tag``."""
        return tag in self.tags_available(include_deployment_checks)

    def tags_available(self, include_deployment_checks: bool = False) -> set[str]:
        """Return every tag in use."""
        checks = self.get_checks(include_deployment_checks)
        return {tag for tags in checks.values() for tag in tags}


def _call(
    check: CheckFunction,
    app_configs: Sequence[Any] | None,
    databases: Sequence[str] | None,
) -> list[CheckMessage]:
    result = check(app_configs=app_configs, databases=databases)
    if isinstance(result, str | bytes) or not isinstance(result, Iterable):
        raise TypeError(
            f"The check {check!r} returned {type(result).__name__}; checks must "
            "return a list of CheckMessage objects (an empty list when all is well)."
        )
    messages = list(result)
    for message in messages:
        if not isinstance(message, CheckMessage):
            raise TypeError(
                f"The check {check!r} returned {message!r}; every item must be a "
                "CheckMessage such as checks.Error(...) or checks.Warning(...)."
            )
    return messages


def silenced_ids() -> set[str]:
    """Return the ids in ``SILENCED_SYSTEM_CHECKS``."""
    return set(settings.SILENCED_SYSTEM_CHECKS)


registry = CheckRegistry()
register = registry.register
run_checks = registry.run_checks
tag_exists = registry.tag_exists
