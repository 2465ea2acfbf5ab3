"""Middleware: one per module; ``MiddlewareMixin`` is the base they share."""

from framework.middleware.mixin import MiddlewareMixin

__all__ = ["MiddlewareMixin"]
