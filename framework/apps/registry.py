"""The app registry: which apps are installed, in order, with their models."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

from framework.apps.config import AppConfig
from framework.core.exceptions import AppRegistryNotReady, ImproperlyConfigured


class Apps:
    """Ordered app configs by label, filled once by :meth:`populate`."""

    def __init__(self) -> None:
        self.app_configs: dict[str, AppConfig] = {}
        self.ready = False
        self.apps_ready = False
        self.models_ready = False
        self._lock = threading.RLock()
        self._loading = False
        # Models register here when their class is created, before populate ends.
        self.all_models: dict[str, dict[str, Any]] = {}

    def populate(self, installed_apps: Iterable[str]) -> None:
        """Import every app, then its models, then call each ``ready()``.

        Safe to call again: a second call with the registry ready does nothing.
        """
        if self.ready:
            return
        with self._lock:
            if self.ready:
                return
            if self._loading:
                raise RuntimeError(
                    "populate() is not reentrant: an app's import or ready() "
                    "called framework.setup() again."
                )
            self._loading = True
            try:
                self._populate(installed_apps)
            finally:
                self._loading = False

    def _populate(self, installed_apps: Iterable[str]) -> None:
        for entry in installed_apps:
            config = AppConfig.create(entry)
            if config.label in self.app_configs:
                raise ImproperlyConfigured(
                    f"Application labels aren't unique, duplicates: {config.label}. "
                    "Give one app a different AppConfig.label."
                )
            self.app_configs[config.label] = config
            config.models = self.all_models.setdefault(config.label, {})
        self.apps_ready = True
        for config in self.app_configs.values():
            config.import_models()
        self.models_ready = True
        for config in self.app_configs.values():
            config.ready()
        self.ready = True

    def check_apps_ready(self) -> None:
        if not self.apps_ready:
            raise AppRegistryNotReady(
                "Apps aren't loaded yet. Call framework.setup() first (manage.py, "
                "wsgi.py and asgi.py do this for you)."
            )

    def get_app_configs(self) -> list[AppConfig]:
        """Return app configs in ``INSTALLED_APPS`` order."""
        self.check_apps_ready()
        return list(self.app_configs.values())

    def get_app_config(self, label: str) -> AppConfig:
        """Return the config for ``label``; LookupError lists the labels there are."""
        self.check_apps_ready()
        try:
            return self.app_configs[label]
        except KeyError:
            known = ", ".join(sorted(self.app_configs)) or "none"
            raise LookupError(
                f"No installed app with label {label!r}. Installed labels: {known}."
            ) from None

    def is_installed(self, app_name: str) -> bool:
        """Say whether an app with this dotted name is installed."""
        self.check_apps_ready()
        return any(c.name == app_name for c in self.app_configs.values())

    def register_model(self, app_label: str, model: Any) -> None:
        """Record a model class under its app label (called by the model metaclass)."""
        name = model.__name__.lower()
        models = self.all_models.setdefault(app_label, {})
        existing = models.get(name)
        if existing is not None and existing is not model:
            if (
                existing.__module__ != model.__module__
                or existing.__qualname__ != model.__qualname__
            ):
                raise RuntimeError(
                    f"Conflicting '{name}' models in application '{app_label}': "
                    f"{existing} and {model}."
                )
        models[name] = model

    def get_models(self, include_auto_created: bool = False) -> list[Any]:
        """Return every registered model of the installed apps.

        Auto-created models (many-to-many join tables) only with
        ``include_auto_created=True``.
        """
        self.check_apps_ready()
        return [
            m
            for c in self.app_configs.values()
            for m in c.models.values()
            if include_auto_created or not m._meta.auto_created
        ]

    def get_containing_app_config(self, object_name: str) -> AppConfig | None:
        """Return the installed app whose package contains the dotted ``object_name``.

        The most specific (longest) app name wins; None when no app contains it.
        """
        self.check_apps_ready()
        candidates = [
            config
            for config in self.app_configs.values()
            if object_name == config.name or object_name.startswith(f"{config.name}.")
        ]
        if not candidates:
            return None
        return max(candidates, key=lambda config: len(config.name))

    def get_model(self, app_label: str, model_name: str | None = None) -> Any:
        """Return a model by ``"app_label.ModelName"`` or by label and name."""
        self.check_apps_ready()
        if model_name is None:
            app_label, _, model_name = app_label.partition(".")
        config = self.get_app_config(app_label)
        try:
            return config.models[model_name.lower()]
        except KeyError:
            raise LookupError(
                f"App {app_label!r} has no model named {model_name!r}."
            ) from None

    def _reset(self) -> None:
        """Empty the registry (tests that switch projects)."""
        with self._lock:
            self.app_configs = {}
            self.ready = self.apps_ready = self.models_ready = False


apps = Apps()
