"""Tests for framework.contrib.staticfiles.finders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from framework.contrib.staticfiles import find
from framework.contrib.staticfiles.finders import (
    StaticRoot,
    check_finders,
    find_in_roots,
    get_search_roots,
    is_safe_path,
)
from framework.core.exceptions import ImproperlyConfigured
from framework.test.utils import SettingsWrapper


@pytest.fixture
def roots(tmp_path: Path) -> list[StaticRoot]:
    first = tmp_path / "first"
    second = tmp_path / "second"
    vendor = tmp_path / "vendor"
    for folder in (first / "css", second / "css", vendor / "lib"):
        folder.mkdir(parents=True)
    (first / "css" / "site.css").write_text("first")
    (second / "css" / "site.css").write_text("second")
    (second / "css" / "only.css").write_text("only")
    (vendor / "lib" / "x.js").write_text("x")
    (tmp_path / "secret.txt").write_text("secret")
    return [
        StaticRoot("", first),
        StaticRoot("", second),
        StaticRoot("vendor", vendor),
    ]


def test_first_root_wins(roots: list[StaticRoot]) -> None:
    found = find_in_roots(roots, "css/site.css")
    assert found is not None and Path(found).read_text() == "first"
    assert Path(found).is_absolute()


def test_later_roots_are_searched(roots: list[StaticRoot]) -> None:
    found = find_in_roots(roots, "css/only.css")
    assert found is not None and Path(found).read_text() == "only"


def test_prefixed_root(roots: list[StaticRoot]) -> None:
    assert find_in_roots(roots, "vendor/lib/x.js") is not None
    assert find_in_roots(roots, "lib/x.js") is None


def test_missing_file_and_folders_are_none(roots: list[StaticRoot]) -> None:
    assert find_in_roots(roots, "css/none.css") is None
    assert find_in_roots(roots, "css") is None
    assert find_in_roots(roots, "css/") is None


@pytest.mark.parametrize(
    "path",
    [
        "../secret.txt",
        "css/../../secret.txt",
        "..",
        "/etc/passwd",
        "\\secret.txt",
        "css\\..\\..\\secret.txt",
        "css/site.css\x00.png",
        "%2e%2e/secret.txt",
        "css%2f..%2f..%2fsecret.txt",
        "%2e%2e%5csecret.txt",
        "%00",
        "C:/Windows/win.ini",
        "",
    ],
)
def test_traversal_attempts_are_refused(roots: list[StaticRoot], path: str) -> None:
    assert not is_safe_path(path)
    assert find_in_roots(roots, path) is None


def test_symlink_out_of_the_root_is_refused(
    roots: list[StaticRoot], tmp_path: Path
) -> None:
    os.symlink(tmp_path / "secret.txt", roots[0].folder / "css" / "leak.txt")
    assert is_safe_path("css/leak.txt")
    assert find_in_roots(roots, "css/leak.txt") is None


def test_find_uses_staticfiles_dirs(
    settings: SettingsWrapper, roots: list[StaticRoot]
) -> None:
    settings.STATICFILES_DIRS = [
        str(roots[1].folder),
        ("vendor", roots[2].folder),
    ]
    found = find("css/site.css")
    assert found is not None and Path(found).read_text() == "second"
    assert find("vendor/lib/x.js") is not None
    assert find("../secret.txt") is None


def test_bad_staticfiles_dirs_entry(settings: SettingsWrapper) -> None:
    settings.STATICFILES_DIRS = [("a", "b", "c")]
    with pytest.raises(ImproperlyConfigured, match="prefix, folder"):
        get_search_roots()
    [message] = check_finders()
    assert message.id == "staticfiles.E001"


def test_missing_staticfiles_dir_warns(
    settings: SettingsWrapper, tmp_path: Path
) -> None:
    settings.STATICFILES_DIRS = [tmp_path, tmp_path / "missing"]
    [message] = check_finders()
    assert message.id == "staticfiles.W004"
    assert "missing" in message.msg
