"""Class-based views: ``View``, ``TemplateView`` and ``RedirectView``.

A view class turns into a view function with ``as_view()``; each request gets a
fresh instance. Handlers (``get``, ``post``, ...) are all sync or all async;
an async class gives an async view function, so the handler awaits it directly.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, ClassVar

from asgiref.sync import iscoroutinefunction, markcoroutinefunction

from framework.core.exceptions import ImproperlyConfigured
from framework.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseGone,
    HttpResponseNotAllowed,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from framework.template.response import TemplateResponse
from framework.urls import reverse

__all__ = [
    "ContextMixin",
    "RedirectView",
    "TemplateResponseMixin",
    "TemplateView",
    "View",
]



class _ClassProperty:
    """A read-only property computed from the class (``View.view_is_async``)."""

    def __init__(self, getter: Callable[[type[Any]], Any]) -> None:
        self.getter = getter

    def __get__(self, instance: Any, owner: type[Any]) -> Any:
        return self.getter(owner)


def _is_async_class(cls: type[View]) -> bool:
    handlers = [
        getattr(cls, name)
        for name in cls.http_method_names
        if hasattr(cls, name) and getattr(cls, name) is not View.options
    ]
    if not handlers:
        return False
    kinds = {iscoroutinefunction(handler) for handler in handlers}
    if len(kinds) > 1:
        raise ImproperlyConfigured(
            f"{cls.__qualname__} HTTP handlers must either be all sync or all "
            "async; make every handler 'def' or every handler 'async def'."
        )
    return kinds.pop()


async def _as_awaitable(response: HttpResponseBase) -> HttpResponseBase:
    return response


class View:
    """Dispatch a request to the method named after its HTTP verb."""

    http_method_names: ClassVar[list[str]] = [
        "get", "post", "put", "patch", "delete", "head", "options", "trace",
    ]
    # True when the handlers are coroutine functions; raises if they are mixed.
    view_is_async: ClassVar[bool] = _ClassProperty(_is_async_class)  # type: ignore[assignment]

    request: HttpRequest
    args: tuple[Any, ...]
    kwargs: dict[str, Any]

    def __init__(self, **kwargs: Any) -> None:
        for key, value in kwargs.items():
            setattr(self, key, value)

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Callable[..., Any]:
        """Return a view function that builds ``cls(**initkwargs)`` per request.

        Only existing class attributes may be passed, so a typo fails at URLconf
        import instead of being silently ignored.
        """
        cls._check_initkwargs(initkwargs)

        def view(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            self = cls(**initkwargs)
            self.setup(request, *args, **kwargs)
            return self.dispatch(request, *args, **kwargs)

        view.view_class = cls  # type: ignore[attr-defined]
        view.view_initkwargs = initkwargs  # type: ignore[attr-defined]
        view.__doc__ = cls.__doc__
        view.__module__ = cls.__module__
        view.__qualname__ = f"{cls.__qualname__}.as_view"
        # Attributes set on dispatch by decorators (e.g. csrf_exempt) apply to
        # the whole view.
        view.__dict__.update(cls.dispatch.__dict__)
        if cls.view_is_async:
            markcoroutinefunction(view)
        return view

    @classmethod
    def _check_initkwargs(cls, initkwargs: dict[str, Any]) -> None:
        for key in initkwargs:
            if key in cls.http_method_names:
                raise TypeError(
                    f"The HTTP method name {key!r} cannot be passed to "
                    f"{cls.__name__}.as_view(); define a {key}() method instead."
                )
            if not hasattr(cls, key):
                raise TypeError(
                    f"{cls.__name__}.as_view() received an invalid keyword {key!r}. "
                    "as_view() only accepts arguments that are already attributes "
                    "of the class."
                )

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        """Store the request and URL arguments; HEAD falls back to GET."""
        if hasattr(self, "get") and not hasattr(self, "head"):
            self.head = self.get
        self.request = request
        self.args = args
        self.kwargs = kwargs

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        """Call the handler for ``request.method``, or answer 405."""
        method = (request.method or "").lower()
        handler: Callable[..., Any] = self.http_method_not_allowed
        if method in self.http_method_names:
            handler = getattr(self, method, self.http_method_not_allowed)
        return handler(request, *args, **kwargs)

    def http_method_not_allowed(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> Any:
        """Answer 405 with ``Allow`` listing the methods this view implements."""
        # The handler logs every 4xx once; nothing to log here.
        return self._respond(HttpResponseNotAllowed(self._allowed_methods()))

    def options(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        """Answer OPTIONS with an empty 200 and ``Allow``."""
        response = HttpResponse()
        response.headers["Allow"] = ", ".join(self._allowed_methods())
        response.headers["Content-Length"] = "0"
        return self._respond(response)

    def _allowed_methods(self) -> list[str]:
        return [m.upper() for m in self.http_method_names if hasattr(self, m)]

    def _respond(
        self, response: HttpResponseBase
    ) -> HttpResponseBase | Coroutine[Any, Any, HttpResponseBase]:
        # An async view's function is awaited, so built-in answers must be too.
        if type(self).view_is_async:
            return _as_awaitable(response)
        return response


class ContextMixin:
    """Build the template context from URL kwargs plus ``extra_context``."""

    extra_context: dict[str, Any] | None = None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """Return the context: ``view``, the given kwargs, then ``extra_context``."""
        kwargs.setdefault("view", self)
        if self.extra_context is not None:
            kwargs.update(self.extra_context)
        return kwargs


class TemplateResponseMixin:
    """Render a context into a ``TemplateResponse``."""

    template_name: str | None = None
    template_engine: str | None = None
    response_class: type[TemplateResponse] = TemplateResponse
    content_type: str | None = None
    request: HttpRequest

    def render_to_response(
        self, context: dict[str, Any], **response_kwargs: Any
    ) -> TemplateResponse:
        """Return a response rendering ``get_template_names()`` with ``context``."""
        response_kwargs.setdefault("content_type", self.content_type)
        return self.response_class(
            request=self.request,
            template=self.get_template_names(),
            context=context,
            using=self.template_engine,
            **response_kwargs,
        )

    def get_template_names(self) -> list[str]:
        """Return the candidate template names, best first."""
        if self.template_name is None:
            raise ImproperlyConfigured(
                f"{type(self).__name__} needs a template: set 'template_name' or "
                "override get_template_names()."
            )
        return [self.template_name]


class TemplateView(TemplateResponseMixin, ContextMixin, View):
    """Render ``template_name`` for GET, with URL kwargs in the context."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> TemplateResponse:
        return self.render_to_response(self.get_context_data(**kwargs))


class RedirectView(View):
    """Redirect to ``url`` (``%(name)s`` filled from URL kwargs) or ``pattern_name``.

    Answers 410 Gone when neither gives a URL.
    """

    permanent = False
    url: str | None = None
    pattern_name: str | None = None
    query_string = False

    def get_redirect_url(self, *args: Any, **kwargs: Any) -> str | None:
        """Return the target URL, or None for 410 Gone."""
        if self.url:
            url = str(self.url) % kwargs
        elif self.pattern_name:
            url = reverse(self.pattern_name, args=args or None, kwargs=kwargs or None)
        else:
            return None
        query = self.request.query_string
        if self.query_string and query:
            url = f"{url}?{query}"
        return url

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        url = self.get_redirect_url(*args, **kwargs)
        if url is None:
            return HttpResponseGone()
        if self.permanent:
            return HttpResponsePermanentRedirect(url)
        return HttpResponseRedirect(url)

    def head(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.get(request, *args, **kwargs)

    post = put = patch = delete = options = head
