"""``CommonMiddleware``: add the missing trailing slash, set Content-Length.

With ``APPEND_SLASH`` on, a GET or HEAD that 404s on ``/about`` is redirected
(301, query string kept) to ``/about/`` when that URL exists and ``/about``
does not. Other methods are not redirected: browsers would resend a POST as a
GET and lose its data, so in DEBUG this raises an error that says to fix the
form's action URL, and in production the 404 stands.
"""

from __future__ import annotations

from typing import Any

from framework.conf import settings
from framework.http import HttpRequest, HttpResponseBase, HttpResponsePermanentRedirect
from framework.middleware.mixin import GetResponse, MiddlewareMixin
from framework.urls import resolve
from framework.urls.exceptions import Resolver404

__all__ = ["CommonMiddleware"]

_REDIRECTED_METHODS = ("GET", "HEAD")
_BODY_METHODS = ("POST", "PUT", "PATCH")


class CommonMiddleware(MiddlewareMixin):
    """Redirect to the slash-terminated URL on 404 (see the module docstring)."""

    # Resolving a path is pure computation, so the async path skips the thread.
    run_hooks_in_thread = False
    response_redirect_class = HttpResponsePermanentRedirect

    def __init__(self, get_response: GetResponse) -> None:
        super().__init__(get_response)
        self.append_slash = bool(settings.APPEND_SLASH)
        self.debug = bool(settings.DEBUG)

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        """Swap a 404 for a redirect when only the slashed path exists."""
        if response.status_code == 404 and self.should_redirect_with_slash(request):
            if request.method in _REDIRECTED_METHODS:
                url = self.get_full_path_with_slash(request)
                return self.response_redirect_class(url)
            if self.debug and request.method in _BODY_METHODS:
                raise RuntimeError(self._lost_data_message(request))
        if not response.streaming and "Content-Length" not in response.headers:
            response.headers["Content-Length"] = str(len(_content(response)))
        return response

    def should_redirect_with_slash(self, request: HttpRequest) -> bool:
        """Say whether the path lacks a slash that would make it resolve."""
        path = request.path_info
        if not self.append_slash or path.endswith("/"):
            return False
        urlconf = getattr(request, "urlconf", None)
        return not _resolves(path, urlconf) and _resolves(f"{path}/", urlconf)

    def get_full_path_with_slash(self, request: HttpRequest) -> str:
        """Return the path with a slash added, query string kept."""
        path = request.get_full_path(force_append_slash=True)
        # "//evil.example/" would be a protocol-relative URL: an open redirect.
        if path.startswith("//"):
            path = "/%2F" + path[2:]
        return path

    def _lost_data_message(self, request: HttpRequest) -> str:
        method, path = request.method, request.path
        return (
            f"{method} {path} has no trailing slash and only {path}/ exists. "
            f"APPEND_SLASH would redirect, but the redirect would drop the {method} "
            "data (browsers follow it with a GET). Point the form's action (or "
            f"the client) at {path}/, or set APPEND_SLASH = False."
        )


def _resolves(path: str, urlconf: Any) -> bool:
    try:
        resolve(path, urlconf)
    except Resolver404:
        return False
    return True


def _content(response: HttpResponseBase) -> bytes:
    content: bytes = getattr(response, "content", b"")
    return content
