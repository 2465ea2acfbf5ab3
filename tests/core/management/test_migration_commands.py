"""makemigrations, migrate, showmigrations, sqlmigrate and dbshell, run as users do.

Each test scaffolds a project (``startproject mysite``, ``startapp blog``, a
Post model) and drives ``manage.py`` in subprocesses against its SQLite file.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.core.management.cli import add_installed_app, cli_env, make_project, run_cli

POST_MODEL = """
from framework.db import models


class Post(models.Model):
    title = models.CharField(max_length=250)
    slug = models.SlugField(max_length=250)
    body = models.TextField()

    def __str__(self):
        return self.title
"""


def _site(tmp_path: Path, model: str = POST_MODEL) -> Path:
    root = make_project(tmp_path)
    result = run_cli("manage.py", "startapp", "blog", cwd=root)
    assert result.returncode == 0, result.stderr
    (root / "blog" / "models.py").write_text(model)
    add_installed_app(root, "blog")
    return root


def _manage(root: Path, *args: str, stdin: str | None = None) -> tuple[int, str]:
    if stdin is None:
        result = run_cli("manage.py", *args, cwd=root)
    else:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=root,
            env=cli_env(),
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    return result.returncode, result.stdout + result.stderr


def _columns(root: Path, table: str) -> list[str]:
    with sqlite3.connect(root / "db.sqlite3") as db:
        return [row[1] for row in db.execute(f"PRAGMA table_info({table})")]


def _edit_model(root: Path, old: str, new: str) -> None:
    path = root / "blog" / "models.py"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return _site(tmp_path)


def test_full_cycle_forwards_backwards_and_again(site: Path) -> None:
    code, out = _manage(site, "makemigrations", "blog")
    assert code == 0, out
    assert "Migrations for 'blog':" in out and "Create model Post" in out
    assert (site / "blog" / "migrations" / "0001_initial.py").exists()

    code, out = _manage(site, "migrate")
    assert code == 0, out
    assert "Applying blog.0001_initial... OK" in out
    code, out = _manage(site, "migrate")
    assert code == 0 and "No migrations to apply." in out
    assert {"id", "title", "slug", "body"} <= set(_columns(site, "blog_post"))

    code, out = _manage(site, "showmigrations", "blog")
    assert code == 0 and "[X] 0001_initial" in out

    _edit_model(
        site,
        "    body = models.TextField()\n",
        "    body = models.TextField()\n"
        "    published = models.BooleanField(default=False)\n",
    )
    code, out = _manage(site, "makemigrations", "blog")
    assert code == 0, out
    assert (site / "blog" / "migrations" / "0002_post_published.py").exists()
    code, out = _manage(site, "sqlmigrate", "blog", "0002")
    assert code == 0 and "published" in out, out
    code, out = _manage(site, "migrate")
    assert code == 0 and "published" in _columns(site, "blog_post"), out

    code, out = _manage(site, "migrate", "blog", "0001")
    assert code == 0 and "Unapplying blog.0002_post_published... OK" in out, out
    assert "published" not in _columns(site, "blog_post")
    code, out = _manage(site, "showmigrations", "blog")
    assert "[X] 0001_initial" in out and "[ ] 0002_post_published" in out

    code, out = _manage(site, "migrate", "blog", "zero")
    assert code == 0, out
    assert "blog_post" not in _tables(site)
    code, out = _manage(site, "migrate")
    assert code == 0 and "published" in _columns(site, "blog_post"), out


def _tables(root: Path) -> set[str]:
    with sqlite3.connect(root / "db.sqlite3") as db:
        return {r[0] for r in db.execute("SELECT name FROM sqlite_master")}


def test_migration_file_is_ruff_clean_and_deterministic(site: Path) -> None:
    _manage(site, "makemigrations", "blog")
    path = site / "blog" / "migrations" / "0001_initial.py"
    first = path.read_text()
    path.unlink()
    _manage(site, "makemigrations", "blog")
    assert path.read_text() == first
    ruff = Path(__file__).resolve().parents[3] / ".venv" / "bin" / "ruff"
    if ruff.exists():
        result = run_cli(
            "-m", "ruff", "check", "--select", "E,F,W,I", str(path), cwd=site
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_check_dry_run_and_no_changes(site: Path) -> None:
    code, out = _manage(site, "makemigrations", "--check")
    assert code == 1 and "Migrations for 'blog':" in out
    assert not (site / "blog" / "migrations" / "0001_initial.py").exists()
    code, out = _manage(site, "makemigrations", "--dry-run", "-v", "3")
    assert code == 0 and "class Migration(migrations.Migration):" in out
    assert not (site / "blog" / "migrations" / "0001_initial.py").exists()
    _manage(site, "makemigrations")
    code, out = _manage(site, "makemigrations", "--check")
    assert code == 0 and "No changes detected" in out


def test_migrate_warns_about_unmigrated_model_changes(site: Path) -> None:
    _manage(site, "makemigrations", "blog")
    _manage(site, "migrate")
    _edit_model(
        site,
        "    body = models.TextField()\n",
        "    body = models.TextField()\n    n = models.IntegerField(default=0)\n",
    )
    code, out = _manage(site, "migrate")
    assert code == 0
    assert "Your models in app(s): 'blog' have changes" in out
    assert "manage.py makemigrations" in out


def test_plan_fake_and_unknown_targets(site: Path) -> None:
    _manage(site, "makemigrations", "blog")
    code, out = _manage(site, "migrate", "--plan")
    assert code == 0 and "blog.0001_initial" in out and "Create model Post" in out
    assert "blog_post" not in _tables(site)
    code, out = _manage(site, "migrate", "blog", "--fake")
    assert code == 0 and "FAKED" in out
    assert "blog_post" not in _tables(site)
    code, out = _manage(site, "migrate", "nope")
    assert code == 1 and "App 'nope' could not be found" in out
    code, out = _manage(site, "migrate", "blog", "0042")
    assert code == 1 and "showmigrations blog" in out


def test_non_null_field_without_default(site: Path) -> None:
    _manage(site, "makemigrations", "blog")
    _edit_model(
        site,
        "    body = models.TextField()\n",
        "    body = models.TextField()\n    rank = models.IntegerField()\n",
    )
    code, out = _manage(site, "makemigrations", "--noinput")
    assert code == 1
    assert "default" in out and "null=True" in out
    code, out = _manage(site, "makemigrations", stdin="1\n7\n")
    assert code == 0, out
    text = (site / "blog" / "migrations" / "0002_post_rank.py").read_text()
    assert "default=7" in text and "preserve_default=False" in text


def test_rename_is_asked_interactively(site: Path) -> None:
    _edit_model(
        site, "max_length=250)\n    slug", 'max_length=250, default="")\n    slug'
    )
    _manage(site, "makemigrations", "blog")
    _edit_model(site, "    title = models.CharField", "    headline = models.CharField")
    code, out = _manage(site, "makemigrations", "--dry-run", "--noinput")
    assert code == 0 and "Remove field title" in out and "Add field headline" in out
    code, out = _manage(site, "makemigrations", stdin="y\n")
    assert code == 0, out
    assert "Was Post.title renamed to Post.headline (a CharField)? [y/N]" in out
    assert "Rename field title on Post to headline" in out
    code, out = _manage(site, "migrate")
    assert code == 0 and "headline" in _columns(site, "blog_post"), out


def test_conflicting_leaves_are_reported_and_merged(site: Path) -> None:
    _manage(site, "makemigrations", "blog")
    folder = site / "blog" / "migrations"
    for name in ("0002_a", "0002_b"):
        (folder / f"{name}.py").write_text(
            "from framework.db import migrations\n\n\n"
            "class Migration(migrations.Migration):\n"
            '    dependencies = [("blog", "0001_initial")]\n'
            "    operations = []\n"
        )
    code, out = _manage(site, "migrate")
    assert code == 1
    assert (
        "Conflicting migrations detected; multiple leaf nodes in the migration graph: "
        "(0002_a, 0002_b in blog). To fix them run "
        "'python manage.py makemigrations --merge'"
    ) in out
    code, out = _manage(site, "makemigrations", "--merge", "--noinput")
    assert code == 0, out
    code, out = _manage(site, "migrate")
    assert code == 0 and "Applying blog.0003_merge_0002_a_0002_b... OK" in out, out


def test_dbshell_without_client_binary(site: Path) -> None:
    env = cli_env(PATH="/nonexistent")
    result = subprocess.run(
        [sys.executable, "manage.py", "dbshell"],
        cwd=site,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "'sqlite3' program installed" in result.stderr
