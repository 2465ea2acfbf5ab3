"""``startapp`` end to end, run from a scaffolded project's manage.py."""

from __future__ import annotations

import py_compile
from pathlib import Path

import pytest

from tests.core.management.cli import make_project, run_cli

APP_FILES = {
    "__init__.py",
    "admin.py",
    "apps.py",
    "models.py",
    "tests.py",
    "views.py",
    "migrations/__init__.py",
}


def _files(root: Path) -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_writes_the_app_files(project: Path) -> None:
    assert _files(project / "blog") == APP_FILES


def test_app_files_compile(project: Path, tmp_path: Path) -> None:
    for path in (project / "blog").rglob("*.py"):
        py_compile.compile(str(path), cfile=str(tmp_path / "x.pyc"), doraise=True)


def test_apps_py_names_the_app(project: Path) -> None:
    code = (
        "from blog.apps import BlogConfig; "
        "print(BlogConfig.name, BlogConfig.default_auto_field)"
    )
    result = run_cli("-c", code, cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["blog", "framework.db.models.BigAutoField"]


def test_camel_case_config_name(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    assert run_cli("manage.py", "startapp", "blog_posts", cwd=root).returncode == 0
    assert (
        "class BlogPostsConfig(AppConfig):"
        in (root / "blog_posts" / "apps.py").read_text()
    )


def test_into_given_directory(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    result = run_cli("manage.py", "startapp", "shop", "apps/shop", cwd=root)
    assert result.returncode == 0, result.stderr
    assert _files(root / "apps" / "shop") == APP_FILES


def test_works_without_a_project(tmp_path: Path) -> None:
    result = run_cli("-m", "framework", "startapp", "blog", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert _files(tmp_path / "blog") == APP_FILES


def test_existing_app_folder_is_refused(project: Path) -> None:
    result = run_cli("manage.py", "startapp", "blog", cwd=project)
    assert result.returncode == 1
    assert "already exists" in result.stderr
    assert "Traceback" not in result.stderr


def test_project_name_is_refused_as_app_name(project: Path) -> None:
    result = run_cli("manage.py", "startapp", "mysite", "elsewhere", cwd=project)
    assert result.returncode == 1
    assert "conflicts with the name of an existing Python module" in result.stderr
    assert not (project / "elsewhere").exists()


@pytest.mark.parametrize("name", ["json", "test", "def", "bad-name"])
def test_bad_names_are_one_line_errors(project: Path, name: str) -> None:
    result = run_cli("manage.py", "startapp", name, cwd=project)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Choose another name such as blog." in lines[0]
    assert not (project / name).exists()
