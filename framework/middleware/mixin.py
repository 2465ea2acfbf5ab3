"""``MiddlewareMixin``: write middleware as hooks and get sync and async for free.

Subclasses define ``process_request(request)`` (return a response to stop early)
and/or ``process_response(request, response)``. The same instance works in a
sync chain and an async one: when ``get_response`` is a coroutine function,
calling the middleware returns a coroutine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from asgiref.sync import iscoroutinefunction, markcoroutinefunction, sync_to_async

from framework.http import HttpRequest, HttpResponseBase

__all__ = ["MiddlewareMixin"]

GetResponse = Callable[[HttpRequest], Any]


class MiddlewareMixin:
    """Run ``process_request``/``process_response`` around ``get_response``."""

    # The handler may put this middleware in a sync chain.
    sync_capable = True
    # The handler may put this middleware in an async chain.
    async_capable = True
    # Run sync hooks in a worker thread under ASGI. Hooks that never block (no
    # database, files or network) set this False and run on the event loop.
    run_hooks_in_thread = True

    def __init__(self, get_response: GetResponse) -> None:
        if get_response is None:
            raise ValueError(f"{type(self).__name__} needs a get_response callable.")
        self.get_response = get_response
        self.async_mode = iscoroutinefunction(get_response)
        # Hooks are looked up and adapted once, not on every request.
        self._before = getattr(self, "process_request", None)
        self._after = getattr(self, "process_response", None)
        if self.async_mode:
            markcoroutinefunction(self)
            self._before, self._await_before = self._adapt(self._before)
            self._after, self._await_after = self._adapt(self._after)

    def _adapt(self, hook: Callable[..., Any] | None) -> tuple[Any, bool]:
        """Return the hook as the async path calls it, and whether to await it."""
        if hook is None:
            return None, False
        if iscoroutinefunction(hook):
            return hook, True
        if self.run_hooks_in_thread:
            return sync_to_async(hook, thread_sensitive=True), True
        return hook, False

    def __repr__(self) -> str:
        inner = getattr(
            self.get_response, "__qualname__", type(self.get_response).__name__
        )
        return f"<{type(self).__qualname__} get_response={inner}>"

    def __call__(self, request: HttpRequest) -> Any:
        if self.async_mode:
            return self.__acall__(request)
        before, after = self._before, self._after
        response = before(request) if before is not None else None
        if response is None:
            response = self.get_response(request)
        if after is not None:
            response = after(request, response)
        return response

    async def __acall__(self, request: HttpRequest) -> HttpResponseBase:
        """The async path: await the inner chain, run hooks per their kind."""
        response = None
        if self._before is not None:
            response = self._before(request)
            if self._await_before:
                response = await response
        if response is None:
            response = await self.get_response(request)
        if self._after is not None:
            response = self._after(request, response)
            if self._await_after:
                response = await response
        result: HttpResponseBase = response
        return result
