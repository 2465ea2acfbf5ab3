"""Render the project and app scaffolds used by ``startproject`` and ``startapp``.

The scaffolds are the ``project_template/`` and ``app_template/`` folders that
ship inside the wheel next to the ``framework`` package (or sit at the root of a
source checkout). Files ending in ``-tpl`` are Jinja2 templates; the suffix is
dropped on output. A folder called ``project_name`` takes the project's name.
Nothing is written until every target path has been checked, so a refused run
leaves no half-made project behind.
"""

from __future__ import annotations

import importlib.util
import keyword
import os
import secrets
import string
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

import framework
from framework.core.management.base import CommandError

__all__ = [
    "TEMPLATE_SUFFIX",
    "ScaffoldFile",
    "app_context",
    "find_template_dir",
    "get_random_secret_key",
    "plan_scaffold",
    "project_context",
    "resolve_target",
    "validate_name",
    "write_scaffold",
]

TEMPLATE_SUFFIX = "-tpl"
_EXAMPLES = {"project": "mysite", "app": "blog"}
# No quotes or backslashes, so the key can sit inside a Python string literal.
_KEY_CHARS = string.ascii_letters + string.digits + "!@#$%^&*(-_=+)"
_SKIPPED_DIRS = frozenset({"__pycache__"})
_SKIPPED_SUFFIXES = (".pyc", ".pyo")


@dataclass(frozen=True)
class ScaffoldFile:
    """One file of a scaffold: where it comes from, where it goes, render or copy."""

    source: Path
    target: Path
    render: bool


def validate_name(name: str, kind: str) -> None:
    """Refuse names that cannot be imported or would shadow another module."""
    example = _EXAMPLES.get(kind, "mysite")
    if name == example:
        example = f"my_{example}"
    fix = f"Choose another name such as {example}."
    a_kind = f"an {kind}" if kind[:1] in "aeiou" else f"a {kind}"
    if not name.isidentifier():
        raise CommandError(
            f"{name!r} cannot be {a_kind} name: use only letters, digits and "
            f"underscores, not starting with a digit. {fix}"
        )
    if keyword.iskeyword(name):
        raise CommandError(
            f"{name!r} is a Python keyword and cannot be {a_kind} name. {fix}"
        )
    if _shadows_module(name):
        raise CommandError(
            f"{name!r} conflicts with the name of an existing Python module and "
            f"cannot be used as {a_kind} name. {fix}"
        )


def _shadows_module(name: str) -> bool:
    if name in sys.stdlib_module_names or name in sys.builtin_module_names:
        return True
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return False
    if spec is None:
        return False
    # A bare folder in the working directory is a namespace package on paper,
    # but it is not a module anyone imports; the target checks handle it.
    locations = list(spec.submodule_search_locations or [])
    cwd = Path.cwd().resolve()
    is_namespace = spec.origin in (None, "namespace")
    return not (
        is_namespace
        and locations
        and all(Path(p).resolve().parent == cwd for p in locations)
    )


def find_template_dir(kind: str) -> Path:
    """Locate ``project_template`` or ``app_template`` for this installation."""
    package_dir = Path(framework.__file__).resolve().parent
    for candidate in (package_dir / kind, package_dir.parent / kind):
        if candidate.is_dir():
            return candidate
    raise CommandError(
        f"Cannot find the {kind} folder next to {package_dir}. Reinstall the "
        "framework package (pip install --force-reinstall framework)."
    )


def resolve_target(name: str, directory: str | None) -> Path:
    """Return the folder to write into: ``DIR`` if given, else ``./NAME``."""
    if directory is None:
        target = Path.cwd() / name
        # A bad name (say "../x") is reported by validate_name, not here.
        if name.isidentifier() and target.exists():
            raise CommandError(
                f"{str(target)!r} already exists. Remove it, or give a target "
                f"folder as the second argument (e.g. '.')."
            )
        return target
    target = Path(directory).expanduser().resolve()
    if target.exists() and not target.is_dir():
        raise CommandError(f"{str(target)!r} exists and is not a folder.")
    return target


def get_random_secret_key(length: int = 50) -> str:
    """Return a random key for a new project's ``SECRET_KEY`` fallback."""
    return "".join(secrets.choice(_KEY_CHARS) for _ in range(length))


def project_context(name: str) -> dict[str, Any]:
    """Return the template variables for a new project."""
    return {
        "project_name": name,
        "secret_key": get_random_secret_key(),
        "framework_version": framework.__version__,
    }


def app_context(name: str) -> dict[str, Any]:
    """Return the template variables for a new app."""
    return {
        "app_name": name,
        "camel_case_app_name": "".join(p.capitalize() for p in name.split("_")),
        "framework_version": framework.__version__,
    }


def plan_scaffold(
    template_dir: Path, target: Path, rename: Mapping[str, str]
) -> list[ScaffoldFile]:
    """List the files to write; refuse if any of them already exists."""
    planned = [
        _plan_file(source, template_dir, target, rename)
        for source in sorted(template_dir.rglob("*"))
        if source.is_file() and not _skipped(source.relative_to(template_dir))
    ]
    existing = [str(p.target) for p in planned if p.target.exists()]
    if existing:
        shown = ", ".join(existing[:3]) + (" ..." if len(existing) > 3 else "")
        raise CommandError(
            f"Refusing to overwrite existing files: {shown}. Choose an empty "
            "folder or remove them first."
        )
    return planned


def _skipped(relative: Path) -> bool:
    return bool(_SKIPPED_DIRS & set(relative.parts)) or relative.name.endswith(
        _SKIPPED_SUFFIXES
    )


def _plan_file(
    source: Path, template_dir: Path, target: Path, rename: Mapping[str, str]
) -> ScaffoldFile:
    parts = [rename.get(p, p) for p in source.relative_to(template_dir).parts]
    render = parts[-1].endswith(TEMPLATE_SUFFIX)
    if render:
        parts[-1] = parts[-1].removesuffix(TEMPLATE_SUFFIX)
    return ScaffoldFile(source, target.joinpath(*parts), render)


def write_scaffold(planned: list[ScaffoldFile], context: Mapping[str, Any]) -> None:
    """Render or copy each planned file, creating folders as needed."""
    env = jinja2.Environment(
        keep_trailing_newline=True, undefined=jinja2.StrictUndefined
    )
    for item in planned:
        item.target.parent.mkdir(parents=True, exist_ok=True)
        if item.render:
            text = env.from_string(item.source.read_text(encoding="utf-8"))
            item.target.write_text(
                text.render(**context), encoding="utf-8", newline="\n"
            )
        else:
            item.target.write_bytes(item.source.read_bytes())
        if os.access(item.source, os.X_OK) or item.target.name == "manage.py":
            item.target.chmod(0o755)
