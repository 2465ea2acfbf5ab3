"""URL routing: map paths to views with ``path()``, and names back to URLs.

``urls.py`` modules use :func:`path`, :func:`re_path` and :func:`include`;
views and templates use :func:`reverse`; the request handler uses
:func:`get_resolver` and :meth:`URLResolver.resolve`.
"""

from __future__ import annotations

from framework.urls.base import (
    LazyURL,
    get_script_prefix,
    resolve,
    reverse,
    reverse_lazy,
    set_script_prefix,
)
from framework.urls.conf import include, path, re_path
from framework.urls.converters import register_converter
from framework.urls.exceptions import NoReverseMatch, Resolver404
from framework.urls.resolvers import (
    ResolverMatch,
    URLPattern,
    URLResolver,
    clear_url_caches,
    get_resolver,
)

__all__ = [
    "LazyURL",
    "NoReverseMatch",
    "Resolver404",
    "ResolverMatch",
    "URLPattern",
    "URLResolver",
    "clear_url_caches",
    "get_resolver",
    "get_script_prefix",
    "include",
    "path",
    "re_path",
    "register_converter",
    "resolve",
    "reverse",
    "reverse_lazy",
    "set_script_prefix",
]
