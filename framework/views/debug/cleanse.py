"""Hide secrets before the debug pages show anything.

Masking is by *name*: a setting, frame variable, ``META`` key, POST field or
cookie whose name matches :data:`SENSITIVE_NAME` is replaced by
:data:`CLEANSED_SUBSTITUTE`, including keys nested in settings dicts
(``DATABASES["default"]["PASSWORD"]``). A secret stored under an innocent name
is shown as it is: the debug pages are for development only.
"""

from __future__ import annotations

import re
from typing import Any

from framework.conf import global_settings, settings

__all__ = [
    "CLEANSED_SUBSTITUTE",
    "SENSITIVE_NAME",
    "cleanse_local",
    "cleanse_meta",
    "cleanse_setting",
    "get_safe_settings",
    "is_sensitive",
    "safe_repr",
]

CLEANSED_SUBSTITUTE = "********************"
SENSITIVE_NAME = re.compile(
    r"API|TOKEN|KEY|SECRET|PASS|SIGNATURE|AUTH|COOKIE|SESSION|CSRF", re.IGNORECASE
)
# Masked whatever the pattern says: they carry credentials by definition.
_ALWAYS_HIDDEN_META = frozenset({"HTTP_COOKIE", "HTTP_AUTHORIZATION"})
_REPR_LIMIT = 4096
# Past this depth a nested setting is hidden rather than walked (cycles, abuse).
_MAX_DEPTH = 10


def is_sensitive(name: object) -> bool:
    """Say whether a setting, variable, header or field name suggests a secret."""
    return isinstance(name, str) and SENSITIVE_NAME.search(name) is not None


def cleanse_setting(key: object, value: Any, _depth: int = 0) -> Any:
    """Return ``value`` with secrets hidden, for display.

    The whole value is hidden when ``key`` looks sensitive; otherwise dicts are
    copied with their sensitive keys hidden (recursively, so
    ``DATABASES["default"]["PASSWORD"]`` is caught) and lists and tuples are
    walked for such dicts. Anything else is returned unchanged.
    """
    if is_sensitive(key):
        return CLEANSED_SUBSTITUTE
    if _depth > _MAX_DEPTH:
        return CLEANSED_SUBSTITUTE
    if isinstance(value, dict):
        return {k: cleanse_setting(k, v, _depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        items = [cleanse_setting("", v, _depth + 1) for v in value]
        return items if isinstance(value, list) else tuple(items)
    return value


def _setting_names() -> set[str]:
    names = {name for name in dir(global_settings) if name.isupper()}
    settings.DEBUG  # noqa: B018 - loads the settings module on first use
    # LazySettings has no public listing; the loaded object holds the
    # project's own names (custom settings such as STRIPE_SECRET included).
    names.update(name for name in dir(settings._wrapped) if name.isupper())
    return names


def get_safe_settings() -> dict[str, Any]:
    """Return every setting by name, sorted, with secrets hidden."""
    safe: dict[str, Any] = {}
    for name in sorted(_setting_names()):
        try:
            value = getattr(settings, name)
        except Exception:  # e.g. an empty SECRET_KEY refuses to be read
            value = ""
        safe[name] = cleanse_setting(name, value)
    return safe


def cleanse_local(name: str, value: Any) -> Any:
    """Return a frame variable for display: hidden if its name looks secret."""
    # Only plain dicts are walked: copying every list in every frame would make
    # the page slow, and dicts are where credentials usually sit (kwargs, config).
    if type(value) is dict:
        return cleanse_setting(name, value)
    return CLEANSED_SUBSTITUTE if is_sensitive(name) else value


def cleanse_meta(name: str, value: Any) -> Any:
    """Return a ``META`` value for display: credentials and secrets hidden."""
    if name in _ALWAYS_HIDDEN_META or is_sensitive(name):
        return CLEANSED_SUBSTITUTE
    return value


def safe_repr(value: Any) -> str:
    """Return ``repr(value)`` cut to about 4 KB; a failing repr never propagates."""
    if isinstance(value, str) and value is CLEANSED_SUBSTITUTE:
        return value  # shown bare, not quoted: it is a marker, not data
    try:
        text = repr(value)
    except Exception:
        return "<unrepresentable>"
    if len(text) > _REPR_LIMIT:
        return f"{text[:_REPR_LIMIT]}… <trimmed, {len(text)} characters in all>"
    return text
