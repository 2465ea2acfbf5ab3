"""The request handler shared by the WSGI and ASGI faces.

Built once per process: the middleware chain is composed at start-up, the
settings the hot path needs are read into attributes, and the root URL
resolver is fetched once. Per request, the handler checks the host, runs the
chain, resolves the URL and calls the view. Async views are awaited directly
when serving ASGI; sync views run directly under WSGI; asgiref bridges only the
crossings (a sync view under ASGI, an async view under WSGI).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from asgiref.sync import async_to_sync, iscoroutinefunction, sync_to_async

from framework.conf import settings
from framework.core.exceptions import (
    BadRequest,
    ImproperlyConfigured,
    MethodNotAllowed,
    MiddlewareNotUsed,
)
from framework.core.handlers.exception import (
    convert_exception_to_response,
    response_for_exception,
)
from framework.http import HttpRequest, HttpResponseBase
from framework.http.hosts import RequestConfig
from framework.urls import URLResolver, get_resolver
from framework.utils.log import log_response
from framework.utils.module_loading import import_string

__all__ = ["BaseHandler"]

logger = logging.getLogger("framework.request")

ViewMiddleware = Callable[..., Any]

STANDARD_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE")
# Methods a view may be written for; anything else is refused before routing.
KNOWN_METHODS = frozenset(
    STANDARD_METHODS
    + ("CONNECT", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK")
    + ("REPORT", "SEARCH", "PURGE", "QUERY")
)


class BaseHandler:
    """Compose middleware once; turn one request into one response."""

    _middleware_chain: Callable[[HttpRequest], Any] | None = None

    def __init__(self) -> None:
        self._view_middleware: list[ViewMiddleware] = []
        self._exception_middleware: list[ViewMiddleware] = []
        self._template_middleware: list[ViewMiddleware] = []
        self.request_config = RequestConfig()
        self.is_async = False
        self._resolver: URLResolver | None = None
        self._adapted: dict[Callable[..., Any], Callable[..., Any]] = {}
        self._atomic_aliases: list[str] = []

    def load_middleware(self, is_async: bool = False) -> None:
        """Read settings and build the middleware chain; call once at start-up."""
        self.is_async = is_async
        self.request_config = RequestConfig.from_settings(settings)
        # The root resolver is looked up once; request.urlconf can still override it.
        self._resolver = get_resolver()
        self._atomic_aliases = [
            alias
            for alias, config in settings.DATABASES.items()
            if config.get("ATOMIC_REQUESTS")
        ]
        self._view_middleware, self._exception_middleware = [], []
        self._template_middleware = []
        inner = self._get_response_async if is_async else self._get_response
        handler = convert_exception_to_response(inner)
        handler_is_async = is_async
        for path in reversed(settings.MIDDLEWARE):
            factory = _import_middleware(path)
            can_sync = getattr(factory, "sync_capable", True)
            can_async = getattr(factory, "async_capable", False)
            if not can_sync and not can_async:
                raise ImproperlyConfigured(
                    f"Middleware {path} must have at least one of sync_capable or "
                    "async_capable set to True."
                )
            mw_is_async = can_async and (handler_is_async or not can_sync)
            adapted = _adapt(handler, handler_is_async, mw_is_async)
            try:
                instance = factory(adapted)
            except MiddlewareNotUsed as exc:
                if settings.DEBUG and str(exc):
                    logger.debug("MiddlewareNotUsed(%r): %s", path, exc)
                continue
            if instance is None:
                raise ImproperlyConfigured(f"Middleware factory {path} returned None.")
            self._collect_hooks(instance)
            handler = convert_exception_to_response(instance)
            handler_is_async = mw_is_async
        self._middleware_chain = _adapt(handler, handler_is_async, is_async)

    def _collect_hooks(self, instance: Any) -> None:
        if hasattr(instance, "process_view"):
            self._view_middleware.insert(0, _mode(instance.process_view, self.is_async))
        if hasattr(instance, "process_template_response"):
            self._template_middleware.append(
                _mode(instance.process_template_response, False)
            )
        if hasattr(instance, "process_exception"):
            self._exception_middleware.append(_mode(instance.process_exception, False))

    # -- entry points used by the WSGI and ASGI faces --------------------------------

    def _preflight(self, request: HttpRequest) -> None:
        """Reject what no view should see: bad paths, unknown methods and hosts."""
        if request._path_error:
            raise BadRequest("The request path is not valid UTF-8.")
        if request.method not in KNOWN_METHODS:
            raise MethodNotAllowed(str(request.method), STANDARD_METHODS)
        request.get_host()

    def get_response(self, request: HttpRequest) -> HttpResponseBase:
        """Return the response for ``request`` (sync chain)."""
        if self._middleware_chain is None:
            raise RuntimeError("load_middleware() must run before get_response().")
        try:
            self._preflight(request)
        except Exception as exc:
            return response_for_exception(request, exc)
        response: HttpResponseBase = self._middleware_chain(request)
        if response.status_code >= 400:
            _log(request, response)
        return response

    async def get_response_async(self, request: HttpRequest) -> HttpResponseBase:
        """Return the response for ``request`` (async chain)."""
        if self._middleware_chain is None:
            raise RuntimeError("load_middleware(is_async=True) must run first.")
        try:
            self._preflight(request)
        except Exception as exc:
            return await sync_to_async(response_for_exception)(request, exc)
        response: HttpResponseBase = await self._middleware_chain(request)
        if response.status_code >= 400:
            _log(request, response)
        return response

    # -- the innermost step: resolve and call the view ---------------------------------

    def resolve_request(
        self, request: HttpRequest
    ) -> tuple[Callable[..., Any], tuple[Any, ...], dict[str, Any]]:
        """Resolve ``request.path_info`` and record the match on the request."""
        urlconf = request.urlconf
        resolver = self._resolver
        if urlconf is not None or resolver is None:
            resolver = get_resolver(urlconf)
        match = resolver.resolve(request.path_info)
        request.resolver_match = match
        return match.func, match.args, match.kwargs

    def _get_response(self, request: HttpRequest) -> HttpResponseBase:
        view, args, kwargs = self.resolve_request(request)
        response = None
        for hook in self._view_middleware:
            response = hook(request, view, args, kwargs)
            if response is not None:
                break
        if response is None:
            call = self._callable(view, want_async=False)
            try:
                response = call(request, *args, **kwargs)
            except Exception as exc:
                response = self._process_exception(request, exc)
        _check_response(view, response)
        if hasattr(response, "render"):
            response = self._render(request, response)
        return response

    async def _get_response_async(self, request: HttpRequest) -> HttpResponseBase:
        view, args, kwargs = self.resolve_request(request)
        response = None
        for hook in self._view_middleware:
            response = await hook(request, view, args, kwargs)
            if response is not None:
                break
        if response is None:
            call = self._callable(view, want_async=True)
            try:
                response = await call(request, *args, **kwargs)
            except Exception as exc:
                response = await sync_to_async(self._process_exception)(request, exc)
        _check_response(view, response)
        if hasattr(response, "render"):
            # Template hooks and rendering are sync code: keep them off the loop.
            response = await sync_to_async(self._render)(request, response)
        return response

    def _callable(
        self, view: Callable[..., Any], want_async: bool
    ) -> Callable[..., Any]:
        """Return ``view`` adapted to the chain's mode, adapting each view once."""
        adapted = self._adapted.get(view)
        if adapted is None:
            is_async = iscoroutinefunction(view)
            target = self._make_atomic(view, is_async) if self._atomic_aliases else view
            adapted = _adapt(target, is_async, want_async)
            if len(self._adapted) < 4096:  # views are few; never grow without bound
                self._adapted[view] = adapted
        return adapted

    def _make_atomic(
        self, view: Callable[..., Any], is_async: bool
    ) -> Callable[..., Any]:
        """Wrap ``view`` in a transaction per database with ``ATOMIC_REQUESTS``."""
        # Imported here so projects without ATOMIC_REQUESTS never load the DB layer.
        from framework.db import transaction

        exempt: set[str] = getattr(view, "_non_atomic_requests", set())
        for alias in self._atomic_aliases:
            if alias in exempt:
                continue
            if is_async:
                raise ImproperlyConfigured(
                    f"ATOMIC_REQUESTS is on for database {alias!r}, but "
                    f"{view.__module__}.{view.__qualname__} is async. Decorate it with "
                    "transaction.non_atomic_requests() and use transaction.atomic() "
                    "inside a sync function, or turn ATOMIC_REQUESTS off."
                )
            view = transaction.atomic(using=alias)(view)
        return view

    def _process_exception(
        self, request: HttpRequest, exc: Exception
    ) -> HttpResponseBase:
        for hook in self._exception_middleware:
            response = hook(request, exc)
            if response is not None:
                return response  # type: ignore[no-any-return]
        raise exc

    def _render(self, request: HttpRequest, response: Any) -> HttpResponseBase:
        """Run ``process_template_response`` hooks, then render the response."""
        for hook in self._template_middleware:
            response = hook(request, response)
            _check_response(hook, response)
        if callable(getattr(response, "render", None)):
            response = response.render()
        return response  # type: ignore[no-any-return]


