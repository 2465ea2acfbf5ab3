"""Fixtures for the management tests: a scaffolded project built once per module."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.management.cli import make_project, run_cli


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A scaffolded project with a 'blog' app, shared by a module's tests.

    Tests must not modify it; those that do scaffold their own.
    """
    root = make_project(tmp_path_factory.mktemp("scaffold"))
    result = run_cli("manage.py", "startapp", "blog", cwd=root)
    assert result.returncode == 0, result.stderr
    return root
