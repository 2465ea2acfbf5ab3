"""Helpers views use every day: render, redirect and the 404 lookups."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from framework.core.exceptions import ObjectDoesNotExist
from framework.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from framework.template.loader import render_to_string
from framework.urls import NoReverseMatch, reverse

__all__ = [
    "get_list_or_404",
    "get_object_or_404",
    "redirect",
    "render",
    "resolve_url",
]


def render(
    request: HttpRequest,
    template_name: str | list[str],
    context: Mapping[str, Any] | None = None,
    content_type: str | None = None,
    status: int | None = None,
    using: str | None = None,
) -> HttpResponse:
    """Render a template with the request (context processors run) into a response.

    ``"page.html#block"`` renders only that block (a partial, e.g. for HTMX).
    """
    content = render_to_string(template_name, context, request, using=using)
    return HttpResponse(content, content_type=content_type, status=status)


def redirect(
    to: Any, *args: Any, permanent: bool = False, **kwargs: Any
) -> HttpResponseRedirect | HttpResponsePermanentRedirect:
    """Redirect to a URL, a URL name (reversed with args) or an object's URL.

    302 by default; ``permanent=True`` gives 301.
    """
    url = resolve_url(to, *args, **kwargs)
    if permanent:
        return HttpResponsePermanentRedirect(url)
    return HttpResponseRedirect(url)


def resolve_url(to: Any, *args: Any, **kwargs: Any) -> str:
    """Return a URL for ``to``: a model with ``get_absolute_url()``, a URL name
    or view (reversed with ``args``/``kwargs``), or a URL, returned as given.

    A string that does not reverse is taken as a URL only if it looks like one
    (contains "/" or "."); otherwise the NoReverseMatch is raised, so a typo in a
    URL name is not silently turned into a relative redirect.
    """
    if hasattr(to, "get_absolute_url"):
        return str(to.get_absolute_url())
    to = str(to) if not callable(to) else to
    if isinstance(to, str) and to.startswith(("./", "../")):
        return to
    try:
        return reverse(to, args=list(args) or None, kwargs=kwargs or None)
    except NoReverseMatch:
        if callable(to) or ("/" not in to and "." not in to):
            raise
    return str(to)


def get_object_or_404(klass: Any, *args: Any, **kwargs: Any) -> Any:
    """Return ``klass``'s ``.get(*args, **kwargs)``; raise Http404 if there is none.

    ``klass`` is a model class, a manager or a queryset. Only "does not exist"
    becomes a 404; MultipleObjectsReturned still propagates, as it is a bug.
    """
    source, model = _lookup_source(klass, "get_object_or_404", "get")
    try:
        return source.get(*args, **kwargs)
    except _does_not_exist(model) as exc:
        raise Http404(f"No {_model_name(model)} matches the given query.") from exc


def get_list_or_404(klass: Any, *args: Any, **kwargs: Any) -> list[Any]:
    """Return ``klass``'s ``.filter(*args, **kwargs)`` as a list; 404 if empty."""
    source, model = _lookup_source(klass, "get_list_or_404", "filter")
    objects = list(source.filter(*args, **kwargs))
    if not objects:
        raise Http404(f"No {_model_name(model)} matches the given query.")
    return objects


def _lookup_source(klass: Any, caller: str, method: str) -> tuple[Any, Any]:
    # A model class is queried through its default manager; a manager or
    # queryset is used as is and knows its model as ``.model``.
    if isinstance(klass, type):
        source = getattr(klass, "_default_manager", None)
        if source is None:
            source = getattr(klass, "objects", None)
        model: Any = klass
    else:
        source, model = klass, getattr(klass, "model", None)
    if not callable(getattr(source, method, None)):
        name = klass.__name__ if isinstance(klass, type) else type(klass).__name__
        raise ValueError(
            f"First argument to {caller}() must be a Model, Manager or QuerySet, "
            f"not {name!r}."
        )
    return source, model


def _does_not_exist(model: Any) -> tuple[type[BaseException], ...]:
    specific = getattr(model, "DoesNotExist", None)
    if isinstance(specific, type) and issubclass(specific, BaseException):
        return (specific, ObjectDoesNotExist)
    return (ObjectDoesNotExist,)


def _model_name(model: Any) -> str:
    name = getattr(getattr(model, "_meta", None), "object_name", None)
    if isinstance(name, str):
        return name
    return str(getattr(model, "__name__", "object"))