def _check_response(view: Any, response: Any) -> None:
    """Refuse anything but a response, naming the view that returned it."""
    if isinstance(response, HttpResponseBase):
        return
    name = getattr(view, "__qualname__", None) or type(view).__name__
    module = getattr(view, "__module__", "")
    got = "None" if response is None else f"a {type(response).__name__}"
    hint = ""
    if asyncio.iscoroutine(response):
        response.close()
        hint = " (an unawaited coroutine?)"
    raise ValueError(
        f"The view {module}.{name} didn't return an HttpResponse object. "
        f"It returned {got}{hint} instead; return a response from every branch."
    )


def _import_middleware(path: str) -> Any:
    try:
        return import_string(path)
    except ImportError as exc:
        raise ImproperlyConfigured(
            f"MIDDLEWARE entry {path!r} cannot be imported ({exc}). Fix or remove it "
            "in the MIDDLEWARE setting."
        ) from exc


def _adapt(handler: Any, handler_is_async: bool, want_async: bool) -> Any:
    """Bridge a handler to the calling mode, crossing threads only when needed."""
    if handler_is_async == want_async:
        return handler
    if want_async:
        return sync_to_async(handler, thread_sensitive=True)
    return async_to_sync(handler)


def _mode(method: Callable[..., Any], is_async: bool) -> Callable[..., Any]:
    """Make a middleware hook callable in the chain's mode."""
    if is_async and not iscoroutinefunction(method):
        return sync_to_async(method, thread_sensitive=True)
    if not is_async and iscoroutinefunction(method):
        return async_to_sync(method)
    return method


def _log(request: HttpRequest, response: HttpResponseBase) -> None:
    if getattr(response, "_logged", False):
        return
    response._logged = True  # type: ignore[attr-defined]
    log_response(
        logger, f"{response.reason_phrase}: {request.path}", response.status_code
    )
