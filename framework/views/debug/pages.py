"""The debug pages as responses: technical 500, technical 404 and welcome.

Rendered by a private, autoescaping Jinja2 environment over the templates
shipped in ``framework/views/templates/``, so they work whatever the project's
``TEMPLATES`` say (or when they are broken). Clients that do not accept HTML get
plain text. Building a page never raises: on failure the response is a plain
Python traceback, so the original error is never hidden.
"""

from __future__ import annotations

import functools
import sys
import traceback
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2

import framework
from framework.conf import settings
from framework.http.request import HttpRequest
from framework.http.response import HttpResponse
from framework.views.debug.report import (
    DEBUG_FOOTER,
    build_error_report,
    exception_message,
    report_text,
    request_url,
    traceback_text,
    view_name,
)

__all__ = [
    "NotFoundReport",
    "technical_404_response",
    "technical_500_response",
    "welcome_response",
]

_TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"


@functools.cache
def _environment() -> jinja2.Environment:
    # Private to the debug pages so a broken or absent TEMPLATES setting, or a
    # project template named like ours, cannot break or replace them.
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _render(template_name: str, **context: Any) -> str:
    context.setdefault("debug_footer", DEBUG_FOOTER)
    return _environment().get_template(template_name).render(**context)


def _wants_html(request: HttpRequest | None) -> bool:
    if request is None:
        return True
    try:
        return request.accepts("text/html")
    except Exception:
        return False


def _response(content: str, html: bool, status: int) -> HttpResponse:
    kind = "text/html" if html else "text/plain"
    return HttpResponse(
        content.encode("utf-8"), content_type=f"{kind}; charset=utf-8", status=status
    )


def _plain_traceback(
    exc_type: type[BaseException] | None,
    exc_value: BaseException | None,
    tb: TracebackType | None,
) -> str:
    try:
        return "".join(traceback.format_exception(exc_type, exc_value, tb))
    except Exception:
        return f"{exc_type!r}: the error page and the traceback could not be built.\n"


def technical_500_response(
    request: HttpRequest | None,
    exc_type: type[BaseException] | None,
    exc_value: BaseException | None,
    tb: TracebackType | None,
    status_code: int = 500,
) -> HttpResponse:
    """Return the debug page for an unhandled exception; never raise.

    HTML when the client accepts it, plain text otherwise. If the page cannot
    be built (a broken ``__repr__`` is handled, but anything may happen), fall
    back to the bare Python traceback so the original error is never hidden.
    """
    html = _wants_html(request)
    try:
        report = build_error_report(request, exc_type, exc_value, tb)
        if html:
            content = _render(
                "technical_500.html", report=report, text=traceback_text(report)
            )
        else:
            content = report_text(report)
    except Exception:
        html = False
        content = _plain_traceback(exc_type, exc_value, tb)
    return _response(content, html, status_code)


# -- 404 and the welcome page --------------------------------------------------


@dataclass
class NotFoundReport:
    """What the technical 404 page shows."""

    path: str
    method: str
    url: str
    urlconf: str
    tried: list[str] | None  # None: a view raised Http404, no resolving failed
    reason: str
    view: str


def _pattern_text(pattern: Any) -> str:
    text = str(getattr(pattern, "pattern", pattern))
    namespace = getattr(pattern, "namespace", None)
    if namespace:
        text += f" [namespace={namespace!r}]"
    name = getattr(pattern, "name", None)
    return f"{text} [name={name!r}]" if name else text


def _tried_rows(tried: Iterable[Any]) -> list[str]:
    rows = []
    for chain in tried:
        chain = chain if isinstance(chain, list | tuple) else [chain]
        rows.append(" ".join(_pattern_text(p) for p in chain))
    return rows


def _urlconf_name(request: HttpRequest) -> str:
    urlconf = getattr(request, "urlconf", None)
    if urlconf is None:
        try:
            urlconf = settings.ROOT_URLCONF
        except Exception:
            urlconf = None
    return str(getattr(urlconf, "__name__", urlconf) or "")


def _not_found_report(request: HttpRequest, exception: BaseException) -> NotFoundReport:
    tried = getattr(exception, "tried", None)
    if tried is not None:
        reason = ""  # the pattern list says it better than the resolver's message
    else:
        reason = exception_message(exception)
    return NotFoundReport(
        path=request.path_info or request.path,
        method=str(request.method or ""),
        url=request_url(request),
        urlconf=_urlconf_name(request),
        tried=_tried_rows(tried) if tried is not None else None,
        reason=reason,
        view=view_name(request),
    )


def _not_found_text(report: NotFoundReport) -> str:
    lines = [f"Page not found (404): {report.method} {report.url}", ""]
    if report.view:
        lines.append(f"Raised by: {report.view}")
    if report.tried is not None:
        lines.append(f"URLconf {report.urlconf} tried these URL patterns, in order:")
        lines += [f"  {n}. {row}" for n, row in enumerate(report.tried, 1)] or [
            "  (none: the URLconf defines no URL patterns)"
        ]
        lines.append(f"The current path, {report.path}, matched none of these.")
    else:
        lines.append(report.reason or "A view raised Http404 without a message.")
    return "\n".join([*lines, "", DEBUG_FOOTER]) + "\n"


def _welcome_urls_file(urlconf: str) -> str:
    if not urlconf:
        return "<project>/urls.py"
    return urlconf.replace(".", "/") + ".py"


def _welcome_text(urls_file: str) -> str:
    return (
        f"The install worked! Framework {framework.__version__} is running.\n\n"
        f"No URLs are configured yet: add a route to urlpatterns in {urls_file}.\n"
        "Read the guides in the docs/ folder, starting with docs/intro/.\n\n"
        "You're seeing this page because DEBUG = True and your URLconf is empty.\n"
    )


def _is_empty_urlconf(request: HttpRequest, exception: BaseException) -> bool:
    # Resolver404 lists every pattern it tried: none means the URLconf is empty.
    tried = getattr(exception, "tried", None)
    return tried is not None and len(tried) == 0 and request.path_info in ("/", "")


def welcome_response(request: HttpRequest) -> HttpResponse:
    """Return the "install worked" page a new, empty project shows at ``/``."""
    urls_file = _welcome_urls_file(_urlconf_name(request))
    if not _wants_html(request):
        return _response(_welcome_text(urls_file), False, 200)
    content = _render(
        "welcome.html", version=framework.__version__, urls_file=urls_file
    )
    return _response(content, True, 200)


def technical_404_response(
    request: HttpRequest, exception: BaseException
) -> HttpResponse:
    """Return the debug 404 page: the patterns tried, or the view's Http404 message.

    An empty URLconf asked for ``/`` gets the welcome page (status 200) instead.
    """
    html = _wants_html(request)
    try:
        if _is_empty_urlconf(request, exception):
            return welcome_response(request)
        report = _not_found_report(request, exception)
        if html:
            content = _render("technical_404.html", report=report)
        else:
            content = _not_found_text(report)
    except Exception:
        html = False
        content = f"Page not found (404)\n\n{_plain_traceback(*sys.exc_info())}"
    return _response(content, html, 404)
