"""Run management commands: ``framework-admin``, ``manage.py`` and ``call_command``.

Commands come from ``framework/core/management/commands`` and from each
installed app's ``management/commands`` folder; an app's command replaces a
built-in one of the same name, and the first app in ``INSTALLED_APPS`` wins.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

import framework
from framework.apps import apps
from framework.core.exceptions import ImproperlyConfigured
from framework.core.management.base import (
    BaseCommand,
    CommandError,
    CommandParser,
    OutputWrapper,
    SystemCheckError,
    failure_line,
    handle_default_options,
)

__all__ = [
    "BaseCommand",
    "CommandError",
    "CommandParser",
    "ManagementUtility",
    "OutputWrapper",
    "SystemCheckError",
    "call_command",
    "execute_from_command_line",
    "get_commands",
    "load_command_class",
]

_BUILTIN_APP = "framework.core"
_BUILTIN_DIR = Path(__file__).resolve().parent / "commands"


def find_commands(directory: Path) -> list[str]:
    """Return the command names (module names without ``_``) in ``directory``."""
    return sorted(
        info.name
        for info in pkgutil.iter_modules([str(directory)])
        if not info.ispkg and not info.name.startswith("_")
    )


def get_commands(include_apps: bool = True) -> dict[str, str]:
    """Map each command name to the app package that provides it.

    App commands are only included once the app registry is loaded.
    """
    commands = dict.fromkeys(find_commands(_BUILTIN_DIR), _BUILTIN_APP)
    if include_apps and apps.apps_ready:
        # Walk backwards so the first app in INSTALLED_APPS has the last word.
        for config in reversed(apps.get_app_configs()):
            folder = Path(config.path) / "management" / "commands"
            commands.update(dict.fromkeys(find_commands(folder), config.name))
    return commands


def load_command_class(app_name: str, name: str) -> BaseCommand:
    """Import ``<app_name>.management.commands.<name>`` and build its Command."""
    module = importlib.import_module(f"{app_name}.management.commands.{name}")
    command_class = getattr(module, "Command", None)
    if not (isinstance(command_class, type) and issubclass(command_class, BaseCommand)):
        raise CommandError(
            f"{module.__name__} must define a class named Command that subclasses "
            "framework.core.management.BaseCommand."
        )
    return command_class()


def call_command(command_name: str | BaseCommand, *args: Any, **options: Any) -> Any:
    """Run a command from Python code, as tests and scripts do.

    Positional ``args`` are parsed like command-line arguments; keyword
    ``options`` use the option's destination name (``fail_level``, not
    ``--fail-level``). System checks are skipped unless ``skip_checks=False``.
    Errors raise :class:`CommandError` instead of exiting.
    """
    command, name = _resolve_command(command_name)
    parser = command.create_parser("", name)
    dests = {action.dest: action for action in parser._actions}
    _reject_unknown_options(command, name, options, dests)
    argv = [str(arg) for arg in args] + _required_options(options, dests)
    defaults = vars(parser.parse_args(argv))
    defaults.update(options)
    # Tests call commands many times; checks run only when asked for.
    defaults["skip_checks"] = options.get("skip_checks", True)
    positional = defaults.pop("args", ())
    return command.execute(*positional, **defaults)


def _resolve_command(command_name: str | BaseCommand) -> tuple[BaseCommand, str]:
    if isinstance(command_name, BaseCommand):
        return command_name, type(command_name).__module__.rpartition(".")[2]
    commands = get_commands()
    try:
        app_name = commands[command_name]
    except KeyError:
        raise CommandError(f"Unknown command: {command_name!r}") from None
    return load_command_class(app_name, command_name), command_name


def _reject_unknown_options(
    command: BaseCommand,
    name: str,
    options: dict[str, Any],
    dests: dict[str, argparse.Action],
) -> None:
    valid = (
        set(dests) | set(command.base_stealth_options) | set(command.stealth_options)
    )
    unknown = sorted(set(options) - valid)
    if unknown:
        raise TypeError(
            f"Unknown option(s) for the {name} command: {', '.join(unknown)}. "
            f"Valid options are: {', '.join(sorted(valid - {'help'}))}."
        )


def _required_options(
    options: dict[str, Any], dests: dict[str, argparse.Action]
) -> list[str]:
    """Turn required options given as keywords into flags so parsing succeeds."""
    argv: list[str] = []
    for dest, value in options.items():
        action = dests.get(dest)
        if action is not None and action.required and action.option_strings:
            argv.append(f"{min(action.option_strings)}={value}")
    return argv


class ManagementUtility:
    """The command-line front door: pick the subcommand, set up, run it."""

    def __init__(self, argv: Sequence[str] | None = None) -> None:
        self.argv = list(sys.argv if argv is None else argv)
        self.prog_name = _prog_name(self.argv[0] if self.argv else "framework-admin")
        self.stdout = OutputWrapper(sys.stdout)
        self.stderr = OutputWrapper(sys.stderr)
        self._traceback = False

    def execute(self) -> None:
        """Parse global options, load settings and dispatch to the subcommand."""
        subcommand = self.argv[1] if len(self.argv) > 1 else "help"
        options = _parse_global_options(self.argv[2:])
        handle_default_options(options)
        self._traceback = bool(options.traceback)
        settings_error = _setup()
        if subcommand == "help":
            self._help(options.args, "--commands" in self.argv[2:], settings_error)
        elif subcommand in ("--version", "version"):
            self.stdout.write(framework.__version__)
        elif subcommand in ("--help", "-h"):
            self.stdout.write(self.main_help_text(settings_error))
        else:
            command = self.fetch_command(subcommand, settings_error)
            command.run_from_argv([self.prog_name, *self.argv[1:]])

    def fetch_command(
        self,
        subcommand: str,
        settings_error: Exception | None = None,
        need_settings: bool = True,
    ) -> BaseCommand:
        """Return the command called ``subcommand``; exit 1 if there is none.

        Also exit when the command needs settings that could not be loaded,
        unless ``need_settings`` is false (showing its help needs none).
        """
        commands = get_commands(include_apps=settings_error is None)
        app_name = commands.get(subcommand)
        if app_name is None:
            self._unknown_command(subcommand, commands, settings_error)
        try:
            command = load_command_class(app_name, subcommand)
        except CommandError as exc:
            self._fail(failure_line(exc), exc)
        if need_settings and command.requires_settings and settings_error:
            self._fail(failure_line(settings_error), settings_error)
        return command

    def main_help_text(self, settings_error: Exception | None = None) -> str:
        """Return the usage text listing every command, grouped by app."""
        groups: dict[str, list[str]] = {}
        for name, app_name in get_commands(settings_error is None).items():
            groups.setdefault(_group_label(app_name), []).append(name)
        lines = [
            f"Type '{self.prog_name} help <subcommand>' for help on a specific "
            "subcommand.",
            "",
            "Available subcommands:",
        ]
        for label in sorted(groups):
            lines += ["", f"[{label}]", *(f"    {n}" for n in sorted(groups[label]))]
        if settings_error is not None:
            lines += [
                "",
                "Note: only the framework's own commands are listed, because "
                f"settings could not be loaded ({settings_error}).",
            ]
        return "\n".join(lines)

    def _help(
        self, names: list[str], list_only: bool, settings_error: Exception | None
    ) -> None:
        if list_only:
            self.stdout.write("\n".join(sorted(get_commands(settings_error is None))))
        elif names:
            command = self.fetch_command(names[0], settings_error, need_settings=False)
            command.print_help(self.prog_name, names[0])
        else:
            self.stdout.write(self.main_help_text(settings_error))

    def _unknown_command(
        self,
        subcommand: str,
        commands: dict[str, str],
        settings_error: Exception | None,
    ) -> NoReturn:
        line = f"Unknown command: {subcommand!r}."
        close = difflib.get_close_matches(subcommand, list(commands), n=1)
        if close:
            line += f" Did you mean {close[0]}?"
        lines = [line, f"Type '{self.prog_name} help' for usage."]
        if settings_error is not None:
            lines.append(
                f"(App commands are unavailable: {failure_line(settings_error)})"
            )
        self._fail("\n".join(lines))

    def _fail(self, text: str, exc: Exception | None = None) -> NoReturn:
        if exc is not None and self._traceback:
            raise exc
        self.stderr.write(text)
        sys.exit(1)


def _prog_name(argv0: str) -> str:
    name = os.path.basename(argv0)
    return "python -m framework" if name == "__main__.py" else name


def _parse_global_options(args: list[str]) -> argparse.Namespace:
    """Read --settings, --pythonpath and --traceback wherever they appear."""
    parser = CommandParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--settings")
    parser.add_argument("--pythonpath")
    parser.add_argument("--traceback", action="store_true")
    parser.add_argument("args", nargs="*")
    try:
        options, _ = parser.parse_known_args(args)
    except CommandError:
        # The command's own parser reports bad arguments properly later.
        options = argparse.Namespace(settings=None, pythonpath=None, traceback=False)
    return options


def _setup() -> ImproperlyConfigured | None:
    """Load settings and apps; return the configuration error instead of raising.

    Commands that need no project (``startproject``, ``help``) still run when
    settings are missing or broken; the others report the error.
    """
    try:
        framework.setup()
    except ImproperlyConfigured as exc:
        return exc
    return None


def _group_label(app_name: str) -> str:
    return "framework" if app_name == _BUILTIN_APP else app_name.rpartition(".")[2]


def execute_from_command_line(argv: Sequence[str] | None = None) -> None:
    """Run the command named on the command line (the ``framework-admin`` script)."""
    ManagementUtility(argv).execute()
