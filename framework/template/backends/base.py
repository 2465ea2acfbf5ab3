"""What every template engine shares: reading its ``TEMPLATES`` entry.

An engine is built from one ``TEMPLATES`` dict. Subclasses turn names into
template objects whose ``render(context=None, request=None)`` returns a string.
"""

from __future__ import annotations

import os
from typing import Any, Protocol

from framework.apps import apps
from framework.core.exceptions import ImproperlyConfigured

__all__ = ["BaseEngine", "Template"]

_KNOWN_KEYS = frozenset({"BACKEND", "NAME", "DIRS", "APP_DIRS", "OPTIONS"})


class Template(Protocol):
    """What ``get_template()`` returns, whatever the engine."""

    def render(self, context: dict[str, Any] | None = None, request: Any = None) -> str:
        """Render with ``context``; ``request`` adds request-wide variables."""
        ...


class BaseEngine:
    """One configured engine: its alias, folders and engine-specific options."""

    # The folder inside each installed app searched when APP_DIRS is on.
    app_dirname = "templates"

    def __init__(self, params: dict[str, Any]) -> None:
        unknown = sorted(set(params) - _KNOWN_KEYS)
        if unknown:
            raise ImproperlyConfigured(
                f"Unknown key(s) {', '.join(unknown)} in a TEMPLATES entry; "
                "allowed are BACKEND, NAME, DIRS, APP_DIRS and OPTIONS (engine "
                "settings go inside OPTIONS)."
            )
        self.name: str = params.get("NAME") or "default"
        self.dirs: list[str] = [os.fspath(d) for d in params.get("DIRS") or ()]
        self.app_dirs = bool(params.get("APP_DIRS", False))
        self.options: dict[str, Any] = dict(params.get("OPTIONS") or {})

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self.name}>"

    @property
    def template_dirs(self) -> list[str]:
        """Return DIRS, then each installed app's template folder that exists."""
        dirs = list(self.dirs)
        if self.app_dirs:
            for config in apps.get_app_configs():
                folder = os.path.join(config.path, self.app_dirname)
                if os.path.isdir(folder):
                    dirs.append(folder)
        return dirs

    def from_string(self, source: str) -> Template:
        """Compile a template from source text."""
        raise NotImplementedError(
            f"{type(self).__name__} must implement from_string()."
        )

    def get_template(self, name: str) -> Template:
        """Load a template by name; raise TemplateDoesNotExist if it is missing."""
        raise NotImplementedError(
            f"{type(self).__name__} must implement get_template()."
        )
