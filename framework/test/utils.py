"""Settings overrides for tests that restore what they change."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from asgiref.sync import iscoroutinefunction

from framework.conf import settings
from framework.core.signals import setting_changed

__all__ = ["SettingsWrapper", "override_settings"]

_MISSING = object()
_F = TypeVar("_F", bound=Callable[..., Any])


def _apply(name: str, value: Any) -> Any:
    wrapped = settings.__dict__["_wrapped"] or settings._setup()
    old = wrapped.__dict__.get(name, _MISSING)
    setattr(wrapped, name, value)
    setting_changed.send(sender=None, setting=name, value=value, enter=True)
    return old


def _restore(name: str, old: Any) -> None:
    wrapped = settings.__dict__["_wrapped"] or settings._setup()
    if old is _MISSING:
        wrapped.__dict__.pop(name, None)
    else:
        setattr(wrapped, name, old)
    setting_changed.send(
        sender=None, setting=name, value=getattr(settings, name, None), enter=False
    )


class override_settings:  # noqa: N801 - Django's public name
    """Override settings in a ``with`` block or for one decorated function."""

    def __init__(self, **values: Any) -> None:
        self.values = values
        self._saved: list[tuple[str, Any]] = []

    def __enter__(self) -> None:
        self._saved = [
            (name, _apply(name, value)) for name, value in self.values.items()
        ]

    def __exit__(self, *exc: Any) -> None:
        for name, old in reversed(self._saved):
            _restore(name, old)
        self._saved = []

    def __call__(self, func: _F) -> _F:
        if iscoroutinefunction(func):

            @wraps(func)
            async def async_inner(*args: Any, **kwargs: Any) -> Any:
                with override_settings(**self.values):
                    return await func(*args, **kwargs)

            return async_inner  # type: ignore[return-value]

        @wraps(func)
        def inner(*args: Any, **kwargs: Any) -> Any:
            with override_settings(**self.values):
                return func(*args, **kwargs)

        return inner  # type: ignore[return-value]


class SettingsWrapper:
    """The pytest ``settings`` fixture: assign to override, undone after the test."""

    def __init__(self) -> None:
        self.__dict__["_saved"] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(settings, name)

    def __setattr__(self, name: str, value: Any) -> None:
        self.__dict__["_saved"].append((name, _apply(name, value)))

    def __delattr__(self, name: str) -> None:
        wrapped = settings.__dict__["_wrapped"] or settings._setup()
        old = wrapped.__dict__.get(name, _MISSING)
        wrapped.__dict__.pop(name, None)
        self.__dict__["_saved"].append((name, old))
        setting_changed.send(sender=None, setting=name, value=None, enter=True)

    def finalize(self) -> None:
        """Restore every overridden setting, newest first."""
        for name, old in reversed(self.__dict__["_saved"]):
            _restore(name, old)
        self.__dict__["_saved"].clear()
