"""The wheel, installed non-editable into a fresh venv, scaffolds and serves."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.servers.sites import clean_env, fetch, free_port, serve

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("packaging")]

ROOT = Path(__file__).resolve().parent.parent


def run(args: list[str], cwd: Path) -> str:
    result = subprocess.run(
        args, cwd=cwd, env=clean_env(), capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(ROOT),
        ],
        ROOT,
    )
    (built,) = out.glob("framework-*.whl")
    return built


def test_wheel_carries_templates_and_static(wheel: Path) -> None:
    import zipfile

    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "framework/project_template/manage.py-tpl",
        "framework/project_template/project_name/settings.py-tpl",
        "framework/app_template/apps.py-tpl",
        "framework/app_template/migrations/__init__.py-tpl",
        "framework/views/templates/technical_500.html",
        "framework/py.typed",
    ):
        assert required in names, f"{required} missing from the wheel"


def test_fresh_venv_install_scaffolds_and_serves(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = str(env_dir / "bin" / "python")
    run([python, "-m", "pip", "install", "-q", str(wheel)], tmp_path)
    run([str(env_dir / "bin" / "framework-admin"), "startproject", "shop"], tmp_path)
    site = tmp_path / "shop"
    run([python, "manage.py", "startapp", "catalog"], site)
    assert "no issues" in run([python, "manage.py", "check"], site)
    port = free_port()
    command = [
        python,
        "-m",
        "uvicorn",
        "shop.asgi:application",
        "--port",
        str(port),
        "--lifespan",
        "on",
    ]
    with serve(command, site, port, clean_env(DEBUG="1"), probe="/") as base:
        status, _, body = fetch(base + "/")
        assert status == 200
        assert b"shop" in body or b"install worked" in body.lower()
    # The generated project's own tests pass out of the box.
    run(
        [str(env_dir / "bin" / "python"), "-m", "pip", "install", "-q", "pytest"],
        tmp_path,
    )
    assert "passed" in run(
        [python, "-m", "pytest", "-q", "-p", "no:cacheprovider"], site
    )
