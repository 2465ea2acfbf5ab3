"""Terminal colours for command output, off unless the stream is a terminal.

Colour is disabled when the stream is not a TTY, when ``NO_COLOR`` is set to a
non-empty value (https://no-color.org) or when ``TERM=dumb``, so piped output
and CI logs stay plain text.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

__all__ = ["Style", "color_style", "no_style", "supports_color"]

StyleFunc = Callable[[str], str]

# Role -> SGR codes. Roles, not colours, so commands say what a line means.
_ROLES: dict[str, str] = {
    "ERROR": "1;31",
    "SUCCESS": "1;32",
    "WARNING": "33",
    "NOTICE": "31",
    "HTTP_INFO": "1",
    "HTTP_SUCCESS": "",
    "HTTP_REDIRECT": "32",
    "HTTP_NOT_MODIFIED": "36",
    "HTTP_BAD_REQUEST": "1;31",
    "HTTP_NOT_FOUND": "33",
    "HTTP_SERVER_ERROR": "1;35",
    "MIGRATE_HEADING": "1;36",
    "MIGRATE_LABEL": "1",
    "SQL_FIELD": "1;32",
    "SQL_COLTYPE": "32",
    "SQL_KEYWORD": "33",
    "SQL_TABLE": "1",
}


def _plain(text: str) -> str:
    return text


def _painter(code: str) -> StyleFunc:
    if not code:
        return _plain

    def paint(text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m"

    return paint


class Style:
    """One callable per role (``style.ERROR("...")``); identity when plain."""

    ERROR: StyleFunc
    SUCCESS: StyleFunc
    WARNING: StyleFunc
    NOTICE: StyleFunc
    HTTP_INFO: StyleFunc
    HTTP_SUCCESS: StyleFunc
    HTTP_REDIRECT: StyleFunc
    HTTP_NOT_MODIFIED: StyleFunc
    HTTP_BAD_REQUEST: StyleFunc
    HTTP_NOT_FOUND: StyleFunc
    HTTP_SERVER_ERROR: StyleFunc
    MIGRATE_HEADING: StyleFunc
    MIGRATE_LABEL: StyleFunc
    SQL_FIELD: StyleFunc
    SQL_COLTYPE: StyleFunc
    SQL_KEYWORD: StyleFunc
    SQL_TABLE: StyleFunc

    def __init__(self, colored: bool) -> None:
        self.colored = colored
        for role, code in _ROLES.items():
            setattr(self, role, _painter(code) if colored else _plain)


def supports_color(stream: Any) -> bool:
    """Say whether ``stream`` is a terminal that should get colour."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def color_style() -> Style:
    """Return a colouring style."""
    return Style(colored=True)


def no_style() -> Style:
    """Return a style that leaves text unchanged."""
    return Style(colored=False)
