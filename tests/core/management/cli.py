"""Helpers for driving the command line in subprocesses, as users do."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from framework.conf import ENVIRONMENT_VARIABLE


def cli_env(**extra: str) -> dict[str, str]:
    """Return an environment without the test suite's settings module."""
    env = {k: v for k, v in os.environ.items() if k != ENVIRONMENT_VARIABLE}
    env.update(NO_COLOR="1", PYTHONDONTWRITEBYTECODE="1", **extra)
    return env


def run_cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run ``python ARGS`` in ``cwd`` and capture its output."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=env or cli_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def make_project(folder: Path, name: str = "mysite") -> Path:
    """Scaffold a project in ``folder`` and return the folder holding manage.py."""
    result = run_cli("-m", "framework", "startproject", name, cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder / name


def add_installed_app(root: Path, app: str, project_name: str = "mysite") -> None:
    """Append ``app`` to INSTALLED_APPS of a scaffolded project."""
    settings_file = root / project_name / "settings.py"
    text = settings_file.read_text()
    marker = '    "framework.contrib.staticfiles",\n'
    assert marker in text
    settings_file.write_text(text.replace(marker, marker + f'    "{app}",\n'))


def make_plain_app(root: Path, name: str) -> Path:
    """Create a minimal app package (no models module) under ``root``."""
    package = root / name
    package.mkdir()
    (package / "__init__.py").write_text("")
    return package
