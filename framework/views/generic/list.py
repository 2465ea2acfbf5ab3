"""``ListView``: render a (paginated) list of objects.

Context: ``object_list``, ``<model>_list``, and with ``paginate_by`` also
``paginator``, ``page_obj`` and ``is_paginated``. The page comes from the URL
kwarg or ``?page=`` (``"last"`` works); a bad page number is a 404.
"""

from __future__ import annotations

from typing import Any

from framework.core.exceptions import ImproperlyConfigured
from framework.core.paginator import InvalidPage, Paginator
from framework.http import Http404, HttpRequest
from framework.template.response import TemplateResponse
from framework.views.generic.base import ContextMixin, TemplateResponseMixin, View

__all__ = ["ListView", "MultipleObjectMixin"]


class MultipleObjectMixin(ContextMixin):
    """Find the objects to list and paginate them."""

    model: Any = None
    queryset: Any = None
    ordering: Any = None
    paginate_by: int | None = None
    paginate_orphans = 0
    page_kwarg = "page"
    allow_empty = True
    context_object_name: str | None = None
    paginator_class = Paginator
    request: HttpRequest
    kwargs: dict[str, Any]
    object_list: Any

    def get_queryset(self) -> Any:
        """Return the objects: ``queryset`` (re-evaluated) or all of ``model``."""
        if self.queryset is not None:
            queryset = self.queryset
            queryset = queryset.all() if hasattr(queryset, "all") else queryset
        elif self.model is not None:
            queryset = self.model._default_manager.all()
        else:
            raise ImproperlyConfigured(
                f"{type(self).__name__} is missing a QuerySet: set model, queryset "
                "or override get_queryset()."
            )
        ordering = self.ordering
        if ordering:
            ordering = (ordering,) if isinstance(ordering, str) else ordering
            queryset = queryset.order_by(*ordering)
        return queryset

    def paginate_queryset(self, queryset: Any, page_size: int) -> tuple[Any, ...]:
        """Return ``(paginator, page, object_list, is_paginated)``."""
        paginator = self.paginator_class(
            queryset,
            page_size,
            orphans=self.paginate_orphans,
            allow_empty_first_page=self.allow_empty,
        )
        raw = (
            self.kwargs.get(self.page_kwarg)
            or self.request.GET.get(self.page_kwarg)
            or 1
        )
        number = paginator.num_pages if raw == "last" else raw
        try:
            page = paginator.page(number)
        except InvalidPage as exc:
            raise Http404(f"Invalid page ({number}): {exc}") from exc
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_object_name(self, object_list: Any) -> str | None:
        if self.context_object_name:
            return self.context_object_name
        model = getattr(object_list, "model", None)
        return f"{model._meta.model_name}_list" if model is not None else None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        queryset = kwargs.pop("object_list", self.object_list)
        context: dict[str, Any] = {
            "paginator": None,
            "page_obj": None,
            "is_paginated": False,
            "object_list": queryset,
        }
        if self.paginate_by:
            paginator, page, items, paginated = self.paginate_queryset(
                queryset, self.paginate_by
            )
            context.update(
                paginator=paginator,
                page_obj=page,
                is_paginated=paginated,
                object_list=items,
            )
        name = self.get_context_object_name(queryset)
        if name is not None:
            context[name] = context["object_list"]
        context.update(kwargs)
        return super().get_context_data(**context)


class ListView(MultipleObjectMixin, TemplateResponseMixin, View):
    """Render ``<app>/<model>_list.html`` with the objects."""

    template_name_suffix = "_list"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> TemplateResponse:
        self.object_list = self.get_queryset()
        if not self.allow_empty and not self.object_list:
            raise Http404(
                f"Empty list and '{type(self).__name__}.allow_empty' is False."
            )
        return self.render_to_response(self.get_context_data())

    def get_template_names(self) -> list[str]:
        names = [self.template_name] if self.template_name else []
        model = getattr(self.object_list, "model", None) or self.model
        if model is not None:
            meta = model._meta
            names.append(
                f"{meta.app_label}/{meta.model_name}{self.template_name_suffix}.html"
            )
        if not names:
            return super().get_template_names()
        return names
