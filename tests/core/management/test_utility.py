"""The command-line front door (ManagementUtility), driven in subprocesses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import framework
from tests.core.management.cli import (
    add_installed_app,
    cli_env,
    make_plain_app,
    make_project,
    run_cli,
)

BUILTINS = (
    "check",
    "dbshell",
    "makemigrations",
    "migrate",
    "runserver",
    "shell",
    "showmigrations",
    "sqlmigrate",
    "startapp",
    "startproject",
)

HELLO = """
from framework.core.management import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Say hello from {label}."

    def add_arguments(self, parser):
        parser.add_argument("--fail", type=int, default=0)

    def handle(self, *args, **options):
        if options["fail"]:
            raise CommandError("it went wrong", returncode=options["fail"])
        self.stdout.write("hello from {label}")
"""


def _add_command(app: Path, name: str, source: str) -> None:
    folder = app / "management" / "commands"
    folder.mkdir(parents=True, exist_ok=True)
    for package in (app / "management", folder):
        (package / "__init__.py").touch()
    (folder / f"{name}.py").write_text(source)


@pytest.fixture(scope="module")
def tools_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with two apps whose commands override and shadow each other."""
    root = make_project(tmp_path_factory.mktemp("tools"))
    first = make_plain_app(root, "tools")
    second = make_plain_app(root, "extras")
    _add_command(first, "hello", HELLO.format(label="tools"))
    _add_command(second, "hello", HELLO.format(label="extras"))
    _add_command(second, "check", HELLO.format(label="extras check"))
    _add_command(second, "broken", "x = 1\n")
    add_installed_app(root, "extras")
    add_installed_app(root, "tools")  # inserted first, so listed before extras
    return root


def test_no_arguments_lists_commands_grouped_by_app(project: Path) -> None:
    result = run_cli("manage.py", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "Type 'manage.py help <subcommand>'" in result.stdout
    framework_block = result.stdout.split("[framework]")[1]
    for name in BUILTINS:
        assert f"    {name}\n" in framework_block + "\n"


@pytest.mark.parametrize("flag", ["help", "--help", "-h"])
def test_help_spellings(project: Path, flag: str) -> None:
    result = run_cli("manage.py", flag, cwd=project)
    assert result.returncode == 0
    assert "[framework]" in result.stdout


def test_help_for_one_command(project: Path) -> None:
    result = run_cli("manage.py", "help", "check", cwd=project)
    assert result.returncode == 0
    assert result.stdout.startswith("usage: manage.py check")
    assert "--deploy" in result.stdout
    assert "--settings" in result.stdout


def test_help_commands_lists_names_only(project: Path) -> None:
    result = run_cli("manage.py", "help", "--commands", cwd=project)
    assert result.stdout.split() == sorted(BUILTINS)


def test_command_dash_dash_help(project: Path) -> None:
    result = run_cli("manage.py", "startapp", "--help", cwd=project)
    assert result.returncode == 0
    assert "usage: manage.py startapp" in result.stdout


def test_unknown_command_suggests_close_match(project: Path) -> None:
    result = run_cli("manage.py", "chek", cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "Unknown command: 'chek'. Did you mean check?",
        "Type 'manage.py help' for usage.",
    ]


def test_unknown_command_without_close_match(project: Path) -> None:
    result = run_cli("manage.py", "xyzzy", cwd=project)
    assert result.returncode == 1
    assert "Unknown command: 'xyzzy'." in result.stderr
    assert "Did you mean" not in result.stderr


def test_version(tmp_path: Path) -> None:
    for flag in ("--version", "version"):
        result = run_cli("-m", "framework", flag, cwd=tmp_path)
        assert result.returncode == 0
        assert result.stdout.strip() == framework.__version__


def test_bad_settings_module_is_one_line(project: Path) -> None:
    result = run_cli("manage.py", "check", "--settings=nope.settings", cwd=project)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    assert "'nope.settings' could not be imported" in lines[0]
    assert "--settings" in lines[0]
    assert "FRAMEWORK_SETTINGS_MODULE" in lines[0]


def test_bad_settings_with_traceback_shows_it(project: Path) -> None:
    result = run_cli(
        "manage.py", "check", "--settings", "nope.settings", "--traceback", cwd=project
    )
    assert result.returncode == 1
    assert "Traceback" in result.stderr


def test_settings_option_is_applied_before_loading(project: Path) -> None:
    extra = project / "mysite" / "other_settings.py"
    extra.write_text("from mysite.settings import *\nROOT_URLCONF = 'missing.urls'\n")
    try:
        result = run_cli(
            "manage.py", "check", "--settings=mysite.other_settings", cwd=project
        )
    finally:
        extra.unlink()
    assert result.returncode == 1
    assert "urls.E001" in result.stderr


def test_pythonpath_and_settings_from_elsewhere(project: Path, tmp_path: Path) -> None:
    result = run_cli(
        "-m",
        "framework",
        "check",
        f"--pythonpath={project}",
        "--settings=mysite.settings",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_no_settings_commands_needing_them_fail_in_one_line(tmp_path: Path) -> None:
    result = run_cli("-m", "framework", "check", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "FRAMEWORK_SETTINGS_MODULE" in lines[0]


def test_help_without_settings_lists_builtins_with_a_note(tmp_path: Path) -> None:
    result = run_cli("-m", "framework", "help", cwd=tmp_path)
    assert result.returncode == 0
    assert "Type 'python -m framework help <subcommand>'" in result.stdout
    assert "[framework]" in result.stdout
    assert "settings could not be loaded" in result.stdout


def test_help_for_a_command_needs_no_settings(tmp_path: Path) -> None:
    result = run_cli("-m", "framework", "help", "runserver", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: python -m framework runserver")


def test_console_script_runs(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "framework-admin"
    if not script.exists():
        pytest.skip("framework-admin is not installed in this environment")
    result = subprocess.run(
        [str(script), "--version"],
        cwd=tmp_path,
        env=cli_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout.strip() == framework.__version__


def test_missing_installed_app_is_one_line(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    add_installed_app(root, "not_there")
    result = run_cli("manage.py", "check", cwd=root)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "not_there" in lines[0]


def test_app_commands_are_listed_under_their_app(tools_project: Path) -> None:
    result = run_cli("manage.py", "help", cwd=tools_project)
    assert "[tools]\n    hello" in result.stdout
    assert "[extras]\n    broken\n    check" in result.stdout
    framework_block = result.stdout.split("[framework]")[1].split("[")[0]
    assert "check" not in framework_block


def test_first_installed_app_wins(tools_project: Path) -> None:
    result = run_cli("manage.py", "hello", cwd=tools_project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "hello from tools"


def test_app_overrides_builtin(tools_project: Path) -> None:
    result = run_cli("manage.py", "check", cwd=tools_project)
    assert result.stdout.strip() == "hello from extras check"


def test_command_error_is_one_line_with_returncode(tools_project: Path) -> None:
    result = run_cli("manage.py", "hello", "--fail", "3", cwd=tools_project)
    assert result.returncode == 3
    assert result.stderr.strip() == "CommandError: it went wrong"


def test_command_error_with_traceback(tools_project: Path) -> None:
    result = run_cli(
        "manage.py", "hello", "--fail", "3", "--traceback", cwd=tools_project
    )
    assert result.returncode == 1
    assert "Traceback" in result.stderr


def test_module_without_command_class(tools_project: Path) -> None:
    result = run_cli("manage.py", "broken", cwd=tools_project)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("CommandError: extras.management")
    assert "Traceback" not in result.stderr
