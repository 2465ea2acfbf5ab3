"""Find static files in ``STATICFILES_DIRS`` and in each installed app's ``static/``.

The lookup takes a URL-style relative path (``"blog/site.css"``) and refuses
anything that could leave the folder searched: ``..`` segments, absolute
paths, backslashes, NUL bytes, drive letters, and the same tricks hidden behind
percent-encoding. As a last line of defence the resolved file must lie inside
its root.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import unquote

from framework.apps import apps
from framework.conf import settings
from framework.core.checks import CheckMessage, Error, Warning
from framework.core.exceptions import ImproperlyConfigured

__all__ = [
    "StaticRoot",
    "check_finders",
    "find",
    "find_in_roots",
    "get_search_roots",
    "is_safe_path",
]

_DRIVE = re.compile(r"^[A-Za-z]:")


class StaticRoot(NamedTuple):
    """A folder to search, and the URL prefix its files live under ("" for none)."""

    prefix: str
    folder: Path


def get_search_roots() -> list[StaticRoot]:
    """Return ``STATICFILES_DIRS`` entries, then each app's ``static/`` folder.

    An entry of ``STATICFILES_DIRS`` is a folder, or a ``(prefix, folder)``
    pair that serves the folder under ``STATIC_URL + prefix + "/"``.
    """
    roots = [_root_from_setting(entry) for entry in settings.STATICFILES_DIRS]
    for config in apps.get_app_configs():
        folder = Path(config.path) / "static"
        if folder.is_dir():
            roots.append(StaticRoot("", folder))
    return roots


def _root_from_setting(entry: Any) -> StaticRoot:
    if isinstance(entry, list | tuple):
        if len(entry) != 2:
            raise ImproperlyConfigured(
                f"The STATICFILES_DIRS entry {entry!r} is not a folder or a "
                "(prefix, folder) pair. Use a path, or a 2-tuple such as "
                "('vendor', BASE_DIR / 'vendor')."
            )
        prefix, folder = entry
        return StaticRoot(str(prefix).strip("/"), Path(folder))
    return StaticRoot("", Path(entry))


def find(path: str) -> str | None:
    """Return the absolute path of the first file matching ``path``, or None."""
    return find_in_roots(get_search_roots(), path)


def find_in_roots(roots: Sequence[StaticRoot], path: str) -> str | None:
    """Search ``roots`` in order for ``path``; refuse paths that try to escape."""
    if not is_safe_path(path):
        return None
    for root in roots:
        relative = _strip_prefix(path, root.prefix)
        if relative is None:
            continue
        found = _file_inside(root.folder, relative)
        if found is not None:
            return found
    return None


def is_safe_path(path: str) -> bool:
    """Say whether ``path`` is a plain relative path, even after percent-decoding."""
    for candidate in {path, unquote(path)}:
        if (
            not candidate
            or "\x00" in candidate
            or "\\" in candidate
            or candidate.startswith("/")
            or _DRIVE.match(candidate)
            or ".." in candidate.split("/")
        ):
            return False
    return True


def _strip_prefix(path: str, prefix: str) -> str | None:
    if not prefix:
        return path
    head = f"{prefix}/"
    return path[len(head) :] if path.startswith(head) else None


def _file_inside(folder: Path, relative: str) -> str | None:
    try:
        root = folder.resolve()
        candidate = (root / relative).resolve()
    except (OSError, ValueError):
        return None
    if not candidate.is_relative_to(root) or not candidate.is_file():
        return None
    return str(candidate)


def check_finders(
    app_configs: Sequence[Any] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """Report ``STATICFILES_DIRS`` entries that are malformed or missing."""
    messages: list[CheckMessage] = []
    for entry in settings.STATICFILES_DIRS:
        try:
            root = _root_from_setting(entry)
        except ImproperlyConfigured as exc:
            messages.append(Error(str(exc), id="staticfiles.E001"))
            continue
        if not root.folder.is_dir():
            messages.append(
                Warning(
                    f"The folder {str(root.folder)!r} in STATICFILES_DIRS does not "
                    "exist.",
                    hint="Create it, or remove it from STATICFILES_DIRS.",
                    id="staticfiles.W004",
                )
            )
    return messages
