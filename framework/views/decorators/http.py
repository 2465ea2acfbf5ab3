"""Decorators that restrict which HTTP methods reach a view.

They keep the wrapped view's kind: an ``async def`` view stays a coroutine
function, so the handler still awaits it without a thread hop.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from asgiref.sync import iscoroutinefunction

from framework.http import HttpRequest, HttpResponseNotAllowed

__all__ = ["require_GET", "require_POST", "require_http_methods", "require_safe"]


ViewFunc = TypeVar("ViewFunc", bound=Callable[..., Any])


def require_http_methods(
    request_method_list: Iterable[str],
) -> Callable[[ViewFunc], ViewFunc]:
    """Answer 405 (with ``Allow``) to methods not in ``request_method_list``.

    ``@require_http_methods(["GET", "POST"])``; method names are upper case.
    """
    if isinstance(request_method_list, str):
        raise TypeError(
            "require_http_methods() takes a list of methods, e.g. "
            f"require_http_methods([{request_method_list!r}])."
        )
    allowed = [method.upper() for method in request_method_list]

    def refuse(request: HttpRequest) -> HttpResponseNotAllowed:
        return HttpResponseNotAllowed(allowed)

    def decorator(func: ViewFunc) -> ViewFunc:
        if iscoroutinefunction(func):

            @functools.wraps(func)
            async def async_inner(
                request: HttpRequest, *args: Any, **kwargs: Any
            ) -> Any:
                if request.method not in allowed:
                    return refuse(request)
                return await func(request, *args, **kwargs)

            return async_inner  # type: ignore[return-value]

        @functools.wraps(func)
        def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if request.method not in allowed:
                return refuse(request)
            return func(request, *args, **kwargs)

        return inner  # type: ignore[return-value]

    return decorator


# Django's public names (upper case included). require_safe allows only the
# methods that must not change state.
require_GET = require_http_methods(["GET"])
require_POST = require_http_methods(["POST"])
require_safe = require_http_methods(["GET", "HEAD"])
