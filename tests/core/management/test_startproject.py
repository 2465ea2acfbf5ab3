"""``startproject`` end to end: run the CLI as a user would, inspect the result."""

from __future__ import annotations

import json
import os
import py_compile
import re
import stat
from pathlib import Path
from typing import Any

import pytest

from tests.core.management.cli import cli_env, make_project, run_cli

PROJECT_FILES = {
    "manage.py",
    "pytest.ini",
    "mysite/__init__.py",
    "mysite/settings.py",
    "mysite/urls.py",
    "mysite/wsgi.py",
    "mysite/asgi.py",
}


def _files(root: Path) -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def _settings(root: Path, **env: str) -> dict[str, Any]:
    """Import the generated settings in a subprocess and return them as JSON."""
    code = (
        "import json, mysite.settings as s; "
        "print(json.dumps({k: v for k, v in vars(s).items() if k.isupper()}, "
        "default=str))"
    )
    result = run_cli("-c", code, cwd=root, env=cli_env(**env))
    assert result.returncode == 0, result.stderr
    values: dict[str, Any] = json.loads(result.stdout)
    return values


def test_writes_the_project_files(project: Path) -> None:
    assert PROJECT_FILES <= _files(project)
    assert not any(name.endswith("-tpl") for name in _files(project))


def test_manage_py_is_executable(project: Path) -> None:
    mode = (project / "manage.py").stat().st_mode
    assert mode & stat.S_IXUSR


def test_generated_python_files_compile(project: Path, tmp_path: Path) -> None:
    for path in project.rglob("*.py"):
        py_compile.compile(str(path), cfile=str(tmp_path / "x.pyc"), doraise=True)


def test_templates_keep_trailing_newline(project: Path) -> None:
    assert (project / "mysite" / "settings.py").read_text().endswith("\n")


def test_settings_values(project: Path) -> None:
    values = _settings(project)
    base_dir = str(project.resolve())
    assert values["BASE_DIR"] == base_dir
    assert values["ROOT_URLCONF"] == "mysite.urls"
    assert values["INSTALLED_APPS"] == ["framework.contrib.staticfiles"]
    assert values["MIDDLEWARE"] == ["framework.middleware.common.CommonMiddleware"]
    assert values["WSGI_APPLICATION"] == "mysite.wsgi.application"
    assert values["ASGI_APPLICATION"] == "mysite.asgi.application"
    assert values["DEFAULT_AUTO_FIELD"] == "framework.db.models.BigAutoField"
    assert values["TEMPLATES"] == [
        {
            "BACKEND": "framework.template.backends.jinja2.Jinja2",
            "DIRS": [f"{base_dir}/templates"],
            "APP_DIRS": True,
            "OPTIONS": {
                "context_processors": ["framework.template.context_processors.request"]
            },
        }
    ]
    assert (values["STATIC_URL"], values["TIME_ZONE"], values["USE_TZ"]) == (
        "static/",
        "UTC",
        True,
    )
    assert values["LANGUAGE_CODE"] == "en-us"


def test_settings_defaults_for_development(project: Path) -> None:
    values = _settings(project)
    assert values["DEBUG"] is True
    assert values["ALLOWED_HOSTS"] == []
    key = values["SECRET_KEY"]
    assert key.startswith("framework-insecure-")
    assert len(key.removeprefix("framework-insecure-")) == 50
    database = values["DATABASES"]["default"]
    assert database["ENGINE"] == "framework.db.backends.sqlite3"
    assert database["NAME"] == str(project.resolve() / "db.sqlite3")


def test_settings_read_the_environment(project: Path) -> None:
    values = _settings(
        project,
        DEBUG="off",
        SECRET_KEY="from-env",
        ALLOWED_HOSTS="example.com, www.example.com",
        DATABASE_URL="postgres://u:p@db:5432/app",
    )
    assert values["DEBUG"] is False
    assert values["SECRET_KEY"] == "from-env"
    assert values["ALLOWED_HOSTS"] == ["example.com", "www.example.com"]
    assert values["DATABASES"]["default"]["ENGINE"] == (
        "framework.db.backends.postgresql"
    )
    assert values["DATABASES"]["default"]["HOST"] == "db"


