"""MiddlewareMixin: hooks around get_response, in sync and async chains."""

from __future__ import annotations

import asyncio
import threading

import pytest
from asgiref.sync import iscoroutinefunction

from framework.http import HttpRequest, HttpResponse
from framework.middleware import MiddlewareMixin
from framework.utils.deprecation import MiddlewareMixin as FromDeprecation


class Tagging(MiddlewareMixin):
    def process_request(self, request):
        request.seen = ["request"]
        if request.path == "/stop/":
            return HttpResponse("stopped")
        return None

    def process_response(self, request, response):
        response["X-Tag"] = "tagged"
        request.seen.append(threading.current_thread().name)
        return response


def _request(path: str = "/") -> HttpRequest:
    request = HttpRequest()
    request.method = "GET"
    request.path = request.path_info = path
    return request


def view(request):
    return HttpResponse("view")


async def async_view(request):
    return HttpResponse("async view")


def test_django_import_path_is_the_same_class():
    assert FromDeprecation is MiddlewareMixin


def test_get_response_is_required():
    with pytest.raises(ValueError, match="get_response"):
        Tagging(None)  # type: ignore[arg-type]


def test_sync_hooks_wrap_the_view():
    request = _request()
    response = Tagging(view)(request)
    assert response.content == b"view"
    assert response["X-Tag"] == "tagged"
    assert not iscoroutinefunction(Tagging(view))


def test_process_request_can_answer_early():
    response = Tagging(view)(_request("/stop/"))
    assert response.content == b"stopped"
    assert response["X-Tag"] == "tagged"


def test_async_mode_awaits_and_runs_sync_hooks_in_a_thread():
    middleware = Tagging(async_view)
    assert iscoroutinefunction(middleware)
    request = _request()
    response = asyncio.run(middleware(request))
    assert response.content == b"async view"
    assert request.seen[1] != threading.current_thread().name


def test_nonblocking_hooks_run_on_the_loop():
    class OnLoop(Tagging):
        run_hooks_in_thread = False

    request = _request()
    asyncio.run(OnLoop(async_view)(request))
    assert request.seen[1] == threading.current_thread().name


def test_async_hooks_are_awaited():
    class AsyncHooks(MiddlewareMixin):
        async def process_response(self, request, response):
            response["X-Async"] = "yes"
            return response

    response = asyncio.run(AsyncHooks(async_view)(_request()))
    assert response["X-Async"] == "yes"


def test_middleware_without_hooks_passes_through():
    assert MiddlewareMixin(view)(_request()).content == b"view"
