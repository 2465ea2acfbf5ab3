"""Fixtures: an engine over a temporary template folder, and a small URLconf."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from framework.template import engines
from framework.template.backends.jinja2 import Jinja2

BACKEND = "framework.template.backends.jinja2.Jinja2"


@pytest.fixture(autouse=True)
def _urlconf(settings: Any) -> None:
    settings.ROOT_URLCONF = "tests.template.urls"


@pytest.fixture
def make_engine(tmp_path: Path, settings: Any) -> Callable[..., Jinja2]:
    """Write ``{name: source}`` under tmp_path and configure one Jinja2 engine."""

    def make(files: dict[str, str] | None = None, **options: Any) -> Jinja2:
        for name, text in (files or {}).items():
            target = tmp_path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text)
        settings.TEMPLATES = [
            {"BACKEND": BACKEND, "DIRS": [str(tmp_path)], "OPTIONS": options}
        ]
        engine = engines["jinja2"]
        assert isinstance(engine, Jinja2)
        return engine

    return make
