"""The engine registry: ``engines["jinja2"]`` and ``engines.all()``.

Engines are built from ``settings.TEMPLATES`` on first use, not at import, and
forgotten when a test overrides TEMPLATES, INSTALLED_APPS or DEBUG (the
``setting_changed`` signal), so the next use rebuilds them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from typing import Any

from framework.conf import settings
from framework.core.exceptions import ImproperlyConfigured
from framework.core.signals import setting_changed
from framework.template.backends.base import BaseEngine
from framework.utils.module_loading import import_string

__all__ = ["EngineHandler", "engine_alias", "engines"]

_SETUP_HINT = (
    "Add a template engine to your settings, e.g. TEMPLATES = [{'BACKEND': "
    "'framework.template.backends.jinja2.Jinja2', 'DIRS': [BASE_DIR / "
    "'templates'], 'APP_DIRS': True}]."
)


def engine_alias(config: dict[str, Any]) -> str:
    """Return an entry's alias: ``NAME``, else the backend's module name.

    ``"framework.template.backends.jinja2.Jinja2"`` is called ``"jinja2"``.
    """
    if config.get("NAME"):
        return str(config["NAME"])
    parts = str(config.get("BACKEND", "")).split(".")
    return parts[-2] if len(parts) >= 2 else parts[0]


class EngineHandler:
    """Build each configured engine once, by alias, in ``TEMPLATES`` order."""

    def __init__(self, templates: Sequence[dict[str, Any]] | None = None) -> None:
        self._given = templates
        self._configs: dict[str, dict[str, Any]] | None = None
        self._engines: dict[str, BaseEngine] = {}
        self._lock = threading.RLock()

    @property
    def configs(self) -> dict[str, dict[str, Any]]:
        """Return each TEMPLATES entry by alias, validated and with NAME filled."""
        if self._configs is None:
            entries = settings.TEMPLATES if self._given is None else self._given
            self._configs = _index(entries)
        return self._configs

    def __getitem__(self, alias: str) -> BaseEngine:
        with self._lock:
            engine = self._engines.get(alias)
            if engine is not None:
                return engine
            config = self.configs.get(alias)
            if config is None:
                known = ", ".join(self.configs) or "none"
                raise KeyError(
                    f"No template engine named {alias!r}; configured engines: "
                    f"{known}. Check TEMPLATES (an entry's NAME defaults to its "
                    "backend's module name)."
                )
            engine = _build(config)
            self._engines[alias] = engine
            return engine

    def __iter__(self) -> Iterator[str]:
        return iter(self.configs)

    def __len__(self) -> int:
        return len(self.configs)

    def all(self) -> list[BaseEngine]:
        """Return every engine, built if need be, in TEMPLATES order."""
        return [self[alias] for alias in self]

    def require(self, using: str | None = None) -> list[BaseEngine]:
        """Return the engine named ``using`` (or all); fail clearly if none exist."""
        if not self.configs:
            raise ImproperlyConfigured(
                f"No template engine is configured. {_SETUP_HINT}"
            )
        return self.all() if using is None else [self[using]]

    def reset(self) -> None:
        """Forget built engines so the next use reads settings again."""
        with self._lock:
            self._configs = None
            self._engines = {}


def _index(entries: Sequence[Any]) -> dict[str, dict[str, Any]]:
    configs: dict[str, dict[str, Any]] = {}
    for position, entry in enumerate(entries):
        if not isinstance(entry, dict) or not entry.get("BACKEND"):
            raise ImproperlyConfigured(
                f"TEMPLATES[{position}] must be a dict with a 'BACKEND', e.g. "
                "'framework.template.backends.jinja2.Jinja2'."
            )
        alias = engine_alias(entry)
        if alias in configs:
            raise ImproperlyConfigured(
                f"Template engine names aren't unique: {alias!r} is used twice. "
                "Give each TEMPLATES entry a distinct 'NAME'."
            )
        configs[alias] = {"DIRS": [], "APP_DIRS": False, "OPTIONS": {}, **entry}
        configs[alias]["NAME"] = alias
    return configs


def _build(config: dict[str, Any]) -> BaseEngine:
    try:
        backend = import_string(config["BACKEND"])
    except ImportError as exc:
        raise ImproperlyConfigured(
            f"Template backend {config['BACKEND']!r} cannot be imported: {exc}. "
            "Fix BACKEND in TEMPLATES."
        ) from exc
    engine: BaseEngine = backend(dict(config))
    return engine


engines = EngineHandler()


def _reset_engines(*, setting: str, **kwargs: Any) -> None:
    if setting in ("TEMPLATES", "INSTALLED_APPS", "DEBUG", "STATIC_URL"):
        engines.reset()


setting_changed.connect(_reset_engines, dispatch_uid="framework.template.engines")
