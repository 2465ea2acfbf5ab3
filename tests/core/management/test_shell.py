"""The ``shell`` command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from framework.core.management import call_command
from tests.core.management.cli import cli_env, run_cli


def test_command_option_runs_code_with_settings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    call_command("shell", command="print(settings.SETTINGS_MODULE, apps.ready)")
    assert capsys.readouterr().out == "tests.settings True\n"


def test_command_errors_propagate() -> None:
    with pytest.raises(ZeroDivisionError):
        call_command("shell", command="1 / 0")


def test_shell_in_a_project(project: Path) -> None:
    code = "from framework.conf import settings; print(settings.ROOT_URLCONF)"
    result = run_cli("manage.py", "shell", "-c", code, cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "mysite.urls"


def test_piped_stdin_runs_as_a_script(project: Path) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "shell"],
        cwd=project,
        env=cli_env(),
        input="print(40 + 2)\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "42"
