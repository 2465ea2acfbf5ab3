"""Home of ``MiddlewareMixin`` under its Django import path.

Django projects import it from ``django.utils.deprecation``; the class itself
lives in :mod:`framework.middleware.mixin`.
"""

from framework.middleware.mixin import MiddlewareMixin

__all__ = ["MiddlewareMixin"]
