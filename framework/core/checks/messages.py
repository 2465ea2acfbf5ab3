"""Messages reported by system checks, one class per severity.

Each message has a stable ``id`` (``"urls.W001"``) so a project can silence it
with ``SILENCED_SYSTEM_CHECKS``, and a ``hint`` that says what to change.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "CRITICAL",
    "DEBUG",
    "ERROR",
    "INFO",
    "WARNING",
    "CheckMessage",
    "Critical",
    "Debug",
    "Error",
    "Info",
    "Warning",
]

# Severity levels, the same numbers as the logging module uses.
DEBUG = 10
INFO = 20
WARNING = 30
ERROR = 40
CRITICAL = 50


class CheckMessage:
    """One problem found by a check: how bad, what, how to fix, where."""

    def __init__(
        self,
        level: int,
        msg: str,
        hint: str | None = None,
        obj: Any = None,
        id: str | None = None,
    ) -> None:
        if not isinstance(level, int):
            raise TypeError(
                f"The level of a check message must be an int, not {level!r}."
            )
        self.level = level
        self.msg = msg
        self.hint = hint
        self.obj = obj
        self.id = id

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CheckMessage):
            return NotImplemented
        return (self.level, self.msg, self.hint, self.obj, self.id) == (
            other.level,
            other.msg,
            other.hint,
            other.obj,
            other.id,
        )

    def __hash__(self) -> int:
        return hash((self.level, self.msg, self.hint, self.id))

    def __str__(self) -> str:
        parts = [p for p in (self.id, _label(self.obj)) if p]
        text = ": ".join([*parts, self.msg])
        if self.hint:
            text += f"\n\tHINT: {self.hint}"
        return text

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__}: level={self.level!r}, msg={self.msg!r}, "
            f"hint={self.hint!r}, obj={self.obj!r}, id={self.id!r}>"
        )

    def is_serious(self, level: int = ERROR) -> bool:
        """Say whether this message is at least as severe as ``level``."""
        return self.level >= level


def _label(obj: Any) -> str:
    if obj is None:
        return ""
    meta = getattr(obj, "_meta", None)
    label = getattr(meta, "label", None)
    return str(label) if label else str(obj)


class Debug(CheckMessage):
    """A message for framework developers; never fails a check run."""

    def __init__(
        self, msg: str, hint: str | None = None, obj: Any = None, id: str | None = None
    ) -> None:
        super().__init__(DEBUG, msg, hint, obj, id)


class Info(CheckMessage):
    """Something worth knowing that needs no change."""

    def __init__(
        self, msg: str, hint: str | None = None, obj: Any = None, id: str | None = None
    ) -> None:
        super().__init__(INFO, msg, hint, obj, id)


class Warning(CheckMessage):  # shadows the builtin on purpose, as Django does
    """Probably a mistake; the project still runs."""

    def __init__(
        self, msg: str, hint: str | None = None, obj: Any = None, id: str | None = None
    ) -> None:
        super().__init__(WARNING, msg, hint, obj, id)


class Error(CheckMessage):
    """A mistake that stops commands which run checks first."""

    def __init__(
        self, msg: str, hint: str | None = None, obj: Any = None, id: str | None = None
    ) -> None:
        super().__init__(ERROR, msg, hint, obj, id)


class Critical(CheckMessage):
    """A mistake that keeps the project from working at all."""

    def __init__(
        self, msg: str, hint: str | None = None, obj: Any = None, id: str | None = None
    ) -> None:
        super().__init__(CRITICAL, msg, hint, obj, id)
