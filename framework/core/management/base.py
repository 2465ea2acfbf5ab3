"""The base class of management commands and the pieces it is built from.

A command is a module ``<app>/management/commands/<name>.py`` defining a
``Command`` subclass of :class:`BaseCommand` that sets ``help``, adds its
arguments in :meth:`BaseCommand.add_arguments` and does its work in
:meth:`BaseCommand.handle`. Expected failures are raised as
:class:`CommandError`; they print as one line and set the exit status.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn, TextIO

from framework.conf import ENVIRONMENT_VARIABLE
from framework.core import checks
from framework.core.exceptions import ImproperlyConfigured
from framework.core.management.color import (
    Style,
    StyleFunc,
    color_style,
    no_style,
    supports_color,
)

__all__ = [
    "BaseCommand",
    "CommandError",
    "CommandParser",
    "OutputWrapper",
    "SystemCheckError",
    "handle_default_options",
]

ALL_CHECKS = "__all__"

# Headings for check output, most severe first.
_LEVEL_HEADINGS = (
    (checks.CRITICAL, "CRITICALS"),
    (checks.ERROR, "ERRORS"),
    (checks.WARNING, "WARNINGS"),
    (checks.INFO, "INFOS"),
    (checks.DEBUG, "DEBUGS"),
)


class CommandError(Exception):
    """An expected failure: printed as ``CommandError: message``, no traceback.

    ``returncode`` becomes the process exit status when run from the command
    line.
    """

    def __init__(self, *args: Any, returncode: int = 1) -> None:
        super().__init__(*args)
        self.returncode = returncode


class SystemCheckError(CommandError):
    """System checks found problems serious enough to stop the command."""


class CommandParser(argparse.ArgumentParser):
    """An ArgumentParser that raises CommandError instead of exiting in tests.

    From the command line, bad arguments print usage and exit with status 2 as
    usual; through :func:`call_command` they raise :class:`CommandError`.
    """

    def __init__(
        self,
        *,
        missing_args_message: str | None = None,
        called_from_command_line: bool = False,
        **kwargs: Any,
    ) -> None:
        self.missing_args_message = missing_args_message
        self.called_from_command_line = called_from_command_line
        super().__init__(**kwargs)

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: Any = None
    ) -> argparse.Namespace:
        given = list(sys.argv[1:] if args is None else args)
        # Only when nothing at all was given, so "--help" still works.
        if self.missing_args_message and not given:
            self.error(self.missing_args_message)
        parsed: argparse.Namespace = super().parse_args(given, namespace)
        return parsed

    def error(self, message: str) -> NoReturn:
        if self.called_from_command_line:
            super().error(message)
        raise CommandError(f"Error: {message}")


class OutputWrapper:
    """Wrap a text stream: add line endings and colour when it is a terminal."""

    def __init__(self, out: TextIO, ending: str = "\n") -> None:
        self._out = out
        self.ending = ending
        self._style_func: StyleFunc | None = None

    @property
    def style_func(self) -> StyleFunc | None:
        return self._style_func

    @style_func.setter
    def style_func(self, func: StyleFunc | None) -> None:
        # Only colour real terminals; piped output stays plain.
        self._style_func = func if func and self.isatty() else None

    def isatty(self) -> bool:
        return supports_color(self._out)

    def write(
        self,
        msg: str = "",
        style_func: StyleFunc | None = None,
        ending: str | None = None,
    ) -> None:
        """Write ``msg`` plus the line ending unless it already ends with it."""
        ending = self.ending if ending is None else ending
        if ending and not msg.endswith(ending):
            msg += ending
        func = style_func or self._style_func
        self._out.write(func(msg) if func else msg)

    def flush(self) -> None:
        if hasattr(self._out, "flush"):
            self._out.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._out, name)


def handle_default_options(options: argparse.Namespace) -> None:
    """Apply ``--settings`` and ``--pythonpath`` before settings are read."""
    if getattr(options, "settings", None):
        os.environ[ENVIRONMENT_VARIABLE] = options.settings
    if getattr(options, "pythonpath", None):
        sys.path.insert(0, options.pythonpath)


class BaseCommand:
    """Base of every management command.

    Subclasses set ``help``, override :meth:`add_arguments` and :meth:`handle`.
    ``requires_system_checks`` is a list of check tags to run first, or
    ``"__all__"``; ``requires_settings = False`` lets a command run without a
    project (``startproject``).
    """

    help = ""
    requires_system_checks: Sequence[str] | str = ALL_CHECKS
    requires_settings = True
    missing_args_message: str | None = None
    # Options call_command accepts that have no command-line flag.
    base_stealth_options: tuple[str, ...] = ("stderr", "stdout", "skip_checks")
    stealth_options: tuple[str, ...] = ()
    _called_from_command_line = False

    def __init__(
        self,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        no_color: bool = False,
    ) -> None:
        if not isinstance(self.requires_system_checks, list | tuple) and (
            self.requires_system_checks != ALL_CHECKS
        ):
            raise TypeError(
                f"{type(self).__name__}.requires_system_checks must be a list or "
                "tuple of check tags, or '__all__'."
            )
        self._set_streams(stdout, stderr, no_color)

    def _set_streams(
        self, stdout: TextIO | None, stderr: TextIO | None, no_color: bool
    ) -> None:
        self.stdout = OutputWrapper(stdout or sys.stdout)
        self.stderr = OutputWrapper(stderr or sys.stderr)
        colored = not no_color and supports_color(self.stdout)
        self.style: Style = color_style() if colored else no_style()
        if not no_color:
            self.stderr.style_func = color_style().ERROR

    def create_parser(
        self, prog_name: str, subcommand: str, **kwargs: Any
    ) -> CommandParser:
        """Build the parser: the command's own arguments, then the common ones."""
        parser = CommandParser(
            prog=f"{os.path.basename(prog_name)} {subcommand}".strip(),
            description=self.help or None,
            missing_args_message=self.missing_args_message,
            called_from_command_line=self._called_from_command_line,
            **kwargs,
        )
        self.add_arguments(parser)
        _add_common_arguments(parser, bool(self.requires_system_checks))
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        """Add this command's arguments; override in subclasses."""

    def print_help(self, prog_name: str, subcommand: str) -> None:
        """Print the help of this command."""
        self.create_parser(prog_name, subcommand).print_help(self.stdout)

    def run_from_argv(self, argv: list[str]) -> None:
        """Run from ``[prog_name, subcommand, *args]``; exit on expected errors."""
        self._called_from_command_line = True
        parser = self.create_parser(argv[0], argv[1])
        options = parser.parse_args(argv[2:])
        cmd_options = vars(options)
        args = cmd_options.pop("args", ())
        handle_default_options(options)
        try:
            self.execute(*args, **cmd_options)
        except (CommandError, ImproperlyConfigured) as exc:
            if options.traceback:
                raise
            # Check reports arrive styled line by line; other failures in red.
            plain = _identity if isinstance(exc, SystemCheckError) else None
            self.stderr.write(failure_line(exc), style_func=plain)
            sys.exit(getattr(exc, "returncode", 1))

    def execute(self, *args: Any, **options: Any) -> Any:
        """Set up output, run system checks if required, then :meth:`handle`."""
        if options.get("no_color") or options.get("stdout") or options.get("stderr"):
            self._set_streams(
                options.get("stdout"),
                options.get("stderr"),
                options.get("no_color", False),
            )
        if self.requires_system_checks and not options.get("skip_checks"):
            everything = self.requires_system_checks == ALL_CHECKS
            self.check(tags=None if everything else list(self.requires_system_checks))
        output = self.handle(*args, **options)
        if output:
            self.stdout.write(str(output))
        return output

    def handle(self, *args: Any, **options: Any) -> str | None:
        """Do the command's work; may return text to print."""
        raise NotImplementedError(
            f"{type(self).__module__}.Command must define a handle() method."
        )

    def check(
        self,
        app_configs: Sequence[Any] | None = None,
        tags: Sequence[str] | None = None,
        display_num_errors: bool = False,
        include_deployment_checks: bool = False,
        fail_level: int = checks.ERROR,
    ) -> None:
        """Run system checks; print what they find, raise on serious problems."""
        found = checks.run_checks(
            app_configs=app_configs,
            tags=tags,
            include_deployment_checks=include_deployment_checks,
            include_silenced=True,
        )
        silenced = checks.silenced_ids() if found else set()
        visible = [m for m in found if m.id not in silenced]
        serious = any(m.is_serious(fail_level) for m in visible)
        report = format_check_report(
            visible, len(found) - len(visible), self.style, display_num_errors
        )
        if serious:
            raise SystemCheckError(f"SystemCheckError: {report}")
        if visible:
            self.stderr.write(report, style_func=_identity)
        elif display_num_errors:
            self.stdout.write(report)


