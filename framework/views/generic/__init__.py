"""Generic class-based views."""

from framework.views.generic.base import (
    ContextMixin,
    RedirectView,
    TemplateResponseMixin,
    TemplateView,
    View,
)

__all__ = [
    "ContextMixin",
    "RedirectView",
    "TemplateResponseMixin",
    "TemplateView",
    "View",
]
