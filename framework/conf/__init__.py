"""Settings: a lazy object over the global defaults plus the project's module.

``from framework.conf import settings`` is safe at import time; the project module
named by ``FRAMEWORK_SETTINGS_MODULE`` is imported on first attribute access.
Code on the hot path should read what it needs once (when a handler or middleware
is built), not per request.
"""

from __future__ import annotations

import importlib
import os
import re
from typing import Any

from framework.conf import global_settings
from framework.core.exceptions import ImproperlyConfigured

__all__ = ["ENVIRONMENT_VARIABLE", "LazySettings", "Settings", "settings"]

ENVIRONMENT_VARIABLE = "FRAMEWORK_SETTINGS_MODULE"

_LIST_SETTINGS = (
    "ALLOWED_HOSTS",
    "INSTALLED_APPS",
    "MIDDLEWARE",
    "TEMPLATES",
    "STATICFILES_DIRS",
    "SECRET_KEY_FALLBACKS",
    "SILENCED_SYSTEM_CHECKS",
)
_DOTTED = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")


class Settings:
    """The defaults overlaid with one project settings module."""

    def __init__(self, module: str | None) -> None:
        self._explicit: set[str] = set()
        self.SETTINGS_MODULE = module
        for name in dir(global_settings):
            if name.isupper():
                setattr(self, name, getattr(global_settings, name))
        if module is None:
            return
        project = _import_settings_module(module)
        for name in dir(project):
            if name.isupper():
                setattr(self, name, getattr(project, name))
                self._explicit.add(name)
        self._validate()

    def _validate(self) -> None:
        for name in _LIST_SETTINGS:
            value = getattr(self, name)
            if not isinstance(value, list | tuple):
                raise ImproperlyConfigured(
                    f"The {name} setting must be a list or a tuple, not "
                    f"{type(value).__name__}. Fix {name} in {self.SETTINGS_MODULE}."
                )

    def is_overridden(self, name: str) -> bool:
        """Say whether the project module set ``name`` itself."""
        return name in self._explicit

    def __repr__(self) -> str:
        return f"<Settings {self.SETTINGS_MODULE!r}>"


def _import_settings_module(module: str) -> Any:
    if not _DOTTED.match(module):
        raise ImproperlyConfigured(
            f"{module!r} is not a dotted module path. Set {ENVIRONMENT_VARIABLE} or "
            "--settings to a module such as 'mysite.settings'."
        )
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and module.startswith(exc.name):
            raise ImproperlyConfigured(
                f"Settings module {module!r} could not be imported ({exc}). Check "
                f"{ENVIRONMENT_VARIABLE} or --settings, and run from the folder that "
                "holds manage.py."
            ) from exc
        raise


class UserSettingsHolder:
    """Settings given to :meth:`LazySettings.configure` instead of a module."""

    def __init__(self, defaults: Any, **options: Any) -> None:
        self._defaults = defaults
        self._explicit = set(options)
        self.SETTINGS_MODULE = None
        for name, value in options.items():
            if not name.isupper():
                raise TypeError(f"Setting {name!r} must be upper case.")
            setattr(self, name, value)

    def __getattr__(self, name: str) -> Any:
        if not name.isupper():
            raise AttributeError(name)
        return getattr(self._defaults, name)

    def is_overridden(self, name: str) -> bool:
        return name in self._explicit


class LazySettings:
    """Proxy that loads the settings module on first use.

    Tests override values with ``framework.test.override_settings`` or the
    pytest ``settings`` fixture, both of which restore the previous values.
    """

    def __init__(self) -> None:
        self.__dict__["_wrapped"] = None

    def _setup(self) -> Any:
        module = os.environ.get(ENVIRONMENT_VARIABLE)
        if not module:
            raise ImproperlyConfigured(
                f"Settings are not configured. Set the {ENVIRONMENT_VARIABLE} "
                "environment variable to your settings module (e.g. "
                "'mysite.settings') or call settings.configure() first."
            )
        wrapped = Settings(module)
        self.__dict__["_wrapped"] = wrapped
        return wrapped

    def __getattr__(self, name: str) -> Any:
        wrapped = self.__dict__["_wrapped"] or self._setup()
        value = getattr(wrapped, name)
        if name == "SECRET_KEY" and not value:
            raise ImproperlyConfigured(
                "The SECRET_KEY setting must not be empty. Set it in your settings "
                "module, or export SECRET_KEY in the environment."
            )
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        wrapped = self.__dict__["_wrapped"] or self._setup()
        setattr(wrapped, name, value)

    def __delattr__(self, name: str) -> None:
        wrapped = self.__dict__["_wrapped"] or self._setup()
        delattr(wrapped, name)

    @property
    def configured(self) -> bool:
        """Say whether settings have been loaded or configured."""
        return self.__dict__["_wrapped"] is not None

    def configure(
        self, default_settings: Any = global_settings, **options: Any
    ) -> None:
        """Use these values instead of a settings module (scripts and tests)."""
        if self.configured:
            raise RuntimeError("Settings already configured.")
        self.__dict__["_wrapped"] = UserSettingsHolder(default_settings, **options)

    def is_overridden(self, name: str) -> bool:
        wrapped = self.__dict__["_wrapped"] or self._setup()
        return bool(wrapped.is_overridden(name))

    def _reset(self) -> None:
        """Forget the loaded settings (tests that switch settings modules)."""
        self.__dict__["_wrapped"] = None

    def __repr__(self) -> str:
        return f"<LazySettings {self.__dict__['_wrapped']!r}>"


settings = LazySettings()
