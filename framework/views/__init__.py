"""Views: the base ``View`` class, generic views and view decorators."""

from framework.views.generic.base import View

__all__ = ["View"]
