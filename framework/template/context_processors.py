"""Context processors: functions of ``request`` whose dicts join every context.

List them by dotted path in ``TEMPLATES[...]["OPTIONS"]["context_processors"]``.
They run for templates rendered with a request (``render(request, ...)``); the
view's own context wins over their keys.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from framework.conf import settings
from framework.template.globals import static_url_prefix

__all__ = ["csrf", "debug", "request", "static"]


def request(request: Any) -> dict[str, Any]:
    """Expose the request as ``request`` (the Jinja2 backend always does)."""
    return {"request": request}


def debug(request: Any) -> dict[str, Any]:
    """Expose ``settings.DEBUG`` as ``debug``."""
    return {"debug": bool(settings.DEBUG)}


def static(request: Any) -> dict[str, Any]:
    """Expose the static files prefix as ``STATIC_URL`` (with a leading slash)."""
    return {"STATIC_URL": static_url_prefix() if settings.STATIC_URL else ""}


def csrf(request: Any) -> dict[str, Any]:
    """Return ``csrf_token`` and ``csrf_input`` for forms.

    The CSRF middleware gives the request a ``csrf_token`` callable; the token is
    only asked for when a template prints it, because asking may set a cookie.
    Without that middleware both are empty.
    """
    provider = getattr(request, "csrf_token", None)
    if not callable(provider):
        return {"csrf_token": "", "csrf_input": Markup("")}
    return {"csrf_token": _LazyToken(provider), "csrf_input": _LazyInput(provider)}


class _LazyToken:
    """The token, fetched the first time a template prints or tests it."""

    def __init__(self, provider: Any) -> None:
        self._provider = provider
        self._value: str | None = None

    def value(self) -> str:
        if self._value is None:
            self._value = str(self._provider())
        return self._value

    def __str__(self) -> str:
        return self.value()

    def __html__(self) -> str:
        return str(escape(self.value()))

    def __bool__(self) -> bool:
        return bool(self.value())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _LazyToken):
            other = other.value()
        return self.value() == other

    def __hash__(self) -> int:
        return hash(self.value())


class _LazyInput(_LazyToken):
    """The hidden ``<input>`` carrying the token, for ``{{ csrf_input }}``."""

    def __html__(self) -> str:
        token = escape(self.value())
        return f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'

    def __str__(self) -> str:
        return self.__html__()
