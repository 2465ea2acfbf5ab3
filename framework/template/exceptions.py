"""The errors template loading and compiling raise.

::

    Exception
    ├── TemplateDoesNotExist   no engine found the template (or a partial's block)
    └── TemplateSyntaxError    a template failed to compile

Both carry data for the debug page: ``TemplateDoesNotExist`` keeps the folders
each engine searched (``tried``), the engine that raised it (``backend``) and, when
several engines were asked, the error of each (``chain``);
``TemplateSyntaxError`` keeps the template name and line number.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["TemplateDoesNotExist", "TemplateSyntaxError"]


class TemplateDoesNotExist(Exception):
    """A template (or a block named by a partial) could not be found.

    ``tried`` lists the folders searched, in order; ``backend`` is the engine that
    searched them (None when several engines were asked: see ``chain``).
    """

    def __init__(
        self,
        name: str,
        tried: Sequence[str] = (),
        backend: Any = None,
        chain: Sequence[TemplateDoesNotExist] = (),
        message: str | None = None,
    ) -> None:
        self.name = name
        self.tried = list(tried)
        self.backend = backend
        self.chain = list(chain)
        # A specific explanation (e.g. a partial's unknown block), if any.
        self.detail = message
        super().__init__(message or self._describe())

    def _describe(self) -> str:
        if not self.tried:
            return (
                f"Template {self.name!r} does not exist: no template folder was "
                "searched. Add folders to DIRS or set APP_DIRS=True in TEMPLATES."
            )
        folders = ", ".join(self.tried)
        return f"Template {self.name!r} does not exist. Searched: {folders}."


class TemplateSyntaxError(Exception):
    """A template failed to compile; names the template and the line."""

    def __init__(self, message: str, name: str | None, lineno: int | None) -> None:
        self.message = message
        self.name = name
        self.lineno = lineno
        where = name or "<string>"
        if lineno is not None:
            where = f"{where}, line {lineno}"
        super().__init__(f"{message} ({where})")
