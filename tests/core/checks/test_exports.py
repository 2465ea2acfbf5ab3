"""The public surface of the checks, management, env and staticfiles packages."""

from __future__ import annotations

import importlib
import inspect

import pytest

MODULES = [
    "framework.conf.env",
    "framework.contrib.staticfiles",
    "framework.contrib.staticfiles.finders",
    "framework.contrib.staticfiles.handlers",
    "framework.core.checks",
    "framework.core.checks.messages",
    "framework.core.checks.registry",
    "framework.core.management",
    "framework.core.management.base",
    "framework.core.management.color",
    "framework.core.management.templates",
]


@pytest.mark.parametrize("name", MODULES)
def test_all_names_exist_and_are_unique(name: str) -> None:
    module = importlib.import_module(name)
    exported = module.__all__
    assert len(exported) == len(set(exported))
    missing = [n for n in exported if not hasattr(module, n)]
    assert missing == []


def test_checks_package_exports_every_public_name() -> None:
    module = importlib.import_module("framework.core.checks")
    public = {
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and not inspect.ismodule(value)
        and name != "annotations"
    }
    assert public == set(module.__all__)
