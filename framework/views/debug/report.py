"""Collect what the technical 500 page shows, and render it as plain text.

:func:`build_error_report` walks the traceback (and its ``__cause__`` /
``__context__`` chain), reads each frame's source with :mod:`linecache`, and
renders every value to a masked, size-capped string up front, so the HTML
template and :func:`report_text` only format strings.
"""

from __future__ import annotations

import linecache
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

import framework
from framework.http.request import HttpRequest
from framework.views.debug.cleanse import (
    CLEANSED_SUBSTITUTE,
    cleanse_local,
    cleanse_meta,
    get_safe_settings,
    is_sensitive,
    safe_repr,
)

__all__ = [
    "DEBUG_FOOTER",
    "ErrorReport",
    "ExceptionInfo",
    "FrameInfo",
    "RequestInfo",
    "build_error_report",
    "exception_message",
    "report_text",
    "request_url",
    "traceback_text",
    "view_name",
]

_CONTEXT_LINES = 5
_FRAMEWORK_DIR = str(Path(framework.__file__).resolve().parent)
DEBUG_FOOTER = (
    "You're seeing this error because you have DEBUG = True in your settings. "
    "Set DEBUG = False to show the standard error page instead."
)


@dataclass
class FrameInfo:
    """One traceback frame as the page shows it."""

    filename: str
    lineno: int
    function: str
    context_line: str
    pre_context: list[tuple[int, str]]
    post_context: list[tuple[int, str]]
    variables: list[tuple[str, str]]
    is_framework: bool


@dataclass
class ExceptionInfo:
    """One exception of a chain; ``relation`` says how it links to the one above."""

    type_name: str
    message: str
    frames: list[FrameInfo]
    relation: str = ""  # "", "cause" (raise ... from) or "context" (while handling)


@dataclass
class RequestInfo:
    """The request's data, already masked and rendered to strings."""

    method: str
    url: str
    view: str
    get: list[tuple[str, str]]
    post: list[tuple[str, str]]
    cookies: list[tuple[str, str]]
    meta: list[tuple[str, str]]


@dataclass
class ErrorReport:
    """Everything the technical 500 page shows, independent of its format."""

    exceptions: list[ExceptionInfo]
    request: RequestInfo | None
    settings: list[tuple[str, str]]
    framework_version: str = framework.__version__
    python_version: str = sys.version.split()[0]
    python_executable: str = sys.executable
    server_time: str = field(
        default_factory=lambda: datetime.now().astimezone().isoformat(" ", "seconds")
    )

    @property
    def main(self) -> ExceptionInfo:
        return self.exceptions[0]

    @property
    def location(self) -> str:
        """Where the main exception was raised: the innermost frame."""
        if not self.main.frames:
            return ""
        last = self.main.frames[-1]
        return f"{last.filename}, line {last.lineno}, in {last.function}"


def _source_context(
    frame: FrameType, lineno: int
) -> tuple[str, list[tuple[int, str]], list[tuple[int, str]]]:
    filename = frame.f_code.co_filename
    lines = linecache.getlines(filename, frame.f_globals)
    if not 0 < lineno <= len(lines):
        return "<source code not available>", [], []
    start = max(1, lineno - _CONTEXT_LINES)
    end = min(len(lines), lineno + _CONTEXT_LINES)
    pre = [(n, lines[n - 1].rstrip("\r\n")) for n in range(start, lineno)]
    post = [(n, lines[n - 1].rstrip("\r\n")) for n in range(lineno + 1, end + 1)]
    return lines[lineno - 1].rstrip("\r\n"), pre, post


def _frame_info(frame: FrameType, lineno: int) -> FrameInfo:
    filename = frame.f_code.co_filename
    context_line, pre, post = _source_context(frame, lineno)
    variables = [
        (name, safe_repr(cleanse_local(name, value)))
        for name, value in sorted(frame.f_locals.items())
    ]
    return FrameInfo(
        filename=filename,
        lineno=lineno,
        function=frame.f_code.co_qualname,
        context_line=context_line,
        pre_context=pre,
        post_context=post,
        variables=variables,
        is_framework=filename.startswith(_FRAMEWORK_DIR),
    )


def _frames(tb: TracebackType | None) -> list[FrameInfo]:
    frames = []
    while tb is not None:
        # Helpers opt out of the page the way they do in Django and pytest.
        if not tb.tb_frame.f_locals.get("__traceback_hide__"):
            frames.append(_frame_info(tb.tb_frame, tb.tb_lineno))
        tb = tb.tb_next
    return frames


def exception_message(exc: BaseException | None) -> str:
    """Return ``str(exc)``; a failing ``__str__`` never propagates."""
    if exc is None:
        return ""
    try:
        return str(exc)
    except Exception:
        return "<exception message could not be rendered>"


def _exception_chain(
    exc: BaseException | None,
) -> Iterator[tuple[BaseException, str]]:
    """Yield each exception of a chain, newest first, with its link to the previous."""
    seen: set[int] = set()
    relation = ""
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc, relation
        if exc.__cause__ is not None:
            exc, relation = exc.__cause__, "cause"
        elif exc.__context__ is not None and not exc.__suppress_context__:
            exc, relation = exc.__context__, "context"
        else:
            exc = None


