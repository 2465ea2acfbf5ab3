"""Middleware used to check the chain's order and sync/async adaptation."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from asgiref.sync import iscoroutinefunction, markcoroutinefunction

from framework.core.exceptions import MiddlewareNotUsed
from framework.http import HttpRequest, HttpResponse, HttpResponseBase

calls: list[str] = []


def sync_only(
    get_response: Callable[[HttpRequest], HttpResponseBase],
) -> Callable[..., Any]:
    def middleware(request: HttpRequest) -> HttpResponseBase:
        calls.append("sync_only:in")
        response = get_response(request)
        response["X-Sync-Only"] = "1"
        calls.append("sync_only:out")
        return response

    return middleware


class AsyncOnly:
    sync_capable = False
    async_capable = True

    def __init__(
        self, get_response: Callable[[HttpRequest], Awaitable[HttpResponseBase]]
    ) -> None:
        self.get_response = get_response
        markcoroutinefunction(self)

    async def __call__(self, request: HttpRequest) -> HttpResponseBase:
        calls.append("async_only:in")
        response = await self.get_response(request)
        response["X-Async-Only"] = "1"
        calls.append("async_only:out")
        return response


class Both:
    sync_capable = True
    async_capable = True

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response
        self.async_mode = iscoroutinefunction(get_response)
        if self.async_mode:
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest) -> Any:
        if self.async_mode:
            return self._acall(request)
        response = self.get_response(request)
        response["X-Both"] = "sync"
        return response

    async def _acall(self, request: HttpRequest) -> HttpResponseBase:
        response = await self.get_response(request)
        response["X-Both"] = "async"
        return response


class ShortCircuit:
    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path == "/blocked/":
            return HttpResponse("blocked", status=418)
        return self.get_response(request)  # type: ignore[no-any-return]


class ViewHook:
    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)  # type: ignore[no-any-return]

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> Any:
        if request.GET.get("intercept"):
            return HttpResponse(f"intercepted {view.__name__}")
        return None

    def process_exception(self, request: HttpRequest, exc: Exception) -> Any:
        if isinstance(exc, RuntimeError) and request.GET.get("rescue"):
            return HttpResponse("rescued", status=503)
        return None


def not_used(get_response: Any) -> Any:
    raise MiddlewareNotUsed("not today")


def raises_in_middleware(get_response: Any) -> Any:
    def middleware(request: HttpRequest) -> HttpResponseBase:
        if request.path == "/mw-boom/":
            raise RuntimeError("middleware failure")
        return get_response(request)  # type: ignore[no-any-return]

    return middleware


class AsyncTemplateHook:
    sync_capable = True
    async_capable = True

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response
        if iscoroutinefunction(get_response):
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest) -> Any:
        return self.get_response(request)

    async def process_template_response(
        self, request: HttpRequest, response: Any
    ) -> Any:
        response.context_data["extra"] = "from-hook"
        return response