def test_bad_debug_value_is_one_line_error(project: Path) -> None:
    result = run_cli("manage.py", "check", cwd=project, env=cli_env(DEBUG="maybe"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "DEBUG" in result.stderr


def test_each_project_gets_its_own_secret_key(tmp_path: Path) -> None:
    first = make_project(tmp_path, "first")
    second = make_project(tmp_path, "second")
    pattern = re.compile(r'"framework-insecure-(.{50})"')
    keys = [
        pattern.search((root / root.name / "settings.py").read_text())
        for root in (first, second)
    ]
    assert all(keys)
    assert keys[0] and keys[1] and keys[0].group(1) != keys[1].group(1)


def test_check_passes_on_a_fresh_project(project: Path) -> None:
    result = run_cli("manage.py", "check", cwd=project)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_with_app_label(project: Path) -> None:
    result = run_cli("manage.py", "check", "staticfiles", cwd=project)
    assert result.returncode == 0, result.stderr
    result = run_cli("manage.py", "check", "blog", cwd=project)
    assert result.returncode == 1
    assert "No installed app with label 'blog'" in result.stderr


def test_wsgi_and_asgi_modules_build_applications(project: Path) -> None:
    code = (
        "import mysite.wsgi, mysite.asgi; "
        "print(callable(mysite.wsgi.application), callable(mysite.asgi.application))"
    )
    result = run_cli("-c", code, cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True True"


def test_into_existing_directory(tmp_path: Path) -> None:
    target = tmp_path / "here"
    target.mkdir()
    result = run_cli("-m", "framework", "startproject", "mysite", "here", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert PROJECT_FILES <= _files(target)


def test_creates_missing_directory(tmp_path: Path) -> None:
    result = run_cli(
        "-m", "framework", "startproject", "mysite", "new/nested", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert PROJECT_FILES <= _files(tmp_path / "new" / "nested")


def test_refuses_to_overwrite_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "mysite").mkdir()
    (tmp_path / "mysite" / "urls.py").write_text("# mine\n")
    result = run_cli("-m", "framework", "startproject", "mysite", ".", cwd=tmp_path)
    assert result.returncode == 1
    assert "Refusing to overwrite" in result.stderr
    assert (tmp_path / "mysite" / "urls.py").read_text() == "# mine\n"
    assert not (tmp_path / "manage.py").exists()


def test_existing_default_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "mysite").mkdir()
    result = run_cli("-m", "framework", "startproject", "mysite", cwd=tmp_path)
    assert result.returncode == 1
    assert "already exists" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("test", "conflicts with the name of an existing Python module"),
        ("json", "conflicts with the name of an existing Python module"),
        ("os", "conflicts with the name of an existing Python module"),
        ("framework", "conflicts with the name of an existing Python module"),
        ("class", "is a Python keyword"),
        ("my-site", "use only letters, digits and underscores"),
        ("1site", "use only letters, digits and underscores"),
    ],
)
def test_bad_names_are_one_line_errors(tmp_path: Path, name: str, reason: str) -> None:
    result = run_cli("-m", "framework", "startproject", name, cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("CommandError: ")
    assert reason in lines[0]
    assert "choose another name such as mysite" in lines[0].lower()
    assert os.listdir(tmp_path) == []


def test_missing_name_explains_usage(tmp_path: Path) -> None:
    result = run_cli("-m", "framework", "startproject", cwd=tmp_path)
    assert result.returncode != 0
    assert "startproject mysite" in result.stderr


@pytest.mark.slow
def test_generated_project_passes_pytest(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    assert run_cli("manage.py", "startapp", "blog", cwd=root).returncode == 0
    result = run_cli("-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout
