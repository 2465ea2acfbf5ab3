"""Tests for framework.core.management.base and call_command, in process."""

from __future__ import annotations

import io
from typing import Any

import pytest

from framework.core import checks
from framework.core.exceptions import ImproperlyConfigured
from framework.core.management import (
    BaseCommand,
    CommandError,
    CommandParser,
    OutputWrapper,
    SystemCheckError,
    call_command,
)
from framework.core.management.color import color_style


class _TTY(io.StringIO):
    def isatty(self) -> bool:
        return True


class Greet(BaseCommand):
    help = "Greet someone."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name")
        parser.add_argument("--shout", action="store_true")
        parser.add_argument("--times", type=int, default=1)

    def handle(self, *args: Any, **options: Any) -> str:
        text = f"hello {options['name']}"
        text = text.upper() if options["shout"] else text
        return "\n".join([text] * options["times"])


class NeedsOption(BaseCommand):
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--level", required=True)

    def handle(self, *args: Any, **options: Any) -> str:
        return f"level={options['level']}"


class Checked(BaseCommand):
    """Runs all system checks before handle() (the default)."""

    ran = False

    def handle(self, *args: Any, **options: Any) -> None:
        Checked.ran = True


class Failing(BaseCommand):
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        raise CommandError("nope", returncode=4)


class Misconfigured(BaseCommand):
    requires_system_checks: list[str] = []

    def handle(self, *args: Any, **options: Any) -> None:
        raise ImproperlyConfigured("Set FOO in settings.")


def test_call_command_parses_positional_and_keyword_options() -> None:
    out = io.StringIO()
    result = call_command(Greet(), "ann", shout=True, times=2, stdout=out)
    assert result == "HELLO ANN\nHELLO ANN"
    assert out.getvalue() == "HELLO ANN\nHELLO ANN\n"


def test_call_command_accepts_flags_in_args() -> None:
    out = io.StringIO()
    call_command(Greet(), "bob", "--times=3", stdout=out)
    assert out.getvalue().count("hello bob") == 3


def test_call_command_by_name() -> None:
    out = io.StringIO()
    call_command("check", stdout=out)
    assert "System check identified" in out.getvalue()


def test_call_command_unknown_name() -> None:
    with pytest.raises(CommandError, match="Unknown command: 'nope'"):
        call_command("nope")


def test_call_command_rejects_unknown_options() -> None:
    with pytest.raises(
        TypeError, match="Unknown option\\(s\\) for the test_base command: colour"
    ):
        call_command(Greet(), "x", colour=True)


def test_call_command_required_option_as_keyword() -> None:
    assert call_command(NeedsOption(), level="high") == "level=high"


def test_call_command_bad_arguments_raise_command_error() -> None:
    with pytest.raises(CommandError, match="Error: .*required"):
        call_command(Greet())


def test_call_command_skips_checks_unless_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(**kwargs: Any) -> list[checks.CheckMessage]:
        return [checks.Error("Broken.", id="test.E001")]

    monkeypatch.setattr(checks.registry, "registered_checks", {broken: frozenset()})
    Checked.ran = False
    call_command(Checked())
    assert Checked.ran
    Checked.ran = False
    with pytest.raises(SystemCheckError, match="test.E001: Broken."):
        call_command(Checked(), skip_checks=False)
    assert not Checked.ran


def test_warnings_from_checks_print_but_do_not_abort(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def warns(**kwargs: Any) -> list[checks.CheckMessage]:
        return [checks.Warning("Hmm.", id="test.W001")]

    monkeypatch.setattr(checks.registry, "registered_checks", {warns: frozenset()})
    err = io.StringIO()
    call_command(Checked(), skip_checks=False, stderr=err)
    assert "WARNINGS:\ntest.W001: Hmm." in err.getvalue()


def test_requires_system_checks_must_be_list_or_all() -> None:
    class Bad(BaseCommand):
        requires_system_checks = "urls"

    with pytest.raises(TypeError, match="requires_system_checks"):
        Bad()


def test_run_from_argv_command_error_is_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as info:
        Failing().run_from_argv(["manage.py", "failing"])
    assert info.value.code == 4
    assert capsys.readouterr().err == "CommandError: nope\n"


def test_run_from_argv_improperly_configured_is_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as info:
        Misconfigured().run_from_argv(["manage.py", "misconfigured"])
    assert info.value.code == 1
    assert capsys.readouterr().err == "Error: Set FOO in settings.\n"


def test_run_from_argv_traceback_reraises() -> None:
    with pytest.raises(CommandError, match="nope"):
        Failing().run_from_argv(["manage.py", "failing", "--traceback"])


def test_run_from_argv_bad_arguments_exit_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as info:
        Greet().run_from_argv(["manage.py", "greet", "--times=x"])
    assert info.value.code == 2
    assert "usage: manage.py greet" in capsys.readouterr().err


def test_parser_has_common_options() -> None:
    parser = Greet().create_parser("manage.py", "greet")
    options = parser.parse_args(["x", "-v", "2", "--no-color", "--traceback"])
    assert options.verbosity == 2
    assert options.no_color and options.traceback
    assert options.settings is None and options.pythonpath is None
    assert parser.prog == "manage.py greet"


def test_skip_checks_option_only_when_checks_are_required() -> None:
    with_checks = Checked().create_parser("m", "c").parse_args(["--skip-checks"])
    assert with_checks.skip_checks
    with pytest.raises(CommandError):
        Greet().create_parser("m", "g").parse_args(["x", "--skip-checks"])


def test_output_wrapper_adds_ending_once() -> None:
    out = io.StringIO()
    wrapper = OutputWrapper(out)
    wrapper.write("a")
    wrapper.write("b\n")
    wrapper.write("c", ending="")
    assert out.getvalue() == "a\nb\nc"


def test_output_wrapper_colours_only_terminals(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    plain, tty = io.StringIO(), _TTY()
    for stream in (plain, tty):
        wrapper = OutputWrapper(stream)
        wrapper.style_func = color_style().ERROR
        wrapper.write("x")
    assert plain.getvalue() == "x\n"
    assert tty.getvalue() == "\x1b[1;31mx\n\x1b[0m"


def test_no_color_env_disables_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    command = BaseCommand(stdout=_TTY(), stderr=_TTY())
    assert command.style.SUCCESS("ok") == "ok"
    assert command.stderr.style_func is None


def test_tty_gets_coloured_style(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    command = BaseCommand(stdout=_TTY(), stderr=_TTY())
    assert command.style.SUCCESS("ok") == "\x1b[1;32mok\x1b[0m"
    assert BaseCommand(stdout=_TTY(), no_color=True).style.SUCCESS("ok") == "ok"
    assert BaseCommand(stdout=io.StringIO()).style.SUCCESS("ok") == "ok"


def test_handle_must_be_overridden() -> None:
    with pytest.raises(NotImplementedError):
        call_command(BaseCommand())
