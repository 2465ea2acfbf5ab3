"""Functions every Jinja2 environment gets as globals: ``url()`` and ``static()``.

``static()`` lives here alone so the switch to hashed file names (served by the
staticfiles storage) changes one place.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import quote

from framework.conf import settings
from framework.core.exceptions import ImproperlyConfigured
from framework.urls import reverse

__all__ = ["default_globals", "make_static", "static_url_prefix", "url"]


def url(
    viewname: str,
    *args: Any,
    _query: Mapping[str, Any] | None = None,
    _fragment: str | None = None,
    **kwargs: Any,
) -> str:
    """Reverse a URL name in a template: ``url("post", pk=1, _query={"p": 2})``.

    The underscore names keep ``query``/``fragment`` free as URL arguments.
    """
    return reverse(
        viewname,
        args=list(args) or None,
        kwargs=kwargs or None,
        query=_query,
        fragment=_fragment,
    )


def static_url_prefix() -> str:
    """Return ``STATIC_URL`` with a leading and a trailing slash.

    A relative ``"static/"`` would resolve against the page's own URL, so it is
    anchored at the site root; absolute URLs (``https://cdn...``) are kept.
    """
    prefix = settings.STATIC_URL
    if not prefix:
        raise ImproperlyConfigured(
            "static() needs the STATIC_URL setting; set it, e.g. STATIC_URL = "
            "'static/'."
        )
    prefix = str(prefix)
    if "://" not in prefix and not prefix.startswith("/"):
        prefix = "/" + prefix
    return prefix if prefix.endswith("/") else prefix + "/"


def make_static(prefix: str | None = None) -> Callable[[str], str]:
    """Build ``static(path)`` for one environment, reading STATIC_URL once."""
    base = static_url_prefix() if prefix is None else prefix

    def static(path: str) -> str:
        """Return the URL of a static file: ``static("css/site.css")``."""
        return base + quote(str(path).lstrip("/"))

    return static


def default_globals() -> dict[str, Any]:
    """Return the globals added to every Jinja2 environment the framework builds."""
    globals_: dict[str, Any] = {"url": url}
    if settings.STATIC_URL:
        globals_["static"] = make_static()
    else:
        globals_["static"] = _static_unconfigured
    return globals_


def _static_unconfigured(path: str) -> str:
    # Fails when used rather than when the engine is built, so projects without
    # static files can still render templates.
    return make_static()(path)
