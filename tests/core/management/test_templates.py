"""Tests for framework.core.management.templates (scaffold rendering), in process."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from framework.core.management import CommandError
from framework.core.management.templates import (
    app_context,
    find_template_dir,
    get_random_secret_key,
    plan_scaffold,
    project_context,
    resolve_target,
    validate_name,
    write_scaffold,
)


@pytest.mark.parametrize("name", ["mysite", "blog_posts", "Shop2", "_private"])
def test_valid_names_pass(name: str) -> None:
    validate_name(name, "project")


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("json", "existing Python module"),
        ("test", "existing Python module"),
        ("framework", "existing Python module"),
        ("jinja2", "existing Python module"),
        ("winreg", "existing Python module"),  # stdlib on another platform
        ("import", "Python keyword"),
        ("my site", "letters, digits and underscores"),
        ("", "letters, digits and underscores"),
    ],
)
def test_invalid_names(name: str, fragment: str) -> None:
    with pytest.raises(CommandError) as info:
        validate_name(name, "app")
    message = str(info.value)
    assert fragment in message
    assert "an app name" in message
    assert message.endswith("Choose another name such as blog.")
    assert "\n" not in message


def test_suggestion_differs_from_the_refused_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mysite.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(CommandError, match="such as my_mysite"):
        validate_name("mysite", "project")


def test_empty_folder_in_working_directory_is_not_a_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mysite").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    validate_name("mysite", "project")


def test_find_template_dirs() -> None:
    assert (find_template_dir("project_template") / "manage.py-tpl").is_file()
    assert (find_template_dir("app_template") / "apps.py-tpl").is_file()
    with pytest.raises(CommandError, match="Reinstall"):
        find_template_dir("nothing_template")


def test_random_secret_key() -> None:
    key = get_random_secret_key()
    assert len(key) == 50
    assert not set(key) & set("'\"\\{}")
    assert key != get_random_secret_key()


def test_contexts() -> None:
    project = project_context("mysite")
    assert project["project_name"] == "mysite"
    assert len(project["secret_key"]) == 50
    app = app_context("blog_posts")
    assert app["camel_case_app_name"] == "BlogPosts"
    assert app["framework_version"]


def test_resolve_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert resolve_target("mysite", None) == tmp_path / "mysite"
    assert resolve_target("mysite", "out") == (tmp_path / "out").resolve()
    (tmp_path / "mysite").mkdir()
    with pytest.raises(CommandError, match="already exists"):
        resolve_target("mysite", None)
    (tmp_path / "file").write_text("")
    with pytest.raises(CommandError, match="not a folder"):
        resolve_target("mysite", "file")


@pytest.fixture
def template_dir(tmp_path: Path) -> Path:
    source = tmp_path / "tpl"
    (source / "project_name").mkdir(parents=True)
    (source / "project_name" / "conf.py-tpl").write_text(
        "NAME = '{{ project_name }}'\n"
    )
    (source / "raw.txt").write_text("{{ not rendered }}")
    (source / "run.sh-tpl").write_text("echo {{ project_name }}")
    os.chmod(source / "run.sh-tpl", 0o755)
    (source / "__pycache__").mkdir()
    (source / "__pycache__" / "x.pyc").write_bytes(b"\0")
    return source


def test_scaffold_renders_renames_and_copies(
    template_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out"
    planned = plan_scaffold(template_dir, target, {"project_name": "shop"})
    write_scaffold(planned, {"project_name": "shop"})
    assert (target / "shop" / "conf.py").read_text() == "NAME = 'shop'\n"
    assert (target / "raw.txt").read_text() == "{{ not rendered }}"
    assert (target / "run.sh").read_text() == "echo shop"
    assert os.access(target / "run.sh", os.X_OK)
    assert not (target / "__pycache__").exists()


def test_scaffold_refuses_existing_files_before_writing(
    template_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "out"
    target.mkdir()
    (target / "raw.txt").write_text("mine")
    with pytest.raises(CommandError, match="Refusing to overwrite"):
        plan_scaffold(template_dir, target, {"project_name": "shop"})
    assert (target / "raw.txt").read_text() == "mine"
    assert not (target / "shop").exists()
