"""Generic class-based views."""

from framework.views.generic.base import (
    ContextMixin,
    RedirectView,
    TemplateResponseMixin,
    TemplateView,
    View,
)
from framework.views.generic.detail import DetailView, SingleObjectMixin
from framework.views.generic.list import ListView, MultipleObjectMixin

__all__ = [
    "ContextMixin",
    "DetailView",
    "ListView",
    "MultipleObjectMixin",
    "RedirectView",
    "SingleObjectMixin",
    "TemplateResponseMixin",
    "TemplateView",
    "View",
]