def _exception_infos(
    exc_type: type[BaseException] | None,
    exc_value: BaseException | None,
    tb: TracebackType | None,
) -> list[ExceptionInfo]:
    type_name = exc_type.__qualname__ if exc_type is not None else "Error"
    infos = [ExceptionInfo(type_name, exception_message(exc_value), _frames(tb))]
    for exc, relation in _exception_chain(exc_value):
        if exc is exc_value:
            continue
        infos.append(
            ExceptionInfo(
                type(exc).__qualname__,
                exception_message(exc),
                _frames(exc.__traceback__),
                relation,
            )
        )
    return infos


def request_url(request: HttpRequest) -> str:
    """Return the absolute URL, or just the path when the Host header is bad."""
    try:
        return request.build_absolute_uri()
    except Exception:  # an invalid Host header must not hide the real error
        return request.get_full_path()


def view_name(request: HttpRequest) -> str:
    """Return the dotted path of the view the request resolved to, if any."""
    match = getattr(request, "resolver_match", None)
    func = getattr(match, "func", None)
    if func is None:
        return ""
    func = getattr(func, "view_class", func)
    module = getattr(func, "__module__", "")
    name = getattr(func, "__qualname__", type(func).__qualname__)
    return f"{module}.{name}" if module else str(name)


def _multi_items(data: Any, masked: bool) -> list[tuple[str, str]]:
    """Render a QueryDict (or plain dict) as sorted (name, repr) rows."""
    lists = data.lists() if hasattr(data, "lists") else data.items()
    rows = []
    for key, values in sorted(lists, key=lambda kv: str(kv[0])):
        shown = values[0] if isinstance(values, list) and len(values) == 1 else values
        if masked and is_sensitive(key):
            shown = CLEANSED_SUBSTITUTE
        rows.append((str(key), safe_repr(shown)))
    return rows


def _parsed_rows(
    request: HttpRequest, attribute: str, masked: bool
) -> list[tuple[str, str]]:
    try:
        data = getattr(request, attribute)
    except Exception as exc:  # a malformed request is a likely cause of the error
        return [("<unreadable>", safe_repr(exc))]
    return _multi_items(data, masked)


def _request_info(request: HttpRequest) -> RequestInfo:
    return RequestInfo(
        method=str(request.method or ""),
        url=request_url(request),
        view=view_name(request),
        get=_parsed_rows(request, "GET", masked=False),
        post=_parsed_rows(request, "POST", masked=True),
        cookies=_parsed_rows(request, "COOKIES", masked=True),
        meta=[
            (str(k), safe_repr(cleanse_meta(str(k), v)))
            for k, v in sorted(request.META.items(), key=lambda kv: str(kv[0]))
        ],
    )


def _settings_rows() -> list[tuple[str, str]]:
    try:
        return [(k, safe_repr(v)) for k, v in get_safe_settings().items()]
    except Exception as exc:
        return [("<unavailable>", safe_repr(exc))]


def build_error_report(
    request: HttpRequest | None,
    exc_type: type[BaseException] | None,
    exc_value: BaseException | None,
    tb: TracebackType | None,
) -> ErrorReport:
    """Collect, mask and render to strings everything the 500 page shows."""
    return ErrorReport(
        exceptions=_exception_infos(exc_type, exc_value, tb),
        request=_request_info(request) if request is not None else None,
        settings=_settings_rows(),
    )


def _section(title: str, rows: Iterable[tuple[str, str]]) -> list[str]:
    rows = list(rows)
    lines = [f"{title}:"]
    lines += [f"  {name} = {value}" for name, value in rows] or ["  (none)"]
    return lines + [""]


_RELATION_TEXT = {
    "cause": "The exception above was directly caused by this exception:",
    "context": "The exception above was raised while handling this exception:",
}


def _frame_text(frame: FrameInfo, with_locals: bool) -> list[str]:
    lines = [
        f'  File "{frame.filename}", line {frame.lineno}, in {frame.function}',
        f"    {frame.context_line.strip()}",
    ]
    if with_locals and frame.variables:
        lines.append("    Local variables:")
        lines += [f"      {name} = {value}" for name, value in frame.variables]
    return lines


def _exception_text(info: ExceptionInfo, with_locals: bool = True) -> list[str]:
    lines = [_RELATION_TEXT[info.relation], ""] if info.relation else []
    lines.append("Traceback (most recent call last):")
    for frame in info.frames:
        lines += _frame_text(frame, with_locals)
    return lines + [f"{info.type_name}: {info.message}", ""]


def traceback_text(report: ErrorReport) -> str:
    """Render just the tracebacks, Python style, for copying into a bug report."""
    lines: list[str] = []
    for info in report.exceptions:
        lines += _exception_text(info, with_locals=False)
    return "\n".join(lines)


def report_text(report: ErrorReport) -> str:
    """Render ``report`` as plain text, for clients that do not accept HTML."""
    req = report.request
    lines = [f"{report.main.type_name} at {req.url if req else '(no request)'}"]
    lines += [report.main.message or "No exception message supplied", ""]
    if req is not None:
        lines += [f"Request Method: {req.method}", f"Request URL: {req.url}"]
        if req.view:
            lines.append(f"Raised during: {req.view}")
    lines += [
        f"Exception Location: {report.location}",
        f"Framework Version: {report.framework_version}",
        f"Python Version: {report.python_version}",
        f"Python Executable: {report.python_executable}",
        f"Server time: {report.server_time}",
        "",
    ]
    for info in report.exceptions:
        lines += _exception_text(info)
    if req is not None:
        lines += _section("GET", req.get) + _section("POST", req.post)
        lines += _section("COOKIES", req.cookies) + _section("META", req.meta)
    lines += _section("Settings", report.settings)
    lines.append(DEBUG_FOOTER)
    return "\n".join(lines) + "\n"