def _add_common_arguments(parser: CommandParser, with_checks: bool) -> None:
    group = parser.add_argument_group("common options")
    group.add_argument(
        "-v",
        "--verbosity",
        type=int,
        choices=[0, 1, 2, 3],
        default=1,
        help="Output detail: 0 quiet, 1 normal, 2 verbose, 3 very verbose.",
    )
    group.add_argument(
        "--settings",
        help="Settings module to use, e.g. 'mysite.settings' (otherwise "
        f"{ENVIRONMENT_VARIABLE} is used).",
    )
    group.add_argument(
        "--pythonpath", help="A folder to add to the Python path, e.g. '/home/me/site'."
    )
    group.add_argument(
        "--traceback", action="store_true", help="Show the traceback on errors."
    )
    group.add_argument(
        "--no-color", action="store_true", help="Do not colour the output."
    )
    if with_checks:
        group.add_argument(
            "--skip-checks", action="store_true", help="Skip the system checks."
        )


def failure_line(exc: BaseException) -> str:
    """Format an expected failure the way the command line prints it."""
    if isinstance(exc, SystemCheckError):
        return str(exc)
    if isinstance(exc, CommandError):
        return f"CommandError: {exc}"
    return f"Error: {exc}"


def format_check_report(
    messages: Sequence[checks.CheckMessage],
    silenced: int,
    style: Style,
    display_num_errors: bool,
) -> str:
    """Render check messages grouped by level, with the summary line."""
    if not messages:
        return f"System check identified no issues ({silenced} silenced)."
    lines = ["System check identified some issues:"]
    for level, heading in _LEVEL_HEADINGS:
        group = sorted((m for m in messages if _bucket(m.level) == level), key=str)
        if not group:
            continue
        paint = (
            style.ERROR
            if level >= checks.ERROR
            else (style.WARNING if level == checks.WARNING else _identity)
        )
        lines += ["", f"{heading}:", *(paint(str(m)) for m in group)]
    if display_num_errors:
        count = len(messages)
        issues = "issue" if count == 1 else "issues"
        lines += [
            "",
            f"System check identified {count} {issues} ({silenced} silenced).",
        ]
    return "\n".join(lines)


def _bucket(level: int) -> int:
    """Round a custom level down to the nearest named level."""
    for named, _ in _LEVEL_HEADINGS:
        if level >= named:
            return named
    return checks.DEBUG


def _identity(text: str) -> str:
    return text
