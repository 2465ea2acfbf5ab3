"""``get_asgi_application()``: the callable a project's ``asgi.py`` exposes."""

from __future__ import annotations

import framework
from framework.core.handlers.asgi import ASGIHandler

__all__ = ["get_asgi_application"]


def get_asgi_application() -> ASGIHandler:
    """Set the framework up and return an ASGI application for servers like uvicorn."""
    framework.setup()
    return ASGIHandler()
