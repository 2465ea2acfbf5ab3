"""``AppConfig``: what the framework knows about one installed app."""

from __future__ import annotations

import importlib
import inspect
import os
from types import ModuleType
from typing import Any

from framework.core.exceptions import ImproperlyConfigured

_APPS_MODULE = "apps"


class AppConfig:
    """One installed app: its module, label, path and start-up hooks.

    Subclass it in ``<app>/apps.py``. ``ready()`` runs once the registry is
    populated; ``startup()``/``shutdown()`` (sync or async) run at ASGI lifespan
    start-up and shut-down, in ``INSTALLED_APPS`` order.
    """

    name: str
    label: str
    verbose_name: str
    default_auto_field: str | None = None
    default: bool = True

    def __init__(self, app_name: str, app_module: ModuleType) -> None:
        self.name = app_name
        self.module = app_module
        if not hasattr(self, "label"):
            self.label = app_name.rpartition(".")[2]
        if not self.label.isidentifier():
            raise ImproperlyConfigured(
                f"The app label {self.label!r} is not a valid Python identifier. "
                f"Set AppConfig.label in {app_name}.apps to one."
            )
        if not hasattr(self, "verbose_name"):
            self.verbose_name = self.label.replace("_", " ").title()
        self.path = self._path_from_module(app_module)
        self.models_module: ModuleType | None = None
        self.models: dict[str, Any] = {}

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self.label}>"

    def _path_from_module(self, module: ModuleType) -> str:
        paths = list(getattr(module, "__path__", []))
        if not paths and getattr(module, "__file__", None):
            paths = [os.path.dirname(module.__file__ or "")]
        paths = list(dict.fromkeys(paths))
        if len(paths) != 1:
            raise ImproperlyConfigured(
                f"The app module {module!r} has {len(paths)} filesystem locations; "
                "set AppConfig.path on its AppConfig subclass."
            )
        return str(paths[0])

    @classmethod
    def create(cls, entry: str) -> AppConfig:
        """Build the config for one ``INSTALLED_APPS`` entry.

        The entry is either an app module (whose ``apps.py`` may hold one
        ``AppConfig`` subclass, or several with exactly one ``default = True``)
        or the dotted path of an ``AppConfig`` subclass.
        """
        try:
            module = importlib.import_module(entry)
        except ImportError as exc:
            config_class = _config_class_from_path(entry)
            if config_class is None:
                raise ImproperlyConfigured(
                    f"INSTALLED_APPS names {entry!r}, which cannot be imported "
                    f"({exc}). Check the spelling, or create the app with "
                    f"'python manage.py startapp {entry.rpartition('.')[2]}'."
                ) from exc
            app_module = importlib.import_module(config_class.name)
            return config_class(config_class.name, app_module)
        config_class = _default_config_in(entry) or cls
        return config_class(entry, module)

    def import_models(self) -> None:
        """Import ``<app>.models`` when it exists, so models register themselves."""
        name = f"{self.name}.models"
        try:
            self.models_module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise

    def ready(self) -> None:
        """Run once after every app is loaded; override to connect signals."""

    def startup(self) -> Any:
        """Run at server start-up (ASGI lifespan); may be ``async def``."""

    def shutdown(self) -> Any:
        """Run at server shut-down (ASGI lifespan); may be ``async def``."""


def _default_config_in(entry: str) -> type[AppConfig] | None:
    try:
        module = importlib.import_module(f"{entry}.{_APPS_MODULE}")
    except ModuleNotFoundError as exc:
        if exc.name == f"{entry}.{_APPS_MODULE}":
            return None
        raise
    candidates = [
        obj
        for obj in vars(module).values()
        if inspect.isclass(obj)
        and issubclass(obj, AppConfig)
        and obj is not AppConfig
        and obj.__module__ == module.__name__
    ]
    if len(candidates) == 1:
        return candidates[0]
    defaults = [c for c in candidates if c.__dict__.get("default", False)]
    if len(defaults) == 1:
        return defaults[0]
    if candidates:
        raise ImproperlyConfigured(
            f"{module.__name__} declares several AppConfig classes; set default = True "
            "on exactly one, or name the one you want in INSTALLED_APPS."
        )
    return None


def _config_class_from_path(entry: str) -> type[AppConfig] | None:
    module_path, _, class_name = entry.rpartition(".")
    if not module_path:
        return None
    try:
        module = importlib.import_module(module_path)
    except ImportError:
        return None
    candidate = getattr(module, class_name, None)
    if inspect.isclass(candidate) and issubclass(candidate, AppConfig):
        if not getattr(candidate, "name", None):
            raise ImproperlyConfigured(f"{entry} must set the 'name' attribute.")
        return candidate
    return None
