"""HTTP-level exceptions that views raise to end a request early."""

from __future__ import annotations

__all__ = ["BadHeaderError", "Http404"]


class Http404(Exception):
    """The requested resource does not exist; answered with 404."""


class BadHeaderError(ValueError):
    """A response header name or value contains characters that would split it."""
