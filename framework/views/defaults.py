"""The production error views: 400, 403, 404, 413 and 500.

The exception handler calls these when ``DEBUG`` is off (or a URLconf names
its own ``handler404`` etc.). Each renders the project's ``404.html`` (and so
on) when one exists, and a tiny built-in page otherwise — including when no
template engine is configured or the project's template itself fails, because
an error view that raises turns one error into two.

They never show tracebacks, settings or exception details: a 404 or 403
template may show the exception's message when a view passed a plain string
(``raise Http404("No such poll")``); 400 and 500 pages get no details at all.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from framework.core.exceptions import ImproperlyConfigured
from framework.http.request import HttpRequest
from framework.http.response import (
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseNotFound,
    HttpResponseServerError,
)
from framework.template.exceptions import TemplateDoesNotExist
from framework.template.loader import get_template

__all__ = [
    "ERROR_400_TEMPLATE_NAME",
    "ERROR_403_TEMPLATE_NAME",
    "ERROR_404_TEMPLATE_NAME",
    "ERROR_413_TEMPLATE_NAME",
    "ERROR_500_TEMPLATE_NAME",
    "bad_request",
    "page_not_found",
    "payload_too_large",
    "permission_denied",
    "server_error",
]

ERROR_400_TEMPLATE_NAME = "400.html"
ERROR_403_TEMPLATE_NAME = "403.html"
ERROR_404_TEMPLATE_NAME = "404.html"
ERROR_413_TEMPLATE_NAME = "413.html"
ERROR_500_TEMPLATE_NAME = "500.html"

logger = logging.getLogger("framework.request")

_PAGE = (
    '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8">'
    "<title>{title}</title></head>\n<body>\n{body}\n</body>\n</html>\n"
)
_BUILTIN_BODIES = {
    400: "<h1>Bad Request (400)</h1>",
    403: "<h1>403 Forbidden</h1>",
    404: (
        "<h1>Not Found</h1>"
        "<p>The requested resource was not found on this server.</p>"
    ),
    413: (
        "<h1>Payload Too Large (413)</h1>"
        "<p>The request body is larger than this server accepts.</p>"
    ),
    500: "<h1>Server Error (500)</h1>",
}
_TITLES = {
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    413: "Payload Too Large",
    500: "Server Error",
}


def builtin_page(status: int) -> str:
    """Return the built-in HTML page used when the project has no template."""
    return _PAGE.format(title=_TITLES[status], body=_BUILTIN_BODIES[status])


def _render_or_builtin(
    template_name: str,
    status: int,
    context: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> str:
    """Render the project's template, or return the built-in page for ``status``.

    A missing template or template setup is the normal case and falls back
    quietly; any other failure is logged (the project's template is broken)
    and falls back too.
    """
    try:
        template = get_template(template_name)
    except (TemplateDoesNotExist, ImproperlyConfigured):
        return builtin_page(status)
    except Exception:
        logger.exception("Could not load the %s template %r.", status, template_name)
        return builtin_page(status)
    try:
        return template.render(context, request)
    except Exception:
        logger.exception("Could not render the %s page %r.", status, template_name)
        return builtin_page(status)


def _exception_message(exception: BaseException | None) -> str:
    """Return a view's plain-string message, else just the exception's class name.

    Only a string the view wrote itself is shown; anything else (a dict, a
    resolver's report of the patterns tried) stays private.
    """
    if exception is None:
        return ""
    args = getattr(exception, "args", ())
    message = args[0] if args else None
    if isinstance(message, str) and not hasattr(exception, "tried"):
        return message
    return type(exception).__name__


def page_not_found(
    request: HttpRequest,
    exception: BaseException | None,
    template_name: str = ERROR_404_TEMPLATE_NAME,
) -> HttpResponse:
    """Return the 404 page; its template gets ``request_path`` and ``exception``."""
    context = {
        # URL-quoted so it is inert even in a template that does not autoescape.
        "request_path": quote(request.path),
        "exception": _exception_message(exception),
    }
    content = _render_or_builtin(template_name, 404, context, request)
    return HttpResponseNotFound(content)


def server_error(
    request: HttpRequest, template_name: str = ERROR_500_TEMPLATE_NAME
) -> HttpResponse:
    """Return the 500 page; its template gets no context and no request.

    No request means no context processors run, so a broken database or
    session backend (a likely cause of the 500) cannot break this page too.
    """
    content = _render_or_builtin(template_name, 500)
    return HttpResponseServerError(content)


def bad_request(
    request: HttpRequest,
    exception: BaseException | None,
    template_name: str = ERROR_400_TEMPLATE_NAME,
) -> HttpResponse:
    """Return the 400 page; the exception is never shown (it may echo input)."""
    content = _render_or_builtin(template_name, 400)
    return HttpResponseBadRequest(content)


def permission_denied(
    request: HttpRequest,
    exception: BaseException | None,
    template_name: str = ERROR_403_TEMPLATE_NAME,
) -> HttpResponse:
    """Return the 403 page; its template gets ``exception`` (a plain message)."""
    context = {"exception": _exception_message(exception)}
    content = _render_or_builtin(template_name, 403, context, request)
    return HttpResponseForbidden(content)


def payload_too_large(
    request: HttpRequest,
    exception: BaseException | None,
    template_name: str = ERROR_413_TEMPLATE_NAME,
) -> HttpResponse:
    """Return the 413 page for a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE``."""
    content = _render_or_builtin(template_name, 413)
    return HttpResponse(content, status=413)
