"""A batteries-included web framework with Django's shape, typed and async-native.

Only the version and :func:`setup` live here, so ``import framework`` stays cheap.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__", "setup"]


def setup(set_prefix: bool = True) -> None:
    """Configure settings, logging and the app registry, once per process.

    Entry points (``manage.py``, ``wsgi.py``, ``asgi.py``, the pytest plugin) call
    this before serving; library code never does it at import time.
    """
    from framework.apps import apps
    from framework.conf import settings
    from framework.utils.log import configure_logging

    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)
    apps.populate(settings.INSTALLED_APPS)
