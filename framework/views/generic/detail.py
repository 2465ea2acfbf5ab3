"""``DetailView``: render one object found by primary key or slug.

The object comes from the ``pk`` (``pk_url_kwarg``) or ``slug``
(``slug_url_kwarg`` matched against ``slug_field``) URL kwarg; none found is a
404. Context: ``object`` and ``<model_name>``.
"""

from __future__ import annotations

from typing import Any

from framework.core.exceptions import ImproperlyConfigured
from framework.http import Http404, HttpRequest
from framework.template.response import TemplateResponse
from framework.views.generic.base import ContextMixin, TemplateResponseMixin, View

__all__ = ["DetailView", "SingleObjectMixin"]


class SingleObjectMixin(ContextMixin):
    """Find the object named by the URL."""

    model: Any = None
    queryset: Any = None
    slug_field = "slug"
    context_object_name: str | None = None
    slug_url_kwarg = "slug"
    pk_url_kwarg = "pk"
    query_pk_and_slug = False
    request: HttpRequest
    kwargs: dict[str, Any]
    object: Any

    def get_queryset(self) -> Any:
        if self.queryset is not None:
            return self.queryset.all()
        if self.model is not None:
            return self.model._default_manager.all()
        raise ImproperlyConfigured(
            f"{type(self).__name__} is missing a QuerySet: set model, queryset or "
            "override get_queryset()."
        )

    def get_object(self, queryset: Any = None) -> Any:
        """Return the object for the URL's pk/slug, or raise Http404."""
        queryset = self.get_queryset() if queryset is None else queryset
        pk = self.kwargs.get(self.pk_url_kwarg)
        slug = self.kwargs.get(self.slug_url_kwarg)
        if pk is not None:
            queryset = queryset.filter(pk=pk)
        if slug is not None and (pk is None or self.query_pk_and_slug):
            queryset = queryset.filter(**{self.slug_field: slug})
        if pk is None and slug is None:
            raise AttributeError(
                f"{type(self).__name__} must be called with either an object "
                f"{self.pk_url_kwarg} or a {self.slug_url_kwarg} in the URLconf."
            )
        try:
            return queryset.get()
        except (queryset.model.DoesNotExist, ValueError) as exc:
            name = queryset.model._meta.verbose_name
            raise Http404(f"No {name} found matching the query.") from exc

    def get_context_object_name(self, obj: Any) -> str | None:
        if self.context_object_name:
            return self.context_object_name
        meta = getattr(obj, "_meta", None)
        return None if meta is None else str(meta.model_name)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = {}
        obj = getattr(self, "object", None)
        if obj is not None:
            context["object"] = obj
            name = self.get_context_object_name(obj)
            if name:
                context[name] = obj
        context.update(kwargs)
        return super().get_context_data(**context)


class DetailView(SingleObjectMixin, TemplateResponseMixin, View):
    """Render ``<app>/<model>_detail.html`` with one object."""

    template_name_suffix = "_detail"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> TemplateResponse:
        self.object = self.get_object()
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_template_names(self) -> list[str]:
        names = [self.template_name] if self.template_name else []
        meta = getattr(getattr(self, "object", None), "_meta", None)
        if meta is None and self.model is not None:
            meta = self.model._meta
        if meta is not None:
            names.append(
                f"{meta.app_label}/{meta.model_name}{self.template_name_suffix}.html"
            )
        if not names:
            return super().get_template_names()
        return names
