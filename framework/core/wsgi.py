"""``get_wsgi_application()``: the callable a project's ``wsgi.py`` exposes."""

from __future__ import annotations

import framework
from framework.core.handlers.wsgi import WSGIHandler

__all__ = ["get_wsgi_application"]


def get_wsgi_application() -> WSGIHandler:
    """Set the framework up and return a WSGI application for servers like gunicorn."""
    framework.setup()
    return WSGIHandler()
