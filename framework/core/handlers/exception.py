"""Turn exceptions into responses: the one place this happens.

Every middleware layer and the view call are wrapped by
:func:`convert_exception_to_response`, so an exception raised anywhere becomes
a response that outer middleware can still see and modify. The status code
comes from the exception's class:

=====================================  ======
``Http404``                            404
``PermissionDenied``                   403
``BadRequest``, ``SuspiciousOperation``,
``ValidationError``                    400 (``RequestDataTooBig``: 413)
anything else                          500
=====================================  ======

With DEBUG on, 404 and 500 get the technical pages; with DEBUG off, the
project's ``handler404``/``handler500`` (or the plain defaults) answer, and
nothing about the failure leaks beyond the log.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Awaitable, Callable
from functools import wraps
from typing import Any

from asgiref.sync import (
    async_to_sync,
    iscoroutinefunction,
    markcoroutinefunction,
    sync_to_async,
)

from framework.conf import settings
from framework.core import signals
from framework.core.exceptions import (
    BadRequest,
    MethodNotAllowed,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    ValidationError,
)
from framework.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from framework.http.response import HttpResponseNotAllowed, HttpResponseServerError
from framework.urls import get_resolver
from framework.utils.log import log_response
from framework.utils.module_loading import import_string
from framework.views import debug, defaults

__all__ = ["convert_exception_to_response", "response_for_exception"]

request_logger = logging.getLogger("framework.request")
security_logger_prefix = "framework.security"

SyncHandler = Callable[[HttpRequest], HttpResponseBase]
AsyncHandler = Callable[[HttpRequest], Awaitable[HttpResponseBase]]


def convert_exception_to_response(get_response: Any) -> Any:
    """Wrap a handler so that exceptions it raises come back as responses."""
    if iscoroutinefunction(get_response):

        @wraps(get_response)
        async def inner_async(request: HttpRequest) -> HttpResponseBase:
            try:
                return await get_response(request)  # type: ignore[no-any-return]
            except Exception as exc:
                return await sync_to_async(
                    response_for_exception, thread_sensitive=True
                )(request, exc)

        return markcoroutinefunction(inner_async)

    @wraps(get_response)
    def inner(request: HttpRequest) -> HttpResponseBase:
        try:
            return get_response(request)  # type: ignore[no-any-return]
        except Exception as exc:
            return response_for_exception(request, exc)

    return inner


def response_for_exception(request: HttpRequest, exc: Exception) -> HttpResponseBase:
    """Build the response for ``exc``; never raises."""
    try:
        response = _response_for(request, exc)
        response._logged = True  # type: ignore[attr-defined]
        return response
    except Exception:
        request_logger.exception(
            "Error while handling an exception for %s", request.path
        )
        return HttpResponseServerError(
            b"<h1>Server Error (500)</h1>", content_type="text/html; charset=utf-8"
        )


def _response_for(request: HttpRequest, exc: Exception) -> HttpResponseBase:
    path = request.path
    if isinstance(exc, Http404):
        if settings.DEBUG:
            response = debug.technical_404_response(request, exc)
        else:
            response = _error_handler(request, 404)(request, exc)
        if response.status_code == 404:  # not the DEBUG welcome page
            log_response(request_logger, f"Not Found: {path}", 404)
        return response
    if isinstance(exc, MethodNotAllowed):
        return HttpResponseNotAllowed(exc.allowed)
    if isinstance(exc, PermissionDenied):
        log_response(request_logger, f"Forbidden (Permission denied): {path}", 403)
        return _error_handler(request, 403)(request, exc)
    if isinstance(exc, SuspiciousOperation | BadRequest | ValidationError):
        return _bad_request(request, exc)
    signals.got_request_exception.send(sender=None, request=request)
    log_response(
        request_logger, f"Internal Server Error: {path}", 500, exc_info=sys.exc_info()
    )
    if settings.DEBUG:
        exc_type, exc_value, tb = sys.exc_info()
        return debug.technical_500_response(request, exc_type, exc_value, tb)
    return _error_handler(request, 500)(request)


def _bad_request(request: HttpRequest, exc: Exception) -> HttpResponseBase:
    status = 413 if isinstance(exc, RequestDataTooBig) else 400
    if isinstance(exc, SuspiciousOperation):
        logger = logging.getLogger(f"{security_logger_prefix}.{type(exc).__name__}")
        logger.error(str(exc).encode("unicode_escape").decode("ascii"))
    else:
        log_response(request_logger, f"Bad Request: {request.path}", status)
    if settings.DEBUG:
        exc_type, exc_value, tb = sys.exc_info()
        return debug.technical_500_response(
            request, exc_type, exc_value, tb, status_code=status
        )
    if status == 413:
        return defaults.payload_too_large(request, exc)
    return _error_handler(request, 400)(request, exc)


_DEFAULT_HANDLERS: dict[int, Callable[..., HttpResponse]] = {
    400: defaults.bad_request,
    403: defaults.permission_denied,
    404: defaults.page_not_found,
    500: defaults.server_error,
}


def _error_handler(request: HttpRequest, status: int) -> Callable[..., HttpResponse]:
    """Return the URLconf's ``handler<status>`` view, or the default one."""
    try:
        module = get_resolver(request.urlconf).urlconf_module
    except Exception:
        return _DEFAULT_HANDLERS[status]
    view = getattr(module, f"handler{status}", None)
    if view is None:
        return _DEFAULT_HANDLERS[status]
    view = import_string(view) if isinstance(view, str) else view
    # Error handlers run in sync code (a worker thread under ASGI): bridge async ones.
    return async_to_sync(view) if iscoroutinefunction(view) else view
